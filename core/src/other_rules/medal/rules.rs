//! The medal's rules as dated data: one file per instrument under `core/data/medal/`
//! (`vn.medal-2021`: Circular 11/2021/TT-BCA; `vn.medal-2025`: Circular 20/2025/TT-BCA).
//!
//! A file names its instrument (`id`, `family`, `version`, `effective` period), its groups
//! (who, how many years by sex, which kinds of service count, whether area coefficients
//! apply), the groups it does not name, and its conditions in check order, each with its
//! effect (`not_eligible` or `deferred`), legal basis and mark (`certainty`). The next
//! circular is a new file; a new *kind* of fact about a person also needs a field of
//! [`super::Candidate`] and a [`Fact`].
//!
//! ```
//! let r = antq::medal::MedalRules::get("vn.medal-2025").unwrap();
//! assert_eq!(r.group(antq::medal::Group::OrganisationLeader).unwrap().years.male, 10);
//! assert_eq!(r.certainty, antq::Certainty::Partial);
//! assert_eq!(r.content_hash().len(), 64);
//! ```

use super::{ConditionCode, Group, MedalOutcome};
use crate::model::activity::Issuer;
use crate::model::text::{Certainty, LegalRef, Text};
use crate::rules::Effective;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

/// A kind of service, for the periods of a candidate's record.
///
/// ```
/// use antq::medal::ServiceKind;
/// assert_eq!(serde_json::from_str::<ServiceKind>(r#""civil_protection""#).unwrap(), ServiceKind::CivilProtection);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ServiceKind {
    /// In a leader's post (Party committee, government, union or organisation, school or
    /// enterprise).
    LeaderPost,
    /// Member of a grassroots security team (tổ bảo vệ an ninh, trật tự ở cơ sở), from 1/7/2024.
    GrassrootsSecurityTeam,
    /// Civil protection force (dân phòng).
    CivilProtection,
    /// Part-time commune police (công an xã bán chuyên trách, công an viên).
    PartTimeCommunePolice,
    /// Street guard (bảo vệ dân phố).
    StreetGuard,
    /// Guard of an agency or enterprise (bảo vệ cơ quan, doanh nghiệp).
    AgencyGuard,
}

/// The kind of area a period of service was in (for the coefficient of some instruments).
///
/// ```
/// use antq::medal::AreaKind;
/// assert_eq!(AreaKind::default(), AreaKind::Ordinary);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AreaKind {
    /// Any other area (coefficient 1).
    #[default]
    Ordinary,
    /// An area of particular socio-economic hardship.
    ParticularHardship,
    /// A border area.
    Border,
    /// An island.
    Island,
}

/// The level of an award's issuer, lowest first.
///
/// ```
/// use antq::medal::IssuerLevel;
/// use antq::Issuer;
/// assert_eq!(IssuerLevel::of(Issuer::ProvincialPolice), IssuerLevel::Provincial);
/// assert!(IssuerLevel::District > IssuerLevel::Commune);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum IssuerLevel {
    /// The commune chairman.
    Commune,
    /// The district People's Committee (chairman).
    District,
    /// The provincial People's Committee or the provincial police.
    Provincial,
    /// The Minister of Public Security.
    Ministry,
}

impl IssuerLevel {
    /// The level of an issuer.
    pub fn of(i: Issuer) -> IssuerLevel {
        match i {
            Issuer::Minister => IssuerLevel::Ministry,
            Issuer::ProvincialCommittee | Issuer::ProvincialPolice => IssuerLevel::Provincial,
            Issuer::DistrictChairman => IssuerLevel::District,
            Issuer::CommuneChairman => IssuerLevel::Commune,
        }
    }

    /// The snake_case code.
    pub fn as_str(self) -> &'static str {
        match self {
            IssuerLevel::Commune => "commune",
            IssuerLevel::District => "district",
            IssuerLevel::Provincial => "provincial",
            IssuerLevel::Ministry => "ministry",
        }
    }
}

/// The level of a leader's post, lowest first.
///
/// ```
/// use antq::medal::PostLevel;
/// assert!(PostLevel::Commune > PostLevel::BelowCommune);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PostLevel {
    /// Below the commune (a residential area, village or hamlet; a unit of an agency).
    BelowCommune,
    /// Commune, ward or special zone.
    Commune,
    /// District (until 30/6/2025).
    District,
    /// Province.
    Provincial,
    /// Central.
    Central,
}

impl PostLevel {
    /// The snake_case code.
    pub fn as_str(self) -> &'static str {
        match self {
            PostLevel::BelowCommune => "below_commune",
            PostLevel::Commune => "commune",
            PostLevel::District => "district",
            PostLevel::Provincial => "provincial",
            PostLevel::Central => "central",
        }
    }
}

/// A fact about a candidate that a condition tests (a field of [`super::Candidate`]).
///
/// ```
/// use antq::medal::Fact;
/// assert_eq!(Fact::EverProsecuted.as_str(), "ever_prosecuted");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Fact {
    /// `already_received`.
    AlreadyReceived,
    /// `under_prosecution`.
    UnderProsecution,
    /// `under_prosecution` or `was_prosecuted`.
    EverProsecuted,
    /// `sent_to_compulsory_education`.
    SentToCompulsoryEducation,
    /// `under_disciplinary_sanction`, or a discipline of `disciplines` running on the date.
    UnderDisciplinarySanction,
    /// `under_disciplinary_review`.
    UnderDisciplinaryReview,
    /// `unresolved_complaint`.
    UnresolvedComplaint,
    /// `serious_incident_in_unit`.
    SeriousIncidentInUnit,
    /// `social_evil_hotspot_in_area`.
    SocialEvilHotspotInArea,
    /// `holds_chien_si_ve_vang`.
    HoldsChienSiVeVang,
    /// `holds_vi_an_ninh_to_quoc_medal`.
    HoldsViAnNinhToQuocMedal,
    /// `holds_police_service_order`.
    HoldsPoliceServiceOrder,
    /// `stripped_of_police_title`.
    StrippedOfPoliceTitle,
    /// `dropped_as_collaborator`.
    DroppedAsCollaborator,
    /// `completed_tasks_well` (unknown when left out).
    CompletedTasksWell,
}

impl Fact {
    /// The snake_case code.
    pub fn as_str(self) -> &'static str {
        match self {
            Fact::AlreadyReceived => "already_received",
            Fact::UnderProsecution => "under_prosecution",
            Fact::EverProsecuted => "ever_prosecuted",
            Fact::SentToCompulsoryEducation => "sent_to_compulsory_education",
            Fact::UnderDisciplinarySanction => "under_disciplinary_sanction",
            Fact::UnderDisciplinaryReview => "under_disciplinary_review",
            Fact::UnresolvedComplaint => "unresolved_complaint",
            Fact::SeriousIncidentInUnit => "serious_incident_in_unit",
            Fact::SocialEvilHotspotInArea => "social_evil_hotspot_in_area",
            Fact::HoldsChienSiVeVang => "holds_chien_si_ve_vang",
            Fact::HoldsViAnNinhToQuocMedal => "holds_vi_an_ninh_to_quoc_medal",
            Fact::HoldsPoliceServiceOrder => "holds_police_service_order",
            Fact::StrippedOfPoliceTitle => "stripped_of_police_title",
            Fact::DroppedAsCollaborator => "dropped_as_collaborator",
            Fact::CompletedTasksWell => "completed_tasks_well",
        }
    }

    /// The candidate's field that gives the fact (`was_prosecuted` for
    /// [`Fact::EverProsecuted`]).
    ///
    /// ```
    /// use antq::medal::Fact;
    /// assert_eq!(Fact::EverProsecuted.field(), "was_prosecuted");
    /// assert_eq!(Fact::AlreadyReceived.field(), "already_received");
    /// ```
    pub fn field(self) -> &'static str {
        match self {
            Fact::EverProsecuted => "was_prosecuted",
            other => other.as_str(),
        }
    }
}

/// A prior award or commendation test.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CommendationTest {
    /// The lowest issuer level that counts (the default of `parameter`, when one is named).
    pub min_level: IssuerLevel,
    /// Only awards marked `for_movement` (for work in the movement) count.
    #[serde(default)]
    pub for_movement: bool,
    /// The parameter that may replace `min_level` (`commendation_min_level`); a rule with a
    /// parameter is illustrative in every result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
}

/// A leader's post level test.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PostLevelTest {
    /// The lowest level that passes.
    pub min: PostLevel,
}

/// What a condition checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ConditionTest {
    /// The group's years of counted service (see the [module](super) docs).
    ServiceYears,
    /// Fails when the fact is true.
    Flag(Fact),
    /// Fails when the fact is false; unknown (outcome `undetermined`) when left out.
    Required(Fact),
    /// At least one qualifying prior award.
    Commendation(CommendationTest),
    /// The leader's post is at least this level; unknown when `post_level` is left out.
    PostLevel(PostLevelTest),
}

/// Years required, by sex.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Years {
    /// Men.
    pub male: u32,
    /// Women.
    pub female: u32,
}

/// A group an instrument names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GroupRule {
    /// The group.
    pub group: Group,
    /// Whole years of counted service required.
    pub years: Years,
    /// The kinds of service that count, the group's own first (the kind a legacy
    /// `in_post_from` is read as).
    pub counts: Vec<ServiceKind>,
    /// Whether the instrument's area coefficients apply to this group's service.
    #[serde(default)]
    pub weighted: bool,
    /// Mark.
    pub certainty: Certainty,
    /// Legal basis.
    pub legal_basis: Vec<LegalRef>,
}

/// A group an instrument does not name: a candidate in it gets the outcome `not_covered`
/// with this note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NotNamed {
    /// The group.
    pub group: Group,
    /// Mark of the statement (partial: the text is known in part, the group was not found).
    pub certainty: Certainty,
    /// Why, and what to do instead.
    pub note: Text,
}

/// One condition of an instrument, in check order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ConditionRule {
    /// Stable code.
    pub code: ConditionCode,
    /// The groups it applies to (empty: every named group).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Group>,
    /// What it checks.
    pub test: ConditionTest,
    /// What failing it means: `not_eligible` or `deferred`.
    pub effect: MedalOutcome,
    /// Mark.
    pub certainty: Certainty,
    /// Legal basis.
    pub legal_basis: Vec<LegalRef>,
    /// The sentence when it is met.
    pub pass: Text,
    /// The sentence when it is not.
    pub fail: Text,
}

impl ConditionRule {
    /// Whether the condition applies to `group`.
    pub fn applies_to(&self, group: Group) -> bool {
        self.groups.is_empty() || self.groups.contains(&group)
    }
}

/// The medal rules of one instrument (one file of `core/data/medal/`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MedalRules {
    /// Version of this file format (1).
    pub format_version: u32,
    /// Instrument id, e.g. `vn.medal-2025`.
    pub id: String,
    /// Family: `vn.medal`.
    pub family: String,
    /// Version of the encoding.
    pub version: String,
    /// Title.
    pub title: Text,
    /// Legal basis.
    pub legal_basis: Vec<LegalRef>,
    /// Mark of the instrument's rules as a whole.
    pub certainty: Certainty,
    /// The period it applies in, by the proposal's date.
    pub effective: Effective,
    /// Coefficient per area kind for groups with `weighted`; areas not listed count once.
    #[serde(default)]
    pub area_coefficients: BTreeMap<AreaKind, u32>,
    /// Whether service counts again only from the end of a discipline.
    #[serde(default)]
    pub restart_after_discipline: bool,
    /// The groups it names.
    pub groups: Vec<GroupRule>,
    /// The groups it does not name.
    #[serde(default)]
    pub not_named: Vec<NotNamed>,
    /// The conditions, in check order.
    pub conditions: Vec<ConditionRule>,
    /// SHA-256 of the file the rules were read from (see [`MedalRules::content_hash`]).
    #[serde(skip)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    pub source_hash: String,
}

/// The parameter names a commendation test may carry.
pub const PARAMETERS: [&str; 1] = ["commendation_min_level"];

/// The index of the medal's instruments (read by [`crate::law`]).
pub(crate) const INDEX: &str = include_str!("../../../data/medal/index.toml");

/// The files of the medal's instruments.
pub(crate) const FILES: [(&str, &str); 2] = [
    ("medal-2021.toml", include_str!("../../../data/medal/medal-2021.toml")),
    ("medal-2025.toml", include_str!("../../../data/medal/medal-2025.toml")),
];

fn read(name: &str, text: &str) -> crate::Result<MedalRules> {
    let mut r: MedalRules = crate::read::source::read_input(name, text)?;
    r.source_hash = crate::law::file_hash(text).unwrap_or_default();
    Ok(r)
}

impl MedalRules {
    /// Every medal instrument antq encodes, earliest first (parsed once; each file is
    /// checked by a unit test, so none is left out in a release).
    pub fn all() -> &'static [MedalRules] {
        static ALL: OnceLock<Vec<MedalRules>> = OnceLock::new();
        ALL.get_or_init(|| {
            let mut v: Vec<MedalRules> =
                FILES.iter().filter_map(|(n, t)| read(n, t).ok()).filter(|r| r.problems().is_empty()).collect();
            v.sort_by_key(|r| r.effective.from);
            v
        })
    }

    /// The rules of instrument `id`.
    pub fn get(id: &str) -> Option<&'static MedalRules> {
        Self::all().iter().find(|r| r.id == id)
    }

    /// The rule of `group`, when the instrument names it.
    pub fn group(&self, group: Group) -> Option<&GroupRule> {
        self.groups.iter().find(|g| g.group == group)
    }

    /// The coefficient of an area for a weighted group (1 when not listed).
    pub fn coefficient(&self, area: AreaKind) -> u32 {
        self.area_coefficients.get(&area).copied().unwrap_or(1)
    }

    /// SHA-256 of the rules: of the file's content as JSON for the built-in rules unchanged
    /// (the hash [`crate::law`] lists), of the rules as JSON for any other.
    pub fn content_hash(&self) -> String {
        let builtin = !self.source_hash.is_empty() && MedalRules::get(&self.id).is_some_and(|r| r == self);
        if builtin { self.source_hash.clone() } else { crate::rules::hash_json(self) }
    }

    /// The names of the parameters of this instrument (all illustrative).
    pub fn parameters(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self
            .conditions
            .iter()
            .filter_map(|c| match &c.test {
                ConditionTest::Commendation(t) => t.parameter.as_deref(),
                _ => None,
            })
            .collect();
        v.dedup();
        v
    }

    /// The instrument these rules encode, for [`crate::law`].
    pub fn instrument(&self) -> crate::law::Instrument {
        crate::law::Instrument {
            id: self.id.clone(),
            family: self.family.clone(),
            title: self.title.clone(),
            legal_basis: self.legal_basis.clone(),
            effective: self.effective.clone(),
            encoding: crate::law::Encoding::Medal,
            version: self.version.clone(),
            content_hash: self.content_hash(),
        }
    }

    /// What is inconsistent in the rules (empty when they can be applied): the format
    /// version, the family, every group named or not named exactly once, a kind of service
    /// for every group, exactly one `service_years` condition, unique condition codes,
    /// effects `not_eligible` or `deferred`, known parameters, coefficients 1–10.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.format_version != 1 {
            out.push(format!("{}: format_version {} is not 1", self.id, self.format_version));
        }
        if self.family != "vn.medal" {
            out.push(format!("{}: family `{}` is not vn.medal", self.id, self.family));
        }
        let mut seen = HashSet::new();
        for g in self.groups.iter().map(|g| g.group).chain(self.not_named.iter().map(|n| n.group)) {
            if !seen.insert(g) {
                out.push(format!("{}: group `{}` is listed twice", self.id, g.as_str()));
            }
        }
        for g in Group::ALL {
            if !seen.contains(&g) {
                out.push(format!("{}: group `{}` is neither named nor listed as not named", self.id, g.as_str()));
            }
        }
        for g in &self.groups {
            if g.counts.is_empty() {
                out.push(format!("{}: group `{}` counts no kind of service", self.id, g.group.as_str()));
            }
        }
        let years = self.conditions.iter().filter(|c| c.test == ConditionTest::ServiceYears).count();
        if years != 1 {
            out.push(format!("{}: {years} service_years conditions, expected 1", self.id));
        }
        let mut codes = HashSet::new();
        for c in &self.conditions {
            if !codes.insert(c.code) {
                out.push(format!("{}: condition `{}` is listed twice", self.id, c.code.as_str()));
            }
            if !matches!(c.effect, MedalOutcome::NotEligible | MedalOutcome::Deferred) {
                out.push(format!("{}: condition `{}` has effect `{}`", self.id, c.code.as_str(), c.effect.as_str()));
            }
            if let Some(g) = c.groups.iter().find(|g| self.group(**g).is_none()) {
                out.push(format!(
                    "{}: condition `{}` names group `{}`, not named",
                    self.id,
                    c.code.as_str(),
                    g.as_str()
                ));
            }
            if let ConditionTest::Commendation(CommendationTest { parameter: Some(p), .. }) = &c.test
                && !PARAMETERS.contains(&p.as_str())
            {
                out.push(format!("{}: unknown parameter `{p}`", self.id));
            }
        }
        if let Some((a, c)) = self.area_coefficients.iter().find(|(_, c)| !(1..=10).contains(*c)) {
            out.push(format!("{}: coefficient {c} of {a:?} is outside 1–10", self.id));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_reads_and_is_consistent() {
        for (name, text) in FILES {
            let r = read(name, text).unwrap_or_else(|e| panic!("{name}: {e}"));
            let i = crate::law::instrument(&r.id).unwrap();
            assert_eq!((&i.content_hash, &i.version, &i.effective), (&r.content_hash(), &r.version, &r.effective));
            assert_eq!(i.content_hash.len(), 64);
            let e = crate::law::index("index.toml", INDEX).into_iter().find(|e| e.id == r.id).unwrap();
            assert_eq!(
                (e.file.as_str(), &e.family, &e.title, &e.legal_basis),
                (name, &r.family, &r.title, &r.legal_basis)
            );
        }
        assert_eq!(crate::law::index("index.toml", INDEX).len(), FILES.len());
        for (name, text) in FILES {
            let r = read(name, text).unwrap();
            let want = crate::law::file_hash(text).unwrap();
            assert_eq!(r.content_hash(), want, "{name}: set content_hash = \"{want}\" in core/data/medal/index.toml");
            assert_eq!(r.problems(), Vec::<String>::new(), "{name}");
        }
        assert_eq!(MedalRules::all().len(), FILES.len());
    }

    #[test]
    fn the_2021_and_2025_rules_are_as_domain_states() {
        let old = MedalRules::get("vn.medal-2021").unwrap();
        let new = MedalRules::get("vn.medal-2025").unwrap();
        assert_eq!(old.group(Group::OrganisationLeader).unwrap().years, Years { male: 5, female: 5 });
        assert_eq!(new.group(Group::OrganisationLeader).unwrap().years, Years { male: 10, female: 10 });
        let team = new.group(Group::GrassrootsSecurityTeam).unwrap();
        assert_eq!(team.years, Years { male: 15, female: 10 });
        assert!(team.weighted);
        assert_eq!(
            team.counts,
            vec![ServiceKind::GrassrootsSecurityTeam, ServiceKind::CivilProtection, ServiceKind::PartTimeCommunePolice]
        );
        for a in [AreaKind::ParticularHardship, AreaKind::Border, AreaKind::Island] {
            assert_eq!((new.coefficient(a), old.coefficient(a)), (2, 1));
        }
        assert!(new.group(Group::StreetGuard).is_none() && new.group(Group::Guard).is_none());
        assert!(new.restart_after_discipline && !old.restart_after_discipline);
        assert_eq!(new.parameters(), vec!["commendation_min_level"]);
        assert!(old.parameters().is_empty());
        // Marks: 11/2021 verified, 20/2025 partial in every rule.
        assert!(old.conditions.iter().all(|c| c.certainty == Certainty::Verified));
        assert!(new.conditions.iter().all(|c| c.certainty == Certainty::Partial));
        assert!(new.groups.iter().all(|g| g.certainty == Certainty::Partial));
        assert_eq!(new.effective.from, chrono::NaiveDate::from_ymd_opt(2025, 4, 28));
        assert_eq!(old.effective.until, chrono::NaiveDate::from_ymd_opt(2025, 4, 27));
    }

    #[test]
    fn problems_are_found() {
        let mut r = MedalRules::get("vn.medal-2025").unwrap().clone();
        r.not_named.clear();
        r.conditions.push(r.conditions[0].clone());
        r.area_coefficients.insert(AreaKind::Island, 0);
        let p = r.problems();
        assert_eq!(p.len(), 5, "{p:?}"); // three groups not named, a duplicate, a coefficient
        assert_ne!(r.content_hash(), MedalRules::get("vn.medal-2025").unwrap().content_hash());
    }
}
