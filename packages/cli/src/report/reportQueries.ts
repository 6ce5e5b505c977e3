import type {
  Account,
  Activity,
  Agreement,
  AttributionModel,
  ComputeFunnelResult,
  Lead,
  Opportunity,
  Spend,
  Touchpoint,
} from '@accord/core';
import {
  type AccordAdapter,
  type AccordPage,
  type AttributionView,
  attributionQueryOptions,
  funnelQueryOptions,
  recordsQueryOptions,
} from '@accord/react';
import { QueryClient } from '@tanstack/react-query';

/** The records the report's widgets read (already checked at the boundary). */
export interface ReportRecords {
  leads: readonly Lead[];
  activities: readonly Activity[];
  touchpoints: readonly Touchpoint[];
  opportunities: readonly Opportunity[];
  spend: readonly Spend[];
  /** For the account-level widgets; none in the demo report. */
  accounts?: readonly Account[];
}

/** A query client prefilled for the report's widgets, and the views the demo prints from it. */
export interface ReportQueries {
  queryClient: QueryClient;
  adapter: AccordAdapter;
  agreement: Agreement;
  /** `funnelQueryOptions` over every lead: what `<FunnelChart>` draws. */
  funnel(): Promise<ComputeFunnelResult>;
  /** `attributionQueryOptions` for `models`: what `<AttributionComparison models>` draws. */
  attribution(models: readonly AttributionModel[]): Promise<AttributionView>;
}

const onePage =
  <T>(records: readonly T[]) =>
  async (): Promise<AccordPage<T>> => ({
    records: [...records],
    nextCursor: null,
  });

/**
 * @name createReportQueries
 * @category Report
 * @summary A QueryClient holding the demo's records, filled through @accord/react's query options.
 *
 * @description
 * The records query (`recordsQueryOptions`) is seeded with the records the demo already checked, so
 * nothing is listed twice; `funnel()` and `attribution()` run `fetchQuery` with the exported query
 * options factories — the same computations and cache keys the widgets use — so the numbers the demo
 * prints and the charts the report draws come from one place. Nothing refetches (no retries, infinite
 * stale time): the client is rendered once, on the server.
 *
 * @param records - The checked records.
 * @param agreement - The agreement the widgets enforce.
 * @returns {@link ReportQueries}.
 *
 * @example
 * const queries = createReportQueries(records, agreement);
 * const view = await queries.attribution(['first_touch', 'markov']);
 */
export function createReportQueries(records: ReportRecords, agreement: Agreement): ReportQueries {
  const adapter: AccordAdapter = {
    name: 'accord-demo',
    capabilities: {
      lists: { leads: true, activities: true, touchpoints: true, opportunities: true, spend: true },
      writeDisposition: false,
      runScorecard: false,
    },
    listLeads: onePage(records.leads),
    listActivities: onePage(records.activities),
    listTouchpoints: onePage(records.touchpoints),
    listOpportunities: onePage(records.opportunities),
    listSpend: onePage(records.spend),
  };
  const queryClient = new QueryClient({
    defaultOptions: {
      queries: { retry: false, staleTime: Number.POSITIVE_INFINITY, gcTime: Number.POSITIVE_INFINITY },
    },
  });
  queryClient.setQueryData(recordsQueryOptions(adapter).queryKey, {
    leads: records.leads,
    activities: records.activities,
    touchpoints: records.touchpoints,
    opportunities: records.opportunities,
    spend: records.spend,
    accounts: records.accounts ?? [],
  });
  return {
    queryClient,
    adapter,
    agreement,
    funnel: () => queryClient.fetchQuery(funnelQueryOptions(adapter, { agreement })),
    attribution: (models) => queryClient.fetchQuery(attributionQueryOptions(adapter, { agreement, models })),
  };
}
