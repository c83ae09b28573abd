//! The sample report: the main job on the bundled synthetic province.

use crate::error::Result;
use crate::eval::{Evaluation, Options, Outcome, evaluate_with};
use crate::model::dataset::Dataset;
use crate::model::text::Lang;
use crate::model::unit::Kind;
use crate::rules::{RuleSet, Supplement};
use crate::synthetic::sample;
use std::fmt::Write;

fn pad(s: &str, w: usize) -> String {
    let n = s.chars().count();
    if n >= w { s.to_owned() } else { format!("{s}{}", " ".repeat(w - n)) }
}

fn summary_line(ev: &Evaluation, kind: Kind, lang: Lang) -> Option<String> {
    let counts = ev.summary.get(&kind)?;
    let parts: Vec<String> = counts
        .iter()
        .map(|(k, n)| {
            let label = match k.as_str() {
                "meets" => Outcome::Meets.label(),
                "does_not_meet" => Outcome::DoesNotMeet.label(),
                "undetermined" => Outcome::Undetermined.label(),
                "out_of_scope" => crate::Text::new("Không thuộc phạm vi", "Out of scope"),
                "typical" => crate::Text::new("Điển hình", "Typical"),
                "not_selected" => crate::Text::new("Ngoài chỉ tiêu", "Over quota"),
                "not_typical" => Outcome::NotTypical.label(),
                other => other
                    .strip_prefix("level:")
                    .and_then(|l| {
                        ev.units.iter().find_map(|u| match &u.outcome {
                            Outcome::Level { level, label } if level == l => Some(label.clone()),
                            _ => None,
                        })
                    })
                    .unwrap_or_else(|| crate::Text::new(other, other)),
            };
            format!("{} {n}", label.get(lang))
        })
        .collect();
    Some(format!("  {:<17} {}", kind.label(lang), parts.join(" · ")))
}

fn record(ev: &Evaluation, s: &mut String, lang: Lang) {
    let d = &ev.decision;
    let w = |en: &'static str, vi: &'static str| if lang == Lang::Vi { vi } else { en };
    let _ = writeln!(
        s,
        "  {}: {} {} · sha256 {} · {} {} · {} {}",
        w("decision record", "hồ sơ quyết định"),
        d.rule_set,
        d.version,
        d.content_hash.get(..16).unwrap_or(&d.content_hash),
        w("year", "năm"),
        d.year,
        w("as of", "tính đến ngày"),
        d.as_of
    );
    let mark = d.effective.certainty.map(|c| format!(" [{}]", c.mark())).unwrap_or_default();
    let applies = d.effective.describe_in(lang);
    let _ = writeln!(
        s,
        "    {}: {} · {} {applies}{mark}",
        w("instrument", "văn bản"),
        d.legal_basis.iter().map(|l| l.document.as_str()).collect::<Vec<_>>().join(" + "),
        w("applies", "áp dụng"),
    );
    if d.outside_period {
        let _ = writeln!(
            s,
            "    {}",
            w(
                "APPLIED OUTSIDE ITS PERIOD at the user's request",
                "ÁP DỤNG NGOÀI THỜI GIAN ÁP DỤNG theo yêu cầu của người dùng"
            )
        );
    }
    if d.as_of_outside_year {
        let _ = writeln!(
            s,
            "    {}",
            w(
                "REFERENCE DATE OUTSIDE THE YEAR'S REVIEW at the user's request",
                "NGÀY THAM CHIẾU NGOÀI KỲ ĐÁNH GIÁ CỦA NĂM theo yêu cầu của người dùng"
            )
        );
    }
    for sup in &d.supplements {
        let _ = writeln!(
            s,
            "    {} {} {} [{}] sha256 {}",
            w("supplement", "bổ sung"),
            sup.id,
            sup.version,
            sup.certainty.mark(),
            sup.content_hash.get(..16).unwrap_or(&sup.content_hash)
        );
    }
    for i in &d.illustrative_defaults {
        let _ = writeln!(
            s,
            "    {}: {}",
            w("illustrative default", "giá trị mặc định minh họa"),
            crate::rules::illustrative::in_lang(i, lang)
        );
    }
}

/// Evaluates the bundled sample under every preset (with the sample supplements) for
/// 2023 and 2025 and renders a readable report.
pub fn sample_report(lang: Lang) -> Result<String> {
    let vi = lang == Lang::Vi;
    let ds = Dataset::from_str_named("sample/province.json", sample::SAMPLE_JSON)?;
    let typical = RuleSet::preset("vn.d9745-2022.communes")?.with_supplement(&Supplement::from_str_named(
        "sample/typical-supplement.toml",
        sample::SAMPLE_TYPICAL_SUPPLEMENT,
    )?)?;
    let d510 = RuleSet::preset("vn.d510-2022")?
        .with_supplement(&Supplement::from_str_named("sample/d510-supplement.toml", sample::SAMPLE_D510_SUPPLEMENT)?)?;
    let opts = Options::default();
    let mut s = String::new();
    let _ = writeln!(s, "antq — {}", ds.meta.title);
    if ds.meta.synthetic {
        let _ = writeln!(
            s,
            "{}",
            if vi {
                "DỮ LIỆU MẪU TỔNG HỢP: không phải kết quả đánh giá thật."
            } else {
                "SYNTHETIC SAMPLE DATA: not real review results."
            }
        );
    }
    for year in [2023, 2025] {
        // The instrument of Circular 124 in force in the year (amended for the 2025 reform).
        let c124 = RuleSet::resolve("vn.c124", year, None)?;
        let ev = evaluate_with(&ds, &c124, year, &opts)?;
        let _ = writeln!(s, "\n== {} {year}: {} ==", if vi { "Năm" } else { "Year" }, c124.title.get(lang));
        for k in Kind::ALL {
            if let Some(l) = summary_line(&ev, k, lang) {
                let _ = writeln!(s, "{l}");
            }
        }
        let _ = writeln!(s, "\n  {}:", if vi { "Xã, phường" } else { "Communes and wards" });
        for u in ev.units.iter().filter(|u| u.kind == Kind::Commune) {
            let cw4 = u
                .criteria
                .iter()
                .find(|c| c.id == "CW-4")
                .and_then(|c| c.checks.iter().find(|k| k.test == "children" && k.threshold.contains("70%")))
                .and_then(|k| k.observed.clone())
                .unwrap_or_default();
            let failed: Vec<&str> = u.failed().map(|c| c.id.as_str()).collect();
            let _ = writeln!(
                s,
                "    {:<10} {} {} {} {:<9} {}{}",
                u.unit.as_str(),
                pad(&u.name, 30),
                pad(u.outcome.label().get(lang), 16),
                if vi { "đơn vị đạt" } else { "units recognised" },
                cw4,
                if failed.is_empty() {
                    String::new()
                } else {
                    format!("{} {}", if vi { "chưa đạt" } else { "fails" }, failed.join(", "))
                },
                u.recognised_by
                    .as_ref()
                    .map(|r| format!("  · {} [{}]", r.label.get(lang), r.certainty.mark()))
                    .unwrap_or_default(),
            );
        }
        let _ = writeln!(
            s,
            "\n  {}:",
            if vi {
                "Xã chưa đạt hoặc chưa xác định: lý do và còn thiếu gì"
            } else {
                "Communes that fail or are undetermined: why, and what is missing"
            }
        );
        for u in ev
            .units
            .iter()
            .filter(|u| u.kind == Kind::Commune && matches!(u.outcome, Outcome::DoesNotMeet | Outcome::Undetermined))
        {
            let _ = writeln!(s, "    {} {} — {}", u.unit, u.name, u.outcome.label().get(lang));
            for c in u.failed() {
                for k in c
                    .checks
                    .iter()
                    .filter(|k| k.status == crate::Status::NotMet && !matches!(&*k.test, "all" | "any" | "k_of_n"))
                {
                    let _ = writeln!(s, "      ✗ {}: {}", c.id, k.explanation.get(lang));
                }
            }
            for m in &u.missing {
                let _ = writeln!(s, "      ? {}: {}", m.criterion, m.text.get(lang));
            }
        }
        // One full explanation: a commune failing the roll-up (CW-4) if there is one.
        if let Some(u) = ev
            .units
            .iter()
            .filter(|u| u.kind == Kind::Commune && u.outcome == Outcome::DoesNotMeet)
            .min_by_key(|u| (!u.failed().any(|c| c.id == "CW-4"), u.failed().count(), u.unit.clone()))
        {
            let _ = writeln!(s, "\n  {}:", if vi { "Giải thích đầy đủ" } else { "Full explanation" });
            for line in u.explain(lang).lines() {
                let _ = writeln!(s, "    {line}");
            }
        }
        record(&ev, &mut s, lang);
        if year == 2023 {
            let t = evaluate_with(&ds, &typical, year, &opts)?;
            let _ = writeln!(s, "\n== {year}: {} ==", typical.title.get(lang));
            for u in
                t.units.iter().filter(|u| matches!(u.outcome, Outcome::Typical { .. } | Outcome::NotSelected { .. }))
            {
                let _ = writeln!(
                    s,
                    "    {:<10} {} {} {}/{} {}",
                    u.unit.as_str(),
                    pad(&u.name, 30),
                    pad(u.outcome.label().get(lang), 28),
                    u.met,
                    u.of,
                    u.parent.as_ref().map(|p| format!("({p})")).unwrap_or_default()
                );
            }
            for k in [Kind::Commune] {
                if let Some(l) = summary_line(&t, k, lang) {
                    let _ = writeln!(s, "{l}");
                }
            }
            record(&t, &mut s, lang);

            let p = evaluate_with(&ds, &d510, year, &opts)?;
            let _ = writeln!(s, "\n== {year}: {} ==", d510.title.get(lang));
            for k in [Kind::Agency, Kind::Enterprise] {
                if let Some(l) = summary_line(&p, k, lang) {
                    let _ = writeln!(s, "{l}");
                }
            }
            let mut levels: std::collections::BTreeMap<String, u32> = Default::default();
            for u in &p.units {
                if let Outcome::Level { label, .. } = &u.outcome {
                    *levels.entry(label.get(lang).to_owned()).or_default() += 1;
                }
            }
            let _ = writeln!(
                s,
                "  {}: {}",
                if vi { "Xếp loại" } else { "Levels" },
                levels.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(" · ")
            );
            record(&p, &mut s, lang);

            let st = crate::output::stats::activity_stats(&ds, year, None)?;
            if let Some(root) = st.rows.first() {
                let t = &root.total;
                let _ = writeln!(
                    s,
                    "\n== {year}: {} — {} ==",
                    if vi { "Thống kê phong trào" } else { "Movement statistics" },
                    root.name
                );
                let _ = writeln!(
                    s,
                    "  {} {} {} {} {}; {} {} ({} {}); {} {} {} {} ({} {})",
                    t.propaganda_meetings,
                    if vi { "buổi tuyên truyền" } else { "propaganda meetings" },
                    if vi { "với" } else { "with" },
                    t.attendees,
                    if vi { "lượt người" } else { "attendees" },
                    t.tip_offs,
                    if vi { "tin báo" } else { "tip-offs" },
                    t.valuable_tip_offs,
                    if vi { "có giá trị" } else { "valuable" },
                    t.models,
                    if vi { "mô hình tại" } else { "models at" },
                    t.model_sites,
                    if vi { "điểm" } else { "sites" },
                    t.typical_models,
                    if vi { "điển hình" } else { "typical" },
                );
                let _ = writeln!(
                    s,
                    "  {} {} {} {}; {} {} ({} {}); {} {} VND, {} {}",
                    t.festivals,
                    if vi { "ngày hội với" } else { "festival days with" },
                    t.festival_participants,
                    if vi { "người tham gia" } else { "participants" },
                    t.people_helped,
                    if vi { "người được giúp đỡ" } else { "people helped" },
                    t.people_reformed,
                    if vi { "tiến bộ" } else { "reformed" },
                    if vi { "vận động" } else { "support mobilised" },
                    t.support_vnd,
                    t.houses,
                    if vi { "nhà" } else { "houses" },
                );
                let _ = writeln!(s, "  {}:", if vi { "Khen thưởng" } else { "Awards" });
                for a in &t.awards {
                    let _ = writeln!(
                        s,
                        "    {} — {} — {}: {}",
                        a.issuer.label().get(lang),
                        a.form.label().get(lang),
                        a.recipient.label().get(lang),
                        a.count
                    );
                }
            }
        }
    }
    Ok(s)
}

/// The families of instruments as text: each member with its period, the period's mark,
/// and what antq encodes of it (`antq presets`).
///
/// ```
/// let t = antq::report::families(&antq::law::families(), antq::Lang::En);
/// assert!(t.contains("vn.c124") && t.contains("vn.c124-2025") && t.contains("not encoded"));
/// ```
pub fn families(families: &[crate::law::Family], lang: crate::Lang) -> String {
    use crate::law::Encoding;
    let mut s = String::new();
    for f in families {
        s.push_str(&format!("{}\n", f.id));
        for i in &f.instruments {
            let mark = i.effective.certainty.map(|c| format!(" [{}]", c.mark())).unwrap_or_default();
            let what = match i.encoding {
                Encoding::NotEncoded => match lang {
                    crate::Lang::Vi => "chưa mã hóa (nội dung chưa có)".to_owned(),
                    crate::Lang::En => "not encoded (content not available)".to_owned(),
                },
                e => format!("{} {}", e.as_str(), i.version),
            };
            s.push_str(&format!("  {:<36} {}{mark} · {what}\n", i.id, i.effective.describe()));
            s.push_str(&format!("  {:<36} {}\n", "", i.title.get(lang)));
        }
    }
    s
}
