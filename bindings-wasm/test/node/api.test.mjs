// The package's surface in Node: presets, validation, datasets, evaluation, explanations,
// statistics, errors and the non-throwing variants.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import antq, { sampleDataset, sampleFiles, thrown } from './antq.mjs';

const sampleDs = sampleDataset;
const c124 = () => antq.RuleSet.preset('vn.c124-2021');

test('presets list the five built-in rule sets with titles, kinds and periods', () => {
  const ps = antq.presets();
  assert.deepEqual(ps.map((p) => p.id).sort(), [
    'phu-tho.hd851-2023.organisations', 'vn.c124-2021', 'vn.c124-2025', 'vn.d510-2022', 'vn.d9745-2022.communes',
  ]);
  const c2025 = ps.find((p) => p.id === 'vn.c124-2025');
  assert.equal(c2025.family, 'vn.c124');
  assert.equal(c2025.from, '2025-07-01');
  assert.equal(antq.RuleSet.resolve('vn.c124', 2024).toJSON().id, 'vn.c124-2021');
  assert.equal(antq.RuleSet.resolve('vn.c124', 2026).toJSON().id, 'vn.c124-2025');
  const r = antq.RuleSet.tryResolve('vn.c124', 2021);
  assert.equal(r.ok, false);
  assert.equal(r.error.code, 'not_in_force');
  assert.ok(antq.families().some((f) => f.id === 'vn.c124' && f.instruments.length === 3));
  const c = ps.find((p) => p.id === 'vn.c124-2021');
  assert.ok(c.title.vi.length > 0 && c.title.en.length > 0);
  assert.ok(c.kinds.includes('residential_area') && c.kinds.includes('commune'));
  assert.match(antq.presetSource('vn.c124-2021'), /id = "vn.c124-2021"/);
  assert.equal(typeof antq.version(), 'string');
});

test('errors and problems are worded in Vietnamese beside the English (messageVi, message_vi)', () => {
  // The law in time: no encoded instrument of the family in 2021, and which one applies.
  const r = antq.RuleSet.tryResolve('vn.c124', 2021);
  assert.match(r.error.message, /`vn.c23-2012` applies until 2022-02-09, from a day antq does not know, and is not encoded/);
  assert.match(r.error.messageVi,
    /^không có hiệu lực: `vn.c23-2012` áp dụng đến 2022-02-09, từ một ngày antq không biết, và chưa được mã hóa/);
  // A dataset's problems: each with message_vi, and the whole error in Vietnamese.
  const d = antq.Dataset.tryFromObject({ format_version: 1, units: [
    { id: 'R', name: 'R', kind: 'residential_area', subkind: 'thon', parent: 'X' }] });
  assert.equal(d.error.details[0].code, 'dangling_parent');
  assert.match(d.error.details[0].message_vi, /không có trong dữ liệu/);
  assert.ok(d.error.messageVi.startsWith('dữ liệu không hợp lệ (1 vấn đề):'), d.error.messageVi);
  assert.ok(d.error.messageVi.includes(d.error.details[0].message_vi));
  // An error the package raises itself has none.
  const bad = thrown(() => antq.RuleSet.preset(42));
  assert.equal(bad.code, 'bad_argument');
  assert.equal(bad.messageVi, undefined);
});

test('a dataset lists its look-alike unit ids in both languages', () => {
  const ds = antq.Dataset.fromObject({ format_version: 1, units: [
    { id: 'HA', name: 'A', kind: 'province', subkind: 'tinh' },
    { id: 'Ha', name: 'B', kind: 'province', subkind: 'tinh' }] });
  const [lint, ...rest] = ds.lints();
  assert.equal(rest.length, 0);
  assert.equal(lint.code, 'ids_differ_by_case');
  assert.equal(lint.location.unit, 'HA');
  assert.match(lint.message_vi, /chữ hoa/);
  assert.deepEqual(sampleDs().lints(), []);
});

test('indicators carry their type and both names', () => {
  const inds = antq.indicators();
  const h = inds.find((i) => i.id === 'households_registered');
  assert.equal(h.value_type, 'count');
  assert.ok(h.label.vi && h.label.en);
  assert.equal(inds.find((i) => i.id === 'registration_date').value_type, 'date');
  assert.equal(inds.find((i) => i.id === 'party_organisation').value_type, 'flag');
});

test('the sample files shipped beside the module read as a dataset', () => {
  const s = sampleFiles();
  assert.ok(JSON.parse(s.dataset).units.length > 10);
  assert.match(s.typicalSupplement, /base = "vn.d9745-2022.communes"/);
  assert.match(s.d510Supplement, /base = "vn.d510-2022"/);
  const ds = sampleDs();
  assert.ok(ds.synthetic);
  assert.deepEqual(ds.years(), [2023, 2025]);
  assert.equal(ds.unitCount, JSON.parse(s.dataset).units.length);
  assert.equal(antq.Dataset.fromText(s.dataset, 'province.json').unitCount, ds.unitCount);
});

test('evaluating the sample: verdicts, criteria with observed values, legal basis, missing', () => {
  const ev = antq.evaluate(sampleDs(), c124(), 2023);
  assert.ok(ev.length > 0);
  const d = ev.decision;
  assert.equal(d.rule_set, 'vn.c124-2021');
  assert.equal(d.year, 2023);
  assert.equal(d.as_of, '2023-11-15');
  assert.match(d.content_hash, /^[0-9a-f]{64}$/);
  const units = ev.units();
  assert.equal(units.length, ev.length);
  const statuses = new Set(units.map((u) => u.outcome.status));
  assert.ok(statuses.has('meets') && statuses.has('does_not_meet'), [...statuses].join());
  const failing = units.find((u) => u.outcome.status === 'does_not_meet');
  const crit = failing.criteria.find((c) => c.status === 'not_met');
  assert.ok(crit.legal_basis.length > 0 && crit.legal_basis[0].document.includes('124/2021'));
  assert.ok(crit.checks.length > 0 && crit.checks[0].threshold.length > 0);
  assert.deepEqual(ev.unit(failing.unit), failing);
  assert.equal(ev.unit('no-such-unit'), undefined);
  const rows = ev.rows();
  assert.equal(rows.length, ev.length);
  assert.equal(rows.find((r) => r.unit === failing.unit).outcome, 'does_not_meet');
  assert.ok(ev.criterionRows().length >= rows.length);
  const summary = ev.summary;
  assert.ok(summary.commune && Object.values(summary.commune).reduce((a, b) => a + b, 0) > 0);
  assert.deepEqual(JSON.parse(JSON.stringify(ev)), JSON.parse(ev.toJSONString()));
  assert.deepEqual(JSON.parse(ev.toJSONString(true)), JSON.parse(ev.toJSONString()));
});

test('explanations in both languages, from the evaluation or from unit data', () => {
  const ev = antq.evaluate(sampleDs(), c124(), 2023);
  const u = ev.units().find((u) => u.outcome.status === 'does_not_meet');
  const en = ev.explain(u.unit, 'en');
  const vi = ev.explain(u.unit, 'vi');
  assert.match(en, /Outcome: Does not meet/);
  assert.match(vi, /Kết quả: Chưa đạt/);
  assert.equal(antq.explain(u, 'vi'), vi);
  // The language is required: no default that would differ between Node and a page.
  assert.equal(thrown(() => antq.explain(u)).code, 'bad_argument');
  assert.match(thrown(() => ev.explain(u.unit)).message, /^lang: expected 'vi' or 'en', got undefined/);
  const e = thrown(() => ev.explain('nope', 'en'));
  assert.equal(e.code, 'unknown_unit');
  assert.match(e.message, /not in the dataset/);
  // A unit that ended before the reference date: the core's reason, as the CLI and Python give it.
  const ended = thrown(() => antq.evaluate(sampleDs(), antq.RuleSet.preset('vn.c124-2025'), 2025).explain('KM-AL', 'en'));
  assert.equal(ended.code, 'unknown_unit');
  assert.match(ended.message, /the unit ended on 2025-06-30, before the reference date 2025-11-15/);
  assert.equal(thrown(() => ev.explain(u.unit, 'fr')).code, 'bad_argument');
});

test('what is missing: a unit without evidence is undetermined with the list to supply', () => {
  const ds = antq.Dataset.fromObject({
    format_version: 1,
    units: [{ id: 'A', name: 'Thôn A', kind: 'residential_area', subkind: 'thon' }],
    evidence: [{ unit: 'A', year: 2023, households_total: 10, households_registered: 10 }],
  });
  const u = antq.evaluate(ds, c124(), 2023).unit('A');
  assert.equal(u.outcome.status, 'undetermined');
  const keys = u.missing.map((m) => m.key);
  assert.ok(keys.includes('RA-2'), keys.join());
  assert.ok(u.missing.every((m) => m.text.vi && m.text.en));
});

test('asOf option and rule sets with supplements and prerequisites', () => {
  const ev = antq.evaluate(sampleDs(), c124(), 2023, { asOf: '2023-06-30' });
  assert.equal(ev.decision.as_of, '2023-06-30');
  assert.equal(thrown(() => antq.evaluate(sampleDs(), c124(), 2023, { asOf: '30/06/2023' })).code, 'bad_argument');
  assert.equal(thrown(() => antq.evaluate(sampleDs(), c124(), 2023, { asof: '2023-06-30' })).code, 'bad_argument');

  const s = sampleFiles();
  const typical = antq.RuleSet.preset('vn.d9745-2022.communes').withSupplement(s.typicalSupplement, 'typical.toml');
  assert.notEqual(typical.contentHash, antq.RuleSet.preset('vn.d9745-2022.communes').contentHash);
  const t = antq.evaluate(sampleDs(), typical, 2023);
  assert.equal(t.decision.supplements[0].certainty, 'sample');
  assert.equal(t.decision.prerequisite.rule_set, 'vn.c124-2021');
  assert.ok(t.units().some((u) => u.outcome.status === 'typical'));
  // A prerequisite given explicitly is used instead of the preset of that id.
  const withPre = typical.withRuleSet(c124());
  assert.equal(antq.evaluate(sampleDs(), withPre, 2023).toJSONString(), t.toJSONString());

  const d510 = antq.RuleSet.preset('vn.d510-2022').withSupplement(s.d510Supplement);
  const p = antq.evaluate(sampleDs(), d510, 2023);
  assert.ok(p.units().some((u) => u.outcome.status === 'level'));

  const obj = c124().toJSON();
  assert.equal(obj.id, 'vn.c124-2021');
  assert.equal(antq.RuleSet.fromObject(obj).contentHash, c124().contentHash);
  assert.deepEqual(c124().kinds(), ['commune', 'residential_area', 'agency', 'enterprise', 'school']);
  assert.equal(c124().title.en.length > 0, true);
  assert.ok(Array.isArray(c124().lints()));
});

test('statistics roll activities up the hierarchy', () => {
  const st = antq.stats(sampleDs(), 2023);
  assert.equal(st.year, 2023);
  const root = st.rows[0];
  assert.ok(root.total.propaganda_meetings >= root.own.propaganda_meetings);
  const sub = antq.stats(sampleDs(), 2023, st.rows[1].unit);
  assert.equal(sub.rows[0].unit, st.rows[1].unit);
  assert.equal(thrown(() => antq.stats(sampleDs(), 2023, 'nope')).code, 'unknown_unit');
  assert.equal(thrown(() => antq.stats(sampleDs(), 1800)).code, 'bad_year');
});

test('validation returns problems with places and never throws', () => {
  const ok = antq.validateRuleSet(antq.presetSource('vn.d510-2022'), 'd510.toml');
  assert.equal(ok.ok, true);
  assert.ok(ok.lints.length > 0, 'the incomplete sheet is linted');
  const bad = antq.validateRuleSet('format_version = 1\nid = "x"\nversion = "1"\ncolour = 3\n', 'bad.toml');
  assert.equal(bad.ok, false);
  assert.equal(bad.problems[0].code, 'syntax');
  assert.equal(bad.problems[0].location.file, 'bad.toml');
  assert.ok(bad.problems[0].location.line >= 1);

  const sup = antq.validateSupplement(sampleFiles().typicalSupplement, c124());
  assert.equal(sup.ok, false);
  assert.equal(sup.problems[0].code, 'supplement_base');
  assert.equal(antq.validateSupplement(sampleFiles().typicalSupplement, antq.RuleSet.preset('vn.d9745-2022.communes')).ok, true);

  const ds = antq.validateDataset('{"format_version": 1, "units": [{"id": "A", "name": "A", "kind": "province", "subkind": "tinh", "parent": "B"}]}', 'd.json');
  assert.equal(ds.ok, false);
  assert.equal(ds.problems[0].code, 'dangling_parent');
  assert.equal(ds.problems[0].location.unit, 'A');
  assert.equal(antq.validateDataset(sampleFiles().dataset).ok, true);
  // Against a rule set: a misspelt attested key is a problem naming the nearest key.
  const typo = '{"format_version": 1, "units": [{"id": "R", "name": "R", "kind": "residential_area", "subkind": "thon"}], "evidence": [{"unit": "R", "year": 2023, "attested": {"RA2": "yes"}}]}';
  const v = antq.validateDatasetFor(typo, antq.RuleSet.preset('vn.c124-2021'), 't.json');
  assert.equal(v.ok, false);
  assert.equal(v.problems[0].code, 'unknown_key');
  assert.match(v.problems[0].message, /`RA-2`/);
});

test('errors are Error objects with code and details; try variants do not throw', () => {
  const e = thrown(() => antq.RuleSet.preset('vn.nope'));
  assert.ok(e instanceof Error);
  assert.equal(e.name, 'AntqError');
  assert.equal(e.code, 'unknown_preset');
  assert.deepEqual(e.details, []);
  assert.match(e.message, /vn.c124-2021/);

  const d = thrown(() => antq.Dataset.fromObject({ format_version: 1, units: [{ id: 'A', name: 'A', kind: 'province', subkind: 'tinh', parnt: 'X' }] }));
  assert.equal(d.code, 'invalid_dataset');
  assert.equal(d.details[0].code, 'syntax');
  assert.equal(d.details[0].location.path, 'units[0].parnt');
  assert.equal(d.details[0].location.line, undefined, 'no line into text the caller never saw');
  // Nor a file name: the object was never a file (as Python says of a dict).
  assert.equal(d.details[0].location.file, undefined, 'no file for an object');

  const t = thrown(() => antq.Dataset.fromText('{\n  "format_version": 1,\n  "units": 5\n}', 'x.json'));
  assert.equal(t.details[0].location.line, 3);

  const r1 = antq.RuleSet.tryPreset('vn.nope');
  assert.equal(r1.ok, false);
  assert.equal(r1.error.code, 'unknown_preset');
  const r2 = antq.RuleSet.tryPreset('vn.c124-2021');
  assert.equal(r2.ok, true);
  assert.equal(r2.value.id, 'vn.c124-2021');
  const r3 = antq.tryEvaluate(sampleDs(), r2.value, 3000);
  assert.deepEqual([r3.ok, r3.error.code], [false, 'bad_year']);
  const r4 = antq.tryEvaluate(sampleDs(), r2.value, 2023);
  assert.equal(r4.ok, true);
  assert.ok(r4.value.length > 0);
  assert.equal(antq.Dataset.tryFromText('nope').ok, false);
  assert.equal(antq.Dataset.tryFromObject(JSON.parse(sampleFiles().dataset)).ok, true);
  assert.equal(antq.RuleSet.tryFromText('[').ok, false);
  assert.equal(antq.RuleSet.tryFromObject({}).error.code, 'invalid_rule_set');
  assert.equal(c124().tryWithSupplement('{}').error.code, 'invalid_rule_set');
  assert.equal(antq.tryStats(sampleDs(), 2023).ok, true);
  assert.equal(antq.tryExplain({}, 'en').error.code, 'bad_argument');
});

test('generate makes the same dataset as Rust for a spec, deterministically', () => {
  const a = antq.Dataset.generate({ units: 2000, year: 2023, seed: 7 });
  const b = antq.Dataset.generate({ units: 2000, year: 2023, seed: 7 });
  assert.equal(a.toJSONString(), b.toJSONString());
  assert.ok(a.unitCount > 1500);
  assert.ok(a.synthetic);
  const ev = antq.evaluate(a, c124(), 2023);
  assert.ok(ev.length > 1000);
  // The core's limit, as the CLI and Python give it.
  const over = thrown(() => antq.Dataset.generate({ units: 3e6, year: 2023 }));
  assert.equal(over.code, 'invalid_dataset');
  assert.match(over.message, /max_units = 2000000/);
  assert.equal(thrown(() => antq.Dataset.generate({ units: 10, year: 99999 })).code, 'bad_year');
  assert.equal(thrown(() => antq.Dataset.generate({ year: 2023 })).code, 'bad_argument');
});

test('limits are settable: a dataset over max_units is refused, naming the limit', () => {
  const text = '{"format_version": 1, "units": [{"id": "A", "name": "A", "kind": "province", "subkind": "tinh"}, {"id": "B", "name": "B", "kind": "province", "subkind": "tinh"}]}';
  assert.equal(antq.defaultLimits().max_units, 2000000);
  const r = antq.Dataset.tryFromText(text, 'd.json', { max_units: 1 });
  assert.equal(r.ok, false);
  assert.equal(r.error.code, 'invalid_dataset');
  assert.match(r.error.message, /max_units = 1/);
  assert.equal(antq.Dataset.tryFromText(text, 'd.json', { max_units: 2 }).ok, true);
  assert.throws(() => antq.Dataset.fromText(text, 'd.json', { max_unit: 2 }), /max_unit/);
});

test('generate without a seed uses seed 1, as the CLI and Python do', () => {
  // The seed left out was 0 here and 1 in `antq generate` and Python's Dataset.generate:
  // the same call gave another dataset on each surface.
  const none = antq.Dataset.generate({ units: 300, year: 2023 }).toJSONString();
  assert.equal(none, antq.Dataset.generate({ units: 300, year: 2023, seed: 1 }).toJSONString());
  assert.notEqual(none, antq.Dataset.generate({ units: 300, year: 2023, seed: 0 }).toJSONString());
});

test('stats name the activities of units not in the window (counted in no total) in lints', () => {
  const clean = antq.stats(sampleDs(), 2024);
  assert.equal(clean.lints, undefined);
  const d = JSON.parse(sampleFiles().dataset);
  d.activities.push({ unit: 'HD-DKKT', date: '2024-05-01', type: 'propaganda_meeting', count: 5, attendees: 100 });
  const st = antq.stats(antq.Dataset.fromText(JSON.stringify(d), 'x.json'), 2024);
  assert.deepEqual(st.rows[0].total, clean.rows[0].total);
  assert.equal(st.lints.length, 1);
  assert.equal(st.lints[0].code, 'unreviewed_evidence');
  assert.equal(st.lints[0].location.unit, 'HD-DKKT');
});

test('an evaluation lists its lints without the units; an incident no criterion counts is one', () => {
  const ds = antq.Dataset.fromObject({
    format_version: 1,
    units: [
      { id: 'C', name: 'C', kind: 'commune', subkind: 'xa' },
      { id: 'R', name: 'R', kind: 'residential_area', subkind: 'thon', parent: 'C' },
    ],
    evidence: [{ unit: 'R', year: 2023, attested: { 'RA-2': 'yes' } }],
    incidents: [{ unit: 'R', date: '2023-05-01', category: 'school_violence' }],
  });
  const ev = antq.evaluate(ds, c124(), 2023);
  const lints = ev.lints();
  assert.deepEqual(lints, ev.toJSON().lints);
  assert.deepEqual(lints.map((l) => l.code), ['unused_category']);
  assert.equal(lints[0].location.unit, 'R');
  assert.match(lints[0].message, /^1 incident\(s\) of categories no criterion of `vn\.c124-2021` counts for their units, not counted: `school_violence` \(1; first: unit `R`\)$/);
  // Without such input, none (an empty list, not undefined).
  const clean = antq.evaluate(antq.Dataset.fromObject({ format_version: 1, units: [{ id: 'R', name: 'R', kind: 'residential_area', subkind: 'thon' }], evidence: [{ unit: 'R', year: 2023 }] }), c124(), 2023);
  assert.deepEqual(clean.lints(), []);
  for (const x of [ev, clean, ds]) x.free();
});
