'use client';

import type { Agreement, AttributionModel } from '@accord/core';
import type { QueryClient } from '@tanstack/react-query';
import { type CSSProperties, forwardRef, type HTMLAttributes, type ReactNode, useId, useMemo } from 'react';
import { ChartAxis, ChartGrid } from '../../_lib/chart/ChartAxis';
import { ChartPatterns, ChartSwatch, seriesPatternId, toSvgId } from '../../_lib/chart/ChartPatterns';
import { ChartStatus } from '../../_lib/chart/ChartStatus';
import { ChartTable } from '../../_lib/chart/ChartTable';
import { niceTicks, toPercent } from '../../_lib/chart/niceTicks';
import { cx } from '../../_lib/cx';
import { useFormatters } from '../../_lib/format';
import { type AttributionMeasure, type UseAttributionResult, useAttribution } from '../../hooks/useAttribution';
import type { AccordAdapter } from '../../provider/adapter.types';

/** Props of {@link AttributionComparison}. Other props go to the root `<div>`. */
export interface AttributionComparisonProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** The models to compare, in order. Default: every model the core offers. Keep the array stable. */
  models?: readonly AttributionModel[];
  lookbackDays?: number;
  convertOn?: 'won' | 'opportunity';
  halfLifeDays?: number;
  /** The measure shown first (uncontrolled). Default `'share'`. */
  defaultMeasure?: AttributionMeasure;
  /** Controls the measure; pair it with `onMeasureChange`. */
  measure?: AttributionMeasure;
  onMeasureChange?: (measure: AttributionMeasure) => void;
  /** Shown when nothing converted. Default "No conversions to attribute." */
  emptyMessage?: ReactNode;
  /** Caption of the table alternative. Default "Attribution by channel and model". */
  caption?: string;
  agreement?: Agreement;
  adapter?: AccordAdapter;
  queryClient?: QueryClient;
  /** Rendered after the chart; a function receives the hook's result. */
  children?: ReactNode | ((attribution: UseAttributionResult) => ReactNode);
}

const ROW_BARS = 0.8; // share of a channel row's height its bars fill

/**
 * @name AttributionComparison
 * @category Widgets
 * @summary Attribution models side by side: a grouped bar chart per channel, a legend, and the table alternative.
 *
 * @description
 * A thin rendering of {@link useAttribution}. A toggle (two `aria-pressed` buttons) switches between
 * each channel's share of the credit and the revenue credited to it. The `<svg role="img">` draws one
 * group of bars per channel, a bar per model; each model has a colour and a pattern, and the legend
 * names them in text, so colour is never the only cue. Over the bars, a list with one focusable row per
 * channel (Tab moves through them) gives the agreed model's figure, and on focus every model's. A
 * visually hidden `<table>` (channel rows × model columns: credit % and revenue) carries every figure
 * for screen readers. States (`data-state`): `loading`, `error` (with Retry), `empty`, `data`; the
 * measure is in `data-measure`. Channel names are rendered as text in `<bdi>`. Class names:
 * `accord-AttributionComparison`, `-toolbar`, `-toggle`, `-bar`, `-channel`, and the shared
 * `accord-Chart-*` parts.
 *
 * @example
 * <AttributionComparison models={['first_touch', 'last_touch', 'w_shaped', 'markov']} defaultMeasure="revenue" />
 */
export const AttributionComparison = forwardRef<HTMLDivElement, AttributionComparisonProps>(
  function AttributionComparison(
    {
      models: requested,
      lookbackDays,
      convertOn,
      halfLifeDays,
      defaultMeasure,
      measure: controlled,
      onMeasureChange,
      emptyMessage = 'No conversions to attribute.',
      caption = 'Attribution by channel and model',
      agreement,
      adapter,
      queryClient,
      children,
      className,
      style,
      ...rest
    },
    ref,
  ) {
    const attribution = useAttribution({
      models: requested,
      lookbackDays,
      convertOn,
      halfLifeDays,
      defaultMeasure,
      measure: controlled,
      onMeasureChange,
      agreement,
      adapter,
      queryClient,
    });
    const { state, models, rows, measure, setMeasure, figureOf, max, labelOf, summary, data } = attribution;
    const f = useFormatters();
    const prefix = toSvgId(useId());
    const ticks = useMemo(() => niceTicks(max), [max]);
    const top = ticks[ticks.length - 1] ?? 1;
    const k = Math.max(models.length, 1);
    const n = rows.length;
    const focusModel = data?.agreedModel && models.includes(data.agreedModel) ? data.agreedModel : models[0];

    const channelRows = useMemo(() => {
      const fmt = (v: number) => (measure === 'share' ? f.percent(v) : f.money(v));
      return rows.map((row) => ({
        row,
        figures: models.map((m) => `${labelOf(m)} ${fmt(figureOf(row, m))}`),
        headline: focusModel ? `${labelOf(focusModel)}: ${fmt(figureOf(row, focusModel))}` : '',
      }));
    }, [rows, models, figureOf, labelOf, focusModel, f, measure]);

    return (
      <div
        ref={ref}
        {...rest}
        className={cx('accord-AttributionComparison', className)}
        style={
          {
            ...style,
            '--accord-chart-rows': n,
            '--accord-chart-row-size': `calc(${k} * 0.5rem + 1.25rem)`,
          } as CSSProperties
        }
        data-state={state}
        data-measure={measure}
      >
        {state !== 'data' ? (
          <ChartStatus state={state} what="attribution" emptyMessage={emptyMessage} onRetry={attribution.retry} />
        ) : (
          <>
            <div className="accord-AttributionComparison-toolbar">
              <fieldset className="accord-AttributionComparison-toggle">
                <legend className="accord-VisuallyHidden">Measure</legend>
                <button type="button" aria-pressed={measure === 'share'} onClick={() => setMeasure('share')}>
                  Share of credit
                </button>
                <button type="button" aria-pressed={measure === 'revenue'} onClick={() => setMeasure('revenue')}>
                  Revenue
                </button>
              </fieldset>
              <ul className="accord-Chart-legend" aria-label="Models">
                {models.map((m, j) => (
                  <li key={m} className="accord-Chart-legendItem" data-model={m}>
                    <ChartSwatch prefix={prefix} index={j} />
                    <span>
                      {labelOf(m)}
                      {m === data?.agreedModel ? ' (agreed)' : ''}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
            <div className="accord-Chart-plot accord-AttributionComparison-plot">
              <svg className="accord-Chart-svg" role="img" aria-label={summary ?? 'Attribution'} focusable="false">
                <ChartPatterns prefix={prefix} count={models.length} />
                <ChartGrid ticks={ticks} />
                {rows.map((row, i) =>
                  models.map((m, j) => {
                    const y = ((i + (1 - ROW_BARS) / 2 + (j * ROW_BARS) / k) / n) * 100;
                    const h = ((ROW_BARS / k) * 0.85 * 100) / n;
                    return (
                      <rect
                        key={`${row.channel}\u0000${m}`}
                        className="accord-AttributionComparison-bar"
                        data-model={m}
                        x="0"
                        y={`${y}%`}
                        width={`${toPercent(figureOf(row, m), top)}%`}
                        height={`${h}%`}
                        fill={`url(#${seriesPatternId(prefix, j)})`}
                      />
                    );
                  }),
                )}
              </svg>
              <ol className="accord-Chart-rows" aria-label="Channels">
                {channelRows.map(({ row, figures, headline }) => (
                  <li
                    key={row.channel}
                    // One Tab stop per channel: focus shows (and announces) every model's figure.
                    // biome-ignore lint/a11y/noNoninteractiveTabindex: the rows are the chart's keyboard access to each bar group.
                    tabIndex={0}
                    className="accord-Chart-row accord-AttributionComparison-channel"
                    aria-label={`${row.channel}: ${figures.join(', ')}`}
                  >
                    <span className="accord-Chart-label">
                      <bdi>{row.channel}</bdi>
                    </span>
                    <span className="accord-Chart-figures">
                      <bdi className="accord-Chart-muted">{headline}</bdi>{' '}
                      <bdi className="accord-Chart-detail">{figures.join(' · ')}</bdi>
                    </span>
                  </li>
                ))}
              </ol>
            </div>
            <ChartAxis ticks={ticks} format={(t) => (measure === 'share' ? f.percent(t, 0) : f.moneyCompact(t))} />
            <ChartTable
              caption={caption}
              columns={['Channel', ...models.map(labelOf)]}
              rows={rows.map((row) => ({
                key: row.channel,
                header: <bdi>{row.channel}</bdi>,
                cells: models.map((m) => `${f.percent(row.share[m] ?? 0)} of credit, ${f.money(row.value[m] ?? 0)}`),
              }))}
            />
          </>
        )}
        {children === undefined || children === null
          ? null
          : typeof children === 'function'
            ? children(attribution)
            : children}
      </div>
    );
  },
);
