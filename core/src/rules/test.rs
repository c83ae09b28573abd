//! The closed set of criterion tests. Rule files choose among them; there is no
//! expression language and no code in rule files.

use crate::date::YearDate;
use crate::evidence::Indicator;
use crate::unit::Kind;
use serde::{Deserialize, Serialize};

/// How a required count is rounded from a percentage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// Round up: 70% of 25 needs 18 (DOMAIN §3.3, CW-4).
    #[default]
    Up,
    /// Round down.
    Down,
}

impl Rounding {
    /// The count needed out of `n` for `percent` (0–100) percent.
    ///
    /// ```
    /// use antq::Rounding;
    /// assert_eq!(Rounding::Up.required(25, 70), 18);
    /// assert_eq!(Rounding::Down.required(25, 70), 17);
    /// ```
    pub fn required(self, n: u64, percent: u8) -> u64 {
        let num = u128::from(n) * u128::from(percent);
        let v = match self {
            Rounding::Up => num.div_ceil(100),
            Rounding::Down => num / 100,
        };
        u64::try_from(v).unwrap_or(u64::MAX)
    }

    /// `↑` for up, `↓` for down: the rounding in a language-neutral threshold.
    pub fn arrow(self) -> &'static str {
        match self {
            Rounding::Up => "↑",
            Rounding::Down => "↓",
        }
    }
}

/// What a roll-up counts among a unit's children.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChildMeasure {
    /// Children that registered (have a registration date in the year's evidence).
    Registered,
    /// Children recognised as meeting the standard under the same rule set and year.
    Recognised,
}

/// A criterion's test.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "test", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Test {
    /// A date indicator falls on or before `by` (and on or after `not_before`, if given).
    Deadline {
        /// A date indicator.
        indicator: Indicator,
        /// Last allowed day, relative to the year (`Y-03-31` for "in Q1").
        by: YearDate,
        /// First allowed day, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        not_before: Option<YearDate>,
    },
    /// A count indicator is at least `min`.
    AtLeast {
        /// A count indicator.
        indicator: Indicator,
        /// Smallest passing value.
        min: u64,
    },
    /// A count indicator is at most `max`.
    AtMost {
        /// A count indicator.
        indicator: Indicator,
        /// Largest passing value.
        max: u64,
    },
    /// `numerator` reaches `min_percent` of `denominator`, the needed count rounded as declared.
    Ratio {
        /// The count that must reach the share.
        numerator: Indicator,
        /// The whole.
        denominator: Indicator,
        /// Share needed, 0–100.
        min_percent: u8,
        /// How the needed count is rounded.
        #[serde(default)]
        rounding: Rounding,
    },
    /// A flag indicator has the given value.
    Flag {
        /// A flag indicator.
        indicator: Indicator,
        /// The value that passes.
        equals: bool,
    },
    /// No incident of these categories happened in the unit's window.
    NoEvents {
        /// Category ids declared in the rule set.
        categories: Vec<String>,
        /// Count incidents of the unit's descendants too ("over the whole commune").
        #[serde(default)]
        include_descendants: bool,
    },
    /// The review records yes / no / unknown under `key` (the criterion id when left out).
    Attested {
        /// Key in the evidence's `attested` table.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        key: Option<String>,
    },
    /// A share of the unit's in-scope children of `kinds` registered or were recognised.
    Children {
        /// Child kinds counted.
        kinds: Vec<Kind>,
        /// What is counted.
        measure: ChildMeasure,
        /// Share needed, 0–100.
        min_percent: u8,
        /// How the needed count is rounded.
        #[serde(default)]
        rounding: Rounding,
    },
    /// A points item scored by the unit and the reviewer, at most `max`.
    Points {
        /// Maximum points of the item.
        max: crate::Points,
    },
    /// Points deducted per incident of these categories in the window, at most `max` in all.
    Deduction {
        /// Category ids.
        categories: Vec<String>,
        /// Points taken per incident.
        per_event: crate::Points,
        /// Most points taken in all.
        max: crate::Points,
    },
    /// At least `k` of the sub-tests pass.
    KOfN {
        /// How many must pass.
        k: u32,
        /// The sub-tests.
        of: Vec<Test>,
    },
    /// Every sub-test passes.
    All {
        /// The sub-tests.
        of: Vec<Test>,
    },
    /// At least one sub-test passes.
    Any {
        /// The sub-tests.
        of: Vec<Test>,
    },
}

impl Test {
    /// Whether the test scores points (a sheet item) rather than passing or failing.
    pub fn is_points(&self) -> bool {
        matches!(self, Test::Points { .. } | Test::Deduction { .. })
    }

    /// The test and all its sub-tests, depth first (without recursion, so any nesting is safe).
    pub fn walk(&self) -> Vec<&Test> {
        let mut out = Vec::new();
        let mut stack = vec![self];
        while let Some(t) = stack.pop() {
            out.push(t);
            if let Test::KOfN { of, .. } | Test::All { of } | Test::Any { of } = t {
                stack.extend(of.iter().rev());
            }
        }
        out
    }

    /// Nesting depth (1 for a leaf), found without recursion: it is what the validation
    /// compares with `max_test_depth` before anything recurses into the test.
    pub fn depth(&self) -> usize {
        let mut max = 0;
        let mut stack = vec![(self, 1usize)];
        while let Some((t, d)) = stack.pop() {
            max = max.max(d);
            if let Test::KOfN { of, .. } | Test::All { of } | Test::Any { of } = t {
                stack.extend(of.iter().map(|c| (c, d + 1)));
            }
        }
        max
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walk_and_depth_need_no_recursion() {
        let leaf = || Test::Attested { key: None };
        let t = Test::All { of: vec![Test::Any { of: vec![leaf(), leaf()] }, leaf()] };
        assert_eq!(t.depth(), 3);
        let kinds: Vec<&str> = t
            .walk()
            .iter()
            .map(|t| match t {
                Test::All { .. } => "all",
                Test::Any { .. } => "any",
                _ => "leaf",
            })
            .collect();
        assert_eq!(kinds, ["all", "any", "leaf", "leaf", "leaf"]);
        // Far deeper than any stack would allow by recursion.
        let mut deep = leaf();
        for _ in 0..200_000 {
            deep = Test::All { of: vec![deep] };
        }
        assert_eq!(deep.depth(), 200_001);
        assert_eq!(deep.walk().len(), 200_001);
        // Dropping is recursive in Rust: take it apart level by level.
        while let Test::All { mut of } = deep {
            deep = of.pop().unwrap_or(Test::Attested { key: None });
        }
    }
}
