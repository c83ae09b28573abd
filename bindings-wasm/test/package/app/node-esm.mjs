// The package in Node, imported exactly as in a browser (ES module, same names), from the
// installed tarball. Prints the same result as the browser app (main.js) as JSON.
import init, { Dataset, RuleSet, evaluate, AntqError, isAntqError, version } from 'antq';
import { whatIf, review } from 'antq/full';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const codeOf = (f) => {
  try {
    f();
    return 'no error';
  } catch (e) {
    return `${e instanceof AntqError && e instanceof Error && isAntqError(e) ? '' : 'NOT AntqError: '}${e.code}`;
  }
};

await init(); // a no-op in Node: ready on import
const pkg = JSON.parse(readFileSync(require.resolve('antq/package.json'), 'utf8'));
const text = readFileSync(require.resolve('antq/sample/province.json'), 'utf8');
const ds = Dataset.fromText(`\uFEFF${text}`, 'province.json');
const rules = RuleSet.preset('vn.c124-2021');
const ev = evaluate(ds, rules, 2023);
const failing = ev.rows().find((r) => r.outcome === 'does_not_meet');
const { plans, lints } = whatIf(ds, rules, 2023, [failing.unit], { verify: true });
const freed = Dataset.fromText(text);
freed.free();
console.log(JSON.stringify({
  ok: true,
  packageVersion: pkg.version,
  version: version(),
  units: ev.length,
  summary: ev.summary,
  hash: ev.decision.content_hash,
  failing: failing.unit,
  explanation: ev.explain(failing.unit, 'vi'),
  verified: plans[0].verified,
  lints: lints.map((l) => l.code),
  reviewed: review(ds, rules, 2023).rows,
  errors: {
    year: codeOf(() => evaluate(ds, rules, '2023')),
    lang: codeOf(() => ev.explain(failing.unit)),
    freed: codeOf(() => evaluate(freed, rules, 2023)),
    wrongClass: codeOf(() => evaluate(rules, ds, 2023)),
  },
}));
