import type { Rule } from '../criteria/criteria.types';

/** The two teams that sign the agreement. */
export type Team = 'marketing' | 'sales';

/**
 * What a stage means to the funnel: `open` stages form the ordered funnel; `won` and `lost` close it;
 * `recycled` and `disqualified` are side states outside the order.
 */
export type StageKind = 'open' | 'won' | 'lost' | 'recycled' | 'disqualified';

/** A funnel stage with its owner and its measurable entry / exit criteria. */
export interface StageDefinition<TStage extends string = string> {
  id: TStage;
  label: string;
  owner: Team;
  /** Default `"open"`. */
  kind?: StageKind;
  description?: string;
  /** What must hold for a lead to enter the stage. */
  entry?: Rule;
  /** What must hold for a lead to move forward out of the stage. */
  exit?: Rule;
}

/** How the lifecycle treats moves that are not one step forward. */
export interface TransitionPolicy<TStage extends string = string> {
  /**
   * A move to an earlier stage: `deny` it, allow it only with a written reason (`allowWithReason`),
   * or turn it into a `recycle` (the lead goes to the recycle stage and later starts a new cycle).
   */
  backward: 'deny' | 'allowWithReason' | 'recycle';
  /** May a lead jump over open stages? */
  allowSkip: boolean;
  /** The recycle stage for backward moves and recycle dispositions. Default: the first stage of kind `recycled`. */
  recycleTo?: TStage;
  /**
   * Where a lead in a side state (recycled, disqualified) may re-enter the funnel, starting a new
   * cycle. Default: the open stages owned by marketing.
   */
  reentryTo?: readonly TStage[];
}

/** A suppression rule of marketing's lead standard (students, competitors, personal e-mail…). */
export interface SuppressionRule {
  id: string;
  label: string;
  description?: string;
  when: Rule;
}

/** Marketing's side of the SLA: what every lead handed to sales must have, and must not be. */
export interface LeadStandard {
  /** Field paths that must be present (not undefined, null or empty). */
  requiredFields: readonly string[];
  suppress: readonly SuppressionRule[];
}

/** Days of the week, as keys of a calendar's weekly hours. */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** Opening hours as `['HH:MM', 'HH:MM']`, start inclusive, end exclusive; `'24:00'` ends a day. */
export type HoursInterval = readonly [start: string, end: string];

/** A closed day (`"2026-12-25"`) or a day with shorter hours (`{ date, hours: [['09:00','12:00']] }`). */
export type Holiday = string | { date: string; label?: string; hours?: readonly HoursInterval[] };

/**
 * A business calendar: weekly opening intervals in a time zone (several a day for breaks) and
 * holidays — or `alwaysOpen: true` for a 24/7 calendar (then `week` and `holidays` are not given).
 */
export interface CalendarDefinition {
  label?: string;
  timezone: string;
  week?: { readonly [D in Weekday]?: readonly HoursInterval[] };
  holidays?: readonly Holiday[];
  alwaysOpen?: boolean;
}

/** Whether an SLA target counts business minutes (on its calendar) or wall-clock minutes. */
export type SlaClock = 'business' | 'calendar';

/** A duration on an SLA clock. */
export interface SlaDuration {
  minutes: number;
  clock: SlaClock;
}

/** What happens when an SLA breaches, in order. */
export type EscalationAction = 'notify_owner' | 'notify_manager' | 'reroute';

/** One rung of an escalation ladder (at most five, like Salesforce escalation rules). */
export interface EscalationStep {
  /** Minutes after the breach, on the SLA's clock (`0` = at the breach). Strictly increasing. */
  afterMinutes: number;
  action: EscalationAction;
  /** For `reroute`: the queue. Default: the routing fallback queue. */
  queue?: string;
}

interface SlaBase<TSla extends string, TCalendar extends string> {
  id: TSla;
  label: string;
  description?: string;
  /** The team that makes the promise. */
  side: Team;
  /** Which leads the SLA covers. Default: all. */
  appliesTo?: Rule;
  /** Lower wins when several SLAs of the same kind apply (first matching policy). Default 100. */
  priority?: number;
  /** The business calendar; required for business-clock targets (the fallback with `calendarFrom`). */
  calendar?: TCalendar;
  /**
   * `'owner'`: count on the working hours of the lead's owner — the calendar of their routing-pool
   * membership (an EMEA rep's clock runs on London hours) — and on `calendar` when they have none.
   */
  calendarFrom?: 'owner';
}

interface ClockSlaBase<TSla extends string, TStage extends string, TCalendar extends string>
  extends SlaBase<TSla, TCalendar> {
  /** The clock starts when the lead enters this stage. */
  start: { stage: TStage };
  /** While this holds, the clock is paused (e.g. status "waiting on prospect"). */
  pause?: Rule;
  target: SlaDuration;
  /** Warn at this share of the target (0–1, exclusive). Default 0.75. */
  warnAt?: number;
  escalate?: readonly EscalationStep[];
}

/** Sales: first touch within the target after the lead enters the start stage. */
export interface FirstTouchSla<
  TSla extends string = string,
  TStage extends string = string,
  TCalendar extends string = string,
> extends ClockSlaBase<TSla, TStage, TCalendar> {
  kind: 'first_touch';
  /** Activity types that count as a touch. Default: all. */
  activityTypes?: readonly string[];
}

/** Sales: accept or reject (with a reason) within the target. */
export interface DispositionSla<
  TSla extends string = string,
  TStage extends string = string,
  TCalendar extends string = string,
> extends ClockSlaBase<TSla, TStage, TCalendar> {
  kind: 'disposition';
}

/** Sales: at least `minTouches` touches within the target window. */
export interface TouchesSla<
  TSla extends string = string,
  TStage extends string = string,
  TCalendar extends string = string,
> extends ClockSlaBase<TSla, TStage, TCalendar> {
  kind: 'touches';
  minTouches: number;
  activityTypes?: readonly string[];
}

/** Marketing: every lead handed over at `at.stage` meets the lead standard. */
export interface LeadStandardSla<
  TSla extends string = string,
  TStage extends string = string,
  TCalendar extends string = string,
> extends SlaBase<TSla, TCalendar> {
  kind: 'lead_standard';
  at: { stage: TStage };
}

/** Marketing: the share of leads moving `from` → `to` stays at or above `min` per period. */
export interface AcceptanceRateSla<
  TSla extends string = string,
  TStage extends string = string,
  TCalendar extends string = string,
> extends SlaBase<TSla, TCalendar> {
  kind: 'acceptance_rate';
  from: TStage;
  to: TStage;
  min: number;
  period: 'week' | 'month' | 'quarter';
}

/** A two-way SLA policy. */
export type SlaDefinition<
  TSla extends string = string,
  TStage extends string = string,
  TCalendar extends string = string,
> =
  | FirstTouchSla<TSla, TStage, TCalendar>
  | DispositionSla<TSla, TStage, TCalendar>
  | TouchesSla<TSla, TStage, TCalendar>
  | LeadStandardSla<TSla, TStage, TCalendar>
  | AcceptanceRateSla<TSla, TStage, TCalendar>;

/** What a disposition reason sets in motion. */
export type DispositionAction = 'nurture' | 'enrich' | 'reroute' | 'suppress' | 'recycle' | 'disqualify';

/** The extra input a reason needs (which competitor? recycle when?). */
export interface DispositionDetail {
  kind: 'text' | 'date' | 'choice';
  label: string;
  required: boolean;
  /** For `choice`. */
  options?: readonly string[];
}

/** A standard reject / recycle reason and the action it triggers. */
export interface DispositionReason<TReason extends string = string, TStage extends string = string> {
  id: TReason;
  label: string;
  description?: string;
  action: DispositionAction;
  /** Stages in which the reason may be picked. Default: every open stage. */
  appliesIn?: readonly TStage[];
  /** Where the lead goes. Default: from the action (recycle stage, disqualified stage, or stay). */
  toStage?: TStage;
  detail?: DispositionDetail;
}

/** Who a routing rule assigns to. */
export type RoutingAssignment<TPool extends string = string> =
  | { pool: TPool }
  | { queue: string }
  | { user: string }
  | { accountOwner: true }
  | { territory: true };

/** An ordered routing rule: the first whose `when` matches assigns. */
export interface RoutingRule<TPool extends string = string> {
  id: string;
  label?: string;
  when?: Rule;
  assign: RoutingAssignment<TPool>;
}

/** One cell of the territory matrix: region × segment → pool. Omitted dimensions match anything. */
export interface Territory<TPool extends string = string> {
  id: string;
  regions?: readonly string[];
  segments?: readonly string[];
  pool: TPool;
}

/** A member of a round-robin pool. */
export interface PoolMember<TCalendar extends string = string> {
  userId: string;
  /** Share of leads relative to the others. Default 1. */
  weight?: number;
  /** Working hours. Default: always available. */
  calendar?: TCalendar;
  capPerDay?: number;
  capPerWeek?: number;
}

/** A team that shares leads by weighted round robin. */
export interface Pool<TPool extends string = string, TCalendar extends string = string> {
  id: TPool;
  label?: string;
  /** Who gets "notify manager" escalations. */
  managerId?: string;
  /**
   * When nobody is in working hours: `fallback` (default) sends the lead to the fallback queue;
   * `next_shift` still round-robins it among members who are not away or capped — it waits for their shift.
   */
  afterHours?: 'fallback' | 'next_shift';
  members: readonly PoolMember<TCalendar>[];
}

/** Assignment rules, territories, pools and the fallback queue. */
export interface RoutingDefinition<TPool extends string = string, TCalendar extends string = string> {
  rules: readonly RoutingRule<NoInfer<TPool>>[];
  territories?: readonly Territory<NoInfer<TPool>>[];
  pools: readonly Pool<TPool, TCalendar>[];
  /** Where a lead goes when no rule or pool member can take it. */
  fallbackQueue: string;
}

/** Who owns a metric's definition. */
export type MetricOwner = Team | 'shared';

/** An arithmetic tree over metrics (no expression strings, nothing evaluated as code). */
export type MetricExpression =
  | { metric: string }
  | { const: number }
  | { op: 'add' | 'sub' | 'mul' | 'div'; left: MetricExpression; right: MetricExpression };

interface MetricBase {
  id: string;
  label: string;
  description?: string;
  owner: MetricOwner;
  unit: 'count' | 'ratio' | 'days' | 'hours' | 'minutes' | 'money';
  direction: 'higher' | 'lower';
  view?: 'cohort' | 'period';
}

/** A metric written into the agreement, beside the built-in ones. */
export type MetricDefinition<TStage extends string = string> =
  | (MetricBase & {
      kind: 'simple';
      of: 'leads' | 'opportunities' | 'activities' | 'touchpoints';
      agg: 'count' | 'sum' | 'avg';
      field?: string;
      filter?: Rule;
    })
  | (MetricBase & { kind: 'ratio'; numerator: string; denominator: string })
  | (MetricBase & { kind: 'derived'; expression: MetricExpression })
  | (MetricBase & { kind: 'conversion'; from: TStage; to: TStage; windowDays?: number });

/** A target band for a metric. */
export interface MetricTarget {
  min?: number;
  max?: number;
}

/** The attribution models. */
export type AttributionModel =
  | 'first_touch'
  | 'last_touch'
  | 'linear'
  | 'time_decay'
  | 'position_based'
  | 'w_shaped'
  | 'full_path'
  | 'markov'
  | 'shapley';

/** The attribution rule, agreed before measuring. */
export interface AttributionSettings {
  model: AttributionModel;
  lookbackDays: number;
  /** For `time_decay`. */
  halfLifeDays?: number;
}

/**
 * One firmographic criterion of the ideal customer profile: a rule over the lead (industry in a list,
 * an employee band, a country, a tech signal in `attributes`) and the weight it adds when it matches.
 */
export interface IcpCriterion {
  id: string;
  label: string;
  description?: string;
  /** Points of fit this criterion is worth, relative to the other criteria (≥ 0). */
  weight: number;
  /** When the lead matches, e.g. `{ field: 'attributes.industry', op: 'in', value: ['saas', 'fintech'] }`. */
  when: Rule;
}

/**
 * The lowest fit score (0–100) of each tier, strictly descending (`A > B > C`). A score below `C`
 * is tier `none`.
 */
export interface IcpTiers {
  A: number;
  B: number;
  C: number;
}

/** The ideal customer profile: weighted criteria and the tiers of the resulting fit score. */
export interface IcpDefinition {
  criteria: readonly IcpCriterion[];
  tiers: IcpTiers;
  /**
   * The sum the weights must add up to (say `100`), so a criterion added or re-weighted without
   * rebalancing the others is caught when the agreement is parsed (`weights_mismatch`).
   */
  declaredTotal?: number;
}

/**
 * One intent signal: which of the lead's activities (by `type`) or touchpoints (by `channel`,
 * `campaignId`) count, what each is worth, and how fast that worth fades. All given conditions must
 * hold; omitted ones match anything.
 */
export type IntentSignal = {
  id: string;
  label: string;
  description?: string;
  /** Engagement points of one event of this signal when it is brand new (≥ 0). */
  weight: number;
  /** Days after which an event counts half as much (`> 0`). */
  halfLifeDays: number;
  /** An extra rule over the event record, e.g. `{ field: 'type', op: 'matches', value: '^webinar' }`. */
  when?: Rule;
} & (
  | { source: 'activity'; types?: readonly string[] }
  | { source: 'touchpoint'; channels?: readonly string[]; campaignIds?: readonly string[] }
);

/** The intent signals and the cap of the engagement score. */
export interface IntentDefinition {
  signals: readonly IntentSignal[];
  /** The highest engagement score (0–100]. Default 100. */
  cap?: number;
}

/**
 * A tier of target accounts (account-based plays): an explicit account list, a rule over the
 * {@link Account} record, or both (an account is in the tier when it is listed or matches). The
 * first tier that takes an account wins, in the agreement's order (`tier1` before `tier2`).
 */
export interface TargetAccountTier {
  id: string;
  label: string;
  description?: string;
  accountIds?: readonly string[];
  /** A rule over the account, e.g. `{ field: 'segment', op: 'eq', value: 'enterprise' }`. */
  when?: Rule;
}

/** The target account lists, by tier. */
export interface TargetAccountsDefinition {
  tiers: readonly TargetAccountTier[];
}

/**
 * A role in the buying committee, and how to recognise the contacts (leads of the account) who hold
 * it: usually a rule over a title or a role field, e.g.
 * `{ field: 'attributes.title', op: 'matches', value: '\\b(CFO|VP Finance)\\b', flags: 'i' }`.
 */
export interface BuyingRole {
  id: string;
  label: string;
  description?: string;
  when: Rule;
}

/**
 * The roles that must be engaged in the accounts a requirement applies to (a segment, a tier), and
 * how recent engagement must be: a role is `engaged` when one of its contacts had an activity (of
 * `activityTypes`, default any) in the last `staleAfterDays` days, `stale` when only earlier.
 */
export interface CommitteeRequirement {
  id: string;
  label: string;
  /** A rule over the account (`segment`, `region`, `attributes.*`, or `tier` — its target tier id). Default: every account. */
  appliesTo?: Rule;
  /** The role ids that must be engaged. */
  roles: readonly string[];
  staleAfterDays: number;
  activityTypes?: readonly string[];
}

/** The buying committee: its roles and, per segment, which of them must be engaged. The first requirement that applies wins. */
export interface BuyingCommitteeDefinition {
  roles: readonly BuyingRole[];
  requirements: readonly CommitteeRequirement[];
}

/** The kind of a loss reason, for the metrics every council asks for (no-decision rate, competitive losses). */
export type LossCategory = 'no_decision' | 'competitor' | 'price' | 'timing' | 'product_gap' | 'other';

/** A standard reason a deal was lost, and the detail it needs (which competitor?). */
export interface LossReason {
  id: string;
  label: string;
  description?: string;
  category: LossCategory;
  detail?: DispositionDetail;
}

/** An objection theme, to tag lost (and won) deals with. */
export interface ObjectionTheme {
  id: string;
  label: string;
  description?: string;
}

/** The win/loss catalog: loss reasons and objection themes, next to the lead reject reasons. */
export interface WinLossDefinition {
  lossReasons: readonly LossReason[];
  themes?: readonly ObjectionTheme[];
}

/**
 * A decision of the funnel council, kept with the definitions it concerns: what was agreed, by whom,
 * which metric will show whether it worked, and when to look again.
 */
export interface CouncilDecision {
  id: string;
  /** The day it was decided (`YYYY-MM-DD`). */
  date: string;
  decision: string;
  /** Who carries it out (a person or a team). */
  owner: string;
  /** The metric to watch (a built-in or agreement metric id). */
  metric?: string;
  /** The day the council reviews it (`YYYY-MM-DD`, on or after `date`). */
  reviewOn?: string;
  /** Default `open`. */
  status?: 'open' | 'done' | 'reverted';
}

/**
 * The operating agreement between Sales and Marketing: the stages and their criteria, the two-way
 * SLAs, the disposition reasons, routing, metric definitions and targets, and the attribution rule.
 *
 * The type parameters carry the literal ids of stages, calendars, reasons, SLAs and pools, so that
 * `evaluateTransition(lead, 'sqll', agreement)` is a type error. {@link defineAgreement} infers them.
 */
export interface Agreement<
  TStage extends string = string,
  TCalendar extends string = string,
  TReason extends string = string,
  TSla extends string = string,
  TPool extends string = string,
> {
  id: string;
  name?: string;
  version: string;
  /** The first day (`YYYY-MM-DD`, in `timezone`) this version is in force. */
  effectiveFrom?: string;
  /** The agreement's home time zone (IANA): periods and dates without a time are read in it. */
  timezone: string;
  /** The reporting currency (ISO 4217). */
  currency?: string;
  stages: readonly StageDefinition<TStage>[];
  transitions: TransitionPolicy<NoInfer<TStage>>;
  leadStandard?: LeadStandard;
  calendars?: { readonly [K in TCalendar]: CalendarDefinition };
  slas?: readonly SlaDefinition<TSla, NoInfer<TStage>, NoInfer<TCalendar>>[];
  dispositions?: readonly DispositionReason<TReason, NoInfer<TStage>>[];
  routing?: RoutingDefinition<TPool, NoInfer<TCalendar>>;
  metrics?: readonly MetricDefinition<NoInfer<TStage>>[];
  targets?: { readonly [metricId: string]: MetricTarget };
  attribution?: AttributionSettings;
  /** The ideal customer profile, for fit scores and tiers. */
  icp?: IcpDefinition;
  /** The intent signals, for engagement scores. */
  intent?: IntentDefinition;
  /** Target account lists by tier, for account-based plays. */
  targetAccounts?: TargetAccountsDefinition;
  /** The buying committee that must be engaged, per segment. */
  buyingCommittee?: BuyingCommitteeDefinition;
  /** The opportunity loss reasons and objection themes. */
  winLoss?: WinLossDefinition;
  /** The funnel council's decision log. */
  decisions?: readonly CouncilDecision[];
}

/** The stage ids of an agreement, as a union of literals. */
export type StageId<A extends Agreement> = A['stages'][number]['id'];
/** The disposition reason ids of an agreement. */
export type ReasonId<A extends Agreement> = NonNullable<A['dispositions']>[number]['id'];
/** The SLA ids of an agreement. */
export type SlaId<A extends Agreement> = NonNullable<A['slas']>[number]['id'];
/** The calendar ids of an agreement. */
export type CalendarId<A extends Agreement> = keyof NonNullable<A['calendars']> & string;
/** The pool ids of an agreement. */
export type PoolId<A extends Agreement> = NonNullable<A['routing']>['pools'][number]['id'];
