import type { Agreement, MetricDefinition, MetricExpression, StageDefinition } from '../agreement/agreement.types';
import type { Rule } from '../criteria/criteria.types';
import type { MetricInfo, MetricView } from './metrics.types';

/*
 * The logical plan. A metric is a formula over aggregate nodes; a node aggregates one fact table
 * (leads, opportunities, activities, touchpoints, spend) under conditions on its columns, and is put
 * in periods by an anchor column that depends on the view. The columnar executor runs nodes; the
 * adapters' SQL renderers can render the same nodes.
 */

/** Fact tables. */
export type Fact = 'leads' | 'opportunities' | 'activities' | 'touchpoints' | 'spend';

/**
 * A condition on a row. Column names: leads `created`, `stage:<id>`, `firstTouch`, `amount`,
 * `reason`, `dispositionAt`, `hasOwner`, `ttftBusiness`, `misrouted`, `sla:<id>:state|start|end`,
 * `filter:<metricId>`, `field:<path>`; opportunities `created`, `closed`, `amount`, `won`, `marketing`,
 * `filter:<metricId>`, `field:<path>`; activities and touchpoints `at`, `filter:<metricId>`, `field:<path>`.
 */
export type Cond =
  | { has: string }
  | { ordered: readonly [string, string] }
  | { within: readonly [string, string, number] }
  /** The instant column is at most this epoch ms: the row's window had passed by then (a mature cohort). */
  | { atMost: readonly [string, number] }
  | { eq: readonly [string, number] };

/** The value a `sum` or `quantile` node aggregates. */
export type NodeValue = { col: string; scale?: number } | { diff: readonly [string, string]; scale: number };

/** One aggregate. `anchor` is the time column that puts a row in a period. */
export interface PlanNode {
  fact: Fact;
  agg: 'count' | 'sum' | 'quantile';
  where: readonly Cond[];
  anchor: string;
  value?: NodeValue;
  /** For `quantile`. */
  q?: number;
  /** Lazily built columns this node needs (SLA states, filters of custom metrics...). */
  needs?: readonly Need[];
}

/** A derived column the executor must build before running a node. */
export type Need =
  | { kind: 'sla' }
  | { kind: 'ttftBusiness' }
  | { kind: 'misrouted' }
  | { kind: 'filter'; fact: Exclude<Fact, 'spend'>; id: string; rule: Rule }
  | { kind: 'field'; fact: Exclude<Fact, 'spend'>; path: string };

/** How a metric's value is made from nodes. */
export type Formula =
  | { kind: 'node'; node: PlanNode }
  | { kind: 'add'; parts: readonly Formula[] }
  | { kind: 'ratio'; numerator: Formula; denominator: Formula }
  | { kind: 'expression'; expression: MetricExpression };

/** A resolved metric: its dictionary entry and its plan, for one view. */
export interface ResolvedMetric {
  info: MetricInfo;
  /** The formula in a view; `asOf` for the conditions that depend on it (a window that must have passed). */
  formula: (view: MetricView, asOf: number) => Formula;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** The stages that frame the hand-over: the last marketing step and the first sales step. */
export function handoffStages(agreement: Agreement): { handoff: string; accept: string } | undefined {
  const acceptance = (agreement.slas ?? []).find((s) => s.kind === 'acceptance_rate');
  if (acceptance?.kind === 'acceptance_rate') return { handoff: acceptance.from, accept: acceptance.to };
  const open = agreement.stages.filter((s) => (s.kind ?? 'open') === 'open');
  const firstSales = open.findIndex((s) => s.owner === 'sales');
  const handoff = open[firstSales - 1];
  const accept = open[firstSales];
  return handoff && accept ? { handoff: handoff.id, accept: accept.id } : undefined;
}

/** The stage where sales' first-touch clock starts (the hand-over by default). */
function firstTouchStage(agreement: Agreement): string | undefined {
  const sla = (agreement.slas ?? []).find((s) => s.kind === 'first_touch');
  if (sla?.kind === 'first_touch') return sla.start.stage;
  return handoffStages(agreement)?.handoff;
}

const count = (fact: Fact, where: Cond[], anchor: string, needs?: Need[]): Formula => ({
  kind: 'node',
  node: { fact, agg: 'count', where, anchor, ...(needs ? { needs } : {}) },
});
const sum = (fact: Fact, where: Cond[], anchor: string, value: NodeValue, needs?: Need[]): Formula => ({
  kind: 'node',
  node: { fact, agg: 'sum', where, anchor, value, ...(needs ? { needs } : {}) },
});
const quantile = (fact: Fact, where: Cond[], anchor: string, value: NodeValue, q: number, needs?: Need[]): Formula => ({
  kind: 'node',
  node: { fact, agg: 'quantile', where, anchor, value, q, ...(needs ? { needs } : {}) },
});
const ratio = (numerator: Formula, denominator: Formula): Formula => ({ kind: 'ratio', numerator, denominator });
const pick = (view: MetricView, cohort: string, period: string) => (view === 'cohort' ? cohort : period);

interface Base {
  label: string;
  description: string;
  owner: MetricInfo['owner'];
  formula: string;
  unit: MetricInfo['unit'];
  direction: MetricInfo['direction'];
  view: MetricView;
  anchors: MetricInfo['anchors'];
}

function builtIn(id: string, agreement: Agreement, base: Base, formula: (view: MetricView) => Formula): ResolvedMetric {
  const target = agreement.targets?.[id];
  return { info: { id, ...base, kind: 'built_in', ...(target ? { target } : {}) }, formula };
}

const stageLabel = (stages: readonly StageDefinition[], id: string) => stages.find((s) => s.id === id)?.label ?? id;

/** Resolves a metric id (built-in or agreement-defined) to its dictionary entry and plan; undefined when unknown. */
export function resolveMetric(id: string, agreement: Agreement): ResolvedMetric | undefined {
  const custom = (agreement.metrics ?? []).find((m) => m.id === id);
  if (custom) return resolveCustom(custom, agreement);
  const stages = agreement.stages;
  const isStage = (s: string | undefined): s is string => s !== undefined && stages.some((st) => st.id === s);
  const label = (s: string) => stageLabel(stages, s);
  const owner = (s: string) => stages.find((st) => st.id === s)?.owner ?? 'shared';
  const parts = id.split('.');
  const [head, a, b, c] = parts;
  const frame = handoffStages(agreement);
  const touchStage = firstTouchStage(agreement);

  switch (head) {
    case 'count':
      if (parts.length !== 2 || !isStage(a)) return undefined;
      return builtIn(
        id,
        agreement,
        {
          label: `${label(a)} count`,
          description: `Leads that reached ${label(a)}.`,
          owner: owner(a),
          formula: `count(leads with a ${a} date)`,
          unit: 'count',
          direction: 'higher',
          view: 'period',
          anchors: { cohort: 'lead created', period: `${a} date` },
        },
        (view) => count('leads', [{ has: `stage:${a}` }], pick(view, 'created', `stage:${a}`)),
      );
    case 'conversion':
      if (parts.length !== 3 || !isStage(a) || !isStage(b)) return undefined;
      return builtIn(id, agreement, conversionBase(a, b, label), (view) =>
        ratio(
          count('leads', [{ ordered: [`stage:${a}`, `stage:${b}`] }], pick(view, `stage:${a}`, `stage:${b}`)),
          count('leads', [{ has: `stage:${a}` }], `stage:${a}`),
        ),
      );
    case 'days': {
      if (parts.length !== 4 || !isStage(a) || !isStage(b) || (c !== 'median' && c !== 'p90')) return undefined;
      const q = c === 'median' ? 0.5 : 0.9;
      return builtIn(
        id,
        agreement,
        {
          label: `${label(a)} → ${label(b)} days (${c})`,
          description: `${c === 'median' ? 'Median' : '90th percentile of'} the days from ${label(a)} to ${label(b)}, over leads that reached both in that order.`,
          owner: 'shared',
          formula: `quantile_cont(${q}, (${b} date − ${a} date) in days) where ${b} ≥ ${a}`,
          unit: 'days',
          direction: 'lower',
          view: 'cohort',
          anchors: { cohort: `${a} date`, period: `${b} date` },
        },
        (view) =>
          quantile(
            'leads',
            [{ ordered: [`stage:${a}`, `stage:${b}`] }],
            pick(view, `stage:${a}`, `stage:${b}`),
            { diff: [`stage:${a}`, `stage:${b}`], scale: DAY },
            q,
          ),
      );
    }
    case 'amount':
      if (parts.length !== 3 || !isStage(a) || b !== 'sum') return undefined;
      return builtIn(
        id,
        agreement,
        {
          label: `${label(a)} amount`,
          description: `The sum of lead amounts over leads that reached ${label(a)} (minor units).`,
          owner: owner(a),
          formula: `sum(amount) over leads with a ${a} date`,
          unit: 'money',
          direction: 'higher',
          view: 'period',
          anchors: { cohort: 'lead created', period: `${a} date` },
        },
        (view) =>
          sum('leads', [{ has: `stage:${a}` }, { has: 'amount' }], pick(view, 'created', `stage:${a}`), {
            col: 'amount',
          }),
      );
    case 'sla': {
      const sla = (agreement.slas ?? []).find((s) => s.id === a);
      if (parts.length !== 3 || !sla || sla.kind === 'acceptance_rate' || b !== 'breach_rate') return undefined;
      return builtIn(
        id,
        agreement,
        {
          label: `${sla.label}: breach rate`,
          description: `Share of decided "${sla.label}" clocks that breached (met or breached; running clocks are not decided yet).`,
          owner: sla.side,
          formula: `breached clocks ÷ (met + breached clocks) of ${sla.id}`,
          unit: 'ratio',
          direction: 'lower',
          view: 'cohort',
          anchors: { cohort: 'clock start', period: 'clock met or breached' },
        },
        (view) => slaRate([sla.id], 2, view),
      );
    }
    case 'reject_mix': {
      const reason = (agreement.dispositions ?? []).findIndex((r) => r.id === a);
      if (parts.length !== 2 || reason < 0) return undefined;
      const r = agreement.dispositions?.[reason];
      return builtIn(
        id,
        agreement,
        {
          label: `Reject mix: ${r?.label ?? a}`,
          description: `Share of dispositioned leads whose reason is "${r?.label ?? a}".`,
          owner: 'sales',
          formula: `leads with reason ${a} ÷ leads with any reason`,
          unit: 'ratio',
          direction: 'lower',
          view: 'cohort',
          anchors: { cohort: 'lead created', period: 'disposition date' },
        },
        (view) =>
          ratio(
            count('leads', [{ eq: ['reason', reason] }], pick(view, 'created', 'dispositionAt')),
            count('leads', [{ has: 'reason' }], pick(view, 'created', 'dispositionAt')),
          ),
      );
    }
    default:
      break;
  }
  if (parts.length > 1 && !/^(time_to_first_touch|time_to_first_touch_business|sla_breach_rate)$/.test(head ?? '')) {
    return undefined;
  }

  const slaIds = (pred: (s: NonNullable<Agreement['slas']>[number]) => boolean) =>
    (agreement.slas ?? []).filter((s) => s.kind !== 'acceptance_rate' && pred(s)).map((s) => s.id);
  const opp = (formula: string, description: string, rest: Partial<Base>, plan: (view: MetricView) => Formula) =>
    builtIn(
      id,
      agreement,
      {
        label: id,
        description,
        owner: 'sales',
        formula,
        unit: 'money',
        direction: 'higher',
        view: 'period',
        anchors: { cohort: 'opportunity created', period: 'opportunity created' },
        ...rest,
      },
      plan,
    );
  const oppCount = (where: Cond[], anchor: string) => count('opportunities', where, anchor);
  const won: Cond = { eq: ['won', 1] };

  switch (id) {
    case 'leads':
      return builtIn(
        id,
        agreement,
        {
          label: 'Leads',
          description: 'Leads created.',
          owner: 'marketing',
          formula: 'count(leads)',
          unit: 'count',
          direction: 'higher',
          view: 'period',
          anchors: { cohort: 'lead created', period: 'lead created' },
        },
        () => count('leads', [{ has: 'created' }], 'created'),
      );
    case 'acceptance_rate': {
      if (!frame) return undefined;
      const { handoff, accept } = frame;
      const base = conversionBase(handoff, accept, label);
      return builtIn(id, agreement, { ...base, label: 'Acceptance rate', owner: 'shared' }, (view) =>
        ratio(
          count(
            'leads',
            [{ ordered: [`stage:${handoff}`, `stage:${accept}`] }],
            pick(view, `stage:${handoff}`, `stage:${accept}`),
          ),
          count('leads', [{ has: `stage:${handoff}` }], `stage:${handoff}`),
        ),
      );
    }
    case 'reject_rate': {
      if (!frame) return undefined;
      const h = `stage:${frame.handoff}`;
      return builtIn(
        id,
        agreement,
        {
          label: 'Reject rate',
          description: `Share of leads handed over at ${label(frame.handoff)} that sales rejected with a reason.`,
          owner: 'shared',
          formula: `leads with a disposition ÷ leads with a ${frame.handoff} date`,
          unit: 'ratio',
          direction: 'lower',
          view: 'cohort',
          anchors: { cohort: `${frame.handoff} date`, period: 'disposition date' },
        },
        (view) =>
          ratio(
            count('leads', [{ has: h }, { has: 'reason' }], pick(view, h, 'dispositionAt')),
            count('leads', [{ has: h }], h),
          ),
      );
    }
    case 'time_to_first_touch.median':
    case 'time_to_first_touch.p90':
    case 'time_to_first_touch_business.median':
    case 'time_to_first_touch_business.p90': {
      if (!touchStage) return undefined;
      const business = head === 'time_to_first_touch_business';
      const q = a === 'median' ? 0.5 : 0.9;
      const s = `stage:${touchStage}`;
      return builtIn(
        id,
        agreement,
        {
          label: `Time to first touch (${business ? 'business hours, ' : ''}${a})`,
          description: `${a === 'median' ? 'Median' : '90th percentile of'} the ${business ? 'business ' : ''}hours from ${label(touchStage)} to the first sales touch${business ? ', on the first-touch SLA calendar' : ''}; a touch before ${label(touchStage)} is left out.`,
          owner: 'sales',
          formula: `quantile_cont(${q}, ${business ? 'business ' : ''}hours(${touchStage} date → first touch)) where first touch ≥ ${touchStage}`,
          unit: 'hours',
          direction: 'lower',
          view: 'cohort',
          anchors: { cohort: `${touchStage} date`, period: 'first touch' },
        },
        (view) =>
          business
            ? quantile('leads', [{ has: 'ttftBusiness' }], pick(view, s, 'firstTouch'), { col: 'ttftBusiness' }, q, [
                { kind: 'ttftBusiness' },
              ])
            : quantile(
                'leads',
                [{ ordered: [s, 'firstTouch'] }],
                pick(view, s, 'firstTouch'),
                { diff: [s, 'firstTouch'], scale: HOUR },
                q,
              ),
      );
    }
    case 'sla_breach_rate.sales':
    case 'sla_breach_rate.marketing': {
      const side = a as 'sales' | 'marketing';
      const ids = slaIds((s) => s.side === side);
      return builtIn(
        id,
        agreement,
        {
          label: `SLA breach rate (${side})`,
          description: `Share of decided ${side} SLA clocks that breached, over all ${side} SLAs.`,
          owner: side,
          formula: `breached ÷ (met + breached) over ${ids.join(', ') || 'no SLAs'}`,
          unit: 'ratio',
          direction: 'lower',
          view: 'cohort',
          anchors: { cohort: 'clock start', period: 'clock met or breached' },
        },
        (view) => slaRate(ids, 2, view),
      );
    }
    case 'touch_compliance': {
      const ids = slaIds((s) => s.kind === 'touches');
      return builtIn(
        id,
        agreement,
        {
          label: 'Touch compliance',
          description: 'Share of decided touch-cadence clocks that were met.',
          owner: 'sales',
          formula: `met ÷ (met + breached) over ${ids.join(', ') || 'no touches SLAs'}`,
          unit: 'ratio',
          direction: 'higher',
          view: 'cohort',
          anchors: { cohort: 'clock start', period: 'clock met or breached' },
        },
        (view) => slaRate(ids, 1, view),
      );
    }
    case 'lead_coverage': {
      if (!touchStage) return undefined;
      const s = `stage:${touchStage}`;
      return builtIn(
        id,
        agreement,
        {
          label: 'Lead coverage',
          description: `Share of leads handed over at ${label(touchStage)} that have an owner working them (an owner and a first touch).`,
          owner: 'sales',
          formula: `leads with ${touchStage}, an owner and a first touch ÷ leads with ${touchStage}`,
          unit: 'ratio',
          direction: 'higher',
          view: 'cohort',
          anchors: { cohort: `${touchStage} date`, period: `${touchStage} date` },
        },
        () =>
          ratio(
            count('leads', [{ has: s }, { has: 'hasOwner' }, { has: 'firstTouch' }], s),
            count('leads', [{ has: s }], s),
          ),
      );
    }
    case 'opportunities_created':
      return opp(
        'count(opportunities)',
        'Opportunities created.',
        { label: 'Opportunities created', unit: 'count' },
        () => oppCount([{ has: 'created' }], 'created'),
      );
    case 'pipeline_created':
      return opp(
        'sum(opportunity amount)',
        'The amount of the opportunities created (minor units).',
        { label: 'Pipeline created' },
        () => sum('opportunities', [{ has: 'created' }, { has: 'amount' }], 'created', { col: 'amount' }),
      );
    case 'new_customers':
      return opp(
        'count(won opportunities)',
        'Opportunities closed won.',
        { label: 'New customers', unit: 'count', anchors: { cohort: 'opportunity created', period: 'close date' } },
        (view) => oppCount([won], pick(view, 'created', 'closed')),
      );
    case 'revenue_won':
      return opp(
        'sum(amount of won opportunities)',
        'The amount of the opportunities closed won (minor units).',
        { label: 'Revenue won', anchors: { cohort: 'opportunity created', period: 'close date' } },
        (view) => sum('opportunities', [won, { has: 'amount' }], pick(view, 'created', 'closed'), { col: 'amount' }),
      );
    case 'win_rate':
      return opp(
        'won ÷ closed opportunities',
        'Share of closed opportunities that were won.',
        {
          label: 'Win rate',
          unit: 'ratio',
          view: 'cohort',
          anchors: { cohort: 'opportunity created', period: 'close date' },
        },
        (view) =>
          ratio(
            oppCount([won], pick(view, 'created', 'closed')),
            oppCount([{ has: 'won' }], pick(view, 'created', 'closed')),
          ),
      );
    case 'average_deal_size':
      return opp(
        'sum(won amount) ÷ count(won)',
        'The average amount of a won opportunity (minor units).',
        { label: 'Average deal size', anchors: { cohort: 'opportunity created', period: 'close date' } },
        (view) =>
          ratio(
            sum('opportunities', [won, { has: 'amount' }], pick(view, 'created', 'closed'), { col: 'amount' }),
            oppCount([won, { has: 'amount' }], pick(view, 'created', 'closed')),
          ),
      );
    case 'sales_cycle_days':
      return opp(
        'mean(days from opportunity created to closed won)',
        'The average days from opportunity creation to close, over won opportunities.',
        {
          label: 'Sales cycle (days)',
          unit: 'days',
          direction: 'lower',
          anchors: { cohort: 'opportunity created', period: 'close date' },
        },
        (view) =>
          ratio(
            sum('opportunities', [won, { ordered: ['created', 'closed'] }], pick(view, 'created', 'closed'), {
              diff: ['created', 'closed'],
              scale: DAY,
            }),
            oppCount([won, { ordered: ['created', 'closed'] }], pick(view, 'created', 'closed')),
          ),
      );
    case 'pipeline_velocity':
      return opp(
        'opportunities_created × win_rate × average_deal_size ÷ sales_cycle_days',
        'How much revenue the pipeline produces per day (minor units per day).',
        { label: 'Pipeline velocity', owner: 'shared' },
        () => ({
          kind: 'expression',
          expression: {
            op: 'div',
            left: {
              op: 'mul',
              left: { op: 'mul', left: { metric: 'opportunities_created' }, right: { metric: 'win_rate' } },
              right: { metric: 'average_deal_size' },
            },
            right: { metric: 'sales_cycle_days' },
          },
        }),
      );
    case 'spend':
      return builtIn(
        id,
        agreement,
        {
          label: 'Marketing spend',
          description:
            'Spend, spread evenly over the days of each spend row. Split by source (channel) and campaign only; other groupings show it in the totals.',
          owner: 'marketing',
          formula: 'sum(spend amount × share of its days in the period)',
          unit: 'money',
          direction: 'lower',
          view: 'period',
          anchors: { cohort: 'spend days', period: 'spend days' },
        },
        () => ({ kind: 'node', node: { fact: 'spend', agg: 'sum', where: [], anchor: 'day' } }),
      );
    case 'cac':
      return builtIn(
        id,
        agreement,
        {
          label: 'Customer acquisition cost',
          description: 'Marketing spend per new customer (minor units).',
          owner: 'shared',
          formula: 'spend ÷ new_customers',
          unit: 'money',
          direction: 'lower',
          view: 'period',
          anchors: { cohort: 'spend days / close date', period: 'spend days / close date' },
        },
        () =>
          ratio(
            { kind: 'node', node: { fact: 'spend', agg: 'sum', where: [], anchor: 'day' } },
            oppCount([won], 'closed'),
          ),
      );
    case 'marketing_sourced_pipeline':
      return opp(
        'sum(amount) over opportunities whose lead was handed over by marketing first',
        `Pipeline from opportunities whose lead reached ${frame ? label(frame.handoff) : 'the hand-over'} before the opportunity was created (minor units).`,
        { label: 'Marketing-sourced pipeline', owner: 'marketing' },
        () => sum('opportunities', [{ eq: ['marketing', 1] }, { has: 'amount' }], 'created', { col: 'amount' }),
      );
    case 'marketing_sourced_revenue':
      return opp(
        'sum(amount) over won opportunities whose lead was handed over by marketing first',
        'Revenue won from marketing-sourced opportunities (minor units).',
        {
          label: 'Marketing-sourced revenue',
          owner: 'marketing',
          anchors: { cohort: 'opportunity created', period: 'close date' },
        },
        (view) =>
          sum('opportunities', [won, { eq: ['marketing', 1] }, { has: 'amount' }], pick(view, 'created', 'closed'), {
            col: 'amount',
          }),
      );
    case 'misroute_rate':
      if (!agreement.routing) return undefined;
      return builtIn(
        id,
        agreement,
        {
          label: 'Misroute rate',
          description: "Share of owned leads whose owner differs from what today's routing rules say.",
          owner: 'sales',
          formula: 'misrouted leads ÷ audited leads (auditRouting)',
          unit: 'ratio',
          direction: 'lower',
          view: 'cohort',
          anchors: { cohort: 'lead created', period: 'lead created' },
        },
        () =>
          ratio(
            count('leads', [{ eq: ['misrouted', 1] }], 'created', [{ kind: 'misrouted' }]),
            count('leads', [{ has: 'misrouted' }], 'created', [{ kind: 'misrouted' }]),
          ),
      );
    default:
      return undefined;
  }
}

function conversionBase(a: string, b: string, label: (s: string) => string): Base {
  return {
    label: `${label(a)} → ${label(b)}`,
    description: `Share of leads that reached ${label(a)} and later (or at the same time) reached ${label(b)}.`,
    owner: 'shared',
    formula: `leads with ${b} date ≥ ${a} date ÷ leads with a ${a} date`,
    unit: 'ratio',
    direction: 'higher',
    view: 'cohort',
    anchors: { cohort: `${a} date`, period: `numerator: ${b} date · denominator: ${a} date` },
  };
}

/** `state` 2 counts breaches (breach rate), 1 counts met clocks (compliance); over decided clocks. */
function slaRate(ids: readonly string[], state: 1 | 2, view: MetricView): Formula {
  const needs: Need[] = [{ kind: 'sla' }];
  const node = (id: string, where: Cond[]): Formula =>
    count('leads', where, pick(view, `sla:${id}:start`, `sla:${id}:end`), needs);
  return ratio(
    { kind: 'add', parts: ids.map((id) => node(id, [{ eq: [`sla:${id}:state`, state] }])) },
    { kind: 'add', parts: ids.map((id) => node(id, [{ has: `sla:${id}:end` }])) },
  );
}

function resolveCustom(m: MetricDefinition, agreement: Agreement): ResolvedMetric {
  const target = agreement.targets?.[m.id];
  const common = {
    id: m.id,
    label: m.label,
    description: m.description ?? m.label,
    owner: m.owner,
    unit: m.unit,
    direction: m.direction,
    kind: m.kind,
    ...(target ? { target } : {}),
  } as const;
  switch (m.kind) {
    case 'simple': {
      const fact = m.of;
      const at = fact === 'leads' || fact === 'opportunities' ? 'created' : 'at';
      const where: Cond[] = [{ has: at }];
      const needs: Need[] = [];
      if (m.filter) {
        where.push({ eq: [`filter:${m.id}`, 1] });
        needs.push({ kind: 'filter', fact, id: m.id, rule: m.filter });
      }
      const field = m.field ? `field:${m.field}` : undefined;
      if (field && m.field) {
        where.push({ has: field });
        needs.push({ kind: 'field', fact, path: m.field });
      }
      const n = count(fact, where, at, needs);
      const s = field ? sum(fact, where, at, { col: field }, needs) : n;
      const plan = m.agg === 'count' ? n : m.agg === 'sum' ? s : ratio(s, n);
      const what = `${m.agg}(${m.field ?? fact})${m.filter ? ' where filter' : ''}`;
      return {
        info: {
          ...common,
          formula: what,
          view: m.view ?? 'period',
          anchors: { cohort: `${fact} ${at}`, period: `${fact} ${at}` },
        },
        formula: () => plan,
      };
    }
    case 'ratio':
      return {
        info: {
          ...common,
          formula: `${m.numerator} ÷ ${m.denominator}`,
          view: m.view ?? 'cohort',
          anchors: { cohort: 'as its parts', period: 'as its parts' },
        },
        formula: () => ({
          kind: 'expression',
          expression: { op: 'div', left: { metric: m.numerator }, right: { metric: m.denominator } },
        }),
      };
    case 'derived':
      return {
        info: {
          ...common,
          formula: expressionText(m.expression),
          view: m.view ?? 'cohort',
          anchors: { cohort: 'as its parts', period: 'as its parts' },
        },
        formula: () => ({ kind: 'expression', expression: m.expression }),
      };
    case 'conversion': {
      const a = `stage:${m.from}`;
      const b = `stage:${m.to}`;
      const reach: Cond = m.windowDays === undefined ? { ordered: [a, b] } : { within: [a, b, m.windowDays * DAY] };
      return {
        info: {
          ...common,
          formula:
            m.windowDays === undefined
              ? `leads reaching ${m.to} after ${m.from} ÷ leads reaching ${m.from}`
              : `leads reaching ${m.to} within ${m.windowDays} days after ${m.from} ÷ leads reaching ${m.from}, over leads whose ${m.windowDays} days had passed by the as-of date`,
          view: m.view ?? 'cohort',
          anchors: { cohort: `${m.from} date`, period: `numerator: ${m.to} date · denominator: ${m.from} date` },
        },
        formula: (view, asOf) => {
          // A window still open at asOf is no evidence either way: only mature leads count, on both sides.
          const mature: Cond[] = m.windowDays === undefined ? [] : [{ atMost: [a, asOf - m.windowDays * DAY] }];
          return ratio(
            count('leads', [reach, ...mature], view === 'cohort' ? a : b),
            count('leads', [{ has: a }, ...mature], a),
          );
        },
      };
    }
  }
}

/** A metric expression in words: `(a + b) ÷ c`. */
export function expressionText(e: MetricExpression): string {
  if ('metric' in e) return e.metric;
  if ('const' in e) return String(e.const);
  const sign = { add: '+', sub: '−', mul: '×', div: '÷' }[e.op];
  const side = (x: MetricExpression) => ('op' in x ? `(${expressionText(x)})` : expressionText(x));
  return `${side(e.left)} ${sign} ${side(e.right)}`;
}
