// Properties (seeded, so a failure reproduces): every value of a dataset or a rule set
// survives the round trips JS object → Rust → JS object and JSON text → Rust → JSON text,
// across generated datasets of many sizes, years and seeds, the sample, and every preset
// with and without the sample supplements.
import test from 'node:test';
import assert from 'node:assert/strict';
import antq, { sampleDataset, sampleFiles } from './antq.mjs';

const roundTrips = (ds) => {
  const text = ds.toJSONString();
  const viaObject = antq.Dataset.fromObject(ds.toJSON());
  const viaText = antq.Dataset.fromText(text, 'd.json');
  assert.equal(viaObject.toJSONString(), text);
  assert.equal(viaText.toJSONString(), text);
  assert.deepEqual(viaObject.toJSON(), ds.toJSON());
  // Pretty text reads back to the same data.
  assert.equal(antq.Dataset.fromText(ds.toJSONString(true), 'p.json').toJSONString(), text);
};

test('generated datasets keep every value through objects and JSON text', () => {
  for (let seed = 1; seed <= 40; seed++) {
    const year = seed % 2 ? 2023 : 2025;
    const ds = antq.Dataset.generate({ units: 50 + seed * 37, year, seed });
    roundTrips(ds);
  }
});

test('the sample keeps every value', () => {
  roundTrips(sampleDataset());
});

test('rule sets keep every value through objects and JSON text', () => {
  const s = sampleFiles();
  const sets = [];
  for (const p of antq.presets()) sets.push(antq.RuleSet.preset(p.id));
  sets.push(antq.RuleSet.preset('vn.d9745-2022.communes').withSupplement(s.typicalSupplement, 't.toml'));
  sets.push(antq.RuleSet.preset('vn.d510-2022').withSupplement(s.d510Supplement, 'd.toml'));
  for (const rs of sets) {
    const obj = rs.toJSON();
    const back = antq.RuleSet.fromObject(obj);
    assert.deepEqual(back.toJSON(), obj);
    // The content hash (what a decision record keeps) is unchanged.
    const year = 2023;
    const ds = sampleDataset();
    const a = antq.tryEvaluate(ds, rs, year);
    const b = antq.tryEvaluate(ds, back, year);
    assert.equal(a.ok, b.ok);
    if (a.ok) assert.equal(a.value.decision.content_hash, b.value.decision.content_hash);
  }
});
