//! Compact JSON text re-indented as `serde_json`'s pretty printer writes it.
//!
//! The WebAssembly module serialises every type once, compactly, and indents the text
//! afterwards when asked for pretty JSON: a second, pretty serialiser of every result type
//! would be about 30 KB of code in the module (`bindings-wasm/README.md`, "Size").

/// Re-indents `compact`, the output of [`serde_json::to_string`], into the text
/// [`serde_json::to_string_pretty`] writes for the same value: two spaces per level, `": "`
/// after keys, `[]` and `{}` for empty arrays and objects. Strings are copied as they are.
///
/// The input must be compact JSON (no whitespace outside strings), as `serde_json` writes it;
/// other text is re-indented as if it were, never rejected.
///
/// ```
/// let v = serde_json::json!({"a": [1, {}], "b": "x, {y}: \"z\"", "c": []});
/// let compact = serde_json::to_string(&v).unwrap();
/// assert_eq!(antq::pretty_json(&compact), serde_json::to_string_pretty(&v).unwrap());
/// ```
pub fn pretty_json(compact: &str) -> String {
    let b = compact.as_bytes();
    let mut out = Vec::with_capacity(b.len() + b.len() / 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut i = 0;
    let newline = |out: &mut Vec<u8>, depth: usize| {
        out.push(b'\n');
        out.resize(out.len() + 2 * depth, b' ');
    };
    while i < b.len() {
        let c = b[i];
        i += 1;
        if in_string {
            out.push(c);
            if c == b'\\' {
                if let Some(&e) = b.get(i) {
                    out.push(e);
                    i += 1;
                }
            } else if c == b'"' {
                in_string = false;
            }
            continue;
        }
        match c {
            b'"' => {
                in_string = true;
                out.push(c);
            }
            b'{' | b'[' => {
                out.push(c);
                if matches!(b.get(i), Some(b'}' | b']')) {
                    out.push(b[i]);
                    i += 1;
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            b',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            b':' => out.extend_from_slice(b": "),
            _ => out.push(c),
        }
    }
    // Only ASCII bytes were inserted, and every input byte copied in order.
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::pretty_json;
    use proptest::prelude::*;
    use serde_json::Value;

    fn same(v: &impl serde::Serialize) {
        let compact = serde_json::to_string(v).unwrap();
        assert_eq!(pretty_json(&compact), serde_json::to_string_pretty(v).unwrap());
    }

    #[test]
    fn sample_dataset_rules_and_evaluation_print_as_serde_json_does() {
        let ds = crate::Dataset::from_str_named("s.json", crate::sample::SAMPLE_JSON).unwrap();
        same(&ds);
        let mut evaluated = 0;
        for rules in crate::rules::presets() {
            same(rules);
            if let Ok(ev) = crate::evaluate(&ds, rules, 2024) {
                same(&ev);
                evaluated += 1;
            }
        }
        assert!(evaluated >= 3, "{evaluated} presets evaluated the sample");
    }

    #[test]
    fn nested_empty_and_escaped_values() {
        for text in [
            r#"{}"#,
            r#"[]"#,
            r#"[[],{},[{}],{"a":[]}]"#,
            r#"{"k\"{":"v\\","[":"]\\\"","":{"x":null}}"#,
            r#""a string, with: {braces} and [brackets]""#,
            r#"[1,-2.5e10,true,false,null,"\u0000é"]"#,
        ] {
            let v: Value = serde_json::from_str(text).unwrap();
            same(&v);
        }
    }

    fn value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
            "[\\PC\"\\\\{}\\[\\],: \n\t]{0,8}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 40, 5, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                prop::collection::btree_map("[\\PC\"\\\\{}:,]{0,5}", inner, 0..5)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn any_value_prints_as_serde_json_does(v in value()) {
            let compact = serde_json::to_string(&v).unwrap();
            prop_assert_eq!(pretty_json(&compact), serde_json::to_string_pretty(&v).unwrap());
        }
    }
}
