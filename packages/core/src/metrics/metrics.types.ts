import type { MetricOwner, MetricTarget } from '../agreement/agreement.types';

/** How a metric puts records in periods. */
export type MetricView = 'cohort' | 'period';

/** One entry of the metric dictionary: everything a screen needs to show and explain a number. */
export interface MetricInfo {
  id: string;
  label: string;
  description: string;
  /** Who owns the definition. */
  owner: MetricOwner;
  /** The definition in words and symbols, e.g. `leads reaching sal ÷ leads reaching mql`. */
  formula: string;
  /** `money` values are in minor units (cents) of the agreement's currency; `days`/`hours` are fractional. */
  unit: 'count' | 'ratio' | 'days' | 'hours' | 'minutes' | 'money';
  /** Which way is good. */
  direction: 'higher' | 'lower';
  /**
   * The metric's default view. `cohort`: records grouped by when they entered the metric's first stage
   * (outcomes of the leads handed over in March). `period`: each event counted in the period it happened.
   */
  view: MetricView;
  /** What each view anchors on, in words (`cohort: MQL date · period: SAL date`). */
  anchors: { cohort: string; period: string };
  /** `built_in`, or the kind of an agreement-defined metric. */
  kind: 'built_in' | 'simple' | 'ratio' | 'derived' | 'conversion';
  /** The agreement's target band, when it sets one. */
  target?: MetricTarget;
}
