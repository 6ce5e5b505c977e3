'use client';

import type { Account, Instant, MetricInfo, MetricView, PeriodInput, WeekStart } from '@accord/core';
import type { QueryClient } from '@tanstack/react-query';
import { defaultRangeExtractor, observeElementRect, type Range, useVirtualizer } from '@tanstack/react-virtual';
import {
  type CSSProperties,
  type FocusEvent,
  forwardRef,
  type HTMLAttributes,
  memo,
  type ReactElement,
  type ReactNode,
  useCallback,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
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

/** Tables with at most this many groups render every row; longer ones render only the rows in view. */
const WINDOW_THRESHOLD = 30;
/** A row's height in px until it is measured (one line of text and the group button's borders). */
const ROW_ESTIMATE = 31;
/** Rows rendered beyond the visible ones on each side. */
const OVERSCAN = 8;
/** The scroller's size until it is measured (and where there is no layout, as in jsdom): 24rem high. */
const FALLBACK_RECT = { width: 960, height: 384 };

type Style = CSSProperties & Record<`--accord-${string}`, string | number>;

interface GroupRowProps {
  row: ScorecardGroupRow;
  /** The row's position among the groups (0-based); `aria-rowindex` adds the header row. */
  index: number;
  selected: boolean;
  onToggle: (group: string) => void;
  /** The virtualiser's measuring ref, when the table is windowed. */
  measure: ((node: HTMLTableRowElement | null) => void) | undefined;
}

/** One drill-down row; memoised, so selecting a group re-renders two rows, not all of them. */
const GroupRow = memo(function GroupRow({ row, index, selected, onToggle, measure }: GroupRowProps): ReactElement {
  return (
    <tr
      ref={measure}
      className="accord-Scorecard-row"
      aria-rowindex={index + 2}
      data-index={index}
      data-selected={selected ? '' : undefined}
    >
      <th scope="row" className="accord-Scorecard-groupCell">
        <button
          type="button"
          className="accord-Scorecard-group"
          aria-pressed={selected}
          data-group-index={index}
          onClick={() => onToggle(row.key)}
        >
          <bdi>{row.key}</bdi>
        </button>
      </th>
      <Cells row={row} />
    </tr>
  );
});

/** Stands in for rows that are not rendered, so the scroller keeps its full height. */
function SpacerRow({ size, columns }: { size: number; columns: number }): ReactElement {
  return (
    // biome-ignore lint/a11y/noAriaHiddenOnFocusable: an empty spacer row, never focusable, hidden from assistive technology.
    <tr className="accord-Scorecard-spacer" aria-hidden="true">
      <td colSpan={columns} style={{ '--accord-scorecard-spacer-size': `${size}px` } as Style} />
    </tr>
  );
}

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

/**
 * A row's height in whole px (so rows of the estimated height cause no second pass): measured where
 * there is layout, the estimate where there is none (jsdom).
 */
function measureRow(element: Element): number {
  const height = Math.round(element.getBoundingClientRect().height);
  return height > 0 ? height : ROW_ESTIMATE;
}

interface GroupsTableProps {
  scorecard: UseScorecardResult;
  drillLabel: string;
}

/**
 * The groups × metrics table. A real `<table>` in a focusable scroller of bounded height; beyond
 * {@link WINDOW_THRESHOLD} groups only the rows in view (plus overscan, the selected row and the row
 * holding focus) are rendered between spacer rows, while `aria-rowcount` and each row's
 * `aria-rowindex` give the full size (row 1 is the header, the last the totals).
 */
function GroupsTable({ scorecard, drillLabel }: GroupsTableProps): ReactElement {
  const captionId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const { drillRows, totalsRow, period, metrics, selectedGroup, toggleGroup, drillPending } = scorecard;
  const rows = drillPending ? EMPTY_ROWS : drillRows;
  const windowed = rows.length > WINDOW_THRESHOLD;
  const columns = metrics.length + 1;

  const indexOf = useMemo(() => new Map(rows.map((row, i) => [row.key, i] as const)), [rows]);
  const selectedIndex = selectedGroup === null ? -1 : (indexOf.get(selectedGroup) ?? -1);
  // The row whose button holds focus stays rendered too, so scrolling it away never drops focus.
  const [focusedKey, setFocusedKey] = useState<string | null>(null);
  const focusedIndex = focusedKey === null ? -1 : (indexOf.get(focusedKey) ?? -1);
  const onFocus = useCallback(
    (event: FocusEvent<HTMLTableSectionElement>) => {
      const index = Number((event.target as HTMLElement).dataset['groupIndex'] ?? -1);
      setFocusedKey(rows[index]?.key ?? null);
    },
    [rows],
  );
  const onBlur = useCallback((event: FocusEvent<HTMLTableSectionElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocusedKey(null);
  }, []);

  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      let added = false;
      for (const keep of [selectedIndex, focusedIndex]) {
        if (keep >= 0 && keep < range.count && !indexes.includes(keep)) {
          indexes.push(keep);
          added = true;
        }
      }
      if (added) indexes.sort((a, b) => a - b);
      return indexes;
    },
    [selectedIndex, focusedIndex],
  );
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLTableRowElement>({
    count: rows.length,
    enabled: windowed,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: OVERSCAN,
    initialRect: FALLBACK_RECT,
    rangeExtractor,
    getItemKey: (index) => rows[index]?.key ?? index,
    measureElement: measureRow,
    observeElementRect: (instance, cb) =>
      observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { ...rect, ...FALLBACK_RECT })),
  });

  let body: ReactNode[];
  if (!windowed) {
    body = rows.map((row, i) => (
      <GroupRow
        key={row.key}
        row={row}
        index={i}
        selected={i === selectedIndex}
        onToggle={toggleGroup}
        measure={undefined}
      />
    ));
  } else {
    body = [];
    let end = 0;
    for (const item of virtualizer.getVirtualItems()) {
      const row = rows[item.index] as ScorecardGroupRow;
      if (item.start > end) {
        body.push(
          <SpacerRow key={end === 0 ? 'gap-start' : `gap-${row.key}`} size={item.start - end} columns={columns} />,
        );
      }
      body.push(
        <GroupRow
          key={row.key}
          row={row}
          index={item.index}
          selected={item.index === selectedIndex}
          onToggle={toggleGroup}
          measure={virtualizer.measureElement}
        />,
      );
      end = item.end;
    }
    const total = virtualizer.getTotalSize();
    if (total > end) body.push(<SpacerRow key="gap-end" size={total - end} columns={columns} />);
  }

  return (
    // biome-ignore lint/a11y/useSemanticElements: a named <div role="region"> keeps host section styles off the scroller.
    <div
      ref={scrollRef}
      className="accord-Scorecard-tableScroll"
      role="region"
      aria-labelledby={captionId}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
      tabIndex={0}
      data-windowed={windowed ? '' : undefined}
    >
      <table
        className="accord-Scorecard-table"
        aria-busy={drillPending || undefined}
        aria-rowcount={rows.length + (totalsRow ? 2 : 1)}
      >
        <caption id={captionId} className="accord-Scorecard-caption">
          Metrics by <bdi>{drillLabel}</bdi>
          {period ? `, ${period.label}` : ''}
        </caption>
        <colgroup>
          <col className="accord-Scorecard-groupColumn" />
          <col className="accord-Scorecard-metricColumn" span={metrics.length} />
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col" className="accord-Scorecard-dimHead">
              <bdi>{drillLabel}</bdi>
            </th>
            <HeaderCells metrics={metrics} />
          </tr>
        </thead>
        <tbody onFocus={onFocus} onBlur={onBlur}>
          {body}
        </tbody>
        {totalsRow ? (
          <tfoot>
            <tr className="accord-Scorecard-totals" aria-rowindex={rows.length + 2}>
              <th scope="row">All leads</th>
              <Cells row={totalsRow} />
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

const EMPTY_ROWS: readonly ScorecardGroupRow[] = [];

function DrillTable({ scorecard }: { scorecard: UseScorecardResult }): ReactElement | null {
  const { drillLabel } = scorecard;
  if (drillLabel === null) return null;
  // A new dimension is a new table: it starts scrolled to the top, with a fresh window.
  return <GroupsTable key={scorecard.drillBy} scorecard={scorecard} drillLabel={drillLabel} />;
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
 * The table scrolls inside a focusable region (arrow keys, PageUp/PageDown) at most
 * `--accord-scorecard-table-height` high (default 24rem) under a sticky header and totals row, with
 * fixed column widths (`--accord-scorecard-group-width`, `--accord-scorecard-metric-width`). Beyond 30
 * groups only the rows in view are rendered (`@tanstack/react-virtual`, spacer rows stand in for the
 * rest), while `aria-rowcount` and each row's `aria-rowindex` give screen readers the full size; the
 * selected group's row and the row holding focus always stay rendered.
 * Loading shows a skeleton (`aria-busy`), errors an alert with a Retry button, and a period without
 * leads a clear message. Rows are formatted once per result and memoised, so 200 groups stay fast.
 * Every CRM string (group names, owner ids, metric labels) is React text inside `<bdi>`. Class names:
 * `accord-Scorecard`, `-header`, `-title`, `-context`, `-tiles`, `-tile`, `-term`, `-badge`,
 * `-definition`, `-value`, `-fraction`, `-target`, `-delta`, `-trend`, `-sparkline`, `-drill`,
 * `-segment`, `-tableScroll`, `-table`, `-row`, `-spacer`, `-group`, `-cell`, `-totals`, `-skeleton`,
 * `-error`, `-retry`, `-empty`.
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
