//! Dated incidents and movement activities.

use crate::model::unit::UnitId;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// An event of a "no occurrence" category (e.g. RA-3 (a)–(e), school violence).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Incident {
    /// Where it happened.
    pub unit: UnitId,
    /// When it happened; the unit kind's window decides which year it counts toward.
    #[serde(deserialize_with = "crate::model::date::iso")]
    pub date: NaiveDate,
    /// Category id declared by the rule set (e.g. `anti_state`, `school_violence`).
    pub category: String,
    /// Free note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Who issued an award (DOMAIN §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Issuer {
    /// The Minister of Public Security.
    Minister,
    /// The provincial People's Committee.
    ProvincialCommittee,
    /// The provincial police director.
    ProvincialPolice,
    /// The district People's Committee chairman.
    DistrictChairman,
    /// The commune People's Committee chairman.
    CommuneChairman,
}

/// The form of an award.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AwardForm {
    /// Bằng khen (certificate of merit, higher).
    BangKhen,
    /// Giấy khen (certificate of merit, lower).
    GiayKhen,
    /// Cờ thi đua (emulation flag).
    EmulationFlag,
}

/// Who received an award.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Recipient {
    /// A collective.
    Collective,
    /// An individual.
    Individual,
}

/// What an activity was.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum ActivityKind {
    /// Propaganda meetings.
    PropagandaMeeting {
        /// People who attended, over all meetings of the record.
        attendees: u64,
    },
    /// Tip-offs from the people to the police.
    TipOff {
        /// How many of the record's tip-offs were valuable.
        valuable: u64,
    },
    /// A movement model (self-governing, self-protecting practice).
    Model {
        /// Name of the model.
        name: String,
        /// Places where it is replicated.
        sites: u64,
        /// Whether it is recognised as typical.
        typical: bool,
    },
    /// A festival day event (19 August).
    Festival {
        /// Participants.
        participants: u64,
    },
    /// Awards (certificates of merit, flags).
    Award {
        /// Who issued them.
        issuer: Issuer,
        /// Their form.
        form: AwardForm,
        /// Who received them.
        recipient: Recipient,
    },
    /// People who broke the law helped by the community.
    PeopleHelped {
        /// Of them, people reformed.
        reformed: u64,
    },
    /// Support mobilised (money, houses).
    Support {
        /// Amount in đồng.
        amount_vnd: u64,
        /// Houses built.
        #[serde(default)]
        houses: u64,
    },
}

/// A dated activity record; `count` events of the same kind may be recorded at once.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Activity {
    /// Where.
    pub unit: UnitId,
    /// When (the last day, for a record that sums several events).
    pub date: NaiveDate,
    /// How many events the record sums (meetings, tip-offs, awards, people); at least 1.
    #[serde(default = "one")]
    pub count: u64,
    /// What.
    #[serde(flatten)]
    pub kind: ActivityKind,
}

/// The file form of an activity: one flat record whose `type` says which of the other
/// fields it must have. Read as a plain struct (no buffering of the whole record, as
/// serde's flattened tagged enums need), then checked by [`Activity::try_from`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawActivity {
    unit: UnitId,
    #[serde(deserialize_with = "crate::model::date::iso")]
    date: NaiveDate,
    #[serde(default = "one")]
    count: u64,
    #[serde(rename = "type")]
    kind: ActivityType,
    attendees: Option<u64>,
    valuable: Option<u64>,
    name: Option<String>,
    sites: Option<u64>,
    typical: Option<bool>,
    participants: Option<u64>,
    issuer: Option<Issuer>,
    form: Option<AwardForm>,
    recipient: Option<Recipient>,
    reformed: Option<u64>,
    amount_vnd: Option<u64>,
    /// Left out: 0 (no house built); `null` is unknown and refused, never read as 0.
    #[serde(default, deserialize_with = "given")]
    houses: Option<u64>,
}

/// A field with a default when left out (`#[serde(default)]`), given as a value: `null`
/// is refused, as it is for `count`.
fn given<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    u64::deserialize(d).map(Some)
}

/// The `type` of an activity record.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum ActivityType {
    PropagandaMeeting,
    TipOff,
    Model,
    Festival,
    Award,
    PeopleHelped,
    Support,
}

impl<'de> Deserialize<'de> for Activity {
    /// Read through the flat `RawActivity` form (see there), then checked.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        RawActivity::deserialize(d)?.try_into().map_err(serde::de::Error::custom)
    }
}

impl TryFrom<RawActivity> for Activity {
    type Error = String;

    fn try_from(r: RawActivity) -> Result<Self, String> {
        use ActivityType as T;
        let (ty, fields): (&str, &[&str]) = match r.kind {
            T::PropagandaMeeting => ("propaganda_meeting", &["attendees"]),
            T::TipOff => ("tip_off", &["valuable"]),
            T::Model => ("model", &["name", "sites", "typical"]),
            T::Festival => ("festival", &["participants"]),
            T::Award => ("award", &["issuer", "form", "recipient"]),
            T::PeopleHelped => ("people_helped", &["reformed"]),
            T::Support => ("support", &["amount_vnd", "houses"]),
        };
        let present = [
            ("attendees", r.attendees.is_some()),
            ("valuable", r.valuable.is_some()),
            ("name", r.name.is_some()),
            ("sites", r.sites.is_some()),
            ("typical", r.typical.is_some()),
            ("participants", r.participants.is_some()),
            ("issuer", r.issuer.is_some()),
            ("form", r.form.is_some()),
            ("recipient", r.recipient.is_some()),
            ("reformed", r.reformed.is_some()),
            ("amount_vnd", r.amount_vnd.is_some()),
            ("houses", r.houses.is_some()),
        ];
        let what = format!("an activity of type `{ty}`");
        crate::read::raw::only_fields(&what, fields, &present)?;
        let need = |f: &str| crate::read::raw::missing(&what, f);
        let kind = match r.kind {
            T::PropagandaMeeting => {
                ActivityKind::PropagandaMeeting { attendees: r.attendees.ok_or_else(|| need("attendees"))? }
            }
            T::TipOff => ActivityKind::TipOff { valuable: r.valuable.ok_or_else(|| need("valuable"))? },
            T::Model => ActivityKind::Model {
                name: r.name.ok_or_else(|| need("name"))?,
                sites: r.sites.ok_or_else(|| need("sites"))?,
                typical: r.typical.ok_or_else(|| need("typical"))?,
            },
            T::Festival => ActivityKind::Festival { participants: r.participants.ok_or_else(|| need("participants"))? },
            T::Award => ActivityKind::Award {
                issuer: r.issuer.ok_or_else(|| need("issuer"))?,
                form: r.form.ok_or_else(|| need("form"))?,
                recipient: r.recipient.ok_or_else(|| need("recipient"))?,
            },
            T::PeopleHelped => ActivityKind::PeopleHelped { reformed: r.reformed.ok_or_else(|| need("reformed"))? },
            T::Support => ActivityKind::Support {
                amount_vnd: r.amount_vnd.ok_or_else(|| need("amount_vnd"))?,
                houses: r.houses.unwrap_or(0),
            },
        };
        Ok(Activity { unit: r.unit, date: r.date, count: r.count, kind })
    }
}

fn one() -> u64 {
    1
}

impl Issuer {
    /// The issuer's name.
    pub fn label(self) -> crate::Text {
        use crate::Text as T;
        match self {
            Issuer::Minister => T::new("Bộ trưởng Bộ Công an", "Minister of Public Security"),
            Issuer::ProvincialCommittee => T::new("UBND tỉnh", "provincial People's Committee"),
            Issuer::ProvincialPolice => T::new("Giám đốc Công an tỉnh", "provincial police director"),
            Issuer::DistrictChairman => T::new("Chủ tịch UBND huyện", "district chairman"),
            Issuer::CommuneChairman => T::new("Chủ tịch UBND xã", "commune chairman"),
        }
    }
}

impl AwardForm {
    /// The form's name.
    pub fn label(self) -> crate::Text {
        use crate::Text as T;
        match self {
            AwardForm::BangKhen => T::new("Bằng khen", "certificate of merit (Bằng khen)"),
            AwardForm::GiayKhen => T::new("Giấy khen", "certificate of merit (Giấy khen)"),
            AwardForm::EmulationFlag => T::new("Cờ thi đua", "emulation flag"),
        }
    }
}

impl Recipient {
    /// The recipient type's name.
    pub fn label(self) -> crate::Text {
        use crate::Text as T;
        match self {
            Recipient::Collective => T::new("tập thể", "collectives"),
            Recipient::Individual => T::new("cá nhân", "individuals"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn houses(json: &str) -> Result<u64, String> {
        let a: Activity = serde_json::from_str(json).map_err(|e| e.to_string())?;
        match a.kind {
            ActivityKind::Support { houses, .. } => Ok(houses),
            k => Err(format!("not support: {k:?}")),
        }
    }

    /// A support record's `houses` left out is 0 (its default, as `count`'s is 1); `null` is
    /// unknown and refused, as a null `count` is, never read as 0 houses.
    #[test]
    fn a_null_houses_is_refused_never_read_as_zero() {
        let rec = |h: &str| format!(r#"{{"unit":"C","date":"2023-05-01","type":"support","amount_vnd":100{h}}}"#);
        assert_eq!(houses(&rec("")), Ok(0));
        assert_eq!(houses(&rec(r#","houses":3"#)), Ok(3));
        let e = houses(&rec(r#","houses":null"#)).unwrap_err();
        assert!(e.contains("null"), "{e}");
        let e = serde_json::from_str::<Activity>(
            r#"{"unit":"C","date":"2023-05-01","type":"support","amount_vnd":1,"count":null}"#,
        );
        assert!(e.is_err(), "a null count is refused too");
    }
}
