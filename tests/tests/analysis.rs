//! Runs the shared decision-support cases of `cases/analysis/` (what it still takes,
//! rule-change impact, year over year, sensitivity) through antq's public API.
//!
//! Strict: unknown keys anywhere in a case fail it, a unit named in an expectation must be
//! in the result, every case must assert something, and every plan of a `whatif` case is
//! also proven: applying it reaches the target and leaving out any one change does not.
//! The format is described in `cases/analysis/README.md`.

use antq::analysis::compare::Movement;
use antq::analysis::compare_rule_years;
use antq::analysis::compare_years;
use antq::analysis::impact::{impact_of_rules, with_parameter};
use antq::analysis::sensitivity::{SensitivitySpec, sensitivity};
use antq::analysis::whatif::{Action, Goal, Plan, PlanStatus, Target, verify, what_it_takes};
use antq::{Dataset, Options, RuleSet, Supplement, evaluate};
use antq_conformance::cases_dir;
use antq_conformance::results::{Results, error_json};
use serde_json::{Map, Value, json};
use std::collections::BTreeSet;

const MIN_CASES: usize = 12;

/// The case's rule set for `year`: a preset id, a family (resolved by the year) or an object.
fn rules_from(v: &Value, supplements: Option<&Value>, year: i32) -> Result<RuleSet, String> {
    let mut rs = match v {
        Value::String(id) => RuleSet::resolve(id, year, None).map_err(|e| e.to_string())?,
        Value::Object(_) => RuleSet::from_str_named("rules.json", &v.to_string()).map_err(|e| e.to_string())?,
        _ => return Err("`rules` must be a preset id or an object".into()),
    };
    if let Some(s) = supplements {
        for (i, s) in s.as_array().ok_or("`supplements` must be a list")?.iter().enumerate() {
            let sup = Supplement::from_str_named(&format!("supplements[{i}].json"), &s.to_string())
                .map_err(|e| e.to_string())?;
            rs = rs.with_supplement(&sup).map_err(|e| e.to_string())?;
        }
    }
    Ok(rs)
}

fn keys(at: &str, o: &Map<String, Value>, allowed: &[&str]) -> Vec<String> {
    o.keys()
        .filter(|k| !allowed.contains(&k.as_str()))
        .map(|k| format!("{at}: unknown key `{k}` (known: {})", allowed.join(", ")))
        .collect()
}

/// Compares `expected` with the `view`: top-level keys must exist in the view; keys in
/// `exact` compare whole; other keys are maps by unit whose entries compare as subsets.
fn check(expected: &Map<String, Value>, view: &Map<String, Value>, exact: &[&str], fails: &mut Vec<String>) {
    if expected.is_empty() {
        fails.push("`expect` asserts nothing".into());
    }
    for (k, e) in expected {
        let Some(actual) = view.get(k) else {
            fails.push(format!(
                "expect: unknown key `{k}` (known: {})",
                view.keys().cloned().collect::<Vec<_>>().join(", ")
            ));
            continue;
        };
        if exact.contains(&k.as_str()) {
            if e != actual {
                fails.push(format!("{k}: expected {e}, got {actual}"));
            }
            continue;
        }
        let (Some(em), Some(am)) = (e.as_object(), actual.as_object()) else {
            fails.push(format!("{k}: expected an object by unit"));
            continue;
        };
        for (unit, ev) in em {
            let Some(av) = am.get(unit) else {
                fails.push(format!("{k}.{unit}: not in the result"));
                continue;
            };
            match (ev.as_object(), av.as_object()) {
                (Some(eo), Some(ao)) => {
                    for (f, x) in eo {
                        match ao.get(f) {
                            None => fails.push(format!(
                                "{k}.{unit}: unknown field `{f}` (known: {})",
                                ao.keys().cloned().collect::<Vec<_>>().join(", ")
                            )),
                            Some(y) if !same(x, y) => fails.push(format!("{k}.{unit}.{f}: expected {x}, got {y}")),
                            _ => {}
                        }
                    }
                }
                _ if !same(ev, av) => fails.push(format!("{k}.{unit}: expected {ev}, got {av}")),
                _ => {}
            }
        }
    }
}

/// JSON equality where numbers compare by value (1 == 1.0).
fn same(a: &Value, b: &Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-9,
        _ => a == b,
    }
}

fn field(c: &antq::analysis::Change) -> String {
    let f = match &c.action {
        Action::SetIndicator { indicator, .. } => indicator.as_str().to_owned(),
        Action::Attest { key, .. } => format!("attested:{key}"),
        Action::Score { item, .. } => format!("points:{item}"),
        Action::RemoveIncident { category, .. } => format!("incident:{category}"),
    };
    format!("{}/{f}", c.unit)
}

fn plan_view(p: &Plan) -> Value {
    let fields: BTreeSet<String> = p.changes.iter().map(field).collect();
    let units: BTreeSet<String> = p.changes.iter().map(|c| c.unit.to_string()).collect();
    let kinds: BTreeSet<String> = p.changes.iter().map(|c| format!("{:?}", c.kind).to_lowercase()).collect();
    let target = match &p.target {
        Target::Standard => "standard".to_owned(),
        Target::None => "none".to_owned(),
        Target::Level { level, .. } => format!("level:{level}"),
        Target::Typical { criteria_needed } => format!("typical:{criteria_needed}"),
    };
    json!({
        "status": serde_json::to_value(p.status).unwrap_or_default(),
        "target": target,
        "changes": p.changes.len(),
        "fields": fields,
        "units": units,
        "kinds": kinds,
        "points_to_gain": p.points_to_gain.map(|x| x.as_f64()),
    })
}

/// Runs a case: every failed expectation, and the full result as the committed results
/// hold it (`cases/results/analysis/`): the plans (each with `verified`), the impact, the
/// comparison or the sensitivity report, as the core serialises them.
fn run_case(case: &Map<String, Value>) -> Result<(Vec<String>, Value), String> {
    let op = case.get("operation").and_then(Value::as_str).ok_or("missing `operation`")?;
    let common = ["name", "domain_ref", "description", "operation", "rules", "supplements", "dataset", "expect"];
    let extra: &[&str] = match op {
        "whatif" => &["year", "units", "goal"],
        "impact" => &["year", "changed"],
        "compare" => &["years"],
        "sensitivity" => &["year", "spec"],
        o => return Err(format!("unknown operation `{o}`")),
    };
    let allowed: Vec<&str> = common.iter().chain(extra).copied().collect();
    let mut fails = keys("case", case, &allowed);
    for k in ["name", "description"] {
        if case.get(k).and_then(Value::as_str).is_none_or(str::is_empty) {
            fails.push(format!("`{k}` is required"));
        }
    }
    if !case.get("domain_ref").and_then(Value::as_str).is_some_and(|s| s.starts_with("DOMAIN §")) {
        fails.push("`domain_ref` must start with `DOMAIN §`".into());
    }
    let year = case.get("year").and_then(Value::as_i64).map(|y| y as i32);
    let first_year = year.or_else(|| case.get("years")?.get(0)?.as_i64().map(|y| y as i32)).unwrap_or(2023);
    let rules_for = |y: i32| rules_from(case.get("rules").ok_or("missing `rules`")?, case.get("supplements"), y);
    let rules = rules_for(first_year)?;
    let ds = Dataset::from_str_named("dataset.json", &case.get("dataset").ok_or("missing `dataset`")?.to_string())
        .map_err(|e| e.to_string())?;
    let expect = case.get("expect").and_then(Value::as_object).ok_or("missing `expect`")?;
    let opts = Options::default();
    let mut view = Map::new();
    let mut exact: Vec<&str> = Vec::new();
    let mut full = Value::Null;
    match op {
        "whatif" => {
            let year = year.ok_or("missing `year`")?;
            let units: Vec<String> = serde_json::from_value(case.get("units").cloned().unwrap_or_default())
                .map_err(|e| format!("units: {e}"))?;
            let ids: Vec<&str> = units.iter().map(String::as_str).collect();
            let goal = match case.get("goal").and_then(Value::as_str) {
                Some(l) => Goal::Level(l.to_owned()),
                None => Goal::Auto,
            };
            let mut w = match what_it_takes(&ds, &rules, year, &opts, &ids, &goal) {
                Ok(w) => w,
                Err(e) => return Ok((vec![format!("unexpected error: {e}")], error_json(&e))),
            };
            // As every surface gives it: the plans, each with `verified`, and the lints.
            w.verify(&ds, &rules, year, &opts).map_err(|e| e.to_string())?;
            full = serde_json::to_value(&w).map_err(|e| e.to_string())?;
            let plans = w.plans;
            let mut pv = Map::new();
            for p in &plans {
                pv.insert(p.unit.to_string(), plan_view(p));
                // The proof: the plan reaches the target; no single change can be left out.
                if matches!(p.status, PlanStatus::Reachable | PlanStatus::Blocked) {
                    if p.verified != Some(Some(true)) {
                        fails.push(format!("plan of {} does not reach its target ({:?})", p.unit, p.verified));
                    }
                    for i in 0..p.changes.len() {
                        let mut less = p.clone();
                        less.changes.remove(i);
                        if verify(&ds, &rules, year, &opts, &less).map_err(|e| e.to_string())? {
                            fails.push(format!(
                                "plan of {}: change {} ({}) is not needed",
                                p.unit,
                                i + 1,
                                field(&p.changes[i])
                            ));
                        }
                    }
                }
            }
            view.insert("plans".into(), Value::Object(pv));
        }
        "impact" => {
            let year = year.ok_or("missing `year`")?;
            let ch = case.get("changed").and_then(Value::as_object).ok_or("missing `changed`")?;
            fails.extend(keys("changed", ch, &["rules", "supplements", "parameters"]));
            let mut other = match ch.get("rules") {
                Some(r) => rules_from(r, None, first_year)?,
                None => rules.clone(),
            };
            if let Some(s) = ch.get("supplements") {
                for (i, s) in s.as_array().ok_or("`changed.supplements` must be a list")?.iter().enumerate() {
                    let sup = Supplement::from_str_named(&format!("changed.supplements[{i}].json"), &s.to_string())
                        .map_err(|e| e.to_string())?;
                    other = other.with_supplement(&sup).map_err(|e| e.to_string())?;
                }
            }
            if let Some(p) = ch.get("parameters").and_then(Value::as_object) {
                for (k, v) in p {
                    other = with_parameter(&other, k, v.as_i64().ok_or("parameter values are integers")?)
                        .map_err(|e| e.to_string())?;
                }
            }
            let im = match impact_of_rules(&ds, &rules, &other, year, &opts) {
                Ok(im) => im,
                Err(e) => return Ok((vec![format!("unexpected error: {e}")], error_json(&e))),
            };
            full = serde_json::to_value(&im).map_err(|e| e.to_string())?;
            let mut changed = Map::new();
            let mut causes = Map::new();
            let mut dirs = Map::new();
            for r in &im.units {
                changed.insert(r.unit.to_string(), json!(format!("{} -> {}", r.before, r.after)));
                causes.insert(r.unit.to_string(), json!(r.causes.iter().map(|c| c.what.clone()).collect::<Vec<_>>()));
                dirs.insert(r.unit.to_string(), serde_json::to_value(r.direction).unwrap_or_default());
            }
            let mut parents = Map::new();
            for p in &im.parents {
                let key = p.parent.as_ref().map_or("null".to_owned(), ToString::to_string);
                parents.insert(key, serde_json::to_value(p).unwrap_or_default());
            }
            view.insert("changed".into(), Value::Object(changed));
            view.insert("causes".into(), Value::Object(causes));
            view.insert("directions".into(), Value::Object(dirs));
            view.insert("parents".into(), Value::Object(parents));
            exact.push("changed");
        }
        "compare" => {
            let years: Vec<i32> = serde_json::from_value(case.get("years").cloned().unwrap_or_default())
                .map_err(|e| format!("years: {e}"))?;
            let [a, b] = years.as_slice() else { return Err("`years` must be two years".into()) };
            let ea = evaluate(&ds, &rules_for(*a)?, *a).map_err(|e| e.to_string())?;
            let eb = evaluate(&ds, &rules_for(*b)?, *b).map_err(|e| e.to_string())?;
            let c = compare_years(&ds, &ea, &eb).map_err(|e| e.to_string())?;
            // The surfaces' call: each year's rule set in force then, evaluated here.
            let (ra, rb) = (rules_for(*a)?.in_year(*a), rules_for(*b)?.in_year(*b));
            let (ra, rb) = (ra.map_err(|e| e.to_string())?, rb.map_err(|e| e.to_string())?);
            let whole = match compare_rule_years(&ds, (&ra, &rb), *a, *b, &opts) {
                Ok(w) => w,
                Err(e) => return Ok((vec![format!("unexpected error: {e}")], error_json(&e))),
            };
            full = serde_json::to_value(&whole).map_err(|e| e.to_string())?;
            if full != serde_json::to_value(&c).map_err(|e| e.to_string())? {
                fails.push("compare_rule_years and compare_years of the two evaluations differ".into());
            }
            let mut movement = Map::new();
            let mut incidents = Map::new();
            let mut score = Map::new();
            for r in &c.units {
                let m: Movement = r.movement;
                movement.insert(r.unit.to_string(), serde_json::to_value(m).unwrap_or_default());
                incidents.insert(
                    r.unit.to_string(),
                    json!({"before": r.incidents_before, "after": r.incidents_after, "percent": r.incidents_change_percent}),
                );
                score.insert(r.unit.to_string(), json!(r.score_change.map(|x| x.as_f64())));
            }
            let mut parents = Map::new();
            for p in &c.parents {
                let key = p.parent.as_ref().map_or("null".to_owned(), ToString::to_string);
                parents.insert(key, serde_json::to_value(p).unwrap_or_default());
            }
            view.insert("movement".into(), Value::Object(movement));
            view.insert("incidents".into(), Value::Object(incidents));
            view.insert("score_change".into(), Value::Object(score));
            view.insert("parents".into(), Value::Object(parents));
            view.insert("newly_meeting".into(), json!(c.newly_meeting));
            view.insert("no_longer_meeting".into(), json!(c.no_longer_meeting));
            exact.extend(["newly_meeting", "no_longer_meeting"]);
        }
        "sensitivity" => {
            let year = year.ok_or("missing `year`")?;
            let spec: SensitivitySpec = serde_json::from_value(case.get("spec").cloned().unwrap_or_default())
                .map_err(|e| format!("spec: {e}"))?;
            let r = match sensitivity(&ds, &rules, year, &opts, &spec) {
                Ok(r) => r,
                Err(e) => return Ok((vec![format!("unexpected error: {e}")], error_json(&e))),
            };
            full = serde_json::to_value(&r).map_err(|e| e.to_string())?;
            let mut units = Map::new();
            for u in &r.units {
                units.insert(u.unit.to_string(), serde_json::to_value(u).unwrap_or_default());
            }
            let mut parents = Map::new();
            for p in &r.parents {
                let key = p.parent.as_ref().map_or("null".to_owned(), ToString::to_string);
                parents.insert(key, serde_json::to_value(p).unwrap_or_default());
            }
            view.insert("samples".into(), json!(r.samples));
            view.insert("units".into(), Value::Object(units));
            view.insert("parents".into(), Value::Object(parents));
            exact.push("samples");
        }
        _ => {}
    }
    // Every analysis result carries its evaluations' lints at its top (absent when none).
    let codes = full.get("lints").and_then(Value::as_array).into_iter().flatten().map(|l| l["code"].clone());
    view.insert("lints".into(), Value::Array(codes.collect()));
    exact.push("lints");
    check(expect, &view, &exact, &mut fails);
    Ok((fails, full))
}

#[test]
fn every_analysis_case_passes() {
    let dir = cases_dir().join("analysis");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("cases/analysis")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut failures = Vec::new();
    let mut numbers = BTreeSet::new();
    let mut ops = std::collections::BTreeMap::<String, usize>::new();
    let mut results = Results::open("analysis");
    for path in &files {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let ok_name = name.len() > 9
            && name[..3].bytes().all(|b| b.is_ascii_digit())
            && name.as_bytes()[3] == b'-'
            && name[4..name.len() - 5].bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !ok_name {
            failures.push(format!("{name}: name must be NNN-lowercase-words.json"));
        }
        if !numbers.insert(name.get(..3).unwrap_or_default().to_owned()) {
            failures.push(format!("{name}: number reused"));
        }
        let text = std::fs::read_to_string(path).expect("read case");
        let case: Map<String, Value> = match serde_json::from_str(&text) {
            Ok(c) => c,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        if let Some(op) = case.get("operation").and_then(Value::as_str) {
            *ops.entry(op.to_owned()).or_default() += 1;
        }
        match run_case(&case) {
            Ok((f, full)) => {
                failures.extend(f.into_iter().map(|f| format!("{name}: {f}")));
                results.check(name.trim_end_matches(".json"), &full);
            }
            Err(e) => failures.push(format!("{name}: {e}")),
        }
    }
    failures.extend(results.finish());
    assert!(failures.is_empty(), "{} failures:\n  - {}", failures.len(), failures.join("\n  - "));
    assert!(files.len() >= MIN_CASES, "only {} cases", files.len());
    for op in ["whatif", "impact", "compare", "sensitivity"] {
        assert!(ops.get(op).copied().unwrap_or(0) >= 3, "fewer than 3 `{op}` cases");
    }
}

#[test]
fn the_runner_rejects_unknown_keys_and_wrong_expectations() {
    let good: Map<String, Value> = serde_json::from_value(json!({
        "name": "n", "domain_ref": "DOMAIN §3.3", "description": "d", "operation": "whatif",
        "rules": "vn.c124-2021", "year": 2023, "units": ["R"],
        "dataset": {"format_version": 1, "units": [
            {"id": "C", "name": "C", "kind": "commune", "subkind": "xa"},
            {"id": "R", "name": "R", "kind": "residential_area", "subkind": "thon", "parent": "C"}]},
        "expect": {"plans": {"R": {"status": "reachable"}}}
    }))
    .expect("json");
    assert_eq!(run_case(&good).map(|r| r.0), Ok(vec![]));
    let mut typo = good.clone();
    typo.insert("expct".into(), json!({}));
    assert!(!run_case(&typo).expect("runs").0.is_empty());
    let mut wrong = good.clone();
    wrong.insert("expect".into(), json!({"plans": {"R": {"status": "reached"}}}));
    assert!(!run_case(&wrong).expect("runs").0.is_empty());
    let mut field = good;
    field.insert("expect".into(), json!({"plans": {"R": {"statuz": "reachable"}}}));
    assert!(!run_case(&field).expect("runs").0.is_empty());
}
