'use client';

import type { Agreement, AttributionModel } from '@accord/core';
import type { QueryClient } from '@tanstack/react-query';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useAccord, useAccordData } from '../provider/AccordProvider';
import type { AccordAdapter } from '../provider/adapter.types';
import { type AttributionRow, type AttributionView, attributionQueryOptions } from '../queries/attributionQueryOptions';

/** What an attribution view shows: loading, the error, nothing converted, or the comparison. */
export type AttributionState = 'loading' | 'error' | 'empty' | 'data';

/** The figure compared: each channel's share of the conversions, or the revenue credited to it. */
export type AttributionMeasure = 'share' | 'revenue';

/** Options for {@link useAttribution}. */
export interface UseAttributionOptions {
  /** The models to compare, in order. Default: every model the core offers. Keep the array stable. */
  models?: readonly AttributionModel[];
  /** Default: the agreement's `attribution.lookbackDays`, else 90. */
  lookbackDays?: number;
  /** A won deal (default) or an opened opportunity. */
  convertOn?: 'won' | 'opportunity';
  /** Default: the agreement's `attribution.halfLifeDays`, else 7. */
  halfLifeDays?: number;
  /** The measure shown first (uncontrolled). Default `'share'`. */
  defaultMeasure?: AttributionMeasure;
  /** Controls the measure; pair it with `onMeasureChange`. */
  measure?: AttributionMeasure;
  onMeasureChange?: (measure: AttributionMeasure) => void;
  /** Default: the provider's agreement. */
  agreement?: Agreement;
  /** Default: the provider's adapter. */
  adapter?: AccordAdapter;
  /** Default: the provider's, else the host's QueryClientProvider. */
  queryClient?: QueryClient;
  /** Set `false` to hold the query. Default `true`. */
  enabled?: boolean;
}

/** What {@link useAttribution} returns. */
export interface UseAttributionResult {
  /** Rows, models, totals, every model's result and diagnostics, excluded touches — once loaded. */
  data: AttributionView | undefined;
  /** The models compared (empty while loading). */
  models: AttributionModel[];
  /** Channel rows (empty while loading). */
  rows: AttributionRow[];
  state: AttributionState;
  error: Error | null;
  isFetching: boolean;
  /** Refetches after an error (the Retry button). */
  retry: () => void;
  measure: AttributionMeasure;
  setMeasure: (measure: AttributionMeasure) => void;
  /** A row's figure for a model under the current measure: a share (0–1) or revenue (minor units). */
  figureOf: (row: AttributionRow, model: string) => number;
  /** The largest figure under the current measure, for scaling bars (0 when empty). */
  max: number;
  /** A model's display name: `"First touch"`, `"Markov chain"`… */
  labelOf: (model: string) => string;
  /** A one-line summary for the chart's accessible name; `null` without data. */
  summary: string | null;
}

const MODEL_LABELS: Readonly<Record<string, string>> = {
  first_touch: 'First touch',
  last_touch: 'Last touch',
  linear: 'Linear',
  time_decay: 'Time decay',
  position_based: 'Position-based',
  w_shaped: 'W-shaped',
  full_path: 'Full path',
  markov: 'Markov chain',
  shapley: 'Shapley value',
  custom: 'Custom',
};

const labelOf = (model: string): string =>
  Object.hasOwn(MODEL_LABELS, model) ? (MODEL_LABELS[model] as string) : model;

const NO_ROWS: AttributionRow[] = [];
const NO_MODELS: AttributionModel[] = [];

/**
 * @name useAttribution
 * @category Hooks
 * @summary Headless attribution comparison: per channel, the credit and revenue under each model, with the query state.
 *
 * @description
 * Runs {@link attributionQueryOptions} (the shared records, `buildJourneys`, then `compareAttribution`
 * from `@accord/core`) with the provider's adapter, agreement and QueryClient unless given. Holds the
 * measure toggle (share of credit or revenue, controlled or not), reads a row's figure under it and
 * the largest figure for scaling, names the models, and derives the state (`empty` when nothing
 * converted) and a summary for the chart's accessible name.
 *
 * @param options - `models`, `lookbackDays`, `convertOn`, `halfLifeDays`, the measure, and `agreement`, `adapter`, `queryClient`, `enabled` overrides.
 * @returns {@link UseAttributionResult}.
 *
 * @example
 * const { state, models, rows, figureOf, measure, setMeasure } = useAttribution({ models: ['first_touch', 'markov'] });
 * return rows.map((row) => (
 *   <p key={row.channel}>{row.channel}: {models.map((m) => figureOf(row, m)).join(' / ')}</p>
 * ));
 */
export function useAttribution(options: UseAttributionOptions = {}): UseAttributionResult {
  const context = useAccord();
  const { adapter, queryClient } = useAccordData('useAttribution', options);
  const agreement = options.agreement ?? context.agreement;
  const { models: requested, lookbackDays, convertOn, halfLifeDays, enabled = true } = options;
  const query = useQuery(
    {
      ...attributionQueryOptions(adapter, {
        agreement,
        ...(requested !== undefined ? { models: requested } : {}),
        ...(lookbackDays !== undefined ? { lookbackDays } : {}),
        ...(convertOn !== undefined ? { convertOn } : {}),
        ...(halfLifeDays !== undefined ? { halfLifeDays } : {}),
      }),
      enabled,
    },
    queryClient,
  );
  const { data, error, isFetching, refetch } = query;

  const [uncontrolled, setUncontrolled] = useState<AttributionMeasure>(options.defaultMeasure ?? 'share');
  const measure = options.measure ?? uncontrolled;
  const { measure: controlled, onMeasureChange } = options;
  const setMeasure = useCallback(
    (next: AttributionMeasure) => {
      if (controlled === undefined) setUncontrolled(next);
      onMeasureChange?.(next);
    },
    [controlled, onMeasureChange],
  );

  const figureOf = useCallback(
    (row: AttributionRow, model: string) => (measure === 'share' ? row.share[model] : row.value[model]) ?? 0,
    [measure],
  );
  const rows = data?.rows ?? NO_ROWS;
  const models = data?.models ?? NO_MODELS;
  const max = useMemo(() => {
    let m = 0;
    for (const row of rows) for (const model of models) m = Math.max(m, figureOf(row, model));
    return m;
  }, [rows, models, figureOf]);

  const state: AttributionState =
    query.status === 'error'
      ? 'error'
      : data === undefined
        ? 'loading'
        : data.totals.conversions === 0 || rows.length === 0
          ? 'empty'
          : 'data';

  const retry = useCallback(() => {
    void refetch();
  }, [refetch]);

  const summary =
    data === undefined
      ? null
      : `Attribution: ${rows.length} ${rows.length === 1 ? 'channel' : 'channels'} under ${models.length} ${models.length === 1 ? 'model' : 'models'}, by ${measure === 'share' ? 'share of credit' : 'revenue'}`;

  return { data, models, rows, state, error, isFetching, retry, measure, setMeasure, figureOf, max, labelOf, summary };
}
