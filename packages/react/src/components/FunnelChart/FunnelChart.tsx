'use client';

import type { Agreement, FunnelStep, Instant } from '@accord/core';
import type { QueryClient } from '@tanstack/react-query';
import { type CSSProperties, forwardRef, type HTMLAttributes, type ReactNode, useMemo } from 'react';
import { ChartAxis, ChartGrid } from '../../_lib/chart/ChartAxis';
import { ChartStatus } from '../../_lib/chart/ChartStatus';
import { ChartTable } from '../../_lib/chart/ChartTable';
import { niceTicks, toPercent } from '../../_lib/chart/niceTicks';
import { cx } from '../../_lib/cx';
import { type Formatters, useFormatters } from '../../_lib/format';
import { type UseFunnelResult, useFunnel } from '../../hooks/useFunnel';
import type { AccordAdapter } from '../../provider/adapter.types';

/** Props of {@link FunnelChart}. Other props go to the root `<div>`. */
export interface FunnelChartProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** Only leads created at or after this instant. */
  from?: Instant | Date;
  /** Only leads created before this instant (end exclusive). */
  to?: Instant | Date;
  /** Compute one funnel per value of this dimension; `group` picks the one drawn. */
  groupBy?: string;
  group?: string;
  /** Shown when no lead falls in the window. Default "No leads in this period." */
  emptyMessage?: ReactNode;
  /** Caption of the table alternative. Default "Funnel by stage". */
  caption?: string;
  agreement?: Agreement;
  adapter?: AccordAdapter;
  queryClient?: QueryClient;
  /** Rendered after the chart; a function receives the hook's result. */
  children?: ReactNode | ((funnel: UseFunnelResult) => ReactNode);
}

const ROW_BAR = 0.6; // share of a row's height the bar fills

function conversionText(step: FunnelStep, index: number, f: Formatters): string {
  if (index === 0) return 'Top of funnel';
  return step.fromPrevious === null ? 'No previous leads' : `${f.percent(step.fromPrevious)} from previous`;
}

function detailText(step: FunnelStep, f: Formatters): string {
  const top = step.fromTop === null ? '' : `${f.percent(step.fromTop)} of top`;
  const median =
    step.medianMsFromPrevious === null ? '' : `median ${f.minutes(step.medianMsFromPrevious / 60_000)} from previous`;
  const skipped = step.skipped > 0 ? `${f.number(step.skipped)} skipped the stage` : '';
  return [top, median, skipped].filter(Boolean).join(', ');
}

/**
 * @name FunnelChart
 * @category Widgets
 * @summary The lead funnel as accessible SVG bars: leads per stage and the conversion from the previous one.
 *
 * @description
 * A thin rendering of {@link useFunnel}. One horizontal bar per funnel stage (the agreement's open
 * stages, then won) in an `<svg role="img">` named by a summary ("Funnel: 1,000 Inquiry to 42 Closed
 * won"), with grid lines and an axis. Over the bars, a list with one focusable row per stage (Tab moves
 * through them) gives the stage, its count and the conversion from the previous stage; focus or hover
 * also shows the share of the top and the median time from the previous stage. A visually hidden
 * `<table>` repeats every figure for screen readers. States (`data-state`): `loading`, `error` (with a
 * Retry button), `empty`, `data`. Stage labels are rendered as text in `<bdi>`; the drawing mirrors on
 * right-to-left pages. Class names: `accord-FunnelChart`, `-step`, `-label`, `-count`, `-bar`, and the
 * shared `accord-Chart-*` parts.
 *
 * @example
 * <FunnelChart from="2026-01-01T00:00:00Z" to="2026-04-01T00:00:00Z" />
 */
export const FunnelChart = forwardRef<HTMLDivElement, FunnelChartProps>(function FunnelChart(
  {
    from,
    to,
    groupBy,
    group,
    emptyMessage = 'No leads in this period.',
    caption = 'Funnel by stage',
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
  const funnel = useFunnel({ from, to, groupBy, group, agreement, adapter, queryClient });
  const { state, steps, max, summary } = funnel;
  const f = useFormatters();
  const ticks = useMemo(() => niceTicks(max), [max]);
  const top = ticks[ticks.length - 1] ?? 1;
  const n = steps.length;

  const rows = useMemo(
    () =>
      steps.map((step, i) => ({
        step,
        count: f.number(step.count),
        conversion: conversionText(step, i, f),
        detail: detailText(step, f),
      })),
    [steps, f],
  );

  return (
    <div
      ref={ref}
      {...rest}
      className={cx('accord-FunnelChart', className)}
      style={{ ...style, '--accord-chart-rows': n } as CSSProperties}
      data-state={state}
    >
      {state !== 'data' ? (
        <ChartStatus state={state} what="funnel" emptyMessage={emptyMessage} onRetry={funnel.retry} />
      ) : (
        <>
          <div className="accord-Chart-plot accord-FunnelChart-plot">
            <svg className="accord-Chart-svg" role="img" aria-label={summary ?? 'Funnel'} focusable="false">
              <ChartGrid ticks={ticks} />
              {steps.map((step, i) => {
                const y = ((i + (1 - ROW_BAR) / 2) / n) * 100;
                const h = (ROW_BAR / n) * 100;
                return (
                  <rect
                    key={step.stage}
                    className="accord-FunnelChart-bar"
                    data-stage={step.stage}
                    data-kind={step.kind}
                    x="0"
                    y={`${y}%`}
                    width={`${toPercent(step.count, top)}%`}
                    height={`${h}%`}
                  />
                );
              })}
            </svg>
            <ol className="accord-Chart-rows" aria-label="Funnel stages">
              {rows.map(({ step, count, conversion, detail }) => (
                <li
                  key={step.stage}
                  // A row per stage is one Tab stop: focus shows (and announces) its figures.
                  // biome-ignore lint/a11y/noNoninteractiveTabindex: the rows are the chart's keyboard access to each bar.
                  tabIndex={0}
                  className="accord-Chart-row accord-FunnelChart-step"
                  data-stage={step.stage}
                  data-kind={step.kind}
                  aria-label={`${step.label}: ${count} ${step.count === 1 ? 'lead' : 'leads'}, ${conversion}${detail ? `, ${detail}` : ''}`}
                >
                  <span className="accord-Chart-label accord-FunnelChart-label">
                    <bdi>{step.label}</bdi>
                  </span>
                  <span className="accord-Chart-figures">
                    <span className="accord-FunnelChart-count">{count}</span>{' '}
                    <bdi className="accord-Chart-muted">{conversion}</bdi>{' '}
                    {detail ? <bdi className="accord-Chart-detail">{detail}</bdi> : null}
                  </span>
                </li>
              ))}
            </ol>
          </div>
          <ChartAxis ticks={ticks} format={(t) => f.number(t)} />
          <ChartTable
            caption={caption}
            columns={['Stage', 'Leads', 'From previous stage', 'Of top', 'Median time from previous stage']}
            rows={steps.map((step) => ({
              key: step.stage,
              header: <bdi>{step.label}</bdi>,
              cells: [
                f.number(step.count),
                step.fromPrevious === null ? '—' : f.percent(step.fromPrevious),
                step.fromTop === null ? '—' : f.percent(step.fromTop),
                step.medianMsFromPrevious === null ? '—' : f.minutes(step.medianMsFromPrevious / 60_000),
              ],
            }))}
          />
        </>
      )}
      {children === undefined || children === null
        ? null
        : typeof children === 'function'
          ? children(funnel)
          : children}
    </div>
  );
});
