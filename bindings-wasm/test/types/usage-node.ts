// Typed usage of 'antq/full' as a Node program writes it (the same import shape as in a
// browser; init is optional in Node), mixing objects of 'antq' and 'antq/full'.
import init, * as antq from 'antq/full';
import { Dataset as DefaultDataset, RuleSet as DefaultRuleSet } from 'antq';

await init();
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
// @ts-expect-error: the language is required
ev.explain('A');
// @ts-expect-error: a residential area has a subkind, not a size
export const bad: antq.Unit = { id: 'A', name: 'A', kind: 'residential_area', size: 'small' };
// Decision support: typed results.
const c124 = antq.RuleSet.preset('vn.c124-2021');
const w: antq.WhatIf = antq.whatIf(ds, c124, 2023, ['NS-HP'], { verify: true });
const plans: antq.Plan[] = w.plans;
const lintCodes: string[] | undefined = w.lints?.map((l) => l.code);
const firstChange: antq.PlanChange | undefined = plans[0]?.changes[0];
const im: antq.Impact = antq.impact(ds, c124, c124.withParameter('min_met', 30), 2023);
const sens: antq.SensitivityReport = antq.sensitivity(ds, c124, 2023, {
  sampling: { mode: 'random', samples: 10, seed: 1 }, cutoff_range: 5, max_range_percent: 20,
});
const cmp: antq.YearComparison = antq.compareYears(ds, c124, 2023, 2025);
const verdicts: antq.Verdicts = antq.review(ds, c124, 2023, { asOf: '2023-11-15', lenientVocabulary: true });
const festival: antq.FestivalCheck = antq.festivalDay('2025-08-19', { seasonStart: 'Y-07-05' });
const nextDay: string | null = festival.next_festival_day;
// @ts-expect-error: the season start is an option, not a second argument
antq.festivalDay('2025-08-19', 'Y-07-05');
const outcome0: antq.OutcomeCode = verdicts.columns.outcome[0];
const cw4: (string | number | null)[] = verdicts.columns["CW-4"];
const reviewLints: antq.Problem[] = verdicts.lints;
export const decided = `${firstChange?.kind} ${im.units.length} ${sens.samples} ${cmp.newly_meeting.length} ${plans[0]?.verified} ${outcome0} ${cw4.length} ${reviewLints.length} ${festival.in_season} ${nextDay}`;
// @ts-expect-error: whatIf takes options, not a level string
antq.whatIf(ds, c124, 2023, ['A'], 'kha');
// @ts-expect-error: units are strings
antq.whatIf(ds, c124, 2023, [1]);

// Objects of the two modules mix, both ways (the package copies them across once).
const fromDefault: DefaultDataset = DefaultDataset.generate({ units: 100, year: 2023 });
const mixed: antq.Plan[] = antq.whatIf(fromDefault, DefaultRuleSet.preset('vn.c124-2021'), 2023, []).plans;
// @ts-expect-error: whatIf returns { plans, lints }, not the plans alone
const notAList: antq.Plan[] = antq.whatIf(ds, c124, 2023, ['NS-HP']);
const back: DefaultDataset = ds;
const err: antq.AntqError | undefined = antq.tryReview(fromDefault, c124, 2023).ok ? undefined : new antq.AntqError('internal', '');
export const shared = `${mixed.length} ${back.unitCount} ${err?.code} ${lintCodes?.length} ${notAList.length}`;
