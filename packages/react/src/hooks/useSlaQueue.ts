'use client';

import {
  businessMinutesBetween,
  type ComputeSlaQueueResult,
  type SlaQueueEntry,
  type SlaQueueEscalation,
  type Team,
} from '@accord/core';
import { type QueryClient, useQuery } from '@tanstack/react-query';
import {
  type HTMLAttributes,
  type KeyboardEvent,
  type MouseEvent,
  useCallback,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { composeHandlers } from '../_lib/composeHandlers';
import { useAccord, useAccordData } from '../provider/AccordProvider';
import type { AccordAdapter } from '../provider/adapter.types';
import { slaQueueQueryOptions } from '../queries/slaQueueQueryOptions';
import { useNow } from './useNow';

/** Where a clock stands now: on time, past its warning threshold, overdue, or paused. */
export type SlaQueueState = 'ok' | 'warning' | 'breached' | 'paused';

/** The queue's filters; a missing field (or an empty search) means "all". */
export interface SlaQueueFilters {
  side?: Team;
  slaId?: string;
  state?: SlaQueueState;
  ownerId?: string;
  /** Free text matched against the lead's name, company, e-mail and id (case-insensitive). */
  search?: string;
}

/** One clock's countdown at the current instant, from its precomputed instants. */
export interface SlaCountdown {
  state: SlaQueueState;
  /**
   * Minutes left on the SLA's clock — business minutes on the clock's calendar, not wall time — or,
   * when negative, minutes overdue. A paused clock keeps the remainder it had when it paused.
   */
  remainingMinutes: number;
  /** `targetMinutes - remainingMinutes`. */
  elapsedMinutes: number;
  /** Elapsed share of the target, clamped to 0..1 (for a countdown bar). */
  share: number;
  /** The escalation step due now (the last one reached while breached), or null. */
  escalation: SlaQueueEscalation | null;
}

/** Options for {@link useSlaQueue}. */
export interface UseSlaQueueOptions {
  /** The adapter to read; default the provider's. */
  adapter?: AccordAdapter;
  /** The QueryClient; default the provider's, then the host's `QueryClientProvider`. */
  queryClient?: QueryClient;
  /** Evaluate the clocks at a fixed instant instead of when the query runs. */
  asOf?: number | string;
  /** Controlled filters; pair with `onFiltersChange`. */
  filters?: SlaQueueFilters;
  /** Initial filters (uncontrolled). */
  defaultFilters?: SlaQueueFilters;
  onFiltersChange?: (filters: SlaQueueFilters) => void;
  /** Called with the active row's entry on Enter (and on a row click). */
  onOpenLead?: (entry: SlaQueueEntry) => void;
  /** Rows moved by PageUp/PageDown. Default 10 (the widget passes the rows on screen). */
  pageSize?: number;
}

/** What {@link useSlaQueue} returns. */
export interface UseSlaQueueResult {
  status: 'pending' | 'error' | 'success';
  error: Error | null;
  isFetching: boolean;
  /** Reloads the queue (re-evaluates the clocks at the current instant). */
  refetch: () => void;
  /** The current instant, from the provider's clock (ticks every second). */
  now: number;
  /** The instant the clocks were evaluated at; null before the first load. */
  asOf: number | null;
  /** Every open clock, ranked by next breach. */
  entries: readonly SlaQueueEntry[];
  /** The clocks that pass the filters, in the same order. */
  rows: readonly SlaQueueEntry[];
  /** Clocks per current state among those passing every filter but `state`, and their total. */
  counts: Record<SlaQueueState | 'all', number>;
  /** Choices for the filter controls: SLAs and owners with open clocks. */
  choices: Pick<ComputeSlaQueueResult, 'slas' | 'owners'>;
  filters: SlaQueueFilters;
  setFilter: <K extends keyof SlaQueueFilters>(key: K, value: SlaQueueFilters[K] | undefined) => void;
  setFilters: (filters: SlaQueueFilters) => void;
  resetFilters: () => void;
  /** True when any filter is set. */
  isFiltered: boolean;
  /** A clock's state now (comparisons only). */
  stateOf: (entry: SlaQueueEntry) => SlaQueueState;
  /** A clock's countdown now; call it for the rows on screen only (business minutes are computed here). */
  getCountdown: (entry: SlaQueueEntry) => SlaCountdown;
  /** Index (in `rows`) of the row keyboard navigation is on. */
  activeIndex: number;
  setActiveIndex: (index: number) => void;
  /** The DOM id of a row, for `aria-activedescendant`. */
  getRowId: (index: number) => string;
  /** Opens a row's lead through `onOpenLead`. */
  openLead: (index: number) => void;
  /** Props for the grid: `role="grid"`, focus, `aria-rowcount` (rows + the header row), `aria-activedescendant`, keys. */
  getListProps: (props?: HTMLAttributes<HTMLElement>) => HTMLAttributes<HTMLElement>;
  /** Props for the column-header row (`aria-rowindex` 1). */
  getHeaderRowProps: (props?: HTMLAttributes<HTMLElement>) => HTMLAttributes<HTMLElement>;
  /** Props for the row at `index`: `role="row"`, its id, `aria-rowindex`, `data-active`, click to open. */
  getRowProps: (index: number, props?: HTMLAttributes<HTMLElement>) => HTMLAttributes<HTMLElement>;
}

const NO_ENTRIES: readonly SlaQueueEntry[] = [];
const NO_CHOICES: Pick<ComputeSlaQueueResult, 'slas' | 'owners'> = { slas: [], owners: [] };

/** A clock's state at `now`, from its precomputed instants. */
function stateAt(entry: SlaQueueEntry, now: number): SlaQueueState {
  if (entry.paused) return 'paused';
  if (now >= entry.dueAt) return 'breached';
  if (entry.warningAt !== null && now >= entry.warningAt) return 'warning';
  return 'ok';
}

/** The number of values ≤ `t` in a sorted array. */
function countAtOrBefore(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function clean(filters: SlaQueueFilters): SlaQueueFilters {
  const out: SlaQueueFilters = {};
  for (const [key, value] of Object.entries(filters) as [keyof SlaQueueFilters, string | undefined][])
    if (value !== undefined && value !== '') (out as Record<string, string>)[key] = value;
  return out;
}

/**
 * @name useSlaQueue
 * @category Hooks
 * @summary Headless SLA work queue: live countdowns, ranking by next breach, filters, counts and keyboard navigation.
 *
 * @description
 * Reads the queue from {@link slaQueueQueryOptions} (every open clock with its precomputed instants,
 * ranked overdue first, then soonest due — as `rankByNextBreach`) and ticks with `useNow(1000)` (a
 * manual clock re-renders when it moves). A tick never re-runs the SLA maths: each row's state is
 * derived by comparing the instant with its warning and due instants (paused stays paused), the
 * states of all rows are recomputed only when the instant crosses one of those instants (one binary
 * search per tick), and the remaining business time — business minutes on the clock's calendar, so a
 * night or a weekend does not count — is computed by `getCountdown` for the rows you render. The
 * order is the one at the query instant; a refetch re-ranks.
 *
 * Keyboard: the grid takes focus and points `aria-activedescendant` at the active row; ArrowUp/Down,
 * PageUp/Down, Home and End move it, Enter calls `onOpenLead`. Row 1 (`aria-rowindex`) is the header
 * row, so `aria-rowcount` is the number of rows plus one.
 *
 * @param options - `adapter`, `queryClient`, `asOf`, `filters`/`defaultFilters`/`onFiltersChange`, `onOpenLead`, `pageSize`.
 * @returns {@link UseSlaQueueResult}.
 *
 * @example
 * const queue = useSlaQueue({ onOpenLead: (row) => navigate(`/leads/${row.leadId}`) });
 * return (
 *   <div {...queue.getListProps({ 'aria-label': 'SLA queue' })}>
 *     {queue.rows.slice(0, 20).map((row, i) => {
 *       const { state, remainingMinutes } = queue.getCountdown(row);
 *       return <div key={row.key} {...queue.getRowProps(i)} data-state={state}>{row.lead.company} {remainingMinutes}</div>;
 *     })}
 *   </div>
 * );
 */
export function useSlaQueue(options: UseSlaQueueOptions = {}): UseSlaQueueResult {
  const { agreement, clock } = useAccord();
  const { adapter, queryClient } = useAccordData('useSlaQueue', options);
  const { asOf, onFiltersChange, onOpenLead, pageSize = 10 } = options;
  const query = useQuery(slaQueueQueryOptions(adapter, { agreement, asOf, now: clock.now }), queryClient);
  const now = useNow(1000);
  const entries = query.data?.entries ?? NO_ENTRIES;

  // Filters, controlled or not.
  const [uncontrolled, setUncontrolled] = useState<SlaQueueFilters>(() => clean(options.defaultFilters ?? {}));
  const filters = options.filters ?? uncontrolled;
  const [activeIndex, setActiveRaw] = useState(0);
  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  const setFilters = useCallback(
    (next: SlaQueueFilters) => {
      const cleaned = clean(next);
      if (options.filters === undefined) setUncontrolled(cleaned);
      setActiveRaw(0);
      onFiltersChange?.(cleaned);
    },
    [options.filters, onFiltersChange],
  );
  const setFilter = useCallback(
    <K extends keyof SlaQueueFilters>(key: K, value: SlaQueueFilters[K] | undefined) =>
      setFilters({ ...filtersRef.current, [key]: value }),
    [setFilters],
  );
  const resetFilters = useCallback(() => setFilters({}), [setFilters]);

  // The instants at which some row changes state; the states only change when `now` crosses one.
  const transitions = useMemo(() => {
    const out: number[] = [];
    for (const e of entries) {
      if (e.paused) continue;
      out.push(e.dueAt);
      if (e.warningAt !== null) out.push(e.warningAt);
    }
    return Float64Array.from(out).sort();
  }, [entries]);
  const epoch = countAtOrBefore(transitions, now);
  const nowRef = useRef(now);
  nowRef.current = now;
  // biome-ignore lint/correctness/useExhaustiveDependencies: recomputed only when `now` crosses a transition (`epoch`).
  const states = useMemo(() => entries.map((e) => stateAt(e, nowRef.current)), [entries, epoch]);

  const { side, slaId, ownerId, state: stateFilter } = filters;
  const search = (filters.search ?? '').trim().toLowerCase();
  const base = useMemo(() => {
    const out: number[] = [];
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i] as SlaQueueEntry;
      if (side !== undefined && e.side !== side) continue;
      if (slaId !== undefined && e.slaId !== slaId) continue;
      if (ownerId !== undefined && e.lead.ownerId !== ownerId) continue;
      if (search !== '' && !e.searchText.includes(search)) continue;
      out.push(i);
    }
    return out;
  }, [entries, side, slaId, ownerId, search]);
  const counts = useMemo(() => {
    const c = { ok: 0, warning: 0, breached: 0, paused: 0, all: base.length };
    for (const i of base) c[states[i] as SlaQueueState]++;
    return c;
  }, [base, states]);
  const rows = useMemo(() => {
    const unfiltered = base.length === entries.length && stateFilter === undefined;
    if (unfiltered) return entries;
    const out: SlaQueueEntry[] = [];
    for (const i of base)
      if (stateFilter === undefined || states[i] === stateFilter) out.push(entries[i] as SlaQueueEntry);
    return out;
  }, [base, entries, states, stateFilter]);

  const stateOf = useCallback((entry: SlaQueueEntry) => stateAt(entry, now), [now]);
  const getCountdown = useCallback(
    (entry: SlaQueueEntry): SlaCountdown => {
      const state = stateAt(entry, now);
      const remainingMinutes = entry.paused
        ? entry.remainingMinutes
        : entry.calendar !== null
          ? businessMinutesBetween(now, entry.dueAt, entry.calendar)
          : (entry.dueAt - now) / 60_000;
      const elapsedMinutes = entry.targetMinutes - remainingMinutes;
      const share =
        entry.targetMinutes > 0
          ? Math.min(1, Math.max(0, elapsedMinutes / entry.targetMinutes))
          : state === 'ok'
            ? 0
            : 1;
      let escalation: SlaQueueEscalation | null = null;
      if (state === 'breached') for (const step of entry.escalations) if (step.at <= now) escalation = step;
      return { state, remainingMinutes, elapsedMinutes, share, escalation };
    },
    [now],
  );

  // Keyboard navigation over `rows`.
  const id = useId();
  const count = rows.length;
  const active = count === 0 ? -1 : Math.min(activeIndex, count - 1);
  const setActiveIndex = useCallback((index: number) => setActiveRaw(Math.max(0, Math.min(index, count - 1))), [count]);
  const getRowId = useCallback((index: number) => `${id}-row-${index}`, [id]);
  const openLead = useCallback(
    (index: number) => {
      const entry = rows[index];
      if (entry) onOpenLead?.(entry);
    },
    [rows, onOpenLead],
  );

  const getListProps = (props?: HTMLAttributes<HTMLElement>): HTMLAttributes<HTMLElement> => ({
    role: 'grid',
    tabIndex: 0,
    ...props,
    'aria-rowcount': count + 1,
    'aria-activedescendant': active >= 0 ? getRowId(active) : undefined,
    onKeyDown: composeHandlers(props?.onKeyDown, (event: KeyboardEvent<HTMLElement>) => {
      if (count === 0) return;
      const page = Math.max(1, pageSize);
      let next: number;
      switch (event.key) {
        case 'ArrowDown':
          next = active + 1;
          break;
        case 'ArrowUp':
          next = active - 1;
          break;
        case 'PageDown':
          next = active + page;
          break;
        case 'PageUp':
          next = active - page;
          break;
        case 'Home':
          next = 0;
          break;
        case 'End':
          next = count - 1;
          break;
        case 'Enter':
          event.preventDefault();
          openLead(active);
          return;
        default:
          return;
      }
      event.preventDefault();
      setActiveIndex(next);
    }),
  });

  const getHeaderRowProps = (props?: HTMLAttributes<HTMLElement>): HTMLAttributes<HTMLElement> => ({
    role: 'row',
    ...props,
    'aria-rowindex': 1,
  });

  const getRowProps = useCallback(
    (index: number, props?: HTMLAttributes<HTMLElement>): HTMLAttributes<HTMLElement> => ({
      role: 'row',
      ...props,
      id: getRowId(index),
      'aria-rowindex': index + 2,
      ...(index === active ? { 'data-active': '' } : {}),
      onClick: composeHandlers(props?.onClick, (_event: MouseEvent<HTMLElement>) => {
        setActiveIndex(index);
        openLead(index);
      }),
    }),
    [getRowId, active, setActiveIndex, openLead],
  );

  const refetch = useCallback(() => {
    void query.refetch();
  }, [query.refetch]);

  return {
    status: query.status,
    error: query.error,
    isFetching: query.isFetching,
    refetch,
    now,
    asOf: query.data?.asOf ?? null,
    entries,
    rows,
    counts,
    choices: query.data ?? NO_CHOICES,
    filters,
    setFilter,
    setFilters,
    resetFilters,
    isFiltered: Object.values(filters).some((v) => v !== undefined && v !== ''),
    stateOf,
    getCountdown,
    activeIndex: Math.max(0, active),
    setActiveIndex,
    getRowId,
    openLead,
    getListProps,
    getHeaderRowProps,
    getRowProps,
  };
}
