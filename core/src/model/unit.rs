//! Units of the movement and their kinds (DOMAIN §2).

use crate::model::text::Lang;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The identifier of a unit, unique within a dataset.
///
/// Read in Unicode NFC: an id written with decomposed letters (`Ho` + U+0300 + `a`) is the
/// same id as its precomposed form (`Hòa`), wherever it is read (a unit's `id` and
/// `parent`, evidence, incidents, activities, parent changes).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct UnitId(pub IdText);

/// The text of a [`UnitId`]: a `compact_str::CompactString` (ids of up to 24 bytes inline,
/// with no allocation each), or a `String` in WebAssembly, where the module's size counts
/// for more. Both convert from `&str` and `String` with `.into()`.
#[cfg(not(target_family = "wasm"))]
pub type IdText = compact_str::CompactString;
/// The text of a [`UnitId`] (a `String` in WebAssembly; see the native definition).
#[cfg(target_family = "wasm")]
pub type IdText = String;

impl<'de> Deserialize<'de> for UnitId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = IdText::deserialize(d)?;
        // An ASCII id (almost every id) is already in NFC, and stays inline.
        Ok(if s.is_ascii() { UnitId(s) } else { UnitId::raw(crate::model::identity::nfc(s.as_str().to_owned())) })
    }
}

impl UnitId {
    /// `id` as it is, not normalised (for ids built by the library itself).
    pub(crate) fn raw(id: String) -> UnitId {
        #[cfg(not(target_family = "wasm"))]
        return UnitId(id.into());
        #[cfg(target_family = "wasm")]
        UnitId(id)
    }

    /// The id as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `id` as antq compares unit ids: in Unicode NFC, as every id is read (borrowed when
    /// it already is). Every lookup by id goes through it, so "Hòa" typed decomposed finds
    /// the unit read precomposed.
    ///
    /// ```
    /// assert_eq!(antq::UnitId::normalize("Ho\u{0300}a"), "H\u{f2}a");
    /// assert!(matches!(antq::UnitId::normalize("KM-TT"), std::borrow::Cow::Borrowed(_)));
    /// ```
    pub fn normalize(id: &str) -> std::borrow::Cow<'_, str> {
        if id.is_ascii() {
            return std::borrow::Cow::Borrowed(id);
        }
        let n = crate::model::identity::nfc(id.to_owned());
        if n == id { std::borrow::Cow::Borrowed(id) } else { std::borrow::Cow::Owned(n) }
    }
}

impl fmt::Display for UnitId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for UnitId {
    /// The id in Unicode NFC.
    fn from(s: &str) -> Self {
        if s.is_ascii() { UnitId(s.into()) } else { UnitId::raw(crate::model::identity::nfc(s.to_owned())) }
    }
}

/// The kind of a unit, without its sub-kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Kind {
    /// Province or centrally-run city (tỉnh, thành phố trực thuộc trung ương).
    Province,
    /// District level (huyện, quận, thị xã, thành phố thuộc tỉnh); abolished 1 July 2025.
    District,
    /// Commune level (xã, phường, thị trấn, đặc khu).
    Commune,
    /// Residential area (khu dân cư): village, hamlet, residential group.
    ResidentialArea,
    /// Agency (cơ quan).
    Agency,
    /// Enterprise (doanh nghiệp).
    Enterprise,
    /// Educational institution (cơ sở giáo dục).
    School,
}

impl Kind {
    /// Every kind, from the top of the hierarchy down.
    pub const ALL: [Kind; 7] = [
        Kind::Province,
        Kind::District,
        Kind::Commune,
        Kind::ResidentialArea,
        Kind::Agency,
        Kind::Enterprise,
        Kind::School,
    ];

    /// The kind of a snake_case name, as every surface reads one; an unknown name is an
    /// error listing the kinds.
    ///
    /// ```
    /// use antq::Kind;
    /// assert_eq!(Kind::from_code("commune").unwrap(), Kind::Commune);
    /// assert!(Kind::from_code("communes").unwrap_err().contains("residential_area"));
    /// ```
    pub fn from_code(code: &str) -> Result<Kind, String> {
        Kind::ALL.into_iter().find(|k| k.as_str() == code).ok_or_else(|| {
            let all: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
            format!("unknown unit kind {code:?}; expected one of {}", all.join(", "))
        })
    }

    /// The snake_case name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Province => "province",
            Kind::District => "district",
            Kind::Commune => "commune",
            Kind::ResidentialArea => "residential_area",
            Kind::Agency => "agency",
            Kind::Enterprise => "enterprise",
            Kind::School => "school",
        }
    }

    /// The kind's name in `lang`: the file's name (`residential_area`) in English, the
    /// Vietnamese term (`khu dân cư`) in Vietnamese.
    ///
    /// ```
    /// use antq::{Kind, Lang};
    /// assert_eq!(Kind::ResidentialArea.label(Lang::Vi), "khu dân cư");
    /// assert_eq!(Kind::ResidentialArea.label(Lang::En), "residential_area");
    /// ```
    pub fn label(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.as_str(),
            Lang::Vi => match self {
                Kind::Province => "cấp tỉnh",
                Kind::District => "cấp huyện",
                Kind::Commune => "cấp xã",
                Kind::ResidentialArea => "khu dân cư",
                Kind::Agency => "cơ quan",
                Kind::Enterprise => "doanh nghiệp",
                Kind::School => "cơ sở giáo dục",
            },
        }
    }

    /// The name in `lang` of `code`, a sub-kind of this kind as files name it (`to_dan_pho`
    /// → `tổ dân phố`); `code` itself when it is none.
    ///
    /// ```
    /// use antq::{Kind, Lang};
    /// assert_eq!(Kind::Commune.subkind_label("phuong", Lang::Vi), "phường");
    /// assert_eq!(Kind::Commune.subkind_label("phuong", Lang::En), "phuong");
    /// assert_eq!(Kind::Commune.subkind_label("thon", Lang::Vi), "thon");
    /// ```
    pub fn subkind_label(self, code: &str, lang: Lang) -> &str {
        let label = match self {
            Kind::Province => ProvinceKind::from_code(code).map(|k| k.label(lang)),
            Kind::District => DistrictKind::from_code(code).map(|k| k.label(lang)),
            Kind::Commune => CommuneKind::from_code(code).map(|k| k.label(lang)),
            Kind::ResidentialArea => AreaKind::from_code(code).map(|k| k.label(lang)),
            Kind::Agency if code == "armed_forces" && lang == Lang::Vi => Some("lực lượng vũ trang"),
            Kind::Agency => None,
            Kind::Enterprise => EnterpriseSize::from_code(code).map(|k| k.label(lang)),
            Kind::School => SchoolLevel::from_code(code).map(|k| k.label(lang)),
        };
        label.unwrap_or(code)
    }

    /// Whether the kind is an administrative level (province, district, commune).
    pub fn is_administrative(self) -> bool {
        matches!(self, Kind::Province | Kind::District | Kind::Commune)
    }

    /// Whether the kind is an organisation (agency, enterprise, school).
    pub fn is_organisation(self) -> bool {
        matches!(self, Kind::Agency | Kind::Enterprise | Kind::School)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! name_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = $s:literal / $vi:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $v),+ }
        impl $name {
            /// The snake_case name used in files.
            pub fn as_str(self) -> &'static str { match self { $($name::$v => $s),+ } }
            /// The name in `lang`: the file's name in English, the Vietnamese word in
            /// Vietnamese.
            pub fn label(self, lang: Lang) -> &'static str {
                match lang {
                    Lang::En => self.as_str(),
                    Lang::Vi => match self { $($name::$v => $vi),+ },
                }
            }
            /// The sub-kind of a file's name, if it is one.
            fn from_code(code: &str) -> Option<Self> {
                match code { $($s => Some($name::$v),)+ _ => None }
            }
        }
    };
}

name_enum!(
    /// Sub-kind of a province.
    ProvinceKind {
        /// Tỉnh.
        Tinh = "tinh" / "tỉnh",
        /// Thành phố trực thuộc trung ương.
        ThanhPho = "thanh_pho" / "thành phố trực thuộc trung ương",
    }
);
name_enum!(
    /// Sub-kind of a district-level unit.
    DistrictKind {
        /// Huyện (rural district).
        Huyen = "huyen" / "huyện",
        /// Quận (urban district).
        Quan = "quan" / "quận",
        /// Thị xã (town).
        ThiXa = "thi_xa" / "thị xã",
        /// Thành phố thuộc tỉnh (provincial city).
        ThanhPho = "thanh_pho" / "thành phố thuộc tỉnh",
    }
);
name_enum!(
    /// Sub-kind of a commune-level unit.
    CommuneKind {
        /// Xã (rural commune).
        Xa = "xa" / "xã",
        /// Phường (ward).
        Phuong = "phuong" / "phường",
        /// Thị trấn (township); gone from 1 July 2025.
        ThiTran = "thi_tran" / "thị trấn",
        /// Đặc khu (special zone); from 1 July 2025.
        DacKhu = "dac_khu" / "đặc khu",
    }
);
name_enum!(
    /// Sub-kind of a residential area.
    AreaKind {
        /// Thôn.
        Thon = "thon" / "thôn",
        /// Làng.
        Lang = "lang" / "làng",
        /// Bản.
        Ban = "ban" / "bản",
        /// Ấp.
        Ap = "ap" / "ấp",
        /// Buôn.
        Buon = "buon" / "buôn",
        /// Phum.
        Phum = "phum" / "phum",
        /// Sóc.
        Soc = "soc" / "sóc",
        /// Khóm.
        Khom = "khom" / "khóm",
        /// Tổ dân phố.
        ToDanPho = "to_dan_pho" / "tổ dân phố",
        /// Khu phố.
        KhuPho = "khu_pho" / "khu phố",
    }
);
name_enum!(
    /// Size class of an enterprise.
    EnterpriseSize {
        /// Micro enterprise (out of scope).
        Micro = "micro" / "siêu nhỏ",
        /// Small enterprise (out of scope).
        Small = "small" / "nhỏ",
        /// Medium enterprise.
        Medium = "medium" / "vừa",
        /// Large enterprise.
        Large = "large" / "lớn",
    }
);
name_enum!(
    /// Level of an educational institution.
    SchoolLevel {
        /// Nhà trẻ (crèche; out of scope).
        Creche = "creche" / "nhà trẻ",
        /// Mẫu giáo, mầm non (kindergarten; out of scope).
        Kindergarten = "kindergarten" / "mầm non",
        /// Tiểu học (primary; out of scope).
        Primary = "primary" / "tiểu học",
        /// Trung học cơ sở (lower secondary).
        LowerSecondary = "lower_secondary" / "trung học cơ sở",
        /// Trung học phổ thông (upper secondary).
        UpperSecondary = "upper_secondary" / "trung học phổ thông",
        /// Several levels in one school.
        MultiLevel = "multi_level" / "nhiều cấp học",
        /// Vocational education.
        Vocational = "vocational" / "giáo dục nghề nghiệp",
        /// College or university.
        Higher = "higher" / "cao đẳng, đại học",
    }
);

/// The kind of a unit with what distinguishes it within the kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UnitKind {
    /// A province.
    Province(ProvinceKind),
    /// A district-level unit.
    District(DistrictKind),
    /// A commune-level unit.
    Commune(CommuneKind),
    /// A residential area.
    ResidentialArea(AreaKind),
    /// An agency; armed-forces agencies are out of scope.
    Agency {
        /// Whether the agency belongs to the armed forces.
        armed_forces: bool,
    },
    /// An enterprise.
    Enterprise(EnterpriseSize),
    /// An educational institution.
    School(SchoolLevel),
}

impl UnitKind {
    /// The kind without its sub-kind.
    pub fn kind(self) -> Kind {
        match self {
            UnitKind::Province(_) => Kind::Province,
            UnitKind::District(_) => Kind::District,
            UnitKind::Commune(_) => Kind::Commune,
            UnitKind::ResidentialArea(_) => Kind::ResidentialArea,
            UnitKind::Agency { .. } => Kind::Agency,
            UnitKind::Enterprise(_) => Kind::Enterprise,
            UnitKind::School(_) => Kind::School,
        }
    }

    /// The sub-kind's name (`phuong`, `small`, `primary`, `armed_forces`…), if any.
    pub fn subkind(self) -> Option<&'static str> {
        match self {
            UnitKind::Province(k) => Some(k.as_str()),
            UnitKind::District(k) => Some(k.as_str()),
            UnitKind::Commune(k) => Some(k.as_str()),
            UnitKind::ResidentialArea(k) => Some(k.as_str()),
            UnitKind::Agency { armed_forces: true } => Some("armed_forces"),
            UnitKind::Agency { armed_forces: false } => None,
            UnitKind::Enterprise(s) => Some(s.as_str()),
            UnitKind::School(l) => Some(l.as_str()),
        }
    }
}

/// From a date on, the unit has another parent.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ParentChange {
    /// First day with the new parent.
    #[serde(deserialize_with = "crate::model::date::iso")]
    pub from: NaiveDate,
    /// The new parent; `None` makes the unit a root.
    pub parent: Option<UnitId>,
}

/// A unit: a province, district, commune, residential area, agency, enterprise or school.
///
/// Agencies, enterprises and schools have as parent the unit that manages them,
/// so their managing level is the parent's kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "RawUnit", into = "RawUnit")]
pub struct Unit {
    /// Identifier, unique in the dataset.
    pub id: UnitId,
    /// Name, usually Vietnamese (held as [`IdText`]: a name of up to 24 bytes needs no
    /// allocation).
    pub name: IdText,
    /// Kind and sub-kind.
    pub kind: UnitKind,
    /// Parent from the unit's start (or from always).
    pub parent: Option<UnitId>,
    /// Later parents, in date order.
    pub parent_changes: Vec<ParentChange>,
    /// First day the unit exists; `None` for always.
    pub valid_from: Option<NaiveDate>,
    /// Last day the unit exists; `None` for still.
    pub valid_until: Option<NaiveDate>,
}

impl Unit {
    /// A unit that always existed, with a fixed parent.
    pub fn new(id: impl Into<String>, name: impl Into<String>, kind: UnitKind, parent: Option<&str>) -> Self {
        Unit {
            id: UnitId::raw(id.into()),
            name: IdText::from(name.into()),
            kind,
            parent: parent.map(UnitId::from),
            parent_changes: Vec::new(),
            valid_from: None,
            valid_until: None,
        }
    }

    /// Whether the unit exists on `d`.
    pub fn exists_on(&self, d: NaiveDate) -> bool {
        self.valid_from.is_none_or(|f| f <= d) && self.valid_until.is_none_or(|u| d <= u)
    }

    /// The parent on `d`.
    pub fn parent_on(&self, d: NaiveDate) -> Option<&UnitId> {
        self.parent_changes.iter().rev().find(|c| c.from <= d).map_or(self.parent.as_ref(), |c| c.parent.as_ref())
    }

    /// Every parent the unit ever has.
    pub fn all_parents(&self) -> impl Iterator<Item = &UnitId> {
        self.parent.iter().chain(self.parent_changes.iter().filter_map(|c| c.parent.as_ref()))
    }
}

/// The flat file form of a [`Unit`].
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct RawUnit {
    id: UnitId,
    name: IdText,
    kind: Kind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    subkind: Option<IdText>,
    /// An agency of the armed forces (left out: no); `null` is unknown, refused for an
    /// agency and no value for other kinds.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "given")]
    armed_forces: Option<Option<bool>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    size: Option<EnterpriseSize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    level: Option<SchoolLevel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    parent: Option<UnitId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    parent_changes: Vec<ParentChange>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::date::iso_opt")]
    valid_from: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::date::iso_opt")]
    valid_until: Option<NaiveDate>,
}

/// A unit's flat fields as a table row holds them (the fields of its file form, without
/// parent changes), for [`Unit::from_cells`].
#[derive(Debug, Default)]
pub(crate) struct UnitCells<'a> {
    pub id: Option<&'a str>,
    pub name: Option<&'a str>,
    pub kind: Option<&'a str>,
    pub subkind: Option<&'a str>,
    pub armed_forces: Option<bool>,
    pub size: Option<&'a str>,
    pub level: Option<&'a str>,
    pub parent: Option<&'a str>,
    pub valid_from: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
}

impl Unit {
    /// The unit a table row's cells make, as its file form reads them, built without
    /// going through serde; `None` when the row is not a valid unit (a missing id, an
    /// unknown kind…): the caller then reads it through the file form, which names the
    /// problem.
    pub(crate) fn from_cells(c: &UnitCells<'_>) -> Option<Unit> {
        fn name<T: serde::de::DeserializeOwned>(s: Option<&str>) -> Option<Option<T>> {
            match s {
                None => Some(None),
                Some(s) => {
                    T::deserialize(serde::de::value::StrDeserializer::<serde::de::value::Error>::new(s)).ok().map(Some)
                }
            }
        }
        let raw = RawUnit {
            id: UnitId::from(c.id?),
            name: c.name?.into(),
            kind: name::<Kind>(Some(c.kind?))??,
            subkind: c.subkind.map(IdText::from),
            armed_forces: c.armed_forces.map(Some),
            size: name(c.size)?,
            level: name(c.level)?,
            parent: c.parent.map(UnitId::from),
            parent_changes: Vec::new(),
            valid_from: c.valid_from,
            valid_until: c.valid_until,
        };
        Unit::try_from(raw).ok()
    }
}

fn parse_sub<T: serde::de::DeserializeOwned>(id: &UnitId, kind: Kind, sub: Option<&str>) -> Result<T, String> {
    let s = sub.ok_or_else(|| format!("unit `{id}`: a {kind} needs a `subkind`"))?;
    T::deserialize(serde::de::value::StrDeserializer::<serde::de::value::Error>::new(s))
        .map_err(|_| format!("unit `{id}`: `{s}` is not a subkind of {kind}"))
}

/// A field that is present, `null` included (`Some(None)`); left out, serde's default (`None`).
fn given<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<bool>>, D::Error> {
    Option::<bool>::deserialize(d).map(Some)
}

impl TryFrom<RawUnit> for Unit {
    type Error = String;
    fn try_from(mut r: RawUnit) -> Result<Self, String> {
        let id = &r.id;
        if r.kind != Kind::Agency {
            // A `null` is no value: as left out (a table's other kinds of unit).
            r.armed_forces = r.armed_forces.filter(Option::is_some);
        }
        let stray = |field: &str, present: bool| {
            if present { Err(format!("unit `{id}`: field `{field}` does not apply to a {}", r.kind)) } else { Ok(()) }
        };
        let sub_free = r.armed_forces.is_none() && r.size.is_none() && r.level.is_none();
        let kind = match r.kind {
            Kind::Province | Kind::District | Kind::Commune | Kind::ResidentialArea => {
                let field = if r.armed_forces.is_some() {
                    "armed_forces"
                } else if r.size.is_some() {
                    "size"
                } else {
                    "level"
                };
                stray(field, !sub_free)?;
                match r.kind {
                    Kind::Province => UnitKind::Province(parse_sub(id, r.kind, r.subkind.as_deref())?),
                    Kind::District => UnitKind::District(parse_sub(id, r.kind, r.subkind.as_deref())?),
                    Kind::Commune => UnitKind::Commune(parse_sub(id, r.kind, r.subkind.as_deref())?),
                    _ => UnitKind::ResidentialArea(parse_sub(id, r.kind, r.subkind.as_deref())?),
                }
            }
            Kind::Agency => {
                stray("subkind", r.subkind.is_some())?;
                stray("size", r.size.is_some())?;
                stray("level", r.level.is_some())?;
                let armed_forces = r.armed_forces.unwrap_or(Some(false)).ok_or_else(|| {
                    format!("unit `{id}`: `armed_forces` is null: an agency needs true or false (null is unknown, never false)")
                })?;
                UnitKind::Agency { armed_forces }
            }
            Kind::Enterprise => {
                stray("subkind", r.subkind.is_some())?;
                stray("armed_forces", r.armed_forces.is_some())?;
                stray("level", r.level.is_some())?;
                UnitKind::Enterprise(r.size.ok_or_else(|| format!("unit `{id}`: an enterprise needs a `size`"))?)
            }
            Kind::School => {
                stray("subkind", r.subkind.is_some())?;
                stray("armed_forces", r.armed_forces.is_some())?;
                stray("size", r.size.is_some())?;
                UnitKind::School(r.level.ok_or_else(|| format!("unit `{id}`: a school needs a `level`"))?)
            }
        };
        if let (Some(f), Some(u)) = (r.valid_from, r.valid_until)
            && u < f
        {
            return Err(format!("unit `{id}`: valid_until {u} is before valid_from {f}"));
        }
        if r.parent_changes.windows(2).any(|w| w[1].from <= w[0].from) {
            return Err(format!("unit `{id}`: parent_changes must be in increasing date order"));
        }
        if r.parent.as_ref() == Some(id) || r.parent_changes.iter().any(|c| c.parent.as_ref() == Some(id)) {
            return Err(format!("unit `{id}` is its own parent"));
        }
        Ok(Unit {
            id: r.id,
            name: r.name,
            kind,
            parent: r.parent,
            parent_changes: r.parent_changes,
            valid_from: r.valid_from,
            valid_until: r.valid_until,
        })
    }
}

impl From<Unit> for RawUnit {
    fn from(u: Unit) -> Self {
        let (subkind, armed_forces, size, level) = match u.kind {
            UnitKind::Province(k) => (Some(k.as_str().into()), None, None, None),
            UnitKind::District(k) => (Some(k.as_str().into()), None, None, None),
            UnitKind::Commune(k) => (Some(k.as_str().into()), None, None, None),
            UnitKind::ResidentialArea(k) => (Some(k.as_str().into()), None, None, None),
            UnitKind::Agency { armed_forces } => (None, armed_forces.then_some(Some(true)), None, None),
            UnitKind::Enterprise(s) => (None, None, Some(s), None),
            UnitKind::School(l) => (None, None, None, Some(l)),
        };
        RawUnit {
            id: u.id,
            name: u.name,
            kind: u.kind.kind(),
            subkind,
            armed_forces,
            size,
            level,
            parent: u.parent,
            parent_changes: u.parent_changes,
            valid_from: u.valid_from,
            valid_until: u.valid_until,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A row's cells make the unit its file form makes, and no unit where the file form
    /// refuses it: every kind with every detail present, absent or misspelt.
    #[test]
    fn cells_read_as_the_file_form_reads_them() {
        let kinds = ["province", "district", "commune", "residential_area", "agency", "enterprise", "school", "town"];
        let subkinds = [None, Some("thon"), Some("xa"), Some("tinh"), Some("quan"), Some("to_dan_pho"), Some("bogus")];
        let sizes = [None, Some("small"), Some("bogus")];
        let levels = [None, Some("primary"), Some("bogus")];
        let armed = [None, Some(true), Some(false)];
        let parents = [None, Some("P"), Some("U")];
        let dates = [(None, None), (Some("2020-01-01"), Some("2019-01-01")), (Some("2019-01-01"), Some("2020-01-01"))];
        let mut valid_kinds = std::collections::BTreeSet::new();
        for kind in kinds {
            for sub in subkinds {
                for size in sizes {
                    for level in levels {
                        for af in armed {
                            for parent in parents {
                                for (from, until) in dates {
                                    let mut json = serde_json::json!({"id": "U", "name": "N", "kind": kind});
                                    let put = |j: &mut serde_json::Value, k: &str, v: Option<&str>| {
                                        if let Some(v) = v {
                                            j[k] = v.into();
                                        }
                                    };
                                    put(&mut json, "subkind", sub);
                                    put(&mut json, "size", size);
                                    put(&mut json, "level", level);
                                    put(&mut json, "parent", parent);
                                    put(&mut json, "valid_from", from);
                                    put(&mut json, "valid_until", until);
                                    if let Some(af) = af {
                                        json["armed_forces"] = af.into();
                                    }
                                    let file = serde_json::from_value::<Unit>(json.clone()).ok();
                                    let day = |d: Option<&str>| d.map(|d| d.parse::<NaiveDate>().unwrap());
                                    let cells = UnitCells {
                                        id: Some("U"),
                                        name: Some("N"),
                                        kind: Some(kind),
                                        subkind: sub,
                                        armed_forces: af,
                                        size,
                                        level,
                                        parent,
                                        valid_from: day(from),
                                        valid_until: day(until),
                                    };
                                    assert_eq!(Unit::from_cells(&cells), file, "{json}");
                                    valid_kinds.extend(file.map(|u| u.kind.kind()));
                                }
                            }
                        }
                    }
                }
            }
        }
        // The grid holds valid units of every kind, not only refusals.
        assert_eq!(valid_kinds.len(), Kind::ALL.len());
    }

    fn parse(json: &str) -> Result<Unit, String> {
        serde_json::from_str::<Unit>(json).map_err(|e| e.to_string())
    }

    #[test]
    fn flat_form_gives_typed_kinds() {
        let u = parse(r#"{"id":"E","name":"n","kind":"enterprise","size":"small","parent":"C"}"#).unwrap();
        assert_eq!(u.kind, UnitKind::Enterprise(EnterpriseSize::Small));
        let u = parse(r#"{"id":"C","name":"n","kind":"commune","subkind":"dac_khu"}"#).unwrap();
        assert_eq!(u.kind, UnitKind::Commune(CommuneKind::DacKhu));
        let back = serde_json::to_string(&u).unwrap();
        assert_eq!(parse(&back).unwrap(), u);
    }

    #[test]
    fn inconsistent_forms_are_refused_with_the_unit_named() {
        for (json, needle) in [
            (r#"{"id":"E","name":"n","kind":"enterprise"}"#, "needs a `size`"),
            (r#"{"id":"S","name":"n","kind":"school","size":"small","level":"primary"}"#, "`size` does not apply"),
            (r#"{"id":"C","name":"n","kind":"commune","subkind":"thon"}"#, "not a subkind of commune"),
            (r#"{"id":"C","name":"n","kind":"commune","subkind":"xa","parent":"C"}"#, "its own parent"),
            (r#"{"id":"A","name":"n","kind":"agency","armed_forces":null}"#, "null is unknown, never false"),
            (r#"{"id":"C","name":"n","kind":"commune","subkind":"xa","armed_forces":false}"#, "does not apply"),
            (
                r#"{"id":"C","name":"n","kind":"commune","subkind":"xa","valid_from":"2025-07-01","valid_until":"2025-06-30"}"#,
                "before valid_from",
            ),
        ] {
            let e = parse(json).unwrap_err();
            assert!(e.contains(needle), "{e}");
        }
    }

    #[test]
    fn a_null_armed_forces_is_no_value_for_other_kinds_and_refused_for_an_agency() {
        let c = parse(r#"{"id":"C","name":"n","kind":"commune","subkind":"xa","armed_forces":null}"#).unwrap();
        assert_eq!(c.kind, UnitKind::Commune(CommuneKind::Xa));
        let a = parse(r#"{"id":"A","name":"n","kind":"agency"}"#).unwrap();
        assert_eq!(a.kind, UnitKind::Agency { armed_forces: false });
        let a = parse(r#"{"id":"A","name":"n","kind":"agency","armed_forces":true}"#).unwrap();
        assert_eq!(serde_json::to_value(&a).unwrap()["armed_forces"], true);
    }

    #[test]
    fn parent_follows_changes() {
        let u = parse(
            r#"{"id":"C","name":"n","kind":"commune","subkind":"xa","parent":"D",
                "parent_changes":[{"from":"2025-07-01","parent":"P"}]}"#,
        )
        .unwrap();
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(u.parent_on(d("2025-06-30")).unwrap().as_str(), "D");
        assert_eq!(u.parent_on(d("2025-07-01")).unwrap().as_str(), "P");
    }
}
