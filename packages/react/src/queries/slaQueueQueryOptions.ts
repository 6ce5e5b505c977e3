import { type Agreement, type ComputeSlaQueueResult, computeSlaQueue } from '@accord/core';
import { queryOptions } from '@tanstack/react-query';
import type { AccordAdapter } from '../provider/adapter.types';
import { accordKeys } from './accordKeys';
import { recordsQueryOptions } from './recordsQueryOptions';

/** Parameters of {@link slaQueueQueryOptions}. */
export interface SlaQueueQueryParams {
  /** The agreement whose SLAs and calendars run the clocks. */
  agreement: Agreement;
  /**
   * Evaluate the clocks at this fixed instant (epoch ms or ISO). It is part of the query key. Without
   * it, the clocks are evaluated when the query runs, at `now()`.
   */
  asOf?: number | string;
  /** The clock read when the query runs without `asOf` (not part of the key). Default `Date.now`. */
  now?: () => number;
}

/**
 * @name slaQueueQueryOptions
 * @category Queries
 * @summary Query options for the SLA work queue: every open clock, ranked by next breach, with its instants.
 *
 * @description
 * Loads the adapter's records through the shared records query (`ensureQueryData`, so every view shares
 * one load) and runs `computeSlaQueue` from `@accord/core` at the query's instant: each lead's SLAs,
 * with the activities grouped by lead once. Each entry holds the instants a live countdown compares
 * the time with (start, warning, due, escalation steps), so `useSlaQueue` never re-runs the SLA maths
 * on a tick. Cached under `accordKeys.view(adapter, 'slaQueue', agreement, { asOf })`; a refetch
 * re-evaluates the clocks at the new instant.
 *
 * @param adapter - Any Accord adapter.
 * @param params - `agreement`, and `asOf` or `now`.
 * @returns TanStack query options (`queryKey`, `queryFn`).
 *
 * @example
 * await queryClient.prefetchQuery(slaQueueQueryOptions(adapter, { agreement }));
 */
export function slaQueueQueryOptions(adapter: AccordAdapter, params: SlaQueueQueryParams) {
  const { agreement, asOf, now } = params;
  return queryOptions({
    queryKey: accordKeys.view(adapter, 'slaQueue', agreement, { asOf: asOf ?? null }),
    queryFn: async ({ client }): Promise<ComputeSlaQueueResult> => {
      const records = await client.ensureQueryData(recordsQueryOptions(adapter));
      const at = asOf ?? (now ?? Date.now)();
      return computeSlaQueue(records.leads, records.activities, agreement, { now: at });
    },
  });
}
