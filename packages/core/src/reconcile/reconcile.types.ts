import type { AttributionModel, AttributionSettings } from '../agreement/agreement.types';
import type { AccordIssue, ErrorMap } from '../errors/errors.types';
import type { Instant, Lead, Opportunity, Touchpoint } from '../records/records.types';

/**
 * One line of what Marketing reports: the pipeline (or revenue) it says it sourced or influenced, for
 * one opportunity — from a marketing dashboard, a BI export or a spreadsheet.
 */
export interface MarketingClaim {
  id: string;
  /** The CRM opportunity the claim is about. */
  opportunityId: string;
  /** `sourced`: the deal exists because of marketing; `influenced`: marketing touches share the credit. */
  kind: 'sourced' | 'influenced';
  /** What Marketing counts, in minor units of `currency`. */
  amount: number;
  currency: string;
  /** The account Marketing filed the deal under. */
  accountId?: string;
  /** The lead Marketing credits (a duplicate of another claimed lead is double counting). */
  leadId?: string;
  /** The attribution model behind an influenced amount. Default: the agreement's. */
  model?: AttributionModel;
  /** The touch the credit rests on, for the window check. */
  touchAt?: Instant;
  /** The CRM stage Marketing counted the deal at ("pipeline" under its own definition). */
  stage?: string;
  channel?: string;
  campaignId?: string;
}

/**
 * Why a claimed amount is not (all) in the CRM's number under the agreement, checked in this order:
 * - `unmatched_opportunity`: no CRM opportunity has the claim's id;
 * - `duplicate_lead`: the deal (or the same person, by e-mail, under another lead id) is claimed already;
 * - `currency`: the claim is in another currency than the deal (the whole claim, unless rates convert it);
 * - `different_account`: Marketing filed the deal under another account than the CRM;
 * - `stage_drift`: counted under another stage definition (the deal is not pipeline, or its lead never
 *   reached the hand-over, under the agreement) — or in another period (the deal was created outside the
 *   period reconciled);
 * - `outside_window`: the marketing touches fall outside the agreed lookback before the deal was created;
 * - `different_model`: the rest — Marketing's model credits more (or less) than the agreed one.
 */
export type DeltaClass =
  | 'unmatched_opportunity'
  | 'duplicate_lead'
  | 'currency'
  | 'different_account'
  | 'stage_drift'
  | 'outside_window'
  | 'different_model';

/** One claim, lined up with the CRM. Amounts in minor units of the agreement's currency; integers. */
export interface ReconciledClaim {
  claimId: string;
  opportunityId: string;
  kind: MarketingClaim['kind'];
  claimed: number;
  /** What the CRM supports under the agreement (its model, window and definitions). */
  matched: number;
  /** Each delta class's share of `claimed − matched` (signed; only non-zero classes). */
  deltas: Partial<Record<DeltaClass, number>>;
  /** One sentence per finding, in check order. */
  reasons: string[];
}

/** Totals over every claim: `claimed = matched + Σ deltas`, exactly (integer minor units). */
export interface ReconciliationTotals {
  claimed: number;
  matched: number;
  deltas: Record<DeltaClass, number>;
  claims: number;
}

/** Options for {@link reconcile}. */
export interface ReconcileOptions {
  /** Only deals created in [from, to). */
  from?: Instant;
  to?: Instant;
  /**
   * Minor units of the agreement currency per minor unit of another (`{ EUR: 1.08 }`), to convert
   * claims in other currencies; without a rate such a claim is classed `currency` whole.
   */
  rates?: Readonly<Record<string, number>>;
  errorMap?: ErrorMap;
}

/** The records {@link reconcile} lines up. */
export interface ReconcileData {
  marketingClaims: readonly MarketingClaim[];
  opportunities: readonly Opportunity[];
  leads: readonly Lead[];
  touchpoints?: readonly Touchpoint[];
}

/** The result of {@link reconcile}. */
export interface Reconciliation {
  currency: string;
  totals: ReconciliationTotals;
  /** Totals by claim kind. */
  byKind: Record<MarketingClaim['kind'], ReconciliationTotals>;
  claims: ReconciledClaim[];
  /**
   * The other side: deals the agreement counts as marketing-sourced that no claim mentions (Marketing
   * under-reports), with the amount.
   */
  unclaimed: { opportunityId: string; amount: number }[];
  /** Coded issues naming the claim and field (unknown opportunities, currency mismatches, bad amounts…). */
  issues: AccordIssue[];
  /**
   * Claims refused at the boundary (a negative or fractional amount, a missing id, an unknown kind…):
   * counted in no total, each with its issues in `issues`. The totals cover the other claims.
   */
  refused: RefusedClaim[];
  /** The attribution rule influenced claims were judged under: the agreement's (or the default, when it sets none). */
  attribution: AttributionSettings;
}

/** A claim {@link reconcile} could not read, and so counted nowhere. */
export interface RefusedClaim {
  /** Its position in `marketingClaims` (issue paths are `['marketingClaims', index, field]`). */
  index: number;
  /** Its id and opportunity, when they are readable strings. */
  claimId: string | null;
  opportunityId: string | null;
  /** The fields that failed (`amount`, `kind`…); empty when the claim is not an object at all. */
  fields: string[];
}
