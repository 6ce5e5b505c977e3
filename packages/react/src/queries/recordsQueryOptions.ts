import type { Account, Activity, Lead, Opportunity, Spend, Touchpoint } from '@accord/core';
import { queryOptions } from '@tanstack/react-query';
import type { AccordAdapter, AccordListOptions, AccordPage } from '../provider/adapter.types';
import { accordKeys } from './accordKeys';

/** Every record an adapter lists, loaded page by page. Kinds the adapter does not list are empty. */
export interface AccordRecords {
  leads: readonly Lead[];
  activities: readonly Activity[];
  touchpoints: readonly Touchpoint[];
  opportunities: readonly Opportunity[];
  spend: readonly Spend[];
  /** The adapter's accounts when it has `listAccounts`, else empty. */
  accounts: readonly Account[];
}

const PAGE = 10_000;

async function listAll<T>(
  list: (options: AccordListOptions) => Promise<AccordPage<T>>,
  signal: AbortSignal | undefined,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    signal?.throwIfAborted();
    const page: AccordPage<T> = await list({ limit: PAGE, cursor });
    for (const record of page.records) out.push(record);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return out;
}

/**
 * @name recordsQueryOptions
 * @category Queries
 * @summary Query options that load every record an adapter lists, shared by the in-memory views.
 *
 * @description
 * The SLA queue, funnel, attribution and (for adapters without push-down) the scorecard are computed
 * in the browser from these records, so they are loaded once per adapter and cached under
 * `accordKeys.records(adapter)`. A disposition submitted through `useDispositionPicker` updates this
 * cache optimistically. Kinds the adapter does not list (`capabilities.lists`) are empty arrays; so are
 * `accounts` when the adapter has no (optional) `listAccounts`.
 *
 * @param adapter - Any Accord adapter.
 *
 * @example
 * await queryClient.prefetchQuery(recordsQueryOptions(adapter));
 */
export function recordsQueryOptions(adapter: AccordAdapter) {
  return queryOptions({
    queryKey: accordKeys.records(adapter),
    queryFn: async ({ signal }): Promise<AccordRecords> => {
      const { lists } = adapter.capabilities;
      const { listAccounts } = adapter;
      const [leads, activities, touchpoints, opportunities, spend, accounts] = await Promise.all([
        lists.leads ? listAll((o) => adapter.listLeads(o), signal) : [],
        lists.activities ? listAll((o) => adapter.listActivities(o), signal) : [],
        lists.touchpoints ? listAll((o) => adapter.listTouchpoints(o), signal) : [],
        lists.opportunities ? listAll((o) => adapter.listOpportunities(o), signal) : [],
        lists.spend ? listAll((o) => adapter.listSpend(o), signal) : [],
        listAccounts ? listAll((o) => listAccounts.call(adapter, o), signal) : [],
      ]);
      return { leads, activities, touchpoints, opportunities, spend, accounts };
    },
  });
}
