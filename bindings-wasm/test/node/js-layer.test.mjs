// The JS layer of the package (js/lib/wrap.js, js/lib/error.js): every error an AntqError
// with a code, strict arguments, objects shared between 'antq' and 'antq/full', and the
// layer's table of class-typed parameters kept in step with wasm-bindgen's glue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import antq, { pkgDir, sampleDataset, sampleFiles, thrown } from './antq.mjs';
import full from './antq-full.mjs';

const { CLASS_PARAMS } = await import(pathToFileURL(path.join(pkgDir, 'lib', 'wrap.js')).href);
const c124 = () => antq.RuleSet.preset('vn.c124-2021');

test('AntqError is an exported Error subclass with code and details, and isAntqError guards it', () => {
  const e = thrown(() => antq.RuleSet.preset('nope'));
  assert.ok(e instanceof antq.AntqError);
  assert.ok(e instanceof Error);
  assert.equal(Object.getPrototypeOf(e), antq.AntqError.prototype, 'constructed as the class itself');
  assert.equal(e.name, 'AntqError');
  assert.equal(e.code, 'unknown_preset');
  assert.deepEqual(e.details, []);
  assert.match(String(e), /^AntqError: /);
  assert.match(e.stack, /AntqError/);
  assert.ok(antq.isAntqError(e));
  assert.equal(antq.isAntqError(new Error('x')), false);
  assert.equal(antq.isAntqError({ code: 'bad_argument', name: 'AntqError' }), false, 'a look-alike is not one');
  assert.equal(full.AntqError, antq.AntqError, 'one class for both modules');
  const made = new antq.AntqError('bad_argument', 'm', [], { cause: 1 });
  assert.deepEqual([made.code, made.message, made.cause], ['bad_argument', 'm', 1]);
  // The try… variants return the same class.
  const r = antq.RuleSet.tryPreset('nope');
  assert.ok(r.error instanceof antq.AntqError && r.error.code === 'unknown_preset');
});

test('years must be integer numbers: no string, fraction, NaN or Infinity is coerced', () => {
  const ds = sampleDataset();
  for (const [y, got] of [['2023', 'a string ("2023")'], [2023.7, '2023.7'], [NaN, 'NaN'], [Infinity, 'Infinity'], [-Infinity, '-Infinity'],
    [null, 'null'], [undefined, 'undefined'], [true, 'true'], [2023n, 'a BigInt'], [[2023], 'an array']]) {
    for (const [what, f] of [
      ['evaluate', () => antq.evaluate(ds, c124(), y)],
      ['stats', () => antq.stats(ds, y)],
      ['resolve', () => antq.RuleSet.resolve('vn.c124', y)],
      ['review', () => full.review(ds, c124(), y)],
      ['compareYears', () => full.compareYears(ds, c124(), 2023, y)],
    ]) {
      const e = thrown(f);
      assert.equal(e.code, 'bad_argument', `${what}(${String(y)})`);
      assert.match(e.message, new RegExp(`^(year|to): expected an integer number, got ${got.replace(/[()[\]]/g, '\\$&')}$`), `${what}: ${e.message}`);
    }
  }
  assert.equal(antq.tryEvaluate(ds, c124(), '2023').error.code, 'bad_argument');
  assert.equal(thrown(() => antq.evaluate(ds, c124(), 1e10)).code, 'bad_argument');
  assert.equal(thrown(() => antq.evaluate(ds, c124(), 1800)).code, 'bad_year', 'an integer out of range is the core\'s bad_year');
  assert.equal(antq.evaluate(ds, c124(), 2023.0).length, antq.evaluate(ds, c124(), 2023).length);
});

test('counts must be non-negative integers: 30.9 is refused, not truncated', () => {
  for (const v of [30.9, -1, '30', NaN, Infinity, 2 ** 53, null]) {
    const e = thrown(() => c124().withParameter('min_met', v));
    assert.equal(e.code, 'bad_argument', String(v));
    assert.match(e.message, /^value: expected a count \(a non-negative integer\), got /);
  }
  assert.equal(antq.RuleSet.preset('vn.d9745-2022.communes').withParameter('min_met', 30).toJSON().parameters.min_met.value, 30);
  assert.equal(full.RuleSet.preset('vn.d9745-2022.communes').withParameter('min_met', 30).toJSON().parameters.min_met.value, 30);
  for (const spec of [{ units: 30.9, year: 2023 }, { units: -1, year: 2023 }, { units: '30', year: 2023 }, { units: 10, year: 2023.5 }, { units: 10, year: 2023, seed: 1.5 }]) {
    assert.equal(thrown(() => antq.Dataset.generate(spec)).code, 'bad_argument', JSON.stringify(spec));
  }
  assert.equal(thrown(() => antq.Dataset.fromText(sampleFiles().dataset, 'd.json', { max_units: 1.5 })).code, 'bad_argument');
});

test('NaN and Infinity in an object are refused, naming the field: JSON would hold them as null, read as unknown', () => {
  const data = () => ({
    format_version: 1,
    units: [{ id: 'C', name: 'C', kind: 'commune', subkind: 'xa' }, { id: 'R', name: 'R', kind: 'residential_area', subkind: 'thon', parent: 'C' }],
    evidence: [{ unit: 'R', year: 2023, households_total: 100, households_registered: 100 }],
  });
  for (const bad of [NaN, Infinity, -Infinity]) {
    const d = data();
    d.evidence[0].households_registered = bad;
    const r = antq.Dataset.tryFromObject(d);
    assert.equal(r.ok, false);
    assert.equal(r.error.code, 'bad_argument');
    assert.match(r.error.message, new RegExp(`\`evidence\\[0\\]\\.households_registered\` is ${String(bad).replace('-', '\\-')}`));
    assert.equal(thrown(() => antq.Dataset.fromObject(d)).code, 'bad_argument');
  }
  // The first in document order; a value left out or null stays unknown, as in JSON.
  const d = data();
  d.units[1].extra = [1, { deep: NaN }];
  d.evidence[0].households_total = Infinity;
  assert.match(antq.Dataset.tryFromObject(d).error.message, /`units\[1\]\.extra\[1\]\.deep` is NaN/);
  const unknown = data();
  unknown.evidence[0].households_total = null;
  assert.equal(antq.Dataset.tryFromObject(unknown).ok, true);
  assert.equal(thrown(() => antq.Dataset.generate({ units: NaN, year: 2023 })).code, 'bad_argument');
});

test('booleans, languages and string lists are checked', () => {
  const ds = sampleDataset();
  assert.match(thrown(() => ds.toJSONString('yes')).message, /^pretty: expected a boolean, got a string/);
  assert.match(thrown(() => ds.toJSONString(1)).message, /^pretty: expected a boolean, got 1$/);
  assert.equal(JSON.parse(ds.toJSONString(true)).units.length, ds.unitCount);
  assert.equal(ds.toJSONString(null), ds.toJSONString());
  const ev = antq.evaluate(ds, c124(), 2023);
  const id = ev.rows()[0].unit;
  for (const l of [undefined, 'fr', 'VI', 1]) assert.match(thrown(() => ev.explain(id, l)).message, /^lang: expected 'vi' or 'en', got /);
  assert.match(thrown(() => full.whatIf(ds, c124(), 2023, ['NS-HP', 7])).message, /^units\[1\]: expected a string, got 7$/);
  assert.match(thrown(() => full.whatIf(ds, c124(), 2023, 'NS-HP')).message, /^units: expected an array of strings, got a string/);
  assert.equal(full.tryWhatIf(ds, c124(), 2023, [null]).error.code, 'bad_argument');
});

test('a UTF-8 byte order mark at the start of text is accepted by every text reader', () => {
  const s = sampleFiles();
  const bom = '\uFEFF';
  assert.equal(antq.Dataset.fromText(bom + s.dataset, 'p.json').toJSONString(), antq.Dataset.fromText(s.dataset, 'p.json').toJSONString());
  assert.equal(antq.validateDataset(bom + s.dataset).ok, true);
  assert.equal(antq.validateDatasetFor(bom + s.dataset, c124()).ok, true);
  const src = antq.presetSource('vn.c124-2021');
  assert.equal(antq.RuleSet.fromText(bom + src, 'c.toml').contentHash, c124().contentHash);
  assert.equal(antq.validateRuleSet(bom + src, 'c.toml').ok, true);
  const base = antq.RuleSet.preset('vn.d9745-2022.communes');
  assert.equal(base.withSupplement(bom + s.typicalSupplement).contentHash, base.withSupplement(s.typicalSupplement).contentHash);
  assert.equal(antq.validateSupplement(bom + s.typicalSupplement, base).ok, true);
  // Only at the start: elsewhere it is content.
  assert.equal(antq.Dataset.tryFromText(bom + bom + s.dataset).ok, false);
});

test('errors of the glue have codes: freed objects, wrong classes, wrong receivers', () => {
  const ds = sampleDataset();
  const freed = sampleDataset();
  freed.free();
  freed.free(); // idempotent
  freed[Symbol.dispose]();
  for (const [what, f] of [
    ['getter', () => freed.unitCount],
    ['method', () => freed.years()],
    ['argument', () => antq.evaluate(freed, c124(), 2023)],
    ['try', () => { throw antq.tryEvaluate(freed, c124(), 2023).error; }],
  ]) {
    const e = thrown(f);
    assert.equal(e.code, 'freed_object', what);
    assert.ok(e instanceof antq.AntqError, what);
  }
  assert.match(thrown(() => antq.evaluate(freed, c124(), 2023)).message, /^dataset: this Dataset was freed/);
  const disposed = sampleDataset();
  disposed[Symbol.dispose](); // what the end of a `using` block calls
  assert.equal(thrown(() => disposed.unitCount).code, 'freed_object');
  const ev = antq.evaluate(ds, c124(), 2023);
  ev.free();
  assert.equal(thrown(() => ev.rows()).code, 'freed_object');
  // Wrong classes, named.
  assert.match(thrown(() => antq.evaluate(c124(), ds, 2023)).message, /^dataset: expected a Dataset, got a RuleSet$/);
  assert.match(thrown(() => antq.evaluate(ds, 'vn.c124-2021', 2023)).message, /^rules: expected a RuleSet, got a string/);
  assert.match(thrown(() => antq.stats({}, 2023)).message, /^dataset: expected a Dataset, got an object$/);
  assert.match(thrown(() => c124().withRuleSet(ds)).message, /^other: expected a RuleSet, got a Dataset$/);
  assert.match(thrown(() => antq.validateSupplement('x', null)).message, /^base: expected a RuleSet, got null$/);
  assert.equal(antq.tryEvaluate(ds, null, 2023).error.code, 'bad_argument');
  // Wrong receivers, and objects not made by antq.
  const { years } = ds;
  assert.equal(typeof years, 'function');
  assert.match(thrown(() => years()).message, /^Dataset\.years: called on undefined, not on a Dataset$/);
  assert.equal(thrown(() => new antq.Dataset().unitCount).code, 'bad_argument');
  assert.equal(thrown(() => antq.evaluate(Object.create(antq.Dataset.prototype), c124(), 2023)).code, 'bad_argument');
  assert.equal(ds.unitCount > 0, true, 'the module still answers');
});

test('a call before init() is not_initialised, thrown or returned', async () => {
  // A module record of the browser entry that nothing initialised: a copy of the package.
  const { mkdtempSync, cpSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(path.join(tmpdir(), 'antq-noinit-'));
  try {
    cpSync(pkgDir, dir, { recursive: true });
    const web = await import(pathToFileURL(path.join(dir, 'antq.js')).href);
    const e = thrown(() => web.RuleSet.preset('vn.c124-2021'));
    assert.equal(e.code, 'not_initialised');
    assert.match(e.message, /await init\(\)/);
    assert.ok(e instanceof antq.AntqError, 'one class across copies of the package');
    assert.equal(web.RuleSet.tryPreset('vn.c124-2021').error.code, 'not_initialised');
    assert.equal(thrown(() => web.version()).code, 'not_initialised');
    // init() fetches the .wasm beside the entry: Node's fetch cannot read file: URLs, so
    // that fails with an io error naming the file; the bytes work.
    const failed = await web.default().then(() => undefined, (x) => x);
    assert.equal(failed?.code, 'io');
    assert.match(failed.message, /antq_bg\.wasm/);
    await web.default(readFileSync(path.join(dir, 'antq_bg.wasm')));
    assert.equal(web.RuleSet.preset('vn.c124-2021').id, 'vn.c124-2021');
    await web.default(); // once ready, a no-op
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("objects of 'antq' and 'antq/full' mix both ways, copied once and freed with the original", () => {
  const ds = sampleDataset();
  const rules = antq.RuleSet.preset('vn.d9745-2022.communes').withSupplement(sampleFiles().typicalSupplement).withRuleSet(c124());
  const here = antq.evaluate(ds, rules, 2023).toJSONString();
  assert.equal(full.evaluate(ds, rules, 2023).toJSONString(), here, 'a default Dataset and RuleSet (with its prerequisite) in antq/full');
  const fds = full.Dataset.fromText(sampleFiles().dataset);
  assert.equal(antq.evaluate(fds, full.RuleSet.preset('vn.c124-2021'), 2023).length, antq.evaluate(ds, c124(), 2023).length, 'and back');
  assert.equal(full.whatIf(ds, c124(), 2023, ['NS-HP'], { verify: true }).plans[0].verified, true);
  const base = antq.RuleSet.preset('vn.d9745-2022.communes');
  assert.ok(full.impact(ds, base, base.withParameter('min_met', 30), 2023).units.length > 0);
  // A dataset read under larger limits than the default ones is copied all the same.
  const many = antq.Dataset.generate({ units: 3000, year: 2023, seed: 2 });
  const big = antq.Dataset.fromText(many.toJSONString(), 'big.json', { max_units: 1e6, max_evidence: 1e6 });
  assert.equal(antq.Dataset.tryFromText(many.toJSONString(), 'big.json', { max_units: 100 }).error.code, 'invalid_dataset');
  assert.equal(full.stats(big, 2023).year, 2023);
  // The copy is kept (made once, above) and freed with its original: the original's JSON
  // is not read again.
  const toJSONString = ds.toJSONString;
  let read = 0;
  ds.toJSONString = function (...a) { read += 1; return toJSONString.apply(this, a); };
  for (let i = 0; i < 20; i++) full.stats(ds, 2023);
  assert.equal(read, 0, 'the copy made for the first call is reused');
  delete ds.toJSONString;
  ds.free();
  assert.equal(thrown(() => full.stats(ds, 2023)).code, 'freed_object');
  assert.equal(thrown(() => full.evaluate(ds, rules, 2023)).code, 'freed_object');
});

test('the table of class-typed parameters matches the glue', () => {
  const glue = readFileSync(path.join(pkgDir, 'antq_full_glue.js'), 'utf8');
  const found = {};
  // `export function name(a, b) {` or a method `    name(a, b) {` inside `export class C {`,
  // followed by its `_assertClass(param, Class);` lines.
  let cls;
  for (const block of glue.split(/\n(?=export |    (?:static )?\w+\(.*\) \{$)/m)) {
    const c = /^export class (\w+)/.exec(block);
    if (c) cls = c[1];
    const f = /^export function (\w+)\(([^)]*)\)/.exec(block) ?? /^ {4}(?:static )?(\w+)\(([^)]*)\) \{/.exec(block);
    if (!f) continue;
    const isMethod = !block.startsWith('export function');
    const params = f[2].split(',').map((p) => p.trim());
    const asserted = [...block.matchAll(/_assertClass\((\w+), (\w+)\);/g)].map((m) => [params.indexOf(m[1]), m[1], m[2]]);
    if (!asserted.length || /^try[A-Z]/.test(f[1])) continue;
    found[isMethod ? `${cls}.${f[1]}` : f[1]] = asserted;
  }
  assert.deepEqual(found, CLASS_PARAMS);
});

test('the entries export every export of their glue, and nothing of the glue is left unwrapped', async () => {
  for (const [entry, glue] of [['antq.js', 'antq_glue.js'], ['full.js', 'antq_full_glue.js']]) {
    const g = await import(pathToFileURL(path.join(pkgDir, glue)).href);
    const e = await import(pathToFileURL(path.join(pkgDir, entry)).href);
    assert.deepEqual(Object.keys(e).sort(), [...Object.keys(g), 'AntqError', 'isAntqError'].sort(), entry);
    for (const k of Object.keys(g)) {
      if (['default', 'initSync', 'Dataset', 'RuleSet', 'Evaluation'].includes(k)) continue;
      assert.notEqual(e[k], g[k], `${entry}: ${k} is the glue's own function`);
    }
  }
  assert.deepEqual(Object.keys(antq).sort(), Object.keys(await import(pathToFileURL(path.join(pkgDir, 'antq.js')).href)).sort(),
    'the Node entry has the shape of the browser entry');
  assert.deepEqual(Object.keys(full).sort(), Object.keys(await import(pathToFileURL(path.join(pkgDir, 'full.js')).href)).sort());
});
