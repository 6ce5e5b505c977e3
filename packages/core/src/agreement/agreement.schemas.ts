import * as z from 'zod';
import {
  checkIntervals,
  isTimeOfDay,
  LABEL_MAX_LENGTH,
  MAX_HOLIDAYS,
  MAX_INTERVALS_PER_DAY,
} from '../_lib/calendarRules';
import {
  accordIssue,
  CurrencySchema,
  FieldPathSchema,
  IdSchema,
  IsoDateSchema,
  MetricIdSchema,
  TimeZoneSchema,
} from '../_lib/schemas';
import type { Rule } from '../criteria/criteria.types';
import { validateRule } from '../criteria/validateRule';
import type { Agreement, CalendarDefinition, MetricExpression } from './agreement.types';

const label = z.string().min(1).max(LABEL_MAX_LENGTH);
const description = z.string().max(4000).optional();
const team = z.enum(['marketing', 'sales']);

/** A {@link Rule}, checked by the criteria validator so issues point at the exact node. */
export const RuleSchema = z.unknown().superRefine((value, ctx) => {
  for (const { path, ...detail } of validateRule(value)) accordIssue(ctx, detail, [...path]);
}) as unknown as z.ZodType<Rule>;

const TimeOfDaySchema = z.string().superRefine((value, ctx) => {
  if (!isTimeOfDay(value)) accordIssue(ctx, { code: 'invalid_format', format: 'time_of_day', received: value });
});

/** Sorted, disjoint, non-empty intervals within one day. */
const IntervalsSchema = z
  .array(z.tuple([TimeOfDaySchema, TimeOfDaySchema]))
  .max(MAX_INTERVALS_PER_DAY)
  .superRefine((intervals, ctx) => {
    for (const { index, detail } of checkIntervals(intervals)) accordIssue(ctx, detail, [index]);
  });

const HolidaySchema = z.union([
  IsoDateSchema,
  z.strictObject({ date: IsoDateSchema, label: label.optional(), hours: IntervalsSchema.optional() }),
]);

/**
 * The structural schema of a {@link CalendarDefinition}; cross-field checks live in `checkCalendar`.
 * `sla/_validateCalendar.ts` is its zod-free twin (same issues), so the SLA functions stay small.
 */
export const CalendarSchema: z.ZodType<CalendarDefinition> = z.strictObject({
  label: label.optional(),
  timezone: TimeZoneSchema,
  week: z
    .strictObject({
      mon: IntervalsSchema.optional(),
      tue: IntervalsSchema.optional(),
      wed: IntervalsSchema.optional(),
      thu: IntervalsSchema.optional(),
      fri: IntervalsSchema.optional(),
      sat: IntervalsSchema.optional(),
      sun: IntervalsSchema.optional(),
    })
    .optional(),
  holidays: z.array(HolidaySchema).max(MAX_HOLIDAYS).optional(),
  alwaysOpen: z.boolean().optional(),
});

const StageSchema = z.strictObject({
  id: IdSchema,
  label,
  owner: team,
  kind: z.enum(['open', 'won', 'lost', 'recycled', 'disqualified']).optional(),
  description,
  entry: RuleSchema.optional(),
  exit: RuleSchema.optional(),
});

const TransitionsSchema = z.strictObject({
  backward: z.enum(['deny', 'allowWithReason', 'recycle']),
  allowSkip: z.boolean(),
  recycleTo: IdSchema.optional(),
  reentryTo: z.array(IdSchema).optional(),
});

const LeadStandardSchema = z.strictObject({
  requiredFields: z.array(FieldPathSchema).max(200),
  suppress: z.array(z.strictObject({ id: IdSchema, label, description, when: RuleSchema })).max(200),
});

const DurationSchema = z.strictObject({
  minutes: z
    .number()
    .positive()
    .max(60 * 24 * 366),
  clock: z.enum(['business', 'calendar']),
});

const EscalationSchema = z.strictObject({
  afterMinutes: z
    .number()
    .min(0)
    .max(60 * 24 * 366),
  action: z.enum(['notify_owner', 'notify_manager', 'reroute']),
  queue: z.string().min(1).max(128).optional(),
});

const slaBase = {
  id: IdSchema,
  label,
  description,
  side: team,
  appliesTo: RuleSchema.optional(),
  priority: z.number().int().min(0).max(1_000_000).optional(),
  calendar: IdSchema.optional(),
  calendarFrom: z.literal('owner').optional(),
};
const clockBase = {
  ...slaBase,
  start: z.strictObject({ stage: IdSchema }),
  pause: RuleSchema.optional(),
  target: DurationSchema,
  warnAt: z.number().gt(0).lt(1).optional(),
  escalate: z
    .array(EscalationSchema)
    .max(5)
    .superRefine((steps, ctx) => {
      steps.forEach((step, i) => {
        const previous = steps[i - 1];
        if (previous && step.afterMinutes <= previous.afterMinutes)
          accordIssue(ctx, { code: 'not_increasing', previous: previous.afterMinutes, value: step.afterMinutes }, [
            i,
            'afterMinutes',
          ]);
      });
    })
    .optional(),
};
const activityTypes = z.array(z.string().min(1).max(64)).min(1).max(50).optional();

const SlaSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('first_touch'), ...clockBase, activityTypes }),
  z.strictObject({ kind: z.literal('disposition'), ...clockBase }),
  z.strictObject({ kind: z.literal('touches'), ...clockBase, minTouches: z.int().min(1).max(1000), activityTypes }),
  z.strictObject({ kind: z.literal('lead_standard'), ...slaBase, at: z.strictObject({ stage: IdSchema }) }),
  z.strictObject({
    kind: z.literal('acceptance_rate'),
    ...slaBase,
    from: IdSchema,
    to: IdSchema,
    min: z.number().min(0).max(1),
    period: z.enum(['week', 'month', 'quarter']),
  }),
]);

const DispositionSchema = z.strictObject({
  id: IdSchema,
  label,
  description,
  action: z.enum(['nurture', 'enrich', 'reroute', 'suppress', 'recycle', 'disqualify']),
  appliesIn: z.array(IdSchema).min(1).optional(),
  toStage: IdSchema.optional(),
  detail: z
    .strictObject({
      kind: z.enum(['text', 'date', 'choice']),
      label,
      required: z.boolean(),
      options: z.array(label).min(1).max(200).optional(),
    })
    .optional(),
});

const AssignmentSchema = z.union([
  z.strictObject({ pool: IdSchema }),
  z.strictObject({ queue: z.string().min(1).max(128) }),
  z.strictObject({ user: z.string().min(1).max(128) }),
  z.strictObject({ accountOwner: z.literal(true) }),
  z.strictObject({ territory: z.literal(true) }),
]);

const RoutingSchema = z.strictObject({
  rules: z
    .array(
      z.strictObject({ id: IdSchema, label: label.optional(), when: RuleSchema.optional(), assign: AssignmentSchema }),
    )
    .max(1000),
  territories: z
    .array(
      z.strictObject({
        id: IdSchema,
        regions: z.array(z.string().min(1).max(128)).min(1).optional(),
        segments: z.array(z.string().min(1).max(128)).min(1).optional(),
        pool: IdSchema,
      }),
    )
    .max(10_000)
    .optional(),
  pools: z
    .array(
      z.strictObject({
        id: IdSchema,
        label: label.optional(),
        managerId: z.string().min(1).max(128).optional(),
        afterHours: z.enum(['fallback', 'next_shift']).optional(),
        members: z
          .array(
            z.strictObject({
              userId: z.string().min(1).max(128),
              weight: z.number().positive().max(1000).optional(),
              calendar: IdSchema.optional(),
              capPerDay: z.int().min(0).optional(),
              capPerWeek: z.int().min(0).optional(),
            }),
          )
          .max(1000),
      }),
    )
    .max(1000),
  fallbackQueue: z.string().min(1).max(128),
});

const MetricExpressionSchema: z.ZodType<MetricExpression> = z.lazy(() =>
  z.union([
    z.strictObject({ metric: MetricIdSchema }),
    z.strictObject({ const: z.number().refine(Number.isFinite) }),
    z.strictObject({
      op: z.enum(['add', 'sub', 'mul', 'div']),
      left: MetricExpressionSchema,
      right: MetricExpressionSchema,
    }),
  ]),
);

const metricBase = {
  id: MetricIdSchema,
  label,
  description,
  owner: z.enum(['marketing', 'sales', 'shared']),
  unit: z.enum(['count', 'ratio', 'days', 'hours', 'minutes', 'money']),
  direction: z.enum(['higher', 'lower']),
  view: z.enum(['cohort', 'period']).optional(),
};

const MetricSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...metricBase,
    kind: z.literal('simple'),
    of: z.enum(['leads', 'opportunities', 'activities', 'touchpoints']),
    agg: z.enum(['count', 'sum', 'avg']),
    field: FieldPathSchema.optional(),
    filter: RuleSchema.optional(),
  }),
  z.strictObject({ ...metricBase, kind: z.literal('ratio'), numerator: MetricIdSchema, denominator: MetricIdSchema }),
  z.strictObject({ ...metricBase, kind: z.literal('derived'), expression: MetricExpressionSchema }),
  z.strictObject({
    ...metricBase,
    kind: z.literal('conversion'),
    from: IdSchema,
    to: IdSchema,
    windowDays: z.number().positive().max(3660).optional(),
  }),
]);

const TargetSchema = z.strictObject({ min: z.number().optional(), max: z.number().optional() });

const weight = z.number().min(0).max(1_000_000);
const score = z.number().min(0).max(100);

const IcpSchema = z.strictObject({
  criteria: z
    .array(z.strictObject({ id: IdSchema, label, description, weight, when: RuleSchema }))
    .min(1)
    .max(200),
  tiers: z.strictObject({ A: score, B: score, C: score }),
  declaredTotal: z.number().positive().max(1_000_000).optional(),
});

const signalBase = {
  id: IdSchema,
  label,
  description,
  weight,
  halfLifeDays: z.number().positive().max(3660),
  when: RuleSchema.optional(),
};
const names = z.array(z.string().min(1).max(128)).min(1).max(200).optional();

const IntentSchema = z.strictObject({
  signals: z
    .array(
      z.discriminatedUnion('source', [
        z.strictObject({ ...signalBase, source: z.literal('activity'), types: names }),
        z.strictObject({ ...signalBase, source: z.literal('touchpoint'), channels: names, campaignIds: names }),
      ]),
    )
    .min(1)
    .max(200),
  cap: z.number().positive().max(100).optional(),
});

const DetailSchema = z.strictObject({
  kind: z.enum(['text', 'date', 'choice']),
  label,
  required: z.boolean(),
  options: z.array(label).min(1).max(200).optional(),
});

const ids = z.array(IdSchema).min(1).max(100_000);

const TargetAccountsSchema = z.strictObject({
  tiers: z
    .array(
      z.strictObject({ id: IdSchema, label, description, accountIds: ids.optional(), when: RuleSchema.optional() }),
    )
    .min(1)
    .max(50),
});

const BuyingCommitteeSchema = z.strictObject({
  roles: z
    .array(z.strictObject({ id: IdSchema, label, description, when: RuleSchema }))
    .min(1)
    .max(50),
  requirements: z
    .array(
      z.strictObject({
        id: IdSchema,
        label,
        appliesTo: RuleSchema.optional(),
        roles: z.array(IdSchema).min(1).max(50),
        staleAfterDays: z.number().positive().max(3660),
        activityTypes: names,
      }),
    )
    .min(1)
    .max(50),
});

const WinLossSchema = z.strictObject({
  lossReasons: z
    .array(
      z.strictObject({
        id: IdSchema,
        label,
        description,
        category: z.enum(['no_decision', 'competitor', 'price', 'timing', 'product_gap', 'other']),
        detail: DetailSchema.optional(),
      }),
    )
    .min(1)
    .max(200),
  themes: z
    .array(z.strictObject({ id: IdSchema, label, description }))
    .max(200)
    .optional(),
});

/**
 * The structural schema of an {@link Agreement}. {@link parseAgreement} runs it, then the
 * cross-field checks (unknown and duplicate ids, calendars, recycle stage, metric references).
 */
export const AgreementSchema: z.ZodType<Agreement> = z.strictObject({
  id: IdSchema,
  name: label.optional(),
  version: z.string().min(1).max(64),
  effectiveFrom: IsoDateSchema.optional(),
  timezone: TimeZoneSchema,
  currency: CurrencySchema.optional(),
  stages: z.array(StageSchema).max(100),
  transitions: TransitionsSchema,
  leadStandard: LeadStandardSchema.optional(),
  calendars: z.record(IdSchema, CalendarSchema).optional(),
  slas: z.array(SlaSchema).max(500).optional(),
  dispositions: z.array(DispositionSchema).max(200).optional(),
  routing: RoutingSchema.optional(),
  metrics: z.array(MetricSchema).max(1000).optional(),
  targets: z.record(MetricIdSchema, TargetSchema).optional(),
  attribution: z
    .strictObject({
      model: z.enum([
        'first_touch',
        'last_touch',
        'linear',
        'time_decay',
        'position_based',
        'w_shaped',
        'full_path',
        'markov',
        'shapley',
      ]),
      lookbackDays: z.number().positive().max(3660),
      halfLifeDays: z.number().positive().max(3660).optional(),
    })
    .optional(),
  icp: IcpSchema.optional(),
  intent: IntentSchema.optional(),
  targetAccounts: TargetAccountsSchema.optional(),
  buyingCommittee: BuyingCommitteeSchema.optional(),
  winLoss: WinLossSchema.optional(),
  decisions: z
    .array(
      z.strictObject({
        id: IdSchema,
        date: IsoDateSchema,
        decision: z.string().min(1).max(2000),
        owner: z.string().min(1).max(200),
        metric: MetricIdSchema.optional(),
        reviewOn: IsoDateSchema.optional(),
        status: z.enum(['open', 'done', 'reverted']).optional(),
      }),
    )
    .max(1000)
    .optional(),
});
