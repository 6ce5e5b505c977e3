import type { Proportion } from '../_lib/wilson';
import type { AccordIssue, ErrorMap } from '../errors/errors.types';
import type { Instant, Lead, Opportunity } from '../records/records.types';
import type { CountedId } from '../winloss/winloss.types';
import type { IcpTier } from './icp.types';

/**
 * The records {@link reviewIcp} reads. Fit is a rule over the lead alone, so activities and
 * touchpoints are not needed (a whole sample or export may still be passed as it is).
 */
export interface ReviewIcpData {
  leads: readonly Lead[];
  /** Deals, for win rates (`leadIds`), loss reasons and objection themes. */
  opportunities?: readonly Opportunity[];
}

/** Options for {@link reviewIcp}. */
export interface ReviewIcpOptions {
  /** The quarter under review, `2026Q3` (calendar quarters in the agreement's time zone). */
  quarter: string;
  /** The instant scores are computed at (default: the quarter's end). */
  now?: Instant | Date;
  /** The stage whose reach counts as "converted" (default: the first stage owned by sales after the MQL, e.g. `sql`). */
  conversionStage?: string;
  /** Groups smaller than this are shown but never ranked as evidence (default 20). */
  minGroupSize?: number;
  /**
   * The lead fields scanned for `add_criterion` proposals. Default: `country`, `segment`, `source` and
   * every `attributes.*` key, except fields the agreement's stage rules read (they decide conversion
   * by definition); a field is scanned only when it holds at most 30 distinct text / true-false values.
   */
  candidateFields?: readonly string[];
  errorMap?: ErrorMap;
}

/** A group's rate against the baseline (all leads / deals of the quarter). */
export interface LiftCell {
  rate: Proportion;
  /** `rate / baseline`, `null` when either is empty or the baseline is 0. */
  lift: number | null;
  /** True when the interval lies wholly above (or below) the baseline and the group is big enough. */
  significant: boolean;
}

/** Conversion and win rate of one slice of leads (an ICP tier, or the leads matching / not matching a criterion). */
export interface IcpSlice {
  key: string;
  label: string;
  leads: number;
  conversion: LiftCell;
  winRate: LiftCell;
}

/** One ICP criterion: the leads that match it against those that do not. */
export interface CriterionReview {
  criterionId: string;
  label: string;
  weight: number;
  matched: IcpSlice;
  unmatched: IcpSlice;
}

/** A proposed change to the ICP, with the evidence behind it; to pilot before adopting. */
export interface IcpProposal {
  kind: 'raise_weight' | 'lower_weight' | 'remove_criterion' | 'add_criterion';
  criterionId?: string;
  /** For `add_criterion`: the attribute and value that convert above baseline, as a rule. */
  field?: string;
  value?: string | number | boolean;
  /** The proposal in a sentence a council can read. */
  summary: string;
  /** The numbers behind it, e.g. `conversion 31% (n = 212, 95% CI 25–37%) vs 18% baseline`. */
  evidence: string;
  /** Sort key: the interval's distance from the baseline × √n (higher = stronger). */
  strength: number;
}

/** Counts by source or campaign. */
export interface ReasonsBy {
  dimension: 'source' | 'campaignId';
  rows: { key: string | null; total: number; reasons: CountedId[] }[];
}

/** The quarterly ICP review: what converts, what Sales rejects and loses, and what to change. */
export interface IcpReview {
  quarter: string;
  from: string;
  to: string;
  conversionStage: string;
  baseline: { leads: number; conversion: Proportion; winRate: Proportion };
  byTier: (IcpSlice & { tier: IcpTier })[];
  byCriterion: CriterionReview[];
  rejectReasons: ReasonsBy[];
  lossReasons: ReasonsBy[];
  topThemes: CountedId[];
  proposals: IcpProposal[];
  /** Coded issues in the input (unknown loss reasons, reasons on won deals…). */
  issues: AccordIssue[];
}
