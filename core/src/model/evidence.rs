//! A unit's evidence for one year, and the indicators rule tests read from it.

use crate::model::attested::Attested;
use crate::model::points::Points;
use crate::model::unit::UnitId;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the review recorded for an attested criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Attestation {
    /// The review meeting confirmed the criterion is met.
    Yes,
    /// The review meeting found it is not met.
    No,
    /// Not known (the same as not recording it).
    Unknown,
}

impl Attestation {
    /// The snake_case code (as in JSON and CSV).
    ///
    /// ```
    /// assert_eq!(antq::Attestation::Yes.as_str(), "yes");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Attestation::Yes => "yes",
            Attestation::No => "no",
            Attestation::Unknown => "unknown",
        }
    }

    /// The attestation a code names (`yes`, `no`, `unknown`: [`Attestation::as_str`]'s
    /// inverse), or none.
    ///
    /// ```
    /// use antq::Attestation;
    /// assert_eq!(Attestation::from_code("no"), Some(Attestation::No));
    /// assert_eq!(Attestation::from_code("Yes"), None);
    /// ```
    pub fn from_code(code: &str) -> Option<Attestation> {
        [Attestation::Yes, Attestation::No, Attestation::Unknown].into_iter().find(|a| a.as_str() == code)
    }
}

/// A points item's two scores: the unit's own and the reviewer's (both kept).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Score {
    /// The unit's self-assessed score.
    #[serde(default, rename = "self", skip_serializing_if = "Option::is_none")]
    pub self_score: Option<Points>,
    /// The reviewer's confirmed score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed: Option<Points>,
}

macro_rules! evidence {
    (
        dates { $($(#[$dm:meta])* $d:ident => $dv:ident),* $(,)? }
        counts { $($(#[$cm:meta])* $c:ident => $cv:ident),* $(,)? }
        flags { $($(#[$fm:meta])* $f:ident => $fv:ident),* $(,)? }
    ) => {
        /// A unit's evidence for one evaluation year. Every field is optional:
        /// a field left out is *unknown*, never zero or false.
        #[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(deny_unknown_fields)]
        pub struct Evidence {
            /// The unit.
            pub unit: UnitId,
            /// The evaluation year.
            pub year: i32,
            $($(#[$dm])* #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::model::date::iso_opt")] pub $d: Option<NaiveDate>,)*
            $($(#[$cm])* #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "count_opt")] #[cfg_attr(feature = "schema", schemars(range(max = 4_294_967_295u32)))] pub $c: Option<u32>,)*
            $($(#[$fm])* #[serde(default, skip_serializing_if = "Option::is_none")] pub $f: Option<bool>,)*
            /// Attested criteria: key (usually the criterion id) → yes / no / unknown. Each
            /// key once (a duplicate is refused), and only keys the rule set uses.
            #[serde(default, skip_serializing_if = "Attested::is_empty")]
            pub attested: Attested,
            /// Points items: item id → self and reviewed scores. Each item once.
            #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "crate::read::raw::unique_map")]
            pub points: BTreeMap<String, Score>,
        }

        /// A piece of evidence that a rule test can read. The set is closed:
        /// a rule file naming any other indicator is refused.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum Indicator {
            $($(#[$dm])* $dv,)*
            $($(#[$cm])* $cv,)*
            $($(#[$fm])* $fv,)*
        }

        impl Indicator {
            /// Every indicator.
            pub const ALL: &'static [Indicator] = &[$(Indicator::$dv,)* $(Indicator::$cv,)* $(Indicator::$fv,)*];

            /// The snake_case name used in files.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Indicator::$dv => stringify!($d),)*
                    $(Indicator::$cv => stringify!($c),)*
                    $(Indicator::$fv => stringify!($f),)*
                }
            }

            /// What type of value the indicator holds.
            pub fn value_type(self) -> ValueType {
                match self {
                    $(Indicator::$dv => ValueType::Date,)*
                    $(Indicator::$cv => ValueType::Count,)*
                    $(Indicator::$fv => ValueType::Flag,)*
                }
            }
        }

        impl Evidence {
            /// The value of an indicator, if recorded.
            pub fn get(&self, i: Indicator) -> Option<Value> {
                match i {
                    $(Indicator::$dv => self.$d.map(Value::Date),)*
                    $(Indicator::$cv => self.$c.map(|c| Value::Count(c.into())),)*
                    $(Indicator::$fv => self.$f.map(Value::Flag),)*
                }
            }

            /// A date indicator's value: `None` when it is not recorded, or is not a date.
            #[cfg(feature = "compiled")]
            pub(crate) fn date(&self, i: Indicator) -> Option<NaiveDate> {
                match i {
                    $(Indicator::$dv => self.$d,)*
                    _ => None,
                }
            }

            /// A count indicator's value: `None` when it is not recorded, or is not a count.
            #[cfg(feature = "compiled")]
            pub(crate) fn count(&self, i: Indicator) -> Option<u64> {
                match i {
                    $(Indicator::$cv => self.$c.map(u64::from),)*
                    _ => None,
                }
            }

            /// A flag indicator's value: `None` when it is not recorded, or is not a flag.
            #[cfg(feature = "compiled")]
            pub(crate) fn flag(&self, i: Indicator) -> Option<bool> {
                match i {
                    $(Indicator::$fv => self.$f,)*
                    _ => None,
                }
            }

            /// The indicators recorded, as a bit set: bit `b` for [`Indicator::ALL`]`[b]`
            /// (one pass over the fields, for checks that visit every record).
            pub(crate) fn recorded(&self) -> u64 {
                let mut mask = 0u64;
                $(mask |= u64::from(self.$d.is_some()) << Indicator::$dv as u32;)*
                $(mask |= u64::from(self.$c.is_some()) << Indicator::$cv as u32;)*
                $(mask |= u64::from(self.$f.is_some()) << Indicator::$fv as u32;)*
                mask
            }

            /// Sets an indicator, or clears it with `None`. A value of the wrong type is refused.
            pub fn set(&mut self, i: Indicator, v: Option<Value>) -> Result<(), String> {
                match i {
                    $(Indicator::$dv => self.$d = match v { None => None, Some(Value::Date(d)) => Some(d), Some(o) => return Err(format!("{} needs a date, not {o:?}", i.as_str())) },)*
                    $(Indicator::$cv => self.$c = match v { None => None, Some(Value::Count(d)) => Some(count(i, d)?), Some(o) => return Err(format!("{} needs a count, not {o:?}", i.as_str())) },)*
                    $(Indicator::$fv => self.$f = match v { None => None, Some(Value::Flag(d)) => Some(d), Some(o) => return Err(format!("{} needs true or false, not {o:?}", i.as_str())) },)*
                }
                Ok(())
            }
        }
    };
}

evidence! {
    dates {
        /// Date the Party cell or committee passed its resolution on the movement.
        resolution_date => ResolutionDate,
        /// Date the security plan was issued (People's Committee or organisation).
        plan_date => PlanDate,
        /// Date the unit registered to strive for the standard.
        registration_date => RegistrationDate,
        /// Date the steering committee's programme was issued.
        programme_date => ProgrammeDate,
    }
    counts {
        /// Resident households.
        households_total => HouseholdsTotal,
        /// Households registered to take part.
        households_registered => HouseholdsRegistered,
        /// Staff (officials, employees, teachers).
        staff_total => StaffTotal,
        /// Staff briefed on the rules and criteria.
        staff_briefed => StaffBriefed,
        /// Members and staff the propaganda should reach.
        members_total => MembersTotal,
        /// Members and staff the propaganda reached.
        members_reached => MembersReached,
        /// Effective movement models built or kept.
        effective_models => EffectiveModels,
        /// Commune police officers disciplined in the window.
        disciplined_officers => DisciplinedOfficers,
    }
    flags {
        /// The unit registered (use when no registration date is known, or to record `false`).
        registered => Registered,
        /// The unit has a Party organisation.
        party_organisation => PartyOrganisation,
        /// Internal rules on protecting the unit exist.
        rules_unit_protection => RulesUnitProtection,
        /// Internal rules on protecting state secrets exist.
        rules_state_secrets => RulesStateSecrets,
        /// Internal rules on internal political protection exist.
        rules_internal_politics => RulesInternalPolitics,
        /// Internal rules on labour safety exist.
        rules_labour_safety => RulesLabourSafety,
        /// Internal rules on fire and explosion prevention exist.
        rules_fire_explosion => RulesFireExplosion,
        /// Internal rules on the environment exist.
        rules_environment => RulesEnvironment,
        /// Coordination rules with the local police exist.
        police_coordination_rules => PoliceCoordinationRules,
        /// The unit coordinates with the parents' representative board (schools).
        parents_board_coordination => ParentsBoardCoordination,
        /// The unit took part in the 19 August festival.
        festival_participation => FestivalParticipation,
    }
}

/// A count as a record holds it: at most `u32::MAX` (4,294,967,295), far above any count of
/// households, staff or members; a larger value is refused, never cut.
fn count(i: Indicator, d: u64) -> Result<u32, String> {
    u32::try_from(d).map_err(|_| format!("{} is {}", i.as_str(), too_large(d)))
}

/// Why a count is refused.
fn too_large(c: u64) -> String {
    format!("{c}: a count must be at most {}", u32::MAX)
}

/// A count as a file gives it: refused above what a record holds (as the value is read, so
/// that the error names the field).
fn count_opt<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    struct Count(u32);
    impl<'de> Deserialize<'de> for Count {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct Visit;
            impl serde::de::Visitor<'_> for Visit {
                type Value = Count;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("a count (a whole number from 0)")
                }
                fn visit_u64<E: serde::de::Error>(self, c: u64) -> Result<Count, E> {
                    u32::try_from(c).map(Count).map_err(|_| E::custom(too_large(c)))
                }
                fn visit_i64<E: serde::de::Error>(self, c: i64) -> Result<Count, E> {
                    u64::try_from(c)
                        .map_err(|_| E::invalid_value(serde::de::Unexpected::Signed(c), &self))
                        .and_then(|c| self.visit_u64(c))
                }
            }
            d.deserialize_u64(Visit)
        }
    }
    Ok(Option::<Count>::deserialize(d)?.map(|c| c.0))
}

// `Evidence::recorded` keeps one bit per indicator, at the indicator's place in `ALL`.
const _: () = assert!(Indicator::ALL.len() <= 64);
const _: () = {
    let mut b = 0;
    while b < Indicator::ALL.len() {
        assert!(Indicator::ALL[b] as usize == b);
        b += 1;
    }
};

/// The type of an indicator's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ValueType {
    /// A calendar date.
    Date,
    /// A non-negative count.
    Count,
    /// Yes or no.
    Flag,
}

/// An observed value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum Value {
    /// A date.
    Date(NaiveDate),
    /// A count.
    Count(u64),
    /// A flag.
    Flag(bool),
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Date(d) => write!(f, "{d}"),
            Value::Count(c) => write!(f, "{c}"),
            Value::Flag(true) => f.write_str("yes"),
            Value::Flag(false) => f.write_str("no"),
        }
    }
}

/// Attested keys renamed to follow the one spelling scheme, as (former, current).
///
/// An attested key is a criterion's id (`RA-2`), or for one part of a criterion the
/// criterion's id, `/` and the part: another criterion's key or a short name (`RA-3/other`,
/// `CW-2/RA-2`, `CW-2/RA-3/other`). Evidence written with a former spelling is still read,
/// as the current key, with a `former_key` lint; giving both spellings in one record is
/// refused (`duplicate_id`).
pub const FORMER_KEYS: &[(&str, &str)] = &[("CW-2/RA-3-other", "CW-2/RA-3/other")];

/// The current spelling of an attested key (the key itself unless it is in [`FORMER_KEYS`]).
///
/// ```
/// assert_eq!(antq::current_key("CW-2/RA-3-other"), "CW-2/RA-3/other");
/// assert_eq!(antq::current_key("RA-2"), "RA-2");
/// ```
pub fn current_key(key: &str) -> &str {
    FORMER_KEYS.iter().find(|(old, _)| *old == key).map_or(key, |(_, new)| new)
}

impl Evidence {
    /// Empty evidence (everything unknown) for a unit and year.
    pub fn new(unit: impl Into<String>, year: i32) -> Self {
        Evidence { unit: UnitId::raw(unit.into()), year, ..Evidence::default() }
    }

    /// A `bad_value` problem for each count recorded larger than its total (households
    /// registered, staff briefed, members reached), located at `record.<field>`: what
    /// validation refuses, in a dataset or in a what-if plan's changed record.
    pub(crate) fn counts_over_totals<'s>(
        &'s self,
        record: &'s dyn Fn() -> String,
    ) -> impl Iterator<Item = crate::Problem> + 's {
        [
            ("households_registered", self.households_registered, self.households_total),
            ("staff_briefed", self.staff_briefed, self.staff_total),
            ("members_reached", self.members_reached, self.members_total),
        ]
        .into_iter()
        .filter_map(move |(field, a, b)| match (a, b) {
            (Some(a), Some(b)) if a > b => Some(
                crate::Problem::new(
                    crate::ProblemCode::BadValue,
                    crate::Location::path(format!("{}.{field}", record())).with_unit(self.unit.as_str()),
                    format!("{field} ({a}) is larger than its total ({b})"),
                )
                .with_vi(format!("{field} ({a}) lớn hơn tổng số của nó ({b})")),
            ),
            _ => None,
        })
    }

    /// The attestation recorded under `key` or a former spelling of it.
    pub fn attestation(&self, key: &str) -> Option<Attestation> {
        let key = current_key(key);
        self.attested
            .get(key)
            .or_else(|| FORMER_KEYS.iter().filter(|(_, new)| *new == key).find_map(|(old, _)| self.attested.get(old)))
    }

    /// Records an attestation under the current spelling of `key`, dropping a former one.
    pub fn attest(&mut self, key: &str, a: Attestation) {
        let key = current_key(key);
        for (old, _) in FORMER_KEYS.iter().filter(|(_, new)| *new == key) {
            self.attested.remove(old);
        }
        self.attested.insert(key, a);
    }
}

impl Indicator {
    /// The indicator's name in both languages, for explanations.
    pub fn label(self) -> crate::Text {
        let (vi, en) = self.names();
        crate::Text::new(vi, en)
    }

    /// The indicator's name (Vietnamese, English), without allocating.
    pub(crate) fn names(self) -> (&'static str, &'static str) {
        match self {
            Indicator::ResolutionDate => ("Ngày ban hành nghị quyết", "Resolution date"),
            Indicator::PlanDate => ("Ngày ban hành kế hoạch", "Security plan date"),
            Indicator::RegistrationDate => ("Ngày đăng ký", "Registration date"),
            Indicator::ProgrammeDate => {
                ("Ngày ban hành chương trình của Ban chỉ đạo", "Steering committee programme date")
            }
            Indicator::HouseholdsTotal => ("Số hộ gia đình", "Households"),
            Indicator::HouseholdsRegistered => ("Số hộ đăng ký tham gia", "Households registered"),
            Indicator::StaffTotal => ("Số cán bộ, nhân viên", "Staff"),
            Indicator::StaffBriefed => ("Số cán bộ, nhân viên được quán triệt", "Staff briefed"),
            Indicator::MembersTotal => ("Số đảng viên, cán bộ, nhân viên", "Members and staff"),
            Indicator::MembersReached => ("Số người được tuyên truyền", "Members and staff reached"),
            Indicator::EffectiveModels => ("Số mô hình hoạt động hiệu quả", "Effective models"),
            Indicator::DisciplinedOfficers => {
                ("Số cán bộ Công an xã bị kỷ luật", "Commune police officers disciplined")
            }
            Indicator::Registered => ("Đã đăng ký", "Registered"),
            Indicator::PartyOrganisation => ("Có tổ chức Đảng", "Has a Party organisation"),
            Indicator::RulesUnitProtection => ("Nội quy bảo vệ cơ quan", "Rules on protecting the unit"),
            Indicator::RulesStateSecrets => ("Quy chế bảo vệ bí mật nhà nước", "Rules on state secrets"),
            Indicator::RulesInternalPolitics => {
                ("Quy chế bảo vệ chính trị nội bộ", "Rules on internal political protection")
            }
            Indicator::RulesLabourSafety => ("Nội quy an toàn lao động", "Rules on labour safety"),
            Indicator::RulesFireExplosion => ("Nội quy phòng chống cháy nổ", "Rules on fire and explosion prevention"),
            Indicator::RulesEnvironment => ("Quy định về bảo vệ môi trường", "Rules on the environment"),
            Indicator::PoliceCoordinationRules => {
                ("Quy chế phối hợp với Công an", "Coordination rules with the police")
            }
            Indicator::ParentsBoardCoordination => {
                ("Phối hợp với Ban đại diện cha mẹ học sinh", "Coordination with the parents' board")
            }
            Indicator::FestivalParticipation => ("Tham gia Ngày hội 19/8", "Took part in the 19 August festival"),
        }
    }
}
