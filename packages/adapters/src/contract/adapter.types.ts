import type {
  AccordIssue,
  Account,
  Activity,
  ComputeScorecardOptions,
  Instant,
  Lead,
  LeadDisposition,
  Opportunity,
  ScorecardResult,
  Spend,
  Touchpoint,
} from '@accord/core';

/** The record kinds an adapter lists. */
export interface ListedRecords {
  leads: Lead;
  activities: Activity;
  touchpoints: Touchpoint;
  opportunities: Opportunity;
  spend: Spend;
}

/** One of `leads`, `activities`, `touchpoints`, `opportunities`, `spend`. */
export type ListKind = keyof ListedRecords;

/** Options of every `list*` call. */
export interface ListOptions {
  /** Records per page: 1 to 10,000 (default 1,000). */
  limit?: number;
  /** The `nextCursor` of the previous page; omit it for the first page. */
  cursor?: string | null;
  /** Only records created or changed at or after this instant (needs `capabilities.updatedSince`). */
  updatedSince?: Instant | Date;
}

/** A page of records, in the adapter's stable order. `nextCursor` is null on the last page. */
export interface Page<T> {
  records: T[];
  nextCursor: string | null;
}

/** What an adapter can do. A missing capability is declared `false`, never faked. */
export interface AdapterCapabilities {
  /** Which record kinds it lists. */
  readonly lists: Readonly<Record<ListKind, boolean>>;
  /** Whether `updatedSince` filters. */
  readonly updatedSince: boolean;
  readonly writeDisposition: boolean;
  readonly assignOwner: boolean;
  /** Whether it computes the scorecard where the data lives (`runScorecard`). */
  readonly runScorecard: boolean;
}

/** Scorecard options for push-down: the core's, and a hook that sees every statement before it runs. */
export interface RunScorecardOptions extends ComputeScorecardOptions {
  /** Called with each SQL statement and its bound parameters (for `--explain`); engines without SQL never call it. */
  onStatement?: (statement: { sql: string; params: readonly unknown[]; purpose: string }) => void;
  /** Accounts for the routing audit behind `misroute_rate` (adapters do not store accounts). */
  accounts?: readonly Account[];
}

/**
 * The one contract every data source implements (unstorage-style drivers): reads with paging and
 * `updatedSince`, optional writes and optional push-down. Records leave an adapter valid under the
 * core's schemas; problems are {@link AdapterError}s with the adapter's name and a code.
 */
export interface RevenueAdapter {
  readonly name: string;
  readonly capabilities: AdapterCapabilities;
  listLeads(options?: ListOptions): Promise<Page<Lead>>;
  listActivities(options?: ListOptions): Promise<Page<Activity>>;
  listTouchpoints(options?: ListOptions): Promise<Page<Touchpoint>>;
  listOpportunities(options?: ListOptions): Promise<Page<Opportunity>>;
  listSpend(options?: ListOptions): Promise<Page<Spend>>;
  /** Records a rep's disposition on a lead. */
  writeDisposition?(leadId: string, disposition: LeadDisposition): Promise<void>;
  /** Sets a lead's owner. */
  assignOwner?(leadId: string, ownerId: string): Promise<void>;
  /** Computes the scorecard where the data lives; must equal `computeScorecard` on the same records. */
  runScorecard?(options: RunScorecardOptions): Promise<ScorecardResult>;
  /** Releases connections and files. */
  close?(): Promise<void>;
}

/** Why an adapter call failed. */
export type AdapterErrorCode =
  | 'invalid_config'
  | 'invalid_option'
  | 'invalid_cursor'
  | 'invalid_record'
  | 'not_supported'
  | 'not_found'
  | 'unavailable'
  | 'timeout'
  | 'rate_limited';

/** Issues carried by an `invalid_record` error. */
export type AdapterIssues = readonly AccordIssue[];
