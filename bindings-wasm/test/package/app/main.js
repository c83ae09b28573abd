// The browser app of the package test, bundled as is by Vite and by esbuild: the import
// shape of the README, the sample evaluated in the page, errors checked. The result is
// left in window.__antq for the test to read.
import init, { Dataset, RuleSet, evaluate, AntqError, isAntqError, version } from 'antq';
import initFull, { whatIf, review } from 'antq/full';
import sample from 'antq/sample/province.json';

const codeOf = (f) => {
  try {
    f();
    return 'no error';
  } catch (e) {
    return `${e instanceof AntqError && e instanceof Error && isAntqError(e) ? '' : 'NOT AntqError: '}${e.code}`;
  }
};

async function main() {
  const beforeInit = codeOf(() => RuleSet.preset('vn.c124-2021'));
  await init();
  await initFull();
  // A byte order mark, as an editor may leave it at the start of a file, is accepted.
  const ds = Dataset.fromText(`\uFEFF${JSON.stringify(sample)}`, 'province.json');
  const rules = RuleSet.preset('vn.c124-2021');
  const ev = evaluate(ds, rules, 2023);
  const failing = ev.rows().find((r) => r.outcome === 'does_not_meet');
  // Objects of 'antq' used by 'antq/full'.
  const { plans, lints } = whatIf(ds, rules, 2023, [failing.unit], { verify: true });
  const freed = Dataset.fromText(JSON.stringify(sample));
  freed.free();
  return {
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
      beforeInit,
      year: codeOf(() => evaluate(ds, rules, '2023')),
      lang: codeOf(() => ev.explain(failing.unit)),
      freed: codeOf(() => evaluate(freed, rules, 2023)),
      wrongClass: codeOf(() => evaluate(rules, ds, 2023)),
    },
  };
}

main().then(
  (r) => { window.__antq = { ok: true, ...r }; document.body.dataset.done = 'ok'; },
  (e) => { window.__antq = { ok: false, error: `${e?.name}: ${e?.code} ${e?.message}` }; document.body.dataset.done = 'error'; },
);
