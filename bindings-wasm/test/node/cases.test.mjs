// The shared cases (tests/cases/evaluate/*.json, format in tests/cases/README.md) run
// against the optimised WebAssembly package: first their expectations, then the whole
// result (or error) compared with the case's committed result
// (tests/cases/results/evaluate/, written by the Rust runner). The review's verdicts of
// the same cases are compared in committed-results.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import antq, { repoRoot } from './antq.mjs';
import { assertCommitted, caseDataset, caseRuleSet, errorJson } from './committed.mjs';

const dir = path.join(repoRoot, 'tests', 'cases', 'evaluate');
const files = readdirSync(dir).filter((f) => /^\d{3}-[a-z0-9-]+\.json$/.test(f)).sort();

function outcomeString(o) {
  switch (o.status) {
    case 'level': return `level:${o.level}`;
    case 'typical': return `typical:${o.rank}`;
    case 'not_selected': return `not_selected:${o.rank}`;
    default: return o.status;
  }
}

const ruleSet = (c) => caseRuleSet(antq, c);
const dataset = (c) => caseDataset(antq, c);

/** Runs a case; returns { kind, value } or throws the AntqError. */
function execute(c) {
  switch (c.operation) {
    case 'evaluate': {
      const opts = {};
      if (c.as_of) opts.asOf = c.as_of;
      if (c.lenient_vocabulary) opts.lenientVocabulary = true;
      return { kind: 'evaluation', value: antq.evaluate(dataset(c), ruleSet(c), c.year, opts) };
    }
    case 'stats': return { kind: 'stats', value: antq.stats(dataset(c), c.year) };
    case 'parse_rules': return { kind: 'rules', value: ruleSet(c) };
    case 'parse_dataset': return { kind: 'dataset', value: dataset(c) };
    default: throw new Error(`unknown operation ${c.operation}`);
  }
}

function checkEvaluation(e, ev, fails) {
  const get = (id, what) => {
    const u = ev.unit(id);
    if (!u) fails.push(`${what}: unit \`${id}\` is not in the result`);
    return u;
  };
  for (const [id, want] of Object.entries(e.outcomes ?? {})) {
    const u = get(id, 'outcomes');
    if (u && outcomeString(u.outcome) !== want) fails.push(`outcome of ${id}: expected ${want}, got ${outcomeString(u.outcome)}`);
  }
  for (const [id, crits] of Object.entries(e.criteria ?? {})) {
    const u = get(id, 'criteria');
    if (!u) continue;
    for (const [cid, want] of Object.entries(crits)) {
      const c = u.criteria.find((c) => c.id === cid);
      if (!c) fails.push(`criterion ${cid} of ${id} is not in the result`);
      else if (c.status !== want) fails.push(`criterion ${cid} of ${id}: expected ${want}, got ${c.status}`);
    }
  }
  const letters = { verified: 'V', partial: 'P', inferred: 'I', sample: 'S' };
  for (const [id, crits] of Object.entries(e.marks ?? {})) {
    const u = get(id, 'marks');
    if (!u) continue;
    for (const [cid, want] of Object.entries(crits)) {
      const c = u.criteria.find((c) => c.id === cid);
      if (!c) { fails.push(`marks: criterion ${cid} of ${id} is not in the result`); continue; }
      const got = letters[c.certainty] + (c.source ? ` from ${c.source}` : '');
      if (got !== want) fails.push(`mark of ${cid} of ${id}: expected ${want}, got ${got}`);
    }
  }
  for (const [id, keys] of Object.entries(e.missing ?? {})) {
    const u = get(id, 'missing');
    if (!u) continue;
    const got = [...new Set(u.missing.map((m) => m.key))].sort();
    const want = [...new Set(keys)].sort();
    if (JSON.stringify(got) !== JSON.stringify(want)) fails.push(`missing of ${id}: expected ${want}, got ${got}`);
  }
  for (const [id, keys] of Object.entries(e.missing_includes ?? {})) {
    const u = get(id, 'missing_includes');
    for (const k of u ? keys : []) if (!u.missing.some((m) => m.key === k)) fails.push(`missing of ${id} lacks ${k}`);
  }
  for (const [id, code] of Object.entries(e.out_of_scope_code ?? {})) {
    const u = get(id, 'out_of_scope_code');
    if (u && !(u.outcome.status === 'out_of_scope' && u.outcome.code === code)) fails.push(`${id}: expected out of scope (${code}), got ${outcomeString(u.outcome)}`);
  }
  for (const [id, want] of Object.entries(e.recognised_by ?? {})) {
    const u = get(id, 'recognised_by');
    if (u && u.recognised_by?.authority !== want) fails.push(`recognised_by of ${id}: expected ${want}, got ${u.recognised_by?.authority}`);
  }
  for (const [id, want] of Object.entries(e.parent ?? {})) {
    const u = get(id, 'parent');
    if (u && (u.parent ?? null) !== want) fails.push(`parent of ${id}: expected ${want}, got ${u.parent}`);
  }
  for (const [id, want] of Object.entries(e.met_of ?? {})) {
    const u = get(id, 'met_of');
    if (u && `${u.met}/${u.of}` !== want) fails.push(`met_of of ${id}: expected ${want}, got ${u.met}/${u.of}`);
  }
  for (const [id, fields] of Object.entries(e.score ?? {})) {
    const u = get(id, 'score');
    if (!u) continue;
    if (!u.score) { fails.push(`${id} has no score summary`); continue; }
    for (const [f, want] of Object.entries(fields)) {
      const got = u.score[f] ?? null;
      if (got !== want) fails.push(`score ${f} of ${id}: expected ${want}, got ${got}`);
    }
  }
  for (const id of e.absent ?? []) if (ev.unit(id)) fails.push(`unit ${id} should not be in the result`);
  // `lints()` is the evaluation's lints, as `toJSON().lints` (which leaves out an empty list).
  if (JSON.stringify(ev.lints()) !== JSON.stringify(ev.toJSON().lints ?? [])) fails.push('lints() differs from toJSON().lints');
  if (e.lints !== undefined) {
    const got = [...new Set((ev.toJSON().lints ?? []).map((l) => l.code))].sort();
    const want = [...new Set(e.lints)].sort();
    if (JSON.stringify(got) !== JSON.stringify(want)) fails.push(`lints: expected ${want}, got ${got}`);
  }
  const d = e.decision;
  if (d) {
    const r = ev.decision;
    if (d.rule_set !== undefined && r.rule_set !== d.rule_set) fails.push(`decision rule_set ${r.rule_set}`);
    if (d.year !== undefined && r.year !== d.year) fails.push(`decision year ${r.year}`);
    if (d.as_of !== undefined && r.as_of !== d.as_of) fails.push(`decision as_of ${r.as_of}`);
    if (d.supplements !== undefined && JSON.stringify(r.supplements.map((s) => s.id)) !== JSON.stringify(d.supplements)) fails.push('decision supplements');
    for (const [k, v] of Object.entries(d.parameters ?? {})) if (r.parameters[k]?.value !== v) fails.push(`decision parameter ${k}`);
    if (d.prerequisite !== undefined && r.prerequisite?.rule_set !== d.prerequisite) fails.push('decision prerequisite');
  }
}

function checkStats(e, st, fails) {
  if (e.lints !== undefined) {
    const got = [...new Set((st.lints ?? []).map((l) => l.code))].sort();
    const want = [...new Set(e.lints)].sort();
    if (JSON.stringify(got) !== JSON.stringify(want)) fails.push(`lints: expected ${want}, got ${got}`);
  }
  for (const [key, which] of [['stats', 'total'], ['stats_own', 'own']]) {
    for (const [id, fields] of Object.entries(e[key] ?? {})) {
      const row = st.rows.find((r) => r.unit === id);
      if (!row) { fails.push(`${key}: no row for ${id}`); continue; }
      for (const [f, want] of Object.entries(fields)) {
        try { assert.deepStrictEqual(row[which][f], want); } catch { fails.push(`${key} ${f} of ${id}: expected ${JSON.stringify(want)}, got ${JSON.stringify(row[which][f])}`); }
      }
    }
  }
  for (const id of e.absent ?? []) if (st.rows.some((r) => r.unit === id)) fails.push(`unit ${id} should have no row`);
}

function checkParsed(c, out, fails) {
  // The lints of the rule set or dataset parsed: codes, and each said in Vietnamese too.
  const lints = out.kind === 'rules'
    ? out.value.lints()
    : antq.validateDataset(c.dataset_text ?? JSON.stringify(c.dataset), c.dataset_name ?? 'dataset.json').lints;
  if (c.expect.lints !== undefined) {
    const got = [...new Set(lints.map((l) => l.code))].sort();
    const want = [...new Set(c.expect.lints)].sort();
    if (JSON.stringify(got) !== JSON.stringify(want)) fails.push(`lints: expected ${want}, got ${got}`);
  }
  for (const l of lints) if (!l.message_vi) fails.push(`lint without Vietnamese: ${l.message}`);
  const p = c.expect.parsed;
  if (!p) return;
  const data = out.value.toJSON();
  const got = out.kind === 'rules'
    ? { id: data.id, criteria: data.criteria.length }
    : { units: data.units.length, evidence: data.evidence?.length ?? 0, incidents: data.incidents?.length ?? 0, activities: data.activities?.length ?? 0 };
  for (const [k, v] of Object.entries(p)) if (got[k] !== v) fails.push(`parsed ${k}: expected ${v}, got ${got[k]}`);
}

function checkError(err, want, fails) {
  if (!(err instanceof Error) || err.name !== 'AntqError') { fails.push(`not an AntqError: ${err}`); return; }
  if (err.code !== want.code) fails.push(`error code: expected ${want.code}, got ${err.code} (${err.message})`);
  const ps = err.details;
  const got = [...new Set(ps.map((p) => p.code))].sort();
  const exp = [...new Set(want.problems ?? [])].sort();
  if (JSON.stringify(got) !== JSON.stringify(exp)) fails.push(`problem codes: expected ${exp}, got ${got} (${err.message})`);
  if (want.line !== undefined && !ps.some((p) => p.location.line === want.line)) fails.push(`no problem on line ${want.line}`);
  if (want.unit !== undefined && !ps.some((p) => p.location.unit === want.unit)) fails.push(`no problem names unit ${want.unit}`);
  if (want.criterion !== undefined && !ps.some((p) => p.location.criterion === want.criterion)) fails.push(`no problem names criterion ${want.criterion}`);
  if (want.path !== undefined && !ps.some((p) => p.location.path === want.path)) fails.push(`no problem at path ${want.path}`);
  for (const m of want.message_contains ?? []) if (!ps.some((p) => p.message.includes(m)) && !err.message.includes(m)) fails.push(`no message contains ${m}`);
}

/** What each case gave, in the committed results' form (`{ evaluation }` without the
 * review, which the default module does not have; `{ stats }`, `{ rules }`, `{ dataset }`). */
function result(out) {
  switch (out.kind) {
    case 'evaluation': return { evaluation: JSON.parse(out.value.toJSONString()) };
    case 'stats': return { stats: out.value };
    case 'rules': return { rules: out.value.toJSON() };
    default: return { dataset: out.value.toJSON() };
  }
}

test('there are shared cases to run', () => {
  assert.ok(files.length >= 40, `only ${files.length} case files in ${dir}`);
});

for (const file of files) {
  const c = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  test(`case ${file}: ${c.name}`, () => {
    const fails = [];
    let out;
    let err;
    try {
      out = execute(c);
    } catch (e) {
      err = e;
    }
    if (err) {
      if (c.expect.error) checkError(err, c.expect.error, fails);
      else fails.push(`unexpected error [${err.code}]: ${err.message}`);
    } else if (c.expect.error) {
      fails.push(`expected error ${c.expect.error.code}, but the operation succeeded`);
    } else if (out.kind === 'evaluation') {
      checkEvaluation(c.expect, out.value, fails);
      // A JSON round trip through the package gives the same data.
      assert.deepStrictEqual(JSON.parse(JSON.stringify(out.value)), JSON.parse(out.value.toJSONString()));
    } else if (out.kind === 'stats') {
      checkStats(c.expect, out.value, fails);
    } else {
      checkParsed(c, out, fails);
    }
    assert.deepEqual(fails, [], fails.join('\n'));

    // The whole result, as the Rust runner committed it.
    const got = err ? errorJson(err) : result(out);
    assertCommitted('evaluate', file, got, (want) => {
      if (out?.kind !== 'evaluation') return want;
      const { review, ...rest } = want;
      assert.ok(review, 'the committed result has a review');
      return rest;
    });
  });
}
