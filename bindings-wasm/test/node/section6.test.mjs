// The DOMAIN §6 shared cases (tests/cases/section6: team ranking and the commemorative
// medal) through the package, each result compared with native Rust's field for field
// (errors by code and problems). The festival cases are Rust-only (no export).
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import antq from './antq-full.mjs';
import { repoRoot } from './antq.mjs';

const dir = path.join(repoRoot, 'tests', 'cases', 'section6');
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => [f, JSON.parse(readFileSync(path.join(dir, f), 'utf8'))])
  .filter(([, c]) => c.operation === 'team_ranking' || c.operation === 'medal');

const native = (() => {
  const text = process.env.ANTQ_NATIVE_SECTION6
    ? readFileSync(process.env.ANTQ_NATIVE_SECTION6, 'utf8')
    : execFileSync('cargo', ['run', '-q', '-p', 'antq-wasm', '--example', 'native-results', '--', dir], {
      cwd: repoRoot,
      env: { ...process.env, CARGO_TARGET_DIR: process.env.CARGO_TARGET_DIR ?? '/tmp/target-wasm' },
      encoding: 'utf8',
    });
  return new Map(text.trim().split('\n').map((l) => JSON.parse(l)).map((r) => [r.file, r]));
})();

const problemKey = (p) => JSON.stringify([p.code, p.location.path ?? null, p.message]);

test('there are team-ranking and medal cases', () => {
  assert.ok(cases.length >= 15, `${cases.length}`);
});

for (const [file, c] of cases) {
  test(`§6 case ${file}: ${c.name}`, () => {
    const run = c.operation === 'team_ranking' ? antq.tryRankTeams : antq.tryAssessMedals;
    const r = run(c.input);
    const n = native.get(file);
    assert.ok(n, `no native result for ${file}`);
    if (r.ok) {
      assert.ok(n.ok !== undefined, `native failed where wasm succeeded: ${n.error?.message}`);
      assert.deepStrictEqual(r.value, n.ok);
    } else {
      assert.ok(n.error, `native succeeded where wasm failed: ${r.error.message}`);
      assert.equal(r.error.code, n.error.code);
      assert.deepEqual(r.error.details.map(problemKey).sort(), n.error.problems.map(problemKey).sort());
    }
    // The expectation's error code, when the case expects one.
    if (c.expect?.error?.code) assert.equal(r.ok ? null : r.error.code, c.expect.error.code);
  });
}

test('the §6 inputs also read as text, and the sample inputs give results', () => {
  const teams = readFileSync(path.join(repoRoot, 'core', 'sample', 'teams-synthetic-2025.json'), 'utf8');
  const ranking = antq.rankTeams(teams);
  assert.equal(ranking.year, 2025);
  assert.ok(ranking.members.some((m) => m.reasons.some((x) => x.code === 'short_service')));
  const medal = readFileSync(path.join(repoRoot, 'core', 'sample', 'medal-synthetic.json'), 'utf8');
  const list = antq.assessMedals(medal);
  assert.ok(list.length >= 1 && ['eligible', 'not_eligible', 'deferred'].includes(list[0].outcome));
  assert.equal(antq.tryRankTeams('{"year": 2025}').ok, false);
});
