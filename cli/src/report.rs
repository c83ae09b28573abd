//! The demo report and explanations (rendered by the core, printed here).

use antq::{Lang, UnitResult};

pub fn demo(lang: Lang) -> crate::CliResult {
    out!("{}", antq::report::sample_report(lang)?);
    Ok(())
}

pub fn explain_unit(u: &UnitResult, d: &antq::eval::DecisionRecord, lang: Lang) -> String {
    let (year, as_of) = match lang {
        Lang::En => ("year", "as of"),
        Lang::Vi => ("năm", "tính đến ngày"),
    };
    let mut s = format!(
        "{}  ({} {} · {year} {} · {as_of} {} · sha256 {})\n",
        u.explain(lang),
        d.rule_set,
        d.version,
        d.year,
        d.as_of,
        d.content_hash.get(..16).unwrap_or(&d.content_hash)
    );
    for sup in &d.supplements {
        s.push_str(&format!("  {}\n", crate::output::supplement_line(sup, lang)));
    }
    s.push('\n');
    s
}
