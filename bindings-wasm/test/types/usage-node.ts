// Typed usage of the Node build (CommonJS, no init): the same classes and types.
import antq = require('../../pkg/node/antq.js');

const ds: antq.Dataset = antq.Dataset.generate({ units: 5000, year: 2023 });
const ev: antq.Evaluation = antq.evaluate(ds, antq.RuleSet.preset('vn.c124-2021'), 2023);
const rows: antq.UnitRow[] = ev.rows();
const share: number = rows.filter((r) => r.outcome === 'meets').length / rows.length;
const res: antq.AntqResult<antq.Stats> = antq.tryStats(ds, 2023);
const lang: antq.Lang = 'vi';
export const report: string = `${share} ${res.ok ? res.value.rows.length : res.error.code} ${ev.explain(rows[0]!.unit, lang)}`;
// @ts-expect-error: a year is a number
antq.evaluate(ds, antq.RuleSet.preset('vn.c124-2021'), '2023');
// @ts-expect-error: no such language
ev.explain('A', 'fr');
// @ts-expect-error: a residential area has a subkind, not a size
export const bad: antq.Unit = { id: 'A', name: 'A', kind: 'residential_area', size: 'small' };
