//! Outcome policies (all mandatory, points, typical) and the points sheets with their levels.

use super::yes;
use crate::error::Result;
use crate::model::points::Points;
use crate::model::text::{Certainty, Text};
use crate::model::unit::Kind;
use serde::{Deserialize, Serialize};

/// One level of a points sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// Stable id, e.g. `xuat_sac`.
    pub id: String,
    /// Name.
    pub label: Text,
    /// Smallest total that reaches it.
    pub min: Points,
    /// How certain it is that the level exists (DOMAIN §4: xuất sắc, khá and trung bình
    /// are seen in published results `[P]`; "yếu" has not been seen `[I]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certainty: Option<Certainty>,
}

/// A 100-point sheet for some unit kinds: its total, levels and cut-offs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Sheet {
    /// Kinds it applies to.
    pub kinds: Vec<Kind>,
    /// Declared total of the items' maxima.
    pub total: Points,
    /// Whether the rule set holds every item; when false the items may add up to less
    /// than `total` and no level is given until a supplement completes the sheet.
    #[serde(default = "yes")]
    pub complete: bool,
    /// Levels from highest to lowest; the lowest should start at 0.
    pub levels: Vec<Level>,
    /// Whether the cut-offs are illustrative defaults rather than published rules.
    pub levels_illustrative: bool,
    /// The highest level a unit may get while a mandatory criterion (not a points item)
    /// fails (`[I]`, local practice).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap_on_mandatory_failure: Option<String>,
}

/// How a unit's criteria results become its outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "policy", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum OutcomePolicy {
    /// Meets only if every mandatory criterion is met (Circular 124).
    AllMandatory,
    /// Points items add up to a total that maps to a level (Decision 510).
    Points {
        /// One sheet per group of kinds.
        sheets: Vec<Sheet>,
    },
    /// Typical units: at least parameter `min_met` criteria met, an optional
    /// prerequisite rule set met, and at most parameter `quota_per_parent` units
    /// selected per parent (or per `quota_per` unit), ranked by criteria met, then unit id.
    Typical {
        /// What the quota is counted per: the nearest enclosing unit of this kind (e.g.
        /// `district`); the direct parent when left out. A quota per a level that does not
        /// exist on the reference date (districts after 30 June 2025) is an error, never
        /// silently a quota per province.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        quota_per: Option<Kind>,
        /// A rule set the unit must meet first, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        prerequisite: Option<String>,
        /// Whether requiring the prerequisite is an illustrative default.
        #[serde(default)]
        prerequisite_illustrative: bool,
    },
}

/// The file form of an outcome policy (see `RawTest` for why it is flat).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    policy: PolicyType,
    sheets: Option<Vec<Sheet>>,
    prerequisite: Option<String>,
    prerequisite_illustrative: Option<bool>,
    quota_per: Option<Kind>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum PolicyType {
    AllMandatory,
    Points,
    Typical,
}

impl<'de> Deserialize<'de> for OutcomePolicy {
    /// Read through the flat `RawPolicy` form (see there), then checked.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        RawPolicy::deserialize(d)?.try_into().map_err(serde::de::Error::custom)
    }
}

impl TryFrom<RawPolicy> for OutcomePolicy {
    type Error = String;

    fn try_from(r: RawPolicy) -> std::result::Result<Self, String> {
        let present = [
            ("sheets", r.sheets.is_some()),
            ("prerequisite", r.prerequisite.is_some()),
            ("prerequisite_illustrative", r.prerequisite_illustrative.is_some()),
            ("quota_per", r.quota_per.is_some()),
        ];
        let foreign = |name: &str, allowed: &[&str]| {
            crate::read::raw::only_fields(&format!("policy `{name}`"), allowed, &present)
        };
        match r.policy {
            PolicyType::AllMandatory => {
                foreign("all_mandatory", &[])?;
                Ok(OutcomePolicy::AllMandatory)
            }
            PolicyType::Points => {
                foreign("points", &["sheets"])?;
                let sheets = r.sheets.ok_or_else(|| crate::read::raw::missing("policy `points`", "sheets"))?;
                Ok(OutcomePolicy::Points { sheets })
            }
            PolicyType::Typical => {
                foreign("typical", &["prerequisite", "prerequisite_illustrative", "quota_per"])?;
                Ok(OutcomePolicy::Typical {
                    quota_per: r.quota_per,
                    prerequisite: r.prerequisite,
                    prerequisite_illustrative: r.prerequisite_illustrative.unwrap_or(false),
                })
            }
        }
    }
}
