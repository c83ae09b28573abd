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
