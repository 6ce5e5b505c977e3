import { type Agreement, computeWinLoss, type Instant, type WinLossDimension, type WinLossResult } from '@accord/core';
import { queryOptions } from '@tanstack/react-query';
import type { AccordAdapter } from '../provider/adapter.types';
import { accordKeys } from './accordKeys';
import { recordsQueryOptions } from './recordsQueryOptions';

/** Parameters of {@link winLossQueryOptions}. */
export interface WinLossQueryParams {
  /** The agreement: its `winLoss` catalog (loss reasons, themes) and, for `tier`, its ICP. */
  agreement: Agreement;
  /** The dimension rows are grouped by. Default `source`. */
  groupBy?: WinLossDimension;
  /** Only deals closed in [from, to) count. Default: every closed deal. */
  from?: Instant;
  to?: Instant;
  /** The instant ICP tiers are scored at (for `groupBy: 'tier'`), epoch ms. */
  now: number;
}

/**
 * @name winLossQueryOptions
 * @category Queries
 * @summary Query options for win/loss by group: win and no-decision rates with 95% intervals, cycle length, loss reasons and themes.
 *
 * @description
 * Reads the shared records query and runs `computeWinLoss({ opportunities, leads, accounts }, agreement,
 * { groupBy: [groupBy], from, to, now })` from `@accord/core`. The result keeps the core's coded
 * issues (unknown reasons, reasons on won deals…) for the host to show; bad options (a `tier` grouping
 * without an ICP, `to` before `from`) reject with the core's `AccordError`. Cached under
 * `accordKeys.view(adapter, 'winLoss', agreement, { groupBy, from, to, now })`.
 *
 * @param adapter - Any Accord adapter.
 * @param params - `agreement`, `now`, and optionally `groupBy`, `from`, `to`.
 * @returns Options for `useQuery`, `prefetchQuery`, `ensureQueryData`…
 *
 * @example
 * const result = await queryClient.fetchQuery(winLossQueryOptions(adapter, { agreement, groupBy: 'segment', now }));
 * result.rows[0].winRate //=> { value: 0.31, low: 0.22, high: 0.42, numerator: 25, denominator: 80 }
 */
export function winLossQueryOptions(adapter: AccordAdapter, params: WinLossQueryParams) {
  const { agreement, groupBy = 'source', from, to, now } = params;
  return queryOptions({
    queryKey: accordKeys.view(adapter, 'winLoss', agreement, { groupBy, from: from ?? null, to: to ?? null, now }),
    queryFn: async ({ client, signal }): Promise<WinLossResult> => {
      const records = await client.ensureQueryData(recordsQueryOptions(adapter));
      signal.throwIfAborted();
      const data = { opportunities: records.opportunities, leads: records.leads, accounts: records.accounts };
      return computeWinLoss(data, agreement, {
        groupBy: [groupBy],
        now,
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
      });
    },
  });
}
