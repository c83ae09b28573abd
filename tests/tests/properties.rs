//! Property tests: lossless serialisation, deterministic evaluation, monotone outcomes,
//! and the CW-4 rounding rule (DOMAIN §3.3: 70%, rounded up).

use antq::rules::PRESET_IDS;
use antq::{
    Activity, ActivityKind, AreaKind, Attestation, AwardForm, CommuneKind, Dataset, DatasetMeta, DistrictKind,
    EnterpriseSize, Evaluation, Evidence, Incident, Indicator, Issuer, Outcome, ParentChange, Points, ProvinceKind,
    Recipient, Rounding, RuleSet, SchoolLevel, Score, Status, Unit, UnitId, UnitKind, Value, ValueType, evaluate,
};
use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use proptest::sample::select;

// ---------------------------------------------------------------- generators

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// Any date from 2000 to about 2054.
fn date() -> impl Strategy<Value = NaiveDate> {
    (0u64..20_000).prop_map(|d| day(2000, 1, 1) + Days::new(d))
}

/// A date around the 2023 review: October 2022 to December 2023, so that window edges
/// (31 October, 1, 15 and 16 November, 31 March, 1 April) are often hit.
fn review_date() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        select(vec![
            day(2022, 10, 31),
            day(2022, 11, 1),
            day(2022, 11, 15),
            day(2022, 11, 16),
            day(2023, 3, 31),
            day(2023, 4, 1),
            day(2023, 10, 31),
            day(2023, 11, 1),
            day(2023, 11, 15),
            day(2023, 11, 16),
        ]),
        (0u64..460).prop_map(|d| day(2022, 10, 1) + Days::new(d)),
    ]
}

/// Points with two decimals, often 2.25 or other exact fractions.
fn points(lo: i64, hi: i64) -> impl Strategy<Value = Points> {
    prop_oneof![Just(225i64), Just(0), Just(hi), lo..=hi].prop_map(Points::from_hundredths)
}

fn unit_kind() -> impl Strategy<Value = UnitKind> {
    prop_oneof![
        select(vec![ProvinceKind::Tinh, ProvinceKind::ThanhPho]).prop_map(UnitKind::Province),
        select(vec![DistrictKind::Huyen, DistrictKind::Quan, DistrictKind::ThiXa, DistrictKind::ThanhPho])
            .prop_map(UnitKind::District),
        select(vec![CommuneKind::Xa, CommuneKind::Phuong, CommuneKind::ThiTran, CommuneKind::DacKhu])
            .prop_map(UnitKind::Commune),
        select(vec![
            AreaKind::Thon,
            AreaKind::Lang,
            AreaKind::Ban,
            AreaKind::Ap,
            AreaKind::Buon,
            AreaKind::Phum,
            AreaKind::Soc,
            AreaKind::Khom,
            AreaKind::ToDanPho,
            AreaKind::KhuPho,
        ])
        .prop_map(UnitKind::ResidentialArea),
        any::<bool>().prop_map(|armed_forces| UnitKind::Agency { armed_forces }),
        select(vec![EnterpriseSize::Micro, EnterpriseSize::Small, EnterpriseSize::Medium, EnterpriseSize::Large])
            .prop_map(UnitKind::Enterprise),
        select(vec![
            SchoolLevel::Creche,
            SchoolLevel::Kindergarten,
            SchoolLevel::Primary,
            SchoolLevel::LowerSecondary,
            SchoolLevel::UpperSecondary,
            SchoolLevel::MultiLevel,
            SchoolLevel::Vocational,
            SchoolLevel::Higher,
        ])
        .prop_map(UnitKind::School),
    ]
}

/// A unit as the file format allows it (parents need not exist: that is the dataset's check).
fn any_unit(i: usize) -> impl Strategy<Value = Unit> {
    (
        unit_kind(),
        any::<String>(),
        proptest::option::of(0usize..12),
        proptest::collection::vec((date(), proptest::option::of(0usize..12)), 0..3),
        proptest::option::of(date()),
        proptest::option::of(0u64..5000),
    )
        .prop_map(move |(kind, name, parent, changes, from, len)| {
            let pid = |j: usize| (j != i).then(|| UnitId(format!("U{j}").into()));
            let mut changes: Vec<ParentChange> =
                changes.into_iter().map(|(from, p)| ParentChange { from, parent: p.and_then(pid) }).collect();
            changes.sort_by_key(|c| c.from);
            changes.dedup_by_key(|c| c.from);
            Unit {
                id: UnitId(format!("U{i}").into()),
                name: name.into(),
                kind,
                parent: parent.and_then(pid),
                parent_changes: changes,
                valid_from: from,
                valid_until: len.map(|l| from.unwrap_or(day(2000, 1, 1)) + Days::new(l)),
            }
        })
}

fn value_of(t: ValueType) -> BoxedStrategy<Value> {
    match t {
        ValueType::Date => date().prop_map(Value::Date).boxed(),
        ValueType::Count => prop_oneof![0u64..200, any::<u32>().prop_map(u64::from)].prop_map(Value::Count).boxed(),
        ValueType::Flag => any::<bool>().prop_map(Value::Flag).boxed(),
    }
}

fn attestation() -> impl Strategy<Value = Attestation> {
    select(vec![Attestation::Yes, Attestation::No, Attestation::Unknown])
}

/// Evidence with every optional field independently present or absent.
fn any_evidence(units: usize) -> impl Strategy<Value = Evidence> {
    let values: Vec<BoxedStrategy<Option<Value>>> =
        Indicator::ALL.iter().map(|i| proptest::option::of(value_of(i.value_type())).boxed()).collect();
    let score = (proptest::option::of(points(-10_000, 10_000)), proptest::option::of(points(-10_000, 10_000)))
        .prop_map(|(self_score, reviewed)| Score { self_score, reviewed });
    (
        0..units.max(1),
        2000i32..2100,
        values,
        proptest::collection::btree_map("[A-Z]{1,3}-[0-9]{1,2}(/[a-z]{1,6})?", attestation(), 0..4),
        proptest::collection::btree_map("[A-Z0-9-]{1,12}", score, 0..4),
    )
        .prop_map(|(u, year, values, attested, points)| {
            let mut e = Evidence::new(format!("U{u}"), year);
            for (i, v) in Indicator::ALL.iter().zip(values) {
                e.set(*i, v).expect("value of the indicator's type");
            }
            e.attested = attested.into_iter().collect();
            e.points = points;
            e
        })
}

fn activity_kind() -> impl Strategy<Value = ActivityKind> {
    let issuer = select(vec![
        Issuer::Minister,
        Issuer::ProvincialCommittee,
        Issuer::ProvincialPolice,
        Issuer::DistrictChairman,
        Issuer::CommuneChairman,
    ]);
    let form = select(vec![AwardForm::BangKhen, AwardForm::GiayKhen, AwardForm::EmulationFlag]);
    let recipient = select(vec![Recipient::Collective, Recipient::Individual]);
    prop_oneof![
        any::<u64>().prop_map(|attendees| ActivityKind::PropagandaMeeting { attendees }),
        any::<u64>().prop_map(|valuable| ActivityKind::TipOff { valuable }),
        (any::<String>(), any::<u64>(), any::<bool>()).prop_map(|(name, sites, typical)| ActivityKind::Model {
            name,
            sites,
            typical
        }),
        any::<u64>().prop_map(|participants| ActivityKind::Festival { participants }),
        (issuer, form, recipient).prop_map(|(issuer, form, recipient)| ActivityKind::Award { issuer, form, recipient }),
        any::<u64>().prop_map(|reformed| ActivityKind::PeopleHelped { reformed }),
        (any::<u64>(), any::<u64>()).prop_map(|(amount_vnd, houses)| ActivityKind::Support { amount_vnd, houses }),
    ]
}

/// A dataset as the file format allows it: any kinds, optional fields, points like 2.25,
/// incidents and activities. Not necessarily structurally valid.
fn any_dataset() -> impl Strategy<Value = Dataset> {
    (1usize..8)
        .prop_flat_map(|n| {
            let units: Vec<_> = (0..n).map(any_unit).collect();
            (
                units,
                (any::<String>(), any::<bool>(), proptest::option::of(any::<String>())),
                proptest::collection::vec(any_evidence(n), 0..6),
                proptest::collection::vec((0..n, date(), "[a-z_]{1,20}", proptest::option::of(any::<String>())), 0..5),
                proptest::collection::vec((0..n, date(), 1u64..1000, activity_kind()), 0..6),
            )
        })
        .prop_map(|(units, (title, synthetic, description), evidence, incidents, activities)| Dataset {
            format_version: 1,
            meta: DatasetMeta { title, synthetic, description },
            units,
            evidence,
            incidents: incidents
                .into_iter()
                .map(|(u, date, category, note)| Incident {
                    unit: UnitId(format!("U{u}").into()),
                    date,
                    category,
                    note,
                })
                .collect(),
            activities: activities
                .into_iter()
                .map(|(u, date, count, kind)| Activity { unit: UnitId(format!("U{u}").into()), date, count, kind })
                .collect(),
        })
}

// ---------------------------------------------------------------- valid 2023 datasets

const RA_KEYS: [&str; 4] = ["RA-2", "RA-3/other", "RA-4", "RA-5"];
const CW_KEYS: [&str; 3] = ["CW-2/RA-2", "CW-2/RA-3/other", "CW-2/RA-4"];
const AE_KEYS: [&str; 2] = ["AE-2", "AE-3"];
const SC_KEYS: [&str; 2] = ["SC-1", "SC-6"];
const CATEGORIES: [&str; 8] = [
    "anti_state",
    "sabotage",
    "illegal_religion",
    "separatism",
    "prolonged_dispute",
    "incitement",
    "security_loss",
    "school_violence",
];

/// Whether a generated input passes its test, fails it, or is left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum St {
    Pass,
    Fail,
    Unknown,
}

/// Inputs of one unit's evidence, in this order: 4 dates, households, staff, models,
/// disciplined officers, 10 flags, then attestations.
const DATES: usize = 0;
const HOUSEHOLDS: usize = 4;
const STAFF: usize = 5;
const MODELS: usize = 6;
const DISCIPLINED: usize = 7;
const FLAGS: usize = 8;
const ATTESTED: usize = 18;
const INPUTS: usize = ATTESTED + 36;

/// One unit's random 2023 evidence: whether it has a record, each input's state, and
/// points. Each unit draws how diligent it is, so that datasets mix units that meet,
/// fail and are undetermined.
#[derive(Debug, Clone)]
struct Draw {
    present: bool,
    inputs: Vec<St>,
    size: u32,
    points: [Option<i64>; 4],
}

fn state(level: usize) -> BoxedStrategy<St> {
    let (p, f, u) = [(70u32, 15u32, 15u32), (90, 5, 5), (97, 2, 1), (1, 0, 0)][level];
    if f == 0 {
        return Just(St::Pass).boxed();
    }
    prop_oneof![p => Just(St::Pass), f => Just(St::Fail), u => Just(St::Unknown)].boxed()
}

fn draw() -> impl Strategy<Value = Draw> {
    (0usize..4)
        .prop_flat_map(|level| {
            (
                prop::bool::weighted(0.95),
                proptest::collection::vec(state(level), INPUTS),
                1u32..60,
                proptest::array::uniform4(proptest::option::of(0i64..=100)),
            )
        })
        .prop_map(|(present, inputs, size, points)| Draw { present, inputs, size, points })
}

const FLAG_INDICATORS: [(Indicator, bool); 10] = [
    (Indicator::Registered, true),
    // The value that passes: no Party organisation needs no resolution (AE-1).
    (Indicator::PartyOrganisation, false),
    (Indicator::RulesUnitProtection, true),
    (Indicator::RulesStateSecrets, true),
    (Indicator::RulesInternalPolitics, true),
    (Indicator::RulesLabourSafety, true),
    (Indicator::RulesFireExplosion, true),
    (Indicator::RulesEnvironment, true),
    (Indicator::ParentsBoardCoordination, true),
    (Indicator::FestivalParticipation, true),
];
const DATE_INDICATORS: [Indicator; 4] =
    [Indicator::ResolutionDate, Indicator::PlanDate, Indicator::RegistrationDate, Indicator::ProgrammeDate];

/// The attestation keys a unit of `kind` is reviewed on.
fn attested_keys(kind: UnitKind) -> Vec<String> {
    match kind {
        UnitKind::ResidentialArea(_) => RA_KEYS.iter().map(|k| k.to_string()).collect(),
        UnitKind::Commune(_) => CW_KEYS.iter().map(|k| k.to_string()).chain(typical_keys()).collect(),
        UnitKind::School(_) => SC_KEYS.iter().map(|k| k.to_string()).collect(),
        _ => AE_KEYS.iter().map(|k| k.to_string()).collect(),
    }
}

/// Builds a unit's evidence from a draw: passing dates up to Q1's last day, failing ones
/// after it or before the window.
fn evidence_from(id: &str, kind: UnitKind, d: &Draw) -> Option<Evidence> {
    if !d.present {
        return None;
    }
    let mut e = Evidence::new(id, 2023);
    let st = |i: usize| d.inputs[i];
    // Passing dates on either edge of every window of the presets, or inside; failing
    // ones a day past either edge, or well after.
    let edge = (d.size % 3) as usize;
    for (k, ind) in DATE_INDICATORS.into_iter().enumerate() {
        let v = match st(DATES + k) {
            St::Pass => Some(Value::Date([day(2023, 3, 31), day(2022, 11, 16), day(2023, 2, 1)][(edge + k) % 3])),
            St::Fail => Some(Value::Date([day(2023, 4, 1), day(2022, 10, 31), day(2023, 5, 1)][(edge + k) % 3])),
            St::Unknown => None,
        };
        e.set(ind, v).ok()?;
    }
    let share = |s: St| match s {
        St::Pass => Some((d.size, d.size)),
        St::Fail => Some((d.size, d.size - 1)),
        St::Unknown => None,
    };
    (e.households_total, e.households_registered) = share(st(HOUSEHOLDS)).unzip();
    (e.staff_total, e.staff_briefed) = share(st(STAFF)).unzip();
    e.effective_models = match st(MODELS) {
        St::Pass => Some(1 + d.size % 3),
        St::Fail => Some(0),
        St::Unknown => None,
    };
    e.disciplined_officers = match st(DISCIPLINED) {
        St::Pass => Some(0),
        St::Fail => Some(1 + d.size % 2),
        St::Unknown => None,
    };
    for (k, (ind, pass)) in FLAG_INDICATORS.into_iter().enumerate() {
        let v = match st(FLAGS + k) {
            St::Pass => Some(Value::Flag(pass)),
            St::Fail => Some(Value::Flag(!pass)),
            St::Unknown => None,
        };
        e.set(ind, v).ok()?;
    }
    for (k, key) in attested_keys(kind).into_iter().enumerate() {
        match st(ATTESTED + k) {
            St::Pass => e.attested.insert(&key, Attestation::Yes),
            St::Fail => e.attested.insert(&key, Attestation::No),
            St::Unknown => None,
        };
    }
    for (i, (p, max)) in d.points.iter().zip([3i64, 3, 5, 1]).enumerate() {
        if let Some(p) = p {
            let reviewed = Points::from_hundredths(p * max);
            e.points
                .insert(format!("D510-AE-{}", i + 1), Score { self_score: Some(reviewed), reviewed: Some(reviewed) });
        }
    }
    Some(e)
}

fn typical_keys() -> impl Iterator<Item = String> {
    (1..=34).filter(|i| *i != 2).map(|i| format!("TC-{i}"))
}

/// The generated description of a valid 2023 dataset: communes with their units, each
/// with a draw, and incidents at some of them.
#[derive(Debug, Clone)]
struct Spec {
    /// The units below the district, communes first then their units, in dataset order.
    units: Vec<(String, UnitKind, Option<String>, Draw)>,
    incidents: Vec<(usize, NaiveDate, &'static str)>,
}

/// A valid 2023 dataset: a province, a district, communes, and under each commune
/// residential areas and organisations of any size or level, with random evidence and
/// incidents of declared categories around the window edges.
fn valid_spec() -> impl Strategy<Value = Spec> {
    let child = (
        prop_oneof![
            4 => Just(UnitKind::ResidentialArea(AreaKind::Thon)),
            1 => any::<bool>().prop_map(|armed_forces| UnitKind::Agency { armed_forces }),
            1 => select(vec![EnterpriseSize::Small, EnterpriseSize::Medium, EnterpriseSize::Large]).prop_map(UnitKind::Enterprise),
            1 => select(vec![SchoolLevel::Primary, SchoolLevel::LowerSecondary, SchoolLevel::Higher]).prop_map(UnitKind::School),
        ],
        draw(),
    );
    let commune = (draw(), proptest::collection::vec(child, 0..7));
    (
        proptest::collection::vec(commune, 1..4),
        proptest::collection::vec((any::<prop::sample::Index>(), review_date(), select(CATEGORIES.to_vec())), 0..3),
    )
        .prop_map(|(communes, incidents)| {
            let mut units = Vec::new();
            for (ci, (cd, children)) in communes.into_iter().enumerate() {
                let cid = format!("C{ci}");
                units.push((cid.clone(), UnitKind::Commune(CommuneKind::Xa), Some("D".to_owned()), cd));
                for (ui, (kind, d)) in children.into_iter().enumerate() {
                    units.push((format!("C{ci}-{ui}"), kind, Some(cid.clone()), d));
                }
            }
            let n = units.len();
            let incidents = incidents.into_iter().map(|(at, date, cat)| (at.index(n), date, cat)).collect();
            Spec { units, incidents }
        })
}

fn build(spec: &Spec) -> Dataset {
    let mut ds = Dataset::default();
    ds.units.push(Unit::new("P", "Tỉnh", UnitKind::Province(ProvinceKind::Tinh), None));
    ds.units.push(Unit::new("D", "Huyện", UnitKind::District(DistrictKind::Huyen), Some("P")));
    for (id, kind, parent, d) in &spec.units {
        ds.units.push(Unit::new(id, format!("Đơn vị {id}"), *kind, parent.as_deref()));
        ds.evidence.extend(evidence_from(id, *kind, d));
    }
    for (u, date, cat) in &spec.incidents {
        ds.incidents.push(Incident {
            unit: UnitId(spec.units[*u].0.as_str().into()),
            date: *date,
            category: (*cat).to_owned(),
            note: None,
        });
    }
    ds
}

fn valid_dataset() -> impl Strategy<Value = Dataset> {
    valid_spec().prop_map(|s| build(&s))
}

fn c124() -> RuleSet {
    RuleSet::preset("vn.c124-2021").expect("preset")
}

fn rank(o: &Outcome) -> u8 {
    match o {
        Outcome::DoesNotMeet => 0,
        Outcome::Undetermined => 1,
        Outcome::Meets => 2,
        o => panic!("unexpected outcome under Circular 124: {o:?}"),
    }
}

// ---------------------------------------------------------------- (a) lossless serialisation

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn datasets_round_trip_through_json_and_toml(ds in any_dataset()) {
        let json = serde_json::to_string(&ds).unwrap();
        let back: Dataset = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &ds);
        let back: Dataset = serde_json::from_str(&ds.to_json()).unwrap();
        prop_assert_eq!(&back, &ds);
        // Datasets may be TOML files too.
        let toml = toml::to_string(&ds).unwrap();
        let back: Dataset = toml::from_str(&toml).unwrap();
        prop_assert_eq!(&back, &ds);
    }

    #[test]
    fn valid_datasets_read_back_through_the_library(ds in valid_dataset()) {
        prop_assert_eq!(ds.problems(), vec![]);
        let back = Dataset::from_str_named("generated.json", &ds.to_json()).unwrap();
        prop_assert_eq!(&back, &ds);
        let back = Dataset::from_str_named("generated.toml", &toml::to_string(&ds).unwrap()).unwrap();
        prop_assert_eq!(&back, &ds);
    }

    #[test]
    fn evaluations_round_trip_through_json(ds in valid_dataset(), which in 0usize..3) {
        let id = ["vn.c124-2021", "vn.d510-2022", "vn.d9745-2022.communes"][which];
        let ev = evaluate(&ds, &RuleSet::preset(id).unwrap(), 2023).unwrap();
        let json = serde_json::to_string(&ev).unwrap();
        let back: Evaluation = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &ev);
        prop_assert_eq!(serde_json::to_string(&back).unwrap(), json);
    }

    // ------------------------------------------------------------ (b) determinism

    #[test]
    fn evaluation_is_deterministic(ds in valid_dataset(), which in 0usize..3) {
        let id = ["vn.c124-2021", "vn.d510-2022", "vn.d9745-2022.communes"][which];
        let rules = RuleSet::preset(id).unwrap();
        let a = serde_json::to_string(&evaluate(&ds, &rules, 2023).unwrap()).unwrap();
        let b = serde_json::to_string(&evaluate(&ds, &rules, 2023).unwrap()).unwrap();
        prop_assert_eq!(&a, &b);
        // The same inputs read back from their files give the same bytes too.
        let ds2 = Dataset::from_str_named("d.json", &ds.to_json()).unwrap();
        let rules2 = RuleSet::from_str_named("r.json", &rules.to_json()).unwrap();
        let c = serde_json::to_string(&evaluate(&ds2, &rules2, 2023).unwrap()).unwrap();
        prop_assert_eq!(&a, &c);
    }
}

#[test]
fn every_preset_round_trips_through_json_and_toml() {
    for id in PRESET_IDS {
        let rs = RuleSet::preset(id).unwrap();
        let back = RuleSet::from_str_named("back.json", &rs.to_json()).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(back, rs, "{id} via JSON");
        assert_eq!(back.content_hash(), rs.content_hash(), "{id}: hash");
        let toml = toml::to_string(&rs).unwrap_or_else(|e| panic!("{id}: {e}"));
        let back = RuleSet::from_str_named("back.toml", &toml).unwrap_or_else(|e| panic!("{id} via TOML: {e}\n{toml}"));
        assert_eq!(back, rs, "{id} via TOML");
    }
}

// ---------------------------------------------------------------- (c) monotonicity

/// The inputs Circular 124 reads for a unit of `kind` (indices into a draw's inputs).
fn c124_inputs(kind: UnitKind) -> Vec<usize> {
    let registered = FLAGS;
    let mut v = vec![registered];
    match kind {
        UnitKind::ResidentialArea(_) => {
            v.extend([DATES, DATES + 2, HOUSEHOLDS]);
            v.extend(ATTESTED..ATTESTED + RA_KEYS.len());
        }
        UnitKind::Commune(_) => {
            v.extend([DATES, DATES + 1, DATES + 2, MODELS, DISCIPLINED]);
            v.extend(ATTESTED..ATTESTED + CW_KEYS.len());
        }
        UnitKind::School(_) => {
            v.extend([MODELS, FLAGS + 8]);
            v.extend(ATTESTED..ATTESTED + SC_KEYS.len());
        }
        _ => {
            v.extend([DATES, DATES + 1, DATES + 2, STAFF, MODELS]);
            v.extend(FLAGS + 1..FLAGS + 8);
            v.extend(ATTESTED..ATTESTED + AE_KEYS.len());
        }
    }
    v
}

/// One improvement: one input of one unit that fails or is unknown set to pass (an
/// attestation from no / unknown to yes, a date into Q1, a share to 100%, a model, no
/// disciplined officer, a flag to its passing value), or one incident removed.
#[derive(Debug, Clone)]
enum Fix {
    Input { unit: prop::sample::Index, input: prop::sample::Index },
    RemoveIncident(prop::sample::Index),
}

fn fix() -> impl Strategy<Value = Fix> {
    prop_oneof![
        6 => (any::<prop::sample::Index>(), any::<prop::sample::Index>()).prop_map(|(unit, input)| Fix::Input { unit, input }),
        1 => any::<prop::sample::Index>().prop_map(Fix::RemoveIncident),
    ]
}

/// Applies a fix; `None` when there is nothing to improve.
fn apply(spec: &Spec, f: &Fix) -> Option<(Spec, String)> {
    let mut better = spec.clone();
    match f {
        Fix::RemoveIncident(i) => {
            if spec.incidents.is_empty() {
                return None;
            }
            let (u, date, cat) = better.incidents.remove(i.index(spec.incidents.len()));
            Some((better, format!("removed {cat} on {date} at {}", spec.units[u].0)))
        }
        Fix::Input { unit, input } => {
            // A unit with an input that does not pass yet, then one such input.
            let open = |u: usize| -> Vec<usize> {
                let (_, kind, _, d) = &spec.units[u];
                let ins = if d.present { c124_inputs(*kind) } else { Vec::new() };
                ins.into_iter().filter(|&i| d.inputs[i] != St::Pass).collect()
            };
            let candidates: Vec<usize> = (0..spec.units.len()).filter(|&u| !open(u).is_empty()).collect();
            if candidates.is_empty() {
                return None;
            }
            let u = candidates[unit.index(candidates.len())];
            let (id, _, _, d) = &spec.units[u];
            let open = open(u);
            let i = open[input.index(open.len())];
            better.units[u].3.inputs[i] = St::Pass;
            Some((better, format!("input {i} of {id}: {:?} → Pass", d.inputs[i])))
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Improving one input of one unit never lowers any unit's outcome in the order
    /// does_not_meet < undetermined < meets: not the unit's own, and not its commune's
    /// (through CW-2 and the CW-4 roll-up).
    #[test]
    fn improving_evidence_never_lowers_an_outcome(spec in valid_spec(), f in fix()) {
        let Some((better, what)) = apply(&spec, &f) else { return Ok(()) };
        let rules = c124();
        let before = evaluate(&build(&spec), &rules, 2023).unwrap();
        let after = evaluate(&build(&better), &rules, 2023).unwrap();
        prop_assert_eq!(before.units.len(), after.units.len());
        for (b, a) in before.units.iter().zip(&after.units) {
            prop_assert_eq!(&b.unit, &a.unit);
            if matches!(b.outcome, Outcome::OutOfScope { .. }) {
                prop_assert_eq!(&a.outcome, &b.outcome);
                continue;
            }
            prop_assert!(
                rank(&a.outcome) >= rank(&b.outcome),
                "{} lowered {} from {:?} to {:?}", what, b.unit, b.outcome, a.outcome
            );
        }
    }
}

// ---------------------------------------------------------------- (d) CW-4 rounding

/// ceil(0.7 n) in integer arithmetic.
fn seventy_percent_up(n: u64) -> u64 {
    (7 * n).div_ceil(10)
}

#[test]
fn rounding_up_is_the_integer_ceiling_up_to_a_million() {
    for n in 0..=1_000_000u64 {
        assert_eq!(Rounding::Up.required(n, 70), seventy_percent_up(n), "n = {n}");
    }
    assert_eq!(Rounding::Up.required(25, 70), 18, "DOMAIN §3.3: 25 units → 18 needed");
}

proptest! {
    #[test]
    fn rounding_matches_integer_arithmetic(n in 0u64..=1_000_000_000_000, p in 0u8..=100) {
        prop_assert_eq!(Rounding::Up.required(n, p), (n * u64::from(p)).div_ceil(100));
        prop_assert_eq!(Rounding::Down.required(n, p), n * u64::from(p) / 100);
    }
}

/// A child of the CW-4 property: it meets, does not meet, or is undetermined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Child {
    Meets,
    Fails,
    Undetermined,
}

fn area_evidence(id: &str, c: Child) -> Evidence {
    let mut e = Evidence::new(id, 2023);
    e.registration_date = Some(day(2023, 1, 20));
    match c {
        Child::Meets => {
            e.resolution_date = Some(day(2023, 1, 15));
            e.households_total = Some(40);
            e.households_registered = Some(40);
            for k in RA_KEYS {
                e.attested.insert(k, Attestation::Yes);
            }
        }
        Child::Fails => {
            e.attested.insert("RA-2", Attestation::No);
        }
        Child::Undetermined => {}
    }
    e
}

proptest! {
    /// CW-4 over n registered in-scope children, k recognised and u undetermined: met
    /// exactly when k ≥ ceil(0.7 n), not met when even k + u falls short, else unknown.
    /// Out-of-scope children (small enterprises, primary schools) never count, and with no
    /// in-scope child at all CW-4 is unknown (70% of none is not a pass).
    #[test]
    fn cw4_meets_exactly_at_seventy_percent_rounded_up(
        children in proptest::collection::vec(
            prop_oneof![4 => Just(Child::Meets), 3 => Just(Child::Fails), 1 => Just(Child::Undetermined)], 0..40),
        out_of_scope in 0usize..4,
    ) {
        let mut ds = Dataset::default();
        ds.units.push(Unit::new("C", "Xã", UnitKind::Commune(CommuneKind::Xa), None));
        let mut c = Evidence::new("C", 2023);
        c.resolution_date = Some(day(2023, 1, 10));
        c.plan_date = Some(day(2023, 1, 10));
        c.registration_date = Some(day(2023, 1, 10));
        c.effective_models = Some(1);
        c.disciplined_officers = Some(0);
        for k in CW_KEYS {
            c.attested.insert(k, Attestation::Yes);
        }
        ds.evidence.push(c);
        for (i, ch) in children.iter().enumerate() {
            let id = format!("R{i}");
            ds.units.push(Unit::new(&id, "Thôn", UnitKind::ResidentialArea(AreaKind::Thon), Some("C")));
            ds.evidence.push(area_evidence(&id, *ch));
        }
        for i in 0..out_of_scope {
            let kind = if i % 2 == 0 { UnitKind::Enterprise(EnterpriseSize::Small) } else { UnitKind::School(SchoolLevel::Primary) };
            ds.units.push(Unit::new(format!("X{i}"), "Ngoài phạm vi", kind, Some("C")));
        }
        let n = children.len() as u64;
        let k = children.iter().filter(|c| **c == Child::Meets).count() as u64;
        let u = children.iter().filter(|c| **c == Child::Undetermined).count() as u64;
        let need = seventy_percent_up(n);
        let expected = if n == 0 {
            Status::Unknown
        } else if k >= need {
            Status::Met
        } else if k + u < need {
            Status::NotMet
        } else {
            Status::Unknown
        };
        let ev = evaluate(&ds, &c124(), 2023).unwrap();
        let commune = ev.unit("C").unwrap();
        let cw4 = commune.criteria.iter().find(|c| c.id == "CW-4").unwrap();
        prop_assert_eq!(cw4.status, expected, "n = {}, k = {}, u = {}, need = {}", n, k, u, need);
        let outcome = match expected {
            Status::Met => Outcome::Meets,
            Status::NotMet => Outcome::DoesNotMeet,
            Status::Unknown => Outcome::Undetermined,
        };
        prop_assert_eq!(&commune.outcome, &outcome);
    }
}

// ---------------------------------------------------------------- (e) the batch review

/// The rule sets a review is compared on: every preset, and those a supplement completes.
fn review_rules(which: usize) -> RuleSet {
    let sup = |name: &str, text: &str| antq::Supplement::from_str_named(name, text).unwrap();
    match which {
        0 => c124(),
        1 => RuleSet::preset("vn.d510-2022")
            .unwrap()
            .with_supplement(&sup("d510.toml", antq::sample::SAMPLE_D510_SUPPLEMENT))
            .unwrap(),
        2 => RuleSet::preset("vn.d9745-2022.communes")
            .unwrap()
            .with_supplement(&sup("typical.toml", antq::sample::SAMPLE_TYPICAL_SUPPLEMENT))
            .unwrap(),
        3 => RuleSet::preset("phu-tho.hd851-2023.organisations").unwrap(),
        _ => RuleSet::preset("vn.d510-2022").unwrap(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// A review's verdicts (computed without recording anything) agree with every
    /// explained result (the same code recording checks): outcome, criteria met, each
    /// criterion's status; and one unit explained alone equals the same unit in the
    /// whole evaluation.
    #[test]
    fn review_verdicts_agree_with_explained_results(ds in valid_dataset(), which in 0usize..5, terse in any::<bool>()) {
        let rules = review_rules(which);
        let mut opts = antq::Options::default();
        if terse {
            opts = opts.without_explanations();
        }
        let prepared = antq::Prepared::new(&ds, 2023).unwrap();
        let review = prepared.review(&rules, &opts).unwrap();
        let ev = antq::evaluate_with(&ds, &rules, 2023, &opts).unwrap();
        prop_assert_eq!(review.len(), ev.units.len());
        prop_assert_eq!(review.summary(), ev.summary.clone());
        prop_assert_eq!(review.record(), &ev.decision);
        for ((unit, v), r) in review.verdicts().zip(&ev.units) {
            prop_assert_eq!(&unit.id, &r.unit);
            prop_assert_eq!(v.decision.code(), r.outcome.code());
            prop_assert_eq!((v.met, v.of), (r.met, r.of));
            let i = prepared.position(unit.id.as_str()).unwrap();
            prop_assert_eq!(review.outcome(i), Some(r.outcome.clone()));
            let statuses: Vec<(String, Status)> =
                review.statuses_at(i).map(|(c, s)| (c.id.clone(), s)).collect();
            let explained: Vec<(String, Status)> = r
                .criteria
                .iter()
                .filter(|c| !c.id.starts_with("prerequisite:"))
                .map(|c| (c.id.clone(), c.status))
                .collect();
            prop_assert_eq!(statuses, explained);
            prop_assert_eq!(review.unit(unit.id.as_str()).unwrap(), Some(r.clone()));
        }
    }
}

/// Reviews on several cores (`parallel` feature) give the same bytes as on one.
#[test]
fn parallel_review_equals_sequential() {
    let ds = antq::generate::generate(&antq::generate::Spec { units: 10_000, year: 2023, seed: 11 });
    for which in 0..4 {
        let rules = review_rules(which);
        let one = antq::evaluate_with(&ds, &rules, 2023, &antq::Options::default().sequential()).unwrap();
        let many = antq::evaluate_with(&ds, &rules, 2023, &antq::Options::default().parallel()).unwrap();
        assert_eq!(serde_json::to_string(&one).unwrap(), serde_json::to_string(&many).unwrap(), "{}", rules.id);
    }
}

/// A dataset prepared for one year and laid out for another (`Prepared::for_year`) reviews
/// exactly as one prepared for that year from scratch.
#[test]
fn prepared_for_another_year_equals_prepared_anew() {
    let spec = antq::generate::Spec { units: 3_000, year: 2023, seed: 5 };
    let ds = antq::generate::generate_years(&spec, 2).unwrap().expect("two years before the reform");
    let first = antq::Prepared::new(&ds, 2024).unwrap();
    for which in 0..4 {
        let rules = review_rules(which);
        for year in [2023, 2024] {
            let prepared = first.for_year(year).unwrap();
            let reused = prepared.review(&rules, &antq::Options::default()).unwrap();
            let anew = antq::evaluate(&ds, &rules, year).unwrap();
            assert_eq!(reused.to_evaluation().unwrap(), anew, "{} {year}", rules.id);
        }
    }
    assert!(matches!(first.for_year(1066), Err(antq::Error::BadYear { year: 1066 })));
}
