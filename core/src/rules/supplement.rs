//! Provincial supplements layered on a base rule set.

use super::{Category, Criterion, OutcomePolicy, Parameter, RULES_FORMAT_VERSION, RuleSet, Sheet, SupplementRef};
use crate::error::{Error, Location, Problem, ProblemCode, Result};
use crate::model::text::{Certainty, Text};
use crate::read::limits::Limits;
use crate::read::source::Source;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a province (or any user) adds to a base rule set: criteria, categories,
/// replaced criteria, completed sheets and cut-offs, parameter values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Supplement {
    /// Must be [`RULES_FORMAT_VERSION`].
    pub format_version: u32,
    /// Stable id.
    pub id: String,
    /// Version.
    pub version: String,
    /// Title.
    pub title: Text,
    /// Id of the rule set it supplements, or of its family (e.g. `vn.c124`: the supplement
    /// then layers on whichever member is in force).
    pub base: String,
    /// `verified` for a published provincial decision, `sample` for made-up content.
    pub certainty: Certainty,
    /// Free description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Categories added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<Category>,
    /// Criteria added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub criteria: Vec<Criterion>,
    /// Criteria replaced, matched by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replace_criteria: Vec<Criterion>,
    /// Parameters set or added (each name once).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "crate::read::raw::unique_map")]
    pub parameters: BTreeMap<String, Parameter>,
    /// Sheets replaced (matched by their kinds) or added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sheets: Vec<Sheet>,
    /// The period in which the province applies the layered rule set, replacing the base's:
    /// the explicit choice that lets a set be used beyond its national period (e.g. the
    /// Decision 9745 criteria after the reform of 1/7/2025, while Plan 612's are unknown).
    /// Recorded in every decision record through the supplement and the period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective: Option<super::Effective>,
    /// What a typical rule set's quota is counted per (e.g. `province` after the 2025
    /// reform), replacing the base's `quota_per`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quota_per: Option<crate::Kind>,
}

impl Supplement {
    /// Reads a supplement from JSON or TOML.
    pub fn from_str_named(name: &str, text: &str) -> Result<Supplement> {
        Supplement::from_str_with_limits(name, text, &Limits::default())
    }

    /// Reads a supplement like [`Supplement::from_str_named`], within the given [`Limits`]
    /// (size, nesting and string lengths before parsing; criteria after).
    pub fn from_str_with_limits(name: &str, text: &str, limits: &Limits) -> Result<Supplement> {
        let src = Source::new(name, text);
        limits.check_document(&src).map_err(|p| Error::InvalidRuleSet(vec![*p]))?;
        let s: Supplement = src
            .parse()
            .map_err(|p| Error::InvalidRuleSet(crate::read::version::first(p, &src, RULES_FORMAT_VERSION)))?;
        let criteria = s.criteria.len().saturating_add(s.replace_criteria.len());
        if criteria > limits.max_criteria {
            return Err(Error::InvalidRuleSet(vec![Limits::problem(
                Location { file: Some(name.to_owned()), path: Some("criteria".into()), ..Location::default() },
                "criteria and replaced criteria",
                criteria,
                "max_criteria",
                limits.max_criteria,
            )]));
        }
        if s.format_version != RULES_FORMAT_VERSION {
            return Err(Error::InvalidRuleSet(vec![Problem::format_version(
                Location { file: Some(name.to_owned()), path: Some("format_version".into()), ..Location::default() },
                s.format_version,
                RULES_FORMAT_VERSION,
            )]));
        }
        Ok(s)
    }

    /// Reads a supplement from a file.
    pub fn from_path(path: impl AsRef<std::path::Path>) -> Result<Supplement> {
        let path = path.as_ref();
        let text = crate::read::read_file(path)?;
        Supplement::from_str_named(&path.display().to_string(), &text)
    }
}

/// A criterion as a supplement gives it: its source is the supplement, and its mark is
/// never stronger than the supplement's own (a sample supplement's criterion is a sample,
/// whatever it claims).
fn from_supplement(c: &Criterion, s: &Supplement) -> Criterion {
    let mut c = c.clone();
    c.source = Some(s.id.clone());
    c.certainty = c.certainty.max(s.certainty);
    c
}

/// A parameter as a supplement gives it: a value set by an inferred or sample supplement
/// is an illustrative default, whatever it claims (a sample's quota is never a rule).
fn parameter_from_supplement(p: &Parameter, s: &Supplement) -> Parameter {
    let mut p = p.clone();
    p.illustrative |= s.certainty >= Certainty::Inferred;
    p
}

/// A sheet as a supplement gives it: each level's mark is never stronger than the
/// supplement's own, and a level that states none takes the supplement's (a sample
/// supplement's "yếu" is a sample, never a level shown as verified).
fn sheet_from_supplement(sheet: &Sheet, s: &Supplement) -> Sheet {
    let mut sheet = sheet.clone();
    for l in &mut sheet.levels {
        l.certainty = Some(l.certainty.unwrap_or(Certainty::Verified).max(s.certainty));
    }
    sheet
}

pub(super) fn apply(base: &RuleSet, s: &Supplement) -> Result<RuleSet> {
    let mut problems = Vec::new();
    let here = |p: &str| Location {
        file: Some(format!("supplement `{}`", s.id)),
        path: Some(p.into()),
        ..Location::default()
    };
    if s.base != base.id && base.family.as_ref() != Some(&s.base) {
        problems.push(Problem::new(
            ProblemCode::SupplementBase,
            here("base"),
            format!("supplement is for `{}`, not `{}`", s.base, base.id),
        ));
        return Err(Error::InvalidRuleSet(problems));
    }
    let mut rs = base.clone();
    if let Some(e) = &s.effective {
        rs.effective = e.clone();
    }
    if let Some(k) = s.quota_per {
        match &mut rs.outcome {
            OutcomePolicy::Typical { quota_per, .. } => *quota_per = Some(k),
            _ => problems.push(Problem::new(
                ProblemCode::UnknownReference,
                here("quota_per"),
                format!("`{}` has no typical-unit quota to count per {k}", base.id),
            )),
        }
    }
    rs.categories.extend(s.categories.iter().cloned());
    for (i, c) in s.criteria.iter().enumerate() {
        if rs.criteria.iter().any(|b| b.id == c.id) {
            problems.push(Problem::new(
                ProblemCode::DuplicateId,
                here(&format!("criteria[{i}]")).with_criterion(&c.id),
                format!("criterion `{}` already exists; use replace_criteria to change it", c.id),
            ));
        } else {
            rs.criteria.push(from_supplement(c, s));
        }
    }
    for (i, c) in s.replace_criteria.iter().enumerate() {
        match rs.criteria.iter_mut().find(|b| b.id == c.id) {
            Some(slot) => *slot = from_supplement(c, s),
            None => problems.push(Problem::new(
                ProblemCode::UnknownReference,
                here(&format!("replace_criteria[{i}]")).with_criterion(&c.id),
                format!("no criterion `{}` to replace", c.id),
            )),
        }
    }
    for (k, p) in &s.parameters {
        rs.parameters.insert(k.clone(), parameter_from_supplement(p, s));
    }
    if !s.sheets.is_empty() {
        match &mut rs.outcome {
            OutcomePolicy::Points { sheets } => {
                for (i, new) in s.sheets.iter().enumerate() {
                    let mut want = new.kinds.clone();
                    crate::sort(&mut want);
                    let pos = sheets.iter().position(|old| {
                        let mut have = old.kinds.clone();
                        crate::sort(&mut have);
                        have == want
                    });
                    match pos {
                        Some(j) => sheets[j] = sheet_from_supplement(new, s),
                        None if sheets.iter().any(|old| old.kinds.iter().any(|k| new.kinds.contains(k))) => problems
                            .push(Problem::new(
                                ProblemCode::DuplicateId,
                                here(&format!("sheets[{i}]")),
                                "a sheet must replace one base sheet with exactly the same kinds".to_owned(),
                            )),
                        None => sheets.push(sheet_from_supplement(new, s)),
                    }
                }
            }
            _ => problems.push(Problem::new(
                ProblemCode::BadValue,
                here("sheets"),
                format!("`{}` has no points sheets to complete", base.id),
            )),
        }
    }
    if !problems.is_empty() {
        return Err(Error::InvalidRuleSet(crate::error::cap_problems(problems, Limits::default().max_problems)));
    }
    rs.applied_supplements.push(SupplementRef {
        id: s.id.clone(),
        version: s.version.clone(),
        certainty: s.certainty,
        content_hash: super::hash_json(s),
        added: s.criteria.iter().map(|c| c.id.clone()).collect(),
        replaced: s.replace_criteria.iter().map(|c| c.id.clone()).collect(),
        effective: s.effective.clone(),
    });
    let p = rs.problems();
    if p.is_empty() {
        Ok(rs)
    } else {
        Err(Error::InvalidRuleSet(
            crate::error::cap_problems(p, Limits::default().max_problems)
                .into_iter()
                .map(|mut p| {
                    p.location.file = Some(format!("{} + supplement `{}`", base.id, s.id));
                    p
                })
                .collect(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::Supplement;
    use crate::rules::OutcomePolicy;
    use crate::{Certainty, RuleSet};

    /// The preset `base` with a supplement of this `certainty` whose body (TOML) is `body`.
    fn layered(base: &str, certainty: &str, body: &str) -> RuleSet {
        let text = format!(
            "format_version = 1\nid = \"test.s\"\nversion = \"1\"\ntitle = {{ vi = \"t\", en = \"t\" }}\n\
             base = \"{base}\"\ncertainty = \"{certainty}\"\n{body}"
        );
        let s = Supplement::from_str_named("s.toml", &text).unwrap();
        RuleSet::preset(base).unwrap().with_supplement(&s).unwrap()
    }

    /// The marks of the agency sheet's levels once `certainty` (the supplement's) and the
    /// levels' own marks are layered on Decision 510.
    fn level_marks(certainty: &str, levels: &str) -> Vec<(String, Option<Certainty>)> {
        let body = format!(
            "[[sheets]]\nkinds = [\"agency\", \"enterprise\"]\ntotal = 100\ncomplete = false\n\
             levels_illustrative = true\nlevels = [{levels}]\n"
        );
        let rs = layered("vn.d510-2022", certainty, &body);
        let OutcomePolicy::Points { sheets } = &rs.outcome else { panic!("a points rule set") };
        let sheet = sheets.iter().find(|s| s.kinds.contains(&crate::Kind::Agency)).unwrap();
        sheet.levels.iter().map(|l| (l.id.clone(), l.certainty)).collect()
    }

    #[test]
    fn a_supplements_levels_are_never_marked_above_the_supplement() {
        let levels = r#"{ id = "tot", label = { vi = "Tốt", en = "Good" }, min = 60, certainty = "verified" },
            { id = "yeu", label = { vi = "Yếu", en = "Weak" }, min = 0 }"#;
        let sample = level_marks("sample", levels);
        assert_eq!(
            sample,
            [("tot".into(), Some(Certainty::Sample)), ("yeu".into(), Some(Certainty::Sample))],
            "a sample's levels are samples, whatever they claim, and one claiming nothing too"
        );
        let published = level_marks("verified", levels);
        assert_eq!(published, [("tot".into(), Some(Certainty::Verified)), ("yeu".into(), Some(Certainty::Verified))]);
        let partial = level_marks(
            "partial",
            r#"{ id = "yeu", label = { vi = "Yếu", en = "Weak" }, min = 0, certainty = "inferred" }"#,
        );
        assert_eq!(partial, [("yeu".into(), Some(Certainty::Inferred))], "a weaker mark of the level's own stays");
    }

    #[test]
    fn a_sample_supplements_parameters_are_illustrative_whatever_they_claim() {
        let body =
            "[parameters.quota_per_parent]\nvalue = 2\nillustrative = false\nlabel = { vi = \"q\", en = \"q\" }\n";
        let illustrative = |c| layered("vn.d9745-2022.communes", c, body).parameters["quota_per_parent"].illustrative;
        assert_eq!(["verified", "partial", "inferred", "sample"].map(illustrative), [false, false, true, true]);
    }
}
