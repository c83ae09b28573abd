//! Plain-text explanations of a unit's result: why, and what it still lacks.

use super::result::{Outcome, Status, UnitResult};
use crate::model::text::Lang;
use std::fmt::Write;

impl UnitResult {
    /// A readable explanation: outcome, each criterion with its checks (observed against
    /// threshold), the legal basis, and what is still missing or failing.
    ///
    /// ```
    /// let ds = antq::Dataset::from_str_named("s.json", antq::sample::SAMPLE_JSON).unwrap();
    /// let rules = antq::RuleSet::preset("vn.c124-2021").unwrap();
    /// let ev = antq::evaluate(&ds, &rules, 2023).unwrap();
    /// let text = ev.units[0].explain(antq::Lang::En);
    /// assert!(text.contains(ev.units[0].unit.as_str()));
    /// ```
    pub fn explain(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{} — {} ({}{})",
            self.unit,
            self.name,
            self.kind.label(lang),
            self.subkind.as_deref().map(|k| format!(", {}", self.kind.subkind_label(k, lang))).unwrap_or_default()
        );
        let _ = writeln!(
            s,
            "  {}: {}   [{} {}/{}]",
            if vi { "Kết quả" } else { "Outcome" },
            self.outcome.label().get(lang),
            if vi { "đạt" } else { "met" },
            self.met,
            self.of
        );
        let _ = writeln!(s, "  {}: {}", if vi { "Kỳ đánh giá" } else { "Window" }, self.window);
        if let Some(r) = &self.recognised_by {
            let _ = writeln!(
                s,
                "  {}: {} [{}]",
                if vi { "Cấp công nhận" } else { "Recognised by" },
                r.label.get(lang),
                r.certainty.mark()
            );
        }
        if let Outcome::OutOfScope { reason, code } = &self.outcome {
            let _ = writeln!(s, "  {} ({code})", reason.get(lang));
            return s;
        }
        if let Some(sc) = &self.score {
            let show = |p: Option<crate::Points>| p.map_or("–".to_owned(), |p| p.to_string());
            let _ = writeln!(
                s,
                "  {}: {} / {} ({}: {}; {}: {})",
                if vi { "Điểm thẩm định" } else { "Reviewed score" },
                show(sc.reviewed),
                sc.total,
                if vi { "tự chấm" } else { "self" },
                show(sc.self_score),
                if vi { "mục đã biết tối đa" } else { "known items max" },
                sc.known_max
            );
        }
        for c in &self.criteria {
            let basis: Vec<String> = c.legal_basis.iter().map(ToString::to_string).collect();
            let source = match &c.source {
                Some(sup) if vi => format!(", theo bổ sung `{sup}`"),
                Some(sup) => format!(", from supplement `{sup}`"),
                None => String::new(),
            };
            let _ = writeln!(
                s,
                "  {} {} [{}{}{source}] {}{}",
                c.status.mark(),
                c.id,
                c.certainty.mark(),
                match (c.mandatory, vi) {
                    (true, _) => "",
                    (false, true) => ", không bắt buộc",
                    (false, false) => ", optional",
                },
                c.label.get(lang),
                if basis.is_empty() { String::new() } else { format!(" — {}", basis.join("; ")) }
            );
            for k in &c.checks {
                let obs = k.observed.as_deref().unwrap_or("–");
                let _ = writeln!(
                    s,
                    "      {}{} {} [{}: {obs}; {}: {}]",
                    "  ".repeat(k.depth as usize),
                    k.status.mark(),
                    k.explanation.get(lang),
                    if vi { "ghi nhận" } else { "observed" },
                    if vi { "yêu cầu" } else { "needs" },
                    k.threshold
                );
            }
        }
        let failing: Vec<&str> =
            self.criteria.iter().filter(|c| c.status == Status::NotMet && c.mandatory).map(|c| c.id.as_str()).collect();
        if !failing.is_empty() && !matches!(self.outcome, Outcome::Level { .. }) {
            let _ =
                writeln!(s, "  {}: {}", if vi { "Tiêu chí chưa đạt" } else { "Criteria not met" }, failing.join(", "));
        }
        if !self.missing.is_empty() {
            let _ = writeln!(s, "  {}:", if vi { "Còn thiếu" } else { "Still missing" });
            for m in &self.missing {
                let _ = writeln!(s, "    - [{}] {}", m.criterion, m.text.get(lang));
            }
        }
        for i in &self.illustrative {
            let _ = writeln!(
                s,
                "  {}: {}",
                if vi { "Dựa trên giá trị minh họa" } else { "Depends on an illustrative default" },
                crate::rules::illustrative::in_lang(i, lang)
            );
        }
        s
    }
}
