//! Tables and CSV.

use antq::stats::StatsView;
use antq::{Lang, UnitResult};

/// Pads to a display width counted in characters (Vietnamese uses precomposed letters).
pub fn pad(s: &str, w: usize) -> String {
    let n = s.chars().count();
    if n >= w {
        let mut t: String = s.chars().take(w.saturating_sub(1)).collect();
        if n > w {
            t.push('…');
            t
        } else {
            s.to_owned()
        }
    } else {
        format!("{s}{}", " ".repeat(w - n))
    }
}

// CSV text is the core's ([`antq::table::csv`]), shared with the bindings.
pub use antq::table::csv::{part as table_csv_part, text as table_csv};

/// A plain table: header, rule, rows.
pub fn table(header: &[&str], rows: &[Vec<String>], widths: &[usize]) -> String {
    let mut out = table_head(header, widths);
    for r in rows {
        out.push_str(&table_line(r.clone(), widths));
    }
    out
}

/// A table's header and rule lines.
pub fn table_head(header: &[&str], widths: &[usize]) -> String {
    table_line(header.iter().map(|h| (*h).to_owned()).collect(), widths)
        + &table_line(widths.iter().map(|w| "─".repeat(*w)).collect(), widths)
}

/// One line of a table (cells padded to `widths`, escaped for a terminal).
pub fn table_line(cells: Vec<String>, widths: &[usize]) -> String {
    let line = |cells: Vec<String>| -> String {
        // The last column is never cut: it holds reasons and notes.
        let last = cells.len().saturating_sub(1);
        let mut l = cells
            .iter()
            .zip(widths)
            .enumerate()
            .map(|(i, (c, w))| {
                // A cell is one line: line breaks and terminal controls in it are shown escaped.
                let c = crate::sink::escape(c, true);
                if i == last { c.into_owned() } else { pad(&c, *w) }
            })
            .collect::<Vec<_>>()
            .join("  ");
        l.truncate(l.trim_end().len());
        l + "\n"
    };
    line(cells)
}

const EVAL_HEADER: [&str; 6] = ["unit", "name", "kind", "outcome", "met", "note"];
const EVAL_HEADER_VI: [&str; 6] = ["đơn vị", "tên", "loại", "kết quả", "đạt", "ghi chú"];
const EVAL_WIDTHS: [usize; 6] = [12, 28, 16, 22, 6, 40];

/// One unit's line of the evaluation table.
fn evaluation_line(u: &UnitResult, lang: Lang) -> String {
    let failed: Vec<&str> = u.failed().map(|c| c.id.as_str()).collect();
    let note = if !failed.is_empty() {
        format!("{} {}", words(lang, "fails", "không đạt"), failed.join(", "))
    } else if !u.missing.is_empty() {
        match lang {
            Lang::En => format!("{} missing", u.missing.len()),
            Lang::Vi => format!("thiếu {}", u.missing.len()),
        }
    } else if let antq::Outcome::OutOfScope { reason, .. } = &u.outcome {
        reason.get(lang).to_owned()
    } else {
        String::new()
    };
    let tie = words(lang, "quota tie [I]", "bằng nhau ở ngưỡng chỉ tiêu [I]");
    let note = match (u.quota_tie(), note.is_empty()) {
        (true, true) => tie.to_owned(),
        (true, false) => format!("{note}; {tie}"),
        (false, _) => note,
    };
    let cells = vec![
        u.unit.to_string(),
        u.name.clone(),
        u.kind.label(lang).to_owned(),
        u.outcome.label().get(lang).to_owned(),
        format!("{}/{}", u.met, u.of),
        note,
    ];
    table_line(cells, &EVAL_WIDTHS)
}

/// The lines under the evaluation table: count, rule set, supplements, illustrative defaults.
fn evaluation_footer(units: usize, d: &antq::eval::DecisionRecord, lang: Lang) -> String {
    let (rs, v, year, as_of) = (&d.rule_set, &d.version, d.year, d.as_of);
    let hash = d.content_hash.get(..12).unwrap_or(&d.content_hash);
    let mut s = match lang {
        Lang::En => format!("\n{units} units · rule set {rs} {v} · year {year} · as of {as_of} · hash {hash}\n"),
        Lang::Vi => format!("\n{units} đơn vị · bộ tiêu chí {rs} {v} · năm {year} · tính đến {as_of} · hash {hash}\n"),
    };
    for sup in &d.supplements {
        s.push_str(&format!("{}\n", supplement_line(sup, lang)));
    }
    for x in &d.illustrative_defaults {
        s.push_str(&format!(
            "{}: {}\n",
            words(lang, "illustrative default used", "đã dùng giá trị mặc định minh họa"),
            antq::rules::illustrative::in_lang(x, lang)
        ));
    }
    s
}

/// Writes a review's evaluation in `format` while each unit's explained result is made:
/// no result is held longer than its own line (JSON, CSV) or row (table).
pub fn write_evaluation(review: &antq::Review<'_>, format: crate::Format, lang: Lang) -> crate::CliResult {
    match format {
        crate::Format::Json => {
            review.write_json(crate::sink::Stdout).map_err(|e| crate::sink::io_error("standard output", &e))?;
            crate::sink::write_str("\n")?;
        }
        crate::Format::Csv => {
            // Written part by part: memory holds one part's results, not the nation's.
            let mut part = Vec::with_capacity(EXPLAINED_PART.min(review.len()));
            let mut header = true;
            for u in review.results() {
                part.push(u?);
                if part.len() == EXPLAINED_PART {
                    write_evaluation_part(&part, review.record(), &mut header)?;
                    part.clear();
                }
            }
            if header || !part.is_empty() {
                write_evaluation_part(&part, review.record(), &mut header)?;
            }
        }
        crate::Format::Table => {
            let header = match lang {
                Lang::En => &EVAL_HEADER,
                Lang::Vi => &EVAL_HEADER_VI,
            };
            crate::sink::write_str(&table_head(header, &EVAL_WIDTHS))?;
            for u in review.results() {
                crate::sink::write_str(&evaluation_line(&u?, lang))?;
            }
            crate::sink::write_str(&evaluation_footer(review.len(), review.record(), lang))?;
        }
    }
    Ok(())
}

/// One applied supplement as a line: id, version, mark, hash, and what it changed.
pub fn supplement_line(sup: &antq::rules::SupplementRef, lang: Lang) -> String {
    let mut line = format!(
        "{} {} {} [{}] sha256 {}",
        words(lang, "supplement", "bổ sung"),
        sup.id,
        sup.version,
        sup.certainty.mark(),
        sup.content_hash.get(..12).unwrap_or(&sup.content_hash)
    );
    if !sup.replaced.is_empty() {
        line.push_str(&format!(" · {} {}", words(lang, "replaces", "thay thế"), sup.replaced.join(", ")));
    }
    if !sup.added.is_empty() {
        line.push_str(&format!(" · {} {}", words(lang, "adds", "thêm"), sup.added.join(", ")));
    }
    line
}

/// Rows per part of a result written in turns.
pub const PART: usize = 8192;

/// Explained results per part of an evaluation written in turns: an explained result holds
/// every criterion's checks and texts (kilobytes), so a part is kept small (a national
/// evaluation's CSV peaks no higher than its JSON, written one result at a time).
const EXPLAINED_PART: usize = 256;

/// One part of the evaluation CSV (the header before the first).
fn write_evaluation_part(
    part: &[UnitResult],
    record: &antq::eval::DecisionRecord,
    header: &mut bool,
) -> crate::CliResult {
    let t = antq::table::evaluation_table(part, record);
    crate::sink::write_str(&table_csv_part(&t, std::mem::take(header)))
}

/// The words of a table in `lang`: English, or Vietnamese (the table forms' words; the
/// CSV and JSON forms keep their machine column names).
pub fn words(lang: Lang, en: &'static str, vi: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Vi => vi,
    }
}

const STATS_COLS: [&str; 10] =
    ["records", "meetings", "attendees", "tip-offs", "valuable", "models", "sites", "typical", "awards", "helped"];
const STATS_COLS_VI: [&str; 10] =
    ["bản ghi", "buổi TT", "lượt dự", "tin báo", "có giá trị", "mô hình", "điểm MH", "điển hình", "khen", "giúp đỡ"];

/// The number of records, then the figures; `–` (unknown) where no record is counted.
fn stats_cells(t: &antq::stats::ActivityTotals) -> Vec<String> {
    let figures = [
        t.propaganda_meetings,
        t.attendees,
        t.tip_offs,
        t.valuable_tip_offs,
        t.models,
        t.model_sites,
        t.typical_models,
        t.awards_total(),
        t.people_helped,
    ];
    let figure = |v: u64| if t.records > 0 { v.to_string() } else { "–".to_owned() };
    std::iter::once(t.records.to_string()).chain(figures.map(figure)).collect()
}

/// Activity statistics as a table, written row by row.
pub fn write_stats_table(st: &StatsView<'_>, lang: Lang) -> crate::CliResult {
    const WIDTHS: [usize; 11] = [34, 8, 9, 10, 9, 10, 7, 7, 9, 7, 7];
    let mut header = vec![words(lang, "unit (totals over the subtree)", "đơn vị (tổng cả cấp dưới)")];
    header.extend(match lang {
        Lang::En => STATS_COLS,
        Lang::Vi => STATS_COLS_VI,
    });
    let (year, window, mark) = (st.year(), st.window(), antq::stats::WINDOW_CERTAINTY.mark());
    crate::sink::write_str(&match lang {
        Lang::En => format!(
            "Activity statistics {year} (window {window} [{mark}]: the review window of communes, Circular 124, applied to activities)\n\n"
        ),
        Lang::Vi => format!(
            "Thống kê hoạt động {year} (kỳ {window} [{mark}]: kỳ đánh giá của xã theo Thông tư 124, áp dụng cho hoạt động)\n\n"
        ),
    })?;
    crate::sink::write_str(&table_head(&header, &WIDTHS))?;
    for (depth, r) in st.rows_with_depth() {
        let mut v = vec![format!("{}{}", "  ".repeat(depth), r.name)];
        v.extend(stats_cells(&r.total));
        crate::sink::write_str(&table_line(v, &WIDTHS))?;
    }
    crate::sink::write_str(words(
        lang,
        "\n– no activity record in the window: unknown, not 0.\n",
        "\n– không có bản ghi hoạt động trong kỳ: chưa biết, không phải 0.\n",
    ))
}

/// Activity statistics as CSV ([`antq::table::stats_table`]), written part by part.
pub fn write_stats_csv(st: &StatsView<'_>) -> crate::CliResult {
    let mut part = Vec::with_capacity(PART.min(st.len()));
    let mut header = true;
    let flush = |part: &mut Vec<antq::stats::StatsRow>, header: &mut bool| {
        let t = antq::table::stats_table_rows(part);
        let r = crate::sink::write_str(&table_csv_part(&t, std::mem::take(header)));
        part.clear();
        r
    };
    for r in st.rows() {
        part.push(r);
        if part.len() == PART {
            flush(&mut part, &mut header)?;
        }
    }
    if header || !part.is_empty() {
        flush(&mut part, &mut header)?;
    }
    Ok(())
}

fn code<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

fn team_rows(r: &antq::teams::TeamRanking, lang: Lang) -> Vec<Vec<String>> {
    let reasons =
        |rs: &[antq::teams::Reason]| rs.iter().map(|x| x.text.get(lang).to_owned()).collect::<Vec<_>>().join("; ");
    let mut rows: Vec<Vec<String>> = r
        .teams
        .iter()
        .map(|t| {
            vec![
                "team".into(),
                t.id.clone(),
                t.name.clone(),
                t.commune.to_string(),
                code(&t.proposed),
                t.code().to_owned(),
                t.months_in_window.to_string(),
                reasons(&t.reasons),
            ]
        })
        .collect();
    rows.extend(r.members.iter().map(|m| {
        vec![
            code(&m.role),
            m.id.clone(),
            m.name.clone(),
            m.team.clone(),
            code(&m.proposed),
            m.code().to_owned(),
            m.months_in_window.to_string(),
            reasons(&m.reasons),
        ]
    }));
    rows
}

const TEAM_HEADER: [&str; 8] = ["who", "id", "name", "commune/team", "proposed", "level", "months", "reasons"];
const TEAM_HEADER_VI: [&str; 8] = ["ai", "mã", "tên", "xã/tổ", "đề nghị", "xếp loại", "số tháng", "lý do"];

pub fn teams_table(r: &antq::teams::TeamRanking, lang: Lang) -> String {
    let (year, window, by) = (r.year, &r.window, r.decided_by_label.get(lang));
    let mut s = match lang {
        Lang::En => format!("Grassroots security teams {year} (window {window}) — decided by {by}\n\n"),
        Lang::Vi => format!("Tổ bảo vệ an ninh, trật tự ở cơ sở {year} (kỳ {window}) — do {by} quyết định\n\n"),
    };
    let header = match lang {
        Lang::En => &TEAM_HEADER,
        Lang::Vi => &TEAM_HEADER_VI,
    };
    s.push_str(&table(header, &team_rows(r, lang), &[7, 10, 24, 12, 14, 14, 8, 60]));
    for i in &r.illustrative {
        s.push_str(&format!("{}: {i}\n", words(lang, "illustrative parameter", "tham số minh họa")));
    }
    s
}

/// The teams table ([`antq::table::teams_table`]) as CSV.
pub fn teams_csv(r: &antq::teams::TeamRanking, lang: Lang) -> String {
    table_csv(&antq::table::teams_table(r, lang))
}

fn medal_rows(r: &[antq::medal::MedalAssessment], lang: Lang) -> Vec<Vec<String>> {
    r.iter()
        .map(|a| {
            vec![
                a.id.clone(),
                a.name.clone(),
                code(&a.group),
                code(&a.outcome),
                format!("{}/{}", a.service_years, a.required_years),
                a.reasons.iter().map(|t| t.get(lang).to_owned()).collect::<Vec<_>>().join("; "),
            ]
        })
        .collect()
}

const MEDAL_HEADER: [&str; 6] = ["id", "name", "group", "outcome", "years", "reasons"];
const MEDAL_HEADER_VI: [&str; 6] = ["mã", "tên", "nhóm", "kết quả", "số năm", "lý do"];

pub fn medal_table(r: &[antq::medal::MedalAssessment], lang: Lang) -> String {
    let header = match lang {
        Lang::En => &MEDAL_HEADER,
        Lang::Vi => &MEDAL_HEADER_VI,
    };
    table(header, &medal_rows(r, lang), &[10, 24, 20, 13, 6, 70])
}

/// The medal table ([`antq::table::medal_table`]) as CSV.
pub fn medal_csv(r: &[antq::medal::MedalAssessment], lang: Lang) -> String {
    table_csv(&antq::table::medal_table(r, lang))
}
