import type { AccordIssue, ErrorMap } from '../errors/errors.types';
import type { Account, Activity, Instant, Lead, Opportunity, Touchpoint } from '../records/records.types';
import type { EngagementReason, IcpTier } from './icp.types';

/** Which target tier an account is in, and why. */
export interface AccountTierResult {
  /** The tier id, or `null` when the account is in no target tier. */
  tierId: string | null;
  label: string | null;
  /** `listed` (in the tier's `accountIds`), `rule` (its `when` matched) or `none`. */
  via: 'listed' | 'rule' | 'none';
  /** E.g. `listed in Tier 1` or `segment is "enterprise", needs = "enterprise"`. */
  detail: string;
}

/** Options for {@link tierAccount}. */
export interface TierAccountOptions {
  /** The instant tier rules are evaluated at; needed only by rules that use `within_days`. */
  now?: Instant | Date;
}

/** Options for {@link scoreAccount}. */
export interface AccountOptions {
  /** The instant to evaluate at; never read from the clock. */
  now: Instant | Date;
  /** Marketing touchpoints: the contacts' (`leadId`) and the account's own (`accountId`). */
  touchpoints?: readonly Touchpoint[];
}

/** One intent signal across an account's contacts. */
export interface AccountEngagementReason extends EngagementReason {
  /** The contacts (lead ids) whose events counted, most points first; account-level touchpoints count under `account`. */
  contributors: readonly { leadId: string | 'account'; points: number }[];
}

/** An account's fit and intent, from all its contacts. */
export interface AccountScore {
  accountId: string;
  tier: AccountTierResult;
  /** The best fit among the account's contacts (the account's firmographics are its contacts'), or `none`. */
  fit: { score: number; tier: IcpTier; leadId: string | null };
  /** Decayed intent over every contact and account-level touchpoint, capped like a lead's. */
  engagement: { score: number; uncapped: number; reasons: AccountEngagementReason[] };
  /** Contacts with at least one counted event. */
  engagedContacts: number;
  contacts: number;
}

/**
 * The state of one buying role in an account: `engaged` (a contact in the role had a qualifying
 * activity within `staleAfterDays`), `stale` (only earlier), `unengaged` (contacts hold the role
 * but none was ever engaged), `missing` (no contact holds it).
 */
export type RoleState = 'engaged' | 'stale' | 'unengaged' | 'missing';

export interface RoleCoverage {
  roleId: string;
  label: string;
  state: RoleState;
  /** The contacts (lead ids) matching the role, most recently engaged first. */
  contactIds: readonly string[];
  /** The newest qualifying activity of any of them (epoch ms), or `null`. */
  lastEngagedAt: number | null;
  /**
   * E.g. `lead_12: meeting 3.0 days ago, within 30 days; 2 contacts hold the role` or
   * `none of the account's 4 contacts meets the role's rule: attributes.title matches /CFO/i`. Contacts are
   * named by lead id only: names, e-mails and titles are personal data and never quoted.
   */
  detail: string;
}

/** The verdict of {@link evaluateCommitteeCoverage}. */
export interface CommitteeCoverage {
  accountId: string;
  /** The requirement that applies (first whose `appliesTo` matches), or `null` (then `roles` is empty and coverage null). */
  requirementId: string | null;
  requirementLabel: string | null;
  /** One entry per required role, in the requirement's order. */
  roles: RoleCoverage[];
  /** Engaged required roles ÷ required roles (0–1), `null` when no requirement applies. */
  coverage: number | null;
  engaged: number;
  required: number;
  /** Role ids by state, for quick checks. */
  missing: readonly string[];
  stale: readonly string[];
  unengaged: readonly string[];
}

/** Options for {@link evaluateCommitteeCoverage}. */
export interface EvaluateCommitteeCoverageOptions {
  /** The instant to evaluate at: engagement is recent when within `staleAfterDays` before it. Never read from the clock. */
  now: Instant | Date;
}

/** The records {@link summarizeTargetAccounts} reads. */
export interface TargetAccountData {
  accounts: readonly Account[];
  /** Contacts: leads with an `accountId`. */
  leads: readonly Lead[];
  /** Sales activities of the contacts (for committee engagement). */
  activities: readonly Activity[];
  /** Deals, linked to accounts by `accountId`. */
  opportunities: readonly Opportunity[];
}

/** Options for {@link summarizeTargetAccounts}. */
export interface SummarizeTargetAccountsOptions {
  /** The instant committee coverage is evaluated at. Never read from the clock. */
  now: Instant | Date;
  /** Rows per target tier (default), per account segment, or both; the first dimension orders the rows. */
  groupBy?: readonly ('tier' | 'segment')[];
  /** Overrides the messages of the issues for this call. */
  errorMap?: ErrorMap;
}

/** A ratio or count with its parts, like a scorecard cell. */
export interface SummaryValue {
  value: number | null;
  numerator?: number;
  denominator?: number;
}

/** One row of {@link summarizeTargetAccounts}. */
export interface TargetAccountRow {
  group: { tier?: string | null; segment?: string | null };
  accounts: number;
  /** Mean of the accounts' coverage, and the engaged/required role counts behind it. */
  committeeCoverage: SummaryValue;
  /** Accounts with every required role engaged ÷ accounts with a requirement. */
  fullyCovered: SummaryValue;
  /** Open opportunity amount (minor units of the agreement currency). */
  pipeline: number;
  /** Won amount (minor units). */
  wonRevenue: number;
  opportunities: number;
  /** Won ÷ closed opportunities. */
  winRate: SummaryValue;
}

/** The result of {@link summarizeTargetAccounts}: the account-based scorecard. */
export interface TargetAccountSummary {
  groupBy: readonly ('tier' | 'segment')[];
  rows: TargetAccountRow[];
  totals: Omit<TargetAccountRow, 'group'>;
  /** Per account (by id), for drill-down. */
  accounts: { accountId: string; tierId: string | null; segment: string | null; coverage: CommitteeCoverage }[];
  /** The agreement's currency (default `USD`): every amount is in its minor units. */
  currency: string;
  /** Opportunities left out because their `accountId` is missing or names no account given (not account-based deals). */
  unlinkedOpportunities: number;
  /**
   * Coded problems with the input: `currency_mismatch` for an opportunity in another currency (its
   * amount is not summed, its count and outcome still are), `duplicate_id` for a repeated account id
   * (the first one counts).
   */
  issues: AccordIssue[];
}
