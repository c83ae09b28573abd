//! # antq-wasm
//!
//! The WebAssembly binding of [`antq`]: built-in presets, rule-set and supplement
//! validation, datasets, evaluation for a year with explanations and what is missing,
//! and activity statistics. The binding only converts types and maps errors; every
//! rule lives in the core.
//!
//! Errors are JS `Error`s named `AntqError` with a stable `code` (the core's
//! `Error::code()`, or `bad_argument`) and `details` (the core's problems list). Every
//! throwing call has a `try…` twin returning `{ ok: true, value } | { ok: false, error }`.
//! TypeScript types of every input and output are in `ts/antq-types.d.ts`.

#![warn(missing_docs)]

mod args;
mod convert;
mod error;
mod tables;

use args::{Bool, Int, LangArg, Str, arg, opt_bool, opt_string, string, year};
use convert::{object_text, text_or_object, to_js, unposition};
use error::{bad_argument, core_error, settle};
use serde::{Deserialize, Serialize};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("../ts/antq-types.d.ts");

#[wasm_bindgen]
extern "C" {
    /// `DatasetData` (see `ts/antq-types.d.ts`).
    #[wasm_bindgen(typescript_type = "DatasetData")]
    pub type DatasetData;
    /// `RuleSetData`.
    #[wasm_bindgen(typescript_type = "RuleSetData")]
    pub type RuleSetData;
    /// `string | SupplementData`.
    #[wasm_bindgen(typescript_type = "string | SupplementData")]
    pub type SupplementInput;
    /// `EvaluationData`.
    #[wasm_bindgen(typescript_type = "EvaluationData")]
    pub type EvaluationData;
    /// `UnitResult`.
    #[wasm_bindgen(typescript_type = "UnitResult")]
    pub type UnitResultData;
    /// `DecisionRecord`.
    #[wasm_bindgen(typescript_type = "DecisionRecord")]
    pub type DecisionRecordData;
    /// `Summary`.
    #[wasm_bindgen(typescript_type = "Summary")]
    pub type SummaryData;
    /// `Stats`.
    #[wasm_bindgen(typescript_type = "Stats")]
    pub type StatsData;
    /// `Text`.
    #[wasm_bindgen(typescript_type = "Text")]
    pub type TextData;
}

/// Runs when the module is instantiated: installs the panic hook when built with the
/// `panic-hook` feature.
#[wasm_bindgen(start, skip_typescript)]
fn start() {
    #[cfg(feature = "panic-hook")]
    console_error_panic_hook::set_once();
}

type JsResult<T> = Result<T, JsValue>;

fn json_text<T: Serialize>(v: &T, pretty: Option<Bool>) -> JsResult<String> {
    let pretty = opt_bool(pretty, "pretty")?;
    // Serialising the core's types cannot fail (string keys, finite numbers). Pretty text is
    // the compact text re-indented: one serialiser of each type in the module, not two.
    let text = serde_json::to_string(v).unwrap_or_default();
    Ok(if pretty == Some(true) { antq::pretty_json(&text) } else { text })
}

fn core<T>(r: antq::Result<T>) -> JsResult<T> {
    r.map_err(core_error)
}

/// A display language: required wherever text is written (`explain`); there is no default.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// Vietnamese.
    Vi,
    /// English.
    En,
}

impl From<Lang> for antq::Lang {
    fn from(l: Lang) -> antq::Lang {
        match l {
            Lang::Vi => antq::Lang::Vi,
            Lang::En => antq::Lang::En,
        }
    }
}

/// Limits on input, each field optional (the default when left out): see `defaultLimits()`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Tsify)]
#[serde(deny_unknown_fields)]
pub struct LimitsInput {
    #[tsify(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    max_document_bytes: Option<usize>,
    #[tsify(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    max_nesting_depth: Option<usize>,
    #[tsify(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    max_string_bytes: Option<usize>,
    #[tsify(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    max_criteria: Option<usize>,
    #[tsify(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    max_test_depth: Option<usize>,
    #[tsify(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    max_subtests: Option<usize>,
    #[tsify(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    max_tests: Option<usize>,
    #[tsify(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    max_units: Option<usize>,
    #[tsify(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    max_evidence: Option<usize>,
    #[tsify(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    max_events: Option<usize>,
    #[tsify(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    max_parent_changes: Option<usize>,
    #[tsify(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    max_problems: Option<usize>,
}

/// `antq::Limits` from the fields given (through the core's own reader of limits).
fn limits_arg(l: Option<Ts<LimitsInput>>) -> JsResult<antq::Limits> {
    let Some(l) = l else { return Ok(antq::Limits::default()) };
    let l: LimitsInput = arg(l, "limits")?;
    let text = serde_json::to_string(&l).unwrap_or_default();
    serde_json::from_str::<antq::Limits>(&text).map_err(|e| bad_argument(format!("limits: {e}")))
}

/// The default limits on input.
#[wasm_bindgen(js_name = defaultLimits, unchecked_return_type = "Required<LimitsInput>")]
pub fn default_limits() -> JsResult<JsValue> {
    to_js(&antq::Limits::default())
}

/// Options of an evaluation.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EvaluateOptions {
    /// Reference date `YYYY-MM-DD`: the units and hierarchy on it, and nothing dated after
    /// it counts; by default the end of the latest window of the rule set's kinds (15
    /// November for Circular 124).
    #[serde(default)]
    #[tsify(optional)]
    pub as_of: Option<String>,
    /// Apply the rule set even outside its period of application (recorded in the result);
    /// otherwise that is a `not_in_force` error.
    #[serde(default)]
    #[tsify(optional)]
    pub allow_outside_period: Option<bool>,
    /// Accept a reference date outside the year's review (recorded in the result);
    /// otherwise that is an `as_of_outside_year` error.
    #[serde(default)]
    #[tsify(optional)]
    pub allow_as_of_outside_year: Option<bool>,
    /// Evidence keys no rule set reads become lints in the result (`evaluation.toJSON().lints`)
    /// instead of an `unknown_key` error.
    #[serde(default)]
    #[tsify(optional)]
    pub lenient_vocabulary: Option<bool>,
}

/// What to generate (a synthetic dataset, the same as `antq::generate::generate`).
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(deny_unknown_fields)]
pub struct GenerateSpec {
    /// Approximate number of units (at most 2,000,000).
    pub units: u32,
    /// Evidence year; from 2025 on the hierarchy has no districts.
    pub year: i32,
    /// Seed: the same spec always gives the same dataset (default 1, as in the CLI and
    /// Python).
    #[serde(default)]
    #[tsify(optional)]
    pub seed: Option<u32>,
}

/// A built-in rule set.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
pub struct PresetInfo {
    /// Rule set id, for `RuleSet.preset`.
    pub id: String,
    /// File name of its TOML source.
    pub file: String,
    /// Version of the encoding.
    pub version: String,
    /// The family it belongs to (`RuleSet.resolve` picks the member in force on a date).
    #[tsify(optional)]
    pub family: Option<String>,
    /// First day it applies (`YYYY-MM-DD`), if bounded.
    #[tsify(optional)]
    pub from: Option<String>,
    /// Last day it applies (`YYYY-MM-DD`), if bounded.
    #[tsify(optional)]
    pub until: Option<String>,
    /// Title.
    #[tsify(type = "Text")]
    pub title: antq::Text,
    /// Unit kinds it evaluates.
    #[tsify(type = "Kind[]")]
    pub kinds: Vec<antq::Kind>,
}

/// An evidence indicator a rule test can read.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
pub struct IndicatorInfo {
    /// The field name in evidence records.
    #[tsify(type = "IndicatorId")]
    pub id: antq::Indicator,
    /// Its value type.
    #[tsify(type = "ValueType")]
    pub value_type: antq::ValueType,
    /// Its name.
    #[tsify(type = "Text")]
    pub label: antq::Text,
}

/// The result of a validation: never thrown, the problems are the answer.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
pub struct Validation {
    /// True when there is no problem.
    pub ok: bool,
    /// The problems, each with code, location and message.
    #[tsify(type = "Problem[]")]
    pub problems: Vec<antq::Problem>,
    /// Legal but worth a look, each with code, location and message (`message_vi` too): for
    /// rule sets, incomplete sheets, illustrative defaults…; for datasets, unit ids that look
    /// alike or differ only by case.
    #[tsify(type = "Problem[]")]
    pub lints: Vec<antq::Problem>,
}

impl Validation {
    fn of(r: antq::Result<Vec<antq::Problem>>) -> JsResult<Ts<Validation>> {
        let v = match r {
            Ok(lints) => Validation { ok: true, problems: Vec::new(), lints },
            Err(e) => {
                let problems = e.problems().to_vec();
                if problems.is_empty() {
                    return Err(core_error(e));
                }
                Validation { ok: false, problems, lints: Vec::new() }
            }
        };
        v.into_ts().map_err(|e| bad_argument(e.to_string()))
    }
}

/// The version of antq.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// The built-in rule sets.
#[wasm_bindgen]
pub fn presets() -> JsResult<Vec<Ts<PresetInfo>>> {
    antq::rules::presets()
        .iter()
        .map(|r| {
            let p = antq::rules::preset(&r.id).ok();
            PresetInfo {
                id: r.id.clone(),
                file: p.map(|p| p.file.to_owned()).unwrap_or_default(),
                version: r.version.clone(),
                family: r.family.clone(),
                from: r.effective.from.map(|d| d.to_string()),
                until: r.effective.until.map(|d| d.to_string()),
                title: r.title.clone(),
                kinds: r.kinds(),
            }
            .into_ts()
            .map_err(|e| bad_argument(e.to_string()))
        })
        .collect()
}

/// The families of instruments: each member with its id, period of application (and how
/// certain it is), what antq encodes of it, version and content hash.
#[wasm_bindgen(unchecked_return_type = "Family[]")]
pub fn families() -> JsResult<JsValue> {
    to_js(&antq::law::families())
}

/// The TOML source of a built-in rule set.
#[wasm_bindgen(js_name = presetSource)]
pub fn preset_source(id: Str) -> JsResult<String> {
    core(antq::rules::preset(&string(&id, "id")?)).map(|p| p.source.to_owned())
}

/// Every evidence indicator, with its type and bilingual name (for building forms).
#[wasm_bindgen]
pub fn indicators() -> JsResult<Vec<Ts<IndicatorInfo>>> {
    antq::Indicator::ALL
        .iter()
        .map(|&i| {
            IndicatorInfo { id: i, value_type: i.value_type(), label: i.label() }
                .into_ts()
                .map_err(|e| bad_argument(e.to_string()))
        })
        .collect()
}

/// Validates a rule set (JSON or TOML text): problems and lints, never thrown.
#[wasm_bindgen(js_name = validateRuleSet)]
pub fn validate_rule_set(text: Str, name: Option<Str>) -> JsResult<Ts<Validation>> {
    let (text, name) = (args::text(&text, "text")?, opt_string(name, "name")?);
    Validation::of(antq::RuleSet::from_str_named(name.as_deref().unwrap_or("rules"), &text).map(|r| r.lints()))
}

/// Validates a supplement (text or object) layered on `base`: problems of the layered
/// rule set and its lints, never thrown.
#[wasm_bindgen(js_name = validateSupplement)]
pub fn validate_supplement(supplement: SupplementInput, base: &RuleSet, name: Option<Str>) -> JsResult<Ts<Validation>> {
    let name = opt_string(name, "name")?;
    Validation::of(base.layer(&supplement, name).map(|r| r.lints()))
}

/// Validates a dataset (JSON or TOML text): structural problems, never thrown.
#[wasm_bindgen(js_name = validateDataset)]
pub fn validate_dataset(text: Str, name: Option<Str>) -> JsResult<Ts<Validation>> {
    let (text, name) = (args::text(&text, "text")?, opt_string(name, "name")?);
    Validation::of(antq::Dataset::from_str_named(name.as_deref().unwrap_or("dataset"), &text).map(|d| d.lints()))
}

/// Validates a dataset against a rule set: structural problems, and the evidence keys the
/// rule set would not read (`unknown_key` problems; keys and indicators other rule sets read
/// as lints); never thrown.
#[wasm_bindgen(js_name = validateDatasetFor)]
pub fn validate_dataset_for(text: Str, rules: &RuleSet, name: Option<Str>) -> JsResult<Ts<Validation>> {
    let (text, name) = (args::text(&text, "text")?, opt_string(name, "name")?);
    let checked = antq::Dataset::from_str_named(name.as_deref().unwrap_or("dataset"), &text).and_then(|d| {
        let mut lints = d.lints();
        let (errors, l) = antq::eval::vocabulary_problems(&d, &rules.inner);
        if !errors.is_empty() {
            return Err(antq::Error::InvalidDataset(errors));
        }
        lints.extend(l);
        Ok(lints)
    });
    Validation::of(checked)
}

/// A rule set (a preset, a file, or either with supplements), plus the rule sets its
/// prerequisite may name.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct RuleSet {
    inner: antq::RuleSet,
    others: Vec<antq::RuleSet>,
}

impl RuleSet {
    fn new(inner: antq::RuleSet) -> Self {
        RuleSet { inner, others: Vec::new() }
    }

    /// Evaluation options naming the rule sets a prerequisite may use.
    #[cfg(feature = "analysis")]
    fn options(&self) -> antq::Options {
        self.others.iter().fold(antq::Options::default(), |o, r| o.with_rule_set(r.clone()))
    }

    fn layer(&self, supplement: &JsValue, name: Option<String>) -> antq::Result<antq::RuleSet> {
        let (text, object) = text_or_object(supplement, "supplement").map_err(|_| {
            antq::Error::InvalidRuleSet(vec![antq::Problem::new(
                antq::ProblemCode::Syntax,
                antq::Location::default(),
                "the supplement is neither a text nor a JSON-representable object",
            )])
        })?;
        let name = name.unwrap_or_else(|| if object { "supplement.json".into() } else { "supplement".into() });
        let s = antq::Supplement::from_str_named(&name, &text);
        let s = if object { s.map_err(unposition) } else { s }?;
        self.inner.with_supplement(&s)
    }
}

#[wasm_bindgen]
impl RuleSet {
    /// A built-in preset by id (see `presets()`).
    pub fn preset(id: Str) -> JsResult<RuleSet> {
        core(antq::RuleSet::preset(&string(&id, "id")?)).map(RuleSet::new)
    }

    /// The rule set a preset id or family id (e.g. `"vn.c124"`) names for the `year`
    /// review: a family resolves to its member in force on `asOf` (`YYYY-MM-DD`; default:
    /// the year's usual reference date). A `not_in_force` error when none is.
    pub fn resolve(spec: Str, year: Int, as_of: Option<Str>) -> JsResult<RuleSet> {
        let (spec, year, as_of) = (string(&spec, "spec")?, self::year(&year, "year")?, opt_string(as_of, "asOf")?);
        let as_of = match as_of {
            Some(d) => Some(
                antq::parse_date(&d)
                    .ok_or_else(|| bad_argument(format!("asOf: `{d}` is not a valid date written YYYY-MM-DD")))?,
            ),
            None => None,
        };
        core(antq::RuleSet::resolve(&spec, year, as_of)).map(RuleSet::new)
    }

    /// `resolve` without throwing.
    #[wasm_bindgen(js_name = tryResolve, unchecked_return_type = "AntqResult<RuleSet>")]
    pub fn try_resolve(spec: Str, year: Int, as_of: Option<Str>) -> JsValue {
        settle(RuleSet::resolve(spec, year, as_of).map(Into::into))
    }

    /// `preset` without throwing.
    #[wasm_bindgen(js_name = tryPreset, unchecked_return_type = "AntqResult<RuleSet>")]
    pub fn try_preset(id: Str) -> JsValue {
        settle(RuleSet::preset(id).map(Into::into))
    }

    /// Reads and validates a rule set from JSON or TOML text; `name` appears in error
    /// locations and a `.toml` / `.json` ending chooses the syntax (else it is sniffed).
    #[wasm_bindgen(js_name = fromText)]
    pub fn from_text(text: Str, name: Option<Str>, limits: Option<Ts<LimitsInput>>) -> JsResult<RuleSet> {
        let (text, name) = (args::text(&text, "text")?, opt_string(name, "name")?);
        let limits = limits_arg(limits)?;
        core(antq::RuleSet::from_str_with_limits(name.as_deref().unwrap_or("rules"), &text, &limits)).map(RuleSet::new)
    }

    /// `fromText` without throwing.
    #[wasm_bindgen(js_name = tryFromText, unchecked_return_type = "AntqResult<RuleSet>")]
    pub fn try_from_text(text: Str, name: Option<Str>, limits: Option<Ts<LimitsInput>>) -> JsValue {
        settle(RuleSet::from_text(text, name, limits).map(Into::into))
    }

    /// Reads and validates a rule set given as an object.
    #[wasm_bindgen(js_name = fromObject)]
    pub fn from_object(data: RuleSetData) -> JsResult<RuleSet> {
        let text = object_text(&data, "rule set")?;
        core(antq::RuleSet::from_str_named("rules.json", &text).map_err(unposition)).map(RuleSet::new)
    }

    /// `fromObject` without throwing.
    #[wasm_bindgen(js_name = tryFromObject, unchecked_return_type = "AntqResult<RuleSet>")]
    pub fn try_from_object(data: RuleSetData) -> JsValue {
        settle(RuleSet::from_object(data).map(Into::into))
    }

    /// The rule set with a supplement (text or object) layered on it, validated.
    #[wasm_bindgen(js_name = withSupplement)]
    pub fn with_supplement(&self, supplement: SupplementInput, name: Option<Str>) -> JsResult<RuleSet> {
        let inner = core(self.layer(&supplement, opt_string(name, "name")?))?;
        Ok(RuleSet { inner, others: self.others.clone() })
    }

    /// `withSupplement` without throwing.
    #[wasm_bindgen(js_name = tryWithSupplement, unchecked_return_type = "AntqResult<RuleSet>")]
    pub fn try_with_supplement(&self, supplement: SupplementInput, name: Option<Str>) -> JsValue {
        settle(self.with_supplement(supplement, name).map(Into::into))
    }

    /// The rule set, able to use `other` (e.g. a preset with a supplement) as the
    /// prerequisite it names, instead of the built-in preset of that id.
    #[wasm_bindgen(js_name = withRuleSet)]
    pub fn with_rule_set(&self, other: &RuleSet) -> RuleSet {
        let mut r = self.clone();
        r.others.push(other.inner.clone());
        r.others.extend(other.others.iter().cloned());
        r
    }

    /// A copy with one integer parameter of the rule set changed (`min_met`,
    /// `quota_per_parent`…): `value` is a count, a non-negative integer (30.9 is refused, not
    /// truncated); the changed rule set is validated again.
    #[wasm_bindgen(js_name = withParameter)]
    pub fn with_parameter(&self, key: Str, value: Int) -> JsResult<RuleSet> {
        let (key, value) = (string(&key, "key")?, args::count(&value, "value")?);
        let inner = core(antq::analysis::with_parameter(&self.inner, &key, value))?;
        Ok(RuleSet { inner, others: self.others.clone() })
    }

    /// The rule sets given by `withRuleSet`, as data: how the package moves a rule set
    /// between its two modules (`antq` and `antq/full`). Not part of the typed API.
    #[wasm_bindgen(js_name = __antqPrerequisites, skip_typescript)]
    pub fn prerequisites(&self) -> JsResult<JsValue> {
        to_js(&self.others)
    }

    /// Stable id, e.g. `vn.c124-2021`.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.inner.id.clone()
    }

    /// Version of the encoding.
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> String {
        self.inner.version.clone()
    }

    /// Title in both languages.
    #[wasm_bindgen(getter)]
    pub fn title(&self) -> JsResult<TextData> {
        to_js(&self.inner.title).map(JsCast::unchecked_into)
    }

    /// SHA-256 of the rule set as applied (with supplements).
    #[wasm_bindgen(getter, js_name = contentHash)]
    pub fn content_hash(&self) -> String {
        self.inner.content_hash()
    }

    /// The unit kinds its criteria apply to.
    #[wasm_bindgen(unchecked_return_type = "Kind[]")]
    pub fn kinds(&self) -> JsResult<JsValue> {
        to_js(&self.inner.kinds())
    }

    /// Lints: legal but worth a look, each with code, location and message (`message_vi`
    /// too).
    #[wasm_bindgen(unchecked_return_type = "Problem[]")]
    pub fn lints(&self) -> JsResult<JsValue> {
        to_js(&self.inner.lints())
    }

    /// The rule set as data (what `JSON.stringify` writes).
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> JsResult<RuleSetData> {
        to_js(&self.inner).map(JsCast::unchecked_into)
    }
}

/// A dataset: units, yearly evidence, incidents and activities, checked on creation.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct Dataset {
    /// Shared with the evaluations made of it, so they can say why a unit has no result.
    inner: std::rc::Rc<antq::Dataset>,
}

#[wasm_bindgen]
impl Dataset {
    /// Reads and checks a dataset from JSON or TOML text; `name` appears in error
    /// locations and a `.toml` / `.json` ending chooses the syntax (else it is sniffed).
    #[wasm_bindgen(js_name = fromText)]
    pub fn from_text(text: Str, name: Option<Str>, limits: Option<Ts<LimitsInput>>) -> JsResult<Dataset> {
        let (text, name) = (args::text(&text, "text")?, opt_string(name, "name")?);
        let limits = limits_arg(limits)?;
        core(antq::Dataset::from_str_with_limits(name.as_deref().unwrap_or("dataset"), &text, &limits))
            .map(|inner| Dataset { inner: inner.into() })
    }

    /// `fromText` without throwing.
    #[wasm_bindgen(js_name = tryFromText, unchecked_return_type = "AntqResult<Dataset>")]
    pub fn try_from_text(text: Str, name: Option<Str>, limits: Option<Ts<LimitsInput>>) -> JsValue {
        settle(Dataset::from_text(text, name, limits).map(Into::into))
    }

    /// Reads and checks a dataset given as an object; errors name the field path.
    #[wasm_bindgen(js_name = fromObject)]
    pub fn from_object(data: DatasetData) -> JsResult<Dataset> {
        let text = object_text(&data, "dataset")?;
        core(antq::Dataset::from_str_named("dataset.json", &text).map_err(unposition))
            .map(|inner| Dataset { inner: inner.into() })
    }

    /// `fromObject` without throwing.
    #[wasm_bindgen(js_name = tryFromObject, unchecked_return_type = "AntqResult<Dataset>")]
    pub fn try_from_object(data: DatasetData) -> JsValue {
        settle(Dataset::from_object(data).map(Into::into))
    }

    /// A synthetic dataset of about `spec.units` units (deterministic for a seed).
    pub fn generate(spec: Ts<GenerateSpec>) -> JsResult<Dataset> {
        let s = arg(spec, "spec")?;
        let spec = antq::generate::Spec {
            units: s.units as usize,
            year: s.year,
            seed: s.seed.map_or(antq::generate::Spec::DEFAULT_SEED, u64::from),
        };
        // The core's year range and limits (2,000,000 units), as the CLI and Python.
        let made = core(antq::generate::generate_years_within(&spec, 1, &antq::Limits::default()))?;
        Ok(Dataset { inner: core(made.ok_or(antq::Error::BadYear { year: s.year }))?.into() })
    }

    /// Number of units.
    #[wasm_bindgen(getter, js_name = unitCount)]
    pub fn unit_count(&self) -> usize {
        self.inner.units.len()
    }

    /// Title from the dataset's `meta`.
    #[wasm_bindgen(getter)]
    pub fn title(&self) -> String {
        self.inner.meta.title.clone()
    }

    /// Whether the dataset says it is synthetic.
    #[wasm_bindgen(getter)]
    pub fn synthetic(&self) -> bool {
        self.inner.meta.synthetic
    }

    /// The years that have evidence records, ascending.
    #[wasm_bindgen(unchecked_return_type = "number[]")]
    pub fn years(&self) -> JsResult<JsValue> {
        // A heap's sort: smaller code than another copy of the slice sort.
        let mut y =
            std::collections::BinaryHeap::from_iter(self.inner.evidence.iter().map(|e| e.year)).into_sorted_vec();
        y.dedup();
        to_js(&y)
    }

    /// Lints: unit ids that can be mistaken for one another (mixed scripts, look-alike
    /// letters, case), each with code, location, message and `message_vi`; every
    /// evaluation of the dataset lists them too.
    #[wasm_bindgen(unchecked_return_type = "Problem[]")]
    pub fn lints(&self) -> JsResult<JsValue> {
        to_js(&self.inner.lints())
    }

    /// The dataset as data (what `JSON.stringify` writes).
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> JsResult<DatasetData> {
        to_js(&*self.inner).map(JsCast::unchecked_into)
    }

    /// The dataset as JSON text (the file format), compact unless `pretty`.
    #[wasm_bindgen(js_name = toJSONString)]
    pub fn to_json_string(&self, pretty: Option<Bool>) -> JsResult<String> {
        json_text(&*self.inner, pretty)
    }
}

/// The outcome of evaluating a dataset for a year, kept on the Rust side: take the
/// whole (`toJSON`), one unit, flat rows, or an explanation.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct Evaluation {
    inner: antq::Evaluation,
    /// The dataset evaluated and the kinds the rule set evaluates, for the core to say why a
    /// unit has no result.
    source: (std::rc::Rc<antq::Dataset>, Vec<antq::Kind>),
}

#[wasm_bindgen]
impl Evaluation {
    /// Number of evaluated units.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.inner.units.len()
    }

    /// How to reproduce it: rule set, version, hash, supplements, parameters, year, date.
    #[wasm_bindgen(getter)]
    pub fn decision(&self) -> JsResult<DecisionRecordData> {
        to_js(&self.inner.decision).map(JsCast::unchecked_into)
    }

    /// Counts of outcome codes per kind.
    #[wasm_bindgen(getter)]
    pub fn summary(&self) -> JsResult<SummaryData> {
        to_js(&self.inner.summary).map(JsCast::unchecked_into)
    }

    /// The whole evaluation as data (what `JSON.stringify` writes; the same JSON as Rust's).
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> JsResult<EvaluationData> {
        to_js(&self.inner).map(JsCast::unchecked_into)
    }

    /// The whole evaluation as JSON text, compact unless `pretty` (the same text as
    /// Rust's `serde_json`). Very large evaluations may exceed the engine's string limit:
    /// use `rows()` or `unit(id)` for those.
    #[wasm_bindgen(js_name = toJSONString)]
    pub fn to_json_string(&self, pretty: Option<Bool>) -> JsResult<String> {
        json_text(&self.inner, pretty)
    }

    /// What the evaluation read but did not count, or could not review (`unused_key`,
    /// `unused_category`, `no_evidence`, …): the lints of `toJSON().lints`, without the
    /// units. Empty when there are none; a page showing a result shows these with it.
    #[wasm_bindgen(unchecked_return_type = "Problem[]")]
    pub fn lints(&self) -> JsResult<JsValue> {
        to_js(&self.inner.lints)
    }

    /// Every unit's result, in dataset order.
    #[wasm_bindgen(unchecked_return_type = "UnitResult[]")]
    pub fn units(&self) -> JsResult<JsValue> {
        to_js(&self.inner.units)
    }

    /// One unit's result, or `undefined`.
    pub fn unit(&self, id: Str) -> JsResult<Option<UnitResultData>> {
        self.inner.unit(&string(&id, "id")?).map(|u| to_js(u).map(JsCast::unchecked_into)).transpose()
    }

    /// One flat row per unit: the core's evaluation table (`headers().evaluation`).
    #[wasm_bindgen(unchecked_return_type = "UnitRow[]")]
    pub fn rows(&self) -> JsResult<JsValue> {
        to_js(&antq::table::Rows(&antq::table::evaluation_table(&self.inner.units, &self.inner.decision)))
    }

    /// One flat row per unit and criterion (long form): the core's criteria table
    /// (`headers().criteria`).
    #[wasm_bindgen(js_name = criterionRows, unchecked_return_type = "CriterionRow[]")]
    pub fn criterion_rows(&self) -> JsResult<JsValue> {
        to_js(&antq::table::Rows(&antq::table::criteria_table(&self.inner.units)))
    }

    /// The share of units meeting per parent, counted once in the core (the rows of
    /// `headers().shares`: parent, units, meeting, undetermined, share): a unit out of
    /// scope is left out, an undetermined one counts among the units but not among those
    /// meeting; meeting is meets or typical. `kind` keeps units of one kind.
    #[wasm_bindgen(unchecked_return_type = "ParentShare[]")]
    pub fn shares(&self, kind: Option<Str>) -> JsResult<JsValue> {
        let kind = match opt_string(kind, "kind")? {
            Some(k) => Some(
                antq::Kind::ALL
                    .into_iter()
                    .find(|x| x.as_str() == k)
                    .ok_or_else(|| bad_argument(format!("kind: unknown unit kind `{k}`")))?,
            ),
            None => None,
        };
        let shares = antq::analysis::shares::share_meeting(&self.inner.units, kind);
        to_js(&antq::table::Rows(&antq::table::shares_table(&shares)))
    }

    /// A unit's explanation: outcome, each criterion observed against threshold with its
    /// legal basis, and what is still missing.
    /// `lang` is required (`'vi'` or `'en'`).
    pub fn explain(&self, id: Str, lang: LangArg) -> JsResult<String> {
        let (id, l) = (string(&id, "id")?, args::lang(&lang)?);
        self.inner.unit(&id).map(|u| u.explain(l)).ok_or_else(|| {
            let (ds, kinds) = &self.source;
            core_error(antq::eval::not_evaluated(Some(ds), kinds, &self.inner.decision, &id))
        })
    }
}

/// Evaluates `dataset` against `rules` for `year`.
#[wasm_bindgen]
pub fn evaluate(
    dataset: &Dataset,
    rules: &RuleSet,
    year: Int,
    options: Option<Ts<EvaluateOptions>>,
) -> JsResult<Evaluation> {
    let year = self::year(&year, "year")?;
    let opts = evaluate_options(options, rules)?;
    core(antq::evaluate_with(&dataset.inner, &rules.inner, year, &opts))
        .map(|inner| Evaluation { inner, source: (std::rc::Rc::clone(&dataset.inner), rules.inner.kinds()) })
}

/// The core's options from the options argument of `evaluate` (and `review`), with the rule
/// sets a prerequisite may name.
fn evaluate_options(options: Option<Ts<EvaluateOptions>>, rules: &RuleSet) -> JsResult<antq::Options> {
    let o = match options {
        Some(o) => arg(o, "options")?,
        None => EvaluateOptions::default(),
    };
    let mut opts = antq::Options::default();
    if let Some(d) = o.as_of {
        let d = antq::parse_date(&d)
            .ok_or_else(|| bad_argument(format!("options.asOf: `{d}` is not a valid date written YYYY-MM-DD")))?;
        opts = opts.as_of(d);
    }
    opts.allow_outside_period = o.allow_outside_period.unwrap_or(false);
    opts.allow_as_of_outside_year = o.allow_as_of_outside_year.unwrap_or(false);
    opts.lenient_vocabulary = o.lenient_vocabulary.unwrap_or(false);
    for r in &rules.others {
        opts = opts.with_rule_set(r.clone());
    }
    Ok(opts)
}

/// `evaluate` without throwing.
#[wasm_bindgen(js_name = tryEvaluate, unchecked_return_type = "AntqResult<Evaluation>")]
pub fn try_evaluate(dataset: &Dataset, rules: &RuleSet, year: Int, options: Option<Ts<EvaluateOptions>>) -> JsValue {
    settle(evaluate(dataset, rules, year, options).map(Into::into))
}

/// Explains a unit result given as data (e.g. from `evaluation.units()`); `lang` is
/// required (`'vi'` or `'en'`).
#[wasm_bindgen]
pub fn explain(unit: UnitResultData, lang: LangArg) -> JsResult<String> {
    let l = args::lang(&lang)?;
    let text = object_text(&unit, "unit")?;
    let u: antq::UnitResult =
        serde_json::from_str(&text).map_err(|e| bad_argument(format!("unit: not a UnitResult ({e})")))?;
    Ok(u.explain(l))
}

/// `explain` without throwing.
#[wasm_bindgen(js_name = tryExplain, unchecked_return_type = "AntqResult<string>")]
pub fn try_explain(unit: UnitResultData, lang: LangArg) -> JsValue {
    settle(explain(unit, lang).map(Into::into))
}

/// Activity statistics of `year` rolled up the hierarchy; with `under`, only that
/// unit and its subtree.
#[wasm_bindgen]
pub fn stats(dataset: &Dataset, year: Int, under: Option<Str>) -> JsResult<StatsData> {
    let (year, under) = (self::year(&year, "year")?, opt_string(under, "under")?);
    let s = core(antq::stats::activity_stats(&dataset.inner, year, under.as_deref()))?;
    to_js(&s).map(JsCast::unchecked_into)
}

/// `stats` without throwing.
#[wasm_bindgen(js_name = tryStats, unchecked_return_type = "AntqResult<Stats>")]
pub fn try_stats(dataset: &Dataset, year: Int, under: Option<Str>) -> JsValue {
    settle(stats(dataset, year, under).map(Into::into))
}

// ---------------------------------------------------------------- decision support

/// Decision support (what it still takes, impact, sensitivity, year over year) and the
/// DOMAIN §6 rules (team ranking, medal eligibility): in the `analysis` build only
/// (`pkg/full/`), so the default module stays within its size budget.
#[cfg(feature = "analysis")]
mod analysis;
