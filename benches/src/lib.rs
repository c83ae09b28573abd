//! The workloads of antq's benchmarks, shared by the criterion benches (`benches/`) and the
//! scale report (`src/bin/scale.rs`), so both measure the same thing.
//!
//! ```sh
//! cargo bench -p antq-benches --bench national          # criterion, national scale
//! cargo run --release -p antq-benches --bin scale -- --national --repeat 5
//! ```

use antq::generate::Spec;
use antq::{Dataset, Evidence, RuleSet, Supplement, sample};

/// The rule sets the benchmarks evaluate, as a user would layer them.
#[derive(Debug)]
pub struct Rules {
    /// Circular 124 (`vn.c124-2021`).
    pub c124: RuleSet,
    /// Decision 510 completed by the sample provincial supplement (the national sheet is
    /// incomplete, so without it every unit is undetermined and nothing is scored).
    pub d510: RuleSet,
    /// Typical communes with the sample supplement (quota 1 per parent, Circular 124 as
    /// the prerequisite, so it includes a Circular 124 review).
    pub typical: RuleSet,
}

impl Rules {
    /// Loads the presets and the sample supplements.
    pub fn load() -> antq::Result<Rules> {
        let sup = |name: &str, text: &str| Supplement::from_str_named(name, text);
        Ok(Rules {
            c124: RuleSet::preset("vn.c124-2021")?,
            d510: RuleSet::preset("vn.d510-2022")?
                .with_supplement(&sup("d510-supplement.toml", sample::SAMPLE_D510_SUPPLEMENT)?)?,
            typical: RuleSet::preset("vn.d9745-2022.communes")?
                .with_supplement(&sup("typical-supplement.toml", sample::SAMPLE_TYPICAL_SUPPLEMENT)?)?,
        })
    }
}

/// A generated dataset of the national shape (`scale` × 170,000 units) over `years`
/// years ending in 2023; a scale or a number of years of 0 is the core's `bad_argument`.
pub fn national(scale: usize, years: u32) -> antq::Result<Dataset> {
    let first = 2024 - i32::try_from(years).unwrap_or(i32::MAX);
    let made =
        antq::generate::generate_years_within(&Spec::national(first, scale, 1)?, years, &antq::Limits::unlimited())?;
    match made {
        Some(ds) => Ok(ds),
        None => Ok(antq::generate::generate(&Spec::national(2023, scale, 1)?)),
    }
}

/// The floor: one plain pass over the evidence columns the Circular 124 review reads,
/// computing nothing but a sum. Anything that reads the same evidence costs at least this.
pub fn plain_pass(ds: &Dataset, year: i32) -> u64 {
    let day = |d: Option<chrono::NaiveDate>| d.map_or(0, |d| u64::from(chrono::Datelike::ordinal(&d)));
    ds.evidence
        .iter()
        .filter(|e: &&Evidence| e.year == year)
        .map(|e| {
            day(e.resolution_date)
                + day(e.plan_date)
                + day(e.registration_date)
                + u64::from(e.households_total.unwrap_or(0))
                + u64::from(e.households_registered.unwrap_or(0))
                + u64::from(e.staff_total.unwrap_or(0))
                + u64::from(e.staff_briefed.unwrap_or(0))
                + u64::from(e.effective_models.unwrap_or(0))
                + u64::from(e.disciplined_officers.unwrap_or(0))
                + e.attested.len() as u64
        })
        .sum::<u64>()
        + ds.incidents.len() as u64
}
