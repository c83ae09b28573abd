//! Evaluates one criterion's test tree into checks, with sentences in both languages.

use super::result::{Check, ItemScore, Missing, MissingKind, Status};
use crate::model::date::Window;
use crate::model::evidence::{Attestation, Evidence, Indicator, Value};
use crate::model::text::Text;
use crate::rules::{ChildMeasure, Criterion, Test};
use chrono::{Datelike, NaiveDate};

/// What a test can see of one unit.
pub(crate) struct UnitView<'a> {
    pub year: i32,
    /// The reference date: a date after it is not known on it (never within a deadline).
    pub as_of: NaiveDate,
    /// The slot of the unit's evidence record in the prepared dataset (`NONE`: none).
    pub slot: u32,
    /// The year's attestations, by key and unit.
    pub attestations: &'a super::prepared::Attestations<'a>,
    pub window: Window,
    pub evidence: Option<&'a Evidence>,
    /// Categories of the incidents of the unit in its window.
    pub own_incidents: &'a [(NaiveDate, &'a str)],
    /// Categories of the incidents of its descendants in the unit's window.
    pub descendant_incidents: &'a [(NaiveDate, &'a str)],
    /// In-scope children by kind: (id, registered, recognised).
    pub children: &'a [ChildState<'a>],
}

/// A child's state as a roll-up sees it.
pub(crate) struct ChildState<'a> {
    /// The child's id (only read when missing evidence is recorded).
    pub id: &'a crate::UnitId,
    pub kind: crate::Kind,
    pub registered: Status,
    pub recognised: Status,
}

/// How much an [`Eval`] records besides the status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// The status and score only: nothing is recorded, nothing allocated (batch reviews).
    Status,
    /// Checks and missing items without sentences (`Options::without_explanations`).
    Terse,
    /// Checks and missing items with their sentences in both languages.
    Full,
}

pub(crate) struct Eval<'c> {
    mode: Mode,
    /// The attestation column of each `attested` test of the criterion, in the order the
    /// tests are visited (pre-order, as [`Test::walk`]), and how many were visited.
    columns: &'c [Option<u32>],
    visited: usize,
    pub checks: Vec<Check>,
    pub missing: Vec<Missing>,
    pub score: Option<ItemScore>,
    criterion: &'c Criterion,
}

/// An indicator's names for sentences, borrowed (no allocation per check).
#[derive(Clone, Copy)]
struct Names {
    vi: &'static str,
    en: &'static str,
}

impl Names {
    fn of(i: Indicator) -> Names {
        let (vi, en) = i.names();
        Names { vi, en }
    }
}

/// `31/03/2023`: the Vietnamese way to write a date.
fn vi_date(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
}

/// `a` of `b` as a percentage to one decimal, rounded half up, computed exactly in
/// integers (the same digits on every target).
fn pct(a: u64, b: u64) -> String {
    if b == 0 {
        return "–".into();
    }
    let tenths = (u128::from(a) * 2000 + u128::from(b)) / (2 * u128::from(b));
    format!("{}.{}%", tenths / 10, tenths % 10)
}

impl<'c> Eval<'c> {
    pub fn run(
        c: &'c Criterion,
        columns: &'c [Option<u32>],
        u: &UnitView<'_>,
        mode: Mode,
    ) -> Result<(Status, Eval<'c>), String> {
        let mut e =
            Eval { mode, columns, visited: 0, checks: Vec::new(), missing: Vec::new(), score: None, criterion: c };
        let s = e.test(&c.test, 0, u)?;
        Ok((s, e))
    }

    /// Whether checks and missing items are recorded.
    fn records(&self) -> bool {
        self.mode != Mode::Status
    }

    /// A sentence, written only when the evaluation explains (else empty, at no cost).
    fn text(&self, f: impl FnOnce() -> Text) -> Text {
        if self.mode == Mode::Full { f() } else { Text::default() }
    }

    fn miss(&mut self, kind: MissingKind, key: &str, text: impl FnOnce() -> Text) {
        if self.records() {
            let text = self.text(text);
            self.missing.push(Missing { criterion: self.criterion.id.clone(), kind, key: key.to_owned(), text });
        }
    }

    /// Records a check; what it observed, its threshold and its sentence are only
    /// written when checks are recorded.
    fn push(
        &mut self,
        test: &'static str,
        depth: u32,
        status: Status,
        observed: impl FnOnce() -> Option<String>,
        threshold: impl FnOnce() -> String,
        explanation: impl FnOnce() -> Text,
    ) {
        if self.records() {
            let explanation = self.text(explanation);
            self.checks.push(Check {
                test: test.into(),
                depth,
                status,
                observed: observed(),
                threshold: threshold(),
                explanation,
            });
        }
    }

    fn indicator(&mut self, i: Indicator, u: &UnitView<'_>) -> Option<Value> {
        let v = u.evidence.and_then(|e| e.get(i));
        if v.is_none() {
            let l = Names::of(i);
            self.miss(MissingKind::Indicator, i.as_str(), || {
                Text::new(format!("Cung cấp: {} ({})", l.vi, i.as_str()), format!("Supply: {} ({})", l.en, i.as_str()))
            });
        }
        v
    }

    fn test(&mut self, t: &Test, depth: u32, u: &UnitView<'_>) -> Result<Status, String> {
        match t {
            Test::Deadline { indicator, by, not_before } => {
                let by_d = by.resolve(u.year);
                let nb = not_before.map(|n| n.resolve(u.year));
                let l = Names::of(*indicator);
                // Nothing dated after the reference date is known on it.
                let last = by_d.min(u.as_of);
                let threshold = || match nb {
                    Some(n) => format!("{n} ≤ date ≤ {last}"),
                    None => format!("≤ {last}"),
                };
                let d = match self.indicator(*indicator, u) {
                    Some(Value::Date(d)) => Some(d),
                    _ => None,
                };
                // On a reference date before the deadline, a date after it is not known
                // yet: the step may still be taken in time, so unknown, never late.
                let pending = u.as_of < by_d;
                let s = match d {
                    Some(d) if nb.is_some_and(|n| d < n) => Status::NotMet,
                    Some(d) if d > last && pending => Status::Unknown,
                    Some(d) if d > last => Status::NotMet,
                    Some(_) => Status::Met,
                    None => Status::Unknown,
                };
                let not_known = |d: NaiveDate| {
                    Text::new(
                        format!(
                            "{} {} sau ngày tham chiếu {}: chưa có vào ngày đó.",
                            l.vi,
                            vi_date(d),
                            vi_date(u.as_of)
                        ),
                        format!("{} {d} is after the reference date {}: not known on that date.", l.en, u.as_of),
                    )
                };
                if let (Status::Unknown, Some(d)) = (s, d) {
                    self.miss(MissingKind::Indicator, indicator.as_str(), || not_known(d));
                }
                let text = || match (d, nb) {
                    (Some(d), Some(n)) if d < n => Text::new(
                        format!("{} {} sớm hơn ngày {}.", l.vi, vi_date(d), vi_date(n)),
                        format!("{} {d} is before {n}.", l.en),
                    ),
                    (Some(d), _) if d > u.as_of && pending => not_known(d),
                    (Some(d), _) if d > by_d => Text::new(
                        format!("{} {} muộn hơn hạn {}.", l.vi, vi_date(d), vi_date(by_d)),
                        format!("{} {d} is after the deadline {by_d}.", l.en),
                    ),
                    (Some(d), _) => Text::new(
                        format!("{} {} trong hạn (không muộn hơn {}).", l.vi, vi_date(d), vi_date(by_d)),
                        format!("{} {d} is on or before {by_d}.", l.en),
                    ),
                    (None, _) => {
                        Text::new(format!("{} chưa được ghi nhận.", l.vi), format!("{} is not recorded.", l.en))
                    }
                };
                self.push("deadline", depth, s, || d.map(|d| d.to_string()), threshold, text);
                Ok(s)
            }
            Test::AtLeast { indicator, min } | Test::AtMost { indicator, max: min } => {
                let at_least = matches!(t, Test::AtLeast { .. });
                let l = Names::of(*indicator);
                let (op, op_vi) = if at_least { ("≥", "ít nhất") } else { ("≤", "nhiều nhất") };
                let v = match self.indicator(*indicator, u) {
                    Some(Value::Count(v)) => Some(v),
                    _ => None,
                };
                let ok = v.map(|v| if at_least { v >= *min } else { v <= *min });
                let s = match ok {
                    Some(true) => Status::Met,
                    Some(false) => Status::NotMet,
                    None => Status::Unknown,
                };
                let text = || match v {
                    Some(v) => Text::new(
                        format!("{}: {v} (yêu cầu {op_vi} {min}).", l.vi),
                        format!(
                            "{}: {v} ({} {op} {min} required).",
                            l.en,
                            if ok == Some(true) { "meets" } else { "fails" }
                        ),
                    ),
                    None => Text::new(format!("Chưa có số liệu: {}.", l.vi), format!("{} is not recorded.", l.en)),
                };
                let name = if at_least { "at_least" } else { "at_most" };
                self.push(name, depth, s, || v.map(|v| v.to_string()), || format!("{op} {min}"), text);
                Ok(s)
            }
            Test::Ratio { numerator, denominator, min_percent, rounding } => {
                let (ln, ld) = (Names::of(*numerator), Names::of(*denominator));
                let n = self.indicator(*numerator, u);
                let d = self.indicator(*denominator, u);
                // 0 of 0 is no evidence of a share (DOMAIN §7): unknown, with the
                // denominator listed as missing, never a pass.
                let zero = matches!(d, Some(Value::Count(0)));
                if zero {
                    self.miss(MissingKind::Indicator, denominator.as_str(), || {
                        Text::new(
                            format!("Cung cấp: {} khác 0 ({} = 0)", ld.vi, denominator.as_str()),
                            format!("Supply: a {} that is not 0 ({} = 0)", ld.en, denominator.as_str()),
                        )
                    });
                }
                let (s, nd) = match (n, d) {
                    (Some(Value::Count(n)), Some(Value::Count(d))) if d > 0 => {
                        let need = rounding.required(d, *min_percent);
                        (if n >= need { Status::Met } else { Status::NotMet }, Some((n, d, need)))
                    }
                    _ => (Status::Unknown, None),
                };
                self.push(
                    "ratio",
                    depth,
                    s,
                    || match (nd, n) {
                        (Some((n, d, _)), _) => Some(format!("{n} / {d} ({})", pct(n, d))),
                        (None, Some(Value::Count(n))) if zero => Some(format!("{n} / 0")),
                        _ => None,
                    },
                    || match nd {
                        Some((_, d, need)) => format!("≥ {min_percent}% × {d} = {need} ({})", rounding.arrow()),
                        None => format!("≥ {min_percent}%"),
                    },
                    || match nd {
                        Some((n, d, need)) => Text::new(
                            format!("{}: {n}/{d} ({}); cần ít nhất {need} ({min_percent}%).", ln.vi, pct(n, d)),
                            format!("{}: {n} of {d} ({}); {need} needed ({min_percent}%).", ln.en, pct(n, d)),
                        ),
                        None if zero => Text::new(
                            format!("{} bằng 0: không thể tính tỷ lệ {min_percent}%, chưa xác định.", ld.vi),
                            format!(
                                "{} is 0: a share of {min_percent}% of 0 proves nothing, so this is unknown.",
                                ld.en
                            ),
                        ),
                        None => Text::new(
                            format!("Chưa đủ số liệu: {} / {}.", ln.vi, ld.vi),
                            format!("{} or {} is not recorded.", ln.en, ld.en),
                        ),
                    },
                );
                Ok(s)
            }
            Test::Flag { indicator, equals } => {
                let l = Names::of(*indicator);
                let want = if *equals { "yes" } else { "no" };
                let v = match self.indicator(*indicator, u) {
                    Some(Value::Flag(v)) => Some(v),
                    _ => None,
                };
                let s = match v {
                    Some(v) if v == *equals => Status::Met,
                    Some(_) => Status::NotMet,
                    None => Status::Unknown,
                };
                let yn = |b: bool| if b { ("có", "yes") } else { ("không", "no") };
                self.push(
                    "flag",
                    depth,
                    s,
                    || v.map(|v| yn(v).1.to_owned()),
                    || format!("= {want}"),
                    || match v {
                        Some(v) => Text::new(format!("{}: {}.", l.vi, yn(v).0), format!("{}: {}.", l.en, yn(v).1)),
                        None => Text::new(format!("Chưa xác nhận: {}.", l.vi), format!("{} is not recorded.", l.en)),
                    },
                );
                Ok(s)
            }
            Test::NoEvents { categories, include_descendants } => {
                let listed = |c: &str| categories.iter().any(|k| k == c);
                let scoped = || {
                    let own = u.own_incidents.iter();
                    let desc = u.descendant_incidents.iter().filter(|_| *include_descendants);
                    own.chain(desc).filter(|(_, c)| listed(c))
                };
                let count = scoped().count();
                let s = if count == 0 { Status::Met } else { Status::NotMet };
                let scope_en = if *include_descendants { "in the unit or its units" } else { "in the unit" };
                let scope_vi = if *include_descendants { "trên địa bàn" } else { "tại đơn vị" };
                self.push(
                    "no_events",
                    depth,
                    s,
                    || Some(count.to_string()),
                    || "= 0".into(),
                    || {
                        if count == 0 {
                            return Text::new(
                                format!(
                                    "Không xảy ra vụ việc thuộc loại được liệt kê {scope_vi} trong kỳ {}.",
                                    u.window
                                ),
                                format!("No listed event {scope_en} in the window {}.", u.window),
                            );
                        }
                        let mut found: Vec<(NaiveDate, &str)> = scoped().copied().collect();
                        crate::sort(&mut found);
                        let listed = |on: &str| {
                            found.iter().map(|(d, c)| format!("{c} {on} {d}")).collect::<Vec<_>>().join("; ")
                        };
                        Text::new(
                            format!("Xảy ra {count} vụ việc {scope_vi} trong kỳ {}: {}.", u.window, listed("ngày")),
                            format!("{count} listed event(s) {scope_en} in the window {}: {}.", u.window, listed("on")),
                        )
                    },
                );
                Ok(s)
            }
            Test::Attested { key } => {
                let key: &str = key.as_deref().unwrap_or(&self.criterion.id);
                let column = self.columns.get(self.visited).copied().flatten();
                self.visited += 1;
                debug_assert_eq!(column, u.attestations.column(key), "attestation column of `{key}`");
                let a = u.attestations.at(column, u.slot, u.evidence);
                let s = match a {
                    Attestation::Yes => Status::Met,
                    Attestation::No => Status::NotMet,
                    Attestation::Unknown => Status::Unknown,
                };
                if a == Attestation::Unknown {
                    self.miss(MissingKind::Attestation, key, || {
                        Text::new(
                            format!("Ghi nhận kết luận của hội nghị đánh giá (có/không) cho `{key}`"),
                            format!("Record the review's yes / no for `{key}`"),
                        )
                    });
                }
                self.push(
                    "attested",
                    depth,
                    s,
                    || match a {
                        Attestation::Yes => Some("yes".to_owned()),
                        Attestation::No => Some("no".to_owned()),
                        Attestation::Unknown => None,
                    },
                    || format!("{key} = yes"),
                    || match a {
                        Attestation::Yes => Text::new(
                            format!("Hội nghị đánh giá xác nhận `{key}` đạt."),
                            format!("The review attests `{key}` is met."),
                        ),
                        Attestation::No => Text::new(
                            format!("Hội nghị đánh giá xác nhận `{key}` chưa đạt."),
                            format!("The review attests `{key}` is not met."),
                        ),
                        Attestation::Unknown => Text::new(
                            format!("Hội nghị đánh giá chưa xác nhận `{key}`."),
                            format!("The review has not attested `{key}`."),
                        ),
                    },
                );
                Ok(s)
            }
            Test::Children { kinds, measure, min_percent, rounding } => {
                let of_measure = |ch: &ChildState<'_>| match measure {
                    ChildMeasure::Registered => ch.registered,
                    ChildMeasure::Recognised => ch.recognised,
                };
                let counted = || u.children.iter().filter(|c| kinds.contains(&c.kind));
                let (mut n, mut yes, mut unk) = (0u64, 0u64, 0u64);
                for ch in counted() {
                    n += 1;
                    match of_measure(ch) {
                        Status::Met => yes += 1,
                        Status::Unknown => unk += 1,
                        Status::NotMet => {}
                    }
                }
                let need = rounding.required(n, *min_percent);
                // No in-scope unit under this one: "x% of none" is not a pass but unknown
                // (the units are missing from the data), as a ratio of 0 of 0 is.
                let s = if n == 0 { Status::Unknown } else { Status::of_counts(yes, unk, need) };
                let (what_vi, what_en) = match measure {
                    ChildMeasure::Registered => ("đăng ký", "registered"),
                    ChildMeasure::Recognised => ("được công nhận đạt", "recognised as meeting the standard"),
                };
                if n == 0 && self.records() {
                    let names: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
                    let key = names.join("|");
                    self.miss(MissingKind::Child, &key, || {
                        Text::new(
                            format!(
                                "Các đơn vị trực thuộc trong phạm vi ({}): dữ liệu không có đơn vị nào",
                                names.join(", ")
                            ),
                            format!("The in-scope units under this one ({}): the data records none", names.join(", ")),
                        )
                    });
                }
                if s == Status::Unknown && self.records() {
                    for ch in counted().filter(|c| of_measure(c) == Status::Unknown) {
                        let id = ch.id.as_str();
                        self.miss(MissingKind::Child, id, || {
                            Text::new(
                                format!("Kết quả của đơn vị trực thuộc `{id}` ({what_vi})"),
                                format!("Whether child unit `{id}` {what_en}"),
                            )
                        });
                    }
                }
                self.push(
                    "children",
                    depth,
                    s,
                    || Some(format!("{yes} / {n}")),
                    || format!("≥ {min_percent}% × {n} = {need} ({})", rounding.arrow()),
                    || {
                        if n == 0 {
                            return Text::new(
                                "Dữ liệu không có đơn vị trực thuộc nào trong phạm vi: chưa xác định (không coi là đạt).",
                                "The data records no in-scope unit under this one: unknown (never a pass).",
                            );
                        }
                        let unk_en = if unk > 0 { format!(", {unk} unknown") } else { String::new() };
                        let unk_vi = if unk > 0 { format!(", {unk} chưa rõ") } else { String::new() };
                        let up = *rounding == crate::Rounding::Up;
                        Text::new(
                            format!(
                                "{yes}/{n} đơn vị trực thuộc trong phạm vi đã {what_vi} ({}){unk_vi}; cần {need} ({min_percent}%, làm tròn {}).",
                                pct(yes, n),
                                if up { "lên" } else { "xuống" }
                            ),
                            format!(
                                "{yes} of {n} in-scope units {what_en} ({}){unk_en}; {need} needed ({min_percent}%, rounded {}).",
                                pct(yes, n),
                                if up { "up" } else { "down" }
                            ),
                        )
                    },
                );
                Ok(s)
            }
            Test::Points { max, when } => {
                let id: &str = &self.criterion.id;
                let sc = u.evidence.and_then(|e| e.points.get(id)).copied().unwrap_or_default();
                if let Some((who, v)) = super::item::out_of_range(sc, *max) {
                    return Err(format!("{who} score {v} of item `{id}` is outside 0–{max}"));
                }
                let (at, missing_at) = (self.checks.len(), self.missing.len());
                // The rule's own condition, when it states one, decides the item from evidence.
                let computed = match when {
                    Some(w) => super::item::condition_points(self.test(w, depth + 1, u)?, *max),
                    None => None,
                };
                let (score, s) = super::item::scored(sc, *max, computed, when.is_some());
                let counted = score.reviewed;
                self.score = Some(score);
                if computed.is_some() {
                    self.missing.truncate(missing_at);
                }
                if counted.is_none() {
                    self.miss(MissingKind::Score, id, || {
                        Text::new(
                            format!("Điểm thẩm định của mục `{id}`"),
                            format!("The reviewed score of item `{id}`"),
                        )
                    });
                }
                if !self.records() {
                    return Ok(s);
                }
                let self_txt = sc.self_score.map_or("–".into(), |v| v.to_string());
                let explanation = self.text(|| match (computed, sc.reviewed) {
                    (Some(c), Some(r)) if when.is_some() && c != r => Text::new(
                        format!(
                            "Theo điều kiện của mục, chứng cứ cho {c}/{max} điểm, nhưng điểm thẩm định là {r}: điểm theo quy định được tính; \
                             KHÔNG THỐNG NHẤT — cần kiểm tra lại chứng cứ hoặc điểm (tự chấm: {self_txt})."
                        ),
                        format!(
                            "By the item's condition the evidence gives {c} of {max}, but the reviewer scored {r}: the rule's score \
                             counts; DISAGREEMENT — check the evidence or the score (self score: {self_txt})."
                        ),
                    ),
                    (Some(c), r) => Text::new(
                        format!(
                            "Tính từ chứng cứ theo điều kiện của mục: {c}/{max}{} (tự chấm: {self_txt}).",
                            if r.is_some() { ", khớp điểm thẩm định" } else { "" }
                        ),
                        format!(
                            "Computed from the evidence by the item's condition: {c} of {max}{} (self score: {self_txt}).",
                            if r.is_some() { ", as the reviewer scored" } else { "" }
                        ),
                    ),
                    (None, Some(r)) if when.is_some() => Text::new(
                        format!(
                            "Chứng cứ chưa đủ để xác định điều kiện; tính điểm thẩm định {r}/{max} (tự chấm: {self_txt})."
                        ),
                        format!(
                            "The evidence does not decide the item's condition; the reviewer's score {r} of {max} counts (self score: {self_txt})."
                        ),
                    ),
                    (None, Some(r)) => Text::new(
                        format!("Điểm thẩm định {r}/{max} (tự chấm: {self_txt})."),
                        format!("Reviewed score {r} of {max} (self score: {self_txt})."),
                    ),
                    (None, None) => Text::new(
                        format!("Chưa có điểm thẩm định (tự chấm: {self_txt}/{max})."),
                        format!("No reviewed score (self score: {self_txt} of {max})."),
                    ),
                });
                let check = Check {
                    test: "points".into(),
                    depth,
                    status: s,
                    observed: counted.map(|r| r.to_string()),
                    threshold: format!("≤ {max}"),
                    explanation,
                };
                self.checks.insert(at, check);
                Ok(s)
            }
            Test::Deduction { categories, per_event, max } => {
                let n = u.own_incidents.iter().filter(|(_, c)| categories.iter().any(|k| k == c)).count() as u64;
                let taken = per_event.times(n).min(*max);
                let (score, s) = super::item::deduction(n, *per_event, *max);
                self.score = Some(score);
                self.push(
                    "deduction",
                    depth,
                    s,
                    || Some(n.to_string()),
                    || format!("−{per_event} × n, ≥ −{max}"),
                    || {
                        Text::new(
                            format!("{n} vụ việc trong kỳ: trừ {taken} điểm."),
                            format!("{n} event(s) in the window: {taken} points deducted."),
                        )
                    },
                );
                Ok(s)
            }
            Test::KOfN { of, .. } | Test::All { of } | Test::Any { of } => {
                let at = self.checks.len();
                let missing_at = self.missing.len();
                let (mut met, mut unknown) = (0usize, 0usize);
                for t in of {
                    match self.test(t, depth + 1, u)? {
                        Status::Met => met += 1,
                        Status::Unknown => unknown += 1,
                        Status::NotMet => {}
                    }
                }
                let (name, need) = match t {
                    Test::KOfN { k, .. } => ("k_of_n", *k as usize),
                    Test::All { .. } => ("all", of.len()),
                    _ => ("any", 1),
                };
                let s = Status::of_counts(met as u64, unknown as u64, need as u64);
                if !self.records() {
                    return Ok(s);
                }
                if s != Status::Unknown {
                    // A determined group needs none of its sub-tests' missing evidence.
                    self.missing.truncate(missing_at);
                }
                let check = Check {
                    test: name.into(),
                    depth,
                    status: s,
                    observed: Some(format!("{met} / {}", of.len())),
                    threshold: format!("≥ {need}/{}", of.len()),
                    explanation: self.text(|| {
                        Text::new(
                            format!("Đạt {met}/{} điều kiện; cần {need}.", of.len()),
                            format!("{met} of {} conditions met; {need} needed.", of.len()),
                        )
                    }),
                };
                self.checks.insert(at, check);
                Ok(s)
            }
        }
    }
}
