import {
  type Agreement,
  type AttributionComparisonRow,
  type AttributionModel,
  type AttributionResult,
  type BuildJourneysResult,
  buildJourneys,
  compareAttribution,
} from '@accord/core';
import { queryOptions } from '@tanstack/react-query';
import type { AccordAdapter } from '../provider/adapter.types';
import { accordKeys } from './accordKeys';
import { recordsQueryOptions } from './recordsQueryOptions';

/** Parameters of {@link attributionQueryOptions}. */
export interface AttributionQueryParams {
  /** The agreement: its `attribution` settings give the default lookback and half-life. */
  agreement: Agreement;
  /** The models to compare, in order. Default: every model the core offers (time decay when touches have times). */
  models?: readonly AttributionModel[];
  /** Touches older than this before the conversion get no credit. Default: the agreement's, else 90. */
  lookbackDays?: number;
  /** What converts: a won deal (default; its amount is the revenue) or an opportunity opened (pipeline). */
  convertOn?: 'won' | 'opportunity';
  /** Half-life of the time-decay model. Default: the agreement's, else 7. */
  halfLifeDays?: number;
}

/** One channel across the models: credited conversions, their share of all conversions (0–1), and revenue (minor units). */
export interface AttributionRow extends AttributionComparisonRow {
  /** Per model: the channel's conversions ÷ every conversion (0 when nothing converted). */
  share: Record<string, number>;
}

/** What {@link attributionQueryOptions} resolves to. */
export interface AttributionView {
  /** The models compared, in order. */
  models: AttributionModel[];
  /** The agreement's own model (`attribution.model`), or `null`. */
  agreedModel: AttributionModel | null;
  /** Channels, most conversions under the first model first. */
  rows: AttributionRow[];
  /** Conversions, revenue, journeys and touches (the same under every model). */
  totals: AttributionResult['totals'];
  /** Each model's full result: campaigns, diagnostics (Markov removal effects, Shapley values…), issues. */
  results: AttributionResult[];
  /** Touches left out of every journey, by why. */
  excluded: BuildJourneysResult['excluded'];
  lookbackDays: number;
  convertOn: 'won' | 'opportunity';
}

/**
 * @name attributionQueryOptions
 * @category Queries
 * @summary Query options comparing attribution models: credit and revenue per channel under each model.
 *
 * @description
 * Loads the adapter's records through the shared records query (`ensureQueryData`), joins touchpoints
 * to leads and opportunities with `buildJourneys`, and runs `compareAttribution` from `@accord/core`
 * (first / last touch, linear, time decay, position-based, W-shaped, full path, Markov, Shapley — or
 * the `models` given). Each row adds every model's share of the conversions to the core's figures.
 * Lookback and half-life default to the agreement's `attribution` settings. Cached under
 * `accordKeys.view(adapter, 'attribution', agreement, { models, lookbackDays, convertOn, halfLifeDays })`.
 *
 * @param adapter - Any Accord adapter.
 * @param params - `agreement`, and optionally `models`, `lookbackDays`, `convertOn`, `halfLifeDays`.
 * @returns Options for `useQuery`, `prefetchQuery`, `ensureQueryData`…
 *
 * @example
 * const view = await queryClient.fetchQuery(attributionQueryOptions(adapter, { agreement, models: ['first_touch', 'markov'] }));
 * view.rows[0] //=> { channel: 'paid_search', conversions: { first_touch: 12, markov: 10.4 }, share: { … }, value: { … } }
 */
export function attributionQueryOptions(adapter: AccordAdapter, params: AttributionQueryParams) {
  const { agreement, models, convertOn = 'won' } = params;
  const lookbackDays = params.lookbackDays ?? agreement.attribution?.lookbackDays ?? 90;
  const halfLifeDays = params.halfLifeDays ?? agreement.attribution?.halfLifeDays ?? 7;
  return queryOptions({
    queryKey: accordKeys.view(adapter, 'attribution', agreement, {
      models: models === undefined ? null : [...models],
      lookbackDays,
      convertOn,
      halfLifeDays,
    }),
    queryFn: async ({ client, signal }): Promise<AttributionView> => {
      const records = await client.ensureQueryData(recordsQueryOptions(adapter));
      signal.throwIfAborted();
      const built = buildJourneys(records, { lookbackDays, convertOn });
      if (!built.journeys.some((j) => (j.conversions ?? 0) > 0)) {
        // Nothing converted: no credit to share (and time decay has no conversion times to measure to).
        return {
          models: [...(models ?? [])],
          agreedModel: agreement.attribution?.model ?? null,
          rows: [],
          totals: { conversions: 0, value: 0, journeys: built.journeys.length, touches: 0 },
          results: [],
          excluded: built.excluded,
          lookbackDays,
          convertOn,
        };
      }
      const { results, table } = compareAttribution(built.journeys, {
        halfLifeDays,
        ...(models !== undefined ? { models } : {}),
      });
      const totals = results[0]?.totals ?? { conversions: 0, value: 0, journeys: built.journeys.length, touches: 0 };
      const rows = table.map(
        (row): AttributionRow => ({
          ...row,
          share: Object.fromEntries(
            Object.entries(row.conversions).map(([m, c]) => [m, totals.conversions > 0 ? c / totals.conversions : 0]),
          ),
        }),
      );
      return {
        models: results.map((r) => r.model as AttributionModel),
        agreedModel: agreement.attribution?.model ?? null,
        rows,
        totals,
        results,
        excluded: built.excluded,
        lookbackDays,
        convertOn,
      };
    },
  });
}
