//! The analyses as tables: impact of a rule change, sensitivity, year over year, what-if.

use super::{Table, float, int, list, text};
use crate::analysis::impact::Impact;
use crate::analysis::sensitivity::SensitivityReport;
use crate::analysis::shares::ParentShare;
use crate::model::points::Points;
use crate::model::text::Lang;
use std::borrow::Cow;

/// The columns of [`impact_table`].
pub const IMPACT_COLUMNS: &[&str] =
    &["unit", "name", "kind", "parent", "before", "after", "direction", "causes", "explanation"];

/// The columns of [`impact_parents_table`].
pub const IMPACT_PARENT_COLUMNS: &[&str] =
    &["parent", "units", "changed", "positive_before", "positive_after", "up", "down"];

/// The columns of [`shares_table`].
pub const SHARE_COLUMNS: &[&str] = &["parent", "units", "meeting", "undetermined", "share"];

/// The columns of [`sensitivity_table`].
pub const SENSITIVITY_COLUMNS: &[&str] = &[
    "unit",
    "parent",
    "total",
    "level",
    "level_changed",
    "level_changed_share",
    "levels",
    "rank",
    "rank_min",
    "rank_max",
    "rank_mean",
    "rank_unchanged_share",
];

/// The columns of [`sensitivity_parents_table`].
pub const SENSITIVITY_PARENT_COLUMNS: &[&str] = &["parent", "units", "share", "share_min", "share_max", "share_mean"];

/// One row per unit whose outcome changes under a rule change, as a table named `impact`
/// ([`IMPACT_COLUMNS`]): the outcome keys before and after, the direction, what causes the
/// change (a list) and the causes explained in `lang` (a list).
pub fn impact_table(im: &Impact, lang: Lang) -> Table<'_> {
    let r = &im.units;
    Table::of(
        "impact",
        IMPACT_COLUMNS,
        vec![
            text(r, |x| Some(x.unit.as_str())),
            text(r, |x| Some(&x.name)),
            text(r, |x| Some(x.kind.as_str())),
            text(r, |x| x.parent.as_ref().map(|p| p.as_str())),
            text(r, |x| Some(&x.before)),
            text(r, |x| Some(&x.after)),
            text(r, |x| Some(x.direction.as_str())),
            list(r, |x| x.causes.iter().map(|c| Cow::Borrowed(c.what.as_str())).collect()),
            list(r, |x| x.causes.iter().map(|c| Cow::Borrowed(c.text.get(lang))).collect()),
        ],
    )
}

/// One row per parent of an impact, as a table named `impact_parents`
/// ([`IMPACT_PARENT_COLUMNS`]).
pub fn impact_parents_table(im: &Impact) -> Table<'_> {
    let p = &im.parents;
    Table::of(
        "impact_parents",
        IMPACT_PARENT_COLUMNS,
        vec![
            text(p, |x| x.parent.as_ref().map(|p| p.as_str())),
            int(p, |x| Some(i64::from(x.units))),
            int(p, |x| Some(i64::from(x.changed))),
            int(p, |x| Some(i64::from(x.positive_before))),
            int(p, |x| Some(i64::from(x.positive_after))),
            int(p, |x| Some(i64::from(x.up))),
            int(p, |x| Some(i64::from(x.down))),
        ],
    )
}

/// One row per unit of a sensitivity report, as a table named `sensitivity`
/// ([`SENSITIVITY_COLUMNS`]); `levels` lists `level:samples`.
pub fn sensitivity_table(r: &SensitivityReport) -> Table<'_> {
    let u = &r.units;
    Table::of(
        "sensitivity",
        SENSITIVITY_COLUMNS,
        vec![
            text(u, |x| Some(x.unit.as_str())),
            text(u, |x| x.parent.as_ref().map(|p| p.as_str())),
            float(u, |x| Some(Points::as_f64(x.total))),
            text(u, |x| Some(&x.level)),
            int(u, |x| Some(i64::from(x.level_changed))),
            float(u, |x| Some(x.level_changed_share)),
            list(u, |x| x.levels.iter().map(|(k, v)| Cow::Owned(format!("{k}:{v}"))).collect()),
            int(u, |x| Some(i64::from(x.rank))),
            int(u, |x| Some(i64::from(x.rank_min))),
            int(u, |x| Some(i64::from(x.rank_max))),
            float(u, |x| Some(x.rank_mean)),
            float(u, |x| Some(x.rank_unchanged_share)),
        ],
    )
}

/// One row per parent of a sensitivity report, as a table named `sensitivity_parents`
/// ([`SENSITIVITY_PARENT_COLUMNS`]).
pub fn sensitivity_parents_table(r: &SensitivityReport) -> Table<'_> {
    let p = &r.parents;
    Table::of(
        "sensitivity_parents",
        SENSITIVITY_PARENT_COLUMNS,
        vec![
            text(p, |x| x.parent.as_ref().map(|p| p.as_str())),
            int(p, |x| Some(i64::from(x.units))),
            float(p, |x| Some(x.share)),
            float(p, |x| Some(x.share_min)),
            float(p, |x| Some(x.share_max)),
            float(p, |x| Some(x.share_mean)),
        ],
    )
}

/// The share of units meeting per parent ([`crate::analysis::shares::share_meeting`]) as a
/// table named `shares` ([`SHARE_COLUMNS`]).
///
/// ```
/// # use antq::{Dataset, RuleSet, evaluate};
/// # let ds = Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
/// # let ev = evaluate(&ds, &RuleSet::preset("vn.c124-2021").unwrap(), 2023).unwrap();
/// let shares = antq::analysis::shares::share_meeting(&ev.units, None);
/// let t = antq::table::shares_table(&shares);
/// assert_eq!((t.num_rows(), t.header()), (shares.len(), antq::table::SHARE_COLUMNS.to_vec()));
/// ```
pub fn shares_table(s: &[ParentShare]) -> Table<'_> {
    Table::of(
        "shares",
        SHARE_COLUMNS,
        vec![
            text(s, |x| Some(x.parent.as_str())),
            int(s, |x| Some(i64::from(x.units))),
            int(s, |x| Some(i64::from(x.meeting))),
            int(s, |x| Some(i64::from(x.undetermined))),
            float(s, |x| Some(x.share)),
        ],
    )
}
