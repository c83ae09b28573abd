//! Structure-aware: builds a rule set (a preset, or one generated from the input: windows,
//! scope, categories, criteria with nested tests, and any outcome policy) and a dataset
//! (a hierarchy of every unit kind with dated validity and parent changes, evidence with
//! dates near the window and quarter edges, attestations, points and incidents), reads
//! both through the public text readers, and evaluates. Never a panic; the evaluation is
//! deterministic, survives a JSON round trip, and every unit's explanation can be written.
#![no_main]
use antq::{Dataset, Indicator, Lang, Options, RuleSet, ValueType};
use arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};

const KINDS: [&str; 7] = ["province", "district", "commune", "residential_area", "agency", "enterprise", "school"];
const EVALUATED: [&str; 6] = ["district", "commune", "residential_area", "agency", "enterprise", "school"];
const CATS: [&str; 4] = ["anti_state", "separatism", "school_violence", "local_x"];
const ATTESTATIONS: [&str; 3] = ["yes", "no", "unknown"];

fn pick<'a, T>(u: &mut Unstructured<'_>, xs: &'a [T]) -> Result<&'a T> {
    u.choose(xs)
}

/// A date near the edges that matter (window starts and ends, first quarter, leap day,
/// the 2025 reform), or any day of the two years.
fn date(u: &mut Unstructured<'_>, year: i32) -> Result<String> {
    const EDGES: [(u32, u32); 11] =
        [(11, 1), (10, 31), (11, 15), (11, 16), (11, 14), (3, 31), (4, 1), (2, 28), (2, 29), (6, 30), (7, 1)];
    let y = year - i32::from(u.ratio(1, 3)?);
    let (m, d) = if u.ratio(2, 3)? { *pick(u, &EDGES)? } else { (u.int_in_range(1..=12)?, u.int_in_range(1..=28)?) };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let d = if m == 2 && d == 29 && !leap { 28 } else { d };
    Ok(format!("{y:04}-{m:02}-{d:02}"))
}

fn subkind(u: &mut Unstructured<'_>, kind: &str, unit: &mut serde_json::Map<String, Value>) -> Result<()> {
    match kind {
        "province" => {
            unit.insert("subkind".into(), json!(pick(u, &["tinh", "thanh_pho"])?));
        }
        "district" => {
            unit.insert("subkind".into(), json!(pick(u, &["huyen", "quan", "thi_xa", "thanh_pho"])?));
        }
        "commune" => {
            unit.insert("subkind".into(), json!(pick(u, &["xa", "phuong", "thi_tran", "dac_khu"])?));
        }
        "residential_area" => {
            unit.insert("subkind".into(), json!(pick(u, &["thon", "to_dan_pho", "khu_pho", "ap"])?));
        }
        "agency" => {
            unit.insert("armed_forces".into(), json!(u.ratio(1, 4)?));
        }
        "enterprise" => {
            unit.insert("size".into(), json!(pick(u, &["micro", "small", "medium", "large"])?));
        }
        _ => {
            let levels = [
                "creche",
                "kindergarten",
                "primary",
                "lower_secondary",
                "upper_secondary",
                "multi_level",
                "vocational",
                "higher",
            ];
            unit.insert("level".into(), json!(pick(u, &levels)?));
        }
    }
    Ok(())
}

fn allowed(child: &str, parent: &str) -> bool {
    match child {
        "province" => false,
        "district" => parent == "province",
        "commune" => parent == "district" || parent == "province",
        "residential_area" => parent == "commune",
        _ => matches!(parent, "province" | "district" | "commune"),
    }
}

fn dataset(u: &mut Unstructured<'_>, year: i32, keys: &[String], items: &[String]) -> Result<Value> {
    let n = u.int_in_range(1..=20)?;
    let mut units: Vec<Value> = Vec::new();
    let mut kinds: Vec<&str> = Vec::new();
    for i in 0..n {
        let kind = if i == 0 { "province" } else { *pick(u, &KINDS)? };
        let mut unit = serde_json::Map::new();
        unit.insert("id".into(), json!(format!("U{i}")));
        unit.insert("name".into(), json!(format!("Đơn vị {i}")));
        unit.insert("kind".into(), json!(kind));
        subkind(u, kind, &mut unit)?;
        // Mostly a parent of an allowed kind; sometimes any unit, or none.
        let candidates: Vec<usize> =
            (0..i).filter(|&j| allowed(kind, kinds[j]) || u.ratio(1, 20).unwrap_or(false)).collect();
        if !candidates.is_empty() && u.ratio(7, 8)? {
            let p = *pick(u, &candidates)?;
            unit.insert("parent".into(), json!(format!("U{p}")));
            if u.ratio(1, 6)? {
                let q = *pick(u, &candidates)?;
                unit.insert("parent_changes".into(), json!([{ "from": date(u, year)?, "parent": format!("U{q}") }]));
            }
        }
        if u.ratio(1, 8)? {
            unit.insert("valid_until".into(), json!(date(u, year)?));
        }
        if u.ratio(1, 8)? {
            unit.insert("valid_from".into(), json!(date(u, year)?));
        }
        units.push(Value::Object(unit));
        kinds.push(kind);
    }
    let mut evidence = Vec::new();
    for (i, _) in kinds.iter().enumerate() {
        for y in [year - 1, year] {
            if !u.ratio(3, 4)? {
                continue;
            }
            let mut e = serde_json::Map::new();
            e.insert("unit".into(), json!(format!("U{i}")));
            e.insert("year".into(), json!(y));
            for &ind in Indicator::ALL {
                if !u.ratio(2, 3)? {
                    continue;
                }
                let v = match ind.value_type() {
                    ValueType::Date => json!(date(u, y)?),
                    ValueType::Count => json!(u.int_in_range(0..=12u64)?),
                    ValueType::Flag => json!(u.arbitrary::<bool>()?),
                };
                e.insert(ind.as_str().into(), v);
            }
            // A part no larger than its whole.
            for (part, whole) in [
                ("households_registered", "households_total"),
                ("staff_briefed", "staff_total"),
                ("members_reached", "members_total"),
            ] {
                if let (Some(p), Some(w)) = (e.get(part).and_then(Value::as_u64), e.get(whole).and_then(Value::as_u64))
                    && p > w
                {
                    e.insert(part.into(), json!(w));
                }
            }
            let mut att = serde_json::Map::new();
            for k in keys {
                if u.ratio(3, 4)? {
                    att.insert(k.clone(), json!(pick(u, &ATTESTATIONS)?));
                }
            }
            e.insert("attested".into(), Value::Object(att));
            let mut pts = serde_json::Map::new();
            for k in items {
                if u.ratio(3, 4)? {
                    let s = f64::from(u.int_in_range(0..=2000u32)?) / 100.0;
                    let r = f64::from(u.int_in_range(0..=2000u32)?) / 100.0;
                    pts.insert(k.clone(), json!({ "self": s, "reviewed": r }));
                }
            }
            if !pts.is_empty() {
                e.insert("points".into(), Value::Object(pts));
            }
            evidence.push(Value::Object(e));
        }
    }
    let mut incidents = Vec::new();
    for _ in 0..u.int_in_range(0..=8)? {
        incidents.push(json!({
            "unit": format!("U{}", u.int_in_range(0..=n - 1)?),
            "date": date(u, year)?,
            "category": pick(u, &CATS)?,
        }));
    }
    Ok(json!({ "format_version": 1, "units": units, "evidence": evidence, "incidents": incidents }))
}

fn test(u: &mut Unstructured<'_>, depth: u32, keys: &mut Vec<String>, kinds: &[&str]) -> Result<Value> {
    let of_type =
        |t: ValueType| Indicator::ALL.iter().copied().filter(move |i| i.value_type() == t).collect::<Vec<_>>();
    let choice = if depth >= 3 { u.int_in_range(0..=7)? } else { u.int_in_range(0..=10)? };
    Ok(match choice {
        0 => {
            let i = *pick(u, &of_type(ValueType::Date))?;
            json!({ "test": "deadline", "indicator": i.as_str(), "by": pick(u, &["Y-03-31", "Y-06-30", "Y-1-12-31"])? })
        }
        1 => {
            let i = *pick(u, &of_type(ValueType::Count))?;
            json!({ "test": "at_least", "indicator": i.as_str(), "min": u.int_in_range(0..=5u64)? })
        }
        2 => {
            let i = *pick(u, &of_type(ValueType::Count))?;
            json!({ "test": "at_most", "indicator": i.as_str(), "max": u.int_in_range(0..=5u64)? })
        }
        3 => {
            let (n, d) = *pick(
                u,
                &[
                    ("households_registered", "households_total"),
                    ("staff_briefed", "staff_total"),
                    ("members_reached", "members_total"),
                ],
            )?;
            json!({ "test": "ratio", "numerator": n, "denominator": d, "min_percent": u.int_in_range(0..=100u8)?,
                    "rounding": pick(u, &["up", "down"])? })
        }
        4 => {
            let i = *pick(u, &of_type(ValueType::Flag))?;
            json!({ "test": "flag", "indicator": i.as_str(), "equals": u.arbitrary::<bool>()? })
        }
        5 => {
            let n = u.int_in_range(1..=CATS.len())?;
            json!({ "test": "no_events", "categories": CATS[..n], "include_descendants": u.arbitrary::<bool>()? })
        }
        6 => {
            let k = format!("K{}", u.int_in_range(0..=3)?);
            keys.push(k.clone());
            json!({ "test": "attested", "key": k })
        }
        7 => {
            let n = u.int_in_range(1..=kinds.len())?;
            json!({ "test": "children", "kinds": kinds[..n], "measure": pick(u, &["registered", "recognised"])?,
                    "min_percent": u.int_in_range(0..=100u8)?, "rounding": pick(u, &["up", "down"])? })
        }
        c => {
            let n = u.int_in_range(1..=3)?;
            let mut of = Vec::new();
            for _ in 0..n {
                of.push(test(u, depth + 1, keys, kinds)?);
            }
            match c {
                8 => json!({ "test": "all", "of": of }),
                9 => json!({ "test": "any", "of": of }),
                _ => json!({ "test": "k_of_n", "k": u.int_in_range(1..=n)?, "of": of }),
            }
        }
    })
}

fn text(s: &str) -> Value {
    json!({ "vi": s, "en": s })
}

/// A generated rule set, its attestation keys and its points items.
fn rule_set(u: &mut Unstructured<'_>) -> Result<(Value, Vec<String>, Vec<String>)> {
    let mut keys = Vec::new();
    let mut items = Vec::new();
    let mut criteria = Vec::new();
    let policy = *pick(u, &["all_mandatory", "all_mandatory", "typical", "points"])?;
    let kinds: Vec<&str> = {
        let n = u.int_in_range(1..=EVALUATED.len())?;
        EVALUATED[EVALUATED.len() - n..].to_vec()
    };
    for c in 0..u.int_in_range(1..=6)? {
        let start = u.int_in_range(0..=kinds.len() - 1)?;
        let ck = &kinds[start..];
        criteria.push(json!({
            "id": format!("T-{c}"), "kinds": ck, "label": text("tiêu chí"), "legal_basis": [{ "document": "fuzz" }],
            "certainty": "verified", "wording": "summary", "mandatory": u.ratio(5, 6)?,
            "test": test(u, 1, &mut keys, &kinds)?,
        }));
    }
    let outcome = match policy {
        "points" => {
            let mut total = 0u32;
            for p in 0..u.int_in_range(1..=4)? {
                let max = u.int_in_range(1..=30u32)?;
                total += max;
                let id = format!("P-{p}");
                items.push(id.clone());
                criteria.push(json!({
                    "id": id, "kinds": kinds, "label": text("mục"), "legal_basis": [{ "document": "fuzz" }],
                    "certainty": "verified", "wording": "summary", "test": { "test": "points", "max": max },
                }));
            }
            if u.ratio(1, 3)? {
                criteria.push(json!({
                    "id": "P-D", "kinds": kinds, "label": text("trừ"), "legal_basis": [{ "document": "fuzz" }],
                    "certainty": "verified", "wording": "summary",
                    "test": { "test": "deduction", "categories": CATS[..2], "per_event": 6, "max": 12 },
                }));
            }
            json!({ "policy": "points", "sheets": [{
                "kinds": kinds, "total": total, "complete": u.ratio(3, 4)?, "levels_illustrative": true,
                "levels": [{ "id": "cao", "label": text("cao"), "min": total.div_ceil(2) }, { "id": "thap", "label": text("thấp"), "min": 0 }],
                "cap_on_mandatory_failure": "thap",
            }] })
        }
        "typical" => {
            if u.ratio(1, 3)? {
                json!({ "policy": "typical", "prerequisite": "vn.c124-2021", "prerequisite_illustrative": true })
            } else {
                json!({ "policy": "typical" })
            }
        }
        _ => json!({ "policy": "all_mandatory" }),
    };
    let mut parameters = serde_json::Map::new();
    if policy == "typical" {
        parameters.insert("min_met".into(), json!({ "value": 1, "illustrative": true, "label": text("min") }));
        if u.ratio(1, 2)? {
            parameters.insert(
                "quota_per_parent".into(),
                json!({ "value": u.int_in_range(1..=3)?, "illustrative": true, "label": text("quota") }),
            );
        }
    }
    let mut scope = Vec::new();
    if u.ratio(1, 2)? {
        scope.push(json!({ "code": "small", "enterprise_sizes": ["micro", "small"], "reason": text("nhỏ") }));
        scope.push(
            json!({ "code": "armed", "armed_forces": true, "school_levels": ["primary"], "reason": text("khác") }),
        );
    }
    let rs = json!({
        "format_version": 1, "id": "fuzz.rules", "version": "1", "title": text("fuzz"), "legal_basis": [{ "document": "fuzz" }],
        "windows": [
            { "kinds": ["residential_area"], "start": "Y-1-11-01", "end": "Y-10-31" },
            { "kinds": ["district", "commune", "agency", "enterprise", "school"], "start": "Y-1-11-16", "end": "Y-11-15" },
        ],
        "scope": scope,
        "categories": CATS.iter().map(|c| json!({ "id": c, "label": text(c), "certainty": "verified" })).collect::<Vec<_>>(),
        "parameters": parameters,
        "criteria": criteria,
        "outcome": outcome,
    });
    keys.sort();
    keys.dedup();
    Ok((rs, keys, items))
}

fn run(data: &[u8]) -> Result<()> {
    let mut u = Unstructured::new(data);
    let year = u.int_in_range(2020..=2027)?;
    let (rules, keys, items) = if u.ratio(1, 2)? {
        let id = *pick(&mut u, &antq::rules::PRESET_IDS)?;
        let rs = RuleSet::preset(id).expect("presets load");
        let keys = [
            "RA-2",
            "RA-3/other",
            "RA-4",
            "RA-5",
            "CW-2/RA-2",
            "CW-2/RA-3/other",
            "CW-2/RA-4",
            "AE-2",
            "AE-3",
            "SC-1",
            "SC-6",
        ]
        .map(String::from)
        .to_vec();
        let items: Vec<String> = rs.criteria.iter().filter(|c| c.test.is_points()).map(|c| c.id.clone()).collect();
        (rs, keys, items)
    } else {
        let (v, keys, items) = rule_set(&mut u)?;
        match RuleSet::from_str_named("fuzz-rules.json", &v.to_string()) {
            Ok(rs) => (rs, keys, items),
            Err(_) => return Ok(()),
        }
    };
    let ds = dataset(&mut u, year, &keys, &items)?;
    let Ok(ds) = Dataset::from_str_named("fuzz-data.json", &ds.to_string()) else { return Ok(()) };
    let mut opts = Options::default();
    if u.ratio(1, 4)? {
        opts = opts.as_of(date(&mut u, year)?.parse().expect("generated dates are valid"));
    }
    let first = antq::evaluate_with(&ds, &rules, year, &opts);
    let second = antq::evaluate_with(&ds, &rules, year, &opts);
    assert_eq!(first, second, "evaluation is deterministic");
    if let Ok(ev) = first {
        let json = serde_json::to_string(&ev).expect("an evaluation serialises");
        let back: antq::Evaluation = serde_json::from_str(&json).expect("an evaluation reads back");
        assert_eq!(ev, back, "an evaluation survives a JSON round trip");
        for unit in &ev.units {
            assert!(!unit.explain(Lang::En).is_empty());
            assert!(!unit.explain(Lang::Vi).is_empty());
        }
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(data);
});
