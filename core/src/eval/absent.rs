//! Why a unit has no result: the one wording the CLI, Rust, Python and JavaScript give.

use crate::eval::DecisionRecord;
use crate::{Dataset, Error, Kind, Lang, Unit};

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
    let norm = crate::UnitId::normalize(id);
    let unit = ds.map(|ds| ds.units.iter().find(|u| u.id.as_str() == norm));
    let [reason, reason_vi] = [Lang::En, Lang::Vi].map(|lang| why(unit, kinds, record, lang));
    Error::UnknownUnit { id: id.to_owned(), reason, reason_vi }
}

/// Why `unit` (`None` when the dataset is not at hand, `Some(None)` when it is not in it)
/// has no result, in `lang`.
fn why(unit: Option<Option<&Unit>>, kinds: &[Kind], record: &DecisionRecord, lang: Lang) -> String {
    let (rules, year, as_of) = (&record.rule_set, record.year, record.as_of);
    let vi = lang == Lang::Vi;
    let not_by = if vi {
        format!("không được `{rules}` xét năm {year}")
    } else {
        format!("not evaluated by `{rules}` in {year}")
    };
    let on_the_date = if vi {
        "đơn vị được xét như vào ngày tham chiếu"
    } else {
        "units are reviewed as they are on the reference date"
    };
    let Some(unit) = unit else {
        return if vi {
            format!(
                "{not_by} (không có trong dữ liệu, thuộc loại `{rules}` không xét, hoặc không tồn tại vào ngày tham chiếu {as_of})"
            )
        } else {
            format!(
                "{not_by} (not in the dataset, of a kind `{rules}` does not evaluate, or not existing on the reference date {as_of})"
            )
        };
    };
    let Some(u) = unit else {
        return if vi { "không có trong dữ liệu" } else { "not in the dataset" }.to_owned();
    };
    match (u.valid_from, u.valid_until) {
        (_, Some(until)) if until < as_of && vi => {
            format!("{not_by}: đơn vị đã kết thúc ngày {until}, trước ngày tham chiếu {as_of} ({on_the_date})")
        }
        (_, Some(until)) if until < as_of => {
            format!("{not_by}: the unit ended on {until}, before the reference date {as_of} ({on_the_date})")
        }
        (Some(from), _) if as_of < from && vi => {
            format!("{not_by}: đơn vị bắt đầu ngày {from}, sau ngày tham chiếu {as_of} ({on_the_date})")
        }
        (Some(from), _) if as_of < from => {
            format!("{not_by}: the unit begins on {from}, after the reference date {as_of} ({on_the_date})")
        }
        _ if !kinds.contains(&u.kind.kind()) => {
            let kind = u.kind.kind().label(lang);
            let evaluated = match kinds {
                [] if vi => "không loại đơn vị nào".to_owned(),
                [] => "no unit kind".to_owned(),
                _ => kinds.iter().map(|k| k.label(lang)).collect::<Vec<_>>().join(", "),
            };
            if vi {
                format!("{not_by}: đây là {kind}, và `{rules}` xét {evaluated}")
            } else {
                format!("{not_by}: it is a {kind}, and `{rules}` evaluates {evaluated}")
            }
        }
        _ => not_by,
    }
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
        let crate::Error::UnknownUnit { reason_vi, .. } = &e else { unreachable!() };
        assert!(!reason_vi.is_empty() && e.text(crate::Lang::Vi).ends_with(reason_vi.as_str()), "{e:?}");
        e.to_string()
    }

    #[test]
    fn each_cause_is_named_in_vietnamese_too() {
        let ds = Dataset::from_str_named("s.json", crate::sample::SAMPLE_JSON).unwrap();
        let vi = |rules: &str, year: i32, id: &str| {
            let rules = RuleSet::preset(rules).unwrap();
            let ev = evaluate(&ds, &rules, year).unwrap();
            super::not_evaluated(Some(&ds), &rules.kinds(), &ev.decision, id).text(crate::Lang::Vi)
        };
        assert!(vi("vn.c124-2025", 2025, "KM-AL").contains("đã kết thúc ngày 2025-06-30, trước ngày tham chiếu 2025-"));
        assert!(vi("vn.c124-2021", 2023, "HD-DKKT").contains("bắt đầu ngày 2025-07-01, sau ngày tham chiếu 2023-"));
        let kind = vi("vn.d9745-2022.communes", 2023, "CL-SD-KDC01");
        assert!(kind.contains("đây là khu dân cư, và `vn.d9745-2022.communes` xét cấp xã"), "{kind}");
        assert_eq!(vi("vn.c124-2021", 2023, "NOPE"), "đơn vị `NOPE`: không có trong dữ liệu");
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
