//! Built-in rule sets, compiled in so that every surface (Rust, Python, WASM) has
//! exactly the same rules.

use super::RuleSet;
use crate::error::{Error, Result};
use std::sync::OnceLock;

/// A built-in rule set's id and source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preset {
    /// Rule set id.
    pub id: &'static str,
    /// File name of the source.
    pub file: &'static str,
    /// TOML source.
    pub source: &'static str,
}

const PRESETS: [Preset; 5] = [
    Preset { id: "vn.c124-2021", file: "c124-2021.toml", source: include_str!("../../presets/c124-2021.toml") },
    Preset { id: "vn.c124-2025", file: "c124-2025.toml", source: include_str!("../../presets/c124-2025.toml") },
    Preset { id: "vn.d510-2022", file: "d510-2022.toml", source: include_str!("../../presets/d510-2022.toml") },
    Preset {
        id: "vn.d9745-2022.communes",
        file: "d9745-2022-communes.toml",
        source: include_str!("../../presets/d9745-2022-communes.toml"),
    },
    Preset {
        id: "phu-tho.hd851-2023.organisations",
        file: "phu-tho-hd851-2023-organisations.toml",
        source: include_str!("../../presets/phu-tho-hd851-2023-organisations.toml"),
    },
];

/// The ids of the built-in presets.
pub const PRESET_IDS: [&str; 5] = [PRESETS[0].id, PRESETS[1].id, PRESETS[2].id, PRESETS[3].id, PRESETS[4].id];

/// A preset's source by id.
pub fn preset(id: &str) -> Result<Preset> {
    PRESETS
        .iter()
        .find(|p| p.id == id)
        .copied()
        .ok_or_else(|| Error::UnknownPreset { id: id.to_owned(), known: PRESET_IDS.join(", ") })
}

/// Every preset, parsed and validated once.
pub fn presets() -> &'static [RuleSet] {
    static ALL: OnceLock<Vec<RuleSet>> = OnceLock::new();
    ALL.get_or_init(|| {
        // Each preset is checked by a unit test; one that failed would be left out, not panic.
        PRESETS.iter().filter_map(|p| RuleSet::from_str_named(p.file, p.source).ok()).collect()
    })
}

impl RuleSet {
    /// A built-in preset by id.
    ///
    /// ```
    /// let rs = antq::RuleSet::preset("vn.c124-2021").unwrap();
    /// assert!(rs.criteria.iter().any(|c| c.id == "CW-4"));
    /// assert!(antq::RuleSet::preset("nope").is_err());
    /// ```
    pub fn preset(id: &str) -> Result<RuleSet> {
        let p = preset(id)?;
        presets().iter().find(|r| r.id == p.id).cloned().map_or_else(|| RuleSet::from_str_named(p.file, p.source), Ok)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_parses_and_validates() {
        for p in PRESETS {
            let rs = RuleSet::from_str_named(p.file, p.source).unwrap_or_else(|e| panic!("{}: {e}", p.id));
            assert_eq!(rs.id, p.id);
        }
        assert_eq!(presets().len(), PRESETS.len());
    }
}
