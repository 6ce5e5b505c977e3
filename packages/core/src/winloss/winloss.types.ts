import type { Proportion } from '../_lib/wilson';
import type { LossCategory } from '../agreement/agreement.types';
import type { AccordIssue, ErrorMap } from '../errors/errors.types';
import type { IcpTier } from '../icp/icp.types';
import type { Account, Instant, Lead, Opportunity } from '../records/records.types';

export type { Proportion };

/** What a win/loss row is grouped by. `tier` is the ICP tier of the deal's first lead (needs `tierOf` or `icp`). */
export type WinLossDimension = 'source' | 'campaignId' | 'segment' | 'tier' | 'accountTier';

/** The records {@link computeWinLoss} reads. */
export interface WinLossData {
  opportunities: readonly Opportunity[];
  /** For the `source`, `campaignId` and `segment` fallbacks (the deal's first lead) and for `tier`. */
  leads?: readonly Lead[];
  /** For `accountTier` (the deal's `accountId`), when no `accountTierOf` is given. */
  accounts?: readonly Account[];
}

/** Options for {@link computeWinLoss}. */
export interface ComputeWinLossOptions {
  groupBy?: readonly WinLossDimension[];
  /** Only deals closed in [from, to) count (instants); default all closed deals. */
  from?: Instant;
  to?: Instant;
  /** The ICP tier of a deal (e.g. from `scoreLead` on its first lead); default: scored from `leads` with the agreement's ICP at `now`. */
  tierOf?: (opportunityId: string) => IcpTier;
  /** The target-account tier id of an account (`null`: in no tier); default: the agreement's `targetAccounts` over `accounts`. */
  accountTierOf?: (accountId: string) => string | null;
  /** Needed to score leads for `tier` (and by target-tier rules that use `within_days`). */
  now?: Instant | Date;
  errorMap?: ErrorMap;
}

/** Loss reasons or themes, counted. */
export interface CountedId {
  id: string;
  label: string;
  count: number;
  /** Share of the group's lost (reasons) or closed (themes) deals, 0–1. */
  share: number;
}

/** One row of {@link computeWinLoss}. */
export interface WinLossRow {
  group: Record<string, string | null>;
  closed: number;
  won: number;
  lost: number;
  /** Won ÷ closed, with a 95% Wilson interval. */
  winRate: Proportion;
  /** Lost with a `no_decision` reason ÷ closed. */
  noDecisionRate: Proportion;
  /** Median days from `createdAt` to `closedAt` (fractional), `null` when none. */
  cycleDaysWon: number | null;
  cycleDaysLost: number | null;
  wonAmount: number;
  lostAmount: number;
  /** Lost deals by reason, most first; deals lost without a reason count under `id: 'unspecified'`. */
  lossReasons: CountedId[];
  /** Lost deals by reason category. */
  lossCategories: { category: LossCategory | 'unspecified'; count: number; share: number }[];
  /** Objection themes heard on closed deals, most first. */
  themes: CountedId[];
}

/** The result of {@link computeWinLoss}. */
export interface WinLossResult {
  groupBy: readonly WinLossDimension[];
  /** The currency of `wonAmount` / `lostAmount`: the agreement's, else the most common among the counted deals; `null` with no deals. */
  currency: string | null;
  rows: WinLossRow[];
  totals: Omit<WinLossRow, 'group'>;
  /** Coded issues found in the deals (unknown reasons, reasons on won deals, missing details…); the deals still count, as recorded. */
  issues: AccordIssue[];
}
