//! Bilingual text and legal references.

use serde::{Deserialize, Serialize};

/// A text in Vietnamese and English.
///
/// ```
/// let t = antq::Text::new("Đạt", "Meets");
/// assert_eq!(t.en, "Meets");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Vietnamese.
    pub vi: String,
    /// English.
    pub en: String,
}

impl Text {
    /// Builds a text from its two languages.
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Self { vi: vi.into(), en: en.into() }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

/// A display language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// Vietnamese.
    Vi,
    /// English.
    #[default]
    En,
}

/// How certain a piece of legal content is (DOMAIN status marks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Certainty {
    /// Verified from the text of the regulation (`[V]`).
    Verified,
    /// Partly known: only part of the text was available (`[P]`).
    Partial,
    /// Inferred practice, not a national rule (`[I]`).
    Inferred,
    /// A sample or illustrative value, not a rule at all.
    Sample,
}

impl Certainty {
    /// The snake_case name used in files.
    ///
    /// ```
    /// assert_eq!(antq::Certainty::Partial.as_str(), "partial");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Certainty::Verified => "verified",
            Certainty::Partial => "partial",
            Certainty::Inferred => "inferred",
            Certainty::Sample => "sample",
        }
    }

    /// The short mark used in `docs/DOMAIN.md`: `V`, `P`, `I`, or `S` for samples.
    pub fn mark(self) -> &'static str {
        match self {
            Certainty::Verified => "V",
            Certainty::Partial => "P",
            Certainty::Inferred => "I",
            Certainty::Sample => "S",
        }
    }
}

/// Where a rule comes from: document, article and clause.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LegalRef {
    /// Document number, e.g. `124/2021/TT-BCA`.
    pub document: String,
    /// Article, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    /// Clause or point, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
}

impl std::fmt::Display for LegalRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.document)?;
        if let Some(a) = &self.article {
            write!(f, ", art. {a}")?;
        }
        if let Some(c) = &self.clause {
            write!(f, ", cl. {c}")?;
        }
        Ok(())
    }
}

/// How much of a criterion's legal wording the rule set holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Wording {
    /// The labels summarise a wording that is known.
    Summary,
    /// The wording is not available; the labels only name the criterion.
    Unavailable,
}
