'use client';

import type {
  Account,
  Instant,
  MetricInfo,
  MetricTarget,
  MetricValue,
  MetricView,
  PeriodInput,
  ScorecardResult,
  ScorecardRow,
  WeekStart,
} from '@accord/core';
import { keepPreviousData, type QueryClient, useQuery } from '@tanstack/react-query';
import {
  type ButtonHTMLAttributes,
  type HTMLAttributes,
  type InputHTMLAttributes,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { composeHandlers } from '../_lib/composeHandlers';
import { type Formatters, useFormatters } from '../_lib/format';
import { useAccord, useAccordData } from '../provider/AccordProvider';
import type { AccordAdapter } from '../provider/adapter.types';
import { type ScorecardQueryParams, scorecardQueryOptions } from '../queries/scorecardQueryOptions';

/** A tile's target status: within the target band, outside it, or no verdict (no target or no value). */
export type ScorecardTileStatus = 'met' | 'missed' | 'none';
/** Whether a change is good news given the metric's direction. */
export type ScorecardDeltaTone = 'good' | 'bad' | 'neutral';
/** The time grain of the trend sparklines. */
export type ScorecardTrendGrain = 'week' | 'month';

/** Options for {@link useScorecard}. */
export interface UseScorecardOptions {
  /** Metric ids, built-in or the agreement's. Default: the core's default scorecard. */
  metrics?: readonly string[];
  /** The period the tiles show: `2026-05`, `2026-Q2`, `2026`, or `{ from, to }`. Default: all data. */
  period?: PeriodInput;
  /** Compare with the previous period of the same length. Default `true` when `period` is set (it needs one). */
  compare?: boolean;
  /** Force every metric's view (`cohort` or `period`). Default: each metric's own. */
  view?: MetricView;
  /** First day of a week for the weekly trend: 0 Sunday … 6 Saturday. Default 1. */
  weekStartsOn?: WeekStart;
  /** The moment the data describes. Default: the provider's clock when the hook mounts. */
  asOf?: Instant | Date;
  /** `lenient` (default) skips invalid records and reports them; `strict` fails the query. */
  mode?: 'strict' | 'lenient';
  /** The CRM's accounts, for `misroute_rate`. Keep the array stable. */
  accounts?: readonly Account[];
  /** The grain of the trend sparklines. Default `month`. */
  grain?: ScorecardTrendGrain;
  /** How many periods the trend shows, ending with the selected period. Default 12. */
  trendPoints?: number;
  /** Set `false` to skip the trend query. Default `true`. */
  trend?: boolean;
  /** The dimensions offered for drill-down. Default `source`, `segment`, `region`, `owner`. */
  drillDimensions?: readonly string[];
  /** The drill-down dimension (controlled); `null` for none. Pair it with `onDrillByChange`. */
  drillBy?: string | null;
  /** The drill-down dimension at first (uncontrolled). Default `null`. */
  defaultDrillBy?: string | null;
  onDrillByChange?: (dimension: string | null) => void;
  /** The group the tiles show (controlled), a value of the drill-down dimension; `null` for every lead. */
  selectedGroup?: string | null;
  /** The group the tiles show at first (uncontrolled). Default `null`. */
  defaultSelectedGroup?: string | null;
  onSelectedGroupChange?: (group: string | null) => void;
  /** Overrides the provider's adapter. */
  adapter?: AccordAdapter;
  /** Overrides the provider's (and the host's) QueryClient. */
  queryClient?: QueryClient;
}

/** The change of a metric against the previous period. */
export interface ScorecardDelta {
  /** `value − previous` (fractions for ratios: 0.042 is 4.2 points). */
  change: number;
  /** The change with its sign and unit: `+4.2 pts`, `−3`, `±0`. */
  text: string;
  /** What it is compared with: `vs 2026-04`. */
  comparedWith: string;
  /** The arrow: `up`, `down` or `flat`. */
  direction: 'up' | 'down' | 'flat';
  /** Good or bad news given the metric's direction (`higher` or `lower` is better). */
  tone: ScorecardDeltaTone;
  /** The tone in words: `improved`, `worsened`, `unchanged`. */
  toneText: string;
  /** The previous value, formatted. */
  previous: string;
}

/** One metric tile: everything a tile shows, formatted. */
export interface ScorecardTile {
  id: string;
  /** The metric's dictionary entry (label, description, formula, unit, direction, owner). */
  info: MetricInfo;
  label: string;
  /** `null` when it cannot be computed (an empty denominator). */
  value: number | null;
  /** The value in its unit: `59.1%`, `$5.5K`, `29.4 h`, `—` for no value. */
  formatted: string;
  numerator: number | undefined;
  denominator: number | undefined;
  /** `13 of 22` for ratios; `null` otherwise. */
  fraction: string | null;
  target: MetricTarget | undefined;
  /** `Target ≥ 60%`, `Target ≤ 10%`, `Target 40%–60%`; `null` without a target. */
  targetText: string | null;
  status: ScorecardTileStatus;
  /** `Met target`, `Below target`, `No data` (a target but no value), or `No target`. */
  statusText: string;
  /** The change against the previous period; `null` without a comparison or a value. */
  delta: ScorecardDelta | null;
  /** The dictionary definition, for the popover. */
  definition: { description: string; formula: string; owner: string };
}

/** One point of a trend. */
export interface ScorecardTrendPoint {
  /** The period's label (`2026-05`, or the week's first day `2026-05-04`). */
  label: string;
  from: number;
  to: number;
  value: number | null;
  formatted: string;
}

/** A metric's trend for the sparkline, and its summary in words for the `aria-label`. */
export interface ScorecardTrend {
  metricId: string;
  points: ScorecardTrendPoint[];
  /** `Monthly trend of MQL to SAL: 55% in 2026-01 to 59.1% in 2026-05; low 48%, high 66%.` */
  summary: string;
}

/** A cell of the drill-down table. */
export interface ScorecardCell {
  metricId: string;
  value: number | null;
  formatted: string;
  status: ScorecardTileStatus;
}

/** A row of the drill-down table: one value of the dimension. */
export interface ScorecardGroupRow {
  /** The dimension's value, as the core reports it (`(none)` for leads without one). */
  key: string;
  group: Record<string, string>;
  metrics: Record<string, MetricValue>;
  /** The metrics in order, formatted once per result. */
  cells: ScorecardCell[];
}

/** What {@link useScorecard} returns. */
export interface UseScorecardResult {
  /** The main query's status: `pending` (first load), `error` or `success`. */
  status: 'pending' | 'error' | 'success';
  error: Error | null;
  /** Whether a query is fetching (including a background refetch or a new drill-down dimension). */
  isFetching: boolean;
  /** `true` while the previous options' result is shown and the new one loads (another period or dimension). */
  isPlaceholderData: boolean;
  /** Refetches the scorecard and its trend. */
  refetch: () => Promise<void>;
  /** The core result (grouped by the drill-down dimension, when one is chosen). */
  result: ScorecardResult | undefined;
  /** `true` when the query succeeded and no lead falls in the period. */
  isEmpty: boolean;
  /** The metrics' dictionary entries, in order. */
  metrics: MetricInfo[];
  /** The selected period and the one it is compared with. */
  period: { label: string; from: number; to: number } | null;
  previousPeriod: { label: string; from: number; to: number } | null;
  /** One tile per metric, for the selected group (or every lead). */
  tiles: ScorecardTile[];
  /** Trends by metric id; empty until the trend query answers. */
  trends: Record<string, ScorecardTrend>;
  trendStatus: 'pending' | 'error' | 'success' | 'off';
  trendGrain: ScorecardTrendGrain;
  /** The dimensions offered for drill-down, with display labels. */
  drillDimensions: { id: string; label: string }[];
  drillBy: string | null;
  /** The display label of `drillBy` (`Source`). */
  drillLabel: string | null;
  setDrillBy: (dimension: string | null) => void;
  /** One row per value of `drillBy` (empty without one). */
  drillRows: ScorecardGroupRow[];
  /** Every lead together, formatted like a row. */
  totalsRow: ScorecardGroupRow | null;
  /** `true` while the rows still belong to the previous dimension (the new one is loading). */
  drillPending: boolean;
  selectedGroup: string | null;
  setSelectedGroup: (group: string | null) => void;
  /** Selects a group, or goes back to every lead when it is already selected. */
  toggleGroup: (group: string) => void;
  /** The metric whose definition is shown, or `null`. */
  openDefinition: string | null;
  setOpenDefinition: (metricId: string | null) => void;
  /** Props for a tile: `role="group"` named by its label, `data-state`, and hover showing the definition. */
  getTileProps: (metricId: string, props?: HTMLAttributes<HTMLElement>) => ScorecardTileProps;
  /** Props for the `<button>` naming the metric: focus / hover show its definition, Escape hides it. */
  getDefinitionTriggerProps: (
    metricId: string,
    props?: ButtonHTMLAttributes<HTMLButtonElement>,
  ) => ButtonHTMLAttributes<HTMLButtonElement>;
  /** Props for the definition popover: `role="tooltip"`, the id the trigger's `aria-describedby` names, `hidden`. */
  getDefinitionProps: (metricId: string, props?: HTMLAttributes<HTMLElement>) => ScorecardDefinitionProps;
  /** Props for a native radio `<input>` choosing the drill-down dimension (`null` for none). */
  getDimensionProps: (
    dimension: string | null,
    props?: InputHTMLAttributes<HTMLInputElement>,
  ) => InputHTMLAttributes<HTMLInputElement>;
  /** Props for a `<button>` selecting a group for the tiles (`aria-pressed`). */
  getGroupToggleProps: (
    group: string,
    props?: ButtonHTMLAttributes<HTMLButtonElement>,
  ) => ButtonHTMLAttributes<HTMLButtonElement>;
}

/** Tile props from {@link UseScorecardResult.getTileProps}. */
export type ScorecardTileProps = HTMLAttributes<HTMLElement> & { 'data-state': ScorecardTileStatus };
/** Definition props from {@link UseScorecardResult.getDefinitionProps}. */
export type ScorecardDefinitionProps = HTMLAttributes<HTMLElement> & { 'data-state': 'open' | 'closed' };

const DEFAULT_DIMENSIONS = ['source', 'segment', 'region', 'owner'] as const;

const DIMENSION_LABELS: Record<string, string> = {
  source: 'Source',
  campaign: 'Campaign',
  campaignId: 'Campaign',
  segment: 'Segment',
  region: 'Region',
  country: 'Country',
  owner: 'Owner',
  ownerId: 'Owner',
  team: 'Team',
  teamId: 'Team',
  account: 'Account',
  accountId: 'Account',
  company: 'Company',
};

/** `Source`, `Owner`; `attributes.industry` → `Industry`. */
function dimensionLabel(dimension: string): string {
  const known = DIMENSION_LABELS[dimension];
  if (known) return known;
  const name = dimension.startsWith('attributes.') ? dimension.slice('attributes.'.length) : dimension;
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function statusOf(value: MetricValue | undefined): ScorecardTileStatus {
  return value?.status === 'met' ? 'met' : value?.status === 'missed' ? 'missed' : 'none';
}

function targetText(target: MetricTarget | undefined, unit: MetricInfo['unit'], f: Formatters): string | null {
  if (!target) return null;
  const { min, max } = target;
  if (min !== undefined && max !== undefined) return `Target ${f.metric(min, unit)}–${f.metric(max, unit)}`;
  if (min !== undefined) return `Target ≥ ${f.metric(min, unit)}`;
  if (max !== undefined) return `Target ≤ ${f.metric(max, unit)}`;
  return null;
}

function statusText(status: ScorecardTileStatus, value: MetricValue | undefined): string {
  if (status === 'met') return 'Met target';
  if (status === 'missed') return 'Below target';
  return value?.target ? 'No data' : 'No target';
}

function deltaOf(
  value: MetricValue | undefined,
  info: MetricInfo,
  previousLabel: string | undefined,
  f: Formatters,
): ScorecardDelta | null {
  const change = value?.change;
  if (change === undefined || change === null || !Number.isFinite(change)) return null;
  const direction = change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
  const tone: ScorecardDeltaTone =
    direction === 'flat' ? 'neutral' : (direction === 'up') === (info.direction === 'higher') ? 'good' : 'bad';
  return {
    change,
    text: f.change(change, info.unit),
    comparedWith: previousLabel === undefined ? 'vs previous period' : `vs ${previousLabel}`,
    direction,
    tone,
    toneText: tone === 'good' ? 'improved' : tone === 'bad' ? 'worsened' : 'unchanged',
    previous: f.metric(value?.previous, info.unit),
  };
}

function toTile(
  info: MetricInfo,
  value: MetricValue | undefined,
  previousLabel: string | undefined,
  f: Formatters,
): ScorecardTile {
  const status = statusOf(value);
  const numerator = value?.numerator;
  const denominator = value?.denominator;
  const target = value?.target ?? info.target;
  return {
    id: info.id,
    info,
    label: info.label,
    value: value?.value ?? null,
    formatted: f.metric(value?.value, info.unit),
    numerator,
    denominator,
    fraction:
      info.unit === 'ratio' && numerator !== undefined && denominator !== undefined
        ? `${f.number(numerator)} of ${f.number(denominator)}`
        : null,
    target,
    targetText: targetText(target, info.unit, f),
    status,
    statusText: statusText(status, value),
    delta: deltaOf(value, info, previousLabel, f),
    definition: { description: info.description, formula: info.formula, owner: capitalise(info.owner) },
  };
}

function toGroupRow(row: ScorecardRow, key: string, metrics: readonly MetricInfo[], f: Formatters): ScorecardGroupRow {
  const cells = metrics.map((info) => {
    const v = row.metrics[info.id];
    return {
      metricId: info.id,
      value: v?.value ?? null,
      formatted: f.metric(v?.value, info.unit),
      status: statusOf(v),
    };
  });
  return { key, group: row.group, metrics: row.metrics, cells };
}

function trendSummary(label: string, grain: ScorecardTrendGrain, points: ScorecardTrendPoint[]): string {
  const name = `${grain === 'week' ? 'Weekly' : 'Monthly'} trend of ${label}`;
  const valued = points.filter((p) => p.value !== null);
  const first = valued[0];
  const last = valued[valued.length - 1];
  if (!first || !last) return `${name}: no data.`;
  if (first === last) return `${name}: ${first.formatted} in ${first.label}.`;
  let low = first;
  let high = first;
  for (const p of valued) {
    if ((p.value as number) < (low.value as number)) low = p;
    if ((p.value as number) > (high.value as number)) high = p;
  }
  return `${name}: ${first.formatted} in ${first.label} to ${last.formatted} in ${last.label}; low ${low.formatted}, high ${high.formatted}.`;
}

/**
 * @name useScorecard
 * @category Hooks
 * @summary The shared scorecard for custom markup: metric tiles with targets, deltas, definitions and
 * trends, plus drill-down by a dimension.
 *
 * @description
 * Runs `scorecardQueryOptions` (pushed down to the adapter when it can run the scorecard, otherwise
 * `computeScorecard` over the shared records) grouped by the drill-down dimension, and derives, once
 * per result:
 * - `tiles`, one per metric for the selected group (or every lead): the formatted value, the target
 *   and its status, the change against the previous period with a direction-aware tone, the
 *   numerator and denominator, and the dictionary definition (description, formula, owner);
 * - `drillRows`, one per value of the dimension, every cell formatted, so a table renders them as is;
 * - `trends`, from a second query with `grain` (`month` by default, or `week`) over all data up to the
 *   end of the selected period, the last `trendPoints` periods, with a summary in words. The tiles do
 *   not wait for it.
 *
 * While a new dimension loads, the previous result stays (`drillPending`), so the tiles never flash.
 * Definitions open on hover (`getTileProps`) and focus (`getDefinitionTriggerProps`) and close on
 * blur, on leaving and on Escape anywhere in the document; nothing traps focus.
 *
 * @param options - `metrics`, `period`, `compare`, `view`, `asOf`, `grain`, `trendPoints`, the
 * drill-down state (`drillDimensions`, `drillBy`/`defaultDrillBy`, `selectedGroup`/`defaultSelectedGroup`),
 * and `adapter` / `queryClient` overrides.
 * @returns {@link UseScorecardResult}.
 *
 * @example
 * const card = useScorecard({ period: '2026-05', defaultDrillBy: 'source' });
 * if (card.status !== 'success') return <p>{card.status === 'error' ? card.error?.message : 'Loading…'}</p>;
 * return (
 *   <ul>
 *     {card.tiles.map((t) => (
 *       <li key={t.id} {...card.getTileProps(t.id)}>
 *         <button {...card.getDefinitionTriggerProps(t.id)}>{t.label}</button>
 *         <div {...card.getDefinitionProps(t.id)}>{t.definition.description}</div>
 *         {t.formatted} · {t.statusText} · {t.delta?.text}
 *       </li>
 *     ))}
 *   </ul>
 * );
 */
export function useScorecard(options: UseScorecardOptions = {}): UseScorecardResult {
  const { agreement, now } = useAccord();
  const { adapter, queryClient } = useAccordData('useScorecard', options);
  const f = useFormatters();
  const {
    metrics,
    period,
    compare,
    view,
    weekStartsOn,
    mode,
    accounts,
    grain: trendGrain = 'month',
    trendPoints = 12,
    trend = true,
    drillDimensions = DEFAULT_DIMENSIONS,
    drillBy: controlledDrillBy,
    defaultDrillBy = null,
    onDrillByChange,
    selectedGroup: controlledGroup,
    defaultSelectedGroup = null,
    onSelectedGroupChange,
  } = options;

  // The instant the data describes: the caller's, or the clock when the hook mounted (a stable key).
  const [mountedAt] = useState(now);
  const asOf = options.asOf ?? mountedAt;

  // Drill-down and selection state (controlled or not).
  const [uncontrolledDrillBy, setUncontrolledDrillBy] = useState<string | null>(defaultDrillBy);
  const drillBy = controlledDrillBy === undefined ? uncontrolledDrillBy : controlledDrillBy;
  const [uncontrolledGroup, setUncontrolledGroup] = useState<string | null>(defaultSelectedGroup);
  const selectedGroup = drillBy === null ? null : controlledGroup === undefined ? uncontrolledGroup : controlledGroup;

  const setSelectedGroup = useCallback(
    (group: string | null) => {
      if (controlledGroup === undefined) setUncontrolledGroup(group);
      onSelectedGroupChange?.(group);
    },
    [controlledGroup, onSelectedGroupChange],
  );
  const setDrillBy = useCallback(
    (dimension: string | null) => {
      if (controlledDrillBy === undefined) setUncontrolledDrillBy(dimension);
      onDrillByChange?.(dimension);
      // A group of the old dimension means nothing under the new one.
      setSelectedGroup(null);
    },
    [controlledDrillBy, onDrillByChange, setSelectedGroup],
  );
  // Stable across renders, so memoised rows that receive it do not re-render when the selection moves.
  const latest = useRef({ selectedGroup, setSelectedGroup });
  useLayoutEffect(() => {
    latest.current = { selectedGroup, setSelectedGroup };
  });
  const toggleGroup = useCallback((group: string) => {
    const { selectedGroup: current, setSelectedGroup: set } = latest.current;
    set(current === group ? null : group);
  }, []);

  // The main query: tiles (totals or the selected group) and the drill-down rows.
  const base: Omit<ScorecardQueryParams, 'groupBy' | 'grain' | 'period' | 'compareTo'> = {
    agreement,
    asOf,
    ...(metrics === undefined ? {} : { metrics }),
    ...(view === undefined ? {} : { view }),
    ...(weekStartsOn === undefined ? {} : { weekStartsOn }),
    ...(mode === undefined ? {} : { mode }),
    ...(accounts === undefined ? {} : { accounts }),
  };
  const comparing = period !== undefined && (compare ?? true);
  const main = useQuery(
    {
      ...scorecardQueryOptions(adapter, {
        ...base,
        groupBy: drillBy === null ? [] : [drillBy],
        ...(period === undefined ? {} : { period }),
        ...(comparing ? { compareTo: 'previous' as const } : {}),
      }),
      placeholderData: keepPreviousData,
    },
    queryClient,
  );

  // The trend: same metrics and view, by `grain`, over all data; grouped only when a group is selected.
  const trendGroupBy = selectedGroup !== null && drillBy !== null ? [drillBy] : [];
  const trendQuery = useQuery(
    {
      ...scorecardQueryOptions(adapter, { ...base, groupBy: trendGroupBy, grain: trendGrain }),
      placeholderData: keepPreviousData,
      enabled: trend,
    },
    queryClient,
  );

  const result = main.data;
  const resultDim = result?.groupBy[0] ?? null;
  const drillPending = main.isPlaceholderData && resultDim !== drillBy;

  const drillRows = useMemo(() => {
    if (!result || resultDim === null) return [];
    return result.rows.map((row) => toGroupRow(row, row.group[resultDim] ?? '', result.metrics, f));
  }, [result, resultDim, f]);
  const totalsRow = useMemo(() => (result ? toGroupRow(result.totals, '', result.metrics, f) : null), [result, f]);

  const selectedRow = useMemo(
    () =>
      selectedGroup === null || resultDim !== drillBy
        ? undefined
        : result?.rows.find((row) => row.group[resultDim ?? ''] === selectedGroup),
    [result, resultDim, drillBy, selectedGroup],
  );

  const tiles = useMemo(() => {
    if (!result) return [];
    const source = selectedRow ?? result.totals;
    const previousLabel = result.previousPeriod?.label;
    return result.metrics.map((info) => toTile(info, source.metrics[info.id], previousLabel, f));
  }, [result, selectedRow, f]);

  const periodEnd = result?.period?.to ?? Number.POSITIVE_INFINITY;
  const trendData = trendQuery.data;
  const trendGroupDim = trendData?.groupBy[0];
  const trends = useMemo(() => {
    const out: Record<string, ScorecardTrend> = {};
    if (!trendData) return out;
    // While another grouping loads, the placeholder holds the previous one's rows: show none of them.
    if (trendGroupDim !== trendGroupBy[0]) return out;
    // Rows of the selected group (or every period, ungrouped), up to the end of the selected period.
    const wanted = trendGroupDim === undefined ? null : selectedGroup;
    const rows = trendData.rows
      .filter(
        (row) =>
          (wanted === null || row.group[trendGroupDim as string] === wanted) &&
          (row.from ?? Number.NEGATIVE_INFINITY) < periodEnd,
      )
      .sort((a, b) => (a.from ?? 0) - (b.from ?? 0))
      .slice(-Math.max(1, trendPoints));
    for (const info of trendData.metrics) {
      const points = rows.map((row) => {
        const value = row.metrics[info.id]?.value ?? null;
        return {
          label: row.period ?? '',
          from: row.from ?? 0,
          to: row.to ?? 0,
          value,
          formatted: f.metric(value, info.unit),
        };
      });
      out[info.id] = { metricId: info.id, points, summary: trendSummary(info.label, trendGrain, points) };
    }
    return out;
  }, [trendData, trendGroupDim, trendGroupBy[0], selectedGroup, periodEnd, trendPoints, trendGrain, f]);

  // Definitions: one open at a time; Escape anywhere hides it.
  const [openDefinition, setOpenDefinition] = useState<string | null>(null);
  useEffect(() => {
    if (openDefinition === null) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpenDefinition(null);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [openDefinition]);
  const close = (metricId: string) => setOpenDefinition((open) => (open === metricId ? null : open));

  const baseId = useId();
  const indexOf = useMemo(() => new Map((result?.metrics ?? []).map((m, i) => [m.id, i] as const)), [result]);
  const partId = (metricId: string, part: string) => `${baseId}-m${indexOf.get(metricId) ?? metricId}-${part}`;
  const tileStatus = useMemo(() => new Map(tiles.map((t) => [t.id, t.status] as const)), [tiles]);

  const getTileProps = (metricId: string, props?: HTMLAttributes<HTMLElement>): ScorecardTileProps => ({
    role: 'group',
    'aria-labelledby': partId(metricId, 'label'),
    ...props,
    'data-state': tileStatus.get(metricId) ?? 'none',
    onMouseEnter: composeHandlers(props?.onMouseEnter, () => setOpenDefinition(metricId)),
    onMouseLeave: composeHandlers(props?.onMouseLeave, () => close(metricId)),
  });

  const getDefinitionTriggerProps = (
    metricId: string,
    props?: ButtonHTMLAttributes<HTMLButtonElement>,
  ): ButtonHTMLAttributes<HTMLButtonElement> => ({
    type: 'button',
    id: partId(metricId, 'label'),
    ...props,
    'aria-describedby': partId(metricId, 'definition'),
    onFocus: composeHandlers(props?.onFocus, () => setOpenDefinition(metricId)),
    onBlur: composeHandlers(props?.onBlur, () => close(metricId)),
    onClick: composeHandlers(props?.onClick, () => setOpenDefinition((open) => (open === metricId ? null : metricId))),
    onKeyDown: composeHandlers(props?.onKeyDown, (event) => {
      if (event.key === 'Escape') close(metricId);
    }),
  });

  const getDefinitionProps = (metricId: string, props?: HTMLAttributes<HTMLElement>): ScorecardDefinitionProps => {
    const open = openDefinition === metricId;
    return {
      role: 'tooltip',
      id: partId(metricId, 'definition'),
      ...props,
      hidden: !open,
      'data-state': open ? 'open' : 'closed',
    };
  };

  const radioName = `${baseId}-drill`;
  const getDimensionProps = (
    dimension: string | null,
    props?: InputHTMLAttributes<HTMLInputElement>,
  ): InputHTMLAttributes<HTMLInputElement> => ({
    type: 'radio',
    name: radioName,
    value: dimension ?? '',
    ...props,
    checked: drillBy === dimension,
    onChange: composeHandlers(props?.onChange, () => setDrillBy(dimension)),
  });

  const getGroupToggleProps = (
    group: string,
    props?: ButtonHTMLAttributes<HTMLButtonElement>,
  ): ButtonHTMLAttributes<HTMLButtonElement> => ({
    type: 'button',
    ...props,
    'aria-pressed': selectedGroup === group,
    onClick: composeHandlers(props?.onClick, () => toggleGroup(group)),
  });

  const dimensions = useMemo(() => drillDimensions.map((id) => ({ id, label: dimensionLabel(id) })), [drillDimensions]);

  const mainRefetch = main.refetch;
  const trendRefetch = trendQuery.refetch;
  const refetch = useCallback(async () => {
    await Promise.all([mainRefetch(), trend ? trendRefetch() : undefined]);
  }, [mainRefetch, trendRefetch, trend]);

  return {
    status: main.status,
    error: main.error,
    isFetching: main.isFetching || trendQuery.isFetching,
    isPlaceholderData: main.isPlaceholderData,
    refetch,
    result,
    isEmpty: main.status === 'success' && result !== undefined && result.rows.length === 0,
    metrics: result?.metrics ?? [],
    period: result?.period ?? null,
    previousPeriod: result?.previousPeriod ?? null,
    tiles,
    trends,
    trendStatus: trend ? trendQuery.status : 'off',
    trendGrain,
    drillDimensions: dimensions,
    drillBy,
    drillLabel: drillBy === null ? null : dimensionLabel(drillBy),
    setDrillBy,
    drillRows,
    totalsRow,
    drillPending,
    selectedGroup,
    setSelectedGroup,
    toggleGroup,
    openDefinition,
    setOpenDefinition,
    getTileProps,
    getDefinitionTriggerProps,
    getDefinitionProps,
    getDimensionProps,
    getGroupToggleProps,
  };
}
