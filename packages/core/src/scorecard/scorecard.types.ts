import type { Agreement, MetricTarget } from '../agreement/agreement.types';
import type { AccordIssue, ErrorMap } from '../errors/errors.types';
import type { MetricInfo, MetricView } from '../metrics/metrics.types';
import type {
  Account,
  Activity,
  Instant,
  Lead,
  Opportunity,
  RecordKind,
  Spend,
  Touchpoint,
} from '../records/records.types';
import type { Grain, PeriodInput, WeekStart } from './_periods';

export type { Grain, PeriodInput, WeekStart };

/**
 * The records a scorecard reads. Only `leads` is required; without `opportunities`, each lead that
 * reached the last open stage counts as one opportunity (amount from the lead, closed by the won /
 * lost stage dates). Treat the arrays as immutable: their columnar form is cached by identity.
 */
export interface ScorecardData {
  leads: readonly Lead[];
  opportunities?: readonly Opportunity[];
  /** Sales touches: first touch when a lead has no `firstTouchAt`, and the SLA clocks. */
  activities?: readonly Activity[];
  touchpoints?: readonly Touchpoint[];
  spend?: readonly Spend[];
  /** For the routing audit behind `misroute_rate` (lead-to-account matching). */
  accounts?: readonly Account[];
}

/** Options for {@link computeScorecard}. */
export interface ComputeScorecardOptions {
  agreement: Agreement;
  /** Metric ids, built-in or from the agreement. Default: {@link defaultScorecardMetrics}. */
  metrics?: readonly string[];
  /**
   * Dimensions: `source`, `campaign`, `segment`, `region`, `country`, `owner`, `team`, `account`,
   * `company` or `attributes.<name>`. Default: none (one row).
   */
  groupBy?: readonly string[];
  /** Split rows by week, month, quarter or year in the agreement's time zone. */
  grain?: Grain;
  /** First day of a week for `grain: 'week'`: 0 Sunday … 6 Saturday. Default 1 (Monday). */
  weekStartsOn?: WeekStart;
  /** Overrides every metric's own view. */
  view?: MetricView;
  /** Only count what falls in this period: `2026-03`, `2026-Q1`, `2026`, or `{ from, to }` (end exclusive). */
  period?: PeriodInput;
  /** Adds each metric's value in the previous period (same length) and the change. Needs `period`. */
  compareTo?: 'previous';
  /** The moment the data describes: open SLA clocks and relative criteria are judged at it. */
  asOf: Instant | Date;
  /**
   * `'lenient'` (default) computes on the valid records and reports what it skipped; `'strict'`
   * throws an AccordError listing every problem.
   */
  mode?: 'strict' | 'lenient';
  errorMap?: ErrorMap;
}

/** Whether a value is within its target band. */
export type TargetStatus = 'met' | 'missed';

/** One metric's value in one row. */
export interface MetricValue {
  /** `null` when it cannot be computed (an empty denominator, no values for a quantile) — never NaN. */
  value: number | null;
  numerator?: number;
  denominator?: number;
  target?: MetricTarget;
  /** Against `target`; null when there is no value. */
  status?: TargetStatus | null;
  /** The value in the previous period (with `compareTo`). */
  previous?: number | null;
  /** `value − previous` (percentage points for ratios). */
  change?: number | null;
}

/** One row: a group (and a period, with `grain`) and its metrics. */
export interface ScorecardRow {
  group: Record<string, string>;
  /** The period's label (`2026-03`), with `grain`. */
  period?: string;
  /** The period's bounds, epoch ms, end exclusive. */
  from?: number;
  to?: number;
  metrics: Record<string, MetricValue>;
}

/** The outcome of {@link computeScorecard}. */
export interface ScorecardResult {
  groupBy: string[];
  grain: Grain | null;
  /** The view forced by the options, or `null` when every metric used its own. */
  view: MetricView | null;
  period: { label: string; from: number; to: number } | null;
  previousPeriod?: { label: string; from: number; to: number };
  asOf: string;
  /** The dictionary entries of the metrics, in order. */
  metrics: MetricInfo[];
  rows: ScorecardRow[];
  /** Every group and period together. */
  totals: ScorecardRow;
  /** Records left out, each naming the record and field. */
  issues: AccordIssue[];
  /** Records kept but worth a look: unknown stage keys, stage dates out of order. */
  warnings: AccordIssue[];
  /** Left-out records by kind and input position. */
  skipped: { kind: RecordKind; index: number }[];
  /** Per duration metric: negative durations (an impossible order) left out of it, over all the data. */
  excluded: Record<string, number>;
}
