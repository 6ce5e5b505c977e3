import {
  type Account,
  type ComputeScorecardOptions,
  computeScorecard,
  type ScorecardData,
  type ScorecardResult,
} from '@accord/core';
import { queryOptions } from '@tanstack/react-query';
import type { AccordAdapter } from '../provider/adapter.types';
import { accordKeys } from './accordKeys';
import { type AccordRecords, recordsQueryOptions } from './recordsQueryOptions';

/**
 * Parameters of {@link scorecardQueryOptions}: the agreement and every option of `computeScorecard`
 * (`metrics`, `groupBy`, `grain`, `weekStartsOn`, `view`, `period`, `compareTo`, `asOf`, `mode`,
 * `errorMap`), plus the CRM's `accounts` for the routing audit behind `misroute_rate`.
 */
export interface ScorecardQueryParams extends ComputeScorecardOptions {
  /** The CRM's accounts (lead-to-account matching). Keep the array stable: the key tracks its identity. */
  accounts?: readonly Account[];
}

// A small number per accounts array, so the key tracks the array's identity without hashing it.
const accountIds = new WeakMap<readonly Account[], number>();
let nextAccountsId = 1;
function accountsKey(accounts: readonly Account[] | undefined): number | undefined {
  if (accounts === undefined) return undefined;
  let id = accountIds.get(accounts);
  if (id === undefined) {
    id = nextAccountsId++;
    accountIds.set(accounts, id);
  }
  return id;
}

/** Epoch ms of `asOf`, so `'2026-07-04T04:00:00Z'`, the same Date and the same number share a key. */
function asOfKey(asOf: ComputeScorecardOptions['asOf']): number | string {
  if (asOf instanceof Date) return asOf.getTime();
  if (typeof asOf === 'number') return asOf;
  const ms = Date.parse(asOf);
  return Number.isNaN(ms) ? asOf : ms;
}

/** The serialisable part of the options (no agreement object, no error map), for the query key. */
function keyParams(params: Omit<ScorecardQueryParams, 'agreement'>) {
  const { metrics, groupBy, grain, weekStartsOn, view, period, compareTo, asOf, mode, accounts } = params;
  return {
    metrics: metrics === undefined ? null : [...metrics],
    groupBy: groupBy === undefined ? [] : [...groupBy],
    grain: grain ?? null,
    weekStartsOn: weekStartsOn ?? null,
    view: view ?? null,
    period: period ?? null,
    compareTo: compareTo ?? null,
    asOf: asOfKey(asOf),
    mode: mode ?? 'lenient',
    accounts: accountsKey(accounts) ?? null,
  };
}

/**
 * @name scorecardQueryOptions
 * @category Queries
 * @summary Query options for the shared scorecard: pushed down to the adapter when it can run it,
 * otherwise computed in the browser from the adapter's records.
 *
 * @description
 * When `adapter.capabilities.runScorecard` is set and the adapter has `runScorecard`, the adapter
 * computes the scorecard where the data lives (a warehouse, or the memory adapter's core call).
 * Otherwise the query loads the shared records with `recordsQueryOptions(adapter)` (one load for every
 * in-memory view) and runs `computeScorecard` from `@accord/core` on them. Both paths give the same
 * `ScorecardResult`. Kinds the adapter does not list are left out, so the scorecard derives
 * opportunities from leads as it does for an adapter that was given none.
 *
 * The key is `accordKeys.view(adapter, 'scorecard', agreement, params)`: the agreement's id and
 * version plus every serialisable option (`asOf` as epoch ms; `accounts` by array identity).
 *
 * @param adapter - Any Accord adapter.
 * @param params - `agreement`, `asOf` and the other options of `computeScorecard`, plus `accounts`.
 * @returns Options for `useQuery`, `prefetchQuery`, `ensureQueryData`…
 *
 * @example
 * await queryClient.prefetchQuery(
 *   scorecardQueryOptions(adapter, { agreement, asOf: Date.now(), groupBy: ['source'], period: '2026-05', compareTo: 'previous' }),
 * );
 */
export function scorecardQueryOptions(adapter: AccordAdapter, params: ScorecardQueryParams) {
  const { agreement, ...options } = params;
  return queryOptions({
    queryKey: accordKeys.view(adapter, 'scorecard', agreement, keyParams(options)),
    queryFn: async ({ client, signal }): Promise<ScorecardResult> => {
      if (adapter.capabilities.runScorecard && adapter.runScorecard) {
        return adapter.runScorecard({ agreement, ...options });
      }
      const records = await client.ensureQueryData(recordsQueryOptions(adapter));
      signal.throwIfAborted();
      return computeScorecard(toScorecardData(adapter, records, options.accounts), { agreement, ...options });
    },
  });
}

/** The records as `computeScorecard` reads them: kinds the adapter does not list stay absent. */
function toScorecardData(
  adapter: AccordAdapter,
  records: AccordRecords,
  accounts: readonly Account[] | undefined,
): ScorecardData {
  const { lists } = adapter.capabilities;
  return {
    leads: records.leads,
    ...(lists.activities ? { activities: records.activities } : {}),
    ...(lists.touchpoints ? { touchpoints: records.touchpoints } : {}),
    ...(lists.opportunities ? { opportunities: records.opportunities } : {}),
    ...(lists.spend ? { spend: records.spend } : {}),
    ...(accounts ? { accounts } : {}),
  };
}
