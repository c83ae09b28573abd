//! Crossing the boundary in bulk: Rust values go to JS as one JSON text parsed by the
//! engine's `JSON.parse`, and JS objects come in as one `JSON.stringify` text read by the
//! core's located parser (errors name the field path). Output is then the very JSON
//! Rust writes, and only one set of serde code is linked; see `bench/README.md` for the
//! comparison with serde-wasm-bindgen.

use crate::error::{bad_argument, js_error};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A Rust value as a plain JS value (objects, arrays, strings, numbers, booleans, null).
pub(crate) fn to_js<T: Serialize + ?Sized>(v: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(v).map_err(|e| js_error("internal", &e.to_string(), &[]))?;
    js_sys::JSON::parse(&text)
}

/// The JSON text of a JS object, or `bad_argument` (a string, cycles, BigInt, `undefined`).
pub(crate) fn object_text(v: &JsValue, what: &str) -> Result<String, JsValue> {
    if v.is_string() {
        return Err(bad_argument(format!("{what}: expected an object, got a string (use the fromText form)")));
    }
    stringify(v, what)
}

/// The JSON text of a JS value, or `bad_argument` (cycles, BigInt, `undefined`, functions).
pub(crate) fn stringify(v: &JsValue, what: &str) -> Result<String, JsValue> {
    match js_sys::JSON::stringify(v) {
        Ok(s) => s.as_string().ok_or_else(|| bad_argument(format!("{what}: not representable as JSON"))),
        Err(e) => Err(bad_argument(format!(
            "{what}: cannot be converted to JSON ({})",
            e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default()
        ))),
    }
}

/// Text given as a string (the core's readers drop a leading byte order mark), or an
/// object given as a JS value (stringified).
pub(crate) fn text_or_object(v: &JsValue, what: &str) -> Result<(String, bool), JsValue> {
    match v.as_string() {
        Some(s) => Ok((s, false)),
        None => stringify(v, what).map(|s| (s, true)),
    }
}

/// Line and column point into a text the caller never saw when the input was an object:
/// keep the field path, drop the position.
pub(crate) fn unposition(e: antq::Error) -> antq::Error {
    e.without_positions()
}

/// A table as one array per column, keyed by column name, in column order.
#[cfg(feature = "analysis")]
pub(crate) struct Columns<'t, 'a>(pub(crate) &'t antq::table::Table<'a>);

#[cfg(feature = "analysis")]
impl Serialize for Columns<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use antq::table::Column;
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.0.columns.len()))?;
        for (name, c) in &self.0.columns {
            match c {
                Column::Text(v) => m.serialize_entry(name, v)?,
                Column::Int(v) => m.serialize_entry(name, v)?,
                Column::UInt(v) => m.serialize_entry(name, v)?,
                Column::Float(v) => m.serialize_entry(name, v)?,
                Column::Bool(v) => m.serialize_entry(name, v)?,
                Column::Date(v) => m.serialize_entry(name, v)?,
                Column::TextList(v) => m.serialize_entry(name, v)?,
                Column::Null(n) => m.serialize_entry(name, &vec![(); *n])?,
            }
        }
        m.end()
    }
}
