//! The closed set of criterion tests. Rule files choose among them; there is no
//! expression language and no code in rule files.

use crate::model::date::YearDate;
use crate::model::evidence::Indicator;
use crate::model::unit::Kind;
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
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
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
    /// A points item scored by the unit and the reviewer, at most `max`. Where the rule
    /// states a condition ("propaganda reaching ≥ 90%: 3 points"), `when` computes the item
    /// from evidence: `max` when it is met, 0 when it is not; the reviewer's score is kept
    /// beside it, and a disagreement is shown, never silently resolved.
    Points {
        /// Maximum points of the item.
        max: crate::Points,
        /// The condition that earns the item, when the rule states one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        when: Option<Box<Test>>,
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

/// The file form of a test: one flat record whose `test` says which of the other fields
/// it must have. Read as a plain struct (serde's internally tagged enums buffer the whole
/// record and instantiate every nested type twice), then checked by [`Test::try_from`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTest {
    test: TestType,
    indicator: Option<Indicator>,
    by: Option<YearDate>,
    not_before: Option<YearDate>,
    min: Option<u64>,
    /// A count for `at_most`, points for `points` and `deduction`.
    max: Option<RawMax>,
    numerator: Option<Indicator>,
    denominator: Option<Indicator>,
    min_percent: Option<u8>,
    rounding: Option<Rounding>,
    equals: Option<bool>,
    categories: Option<Vec<String>>,
    include_descendants: Option<bool>,
    key: Option<String>,
    kinds: Option<Vec<Kind>>,
    measure: Option<ChildMeasure>,
    per_event: Option<crate::Points>,
    k: Option<u32>,
    of: Option<Vec<Test>>,
    when: Option<Box<Test>>,
}

/// `max` as written: a whole count (any `u64`, for `at_most`) or points (two decimals).
#[derive(Debug, Clone, Copy)]
enum RawMax {
    Count(u64),
    Points(crate::Points),
}

impl RawMax {
    fn points(self) -> Result<crate::Points, String> {
        use serde::de::IntoDeserializer;
        match self {
            RawMax::Points(p) => Ok(p),
            RawMax::Count(c) => {
                crate::Points::deserialize(c.into_deserializer()).map_err(|e: serde::de::value::Error| e.to_string())
            }
        }
    }

    fn count(self) -> Result<u64, String> {
        match self {
            RawMax::Count(c) => Ok(c),
            RawMax::Points(p) => p
                .whole()
                .and_then(|m| u64::try_from(m).ok())
                .ok_or_else(|| format!("`max` of test `at_most` must be a whole count, not {p}")),
        }
    }
}

impl<'de> Deserialize<'de> for RawMax {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = RawMax;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a number")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<RawMax, E> {
                Ok(RawMax::Count(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<RawMax, E> {
                use serde::de::IntoDeserializer;
                match u64::try_from(v) {
                    Ok(c) => Ok(RawMax::Count(c)),
                    Err(_) => crate::Points::deserialize(v.into_deserializer()).map(RawMax::Points),
                }
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<RawMax, E> {
                use serde::de::IntoDeserializer;
                crate::Points::deserialize(v.into_deserializer()).map(RawMax::Points)
            }
        }
        d.deserialize_any(V)
    }
}

/// The `test` of a criterion.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum TestType {
    Deadline,
    AtLeast,
    AtMost,
    Ratio,
    Flag,
    NoEvents,
    Attested,
    Children,
    Points,
    Deduction,
    KOfN,
    All,
    Any,
}

impl<'de> Deserialize<'de> for Test {
    /// Read through the flat `RawTest` form (see there), then checked.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        RawTest::deserialize(d)?.try_into().map_err(serde::de::Error::custom)
    }
}

impl TryFrom<RawTest> for Test {
    type Error = String;

    fn try_from(r: RawTest) -> Result<Self, String> {
        use TestType as T;
        let (name, fields): (&str, &[&str]) = match r.test {
            T::Deadline => ("deadline", &["indicator", "by", "not_before"]),
            T::AtLeast => ("at_least", &["indicator", "min"]),
            T::AtMost => ("at_most", &["indicator", "max"]),
            T::Ratio => ("ratio", &["numerator", "denominator", "min_percent", "rounding"]),
            T::Flag => ("flag", &["indicator", "equals"]),
            T::NoEvents => ("no_events", &["categories", "include_descendants"]),
            T::Attested => ("attested", &["key"]),
            T::Children => ("children", &["kinds", "measure", "min_percent", "rounding"]),
            T::Points => ("points", &["max", "when"]),
            T::Deduction => ("deduction", &["categories", "per_event", "max"]),
            T::KOfN => ("k_of_n", &["k", "of"]),
            T::All => ("all", &["of"]),
            T::Any => ("any", &["of"]),
        };
        let present = [
            ("indicator", r.indicator.is_some()),
            ("by", r.by.is_some()),
            ("not_before", r.not_before.is_some()),
            ("min", r.min.is_some()),
            ("max", r.max.is_some()),
            ("numerator", r.numerator.is_some()),
            ("denominator", r.denominator.is_some()),
            ("min_percent", r.min_percent.is_some()),
            ("rounding", r.rounding.is_some()),
            ("equals", r.equals.is_some()),
            ("categories", r.categories.is_some()),
            ("include_descendants", r.include_descendants.is_some()),
            ("key", r.key.is_some()),
            ("kinds", r.kinds.is_some()),
            ("measure", r.measure.is_some()),
            ("per_event", r.per_event.is_some()),
            ("k", r.k.is_some()),
            ("of", r.of.is_some()),
            ("when", r.when.is_some()),
        ];
        let what = format!("test `{name}`");
        crate::read::raw::only_fields(&what, fields, &present)?;
        let need = |f: &str| crate::read::raw::missing(&what, f);
        let indicator = || r.indicator.ok_or_else(|| need("indicator"));
        Ok(match r.test {
            T::Deadline => Test::Deadline {
                indicator: indicator()?,
                by: r.by.ok_or_else(|| need("by"))?,
                not_before: r.not_before,
            },
            T::AtLeast => Test::AtLeast { indicator: indicator()?, min: r.min.ok_or_else(|| need("min"))? },
            T::AtMost => Test::AtMost { indicator: indicator()?, max: r.max.ok_or_else(|| need("max"))?.count()? },
            T::Ratio => Test::Ratio {
                numerator: r.numerator.ok_or_else(|| need("numerator"))?,
                denominator: r.denominator.ok_or_else(|| need("denominator"))?,
                min_percent: r.min_percent.ok_or_else(|| need("min_percent"))?,
                rounding: r.rounding.unwrap_or_default(),
            },
            T::Flag => Test::Flag { indicator: indicator()?, equals: r.equals.ok_or_else(|| need("equals"))? },
            T::NoEvents => Test::NoEvents {
                categories: r.categories.ok_or_else(|| need("categories"))?,
                include_descendants: r.include_descendants.unwrap_or(false),
            },
            T::Attested => Test::Attested { key: r.key },
            T::Children => Test::Children {
                kinds: r.kinds.ok_or_else(|| need("kinds"))?,
                measure: r.measure.ok_or_else(|| need("measure"))?,
                min_percent: r.min_percent.ok_or_else(|| need("min_percent"))?,
                rounding: r.rounding.unwrap_or_default(),
            },
            T::Points => Test::Points { max: r.max.ok_or_else(|| need("max"))?.points()?, when: r.when },
            T::Deduction => Test::Deduction {
                categories: r.categories.ok_or_else(|| need("categories"))?,
                per_event: r.per_event.ok_or_else(|| need("per_event"))?,
                max: r.max.ok_or_else(|| need("max"))?.points()?,
            },
            T::KOfN => Test::KOfN { k: r.k.ok_or_else(|| need("k"))?, of: r.of.ok_or_else(|| need("of"))? },
            T::All => Test::All { of: r.of.ok_or_else(|| need("of"))? },
            T::Any => Test::Any { of: r.of.ok_or_else(|| need("of"))? },
        })
    }
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
            match t {
                Test::KOfN { of, .. } | Test::All { of } | Test::Any { of } => stack.extend(of.iter().rev()),
                Test::Points { when: Some(w), .. } => stack.push(w),
                _ => {}
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
            match t {
                Test::KOfN { of, .. } | Test::All { of } | Test::Any { of } => {
                    stack.extend(of.iter().map(|c| (c, d + 1)))
                }
                Test::Points { when: Some(w), .. } => stack.push((w, d + 1)),
                _ => {}
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
