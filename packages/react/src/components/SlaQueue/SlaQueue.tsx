'use client';

import type { SlaQueueEntry, SlaQueueEscalation } from '@accord/core';
import { defaultRangeExtractor, observeElementRect, type Range, useVirtualizer } from '@tanstack/react-virtual';
import {
  type CSSProperties,
  forwardRef,
  type HTMLAttributes,
  memo,
  type ReactNode,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
} from 'react';
import { cx } from '../../_lib/cx';
import { type Formatters, useFormatters } from '../../_lib/format';
import {
  type SlaQueueState,
  type UseSlaQueueOptions,
  type UseSlaQueueResult,
  useSlaQueue,
} from '../../hooks/useSlaQueue';

/** Props of {@link SlaQueue}. Other props go to the root `<div>`. */
export interface SlaQueueProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'>, UseSlaQueueOptions {
  /** The grid's accessible name. Default "SLA queue". */
  label?: string;
  /** Height of a row in px (rows are not measured, so a tick never triggers layout). Default 56. */
  rowHeight?: number;
  /** Rows rendered beyond the visible ones on each side. Default 6. */
  overscan?: number;
  /** Rendered in the header after the filters, e.g. a "Refresh" button; a function receives the queue. */
  children?: ReactNode | ((queue: UseSlaQueueResult) => ReactNode);
}

const STATE_LABEL: Record<SlaQueueState, string> = {
  ok: 'On time',
  warning: 'Warning',
  breached: 'Breached',
  paused: 'Paused',
};
const STATE_ORDER: readonly SlaQueueState[] = ['breached', 'warning', 'ok', 'paused'];
const ACTION_LABEL: Record<SlaQueueEscalation['action'], string> = {
  notify_owner: 'Notify owner',
  notify_manager: 'Notify manager',
  reroute: 'Reroute',
};
const COLUMNS = ['Lead', 'Owner', 'SLA', 'State', 'Time left', 'Escalation'] as const;
/** The viewport assumed until the grid is measured (and where there is no layout, as in jsdom). */
const FALLBACK_RECT = { width: 960, height: 448 };

type Style = CSSProperties & Record<`--accord-${string}`, string | number>;

interface RowProps {
  entry: SlaQueueEntry;
  index: number;
  start: number;
  active: boolean;
  state: SlaQueueState;
  /** Whole minutes shown: left (rounded up) or overdue (rounded down). */
  minutes: number;
  /** Elapsed share, rounded to 0.1 %. */
  share: number;
  escalation: SlaQueueEscalation | null;
  getRowProps: UseSlaQueueResult['getRowProps'];
  fmt: Formatters;
}

function countdownText(state: SlaQueueState, minutes: number, fmt: Formatters): string {
  if (state === 'breached') return `Overdue by ${fmt.minutes(minutes)}`;
  if (state === 'paused') return `Paused, ${fmt.minutes(minutes)} left`;
  return `${fmt.minutes(minutes)} left`;
}

/** One clock; memoised on display values, so a tick re-renders only rows whose minute or state changed. */
const SlaQueueRow = memo(function SlaQueueRow({
  entry,
  index,
  start,
  active,
  state,
  minutes,
  share,
  escalation,
  getRowProps,
  fmt,
}: RowProps): ReactNode {
  void active; // part of the memo key: getRowProps marks the active row with data-active
  const { lead } = entry;
  return (
    <tr
      {...getRowProps(index, {
        className: 'accord-SlaQueue-row',
        style: { '--accord-sla-row-start': `${start}px` } as Style,
      })}
      data-state={state}
      data-side={entry.side}
    >
      <td className="accord-SlaQueue-cell accord-SlaQueue-lead">
        <bdi className="accord-SlaQueue-company">{lead.company ?? lead.name}</bdi>
        {lead.company !== null ? <bdi className="accord-SlaQueue-name">{lead.name}</bdi> : null}
      </td>
      <td className="accord-SlaQueue-cell accord-SlaQueue-owner">
        {lead.ownerId !== null ? <bdi>{lead.ownerId}</bdi> : <span className="accord-SlaQueue-muted">Unassigned</span>}
      </td>
      <td className="accord-SlaQueue-cell accord-SlaQueue-sla">
        <bdi>{entry.label}</bdi>
      </td>
      <td className="accord-SlaQueue-cell">
        <span className="accord-SlaQueue-state" data-state={state}>
          {STATE_LABEL[state]}
        </span>
      </td>
      <td className="accord-SlaQueue-cell accord-SlaQueue-countdown">
        <span className="accord-SlaQueue-countdownText">{countdownText(state, minutes, fmt)}</span>
        <span
          className="accord-SlaQueue-bar"
          data-state={state}
          aria-hidden="true"
          style={{ '--accord-sla-share': share } as Style}
        >
          <span className="accord-SlaQueue-barFill" />
        </span>
      </td>
      <td className="accord-SlaQueue-cell">
        {escalation !== null ? (
          <span className="accord-SlaQueue-escalation" data-action={escalation.action}>
            Step {escalation.step}: {ACTION_LABEL[escalation.action]}
            {escalation.to !== undefined ? (
              <>
                {' → '}
                <bdi>{escalation.to}</bdi>
              </>
            ) : null}
          </span>
        ) : null}
      </td>
    </tr>
  );
});

interface FilterOption {
  value: string;
  label: string;
}

interface FilterSelectProps {
  id: string;
  label: string;
  /** The first option, value `''`: no filter. */
  allLabel: string;
  value: string | undefined;
  options: readonly FilterOption[];
  onChange: (value: string) => void;
}

type FilterSelectKey = 'side' | 'slaId' | 'state' | 'ownerId';

/** The filters chosen from a list, in order (the search field comes first). */
const FILTER_SELECTS: readonly { key: FilterSelectKey; idSuffix: string; label: string; allLabel: string }[] = [
  { key: 'side', idSuffix: 'side', label: 'Side', allLabel: 'All sides' },
  { key: 'slaId', idSuffix: 'sla', label: 'SLA', allLabel: 'All SLAs' },
  { key: 'state', idSuffix: 'state', label: 'State', allLabel: 'All states' },
  { key: 'ownerId', idSuffix: 'owner', label: 'Owner', allLabel: 'All owners' },
];
const SIDE_OPTIONS: readonly FilterOption[] = [
  { value: 'sales', label: 'Sales' },
  { value: 'marketing', label: 'Marketing' },
];
const STATE_OPTIONS: readonly FilterOption[] = STATE_ORDER.map((s) => ({ value: s, label: STATE_LABEL[s] }));

/** One labelled filter `<select>`: "All …" first, then the options. */
function FilterSelect({ id, label, allLabel, value, options, onChange }: FilterSelectProps): ReactNode {
  return (
    <label className="accord-SlaQueue-filter" htmlFor={id}>
      <span className="accord-SlaQueue-filterLabel">{label}</span>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function Filters({ queue, idBase }: { queue: UseSlaQueueResult; idBase: string }): ReactNode {
  const { filters, setFilter, choices } = queue;
  const options = useMemo<Record<FilterSelectKey, readonly FilterOption[]>>(
    () => ({
      side: SIDE_OPTIONS,
      slaId: choices.slas.map((s) => ({ value: s.id, label: s.label })),
      state: STATE_OPTIONS,
      ownerId: choices.owners.map((o) => ({ value: o, label: o })),
    }),
    [choices.slas, choices.owners],
  );
  return (
    <fieldset className="accord-SlaQueue-filters">
      <legend className="accord-VisuallyHidden">Filters</legend>
      <label className="accord-SlaQueue-filter" htmlFor={`${idBase}-search`}>
        <span className="accord-SlaQueue-filterLabel">Search</span>
        <input
          id={`${idBase}-search`}
          type="search"
          className="accord-SlaQueue-search"
          placeholder="Lead or company"
          value={filters.search ?? ''}
          onChange={(e) => setFilter('search', e.currentTarget.value)}
        />
      </label>
      {FILTER_SELECTS.map(({ key, idSuffix, label, allLabel }) => (
        <FilterSelect
          key={key}
          id={`${idBase}-${idSuffix}`}
          label={label}
          allLabel={allLabel}
          value={filters[key]}
          options={options[key]}
          onChange={(v) => setFilter(key, v || undefined)}
        />
      ))}
    </fieldset>
  );
}

function Counts({ queue, fmt }: { queue: UseSlaQueueResult; fmt: Formatters }): ReactNode {
  return (
    <ul className="accord-SlaQueue-counts" aria-label="Open clocks by state">
      {STATE_ORDER.map((s) => (
        <li key={s} className="accord-SlaQueue-count" data-state={s}>
          <span className="accord-SlaQueue-countValue">{fmt.number(queue.counts[s])}</span>{' '}
          <span className="accord-SlaQueue-countLabel">{STATE_LABEL[s]}</span>
        </li>
      ))}
    </ul>
  );
}

interface GridProps {
  queue: UseSlaQueueResult;
  label: string;
  rowHeight: number;
  overscan: number;
  fmt: Formatters;
  pageSizeRef: { current: number };
}

function Grid({ queue, label, rowHeight, overscan, fmt, pageSizeRef }: GridProps): ReactNode {
  const scrollRef = useRef<HTMLTableElement>(null);
  const { rows, activeIndex, getCountdown, getRowProps } = queue;
  // Keep the active row rendered even before the scroll catches up, so aria-activedescendant resolves.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (activeIndex < range.count && !indexes.includes(activeIndex)) {
        indexes.push(activeIndex);
        indexes.sort((a, b) => a - b);
      }
      return indexes;
    },
    [activeIndex],
  );
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan,
    initialRect: FALLBACK_RECT,
    rangeExtractor,
    // The header row is sticky inside the scroller: rows start below it.
    scrollPaddingStart: rowHeight,
    getItemKey: (index) => rows[index]?.key ?? index,
    observeElementRect: (instance, cb) =>
      observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { ...rect, ...FALLBACK_RECT })),
  });
  const viewport = virtualizer.scrollRect?.height ?? FALLBACK_RECT.height;
  pageSizeRef.current = Math.max(1, Math.floor(viewport / rowHeight) - 1);

  useEffect(() => {
    if (rows.length > 0) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, rows.length, virtualizer]);

  return (
    <table
      ref={scrollRef}
      {...queue.getListProps({
        'aria-label': label,
        'aria-colcount': COLUMNS.length,
        className: 'accord-SlaQueue-grid',
      })}
    >
      <thead className="accord-SlaQueue-head">
        <tr {...queue.getHeaderRowProps({ className: 'accord-SlaQueue-headRow' })}>
          {COLUMNS.map((c) => (
            <th key={c} scope="col" className="accord-SlaQueue-columnHeader">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody
        className="accord-SlaQueue-body"
        style={{ '--accord-sla-body-size': `${virtualizer.getTotalSize()}px` } as Style}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const entry = rows[item.index] as SlaQueueEntry;
          const c = getCountdown(entry);
          const minutes = c.state === 'breached' ? Math.floor(-c.remainingMinutes) : Math.ceil(c.remainingMinutes);
          return (
            <SlaQueueRow
              key={item.key}
              entry={entry}
              index={item.index}
              start={item.start}
              active={item.index === activeIndex}
              state={c.state}
              minutes={Math.max(0, minutes)}
              share={Math.round(c.share * 1000) / 1000}
              escalation={c.escalation}
              getRowProps={getRowProps}
              fmt={fmt}
            />
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * @name SlaQueue
 * @category Widgets
 * @summary A rep's SLA work queue: live countdowns, overdue first, filters, escalation badges, keyboard navigation.
 *
 * @description
 * A thin rendering of {@link useSlaQueue}. The header counts the open clocks per state and holds native
 * filter controls (search, side, SLA, state, owner). The queue is a `role="grid"` virtualised with
 * `@tanstack/react-virtual`: only the rows on screen (plus `overscan`) are in the DOM, while
 * `aria-rowcount` and each row's `aria-rowindex` give screen readers the full size (row 1 is the
 * header row). Each row shows the lead (company and name in `<bdi>`), owner, SLA, state as text, a
 * countdown ("12 min left", "Overdue by 1 h 05 min" — business minutes for business-hours SLAs) with a
 * bar (`--accord-sla-share`, `data-state="ok|warning|breached|paused"`) and the escalation step due.
 * The grid takes focus; arrows, PageUp/PageDown, Home and End move the active row
 * (`aria-activedescendant`), Enter or a click calls `onOpenLead`. States: loading (`aria-busy`
 * skeleton), error (`role="alert"` with Retry), empty, filtered-empty, data. Class names:
 * `accord-SlaQueue`, `-header`, `-counts`, `-count`, `-filters`, `-filter`, `-grid`, `-head`,
 * `-headRow`, `-columnHeader`, `-body`, `-row`, `-cell`, `-lead`, `-company`, `-name`, `-state`,
 * `-countdown`, `-bar`, `-barFill`, `-escalation`, `-skeleton`, `-message`.
 *
 * @example
 * <SlaQueue onOpenLead={(row) => navigate(`/leads/${row.leadId}`)} defaultFilters={{ side: 'sales' }} />
 */
export const SlaQueue = forwardRef<HTMLDivElement, SlaQueueProps>(function SlaQueue(
  {
    adapter,
    queryClient,
    asOf,
    filters,
    defaultFilters,
    onFiltersChange,
    onOpenLead,
    label = 'SLA queue',
    rowHeight = 56,
    overscan = 6,
    children,
    className,
    style,
    ...rest
  },
  ref,
) {
  const pageSizeRef = useRef(10);
  const queue = useSlaQueue({
    adapter,
    queryClient,
    asOf,
    filters,
    defaultFilters,
    onFiltersChange,
    onOpenLead,
    pageSize: pageSizeRef.current,
  });
  const fmt = useFormatters();
  const idBase = useId();
  const { status, entries, rows } = queue;
  const view =
    status === 'pending'
      ? 'loading'
      : status === 'error'
        ? 'error'
        : entries.length === 0
          ? 'empty'
          : rows.length === 0
            ? 'filtered-empty'
            : 'data';
  const rootStyle = { '--accord-sla-row-size': `${rowHeight}px`, ...style } as Style;

  return (
    <div
      ref={ref}
      {...rest}
      className={cx('accord-SlaQueue', className)}
      style={rootStyle}
      data-state={view}
      aria-busy={view === 'loading' || undefined}
    >
      {view === 'data' || view === 'filtered-empty' ? (
        <div className="accord-SlaQueue-header">
          <Counts queue={queue} fmt={fmt} />
          <Filters queue={queue} idBase={idBase} />
          {children === undefined || children === null ? null : (
            <div className="accord-SlaQueue-actions">{typeof children === 'function' ? children(queue) : children}</div>
          )}
        </div>
      ) : null}
      {view === 'loading' ? (
        <div className="accord-SlaQueue-skeleton">
          <span role="status" className="accord-VisuallyHidden">
            Loading the SLA queue…
          </span>
          {[0, 1, 2, 3, 4].map((i) => (
            <div key={i} className="accord-SlaQueue-skeletonRow" aria-hidden="true" />
          ))}
        </div>
      ) : null}
      {view === 'error' ? (
        <div className="accord-SlaQueue-message" data-state="error" role="alert">
          <span>The SLA queue could not be loaded.</span>{' '}
          <button type="button" className="accord-SlaQueue-button" onClick={queue.refetch}>
            Retry
          </button>
        </div>
      ) : null}
      {view === 'empty' ? (
        <p className="accord-SlaQueue-message" data-state="empty">
          No open SLA clocks
        </p>
      ) : null}
      {view === 'filtered-empty' ? (
        <p className="accord-SlaQueue-message" data-state="filtered-empty">
          No clocks match these filters.{' '}
          <button type="button" className="accord-SlaQueue-button" onClick={queue.resetFilters}>
            Clear filters
          </button>
        </p>
      ) : null}
      {view === 'data' ? (
        <Grid
          queue={queue}
          label={label}
          rowHeight={rowHeight}
          overscan={overscan}
          fmt={fmt}
          pageSizeRef={pageSizeRef}
        />
      ) : null}
    </div>
  );
});
