import type {
  Account,
  Activity,
  ComputeScorecardOptions,
  Lead,
  LeadDisposition,
  Opportunity,
  ScorecardResult,
  Spend,
  Touchpoint,
} from '@accord/core';

/** A page of records as every Accord adapter returns it. */
export interface AccordPage<T> {
  records: T[];
  nextCursor: string | null;
}

/** Paging options of an adapter's `list*` calls. */
export interface AccordListOptions {
  limit?: number;
  cursor?: string | null;
}

/**
 * The part of `@accord/adapters`' `RevenueAdapter` the widgets use. Any adapter from
 * `@accord/adapters` (memory, csv, duckdb, postgres, CRM) fits as is; a host can also write a small
 * one over its own API. `@accord/react` does not depend on `@accord/adapters`, so a browser bundle
 * never pulls in a database driver.
 */
export interface AccordAdapter {
  readonly name: string;
  readonly capabilities: {
    readonly lists: Readonly<Record<'leads' | 'activities' | 'touchpoints' | 'opportunities' | 'spend', boolean>>;
    readonly writeDisposition: boolean;
    readonly runScorecard: boolean;
  };
  listLeads(options?: AccordListOptions): Promise<AccordPage<Lead>>;
  listActivities(options?: AccordListOptions): Promise<AccordPage<Activity>>;
  listTouchpoints(options?: AccordListOptions): Promise<AccordPage<Touchpoint>>;
  listOpportunities(options?: AccordListOptions): Promise<AccordPage<Opportunity>>;
  listSpend(options?: AccordListOptions): Promise<AccordPage<Spend>>;
  /**
   * Optional: the CRM's accounts (companies), for account views such as `CommitteeCoverage`. Adapters
   * without it give those views no accounts; hosts can pass accounts to the hooks instead.
   */
  listAccounts?(options?: AccordListOptions): Promise<AccordPage<Account>>;
  writeDisposition?(leadId: string, disposition: LeadDisposition): Promise<void>;
  runScorecard?(options: ComputeScorecardOptions & { accounts?: readonly Account[] }): Promise<ScorecardResult>;
}
