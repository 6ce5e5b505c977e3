import type { PathSegment } from '../errors/errors.types';

/** One difference between two agreement versions. */
export interface AgreementChange {
  kind: 'added' | 'removed' | 'changed' | 'reordered';
  /** The top-level section: `stages`, `slas`, `targets`, `icp`… */
  area: string;
  /** Where, in the newer agreement (the older one for removals). */
  path: readonly PathSegment[];
  /** The change in words: `Stage "MQL": entry criteria changed from attributes.employees ≥ 50 to attributes.employees ≥ 20.` */
  summary: string;
  before?: unknown;
  after?: unknown;
}

/** The result of {@link diffAgreements}. */
export interface AgreementDiff {
  from: { id: string; version: string; effectiveFrom: string | undefined };
  to: { id: string; version: string; effectiveFrom: string | undefined };
  /** In the agreement's section order, then by path. Empty when the definitions are the same. */
  changes: AgreementChange[];
}

/** Options for {@link runPilot}: the scorecard's options, without the agreement. */
export type RunPilotOptions = Omit<import('../scorecard/scorecard.types').ComputeScorecardOptions, 'agreement'> & {
  /**
   * Re-derive who is in each stage whose entry criteria differ between the versions, by each version's
   * own criteria (default true). Off: both scorecards read the recorded stage dates.
   */
  reclassify?: boolean;
};

/** Leads of one cell of a pilot's stage split, and what they went on to do (recorded outcomes). */
export interface PilotCell {
  leads: number;
  /** Reached the next open stage after this one, with a 95% Wilson interval. */
  reachedNext: import('../_lib/wilson').Proportion;
  /** Reached a won stage. */
  won: import('../_lib/wilson').Proportion;
}

/**
 * Who is in a stage under each version: qualified by both, only by the baseline (the candidate would
 * drop them), only by the candidate (it would add them: their outcomes were never observed, since they
 * were not handed over under the baseline).
 */
export interface PilotStageSplit {
  stageId: string;
  label: string;
  nextStageId: string | null;
  both: PilotCell;
  baselineOnly: PilotCell;
  candidateOnly: PilotCell;
}

/** One metric under both versions. */
export interface PilotMetric {
  baseline: import('../scorecard/scorecard.types').MetricValue | null;
  candidate: import('../scorecard/scorecard.types').MetricValue | null;
  /** `candidate − baseline` (percentage points for ratios); null when either is missing. */
  delta: number | null;
}

/** One group (and period) of a pilot. */
export interface PilotRow {
  group: Record<string, string>;
  period?: string;
  metrics: Record<string, PilotMetric>;
}

/** The result of {@link runPilot}. */
export interface PilotResult {
  baseline: { version: string; effectiveFrom: string | undefined };
  candidate: { version: string; effectiveFrom: string | undefined };
  /** What the candidate changes, in words. */
  changes: AgreementChange[];
  /** One split per stage whose entry criteria differ (empty without `reclassify`). */
  stages: PilotStageSplit[];
  /** The metrics compared (the union, baseline's order first). */
  metrics: import('../metrics/metrics.types').MetricInfo[];
  rows: PilotRow[];
  totals: PilotRow;
  /** Records left out of either scorecard, each naming the record and field. */
  issues: import('../errors/errors.types').AccordIssue[];
}
