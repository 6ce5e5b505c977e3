import type { CriterionReason, EvaluateCriteriaResult } from '../criteria/criteria.types';
import type { AccordIssue, ErrorMap } from '../errors/errors.types';
import type { LeadScores } from '../icp/icp.types';
import type { Activity, Instant, StageEvent, Touchpoint } from '../records/records.types';

/** One stay in a stage. Times are epoch milliseconds. */
export interface StageVisit<TStage extends string = string> {
  stage: TStage;
  enteredAt: number;
  /** When the lead left; `null` for the current stage. */
  exitedAt: number | null;
  /** `exitedAt - enteredAt`; for the current stage, up to `now` when given; `null` in a terminal stage. */
  durationMs: number | null;
  /** 1 for the first pass through the funnel, +1 each time the lead re-enters after a side state. */
  cycle: number;
  /** True when the stage was assumed (a lead with no stage data is an inquiry since its creation). */
  implicit?: boolean;
}

/** Options for {@link deriveLifecycle}. */
export interface DeriveLifecycleOptions {
  /** Measures the time in the current stage up to this instant. */
  now?: Instant | Date;
  errorMap?: ErrorMap;
}

/** A lead's lifecycle, derived from stage dates or stage events. */
export interface DeriveLifecycleResult<TStage extends string = string> {
  /** The stage the lead is in now; `null` when nothing is known. */
  current: TStage | null;
  currentSince: number | null;
  /** Every stay, in time order. */
  history: StageVisit<TStage>[];
  /** Stages the lead has entered, in the agreement's order. */
  reached: TStage[];
  /** The highest funnel stage reached (open, won or lost). */
  furthest: TStage | null;
  /** Open stages below `furthest` the lead never entered. */
  skipped: TStage[];
  /** Total milliseconds per stage, over every visit. */
  timeInStage: Partial<Record<TStage, number>>;
  /** How many times the lead entered a recycle stage. */
  recycleCount: number;
  /** The current cycle (1 on the first pass). */
  cycle: number;
  /** Data problems found on the way: unknown stages, unreadable dates, stages entered out of order. */
  issues: AccordIssue[];
}

/** How a requested move relates to the funnel order. */
export type TransitionMove = 'forward' | 'skip' | 'backward' | 'sideways' | 'reentry' | 'same' | 'unknown';

/** The checks {@link evaluateTransition} makes. */
export type TransitionCheck =
  | 'known_stage'
  | 'not_same_stage'
  | 'skip_policy'
  | 'backward_policy'
  | 'reentry_policy'
  | 'exit_criteria'
  | 'entry_criteria';

/** One check of a transition, passed or not, with its explanation. */
export interface TransitionReason {
  check: TransitionCheck;
  passed: boolean;
  message: string;
  /** For criteria checks: every comparison made. */
  criteria?: EvaluateCriteriaResult;
}

/** Options for {@link evaluateTransition}. */
export interface EvaluateTransitionOptions {
  /** The current instant (for `within_days` criteria). Never read from the clock. */
  now: Instant | Date;
  /** The written reason, for a backward move under the `allowWithReason` policy. */
  reason?: string;
  /** Derive the current stage from these events instead of the lead's `stageDates`. */
  events?: readonly StageEvent[];
  /**
   * The lead's activities and touchpoints, for stage criteria that read `scores.*` (the scores are
   * computed with `scoreLead` at `now`); or pass `scores` computed already.
   */
  activities?: readonly Activity[];
  touchpoints?: readonly Touchpoint[];
  scores?: LeadScores;
}

/** The verdict on a stage change, with every check explained. */
export interface EvaluateTransitionResult<TStage extends string = string> {
  allowed: boolean;
  from: TStage | null;
  to: TStage;
  /** Where the lead lands if the move is made: `to`, or the recycle stage under the `recycle` policy. */
  outcome: TStage | null;
  move: TransitionMove;
  /** Open stages the move jumps over. */
  skipped: TStage[];
  reasons: TransitionReason[];
}

/** A required field the lead lacks. */
export interface MissingField {
  field: string;
  message: string;
}

/** A suppression rule the lead matches. */
export interface SuppressionHit {
  id: string;
  label: string;
  reasons: CriterionReason[];
}

/** Marketing's side of the SLA for one lead. */
export interface EvaluateLeadStandardResult {
  passed: boolean;
  missing: MissingField[];
  suppressed: SuppressionHit[];
}
