import type { Agreement } from '../agreement/agreement.types';
import { handoffStages, resolveMetric } from './_plan';
import { BUILT_IN_METRIC_IDS } from './isBuiltInMetricId';
import type { MetricInfo } from './metrics.types';

/**
 * @name describeMetric
 * @category Metrics
 * @summary The dictionary entry of one metric: label, description, owner, formula, unit, direction, view.
 *
 * @param id - A built-in id (`conversion.mql.sal`, `win_rate`…) or one of the agreement's metrics.
 * @param agreement - Parameterises the built-ins (stages, SLAs, reasons) and holds custom metrics and targets.
 * @returns The entry, or `undefined` for an id the agreement does not know.
 *
 * @example
 * describeMetric('conversion.mql.sal', defaultAgreement)?.formula //=> 'leads with sal date ≥ mql date ÷ leads with a mql date'
 */
export function describeMetric(id: string, agreement: Agreement): MetricInfo | undefined {
  return resolveMetric(id, agreement)?.info;
}

/**
 * @name listMetrics
 * @category Metrics
 * @summary The metric dictionary of an agreement: every fixed built-in, the per-stage, per-SLA and
 * per-reason built-ins, and the agreement's own metrics.
 *
 * @description
 * Stage pairs are listed along the funnel (each open stage to the next, and the last open stage to
 * each closing one); any other pair (`conversion.inquiry.sql`) is valid too and resolves with
 * {@link describeMetric}.
 *
 * @example
 * listMetrics(defaultAgreement).filter((m) => m.owner === 'marketing').map((m) => m.id)
 */
export function listMetrics(agreement: Agreement): MetricInfo[] {
  const ids: string[] = [...BUILT_IN_METRIC_IDS];
  const funnel = funnelPairs(agreement);
  for (const s of agreement.stages) ids.push(`count.${s.id}`);
  for (const [a, b] of funnel) ids.push(`conversion.${a}.${b}`, `days.${a}.${b}.median`, `days.${a}.${b}.p90`);
  for (const s of agreement.stages) if (s.kind === 'won' || s.kind === 'lost') ids.push(`amount.${s.id}.sum`);
  for (const sla of agreement.slas ?? []) if (sla.kind !== 'acceptance_rate') ids.push(`sla.${sla.id}.breach_rate`);
  for (const r of agreement.dispositions ?? []) ids.push(`reject_mix.${r.id}`);
  for (const m of agreement.metrics ?? []) ids.push(m.id);
  const out: MetricInfo[] = [];
  for (const id of new Set(ids)) {
    const info = describeMetric(id, agreement);
    if (info) out.push(info);
  }
  return out;
}

/** Consecutive open stages, then the last open stage to each won / lost stage. */
export function funnelPairs(agreement: Agreement): [string, string][] {
  const open = agreement.stages.filter((s) => (s.kind ?? 'open') === 'open').map((s) => s.id);
  const pairs: [string, string][] = [];
  for (let i = 1; i < open.length; i++) pairs.push([open[i - 1] as string, open[i] as string]);
  const last = open[open.length - 1];
  if (last) for (const s of agreement.stages) if (s.kind === 'won') pairs.push([last, s.id]);
  return pairs;
}

/**
 * @name defaultScorecardMetrics
 * @category Metrics
 * @summary The council's default scorecard: volume, conversion along the funnel, speed, SLA health and impact.
 *
 * @example
 * defaultScorecardMetrics(defaultAgreement).slice(0, 3) //=> ['leads', 'count.inquiry', 'count.mql']
 */
export function defaultScorecardMetrics(agreement: Agreement): string[] {
  const ids = ['leads'];
  for (const s of agreement.stages) if ((s.kind ?? 'open') === 'open' || s.kind === 'won') ids.push(`count.${s.id}`);
  for (const [a, b] of funnelPairs(agreement)) ids.push(`conversion.${a}.${b}`);
  if (handoffStages(agreement)) ids.push('acceptance_rate', 'reject_rate');
  ids.push(
    'time_to_first_touch.median',
    'time_to_first_touch.p90',
    'sla_breach_rate.sales',
    'sla_breach_rate.marketing',
    'pipeline_created',
    'revenue_won',
    'win_rate',
    'average_deal_size',
  );
  for (const m of agreement.metrics ?? []) ids.push(m.id);
  for (const id of Object.keys(agreement.targets ?? {})) ids.push(id);
  return [...new Set(ids)].filter((id) => describeMetric(id, agreement) !== undefined);
}
