import {
  type Account,
  type Agreement,
  type CommitteeCoverage,
  evaluateCommitteeCoverage,
  type Lead,
} from '@accord/core';
import { queryOptions } from '@tanstack/react-query';
import type { AccordAdapter } from '../provider/adapter.types';
import { accordKeys } from './accordKeys';
import { recordsQueryOptions } from './recordsQueryOptions';

/** Parameters of {@link committeeCoverageQueryOptions}. */
export interface CommitteeCoverageQueryParams {
  /** The agreement: its `buyingCommittee` (roles and requirements) and `targetAccounts`. */
  agreement: Agreement;
  /** The account to evaluate. */
  accountId: string;
  /**
   * The account record, when the host has it (adapters need not list accounts). Default: the account
   * with `accountId` among the adapter's accounts (`listAccounts`).
   */
  account?: Account;
  /** The instant to evaluate at (epoch ms): engagement older than a requirement's `staleAfterDays` is stale. */
  now: number;
}

/** What {@link committeeCoverageQueryOptions} resolves to. */
export interface CommitteeCoverageView {
  /** The account, or `null` when neither the host nor the adapter knows it (then `coverage` is `null`). */
  account: Account | null;
  /** The core's verdict, or `null` when the account is unknown. */
  coverage: CommitteeCoverage | null;
  /** The account's contacts (its leads), by id, for `renderContact`. */
  contacts: ReadonlyMap<string, Lead>;
  /** The instant evaluated at. */
  now: number;
}

/**
 * @name committeeCoverageQueryOptions
 * @category Queries
 * @summary Query options for one account's buying-committee coverage: which required roles are engaged, stale or missing.
 *
 * @description
 * Reads the shared records query (leads, activities and, when the adapter has
 * `listAccounts`, accounts), takes the account's contacts (leads with its `accountId`) and their
 * activities, and runs `evaluateCommitteeCoverage` from `@accord/core` at `now`. An account neither
 * passed in nor listed by the adapter resolves to `{ account: null, coverage: null }` (the widget's
 * "not found" state), never to an invented account. Cached under
 * `accordKeys.view(adapter, 'committeeCoverage', agreement, { accountId, account, now })`.
 *
 * @param adapter - Any Accord adapter.
 * @param params - `agreement`, `accountId`, `now`, and optionally the `account` record.
 * @returns Options for `useQuery`, `prefetchQuery`, `ensureQueryData`…
 *
 * @example
 * const view = await queryClient.fetchQuery(committeeCoverageQueryOptions(adapter, { agreement, accountId: 'A000042', now }));
 * view.coverage?.missing //=> ['procurement']
 */
export function committeeCoverageQueryOptions(adapter: AccordAdapter, params: CommitteeCoverageQueryParams) {
  const { agreement, accountId, account, now } = params;
  return queryOptions({
    queryKey: accordKeys.view(adapter, 'committeeCoverage', agreement, { accountId, account: account ?? null, now }),
    queryFn: async ({ client, signal }): Promise<CommitteeCoverageView> => {
      const records = await client.ensureQueryData(recordsQueryOptions(adapter));
      signal.throwIfAborted();
      const found = account ?? records.accounts.find((a) => a.id === accountId) ?? null;
      const contacts = new Map<string, Lead>();
      for (const lead of records.leads) if (lead.accountId === accountId) contacts.set(lead.id, lead);
      if (found === null) return { account: null, coverage: null, contacts, now };
      const activities = records.activities.filter((a) => a.leadId !== undefined && contacts.has(a.leadId));
      const coverage = evaluateCommitteeCoverage(found, [...contacts.values()], activities, agreement, { now });
      return { account: found, coverage, contacts, now };
    },
  });
}
