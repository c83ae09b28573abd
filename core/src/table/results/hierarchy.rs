//! The administrative hierarchy on a date as a table: each unit with its parent, commune,
//! district and province on that date.

use super::{Column, Table};
use crate::error::{Location, Problem, ProblemCode, Result};
use crate::eval::Prepared;
use chrono::NaiveDate;
use std::borrow::Cow;

/// No parent.
const NONE: u32 = u32::MAX;

/// The columns of [`hierarchy_table`].
pub const HIERARCHY_COLUMNS: &[&str] =
    &["unit", "name", "kind", "subkind", "parent", "commune", "district", "province"];

/// The date [`hierarchy_table`] uses when none is given: 15 November of `year`, the end
/// of the commune review window of Circular 124 (DOMAIN §3.2) and the reference date of a
/// default review of communes.
///
/// ```
/// assert_eq!(antq::table::hierarchy_date(2023).to_string(), "2023-11-15");
/// ```
pub fn hierarchy_date(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 11, 15).unwrap_or(NaiveDate::MIN)
}

/// Every unit that exists on `as_of`, in dataset order, as a table named `hierarchy`
/// ([`HIERARCHY_COLUMNS`]): its id, name, kind and sub-kind, its parent on that date
/// (`parent_changes` applied) and the commune, district and province it belongs to then
/// ([`crate::Ancestry`]: the unit itself counts, and `district` is empty from 1 July 2025,
/// when districts end). The same columns head every evaluation table.
///
/// A parent that does not exist on `as_of` is a `dangling_parent` error naming the unit.
///
/// ```
/// use antq::{Dataset, Prepared};
/// use antq::table::{Column, Table, hierarchy_date, hierarchy_table};
/// let ds = Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
/// let prepared = Prepared::new(&ds, 2023).unwrap();
/// // The `column` cell of the row of unit `id`.
/// fn cell(t: &Table<'_>, id: &str, column: &str) -> Option<String> {
///     let text = |c: &str| match t.column(c) { Some(Column::Text(v)) => v.clone(), _ => panic!("{c}") };
///     let row = text("unit").iter().position(|u| u.as_deref() == Some(id)).unwrap();
///     text(column)[row].as_ref().map(|s| s.to_string())
/// }
/// let t = hierarchy_table(&prepared, hierarchy_date(2023)).unwrap();
/// assert_eq!(cell(&t, "NS-HP-KDC01", "district").as_deref(), Some("NS"));
/// // From 1 July 2025 the commune hangs under the province: no district.
/// let t = hierarchy_table(&prepared, "2025-11-15".parse().unwrap()).unwrap();
/// assert_eq!(cell(&t, "NS-HP-KDC01", "district"), None);
/// assert_eq!(cell(&t, "NS-HP-KDC01", "province").as_deref(), Some("HD"));
/// ```
pub fn hierarchy_table<'a>(prep: &'a Prepared<'a>, as_of: NaiveDate) -> Result<Table<'a>> {
    let units = &prep.dataset().units;
    let n = units.len();
    let present: Vec<bool> = (0..n).map(|i| prep.exists_on(i, as_of)).collect();
    let mut parent = vec![NONE; n];
    let mut problems = crate::error::Capped::new(crate::Limits::default().max_problems);
    for i in (0..n).filter(|&i| present[i]) {
        let dangling = match prep.parent_on(i, as_of) {
            Ok(NONE) => None,
            Ok(p) if present[p as usize] => {
                parent[i] = p;
                None
            }
            Ok(p) => Some(units[p as usize].id.as_str()),
            Err(id) => Some(id),
        };
        if let Some(p) = dangling {
            problems.push(Problem::new(
                ProblemCode::DanglingParent,
                Location::default().with_unit(units[i].id.as_str()),
                format!("parent `{p}` of unit `{}` does not exist on {as_of}", units[i].id),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(crate::Error::InvalidDataset(problems.into_vec()));
    }
    let rows: Vec<usize> = (0..n).filter(|&i| present[i]).collect();
    let up = |j: usize| (parent[j] != NONE).then_some(parent[j] as usize);
    let ancestry: Vec<crate::Ancestry> =
        rows.iter().map(|&i| crate::Ancestry::walk(i, |j| units[j].kind.kind(), up)).collect();
    let id = |j: usize| Cow::Borrowed(units[j].id.as_str());
    Ok(Table::of(
        "hierarchy",
        HIERARCHY_COLUMNS,
        vec![
            Column::Text(rows.iter().map(|&i| Some(id(i))).collect()),
            Column::Text(rows.iter().map(|&i| Some(Cow::Borrowed(units[i].name.as_str()))).collect()),
            Column::Text(rows.iter().map(|&i| Some(Cow::Borrowed(units[i].kind.kind().as_str()))).collect()),
            Column::Text(rows.iter().map(|&i| units[i].kind.subkind().map(Cow::Borrowed)).collect()),
            Column::Text(rows.iter().map(|&i| up(i).map(id)).collect()),
            Column::Text(ancestry.iter().map(|a| a.commune.map(id)).collect()),
            Column::Text(ancestry.iter().map(|a| a.district.map(id)).collect()),
            Column::Text(ancestry.iter().map(|a| a.province.map(id)).collect()),
        ],
    ))
}
