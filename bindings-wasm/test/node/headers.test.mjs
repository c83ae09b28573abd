// Conformance: every table this package returns has the core's columns for that result,
// in the core's order (`headers()`, the same list the CLI's CSV and Python's frames use).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import antq, { sampleDataset, sampleFiles } from './antq-full.mjs';
import { repoRoot } from './antq.mjs';

const keysOf = (rows, name) => {
  assert.ok(rows.length > 0, `${name}: no row to check`);
  for (const r of rows) assert.deepEqual(Object.keys(r), antq.headers()[name], name);
};

test('headers() names every result once', () => {
  const h = antq.headers();
  for (const name of ['evaluation', 'criteria', 'verdicts', 'shares', 'stats', 'teams', 'medal', 'whatif', 'impact',
    'impact_parents', 'sensitivity', 'sensitivity_parents', 'compare', 'compare_parents', 'instruments']) {
    assert.ok(Array.isArray(h[name]) && h[name].length > 0, name);
  }
});

test('every table has the core header of its result', () => {
  const s = sampleFiles();
  const ds = sampleDataset();
  const c124 = antq.RuleSet.preset('vn.c124-2021');
  const ev = antq.evaluate(ds, c124, 2023);
  keysOf(ev.rows(), 'evaluation');
  keysOf(ev.criterionRows(), 'criteria');
  keysOf(ev.shares(), 'shares');
  const v = antq.review(ds, c124, 2023);
  assert.deepEqual(Object.keys(v.columns), [...antq.headers().verdicts, ...c124.toJSON().criteria.map((c) => c.id)]);
  keysOf(antq.tableRows('stats', antq.stats(ds, 2023)), 'stats');
  const typ = antq.RuleSet.preset('vn.d9745-2022.communes');
  const im = antq.impact(ds, typ, typ.withSupplement(s.typicalSupplement), 2023);
  keysOf(antq.tableRows('impact', im, 'vi'), 'impact');
  keysOf(antq.tableRows('impact_parents', im), 'impact_parents');
  const d510 = antq.RuleSet.preset('vn.d510-2022').withSupplement(s.d510Supplement);
  const spec = { sampling: { mode: 'random', samples: 20, seed: 1 }, cutoff_range: 5, max_range_percent: 20 };
  const sens = antq.sensitivity(ds, d510, 2023, spec);
  keysOf(antq.tableRows('sensitivity', sens), 'sensitivity');
  keysOf(antq.tableRows('sensitivity_parents', sens), 'sensitivity_parents');
  const result = antq.whatIf(ds, c124, 2023, ['NS-HP', 'KM-TT'], { verify: true });
  const { plans } = result;
  const w = antq.tableRows('whatif', result, 'vi');
  // The plans alone give the same rows.
  assert.deepEqual(antq.tableRows('whatif', plans, 'vi'), w);
  keysOf(w, 'whatif');
  assert.ok(w.every((r) => r.verified === plans.find((p) => p.unit === r.unit).verified));
  // Neither shape: a typed error naming what is missing.
  const bad = (v, re) =>
    assert.throws(() => antq.tableRows('whatif', v), (e) => e.code === 'bad_argument' && re.test(e.message));
  bad(42, /not a `WhatIf` result/);
  bad({ lints: [] }, /missing field `plans`/);
  bad([{ unit: 'NS-HP' }], /not a `WhatIf` result: missing field/);
  const cmp = antq.compareYears(ds, c124, 2023, 2025);
  keysOf(antq.tableRows('compare', cmp), 'compare');
  keysOf(antq.tableRows('compare_parents', cmp), 'compare_parents');
  const read = (f) => readFileSync(path.join(repoRoot, 'core', 'sample', f), 'utf8');
  keysOf(antq.tableRows('teams', antq.rankTeams(read('teams-synthetic-2025.json'))), 'teams');
  keysOf(antq.tableRows('medal', antq.assessMedals(read('medal-synthetic.json'))), 'medal');
});

test('lists are arrays and a wrong result is a bad argument', () => {
  const ev = antq.evaluate(sampleDataset(), antq.RuleSet.preset('vn.c124-2021'), 2023);
  const hp = ev.rows().find((r) => r.unit === 'NS-HP');
  assert.ok(Array.isArray(hp.failed) && hp.failed.length > 0 && Array.isArray(hp.supplements));
  assert.match(hp.rule_set, /^vn\.c124-2021 \S+ sha256:[0-9a-f]{12}$/);
  assert.throws(() => antq.tableRows('stats', { year: 2023 }), (e) => e.code === 'bad_argument');
  assert.throws(() => antq.tableRows('nothing', {}), (e) => e.code === 'bad_argument');
});
