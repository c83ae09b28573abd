// Circular 124 (antq preset vn.c124-2021) with json-rules-engine, as an analyst would do it:
// facts are prepared in JavaScript (evidence, incident counts in the unit's window, and for
// communes the roll-up of their units), the rules in rules.json decide unit by unit.
// Communes are decided after their units, since CW-4 counts their outcomes.
//
//   node c124.mjs DATASET.json YEAR OUT.csv TIMINGS.json
//
// Run as a fresh process by benches/peers/py/peers.py, like the other peers: reads the antq
// JSON (the same shuffled records antq reads), evaluates, writes `unit,outcome` to OUT.csv
// and its stage timings (read, evaluate — with the per-unit decisions apart as decide_s —
// and write) and peak memory to TIMINGS.json. The runner compares the outcomes with antq's.

import { readFileSync, writeFileSync } from 'node:fs';
import { Engine } from 'json-rules-engine';

const [path, yearArg, outCsv, timingsPath] = process.argv.slice(2);
if (!timingsPath) {
  console.error('usage: node c124.mjs DATASET.json YEAR OUT.csv TIMINGS.json');
  process.exit(2);
}
const year = Number(yearArg);
const RULES = JSON.parse(readFileSync(new URL('./rules.json', import.meta.url), 'utf8'));

const LISTED = ['anti_state', 'sabotage', 'illegal_religion', 'separatism', 'prolonged_dispute', 'incitement'];
const SCHOOL_SECURITY = ['security_loss', 'incitement', 'illegal_religion'];
const SCHOOL_VIOLENCE = ['school_violence'];
const EVALUATED = new Set(['residential_area', 'commune', 'agency', 'enterprise', 'school']);
const CHILD_KINDS = new Set(['residential_area', 'agency', 'enterprise', 'school']);
const RULES_OF_KIND = { residential_area: 'residential_area', commune: 'commune', agency: 'agency_enterprise', enterprise: 'agency_enterprise', school: 'school' };
const FLAGS = ['party_organisation', 'parents_board_coordination', 'rules_unit_protection', 'rules_state_secrets',
  'rules_internal_politics', 'rules_labour_safety', 'rules_fire_explosion', 'rules_environment'];

const iso = (y, m, d) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const AS_OF = iso(year, 11, 15);
const WINDOW = { residential_area: [iso(year - 1, 11, 1), iso(year, 10, 31)] };
for (const k of ['commune', 'agency', 'enterprise', 'school']) WINDOW[k] = [iso(year - 1, 11, 16), iso(year, 11, 15)];
const day = (s) => (s == null ? null : Number(s.replaceAll('-', ''))); // 2023-03-31 -> 20230331
const need = (n, percent) => Math.ceil((n * percent) / 100); // required counts round up
const shortfall = (have, total, percent) => (have == null || total == null ? null : need(total, percent) - have);

function engines() {
  const out = {};
  for (const [k, rules] of Object.entries(RULES)) {
    if (k.startsWith('_')) continue;
    const e = new Engine([], { allowUndefinedFacts: true });
    for (const r of rules) e.addRule(r);
    out[k] = e;
  }
  return out;
}

async function decide(engine, facts) {
  const { events } = await engine.run(facts);
  const types = new Set(events.map((e) => e.type));
  for (const t of ['out_of_scope', 'does_not_meet', 'meets']) if (types.has(t)) return t;
  return 'undetermined';
}

// Facts of every evaluated unit, except the CW-4 roll-up (which needs the units' outcomes).
function prepare(ds) {
  const units = ds.units.filter((u) => (u.valid_from == null || u.valid_from <= AS_OF) && (u.valid_until == null || u.valid_until >= AS_OF));
  if (units.some((u) => u.parent_changes && u.parent_changes.length)) throw new Error('the peers do not model parent_changes');
  const byId = new Map(units.map((u) => [u.id, u]));
  const evidence = new Map();
  for (const e of ds.evidence ?? []) if (e.year === year) evidence.set(e.unit, e);
  const count = new Map(); // unit id -> { listed, security, violence, area }
  const bump = (id, key) => {
    let c = count.get(id);
    if (!c) count.set(id, (c = { listed: 0, security: 0, violence: 0, area: 0 }));
    c[key] += 1;
  };
  for (const inc of ds.incidents ?? []) {
    const u = byId.get(inc.unit);
    if (!u) continue;
    const w = WINDOW[u.kind];
    if (w && w[0] <= inc.date && inc.date <= w[1]) {
      if (LISTED.includes(inc.category)) bump(u.id, 'listed');
      if (SCHOOL_SECURITY.includes(inc.category)) bump(u.id, 'security');
      if (SCHOOL_VIOLENCE.includes(inc.category)) bump(u.id, 'violence');
    }
    const [cs, ce] = WINDOW.commune;
    if (u.parent != null && cs <= inc.date && inc.date <= ce && LISTED.includes(inc.category)) bump(u.parent, 'area');
  }
  const facts = [];
  for (const u of units) {
    if (!EVALUATED.has(u.kind)) continue;
    const e = evidence.get(u.id) ?? {};
    const c = count.get(u.id) ?? { listed: 0, security: 0, violence: 0, area: 0 };
    const f = {
      id: u.id, parent: u.parent ?? null, kind: u.kind, size: u.size ?? null, level: u.level ?? null,
      armed_forces: u.armed_forces ?? null, q1_end: day(iso(year, 3, 31)),
      window_start: day(WINDOW[u.kind][0]), // "in Q1": from the start of the unit's window to 31 March
      resolution_day: day(e.resolution_date), plan_day: day(e.plan_date), registration_day: day(e.registration_date),
      households_shortfall: shortfall(e.households_registered, e.households_total, 100),
      staff_shortfall: shortfall(e.staff_briefed, e.staff_total, 100),
      effective_models: e.effective_models ?? null, disciplined_officers: e.disciplined_officers ?? null,
      listed_incidents: c.listed, school_security_incidents: c.security, school_violence_incidents: c.violence,
      area_listed_incidents: c.listed + c.area,
      // Registered for CW-4: a date counts from the start of the unit's window to 31 March;
      // without a date, the `registered` flag decides; with no evidence, unknown.
      registered: e.registration_date != null
        ? (WINDOW[u.kind][0] <= e.registration_date && e.registration_date <= iso(year, 3, 31) ? 'yes' : 'no')
        : e.registered === true ? 'yes' : e.registered === false ? 'no' : 'unknown',
    };
    for (const k of FLAGS) f[k] = e[k] ?? null;
    for (const [k, v] of Object.entries(e.attested ?? {})) f['attested:' + k] = v;
    facts.push(f);
  }
  return facts;
}

// CW-4 facts of each commune from its in-scope units' registration and outcomes.
function rollUp(communes, units, outcome) {
  const kids = new Map();
  for (const f of units) {
    const o = outcome.get(f.id);
    if (!CHILD_KINDS.has(f.kind) || o === 'out_of_scope' || f.parent == null) continue;
    let k = kids.get(f.parent);
    if (!k) kids.set(f.parent, (k = { n: 0, regYes: 0, regUnk: 0, recYes: 0, recUnk: 0 }));
    k.n += 1;
    if (f.registered === 'yes') k.regYes += 1;
    if (f.registered === 'unknown') k.regUnk += 1;
    if (o === 'meets') k.recYes += 1;
    if (o === 'undetermined') k.recUnk += 1;
  }
  for (const f of communes) {
    const k = kids.get(f.id) ?? { n: 0, regYes: 0, regUnk: 0, recYes: 0, recUnk: 0 };
    f.registered_shortfall = need(k.n, 100) - k.regYes;
    f.registered_shortfall_at_best = need(k.n, 100) - k.regYes - k.regUnk;
    f.recognised_shortfall = need(k.n, 70) - k.recYes;
    f.recognised_shortfall_at_best = need(k.n, 70) - k.recYes - k.recUnk;
  }
}

async function evaluate(ds, eng, timings) {
  const t0 = performance.now();
  const facts = prepare(ds);
  const units = facts.filter((f) => f.kind !== 'commune');
  const communes = facts.filter((f) => f.kind === 'commune');
  const t1 = performance.now();
  const outcome = new Map();
  for (const f of units) outcome.set(f.id, await decide(eng[RULES_OF_KIND[f.kind]], f));
  const t2 = performance.now();
  rollUp(communes, units, outcome);
  const t3 = performance.now();
  for (const f of communes) outcome.set(f.id, await decide(eng.commune, f));
  const t4 = performance.now();
  timings.prepare_s = (t1 - t0 + (t3 - t2)) / 1000;
  timings.decide_s = (t2 - t1 + (t4 - t3)) / 1000;
  return outcome;
}

const t0 = performance.now();
const ds = JSON.parse(readFileSync(path, 'utf8'));
const t1 = performance.now();
const timings = {};
const outcome = await evaluate(ds, engines(), timings);
const t2 = performance.now();
let csv = 'unit,outcome\n';
for (const [unit, o] of outcome) csv += `${unit},${o}\n`;
writeFileSync(outCsv, csv);
const t3 = performance.now();
writeFileSync(timingsPath, JSON.stringify({
  engine: 'json-rules-engine', read_s: (t1 - t0) / 1000, evaluate_s: (t2 - t1) / 1000, write_s: (t3 - t2) / 1000,
  decide_s: timings.decide_s, units: outcome.size, peak_rss_kib: process.resourceUsage().maxRSS, threads: 1,
  node: process.version,
  versions: { 'json-rules-engine': JSON.parse(readFileSync(new URL('./node_modules/json-rules-engine/package.json', import.meta.url), 'utf8')).version },
}));
