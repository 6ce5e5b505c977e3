'use client';

import type { Proportion } from '@accord/core';
import { type CSSProperties, forwardRef, type HTMLAttributes, type ReactElement, type ReactNode, useId } from 'react';
import { ChartAxis, ChartGrid } from '../../_lib/chart/ChartAxis';
import { ChartStatus } from '../../_lib/chart/ChartStatus';
import { ChartTable } from '../../_lib/chart/ChartTable';
import { toPercent } from '../../_lib/chart/niceTicks';
import { cx } from '../../_lib/cx';
import { useFormatters } from '../../_lib/format';
import {
  type CountedRow,
  type UseWinLossOptions,
  type UseWinLossResult,
  useWinLoss,
  type WinLossGroupRow,
} from '../../hooks/useWinLoss';

/** A named group of related content (not a set of form controls, so not a <fieldset>). */
const GROUP = { role: 'group' } as const;

/** Props of {@link WinLossPanel}. Other props go to the root `<div>`. */
export interface WinLossPanelProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'>, UseWinLossOptions {
  /** The visible title, which names the group. Default `"Win/loss"`. */
  heading?: ReactNode;
  /** Shown when no deal closed in the period. Default "No closed deals yet." */
  emptyMessage?: ReactNode;
  /** Rendered last; a function receives the hook's result. */
  children?: ReactNode | ((winLoss: UseWinLossResult) => ReactNode);
}

/** The scale of the rate plot: 0–100%. */
const TICKS = [0, 0.25, 0.5, 0.75, 1];

/** One interval: a whisker from low to high with end caps, and the point estimate (a circle or a diamond). */
function Interval({ p, y, series }: { p: Proportion; y: number; series: 'win' | 'noDecision' }): ReactElement | null {
  if (p.value === null || p.low === null || p.high === null) return null;
  const lo = `${toPercent(p.low, 1)}%`;
  const hi = `${toPercent(p.high, 1)}%`;
  const at = `${toPercent(p.value, 1)}%`;
  const cy = `${y}%`;
  return (
    <g className="accord-WinLossPanel-interval" data-series={series}>
      <line x1={lo} x2={hi} y1={cy} y2={cy} className="accord-WinLossPanel-whisker" vectorEffect="non-scaling-stroke" />
      <svg x={lo} y={cy} width="1" height="1" overflow="visible" aria-hidden="true">
        <line x1="0" x2="0" y1="-4" y2="4" className="accord-WinLossPanel-cap" />
      </svg>
      <svg x={hi} y={cy} width="1" height="1" overflow="visible" aria-hidden="true">
        <line x1="0" x2="0" y1="-4" y2="4" className="accord-WinLossPanel-cap" />
      </svg>
      <svg x={at} y={cy} width="1" height="1" overflow="visible" aria-hidden="true">
        {series === 'win' ? (
          <circle r="4.5" className="accord-WinLossPanel-point" />
        ) : (
          <path d="M0,-5.5 L5.5,0 L0,5.5 L-5.5,0 Z" className="accord-WinLossPanel-point" />
        )}
      </svg>
    </g>
  );
}

function Counts({ title, items, empty }: { title: string; items: readonly CountedRow[]; empty: string }): ReactElement {
  const id = useId();
  return (
    <section className="accord-WinLossPanel-counts" aria-labelledby={id}>
      <div className="accord-WinLossPanel-countsTitle" id={id}>
        {title}
      </div>
      {items.length === 0 ? (
        <p className="accord-WinLossPanel-none">{empty}</p>
      ) : (
        <ol className="accord-WinLossPanel-countList">
          {items.map((item) => (
            <li
              key={item.id}
              className="accord-WinLossPanel-count"
              data-id={item.id}
              style={{ '--accord-winloss-share': `${Math.round(item.share * 1000) / 10}%` } as CSSProperties}
            >
              <bdi className="accord-WinLossPanel-countLabel">{item.label}</bdi>
              <span className="accord-WinLossPanel-countFigure">
                {item.countText} · {item.shareText}
              </span>
              <span className="accord-WinLossPanel-countBar" aria-hidden="true" />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Totals({ totals }: { totals: WinLossGroupRow }): ReactElement {
  const f = useFormatters();
  const { row } = totals;
  return (
    <dl className="accord-WinLossPanel-totals">
      <div className="accord-WinLossPanel-total">
        <dt>Closed deals</dt>
        <dd>
          {f.number(row.closed)}{' '}
          <span className="accord-WinLossPanel-muted">
            ({f.number(row.won)} won, {f.number(row.lost)} lost)
          </span>
        </dd>
      </div>
      <div className="accord-WinLossPanel-total">
        <dt>Win rate</dt>
        <dd>
          {totals.winRate.value}
          {totals.winRate.interval ? (
            <span className="accord-WinLossPanel-muted"> ({totals.winRate.interval})</span>
          ) : null}
        </dd>
      </div>
      <div className="accord-WinLossPanel-total">
        <dt>No decision</dt>
        <dd>
          {totals.noDecisionRate.value}
          {totals.noDecisionRate.interval ? (
            <span className="accord-WinLossPanel-muted"> ({totals.noDecisionRate.interval})</span>
          ) : null}
        </dd>
      </div>
      <div className="accord-WinLossPanel-total">
        <dt>Median cycle</dt>
        <dd>
          won {totals.cycleWon}, lost {totals.cycleLost}
        </dd>
      </div>
    </dl>
  );
}

function Plot({ winLoss }: { winLoss: UseWinLossResult }): ReactElement {
  const f = useFormatters();
  const { rows, summary, minGroupSize } = winLoss;
  const n = Math.max(rows.length, 1);
  return (
    <>
      <ul className="accord-Chart-legend accord-WinLossPanel-legend" aria-label="Legend">
        <li className="accord-Chart-legendItem" data-series="win">
          <svg className="accord-WinLossPanel-key" width="22" height="12" aria-hidden="true" focusable="false">
            <line x1="1" x2="21" y1="6" y2="6" className="accord-WinLossPanel-whisker" />
            <circle cx="11" cy="6" r="4" className="accord-WinLossPanel-point" />
          </svg>
          <span>Win rate</span>
        </li>
        <li className="accord-Chart-legendItem" data-series="noDecision">
          <svg className="accord-WinLossPanel-key" width="22" height="12" aria-hidden="true" focusable="false">
            <line x1="1" x2="21" y1="6" y2="6" className="accord-WinLossPanel-whisker" />
            <path d="M11,1 L16,6 L11,11 L6,6 Z" className="accord-WinLossPanel-point" />
          </svg>
          <span>No-decision rate</span>
        </li>
        <li className="accord-Chart-legendItem">
          <span>Lines: 95% interval</span>
        </li>
      </ul>
      <div className="accord-Chart-plot accord-WinLossPanel-plot">
        <svg className="accord-Chart-svg" role="img" aria-label={summary ?? 'Win/loss'} focusable="false">
          <ChartGrid ticks={TICKS} />
          {rows.map((r, i) => (
            <g key={r.key} className="accord-WinLossPanel-group" data-small={r.small ? '' : undefined}>
              <Interval p={r.row.winRate} y={((i + 0.34) / n) * 100} series="win" />
              <Interval p={r.row.noDecisionRate} y={((i + 0.68) / n) * 100} series="noDecision" />
            </g>
          ))}
        </svg>
        <ol className="accord-Chart-rows" aria-label="Groups">
          {rows.map((r) => (
            <li
              key={r.key}
              // One Tab stop per group: focus shows (and announces) every figure.
              // biome-ignore lint/a11y/noNoninteractiveTabindex: the rows are the chart's keyboard access to each group.
              tabIndex={0}
              className="accord-Chart-row accord-WinLossPanel-row"
              data-small={r.small ? '' : undefined}
              aria-label={r.description}
            >
              <span className="accord-Chart-label accord-WinLossPanel-groupCell">
                <bdi className="accord-WinLossPanel-groupName">{r.label}</bdi>
                <span className="accord-WinLossPanel-n">
                  {f.number(r.row.closed)} closed
                  {r.small ? <span className="accord-WinLossPanel-small"> · too few to read</span> : null}
                </span>
              </span>
              <span className="accord-Chart-figures">
                <span>{r.winRate.value} won</span>
                <span className="accord-Chart-muted">{r.noDecisionRate.value} no decision</span>
                <span className="accord-Chart-detail">
                  Win rate {r.winRate.value}
                  {r.winRate.interval ? ` (${r.winRate.interval})` : ''}; no decision {r.noDecisionRate.value}
                  {r.noDecisionRate.interval ? ` (${r.noDecisionRate.interval})` : ''}; median cycle won {r.cycleWon},
                  lost {r.cycleLost}
                  {r.small ? `; fewer than ${minGroupSize} closed deals, too few to read` : ''}
                </span>
              </span>
            </li>
          ))}
        </ol>
      </div>
      <ChartAxis ticks={TICKS} format={(t) => f.percent(t, 0)} />
    </>
  );
}

/**
 * @name WinLossPanel
 * @category Widgets
 * @summary Win rate and no-decision rate per group with 95% intervals, cycle length won vs lost, the loss-reason mix and the top objection themes.
 *
 * @description
 * A thin rendering of {@link useWinLoss}. A "Group by" radio group (source, campaign, segment, ICP
 * tier, account tier) picks the rows. The totals come first (closed deals, win rate and no-decision
 * rate with their intervals, median cycle of won and lost deals). The plot (`<svg role="img">` named
 * by a summary) draws each group's win rate (circle) and no-decision rate (diamond) as a point on its
 * 95% Wilson interval, on a 0–100% scale; over it, one focusable row per group (Tab) names every
 * figure. Groups with fewer than `minGroupSize` (20) closed deals are marked "too few to read" in text
 * and drawn dashed, so a 2-of-3 group is not read as a fact. A visually hidden `<table>` carries every
 * figure (closed, won, lost, both rates with intervals, median cycles, the top loss reason). Then the
 * loss reasons and categories of lost deals and the most frequent objection themes, with counts and
 * shares.
 *
 * `data-state` on the root is `loading|error|empty|data`, the grouping is in `data-group-by`; small
 * rows have `data-small`. Group values and labels are text in `<bdi>`. Class names:
 * `accord-WinLossPanel`, `-title`, `-toolbar`, `-groupBy`, `-option`, `-totals`, `-total`, `-muted`,
 * `-legend`, `-key`, `-plot`, `-interval`, `-whisker`, `-cap`, `-point`, `-row`, `-groupCell`,
 * `-groupName`, `-n`, `-small`, `-mix`, `-counts`, `-countsTitle`, `-countList`, `-count`, `-countLabel`,
 * `-countFigure`, `-countBar`, `-none`, and the shared `accord-Chart-*` parts.
 *
 * @example
 * <WinLossPanel defaultGroupBy="segment" from="2026-01-01" to="2026-07-01" />
 */
export const WinLossPanel = forwardRef<HTMLDivElement, WinLossPanelProps>(function WinLossPanel(
  {
    groupBy,
    defaultGroupBy,
    onGroupByChange,
    groupings,
    from,
    to,
    now,
    minGroupSize,
    agreement,
    adapter,
    queryClient,
    enabled,
    heading = 'Win/loss',
    emptyMessage = 'No closed deals yet.',
    children,
    className,
    style,
    ...rest
  },
  ref,
) {
  const winLoss = useWinLoss({
    groupBy,
    defaultGroupBy,
    onGroupByChange,
    groupings,
    from,
    to,
    now,
    minGroupSize,
    agreement,
    adapter,
    queryClient,
    enabled,
  });
  const f = useFormatters();
  const titleId = useId();
  const naming = rest['aria-label'] || rest['aria-labelledby'] ? {} : { 'aria-labelledby': titleId };
  const { state, rows, totals, groupLabel } = winLoss;

  return (
    <div
      ref={ref}
      {...GROUP}
      {...naming}
      {...rest}
      className={cx('accord-WinLossPanel', className)}
      style={{ ...style, '--accord-chart-rows': Math.max(rows.length, 1) } as CSSProperties}
      data-state={state}
      data-group-by={winLoss.groupBy}
      aria-busy={state === 'loading' || winLoss.isPlaceholderData || undefined}
    >
      <div className="accord-WinLossPanel-title" id={titleId}>
        {heading}
      </div>
      <fieldset className="accord-WinLossPanel-groupBy">
        <legend className="accord-WinLossPanel-legendText">Group by</legend>
        {winLoss.groupings.map((g) => (
          <label key={g.id} className="accord-WinLossPanel-option">
            <input {...winLoss.getGroupByProps(g.id)} />
            <span>{g.label}</span>
          </label>
        ))}
      </fieldset>
      {state !== 'data' || totals === null ? (
        <ChartStatus
          state={state === 'data' ? 'empty' : state}
          what="win/loss"
          emptyMessage={emptyMessage}
          onRetry={winLoss.retry}
        />
      ) : (
        <>
          <Totals totals={totals} />
          <Plot winLoss={winLoss} />
          <ChartTable
            caption={`Win/loss by ${groupLabel.toLowerCase()}`}
            columns={[
              groupLabel,
              'Closed (won, lost)',
              'Win rate (95% interval)',
              'No-decision rate (95% interval)',
              'Median cycle, won',
              'Median cycle, lost',
              'Top loss reason',
            ]}
            rows={[...rows, totals].map((r) => ({
              key: r.key,
              header: (
                <>
                  <bdi>{r.label}</bdi>
                  {r.small ? ' (too few to read)' : ''}
                </>
              ),
              cells: [
                `${f.number(r.row.closed)} (${f.number(r.row.won)}, ${f.number(r.row.lost)})`,
                `${r.winRate.value}${r.winRate.interval ? ` (${r.winRate.interval})` : ''}`,
                `${r.noDecisionRate.value}${r.noDecisionRate.interval ? ` (${r.noDecisionRate.interval})` : ''}`,
                r.cycleWon,
                r.cycleLost,
                r.topLossReason === null ? '—' : <bdi key="top">{r.topLossReason}</bdi>,
              ],
            }))}
          />
          <div className="accord-WinLossPanel-mix">
            <Counts title="Loss reasons" items={winLoss.lossReasons} empty="No lost deals." />
            <Counts title="Loss categories" items={winLoss.lossCategories} empty="No lost deals." />
            <Counts title="Top objection themes" items={winLoss.themes} empty="No objection themes recorded." />
          </div>
        </>
      )}
      {children === undefined || children === null
        ? null
        : typeof children === 'function'
          ? children(winLoss)
          : children}
    </div>
  );
});
