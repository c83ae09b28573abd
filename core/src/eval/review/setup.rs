//! Setting a review up: the rule set compiled for the year ([`Plan`]), the law-in-time and
//! vocabulary checks, the hierarchy on the reference date, and the verdicts computed depth by
//! depth (children before parents).

#[cfg(feature = "compiled")]
use super::kernel::Node;
use super::{Brief, Kept, Review, Scratch, Visit};
use crate::error::{Error, Location, Problem, ProblemCode, Result};
use crate::eval::check::Mode;
use crate::eval::prepared::{NONE, Prepared};
use crate::eval::result::DecisionRecord;
use crate::eval::{MAX_PREREQUISITE_DEPTH, Options, default_as_of};
use crate::model::administration;
use crate::model::date::Window;
use crate::model::text::{LegalRef, Text};
use crate::model::unit::Kind;
use crate::rules::{ChildMeasure, OutcomePolicy, RuleSet, Test};
use chrono::NaiveDate;
use std::borrow::Cow;
use std::sync::Arc;

/// A rule set compiled for one year: per kind, its window and the criteria that apply.
#[derive(Debug)]
pub(super) struct Plan {
    pub(super) kinds: Vec<KindPlan>,
    /// The position in `kinds` of each kind's plan, by the kind's position in [`Kind::ALL`].
    by_kind: [Option<u8>; Kind::ALL.len()],
    /// Each criterion's label and legal basis, shared by every materialised result.
    pub(super) shared: Vec<(Arc<Text>, Arc<[LegalRef]>)>,
    /// Each criterion's attested tests (in the order they are visited) resolved to the
    /// prepared dataset's attestation columns.
    pub(super) columns: Vec<Vec<Option<u32>>>,
    /// Each criterion's test compiled for the year (statuses without explanations).
    #[cfg(feature = "compiled")]
    pub(super) kernels: Vec<Node>,
    pub(super) min_met: i64,
    pub(super) min_met_illustrative: bool,
    pub(super) quota: Option<u32>,
    pub(super) quota_illustrative: bool,
    /// The last day a registration counts, and whether one may still come in time
    /// (`crate::eval::registration_until`).
    pub(super) registration_until: (NaiveDate, bool),
    /// Whether a test counts the children that registered.
    pub(super) reads_registration: bool,
}

#[derive(Debug)]
pub(super) struct KindPlan {
    pub(super) kind: Kind,
    pub(super) window: Window,
    pub(super) criteria: Vec<usize>,
    /// Whether a test counts the incidents of the unit's descendants.
    pub(super) descendants: bool,
}

impl Plan {
    pub(super) fn compile(rules: &RuleSet, year: i32, as_of: NaiveDate, prep: &Prepared<'_>) -> Plan {
        let kinds: Vec<KindPlan> = rules
            .kinds()
            .into_iter()
            .map(|kind| {
                let criteria: Vec<usize> = rules
                    .criteria
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.kinds.contains(&kind))
                    .map(|(i, _)| i)
                    .collect();
                let descendants = criteria.iter().any(|&c| {
                    rules.criteria[c]
                        .test
                        .walk()
                        .iter()
                        .any(|t| matches!(t, Test::NoEvents { include_descendants: true, .. }))
                });
                // What happened after the reference date is not known on it: the window
                // counted ends there at the latest.
                let window = rules.window(kind, year).map_or(Window::new(as_of, as_of), |w| w.known_on(as_of));
                KindPlan { kind, window, criteria, descendants }
            })
            .collect();
        let param = |k: &str| rules.parameters.get(k);
        let columns: Vec<Vec<Option<u32>>> = rules
            .criteria
            .iter()
            .map(|c| {
                let walk = c.test.walk();
                let keys = walk.iter().filter_map(|t| match t {
                    Test::Attested { key } => Some(key.as_deref().unwrap_or(&c.id)),
                    _ => None,
                });
                keys.map(|k| prep.attestations.column(k)).collect()
            })
            .collect();
        #[cfg(feature = "compiled")]
        let kernels = rules
            .criteria
            .iter()
            .zip(&columns)
            .map(|(c, cols)| Node::compile(&c.test, &c.id, (year, as_of), &mut cols.iter().copied()))
            .collect();
        let mut by_kind = [None; Kind::ALL.len()];
        for (p, plan) in kinds.iter().enumerate() {
            by_kind[plan.kind as usize] = Some(p as u8);
        }
        Plan {
            kinds,
            by_kind,
            shared: rules
                .criteria
                .iter()
                .map(|c| (Arc::new(c.label.clone()), Arc::from(c.legal_basis.as_slice())))
                .collect(),
            columns,
            #[cfg(feature = "compiled")]
            kernels,
            min_met: rules.parameter("min_met").unwrap_or(i64::MAX),
            min_met_illustrative: param("min_met").is_some_and(|p| p.illustrative),
            quota: rules.parameter("quota_per_parent").map(|q| u32::try_from(q.max(0)).unwrap_or(u32::MAX)),
            quota_illustrative: param("quota_per_parent").is_some_and(|p| p.illustrative),
            registration_until: crate::eval::registration_until(year, as_of),
            reads_registration: rules.criteria.iter().any(|c| {
                c.test.walk().iter().any(|t| matches!(t, Test::Children { measure: ChildMeasure::Registered, .. }))
            }),
        }
    }

    pub(super) fn kind(&self, k: Kind) -> Option<&KindPlan> {
        self.by_kind[k as usize].map(|p| &self.kinds[usize::from(p)])
    }
}

impl<'a> Review<'a> {
    pub(super) fn new(
        prep: &'a Prepared<'a>,
        rules: Cow<'a, RuleSet>,
        opts: &Options,
        depth: usize,
    ) -> Result<Review<'a>> {
        let ds = prep.ds;
        let year = prep.year;
        let as_of = opts.as_of.unwrap_or_else(|| default_as_of(&rules, year));
        let n = ds.units.len();

        // The law in time: the reference date must fall in the year's review, and the rule
        // set must be in force on it, unless the caller explicitly asks otherwise.
        let review_dates = rules.review_dates(year);
        if let Some((from, until)) = review_dates
            && !(from..=until).contains(&as_of)
            && !opts.allow_as_of_outside_year
        {
            return Err(Error::AsOfOutsideYear { as_of, year, from, until });
        }
        if !opts.allow_outside_period {
            rules.ensure_in_force(as_of)?;
        }

        // A quota per a level that does not exist on the date has no meaning (DOMAIN §5).
        if let OutcomePolicy::Typical { quota_per: Some(k), .. } = &rules.outcome
            && let Some([why, why_vi]) = administration::level_absence_in(*k, as_of)
        {
            return Err(Error::InvalidRuleSet(vec![
                Problem::new(
                    ProblemCode::BadValue,
                    Location::path("outcome.quota_per"),
                    format!(
                        "`{}` counts its quota per {k}, but on {as_of} there is no {k}: {why} Say what the quota is per \
                         for this year (e.g. a supplement with the province's rule); it is never silently one per province.",
                        rules.id
                    ),
                )
                .with_vi(format!(
                    "`{}` tính chỉ tiêu theo {}, nhưng vào ngày {as_of} không có {}: {why_vi} Hãy nói chỉ tiêu năm nay \
                     tính theo cấp nào (ví dụ một văn bản bổ sung theo quy định của tỉnh); antq không bao giờ ngầm \
                     tính một chỉ tiêu cho cả tỉnh.",
                    rules.id,
                    k.label(crate::Lang::Vi),
                    k.label(crate::Lang::Vi)
                )),
            ]));
        }

        // Which units exist, and their parents, on the reference date.
        // The first problems are kept, the rest counted: bounded memory on any dataset.
        let mut problems = crate::error::Capped::new(crate::Limits::default().max_problems);
        let dangling = |i: usize, p: &str| {
            let u = &ds.units[i];
            Problem::new(
                ProblemCode::DanglingParent,
                Location::default().with_unit(u.id.as_str()),
                format!("parent `{p}` of unit `{}` does not exist on {as_of}", u.id),
            )
            .with_vi(format!("đơn vị cấp trên `{p}` của đơn vị `{}` không tồn tại vào ngày {as_of}", u.id))
        };
        let present: Vec<bool> = (0..n).map(|i| prep.exists_on(i, as_of)).collect();
        let mut parent = vec![NONE; n];
        // Whether each kind exists on the date, looked up once per kind, and only for the
        // kinds the calendar says some units of were not there.
        let may_be_absent = administration::kinds_with_absence(as_of);
        let mut absence: Vec<(crate::UnitKind, Option<[&'static str; 2]>)> = Vec::new();
        for i in (0..n).filter(|&i| present[i]) {
            let kind = prep.kind(i);
            if may_be_absent & 1 << kind.kind() as u32 != 0 {
                let why = match absence.iter().find(|(k, _)| *k == kind) {
                    Some(&(_, why)) => why,
                    None => {
                        let why = administration::kind_absence_in(kind, as_of);
                        absence.push((kind, why));
                        why
                    }
                };
                if let Some([why, why_vi]) = why {
                    let u = &ds.units[i];
                    let sub = u.kind.subkind().map(|s| format!(" ({s})")).unwrap_or_default();
                    problems.push(
                        Problem::new(
                            ProblemCode::KindNotInYear,
                            Location::default().with_unit(u.id.as_str()),
                            format!(
                                "unit `{}` is a {}{sub} that exists on {as_of} (evaluation year {year}), but: {why} Give it a valid_until.",
                                u.id,
                                u.kind.kind(),
                            ),
                        )
                        .with_vi(format!(
                            "đơn vị `{}` là {}{sub} tồn tại vào ngày {as_of} (năm đánh giá {year}), nhưng: {why_vi} Hãy ghi valid_until cho đơn vị.",
                            u.id,
                            u.kind.kind().label(crate::Lang::Vi),
                        )),
                    );
                }
            }
            // A parent that does not change is read as it is; the others are found for the date.
            let on_date = match prep.lasting_parent(i) {
                Some(p) if p != NONE => Ok(p),
                _ => prep.parent_on(i, as_of),
            };
            match on_date {
                Ok(NONE) => {}
                Ok(p) if present[p as usize] => parent[i] = p,
                Ok(p) => problems.push(dangling(i, ds.units[p as usize].id.as_str())),
                Err(id) => problems.push(dangling(i, id)),
            }
        }
        // Incidents must use a category this rule set or a built-in preset declares, so a
        // misspelt category is an error rather than an incident silently ignored.
        if !rules.categories.is_empty() {
            // One set, one listing (of at most 20 ids): linear in incidents and categories.
            let known: rustc_hash::FxHashSet<&str> = rules
                .categories
                .iter()
                .chain(crate::rules::presets().iter().flat_map(|p| p.categories.iter()))
                .map(|c| c.id.as_str())
                .collect();
            let mut listed = rules.categories.iter().take(20).map(|c| c.id.as_str()).collect::<Vec<_>>().join(", ");
            let mut listed_vi = listed.clone();
            if rules.categories.len() > 20 {
                listed.push_str(&format!(" and {} more", rules.categories.len() - 20));
                listed_vi.push_str(&format!(" và {} loại khác", rules.categories.len() - 20));
            }
            for (k, inc) in ds.incidents.iter().enumerate() {
                if !known.contains(inc.category.as_str()) {
                    problems.push(
                        Problem::new(
                            ProblemCode::UnknownCategory,
                            Location::path(format!("incidents[{k}].category")).with_unit(inc.unit.as_str()),
                            format!(
                                "incident category `{}` is not declared by `{}` nor by any preset; known here: {listed}",
                                inc.category, rules.id,
                            ),
                        )
                        .with_vi(format!(
                            "loại vụ việc `{}` không được `{}` hay bộ dựng sẵn nào khai báo; các loại có ở đây: {listed_vi}",
                            inc.category, rules.id,
                        )),
                    );
                }
            }
        }
        if !problems.is_empty() {
            return Err(Error::InvalidDataset(problems.into_vec()));
        }
        // The prerequisite first, on its own reference date.
        let prerequisite = match &rules.outcome {
            OutcomePolicy::Typical { prerequisite: Some(p), .. } => {
                if depth >= MAX_PREREQUISITE_DEPTH {
                    return Err(Error::InvalidRuleSet(vec![
                        Problem::new(
                            ProblemCode::Limit,
                            Location::path("outcome.prerequisite"),
                            format!("prerequisites chain deeper than {MAX_PREREQUISITE_DEPTH}"),
                        )
                        .with_vi(format!("chuỗi điều kiện tiên quyết sâu hơn {MAX_PREREQUISITE_DEPTH}")),
                    ]));
                }
                let found = crate::eval::prerequisite_rules(p, year, as_of, opts)?;
                Some(Box::new(Review::new(prep, Cow::Owned(found), opts, depth + 1)?))
            }
            _ => None,
        };

        // The evidence vocabulary (a key no rule set reads is an error, the rest lints)
        // and the order of the review, independent of each other: on two cores when the
        // review runs in parallel.
        let vocabulary = || -> Result<Vec<Problem>> {
            if depth > 0 {
                return Ok(Vec::new());
            }
            let with: Vec<&RuleSet> = prerequisite.iter().map(|p| &*p.rules).collect();
            let others: Vec<&RuleSet> =
                opts.rule_sets.iter().chain(crate::rules::presets()).filter(|r| **r != *rules).collect();
            // In the records' own order: memory read in order, whatever the units' order.
            // Each record's unit kind (none when the unit does not exist on the date) is
            // gathered first, one byte per record in a loop of independent loads: looked up
            // inside the check, the same loads wait on each other, a cache miss per record
            // on shuffled data.
            let kinds: Vec<Option<Kind>> = (0..n).map(|i| present[i].then(|| prep.kind(i).kind())).collect();
            let record_kinds: Vec<Option<Kind>> = prep.records().map(|(i, _)| kinds[i]).collect();
            let records = (prep.record_slice(), record_kinds.as_slice());
            let max = crate::Limits::default().max_problems;
            let lenient = opts.lenient_vocabulary;
            let (errors, vocabulary) =
                crate::eval::vocabulary::check(&rules, &with, &others, records, lenient, max, opts.parallel);
            // The dataset's own lints (unit ids that can be mistaken) first.
            let mut lints = prep.lints().to_vec();
            lints.extend(vocabulary);
            if prep.record_slice().is_empty() {
                lints.push(no_evidence(prep.dataset(), year));
            }
            let ds = prep.dataset();
            let incidents = (0..n).flat_map(|i| {
                let (unit, kind) = (ds.units[i].id.as_str(), prep.kind(i).kind());
                prep.incidents_of(i).iter().map(move |&k| (unit, kind, ds.incidents[k as usize].category.as_str()))
            });
            lints.extend(crate::eval::vocabulary::unread_incidents(&rules, &with, incidents));
            // Rows given twice among the incidents the year's review may count: dated from
            // the start of its first window to the reference date.
            let from = review_dates
                .map_or_else(|| NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN), |(from, _)| from);
            let rows = (0..n).flat_map(|i| prep.incidents_of(i).iter().map(|&k| k as usize)).filter_map(|k| {
                let inc = &ds.incidents[k];
                (from..=as_of).contains(&inc.date).then(|| (k, inc.unit.as_str(), inc.date, inc.category.as_str()))
            });
            lints.extend(crate::eval::vocabulary::repeated_incidents(rows));
            lints.extend(events_after(prep.dataset(), as_of, default_as_of(&rules, year)));
            if errors.is_empty() { Ok(lints) } else { Err(Error::InvalidDataset(errors)) }
        };
        let layout = || layout(prep, &parent, &present, opts.parallel);
        let (lints, Layout { child_start, children, bounds, order, subtree_incidents }) =
            crate::join_if(opts.parallel, vocabulary, layout);
        let lints = lints?;
        let incidents_then = incidents_above_on_their_date(prep, &parent, &present);

        let plan = Plan::compile(&rules, year, as_of, prep);
        let record = DecisionRecord {
            rule_set: rules.id.clone(),
            family: rules.family.clone(),
            effective: rules.effective.clone(),
            legal_basis: rules.legal_basis.clone(),
            outside_period: !rules.effective.contains(as_of),
            as_of_outside_year: !review_dates.is_none_or(|(f, u)| (f..=u).contains(&as_of)),
            version: rules.version.clone(),
            content_hash: rules.content_hash(),
            supplements: rules.applied_supplements.clone(),
            parameters: rules.parameters.clone(),
            illustrative_defaults: rules.illustrative_defaults(),
            year,
            as_of,
            prerequisite: prerequisite.as_ref().map(|p| Box::new(p.record.clone())),
            engine: format!("antq {}", env!("CARGO_PKG_VERSION")),
        };
        let decided_by = crate::table::decided_by(&record.rule_set, &record.version, &record.content_hash);
        let mut review = Review {
            prep,
            rules,
            mode: if opts.without_explanations { Mode::Terse } else { Mode::Full },
            parallel: opts.parallel,
            as_of,
            plan,
            parent,
            child_start,
            children,
            subtree_incidents,
            incidents_then,
            kept: vec![Kept::NOT_REVIEWED; n],
            briefs: vec![Brief::UNCOUNTED; n],
            statuses: Vec::new(),
            prerequisite,
            record,
            decided_by,
            evaluated: 0,
            rows: Vec::new(),
            lints,
            progress: opts.progress.clone(),
            quota_ties: Vec::new(),
        };

        let mut statuses = Vec::with_capacity(n * 4);
        let mut scratch = Scratch::default();
        let progress = opts.progress.as_ref();
        crate::eval::report(progress, 0, order.len())?;
        // One depth at a time: a unit's verdict reads only its descendants' verdicts.
        for depth in bounds.windows(2) {
            crate::eval::report(progress, depth[0], order.len())?;
            let units = &order[depth[0]..depth[1]];
            if let Some(parts) = review.verdicts_in_parallel(units, opts.parallel) {
                let parts = parts.into_iter().collect::<Result<Vec<_>>>()?;
                let bases: Vec<u32> = parts
                    .iter()
                    .map(|(_, part_statuses)| {
                        let base = statuses.len() as u32;
                        statuses.extend_from_slice(part_statuses);
                        base
                    })
                    .collect();
                review.keep_parts(&parts, &bases);
                continue;
            }
            for &at in units {
                let start = statuses.len() as u32;
                if let Some(v) = review.status_verdict(at, &mut scratch, &mut statuses)? {
                    let registered = review.registration_read(at);
                    review.keep(at.unit as usize, at.kind.kind(), v, start, registered);
                }
            }
        }
        crate::eval::report(progress, order.len(), order.len())?;
        review.statuses = statuses;
        if let OutcomePolicy::Typical { .. } = &review.rules.outcome {
            review.apply_quota();
            review.lints.extend(quota_tie(&review));
        }
        review.rows = (0..n).filter(|&i| review.kept[i].reviewed.is_some()).map(|i| i as u32).collect();
        Ok(review)
    }
}

/// The hierarchy of the units present on the reference date, laid out for the review.
struct Layout {
    /// Children lists: the children of `i` are `children[child_start[i]..child_start[i + 1]]`.
    child_start: Vec<u32>,
    children: Vec<u32>,
    /// Where each depth starts in `order`, deepest first.
    bounds: Vec<usize>,
    /// The units present, children before parents.
    order: Vec<Visit>,
    /// Incidents of each unit's subtree.
    subtree_incidents: Vec<u32>,
}

/// The [`Layout`] of the units `present`, with their `parent` on the date (`NONE`: none);
/// its independent parts on two cores when `parallel`.
fn layout(prep: &Prepared<'_>, parent: &[u32], present: &[bool], parallel: bool) -> Layout {
    let n = parent.len();
    // Children lists (counting sort by parent) and the order children before
    // parents: deepest first, then the order of the units' evidence records (the
    // records are then read in memory order, whatever order the units come in), the
    // units without a record after them in dataset order. Within a depth the order
    // changes no verdict: a unit reads only its descendants'.
    let ((child_start, children), (level, subtree_incidents)) = crate::join_if(
        parallel,
        || crate::grouped_by_owner(parent, n),
        || {
            let level = levels(parent);
            let subtree = subtree_incidents(prep, parent, present, &level);
            (level, subtree)
        },
    );
    let deepest = level.iter().copied().max().unwrap_or(0) as usize;
    let mut by_level = vec![0u32; deepest + 2];
    for (_, &l) in level.iter().enumerate().filter(|(i, _)| present[*i]) {
        by_level[deepest - l as usize + 1] += 1;
    }
    for l in 0..=deepest {
        by_level[l + 1] += by_level[l];
    }
    // Where each depth starts in `order`, deepest first.
    let bounds: Vec<usize> = by_level.iter().map(|&b| b as usize).collect();
    let mut order = Vec::with_capacity(by_level[deepest + 1] as usize);
    // What a visit needs of each unit (its depth from the deepest, `u32::MAX` when not on
    // the date), gathered in one pass in unit order: the loop below, in the records'
    // order, then reads one place per record (a cache miss on shuffled data), not three.
    #[derive(Clone, Copy)]
    struct Spot {
        depth: u32,
        kind: crate::model::unit::UnitKind,
        incidents: bool,
    }
    let spots: Vec<Spot> = (0..n)
        .map(|i| Spot {
            depth: if present[i] { deepest as u32 - level[i] } else { u32::MAX },
            kind: prep.kind(i),
            incidents: !prep.incidents_of(i).is_empty(),
        })
        .collect();
    drop(level);
    // The units with a record, by slot, then those without, in dataset order.
    let with_record = prep.records().enumerate().map(|(s, (i, _))| (i, s as u32));
    let without = (0..n).filter(|&i| prep.slot(i) == NONE).map(|i| (i, NONE));
    // Every place is written below; the filler is never read.
    let kind = crate::model::unit::UnitKind::Agency { armed_forces: false };
    let filler = Visit { unit: NONE, slot: NONE, kind, incidents: false };
    order.resize(by_level[deepest + 1] as usize, filler);
    for (i, slot) in with_record.chain(without) {
        let Spot { depth: d, kind, incidents } = spots[i];
        if d == u32::MAX {
            continue;
        }
        let at = &mut by_level[d as usize];
        order[*at as usize] = Visit { unit: i as u32, slot, kind, incidents };
        *at += 1;
    }
    Layout { child_start, children, bounds, order, subtree_incidents }
}

/// Each unit's depth under the units with no parent (0 for those).
fn levels(parent: &[u32]) -> Vec<u32> {
    let n = parent.len();
    let mut level = vec![0u32; n];
    for i in 0..n {
        let (mut d, mut cur) = (0u32, parent[i]);
        // A cycle is refused by validation; the bound keeps a bad hierarchy finite.
        while cur != NONE && (d as usize) <= n {
            d += 1;
            cur = parent[cur as usize];
        }
        level[i] = d;
    }
    level
}

/// The incidents of each unit's subtree: its own, added to its ancestors present on the
/// date. Incidents are few, so only the units that have some are walked up.
fn subtree_incidents(prep: &Prepared<'_>, parent: &[u32], present: &[bool], level: &[u32]) -> Vec<u32> {
    let n = parent.len();
    let mut subtree_incidents: Vec<u32> = (0..n).map(|i| prep.incidents_of(i).len() as u32).collect();
    for i in (0..n).filter(|&i| present[i] && !prep.incidents_of(i).is_empty()) {
        let own = prep.incidents_of(i).len() as u32;
        let mut cur = parent[i];
        // As for the levels: a cycle is refused by validation, the bound keeps it finite.
        for _ in 0..=level[i] {
            if cur == NONE {
                break;
            }
            subtree_incidents[cur as usize] += own;
            cur = parent[cur as usize];
        }
    }
    subtree_incidents
}

/// The incidents that happened under a unit (present on the reference date) which is not
/// above the incident's unit on the reference date: the unit moved to another parent, or
/// no longer exists, since the incident (DOMAIN §3.3 CW-2, antq's reading [I]). An incident
/// counts toward the units above its own on the day it happened as well as toward those
/// above it on the reference date, so a commune is never "safe" over a window in which a
/// listed event happened in one of its units, nor silently rid of it by a later move.
/// The incidents of each unit, grouped as [`crate::grouped_by_owner`] groups (both empty
/// when no unit with incidents moved or ended).
fn incidents_above_on_their_date(prep: &Prepared<'_>, parent: &[u32], present: &[bool]) -> (Vec<u32>, Vec<u32>) {
    let n = parent.len();
    let incidents = &prep.dataset().incidents;
    let (mut above, mut then) = (Vec::new(), Vec::new());
    let mut now: Vec<u32> = Vec::new();
    for i in (0..n).filter(|&i| !prep.incidents_of(i).is_empty()) {
        // The units above it on the reference date (none when it does not exist then).
        now.clear();
        let mut cur = if present[i] { parent[i] } else { NONE };
        // A cycle is refused by validation (on every date); the bound keeps it finite.
        while cur != NONE && now.len() <= n {
            now.push(cur);
            cur = parent[cur as usize];
        }
        for &k in prep.incidents_of(i) {
            let date = incidents[k as usize].date;
            let (mut cur, mut steps) = (i, 0);
            while let Ok(p) = prep.parent_on(cur, date) {
                if p == NONE || steps > n {
                    break;
                }
                if present[p as usize] && !now.contains(&p) {
                    above.push(p);
                    then.push(k);
                }
                (cur, steps) = (p as usize, steps + 1);
            }
        }
    }
    if then.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let (start, mut members) = crate::grouped_by_owner(&above, n);
    for m in &mut members {
        *m = then[*m as usize];
    }
    (start, members)
}

/// The lint of a year without evidence, naming the last year the dataset has evidence of.
fn no_evidence(ds: &crate::Dataset, year: i32) -> Problem {
    let last = ds.evidence.iter().map(|e| e.year).max();
    let held = last.map_or_else(|| "none in the dataset".to_owned(), |y| format!("the dataset's latest is of {y}"));
    let held_vi = last
        .map_or_else(|| "bộ dữ liệu không có năm nào".to_owned(), |y| format!("năm gần nhất trong bộ dữ liệu là {y}"));
    Problem::new(
        ProblemCode::NoEvidence,
        Location::default(),
        format!("no evidence record of {year}: every criterion that reads evidence is unknown ({held})"),
    )
    .with_vi(format!(
        "không có bản ghi số liệu nào của năm {year}: mọi tiêu chí đọc số liệu đều chưa xác định ({held_vi})"
    ))
}

/// The lint of the typical candidates whose side of the quota's edge only the unit-id order
/// among equals decided (antq's reading [I]): named in every form, table and CSV included,
/// not only in the explained results' `illustrative` notes.
fn quota_tie(review: &Review<'_>) -> Option<Problem> {
    const NAMED: usize = 5;
    let units = &review.prep.ds.units;
    let ids: Vec<&str> =
        review.quota_ties.iter().take(NAMED).filter_map(|&i| units.get(i as usize)).map(|u| u.id.as_str()).collect();
    let first = *ids.first()?;
    let named = ids.iter().map(|id| format!("`{id}`")).collect::<Vec<_>>().join(", ");
    let (all, more) = (review.quota_ties.len(), review.quota_ties.len().saturating_sub(NAMED));
    let (more, more_vi) = match more {
        0 => (String::new(), String::new()),
        more => (format!(" and {more} more"), format!(" và {more} đơn vị khác")),
    };
    let msg = format!(
        "{}: {all} typical candidate(s) on one side of the quota's edge only by unit id among equals, an order no published rule sets: {named}{more}",
        crate::eval::result::QUOTA_TIE,
    );
    let vi = format!(
        "xếp bằng nhau ở ngưỡng chỉ tiêu [I]: {all} đơn vị dự xét điển hình nằm ở một phía của ngưỡng chỉ tiêu chỉ do thứ tự mã đơn vị giữa các đơn vị bằng nhau, thứ tự mà không quy định công bố nào đặt ra: {named}{more_vi}"
    );
    let location = Location { unit: Some(first.to_owned()), ..Location::default() };
    Some(Problem::new(ProblemCode::QuotaTie, location, msg).with_vi(vi))
}

/// The lint of the incidents dated after the reference date and up to `end` (the year's
/// last window day): not known on it, so not counted.
fn events_after(ds: &crate::Dataset, as_of: NaiveDate, end: NaiveDate) -> Option<Problem> {
    let mut after = ds.incidents.iter().filter(|i| as_of < i.date && i.date <= end);
    let first = after.next()?;
    let n = 1 + after.count();
    let msg = format!("{n} incident(s) after the reference date {as_of} not counted (first: unit `{}`)", first.unit);
    let vi = format!("{n} vụ việc sau ngày tham chiếu {as_of} không được tính (đầu tiên: đơn vị `{}`)", first.unit);
    Some(Problem::new(ProblemCode::UnreviewedEvidence, Location::default(), msg).with_vi(vi))
}
