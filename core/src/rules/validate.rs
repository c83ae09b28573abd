//! Checks that name the place: criterion ids, unknown categories, wrong indicator
//! types, overlapping or unreachable levels, sheets that do not add up.

use super::{OutcomePolicy, RULES_FORMAT_VERSION, RuleSet, Test};
use crate::error::{Location, Problem, ProblemCode};
use crate::model::dataset::allowed_parent;
use crate::model::evidence::ValueType;
use crate::model::points::Points;
use crate::model::text::Certainty;
use crate::model::unit::Kind;
use crate::read::limits::Limits;
use std::collections::BTreeSet;

/// The id whose first quoted occurrence places a problem: its criterion, else the last
/// key of its field path.
pub(crate) fn located_key(p: &Problem) -> Option<&str> {
    match (&p.location.criterion, &p.location.path) {
        (Some(c), _) => Some(c),
        (None, Some(path)) => {
            let key = path.rsplit('.').next().unwrap_or(path);
            Some(key.split('[').next().unwrap_or(key))
        }
        _ => None,
    }
}

pub(crate) fn problems(rs: &RuleSet, limits: &Limits) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut push = |p: Problem| out.push(p);
    if rs.format_version != RULES_FORMAT_VERSION {
        push(Problem::format_version(Location::path("format_version"), rs.format_version, RULES_FORMAT_VERSION));
        return out;
    }
    if rs.id.trim().is_empty() {
        push(Problem::new(ProblemCode::BadValue, Location::path("id"), "rule set id is empty"));
    }
    // Ids, labels and legal references are single lines of visible text: a line break or
    // an escape sequence in a label would print a line of its own (a fake "Outcome: Meets")
    // in every explanation.
    // Through the JSON bytes the content hash already makes (no second serialiser in the
    // WebAssembly module).
    if let Ok(value) = serde_json::to_vec(rs).and_then(|b| serde_json::from_slice::<serde_json::Value>(&b)) {
        single_lines(&value, &mut String::new(), &mut |path, c, pos| {
            push(Problem::new(
                ProblemCode::BadValue,
                Location::path(path),
                format!(
                    "`{path}` holds a line break, control or invisible character (U+{:04X} at character {pos}); ids and labels must be one line of visible text",
                    c as u32
                ),
            ));
        });
    }
    if rs.criteria.len() > limits.max_criteria {
        push(Limits::problem(
            Location::path("criteria"),
            "criteria",
            rs.criteria.len(),
            "max_criteria",
            limits.max_criteria,
        ));
        return out;
    }
    if let (Some(f), Some(u)) = (rs.effective.from, rs.effective.until)
        && u < f
    {
        push(Problem::new(
            ProblemCode::BadValue,
            Location::path("effective"),
            format!("effective until {u} is before {f}"),
        ));
    }

    // Windows.
    let mut windowed: BTreeSet<Kind> = BTreeSet::new();
    for (i, w) in rs.windows.iter().enumerate() {
        for k in &w.kinds {
            if !windowed.insert(*k) {
                push(Problem::new(
                    ProblemCode::DuplicateId,
                    Location::path(format!("windows[{i}].kinds")),
                    format!("kind {k} has two windows"),
                ));
            }
        }
        if w.start.resolve(2001) > w.end.resolve(2001) {
            push(Problem::new(
                ProblemCode::BadValue,
                Location::path(format!("windows[{i}]")),
                format!("window starts ({}) after it ends ({})", w.start, w.end),
            ));
        }
    }

    for (i, sc) in rs.scope.iter().enumerate() {
        if !sc.armed_forces && sc.enterprise_sizes.is_empty() && sc.school_levels.is_empty() {
            push(Problem::new(
                ProblemCode::BadValue,
                Location::path(format!("scope[{i}]")),
                format!("scope rule `{}` excludes nothing", sc.code),
            ));
        }
    }

    // Categories.
    let mut cats: BTreeSet<&str> = BTreeSet::new();
    for (i, c) in rs.categories.iter().enumerate() {
        if !cats.insert(&c.id) {
            push(Problem::new(
                ProblemCode::DuplicateId,
                Location::path(format!("categories[{i}].id")),
                format!("category `{}` is declared twice", c.id),
            ));
        }
    }

    // Criteria.
    let mut ids: BTreeSet<&str> = BTreeSet::new();
    let points_policy = matches!(rs.outcome, OutcomePolicy::Points { .. });
    let mut tests = 0usize;
    for (i, c) in rs.criteria.iter().enumerate() {
        let loc = || Location::path(format!("criteria[{i}]")).with_criterion(&c.id);
        if c.id.trim().is_empty() {
            push(Problem::new(
                ProblemCode::BadValue,
                Location::path(format!("criteria[{i}].id")),
                "criterion id is empty",
            ));
        }
        if !ids.insert(&c.id) {
            push(Problem::new(ProblemCode::DuplicateId, loc(), format!("criterion id `{}` is used twice", c.id)));
        }
        if c.kinds.is_empty() {
            push(Problem::new(ProblemCode::BadValue, loc(), "criterion applies to no unit kind"));
        }
        for k in &c.kinds {
            if !windowed.contains(k) {
                push(Problem::new(
                    ProblemCode::MissingWindow,
                    loc(),
                    format!("kind {k} has no evaluation window in `windows`"),
                ));
            }
        }
        let widest = c
            .test
            .walk()
            .iter()
            .map(|t| match t {
                Test::KOfN { of, .. } | Test::All { of } | Test::Any { of } => of.len(),
                _ => 0,
            })
            .max()
            .unwrap_or(0);
        if widest > limits.max_subtests {
            push(Limits::problem(loc(), "sub-tests of one test", widest, "max_subtests", limits.max_subtests));
            continue;
        }
        tests = tests.saturating_add(c.test.walk().len());
        if tests > limits.max_tests {
            push(Limits::problem(loc(), "tests in the rule set", tests, "max_tests", limits.max_tests));
            break;
        }
        if c.test.depth() > limits.max_test_depth {
            let depth = c.test.depth();
            push(Limits::problem(loc(), "test nesting depth", depth, "max_test_depth", limits.max_test_depth));
            continue;
        }
        if c.test.is_points() && !points_policy {
            push(Problem::new(
                ProblemCode::BadValue,
                loc(),
                "a points item belongs in a rule set with the `points` outcome policy",
            ));
        }
        if c.test.is_points() && !c.mandatory {
            push(Problem::new(ProblemCode::BadValue, loc(), "a points item cannot be optional; it always counts"));
        }
        for (j, t) in c.test.walk().into_iter().enumerate() {
            if j > 0 && t.is_points() {
                push(Problem::new(
                    ProblemCode::BadValue,
                    loc(),
                    "a points item cannot be nested inside all / any / k_of_n",
                ));
            }
            check_test(t, &c.kinds, &cats, &mut |code, msg| push(Problem::new(code, loc(), msg)));
        }
    }

    // Roll-ups need their child kinds evaluated by the same rule set.
    let covered = rs.kinds();
    for c in &rs.criteria {
        for t in c.test.walk() {
            if let Test::Children { kinds, .. } = t {
                for k in kinds.iter().filter(|k| !covered.contains(k)) {
                    push(Problem::new(
                        ProblemCode::UnknownReference,
                        Location::default().with_criterion(&c.id),
                        format!("roll-up over {k} units, but no criterion of this rule set applies to {k}"),
                    ));
                }
            }
        }
    }

    // Parameters: only those the outcome policy reads; any other (a misspelling, a threshold
    // on a policy without one) would be ignored without a word.
    for k in rs.parameters.keys() {
        if !matches!((&rs.outcome, k.as_str()), (OutcomePolicy::Typical { .. }, "min_met" | "quota_per_parent")) {
            push(Problem::new(
                ProblemCode::UnknownReference,
                Location::path(format!("parameters.{k}")),
                format!("no rule of this outcome policy reads parameter `{k}`"),
            ));
        }
    }

    // Outcome policy.
    match &rs.outcome {
        OutcomePolicy::AllMandatory => {}
        OutcomePolicy::Points { sheets } => {
            let mut sheeted: BTreeSet<Kind> = BTreeSet::new();
            for (i, s) in sheets.iter().enumerate() {
                let loc = || Location::path(format!("outcome.sheets[{i}]"));
                for k in &s.kinds {
                    if !sheeted.insert(*k) {
                        push(Problem::new(ProblemCode::DuplicateId, loc(), format!("kind {k} has two sheets")));
                    }
                    if !windowed.contains(k) {
                        push(Problem::new(
                            ProblemCode::MissingWindow,
                            loc(),
                            format!("kind {k} has no evaluation window in `windows`"),
                        ));
                    }
                }
                let sum: Points = s
                    .kinds
                    .first()
                    .map(|k| {
                        rs.criteria_for(*k)
                            .filter_map(|c| match &c.test {
                                Test::Points { max, .. } => Some(*max),
                                _ => None,
                            })
                            .sum()
                    })
                    .unwrap_or(Points::ZERO);
                for k in s.kinds.iter().skip(1) {
                    let other: Points = rs
                        .criteria_for(*k)
                        .filter_map(|c| match &c.test {
                            Test::Points { max, .. } => Some(*max),
                            _ => None,
                        })
                        .sum();
                    if other != sum {
                        push(Problem::new(
                            ProblemCode::PointsTotal,
                            loc(),
                            format!(
                                "kinds sharing a sheet have different items: {} vs {k} ({other} vs {sum})",
                                s.kinds[0]
                            ),
                        ));
                    }
                }
                if s.complete && sum != s.total {
                    push(Problem::new(
                        ProblemCode::PointsTotal,
                        loc(),
                        format!("items add up to {sum} points, but the sheet declares {}", s.total),
                    ));
                } else if sum > s.total {
                    push(Problem::new(
                        ProblemCode::PointsTotal,
                        loc(),
                        format!("items add up to {sum} points, more than the sheet's {}", s.total),
                    ));
                }
                check_levels(s, &mut |code, msg| push(Problem::new(code, loc(), msg)));
            }
            for c in &rs.criteria {
                if c.test.is_points() {
                    for k in &c.kinds {
                        if !sheeted.contains(k) {
                            push(Problem::new(
                                ProblemCode::UnknownReference,
                                Location::default().with_criterion(&c.id),
                                format!("points item for kind {k}, which has no sheet"),
                            ));
                        }
                    }
                }
            }
        }
        OutcomePolicy::Typical { prerequisite, .. } => {
            match rs.parameters.get("min_met") {
                None => push(Problem::new(
                    ProblemCode::UnknownReference,
                    Location::path("parameters"),
                    "the typical policy needs parameter `min_met`",
                )),
                Some(p) if p.value < 1 => push(Problem::new(
                    ProblemCode::BadThreshold,
                    Location::path("parameters.min_met"),
                    format!("min_met must be at least 1, not {}", p.value),
                )),
                Some(p) => {
                    for k in rs.kinds() {
                        let n = rs.criteria_for(k).count() as i64;
                        if p.value > n {
                            push(Problem::new(
                                ProblemCode::BadThreshold,
                                Location::path("parameters.min_met"),
                                format!(
                                    "min_met {} is more than the {n} criteria of kind {k}: no unit could pass",
                                    p.value
                                ),
                            ));
                        }
                    }
                }
            }
            if let Some(q) = rs.parameters.get("quota_per_parent")
                && q.value < 1
            {
                push(Problem::new(
                    ProblemCode::BadThreshold,
                    Location::path("parameters.quota_per_parent"),
                    format!("quota_per_parent must be at least 1, not {}", q.value),
                ));
            }
            if prerequisite.as_deref().is_some_and(|p| p.trim().is_empty() || p == rs.id) {
                push(Problem::new(
                    ProblemCode::BadValue,
                    Location::path("outcome.prerequisite"),
                    "the prerequisite must name another rule set",
                ));
            }
        }
    }
    out
}

/// Calls `found` with the path of every string (and map key) of `v` holding an invisible
/// or control character, its first such character and its position (1-based).
fn single_lines(v: &serde_json::Value, path: &mut String, found: &mut impl FnMut(&str, char, usize)) {
    use crate::model::identity::first_invisible;
    match v {
        serde_json::Value::String(s) => {
            if let Some((pos, c)) = first_invisible(s) {
                found(path, c, pos);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                single_lines(item, path, found);
                path.truncate(len);
            }
        }
        serde_json::Value::Object(map) => {
            for (k, item) in map {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
                if let Some((pos, c)) = first_invisible(k) {
                    found(path, c, pos);
                }
                single_lines(item, path, found);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

fn check_test(t: &Test, kinds: &[Kind], cats: &BTreeSet<&str>, push: &mut impl FnMut(ProblemCode, String)) {
    let want = |i: crate::Indicator, ty: ValueType, push: &mut dyn FnMut(ProblemCode, String)| {
        if i.value_type() != ty {
            push(
                ProblemCode::BadValue,
                format!("indicator `{}` holds a {:?}, but this test needs a {ty:?}", i.as_str(), i.value_type()),
            );
        }
    };
    let check_cats = |cs: &[String], push: &mut dyn FnMut(ProblemCode, String)| {
        if cs.is_empty() {
            push(ProblemCode::BadValue, "no categories named".into());
        }
        for c in cs {
            if !cats.contains(c.as_str()) {
                push(ProblemCode::UnknownCategory, format!("category `{c}` is not declared in `categories`"));
            }
        }
    };
    match t {
        Test::Deadline { indicator, by, not_before } => {
            want(*indicator, ValueType::Date, push);
            if let Some(nb) = not_before
                && nb.resolve(2001) > by.resolve(2001)
            {
                push(ProblemCode::BadValue, format!("not_before {nb} is after by {by}"));
            }
        }
        Test::AtLeast { indicator, .. } | Test::AtMost { indicator, .. } => want(*indicator, ValueType::Count, push),
        Test::Ratio { numerator, denominator, min_percent, .. } => {
            want(*numerator, ValueType::Count, push);
            want(*denominator, ValueType::Count, push);
            if *min_percent > 100 {
                push(ProblemCode::BadThreshold, format!("min_percent {min_percent} is over 100"));
            }
        }
        Test::Flag { indicator, .. } => want(*indicator, ValueType::Flag, push),
        Test::NoEvents { categories, .. } => check_cats(categories, push),
        Test::Attested { key } => {
            if key.as_deref().is_some_and(|k| k.trim().is_empty()) {
                push(ProblemCode::BadValue, "attested key is empty".into());
            }
        }
        Test::Children { kinds: child_kinds, min_percent, .. } => {
            if *min_percent > 100 {
                push(ProblemCode::BadThreshold, format!("min_percent {min_percent} is over 100"));
            }
            if child_kinds.is_empty() {
                push(ProblemCode::BadValue, "no child kinds named".into());
            }
            for ck in child_kinds {
                for k in kinds {
                    if !allowed_parent(*ck, *k) {
                        push(ProblemCode::BadValue, format!("a {k} cannot have children of kind {ck}"));
                    }
                }
            }
        }
        Test::Points { max, when } => {
            if *max <= Points::ZERO {
                push(ProblemCode::BadThreshold, format!("points item maximum must be positive, not {max}"));
            }
            if when.as_ref().is_some_and(|w| w.walk().iter().any(|t| t.is_points())) {
                push(ProblemCode::BadValue, "a points item's condition (`when`) cannot itself score points".into());
            }
        }
        Test::Deduction { categories, per_event, max } => {
            check_cats(categories, push);
            if *per_event <= Points::ZERO || *max <= Points::ZERO {
                push(ProblemCode::BadThreshold, "deductions must be positive".into());
            }
        }
        Test::KOfN { k, of } => {
            if of.is_empty() {
                push(ProblemCode::BadValue, "k_of_n has no sub-tests".into());
            }
            if *k as usize > of.len() || *k == 0 {
                push(ProblemCode::BadThreshold, format!("k = {k} must be between 1 and the {} sub-tests", of.len()));
            }
        }
        Test::All { of } | Test::Any { of } => {
            if of.is_empty() {
                push(ProblemCode::BadValue, "a group test has no sub-tests".into());
            }
        }
    }
}

fn check_levels(s: &super::Sheet, push: &mut impl FnMut(ProblemCode, String)) {
    if s.levels.is_empty() {
        push(ProblemCode::BadLevels, "the sheet has no levels".into());
        return;
    }
    let mut ids = BTreeSet::new();
    for l in &s.levels {
        if !ids.insert(l.id.as_str()) {
            push(ProblemCode::DuplicateId, format!("level `{}` is declared twice", l.id));
        }
        if l.min > s.total {
            push(
                ProblemCode::BadLevels,
                format!("level `{}` needs {} of a {}-point sheet: unreachable", l.id, l.min, s.total),
            );
        }
    }
    for w in s.levels.windows(2) {
        if w[1].min >= w[0].min {
            push(
                ProblemCode::BadLevels,
                format!(
                    "levels must go from highest to lowest cut-off: `{}` ({}) then `{}` ({}) overlap",
                    w[0].id, w[0].min, w[1].id, w[1].min
                ),
            );
        }
    }
    if let Some(last) = s.levels.last()
        && last.min != Points::ZERO
    {
        push(
            ProblemCode::BadLevels,
            format!("the lowest level `{}` starts at {}; totals below it would have no level", last.id, last.min),
        );
    }
    if let Some(cap) = &s.cap_on_mandatory_failure
        && !ids.contains(cap.as_str())
    {
        push(ProblemCode::UnknownReference, format!("cap_on_mandatory_failure names no level `{cap}`"));
    }
}

/// What is legal in `rs` but worth a look, in English and Vietnamese (see
/// [`RuleSet::lints`]).
pub(crate) fn lints(rs: &RuleSet) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut push = |code, location, en: String, vi: String| out.push(Problem::new(code, location, en).with_vi(vi));
    let partial = rs.criteria.iter().filter(|c| c.certainty == Certainty::Partial).count();
    if partial > 0 {
        push(
            ProblemCode::PartlyKnown,
            Location::path("criteria"),
            format!(
                "{partial} criteria are only partly known ([P]); they are attested (yes / no / unknown) by the review"
            ),
            format!(
                "{partial} tiêu chí chỉ được biết một phần ([P]); người xét duyệt xác nhận từng tiêu chí (yes / no / unknown)"
            ),
        );
    }
    // What each supplement changed, in plain sight.
    for s in &rs.applied_supplements {
        for id in &s.replaced {
            let mark = rs.criteria.iter().find(|c| &c.id == id).map_or("?", |c| c.certainty.mark());
            push(
                ProblemCode::SupplementChange,
                Location::default().with_criterion(id.as_str()),
                format!(
                    "criterion `{id}` is replaced by supplement `{}` {} [{mark}]: its test, label and mark are the supplement's, not the national text's",
                    s.id, s.version
                ),
                format!(
                    "tiêu chí `{id}` được thay bằng bổ sung `{}` {} [{mark}]: phép kiểm tra, nhãn và dấu của nó là của bổ sung, không phải của văn bản trung ương",
                    s.id, s.version
                ),
            );
        }
        if !s.added.is_empty() {
            push(
                ProblemCode::SupplementChange,
                Location::default().with_criterion(s.added[0].as_str()),
                format!("supplement `{}` {} adds criteria {}", s.id, s.version, s.added.join(", ")),
                format!("bổ sung `{}` {} thêm các tiêu chí {}", s.id, s.version, s.added.join(", ")),
            );
        }
    }
    for (id, p) in &rs.parameters {
        if p.illustrative {
            push(
                ProblemCode::IllustrativeDefault,
                Location::path(format!("parameters.{id}")),
                format!("parameter `{id}` = {} is an illustrative default, not a published rule", p.value),
                format!("tham số `{id}` = {} là giá trị mặc định minh họa, không phải quy định đã công bố", p.value),
            );
        }
    }
    if let OutcomePolicy::Points { sheets } = &rs.outcome {
        for (i, s) in sheets.iter().enumerate() {
            let kinds = s.kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", ");
            let kinds_vi = s.kinds.iter().map(|k| k.label(crate::Lang::Vi)).collect::<Vec<_>>().join(", ");
            if !s.complete {
                push(
                    ProblemCode::IncompleteSheet,
                    Location::path(format!("outcome.sheets[{i}]")),
                    format!(
                        "sheet for {kinds} is incomplete: no level is given until a supplement adds the missing items"
                    ),
                    format!(
                        "bảng điểm {kinds_vi} chưa đủ mục: không xếp mức cho đến khi một bổ sung thêm các mục còn thiếu"
                    ),
                );
            }
            if s.levels_illustrative {
                push(
                    ProblemCode::IllustrativeDefault,
                    Location::path(format!("outcome.sheets[{i}].levels")),
                    format!("level cut-offs of the sheet for {kinds} are illustrative defaults"),
                    format!("ngưỡng điểm các mức của bảng điểm {kinds_vi} là giá trị mặc định minh họa"),
                );
            }
        }
    }
    if let OutcomePolicy::Typical { prerequisite: Some(p), prerequisite_illustrative: true, .. } = &rs.outcome {
        push(
            ProblemCode::IllustrativeDefault,
            Location::path("outcome.prerequisite"),
            format!("requiring `{p}` first is an illustrative default"),
            format!("việc yêu cầu đạt `{p}` trước là giá trị mặc định minh họa"),
        );
    }
    let optional = rs.criteria.iter().filter(|c| !c.mandatory).count();
    if optional > 0 && matches!(rs.outcome, OutcomePolicy::AllMandatory) {
        push(
            ProblemCode::OptionalCriteria,
            Location::path("criteria"),
            format!("{optional} criteria are optional and do not affect the outcome"),
            format!("{optional} tiêu chí là tùy chọn và không ảnh hưởng đến kết quả"),
        );
    }
    out
}
