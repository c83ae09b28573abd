//! Decision support commands: `whatif`, `impact`, `sensitivity`, `compare`.

use crate::output::{table, table_csv, table_csv_part, table_head, table_line, words};
use crate::sink::CliError;
use crate::{Format, Leniency, When, load_data, load_rules};
use antq::analysis::compare::{Movement, YearRow, YearTotals, compare_rule_years_each};
use antq::analysis::impact::{Impact, RuleChange, impact_of_rules};
use antq::analysis::sensitivity::{Sampling, SensitivitySpec, sensitivity};
use antq::analysis::whatif::{Goal, WhatIf, what_it_takes_each};
use antq::{Error, Lang, Points, RuleSet, Supplement};
use std::path::PathBuf;

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default() + "\n"
}

/// Notes on standard error what a CSV table was decided by (`two`: two rule sets), which its
/// columns do not name (the table and JSON forms do), as `antq review` notes for chosen
/// columns.
fn csv_decided_by(by: impl Fn(Lang) -> String, two: bool) {
    let lang = crate::notes_lang();
    let by = by(lang);
    crate::note(&match lang {
        Lang::En => {
            let them = if two { "them" } else { "it" };
            format!("antq: note: decided by {by}: the CSV's columns do not name {them}")
        }
        Lang::Vi => format!("antq: note: quyết định theo {by}: các cột của CSV không ghi điều này"),
    });
}

/// The words "year" and "as of" in `lang`, for what decided a table.
fn year_as_of(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::En => ("year", "as of"),
        Lang::Vi => ("năm", "tính đến ngày"),
    }
}

/// Notes on standard error the illustrative defaults `rules` uses (its parameters, cut-offs
/// and levels that are not published values), as `evaluate` notes them from its decision
/// record: an analysis's answers rest on them as its evaluations' verdicts do.
fn illustrative_note(rules: &RuleSet) {
    if let Some(note) = antq::rules::RulesRef::of(rules).illustrative_note_in(crate::notes_lang()) {
        crate::note(&format!("antq: note: {note}"));
    }
}

/// The reference date an analysis of `year` under `rules` is made on (`--as-of`, or the
/// end of the rule set's latest window), noted on standard error with what the options
/// allowed beyond the law in force in the year (a rule set outside its period, a date
/// outside the year's review), as `evaluate` notes them from its decision record (the lints
/// of its evaluations are noted after it, from the analysis's result). The table and CSV forms name
/// the date beside the rule set; the JSON, which has no place for it, in a note.
fn analysis_date(when: &When, rules: &RuleSet, year: i32, format: Format) -> chrono::NaiveDate {
    let on = when.date(rules, year);
    illustrative_note(rules);
    let lang = crate::notes_lang();
    if format == Format::Json {
        crate::note(&match lang {
            Lang::En => format!("antq: note: `{}`, year {year}, reference date {on}", rules.id),
            Lang::Vi => format!("antq: note: `{}`, năm {year}, ngày tham chiếu {on}", rules.id),
        });
    }
    if when.leniency.allow_outside_period && !rules.effective.contains(on) {
        crate::note(&format!("antq: note: {}", antq::eval::outside_period_note(&rules.id, on, lang)));
    }
    if when.allow_as_of_outside_year
        && rules.review_dates(year).is_some_and(|(from, until)| !(from..=until).contains(&on))
    {
        crate::note(&format!("antq: note: {}", antq::eval::as_of_outside_year_note(on, year, lang)));
    }
    on
}

/// `antq whatif`.
#[allow(clippy::too_many_arguments)]
pub fn whatif(
    rules: &str,
    supplement: &[PathBuf],
    year: i32,
    when: &When,
    data: &str,
    units: &[String],
    level: Option<String>,
    check: bool,
    format: Format,
    lang: Lang,
) -> crate::CliResult {
    let rs = load_rules(rules, supplement, year, when.as_of)?;
    let ds = load_data(data)?;
    let goal = level.map_or(Goal::Auto, Goal::Level);
    let ids: Vec<&str> = units.iter().map(String::as_str).collect();
    let opts = when.options();
    let on = analysis_date(when, &rs, year, format);
    // Every unit that can be is planned; each that cannot is named at the end.
    let (mut plans, mut unknown) = (Vec::new(), Vec::new());
    let each = what_it_takes_each(&ds, &rs, year, &opts, &ids, &goal)?;
    for r in each.each {
        match r {
            Ok(p) => plans.push(p),
            Err(e) => unknown.push(e),
        }
    }
    crate::notes(&each.lints);
    let mut w = WhatIf { plans, lints: each.lints };
    if check {
        w.verify(&ds, &rs, year, &opts)?;
    }
    match format {
        // As the library, Python and JavaScript give them: the plans (with `verified` when
        // checked) and the lints.
        Format::Json => out!("{}", json(&w)),
        Format::Csv => {
            let by = antq::rules::RulesRef::of(&rs);
            csv_decided_by(|l| format!("{by}, {} {year}, {} {on}", year_as_of(l).0, year_as_of(l).1), false);
            out!("{}", table_csv(&antq::table::plans_table(&w.plans, lang)))
        }
        Format::Table => {
            for p in &w.plans {
                out!("{}", p.explain(lang));
                outln!();
            }
            let (by, n) = (antq::rules::RulesRef::of(&rs), w.plans.len());
            match lang {
                Lang::En => outln!("rule set {by} · year {year} · as of {on} · {n} unit(s)"),
                Lang::Vi => outln!("bộ tiêu chí {by} · năm {year} · tính đến ngày {on} · {n} đơn vị"),
            }
        }
    }
    if !unknown.is_empty() {
        return crate::each_error(unknown);
    }
    if w.plans.iter().any(|p| p.verified == Some(Some(false))) {
        return Err(CliError::from(Error::InvalidDataset(vec![antq::Problem::new(
            antq::ProblemCode::BadValue,
            antq::Location::default(),
            "a plan did not verify".to_owned(),
        )])));
    }
    Ok(())
}

/// Parses `key=value` with an integer value.
pub fn parse_param(s: &str) -> Result<(String, i64), String> {
    let (k, v) = s.split_once('=').ok_or_else(|| format!("`{s}` is not KEY=VALUE"))?;
    let v: i64 = v.trim().parse().map_err(|_| format!("`{v}` is not an integer"))?;
    Ok((k.trim().to_owned(), v))
}

/// `antq impact`.
#[allow(clippy::too_many_arguments)]
pub fn impact(
    rules: &str,
    vs: Option<String>,
    supplement: &[PathBuf],
    param: &[(String, i64)],
    year: i32,
    when: &When,
    data: &str,
    format: Format,
    lang: Lang,
) -> crate::CliResult {
    let base = load_rules(rules, &[], year, when.as_of)?;
    // --vs, then its supplements and parameters, as Python applies them.
    let change = RuleChange {
        vs: vs.map(|v| load_rules(&v, &[], year, when.as_of)).transpose()?,
        supplements: supplement.iter().map(Supplement::from_path).collect::<antq::Result<_>>()?,
        parameters: param.to_vec(),
    };
    let changed = change.apply(&base)?;
    let ds = load_data(data)?;
    let on = analysis_date(when, &base, year, format);
    if changed.illustrative_defaults() != base.illustrative_defaults() {
        illustrative_note(&changed);
    }
    if when.leniency.allow_outside_period && !changed.effective.contains(on) {
        crate::note(&format!("antq: note: {}", antq::eval::outside_period_note(&changed.id, on, crate::notes_lang())));
    }
    let opts = when.options();
    let im = impact_of_rules(&ds, &base, &changed, year, &opts)?;
    crate::notes(&im.lints);
    match format {
        Format::Json => out!("{}", json(&im)),
        Format::Csv => {
            let (base, changed) = (side(&im.base), side(&im.changed));
            csv_decided_by(
                |l| match l {
                    Lang::En => format!("{base} (base) and {changed} (changed), year {}, as of {on}", im.base.year),
                    Lang::Vi => {
                        format!("{base} (gốc) và {changed} (thay đổi), năm {}, tính đến ngày {on}", im.base.year)
                    }
                },
                true,
            );
            out!("{}", impact_csv(&im, lang))
        }
        Format::Table => out!("{}", impact_table(&im, on, lang)),
    }
    Ok(())
}

fn side(s: &antq::analysis::impact::Side) -> String {
    s.rules.to_string()
}

fn impact_csv(im: &Impact, lang: Lang) -> String {
    table_csv(&antq::table::impact_table(im, lang))
}

fn impact_table(im: &Impact, on: chrono::NaiveDate, lang: Lang) -> String {
    let (base, changed, year, compared, n) =
        (side(&im.base), side(&im.changed), im.base.year, im.units_compared, im.units.len());
    let mut s = match lang {
        Lang::En => format!(
            "base:    {base}\nchanged: {changed}\nyear {year} · as of {on} · {compared} units compared · {n} change(s)\n\n"
        ),
        Lang::Vi => format!(
            "gốc:     {base}\nthay đổi: {changed}\nnăm {year} · tính đến ngày {on} · {compared} đơn vị được so sánh · {n} thay đổi\n\n"
        ),
    };
    let rows: Vec<Vec<String>> = im
        .units
        .iter()
        .map(|r| {
            vec![
                r.unit.to_string(),
                r.before.clone(),
                r.after.clone(),
                r.causes.iter().map(|c| c.text.get(lang).to_owned()).collect::<Vec<_>>().join(" | "),
            ]
        })
        .collect();
    let header = match lang {
        Lang::En => ["unit", "before", "after", "cause"],
        Lang::Vi => ["đơn vị", "trước", "sau", "nguyên nhân"],
    };
    s.push_str(&table(&header, &rows, &[12, 16, 16, 40]));
    s.push('\n');
    let prow: Vec<Vec<String>> = im
        .parents
        .iter()
        .filter(|p| p.changed > 0)
        .map(|p| {
            vec![
                p.parent.as_ref().map_or("–".into(), ToString::to_string),
                p.units.to_string(),
                p.changed.to_string(),
                format!("{} → {}", p.positive_before, p.positive_after),
                format!("+{} / −{}", p.up, p.down),
            ]
        })
        .collect();
    let header = match lang {
        Lang::En => ["parent", "units", "changed", "meeting", "up / down"],
        Lang::Vi => ["cấp trên", "đơn vị", "thay đổi", "đạt", "tăng / giảm"],
    };
    s.push_str(&table(&header, &prow, &[12, 6, 8, 10, 11]));
    s
}

/// `antq sensitivity`.
#[allow(clippy::too_many_arguments)]
pub fn sensitivity_cmd(
    rules: &str,
    supplement: &[PathBuf],
    year: i32,
    when: &When,
    data: &str,
    samples: u32,
    seed: u64,
    grid: Option<u32>,
    cutoff_range: Points,
    max_range: u32,
    pass_level: Option<String>,
    top: Option<usize>,
    format: Format,
    lang: Lang,
) -> crate::CliResult {
    if top.is_some() && format != Format::Table {
        crate::usage_error("--top: the CSV and JSON forms list every unit; --top is for the table");
    }
    let top = top.unwrap_or(20);
    let rs = load_rules(rules, supplement, year, when.as_of)?;
    let ds = load_data(data)?;
    let on = analysis_date(when, &rs, year, format);
    let spec = SensitivitySpec {
        sampling: match grid {
            Some(steps) => Sampling::Grid { steps },
            None => Sampling::Random { samples, seed },
        },
        cutoff_range,
        max_range_percent: max_range,
        pass_level,
    };
    let opts = when.options();
    let r = sensitivity(&ds, &rs, year, &opts, &spec)?;
    crate::notes(&r.lints);
    match format {
        Format::Json => out!("{}", json(&r)),
        Format::Csv => {
            csv_decided_by(|l| format!("{}, {} {}, {} {on}", r.rules, year_as_of(l).0, r.year, year_as_of(l).1), false);
            out!("{}", table_csv(&antq::table::sensitivity_table(&r)))
        }
        Format::Table => {
            let (rules, year, cut, max) = (&r.rules, r.year, spec.cutoff_range, spec.max_range_percent);
            let (n, classified, skipped) = (r.samples, r.units_classified, r.units_skipped);
            match (lang, spec.sampling) {
                (Lang::En, Sampling::Grid { steps }) => outln!(
                    "{rules} · year {year} · as of {on} · grid of {steps} steps: cut-offs ±{cut} points, item maxima ±{max}% (rescaled to the sheet total)"
                ),
                (Lang::En, Sampling::Random { samples, seed }) => outln!(
                    "{rules} · year {year} · as of {on} · {samples} random samples, seed {seed}: cut-offs ±{cut} points, item maxima ±{max}% (rescaled to the sheet total)"
                ),
                (Lang::Vi, Sampling::Grid { steps }) => outln!(
                    "{rules} · năm {year} · tính đến ngày {on} · lưới {steps} bước: ngưỡng ±{cut} điểm, điểm tối đa của mục ±{max}% (chia lại theo tổng điểm của bảng)"
                ),
                (Lang::Vi, Sampling::Random { samples, seed }) => outln!(
                    "{rules} · năm {year} · tính đến ngày {on} · {samples} mẫu ngẫu nhiên, hạt giống {seed}: ngưỡng ±{cut} điểm, điểm tối đa của mục ±{max}% (chia lại theo tổng điểm của bảng)"
                ),
            }
            match lang {
                Lang::En => {
                    outln!("{n} samples · {classified} units classified · {skipped} without a level (not varied)\n")
                }
                Lang::Vi => outln!(
                    "{n} mẫu · {classified} đơn vị được xếp loại · {skipped} đơn vị không có mức (không biến thiên)\n"
                ),
            }
            let rows: Vec<Vec<String>> = r
                .units
                .iter()
                .take(top)
                .map(|u| {
                    vec![
                        u.unit.to_string(),
                        u.total.to_string(),
                        u.level.clone(),
                        format!("{:.1}%", u.level_changed_share * 100.0),
                        format!(
                            "{} ({}–{}, {} {:.2})",
                            u.rank,
                            u.rank_min,
                            u.rank_max,
                            words(lang, "mean", "trung bình"),
                            u.rank_mean
                        ),
                        format!("{:.1}%", u.rank_unchanged_share * 100.0),
                        u.levels.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", "),
                    ]
                })
                .collect();
            out!(
                "{}",
                table(
                    &match lang {
                        Lang::En =>
                            ["unit", "total", "level", "changes", "rank in parent", "same rank", "levels over samples"],
                        Lang::Vi => [
                            "đơn vị",
                            "tổng",
                            "mức",
                            "đổi mức",
                            "hạng trong cấp trên",
                            "giữ hạng",
                            "các mức qua các mẫu"
                        ],
                    },
                    &rows,
                    &[12, 6, 10, 8, 22, 9, 30]
                )
            );
            if r.units.len() > top {
                let more = r.units.len() - top;
                match lang {
                    Lang::En => outln!("… {more} more units (--top N, or --format csv/json for all)"),
                    Lang::Vi => outln!("… còn {more} đơn vị (--top N, hoặc --format csv/json để có tất cả)"),
                }
            }
            match lang {
                Lang::En => outln!("\nshare of units at or above `{}` per parent:", r.pass_level),
                Lang::Vi => outln!("\ntỷ lệ đơn vị đạt mức `{}` trở lên theo đơn vị cấp trên:", r.pass_level),
            }
            let prow: Vec<Vec<String>> = r
                .parents
                .iter()
                .map(|p| {
                    vec![
                        p.parent.as_ref().map_or("–".into(), ToString::to_string),
                        p.units.to_string(),
                        format!("{:.1}%", p.share * 100.0),
                        format!("{:.1}%", p.share_min * 100.0),
                        format!("{:.1}%", p.share_max * 100.0),
                        format!("{:.1}%", p.share_mean * 100.0),
                    ]
                })
                .collect();
            let header = match lang {
                Lang::En => ["parent", "units", "baseline", "min", "max", "mean"],
                Lang::Vi => ["cấp trên", "đơn vị", "gốc", "thấp nhất", "cao nhất", "trung bình"],
            };
            out!("{}", table(&header, &prow, &[12, 6, 9, 9, 9, 10]));
        }
    }
    Ok(())
}

/// `antq compare`: every unit's row is written as it is made (JSON, CSV and table alike), so
/// memory holds the dataset, its two reviews and the per-parent totals, never every row.
#[allow(clippy::too_many_arguments)]
pub fn compare(
    rules: &str,
    supplement: &[PathBuf],
    years: &[i32],
    leniency: &Leniency,
    data: &str,
    all: bool,
    format: Format,
    lang: Lang,
) -> crate::CliResult {
    let [from, to] = years else {
        return Err(Error::BadYear { year: years.first().copied().unwrap_or(0) }.into());
    };
    if all && format != Format::Table {
        crate::usage_error("--all: the CSV and JSON forms list every unit already; --all is for the table");
    }
    // Each year under the instrument in force in it (a family may change between them); a
    // published preset of a family is taken, for each year, as the member in force then,
    // as Python's `compare` and JavaScript's `compareYears` take it (`RuleSet::in_year`).
    let year_rules = |y: i32| load_rules(rules, supplement, y, None).and_then(|r| r.in_year(y));
    let (a, b) = (year_rules(*from)?, year_rules(*to)?);
    let ds = load_data(data)?;
    // Each year on its own reference date (the end of its latest window), named beside
    // its rule set (the JSON names neither date: noted).
    let opts = leniency.options();
    let (on_a, on_b) = (antq::eval::default_as_of(&a, *from), antq::eval::default_as_of(&b, *to));
    if format == Format::Json {
        crate::note(&match lang {
            Lang::En => format!("antq: note: reference dates {on_a} ({from}) and {on_b} ({to})"),
            Lang::Vi => format!("antq: note: ngày tham chiếu {on_a} ({from}) và {on_b} ({to})"),
        });
    }
    for (r, on) in [(&a, on_a), (&b, on_b)] {
        illustrative_note(r);
        if leniency.allow_outside_period && !r.effective.contains(on) {
            crate::note(&format!("antq: note: {}", antq::eval::outside_period_note(&r.id, on, lang)));
        }
    }
    let each =
        |f: &mut dyn FnMut(YearRow) -> crate::CliResult| compare_rule_years_each(&ds, (&a, &b), *from, *to, &opts, f);
    // Nothing is written before the first row is made (or the comparison ends), so an
    // invalid input writes its error alone.
    let lints = match format {
        Format::Json => {
            // The same bytes as the pretty-printed `YearComparison`, written a row at a time.
            let rules = [antq::rules::RulesRef::of(&a), antq::rules::RulesRef::of(&b)];
            let head = format!(
                "{{\n  \"rule_set\": {},\n  \"from_year\": {from},\n  \"to_year\": {to},\n  \"rules\": {},\n  \"units\": [",
                quoted(&a.id),
                indented(&rules, 2)
            );
            let mut first = true;
            let totals = each(&mut |row| {
                out!("{}\n    {}", if first { head.as_str() } else { "," }, indented(&row, 4));
                first = false;
                Ok(())
            })?;
            out!("{}],\n", if first { head.as_str() } else { "\n  " });
            out!("  \"parents\": {},\n", indented(&totals.parents, 2));
            out!("  \"newly_meeting\": {},\n", indented(&totals.newly_meeting, 2));
            out!("  \"no_longer_meeting\": {}", indented(&totals.no_longer_meeting, 2));
            if !totals.lints.is_empty() {
                out!(",\n  \"lints\": {}", indented(&totals.lints, 2));
            }
            out!("\n}}\n");
            totals.lints
        }
        Format::Csv => {
            // The core's table of each row as it is made (the header before the first).
            let mut header = true;
            let totals = each(&mut |row| {
                let t = antq::table::compare_table_rows(std::slice::from_ref(&row));
                out!("{}", table_csv_part(&t, std::mem::take(&mut header)));
                Ok(())
            })?;
            if header {
                out!("{}", table_csv(&antq::table::compare_table_rows(&[])));
            }
            let (ra, rb) = (antq::rules::RulesRef::of(&a), antq::rules::RulesRef::of(&b));
            csv_decided_by(
                |lang| {
                    let (and, as_of) = (if lang == Lang::Vi { "và" } else { "and" }, year_as_of(lang).1);
                    format!("{ra} ({from}, {as_of} {on_a}) {and} {rb} ({to}, {as_of} {on_b})")
                },
                true,
            );
            totals.lints
        }
        Format::Table => {
            let (ra, rb) = (antq::rules::RulesRef::of(&a), antq::rules::RulesRef::of(&b));
            let as_of = words(lang, "as of", "tính đến ngày");
            let head = format!(
                "{} · {} → {}\n{from}: {ra} · {as_of} {on_a}\n{to}: {rb} · {as_of} {on_b}\n\n{}",
                a.id,
                from,
                to,
                table_head(
                    match lang {
                        Lang::En => &COMPARE_HEADER,
                        Lang::Vi => &COMPARE_HEADER_VI,
                    },
                    &COMPARE_WIDTHS
                )
            );
            let mut first = true;
            // The units not listed without `--all`, by movement: said, never dropped silently.
            let mut hidden = [0usize; 3];
            let totals = each(&mut |row| {
                if std::mem::take(&mut first) {
                    out!("{head}");
                }
                let slot = match row.movement {
                    Movement::Same => Some(0),
                    Movement::OnlyEarlier => Some(1),
                    Movement::OnlyLater => Some(2),
                    _ => None,
                };
                match slot {
                    Some(k) if !all => hidden[k] += 1,
                    _ => out!("{}", table_line(compare_table_cells(&row, lang), &COMPARE_WIDTHS)),
                }
                Ok(())
            })?;
            if first {
                out!("{head}");
            }
            if hidden.iter().any(|&n| n > 0) {
                let [same, earlier, later] = hidden;
                let n = same + earlier + later;
                match lang {
                    Lang::En => outln!(
                        "… {n} units not listed (--all lists them): {same} unchanged, {earlier} only in {from}, {later} only in {to}"
                    ),
                    Lang::Vi => outln!(
                        "… {n} đơn vị không liệt kê (--all để liệt kê): {same} không đổi, {earlier} chỉ có năm {from}, {later} chỉ có năm {to}"
                    ),
                }
            }
            out!("{}", compare_totals_table(&totals, lang));
            totals.lints
        }
    };
    // The lints of the two evaluations, once the comparison has made them.
    crate::notes(&lints);
    Ok(())
}

/// `v` as pretty JSON whose lines after the first are indented by `by` spaces (a line
/// break never occurs inside a JSON string: it is escaped).
fn indented<T: serde::Serialize>(v: &T, by: usize) -> String {
    let pretty = serde_json::to_string_pretty(v).unwrap_or_default();
    pretty.replace('\n', &format!("\n{}", " ".repeat(by)))
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn pct(v: Option<f64>) -> String {
    v.map_or("–".into(), |p| format!("{p:+.1}%"))
}

const COMPARE_HEADER: [&str; 7] = ["unit", "before", "after", "movement", "incidents", "score", "criteria changed"];
const COMPARE_HEADER_VI: [&str; 7] = ["đơn vị", "trước", "sau", "chuyển biến", "vụ việc", "điểm", "tiêu chí thay đổi"];
const COMPARE_WIDTHS: [usize; 7] = [12, 14, 14, 15, 18, 10, 30];

fn compare_table_cells(r: &YearRow, lang: Lang) -> Vec<String> {
    let mv = match r.movement {
        Movement::NewlyMeets => words(lang, "newly meets", "mới đạt"),
        Movement::NoLongerMeets => words(lang, "no longer meets", "không còn đạt"),
        Movement::Changed => words(lang, "changed", "thay đổi"),
        Movement::Same => words(lang, "same", "không đổi"),
        Movement::OnlyEarlier => words(lang, "only earlier", "chỉ năm trước"),
        Movement::OnlyLater => words(lang, "only later", "chỉ năm sau"),
    };
    let score = match (&r.score_before, &r.score_after, &r.score_change) {
        (Some(a), Some(b), Some(d)) => format!("{a} → {b} ({}{d})", if d.hundredths() >= 0 { "+" } else { "" }),
        _ => String::new(),
    };
    vec![
        r.unit.to_string(),
        r.before.clone(),
        r.after.clone(),
        mv.to_owned(),
        format!("{} → {} ({})", r.incidents_before, r.incidents_after, pct(r.incidents_change_percent)),
        score,
        r.criteria_changed.join(", "),
    ]
}

/// The counts and the per-parent summary, after the rows (they are known once every row
/// has been made).
fn compare_totals_table(t: &YearTotals, lang: Lang) -> String {
    let (newly, lost) = (t.newly_meeting.len(), t.no_longer_meeting.len());
    let mut s = match lang {
        Lang::En => {
            format!("\nnewly meeting: {newly} · no longer meeting: {lost}\n\nper parent (in the later year):\n")
        }
        Lang::Vi => format!("\nmới đạt: {newly} · không còn đạt: {lost}\n\ntheo đơn vị cấp trên (năm sau):\n"),
    };
    let prow: Vec<Vec<String>> = t
        .parents
        .iter()
        .map(|p| {
            vec![
                p.parent.as_ref().map_or("–".into(), ToString::to_string),
                p.units.to_string(),
                format!("{} → {}", p.meeting_before, p.meeting_after),
                format!("+{} / −{}", p.newly_meeting, p.no_longer_meeting),
                format!("{} → {} ({})", p.incidents_before, p.incidents_after, pct(p.incidents_change_percent)),
            ]
        })
        .collect();
    let header = match lang {
        Lang::En => ["parent", "units", "meeting", "new / lost", "incidents"],
        Lang::Vi => ["cấp trên", "đơn vị", "đạt", "mới / mất", "vụ việc"],
    };
    s.push_str(&table(&header, &prow, &[12, 6, 10, 10, 20]));
    s
}
