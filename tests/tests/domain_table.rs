//! The table of encoded rules in `docs/DOMAIN.md` agrees with the code, both ways.
//!
//! Every rule antq encodes — each criterion, incident category, window, review deadline,
//! scope rule, parameter and level of every preset (`antq::rules::presets()`), each row of
//! `core/data/administrative.toml`, and each instrument of `antq::law::registry()` — must
//! have exactly one row in the table with the same rule id, instrument, article, period,
//! mark and file; and every row of the table must be such a rule. The mark comes from the
//! code's `certainty` (`Certainty::mark()`: V, P, I, or S for illustrative values), so no
//! [P] or [I] rule can be presented as verified in the docs, and no docs row can claim a
//! rule the code does not have. Everything is read at run time: a rule added later without
//! a row fails this test with the row to add.
//!
//! A few encoded rules have no mark in the code (windows, review deadlines, scope rules,
//! the typical units' `quota_per`): for them the row must exist with the same instrument and
//! period, and its mark is DOMAIN's (checked only to be one of V, P, I, S).

use antq::law::{self, Encoding};
use antq::rules::{self, Effective, OutcomePolicy, RuleSet};
use antq::{Certainty, LegalRef};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The table's header, exactly.
const HEADER: &str = "| rule | instrument | article | period | mark | encoded in |";

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ has a parent").to_path_buf()
}

/// One row of the table (cells trimmed, backticks removed).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    rule: String,
    instrument: String,
    article: String,
    period: String,
    mark: String,
    encoded_in: String,
    line: usize,
}

/// What the code says one row must be. `None` columns are not in the code's data: the row
/// must still exist, and the cell must not be empty (the mark one of V, P, I, S).
#[derive(Debug, Clone)]
struct Expected {
    rule: String,
    instrument: Option<String>,
    article: Option<String>,
    period: String,
    mark: Option<String>,
    encoded_in: String,
    /// Where in the code it comes from, for messages.
    origin: String,
}

impl Expected {
    fn key(&self) -> (String, String, String) {
        (self.rule.clone(), self.period.clone(), self.encoded_in.clone())
    }

    /// The row to paste into the table (unknown cells left for the writer to fill).
    fn suggestion(&self) -> String {
        let or = |o: &Option<String>, what: &str| o.clone().unwrap_or_else(|| format!("<{what}>"));
        format!(
            "| `{}` | {} | {} | {} | {} | `{}` |",
            self.rule,
            or(&self.instrument, "instrument"),
            or(&self.article, "article"),
            self.period,
            or(&self.mark, "mark from DOMAIN"),
            self.encoded_in
        )
    }
}

fn parse_table(text: &str) -> Result<Vec<Row>, String> {
    let lines: Vec<&str> = text.lines().collect();
    let starts: Vec<usize> = lines.iter().enumerate().filter(|(_, l)| l.trim() == HEADER).map(|(i, _)| i).collect();
    let [start] = starts.as_slice() else {
        return Err(format!(
            "docs/DOMAIN.md must hold exactly one table with the header `{HEADER}`; found {}",
            starts.len()
        ));
    };
    let sep = lines.get(start + 1).map(|l| l.trim()).unwrap_or_default();
    if !sep.starts_with('|') || !sep.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
        return Err(format!("line {}: the header must be followed by a separator row", start + 2));
    }
    let mut rows = Vec::new();
    for (i, l) in lines.iter().enumerate().skip(start + 2) {
        let l = l.trim();
        if !l.starts_with('|') {
            break;
        }
        let inner = l
            .strip_prefix('|')
            .and_then(|s| s.strip_suffix('|'))
            .ok_or(format!("line {}: a row ends with `|`", i + 1))?;
        let cells: Vec<String> = inner.split('|').map(|c| c.trim().replace('`', "")).collect();
        let [rule, instrument, article, period, mark, encoded_in] = cells.as_slice() else {
            return Err(format!("line {}: a row has 6 cells, this one {}", i + 1, cells.len()));
        };
        rows.push(Row {
            rule: rule.clone(),
            instrument: instrument.clone(),
            article: article.clone(),
            period: period.clone(),
            mark: mark.clone(),
            encoded_in: encoded_in.clone(),
            line: i + 1,
        });
    }
    Ok(rows)
}

fn documents(refs: &[LegalRef]) -> String {
    refs.iter().map(|r| r.document.as_str()).collect::<Vec<_>>().join(" + ")
}

fn articles(refs: &[LegalRef]) -> String {
    let parts: Vec<String> = refs
        .iter()
        .filter_map(|r| {
            let a = r.article.as_deref()?;
            Some(match r.clause.as_deref() {
                Some(c) => format!("art. {a} cl. {c}"),
                None => format!("art. {a}"),
            })
        })
        .collect();
    if parts.is_empty() { "—".to_owned() } else { parts.join(" + ") }
}

fn period_of(from: Option<chrono::NaiveDate>, until: Option<chrono::NaiveDate>) -> String {
    let s = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    format!("{}..{}", s(from), s(until))
}

fn period(e: &Effective) -> String {
    period_of(e.from, e.until)
}

fn mark(c: Certainty) -> Option<String> {
    Some(c.mark().to_owned())
}

fn kinds<T: serde::Serialize + Ord + Clone>(ks: &[T]) -> String {
    let mut ks = ks.to_vec();
    ks.sort();
    ks.iter()
        .map(|k| serde_json::to_value(k).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default())
        .collect::<Vec<_>>()
        .join(",")
}

fn preset_path(id: &str) -> String {
    let p = rules::preset(id).unwrap_or_else(|e| panic!("preset {id}: {e}"));
    format!("core/presets/{}", p.file)
}

/// The rows the presets require.
fn preset_rows(rs: &RuleSet, out: &mut Vec<Expected>) {
    let file = preset_path(&rs.id);
    let per = period(&rs.effective);
    let base = documents(&rs.legal_basis);
    let base_art = articles(&rs.legal_basis);
    let mut push =
        |rule: String, instrument: Option<String>, article: Option<String>, m: Option<String>, origin: &str| {
            out.push(Expected {
                rule,
                instrument,
                article,
                period: per.clone(),
                mark: m,
                encoded_in: file.clone(),
                origin: format!("{} {origin}", rs.id),
            })
        };
    for c in &rs.criteria {
        push(
            c.id.clone(),
            Some(documents(&c.legal_basis)),
            Some(articles(&c.legal_basis)),
            mark(c.certainty),
            "criterion",
        );
    }
    for c in &rs.categories {
        push(
            format!("category:{}", c.id),
            Some(documents(&c.legal_basis)),
            Some(articles(&c.legal_basis)),
            mark(c.certainty),
            "category",
        );
    }
    for w in &rs.windows {
        let k = kinds(&w.kinds);
        push(format!("window:{k}"), Some(documents(&w.legal_basis)), Some(articles(&w.legal_basis)), None, "window");
        if w.review_by.is_some() {
            push(
                format!("review_by:{k}"),
                Some(documents(&w.legal_basis)),
                Some(articles(&w.legal_basis)),
                None,
                "window review_by",
            );
        }
    }
    for s in &rs.scope {
        push(
            format!("scope:{}", s.code),
            Some(documents(&s.legal_basis)),
            Some(articles(&s.legal_basis)),
            None,
            "scope rule",
        );
    }
    for (name, p) in &rs.parameters {
        let m = if p.illustrative { mark(Certainty::Sample) } else { None };
        push(format!("parameter:{name}"), Some(base.clone()), Some(base_art.clone()), m, "parameter");
    }
    match &rs.outcome {
        OutcomePolicy::AllMandatory => {}
        OutcomePolicy::Points { sheets } => {
            // One row per level id; sheets of one preset must agree on a level's mark.
            let mut levels: BTreeMap<&str, Option<Certainty>> = BTreeMap::new();
            for s in sheets {
                for l in &s.levels {
                    if let Some(prev) = levels.insert(&l.id, l.certainty) {
                        assert_eq!(prev, l.certainty, "{}: the sheets disagree on the mark of level {}", rs.id, l.id);
                    }
                }
            }
            for (id, c) in levels {
                // A level with no mark would be shown unmarked: the table needs one from the code.
                let m = Some(c.map_or_else(|| "<no certainty in the code>".to_owned(), |c| c.mark().to_owned()));
                push(format!("level:{id}"), Some(base.clone()), Some(base_art.clone()), m, "level");
            }
        }
        OutcomePolicy::Typical { quota_per, prerequisite, prerequisite_illustrative } => {
            if let Some(p) = prerequisite {
                let m = if *prerequisite_illustrative { mark(Certainty::Sample) } else { None };
                push(
                    format!("prerequisite:{p}"),
                    Some(base.clone()),
                    Some(base_art.clone()),
                    m,
                    "typical prerequisite",
                );
            }
            if let Some(q) = quota_per {
                push(
                    format!("quota_per:{}", kinds(&[*q])),
                    Some(base.clone()),
                    Some(base_art.clone()),
                    None,
                    "typical quota_per",
                );
            }
        }
        // A policy added to antq needs its rows listed here (never skipped silently).
        other => panic!("{}: the outcome policy {other:?} is new to this test: list the rules it encodes", rs.id),
    }
}

/// The rows `core/data/administrative.toml` requires (read as TOML, every row).
fn administrative_rows(out: &mut Vec<Expected>) {
    let file = "core/data/administrative.toml".to_owned();
    let doc: toml::Table = antq::calendar::ADMINISTRATIVE_TOML.parse().expect("administrative.toml parses");
    let s = |t: &toml::Table, k: &str| t.get(k).and_then(|v| v.as_str()).map(str::to_owned);
    let date = |t: &toml::Table, k: &str| {
        s(t, k).map(|d| d.parse::<chrono::NaiveDate>().unwrap_or_else(|e| panic!("administrative.toml {k} = {d}: {e}")))
    };
    let certainty = |t: &toml::Table| {
        let c = s(t, "certainty").expect("every administrative row has a certainty");
        serde_json::from_value::<Certainty>(serde_json::Value::String(c.clone()))
            .unwrap_or_else(|e| panic!("administrative.toml certainty {c}: {e}"))
    };
    let tables = |k: &str| -> Vec<toml::Table> {
        doc.get(k)
            .and_then(|v| v.as_array())
            .map(|a| a.iter().filter_map(|v| v.as_table().cloned()).collect())
            .unwrap_or_default()
    };
    for (i, t) in tables("existence").iter().enumerate() {
        let kind = s(t, "kind").expect("existence kind");
        let rule = match s(t, "subkind") {
            Some(sub) => format!("exists:{kind}/{sub}"),
            None => format!("exists:{kind}"),
        };
        out.push(Expected {
            rule,
            instrument: None,
            article: None,
            period: period_of(date(t, "from"), date(t, "until")),
            mark: mark(certainty(t)),
            encoded_in: file.clone(),
            origin: format!("administrative.toml existence[{i}]"),
        });
    }
    for (i, t) in tables("recognition").iter().enumerate() {
        let mut ks: Vec<String> = t
            .get("kinds")
            .and_then(|v| v.as_array())
            .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
            .unwrap_or_default();
        // The same order as `kinds` gives preset rows: the hierarchy's, top down.
        let order = ["province", "district", "commune", "residential_area", "agency", "enterprise", "school"];
        ks.sort_by_key(|k| order.iter().position(|o| o == k).unwrap_or(order.len()));
        let managed = s(t, "managed_by").map(|m| format!("/{m}")).unwrap_or_default();
        let authority = s(t, "authority").expect("recognition authority");
        out.push(Expected {
            rule: format!("recognition:{}{managed}->{authority}", ks.join(",")),
            instrument: None,
            article: None,
            period: period_of(date(t, "from"), date(t, "until")),
            mark: mark(certainty(t)),
            encoded_in: file.clone(),
            origin: format!("administrative.toml recognition[{i}]"),
        });
    }
}

/// The rows `antq::law::registry()` requires: one per instrument, marked with the
/// certainty of its period.
fn instrument_rows(out: &mut Vec<Expected>) {
    for i in law::registry() {
        let encoded_in = match i.encoding {
            Encoding::RuleSet => preset_path(&i.id),
            Encoding::NotEncoded => "core/data/instruments.toml".to_owned(),
            // One data file per instrument (`core/data/medal/medal-2025.toml`, …).
            Encoding::Medal => format!("core/data/medal/{}.toml", i.id.trim_start_matches("vn.")),
            Encoding::TeamRanking => format!("core/data/teams/{}.toml", i.id.trim_start_matches("vn.")),
            other => panic!("instrument {}: the encoding {other:?} is new to this test: say which file holds it", i.id),
        };
        out.push(Expected {
            rule: format!("instrument:{}", i.id),
            instrument: Some(documents(&i.legal_basis)),
            article: Some(articles(&i.legal_basis)),
            period: period(&i.effective),
            mark: Some(
                i.effective
                    .certainty
                    .map_or_else(|| "<no certainty on the period in the code>".to_owned(), |c| c.mark().to_owned()),
            ),
            encoded_in,
            origin: format!("law::registry() {} ({})", i.id, i.encoding.as_str()),
        });
    }
}

fn expected_rows() -> Vec<Expected> {
    let presets = rules::presets();
    assert_eq!(presets.len(), rules::PRESET_IDS.len(), "a preset failed to parse and would be left out of the check");
    let mut out = Vec::new();
    for rs in presets {
        preset_rows(rs, &mut out);
    }
    administrative_rows(&mut out);
    instrument_rows(&mut out);
    out
}

/// Compares the table with the code; returns every disagreement.
fn compare(rows: &[Row], expected: &[Expected], root: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for r in rows {
        for (name, cell) in [
            ("rule", &r.rule),
            ("instrument", &r.instrument),
            ("article", &r.article),
            ("period", &r.period),
            ("encoded in", &r.encoded_in),
        ] {
            if cell.is_empty() {
                problems.push(format!("docs/DOMAIN.md line {}: the `{name}` cell is empty (write — if none)", r.line));
            }
        }
        if !matches!(r.mark.as_str(), "V" | "P" | "I" | "S") {
            problems.push(format!("docs/DOMAIN.md line {}: mark `{}` is not one of V, P, I, S", r.line, r.mark));
        }
        if !r.encoded_in.is_empty() && !root.join(&r.encoded_in).is_file() {
            problems
                .push(format!("docs/DOMAIN.md line {}: `{}` is not a file of the repository", r.line, r.encoded_in));
        }
    }
    // Rows of instruments encoded in a module (medal, teams) may name any file: match them
    // on rule and period only.
    let key_of = |r: &Row, e: &Expected| {
        r.rule == e.rule && r.period == e.period && (e.encoded_in.is_empty() || r.encoded_in == e.encoded_in)
    };
    let mut used = vec![false; rows.len()];
    let mut seen: BTreeMap<(String, String, String), &str> = BTreeMap::new();
    for e in expected {
        if let Some(prev) = seen.insert(e.key(), &e.origin) {
            problems.push(format!("the code has two rules with the key {:?} ({prev}; {})", e.key(), e.origin));
            continue;
        }
        let hits: Vec<usize> = (0..rows.len()).filter(|&i| key_of(&rows[i], e)).collect();
        let [i] = hits.as_slice() else {
            if hits.is_empty() {
                problems.push(format!(
                    "{} is encoded but docs/DOMAIN.md has no row for it; add:\n    {}",
                    e.origin,
                    e.suggestion()
                ));
            } else {
                let lines: Vec<String> = hits.iter().map(|&i| rows[i].line.to_string()).collect();
                problems.push(format!(
                    "{}: docs/DOMAIN.md has {} rows for it (lines {})",
                    e.origin,
                    hits.len(),
                    lines.join(", ")
                ));
            }
            continue;
        };
        used[*i] = true;
        let r = &rows[*i];
        let mut check = |name: &str, want: &Option<String>, got: &str| {
            if let Some(w) = want
                && w != got
            {
                problems.push(format!(
                    "docs/DOMAIN.md line {} (`{}`): {name} is `{got}`, the code ({}) says `{w}`",
                    r.line, r.rule, e.origin
                ));
            }
        };
        check("mark", &e.mark, &r.mark);
        check("instrument", &e.instrument, &r.instrument);
        check("article", &e.article, &r.article);
    }
    for (r, u) in rows.iter().zip(&used) {
        if !u {
            problems.push(format!(
                "docs/DOMAIN.md line {}: row `{}` ({}, {}) is not a rule the code encodes (rule id, period or file differ); remove or correct it",
                r.line, r.rule, r.period, r.encoded_in
            ));
        }
    }
    problems
}

fn read_table() -> Vec<Row> {
    let path = repo_root().join("docs/DOMAIN.md");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    parse_table(&text).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_domain_table_and_the_code_agree_on_every_rule() {
    let rows = read_table();
    let expected = expected_rows();
    let problems = compare(&rows, &expected, &repo_root());
    let mut msg = String::new();
    for p in &problems {
        let _ = writeln!(msg, "- {p}");
    }
    assert!(problems.is_empty(), "docs/DOMAIN.md and the code disagree ({} problems):\n{msg}", problems.len());
}

/// The rows a table in agreement with the code would have (cells the code does not hold
/// filled with placeholders).
fn rows_of(expected: &[Expected]) -> Vec<Row> {
    expected
        .iter()
        .enumerate()
        .map(|(i, e)| Row {
            rule: e.rule.clone(),
            instrument: e.instrument.clone().unwrap_or_else(|| "—".into()),
            article: e.article.clone().unwrap_or_else(|| "—".into()),
            period: e.period.clone(),
            mark: e.mark.clone().unwrap_or_else(|| "V".into()),
            encoded_in: if e.encoded_in.is_empty() { "core/src/lib.rs".into() } else { e.encoded_in.clone() },
            line: i + 1,
        })
        .collect()
}

/// The comparison itself can fail, whatever the data: independent of the table's content.
#[test]
fn a_changed_mark_is_caught_both_ways() {
    let expected = expected_rows();
    let root = repo_root();
    let rows = rows_of(&expected);
    assert!(compare(&rows, &expected, &root).is_empty(), "{:?}", compare(&rows, &expected, &root));
    // A partial rule presented as verified…
    let i = rows.iter().position(|r| r.mark == "P").expect("some rule is partial");
    let rule = rows[i].rule.clone();
    let mut upgraded = rows.clone();
    upgraded[i].mark = "V".into();
    let p = compare(&upgraded, &expected, &root);
    assert!(p.iter().any(|p| p.contains(&format!("`{rule}`")) && p.contains("mark is `V`")), "{p:?}");
    // …a rule the code does not have…
    let mut extra = rows.clone();
    let mut invented = rows[i].clone();
    invented.rule = "RA-99".into();
    extra.push(invented);
    let p = compare(&extra, &expected, &root);
    assert!(p.iter().any(|p| p.contains("row `RA-99`")), "{p:?}");
    // …and a rule of the code with no row.
    let mut missing = rows;
    missing.remove(i);
    let p = compare(&missing, &expected, &root);
    assert!(p.iter().any(|p| p.contains("no row") && p.contains(&format!("`{rule}`"))), "{p:?}");
}

/// Prints the rows the code requires (`ANTQ_PRINT_DOMAIN_TABLE=1 cargo test -p
/// antq-conformance --test domain_table -- --nocapture`), to help write the table.
#[test]
fn print_the_rows_on_request() {
    if std::env::var_os("ANTQ_PRINT_DOMAIN_TABLE").is_none() {
        return;
    }
    println!("{HEADER}");
    for e in expected_rows() {
        println!("{}", e.suggestion());
    }
}
