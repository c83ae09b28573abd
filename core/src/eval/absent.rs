//! Why a unit has no result: the one wording the CLI, Rust, Python and JavaScript give.

use crate::eval::DecisionRecord;
use crate::{Dataset, Error, Kind};

/// The [`Error::UnknownUnit`] for unit `id`, which has no result in the evaluation
/// `record` describes, of `ds` under a rule set evaluating `kinds`: not in the dataset; not
/// existing on the reference date (ended before it, or begun after it, with the date); of
/// a kind the rule set does not evaluate. `ds` is `None` when the dataset is not at hand
/// (an evaluation read back from its JSON): the reason then lists the possible causes.
///
/// ```
/// use antq::{Dataset, RuleSet, evaluate};
/// let ds = Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
/// let rules = RuleSet::preset("vn.c124-2025").unwrap();
/// let ev = evaluate(&ds, &rules, 2025).unwrap();
/// assert!(ev.unit("KM-AL").is_none());
/// let e = antq::eval::not_evaluated(Some(&ds), &rules.kinds(), &ev.decision, "KM-AL");
/// assert!(e.to_string().contains("ended on 2025-06-30"), "{e}");
/// ```
pub fn not_evaluated(ds: Option<&Dataset>, kinds: &[Kind], record: &DecisionRecord, id: &str) -> Error {
    let (rules, year, as_of) = (&record.rule_set, record.year, record.as_of);
    let norm = crate::UnitId::normalize(id);
    let not_by = format!("not evaluated by `{rules}` in {year}");
    let reason = match ds {
        None => format!(
            "{not_by} (not in the dataset, of a kind `{rules}` does not evaluate, or not existing on the reference date {as_of})"
        ),
        Some(ds) => match ds.units.iter().find(|u| u.id.as_str() == norm) {
            None => "not in the dataset".to_owned(),
            Some(u) => match (u.valid_from, u.valid_until) {
                (_, Some(until)) if until < as_of => format!(
                    "{not_by}: the unit ended on {until}, before the reference date {as_of} (units are reviewed as they are on the reference date)"
                ),
                (Some(from), _) if as_of < from => format!(
                    "{not_by}: the unit begins on {from}, after the reference date {as_of} (units are reviewed as they are on the reference date)"
                ),
                _ if !kinds.contains(&u.kind.kind()) => format!(
                    "{not_by}: it is a {}, and `{rules}` evaluates {}",
                    u.kind.kind(),
                    if kinds.is_empty() {
                        "no unit kind".to_owned()
                    } else {
                        kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", ")
                    }
                ),
                _ => not_by,
            },
        },
    };
    Error::UnknownUnit { id: id.to_owned(), reason }
}

#[cfg(test)]
mod tests {
    use crate::{Dataset, RuleSet, evaluate};

    fn reason(rules: &str, year: i32, id: &str, with_data: bool) -> String {
        let ds = Dataset::from_str_named("s.json", crate::sample::SAMPLE_JSON).unwrap();
        let rules = RuleSet::preset(rules).unwrap();
        let ev = evaluate(&ds, &rules, year).unwrap();
        assert!(ev.unit(id).is_none());
        let e = super::not_evaluated(with_data.then_some(&ds), &rules.kinds(), &ev.decision, id);
        assert_eq!(e.code(), "unknown_unit");
        e.to_string()
    }

    #[test]
    fn each_cause_is_named() {
        // Dissolved in the 2025 reform: its end date and the reference date.
        let r = reason("vn.c124-2025", 2025, "KM-AL", true);
        assert!(r.contains("ended on 2025-06-30, before the reference date 2025-"), "{r}");
        // Founded by the reform: not yet there in 2023.
        let r = reason("vn.c124-2021", 2023, "HD-DKKT", true);
        assert!(r.contains("begins on 2025-07-01, after the reference date 2023-"), "{r}");
        // A kind the rule set does not evaluate.
        let r = reason("vn.d9745-2022.communes", 2023, "CL-SD-KDC01", true);
        assert!(r.contains("it is a residential_area, and `vn.d9745-2022.communes` evaluates commune"), "{r}");
        assert_eq!(reason("vn.c124-2021", 2023, "NOPE", true), "unit `NOPE`: not in the dataset");
        // Without the dataset, the possible causes.
        let r = reason("vn.c124-2025", 2025, "KM-AL", false);
        assert!(r.contains("not in the dataset, of a kind") && r.contains("reference date 2025-"), "{r}");
    }
}
