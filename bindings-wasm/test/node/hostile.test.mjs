// Hostile input: nothing may abort the module (a Rust panic would surface as a
// WebAssembly.RuntimeError "unreachable"); every refusal is an ordinary Error, and the
// module still answers correctly afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import antq, { sampleDataset, sampleFiles } from './antq.mjs';

const reference = antq.evaluate(sampleDataset(), antq.RuleSet.preset('vn.c124-2021'), 2023).toJSONString();

/** Runs f; any throw must be a plain Error (never a wasm trap). Returns the error or undefined. */
function survive(what, f) {
  try {
    f();
    return undefined;
  } catch (e) {
    assert.ok(!(e instanceof WebAssembly.RuntimeError), `${what}: the module trapped: ${e}`);
    assert.ok(e instanceof Error, `${what}: threw a non-Error ${e}`);
    return e;
  }
}

function stillWorks() {
  const again = antq.evaluate(sampleDataset(), antq.RuleSet.preset('vn.c124-2021'), 2023).toJSONString();
  assert.equal(again, reference, 'the module answers differently after hostile input');
}

// A small deterministic generator, so that failures can be replayed.
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('deep nesting in JSON, TOML and objects is refused, not a stack overflow', () => {
  const depth = 100000;
  const deepJson = '['.repeat(depth) + ']'.repeat(depth);
  assert.equal(survive('deep JSON dataset', () => antq.Dataset.fromText(deepJson, 'd.json')).code, 'invalid_dataset');
  assert.equal(survive('deep JSON rules', () => antq.RuleSet.fromText(`{"format_version":1,"id":${deepJson}}`, 'r.json')).code, 'invalid_rule_set');
  const deepToml = `format_version = 1\nid = ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
  const e = survive('deep TOML rules', () => antq.RuleSet.fromText(deepToml, 'r.toml'));
  assert.equal(e?.code, 'invalid_rule_set');
  let o = {};
  const root = o;
  for (let i = 0; i < 200000; i++) o = o.a = {};
  assert.equal(survive('deep object', () => antq.Dataset.fromObject(root)).code, 'bad_argument');
  const deepUnit = JSON.parse(sampleFiles().dataset);
  let n = deepUnit.units[0];
  for (let i = 0; i < 1000; i++) n = n.x = {};
  assert.ok(survive('deep unknown field', () => antq.Dataset.fromObject(deepUnit)).code);
  stillWorks();
});

test('values of the wrong type, cycles, BigInt, undefined and freed objects', () => {
  const cyclic = { format_version: 1, units: [] };
  cyclic.self = cyclic;
  assert.equal(survive('cycle', () => antq.Dataset.fromObject(cyclic)).code, 'bad_argument');
  assert.equal(survive('bigint', () => antq.Dataset.fromObject({ format_version: 1n, units: [] })).code, 'bad_argument');
  for (const v of [undefined, null, 42, true, [], 'text', Symbol('s'), () => 1]) {
    const e = survive(`fromObject(${String(v)})`, () => antq.Dataset.fromObject(v));
    assert.ok(e, `fromObject(${String(v)}) should be refused`);
  }
  for (const v of [undefined, null, 42, {}, []]) survive(`fromText(${v})`, () => antq.Dataset.fromText(v));
  const ds = sampleDataset();
  const rules = antq.RuleSet.preset('vn.c124-2021');
  for (const y of [NaN, Infinity, -Infinity, 1e10, -1, 0, 2.5, '2023', null, undefined]) {
    survive(`year ${y}`, () => antq.evaluate(ds, rules, y));
  }
  assert.ok(survive('not a Dataset', () => antq.evaluate({}, rules, 2023)));
  assert.ok(survive('not a RuleSet', () => antq.evaluate(ds, 'vn.c124-2021', 2023)));
  for (const opts of [42, 'x', [], { asOf: 5 }, { asOf: '2023-02-30' }, { asOf: '9999999-01-01' }]) {
    survive(`options ${JSON.stringify(opts)}`, () => antq.evaluate(ds, rules, 2023, opts));
  }
  for (const spec of [{}, { units: -5, year: 2023 }, { units: 1.5, year: 2023 }, { units: 10, year: 2023, seed: -1 }, null, 'x']) {
    survive(`generate ${JSON.stringify(spec)}`, () => antq.Dataset.generate(spec));
  }
  for (const u of [{}, null, 5, { unit: 'A' }]) survive('explain', () => antq.explain(u, 'en'));
  const freed = sampleDataset();
  freed.free();
  assert.ok(survive('freed dataset', () => antq.evaluate(freed, rules, 2023)));
  assert.ok(survive('freed getter', () => freed.unitCount));
  stillWorks();
});

test('out-of-range numbers, impossible dates and oversize documents', () => {
  const base = () => ({
    format_version: 1,
    units: [{ id: 'A', name: 'A', kind: 'residential_area', subkind: 'thon' }],
    evidence: [{ unit: 'A', year: 2023 }],
  });
  const cases = [
    (d) => { d.evidence[0].households_total = 1e300; },
    (d) => { d.evidence[0].households_total = -1; },
    (d) => { d.evidence[0].households_total = Number.MAX_SAFE_INTEGER * 4; },
    (d) => { d.evidence[0].registration_date = '2023-02-30'; },
    (d) => { d.evidence[0].registration_date = '+275760-09-13'; },
    (d) => { d.evidence[0].year = 2 ** 40; },
    (d) => { d.evidence[0].points = { x: { self: 1e18 } }; },
    (d) => { d.evidence[0].points = { x: { self: '0.001' } }; },
    (d) => { d.units[0].valid_from = '2024-01-01'; d.units[0].valid_until = '2023-01-01'; },
    (d) => { d.units[0].parent = 'A'; },
    (d) => { d.units[0].id = ''; },
    (d) => { d.units[0].name = '\uD800\uDFFF\uFFFF\u0000'; },
    (d) => { d.format_version = 2; },
  ];
  for (const [i, mutate] of cases.entries()) {
    const d = base();
    mutate(d);
    const e = survive(`case ${i}`, () => {
      const ds = antq.Dataset.fromObject(d);
      antq.evaluate(ds, antq.RuleSet.preset('vn.c124-2021'), 2023).toJSON();
    });
    if (e) assert.ok(['invalid_dataset', 'bad_argument'].includes(e.code), `case ${i}: ${e.code} ${e.message}`);
  }
  // 65 MiB of whitespace: under the 1 GiB document limit (which a JS string cannot reach;
  // the limit itself is a shared case), read to the end and refused for what it lacks.
  const big = ' '.repeat(65 * 1024 * 1024) + '{}';
  assert.equal(survive('oversize', () => antq.Dataset.fromText(big, 'big.json')).code, 'invalid_dataset');
  stillWorks();
});

test('random byte mutations of the sample dataset and the presets never trap', () => {
  const next = rng(20261122);
  const sampleText = sampleFiles().dataset;
  const presetTexts = antq.presets().map((p) => [p.file, antq.presetSource(p.id)]);
  const alphabet = '{}[]":,0123456789-. \n=tfnaeyxYZ\\u00e9\u1ea1';
  const mutate = (s) => {
    const chars = [...s];
    const k = 1 + Math.floor(next() * 8);
    for (let i = 0; i < k; i++) {
      const at = Math.floor(next() * chars.length);
      const r = next();
      if (r < 0.4) chars[at] = alphabet[Math.floor(next() * alphabet.length)];
      else if (r < 0.7) chars.splice(at, 1);
      else chars.splice(at, 0, alphabet[Math.floor(next() * alphabet.length)]);
    }
    return chars.join('');
  };
  const rules = antq.RuleSet.preset('vn.c124-2021');
  let parsed = 0;
  for (let i = 0; i < 150; i++) {
    const text = mutate(sampleText);
    survive(`dataset mutation ${i}`, () => {
      const ds = antq.Dataset.fromText(text, 'm.json');
      parsed++;
      for (const y of [2023, 2025]) {
        const r = antq.tryEvaluate(ds, rules, y);
        if (r.ok) r.value.toJSON();
      }
      antq.tryStats(ds, 2023);
    });
  }
  for (let i = 0; i < 150; i++) {
    const [file, src] = presetTexts[i % presetTexts.length];
    const text = mutate(src);
    survive(`rules mutation ${i}`, () => {
      antq.validateRuleSet(text, file);
      const rs = antq.RuleSet.fromText(text, file);
      antq.tryEvaluate(sampleDataset(), rs, 2023);
    });
  }
  assert.ok(parsed >= 0);
  stillWorks();
});

test('a capped problem list counts what it leaves out, and the header counts all', () => {
  const evidence = Array.from({ length: 391 }, (_, i) => ({ unit: `X${i}`, year: 2023 }));
  const text = JSON.stringify({ format_version: 1, units: [{ id: 'C', name: 'C', kind: 'commune', subkind: 'xa' }], evidence });
  const e = survive('391 problems', () => antq.Dataset.fromText(text, 'd.json'));
  assert.equal(e.code, 'invalid_dataset');
  assert.equal(e.details.length, 101);
  assert.ok(e.details.slice(0, 100).every((p) => p.omitted === undefined));
  assert.equal(e.details[100].code, 'limit');
  assert.equal(e.details[100].omitted, 291);
  assert.ok(e.message.startsWith('invalid dataset (391 problems):'), e.message);
});
