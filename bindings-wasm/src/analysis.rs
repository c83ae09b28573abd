//! Exports of the `analysis` build (`pkg/full/`): decision support over evaluations
//! (`antq::analysis`) and the DOMAIN §6 rules (`antq::teams`, `antq::medal`). Thin like the
//! rest: the core computes, this converts.

use super::*;
use crate::args::StrList;

#[wasm_bindgen]
extern "C" {
    /// `WhatIf`.
    #[wasm_bindgen(typescript_type = "WhatIf")]
    pub type WhatIfData;
    /// `Impact`.
    #[wasm_bindgen(typescript_type = "Impact")]
    pub type ImpactData;
    /// `SensitivityReport`.
    #[wasm_bindgen(typescript_type = "SensitivityReport")]
    pub type SensitivityData;
    /// `YearComparison`.
    #[wasm_bindgen(typescript_type = "YearComparison")]
    pub type YearComparisonData;
    /// `Verdicts`.
    #[wasm_bindgen(typescript_type = "Verdicts")]
    pub type VerdictsData;
}

/// Every unit's verdict, without writing explanations (a fraction of `evaluate`'s time on
/// large datasets): the decision record, the lints (what the evidence gives that the rule
/// set does not read) and one array per column — unit, kind, subkind, parent, outcome,
/// level, rank, met, of, then one per criterion with its status.
/// `options` are `evaluate`'s (reference date, permissions, lenient vocabulary).
#[wasm_bindgen]
pub fn review(
    dataset: &Dataset,
    rules: &RuleSet,
    year: Int,
    options: Option<Ts<EvaluateOptions>>,
) -> JsResult<VerdictsData> {
    let year = args::year(&year, "year")?;
    let opts = evaluate_options(options, rules)?;
    let prepared = core(antq::Prepared::new(&dataset.inner, year))?;
    let review = core(prepared.review(&rules.inner, &opts))?;
    let table = antq::table::verdicts_table(&review);
    #[derive(Serialize)]
    struct Out<'t, 'a> {
        record: &'t antq::eval::DecisionRecord,
        lints: &'t [antq::Problem],
        rows: usize,
        columns: crate::convert::Columns<'t, 'a>,
    }
    let lints = review.lints();
    to_js(&Out { record: review.record(), lints, rows: table.num_rows(), columns: crate::convert::Columns(&table) })
        .map(JsCast::unchecked_into)
}

/// `review` without throwing.
#[wasm_bindgen(js_name = tryReview, unchecked_return_type = "AntqResult<Verdicts>")]
pub fn try_review(dataset: &Dataset, rules: &RuleSet, year: Int, options: Option<Ts<EvaluateOptions>>) -> JsValue {
    settle(review(dataset, rules, year, options).map(Into::into))
}

/// Options of `whatIf`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WhatIfOptions {
    /// A target level of a points sheet (default: the next level up).
    #[serde(default)]
    #[tsify(optional)]
    pub level: Option<String>,
    /// Lay each reachable plan's changes over the data and evaluate again; sets `verified`
    /// on each plan (`null` for a plan that is not reachable: nothing to apply).
    #[serde(default)]
    #[tsify(optional)]
    pub verify: Option<bool>,
}

/// What it still takes: for each unit, the smallest set of evidence changes that reaches
/// the rule set's target (the standard, the next level, typical), each explained; with the
/// lints of the evaluation behind the plans (`{ plans, lints }`, `lints` absent when none).
#[wasm_bindgen(js_name = whatIf)]
pub fn what_if(
    dataset: &Dataset,
    rules: &RuleSet,
    year: Int,
    units: StrList,
    options: Option<Ts<WhatIfOptions>>,
) -> JsResult<WhatIfData> {
    let (year, units) = (args::year(&year, "year")?, args::string_list(&units, "units")?);
    if units.is_empty() {
        // As the CLI (which needs a unit) and Python refuse it, not an empty answer.
        return Err(bad_argument("units: the list of unit ids is empty: name at least one unit"));
    }
    let o = match options {
        Some(o) => arg(o, "options")?,
        None => WhatIfOptions::default(),
    };
    let goal = o.level.map_or(antq::analysis::Goal::Auto, antq::analysis::Goal::Level);
    let ids: Vec<&str> = units.iter().map(String::as_str).collect();
    let opts = rules.options();
    let mut w = core(antq::analysis::what_it_takes(&dataset.inner, &rules.inner, year, &opts, &ids, &goal))?;
    if o.verify == Some(true) {
        core(w.verify(&dataset.inner, &rules.inner, year, &opts))?;
    }
    to_js(&w).map(JsCast::unchecked_into)
}

/// The impact of a rule change: the same data under `base` and `changed` (e.g.
/// `base.withSupplement(…)`, or `base.withParameter('min_met', 30)`).
#[wasm_bindgen]
pub fn impact(dataset: &Dataset, base: &RuleSet, changed: &RuleSet, year: Int) -> JsResult<ImpactData> {
    let year = args::year(&year, "year")?;
    let im = core(antq::analysis::impact_of_rules(&dataset.inner, &base.inner, &changed.inner, year, &base.options()))?;
    to_js(&im).map(JsCast::unchecked_into)
}

/// Sensitivity of a points rule set's levels and ranks (spec as in `SensitivitySpec`:
/// `{ sampling: { mode: 'random', samples, seed } | { mode: 'grid', steps }, cutoff_range,
/// max_range_percent, pass_level? }`). Runs on one thread here.
#[wasm_bindgen]
pub fn sensitivity(dataset: &Dataset, rules: &RuleSet, year: Int, spec: JsValue) -> JsResult<SensitivityData> {
    let year = args::year(&year, "year")?;
    let text = object_text(&spec, "spec")?;
    let spec: antq::analysis::SensitivitySpec =
        serde_json::from_str(&text).map_err(|e| bad_argument(format!("spec: {e}")))?;
    let r = core(antq::analysis::sensitivity(&dataset.inner, &rules.inner, year, &rules.options(), &spec))?;
    to_js(&r).map(JsCast::unchecked_into)
}

/// Year over year: the same units evaluated in `from` and `to`.
#[wasm_bindgen(js_name = compareYears)]
pub fn compare_years(dataset: &Dataset, rules: &RuleSet, from: Int, to: Int) -> JsResult<YearComparisonData> {
    let (from, to) = (args::year(&from, "from")?, args::year(&to, "to")?);
    // A published preset of a family is taken, for each year, as the member in force then.
    let (a, b) = (core(rules.inner.in_year(from))?, core(rules.inner.in_year(to))?);
    let c = core(antq::analysis::compare_rule_years(&dataset.inner, (&a, &b), from, to, &rules.options()))?;
    to_js(&c).map(JsCast::unchecked_into)
}

/// `whatIf` without throwing.
#[wasm_bindgen(js_name = tryWhatIf, unchecked_return_type = "AntqResult<Plan[]>")]
pub fn try_what_if(
    dataset: &Dataset,
    rules: &RuleSet,
    year: Int,
    units: StrList,
    options: Option<Ts<WhatIfOptions>>,
) -> JsValue {
    settle(what_if(dataset, rules, year, units, options).map(Into::into))
}

/// `impact` without throwing.
#[wasm_bindgen(js_name = tryImpact, unchecked_return_type = "AntqResult<Impact>")]
pub fn try_impact(dataset: &Dataset, base: &RuleSet, changed: &RuleSet, year: Int) -> JsValue {
    settle(impact(dataset, base, changed, year).map(Into::into))
}

/// `sensitivity` without throwing.
#[wasm_bindgen(js_name = trySensitivity, unchecked_return_type = "AntqResult<SensitivityReport>")]
pub fn try_sensitivity(dataset: &Dataset, rules: &RuleSet, year: Int, spec: JsValue) -> JsValue {
    settle(sensitivity(dataset, rules, year, spec).map(Into::into))
}

/// `compareYears` without throwing.
#[wasm_bindgen(js_name = tryCompareYears, unchecked_return_type = "AntqResult<YearComparison>")]
pub fn try_compare_years(dataset: &Dataset, rules: &RuleSet, from: Int, to: Int) -> JsValue {
    settle(compare_years(dataset, rules, from, to).map(Into::into))
}

#[wasm_bindgen]
extern "C" {
    /// `string | RankingInput`.
    #[wasm_bindgen(typescript_type = "string | RankingInput")]
    pub type RankingInputArg;
    /// `TeamRanking`.
    #[wasm_bindgen(typescript_type = "TeamRanking")]
    pub type TeamRankingData;
    /// `string | MedalInput`.
    #[wasm_bindgen(typescript_type = "string | MedalInput")]
    pub type MedalInputArg;
    /// `MedalAssessment[]`.
    #[wasm_bindgen(typescript_type = "MedalAssessment[]")]
    pub type MedalAssessmentsData;
}

/// Reads a §6 input given as JSON/TOML text or as an object with the core's reader;
/// positions are dropped for objects (they point into text the caller never saw).
fn section6_input<T>(v: &JsValue, read: fn(&str, &str) -> antq::Result<T>, name: &str) -> JsResult<T> {
    let (text, object) = text_or_object(v, "input")?;
    let r = read(name, &text);
    core(if object { r.map_err(unposition) } else { r })
}

/// Grassroots security teams and members ranked for a year (DOMAIN §6: four levels, the
/// 9-month and pending-complaint exclusions, the excellent cap, a leader never above the
/// team), by the `vn.teams` instrument in force on the ranking's date; the result names it
/// (`instrument`). `input` is the JSON or TOML text of a ranking input, or the object.
#[wasm_bindgen(js_name = rankTeams)]
pub fn rank_teams(input: RankingInputArg) -> JsResult<TeamRankingData> {
    let input = section6_input(&input, antq::teams::RankingInput::from_str_named, "teams.json")?;
    to_js(&core(antq::teams::rank(&input))?).map(JsCast::unchecked_into)
}

/// `rankTeams` without throwing.
#[wasm_bindgen(js_name = tryRankTeams, unchecked_return_type = "AntqResult<TeamRanking>")]
pub fn try_rank_teams(input: RankingInputArg) -> JsValue {
    settle(rank_teams(input).map(Into::into))
}

/// Commemorative medal eligibility (DOMAIN §6) of every candidate on the input's reference
/// date, under the `vn.medal` instrument in force then (Circular 11/2021 up to 27/4/2025,
/// 20/2025 from 28/4/2025), named in each result. `input` is JSON or TOML text, or the object.
#[wasm_bindgen(js_name = assessMedals)]
pub fn assess_medals(input: MedalInputArg) -> JsResult<MedalAssessmentsData> {
    let input = section6_input(&input, antq::medal::MedalInput::from_str_named, "medal.json")?;
    to_js(&core(antq::medal::assess_all(&input))?).map(JsCast::unchecked_into)
}

/// `assessMedals` without throwing.
#[wasm_bindgen(js_name = tryAssessMedals, unchecked_return_type = "AntqResult<MedalAssessment[]>")]
pub fn try_assess_medals(input: MedalInputArg) -> JsValue {
    settle(assess_medals(input).map(Into::into))
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "FestivalCheck")]
    pub type FestivalCheckData;
}

/// Options of `festivalDay`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FestivalOptions {
    /// The season's first day, `Y-MM-DD` on or before `Y-08-19` (default `Y-07-01`: an
    /// illustrative reading of "early July").
    #[serde(default)]
    #[tsify(optional)]
    pub season_start: Option<String>,
}

/// What `date` (`YYYY-MM-DD`) is for the festival day of the movement (DOMAIN §6): 19
/// August from 2005, its season from `seasonStart` to the festival day, and the next
/// festival day.
#[wasm_bindgen(js_name = festivalDay)]
pub fn festival_day(date: Str, options: Option<Ts<FestivalOptions>>) -> JsResult<FestivalCheckData> {
    let text = string(&date, "date")?;
    let date = antq::parse_date(&text)
        .ok_or_else(|| bad_argument(format!("date: `{text}` is not a valid date written YYYY-MM-DD")))?;
    let o = match options {
        Some(o) => arg(o, "options")?,
        None => FestivalOptions::default(),
    };
    let mut params = antq::festival::FestivalParams::default();
    if let Some(s) = o.season_start {
        params.season_start = s.parse().map_err(|e: String| bad_argument(format!("options.seasonStart: {e}")))?;
    }
    to_js(&core(antq::festival::check(date, &params))?).map(JsCast::unchecked_into)
}

/// `festivalDay` without throwing.
#[wasm_bindgen(js_name = tryFestivalDay, unchecked_return_type = "AntqResult<FestivalCheck>")]
pub fn try_festival_day(date: Str, options: Option<Ts<FestivalOptions>>) -> JsValue {
    settle(festival_day(date, options).map(Into::into))
}
