// The TypeScript declarations of the core's data (ts/antq-types.d.ts) are hand-written:
// this test fails when an output carries a field, or an enum a value, they do not declare
// (e.g. after a field is added to the core). Fix it by declaring it in ts/antq-types.d.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import antq, { sampleDataset, sampleFiles } from './antq-full.mjs';
import { pkgDir, repoRoot, thrown } from './antq.mjs';

// The glue's declarations (with ts/antq-types.d.ts) and the error class's (js/lib/error.d.ts).
const dts = ['antq_glue.d.ts', 'antq_full_glue.d.ts', 'lib/error.d.ts']
  .map((f) => readFileSync(path.join(pkgDir, f), 'utf8')).join('\n');

/** Every object key, and the values of enum-like keys, found in `v`. */
function collect(v, keys, values, parentKey = '') {
  if (Array.isArray(v)) {
    for (const x of v) collect(x, keys, values, `${parentKey}[]`);
  } else if (v && typeof v === 'object') {
    // Maps keyed by data (ids, kinds, parameter names) are not fields.
    // (`levels` as an object is a sensitivity report's count per level id; as an array,
    // `levels[]`, a sheet's levels. `columns` is a review's arrays by column name.)
    const isMap = ['attested', 'points', 'parameters', 'summary', 'levels', 'columns'].includes(parentKey) || parentKey.startsWith('summary.');
    for (const [k, x] of Object.entries(v)) {
      if (!isMap) keys.add(k);
      const enumLike = ['status', 'certainty', 'authority', 'policy', 'value_type', 'measure', 'rounding', 'wording', 'type'].includes(k)
        || (k === 'kind' && typeof x === 'string') || (k === 'kinds');
      if (enumLike && !isMap) for (const s of [x].flat()) if (typeof s === 'string') values.add(s);
      collect(x, keys, values, isMap ? `${parentKey}.` : k);
    }
  }
}

test('every field and enum value in the outputs is declared in the TypeScript types', () => {
  const keys = new Set();
  const values = new Set();
  const s = sampleFiles();
  const ds = sampleDataset();
  const gen = antq.Dataset.generate({ units: 3000, year: 2023, seed: 3 });
  const rule = (id, sup) => (sup ? antq.RuleSet.preset(id).withSupplement(sup) : antq.RuleSet.preset(id));
  const sets = [
    rule('vn.c124-2021'),
    rule('vn.c124-2025'),
    rule('vn.d9745-2022.communes', s.typicalSupplement),
    rule('phu-tho.hd851-2023.organisations'),
    rule('vn.d510-2022', s.d510Supplement),
    rule('vn.d510-2022'),
  ];
  for (const rs of sets) {
    collect(rs.toJSON(), keys, values);
    for (const [d, y] of [[ds, 2023], [ds, 2025], [gen, 2023]]) {
      const r = antq.tryEvaluate(d, rs, y);
      if (!r.ok) continue;
      collect(r.value.toJSON(), keys, values);
      collect(r.value.rows(), keys, values);
      collect(r.value.criterionRows(), keys, values);
    }
  }
  for (const d of [ds, gen]) {
    collect(d.toJSON(), keys, values);
    collect(antq.stats(d, 2023), keys, values);
  }
  // Decision support outputs.
  const c124 = rule('vn.c124-2021');
  const failing = antq.evaluate(ds, c124, 2023).rows().filter((r) => r.outcome !== 'meets').map((r) => r.unit);
  collect(antq.whatIf(ds, c124, 2023, failing, { verify: true }), keys, values);
  collect(antq.whatIf(ds, rule('vn.d510-2022', s.d510Supplement), 2023, ['CL-DN01', 'NS-HP-CQ04']), keys, values);
  collect(antq.whatIf(ds, rule('vn.d9745-2022.communes', s.typicalSupplement), 2023, ['KM-HS', 'KM-AL', 'CL-LL']), keys, values);
  const typ = rule('vn.d9745-2022.communes');
  collect(antq.impact(ds, typ, typ.withSupplement(s.typicalSupplement), 2023), keys, values);
  // `columns` is keyed by column names (criterion ids among them).
  collect(antq.review(ds, c124, 2023), keys, values);
  const d510 = rule('vn.d510-2022', s.d510Supplement);
  const spec = { sampling: { mode: 'random', samples: 50, seed: 1 }, cutoff_range: 5, max_range_percent: 20 };
  collect(antq.sensitivity(ds, d510, 2023, spec), keys, values);
  collect(antq.compareYears(ds, c124, 2023, 2025), keys, values);
  collect(antq.compareYears(ds, d510, 2023, 2025), keys, values);
  collect(antq.presets(), keys, values);
  collect(antq.indicators(), keys, values);
  collect(antq.validateRuleSet('x = 1', 'x.toml'), keys, values);
  collect(antq.validateDataset(sampleFiles().dataset), keys, values);
  // DOMAIN §6: every team-ranking and medal result of the shared cases, and their errors.
  const dir6 = path.join(repoRoot, 'tests', 'cases', 'section6');
  for (const f of readdirSync(dir6).filter((x) => x.endsWith('.json'))) {
    const c = JSON.parse(readFileSync(path.join(dir6, f), 'utf8'));
    if (c.operation !== 'team_ranking' && c.operation !== 'medal') continue;
    const r = (c.operation === 'team_ranking' ? antq.tryRankTeams : antq.tryAssessMedals)(c.input);
    if (r.ok) {
      collect(r.value, keys, values);
      for (const x of [r.value].flat()) for (const k of ['outcome', 'group', 'code', 'cap_base']) if (typeof x[k] === 'string') values.add(x[k]);
      for (const a of [r.value].flat()) for (const cd of a.conditions ?? []) { values.add(cd.code); values.add(cd.effect); }
    } else {
      values.add(r.error.code);
    }
  }
  // The festival day, before 2005 (no day, no season) and in a season.
  collect(antq.festivalDay('2004-08-19'), keys, values);
  collect(antq.festivalDay('2025-07-15', { seasonStart: 'Y-07-05' }), keys, values);
  const err = thrown(() => antq.Dataset.fromText('{"format_version": 1, "units": [1]}', 'e.json'));
  collect({ code: err.code, details: err.details }, keys, values);
  values.add(err.code);
  for (const p of err.details) values.add(p.code);

  assert.ok(keys.size > 100, `only ${keys.size} keys collected`);
  const undeclared = [...keys].filter((k) => !new RegExp(`(^|[\\s{;(])${k}\\??:`, 'm').test(dts));
  assert.deepEqual(undeclared, [], `fields missing from ts/antq-types.d.ts: ${undeclared.join(', ')}`);
  const missingValues = [...values].filter((v) => !dts.includes(`"${v}"`));
  assert.deepEqual(missingValues, [], `enum values missing from ts/antq-types.d.ts: ${missingValues.join(', ')}`);
});
