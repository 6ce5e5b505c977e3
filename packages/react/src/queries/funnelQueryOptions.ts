import { type Agreement, type ComputeFunnelResult, computeFunnel, type Instant } from '@accord/core';
import { queryOptions } from '@tanstack/react-query';
import type { AccordAdapter } from '../provider/adapter.types';
import { accordKeys } from './accordKeys';
import { recordsQueryOptions } from './recordsQueryOptions';

/** Parameters of {@link funnelQueryOptions}. */
export interface FunnelQueryParams {
  /** The agreement whose open and won stages form the funnel. */
  agreement: Agreement;
  /** Only leads created at or after this instant (epoch ms, ISO or a Date). */
  from?: Instant | Date;
  /** Only leads created before this instant (end exclusive). */
  to?: Instant | Date;
  /**
   * One funnel per value of a dimension: `source`, `campaign`, `segment`, `region`, `country`, `owner`,
   * `team`, `account`, `company` or `attributes.<name>`.
   */
  groupBy?: string;
}

/** Epoch ms of an instant, so the same moment given as a string, a number or a Date shares a key. */
function instantKey(value: Instant | Date | undefined): number | string | null {
  if (value === undefined) return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : ms;
}

/**
 * @name funnelQueryOptions
 * @category Queries
 * @summary Query options for the lead funnel: per stage, the leads that reached it, conversions and the median time.
 *
 * @description
 * Loads the adapter's records through the shared records query (`ensureQueryData`, so every view
 * shares one load) and runs `computeFunnel` from `@accord/core` on the leads: the agreement's open
 * stages in order, then its won stage(s), each with the count, the conversion from the previous step
 * and from the top, and the median time from the previous stage; optionally one funnel per value of
 * `groupBy`. `from` / `to` pick the leads created in a window. Cached under
 * `accordKeys.view(adapter, 'funnel', agreement, { from, to, groupBy })` (instants as epoch ms).
 * Unknown dimensions or unreadable instants make the query fail with the core's `AccordError`.
 *
 * @param adapter - Any Accord adapter.
 * @param params - `agreement`, and optionally `from`, `to`, `groupBy`.
 * @returns Options for `useQuery`, `prefetchQuery`, `ensureQueryData`…
 *
 * @example
 * await queryClient.prefetchQuery(funnelQueryOptions(adapter, { agreement, from: '2026-01-01T00:00:00Z', groupBy: 'source' }));
 */
export function funnelQueryOptions(adapter: AccordAdapter, params: FunnelQueryParams) {
  const { agreement, from, to, groupBy } = params;
  return queryOptions({
    queryKey: accordKeys.view(adapter, 'funnel', agreement, {
      from: instantKey(from),
      to: instantKey(to),
      groupBy: groupBy ?? null,
    }),
    queryFn: async ({ client, signal }): Promise<ComputeFunnelResult> => {
      const records = await client.ensureQueryData(recordsQueryOptions(adapter));
      signal.throwIfAborted();
      return computeFunnel(records.leads, agreement, {
        ...(from !== undefined ? { from } : {}),
        ...(to !== undefined ? { to } : {}),
        ...(groupBy !== undefined ? { groupBy } : {}),
      });
    },
  });
}
