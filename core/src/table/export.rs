//! Dataset → tables: records written as typed columns, and [`dataset_to_tables`].

use super::import::DatasetTables;
use super::{Column, Table};
use crate::model::dataset::Dataset;
use crate::model::evidence::{Attestation, Evidence, Indicator, Value, ValueType};
use crate::model::points::Points;
use crate::model::unit::{Unit, UnitKind};
use chrono::NaiveDate;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// How a column is typed when records are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ty {
    Text,
    UInt,
    Bool,
    Date,
    /// Any JSON value, written as JSON text.
    Json,
}

/// A column being filled from serialised records.
struct Builder {
    name: String,
    ty: Option<Ty>,
    text: Vec<Option<String>>,
    uint: Vec<Option<u64>>,
    int: Vec<Option<i64>>,
    float: Vec<Option<f64>>,
    bool: Vec<Option<bool>>,
    date: Vec<Option<NaiveDate>>,
    any: bool,
}

impl Builder {
    fn new(name: &str, ty: Option<Ty>) -> Self {
        Builder {
            name: name.to_owned(),
            ty,
            text: Vec::new(),
            uint: Vec::new(),
            int: Vec::new(),
            float: Vec::new(),
            bool: Vec::new(),
            date: Vec::new(),
            any: false,
        }
    }
}

/// Writes records through their serde form, with `schema` giving the order and type of
/// known columns; other fields become columns typed by their values. Optional columns
/// with no value are left out; `required` ones are kept.
fn records_table<T: Serialize>(name: &str, records: &[T], schema: &[(&str, Ty)], required: usize) -> Table<'static> {
    let mut cols: Vec<Builder> = schema.iter().map(|(n, t)| Builder::new(n, Some(*t))).collect();
    let n = records.len();
    for (i, r) in records.iter().enumerate() {
        let serde_json::Value::Object(map) = serde_json::to_value(r).unwrap_or_default() else { continue };
        for (k, v) in map {
            let pos = match cols.iter().position(|b| b.name == k) {
                Some(p) => p,
                None => {
                    cols.push(Builder::new(&k, None));
                    cols.len() - 1
                }
            };
            let b = &mut cols[pos];
            if v.is_null() {
                continue;
            }
            let ty = b.ty.unwrap_or(match &v {
                serde_json::Value::String(_) => Ty::Text,
                serde_json::Value::Bool(_) => Ty::Bool,
                serde_json::Value::Number(x) if x.is_u64() => Ty::UInt,
                _ => Ty::Json,
            });
            b.ty = Some(ty);
            b.any = true;
            match (ty, v) {
                (Ty::Text, serde_json::Value::String(s)) => set(&mut b.text, i, n, s),
                (Ty::UInt, serde_json::Value::Number(x)) if x.is_u64() => {
                    set(&mut b.uint, i, n, x.as_u64().unwrap_or(0))
                }
                (Ty::UInt, serde_json::Value::Number(x)) if x.is_i64() => {
                    set(&mut b.int, i, n, x.as_i64().unwrap_or(0))
                }
                (Ty::UInt, serde_json::Value::Number(x)) => set(&mut b.float, i, n, x.as_f64().unwrap_or(f64::NAN)),
                (Ty::Bool, serde_json::Value::Bool(x)) => set(&mut b.bool, i, n, x),
                (Ty::Date, serde_json::Value::String(s)) => match crate::parse_date(&s) {
                    Some(d) => set(&mut b.date, i, n, d),
                    None => set(&mut b.text, i, n, s),
                },
                (_, other) => set(&mut b.text, i, n, other.to_string()),
            }
        }
    }
    let mut t = Table::new(name);
    for (k, b) in cols.into_iter().enumerate() {
        if !b.any && k >= required {
            continue;
        }
        let col = finish(b, n);
        t.columns.push(col);
    }
    t
}

fn fill<T>(v: Vec<Option<T>>) -> Option<Vec<Option<T>>> {
    if v.is_empty() { None } else { Some(v) }
}

fn set<T>(v: &mut Vec<Option<T>>, i: usize, n: usize, x: T) {
    if v.is_empty() {
        v.resize_with(n, || None);
    }
    v[i] = Some(x);
}

fn finish(b: Builder, n: usize) -> (String, Column<'static>) {
    // A column holds one type; values of another kind (rare: a schema column given a
    // value of an unexpected type) fall back to text.
    let kinds = [
        !b.text.is_empty(),
        !b.uint.is_empty(),
        !b.int.is_empty(),
        !b.float.is_empty(),
        !b.bool.is_empty(),
        !b.date.is_empty(),
    ];
    let mixed = kinds.iter().filter(|&&k| k).count() > 1;
    let col = if mixed {
        let mut text: Vec<Option<Cow<'static, str>>> = vec![None; n];
        for (i, slot) in text.iter_mut().enumerate() {
            *slot = b
                .text
                .get(i)
                .cloned()
                .flatten()
                .map(Cow::Owned)
                .or_else(|| b.uint.get(i).copied().flatten().map(|x| x.to_string().into()))
                .or_else(|| b.int.get(i).copied().flatten().map(|x| x.to_string().into()))
                .or_else(|| b.float.get(i).copied().flatten().map(|x| x.to_string().into()))
                .or_else(|| b.bool.get(i).copied().flatten().map(|x| x.to_string().into()))
                .or_else(|| b.date.get(i).copied().flatten().map(|x| x.to_string().into()));
        }
        Column::Text(text)
    } else if let Some(v) = fill(b.uint) {
        Column::UInt(v)
    } else if let Some(v) = fill(b.int) {
        Column::Int(v)
    } else if let Some(v) = fill(b.float) {
        Column::Float(v)
    } else if let Some(v) = fill(b.bool) {
        Column::Bool(v)
    } else if let Some(v) = fill(b.date) {
        Column::Date(v)
    } else if !b.text.is_empty() {
        Column::Text(b.text.into_iter().map(|s| s.map(Cow::Owned)).collect())
    } else {
        match b.ty {
            Some(Ty::UInt) => Column::UInt(vec![None; n]),
            Some(Ty::Bool) => Column::Bool(vec![None; n]),
            Some(Ty::Date) => Column::Date(vec![None; n]),
            Some(Ty::Text | Ty::Json) => Column::Text(vec![None; n]),
            None => Column::Null(n),
        }
    };
    (b.name, col)
}

fn evidence_table(evidence: &[Evidence]) -> Table<'_> {
    let n = evidence.len();
    let mut t = Table::new("evidence");
    t.push("unit", Column::Text(evidence.iter().map(|e| Some(Cow::Borrowed(e.unit.as_str()))).collect()));
    t.push("year", Column::Int(evidence.iter().map(|e| Some(i64::from(e.year))).collect()));
    for &ind in Indicator::ALL {
        if !evidence.iter().any(|e| e.get(ind).is_some()) {
            continue;
        }
        let col = match ind.value_type() {
            ValueType::Date => Column::Date(
                evidence.iter().map(|e| if let Some(Value::Date(d)) = e.get(ind) { Some(d) } else { None }).collect(),
            ),
            ValueType::Count => Column::UInt(
                evidence.iter().map(|e| if let Some(Value::Count(c)) = e.get(ind) { Some(c) } else { None }).collect(),
            ),
            ValueType::Flag => Column::Bool(
                evidence.iter().map(|e| if let Some(Value::Flag(f)) = e.get(ind) { Some(f) } else { None }).collect(),
            ),
        };
        t.push(ind.as_str(), col);
    }
    let mut keys: BTreeMap<&str, ()> = BTreeMap::new();
    let mut items: BTreeMap<&str, (bool, bool)> = BTreeMap::new();
    for e in evidence {
        keys.extend(e.attested.keys().map(|k| (k, ())));
        for (k, s) in &e.points {
            let f = items.entry(k.as_str()).or_default();
            f.0 |= s.self_score.is_some();
            f.1 |= s.reviewed.is_some();
        }
    }
    for k in keys.keys() {
        let col = evidence
            .iter()
            .map(|e| {
                e.attested.get(k).map(|a| {
                    Cow::Borrowed(match a {
                        Attestation::Yes => "yes",
                        Attestation::No => "no",
                        Attestation::Unknown => "unknown",
                    })
                })
            })
            .collect();
        t.push(format!("attested:{k}"), Column::Text(col));
    }
    for (k, (has_self, has_reviewed)) in &items {
        for (is_self, present) in [(true, *has_self), (false, *has_reviewed)] {
            if !present {
                continue;
            }
            let col = evidence
                .iter()
                .map(|e| {
                    e.points.get(*k).and_then(|s| if is_self { s.self_score } else { s.reviewed }).map(Points::as_f64)
                })
                .collect();
            t.push(format!("points:{k}:{}", if is_self { "self" } else { "reviewed" }), Column::Float(col));
        }
    }
    debug_assert!(t.columns.iter().all(|(_, c)| c.len() == n));
    t
}

/// Writes a dataset as four tables (the meta data is not part of them).
pub fn dataset_to_tables(ds: &Dataset) -> DatasetTables<'_> {
    use Ty::*;
    let units = records_table(
        "units",
        &ds.units,
        &[
            ("id", Text),
            ("name", Text),
            ("kind", Text),
            ("subkind", Text),
            ("armed_forces", Bool),
            ("size", Text),
            ("level", Text),
            ("parent", Text),
            ("parent_changes", Json),
            ("valid_from", Date),
            ("valid_until", Date),
        ],
        3,
    );
    let incidents = records_table(
        "incidents",
        &ds.incidents,
        &[("unit", Text), ("date", Date), ("category", Text), ("note", Text)],
        3,
    );
    let activities = records_table(
        "activities",
        &ds.activities,
        &[
            ("unit", Text),
            ("date", Date),
            ("count", UInt),
            ("type", Text),
            ("attendees", UInt),
            ("valuable", UInt),
            ("name", Text),
            ("sites", UInt),
            ("typical", Bool),
            ("participants", UInt),
            ("issuer", Text),
            ("form", Text),
            ("recipient", Text),
            ("reformed", UInt),
            ("amount_vnd", UInt),
            ("houses", UInt),
        ],
        4,
    );
    let units = with_agency_flags(units, &ds.units);
    DatasetTables { units, evidence: evidence_table(&ds.evidence), incidents, activities }
}

/// `units` with every agency's `armed_forces` written, `false` too: the units' file form
/// leaves a `false` out, but in a table an empty cell is unknown (and refused for an agency).
fn with_agency_flags<'a>(mut units: Table<'a>, records: &[Unit]) -> Table<'a> {
    let flags: Vec<Option<bool>> = records
        .iter()
        .map(|u| match u.kind {
            UnitKind::Agency { armed_forces } => Some(armed_forces),
            _ => None,
        })
        .collect();
    if flags.iter().all(Option::is_none) {
        return units;
    }
    match units.columns.iter_mut().find(|(n, _)| n == "armed_forces") {
        Some((_, c)) => *c = Column::Bool(flags),
        None => {
            // In the schema's order: after the columns before it that are written.
            let at = units
                .columns
                .iter()
                .take_while(|(n, _)| ["id", "name", "kind", "subkind"].contains(&n.as_str()))
                .count();
            units.columns.insert(at, ("armed_forces".to_owned(), Column::Bool(flags)));
        }
    }
    units
}
