// Times, in Node, evaluating a generated dataset against Circular 124 with the optimised
// package, and the same work natively (bench/native.rs), and prints the ratio.
//
//   node bench/bench.mjs [--units 100000] [--runs 7] [--no-native]
//
// Both sides generate the same dataset (antq::generate with the same spec) and time
// `evaluate` only; conversions across the boundary are timed separately.
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const antq = await import(pathToFileURL(path.join(here, '..', 'pkg', 'antq.node.js')).href);

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const units = opt('--units', 100000);
const runs = Math.max(1, opt('--runs', 7));
const year = 2023;
const seed = 1;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (f) => {
  const t = performance.now();
  const v = f();
  return [performance.now() - t, v];
};
const repeat = (n, f) => {
  const ts = [];
  let v;
  for (let i = 0; i < n; i++) {
    let t;
    [t, v] = time(f);
    ts.push(t);
    if (v && typeof v.free === 'function' && i < n - 1) v.free();
  }
  return [ts, v];
};
const fmt = (ms) => `${ms.toFixed(1)} ms`;

const [genMs, ds] = time(() => antq.Dataset.generate({ units, year, seed }));
const rules = antq.RuleSet.preset('vn.c124-2021');
const [evalTimes, ev] = repeat(runs, () => antq.evaluate(ds, rules, year));
const wasm = { evaluate_ms_median: median(evalTimes), evaluate_ms_min: Math.min(...evalTimes) };

console.log(`antq ${antq.version()} — ${ds.unitCount} units generated in ${fmt(genMs)}, ${ev.length} evaluated, ${runs} runs`);
console.log(`wasm (Node ${process.version}) evaluate: median ${fmt(wasm.evaluate_ms_median)}, min ${fmt(wasm.evaluate_ms_min)}`);

// Conversions across the boundary (not part of the ratio).
const convRuns = Math.min(runs, 3);
const [rowsTimes, rows] = repeat(convRuns, () => ev.rows());
const someUnit = rows[rows.length >> 1].unit;
const [unitTimes] = repeat(convRuns, () => ev.unit(someUnit));
const [toJsonTimes, data] = argv.includes('--full') ? repeat(1, () => ev.toJSON()) : [[NaN], null];
const dsObj = ds.toJSON();
const [fromObjTimes] = repeat(convRuns, () => antq.Dataset.fromObject(dsObj));
const text = ds.toJSONString();
const [fromTextTimes] = repeat(convRuns, () => antq.Dataset.fromText(text, 'generated.json'));
console.log(`result to JS: flat rows ${fmt(median(rowsTimes))}; one unit ${fmt(median(unitTimes))}${data ? `; whole evaluation (${data.units.length} results) ${fmt(toJsonTimes[0])}` : ' (whole evaluation: --full)'}`);
console.log(`dataset in: from a JS object ${fmt(median(fromObjTimes))}; from JSON text (${(text.length / 1e6).toFixed(1)} MB) ${fmt(median(fromTextTimes))}`);

if (!argv.includes('--no-native')) {
  const root = path.join(here, '..', '..');
  const out = execFileSync(
    'cargo',
    ['run', '-q', '--release', '-p', 'antq-wasm', '--example', 'bench-native', '--',
      '--units', String(units), '--runs', String(runs), '--year', String(year), '--seed', String(seed)],
    { cwd: root, env: { ...process.env, CARGO_TARGET_DIR: process.env.CARGO_TARGET_DIR ?? '/tmp/target-wasm' }, encoding: 'utf8' },
  );
  const native = JSON.parse(out.trim().split('\n').pop());
  if (native.units !== ds.unitCount || native.evaluated !== ev.length) {
    throw new Error(`native made ${native.units} units / ${native.evaluated} results, wasm ${ds.unitCount} / ${ev.length}`);
  }
  console.log(`native (release) evaluate: median ${fmt(native.evaluate_ms_median)}, min ${fmt(native.evaluate_ms_min)}`);
  console.log(`ratio wasm/native (median): ${(wasm.evaluate_ms_median / native.evaluate_ms_median).toFixed(2)}×`);
}
