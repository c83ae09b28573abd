//! The shared case format (see `cases/README.md`) and a runner that checks one case
//! against the public antq API.
//!
//! A case is strict: unknown keys anywhere in it, an outcome string that is not one of
//! the documented forms, a problem code or authority that does not exist, or an
//! expectation that asserts nothing are load errors, so a typo cannot make a case pass
//! vacuously.

use crate::results;
use antq::calendar::Authority;
use antq::eval::Options;
use antq::stats::{Stats, activity_stats};
use antq::{
    Dataset, Error, Evaluation, Outcome, Points, Problem, ProblemCode, RuleSet, Status, Supplement, evaluate_with,
};
use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// What a case runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Operation {
    /// Evaluate a dataset against a rule set (plus supplements) for a year.
    Evaluate,
    /// Roll up activity statistics for a year.
    Stats,
    /// Parse (and validate) a rule set, then apply the supplements.
    ParseRules,
    /// Parse (and structurally check) a dataset.
    ParseDataset,
}

/// One case file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Short title.
    pub name: String,
    /// The part of `docs/DOMAIN.md` the case proves, e.g. `DOMAIN §3.3 CW-4`.
    pub domain_ref: String,
    /// What rule the case proves and why the expectation follows.
    pub description: String,
    /// What to run.
    pub operation: Operation,
    /// A preset id (string) or an inline rule set (object).
    #[serde(default)]
    pub rules: Option<Value>,
    /// A rule set as raw text (JSON or TOML, by `rules_name`).
    #[serde(default)]
    pub rules_text: Option<String>,
    /// The file name the raw rules text is read under (decides JSON or TOML).
    #[serde(default)]
    pub rules_name: Option<String>,
    /// Inline supplements, applied in order.
    #[serde(default)]
    pub supplements: Vec<Value>,
    /// Evaluation or statistics year.
    #[serde(default)]
    pub year: Option<i32>,
    /// Reference date of the evaluation.
    #[serde(default)]
    pub as_of: Option<NaiveDate>,
    /// Evaluate with `Options::lenient_vocabulary` (unknown evidence keys become lints).
    #[serde(default)]
    pub lenient_vocabulary: bool,
    /// An inline dataset.
    #[serde(default)]
    pub dataset: Option<Value>,
    /// A dataset as raw text (JSON or TOML, by `dataset_name`).
    #[serde(default)]
    pub dataset_text: Option<String>,
    /// The file name the raw dataset text is read under.
    #[serde(default)]
    pub dataset_name: Option<String>,
    /// What must hold.
    pub expect: Expect,
}

/// Partial assertions on the result.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// Unit → outcome (`meets`, `does_not_meet`, `undetermined`, `out_of_scope`,
    /// `level:<id>`, `typical:<rank>`, `not_selected:<rank>`, `not_typical`).
    #[serde(default)]
    pub outcomes: BTreeMap<String, String>,
    /// Unit → criterion id → status.
    #[serde(default)]
    pub criteria: BTreeMap<String, BTreeMap<String, Status>>,
    /// Unit → the exact set of keys of its missing list.
    #[serde(default)]
    pub missing: BTreeMap<String, Vec<String>>,
    /// Unit → keys that must be among its missing list.
    #[serde(default)]
    pub missing_includes: BTreeMap<String, Vec<String>>,
    /// Unit → code of its scope exclusion.
    #[serde(default)]
    pub out_of_scope_code: BTreeMap<String, String>,
    /// Unit → recognising authority.
    #[serde(default)]
    pub recognised_by: BTreeMap<String, Authority>,
    /// Unit → its parent on the reference date (`null` for none).
    #[serde(default)]
    pub parent: BTreeMap<String, Option<String>>,
    /// Unit → `"met/of"` criteria counts.
    #[serde(default)]
    pub met_of: BTreeMap<String, String>,
    /// Unit → fields of its score summary (`reviewed`, `self`, `known_max`, `total`;
    /// `null` for absent).
    #[serde(default)]
    pub score: BTreeMap<String, BTreeMap<String, Option<Points>>>,
    /// Units that must not appear in the result.
    #[serde(default)]
    pub absent: Vec<String>,
    /// Unit → fields of its statistics `total` (the unit and everything below it).
    #[serde(default)]
    pub stats: BTreeMap<String, BTreeMap<String, Value>>,
    /// Unit → fields of its own statistics (activities recorded at the unit itself).
    #[serde(default)]
    pub stats_own: BTreeMap<String, BTreeMap<String, Value>>,
    /// The decision record.
    #[serde(default)]
    pub decision: Option<DecisionExpect>,
    /// What a parsed document holds (parse operations).
    #[serde(default)]
    pub parsed: Option<ParsedExpect>,
    /// The expected error.
    #[serde(default)]
    pub error: Option<ErrorExpect>,
    /// Each criterion's mark and source: `"V"`, or `"S from SUPPLEMENT"` for a criterion a
    /// supplement added or replaced.
    #[serde(default)]
    pub marks: BTreeMap<String, BTreeMap<String, String>>,
    /// The exact set of distinct lint codes (`unused_key`, …; `[]` for none): of the
    /// evaluation, the statistics, the rule set or the dataset parsed.
    #[serde(default)]
    pub lints: Option<Vec<ProblemCode>>,
}

/// Assertions on the decision record.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionExpect {
    /// Rule set id.
    #[serde(default)]
    pub rule_set: Option<String>,
    /// Year.
    #[serde(default)]
    pub year: Option<i32>,
    /// Reference date.
    #[serde(default)]
    pub as_of: Option<NaiveDate>,
    /// Ids of the supplements applied, in order.
    #[serde(default)]
    pub supplements: Option<Vec<String>>,
    /// Parameter values used.
    #[serde(default)]
    pub parameters: BTreeMap<String, i64>,
    /// Rule set id of the prerequisite's record.
    #[serde(default)]
    pub prerequisite: Option<String>,
}

/// Assertions on a parsed document.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParsedExpect {
    /// Rule set id.
    #[serde(default)]
    pub id: Option<String>,
    /// Number of criteria.
    #[serde(default)]
    pub criteria: Option<usize>,
    /// Number of units.
    #[serde(default)]
    pub units: Option<usize>,
    /// Number of evidence records.
    #[serde(default)]
    pub evidence: Option<usize>,
    /// Number of incidents.
    #[serde(default)]
    pub incidents: Option<usize>,
    /// Number of activities.
    #[serde(default)]
    pub activities: Option<usize>,
}

/// The expected error.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorExpect {
    /// `Error::code()`.
    pub code: String,
    /// The exact set of distinct problem codes.
    #[serde(default)]
    pub problems: Vec<ProblemCode>,
    /// Some problem is on this 1-based line.
    #[serde(default)]
    pub line: Option<usize>,
    /// Some problem names this unit.
    #[serde(default)]
    pub unit: Option<String>,
    /// Some problem names this criterion.
    #[serde(default)]
    pub criterion: Option<String>,
    /// Some problem's field path is this.
    #[serde(default)]
    pub path: Option<String>,
    /// Each of these appears in some problem's message (or the error's text).
    #[serde(default)]
    pub message_contains: Vec<String>,
}

impl Expect {
    fn unit_keys(&self) -> BTreeSet<&'static str> {
        let mut k = BTreeSet::new();
        let pairs: [(&'static str, bool); 16] = [
            ("lints", self.lints.is_some()),
            ("marks", !self.marks.is_empty()),
            ("outcomes", !self.outcomes.is_empty()),
            ("criteria", !self.criteria.is_empty()),
            ("missing", !self.missing.is_empty()),
            ("missing_includes", !self.missing_includes.is_empty()),
            ("out_of_scope_code", !self.out_of_scope_code.is_empty()),
            ("recognised_by", !self.recognised_by.is_empty()),
            ("parent", !self.parent.is_empty()),
            ("met_of", !self.met_of.is_empty()),
            ("score", !self.score.is_empty()),
            ("absent", !self.absent.is_empty()),
            ("stats", !self.stats.is_empty()),
            ("stats_own", !self.stats_own.is_empty()),
            ("decision", self.decision.is_some()),
            ("parsed", self.parsed.is_some()),
        ];
        for (name, present) in pairs {
            if present {
                k.insert(name);
            }
        }
        k
    }
}

/// A parsed outcome expectation.
#[derive(Debug, Clone, PartialEq, Eq)]
enum OutcomeExpect {
    Code(&'static str),
    Level(String),
    Typical(u32),
    NotSelected(u32),
}

fn parse_outcome(s: &str) -> Result<OutcomeExpect, String> {
    for code in ["meets", "does_not_meet", "undetermined", "out_of_scope", "not_typical"] {
        if s == code {
            return Ok(OutcomeExpect::Code(code));
        }
    }
    let rank = |r: &str| r.parse::<u32>().ok().filter(|&n| n >= 1);
    if let Some(l) = s.strip_prefix("level:")
        && !l.is_empty()
    {
        return Ok(OutcomeExpect::Level(l.to_owned()));
    }
    if let Some(r) = s.strip_prefix("typical:").and_then(rank) {
        return Ok(OutcomeExpect::Typical(r));
    }
    if let Some(r) = s.strip_prefix("not_selected:").and_then(rank) {
        return Ok(OutcomeExpect::NotSelected(r));
    }
    Err(format!(
        "outcome `{s}` is not one of meets, does_not_meet, undetermined, out_of_scope, level:<id>, typical:<rank>, \
         not_selected:<rank>, not_typical"
    ))
}

/// The outcome as the case format writes it.
pub fn outcome_string(o: &Outcome) -> String {
    match o {
        Outcome::Level { level, .. } => format!("level:{level}"),
        Outcome::Typical { rank } => format!("typical:{rank}"),
        Outcome::NotSelected { rank } => format!("not_selected:{rank}"),
        o => o.code().to_owned(),
    }
}

impl Case {
    /// Reads and checks a case file.
    pub fn load(path: &Path) -> Result<Case, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
        Case::from_json(&text)
    }

    /// Parses and checks a case from its JSON text.
    pub fn from_json(text: &str) -> Result<Case, String> {
        let mut de = serde_json::Deserializer::from_str(text);
        let case: Case = Deserialize::deserialize(&mut de).map_err(|e| format!("case does not parse: {e}"))?;
        de.end().map_err(|e| format!("case does not parse: {e}"))?;
        case.check()?;
        Ok(case)
    }

    /// Checks that the case is well formed for its operation and asserts something.
    fn check(&self) -> Result<(), String> {
        for (field, v) in [("name", &self.name), ("domain_ref", &self.domain_ref), ("description", &self.description)] {
            if v.trim().is_empty() {
                return Err(format!("`{field}` is empty"));
            }
        }
        if !self.domain_ref.starts_with("DOMAIN §") {
            return Err(format!("domain_ref `{}` does not start with `DOMAIN §`", self.domain_ref));
        }
        let e = &self.expect;
        let keys = e.unit_keys();
        if keys.is_empty() && e.error.is_none() {
            return Err("`expect` asserts nothing".into());
        }
        if e.error.is_some() && !keys.is_empty() {
            return Err(format!("`expect.error` cannot be combined with {keys:?}"));
        }
        if let Some(err) = &e.error {
            if !Error::CODES.contains(&err.code.as_str()) {
                return Err(format!("error code `{}` is not one of {:?}", err.code, Error::CODES));
            }
            if err.line.is_some() && self.rules_text.is_none() && self.dataset_text.is_none() {
                return Err(
                    "`expect.error.line` needs `rules_text` or `dataset_text` (inline JSON has no lines)".into()
                );
            }
        }
        for s in e.outcomes.values() {
            parse_outcome(s)?;
        }
        for (u, m) in &e.met_of {
            let ok = m.split_once('/').is_some_and(|(a, b)| a.parse::<u32>().is_ok() && b.parse::<u32>().is_ok());
            if !ok {
                return Err(format!("met_of of `{u}` is `{m}`, not `<met>/<of>`"));
            }
        }
        for (u, fields) in &e.score {
            for f in fields.keys() {
                if !["reviewed", "self", "known_max", "total"].contains(&f.as_str()) {
                    return Err(format!("score field `{f}` of `{u}` is not reviewed, self, known_max or total"));
                }
            }
        }
        let has_rules = self.rules.is_some() || self.rules_text.is_some();
        let has_dataset = self.dataset.is_some() || self.dataset_text.is_some();
        if self.rules.is_some() && self.rules_text.is_some() {
            return Err("give `rules` or `rules_text`, not both".into());
        }
        if self.dataset.is_some() && self.dataset_text.is_some() {
            return Err("give `dataset` or `dataset_text`, not both".into());
        }
        if self.rules_text.is_some() != self.rules_name.is_some() {
            return Err("`rules_text` and `rules_name` go together".into());
        }
        if self.dataset_name.is_some() && !has_dataset {
            return Err("`dataset_name` without a dataset".into());
        }
        if let Some(r) = &self.rules
            && !(r.is_string() || r.is_object())
        {
            return Err("`rules` must be a preset id or an inline rule-set object".into());
        }
        if self.supplements.iter().any(|s| !s.is_object()) {
            return Err("each supplement must be an inline object".into());
        }
        let allowed: &[&str] = match self.operation {
            Operation::Evaluate => {
                if !has_rules || !has_dataset || self.year.is_none() {
                    return Err("an evaluate case needs rules, a dataset and a year".into());
                }
                &[
                    "outcomes",
                    "criteria",
                    "missing",
                    "missing_includes",
                    "out_of_scope_code",
                    "recognised_by",
                    "parent",
                    "met_of",
                    "score",
                    "absent",
                    "decision",
                    "lints",
                    "marks",
                ]
            }
            Operation::Stats => {
                if has_rules || !self.supplements.is_empty() || self.as_of.is_some() {
                    return Err("a stats case takes no rules, supplements or as_of".into());
                }
                if !has_dataset || self.year.is_none() {
                    return Err("a stats case needs a dataset and a year".into());
                }
                &["stats", "stats_own", "absent", "lints"]
            }
            Operation::ParseRules => {
                if !has_rules || has_dataset || self.year.is_some() || self.as_of.is_some() {
                    return Err("a parse_rules case takes rules (and supplements) only".into());
                }
                &["parsed", "lints"]
            }
            Operation::ParseDataset => {
                if has_rules || !self.supplements.is_empty() || !has_dataset || self.year.is_some() {
                    return Err("a parse_dataset case takes a dataset only".into());
                }
                &["parsed", "lints"]
            }
        };
        if let Some(k) = keys.iter().find(|k| !allowed.contains(k)) {
            return Err(format!("`expect.{k}` does not apply to operation {:?}", self.operation));
        }
        if let Some(p) = &e.parsed {
            let rules_fields = p.id.is_some() || p.criteria.is_some();
            let data_fields =
                p.units.is_some() || p.evidence.is_some() || p.incidents.is_some() || p.activities.is_some();
            let ok = match self.operation {
                Operation::ParseRules => rules_fields && !data_fields,
                _ => data_fields && !rules_fields,
            };
            if !ok {
                return Err("`expect.parsed` names fields of the other kind of document, or none".into());
            }
        }
        Ok(())
    }

    /// Runs the case; returns every mismatch (empty when the case passes).
    pub fn run(&self) -> Vec<String> {
        self.run_full().0
    }

    /// Runs the case; returns every mismatch and the full result as the committed results
    /// hold it (see [`crate::results`]): `{"error": …}`, or for `evaluate`
    /// `{"evaluation": …, "review": …}` (the review's verdicts, or its error), for `stats`
    /// `{"stats": …}`, for the parse operations `{"rules": …}` or `{"dataset": …}`.
    pub fn run_full(&self) -> (Vec<String>, Value) {
        let mut fails = Vec::new();
        let result = match self.execute() {
            Err(err) => {
                match &self.expect.error {
                    Some(want) => check_error(&err, want, &mut fails),
                    None => fails.push(format!("unexpected error [{}]: {err}", err.code())),
                }
                // What is wrong with a dataset is read by the people who fill it in: every
                // problem said in Vietnamese too.
                if let Error::InvalidDataset(problems) = &err {
                    fails.extend(
                        problems
                            .iter()
                            .filter(|p| p.message_vi.is_none())
                            .map(|p| format!("problem without Vietnamese: {p}")),
                    );
                }
                results::error_json(&err)
            }
            Ok(out) => {
                if let Some(want) = &self.expect.error {
                    fails.push(format!(
                        "expected error `{}` {:?}, but the operation succeeded",
                        want.code, want.problems
                    ));
                }
                let value = |key: &str, v: serde_json::Result<Value>| json!({ key: v.unwrap_or_else(|e| json!({"unserialisable": e.to_string()})) });
                match out {
                    Output::Evaluation(ev, ds, rs) => {
                        if self.expect.error.is_none() {
                            self.check_evaluation(&ev, &mut fails);
                            check_round_trip(&ev, &mut fails);
                        }
                        let mut v = value("evaluation", serde_json::to_value(&ev));
                        v["review"] = self.review(&ds, &rs);
                        v
                    }
                    Output::Stats(st) => {
                        if self.expect.error.is_none() {
                            self.check_stats(&st, &mut fails);
                        }
                        value("stats", serde_json::to_value(&st))
                    }
                    Output::Rules(rs) => {
                        if self.expect.error.is_none() {
                            self.check_parsed_rules(&rs, &mut fails);
                        }
                        value("rules", serde_json::to_value(&rs))
                    }
                    Output::Dataset(ds) => {
                        if self.expect.error.is_none() {
                            self.check_parsed_dataset(&ds, &mut fails);
                        }
                        value("dataset", serde_json::to_value(&ds))
                    }
                }
            }
        };
        (fails, result)
    }

    /// The review of an evaluate case (`Prepared::review` with the evaluation's options):
    /// its verdicts, or its error.
    fn review(&self, ds: &Dataset, rs: &RuleSet) -> Value {
        let prepared = match antq::Prepared::new(ds, self.year.unwrap_or_default()) {
            Ok(p) => p,
            Err(e) => return results::error_json(&e),
        };
        match prepared.review(rs, &self.options()) {
            Ok(r) => results::review_json(&r),
            Err(e) => results::error_json(&e),
        }
    }

    fn options(&self) -> Options {
        let mut opts = Options::default();
        if let Some(d) = self.as_of {
            opts = opts.as_of(d);
        }
        opts.lenient_vocabulary = self.lenient_vocabulary;
        opts
    }

    fn rule_set(&self) -> Result<RuleSet, Error> {
        let base = match (&self.rules, &self.rules_text, &self.rules_name) {
            // A preset id or a family, resolved on the case's year and reference date.
            (Some(Value::String(id)), _, _) => RuleSet::resolve(id, self.year.unwrap_or(2023), self.as_of)?,
            (Some(v), _, _) => RuleSet::from_str_named("rules.json", &pretty(v))?,
            (None, Some(text), Some(name)) => RuleSet::from_str_named(name, text)?,
            _ => return Err(case_error("the case gives no rules")),
        };
        let mut rs = base;
        for (i, s) in self.supplements.iter().enumerate() {
            let sup = Supplement::from_str_named(&format!("supplements[{i}].json"), &pretty(s))?;
            rs = rs.with_supplement(&sup)?;
        }
        Ok(rs)
    }

    fn dataset(&self) -> Result<Dataset, Error> {
        match (&self.dataset, &self.dataset_text) {
            (Some(v), _) => Dataset::from_str_named(self.dataset_name.as_deref().unwrap_or("dataset.json"), &pretty(v)),
            (None, Some(text)) => Dataset::from_str_named(self.dataset_name.as_deref().unwrap_or("dataset.json"), text),
            _ => Err(case_error("the case gives no dataset")),
        }
    }

    fn execute(&self) -> Result<Output, Error> {
        let year = self.year.unwrap_or_default();
        Ok(match self.operation {
            Operation::Evaluate => {
                let rs = self.rule_set()?;
                let ds = self.dataset()?;
                let ev = evaluate_with(&ds, &rs, year, &self.options())?;
                Output::Evaluation(Box::new(ev), Box::new(ds), Box::new(rs))
            }
            Operation::Stats => Output::Stats(activity_stats(&self.dataset()?, year, None)?),
            Operation::ParseRules => Output::Rules(Box::new(self.rule_set()?)),
            Operation::ParseDataset => Output::Dataset(Box::new(self.dataset()?)),
        })
    }

    fn check_evaluation(&self, ev: &Evaluation, fails: &mut Vec<String>) {
        let e = &self.expect;
        check_lints(e.lints.as_deref(), &ev.lints, fails);
        let mut get = |id: &str, what: &str| {
            let u = ev.unit(id);
            if u.is_none() {
                fails.push(format!("{what}: unit `{id}` is not in the result"));
            }
            u
        };
        let mut out = Vec::new();
        for (id, want) in &e.outcomes {
            if let Some(u) = get(id, "outcomes") {
                let got = outcome_string(&u.outcome);
                // Both were checked to be well formed; compare the canonical strings.
                if got != *want {
                    out.push(format!("outcome of `{id}`: expected {want}, got {got}"));
                }
            }
        }
        for (id, crits) in &e.criteria {
            if let Some(u) = get(id, "criteria") {
                for (cid, want) in crits {
                    match u.criteria.iter().find(|c| c.id == *cid) {
                        None => out.push(format!("criterion `{cid}` of `{id}` is not in the result")),
                        Some(c) if c.status != *want => {
                            out.push(format!("criterion `{cid}` of `{id}`: expected {want:?}, got {:?}", c.status))
                        }
                        Some(_) => {}
                    }
                }
            }
        }
        for (id, keys) in &e.missing {
            if let Some(u) = get(id, "missing") {
                let got: BTreeSet<&str> = u.missing.iter().map(|m| m.key.as_str()).collect();
                let want: BTreeSet<&str> = keys.iter().map(String::as_str).collect();
                if got != want {
                    out.push(format!("missing keys of `{id}`: expected {want:?}, got {got:?}"));
                }
            }
        }
        for (id, keys) in &e.missing_includes {
            if let Some(u) = get(id, "missing_includes") {
                for k in keys {
                    if !u.missing.iter().any(|m| m.key == *k) {
                        let got: Vec<&str> = u.missing.iter().map(|m| m.key.as_str()).collect();
                        out.push(format!("missing keys of `{id}` lack `{k}`: got {got:?}"));
                    }
                }
            }
        }
        for (id, code) in &e.out_of_scope_code {
            if let Some(u) = get(id, "out_of_scope_code") {
                match &u.outcome {
                    Outcome::OutOfScope { code: got, .. } if got == code => {}
                    o => out.push(format!("`{id}`: expected out of scope ({code}), got {}", outcome_string(o))),
                }
            }
        }
        for (id, want) in &e.recognised_by {
            if let Some(u) = get(id, "recognised_by") {
                let got = u.recognised_by.as_ref().map(|r| r.authority);
                if got != Some(*want) {
                    out.push(format!("recognised_by of `{id}`: expected {want:?}, got {got:?}"));
                }
            }
        }
        for (id, want) in &e.parent {
            if let Some(u) = get(id, "parent") {
                let got = u.parent.as_ref().map(|p| p.as_str());
                if got != want.as_deref() {
                    out.push(format!("parent of `{id}`: expected {want:?}, got {got:?}"));
                }
            }
        }
        for (id, crits) in &e.marks {
            if let Some(u) = get(id, "marks") {
                for (cid, want) in crits {
                    match u.criteria.iter().find(|c| &c.id == cid) {
                        None => out.push(format!("marks: criterion `{cid}` of `{id}` is not in the result")),
                        Some(c) => {
                            let got = match &c.source {
                                Some(s) => format!("{} from {s}", c.certainty.mark()),
                                None => c.certainty.mark().to_owned(),
                            };
                            if got != *want {
                                out.push(format!("mark of {cid} of `{id}`: expected {want}, got {got}"));
                            }
                        }
                    }
                }
            }
        }
        for (id, want) in &e.met_of {
            if let Some(u) = get(id, "met_of") {
                let got = format!("{}/{}", u.met, u.of);
                if got != *want {
                    out.push(format!("met_of of `{id}`: expected {want}, got {got}"));
                }
            }
        }
        for (id, fields) in &e.score {
            if let Some(u) = get(id, "score") {
                match &u.score {
                    None => out.push(format!("`{id}` has no score summary")),
                    Some(s) => {
                        for (f, want) in fields {
                            let got = match f.as_str() {
                                "reviewed" => s.reviewed,
                                "self" => s.self_score,
                                "known_max" => Some(s.known_max),
                                _ => Some(s.total),
                            };
                            if got != *want {
                                out.push(format!("score {f} of `{id}`: expected {want:?}, got {got:?}"));
                            }
                        }
                    }
                }
            }
        }
        for id in &e.absent {
            if ev.unit(id).is_some() {
                out.push(format!("unit `{id}` should not be in the result"));
            }
        }
        if let Some(d) = &e.decision {
            check_decision(ev, d, &mut out);
        }
        fails.extend(out);
    }

    fn check_stats(&self, st: &Stats, fails: &mut Vec<String>) {
        let e = &self.expect;
        check_lints(e.lints.as_deref(), &st.lints, fails);
        for (which, table) in [("total", &e.stats), ("own", &e.stats_own)] {
            for (id, fields) in table {
                let Some(row) = st.rows.iter().find(|r| r.unit.as_str() == id) else {
                    fails.push(format!("stats: unit `{id}` is not in the rows"));
                    continue;
                };
                let totals = if which == "total" { &row.total } else { &row.own };
                let v = serde_json::to_value(totals).unwrap_or(Value::Null);
                for (f, want) in fields {
                    match v.get(f) {
                        None => fails.push(format!("stats field `{f}` does not exist")),
                        Some(got) if got != want => {
                            fails.push(format!("stats {which} `{f}` of `{id}`: expected {want}, got {got}"))
                        }
                        Some(_) => {}
                    }
                }
            }
        }
        for id in &e.absent {
            if st.rows.iter().any(|r| r.unit.as_str() == id) {
                fails.push(format!("unit `{id}` should not be in the statistics"));
            }
        }
    }

    fn check_parsed_rules(&self, rs: &RuleSet, fails: &mut Vec<String>) {
        check_lints(self.expect.lints.as_deref(), &rs.lints(), fails);
        if let Some(p) = &self.expect.parsed {
            if let Some(id) = &p.id
                && rs.id != *id
            {
                fails.push(format!("rule set id: expected {id}, got {}", rs.id));
            }
            if let Some(n) = p.criteria
                && rs.criteria.len() != n
            {
                fails.push(format!("criteria: expected {n}, got {}", rs.criteria.len()));
            }
        }
    }

    fn check_parsed_dataset(&self, ds: &Dataset, fails: &mut Vec<String>) {
        check_lints(self.expect.lints.as_deref(), &ds.lints(), fails);
        if let Some(p) = &self.expect.parsed {
            for (what, want, got) in [
                ("units", p.units, ds.units.len()),
                ("evidence", p.evidence, ds.evidence.len()),
                ("incidents", p.incidents, ds.incidents.len()),
                ("activities", p.activities, ds.activities.len()),
            ] {
                if let Some(n) = want
                    && n != got
                {
                    fails.push(format!("{what}: expected {n}, got {got}"));
                }
            }
        }
    }
}

/// The lints' distinct codes against `want` (when the case names them), and every lint said
/// in both languages (a note a Vietnamese reader cannot read is not seen).
fn check_lints(want: Option<&[ProblemCode]>, lints: &[Problem], fails: &mut Vec<String>) {
    if let Some(want) = want {
        let want: BTreeSet<ProblemCode> = want.iter().copied().collect();
        let got: BTreeSet<ProblemCode> = lints.iter().map(|l| l.code).collect();
        if want != got {
            fails.push(format!("lints: expected {want:?}, got {got:?} ({lints:?})"));
        }
    }
    fails.extend(lints.iter().filter(|l| l.message_vi.is_none()).map(|l| format!("lint without Vietnamese: {l}")));
}

#[derive(Debug)]
enum Output {
    /// The evaluation with the dataset and rule set it was made from (for the review).
    Evaluation(Box<Evaluation>, Box<Dataset>, Box<RuleSet>),
    Stats(Stats),
    Rules(Box<RuleSet>),
    Dataset(Box<Dataset>),
}

/// An error for a case that lacks an input (`Case::check` refuses such cases first).
fn case_error(msg: &str) -> Error {
    Error::InvalidRuleSet(vec![antq::Problem::new(ProblemCode::BadValue, antq::Location::default(), msg)])
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

fn check_error(err: &Error, want: &ErrorExpect, fails: &mut Vec<String>) {
    if err.code() != want.code {
        fails.push(format!("error code: expected {}, got {} ({err})", want.code, err.code()));
    }
    let ps = err.problems();
    let got: BTreeSet<ProblemCode> = ps.iter().map(|p| p.code).collect();
    let expected: BTreeSet<ProblemCode> = want.problems.iter().copied().collect();
    if got != expected {
        fails.push(format!("problem codes: expected {expected:?}, got {got:?} ({err})"));
    }
    if let Some(l) = want.line
        && !ps.iter().any(|p| p.location.line == Some(l))
    {
        let lines: Vec<Option<usize>> = ps.iter().map(|p| p.location.line).collect();
        fails.push(format!("no problem on line {l}; lines: {lines:?} ({err})"));
    }
    if let Some(u) = &want.unit
        && !ps.iter().any(|p| p.location.unit.as_deref() == Some(u.as_str()))
    {
        fails.push(format!("no problem names unit `{u}` ({err})"));
    }
    if let Some(c) = &want.criterion
        && !ps.iter().any(|p| p.location.criterion.as_deref() == Some(c.as_str()))
    {
        fails.push(format!("no problem names criterion `{c}` ({err})"));
    }
    if let Some(path) = &want.path
        && !ps.iter().any(|p| p.location.path.as_deref() == Some(path.as_str()))
    {
        fails.push(format!("no problem is at path `{path}` ({err})"));
    }
    let text = err.to_string();
    for m in &want.message_contains {
        if !ps.iter().any(|p| p.message.contains(m.as_str())) && !text.contains(m.as_str()) {
            fails.push(format!("no problem message contains `{m}` ({err})"));
        }
    }
}

fn check_decision(ev: &Evaluation, d: &DecisionExpect, out: &mut Vec<String>) {
    let r = &ev.decision;
    if let Some(id) = &d.rule_set
        && r.rule_set != *id
    {
        out.push(format!("decision rule_set: expected {id}, got {}", r.rule_set));
    }
    if let Some(y) = d.year
        && r.year != y
    {
        out.push(format!("decision year: expected {y}, got {}", r.year));
    }
    if let Some(a) = d.as_of
        && r.as_of != a
    {
        out.push(format!("decision as_of: expected {a}, got {}", r.as_of));
    }
    if let Some(s) = &d.supplements {
        let got: Vec<&str> = r.supplements.iter().map(|s| s.id.as_str()).collect();
        if got != s.iter().map(String::as_str).collect::<Vec<_>>() {
            out.push(format!("decision supplements: expected {s:?}, got {got:?}"));
        }
    }
    for (k, v) in &d.parameters {
        let got = r.parameters.get(k).map(|p| p.value);
        if got != Some(*v) {
            out.push(format!("decision parameter {k}: expected {v}, got {got:?}"));
        }
    }
    if let Some(p) = &d.prerequisite {
        let got = r.prerequisite.as_ref().map(|p| p.rule_set.as_str());
        if got != Some(p.as_str()) {
            out.push(format!("decision prerequisite: expected {p}, got {got:?}"));
        }
    }
}

fn check_round_trip(ev: &Evaluation, fails: &mut Vec<String>) {
    match serde_json::to_string(ev) {
        Err(e) => fails.push(format!("evaluation does not serialise: {e}")),
        Ok(json) => match serde_json::from_str::<Evaluation>(&json) {
            Err(e) => fails.push(format!("evaluation JSON does not read back: {e}")),
            Ok(back) if back != *ev => fails.push("evaluation JSON reads back different".into()),
            Ok(_) => {}
        },
    }
}

/// The case files under `cases/evaluate/`, sorted by name.
pub fn case_files() -> Vec<PathBuf> {
    let dir = crate::cases_dir().join("evaluate");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    v.sort();
    v
}

/// Checks a case file's name: `NNN-short-name.json`.
pub fn check_file_name(path: &Path) -> Result<u32, String> {
    let name = path.file_name().and_then(|n| n.to_str()).ok_or("file name is not UTF-8")?;
    let stem = name.strip_suffix(".json").ok_or_else(|| format!("`{name}` is not a .json file"))?;
    let (num, rest) = stem.split_at_checked(3).ok_or_else(|| format!("`{name}` is not NNN-short-name.json"))?;
    let n: u32 = num
        .parse()
        .ok()
        .filter(|_| num.bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(|| format!("`{name}` does not start with three digits"))?;
    let short = rest.strip_prefix('-').ok_or_else(|| format!("`{name}` is not NNN-short-name.json"))?;
    let ok = !short.is_empty()
        && short.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !short.starts_with('-')
        && !short.ends_with('-');
    if ok { Ok(n) } else { Err(format!("`{name}`: the short name must be lowercase words joined by `-`")) }
}
