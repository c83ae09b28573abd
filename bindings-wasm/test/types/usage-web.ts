// Typed usage of the package 'antq' (checked with `tsc --noEmit --strict`, never run):
// every input and output of the package, as an application would write it. `antq` is
// mapped to pkg/antq.d.ts by tsconfig.json; the pack test type-checks the installed package.
import init, {
  Dataset, RuleSet, Evaluation, evaluate, tryEvaluate, explain, stats, presets, presetSource, indicators,
  validateRuleSet, validateSupplement, validateDataset, version, AntqError, isAntqError,
} from 'antq';
import type {
  AntqResult, DatasetData, Evidence, Incident, Unit, UnitResult, Outcome, CriterionResult, Check, Missing,
  EvaluationData, DecisionRecord, UnitRow, CriterionRow, Stats, Problem, ErrorCode, Kind, Lang, PresetInfo, IndicatorInfo,
  Validation, EvaluateOptions, GenerateSpec, RuleSetData, SupplementData, Test, Summary, Text, Status,
} from 'antq';

function never(x: never): never {
  throw new Error(`unexpected ${JSON.stringify(x)}`);
}

/** A verdict in words: exhaustive over the outcome union. */
export function verdict(o: Outcome, lang: Lang): string {
  const t = (vi: string, en: string) => (lang === 'vi' ? vi : en);
  switch (o.status) {
    case 'meets': return t('Đạt', 'Meets');
    case 'does_not_meet': return t('Chưa đạt', 'Does not meet');
    case 'undetermined': return t('Chưa xác định', 'Undetermined');
    case 'out_of_scope': return `${o.code}: ${o.reason[lang]}`;
    case 'level': return `${o.level} ${o.label[lang]}`;
    case 'typical': return `#${o.rank}`;
    case 'not_selected': return `(#${o.rank})`;
    case 'not_typical': return '–';
    default: return never(o);
  }
}

/** The tests a criterion reads, exhaustive over the test union. */
export function indicatorsOf(t: Test): string[] {
  switch (t.test) {
    case 'deadline': case 'at_least': case 'at_most': case 'flag': return [t.indicator];
    case 'ratio': return [t.numerator, t.denominator];
    case 'attested': return [t.key ?? '(criterion id)'];
    case 'no_events': case 'deduction': return t.categories;
    case 'children': return t.kinds;
    case 'points': return [];
    case 'all': case 'any': case 'k_of_n': return t.of.flatMap(indicatorsOf);
    default: return never(t);
  }
}

export async function main(): Promise<void> {
  await init();
  const v: string = version();
  const ps: PresetInfo[] = presets();
  const kinds: Kind[] = ps[0]!.kinds;
  const src: string = presetSource(ps[0]!.id);
  const inds: IndicatorInfo[] = indicators();
  // The sample ships beside the module (pkg/sample/), fetched like any data file.
  const get = async (f: string): Promise<string> => (await fetch(`pkg/sample/${f}`)).text();
  const files = { dataset: await get('province.json'), typicalSupplement: await get('typical-supplement.toml') };

  const unit: Unit = { id: 'A', name: 'Thôn A', kind: 'residential_area', subkind: 'thon', parent: 'C' };
  const commune: Unit = { id: 'C', name: 'Xã C', kind: 'commune', subkind: 'xa' };
  const firm: Unit = { id: 'E', name: 'Firm', kind: 'enterprise', size: 'medium', parent: 'C' };
  const evidence: Evidence = {
    unit: 'A', year: 2023, registration_date: '2023-03-01', households_total: 100, households_registered: 100,
    attested: { 'RA-2': 'yes', 'RA-4': 'unknown' }, points: { 'I-1': { self: 2.5, reviewed: '2' } },
  };
  const incident: Incident = { unit: 'A', date: '2023-05-01', category: 'prolonged_dispute' };
  const data: DatasetData = {
    format_version: 1, meta: { title: 'demo', synthetic: true }, units: [commune, unit, firm], evidence: [evidence],
    incidents: [incident],
    activities: [{ unit: 'C', date: '2023-08-19', type: 'festival', participants: 300 }],
  };

  const ds: Dataset = Dataset.fromObject(data);
  const fromText: Dataset = Dataset.fromText(files.dataset, 'province.json');
  const generated: Dataset = Dataset.generate({ units: 1000, year: 2023, seed: 1 } satisfies GenerateSpec);
  const years: number[] = fromText.years();
  const n: number = ds.unitCount + generated.unitCount;
  const title: string = ds.title;
  const synthetic: boolean = ds.synthetic;
  const back: DatasetData = ds.toJSON();
  const text: string = ds.toJSONString(true);

  const rules: RuleSet = RuleSet.preset('vn.c124-2021');
  const typical: RuleSet = RuleSet.preset('vn.d9745-2022.communes').withSupplement(files.typicalSupplement, 't.toml')
    .withRuleSet(rules);
  const rsData: RuleSetData = rules.toJSON();
  const fromObject: RuleSet = RuleSet.fromObject(rsData);
  const supplement: SupplementData = {
    format_version: 1, id: 'x', version: '1', title: { vi: 'x', en: 'x' }, base: 'vn.c124-2021', certainty: 'sample',
  };
  const layered: RuleSet = fromObject.withSupplement(supplement);
  const ruleTitle: Text = layered.title;
  const hash: string = layered.contentHash + layered.id + layered.version;
  const lints: Problem[] = [...layered.lints(), ...ds.lints()];
  const ruleKinds: Kind[] = layered.kinds();
  const tests: string[] = rsData.criteria.flatMap((c) => indicatorsOf(c.test));

  const options: EvaluateOptions = { asOf: '2023-11-15' };
  const ev: Evaluation = evaluate(ds, rules, 2023, options);
  const all: EvaluationData = ev.toJSON();
  const decision: DecisionRecord = ev.decision;
  const summary: Summary = ev.summary;
  const count: number = ev.length;
  const units: UnitResult[] = ev.units();
  const one: UnitResult | undefined = ev.unit('A');
  const rows: UnitRow[] = ev.rows();
  const crows: CriterionRow[] = ev.criterionRows();
  const why: string = ev.explain('A', 'vi') + explain(units[0]!, 'en');
  // @ts-expect-error: the language is required
  explain(units[0]!);
  if (one) {
    const c: CriterionResult | undefined = one.criteria[0];
    const checks: Check[] = c?.checks ?? [];
    const status: Status | undefined = checks[0]?.status;
    const missing: Missing[] = one.missing;
    const basis: string[] = (c?.legal_basis ?? []).map((b) => `${b.document} ${b.article ?? ''} ${b.clause ?? ''}`);
    const observed: string = checks.map((k) => `${k.observed ?? '–'} / ${k.threshold} ${k.explanation.en}`).join();
    void [status, missing, basis, observed, verdict(one.outcome, 'vi')];
  }
  const st: Stats = stats(ds, 2023, 'C');
  const meetings: number = st.rows[0]?.total.propaganda_meetings ?? 0;

  const vr: Validation = validateRuleSet(src, 'c124.toml');
  const vs: Validation = validateSupplement(supplement, rules);
  const vd: Validation = validateDataset(files.dataset);
  const problems: Problem[] = [...vr.problems, ...vs.problems, ...vd.problems];
  const lines: (number | undefined)[] = problems.map((p) => p.location.line);

  // Errors: thrown AntqError (a class: instanceof, or the type guard), or the non-throwing form.
  try {
    RuleSet.preset('nope');
  } catch (e) {
    if (e instanceof AntqError) {
      const code: ErrorCode = e.code;
      const details: Problem[] = e.details;
      const vi: string | undefined = e.messageVi;
      const err: Error = e;
      void [code, details, vi, err.message];
    }
    if (isAntqError(e) && (e.code === 'not_initialised' || e.code === 'freed_object')) throw e;
  }
  const made: AntqError = new AntqError('bad_argument', 'x');
  // @ts-expect-error: not an error code
  made.code === 'nope';
  const r: AntqResult<Evaluation> = tryEvaluate(ds, rules, 2023);
  if (r.ok) {
    const e2: Evaluation = r.value;
    e2.free();
  } else {
    const code: ErrorCode = r.error.code;
    void code;
  }
  const rr: AntqResult<RuleSet> = RuleSet.tryPreset('vn.c124-2021');
  const rd: AntqResult<Dataset> = Dataset.tryFromText('{}');
  const ro: AntqResult<Dataset> = Dataset.tryFromObject(data);
  const rt: AntqResult<RuleSet> = RuleSet.tryFromText(src);
  const rs2: AntqResult<RuleSet> = rules.tryWithSupplement(supplement);
  const rst: AntqResult<Stats> = (await import('antq')).tryStats(ds, 2023);
  const p30: RuleSet = rules.withParameter('min_met', 30);
  // @ts-expect-error: a year is a number
  evaluate(ds, rules, '2023');
  void [v, kinds, inds, back, text, years, n, title, synthetic, typical, ruleTitle, hash, lints, ruleKinds, tests, all,
    decision, summary, count, rows, crows, why, meetings, lines, rr, rd, ro, rt, rs2, rst, p30];
}
