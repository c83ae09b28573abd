//! JSON Schemas of antq's file formats and results, generated from the types (feature
//! `schema`). The committed copies live in `schema/` at the repository root; a test fails
//! when they differ from what the code generates (`cargo test -p antq --features schema
//! --lib schema::`, run by `scripts/test-all.sh`), and the same test with
//! `ANTQ_WRITE_SCHEMA=1` rewrites them. `scripts/check-schema-examples.py` validates the
//! presets, the sample and every shared case's inputs against them.
//!
//! ```
//! let all = antq::schema::schemas();
//! let names: Vec<&str> = all.iter().map(|(n, _)| *n).collect();
//! assert_eq!(names, ["rule-set", "supplement", "dataset", "evaluation", "medal-input", "team-input"]);
//! assert_eq!(all[2].1["title"], "Dataset");
//! ```

use crate::model::date::YearDate;
use crate::model::points::Points;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use std::borrow::Cow;

impl JsonSchema for YearDate {
    fn schema_name() -> Cow<'static, str> {
        "YearDate".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^Y(-[0-5])?-[0-9]{2}-[0-9]{2}$",
            "description": "A date relative to the evaluation year Y: `Y-03-31` (31 March of Y), `Y-1-11-16` (16 November of Y-1); month and day must exist in every year.",
        })
    }
}

impl JsonSchema for Points {
    fn schema_name() -> Cow<'static, str> {
        "Points".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Points with at most two decimals, as a number (2.5) or text (\"2.5\").",
            "anyOf": [
                { "type": "number", "multipleOf": 0.01 },
                { "type": "string", "pattern": "^-?[0-9]+(\\.[0-9]{1,2})?$" }
            ]
        })
    }
}

fn with_id<T: JsonSchema>(name: &str) -> serde_json::Value {
    let mut v = schemars::schema_for!(T).to_value();
    if let Some(o) = v.as_object_mut() {
        o.insert("$id".into(), format!("https://example.invalid/antq/schema/{name}.schema.json").into());
    }
    v
}

/// The schemas, named as their files in `schema/` (`<name>.schema.json`): rule sets,
/// supplements, datasets, evaluation results, and the inputs of the medal and the team
/// ranking (DOMAIN §6).
pub fn schemas() -> Vec<(&'static str, serde_json::Value)> {
    vec![
        ("rule-set", with_id::<crate::RuleSet>("rule-set")),
        ("supplement", with_id::<crate::Supplement>("supplement")),
        ("dataset", with_id::<crate::Dataset>("dataset")),
        ("evaluation", with_id::<crate::Evaluation>("evaluation")),
        ("medal-input", with_id::<crate::other_rules::medal::MedalInput>("medal-input")),
        ("team-input", with_id::<crate::other_rules::teams::RankingInput>("team-input")),
    ]
}

/// The text of a schema file: pretty JSON with a final newline.
pub fn to_file_text(schema: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(schema).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn dir() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema")
    }

    /// The committed schemas are the generated ones. To update them after changing a type:
    /// `ANTQ_WRITE_SCHEMA=1 cargo test -p antq --features schema --lib schema::`.
    #[test]
    fn committed_schemas_match_the_code() {
        let write = std::env::var_os("ANTQ_WRITE_SCHEMA").is_some();
        let mut stale = Vec::new();
        for (name, schema) in schemas() {
            let path = dir().join(format!("{name}.schema.json"));
            let want = to_file_text(&schema);
            if write {
                std::fs::create_dir_all(dir()).unwrap();
                std::fs::write(&path, &want).unwrap();
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(want.as_str()) {
                stale.push(path.display().to_string());
            }
        }
        assert!(
            stale.is_empty(),
            "schemas differ from the code: {stale:?}; run ANTQ_WRITE_SCHEMA=1 cargo test -p antq --features schema --lib schema::"
        );
    }
}
