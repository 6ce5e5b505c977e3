'use client';

import type { Agreement, ComputeFunnelResult, FunnelStep, Instant } from '@accord/core';
import type { QueryClient } from '@tanstack/react-query';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useFormatters } from '../_lib/format';
import { useAccord, useAccordData } from '../provider/AccordProvider';
import type { AccordAdapter } from '../provider/adapter.types';
import { funnelQueryOptions } from '../queries/funnelQueryOptions';

/** What a funnel view shows: loading, the error, no leads in the window, or the funnel. */
export type FunnelState = 'loading' | 'error' | 'empty' | 'data';

/** Options for {@link useFunnel}. */
export interface UseFunnelOptions {
  /** Only leads created at or after this instant. Keep it stable (a string or a number, not a new Date per render). */
  from?: Instant | Date;
  /** Only leads created before this instant (end exclusive). */
  to?: Instant | Date;
  /** One funnel per value of this dimension (`source`, `segment`, `region`, `owner`, `attributes.<name>`…). */
  groupBy?: string;
  /** With `groupBy`: show this group's funnel in `steps` instead of the overall one. */
  group?: string;
  /** Default: the provider's agreement. */
  agreement?: Agreement;
  /** Default: the provider's adapter. */
  adapter?: AccordAdapter;
  /** Default: the provider's, else the host's QueryClientProvider. */
  queryClient?: QueryClient;
  /** Set `false` to hold the query. Default `true`. */
  enabled?: boolean;
}

/** What {@link useFunnel} returns. */
export interface UseFunnelResult {
  /** The core's funnel (overall steps, groups, issues), once loaded. */
  data: ComputeFunnelResult | undefined;
  /** The steps shown: the overall funnel, or the `group`'s (empty while loading, or for an unknown group). */
  steps: FunnelStep[];
  /** The largest count of `steps` (the top step), for scaling bars; 0 when empty. */
  max: number;
  state: FunnelState;
  error: Error | null;
  /** True while loading or refetching in the background. */
  isFetching: boolean;
  /** Refetches after an error (the Retry button). */
  retry: () => void;
  /** A one-line summary for the chart's accessible name: `"Funnel: 1,000 Inquiry to 4 Closed won"`; `null` without data. */
  summary: string | null;
}

const NO_STEPS: FunnelStep[] = [];

/**
 * @name useFunnel
 * @category Hooks
 * @summary Headless lead funnel: stage counts, conversions and median times, with the query state.
 *
 * @description
 * Runs {@link funnelQueryOptions} (the shared records, then `computeFunnel` from `@accord/core`) with
 * the provider's adapter, agreement and QueryClient unless given. Derives the display state
 * (`loading`, `error`, `empty` when no lead falls in the window, `data`), the steps to draw (overall,
 * or one group's with `groupBy` + `group`), their largest count for scaling, and a summary for the
 * chart's accessible name, formatted in the provider's locale.
 *
 * @param options - `from`, `to`, `groupBy`, `group`, and `agreement`, `adapter`, `queryClient`, `enabled` overrides.
 * @returns {@link UseFunnelResult}.
 *
 * @example
 * const { state, steps, max, summary, retry } = useFunnel({ from: '2026-01-01T00:00:00Z' });
 * if (state !== 'data') return null;
 * return (
 *   <ol aria-label={summary ?? undefined}>
 *     {steps.map((s) => <li key={s.stage}>{s.label}: {s.count}</li>)}
 *   </ol>
 * );
 */
export function useFunnel(options: UseFunnelOptions = {}): UseFunnelResult {
  const context = useAccord();
  const { adapter, queryClient } = useAccordData('useFunnel', options);
  const agreement = options.agreement ?? context.agreement;
  const { from, to, groupBy, group, enabled = true } = options;
  const query = useQuery({ ...funnelQueryOptions(adapter, { agreement, from, to, groupBy }), enabled }, queryClient);
  const { data, error, isFetching, refetch } = query;
  const { number } = useFormatters();

  const steps = useMemo(() => {
    if (!data) return NO_STEPS;
    if (group === undefined) return data.steps;
    return data.groups.find((g) => g.key === group)?.steps ?? NO_STEPS;
  }, [data, group]);
  const max = steps[0]?.count ?? 0;

  const state: FunnelState =
    query.status === 'error' ? 'error' : data === undefined ? 'loading' : max === 0 ? 'empty' : 'data';

  const summary = useMemo(() => {
    const first = steps[0];
    const last = steps[steps.length - 1];
    if (!first || !last) return null;
    return `Funnel: ${number(first.count)} ${first.label} to ${number(last.count)} ${last.label}`;
  }, [steps, number]);

  const retry = useCallback(() => {
    void refetch();
  }, [refetch]);

  return { data, steps, max, state, error, isFetching, retry, summary };
}
