//! The analyses as flat tables (one row per change, per unit…), for dataframes in the
//! bindings and CSV. Lists become `;`-joined text, maps `key:value;…`.
//!
//! ```
//! use antq::{Dataset, RuleSet, Options, Lang};
//! use antq::analysis::{what_it_takes, Goal, tables::plans_table};
//! let ds = Dataset::from_str_named("sample.json", antq::sample::SAMPLE_JSON).unwrap();
//! let rules = RuleSet::preset("vn.c124-2021").unwrap();
//! let plans = what_it_takes(&ds, &rules, 2023, &Options::default(), &["NS-HP"], &Goal::Auto).unwrap();
//! let t = plans_table(&plans, Lang::En);
//! assert_eq!(t.num_rows(), plans[0].changes.len());
//! ```

use super::compare::YearComparison;
use super::impact::Impact;
use super::sensitivity::SensitivityReport;
use super::whatif::{Action, Plan};
use crate::model::text::Lang;
use crate::table::{Column, Table};
use serde_json::{Map, Value, json};
use std::borrow::Cow;

/// A table from JSON objects: one column per key (in first-seen order), typed as integers,
/// floats, booleans or text.
pub fn json_table(name: &str, rows: &[Map<String, Value>]) -> Table<'static> {
    let mut keys: Vec<&String> = Vec::new();
    for r in rows {
        for k in r.keys() {
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
    }
    let mut t = Table::new(name);
    for k in keys {
        let vals: Vec<Option<&Value>> = rows.iter().map(|r| r.get(k).filter(|v| !v.is_null())).collect();
        let col = if vals.iter().flatten().all(|v| v.is_i64()) {
            Column::Int(vals.iter().map(|v| v.and_then(Value::as_i64)).collect())
        } else if vals.iter().flatten().all(|v| v.is_number()) {
            Column::Float(vals.iter().map(|v| v.and_then(Value::as_f64)).collect())
        } else if vals.iter().flatten().all(|v| v.is_boolean()) {
            Column::Bool(vals.iter().map(|v| v.and_then(Value::as_bool)).collect())
        } else {
            Column::Text(vals.iter().map(|v| v.map(|v| Cow::Owned(flat(v)))).collect())
        };
        t.push(k.clone(), col);
    }
    t
}

fn flat(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(a) => a.iter().map(flat).collect::<Vec<_>>().join(";"),
        Value::Object(o) => o.iter().map(|(k, v)| format!("{k}:{}", flat(v))).collect::<Vec<_>>().join(";"),
        Value::Null => String::new(),
        v => v.to_string(),
    }
}

fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

/// One row per change of each plan (a plan without changes gives one row with no step).
pub fn plans_table(plans: &[Plan], lang: Lang) -> Table<'static> {
    let mut rows = Vec::new();
    for p in plans {
        let target = match &p.target {
            super::Target::Standard => "standard".to_owned(),
            super::Target::Level { level, .. } => format!("level:{level}"),
            super::Target::Typical { criteria_needed } => format!("typical:{criteria_needed}"),
        };
        let base = json!({
            "unit": p.unit, "name": p.name, "status": p.status, "target": target,
            "current": super::impact::outcome_key(&p.current),
            "points_to_gain": p.points_to_gain.map(|x| x.as_f64()),
        });
        if p.changes.is_empty() {
            rows.push(obj(base.clone()));
        }
        for (i, c) in p.changes.iter().enumerate() {
            let (field, from, to) = match &c.action {
                Action::SetIndicator { indicator, from, to, .. } => {
                    (indicator.as_str().to_owned(), from.map(|v| v.to_string()), Some(to.to_string()))
                }
                Action::Attest { key, from } => (
                    format!("attested:{key}"),
                    from.map(|a| serde_json::to_value(a).map(|v| flat(&v)).unwrap_or_default()),
                    Some("yes".into()),
                ),
                Action::Score { item, from, to, .. } => {
                    (format!("points:{item}"), from.map(|x| x.to_string()), Some(to.to_string()))
                }
                Action::RemoveIncident { date, category } => {
                    (format!("incident:{category}"), Some(date.to_string()), None)
                }
            };
            let mut r = obj(base.clone());
            for (k, v) in [
                ("step", json!(i + 1)),
                ("change_unit", json!(c.unit)),
                ("criterion", json!(c.criterion)),
                ("via", json!(c.via)),
                ("kind", json!(c.kind)),
                ("field", json!(field)),
                ("from", json!(from)),
                ("to", json!(to)),
                ("text", json!(c.text.get(lang))),
            ] {
                r.insert(k.into(), v);
            }
            rows.push(r);
        }
    }
    json_table("whatif", &rows)
}

/// One row per unit whose outcome changes.
pub fn impact_table(im: &Impact, lang: Lang) -> Table<'static> {
    let rows: Vec<Map<String, Value>> = im
        .units
        .iter()
        .map(|r| {
            obj(json!({
                "unit": r.unit, "name": r.name, "kind": r.kind, "parent": r.parent,
                "before": r.before, "after": r.after, "direction": r.direction,
                "causes": r.causes.iter().map(|c| c.what.clone()).collect::<Vec<_>>(),
                "explanation": r.causes.iter().map(|c| c.text.get(lang).to_owned()).collect::<Vec<_>>().join(" | "),
            }))
        })
        .collect();
    json_table("impact", &rows)
}

/// One row per parent of an impact.
pub fn impact_parents_table(im: &Impact) -> Table<'static> {
    let rows: Vec<Map<String, Value>> =
        im.parents.iter().map(|p| obj(serde_json::to_value(p).unwrap_or_default())).collect();
    json_table("impact_parents", &rows)
}

/// One row per unit of a year-over-year comparison.
pub fn compare_table(c: &YearComparison) -> Table<'static> {
    let rows: Vec<Map<String, Value>> = c
        .units
        .iter()
        .map(|r| {
            let mut m = obj(serde_json::to_value(r).unwrap_or_default());
            for k in
                ["score_before", "score_after", "score_change", "incidents_change_percent", "met_before", "met_after"]
            {
                m.entry(k).or_insert(Value::Null);
            }
            m
        })
        .collect();
    json_table("compare", &rows)
}

/// One row per parent of a comparison.
pub fn compare_parents_table(c: &YearComparison) -> Table<'static> {
    let rows: Vec<Map<String, Value>> =
        c.parents.iter().map(|p| obj(serde_json::to_value(p).unwrap_or_default())).collect();
    json_table("compare_parents", &rows)
}

/// One row per unit of a sensitivity report.
pub fn sensitivity_table(r: &SensitivityReport) -> Table<'static> {
    let rows: Vec<Map<String, Value>> =
        r.units.iter().map(|u| obj(serde_json::to_value(u).unwrap_or_default())).collect();
    json_table("sensitivity", &rows)
}

/// One row per parent of a sensitivity report.
pub fn sensitivity_parents_table(r: &SensitivityReport) -> Table<'static> {
    let rows: Vec<Map<String, Value>> =
        r.parents.iter().map(|p| obj(serde_json::to_value(p).unwrap_or_default())).collect();
    json_table("sensitivity_parents", &rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_table_types_columns() {
        let rows = vec![
            obj(json!({"a": 1, "b": 1.5, "c": true, "d": ["x", "y"], "e": null})),
            obj(json!({"a": 2, "b": 2, "c": false, "d": [], "e": "t"})),
        ];
        let t = json_table("t", &rows);
        assert!(matches!(t.column("a"), Some(Column::Int(_))));
        assert!(matches!(t.column("b"), Some(Column::Float(_))));
        assert!(matches!(t.column("c"), Some(Column::Bool(_))));
        assert_eq!(t.column("d"), Some(&Column::Text(vec![Some("x;y".into()), Some("".into())])));
        assert_eq!(t.column("e"), Some(&Column::Text(vec![None, Some("t".into())])));
        assert_eq!(t.num_rows(), 2);
    }
}
