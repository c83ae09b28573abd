// ---------------------------------------------------------------------------------------
// Data shapes of antq (the JSON of the Rust core, field for field). Hand-written because
// the core's serde types are not tsify types; `test/node/types-drift.test.mjs` fails when
// an output carries a field that is not declared here.
// ---------------------------------------------------------------------------------------

/** A calendar date `YYYY-MM-DD`. */
export type IsoDate = string;
/** A year-relative date: `Y-03-31` (in year Y) or `Y-1-11-16` (in year Y−1). */
export type YearDate = string;
/** Points with at most two decimals; read as a number or a string, written as a number. */
export type PointsValue = number | string;

/** A text in Vietnamese and English. */
export interface Text { vi: string; en: string; }

/** How certain a piece of legal content is: verified, partly known, inferred practice, or a sample. */
export type Certainty = "verified" | "partial" | "inferred" | "sample";
/** Whether a criterion's labels summarise a known wording or only name it. */
export type Wording = "summary" | "unavailable";

/** Where a rule comes from. */
export interface LegalRef { document: string; article?: string; clause?: string; }

// ----- errors ------------------------------------------------------------------------

/** The stable code of one problem in a rule set or dataset. */
export type ProblemCode =
  | "syntax" | "format_version" | "duplicate_id" | "dangling_parent" | "parent_cycle"
  | "kind_not_in_year" | "bad_parent_kind" | "unknown_unit" | "duplicate_evidence"
  | "unknown_category" | "unknown_reference" | "bad_threshold" | "bad_levels" | "points_total"
  | "missing_window" | "supplement_base" | "bad_value" | "limit" | "overflow"
  | "unknown_key" | "unused_key" | "unused_indicator" | "unused_category" | "duplicate_incident" | "former_key" | "unreviewed_evidence" | "no_evidence"
  | "quota_tie" | "parent_changed" | "mixed_script_id" | "ids_look_alike" | "ids_differ_by_case"
  | "partly_known" | "supplement_change" | "illustrative_default" | "incomplete_sheet" | "optional_criteria";

/** Where a problem is: file, line and column, field path, unit, criterion. */
export interface Location {
  file?: string; line?: number; column?: number; path?: string; unit?: string; criterion?: string;
}

/** One problem, with its code, place and message. `message_vi` is the message in Vietnamese
 * where antq words it so (every lint); absent, `message` serves both languages. `omitted` is
 * only on the last problem of a capped list (code `limit`, `… and N more problems not
 * listed`): N, the problems it counts. */
export interface Problem { code: ProblemCode; location: Location; message: string; message_vi?: string; omitted?: number; }

// The error class, its codes and the result of the `try…` calls are declared beside the class
// (lib/error.d.ts in the package).
import type { AntqError, AntqResult, ErrorCode } from './lib/error.js';
export type { AntqError, AntqResult, ErrorCode };

// ----- units and datasets ------------------------------------------------------------

export type Kind = "province" | "district" | "commune" | "residential_area" | "agency" | "enterprise" | "school";
export type ProvinceKind = "tinh" | "thanh_pho";
export type DistrictKind = "huyen" | "quan" | "thi_xa" | "thanh_pho";
export type CommuneKind = "xa" | "phuong" | "thi_tran" | "dac_khu";
export type AreaKind = "thon" | "lang" | "ban" | "ap" | "buon" | "phum" | "soc" | "khom" | "to_dan_pho" | "khu_pho";
export type EnterpriseSize = "micro" | "small" | "medium" | "large";
export type SchoolLevel =
  | "creche" | "kindergarten" | "primary" | "lower_secondary" | "upper_secondary" | "multi_level" | "vocational" | "higher";

/** From a date on, the unit has another parent (`null`: it becomes a root). */
export interface ParentChange { from: IsoDate; parent: string | null; }

interface UnitCommon {
  id: string;
  name: string;
  parent?: string;
  parent_changes?: ParentChange[];
  valid_from?: IsoDate;
  valid_until?: IsoDate;
}

/** A unit; the fields after `kind` depend on the kind. */
export type Unit = UnitCommon & (
  | { kind: "province"; subkind: ProvinceKind }
  | { kind: "district"; subkind: DistrictKind }
  | { kind: "commune"; subkind: CommuneKind }
  | { kind: "residential_area"; subkind: AreaKind }
  | { kind: "agency"; armed_forces?: boolean }
  | { kind: "enterprise"; size: EnterpriseSize }
  | { kind: "school"; level: SchoolLevel }
);

export type Attestation = "yes" | "no" | "unknown";

/** A points item's two scores. */
export interface Score { self?: PointsValue; reviewed?: PointsValue; }

/** A unit's evidence for one year. Every field is optional: left out means unknown. */
export interface Evidence {
  unit: string;
  year: number;
  resolution_date?: IsoDate;
  plan_date?: IsoDate;
  registration_date?: IsoDate;
  programme_date?: IsoDate;
  households_total?: number;
  households_registered?: number;
  staff_total?: number;
  staff_briefed?: number;
  members_total?: number;
  members_reached?: number;
  effective_models?: number;
  disciplined_officers?: number;
  registered?: boolean;
  party_organisation?: boolean;
  rules_unit_protection?: boolean;
  rules_state_secrets?: boolean;
  rules_internal_politics?: boolean;
  rules_labour_safety?: boolean;
  rules_fire_explosion?: boolean;
  rules_environment?: boolean;
  police_coordination_rules?: boolean;
  parents_board_coordination?: boolean;
  festival_participation?: boolean;
  /** Attested criteria: key (usually the criterion id) → yes / no / unknown. */
  attested?: Record<string, Attestation>;
  /** Points items: item id → self and reviewed scores. */
  points?: Record<string, Score>;
}

/** The names of the evidence fields rule tests can read. */
export type IndicatorId =
  | "resolution_date" | "plan_date" | "registration_date" | "programme_date"
  | "households_total" | "households_registered" | "staff_total" | "staff_briefed"
  | "members_total" | "members_reached" | "effective_models" | "disciplined_officers"
  | "registered" | "party_organisation" | "rules_unit_protection" | "rules_state_secrets"
  | "rules_internal_politics" | "rules_labour_safety" | "rules_fire_explosion" | "rules_environment"
  | "police_coordination_rules" | "parents_board_coordination" | "festival_participation";
export type ValueType = "date" | "count" | "flag";

/** An event of a "no occurrence" category. */
export interface Incident { unit: string; date: IsoDate; category: string; note?: string; }

export type Issuer = "minister" | "provincial_committee" | "provincial_police" | "district_chairman" | "commune_chairman";
export type AwardForm = "bang_khen" | "giay_khen" | "emulation_flag";
export type Recipient = "collective" | "individual";

export type ActivityKind =
  | { type: "propaganda_meeting"; attendees: number }
  | { type: "tip_off"; valuable: number }
  | { type: "model"; name: string; sites: number; typical: boolean }
  | { type: "festival"; participants: number }
  | { type: "award"; issuer: Issuer; form: AwardForm; recipient: Recipient }
  | { type: "people_helped"; reformed: number }
  | { type: "support"; amount_vnd: number; houses?: number };

/** A dated activity record; `count` (default 1) events of the same kind. */
export type Activity = { unit: string; date: IsoDate; count?: number } & ActivityKind;

export interface DatasetMeta { title?: string; synthetic?: boolean; description?: string; }

/** A dataset file (`format_version` 1). */
export interface DatasetData {
  format_version: 1;
  meta?: DatasetMeta;
  units: Unit[];
  evidence?: Evidence[];
  incidents?: Incident[];
  activities?: Activity[];
}

// ----- rule sets ---------------------------------------------------------------------

export type Rounding = "up" | "down";
export type ChildMeasure = "registered" | "recognised";

/** A criterion's test: a closed set, no expression language. */
export type Test =
  | { test: "deadline"; indicator: IndicatorId; by: YearDate; not_before?: YearDate }
  | { test: "at_least"; indicator: IndicatorId; min: number }
  | { test: "at_most"; indicator: IndicatorId; max: number }
  | { test: "ratio"; numerator: IndicatorId; denominator: IndicatorId; min_percent: number; rounding?: Rounding }
  | { test: "flag"; indicator: IndicatorId; equals: boolean }
  | { test: "no_events"; categories: string[]; include_descendants?: boolean }
  | { test: "attested"; key?: string }
  | { test: "children"; kinds: Kind[]; measure: ChildMeasure; min_percent: number; rounding?: Rounding }
  | { test: "points"; max: PointsValue; when?: Test }
  | { test: "deduction"; categories: string[]; per_event: PointsValue; max: PointsValue }
  | { test: "k_of_n"; k: number; of: Test[] }
  | { test: "all"; of: Test[] }
  | { test: "any"; of: Test[] };

export interface Criterion {
  id: string;
  kinds: Kind[];
  label: Text;
  legal_basis: LegalRef[];
  certainty: Certainty;
  wording: Wording;
  mandatory?: boolean;
  test: Test;
  /** The supplement that added or replaced it (set when applied). */
  source?: string;
}

/** The period an instrument applies in (both days included), with how certain its bounds are. */
export interface Effective { from?: IsoDate; until?: IsoDate; certainty?: Certainty; note?: string; }
export interface WindowRule { kinds: Kind[]; start: YearDate; end: YearDate; review_by?: YearDate; legal_basis?: LegalRef[]; }

/** One instrument antq knows: a member of a family, with its period and what antq encodes of it. */
export interface Instrument {
  id: string;
  family: string;
  title: Text;
  legal_basis: LegalRef[];
  effective: Effective;
  encoding: "rule_set" | "medal" | "team_ranking" | "not_encoded";
  version?: string;
  content_hash?: string;
}

/** A family of instruments: the successive texts of one rule, earliest first. */
export interface Family { id: string; instruments: Instrument[]; }
export interface ScopeRule {
  code: string;
  armed_forces?: boolean;
  enterprise_sizes?: EnterpriseSize[];
  school_levels?: SchoolLevel[];
  reason: Text;
  legal_basis?: LegalRef[];
}
export interface Category { id: string; label: Text; legal_basis?: LegalRef[]; certainty: Certainty; }
export interface Parameter { value: number; illustrative: boolean; label: Text; }
export interface Level { id: string; label: Text; min: PointsValue; }
export interface Sheet {
  kinds: Kind[];
  total: PointsValue;
  complete?: boolean;
  levels: Level[];
  levels_illustrative: boolean;
  cap_on_mandatory_failure?: string;
}
export type OutcomePolicy =
  | { policy: "all_mandatory" }
  | { policy: "points"; sheets: Sheet[] }
  | { policy: "typical"; prerequisite?: string; prerequisite_illustrative?: boolean; quota_per?: Kind };

/** A supplement applied: its id, version, mark, hash, the criteria it added or replaced, and the period it set. */
export interface SupplementRef {
  id: string; version: string; certainty: Certainty; content_hash: string; added?: string[]; replaced?: string[];
  effective?: Effective;
}

/** The rule set a result was made with: id, version, hash, and each supplement applied. */
/** The rule set a result was made with; `illustrative_defaults`: the illustrative defaults [I] it uses
 * instead of published values (absent when none), on which the answers that depend on them rest. */
export interface RulesRef { id: string; version: string; content_hash: string; supplements?: SupplementRef[]; illustrative_defaults?: string[]; }

/** A rule set file (`format_version` 1). */
export interface RuleSetData {
  format_version: 1;
  id: string;
  version: string;
  title: Text;
  legal_basis: LegalRef[];
  /** The family of instruments it belongs to (e.g. `vn.c124`). */
  family?: string;
  effective?: Effective;
  windows?: WindowRule[];
  scope?: ScopeRule[];
  categories?: Category[];
  parameters?: Record<string, Parameter>;
  criteria: Criterion[];
  outcome: OutcomePolicy;
  applied_supplements?: SupplementRef[];
}

/** A provincial supplement layered on a base rule set. */
export interface SupplementData {
  format_version: 1;
  id: string;
  version: string;
  title: Text;
  base: string;
  certainty: Certainty;
  description?: string;
  categories?: Category[];
  criteria?: Criterion[];
  replace_criteria?: Criterion[];
  parameters?: Record<string, Parameter>;
  sheets?: Sheet[];
  /** The period the province applies the layered rule set in, replacing the base's. */
  effective?: Effective;
  /** What a typical rule set's quota is counted per, replacing the base's. */
  quota_per?: Kind;
}

// ----- evaluation --------------------------------------------------------------------

export type Status = "met" | "not_met" | "unknown";

/** A closed date interval. */
export interface Window { start: IsoDate; end: IsoDate; }

/** One test (or group) of a criterion, with what was observed against what passes. */
export interface Check {
  test: string;
  depth: number;
  status: Status;
  observed?: string;
  threshold: string;
  explanation: Text;
}

/** An item's scores: `reviewed` counts for the level; `computed` is the rule's score from the
 * evidence (a condition, a deduction), `reviewer` the reviewer's own score kept beside it. */
export interface ItemScore { self?: number; reviewed?: number; max: number; computed?: number; reviewer?: number; }

export interface CriterionResult {
  id: string;
  label: Text;
  mandatory: boolean;
  certainty: Certainty;
  /** The supplement that added or replaced the criterion. */
  source?: string;
  legal_basis: LegalRef[];
  status: Status;
  checks: Check[];
  score?: ItemScore;
}

export type MissingKind =
  | "evidence_record" | "indicator" | "attestation" | "score" | "child" | "sheet_items" | "prerequisite";

/** One piece of missing evidence that keeps an outcome undetermined. */
export interface Missing { criterion: string; kind: MissingKind; key: string; text: Text; }

export type Outcome =
  | { status: "meets" }
  | { status: "does_not_meet" }
  | { status: "undetermined" }
  | { status: "out_of_scope"; code: string; reason: Text }
  | { status: "level"; level: string; label: Text }
  | { status: "typical"; rank: number }
  | { status: "not_selected"; rank: number }
  | { status: "not_typical" };
export type OutcomeCode = Outcome["status"];

export interface ScoreSummary { reviewed?: number; self?: number; known_max: number; total: number; }

export type Authority = "commune_committee" | "district_committee" | "provincial_committee";
export interface Recognition { authority: Authority; label: Text; certainty: Certainty; }

export interface UnitResult {
  unit: string;
  name: string;
  kind: Kind;
  subkind?: string;
  parent?: string;
  /** The commune, district (none from 1 July 2025) and province on the reference date; a commune is its own commune. */
  commune?: string;
  district?: string;
  province?: string;
  window: Window;
  outcome: Outcome;
  met: number;
  of: number;
  criteria: CriterionResult[];
  missing: Missing[];
  score?: ScoreSummary;
  recognised_by?: Recognition;
  illustrative?: string[];
}

export interface DecisionRecord {
  rule_set: string;
  family?: string;
  effective: Effective;
  legal_basis: LegalRef[];
  /** Set when the rule set was applied outside its period at the caller's request. */
  outside_period?: boolean;
  /** Set when the reference date lies outside the year's review at the caller's request. */
  as_of_outside_year?: boolean;
  version: string;
  content_hash: string;
  supplements: SupplementRef[];
  parameters: Record<string, Parameter>;
  illustrative_defaults: string[];
  year: number;
  as_of: IsoDate;
  prerequisite?: DecisionRecord;
  engine: string;
}

/** Counts of outcome codes (`meets`, `level:xuat_sac`, …) per kind. */
export type Summary = Partial<Record<Kind, Record<string, number>>>;

/** The whole evaluation as data. */
/** The whole evaluation as data; `lints` lists what the evidence gives that the rule set does not read. */
export interface EvaluationData { decision: DecisionRecord; units: UnitResult[]; summary: Summary; lints?: Problem[]; }

/** One unit's result as a flat row: the core's evaluation table, keys in `headers().evaluation` order. */
export interface UnitRow {
  unit: string;
  name: string;
  kind: Kind;
  subkind: string | null;
  parent: string | null;
  commune: string | null;
  district: string | null;
  province: string | null;
  outcome: OutcomeCode;
  level: string | null;
  rank: number | null;
  out_of_scope: string | null;
  met: number;
  of: number;
  /** Ids of the criteria not met. */
  failed: string[];
  /** Keys of the missing evidence. */
  missing: string[];
  score_reviewed: number | null;
  score_self: number | null;
  recognised_by: Authority | null;
  window_start: IsoDate;
  window_end: IsoDate;
  /** The rule set that decided: `id version sha256:` and 12 hex digits of its content hash. */
  rule_set: string;
  /** The supplements applied, each as `id version sha256:…`. */
  supplements: string[];
}

/** One criterion of one unit as a flat row: the core's criteria table, keys in `headers().criteria` order. */
export interface CriterionRow {
  unit: string;
  criterion: string;
  status: Status;
  mandatory: boolean;
  certainty: Certainty;
  observed: string | null;
  threshold: string | null;
  points: number | null;
  legal_basis: string[];
  explanation_en: string | null;
  explanation_vi: string | null;
}

/** One parent's share of units meeting (`Evaluation.shares()`, keys in `headers().shares` order). */
export interface ParentShare {
  parent: string;
  /** Its units in scope. */
  units: number;
  /** Those meeting (meets, or typical). */
  meeting: number;
  /** Those undetermined (among `units`, not `meeting`). */
  undetermined: number;
  /** `meeting / units`. */
  share: number;
}

// ----- statistics --------------------------------------------------------------------

export interface AwardCount { issuer: Issuer; form: AwardForm; recipient: Recipient; count: number; }

export interface ActivityTotals {
  /** Activity records counted in the window; with none, every figure is unknown (0 here). */
  records: number;
  propaganda_meetings: number;
  attendees: number;
  tip_offs: number;
  valuable_tip_offs: number;
  models: number;
  model_sites: number;
  typical_models: number;
  festivals: number;
  festival_participants: number;
  awards: AwardCount[];
  people_helped: number;
  people_reformed: number;
  support_vnd: number;
  houses: number;
}

export interface StatsRow {
  unit: string;
  name: string;
  kind: Kind;
  parent?: string;
  own: ActivityTotals;
  total: ActivityTotals;
}

/** Activity statistics for a year, rows in hierarchy order. */
/** `window_certainty`: how certain the window is, `"inferred"` [I] (the review window of communes applied to activities). */
/** `lints`: what no total counts (`unreviewed_evidence`: activities in the window of units that do not exist in it); absent when none. */
export interface Stats { year: number; window: Window; window_certainty: Certainty; rows: StatsRow[]; lints?: Problem[]; }

// ---------------------------------------------------------------- decision support

/** One evidence change of a plan (`whatIf`). */
export type PlanAction =
  | { action: "set_indicator"; indicator: string; from?: string | number | boolean; to: string | number | boolean; witness?: boolean }
  | { action: "attest"; key: string; from?: "yes" | "no" | "unknown" }
  | { action: "score"; item: string; from?: number; to: number; max: number }
  | { action: "remove_incident"; date: string; category: string };
export type PlanChange = PlanAction & {
  unit: string;
  criterion: string;
  via?: string;
  kind: "supply" | "improve" | "blocked";
  text: Text;
};
export type PlanTarget =
  | { target: "standard" }
  | { target: "level"; level: string; min: number }
  | { target: "none" }
  | { target: "typical"; criteria_needed: number };
/** The smallest set of changes that takes a unit to its target. */
export interface Plan {
  unit: string;
  name: string;
  rule_set: string;
  /** The rule set's version, hash and supplements. */
  rules: RulesRef;
  year: number;
  current: Outcome;
  target: PlanTarget;
  status: "reached" | "reachable" | "blocked" | "unreachable";
  changes: PlanChange[];
  points_to_gain?: number;
  notes: Text[];
  /** Set when `whatIf` was asked to verify: `null` for a plan that is not reachable (nothing to apply). */
  verified?: boolean | null;
}
/** What `whatIf` returns: one plan per unit asked, in order, and the lints of the evaluation behind them (absent when none): what the data gives that the rules do not read. */
export interface WhatIf { plans: Plan[]; lints?: Problem[]; }
export interface ImpactSide { rule_set: string; content_hash: string; supplements: string[]; year: number; rules: RulesRef; }
export interface ImpactCause { what: string; before?: string; after?: string; text: Text; }
export interface ImpactRow {
  unit: string; name: string; kind: Kind; parent?: string; commune?: string; district?: string; province?: string;
  before: string; after: string; direction: "up" | "down" | "other"; causes: ImpactCause[];
}
export interface ParentImpact {
  parent: string | null; units: number; changed: number;
  positive_before: number; positive_after: number; up: number; down: number;
}
/** The units whose outcome changes between two rule sets on the same data. */
/** `lints`: the two evaluations' lints, each once (absent when none): what the data gives that the rules do not read. */
export interface Impact { base: ImpactSide; changed: ImpactSide; units_compared: number; units: ImpactRow[]; parents: ParentImpact[]; lints?: Problem[]; }
export interface SensitivitySpec {
  sampling: { mode: "random"; samples: number; seed: number } | { mode: "grid"; steps: number };
  cutoff_range: number;
  max_range_percent: number;
  pass_level?: string;
}
export interface UnitSensitivity {
  unit: string; parent?: string; total: number; level: string;
  level_changed: number; level_changed_share: number; levels: Record<string, number>;
  rank: number; rank_min: number; rank_max: number; rank_mean: number; rank_unchanged_share: number;
}
export interface ParentSensitivity {
  parent: string | null; units: number; share: number; share_min: number; share_max: number; share_mean: number;
}
export interface SensitivityReport {
  rule_set: string; rules: RulesRef; year: number; spec: SensitivitySpec; pass_level: string; samples: number;
  units_classified: number; units_skipped: number; units: UnitSensitivity[]; parents: ParentSensitivity[];
  /** The evaluation's lints (absent when none). */
  lints?: Problem[];
}
export interface YearRow {
  unit: string; name: string; kind: Kind; parent?: string; commune?: string; district?: string; province?: string;
  before: string; after: string;
  movement: "newly_meets" | "no_longer_meets" | "changed" | "same" | "only_earlier" | "only_later";
  met_before?: string; met_after?: string; score_before?: number; score_after?: number; score_change?: number;
  incidents_before: number; incidents_after: number; incidents_change_percent?: number; criteria_changed?: string[];
}
export interface YearParent {
  parent: string | null; units: number; meeting_before: number; meeting_after: number;
  newly_meeting: number; no_longer_meeting: number; incidents_before: number; incidents_after: number;
  incidents_change_percent?: number;
}
/** The same units in two years. */
/** `review`: every unit's verdict, one array per column (row `i` of every array is one unit), and
 * `lints`: what the evidence gives that the rule set does not read (as `EvaluationData.lints`). */
export interface Verdicts {
  record: DecisionRecord;
  lints: Problem[];
  rows: number;
  columns: VerdictColumns;
}
/** The fixed columns, then one per criterion id of the rule set: its status, or `null` where it does not apply. */
export interface VerdictColumns {
  unit: string[]; kind: Kind[]; subkind: (string | null)[]; parent: (string | null)[];
  commune: (string | null)[]; district: (string | null)[]; province: (string | null)[];
  outcome: OutcomeCode[]; level: (string | null)[]; rank: (number | null)[]; met: number[]; of: number[];
  [criterion: string]: (string | number | null)[];
}

export interface YearComparison {
  rule_set: string; from_year: number; to_year: number;
  /** The rule set of each year (the law may differ between them). */
  rules: [RulesRef, RulesRef];
  units: YearRow[]; parents: YearParent[];
  newly_meeting: string[]; no_longer_meeting: string[];
  /** The two evaluations' lints, each once (absent when none). */
  lints?: Problem[];
}

// ---- DOMAIN §6: grassroots security teams and the commemorative medal -------------------

/** The instrument a §6 result was reached under (chosen by the input's date; `law::in_force`). */
export interface InstrumentRef { id: string; version: string; content_hash: string; }

/** A team or member level: hoàn thành xuất sắc / tốt / hoàn thành / không hoàn thành. */
export type TeamLevel = "excellent" | "good" | "completed" | "not_completed";
export type TeamRole = "leader" | "deputy" | "member";
/** The base of the 20% cap; each instrument has its default (`ranked` for vn.teams-2024, `ranked_good` for vn.teams-2026). */
export type CapBase = "ranked" | "all" | "good_or_above" | "ranked_good";
export interface Team {
  id: string; name: string; commune: string; active_from: IsoDate; proposed: TeamLevel; score?: number;
  /** Required: a team in a complaint period is not ranked, and no answer is assumed. */ pending_complaint: boolean;
}
export interface TeamMember {
  id: string; name: string; team: string; role: TeamRole; served_from: IsoDate; proposed: TeamLevel; score?: number;
  /** Required, as for a team. */ pending_complaint: boolean;
  /** Format 2: a deputy assigned to lead. */ acting_leader?: boolean;
  /** Format 2: newly transferred to lead the team. */ newly_transferred?: boolean;
  /** Format 2: judged unconnected with the team's level. */ judged_unconnected?: boolean;
}
export interface RankingParams { excellent_cap_percent?: number; cap_base?: CapBase; }
export interface UsedRankingParams { excellent_cap_percent: number; cap_base: CapBase; }
export interface RankingInput {
  format_version?: 1 | 2; year: number; reference_date?: IsoDate; instrument?: string;
  teams: Team[]; members?: TeamMember[]; params?: RankingParams;
}
export type TeamReasonCode = "short_service" | "pending_complaint" | "excellent_cap" | "leader_above_team" | "team_not_ranked" | "newly_transferred_leader";
export interface TeamReason { code: TeamReasonCode; text: Text; }
export interface TeamResult { id: string; name: string; commune: string; proposed: TeamLevel; level: TeamLevel | null; months_in_window: number; reasons: TeamReason[]; }
export interface MemberResult { id: string; name: string; team: string; role: TeamRole; proposed: TeamLevel; level: TeamLevel | null; months_in_window: number; reasons: TeamReason[]; }
export interface CapResult { commune: string; subject: "teams" | "members"; base: number; allowed: number; proposed_excellent: number; lowered: string[]; }
export interface TeamRanking {
  year: number; window: Window; reference_date: IsoDate; instrument: InstrumentRef;
  parameters: UsedRankingParams; illustrative: string[]; notes: Text[];
  decided_by: Issuer; decided_by_label: Text; legal_basis: LegalRef[]; certainty: Certainty;
  teams: TeamResult[]; members: MemberResult[]; caps: CapResult[];
}

export type Sex = "male" | "female";
export type MedalGroup = "organisation_leader" | "grassroots_police" | "guard" | "street_guard" | "grassroots_security_team";
export type ServiceKind = "leader_post" | "grassroots_security_team" | "civil_protection" | "part_time_commune_police" | "street_guard" | "agency_guard";
/** Its coefficient comes from the instrument (2 for the last three under Circular 20/2025). */
export type ServiceAreaKind = "ordinary" | "particular_hardship" | "border" | "island";
export type IssuerLevel = "commune" | "district" | "provincial" | "ministry";
export type PostLevel = "below_commune" | "commune" | "district" | "provincial" | "central";
export interface PriorAward {
  issuer: Issuer; form?: AwardForm; date: IsoDate;
  /** Given for work in the movement (Circular 20/2025 counts only these); unknown when left out. */ for_movement?: boolean | null;
}
export interface ServicePeriod { kind: ServiceKind; area?: ServiceAreaKind; from: IsoDate; until?: IsoDate; }
export interface Discipline { from: IsoDate; until?: IsoDate; }
export interface MedalCandidate {
  id: string; name: string; sex: Sex; group: MedalGroup;
  /** Format 1 (read as one period, with a note); give `service` instead. */ in_post_from?: IsoDate;
  /** Format 2. */ service?: ServicePeriod[];
  post_level?: PostLevel; prior_awards?: PriorAward[];
  /** The dossier confirms no excluding or deferring fact applies: those left out read as "no" (listed in a note). */
  exclusions_checked?: boolean;
  /** Each fact below is unknown when left out (the outcome is then `undetermined`), unless `exclusions_checked`. */
  serious_incident_in_unit?: boolean; social_evil_hotspot_in_area?: boolean; already_received?: boolean;
  under_prosecution?: boolean; was_prosecuted?: boolean; sent_to_compulsory_education?: boolean;
  under_disciplinary_sanction?: boolean; disciplines?: Discipline[]; under_disciplinary_review?: boolean; unresolved_complaint?: boolean;
  holds_chien_si_ve_vang?: boolean; holds_vi_an_ninh_to_quoc_medal?: boolean; holds_police_service_order?: boolean;
  stripped_of_police_title?: boolean; dropped_as_collaborator?: boolean; completed_tasks_well?: boolean;
}
export interface MedalParams { commendation_min_level?: IssuerLevel; }
export interface MedalInput { format_version?: 1 | 2; reference_date: IsoDate; instrument?: string; params?: MedalParams; candidates: MedalCandidate[]; }
export type MedalOutcome = "eligible" | "not_eligible" | "deferred" | "undetermined" | "not_covered";
export type MedalConditionCode =
  | "group_named" | "once_per_person" | "not_prosecuted" | "not_in_compulsory_education" | "no_chien_si_ve_vang"
  | "no_vi_an_ninh_to_quoc_medal" | "no_police_service_order" | "not_stripped_of_police_title" | "not_dropped_as_collaborator"
  | "service_years" | "post_level" | "prior_award" | "movement_commendation" | "no_social_evil_hotspot" | "no_serious_incident"
  | "completed_tasks_well" | "no_disciplinary_sanction" | "no_disciplinary_review" | "no_unresolved_complaint";
export interface MedalCondition { code: MedalConditionCode; met: boolean; effect: MedalOutcome; observed: string; threshold: string; explanation: Text; certainty: Certainty; }
export interface CountedPeriod { kind: ServiceKind; area: ServiceAreaKind; from: IsoDate; until?: IsoDate; counted: boolean; coefficient: number; days: number; }
export interface MedalAssessment {
  id: string; name: string; group: MedalGroup; sex: Sex; reference_date: IsoDate; instrument: InstrumentRef; outcome: MedalOutcome;
  service_years: number; required_years: number; service_days: number; service_counted_from?: IsoDate; service: CountedPeriod[];
  conditions: MedalCondition[]; reasons: Text[]; parameters: MedalParams; illustrative: string[]; notes: Text[];
  legal_basis: LegalRef[]; certainty: Certainty;
}

/** `festivalDay`: what a date is for the festival day (19 August, from 2005) and its season. */
export interface FestivalParams { season_start: YearDate; }
export interface FestivalCheck {
  date: IsoDate; festival_day: IsoDate | null; season: Window | null; is_festival_day: boolean; in_season: boolean;
  next_festival_day: IsoDate | null; parameters: FestivalParams; illustrative: string[]; legal_basis: LegalRef[];
  explanation: Text;
}
