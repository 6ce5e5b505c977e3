'use client';

import type {
  Agreement,
  CountedId,
  Instant,
  LossCategory,
  Proportion,
  WinLossDimension,
  WinLossResult,
  WinLossRow,
} from '@accord/core';
import type { QueryClient } from '@tanstack/react-query';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type InputHTMLAttributes, useCallback, useId, useMemo, useState } from 'react';
import { composeHandlers } from '../_lib/composeHandlers';
import { useFormatters } from '../_lib/format';
import { useAccord, useAccordData } from '../provider/AccordProvider';
import type { AccordAdapter } from '../provider/adapter.types';
import { winLossQueryOptions } from '../queries/winLossQueryOptions';

/** What a win/loss view shows: loading, the error, no closed deals, or the rows. */
export type WinLossState = 'loading' | 'error' | 'empty' | 'data';

/** Options for {@link useWinLoss}. */
export interface UseWinLossOptions {
  /** Controls the grouping; pair it with `onGroupByChange`. */
  groupBy?: WinLossDimension;
  /** The grouping shown first (uncontrolled). Default `source`. */
  defaultGroupBy?: WinLossDimension;
  onGroupByChange?: (groupBy: WinLossDimension) => void;
  /**
   * The groupings offered. Default: source, campaign, segment, plus ICP tier when the agreement has an
   * ICP and account tier when it has target accounts. Keep the array stable.
   */
  groupings?: readonly WinLossDimension[];
  /** Only deals closed in [from, to) count. Default: every closed deal. */
  from?: Instant;
  to?: Instant;
  /** The instant ICP tiers are scored at. Default: the provider clock's instant at mount. */
  now?: Instant | Date;
  /** Groups with fewer closed deals are marked "too few to read". Default 20. */
  minGroupSize?: number;
  /** Default: the provider's agreement. */
  agreement?: Agreement;
  /** Default: the provider's adapter. */
  adapter?: AccordAdapter;
  /** Default: the provider's, else the host's QueryClientProvider. */
  queryClient?: QueryClient;
  /** Set `false` to hold the query. Default `true`. */
  enabled?: boolean;
}

/** A proportion, formatted. */
export interface ProportionText {
  /** `34%`, or `—` without deals. */
  value: string;
  /** `22–48%` (the 95% Wilson interval), or `null` without deals. */
  interval: string | null;
}

/** One group, ready to show. */
export interface WinLossGroupRow {
  /** Stable within one result (the group's value, or `\u0000none`). */
  key: string;
  /** The group's value (`paid_search`, `A`…), `null` when the deals do not say. */
  value: string | null;
  /** What to show: the value, `Tier A`, the account tier's label, `Not set`. */
  label: string;
  /** The core's row. */
  row: WinLossRow;
  /** Fewer closed deals than `minGroupSize`: the rates are too uncertain to compare. */
  small: boolean;
  winRate: ProportionText;
  noDecisionRate: ProportionText;
  /** Median cycle of won and lost deals (`38.2 d`, `—`). */
  cycleWon: string;
  cycleLost: string;
  /** The most frequent loss reason's label, or `null` without lost deals. */
  topLossReason: string | null;
  /** One sentence with every figure, for the row's accessible name. */
  description: string;
}

/** A counted loss reason, category or theme, formatted. */
export interface CountedRow {
  id: string;
  label: string;
  count: number;
  share: number;
  /** `31%`. */
  shareText: string;
  /** The count in the locale's digits. */
  countText: string;
}

/** What {@link useWinLoss} returns. */
export interface UseWinLossResult {
  state: WinLossState;
  /** The core's result, once loaded (the previous grouping's while a new grouping loads). */
  result: WinLossResult | undefined;
  rows: WinLossGroupRow[];
  /** The totals over every closed deal, shaped like a row (label `All deals`). */
  totals: WinLossGroupRow | null;
  /** Lost deals by reason, over all groups, most first. */
  lossReasons: CountedRow[];
  /** Lost deals by reason category, over all groups. */
  lossCategories: CountedRow[];
  /** The most frequent objection themes over all closed deals (at most 5). */
  themes: CountedRow[];
  groupBy: WinLossDimension;
  setGroupBy: (groupBy: WinLossDimension) => void;
  /** The groupings offered, with their labels. */
  groupings: { id: WinLossDimension; label: string }[];
  /** The label of the grouping the rows show (`Source`, `ICP tier`…). */
  groupLabel: string;
  minGroupSize: number;
  /** One line for the chart's accessible name; `null` without data. */
  summary: string | null;
  error: Error | null;
  isFetching: boolean;
  /** True while a new grouping loads over the previous one's rows. */
  isPlaceholderData: boolean;
  retry: () => void;
  /** Props for a native radio input choosing a grouping. */
  getGroupByProps: (
    groupBy: WinLossDimension,
    props?: InputHTMLAttributes<HTMLInputElement>,
  ) => InputHTMLAttributes<HTMLInputElement>;
}

const DIMENSION_LABELS: Record<WinLossDimension, string> = {
  source: 'Source',
  campaignId: 'Campaign',
  segment: 'Segment',
  tier: 'ICP tier',
  accountTier: 'Account tier',
};

const CATEGORY_LABELS: Record<LossCategory | 'unspecified', string> = {
  no_decision: 'No decision',
  competitor: 'Competitor',
  price: 'Price',
  timing: 'Timing',
  product_gap: 'Product gap',
  other: 'Other',
  unspecified: 'No reason given',
};

const NO_ROWS: WinLossGroupRow[] = [];
const NO_COUNTS: CountedRow[] = [];
const NONE_KEY = '\u0000none';

const toEpoch = (now: Instant | Date): number => (now instanceof Date ? now.getTime() : new Date(now).getTime());

/**
 * @name useWinLoss
 * @category Hooks
 * @summary Headless win/loss by group: win and no-decision rates with 95% intervals, cycle length, loss reasons and objection themes.
 *
 * @description
 * Runs {@link winLossQueryOptions} (the shared records, then `computeWinLoss` from `@accord/core`) with
 * the provider's adapter, agreement and QueryClient unless given, grouped by one dimension (source,
 * campaign, segment, ICP tier, account tier; controlled or not). While another grouping loads, the
 * previous rows stay (`isPlaceholderData`). Each row comes formatted: rates and their Wilson
 * intervals, median cycle of won and lost deals, the top loss reason, and `small` when it has fewer
 * than `minGroupSize` (20) closed deals — small groups are shown, but marked "too few to read", so
 * nobody compares 2-of-3 with 40-of-120. The totals give the loss-reason mix (by reason and by
 * category) and the top objection themes. `now` (for ICP tiers) is the provider clock's instant at
 * mount unless given.
 *
 * @param options - grouping (`groupBy` / `defaultGroupBy` / `onGroupByChange`, `groupings`), `from`, `to`, `now`, `minGroupSize`, and `agreement`, `adapter`, `queryClient`, `enabled` overrides.
 * @returns {@link UseWinLossResult}.
 *
 * @example
 * const { rows, setGroupBy } = useWinLoss({ defaultGroupBy: 'segment' });
 * return rows.map((r) => <p key={r.key}>{r.label}: {r.winRate.value} ({r.winRate.interval}){r.small ? ', too few to read' : ''}</p>);
 */
export function useWinLoss(options: UseWinLossOptions = {}): UseWinLossResult {
  const context = useAccord();
  const { adapter, queryClient } = useAccordData('useWinLoss', options);
  const agreement = options.agreement ?? context.agreement;
  const f = useFormatters();
  const { from, to, enabled = true, minGroupSize = 20 } = options;
  const [mountedAt] = useState(() => context.now());
  const now = options.now === undefined ? mountedAt : toEpoch(options.now);

  const [uncontrolled, setUncontrolled] = useState<WinLossDimension>(options.defaultGroupBy ?? 'source');
  const groupBy = options.groupBy ?? uncontrolled;
  const { groupBy: controlled, onGroupByChange } = options;
  const setGroupBy = useCallback(
    (next: WinLossDimension) => {
      if (controlled === undefined) setUncontrolled(next);
      onGroupByChange?.(next);
    },
    [controlled, onGroupByChange],
  );

  const query = useQuery(
    {
      ...winLossQueryOptions(adapter, {
        agreement,
        groupBy,
        now,
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
      }),
      enabled,
      placeholderData: keepPreviousData,
    },
    queryClient,
  );
  const { data, error, isFetching, refetch } = query;

  const shaped = useMemo(() => {
    if (data === undefined) return null;
    const dim = data.groupBy[0] ?? groupBy;
    const tiers = agreement.targetAccounts?.tiers ?? [];
    const labelOf = (value: string | null): string => {
      if (value === null) return 'Not set';
      if (dim === 'tier') return value === 'none' ? 'No tier' : `Tier ${value}`;
      if (dim === 'accountTier') return tiers.find((t) => t.id === value)?.label ?? value;
      return value;
    };
    const proportion = (p: Proportion): ProportionText => ({
      value: p.value === null ? '—' : f.percent(p.value, 0),
      interval: p.low === null || p.high === null ? null : `${f.percent(p.low, 0)}–${f.percent(p.high, 0)}`,
    });
    const shape = (
      row: Omit<WinLossRow, 'group'> & { group?: WinLossRow['group'] },
      key: string,
      value: string | null,
      label: string,
    ): WinLossGroupRow => {
      const winRate = proportion(row.winRate);
      const noDecisionRate = proportion(row.noDecisionRate);
      const cycleWon = f.metric(row.cycleDaysWon, 'days');
      const cycleLost = f.metric(row.cycleDaysLost, 'days');
      const small = row.closed < minGroupSize;
      const top = row.lossReasons[0];
      const parts = [
        `${f.number(row.closed)} closed (${f.number(row.won)} won, ${f.number(row.lost)} lost)`,
        `win rate ${winRate.value}${winRate.interval ? ` (95% interval ${winRate.interval})` : ''}`,
        `no decision ${noDecisionRate.value}${noDecisionRate.interval ? ` (95% interval ${noDecisionRate.interval})` : ''}`,
        `median cycle won ${cycleWon}, lost ${cycleLost}`,
      ];
      if (small) parts.push('too few to read');
      return {
        key,
        value,
        label,
        row: { group: {}, ...row } as WinLossRow,
        small,
        winRate,
        noDecisionRate,
        cycleWon,
        cycleLost,
        topLossReason: top ? top.label : null,
        description: `${label}: ${parts.join('; ')}`,
      };
    };
    const rows = data.rows.map((row) => {
      const value = row.group[dim] ?? null;
      return shape(row, value ?? NONE_KEY, value, labelOf(value));
    });
    const totals = shape(data.totals, '\u0000all', null, 'All deals');
    const counted = (list: readonly CountedId[]): CountedRow[] =>
      list.map((c) => ({
        id: c.id,
        label: c.label,
        count: c.count,
        share: c.share,
        shareText: f.percent(c.share, 0),
        countText: f.number(c.count),
      }));
    const lossReasons = counted(
      data.totals.lossReasons.map((r) => (r.id === 'unspecified' ? { ...r, label: CATEGORY_LABELS.unspecified } : r)),
    );
    const lossCategories = counted(
      data.totals.lossCategories.map((c) => ({
        id: c.category,
        label: CATEGORY_LABELS[c.category],
        count: c.count,
        share: c.share,
      })),
    );
    const themes = counted(data.totals.themes.slice(0, 5));
    return { rows, totals, lossReasons, lossCategories, themes, dim };
  }, [data, groupBy, agreement, f, minGroupSize]);

  const groupings = useMemo(() => {
    const ids =
      options.groupings ??
      ([
        'source',
        'campaignId',
        'segment',
        ...(agreement.icp ? (['tier'] as const) : []),
        ...(agreement.targetAccounts ? (['accountTier'] as const) : []),
      ] satisfies WinLossDimension[]);
    return ids.map((id) => ({ id, label: DIMENSION_LABELS[id] }));
  }, [options.groupings, agreement]);

  const rows = shaped?.rows ?? NO_ROWS;
  const state: WinLossState =
    query.status === 'error' ? 'error' : data === undefined ? 'loading' : data.totals.closed === 0 ? 'empty' : 'data';
  const groupLabel = DIMENSION_LABELS[shaped?.dim ?? groupBy];
  const summary =
    shaped === null || state !== 'data'
      ? null
      : `Win rate and no-decision rate with 95% intervals by ${groupLabel.toLowerCase()}: ${rows.length} ${rows.length === 1 ? 'group' : 'groups'}, ${f.number(data?.totals.closed ?? 0)} closed deals, overall win rate ${shaped.totals.winRate.value}`;

  const retry = useCallback(() => {
    void refetch();
  }, [refetch]);

  const radioName = `${useId()}-group-by`;
  const getGroupByProps = (
    dimension: WinLossDimension,
    props?: InputHTMLAttributes<HTMLInputElement>,
  ): InputHTMLAttributes<HTMLInputElement> => ({
    type: 'radio',
    name: radioName,
    value: dimension,
    ...props,
    checked: groupBy === dimension,
    onChange: composeHandlers(props?.onChange, () => setGroupBy(dimension)),
  });

  return {
    state,
    result: data,
    rows,
    totals: shaped?.totals ?? null,
    lossReasons: shaped?.lossReasons ?? NO_COUNTS,
    lossCategories: shaped?.lossCategories ?? NO_COUNTS,
    themes: shaped?.themes ?? NO_COUNTS,
    groupBy,
    setGroupBy,
    groupings,
    groupLabel,
    minGroupSize,
    summary,
    error,
    isFetching,
    isPlaceholderData: query.isPlaceholderData,
    retry,
    getGroupByProps,
  };
}
