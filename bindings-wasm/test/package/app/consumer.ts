// Type-checked against the installed package (its exports map and .d.ts files).
import init, { Dataset, RuleSet, evaluate, AntqError, isAntqError, type AntqResult, type Evaluation } from 'antq';
import { whatIf, type Plan, type WhatIf } from 'antq/full';

export async function run(text: string): Promise<string> {
  await init();
  const ds: Dataset = Dataset.fromText(text, 'province.json');
  const ev: Evaluation = evaluate(ds, RuleSet.preset('vn.c124-2021'), 2023);
  const w: WhatIf = whatIf(ds, RuleSet.preset('vn.c124-2021'), 2023, ['NS-HP']);
  const plans: Plan[] = w.plans;
  const r: AntqResult<Evaluation> = { ok: true, value: ev };
  try {
    evaluate(ds, RuleSet.preset('vn.c124-2021'), 1800);
  } catch (e) {
    if (isAntqError(e)) return `${e.code} ${e.details.length}`;
    if (e instanceof AntqError) return e.code;
  }
  return `${plans.length} ${r.ok} ${ev.explain('NS-HP', 'vi')}`;
}
