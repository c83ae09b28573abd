//! Typed errors: every error has a stable machine code and says where it is.

use crate::Lang;
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

/// Longest field path, unit or criterion in a [`Location`], in bytes: a longer one is cut
/// at a character boundary and ends with `… (N more bytes)` (an id may be 64 KiB long; a
/// hundred problems naming it must not be megabytes).
pub const MAX_LOCATION_BYTES: usize = 256;

impl Location {
    /// A location naming only a field path (shortened to [`MAX_LOCATION_BYTES`]).
    pub fn path(p: impl Into<String>) -> Self {
        Location { path: Some(shorten(p.into(), MAX_LOCATION_BYTES)), ..Self::default() }
    }

    /// Names the unit concerned (shortened to [`MAX_LOCATION_BYTES`]).
    ///
    /// ```
    /// let l = antq::Location::default().with_unit("x".repeat(100_000));
    /// let unit = l.unit.unwrap();
    /// assert!(unit.len() <= antq::MAX_LOCATION_BYTES && unit.ends_with("more bytes)"));
    /// ```
    pub fn with_unit(mut self, u: impl Into<String>) -> Self {
        self.unit = Some(shorten(u.into(), MAX_LOCATION_BYTES));
        self
    }

    /// Names the criterion concerned (shortened to [`MAX_LOCATION_BYTES`]).
    pub fn with_criterion(mut self, c: impl Into<String>) -> Self {
        self.criterion = Some(shorten(c.into(), MAX_LOCATION_BYTES));
        self
    }

    /// The location with its path, unit and criterion shortened to [`MAX_LOCATION_BYTES`]
    /// (for a location built field by field).
    fn bounded(self) -> Self {
        let cut = |s: Option<String>| s.map(|s| shorten(s, MAX_LOCATION_BYTES));
        Location { path: cut(self.path), unit: cut(self.unit), criterion: cut(self.criterion), ..self }
    }
}

/// `s` if it is at most `max` bytes; otherwise cut at a character boundary so that, with
/// `… (N more bytes)` added, it is at most `max` bytes.
fn shorten(mut s: String, max: usize) -> String {
    if s.len() <= max {
        return s;
    }
    let mut end = max.saturating_sub(32);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let more = s.len() - end;
    s.truncate(end);
    s.push_str(&format!("… ({more} more bytes)"));
    s
}

impl Location {
    /// The location as text in `lang` (`Display` gives it in English): file, line and
    /// column, then the path, unit and criterion.
    ///
    /// ```
    /// use antq::{Lang, Location};
    /// let at = Location::path("evidence[3]").with_unit("KDC-1");
    /// assert_eq!(at.to_string(), "at `evidence[3]`, unit `KDC-1`");
    /// assert_eq!(at.text(Lang::Vi), "tại `evidence[3]`, đơn vị `KDC-1`");
    /// ```
    pub fn text(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        let mut parts: Vec<String> = Vec::new();
        let (line, column) = if vi { ("dòng", "cột") } else { ("line", "column") };
        match (&self.file, self.line, self.column) {
            (Some(file), Some(l), Some(c)) => parts.push(format!("{file}:{l}:{c}")),
            (Some(file), Some(l), None) => parts.push(format!("{file}:{l}")),
            (Some(file), None, _) => parts.push(file.clone()),
            (None, Some(l), Some(c)) => parts.push(format!("{line} {l}, {column} {c}")),
            (None, Some(l), None) => parts.push(format!("{line} {l}")),
            _ => {}
        }
        let (at, unit, criterion) =
            if vi { ("tại", "đơn vị", "tiêu chí") } else { ("at", "unit", "criterion") };
        if let Some(p) = &self.path {
            parts.push(format!("{at} `{p}`"));
        }
        if let Some(u) = &self.unit {
            parts.push(format!("{unit} `{u}`"));
        }
        if let Some(c) = &self.criterion {
            parts.push(format!("{criterion} `{c}`"));
        }
        parts.join(", ")
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
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
    /// A lint: incidents of a category no criterion of the rule set counts for their unit
    /// (declared by another kind's criteria or another rule set, e.g. `school_violence`
    /// recorded for a residential area).
    UnusedCategory,
    /// A lint: incident rows identical in unit, date and category (a spreadsheet row
    /// pasted twice?); each is counted, since two such incidents may be genuine.
    DuplicateIncident,
    /// A lint: evidence gives an attested key under its former spelling
    /// ([`crate::FORMER_KEYS`]); it is read as the current key.
    FormerKey,
    /// A lint: evidence of the year that the review does not read: of units that do not
    /// exist on the reference date (dissolved, merged or not yet founded), or of a kind the
    /// rule set does not evaluate; incidents dated after the reference date.
    UnreviewedEvidence,
    /// A lint: the dataset holds no evidence record of the reviewed year, so every
    /// criterion that reads evidence is unknown (a year mistyped, or its evidence not
    /// loaded).
    NoEvidence,
    /// A lint: typical candidates put on one side of the quota's edge only by the order of
    /// unit ids among equals, a reading of antq's `[I]` (Decision 9745 sets no tie break).
    QuotaTie,
    /// A lint of statistics: units whose parent changed within the window (a parent change,
    /// or the 2025 reform's), each counted under its parent on its last day in the window,
    /// not under the one it left.
    ParentChanged,
    /// A lint: a unit id mixes Latin with Greek or Cyrillic letters (`XС` with a Cyrillic
    /// `С`): it can pass for another id.
    MixedScriptId,
    /// A lint: unit ids that look the same once look-alike letters of other scripts are
    /// read as Latin (`C1` in Latin and in Cyrillic).
    IdsLookAlike,
    /// A lint: unit ids that differ only by case (`HA` and `Ha`).
    IdsDifferByCase,
    /// A rule set lint: criteria only partly known (`[P]`), attested by the review.
    PartlyKnown,
    /// A rule set lint: a criterion a supplement replaced or added.
    SupplementChange,
    /// A rule set lint: a parameter, level cut-offs or a prerequisite that are illustrative
    /// defaults (`[I]`), not published rules.
    IllustrativeDefault,
    /// A rule set lint: a points sheet whose items do not reach its total; no level is
    /// given until a supplement adds the missing items.
    IncompleteSheet,
    /// A rule set lint: optional criteria under an outcome that reads only the mandatory ones.
    OptionalCriteria,
}

impl ProblemCode {
    /// Every problem code, in declaration order (each is documented in `docs/ERRORS.md`).
    ///
    /// ```
    /// assert!(antq::ProblemCode::ALL.iter().any(|c| c.as_str() == "parent_cycle"));
    /// ```
    pub const ALL: [ProblemCode; 37] = [
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
        ProblemCode::UnusedCategory,
        ProblemCode::DuplicateIncident,
        ProblemCode::FormerKey,
        ProblemCode::UnreviewedEvidence,
        ProblemCode::NoEvidence,
        ProblemCode::QuotaTie,
        ProblemCode::ParentChanged,
        ProblemCode::MixedScriptId,
        ProblemCode::IdsLookAlike,
        ProblemCode::IdsDifferByCase,
        ProblemCode::PartlyKnown,
        ProblemCode::SupplementChange,
        ProblemCode::IllustrativeDefault,
        ProblemCode::IncompleteSheet,
        ProblemCode::OptionalCriteria,
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
            ProblemCode::UnusedCategory => "unused_category",
            ProblemCode::DuplicateIncident => "duplicate_incident",
            ProblemCode::FormerKey => "former_key",
            ProblemCode::UnreviewedEvidence => "unreviewed_evidence",
            ProblemCode::NoEvidence => "no_evidence",
            ProblemCode::QuotaTie => "quota_tie",
            ProblemCode::ParentChanged => "parent_changed",
            ProblemCode::MixedScriptId => "mixed_script_id",
            ProblemCode::IdsLookAlike => "ids_look_alike",
            ProblemCode::IdsDifferByCase => "ids_differ_by_case",
            ProblemCode::PartlyKnown => "partly_known",
            ProblemCode::SupplementChange => "supplement_change",
            ProblemCode::IllustrativeDefault => "illustrative_default",
            ProblemCode::IncompleteSheet => "incomplete_sheet",
            ProblemCode::OptionalCriteria => "optional_criteria",
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
    /// What is wrong, in Vietnamese, where antq words the problem so (the lints); absent:
    /// the English `message` serves both languages ([`Problem::message_in`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_vi: Option<String>,
    /// Only on the last problem of a capped list (code `limit`, `… and N more problems not
    /// listed`): how many problems were left out. The list then stands for
    /// [`Error::problem_count`] problems.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub omitted: Option<usize>,
}

/// Longest problem message, in bytes: a longer one is cut at a character boundary and ends
/// with `… (N more bytes)`, so that one problem (say, one listing every known category)
/// cannot be megabytes long.
pub const MAX_MESSAGE_BYTES: usize = 2048;

impl Problem {
    /// A problem at `location`; a message over [`MAX_MESSAGE_BYTES`] is shortened.
    ///
    /// Its location's path, unit and criterion are held to [`MAX_LOCATION_BYTES`] too.
    pub fn new(code: ProblemCode, location: Location, message: impl Into<String>) -> Self {
        let message = shorten(message.into(), MAX_MESSAGE_BYTES);
        Problem { code, location: location.bounded(), message, message_vi: None, omitted: None }
    }

    /// A `syntax` problem: what a parser said at `location`, with its Vietnamese where antq
    /// knows the message's shape (serde's, serde_json's and antq's own readers').
    pub(crate) fn syntax(location: Location, message: impl Into<String>) -> Self {
        let message = message.into();
        let vi = crate::read::syntax_vi::vietnamese(&message);
        let p = Problem::new(ProblemCode::Syntax, location, message);
        match vi {
            Some(vi) => p.with_vi(vi),
            None => p,
        }
    }

    /// A `format_version` problem: a document of version `found`, where this antq reads
    /// `supported`.
    pub(crate) fn format_version(location: Location, found: impl std::fmt::Display, supported: u32) -> Self {
        Problem::new(
            ProblemCode::FormatVersion,
            location,
            format!("format_version {found} is not supported; this antq reads version {supported}"),
        )
        .with_vi(format!("format_version {found} không được hỗ trợ; bản antq này đọc phiên bản {supported}"))
    }

    /// The problem with its message in Vietnamese too, shortened as the English one.
    pub(crate) fn with_vi(self, message: impl Into<String>) -> Self {
        Problem { message_vi: Some(shorten(message.into(), MAX_MESSAGE_BYTES)), ..self }
    }

    /// The message in `lang`: the Vietnamese one where antq has it, else the English.
    pub fn message_in(&self, lang: Lang) -> &str {
        match (lang, &self.message_vi) {
            (Lang::Vi, Some(vi)) => vi,
            _ => &self.message,
        }
    }

    /// The problem as one line in `lang` (`Display` gives it in English): where, the code,
    /// what.
    ///
    /// ```
    /// use antq::{Dataset, Lang, RuleSet};
    /// let ds = Dataset::from_str_named("sample.json", antq::sample::SAMPLE_JSON).unwrap();
    /// let ev = antq::evaluate(&ds, &RuleSet::preset("vn.c124-2021").unwrap(), 2023).unwrap();
    /// let lint = ev.lints.iter().find(|l| l.code == antq::ProblemCode::UnusedKey).unwrap();
    /// assert_eq!(lint.text(Lang::En), lint.to_string());
    /// assert!(lint.text(Lang::Vi).contains("khóa xác nhận"));
    /// ```
    pub fn text(&self, lang: Lang) -> String {
        let (loc, code, message) = (self.location.text(lang), self.code.as_str(), self.message_in(lang));
        if loc.is_empty() { format!("[{code}] {message}") } else { format!("{loc}: [{code}] {message}") }
    }

    /// The last line of a capped list: `omitted` problems left out under the limit
    /// `max_problems = max`.
    pub(crate) fn count_line(omitted: usize, max: usize) -> Self {
        let s = if omitted == 1 { "" } else { "s" };
        let message = format!("… and {omitted} more problem{s} not listed (the limit max_problems = {max})");
        let vi = format!("… và {omitted} vấn đề khác không liệt kê (giới hạn max_problems = {max})");
        Problem { omitted: Some(omitted), ..Problem::new(ProblemCode::Limit, Location::default(), message).with_vi(vi) }
    }
}

/// Problems collected under a cap: the first `max` are kept, the rest only counted, so
/// memory stays bounded whatever the input (a million bad records make a hundred problems
/// and a count, never a million problems). A capped list added to it keeps its count.
#[derive(Debug)]
pub(crate) struct Capped {
    kept: Vec<Problem>,
    omitted: usize,
    max: usize,
}

impl Capped {
    /// An empty list keeping at most `max` problems.
    pub(crate) fn new(max: usize) -> Self {
        Capped { kept: Vec::new(), omitted: 0, max }
    }

    /// Adds a problem: kept while there is room, counted after; the count line of a
    /// capped list adds its count.
    pub(crate) fn push(&mut self, p: Problem) {
        match p.omitted {
            Some(n) => self.omitted = self.omitted.saturating_add(n),
            None if self.kept.len() < self.max => self.kept.push(p),
            None => self.omitted = self.omitted.saturating_add(1),
        }
    }

    /// Whether there is no problem.
    pub(crate) fn is_empty(&self) -> bool {
        self.kept.is_empty() && self.omitted == 0
    }

    /// The kept problems and, when some were left out, a last `limit` problem counting
    /// them (`… and N more problems not listed`).
    pub(crate) fn into_vec(self) -> Vec<Problem> {
        let mut out = self.kept;
        if self.omitted > 0 {
            out.push(Problem::count_line(self.omitted, self.max));
        }
        out
    }
}

impl Extend<Problem> for Capped {
    fn extend<I: IntoIterator<Item = Problem>>(&mut self, iter: I) {
        for p in iter {
            self.push(p);
        }
    }
}

/// The first `max` problems and, when there were more, a `limit` problem saying how many
/// were left out (`… and N more problems`), so that reporting stays bounded. A list capped
/// before keeps its count.
pub(crate) fn cap_problems(problems: Vec<Problem>, max: usize) -> Vec<Problem> {
    let mut c = Capped::new(max);
    c.extend(problems);
    c.into_vec()
}

/// How many problems `ps` stands for: the listed ones and those a capped list left out.
fn count(ps: &[Problem]) -> usize {
    ps.iter().map(|p| p.omitted.unwrap_or(1)).fold(0, usize::saturating_add)
}

/// `""` or `"s"`: the ending of an English noun after a count `n`.
pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

fn list(ps: &[Problem]) -> String {
    list_in(ps, Lang::En)
}

/// The problems, a line each, in `lang`.
fn list_in(ps: &[Problem], lang: Lang) -> String {
    let mut s = String::new();
    for p in ps {
        s.push_str("\n  - ");
        s.push_str(&p.text(lang));
    }
    s
}

/// Every error antq returns.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A rule set or supplement is malformed or inconsistent.
    #[error("invalid rule set ({} problem{}):{}", count(.0), plural(count(.0)), list(.0))]
    InvalidRuleSet(Vec<Problem>),
    /// A dataset is malformed or inconsistent.
    #[error("invalid dataset ({} problem{}):{}", count(.0), plural(count(.0)), list(.0))]
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
        /// `reason` in Vietnamese.
        reason_vi: String,
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
    #[error("invalid medal input ({} problem{}):{}", count(.0), plural(count(.0)), list(.0))]
    InvalidMedalInput(Vec<Problem>),
    /// A team ranking input ([`crate::other_rules::teams::RankingInput`]) is malformed or inconsistent.
    #[error("invalid team ranking input ({} problem{}):{}", count(.0), plural(count(.0)), list(.0))]
    InvalidTeamInput(Vec<Problem>),
    /// The caller's progress callback stopped the call ([`crate::Options::with_progress`]).
    #[error("cancelled after {done} of {total} units")]
    Cancelled {
        /// Units done when the call stopped.
        done: usize,
        /// Units in all.
        total: usize,
    },
    /// A file could not be read.
    #[error("cannot read `{path}`: {message}")]
    Io {
        /// The path.
        path: String,
        /// The system's message.
        message: String,
    },
    /// An argument of a call — not the content of a rule set or a dataset — outside what it
    /// allows: a sensitivity analysis of 0 samples, years to compare out of order.
    #[error("{argument}: {message}")]
    BadArgument {
        /// The argument, as the call names it (`samples`, `years`).
        argument: String,
        /// What is wrong with it, and what is allowed.
        message: String,
    },
}

impl Error {
    /// The error as text in `lang` (`Display` gives it in English). In Vietnamese the
    /// problems of an invalid input are listed with their Vietnamese messages where antq
    /// has them ([`Problem::message_in`]; the codes, ids and paths stay as they are); what
    /// the system words (a file system error) and a parser's own message stay in English.
    ///
    /// ```
    /// use antq::Lang;
    /// let e = antq::Dataset::from_str_named("d.json", r#"{"format_version": 1, "units": [
    ///   {"id": "R", "name": "R", "kind": "residential_area", "subkind": "thon", "parent": "X"}]}"#).unwrap_err();
    /// assert!(e.text(Lang::Vi).starts_with("dữ liệu không hợp lệ (1 vấn đề):"), "{}", e.text(Lang::Vi));
    /// assert!(e.text(Lang::Vi).contains("không có trong dữ liệu"));
    /// assert_eq!(e.text(Lang::En), e.to_string());
    /// ```
    pub fn text(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        let problems = |what: &str, ps: &[Problem]| format!("{what} ({} vấn đề):{}", count(ps), list_in(ps, lang));
        match self {
            Error::InvalidRuleSet(ps) => problems("bộ tiêu chí không hợp lệ", ps),
            Error::InvalidDataset(ps) => problems("dữ liệu không hợp lệ", ps),
            Error::InvalidMedalInput(ps) => problems("dữ liệu xét huy chương không hợp lệ", ps),
            Error::InvalidTeamInput(ps) => problems("dữ liệu xếp hạng đội không hợp lệ", ps),
            Error::UnknownPreset { id, known } => {
                format!("không có bộ tiêu chí dựng sẵn `{id}`; các bộ dựng sẵn: {known}")
            }
            Error::BadYear { year } => format!("năm {year} nằm ngoài khoảng được hỗ trợ 1900–2200"),
            Error::AsOfOutsideYear { as_of, year, from, until } => format!(
                "ngày tham chiếu {as_of} nằm ngoài kỳ xét duyệt năm {year} ({from} đến {until}): đơn vị và hệ thống đơn vị ngày đó không phải của năm này; hãy cho một ngày trong kỳ xét duyệt, hoặc cho phép rõ ràng"
            ),
            Error::UnknownUnit { id, reason_vi, .. } => format!("đơn vị `{id}`: {reason_vi}"),
            Error::NotInForce(e) => format!("không có hiệu lực: {}", e.reason_vi.as_deref().unwrap_or(&e.reason)),
            Error::Cancelled { done, total } => format!("đã dừng sau {done} trên {total} đơn vị"),
            Error::Io { path, message } => format!("không đọc được `{path}`: {message}"),
            _ => self.to_string(),
        }
    }

    /// Every value [`Error::code`] returns, in declaration order (each is documented in
    /// `docs/ERRORS.md`).
    ///
    /// ```
    /// let e = antq::RuleSet::preset("nope").unwrap_err();
    /// assert!(antq::Error::CODES.contains(&e.code()));
    /// ```
    pub const CODES: [&'static str; 12] = [
        "invalid_rule_set",
        "invalid_dataset",
        "unknown_preset",
        "unknown_unit",
        "bad_year",
        "not_in_force",
        "as_of_outside_year",
        "invalid_medal_input",
        "invalid_team_input",
        "cancelled",
        "io",
        "bad_argument",
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
            Error::Cancelled { .. } => "cancelled",
            Error::Io { .. } => "io",
            Error::BadArgument { .. } => "bad_argument",
        }
    }

    /// How many problems the error is about: those of [`Error::problems`] and, when the list
    /// was capped (`max_problems`), those its last line counts without listing them.
    ///
    /// ```
    /// let mut text = String::from(r#"{"format_version": 1, "units": [], "evidence": ["#);
    /// for i in 0..150 {
    ///     text.push_str(&format!(r#"{}{{"unit": "U{i}", "year": 2023}}"#, if i > 0 { "," } else { "" }));
    /// }
    /// text.push_str("]}");
    /// let e = antq::Dataset::from_str_named("d.json", &text).unwrap_err();
    /// assert_eq!((e.problems().len(), e.problem_count()), (101, 150));
    /// assert_eq!(e.problems()[100].omitted, Some(50));
    /// assert!(e.to_string().starts_with("invalid dataset (150 problems):"));
    /// ```
    pub fn problem_count(&self) -> usize {
        count(self.problems())
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

    /// The error of an input given as an object (a Python dict, a JavaScript object), read
    /// through JSON text the caller never saw: every problem keeps its field path, unit and
    /// message, without a file, line or column. The same on every surface.
    ///
    /// ```
    /// let e = antq::Dataset::from_str_named("dataset.json", r#"{"format_version": 1, "units": [{"id": 1}]}"#).unwrap_err();
    /// let e = e.without_positions();
    /// assert!(e.problems().iter().all(|p| p.location.file.is_none() && p.location.line.is_none()));
    /// assert!(e.problems()[0].location.path.is_some());
    /// ```
    pub fn without_positions(self) -> Error {
        let strip = |ps: Vec<Problem>| -> Vec<Problem> {
            ps.into_iter()
                .map(|mut p| {
                    p.location.file = None;
                    p.location.line = None;
                    p.location.column = None;
                    p
                })
                .collect()
        };
        match self {
            Error::InvalidRuleSet(ps) => Error::InvalidRuleSet(strip(ps)),
            Error::InvalidDataset(ps) => Error::InvalidDataset(strip(ps)),
            Error::InvalidMedalInput(ps) => Error::InvalidMedalInput(strip(ps)),
            Error::InvalidTeamInput(ps) => Error::InvalidTeamInput(strip(ps)),
            other => other,
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
                Error::Cancelled { .. } => 9,
                Error::Io { .. } => 10,
                Error::BadArgument { .. } => 11,
            }
        }
        let s = String::new;
        let examples = [
            Error::InvalidRuleSet(Vec::new()),
            Error::InvalidDataset(Vec::new()),
            Error::UnknownPreset { id: s(), known: s() },
            Error::UnknownUnit { id: s(), reason: s(), reason_vi: s() },
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
            Error::Cancelled { done: 0, total: 0 },
            Error::Io { path: s(), message: s() },
            Error::BadArgument { argument: s(), message: s() },
        ];
        assert_eq!(examples.len(), Error::CODES.len());
        for e in &examples {
            assert_eq!(Error::CODES[position(e)], e.code());
        }
    }
}
