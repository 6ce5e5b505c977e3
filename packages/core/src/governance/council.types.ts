import type { CouncilDecision, MetricTarget, Team } from '../agreement/agreement.types';
import type { RejectMixRow } from '../dispositions/dispositions.types';
import type { AccordIssue, ErrorMap } from '../errors/errors.types';
import type { MetricInfo } from '../metrics/metrics.types';
import type { Instant } from '../records/records.types';
import type { Misroute } from '../routing/auditRouting';
import type { TargetStatus } from '../scorecard/scorecard.types';
import type { SlaTally, SummarizeSlasResult } from '../sla/summarizeSlas';

/** A metric's unit, as in the dictionary. */
export type CouncilUnit = MetricInfo['unit'];

/**
 * The smallest base a change or a miss is measured against, per unit — so a metric moving from a tiny
 * base (1 lead → 4 leads, a 1 % breach rate → 3 %) does not read as a giant move. See
 * {@link BuildCouncilReportOptions.floors} for the defaults.
 */
export type CouncilFloors = Readonly<Record<CouncilUnit, number>>;

/** Options for {@link buildCouncilReport}. */
export interface BuildCouncilReportOptions {
  /** The month the council reviews, `YYYY-MM`, in the agreement's time zone. */
  month: string;
  /** The moment the data describes: open SLA clocks and routing rules are judged at it. Never read from the clock. */
  asOf: Instant | Date;
  /** The scorecard's metric ids. Default: the agreement's default scorecard (`defaultScorecardMetrics`). */
  metrics?: readonly string[];
  /**
   * The lead dimension reject reasons are broken down by: `source` (default), `campaign`, `segment`,
   * `region`, `country`, `owner`, `team`, `account`, `company` or `attributes.<name>` — the scorecard's
   * dimension names.
   */
  groupBy?: string;
  /** How many movers to list (1–50). Default 5. */
  moverLimit?: number;
  /** How many misroutes to list (0–1000); all are counted. Default 10. */
  misrouteLimit?: number;
  /**
   * Overrides the per-unit floors of the movers and off-target rules. Defaults: ratio 0.05 (5
   * percentage points), count 20, money 100,000 minor units (1,000 of the currency), days 1, hours 1,
   * minutes 30.
   */
  floors?: Partial<CouncilFloors>;
  /** `'lenient'` (default) reports left-out records; `'strict'` throws on any, as the scorecard does. */
  mode?: 'strict' | 'lenient';
  errorMap?: ErrorMap;
}

/** One metric of the month's scorecard, against its target and the previous month. */
export interface CouncilMetric {
  id: string;
  label: string;
  unit: CouncilUnit;
  direction: 'higher' | 'lower';
  owner: MetricInfo['owner'];
  /** `null` when it cannot be computed (an empty denominator). */
  value: number | null;
  numerator?: number;
  denominator?: number;
  target: MetricTarget | null;
  /** Against `target`; `null` without a target or a value. */
  status: TargetStatus | null;
  /** The value in the previous month. */
  previous: number | null;
  /** `value − previous` (percentage points, as a fraction, for ratios); `null` when either is missing. */
  change: number | null;
}

/** A metric that moved, scored so ratios, money and counts compare. */
export interface CouncilMover {
  id: string;
  label: string;
  unit: CouncilUnit;
  direction: 'higher' | 'lower';
  value: number;
  previous: number;
  /** `value − previous`, in the metric's unit. */
  change: number;
  /** `change ÷ max(|previous|, floor)`, signed: the ranking's score is its absolute value. */
  relativeChange: number;
  /** For ratios: this month's denominator (how many records the rate rests on — small ones are noisy). */
  denominator?: number;
  /** The floor of the metric's unit that was used. */
  floor: number;
  /** `good` when it moved the way the metric's `direction` prefers. */
  effect: 'good' | 'bad';
}

/** A metric that misses its target, and by how much. */
export interface CouncilOffTarget {
  id: string;
  label: string;
  unit: CouncilUnit;
  direction: 'higher' | 'lower';
  value: number;
  target: MetricTarget;
  /** The bound it misses: below `min` or above `max`. */
  bound: 'min' | 'max';
  /** That bound's value. */
  limit: number;
  /** `value − limit`, in the metric's unit (negative below a `min`). */
  gap: number;
  /** `|gap| ÷ max(|limit|, floor)`: the relative margin the ranking uses. */
  margin: number;
  floor: number;
}

/** The month's scorecard against its targets. */
export interface CouncilScorecard {
  metrics: CouncilMetric[];
  /** Metrics with a target and a value that meet it. */
  met: number;
  /** Metrics with a target and a value that miss it. */
  missed: number;
  /** Metrics with a target but no value this month. */
  noValue: number;
}

/** SLA tallies of one team, by side. */
export interface CouncilSlaTeam {
  /** The lead's `teamId`; without one, the routing pool its owner belongs to; else `(none)`. */
  team: string;
  bySide: Record<Team, SlaTally>;
  /** Both sides together. */
  total: SlaTally;
}

/** SLA clocks that started in the month, judged at `asOf`. */
export interface CouncilSlas {
  /** Clocks started in the month (running, paused, met or breached). */
  clocks: number;
  bySide: SummarizeSlasResult['bySide'];
  bySla: SummarizeSlasResult['bySla'];
  /** Most breaches first, then by team id; `(none)` last. */
  byTeam: CouncilSlaTeam[];
}

/** Reject and recycle reasons of the dispositions recorded in the month. */
export interface CouncilRejects {
  /** The dimension (`source` by default). */
  by: string;
  /** Dispositions recorded in the month. */
  dispositions: number;
  /** The agreement's reasons, in its order, then any unknown reason ids found in the data. */
  reasons: { id: string; label: string; action: string | null }[];
  /** `computeRejectMix` rows: the totals row (`(all)`) first, then groups by count. */
  rows: RejectMixRow[];
}

/** The routing audit of the leads created in the month. */
export interface CouncilRouting {
  /** Leads created in the month. */
  leads: number;
  /** Owned leads the rules assign to a user or a pool (the audit's denominator). */
  checked: number;
  misrouted: number;
  /** `misrouted ÷ checked`; `null` when nothing could be checked. */
  misrouteRate: number | null;
  unassigned: number;
  queueRouted: number;
  /** The first misroutes, oldest lead first (then by id), up to `misrouteLimit`. */
  misroutes: (Misroute & { createdAt: number })[];
}

/** A metric a decision watches, now and when it was decided. */
export interface CouncilWatchedMetric extends CouncilMetric {
  /** The value in the last whole month before the decision — what the council saw when it decided. */
  baseline: { month: string; value: number | null };
  /** `value − baseline.value`; `null` when either is missing. */
  sinceDecision: number | null;
}

/** An open decision whose review date has come. */
export interface CouncilDecisionDue {
  decision: CouncilDecision;
  /** `due`: its review date is in the month; `overdue`: earlier, and it is still open. */
  timing: 'due' | 'overdue';
  /** The metric it watches, or `null` when it names none. */
  metric: CouncilWatchedMetric | null;
}

/** The decisions the council must look at. */
export interface CouncilDecisions {
  /** Overdue first, then by review date, then id. */
  due: CouncilDecisionDue[];
  /** Ids of open decisions without a review date (the council should set one). */
  unscheduled: string[];
  /** Open decisions in the log (any review date). */
  open: number;
}

/** The result of {@link buildCouncilReport}. */
export interface CouncilReport {
  agreement: { id: string; version: string; name: string | null };
  timezone: string;
  /** The month, its bounds (epoch ms, end exclusive), and whether it had ended at `asOf`. */
  month: { label: string; from: number; to: number; complete: boolean };
  previousMonth: { label: string; from: number; to: number };
  asOf: string;
  /** The metric furthest off target (the first of `offTarget`), or `null` when none misses. */
  headline: CouncilOffTarget | null;
  /** Every scorecard metric that misses its target, by margin (largest first), ties by id. */
  offTarget: CouncilOffTarget[];
  scorecard: CouncilScorecard;
  /** The biggest moves against the previous month, largest first. */
  movers: CouncilMover[];
  slas: CouncilSlas;
  rejects: CouncilRejects;
  /** `null` when the agreement has no routing. */
  routing: CouncilRouting | null;
  decisions: CouncilDecisions;
  /** The floors the movers and off-target rules used. */
  floors: CouncilFloors;
  /** Records left out (each naming the record and field), from the scorecard's validation. */
  issues: AccordIssue[];
  /** Records kept but worth a look. */
  warnings: AccordIssue[];
}
