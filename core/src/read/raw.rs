//! The flat "raw" file forms of tagged records (`Test`, `OutcomePolicy`, `Outcome`,
//! `Activity`): read as plain structs whose tag says which optional fields belong, then
//! checked here. (serde's internally tagged enums buffer every record and instantiate each
//! nested type twice, which doubled the WebAssembly build.)

/// Refuses a field that is set but does not belong to the record's tag.
///
/// `what` names the record (`test \`ratio\``), `allowed` its fields, `present` every
/// optional field of the raw form with whether it was given.
pub(crate) fn only_fields(what: &str, allowed: &[&str], present: &[(&str, bool)]) -> Result<(), String> {
    match present.iter().find(|(f, set)| *set && !allowed.contains(f)) {
        Some((f, _)) if allowed.is_empty() => {
            Err(format!("unknown field `{f}` for {what}, which takes no other field"))
        }
        Some((f, _)) => Err(format!(
            "unknown field `{f}` for {what}, expected {}",
            allowed.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", ")
        )),
        None => Ok(()),
    }
}

/// The error for a field the record's tag requires.
pub(crate) fn missing(what: &str, field: &str) -> String {
    format!("missing field `{field}` for {what}")
}

/// Reads a map whose keys must be unique (`attested`, `points`): a key given twice is an
/// error naming it, never "the last one wins".
pub(crate) fn unique_map<'de, D, V>(d: D) -> Result<std::collections::BTreeMap<String, V>, D::Error>
where
    D: serde::Deserializer<'de>,
    V: serde::Deserialize<'de>,
{
    struct Visit<V>(std::marker::PhantomData<V>);
    impl<'de, V: serde::Deserialize<'de>> serde::de::Visitor<'de> for Visit<V> {
        type Value = std::collections::BTreeMap<String, V>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a map with unique keys")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
            let mut out = std::collections::BTreeMap::new();
            while let Some(k) = m.next_key::<String>()? {
                if out.contains_key(&k) {
                    return Err(serde::de::Error::custom(format!("duplicate key `{k}`: each key may be given once")));
                }
                let v = m.next_value()?;
                out.insert(k, v);
            }
            Ok(out)
        }
    }
    d.deserialize_map(Visit(std::marker::PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn foreign_fields_are_named_with_what_is_expected() {
        let present = [("min", true), ("max", false)];
        assert!(only_fields("test `at_least`", &["indicator", "min"], &present).is_ok());
        let e = only_fields("test `at_most`", &["indicator", "max"], &present).unwrap_err();
        assert_eq!(e, "unknown field `min` for test `at_most`, expected `indicator`, `max`");
        let e = only_fields("outcome `meets`", &[], &present).unwrap_err();
        assert!(e.contains("takes no other field"), "{e}");
        assert_eq!(missing("test `ratio`", "numerator"), "missing field `numerator` for test `ratio`");
    }
}
