//! Activity statistics, rolled up the hierarchy (the figures provinces report).

use crate::error::{Error, Location, Problem, ProblemCode, Result};
use crate::model::activity::{ActivityKind, AwardForm, Issuer, Recipient};
use crate::model::dataset::Dataset;
use crate::model::date::Window;
use crate::model::text::Lang;
use crate::model::unit::{Kind, UnitId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Counts of awards of one issuer, form and recipient type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwardCount {
    /// Issuer.
    pub issuer: Issuer,
    /// Form.
    pub form: AwardForm,
    /// Recipient type.
    pub recipient: Recipient,
    /// How many.
    pub count: u64,
}

/// Activity totals.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ActivityTotals {
    /// Activity records counted (in the window). With none, every figure is unknown, not
    /// zero: the table forms leave them empty.
    #[serde(default)]
    pub records: u64,
    /// Propaganda meetings.
    pub propaganda_meetings: u64,
    /// People attending them.
    pub attendees: u64,
    /// Tip-offs.
    pub tip_offs: u64,
    /// Valuable tip-offs.
    pub valuable_tip_offs: u64,
    /// Models.
    pub models: u64,
    /// Places where the models are replicated.
    pub model_sites: u64,
    /// Models recognised as typical.
    pub typical_models: u64,
    /// Festival events.
    pub festivals: u64,
    /// Festival participants.
    pub festival_participants: u64,
    /// Awards by issuer, form and recipient.
    pub awards: Vec<AwardCount>,
    /// People who broke the law helped.
    pub people_helped: u64,
    /// Of them, reformed.
    pub people_reformed: u64,
    /// Support mobilised, in đồng.
    pub support_vnd: u64,
    /// Houses built.
    pub houses: u64,
}

impl ActivityTotals {
    /// Adds `o` to these totals; `Err` names the first field whose sum is over `u64::MAX`.
    fn add(&mut self, o: &ActivityTotals) -> std::result::Result<(), &'static str> {
        for (name, a, b) in [
            ("records", &mut self.records, o.records),
            ("propaganda_meetings", &mut self.propaganda_meetings, o.propaganda_meetings),
            ("attendees", &mut self.attendees, o.attendees),
            ("tip_offs", &mut self.tip_offs, o.tip_offs),
            ("valuable_tip_offs", &mut self.valuable_tip_offs, o.valuable_tip_offs),
            ("models", &mut self.models, o.models),
            ("model_sites", &mut self.model_sites, o.model_sites),
            ("typical_models", &mut self.typical_models, o.typical_models),
            ("festivals", &mut self.festivals, o.festivals),
            ("festival_participants", &mut self.festival_participants, o.festival_participants),
            ("people_helped", &mut self.people_helped, o.people_helped),
            ("people_reformed", &mut self.people_reformed, o.people_reformed),
            ("support_vnd", &mut self.support_vnd, o.support_vnd),
            ("houses", &mut self.houses, o.houses),
        ] {
            add_to(a, b, name)?;
        }
        for a in &o.awards {
            self.add_award(a.issuer, a.form, a.recipient, a.count)?;
        }
        Ok(())
    }

    fn add_award(
        &mut self,
        issuer: Issuer,
        form: AwardForm,
        recipient: Recipient,
        count: u64,
    ) -> std::result::Result<(), &'static str> {
        match self.awards.binary_search_by_key(&(issuer, form, recipient), |a| (a.issuer, a.form, a.recipient)) {
            Ok(i) => add_to(&mut self.awards[i].count, count, "awards"),
            Err(i) => {
                self.awards.insert(i, AwardCount { issuer, form, recipient, count });
                Ok(())
            }
        }
    }

    /// Total awards.
    /// [`activity_stats`] refuses totals whose awards add up to more than `u64::MAX`; for
    /// totals built in code the sum stops at `u64::MAX`.
    pub fn awards_total(&self) -> u64 {
        self.awards.iter().fold(0u64, |a, x| a.saturating_add(x.count))
    }
}

/// `*a += b`, or `Err(name)` when the sum is over `u64::MAX`.
fn add_to(a: &mut u64, b: u64, name: &'static str) -> std::result::Result<(), &'static str> {
    *a = a.checked_add(b).ok_or(name)?;
    Ok(())
}

/// The typed error for a sum over `u64::MAX`: an `overflow` problem naming the unit and field.
fn overflow(unit: &str, field: &str, what: &str) -> Error {
    let what_vi = match what {
        "own activities'" => "tổng của các hoạt động của chính đơn vị",
        "subtree's" | "subtree's total of" => "tổng của cả cây đơn vị",
        _ => "tổng số",
    };
    Error::InvalidDataset(vec![
        Problem::new(
            ProblemCode::Overflow,
            Location::default().with_unit(unit),
            format!("the {what} `{field}` adds up to more than {} (the largest count)", u64::MAX),
        )
        .with_vi(format!("{what_vi} `{field}` vượt quá {} (số đếm lớn nhất)", u64::MAX)),
    ])
}

/// One unit's own activity and the total over its subtree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatsRow {
    /// Unit.
    pub unit: UnitId,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: Kind,
    /// Parent on the reference date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<UnitId>,
    /// Activities recorded at the unit itself.
    pub own: ActivityTotals,
    /// Activities of the unit and every unit below it.
    pub total: ActivityTotals,
}

/// Activity statistics for a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    /// Year.
    pub year: i32,
    /// The window activities were counted in.
    pub window: Window,
    /// How certain the window is: [`WINDOW_CERTAINTY`] (no published rule says over which
    /// period the movement's figures are counted).
    #[serde(default = "window_certainty")]
    pub window_certainty: crate::Certainty,
    /// Rows in hierarchy order (each parent before its children).
    pub rows: Vec<StatsRow>,
    /// What was not counted, as `unreviewed_evidence` lints: activities in the window of
    /// units that do not exist in it (never dropped without a word).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lints: Vec<Problem>,
}

/// The certainty of [`movement_window`] for statistics: inferred `[I]`. It is the review
/// window of communes, agencies, enterprises and schools (Circular 124, DOMAIN §3.2) applied
/// to activities; no published rule fixes the period the figures provinces report cover.
pub const WINDOW_CERTAINTY: crate::Certainty = crate::Certainty::Inferred;

fn window_certainty() -> crate::Certainty {
    WINDOW_CERTAINTY
}

/// The movement year's window: 16 November of `year − 1` to 15 November of `year`
/// ([`WINDOW_CERTAINTY`]: inferred for statistics).
pub fn movement_window(year: i32) -> Window {
    let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap_or(NaiveDate::MIN);
    Window::new(d(year - 1, 11, 16), d(year, 11, 15))
}

/// Rolls activities of `year` up the hierarchy (each unit under its parent on its last
/// day in the window);
/// with `under`, only that unit and its subtree.
///
/// ```
/// let ds = antq::Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
/// let st = antq::stats::activity_stats(&ds, 2023, None).unwrap();
/// assert!(st.rows[0].total.propaganda_meetings >= st.rows[0].own.propaganda_meetings);
/// ```
pub fn activity_stats(ds: &Dataset, year: i32, under: Option<&str>) -> Result<Stats> {
    activity_stats_view(ds, year, under).map(StatsView::into_stats)
}

/// The statistics of [`activity_stats`], with each row made when it is read: a national
/// dataset's rows are written out one at a time instead of being held together. It
/// serialises exactly as the [`Stats`] it stands for.
///
/// ```
/// let ds = antq::Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
/// let view = antq::stats::activity_stats_view(&ds, 2023, None).unwrap();
/// let whole = antq::stats::activity_stats(&ds, 2023, None).unwrap();
/// assert_eq!(view.rows().collect::<Vec<_>>(), whole.rows);
/// assert_eq!(serde_json::to_string(&view).unwrap(), serde_json::to_string(&whole).unwrap());
/// ```
#[derive(Debug)]
pub struct StatsView<'a> {
    ds: &'a Dataset,
    year: i32,
    window: Window,
    /// Units in pre-order, each with its depth under the first row's level.
    order: Vec<(u32, u32)>,
    /// Each unit's parent in the window ([`NONE`] for none).
    parent: Vec<u32>,
    /// Own activities and subtree totals, `None` where they are all zero.
    own: Vec<Option<Box<ActivityTotals>>>,
    total: Vec<Option<Box<ActivityTotals>>>,
    lints: Vec<Problem>,
}

const NONE: u32 = u32::MAX;

impl<'a> StatsView<'a> {
    /// The year.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The window activities were counted in.
    pub fn window(&self) -> Window {
        self.window
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Whether there is no row.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The rows in hierarchy order (each parent before its children).
    pub fn rows(&self) -> impl Iterator<Item = StatsRow> + '_ {
        self.rows_with_depth().map(|(_, r)| r)
    }

    /// The rows with their depth (0 for the first row's level, 1 for its children, …).
    pub fn rows_with_depth(&self) -> impl Iterator<Item = (usize, StatsRow)> + '_ {
        self.order.iter().map(|&(i, depth)| (depth as usize, self.row(i as usize)))
    }

    fn row(&self, i: usize) -> StatsRow {
        let u = &self.ds.units[i];
        let totals = |v: &Option<Box<ActivityTotals>>| v.as_deref().cloned().unwrap_or_default();
        StatsRow {
            unit: u.id.clone(),
            name: u.name.to_string(),
            kind: u.kind.kind(),
            parent: (self.parent[i] != NONE).then(|| self.ds.units[self.parent[i] as usize].id.clone()),
            own: totals(&self.own[i]),
            total: totals(&self.total[i]),
        }
    }

    /// Every row made and held: the [`Stats`].
    pub fn into_stats(self) -> Stats {
        let rows = self.rows().collect();
        Stats { year: self.year, window: self.window, window_certainty: WINDOW_CERTAINTY, rows, lints: self.lints }
    }

    /// What was not counted ([`Stats::lints`]).
    pub fn lints(&self) -> &[Problem] {
        &self.lints
    }
}

impl Serialize for StatsView<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        struct Rows<'v, 'a>(&'v StatsView<'a>);
        impl Serialize for Rows<'_, '_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                s.collect_seq(self.0.rows())
            }
        }
        let mut st = s.serialize_struct("Stats", 4)?;
        st.serialize_field("year", &self.year)?;
        st.serialize_field("window", &self.window)?;
        st.serialize_field("window_certainty", &WINDOW_CERTAINTY)?;
        st.serialize_field("rows", &Rows(self))?;
        if !self.lints.is_empty() {
            st.serialize_field("lints", &self.lints)?;
        }
        st.end()
    }
}

/// The `unreviewed_evidence` lint of the activities dated in `window` whose unit does not
/// exist in it (`present`: each unit's last day in the window, if any): they hang under no
/// unit of the year's hierarchy, so no total counts them.
fn uncounted(
    ds: &Dataset,
    present: &[Option<NaiveDate>],
    window: Window,
    position: impl Fn(&str) -> Option<usize>,
) -> Vec<Problem> {
    let mut left = ds
        .activities
        .iter()
        .filter(|a| window.contains(a.date) && position(a.unit.as_str()).is_some_and(|i| present[i].is_none()));
    let Some(first) = left.next() else { return Vec::new() };
    let n = 1 + left.count();
    let msg = format!(
        "{n} activity record(s) dated in the window {window} of units that do not exist in it (dissolved before it \
         or founded after it; first: unit `{}` on {}) are not counted in any total",
        first.unit, first.date
    );
    let vi = format!(
        "{n} bản ghi hoạt động có ngày trong kỳ {window} của đơn vị không tồn tại trong kỳ (giải thể trước kỳ hoặc \
         thành lập sau kỳ; đầu tiên: đơn vị `{}` ngày {}) không được tính vào tổng nào",
        first.unit, first.date
    );
    let at = Location::default().with_unit(first.unit.as_str());
    vec![Problem::new(ProblemCode::UnreviewedEvidence, at, msg).with_vi(vi)]
}

/// How many units a [`reparented`] lint names (the rest are counted).
const NAMED: usize = 5;

/// A unit whose parent changed within the window: counted under `now` (its parent on its
/// last day in the window), having been under `before` until `until`.
struct Moved {
    unit: usize,
    now: u32,
    before: u32,
    until: NaiveDate,
}

/// The `parent_changed` lint of the units whose parent changed within `window` (a parent
/// change, or a parent dissolved and the unit moved, as in the 2025 reform): each is counted,
/// with its activities of the whole window, under its parent on its last day in the window
/// (`parent`), so the parent it left shows none of them. `shown` keeps the units in the rows
/// or whose former parent is (`--under`). A count and the first few, with each one's two
/// parents.
fn reparented(ds: &Dataset, moved: &[Moved], shown: &[bool]) -> Vec<Problem> {
    let id = |j: u32, lang: Lang| match (j, lang) {
        (NONE, Lang::En) => "no parent".to_owned(),
        (NONE, Lang::Vi) => "không có đơn vị cấp trên".to_owned(),
        (j, _) => format!("`{}`", ds.units[j as usize].id),
    };
    let seen = |j: u32| j != NONE && shown[j as usize];
    let listed: Vec<&Moved> = moved.iter().filter(|m| shown[m.unit] || seen(m.before)).collect();
    let Some(first) = listed.first() else { return Vec::new() };
    let named = |lang: Lang| -> String {
        let (under, until) = match lang {
            Lang::En => ("under", "until"),
            Lang::Vi => ("thuộc", "đến"),
        };
        let named: Vec<String> = listed
            .iter()
            .take(NAMED)
            .map(|m| {
                let (unit, now, before) = (&ds.units[m.unit].id, id(m.now, lang), id(m.before, lang));
                format!("`{unit}` {under} {now} ({under} {before} {until} {})", m.until)
            })
            .collect();
        let more = match (listed.len().saturating_sub(NAMED), lang) {
            (0, _) => String::new(),
            (more, Lang::En) => format!(" and {more} more"),
            (more, Lang::Vi) => format!(" và {more} đơn vị khác"),
        };
        format!("{}{more}", named.join(", "))
    };
    let msg = format!(
        "{} unit(s) changed parent within the window: each is counted, with its activities of the whole window, under \
         its parent on its last day in the window, not under the parent it left: {}",
        listed.len(),
        named(Lang::En)
    );
    let vi = format!(
        "{} đơn vị đổi đơn vị cấp trên trong kỳ: mỗi đơn vị được tính, cùng các hoạt động của cả kỳ, vào đơn vị cấp \
         trên của nó vào ngày cuối cùng trong kỳ, không vào đơn vị cấp trên đã rời: {}",
        listed.len(),
        named(Lang::Vi)
    );
    let at = Location::default().with_unit(ds.units[first.unit].id.as_str());
    vec![Problem::new(ProblemCode::ParentChanged, at, msg).with_vi(vi)]
}

/// [`activity_stats`] as a [`StatsView`]: the totals computed, the rows made on reading.
pub fn activity_stats_view<'a>(ds: &'a Dataset, year: i32, under: Option<&str>) -> Result<StatsView<'a>> {
    crate::eval::check_year(year)?;
    let limits = crate::Limits::default();
    let (problems, links) = ds.problems_and_index(&limits);
    if !problems.is_empty() {
        return Err(Error::InvalidDataset(problems));
    }
    let window = movement_window(year);
    let as_of = window.end;
    let n = ds.units.len();
    let index = &links.index;
    let position = |id: &str| index.get(&ds.units, id).map(|i| i as usize);
    // A unit counts if it existed at any time in the window; it hangs under its parent
    // as of its last day in the window, so the activities of a district or commune that
    // ended during the window still roll up (to the unit that held it then).
    let present: Vec<Option<NaiveDate>> = ds
        .units
        .iter()
        .map(|u| {
            let last = u.valid_until.map_or(as_of, |v| v.min(as_of));
            let first = u.valid_from.map_or(window.start, |f| f.max(window.start));
            (first <= last).then_some(last)
        })
        .collect();
    let mut roots = Vec::new();
    let mut parent = vec![NONE; n];
    let mut moved = Vec::new();
    for (i, u) in ds.units.iter().enumerate() {
        let Some(last) = present[i] else { continue };
        let moves = !u.parent_changes.is_empty();
        let parent_on = |d: NaiveDate| {
            let p = crate::model::dataset::parent_index(&ds.units, u, moves, links.base_parent[i], index, d);
            p.ok().filter(|&j| j != u32::MAX).filter(|&j| present[j as usize].is_some())
        };
        let p = parent_on(last);
        match p {
            Some(j) => parent[i] = j,
            None => roots.push(i as u32),
        }
        // A parent change within the window: the parent the unit left is named.
        let first = u.valid_from.map_or(window.start, |f| f.max(window.start));
        let left = u
            .parent_changes
            .iter()
            .filter(|c| c.from > first && c.from <= last)
            .filter_map(|c| c.from.pred_opt())
            .map(|d| (parent_on(d), d))
            .find(|(before, _)| *before != p);
        if let Some((before, until)) = left {
            moved.push(Moved { unit: i, now: p.unwrap_or(NONE), before: before.unwrap_or(NONE), until });
        }
    }
    // Children as one array in unit order per parent (compressed rows).
    let mut start = vec![0u32; n + 1];
    for &p in parent.iter().filter(|&&p| p != NONE) {
        start[p as usize + 1] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let mut children = vec![0u32; start[n] as usize];
    let mut next = start.clone();
    for (i, &p) in parent.iter().enumerate().filter(|(_, p)| **p != NONE) {
        children[next[p as usize] as usize] = i as u32;
        next[p as usize] += 1;
    }
    let children_of = |i: usize| &children[start[i] as usize..start[i + 1] as usize];
    let mut own: Vec<Option<Box<ActivityTotals>>> = vec![None; n];
    for a in ds.activities.iter().filter(|a| window.contains(a.date)) {
        let Some(i) = position(a.unit.as_str()) else { continue };
        let t = own[i].get_or_insert_with(Box::default);
        let add = add_to;
        // At most one per activity record: never near `u64::MAX`.
        t.records += 1;
        let r = match &a.kind {
            ActivityKind::PropagandaMeeting { attendees } => {
                add(&mut t.propaganda_meetings, a.count, "propaganda_meetings")
                    .and_then(|()| add(&mut t.attendees, *attendees, "attendees"))
            }
            ActivityKind::TipOff { valuable } => add(&mut t.tip_offs, a.count, "tip_offs")
                .and_then(|()| add(&mut t.valuable_tip_offs, *valuable, "valuable_tip_offs")),
            ActivityKind::Model { sites, typical, .. } => add(&mut t.models, a.count, "models")
                .and_then(|()| add(&mut t.model_sites, *sites, "model_sites"))
                .and_then(|()| add(&mut t.typical_models, if *typical { a.count } else { 0 }, "typical_models")),
            ActivityKind::Festival { participants } => add(&mut t.festivals, a.count, "festivals")
                .and_then(|()| add(&mut t.festival_participants, *participants, "festival_participants")),
            ActivityKind::Award { issuer, form, recipient } => t.add_award(*issuer, *form, *recipient, a.count),
            ActivityKind::PeopleHelped { reformed } => add(&mut t.people_helped, a.count, "people_helped")
                .and_then(|()| add(&mut t.people_reformed, *reformed, "people_reformed")),
            ActivityKind::Support { amount_vnd, houses } => {
                add(&mut t.support_vnd, *amount_vnd, "support_vnd").and_then(|()| add(&mut t.houses, *houses, "houses"))
            }
        };
        r.map_err(|field| overflow(ds.units[i].id.as_str(), field, "own activities'"))?;
    }
    let first: Vec<u32> = match under {
        None => roots,
        Some(id) => {
            let i = position(id).ok_or_else(|| Error::UnknownUnit {
                id: id.to_owned(),
                reason: "not in the dataset".into(),
                reason_vi: "không có trong dữ liệu".into(),
            })?;
            if present[i].is_none() {
                return Err(Error::UnknownUnit {
                    id: id.to_owned(),
                    reason: format!("does not exist in the window {window}"),
                    reason_vi: format!("không tồn tại trong kỳ {window}"),
                });
            }
            vec![i as u32]
        }
    };
    // Pre-order for the rows, post-order sums without recursion.
    let mut order = Vec::new();
    let mut stack: Vec<(u32, u32)> = first.iter().rev().map(|&i| (i, 0)).collect();
    while let Some((i, depth)) = stack.pop() {
        order.push((i, depth));
        stack.extend(children_of(i as usize).iter().rev().map(|&c| (c, depth + 1)));
    }
    let mut total: Vec<Option<Box<ActivityTotals>>> = vec![None; n];
    for &(i, _) in order.iter().rev() {
        let i = i as usize;
        let mut t = own[i].clone();
        let unit = ds.units[i].id.as_str();
        for &c in children_of(i) {
            if let Some(ct) = &total[c as usize] {
                t.get_or_insert_with(Box::default).add(ct).map_err(|field| overflow(unit, field, "subtree's"))?;
            }
        }
        if let Some(t) = &t
            && t.awards.iter().try_fold(0u64, |a, x| a.checked_add(x.count)).is_none()
        {
            return Err(overflow(unit, "awards", "subtree's total of"));
        }
        total[i] = t;
    }
    let mut shown = vec![false; n];
    for &(i, _) in &order {
        shown[i as usize] = true;
    }
    let mut lints = uncounted(ds, &present, window, position);
    lints.extend(reparented(ds, &moved, &shown));
    Ok(StatsView { ds, year, window, order, parent, own, total, lints })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An activity dated in the window of a unit that does not exist in it hangs under no
    /// unit: it is named in an `unreviewed_evidence` lint, in the statistics and in their
    /// JSON, where it was dropped from every total without a word.
    #[test]
    fn activities_of_units_not_in_the_window_are_named_not_dropped() {
        let mut ds = Dataset::from_str_named("s.json", crate::sample::SAMPLE_JSON).unwrap();
        let clean = activity_stats(&ds, 2024, None).unwrap();
        assert!(clean.lints.is_empty(), "{:?}", clean.lints);
        assert!(!serde_json::to_string(&clean).unwrap().contains("\"lints\""));
        // HD-DKKT is founded on 2025-07-01: a 2024 meeting of it is counted nowhere.
        let extra =
            r#"{"unit": "HD-DKKT", "date": "2024-05-01", "type": "propaganda_meeting", "count": 5, "attendees": 100}"#;
        ds.activities.push(serde_json::from_str(extra).unwrap());
        let st = activity_stats(&ds, 2024, None).unwrap();
        assert_eq!(st.rows[0].total, clean.rows[0].total, "still counted nowhere");
        assert_eq!(st.lints.len(), 1);
        let l = &st.lints[0];
        assert_eq!((l.code, l.location.unit.as_deref()), (ProblemCode::UnreviewedEvidence, Some("HD-DKKT")));
        assert!(l.message.starts_with("1 activity record(s) dated in the window 2023-11-16"), "{}", l.message);
        // The view (the CLI's) carries it, and serialises as the statistics do.
        let view = activity_stats_view(&ds, 2024, None).unwrap();
        assert_eq!(view.lints(), &st.lints[..]);
        assert_eq!(serde_json::to_string(&view).unwrap(), serde_json::to_string(&st).unwrap());
        let back: Stats = serde_json::from_str(&serde_json::to_string(&st).unwrap()).unwrap();
        assert_eq!(back, st);
        // In its own year's window (2025) the unit exists: counted, no lint.
        ds.activities.last_mut().unwrap().date = NaiveDate::from_ymd_opt(2025, 8, 1).unwrap();
        assert!(
            activity_stats(&ds, 2025, None).unwrap().lints.iter().all(|l| l.code != ProblemCode::UnreviewedEvidence)
        );
    }

    /// Across the 2025 reform a unit whose parent changed in the window is counted under its
    /// parent on its last day in it: `KM-AL`, dissolved on 2025-06-30, is shown without its
    /// former children, and a `parent_changed` lint says so, naming them and the parent
    /// they were counted under, where nothing did.
    #[test]
    fn units_that_changed_parent_in_the_window_are_named_with_both_parents() {
        let ds = Dataset::from_str_named("s.json", crate::sample::SAMPLE_JSON).unwrap();
        let st = activity_stats(&ds, 2025, Some("KM-AL")).unwrap();
        assert_eq!(st.rows.len(), 1, "KM-AL alone: its children moved to KM-PKM");
        let lint = st.lints.iter().find(|l| l.code == ProblemCode::ParentChanged).expect("a parent_changed lint");
        assert_eq!(lint.location.unit.as_deref(), Some("KM-AL-CQ01"));
        let moved = ds.units.iter().filter(|u| u.parent.as_ref().is_some_and(|p| p.as_str() == "KM-AL")).count();
        assert!(moved > NAMED, "the sample moves more than the named few");
        assert!(
            lint.message.starts_with(&format!("{moved} unit(s) changed parent within the window")),
            "{}",
            lint.message
        );
        assert!(
            lint.message.contains("`KM-AL-CQ01` under `KM-PKM` (under `KM-AL` until 2025-06-30)"),
            "{}",
            lint.message
        );
        assert!(lint.message.ends_with(&format!(" and {} more", moved - NAMED)), "{}", lint.message);
        // Under KM-PKM they are counted, and named too; in 2024 no parent changes.
        let pkm = activity_stats(&ds, 2025, Some("KM-PKM")).unwrap();
        assert!(pkm.lints.iter().any(|l| l.code == ProblemCode::ParentChanged));
        assert!(activity_stats(&ds, 2024, None).unwrap().lints.is_empty());
        // Without `under`, every unit that changed parent in the window is counted.
        let whole = activity_stats(&ds, 2025, None).unwrap();
        let l = whole.lints.iter().find(|l| l.code == ProblemCode::ParentChanged).unwrap();
        let total = ds
            .units
            .iter()
            .filter(|u| {
                u.parent_changes
                    .iter()
                    .any(|c| c.from > movement_window(2025).start && c.from <= movement_window(2025).end)
            })
            .count();
        assert!(l.message.starts_with(&format!("{total} unit(s)")), "{}", l.message);
    }
}
