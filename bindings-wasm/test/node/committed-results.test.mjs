// The shared cases through the package's analysis module (`antq/full`), each whole result
// compared with the committed result the Rust runners wrote (tests/cases/results/):
// the review's verdicts of every evaluate case (its columns read back as one object per
// unit), and every case of tests/cases/analysis (whatIf with verify, impact, compareYears,
// sensitivity). The team-ranking and medal cases are compared in section6.test.mjs; the
// evaluations, statistics and parsed documents in cases.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import antq from './antq-full.mjs';
import { assertCommitted, caseDataset, caseFiles, caseRuleSet, committed, okOrError } from './committed.mjs';

/** The first columns of the review's verdicts; every other column is a criterion. */
const VERDICT_FIELDS = ['unit', 'kind', 'subkind', 'parent', 'commune', 'district', 'province', 'outcome', 'level', 'rank', 'met', 'of'];

/** Named in every row; the committed results hold them once. */
const DECIDED_BY = ['rule_set', 'supplements'];

/** The review's columns as the committed results hold them: one object per unit. */
function verdicts({ rows, columns }) {
  const out = [];
  const decidedBy = Object.fromEntries(DECIDED_BY.map((k) => [k, new Set()]));
  for (let i = 0; i < rows; i++) {
    const v = Object.fromEntries(VERDICT_FIELDS.map((k) => [k, columns[k][i]]));
    v.criteria = {};
    for (const [k, values] of Object.entries(columns)) {
      if (DECIDED_BY.includes(k)) decidedBy[k].add(JSON.stringify(values[i]));
      else if (!VERDICT_FIELDS.includes(k) && values[i] !== null) v.criteria[k] = values[i];
    }
    out.push(v);
  }
  const result = {};
  for (const [k, vs] of Object.entries(decidedBy)) {
    if (vs.size) result[k] = vs.size === 1 ? JSON.parse([...vs][0]) : [...vs].sort().map((v) => JSON.parse(v));
  }
  result.verdicts = out;
  return result;
}

const evaluateCases = caseFiles('evaluate').filter(([, c]) => c.operation === 'evaluate');

test('every evaluate case is reviewed', () => {
  assert.ok(evaluateCases.length >= 80, `only ${evaluateCases.length} evaluate cases`);
});

for (const [file, c] of evaluateCases) {
  test(`review of ${file}`, () => {
    const want = committed('evaluate', file);
    // A case whose inputs or evaluation fail has no review in its committed result.
    let inputs;
    try {
      inputs = [caseDataset(antq, c), caseRuleSet(antq, c)];
    } catch (e) {
      assert.ok(want.error, `the inputs fail here but not in Rust: ${e.message}`);
      return;
    }
    if (want.error) return;
    const opts = {};
    if (c.as_of) opts.asOf = c.as_of;
    if (c.lenient_vocabulary) opts.lenientVocabulary = true;
    const review = okOrError(() => antq.review(...inputs, c.year, opts));
    assertCommitted('evaluate', file, review.error ? review : verdicts(review), (w) => w.review);
    // The review records the decision, and reports the lints, as the evaluation does: none is
    // dropped.
    if (!review.error) {
      assert.deepStrictEqual(review.record, want.evaluation.decision);
      assert.deepStrictEqual(review.lints, want.evaluation.lints ?? []);
    }
  });
}

// ---------------------------------------------------------------- analysis/

/** An analysis case's rule set for `year`, as the Rust runner reads it. */
function rulesFor(v, year, supplements = []) {
  let rs = typeof v === 'string' ? antq.RuleSet.resolve(v, year) : antq.RuleSet.fromText(JSON.stringify(v), 'rules.json');
  for (const s of supplements) rs = rs.withSupplement(s);
  return rs;
}

function analysis(c) {
  const ds = antq.Dataset.fromObject(c.dataset);
  switch (c.operation) {
    case 'whatif': {
      const options = { verify: true };
      if (c.goal !== undefined) options.level = c.goal;
      return antq.whatIf(ds, rulesFor(c.rules, c.year, c.supplements), c.year, c.units, options);
    }
    case 'impact': {
      const base = rulesFor(c.rules, c.year, c.supplements);
      let changed = c.changed.rules !== undefined ? rulesFor(c.changed.rules, c.year) : base;
      for (const s of c.changed.supplements ?? []) changed = changed.withSupplement(s);
      for (const [k, v] of Object.entries(c.changed.parameters ?? {})) changed = changed.withParameter(k, v);
      return antq.impact(ds, base, changed, c.year);
    }
    case 'compare': {
      const [from, to] = c.years;
      return antq.compareYears(ds, rulesFor(c.rules, from, c.supplements), from, to);
    }
    case 'sensitivity':
      return antq.sensitivity(ds, rulesFor(c.rules, c.year, c.supplements), c.year, c.spec);
    default:
      throw new Error(`unknown operation ${c.operation}`);
  }
}

const analysisCases = caseFiles('analysis');

test('every analysis operation has cases', () => {
  const ops = new Set(analysisCases.map(([, c]) => c.operation));
  assert.deepEqual([...ops].sort(), ['compare', 'impact', 'sensitivity', 'whatif']);
});

for (const [file, c] of analysisCases) {
  test(`analysis case ${file}: ${c.name}`, () => {
    assertCommitted('analysis', file, okOrError(() => analysis(c)));
  });
}
