//! Typed errors: every error has a stable machine code and says where it is.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Where a problem is: file, line and column, field path, unit, criterion.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Location {
    /// File or source name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// 1-based line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 1-based column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// Field path inside the document, e.g. `units[3].kind`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The unit concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The criterion concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criterion: Option<String>,
}

impl Location {
    /// A location naming only a field path.
    pub fn path(p: impl Into<String>) -> Self {
        Location { path: Some(p.into()), ..Self::default() }
    }

    /// Names the unit concerned.
    pub fn with_unit(mut self, u: impl Into<String>) -> Self {
        self.unit = Some(u.into());
        self
    }

    /// Names the criterion concerned.
    pub fn with_criterion(mut self, c: impl Into<String>) -> Self {
        self.criterion = Some(c.into());
        self
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = Vec::new();
        match (&self.file, self.line, self.column) {
            (Some(file), Some(l), Some(c)) => parts.push(format!("{file}:{l}:{c}")),
            (Some(file), Some(l), None) => parts.push(format!("{file}:{l}")),
            (Some(file), None, _) => parts.push(file.clone()),
            (None, Some(l), Some(c)) => parts.push(format!("line {l}, column {c}")),
            (None, Some(l), None) => parts.push(format!("line {l}")),
            _ => {}
        }
        if let Some(p) = &self.path {
            parts.push(format!("at `{p}`"));
        }
        if let Some(u) = &self.unit {
            parts.push(format!("unit `{u}`"));
        }
        if let Some(c) = &self.criterion {
            parts.push(format!("criterion `{c}`"));
        }
        f.write_str(&parts.join(", "))
    }
}

/// The stable code of one problem found in a rule set or dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ProblemCode {
    /// The text is not valid JSON or TOML, or a value has the wrong type.
    Syntax,
    /// The `format_version` is not one this library reads.
    FormatVersion,
    /// Two units, criteria, items or levels share an id.
    DuplicateId,
    /// A parent id names no unit.
    DanglingParent,
    /// Parent links form a cycle.
    ParentCycle,
    /// A unit exists in a year when its kind did not (e.g. a district in 2025).
    KindNotInYear,
    /// A parent of a kind that cannot hold the child (e.g. a province under a commune).
    BadParentKind,
    /// Evidence, an incident or an activity names no unit.
    UnknownUnit,
    /// Two evidence records for the same unit and year.
    DuplicateEvidence,
    /// An incident category the rule set does not declare.
    UnknownCategory,
    /// A reference to a criterion, item, level or parameter that does not exist.
    UnknownReference,
    /// A threshold, percentage or count outside its range.
    BadThreshold,
    /// Levels overlap, leave gaps, or cannot be reached.
    BadLevels,
    /// Points items do not add up to the declared total.
    PointsTotal,
    /// A unit kind the rule set covers has no evaluation window.
    MissingWindow,
    /// A supplement names another base rule set.
    SupplementBase,
    /// A value is outside what the field allows.
    BadValue,
    /// A size or nesting limit was exceeded.
    Limit,
    /// A sum of counts is over the largest count (`u64::MAX`).
    Overflow,
    /// Evidence names an attested key or points item that no rule set antq knows reads
    /// (a misspelling such as `RA2` for `RA-2`); a lint with the lenient vocabulary option.
    UnknownKey,
    /// A lint: evidence names an attested key or points item this rule set does not read,
    /// though another does (a dataset shared by several rule sets).
    UnusedKey,
    /// A lint: evidence gives an indicator no criterion of the rule set reads for that kind.
    UnusedIndicator,
    /// A lint: evidence gives an attested key under its former spelling
    /// ([`crate::FORMER_KEYS`]); it is read as the current key.
    FormerKey,
}

impl ProblemCode {
    /// Every problem code, in declaration order (each is documented in `docs/ERRORS.md`).
    ///
    /// ```
    /// assert!(antq::ProblemCode::ALL.iter().any(|c| c.as_str() == "parent_cycle"));
    /// ```
    pub const ALL: [ProblemCode; 23] = [
        ProblemCode::Syntax,
        ProblemCode::FormatVersion,
        ProblemCode::DuplicateId,
        ProblemCode::DanglingParent,
        ProblemCode::ParentCycle,
        ProblemCode::KindNotInYear,
        ProblemCode::BadParentKind,
        ProblemCode::UnknownUnit,
        ProblemCode::DuplicateEvidence,
        ProblemCode::UnknownCategory,
        ProblemCode::UnknownReference,
        ProblemCode::BadThreshold,
        ProblemCode::BadLevels,
        ProblemCode::PointsTotal,
        ProblemCode::MissingWindow,
        ProblemCode::SupplementBase,
        ProblemCode::BadValue,
        ProblemCode::Limit,
        ProblemCode::Overflow,
        ProblemCode::UnknownKey,
        ProblemCode::UnusedKey,
        ProblemCode::UnusedIndicator,
        ProblemCode::FormerKey,
    ];

    /// The snake_case code.
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemCode::Syntax => "syntax",
            ProblemCode::FormatVersion => "format_version",
            ProblemCode::DuplicateId => "duplicate_id",
            ProblemCode::DanglingParent => "dangling_parent",
            ProblemCode::ParentCycle => "parent_cycle",
            ProblemCode::KindNotInYear => "kind_not_in_year",
            ProblemCode::BadParentKind => "bad_parent_kind",
            ProblemCode::UnknownUnit => "unknown_unit",
            ProblemCode::DuplicateEvidence => "duplicate_evidence",
            ProblemCode::UnknownCategory => "unknown_category",
            ProblemCode::UnknownReference => "unknown_reference",
            ProblemCode::BadThreshold => "bad_threshold",
            ProblemCode::BadLevels => "bad_levels",
            ProblemCode::PointsTotal => "points_total",
            ProblemCode::MissingWindow => "missing_window",
            ProblemCode::SupplementBase => "supplement_base",
            ProblemCode::BadValue => "bad_value",
            ProblemCode::Limit => "limit",
            ProblemCode::Overflow => "overflow",
            ProblemCode::UnknownKey => "unknown_key",
            ProblemCode::UnusedKey => "unused_key",
            ProblemCode::UnusedIndicator => "unused_indicator",
            ProblemCode::FormerKey => "former_key",
        }
    }
}

/// One problem, with its code, place and message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Problem {
    /// Stable machine code.
    pub code: ProblemCode,
    /// Where it is.
    pub location: Location,
    /// What is wrong, in English.
    pub message: String,
}

/// Longest problem message, in bytes: a longer one is cut at a character boundary and ends
/// with `… (N more bytes)`, so that one problem (say, one listing every known category)
/// cannot be megabytes long.
pub const MAX_MESSAGE_BYTES: usize = 2048;

impl Problem {
    /// A problem at `location`; a message over [`MAX_MESSAGE_BYTES`] is shortened.
    pub fn new(code: ProblemCode, location: Location, message: impl Into<String>) -> Self {
        let mut message = message.into();
        if message.len() > MAX_MESSAGE_BYTES {
            let mut end = MAX_MESSAGE_BYTES - 32;
            while !message.is_char_boundary(end) {
                end -= 1;
            }
            let more = message.len() - end;
            message.truncate(end);
            message.push_str(&format!("… ({more} more bytes)"));
        }
        Problem { code, location, message }
    }
}

/// The first `max` problems and, when there were more, a `limit` problem saying how many
/// were left out (`… and N more problems`), so that reporting stays bounded.
pub(crate) fn cap_problems(mut problems: Vec<Problem>, max: usize) -> Vec<Problem> {
    if problems.len() > max {
        let more = problems.len() - max;
        problems.truncate(max);
        problems.push(Problem::new(
            ProblemCode::Limit,
            Location::default(),
            format!(
                "… and {more} more problem{} not listed (the limit max_problems = {max})",
                if more == 1 { "" } else { "s" }
            ),
        ));
    }
    problems
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let loc = self.location.to_string();
        if loc.is_empty() {
            write!(f, "[{}] {}", self.code.as_str(), self.message)
        } else {
            write!(f, "{loc}: [{}] {}", self.code.as_str(), self.message)
        }
    }
}

fn list(ps: &[Problem]) -> String {
    let mut s = String::new();
    for p in ps {
        s.push_str("\n  - ");
        s.push_str(&p.to_string());
    }
    s
}

/// Every error antq returns.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A rule set or supplement is malformed or inconsistent.
    #[error("invalid rule set ({} problem{}):{}", .0.len(), if .0.len() == 1 { "" } else { "s" }, list(.0))]
    InvalidRuleSet(Vec<Problem>),
    /// A dataset is malformed or inconsistent.
    #[error("invalid dataset ({} problem{}):{}", .0.len(), if .0.len() == 1 { "" } else { "s" }, list(.0))]
    InvalidDataset(Vec<Problem>),
    /// No built-in preset has this id.
    #[error("no preset `{id}`; known presets: {known}")]
    UnknownPreset {
        /// The id asked for.
        id: String,
        /// The known ids, comma-separated.
        known: String,
    },
    /// A unit id asked for is not in the dataset, or not evaluated in that year.
    #[error("unit `{id}`: {reason}")]
    UnknownUnit {
        /// The id asked for.
        id: String,
        /// Why it cannot be answered.
        reason: String,
    },
    /// An evaluation year outside the supported range.
    #[error("year {year} is outside the supported range 1900–2200")]
    BadYear {
        /// The year asked for.
        year: i32,
    },
    /// An instrument applied outside the period it is in force, or a family with no
    /// encoded instrument in force on the date ([`crate::law`]).
    #[error("not in force: {}", .0.reason)]
    NotInForce(Box<crate::law::NotInForce>),
    /// A reference date outside the year's review (before its first window starts, or after
    /// its review deadlines): the hierarchy on that date is not the year's.
    #[error(
        "the reference date {as_of} is outside the {year} review ({from} to {until}): the units and hierarchy on that date are not the year's; give a date in the review, or allow it explicitly"
    )]
    AsOfOutsideYear {
        /// The reference date given.
        as_of: chrono::NaiveDate,
        /// The review year.
        year: i32,
        /// The first day of the year's earliest window.
        from: chrono::NaiveDate,
        /// The last review deadline of the year.
        until: chrono::NaiveDate,
    },
    /// A commemorative medal input ([`crate::other_rules::medal::MedalInput`]) is malformed or
    /// inconsistent.
    #[error("invalid medal input ({} problem{}):{}", .0.len(), if .0.len() == 1 { "" } else { "s" }, list(.0))]
    InvalidMedalInput(Vec<Problem>),
    /// A team ranking input ([`crate::other_rules::teams::RankingInput`]) is malformed or inconsistent.
    #[error("invalid team ranking input ({} problem{}):{}", .0.len(), if .0.len() == 1 { "" } else { "s" }, list(.0))]
    InvalidTeamInput(Vec<Problem>),
    /// A file could not be read.
    #[error("cannot read `{path}`: {message}")]
    Io {
        /// The path.
        path: String,
        /// The system's message.
        message: String,
    },
}

impl Error {
    /// Every value [`Error::code`] returns, in declaration order (each is documented in
    /// `docs/ERRORS.md`).
    ///
    /// ```
    /// let e = antq::RuleSet::preset("nope").unwrap_err();
    /// assert!(antq::Error::CODES.contains(&e.code()));
    /// ```
    pub const CODES: [&'static str; 10] = [
        "invalid_rule_set",
        "invalid_dataset",
        "unknown_preset",
        "unknown_unit",
        "bad_year",
        "not_in_force",
        "as_of_outside_year",
        "invalid_medal_input",
        "invalid_team_input",
        "io",
    ];

    /// The stable machine code of the error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidRuleSet(_) => "invalid_rule_set",
            Error::InvalidDataset(_) => "invalid_dataset",
            Error::UnknownPreset { .. } => "unknown_preset",
            Error::UnknownUnit { .. } => "unknown_unit",
            Error::BadYear { .. } => "bad_year",
            Error::NotInForce(_) => "not_in_force",
            Error::AsOfOutsideYear { .. } => "as_of_outside_year",
            Error::InvalidMedalInput(_) => "invalid_medal_input",
            Error::InvalidTeamInput(_) => "invalid_team_input",
            Error::Io { .. } => "io",
        }
    }

    /// The problems behind the error (empty for errors that are not about content).
    pub fn problems(&self) -> &[Problem] {
        match self {
            Error::InvalidRuleSet(p)
            | Error::InvalidDataset(p)
            | Error::InvalidMedalInput(p)
            | Error::InvalidTeamInput(p) => p,
            _ => &[],
        }
    }
}

/// The result type of antq.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_code_all_lists_every_variant_once() {
        // serde lists every variant when a name is unknown: compare with ALL.
        let msg = serde_json::from_str::<ProblemCode>("\"?\"").unwrap_err().to_string();
        let listed: Vec<&str> = msg.split('`').skip(3).step_by(2).collect();
        let all: Vec<&str> = ProblemCode::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(listed, all, "{msg}");
        for c in ProblemCode::ALL {
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(json, format!("\"{}\"", c.as_str()));
        }
    }

    #[test]
    fn error_codes_lists_every_variant_once() {
        // No wildcard arm: a new variant fails to compile here until it is added to CODES.
        fn position(e: &Error) -> usize {
            match e {
                Error::InvalidRuleSet(_) => 0,
                Error::InvalidDataset(_) => 1,
                Error::UnknownPreset { .. } => 2,
                Error::UnknownUnit { .. } => 3,
                Error::BadYear { .. } => 4,
                Error::NotInForce(_) => 5,
                Error::AsOfOutsideYear { .. } => 6,
                Error::InvalidMedalInput(_) => 7,
                Error::InvalidTeamInput(_) => 8,
                Error::Io { .. } => 9,
            }
        }
        let s = String::new;
        let examples = [
            Error::InvalidRuleSet(Vec::new()),
            Error::InvalidDataset(Vec::new()),
            Error::UnknownPreset { id: s(), known: s() },
            Error::UnknownUnit { id: s(), reason: s() },
            Error::BadYear { year: 0 },
            Error::NotInForce(Box::new(crate::law::NotInForce::outside(
                "x",
                None,
                &crate::rules::Effective::default(),
                chrono::NaiveDate::MIN,
            ))),
            Error::AsOfOutsideYear {
                as_of: chrono::NaiveDate::MIN,
                year: 0,
                from: chrono::NaiveDate::MIN,
                until: chrono::NaiveDate::MIN,
            },
            Error::InvalidMedalInput(Vec::new()),
            Error::InvalidTeamInput(Vec::new()),
            Error::Io { path: s(), message: s() },
        ];
        assert_eq!(examples.len(), Error::CODES.len());
        for e in &examples {
            assert_eq!(Error::CODES[position(e)], e.code());
        }
    }
}
