'use client';

import type { Account, Instant, MetricInfo, MetricView, PeriodInput, WeekStart } from '@accord/core';
import type { QueryClient } from '@tanstack/react-query';
import { forwardRef, type HTMLAttributes, memo, type ReactElement, type ReactNode, useId } from 'react';
import { cx } from '../../_lib/cx';
import {
  type ScorecardGroupRow,
  type ScorecardTrendGrain,
  type UseScorecardResult,
  useScorecard,
} from '../../hooks/useScorecard';
import type { AccordAdapter } from '../../provider/adapter.types';
import { MetricTile } from './MetricTile';

/** Props of {@link Scorecard}. Other props go to the root `<div>`. */
export interface ScorecardProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** Metric ids, built-in or the agreement's. Default: the core's default scorecard. */
  metrics?: readonly string[];
  /** The drill-down dimension shown first (`source`, `segment`, `region`, `owner`…). Default none. */
  groupBy?: string | null;
  /** The dimensions offered for drill-down. Default `source`, `segment`, `region`, `owner`. */
  drillDimensions?: readonly string[];
  /** Controls the drill-down dimension; pair it with `onDrillByChange`. */
  drillBy?: string | null;
  onDrillByChange?: (dimension: string | null) => void;
  /** Controls the group the tiles show; pair it with `onSelectedGroupChange`. */
  selectedGroup?: string | null;
  onSelectedGroupChange?: (group: string | null) => void;
  /** The grain of the trend sparklines: `month` (default) or `week`. */
  grain?: ScorecardTrendGrain;
  /** How many periods the sparklines show. Default 12. */
  trendPoints?: number;
  /** Set `false` to leave out the sparklines (and their query). Default `true`. */
  trend?: boolean;
  /** The period the tiles show: `2026-05`, `2026-Q2`, `2026`, or `{ from, to }`. Default: all data. */
  period?: PeriodInput;
  /** Compare with the previous period. Default `true` when `period` is set. */
  compare?: boolean;
  /** Force every metric's view. */
  view?: MetricView;
  weekStartsOn?: WeekStart;
  /** The moment the data describes. Default: the provider's clock at mount. */
  asOf?: Instant | Date;
  accounts?: readonly Account[];
  /** The visible title, which also names the widget. Default `Scorecard`. */
  label?: string;
  adapter?: AccordAdapter;
  queryClient?: QueryClient;
  /** Rendered last inside the widget; a function receives the hook's result. */
  children?: ReactNode | ((scorecard: UseScorecardResult) => ReactNode);
}

const SKELETON_TILES = [0, 1, 2, 3, 4, 5];

interface GroupRowProps {
  row: ScorecardGroupRow;
  selected: boolean;
  onToggle: (group: string) => void;
}

/** One drill-down row; memoised, so selecting a group re-renders two rows, not all of them. */
const GroupRow = memo(function GroupRow({ row, selected, onToggle }: GroupRowProps): ReactElement {
  return (
    <tr className="accord-Scorecard-row" data-selected={selected ? '' : undefined}>
      <th scope="row" className="accord-Scorecard-groupCell">
        <button
          type="button"
          className="accord-Scorecard-group"
          aria-pressed={selected}
          onClick={() => onToggle(row.key)}
        >
          <bdi>{row.key}</bdi>
        </button>
      </th>
      <Cells row={row} />
    </tr>
  );
});

function Cells({ row }: { row: ScorecardGroupRow }): ReactElement {
  return (
    <>
      {row.cells.map((cell) => (
        <td key={cell.metricId} className="accord-Scorecard-cell" data-state={cell.status}>
          {cell.formatted}
          {cell.status === 'missed' ? <span className="accord-VisuallyHidden"> (below target)</span> : null}
        </td>
      ))}
    </>
  );
}

const HeaderCells = memo(function HeaderCells({ metrics }: { metrics: readonly MetricInfo[] }): ReactElement {
  return (
    <>
      {metrics.map((m) => (
        <th key={m.id} scope="col" className="accord-Scorecard-metricHead">
          <bdi>{m.label}</bdi>
        </th>
      ))}
    </>
  );
});

function DrillTable({ scorecard }: { scorecard: UseScorecardResult }): ReactElement | null {
  const captionId = useId();
  const { drillLabel, drillRows, totalsRow, period, metrics, selectedGroup, toggleGroup, drillPending } = scorecard;
  if (drillLabel === null) return null;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
    // biome-ignore lint/a11y/useSemanticElements: a named <div role="region"> keeps host section styles off the scroller.
    <div className="accord-Scorecard-tableScroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="accord-Scorecard-table" aria-busy={drillPending || undefined}>
        <caption id={captionId} className="accord-Scorecard-caption">
          Metrics by <bdi>{drillLabel}</bdi>
          {period ? `, ${period.label}` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col" className="accord-Scorecard-dimHead">
              <bdi>{drillLabel}</bdi>
            </th>
            <HeaderCells metrics={metrics} />
          </tr>
        </thead>
        <tbody>
          {drillPending
            ? null
            : drillRows.map((row) => (
                <GroupRow key={row.key} row={row} selected={row.key === selectedGroup} onToggle={toggleGroup} />
              ))}
        </tbody>
        {totalsRow ? (
          <tfoot>
            <tr className="accord-Scorecard-totals">
              <th scope="row">All leads</th>
              <Cells row={totalsRow} />
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

function Context({ scorecard }: { scorecard: UseScorecardResult }): ReactElement | null {
  const { period, previousPeriod, drillLabel, selectedGroup, setSelectedGroup } = scorecard;
  return (
    <div className="accord-Scorecard-context">
      <span className="accord-Scorecard-period">
        {period ? period.label : 'All time'}
        {previousPeriod ? ` compared with ${previousPeriod.label}` : ''}
      </span>
      <span className="accord-Scorecard-scope">
        {selectedGroup === null || drillLabel === null ? (
          'All leads'
        ) : (
          <>
            <bdi>{drillLabel}</bdi>: <bdi>{selectedGroup}</bdi>{' '}
            <button type="button" className="accord-Scorecard-clear" onClick={() => setSelectedGroup(null)}>
              Show all leads
            </button>
          </>
        )}
      </span>
    </div>
  );
}

function Body({ scorecard }: { scorecard: UseScorecardResult }): ReactNode {
  const { status, error, isEmpty, isFetching, refetch, period } = scorecard;
  if (status === 'pending') {
    return (
      <>
        <p className="accord-VisuallyHidden" role="status">
          Loading the scorecard…
        </p>
        <ul className="accord-Scorecard-tiles" aria-hidden="true">
          {SKELETON_TILES.map((i) => (
            <li key={i} className="accord-Scorecard-skeleton" />
          ))}
        </ul>
      </>
    );
  }
  if (status === 'error') {
    return (
      <div className="accord-Scorecard-error" role="alert">
        <p className="accord-Scorecard-errorTitle">The scorecard could not be loaded.</p>
        <p className="accord-Scorecard-errorMessage">
          <bdi>{error?.message ?? 'Unknown error.'}</bdi>
        </p>
        <button
          type="button"
          className="accord-Scorecard-retry"
          aria-disabled={isFetching || undefined}
          onClick={() => {
            if (!isFetching) void refetch();
          }}
        >
          {isFetching ? 'Retrying…' : 'Retry'}
        </button>
      </div>
    );
  }
  if (isEmpty) {
    return (
      <p className="accord-Scorecard-empty">
        {period ? `No leads in ${period.label}.` : 'No leads yet.'} The scorecard fills in as leads arrive.
      </p>
    );
  }
  return (
    <>
      <Context scorecard={scorecard} />
      <ul className="accord-Scorecard-tiles" aria-label="Metrics">
        {scorecard.tiles.map((tile) => (
          <MetricTile key={tile.id} tile={tile} scorecard={scorecard} />
        ))}
      </ul>
      <fieldset className="accord-Scorecard-drill">
        <legend className="accord-Scorecard-drillLegend">Break down by</legend>
        <div className="accord-Scorecard-segments">
          <label className="accord-Scorecard-segment">
            <input {...scorecard.getDimensionProps(null, { className: 'accord-Scorecard-segmentInput' })} />
            <span>None</span>
          </label>
          {scorecard.drillDimensions.map((d) => (
            <label key={d.id} className="accord-Scorecard-segment">
              <input {...scorecard.getDimensionProps(d.id, { className: 'accord-Scorecard-segmentInput' })} />
              <bdi>{d.label}</bdi>
            </label>
          ))}
        </div>
      </fieldset>
      <DrillTable scorecard={scorecard} />
    </>
  );
}

/**
 * @name Scorecard
 * @category Widgets
 * @summary The shared scorecard: metric tiles with targets, deltas, trends and definitions, and a
 * drill-down table by source, segment, region or owner.
 *
 * @description
 * A thin rendering of {@link useScorecard}. Each tile shows the metric's value, a badge
 * (`data-state="met|missed|none"`: "Met target", "Below target", "No target"), the numerator and
 * denominator of ratios ("13 of 22"), the target, the change against the previous period with its
 * sign and whether that is good news for the metric's direction, and a sparkline (an SVG with
 * `role="img"` named by a summary of the trend, plus a visually hidden table of the series). The
 * metric's label is a button: focusing it, or hovering the tile, shows the dictionary definition
 * (description, formula, owner) in a popover tied by `aria-describedby`; Escape hides it.
 *
 * "Break down by" is a native radio group; choosing a dimension shows a table of groups × metrics
 * (`<caption>`, `<th scope>`, totals in the footer) whose group buttons focus the tiles on one group.
 * Loading shows a skeleton (`aria-busy`), errors an alert with a Retry button, and a period without
 * leads a clear message. Rows are formatted once per result and memoised, so 200 groups stay fast.
 * Every CRM string (group names, owner ids, metric labels) is React text inside `<bdi>`. Class names:
 * `accord-Scorecard`, `-header`, `-title`, `-context`, `-tiles`, `-tile`, `-term`, `-badge`,
 * `-definition`, `-value`, `-fraction`, `-target`, `-delta`, `-trend`, `-sparkline`, `-drill`,
 * `-segment`, `-table`, `-row`, `-group`, `-cell`, `-skeleton`, `-error`, `-retry`, `-empty`.
 *
 * @example
 * <Scorecard period="2026-05" groupBy="source" metrics={['leads', 'conversion.mql.sal', 'win_rate']} />
 */
export const Scorecard = forwardRef<HTMLDivElement, ScorecardProps>(function Scorecard(
  {
    metrics,
    groupBy,
    drillDimensions,
    drillBy,
    onDrillByChange,
    selectedGroup,
    onSelectedGroupChange,
    grain,
    trendPoints,
    trend,
    period,
    compare,
    view,
    weekStartsOn,
    asOf,
    accounts,
    label = 'Scorecard',
    adapter,
    queryClient,
    children,
    className,
    ...rest
  },
  ref,
) {
  const scorecard = useScorecard({
    metrics,
    defaultDrillBy: groupBy ?? null,
    drillDimensions,
    drillBy,
    onDrillByChange,
    selectedGroup,
    onSelectedGroupChange,
    grain,
    trendPoints,
    trend,
    period,
    compare,
    view,
    weekStartsOn,
    asOf,
    accounts,
    adapter,
    queryClient,
  });
  const titleId = useId();
  const naming = rest['aria-label'] || rest['aria-labelledby'] ? {} : { 'aria-labelledby': titleId };
  const state = scorecard.status === 'success' && scorecard.isEmpty ? 'empty' : scorecard.status;

  return (
    // biome-ignore lint/a11y/useSemanticElements: the widget is a named group of controls, not a form fieldset.
    <div
      ref={ref}
      role="group"
      {...naming}
      {...rest}
      className={cx('accord-Scorecard', className)}
      data-state={state}
      aria-busy={scorecard.status === 'pending' || scorecard.isPlaceholderData || undefined}
    >
      <div className="accord-Scorecard-header">
        <div className="accord-Scorecard-title" id={titleId}>
          <bdi>{label}</bdi>
        </div>
      </div>
      <Body scorecard={scorecard} />
      {children === undefined || children === null ? null : (
        <div className="accord-Scorecard-actions">
          {typeof children === 'function' ? children(scorecard) : children}
        </div>
      )}
    </div>
  );
});
