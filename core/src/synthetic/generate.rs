//! A deterministic generator of synthetic datasets at national scale, for benchmarks
//! and for trying antq on realistic sizes. Everything it makes is synthetic.

use crate::error::{Error, Location, Result};
use crate::model::activity::{Activity, ActivityKind, Incident};
use crate::model::dataset::{Dataset, DatasetMeta};
use crate::model::evidence::{Attestation, Evidence};
use crate::model::unit::{
    AreaKind, CommuneKind, DistrictKind, EnterpriseSize, ProvinceKind, SchoolLevel, Unit, UnitId, UnitKind,
};
use crate::read::limits::Limits;
use crate::synthetic::rng::SplitMix64 as Rng;
use chrono::NaiveDate;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    /// Approximate number of units.
    pub units: usize,
    /// Evidence year; from 2025 on the hierarchy has no districts.
    pub year: i32,
    /// Seed: the same spec always gives the same dataset.
    pub seed: u64,
}

impl Spec {
    /// Units of the national shape (DOMAIN §2): 34 provinces, 3,321 communes, about
    /// 63,600 residential areas and 100,000 agencies, enterprises and schools.
    pub const NATIONAL_UNITS: usize = 170_000;

    /// The seed when none is given, the same on every surface (`antq generate`, Python's
    /// `Dataset.generate`, JavaScript's `Dataset.generate`): the same call gives the same
    /// dataset everywhere.
    pub const DEFAULT_SEED: u64 = 1;

    /// The fewest units [`generate_years_within`] accepts: one commune of the national
    /// shape (the commune, about 19 residential areas and 31 organisations), the smallest
    /// dataset [`generate`] makes with the national proportions. Below it the dataset made
    /// is not of the size asked for (`units: 0` made 3 units: a province, a district and a
    /// commune), so fewer are refused ([`Error::BadArgument`], `units`). From it up, the
    /// dataset holds the units asked for plus the provinces and districts above them (at
    /// most about 4% more).
    ///
    /// ```
    /// use antq::{Limits, generate::{Spec, generate_years_within}};
    /// let small = Spec { units: Spec::MIN_UNITS - 1, year: 2023, seed: 1 };
    /// let e = generate_years_within(&small, 1, &Limits::default()).unwrap_err();
    /// assert_eq!(e.code(), "bad_argument");
    /// assert!(e.to_string().contains("at least 52 units"));
    /// let ds = generate_years_within(&Spec { units: Spec::MIN_UNITS, ..small }, 1, &Limits::default());
    /// let ds = ds.unwrap().unwrap();
    /// assert!(ds.units.len() >= Spec::MIN_UNITS && ds.units.len() <= Spec::MIN_UNITS * 104 / 100);
    /// // The title names the units made.
    /// assert!(ds.meta.title.contains(&format!(", {} units,", ds.units.len())), "{}", ds.meta.title);
    /// ```
    pub const MIN_UNITS: usize = Self::NATIONAL_UNITS.div_ceil(3_321);

    /// The national-scale dataset of `year` (×`scale` units: 10 for the stress variant).
    /// A `scale` of 0 is [`Error::BadArgument`] (`scale`): it was taken as 1 without a word.
    ///
    /// ```
    /// let s = antq::generate::Spec::national(2023, 1, 7).unwrap();
    /// assert_eq!(s.units, 170_000);
    /// let e = antq::generate::Spec::national(2023, 0, 7).unwrap_err();
    /// assert!(matches!(&e, antq::Error::BadArgument { argument, .. } if argument == "scale"), "{e}");
    /// ```
    pub fn national(year: i32, scale: usize, seed: u64) -> Result<Spec> {
        if scale == 0 {
            return Err(Error::BadArgument {
                argument: "scale".into(),
                message: "0 makes no dataset: the scale multiplies the national shape's 170,000 units (1 or more)"
                    .into(),
            });
        }
        Ok(Spec { units: Self::NATIONAL_UNITS.saturating_mul(scale), year, seed })
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// Generates a dataset of about `spec.units` units with the national proportions of
/// DOMAIN §2 (34 provinces; per commune about 19 residential areas and 30 organisations),
/// evidence for `spec.year` where most units meet the standard and some fail or lack
/// evidence, incidents and activities.
///
/// ```
/// let ds = antq::generate::generate(&antq::generate::Spec { units: 2_000, year: 2023, seed: 7 });
/// assert!(ds.units.len() > 1_500);
/// ds.validate().unwrap();
/// ```
pub fn generate(spec: &Spec) -> Dataset {
    let mut rng = Rng(spec.seed ^ 0xA17_0A17);
    let y = spec.year;
    let reformed = y >= 2025;
    // National shape: 3,321 communes, 63,619 residential areas, ~100,000 organisations.
    let per_commune = 170_000.0 / 3_321.0;
    let communes = ((spec.units as f64 / per_commune).round() as usize).max(1);
    let provinces = communes.clamp(1, 34);
    let mut ds = Dataset {
        meta: DatasetMeta {
            // Named once the units are made (below): the number made, not the one asked for.
            title: String::new(),
            synthetic: true,
            description: Some("Generated by antq::generate: synthetic, not real review data.".into()),
        },
        ..Dataset::default()
    };
    let push_ev = |ds: &mut Dataset, rng: &mut Rng, id: &UnitId, kind: UnitKind| {
        let mut e = Evidence { unit: id.clone(), year: y, ..Evidence::default() };
        let bad = rng.chance(80);
        let unknown = rng.chance(30);
        let q1 = date(y, 1 + rng.below(3) as u32, 1 + rng.below(28) as u32);
        let late = date(y, 4, 2);
        e.resolution_date = Some(if bad && rng.chance(300) { late } else { q1 });
        e.plan_date = Some(q1);
        e.registration_date = if unknown && rng.chance(300) { None } else { Some(q1) };
        e.effective_models = Some(1 + rng.below(3) as u32);
        let att = |bad: bool, r: &mut Rng| if bad && r.chance(250) { Attestation::No } else { Attestation::Yes };
        match kind {
            UnitKind::ResidentialArea(_) => {
                let h = 80 + rng.below(400) as u32;
                e.households_total = Some(h);
                e.households_registered = Some(if bad && rng.chance(300) { h - 1 } else { h });
                for k in ["RA-2", "RA-3/other", "RA-4", "RA-5"] {
                    if !(unknown && rng.chance(250)) {
                        e.attested.insert(k, att(bad, rng));
                    }
                }
            }
            UnitKind::Commune(_) => {
                e.disciplined_officers = Some(u32::from(bad && rng.chance(200)));
                for k in ["CW-2/RA-2", "CW-2/RA-3/other", "CW-2/RA-4"] {
                    e.attested.insert(k, att(bad, rng));
                }
            }
            UnitKind::Agency { .. } | UnitKind::Enterprise(_) => {
                let staff = 10 + rng.below(300) as u32;
                e.staff_total = Some(staff);
                e.staff_briefed = Some(if bad && rng.chance(300) { staff - 1 } else { staff });
                e.party_organisation = Some(rng.chance(600));
                for f in [
                    &mut e.rules_unit_protection,
                    &mut e.rules_state_secrets,
                    &mut e.rules_internal_politics,
                    &mut e.rules_labour_safety,
                    &mut e.rules_fire_explosion,
                    &mut e.rules_environment,
                ] {
                    *f = Some(!(bad && rng.chance(100)));
                }
                for k in ["AE-2", "AE-3"] {
                    if !(unknown && rng.chance(300)) {
                        e.attested.insert(k, att(bad, rng));
                    }
                }
            }
            UnitKind::School(_) => {
                e.parents_board_coordination = Some(!(bad && rng.chance(300)));
                for k in ["SC-1", "SC-6"] {
                    e.attested.insert(k, att(bad, rng));
                }
            }
            _ => {}
        }
        ds.evidence.push(e);
    };
    let mut remaining = spec.units;
    let mut commune_no = 0usize;
    for p in 0..provinces {
        let pid = UnitId::raw(format!("P{p:02}"));
        ds.units.push(Unit::new(pid.0.clone(), format!("Tỉnh {p:02}"), UnitKind::Province(ProvinceKind::Tinh), None));
        let my_communes = communes / provinces + usize::from(p < communes % provinces);
        let districts = if reformed { 0 } else { my_communes.div_ceil(14).max(1) };
        for d in 0..districts {
            let did = format!("{}-D{d:02}", pid.0);
            let mut u =
                Unit::new(did.clone(), format!("Huyện {d:02}"), UnitKind::District(DistrictKind::Huyen), Some(&pid.0));
            u.valid_until = Some(date(2025, 6, 30));
            ds.units.push(u);
        }
        for c in 0..my_communes {
            commune_no += 1;
            let parent = if reformed { pid.0.to_string() } else { format!("{}-D{:02}", pid.0, c % districts.max(1)) };
            let cid = format!("{}-C{c:03}", pid.0);
            let sub = match rng.below(10) {
                0..=6 => CommuneKind::Xa,
                _ => CommuneKind::Phuong,
            };
            ds.units.push(Unit::new(cid.clone(), format!("Xã {commune_no}"), UnitKind::Commune(sub), Some(&parent)));
            push_ev(&mut ds, &mut rng, &UnitId(cid.as_str().into()), UnitKind::Commune(sub));
            let budget = ((remaining as f64) / ((communes - commune_no + 1) as f64)).round() as usize;
            remaining = remaining.saturating_sub(budget);
            // Residential areas spread so the national total is exactly 63,619.
            let areas_cum = |n: usize| {
                let total = spec.units as u64 * 63_619 / Spec::NATIONAL_UNITS as u64;
                (total * n as u64 / communes as u64) as usize
            };
            let areas = (areas_cum(commune_no) - areas_cum(commune_no - 1)).min(budget.saturating_sub(1));
            let orgs = budget.saturating_sub(areas + 1);
            for a in 0..areas {
                let id = UnitId::raw(format!("{cid}-A{a:03}"));
                let k =
                    UnitKind::ResidentialArea(if sub == CommuneKind::Xa { AreaKind::Thon } else { AreaKind::ToDanPho });
                ds.units.push(Unit::new(id.0.clone(), format!("Khu dân cư {a}"), k, Some(&cid)));
                push_ev(&mut ds, &mut rng, &id, k);
                if rng.chance(20) {
                    ds.incidents.push(Incident {
                        unit: id.clone(),
                        date: date(y, 1 + rng.below(10) as u32, 1 + rng.below(28) as u32),
                        category: ["prolonged_dispute", "incitement", "illegal_religion"][rng.below(3) as usize].into(),
                        note: None,
                    });
                }
                if rng.chance(300) {
                    ds.activities.push(Activity {
                        unit: id.clone(),
                        date: date(y, 1 + rng.below(10) as u32, 1 + rng.below(28) as u32),
                        count: 1 + rng.below(4),
                        kind: ActivityKind::PropagandaMeeting { attendees: 20 + rng.below(80) },
                    });
                }
            }
            for o in 0..orgs {
                let id = UnitId::raw(format!("{cid}-O{o:03}"));
                let k = match rng.below(100) {
                    0..=32 => UnitKind::Agency { armed_forces: rng.chance(30) },
                    33..=75 => UnitKind::Enterprise(
                        [EnterpriseSize::Micro, EnterpriseSize::Small, EnterpriseSize::Medium, EnterpriseSize::Large]
                            [rng.below(4) as usize],
                    ),
                    _ => UnitKind::School(
                        [
                            SchoolLevel::Kindergarten,
                            SchoolLevel::Primary,
                            SchoolLevel::LowerSecondary,
                            SchoolLevel::UpperSecondary,
                        ][rng.below(4) as usize],
                    ),
                };
                ds.units.push(Unit::new(id.0.clone(), format!("Đơn vị {o}"), k, Some(&cid)));
                push_ev(&mut ds, &mut rng, &id, k);
            }
            ds.activities.push(Activity {
                unit: UnitId(cid.as_str().into()),
                date: date(y, 8, 19),
                count: 1,
                kind: ActivityKind::Festival { participants: 200 + rng.below(800) },
            });
        }
    }
    ds.meta.title = format!("Synthetic national dataset, {} units, {y}, seed {}", ds.units.len(), spec.seed);
    ds
}

/// The units of [`generate`]`(spec)` with evidence, incidents and activities for `years`
/// consecutive years from `spec.year`: each later year is the first one moved on by whole
/// years, with about 8% of units changing their evidence (a failing unit recovering or a
/// passing one slipping) and incidents and activities drawn again. `Ok(None)` when the
/// years would cross the 1 July 2025 reform (districts cannot carry over); the errors of
/// [`generate_years_within`] (0 years, fewer than [`Spec::MIN_UNITS`] units, a year antq
/// does not read), without its limits.
///
/// ```
/// use antq::generate::{Spec, generate_years};
/// let ds = generate_years(&Spec { units: 1_000, year: 2021, seed: 1 }, 3).unwrap().unwrap();
/// let years: std::collections::BTreeSet<i32> = ds.evidence.iter().map(|e| e.year).collect();
/// assert_eq!(years.into_iter().collect::<Vec<_>>(), vec![2021, 2022, 2023]);
/// ds.validate().unwrap();
/// assert!(generate_years(&Spec { units: 1_000, year: 2024, seed: 1 }, 2).unwrap().is_none());
/// assert!(generate_years(&Spec { units: 1_000, year: 2024, seed: 1 }, 0).is_err());
/// ```
pub fn generate_years(spec: &Spec, years: u32) -> Result<Option<Dataset>> {
    generate_years_within(spec, years, &Limits::unlimited())
}

/// [`generate_years`] held to `limits` and to the years antq accepts ([`crate::YEARS`]; a
/// first or last year outside them is [`Error::BadYear`]), and to at least
/// [`Spec::MIN_UNITS`] units ([`Error::BadArgument`] `units` otherwise): the units asked for, then the evidence records and
/// events the years would make (known once the first year is made, before any later year
/// is), must fit `max_units`, `max_evidence` and `max_events`; otherwise an
/// `invalid_dataset` error with a `limit` problem naming the limit, before the memory is
/// used. `Ok(None)` when the years would cross the 1 July 2025 reform. `years` of 0 is
/// [`Error::BadArgument`] (`years`): it was taken as 1 without a word.
///
/// ```
/// use antq::{Limits, generate::{Spec, generate_years_within}};
/// let mut limits = Limits::default();
/// limits.max_evidence = 50_000;
/// let e = generate_years_within(&Spec { units: 1_000, year: 1900, seed: 1 }, 100, &limits);
/// assert!(e.unwrap_err().to_string().contains("max_evidence = 50000"));
/// let e = generate_years_within(&Spec { units: 1_000, year: 2023, seed: 1 }, 0, &limits).unwrap_err();
/// assert!(matches!(&e, antq::Error::BadArgument { argument, .. } if argument == "years"), "{e}");
/// ```
pub fn generate_years_within(spec: &Spec, years: u32, limits: &Limits) -> Result<Option<Dataset>> {
    crate::check_year(spec.year)?;
    if years == 0 {
        return Err(Error::BadArgument {
            argument: "years".into(),
            message: "0 makes no dataset: give 1 or more years of evidence".into(),
        });
    }
    let Some(last) = i32::try_from(years).ok().and_then(|n| spec.year.checked_add(n - 1)) else {
        return Ok(None);
    };
    if spec.year < 2025 && last >= 2025 {
        return Ok(None);
    }
    // The last year too: evidence of a year antq does not read is never made.
    crate::check_year(last)?;
    if spec.units < Spec::MIN_UNITS {
        return Err(Error::BadArgument {
            argument: "units".into(),
            message: format!(
                "{} is too few: at least {} units (one commune of the national shape: the commune, about 19 \
                 residential areas and 31 organisations, under its province and, before 2025, its district); \
                 fewer would make a dataset of another size",
                spec.units,
                Spec::MIN_UNITS
            ),
        });
    }
    let over = |what: &str, found: usize, name: &str, limit: usize| {
        Error::InvalidDataset(vec![Limits::problem(Location::default(), what, found, name, limit)])
    };
    if spec.units > limits.max_units {
        return Err(over("units asked for", spec.units, "max_units", limits.max_units));
    }
    let mut ds = generate(spec);
    let n = years as usize;
    let evidence = ds.evidence.len().saturating_mul(n);
    if evidence > limits.max_evidence {
        return Err(over("evidence records over the years", evidence, "max_evidence", limits.max_evidence));
    }
    let events = ds.incidents.len().saturating_add(ds.activities.len()).saturating_mul(n);
    if events > limits.max_events {
        return Err(over("incidents and activities over the years", events, "max_events", limits.max_events));
    }
    let first = (ds.evidence.clone(), ds.incidents.clone(), ds.activities.clone());
    for k in 1..years {
        let y = spec.year + k as i32;
        let mut rng = Rng(spec.seed ^ 0x5EED_0000 ^ u64::from(k));
        let shift = |d: NaiveDate| {
            use chrono::Datelike;
            // 29 February moves to 28 February in a common year.
            d.with_year(d.year() + k as i32).or_else(|| date(d.year() + k as i32, d.month(), 28).into()).unwrap_or(d)
        };
        for e in &first.0 {
            let mut e = e.clone();
            e.year = y;
            for d in [&mut e.resolution_date, &mut e.plan_date, &mut e.registration_date, &mut e.programme_date] {
                *d = d.map(shift);
            }
            if rng.chance(80) {
                // Change of fortune: complete the households and staff, or lose one.
                let slip = rng.chance(500);
                if let (Some(t), Some(r)) = (e.households_total, e.households_registered.as_mut()) {
                    *r = if slip { t.saturating_sub(1) } else { t };
                }
                if let (Some(t), Some(r)) = (e.staff_total, e.staff_briefed.as_mut()) {
                    *r = if slip { t.saturating_sub(1) } else { t };
                }
            }
            ds.evidence.push(e);
        }
        for inc in &first.1 {
            if rng.chance(700) {
                ds.incidents.push(Incident { date: shift(inc.date), ..inc.clone() });
            }
        }
        for a in &first.2 {
            ds.activities.push(Activity { date: shift(a.date), ..a.clone() });
        }
    }
    ds.meta.title = format!("{}, {years} years from {}", ds.meta.title, spec.year);
    Ok(Some(ds))
}
