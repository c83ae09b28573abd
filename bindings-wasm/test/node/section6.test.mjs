// The DOMAIN §6 shared cases (tests/cases/section6: team ranking, the commemorative medal,
// the festival day) through the package, each whole result compared with its committed
// result (tests/cases/results/section6/, written by the Rust runner; errors by code and
// each problem's code and path).
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import antq from './antq-full.mjs';
import { repoRoot } from './antq.mjs';
import { assertCommitted, errorJson } from './committed.mjs';

const dir = path.join(repoRoot, 'tests', 'cases', 'section6');
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => [f, JSON.parse(readFileSync(path.join(dir, f), 'utf8'))]);

/** The festival case's input as `festivalDay`'s arguments. */
function festival(input) {
  const start = input.params?.season_start;
  return antq.tryFestivalDay(input.date, start === undefined ? undefined : { seasonStart: start });
}

const RUN = { team_ranking: antq.tryRankTeams, medal: antq.tryAssessMedals, festival };

test('there are team-ranking, medal and festival cases', () => {
  const ops = new Set(cases.map(([, c]) => c.operation));
  assert.deepEqual([...ops].sort(), Object.keys(RUN).sort());
  assert.ok(cases.length >= 20, `${cases.length}`);
});

for (const [file, c] of cases) {
  test(`§6 case ${file}: ${c.name}`, () => {
    const r = RUN[c.operation](c.input);
    assertCommitted('section6', file, r.ok ? r.value : errorJson(r.error));
    // The expectation's error code, when the case expects one; otherwise every result
    // names its instrument, as the case expects.
    if (c.expect?.error?.code) assert.equal(r.ok ? null : r.error.code, c.expect.error.code);
    if (r.ok && c.operation === 'team_ranking') {
      assert.match(r.value.instrument.id, /^vn\.teams-/);
      if (c.expect.instrument) assert.equal(r.value.instrument.id, c.expect.instrument);
    }
    if (r.ok && c.operation === 'medal') {
      for (const a of r.value) {
        assert.match(a.instrument.id, /^vn\.medal-/);
        assert.equal(a.instrument.content_hash.length, 64);
        const want = c.expect.candidates?.[a.id] ?? {};
        if (want.instrument) assert.equal(a.instrument.id, want.instrument);
        if (want.outcome) assert.equal(a.outcome, want.outcome);
      }
    }
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
  const bad = antq.tryRankTeams('{"year": 2025}');
  assert.equal(bad.ok, false);
  assert.equal(bad.error.code, 'invalid_team_input');
  assert.equal(antq.tryAssessMedals({ reference_date: '2025-04-28', candidates: [{ id: 'P' }] }).error.code, 'invalid_medal_input');
  const nif = antq.tryAssessMedals({ reference_date: '2025-04-28', instrument: 'vn.medal-2021', candidates: [] });
  assert.equal(nif.error.code, 'not_in_force');
});

test('festivalDay checks its arguments and names them', () => {
  assert.equal(antq.festivalDay('2025-08-19').is_festival_day, true);
  assert.equal(antq.festivalDay('2025-08-18', {}).in_season, true);
  for (const [args, what] of [
    [['2025-02-30'], 'date'],
    [[20250819], 'date'],
    [['2025-08-19', { seasonStart: 'July' }], 'seasonStart'],
    [['2025-08-19', { season_start: 'Y-07-01' }], 'season_start'],
  ]) {
    const r = antq.tryFestivalDay(...args);
    assert.equal(r.ok, false, JSON.stringify(args));
    assert.equal(r.error.code, 'bad_argument');
    assert.match(r.error.message, new RegExp(what));
  }
  // A season starting after its last day is the core's error, as in the shared case.
  assert.equal(antq.tryFestivalDay('2025-07-05', { seasonStart: 'Y-08-20' }).error.code, 'invalid_dataset');
});
