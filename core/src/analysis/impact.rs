//! Rule-change impact: the same data evaluated under two rule sets (or one with and
//! without a supplement, or with a parameter changed); which units' outcomes change, the
//! criteria that cause it, and a summary per parent unit.
//!
//! ```
//! use antq::{Dataset, RuleSet, Supplement, evaluate};
//! use antq::analysis::impact::{impact, with_parameter};
//! let ds = Dataset::from_str_named("sample.json", antq::sample::SAMPLE_JSON).unwrap();
//! let base = RuleSet::preset("vn.d9745-2022.communes").unwrap();
//! let looser = with_parameter(&base, "min_met", 30).unwrap();
//! let im = impact(&evaluate(&ds, &base, 2023).unwrap(), &evaluate(&ds, &looser, 2023).unwrap());
//! assert!(im.units.iter().all(|r| r.before != r.after));
//! ```

use crate::eval::{DecisionRecord, Evaluation, Outcome, Status, UnitResult};
use crate::model::text::Text;
use crate::model::unit::{Kind, UnitId};
use crate::rules::RuleSet;
use crate::{Error, Location, Problem, ProblemCode, Result};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The rule set behind one side of a comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Side {
    /// Rule set id.
    pub rule_set: String,
    /// Its content hash.
    pub content_hash: String,
    /// Supplements applied (ids).
    pub supplements: Vec<String>,
    /// Year.
    pub year: i32,
    /// The rule set's version, hash and supplements (each with version and hash).
    #[serde(default)]
    pub rules: crate::rules::RulesRef,
}

impl Side {
    fn of(d: &DecisionRecord) -> Side {
        Side {
            rule_set: d.rule_set.clone(),
            content_hash: d.content_hash.clone(),
            supplements: d.supplements.iter().map(|s| s.id.clone()).collect(),
            year: d.year,
            rules: d.rules(),
        }
    }
}

/// Why an outcome changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cause {
    /// A criterion id, `parameter:<id>`, `levels` (level cut-offs) or `rank` (the quota).
    pub what: String,
    /// Before (a status, a parameter value, a level or a rank; absent when new).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// After (absent when removed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// In both languages.
    pub text: Text,
}

/// A unit whose outcome changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImpactRow {
    /// Unit id.
    pub unit: UnitId,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: Kind,
    /// Parent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<UnitId>,
    /// The commune, district and province on the reference date ([`crate::Ancestry`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commune: Option<UnitId>,
    /// See `commune` (none from 1 July 2025).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<UnitId>,
    /// See `commune`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<UnitId>,
    /// Outcome key before (`meets`, `level:kha`, `typical:1`…; `absent` when not evaluated).
    pub before: String,
    /// Outcome key after.
    pub after: String,
    /// Whether it moves up (to meets, typical, a higher level), down, or sideways.
    pub direction: Direction,
    /// The criteria or parameters that cause the change.
    pub causes: Vec<Cause>,
}

/// Which way an outcome moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Better.
    Up,
    /// Worse.
    Down,
    /// Neither (e.g. to or from undetermined, or another rank).
    Other,
}

impl Direction {
    /// The snake_case code (as in JSON).
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
            Direction::Other => "other",
        }
    }
}

/// The summary for one parent unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParentImpact {
    /// Parent id (`null` for units without a parent).
    pub parent: Option<UnitId>,
    /// Units evaluated under either side.
    pub units: u32,
    /// Units whose outcome changes.
    pub changed: u32,
    /// Units meeting (meets or typical) before.
    pub positive_before: u32,
    /// Units meeting after.
    pub positive_after: u32,
    /// Units moving up.
    pub up: u32,
    /// Units moving down.
    pub down: u32,
}

/// The impact of a rule change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Impact {
    /// The base side.
    pub base: Side,
    /// The changed side.
    pub changed: Side,
    /// Units compared.
    pub units_compared: u32,
    /// One row per unit whose outcome changes, in unit id order.
    pub units: Vec<ImpactRow>,
    /// Per parent unit, in id order.
    pub parents: Vec<ParentImpact>,
    /// The lints of the two evaluations compared ([`Evaluation::lints`]; one listed once
    /// when both sides have it): what the data gives that the rules do not read, which
    /// the answers above do not count.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lints: Vec<crate::Problem>,
}

/// The outcome as a comparable key.
pub fn outcome_key(o: &Outcome) -> String {
    match o {
        Outcome::Level { level, .. } => format!("level:{level}"),
        Outcome::Typical { rank } => format!("typical:{rank}"),
        Outcome::NotSelected { rank } => format!("not_selected:{rank}"),
        o => o.code().to_owned(),
    }
}

/// Ordinal for direction: higher is better; `None` when not comparable.
fn rank(o: &Outcome, levels: &[String]) -> Option<i64> {
    match o {
        Outcome::Meets | Outcome::Typical { .. } => Some(1000),
        Outcome::NotSelected { .. } => Some(500),
        Outcome::DoesNotMeet | Outcome::NotTypical => Some(0),
        Outcome::Level { level, .. } => levels.iter().position(|l| l == level).map(|p| 100 * (levels.len() - p) as i64),
        _ => None,
    }
}

/// Compares two evaluations of the same data. Units evaluated on only one side appear
/// with `absent` on the other. Level changes count as neither up nor down here (the
/// evaluations do not carry the sheets); [`impact_of_rules`] knows the level order.
pub fn impact(base: &Evaluation, changed: &Evaluation) -> Impact {
    impact_with_levels(base, changed, &[])
}

/// Evaluates `dataset` under both rule sets and compares; levels are ordered as in the
/// base rule set's sheets (best first).
pub fn impact_of_rules(
    dataset: &crate::Dataset,
    base: &RuleSet,
    changed: &RuleSet,
    year: i32,
    opts: &crate::Options,
) -> Result<Impact> {
    crate::eval::check_year(year)?;
    base.validate()?;
    changed.validate()?;
    // One validated, indexed dataset for both reviews.
    let prepared = crate::Prepared::new(dataset, year)?;
    let (oa, ob) = sides(base, changed, opts);
    let (a, b) = (prepared.review(base, &oa)?, prepared.review(changed, &ob)?);
    let mut levels: Vec<String> = Vec::new();
    if let crate::rules::OutcomePolicy::Points { sheets } = &base.outcome {
        for l in sheets.iter().flat_map(|s| s.levels.iter()) {
            if !levels.contains(&l.id) {
                levels.push(l.id.clone());
            }
        }
    }
    // Memory holds the changed units' rows, not two national evaluations.
    let lints = super::merged_lints([a.lints(), b.lints()]);
    impact_of_results((a.record(), b.record()), &levels, super::pairs::of_reviews(&a, &b), lints)
}

/// The options each side of [`impact_of_rules`] is evaluated under: each side knows the
/// other's evidence vocabulary (keys only the other reads are lints, not errors).
fn sides(base: &RuleSet, changed: &RuleSet, opts: &crate::Options) -> (crate::Options, crate::Options) {
    let (mut oa, mut ob) = (opts.clone(), opts.clone());
    oa.rule_sets.push(changed.clone());
    ob.rule_sets.push(base.clone());
    (oa, ob)
}

/// [`impact`] with the order of level ids, best first, for the direction of level changes.
pub fn impact_with_levels(base: &Evaluation, changed: &Evaluation, levels: &[String]) -> Impact {
    let results = super::pairs::of_evaluations(base, changed);
    let lints = super::merged_lints([base.lints.as_slice(), changed.lints.as_slice()]);
    match impact_of_results((&base.decision, &changed.decision), levels, results, lints) {
        Ok(i) => i,
        Err(never) => match never {},
    }
}

/// The impact from each unit's two results, given one unit at a time in id order (a
/// failure to make one ends it).
fn impact_of_results<'e, E>(
    decisions: (&DecisionRecord, &DecisionRecord),
    levels: &[String],
    results: impl Iterator<Item = std::result::Result<super::pairs::Pair<'e>, E>>,
    lints: Vec<crate::Problem>,
) -> std::result::Result<Impact, E> {
    let params_a = &decisions.0.parameters;
    let params_b = &decisions.1.parameters;
    let param_causes: Vec<Cause> = params_a
        .keys()
        .chain(params_b.keys())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .filter(|k| params_a.get(*k).map(|p| p.value) != params_b.get(*k).map(|p| p.value))
        .map(|k| {
            let (x, y) = (params_a.get(k).map(|p| p.value.to_string()), params_b.get(k).map(|p| p.value.to_string()));
            Cause {
                what: format!("parameter:{k}"),
                text: Text::new(
                    format!("Tham số `{k}`: {} → {}", x.as_deref().unwrap_or("–"), y.as_deref().unwrap_or("–")),
                    format!("Parameter `{k}`: {} → {}", x.as_deref().unwrap_or("–"), y.as_deref().unwrap_or("–")),
                ),
                before: x,
                after: y,
            }
        })
        .collect();

    let mut rows = Vec::new();
    let mut parents: BTreeMap<Option<UnitId>, ParentImpact> = BTreeMap::new();
    let mut compared = 0u32;
    for pair in results {
        let (ua, ub) = pair?;
        let (ua, ub) = (ua.as_deref(), ub.as_deref());
        compared += 1;
        let Some(any) = ub.or(ua) else { continue };
        let ka = ua.map_or_else(|| "absent".to_owned(), |u| outcome_key(&u.outcome));
        let kb = ub.map_or_else(|| "absent".to_owned(), |u| outcome_key(&u.outcome));
        let p = parents.entry(any.parent.clone()).or_insert_with(|| ParentImpact {
            parent: any.parent.clone(),
            units: 0,
            changed: 0,
            positive_before: 0,
            positive_after: 0,
            up: 0,
            down: 0,
        });
        p.units += 1;
        p.positive_before += u32::from(ua.is_some_and(|u| u.outcome.is_meeting()));
        p.positive_after += u32::from(ub.is_some_and(|u| u.outcome.is_meeting()));
        if ka == kb {
            continue;
        }
        p.changed += 1;
        let ra = ua.and_then(|u| rank(&u.outcome, levels));
        let rb = ub.and_then(|u| rank(&u.outcome, levels));
        let direction = match (ra, rb) {
            (Some(x), Some(y)) if y > x => Direction::Up,
            (Some(x), Some(y)) if y < x => Direction::Down,
            _ => Direction::Other,
        };
        match direction {
            Direction::Up => p.up += 1,
            Direction::Down => p.down += 1,
            Direction::Other => {}
        }
        let mut causes = criterion_causes(ua, ub);
        if causes.is_empty() {
            causes.extend(param_causes.iter().filter(|c| param_matters(c, ua, ub)).cloned());
            if let (Some(x), Some(y)) = (ua, ub)
                && let (Outcome::Level { .. }, Outcome::Level { .. }) = (&x.outcome, &y.outcome)
            {
                causes.push(Cause {
                    what: "levels".into(),
                    before: Some(ka.clone()),
                    after: Some(kb.clone()),
                    text: Text::new("Cùng điểm, ngưỡng xếp loại khác", "Same scores, different level cut-offs"),
                });
            }
            if causes.is_empty()
                && let (Some(x), Some(y)) = (ua, ub)
                && matches!(x.outcome, Outcome::Typical { .. } | Outcome::NotSelected { .. })
            {
                causes.push(Cause {
                    what: "rank".into(),
                    before: Some(ka.clone()),
                    after: Some(kb.clone()),
                    text: Text::new(
                        format!(
                            "Thứ hạng trong đơn vị cấp trên thay đổi ({} → {})",
                            x.outcome.label().vi,
                            y.outcome.label().vi
                        ),
                        format!("Rank within the parent changes ({} → {})", x.outcome.label().en, y.outcome.label().en),
                    ),
                });
            }
        }
        rows.push(ImpactRow {
            unit: any.unit.clone(),
            name: any.name.clone(),
            kind: any.kind,
            parent: any.parent.clone(),
            commune: any.commune.clone(),
            district: any.district.clone(),
            province: any.province.clone(),
            before: ka,
            after: kb,
            direction,
            causes,
        });
    }
    Ok(Impact {
        base: Side::of(decisions.0),
        changed: Side::of(decisions.1),
        units_compared: compared,
        units: rows,
        parents: parents.into_values().collect(),
        lints,
    })
}

/// Whether a changed parameter can explain this unit's change: `min_met` only when the
/// unit's criteria met (and unknown) fall between the two values, `quota_per_parent` only
/// when its rank does; other parameters always.
fn param_matters(c: &Cause, ua: Option<&UnitResult>, ub: Option<&UnitResult>) -> bool {
    let num = |v: &Option<String>| v.as_deref().and_then(|x| x.parse::<i64>().ok());
    let (Some(a), Some(b)) = (num(&c.before), num(&c.after)) else { return true };
    match c.what.as_str() {
        "parameter:min_met" => {
            let Some(u) = ub.or(ua) else { return true };
            let met = i64::from(u.met);
            let unknown =
                u.criteria.iter().filter(|c| !c.id.starts_with("prerequisite:") && c.status == Status::Unknown).count()
                    as i64;
            let s = |m: i64| (met >= m, met + unknown < m);
            s(a) != s(b)
        }
        "parameter:quota_per_parent" => {
            let rank = [ua, ub].into_iter().flatten().find_map(|u| match u.outcome {
                Outcome::Typical { rank } | Outcome::NotSelected { rank } => Some(i64::from(rank)),
                _ => None,
            });
            rank.is_none_or(|r| (r <= a) != (r <= b))
        }
        _ => true,
    }
}

/// Criteria whose status differs, or that exist on one side only.
fn criterion_causes(ua: Option<&UnitResult>, ub: Option<&UnitResult>) -> Vec<Cause> {
    let (Some(x), Some(y)) = (ua, ub) else { return Vec::new() };
    let sa: BTreeMap<&str, Status> = x.criteria.iter().map(|c| (c.id.as_str(), c.status)).collect();
    let sb: BTreeMap<&str, Status> = y.criteria.iter().map(|c| (c.id.as_str(), c.status)).collect();
    let code = |s: Status| match s {
        Status::Met => "met",
        Status::NotMet => "not_met",
        Status::Unknown => "unknown",
    };
    let mut out = Vec::new();
    for c in &y.criteria {
        let before = sa.get(c.id.as_str()).copied();
        if before == Some(c.status) || (before.is_none() && c.status == Status::Met) {
            continue;
        }
        let why = c.checks.iter().find(|k| k.status == c.status).map(|k| k.explanation.clone()).unwrap_or_default();
        out.push(Cause {
            what: c.id.clone(),
            before: before.map(|s| code(s).to_owned()),
            after: Some(code(c.status).to_owned()),
            text: match before {
                None => Text::new(
                    format!("Tiêu chí mới `{}` ({}): {}", c.id, c.label.vi, why.vi),
                    format!("New criterion `{}` ({}): {}", c.id, c.label.en, why.en),
                ),
                Some(b) => Text::new(
                    format!("`{}`: {} → {}. {}", c.id, b.mark(), c.status.mark(), why.vi),
                    format!("`{}`: {} → {}. {}", c.id, b.mark(), c.status.mark(), why.en),
                ),
            },
        });
    }
    for c in x.criteria.iter().filter(|c| !sb.contains_key(c.id.as_str()) && c.status != Status::Met) {
        out.push(Cause {
            what: c.id.clone(),
            before: Some(code(c.status).to_owned()),
            after: None,
            text: Text::new(format!("Bỏ tiêu chí `{}`", c.id), format!("Criterion `{}` removed", c.id)),
        });
    }
    // Points: a different total under the same items is reported by the sheet summary.
    if out.is_empty()
        && let (Some(p), Some(q)) = (&x.score, &y.score)
        && p.reviewed != q.reviewed
    {
        let f = |v: Option<crate::Points>| v.map_or("–".to_owned(), |v| v.to_string());
        out.push(Cause {
            what: "score".into(),
            before: Some(f(p.reviewed)),
            after: Some(f(q.reviewed)),
            text: Text::new(
                format!("Tổng điểm {} → {}", f(p.reviewed), f(q.reviewed)),
                format!("Total {} → {}", f(p.reviewed), f(q.reviewed)),
            ),
        });
    }
    out
}

/// The other side of an impact, as every surface asks for it: another rule set (`vs`),
/// supplements and parameter values, applied in that order to `vs` or, without it, to the
/// base rule set. Asking for no change at all is an error.
///
/// ```
/// use antq::RuleSet;
/// use antq::analysis::impact::RuleChange;
/// let base = RuleSet::preset("vn.d9745-2022.communes").unwrap();
/// let change = RuleChange { parameters: vec![("min_met".into(), 30)], ..RuleChange::default() };
/// assert_eq!(change.apply(&base).unwrap().parameter("min_met"), Some(30));
/// assert_eq!(RuleChange::default().apply(&base).unwrap_err().code(), "invalid_rule_set");
/// ```
#[derive(Debug, Clone, Default)]
pub struct RuleChange {
    /// Another rule set to compare with.
    pub vs: Option<RuleSet>,
    /// Supplements applied to `vs` (or the base), in order.
    pub supplements: Vec<crate::Supplement>,
    /// Parameters set last, in order.
    pub parameters: Vec<(String, i64)>,
}

impl RuleChange {
    /// The changed rule set.
    pub fn apply(&self, base: &RuleSet) -> Result<RuleSet> {
        if self.vs.is_none() && self.supplements.is_empty() && self.parameters.is_empty() {
            return Err(Error::InvalidRuleSet(vec![Problem::new(
                ProblemCode::BadValue,
                Location::default(),
                "say what changes: another rule set, supplements or parameters",
            )]));
        }
        let mut r = self.vs.clone().unwrap_or_else(|| base.clone());
        for s in &self.supplements {
            r = r.with_supplement(s)?;
        }
        for (k, v) in &self.parameters {
            r = with_parameter(&r, k, *v)?;
        }
        Ok(r)
    }
}

/// A copy of `rules` with one parameter's value changed (marked as not illustrative, since
/// the caller chose it). An unknown parameter is an error naming the known ones.
pub fn with_parameter(rules: &RuleSet, key: &str, value: i64) -> Result<RuleSet> {
    let mut r = rules.clone();
    match r.parameters.get_mut(key) {
        Some(p) => {
            p.value = value;
            p.illustrative = false;
            r.validate()?;
            Ok(r)
        }
        None => Err(Error::InvalidRuleSet(vec![Problem::new(
            ProblemCode::BadValue,
            Location::path(format!("parameters.{key}")),
            match rules.parameters.keys().map(|k| format!("`{k}`")).collect::<Vec<_>>() {
                known if known.is_empty() => format!("`{}` has no parameters: `{key}` cannot be set", rules.id),
                known => format!("`{}` has no parameter `{key}`; known: {}", rules.id, known.join(", ")),
            },
        )])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Dataset, Supplement, evaluate, sample::SAMPLE_JSON};

    fn ds() -> Dataset {
        Dataset::from_str_named("s.json", SAMPLE_JSON).unwrap()
    }

    #[test]
    fn same_rules_change_nothing() {
        let d = ds();
        let r = RuleSet::preset("vn.c124-2021").unwrap();
        let ev = evaluate(&d, &r, 2023).unwrap();
        let im = impact(&ev, &ev);
        assert!(im.units.is_empty());
        assert_eq!(im.units_compared as usize, ev.units.len());
        assert!(im.parents.iter().all(|p| p.changed == 0 && p.positive_before == p.positive_after));
    }

    #[test]
    fn the_typical_supplement_changes_outcomes_with_causes() {
        let d = ds();
        let base = RuleSet::preset("vn.d9745-2022.communes").unwrap();
        let s = Supplement::from_str_named("t.toml", include_str!("../../sample/typical-supplement.toml")).unwrap();
        let with = base.with_supplement(&s).unwrap();
        let (ea, eb) = (evaluate(&d, &base, 2023).unwrap(), evaluate(&d, &with, 2023).unwrap());
        let im = impact(&ea, &eb);
        assert!(!im.units.is_empty());
        for r in &im.units {
            assert!(!r.causes.is_empty(), "{r:?}");
            assert_eq!(r.before, outcome_key(&ea.unit(r.unit.as_str()).unwrap().outcome));
            assert_eq!(r.after, outcome_key(&eb.unit(r.unit.as_str()).unwrap().outcome));
        }
        let changed: u32 = im.parents.iter().map(|p| p.changed).sum();
        assert_eq!(changed as usize, im.units.len());
        // The after counts agree with the evaluation.
        let pos = eb.units.iter().filter(|u| u.outcome.is_meeting()).count() as u32;
        assert_eq!(im.parents.iter().map(|p| p.positive_after).sum::<u32>(), pos);
    }

    #[test]
    fn unknown_parameter_is_refused() {
        let r = RuleSet::preset("vn.d9745-2022.communes").unwrap();
        let e = with_parameter(&r, "nope", 1).unwrap_err().to_string();
        assert!(e.contains("has no parameter `nope`; known: `min_met`"), "{e}");
        // A rule set without parameters says so, not "known: " and nothing.
        let e = with_parameter(&RuleSet::preset("vn.c124-2021").unwrap(), "x", 1).unwrap_err().to_string();
        assert!(e.contains("`vn.c124-2021` has no parameters: `x` cannot be set"), "{e}");
        let q = with_parameter(&r, "min_met", 30).unwrap();
        assert_eq!(q.parameter("min_met"), Some(30));
        assert_ne!(q.content_hash(), r.content_hash());
    }
}
