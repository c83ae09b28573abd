//! Errors as JS `Error` objects with a stable `code` and the `details` (problems list),
//! and the non-throwing `{ ok, value } | { ok: false, error }` form.

use crate::convert::to_js;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

/// A JS `Error` named `AntqError` with `code` and `details`.
pub(crate) fn js_error(code: &str, message: &str, problems: &[antq::Problem]) -> JsValue {
    let e = js_sys::Error::new(message);
    e.set_name("AntqError");
    let details = to_js(problems).unwrap_or_else(|_| Array::new().into());
    // Setting a property on a fresh Error cannot fail; ignore the impossible error.
    let _ = Reflect::set(&e, &"code".into(), &code.into());
    let _ = Reflect::set(&e, &"details".into(), &details);
    e.into()
}

/// Maps a core error: its `code()`, its message and its `problems()`.
pub(crate) fn core_error(e: antq::Error) -> JsValue {
    js_error(e.code(), &e.to_string(), e.problems())
}

/// An argument the binding cannot use (wrong type or shape, out of range).
pub(crate) fn bad_argument(message: impl AsRef<str>) -> JsValue {
    js_error("bad_argument", message.as_ref(), &[])
}

/// Turns a result into `{ ok: true, value }` or `{ ok: false, error }`.
pub(crate) fn settle(r: Result<JsValue, JsValue>) -> JsValue {
    let o = Object::new();
    let (ok, key, v) = match r {
        Ok(v) => (true, "value", v),
        Err(e) => (false, "error", e),
    };
    let _ = Reflect::set(&o, &"ok".into(), &ok.into());
    let _ = Reflect::set(&o, &key.into(), &v);
    o.into()
}
