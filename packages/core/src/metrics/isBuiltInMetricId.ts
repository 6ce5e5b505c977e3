import type { Agreement } from '../agreement/agreement.types';

/** Built-in metric ids that take no parameter. The scorecard defines how each is computed. */
export const BUILT_IN_METRIC_IDS = [
  'leads',
  'acceptance_rate',
  'reject_rate',
  'time_to_first_touch.median',
  'time_to_first_touch.p90',
  'time_to_first_touch_business.median',
  'time_to_first_touch_business.p90',
  'sla_breach_rate.sales',
  'sla_breach_rate.marketing',
  'touch_compliance',
  'lead_coverage',
  'pipeline_created',
  'revenue_won',
  'win_rate',
  'average_deal_size',
  'sales_cycle_days',
  'pipeline_velocity',
  'cac',
  'marketing_sourced_pipeline',
  'marketing_sourced_revenue',
  'misroute_rate',
  'opportunities_created',
  'new_customers',
  'spend',
] as const;

const FIXED: ReadonlySet<string> = new Set(BUILT_IN_METRIC_IDS);

/**
 * @name isBuiltInMetricId
 * @category Metrics
 * @summary Tells whether an id names a built-in metric of this agreement.
 *
 * @description
 * Besides the fixed ids, built-ins are parameterised by the agreement: `count.<stage>`,
 * `conversion.<from>.<to>`, `days.<from>.<to>.median|p90`, `amount.<stage>.sum`,
 * `sla.<slaId>.breach_rate` and `reject_mix.<reasonId>`. Every id inside must exist.
 *
 * @param id - The metric id.
 * @param agreement - The agreement whose stages, SLAs and reasons parameterise the built-ins.
 * @returns True for a built-in.
 *
 * @example
 * isBuiltInMetricId('conversion.mql.sal', defaultAgreement) //=> true
 * isBuiltInMetricId('conversion.mql.nope', defaultAgreement) //=> false
 */
export function isBuiltInMetricId(id: string, agreement: Pick<Agreement, 'stages' | 'slas' | 'dispositions'>): boolean {
  if (FIXED.has(id)) return true;
  const parts = id.split('.');
  const stage = (s: string | undefined) => agreement.stages.some((st) => st.id === s);
  switch (parts[0]) {
    case 'count':
      return parts.length === 2 && stage(parts[1]);
    case 'conversion':
      return parts.length === 3 && stage(parts[1]) && stage(parts[2]);
    case 'days':
      return parts.length === 4 && stage(parts[1]) && stage(parts[2]) && (parts[3] === 'median' || parts[3] === 'p90');
    case 'amount':
      return parts.length === 3 && stage(parts[1]) && parts[2] === 'sum';
    case 'sla':
      return parts.length === 3 && (agreement.slas ?? []).some((s) => s.id === parts[1]) && parts[2] === 'breach_rate';
    case 'reject_mix':
      return parts.length === 2 && (agreement.dispositions ?? []).some((d) => d.id === parts[1]);
    default:
      return false;
  }
}
