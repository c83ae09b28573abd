// The committed full results of the shared cases (tests/cases/results/<folder>/<case>.json,
// written by the Rust runners, reviewed like snapshots; `ANTQ_UPDATE_SNAPSHOTS=1 cargo test
// -p antq-conformance` rewrites them), and what the Node tests need to compare with them.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './antq.mjs';

export const casesDir = path.join(repoRoot, 'tests', 'cases');
export const resultsDir = path.join(casesDir, 'results');

/** The case files of a folder of `tests/cases`, sorted, with their parsed cases. */
export function caseFiles(folder) {
  return readdirSync(path.join(casesDir, folder))
    .filter((f) => /^\d{3}-[a-z0-9-]+\.json$/.test(f))
    .sort()
    .map((file) => [file, JSON.parse(readFileSync(path.join(casesDir, folder, file), 'utf8'))]);
}

/** The committed result of a case. */
export function committed(folder, file) {
  return JSON.parse(readFileSync(path.join(resultsDir, folder, file), 'utf8'));
}

/**
 * An error as the committed results hold it: its code, and each problem's code, field path and
 * messages (the core words them once for every surface); an error without problems with its
 * whole text in Vietnamese (with problems, that text holds positions, which differ between
 * surfaces that read objects and texts).
 */
export function errorJson(err) {
  if (!(err instanceof Error) || err.name !== 'AntqError') throw err;
  const problems = err.details.map((p) => ({
    code: p.code,
    path: p.location?.path ?? null,
    message: p.message,
    message_vi: p.message_vi ?? null,
  }));
  const error = { code: err.code, problems };
  if (problems.length === 0) error.message_vi = err.messageVi ?? null;
  return { error };
}

/** The value `f` returns, or its AntqError in the committed results' form. */
export function okOrError(f) {
  try {
    return f();
  } catch (e) {
    return errorJson(e);
  }
}

/** The first place where `got` differs from `want` (`units[3].outcome`), with both values. */
export function firstDifference(want, got, at = '') {
  const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObj(want) && isObj(got)) {
    for (const k of [...new Set([...Object.keys(want), ...Object.keys(got)])].sort()) {
      const here = at ? `${at}.${k}` : k;
      if (!(k in want) || !(k in got)) return `${here}: committed ${JSON.stringify(want[k])}, now ${JSON.stringify(got[k])}`;
      const d = firstDifference(want[k], got[k], here);
      if (d) return d;
    }
    return null;
  }
  if (Array.isArray(want) && Array.isArray(got)) {
    for (let i = 0; i < Math.min(want.length, got.length); i++) {
      const d = firstDifference(want[i], got[i], `${at}[${i}]`);
      if (d) return d;
    }
    return want.length === got.length ? null : `${at} (length): committed ${want.length}, now ${got.length}`;
  }
  return Object.is(want, got) ? null : `${at}: committed ${JSON.stringify(want)?.slice(0, 200)}, now ${JSON.stringify(got)?.slice(0, 200)}`;
}

/** Asserts that `got`, read as JSON, equals the committed result of `folder/file` (or the
 * part of it that `part` takes). */
export function assertCommitted(folder, file, got, part = (want) => want) {
  const want = part(committed(folder, file));
  const mine = JSON.parse(JSON.stringify(got));
  const d = firstDifference(want, mine);
  assert.equal(d, null, `differs from the committed ${folder}/${file} at ${d}`);
  assert.deepStrictEqual(mine, want);
}

const pretty = (v) => JSON.stringify(v, null, 2);

/** An evaluate-folder case's rule set, built through module `antq`'s public API. */
export function caseRuleSet(antq, c) {
  let rs;
  if (typeof c.rules === 'string') rs = antq.RuleSet.resolve(c.rules, c.year ?? 2023, c.as_of);
  else if (c.rules) rs = antq.RuleSet.fromObject(c.rules);
  else rs = antq.RuleSet.fromText(c.rules_text, c.rules_name);
  for (const s of c.supplements ?? []) rs = rs.withSupplement(s);
  return rs;
}

/** An evaluate-folder case's dataset, built through module `antq`'s public API. */
export function caseDataset(antq, c) {
  if (c.dataset !== undefined) {
    // A name other than .json asks for the Rust runner's reading (JSON text under that name).
    return c.dataset_name && !c.dataset_name.endsWith('.json')
      ? antq.Dataset.fromText(pretty(c.dataset), c.dataset_name)
      : antq.Dataset.fromObject(c.dataset);
  }
  return antq.Dataset.fromText(c.dataset_text, c.dataset_name ?? 'dataset.json');
}
