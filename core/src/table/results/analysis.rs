//! The analyses as tables: impact of a rule change, sensitivity, year over year, what-if.

use super::{Column, Table, float, int, list, text};
use crate::analysis::compare::{YearComparison, YearParent, YearRow};
use crate::analysis::impact::Impact;
use crate::analysis::sensitivity::SensitivityReport;
use crate::analysis::shares::ParentShare;
use crate::analysis::whatif::{Action, Plan, Target};
use crate::eval::Outcome;
use crate::model::points::Points;
use crate::model::text::Lang;
use std::borrow::Cow;

/// The columns of [`plans_table`].
pub const WHATIF_COLUMNS: &[&str] = &[
    "unit",
    "name",
    "status",
    "target",
    "target_level",
    "target_criteria",
    "current",
    "current_level",
    "current_rank",
    "points_to_gain",
    "verified",
    "step",
    "change_unit",
    "criterion",
    "via",
    "kind",
    "field",
    "from",
    "to",
    "text",
];

/// The columns of [`compare_table`].
pub const COMPARE_COLUMNS: &[&str] = &[
    "unit",
    "name",
    "kind",
    "parent",
    "commune",
    "district",
    "province",
    "before",
    "before_level",
    "before_rank",
    "after",
    "after_level",
    "after_rank",
    "movement",
    "met_before",
    "of_before",
    "met_after",
    "of_after",
    "score_before",
    "score_after",
    "score_change",
    "incidents_before",
    "incidents_after",
    "incidents_change_percent",
    "criteria_changed",
];

/// The columns of [`compare_parents_table`].
pub const COMPARE_PARENT_COLUMNS: &[&str] = &[
    "parent",
    "units",
    "meeting_before",
    "meeting_after",
    "newly_meeting",
    "no_longer_meeting",
    "incidents_before",
    "incidents_after",
    "incidents_change_percent",
];

/// The columns of [`impact_table`].
pub const IMPACT_COLUMNS: &[&str] = &[
    "unit",
    "name",
    "kind",
    "parent",
    "commune",
    "district",
    "province",
    "before",
    "before_level",
    "before_rank",
    "after",
    "after_level",
    "after_rank",
    "direction",
    "causes",
    "explanation",
];

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

/// An outcome key (`meets`, `level:kha`, `typical:1`, `not_selected:3`, `absent`…) as its
/// parts: the outcome code, the level, the rank — so that a table holds a code, a level id
/// and a whole number, never `typical:1` as text.
///
/// ```
/// # use antq::table::outcome_parts;
/// assert_eq!(outcome_parts("level:kha"), ("level", Some("kha"), None));
/// assert_eq!(outcome_parts("typical:2"), ("typical", None, Some(2)));
/// assert_eq!(outcome_parts("meets"), ("meets", None, None));
/// ```
pub fn outcome_parts(key: &str) -> (&str, Option<&str>, Option<i64>) {
    match key.split_once(':') {
        Some(("level", level)) => ("level", Some(level), None),
        Some((code, rank)) => match rank.parse() {
            Ok(r) => (code, None, Some(r)),
            Err(_) => (key, None, None),
        },
        None => (key, None, None),
    }
}

/// The three columns of outcome keys: code, level, rank.
fn outcome_columns<'a, T>(rows: &'a [T], key: impl Fn(&'a T) -> &'a str) -> [Column<'a>; 3] {
    let parts: Vec<(&str, Option<&str>, Option<i64>)> = rows.iter().map(|r| outcome_parts(key(r))).collect();
    [
        Column::Text(parts.iter().map(|p| Some(Cow::Borrowed(p.0))).collect()),
        Column::Text(parts.iter().map(|p| p.1.map(Cow::Borrowed)).collect()),
        Column::Int(parts.iter().map(|p| p.2).collect()),
    ]
}

/// A count over its total (`3/3`) as two whole numbers.
fn met_of(s: Option<&str>) -> (Option<i64>, Option<i64>) {
    match s.and_then(|s| s.split_once('/')) {
        Some((m, o)) => (m.trim().parse().ok(), o.trim().parse().ok()),
        None => (None, None),
    }
}

/// One row per unit whose outcome changes under a rule change, as a table named `impact`
/// ([`IMPACT_COLUMNS`]): the outcome before and after (each as its code, level and rank:
/// [`outcome_parts`]), the direction, what causes the change (a list) and the causes
/// explained in `lang` (a list).
pub fn impact_table(im: &Impact, lang: Lang) -> Table<'_> {
    let r = &im.units;
    let mut columns = vec![
        text(r, |x| Some(x.unit.as_str())),
        text(r, |x| Some(&x.name)),
        text(r, |x| Some(x.kind.as_str())),
        text(r, |x| x.parent.as_ref().map(|p| p.as_str())),
        text(r, |x| x.commune.as_ref().map(|p| p.as_str())),
        text(r, |x| x.district.as_ref().map(|p| p.as_str())),
        text(r, |x| x.province.as_ref().map(|p| p.as_str())),
    ];
    columns.extend(outcome_columns(r, |x| &x.before));
    columns.extend(outcome_columns(r, |x| &x.after));
    columns.extend([
        text(r, |x| Some(x.direction.as_str())),
        list(r, |x| x.causes.iter().map(|c| Cow::Borrowed(c.what.as_str())).collect()),
        list(r, |x| x.causes.iter().map(|c| Cow::Borrowed(c.text.get(lang))).collect()),
    ]);
    Table::of("impact", IMPACT_COLUMNS, columns)
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

/// One row per change of each plan, as a table named `whatif` ([`WHATIF_COLUMNS`]); a plan
/// without changes gives one row with no step. `target` is `standard`, `level` (the level in
/// `target_level`) or `typical` (the criteria it needs in `target_criteria`), `current` the
/// outcome now as its code, level and rank ([`outcome_parts`]), `field` what the
/// change sets (an indicator, `attested:KEY`, `points:ITEM` or `incident:CATEGORY`), `from`
/// and `to` its values as text (`from` of an incident removal is its date), `text` the
/// change explained in `lang`. `verified` is the plan's [`Plan::verified`]: whether applying
/// it and evaluating again reached the target (empty: not checked).
///
/// ```
/// use antq::{Dataset, RuleSet, Options, Lang};
/// use antq::analysis::{what_it_takes, Goal};
/// let ds = Dataset::from_str_named("sample.json", antq::sample::SAMPLE_JSON).unwrap();
/// let rules = RuleSet::preset("vn.c124-2021").unwrap();
/// let plans = what_it_takes(&ds, &rules, 2023, &Options::default(), &["NS-HP"], &Goal::Auto).unwrap().plans;
/// let t = antq::table::plans_table(&plans, Lang::En);
/// assert_eq!(t.num_rows(), plans[0].changes.len());
/// assert_eq!(t.header(), antq::table::WHATIF_COLUMNS);
/// ```
pub fn plans_table<'a>(plans: &'a [Plan], lang: Lang) -> Table<'a> {
    // (plan index, change index), one per row; a plan without changes has one row.
    let rows: Vec<(usize, Option<usize>)> = plans
        .iter()
        .enumerate()
        .flat_map(|(p, plan)| {
            let steps: Vec<Option<usize>> =
                if plan.changes.is_empty() { vec![None] } else { (0..plan.changes.len()).map(Some).collect() };
            steps.into_iter().map(move |s| (p, s))
        })
        .collect();
    let plan = |&(p, _): &(usize, Option<usize>)| &plans[p];
    let change = |&(p, s): &(usize, Option<usize>)| s.map(|s| &plans[p].changes[s]);
    let target = |t: &'a Target| match t {
        Target::Standard => ("standard", None, None),
        Target::None => ("none", None, None),
        Target::Level { level, .. } => ("level", Some(level.as_str()), None),
        Target::Typical { criteria_needed } => ("typical", None, Some(i64::from(*criteria_needed))),
    };
    let current = |o: &'a Outcome| match o {
        Outcome::Level { level, .. } => ("level", Some(level.as_str()), None),
        Outcome::Typical { rank } | Outcome::NotSelected { rank } => (o.code(), None, Some(i64::from(*rank))),
        o => (o.code(), None, None),
    };
    let actions: Vec<Option<FieldChange>> =
        rows.iter().map(|r| change(r).map(|c| FieldChange::of(&c.action))).collect();
    let owned =
        |f: &dyn Fn(usize) -> Option<String>| Column::Text((0..rows.len()).map(|i| f(i).map(Cow::Owned)).collect());
    Table::of(
        "whatif",
        WHATIF_COLUMNS,
        vec![
            Column::Text(rows.iter().map(|r| Some(Cow::Borrowed(plan(r).unit.as_str()))).collect()),
            Column::Text(rows.iter().map(|r| Some(Cow::Borrowed(plan(r).name.as_str()))).collect()),
            Column::Text(rows.iter().map(|r| Some(Cow::Borrowed(plan(r).status.as_str()))).collect()),
            Column::Text(rows.iter().map(|r| Some(Cow::Borrowed(target(&plan(r).target).0))).collect()),
            Column::Text(rows.iter().map(|r| target(&plan(r).target).1.map(Cow::Borrowed)).collect()),
            Column::Int(rows.iter().map(|r| target(&plan(r).target).2).collect()),
            Column::Text(rows.iter().map(|r| Some(Cow::Borrowed(current(&plan(r).current).0))).collect()),
            Column::Text(rows.iter().map(|r| current(&plan(r).current).1.map(Cow::Borrowed)).collect()),
            Column::Int(rows.iter().map(|r| current(&plan(r).current).2).collect()),
            Column::Float(rows.iter().map(|r| plan(r).points_to_gain.map(Points::as_f64)).collect()),
            Column::Bool(rows.iter().map(|r| plan(r).verified.flatten()).collect()),
            Column::Int(rows.iter().map(|&(_, s)| s.map(|s| s as i64 + 1)).collect()),
            Column::Text(rows.iter().map(|r| change(r).map(|c| Cow::Borrowed(c.unit.as_str()))).collect()),
            Column::Text(rows.iter().map(|r| change(r).map(|c| Cow::Borrowed(c.criterion.as_str()))).collect()),
            Column::Text(rows.iter().map(|r| change(r).and_then(|c| c.via.as_deref()).map(Cow::Borrowed)).collect()),
            Column::Text(rows.iter().map(|r| change(r).map(|c| Cow::Borrowed(c.kind.as_str()))).collect()),
            owned(&|i| actions[i].as_ref().map(|a| a.field.clone())),
            owned(&|i| actions[i].as_ref().and_then(|a| a.from.clone())),
            owned(&|i| actions[i].as_ref().and_then(|a| a.to.clone())),
            Column::Text(rows.iter().map(|r| change(r).map(|c| Cow::Borrowed(c.text.get(lang)))).collect()),
        ],
    )
}

/// What a what-if change sets, as text: the field, its value before (an incident
/// removal's date) and after.
struct FieldChange {
    field: String,
    from: Option<String>,
    to: Option<String>,
}

impl FieldChange {
    fn of(a: &Action) -> Self {
        let (field, from, to) = match a {
            Action::SetIndicator { indicator, from, to, .. } => {
                (indicator.as_str().to_owned(), from.as_ref().map(ToString::to_string), Some(to.to_string()))
            }
            Action::Attest { key, from } => {
                (format!("attested:{key}"), from.map(|a| a.as_str().to_owned()), Some("yes".to_owned()))
            }
            Action::Score { item, from, to, .. } => {
                (format!("points:{item}"), from.map(|x| x.to_string()), Some(to.to_string()))
            }
            Action::RemoveIncident { date, category } => (format!("incident:{category}"), Some(date.to_string()), None),
        };
        FieldChange { field, from, to }
    }
}

/// One row per unit of a year-over-year comparison, as a table named `compare`
/// ([`COMPARE_COLUMNS`]).
pub fn compare_table(c: &YearComparison) -> Table<'_> {
    compare_table_rows(&c.units)
}

/// [`compare_table`] of some rows: the CLI writes a national comparison as its rows are
/// made, never holding them all.
///
/// ```
/// use antq::{Dataset, RuleSet, Options};
/// let ds = Dataset::from_str_named("sample.json", antq::sample::SAMPLE_JSON).unwrap();
/// let (a, b) = (RuleSet::resolve("vn.c124", 2023, None).unwrap(), RuleSet::resolve("vn.c124", 2025, None).unwrap());
/// let c = antq::analysis::compare_rule_years(&ds, (&a, &b), 2023, 2025, &Options::default()).unwrap();
/// let part = antq::table::compare_table_rows(&c.units[..2]);
/// assert_eq!((part.num_rows(), part.header()), (2, antq::table::COMPARE_COLUMNS.to_vec()));
/// ```
pub fn compare_table_rows(r: &[YearRow]) -> Table<'_> {
    let mut columns = vec![
        text(r, |x| Some(x.unit.as_str())),
        text(r, |x| Some(&x.name)),
        text(r, |x| Some(x.kind.as_str())),
        text(r, |x| x.parent.as_ref().map(|p| p.as_str())),
        text(r, |x| x.commune.as_ref().map(|p| p.as_str())),
        text(r, |x| x.district.as_ref().map(|p| p.as_str())),
        text(r, |x| x.province.as_ref().map(|p| p.as_str())),
    ];
    columns.extend(outcome_columns(r, |x| &x.before));
    columns.extend(outcome_columns(r, |x| &x.after));
    columns.push(text(r, |x| Some(x.movement.as_str())));
    columns.extend([
        int(r, |x| met_of(x.met_before.as_deref()).0),
        int(r, |x| met_of(x.met_before.as_deref()).1),
        int(r, |x| met_of(x.met_after.as_deref()).0),
        int(r, |x| met_of(x.met_after.as_deref()).1),
    ]);
    Table::of(
        "compare",
        COMPARE_COLUMNS,
        columns
            .into_iter()
            .chain([
                float(r, |x| x.score_before.map(Points::as_f64)),
                float(r, |x| x.score_after.map(Points::as_f64)),
                float(r, |x| x.score_change.map(Points::as_f64)),
                int(r, |x| Some(i64::from(x.incidents_before))),
                int(r, |x| Some(i64::from(x.incidents_after))),
                float(r, |x| x.incidents_change_percent),
                list(r, |x| x.criteria_changed.iter().map(|c| Cow::Borrowed(c.as_str())).collect()),
            ])
            .collect(),
    )
}

/// One row per parent of a comparison (in the later year), as a table named
/// `compare_parents` ([`COMPARE_PARENT_COLUMNS`]).
pub fn compare_parents_table(p: &[YearParent]) -> Table<'_> {
    Table::of(
        "compare_parents",
        COMPARE_PARENT_COLUMNS,
        vec![
            text(p, |x| x.parent.as_ref().map(|p| p.as_str())),
            int(p, |x| Some(i64::from(x.units))),
            int(p, |x| Some(i64::from(x.meeting_before))),
            int(p, |x| Some(i64::from(x.meeting_after))),
            int(p, |x| Some(i64::from(x.newly_meeting))),
            int(p, |x| Some(i64::from(x.no_longer_meeting))),
            int(p, |x| Some(i64::from(x.incidents_before))),
            int(p, |x| Some(i64::from(x.incidents_after))),
            float(p, |x| x.incidents_change_percent),
        ],
    )
}
