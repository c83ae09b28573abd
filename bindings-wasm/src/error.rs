//! Errors as instances of the package's `AntqError` class (a subclass of JS `Error`,
//! defined in `js/lib/error.js` and shared by both modules of the package) with a stable
//! `code`, the `details` (problems list) and, for the core's errors, `messageVi`, and the
//! non-throwing
//! `{ ok, value } | { ok: false, error }` form.

use crate::convert::to_js;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

// The path is relative to the glue file wasm-bindgen writes (`pkg/antq_glue.js`), so both
// modules of the package construct the one class of `pkg/lib/error.js`.
#[wasm_bindgen(raw_module = "./lib/error.js")]
extern "C" {
    /// `AntqError` of the package.
    type AntqError;
    #[wasm_bindgen(constructor)]
    fn new(code: &str, message: &str, details: &JsValue, options: &JsValue) -> AntqError;
}

/// An `AntqError` with `code`, `message` and `details`.
pub(crate) fn js_error(code: &str, message: &str, problems: &[antq::Problem]) -> JsValue {
    error_in((code, message, None), problems)
}

/// An `AntqError` with `code`, `message`, `messageVi` when given, and `details`.
fn error_in((code, message, message_vi): (&str, &str, Option<&str>), problems: &[antq::Problem]) -> JsValue {
    let details = to_js(problems).unwrap_or_else(|_| Array::new().into());
    let options = Object::new();
    if let Some(vi) = message_vi {
        let _ = Reflect::set(&options, &"messageVi".into(), &vi.into());
    }
    AntqError::new(code, message, &details, &options).into()
}

/// Maps a core error: its `code()`, its message (`messageVi`: the core's
/// `text(Lang::Vi)`) and its `problems()`.
pub(crate) fn core_error(e: antq::Error) -> JsValue {
    error_in((e.code(), &e.to_string(), Some(&e.text(antq::Lang::Vi))), e.problems())
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
