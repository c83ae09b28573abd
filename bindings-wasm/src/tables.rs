//! The core's result tables (`antq::table`) as JS rows: every surface has one set of
//! columns per result, named by `headers()`.

use super::*;
#[cfg(feature = "analysis")]
use antq::table::Rows;

/// Every result's table columns in order, as the core names them:
/// `{ evaluation: ['unit', 'name', …], criteria: […], … }`. `Evaluation.rows()`,
/// `criterionRows()`, `review(…).columns` (then one per criterion) and `tableRows(name, …)`
/// have exactly these keys, in this order.
#[wasm_bindgen(unchecked_return_type = "Record<string, string[]>")]
pub fn headers() -> JsResult<JsValue> {
    // By name, as a map (the names are distinct): sorted by insertion, as the list is short
    // and fixed, rather than by another copy of the library's sorting code.
    let mut h = antq::table::headers();
    for i in 1..h.len() {
        let mut j = i;
        while j > 0 && h[j - 1].0 > h[j].0 {
            h.swap(j - 1, j);
            j -= 1;
        }
    }
    struct ByName(Vec<(&'static str, &'static [&'static str])>);
    impl Serialize for ByName {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
        }
    }
    to_js(&ByName(h))
}

/// Reads a result object given back from JS as the core's type.
#[cfg(feature = "analysis")]
fn read<T: serde::de::DeserializeOwned>(value: &JsValue, name: &str) -> JsResult<T> {
    let text = object_text(value, "value")?;
    serde_json::from_str(&text).map_err(|e| bad_argument(format!("value: not a `{name}` result: {e}")))
}

/// A result as the core's table for it (analysis build, `antq/full`), one object per row
/// with the columns of `headers()[name]` in order: `'stats'` (from `stats()`), `'teams'`
/// (`rankTeams`), `'medal'` (`assessMedals`), `'whatif'` (`whatIf`'s result or its `plans`,
/// with `verified` when verified), `'impact'` and `'impact_parents'` (`impact`), `'sensitivity'` and
/// `'sensitivity_parents'` (`sensitivity`), `'compare'` and `'compare_parents'`
/// (`compareYears`). `lang` (`'vi'` or `'en'`, default `'en'`) is the language of
/// explanation columns.
#[cfg(feature = "analysis")]
#[wasm_bindgen(js_name = tableRows, unchecked_return_type = "Record<string, unknown>[]")]
pub fn table_rows(name: Str, value: JsValue, lang: Option<LangArg>) -> JsResult<JsValue> {
    let name = string(&name, "name")?;
    let l = match lang {
        Some(l) => args::lang(&l)?,
        None => antq::Lang::En,
    };
    match name.as_str() {
        "stats" => {
            let v: antq::stats::Stats = read(&value, "Stats")?;
            to_js(&Rows(&antq::table::stats_table(&v)))
        }
        "teams" => {
            let v: antq::teams::TeamRanking = read(&value, "TeamRanking")?;
            to_js(&Rows(&antq::table::teams_table(&v, l)))
        }
        "medal" => {
            let v: Vec<antq::medal::MedalAssessment> = read(&value, "MedalAssessment[]")?;
            to_js(&Rows(&antq::table::medal_table(&v, l)))
        }
        "whatif" => {
            // `whatIf`'s `{ plans, lints }`, or its plans alone (from results saved before
            // `whatIf` gave the object).
            let plans = match read::<serde_json::Value>(&value, "WhatIf")? {
                v @ serde_json::Value::Array(_) => serde_json::from_value(v).map(|p: Vec<_>| p),
                v @ serde_json::Value::Object(_) => serde_json::from_value(v).map(|w: antq::analysis::WhatIf| w.plans),
                _ => return Err(bad_argument("value: not a `WhatIf` result: an object with `plans` expected")),
            }
            .map_err(|e| bad_argument(format!("value: not a `WhatIf` result: {e}")))?;
            to_js(&Rows(&antq::table::plans_table(&plans, l)))
        }
        "compare" | "compare_parents" => {
            let v: antq::analysis::YearComparison = read(&value, "YearComparison")?;
            let t = if name == "compare" {
                antq::table::compare_table(&v)
            } else {
                antq::table::compare_parents_table(&v.parents)
            };
            to_js(&Rows(&t))
        }
        "impact" | "impact_parents" => {
            let v: antq::analysis::Impact = read(&value, "Impact")?;
            let t =
                if name == "impact" { antq::table::impact_table(&v, l) } else { antq::table::impact_parents_table(&v) };
            to_js(&Rows(&t))
        }
        "sensitivity" | "sensitivity_parents" => {
            let v: antq::analysis::SensitivityReport = read(&value, "SensitivityReport")?;
            let t = if name == "sensitivity" {
                antq::table::sensitivity_table(&v)
            } else {
                antq::table::sensitivity_parents_table(&v)
            };
            to_js(&Rows(&t))
        }
        other => Err(bad_argument(format!(
            "name: `{other}` has no table here; use Evaluation.rows() / criterionRows() / shares() for an \
             evaluation, review() for verdicts"
        ))),
    }
}

/// `tableRows` without throwing.
#[cfg(feature = "analysis")]
#[wasm_bindgen(js_name = tryTableRows, unchecked_return_type = "AntqResult<Record<string, unknown>[]>")]
pub fn try_table_rows(name: Str, value: JsValue, lang: Option<LangArg>) -> JsValue {
    settle(table_rows(name, value, lang))
}
