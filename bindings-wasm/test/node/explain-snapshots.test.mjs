// The reviewed explanation snapshots (tests/snapshots/explain, named by units.json) through
// the package: each unit's `evaluation.explain(unit, lang)` must equal the file the Rust core
// wrote, byte for byte (`ANTQ_UPDATE_SNAPSHOTS=1 cargo test -p antq-conformance --test
// explain_snapshots` rewrites them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import antq, { repoRoot, sampleFiles } from './antq.mjs';

const dir = path.join(repoRoot, 'tests', 'snapshots', 'explain');
const manifest = JSON.parse(readFileSync(path.join(dir, 'units.json'), 'utf8'));
const data = antq.Dataset.fromText(sampleFiles().dataset, 'province.json');

function evaluation(set) {
  let rules = antq.RuleSet.preset(set.rules);
  for (const p of set.supplements) rules = rules.withSupplement(readFileSync(path.join(repoRoot, p), 'utf8'), p);
  return antq.evaluate(data, rules, set.year);
}

const count = manifest.sets.reduce((n, s) => n + 2 * s.units.length, 0);

test('the manifest names a dozen units', () => {
  assert.ok(count >= 24, `only ${count} snapshots`);
});

for (const set of manifest.sets) {
  test(`explanations of ${set.dir} match the snapshots byte for byte`, () => {
    const ev = evaluation(set);
    for (const unit of set.units) {
      for (const lang of ['en', 'vi']) {
        const want = readFileSync(path.join(dir, set.dir, `${unit}.${lang}.txt`));
        const got = Buffer.from(ev.explain(unit, lang), 'utf8');
        assert.ok(got.equals(want), `${set.dir}/${unit}.${lang}.txt differs:\n${got.toString()}`);
      }
    }
  });
}
