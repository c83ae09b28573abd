//! Arguments read from JS values, checked rather than coerced: wasm-bindgen's own glue for
//! `i32`, `bool` and `&str` parameters converts whatever it is given (`'2023'` → 2023,
//! `2023.7` → 2023, `NaN` → 0, `'no'` → true). Every reader names the argument in its
//! `bad_argument` error and says what it got.

use crate::convert::stringify;
use crate::error::bad_argument;
use crate::{JsResult, Lang};
use serde::de::DeserializeOwned;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// A JS string, checked on the Rust side: wasm-bindgen's own `&str` glue would pass
    /// a non-string on unchecked.
    #[wasm_bindgen(typescript_type = "string")]
    pub type Str;
    /// A JS number that must be an integer (a year, a count), checked on the Rust side.
    #[wasm_bindgen(typescript_type = "number")]
    pub type Int;
    /// A JS boolean, checked on the Rust side (no truthiness).
    #[wasm_bindgen(typescript_type = "boolean")]
    pub type Bool;
    /// A display language, `'vi'` or `'en'`.
    #[wasm_bindgen(typescript_type = "Lang")]
    pub type LangArg;
    /// An array of strings.
    #[wasm_bindgen(typescript_type = "string[]")]
    pub type StrList;
}

/// What a value is, for messages: `a string ("2023")`, `2023.7`, `NaN`, `undefined`…
pub(crate) fn describe(v: &JsValue) -> String {
    if let Some(s) = v.as_string() {
        let short: String = s.chars().take(40).collect();
        let more = if short.len() < s.len() { "…" } else { "" };
        return format!("a string ({short:?}{more})");
    }
    if let Some(n) = v.as_f64() {
        return if n.is_nan() {
            "NaN".into()
        } else if n.is_infinite() {
            if n > 0.0 { "Infinity".into() } else { "-Infinity".into() }
        } else {
            format!("{n}")
        };
    }
    if let Some(b) = v.as_bool() {
        return format!("{b}");
    }
    if v.is_undefined() {
        return "undefined".into();
    }
    if v.is_null() {
        return "null".into();
    }
    if js_sys::Array::is_array(v) {
        return "an array".into();
    }
    match v.js_typeof().as_string().as_deref() {
        Some("object") => "an object".into(),
        Some("bigint") => "a BigInt".into(),
        Some(t) => format!("a {t}"),
        None => "a value".into(),
    }
}

/// A string.
pub(crate) fn string(v: &JsValue, what: &str) -> JsResult<String> {
    v.as_string().ok_or_else(|| bad_argument(format!("{what}: expected a string, got {}", describe(v))))
}

/// An optional string (`undefined` or `null` for none).
pub(crate) fn opt_string(v: Option<Str>, what: &str) -> JsResult<Option<String>> {
    v.map(|v| string(&v, what)).transpose()
}

/// A text argument (a document: the core's readers drop a leading byte order mark).
pub(crate) fn text(v: &JsValue, what: &str) -> JsResult<String> {
    string(v, what)
}

/// An integer number (not a numeric string, not 2023.7, not NaN or ±Infinity), as `f64`.
fn integer(v: &JsValue, what: &str) -> JsResult<f64> {
    match v.as_f64() {
        Some(n) if n.is_finite() && n.fract() == 0.0 => Ok(n),
        _ => Err(bad_argument(format!("{what}: expected an integer number, got {}", describe(v)))),
    }
}

/// A year: an integer number (the core then checks 1900–2200 and answers `bad_year`).
pub(crate) fn year(v: &Int, what: &str) -> JsResult<i32> {
    let n = integer(v, what)?;
    if n < f64::from(i32::MIN) || n > f64::from(i32::MAX) {
        return Err(bad_argument(format!("{what}: {n} is not a year")));
    }
    Ok(n as i32)
}

/// A count: a non-negative integer number, at most 2^53 − 1 (`Number.MAX_SAFE_INTEGER`).
pub(crate) fn count(v: &Int, what: &str) -> JsResult<i64> {
    const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
    match v.as_f64() {
        Some(n) if n.fract() == 0.0 && (0.0..=MAX_SAFE).contains(&n) => Ok(n as i64),
        _ => Err(bad_argument(format!("{what}: expected a count (a non-negative integer), got {}", describe(v)))),
    }
}

/// An optional boolean (`undefined` or `null` for none).
pub(crate) fn opt_bool(v: Option<Bool>, what: &str) -> JsResult<Option<bool>> {
    v.map(|v| v.as_bool().ok_or_else(|| bad_argument(format!("{what}: expected a boolean, got {}", describe(&v)))))
        .transpose()
}

/// A display language: required, `'vi'` or `'en'` (no default: the same call gives the same
/// text in Node and in every page).
pub(crate) fn lang(v: &LangArg) -> JsResult<antq::Lang> {
    match v.as_string().as_deref() {
        Some("vi") => Ok(Lang::Vi.into()),
        Some("en") => Ok(Lang::En.into()),
        _ => Err(bad_argument(format!("lang: expected 'vi' or 'en', got {}", describe(v)))),
    }
}

/// An array of strings; an element of another type is refused by its index.
#[cfg(feature = "analysis")]
pub(crate) fn string_list(v: &JsValue, what: &str) -> JsResult<Vec<String>> {
    if !js_sys::Array::is_array(v) {
        return Err(bad_argument(format!("{what}: expected an array of strings, got {}", describe(v))));
    }
    let a: &js_sys::Array = v.unchecked_ref();
    a.iter().enumerate().map(|(i, x)| string(&x, &format!("{what}[{i}]"))).collect()
}

/// A tsify-typed argument, read through `JSON.stringify` (never throwing from Rust).
pub(crate) fn arg<T: Tsify + DeserializeOwned>(v: Ts<T>, what: &str) -> JsResult<T> {
    let v = v.js_value();
    if v.is_undefined() {
        return Err(bad_argument(format!("{what}: required")));
    }
    let text = stringify(&v, what)?;
    serde_json::from_str(&text).map_err(|e| bad_argument(format!("{what}: {e}")))
}
