// Decision support in Node: what it still takes, impact, sensitivity, year over year.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import antq, { sampleDataset, sampleFiles } from './antq-full.mjs';
import { thrown } from './antq.mjs';

const ds = () => sampleDataset();
const c124 = () => antq.RuleSet.preset('vn.c124-2021');

test('whatIf gives the failing sample commune its verified shortest path', () => {
  const { plans: [hp, tt], lints } = antq.whatIf(ds(), c124(), 2023, ['NS-HP', 'KM-TT'], { verify: true });
  // The evaluation behind the plans says what it did not read: the sample's keys of other rule sets.
  assert.ok(lints.some((l) => l.code === 'unused_key'), JSON.stringify(lints));
  // Each worded in Vietnamese too, as the core words it.
  assert.ok(lints.every((l) => l.message_vi && l.message_vi !== l.message), JSON.stringify(lints));
  assert.equal(hp.status, 'reachable');
  assert.equal(hp.verified, true);
  assert.equal(hp.changes.length, 1);
  assert.equal(hp.changes[0].via, 'NS-HP CW-4');
  assert.equal(tt.status, 'reached');
  assert.equal(thrown(() => antq.whatIf(ds(), c124(), 2023, ['NOPE'])).code, 'unknown_unit');
  // No unit is a mistake said as such (as the CLI and Python say it), not an empty answer.
  const none = thrown(() => antq.whatIf(ds(), c124(), 2023, []));
  assert.equal(none.code, 'bad_argument');
  assert.match(none.message, /units: the list of unit ids is empty/);
});

test('whatIf does not verify an unreachable plan (null, as the CLI and Python)', () => {
  const [ca, hp] = antq.whatIf(ds(), c124(), 2023, ['CL-CA', 'NS-HP'], { verify: true }).plans;
  assert.equal(ca.status, 'unreachable');
  assert.equal(ca.verified, null);
  assert.equal(hp.verified, true);
});

test('impact of the sample typical supplement and of a parameter', () => {
  const base = antq.RuleSet.preset('vn.d9745-2022.communes');
  const im = antq.impact(ds(), base, base.withSupplement(sampleFiles().typicalSupplement), 2023);
  assert.deepEqual(im.changed.supplements, ['sample.hd.typical-2023']);
  assert.ok(im.units.length > 0 && im.units.every((r) => r.causes.length > 0));
  const p = antq.impact(ds(), base, base.withParameter('min_met', 30), 2023);
  assert.ok(p.units.length > 0);
  assert.equal(thrown(() => base.withParameter('nope', 1)).code, 'invalid_rule_set');
});

test('sensitivity is seeded and counts add up', () => {
  const rules = antq.RuleSet.preset('vn.d510-2022').withSupplement(sampleFiles().d510Supplement);
  const spec = { sampling: { mode: 'random', samples: 200, seed: 3 }, cutoff_range: 5, max_range_percent: 20 };
  const a = antq.sensitivity(ds(), rules, 2023, spec);
  const b = antq.sensitivity(ds(), rules, 2023, spec);
  assert.deepEqual(a, b);
  assert.equal(a.samples, 200);
  for (const u of a.units) assert.equal(Object.values(u.levels).reduce((x, y) => x + y, 0), 200);
});

test('sensitivity refuses a spec field it does not know instead of ignoring it', () => {
  // `passLevel` (the camelCase of other options objects) ran with the default pass level, and
  // a `seed` with a grid was ignored, where the CLI and Python refuse --seed with --grid.
  const rules = antq.RuleSet.preset('vn.d510-2022').withSupplement(sampleFiles().d510Supplement);
  const base = { sampling: { mode: 'random', samples: 20, seed: 1 }, cutoff_range: 5, max_range_percent: 20 };
  assert.equal(antq.sensitivity(ds(), rules, 2023, { ...base, pass_level: 'xuat_sac' }).pass_level, 'xuat_sac');
  const e = thrown(() => antq.sensitivity(ds(), rules, 2023, { ...base, passLevel: 'xuat_sac' }));
  assert.equal(e.code, 'bad_argument');
  assert.match(e.message, /passLevel/);
  const g = thrown(() => antq.sensitivity(ds(), rules, 2023, { ...base, sampling: { mode: 'grid', steps: 2, seed: 9 } }));
  assert.equal(g.code, 'bad_argument');
  assert.match(g.message, /seed/);
});

test('compareYears lists newly meeting units', () => {
  const c = antq.compareYears(ds(), c124(), 2023, 2025);
  assert.equal(c.from_year, 2023);
  const moved = Object.fromEntries(c.units.map((r) => [r.unit, r.movement]));
  for (const u of c.newly_meeting) assert.equal(moved[u], 'newly_meets');
  // Years out of order or repeated are refused by the core, as the CLI and Python refuse
  // them: 2025 then 2023 would call what was lost "newly meets".
  const back = thrown(() => antq.compareYears(ds(), c124(), 2025, 2023));
  assert.equal(back.code, 'bad_argument');
  assert.match(back.message, /2025 then 2023: give the earlier year first/);
  assert.equal(thrown(() => antq.compareYears(ds(), c124(), 2023, 2023)).code, 'bad_argument');
});

test('every analysis has a non-throwing twin', () => {
  const c124 = antq.RuleSet.preset('vn.c124-2021');
  const ok = antq.tryWhatIf(ds(), c124, 2023, ['NS-HP']);
  assert.equal(ok.ok, true);
  assert.deepEqual(ok.value, antq.whatIf(ds(), c124, 2023, ['NS-HP']));
  const bad = antq.tryWhatIf(ds(), c124, 1800, ['NS-HP']);
  assert.equal(bad.ok, false);
  assert.equal(bad.error.code, 'bad_year');
  assert.equal(antq.tryImpact(ds(), c124, c124, 1800).ok, false);
  assert.equal(antq.trySensitivity(ds(), c124, 2023, { nope: 1 }).ok, false);
  assert.equal(antq.tryCompareYears(ds(), c124, 2023, 2025).ok, true);
});

test('review gives every verdict evaluate gives, one array per column', () => {
  const typical = antq.RuleSet.preset('vn.d9745-2022.communes').withSupplement(sampleFiles().typicalSupplement);
  for (const rules of [c124(), typical]) {
    const v = antq.review(ds(), rules, 2023);
    const rows = antq.evaluate(ds(), rules, 2023).rows();
    assert.equal(v.rows, rows.length);
    assert.deepEqual(v.columns.unit, rows.map((r) => r.unit));
    assert.deepEqual(v.columns.outcome, rows.map((r) => r.outcome));
    assert.deepEqual(v.columns.rank, rows.map((r) => r.rank ?? null));
    assert.deepEqual(v.columns.met, rows.map((r) => r.met));
    assert.deepEqual(v.columns.of, rows.map((r) => r.of));
    assert.equal(v.record.rule_set, rules.id);
  }
  const v = antq.review(ds(), c124(), 2023);
  const hp = v.columns.unit.indexOf('NS-HP');
  assert.equal(v.columns['CW-4'][hp], 'not_met');
  assert.equal(v.columns['RA-1'][hp], null);
  assert.equal(antq.tryReview(ds(), c124(), 1066).error.code, 'bad_year');
});
