'use client';

import {
  type Activity,
  type Agreement,
  type EngagementReason,
  type FitReason,
  type IcpTier,
  type IcpTiers,
  type Instant,
  type Lead,
  type ScoreLeadResult,
  scoreLead,
  type Touchpoint,
} from '@accord/core';
import { QueryClient, QueryClientContext, useQuery } from '@tanstack/react-query';
import {
  type ButtonHTMLAttributes,
  type HTMLAttributes,
  useCallback,
  useContext,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { composeHandlers } from '../_lib/composeHandlers';
import { useFormatters } from '../_lib/format';
import { useAccord } from '../provider/AccordProvider';
import type { AccordAdapter } from '../provider/adapter.types';
import { activitiesOf, leadEventsQueryOptions, touchpointsOf } from '../queries/leadEventsQueryOptions';

/**
 * What a fit badge shows: `loading` (the lead's events are loading), `error` (they could not load, or
 * scoring failed), `unscored` (the agreement defines no ICP), or `scored`.
 */
export type FitScoreState = 'loading' | 'error' | 'unscored' | 'scored';

/** Options for {@link useFitScore}. */
export interface UseFitScoreOptions {
  /**
   * A score computed elsewhere (`scoreLead`, or a server). When given, nothing is computed or loaded
   * and `lead` may be `undefined`.
   */
  score?: ScoreLeadResult;
  /** The lead's activities (others' are ignored). Default: the adapter's, when there is an adapter; else none. Keep the array stable. */
  activities?: readonly Activity[];
  /** The lead's touchpoints. Default: the adapter's, when there is an adapter; else none. Keep the array stable. */
  touchpoints?: readonly Touchpoint[];
  /** The instant to score at. Default: the provider clock's instant when the lead or the events change. */
  now?: Instant | Date;
  /** Default: the provider's agreement. */
  agreement?: Agreement;
  /** Default: the provider's adapter (only used when `activities` or `touchpoints` is not given). */
  adapter?: AccordAdapter;
  /** Default: the provider's, else the host's QueryClientProvider. */
  queryClient?: QueryClient;
  /** Controls whether the explanation is open; pair it with `onOpenChange`. */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}

/** One ICP criterion, ready to show. */
export interface FitCriterionRow extends FitReason {
  /** `+30 pts` when matched, `0 of 25` (the weight it would have given) when not. */
  pointsText: string;
  /** `Matched` or `Not matched`. */
  stateText: string;
}

/** One intent signal, ready to show. */
export interface EngagementSignalRow extends EngagementReason {
  /** `+12.4 pts`. */
  pointsText: string;
}

/** What {@link useFitScore} returns. */
export interface UseFitScoreResult {
  state: FitScoreState;
  /** The core's result (computed or given), or `null` while loading, on error or without an ICP. */
  result: ScoreLeadResult | null;
  error: Error | null;
  /** The ICP tier, or `null` without a result. */
  tier: IcpTier | null;
  /** `Tier A`…`Tier C`, `No tier`, `No ICP`, `Scoring…`, `Fit unavailable`. */
  tierText: string;
  /** The formatted fit score (`72.5`), or `null`. */
  fitText: string | null;
  /** The formatted engagement score, or `null`. */
  engagementText: string | null;
  /** The formatted engagement before the cap when the cap applied (`134.2`), else `null`. */
  uncappedText: string | null;
  /**
   * What the badge should announce, e.g. `ICP fit: Tier B 72.5 of 100, engagement 42.5`. Render it as
   * the trigger's content (visible tier and score, the rest visually hidden) rather than as
   * `aria-label`, so the accessible name always contains the visible text.
   */
  label: string;
  /** The agreement's tier thresholds, when it has an ICP. */
  thresholds: IcpTiers | null;
  /** `A ≥ 80 · B ≥ 55 · C ≥ 30`, or `null`. */
  thresholdsText: string | null;
  criteria: FitCriterionRow[];
  signals: EngagementSignalRow[];
  /** Whether the explanation is shown. */
  open: boolean;
  setOpen: (open: boolean) => void;
  /** Retries loading the lead's events after an error. */
  retry: () => void;
  /** Props for the wrapper of trigger and explanation: hovering it shows the explanation; `data-state`, `data-tier`. */
  getRootProps: (props?: HTMLAttributes<HTMLElement>) => HTMLAttributes<HTMLElement> & {
    'data-state': FitScoreState;
    'data-tier': IcpTier | 'unknown';
  };
  /** Props for the focusable badge `<button>`: focus shows the explanation, blur and Escape hide it, click toggles. */
  getTriggerProps: (props?: ButtonHTMLAttributes<HTMLButtonElement>) => ButtonHTMLAttributes<HTMLButtonElement>;
  /** Props for the explanation: `role="tooltip"`, the id the trigger's `aria-describedby` names, `hidden` when closed. */
  getExplanationProps: (
    props?: HTMLAttributes<HTMLElement>,
  ) => HTMLAttributes<HTMLElement> & { 'data-state': 'open' | 'closed' };
}

const NO_ADAPTER: AccordAdapter = {
  name: '(none)',
  capabilities: {
    lists: { leads: false, activities: false, touchpoints: false, opportunities: false, spend: false },
    writeDisposition: false,
    runScorecard: false,
  },
  listLeads: () => Promise.reject(new Error('[accord] no adapter')),
  listActivities: () => Promise.reject(new Error('[accord] no adapter')),
  listTouchpoints: () => Promise.reject(new Error('[accord] no adapter')),
  listOpportunities: () => Promise.reject(new Error('[accord] no adapter')),
  listSpend: () => Promise.reject(new Error('[accord] no adapter')),
};

const NO_EVENTS: readonly never[] = [];

/**
 * @name useFitScore
 * @category Hooks
 * @summary A lead's ICP fit, tier and engagement with every point explained, plus the props of an explanation tooltip.
 *
 * @description
 * Runs `scoreLead(lead, activities, agreement, { now, touchpoints })` from `@accord/core` with the
 * provider's agreement, memoised on its inputs, or takes a precomputed `score`. `now` defaults to the
 * provider clock's instant read when the inputs change (not a ticking clock), so the same lead gives
 * the same score on every render. Activities and touchpoints not passed in come from the adapter: the
 * shared records, indexed by lead once (`leadEventsQueryOptions`), so a list of badges does not scan
 * every event per row; while they load the state is `loading`. Without an adapter, events not passed
 * in are taken as none (the fit score needs none). An agreement without an ICP gives `unscored`.
 *
 * The explanation follows the Scorecard's definition pattern: it opens on hover (`getRootProps`, which
 * also covers the explanation, so the pointer can move onto it) and on keyboard focus
 * (`getTriggerProps`), closes on blur, on leaving and on Escape anywhere; a click toggles it; nothing
 * traps focus. The trigger's `aria-describedby` names the explanation.
 *
 * @param lead - The lead (may be `undefined` when `options.score` is given).
 * @param options - `score`, `activities`, `touchpoints`, `now`, `open`/`onOpenChange`, and `agreement`, `adapter`, `queryClient` overrides.
 * @returns {@link UseFitScoreResult}.
 *
 * @example
 * const fit = useFitScore(lead, { activities, touchpoints });
 * return (
 *   <span {...fit.getRootProps()}>
 *     <button {...fit.getTriggerProps()}>{fit.tierText} {fit.fitText}</button>
 *     <div {...fit.getExplanationProps()}>{fit.criteria.map((c) => <p key={c.criterionId}>{c.label}: {c.pointsText}</p>)}</div>
 *   </span>
 * );
 */
export function useFitScore(lead: Lead | undefined, options: UseFitScoreOptions = {}): UseFitScoreResult {
  const context = useAccord();
  const agreement = options.agreement ?? context.agreement;
  const f = useFormatters();
  const { score, activities, touchpoints, now } = options;

  // Events are loaded only when a lead is to be scored and some of its events were not passed in.
  const adapter = options.adapter ?? context.adapter;
  const needsEvents =
    score === undefined &&
    lead !== undefined &&
    agreement.icp !== undefined &&
    adapter !== undefined &&
    (!activities || !touchpoints);
  // A badge given its score or its events must work without any QueryClient: then the (disabled)
  // query runs on a private, idle client.
  const hostClient = useContext(QueryClientContext);
  const client = options.queryClient ?? context.queryClient ?? hostClient;
  const [idleClient] = useState(() => (client ? null : new QueryClient()));
  const query = useQuery(
    { ...leadEventsQueryOptions(adapter ?? NO_ADAPTER), enabled: needsEvents },
    client ?? idleClient ?? undefined,
  );
  const events = query.data;
  const leadId = lead?.id;
  const leadActivities =
    activities ?? (needsEvents && events && leadId !== undefined ? activitiesOf(events, leadId) : NO_EVENTS);
  const leadTouchpoints =
    touchpoints ?? (needsEvents && events && leadId !== undefined ? touchpointsOf(events, leadId) : NO_EVENTS);
  const waiting = needsEvents && events === undefined;

  const clockNow = context.now;
  const computed = useMemo((): { result: ScoreLeadResult | null; error: Error | null } => {
    if (score !== undefined) return { result: score, error: null };
    if (lead === undefined || waiting || agreement.icp === undefined) return { result: null, error: null };
    try {
      const result = scoreLead(lead, leadActivities, agreement, {
        now: now ?? clockNow(),
        touchpoints: leadTouchpoints,
      });
      return { result, error: null };
    } catch (error) {
      return { result: null, error: error instanceof Error ? error : new Error(String(error)) };
    }
  }, [score, lead, waiting, agreement, leadActivities, leadTouchpoints, now, clockNow]);

  const { result } = computed;
  const error = computed.error ?? (needsEvents && query.status === 'error' ? query.error : null);
  const state: FitScoreState =
    result !== null ? 'scored' : error !== null ? 'error' : waiting || lead === undefined ? 'loading' : 'unscored';

  const shaped = useMemo(() => {
    const pts = (n: number) => `${n > 0 ? '+' : ''}${f.number(n, 1)} pts`;
    const criteria: FitCriterionRow[] = (result?.fit.reasons ?? []).map((r) => ({
      ...r,
      pointsText: r.matched ? pts(r.points) : `0 of ${f.number(r.weight, 1)}`,
      stateText: r.matched ? 'Matched' : 'Not matched',
    }));
    const signals: EngagementSignalRow[] = (result?.engagement.reasons ?? []).map((r) => ({
      ...r,
      pointsText: pts(r.points),
    }));
    return { criteria, signals };
  }, [result, f]);

  const tier = result?.fit.tier ?? null;
  const tierText =
    state === 'loading'
      ? 'Scoring…'
      : state === 'error'
        ? 'Fit unavailable'
        : state === 'unscored'
          ? 'No ICP'
          : tier === 'none' || tier === null
            ? 'No tier'
            : `Tier ${tier}`;
  const fitText = result === null ? null : f.number(result.fit.score, 1);
  const engagementText = result === null ? null : f.number(result.engagement.score, 1);
  const uncappedText =
    result !== null && result.engagement.uncapped > result.engagement.score
      ? f.number(result.engagement.uncapped, 1)
      : null;
  const label =
    result === null ? `ICP fit: ${tierText}` : `ICP fit: ${tierText} ${fitText} of 100, engagement ${engagementText}`;
  const thresholds = agreement.icp?.tiers ?? null;
  const thresholdsText =
    thresholds === null
      ? null
      : `A ≥ ${f.number(thresholds.A, 1)} · B ≥ ${f.number(thresholds.B, 1)} · C ≥ ${f.number(thresholds.C, 1)}`;

  // The explanation: controlled or not; Escape anywhere closes it.
  const [uncontrolled, setUncontrolled] = useState(false);
  const { open: controlled, onOpenChange } = options;
  const open = controlled ?? uncontrolled;
  const setOpen = useCallback(
    (next: boolean) => {
      if (controlled === undefined) setUncontrolled(next);
      onOpenChange?.(next);
    },
    [controlled, onOpenChange],
  );
  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [open, setOpen]);

  const openAtPointerDown = useRef<boolean | null>(null);
  const explanationId = `${useId()}-fit`;
  const refetch = query.refetch;
  const retry = useCallback(() => {
    void refetch();
  }, [refetch]);

  return {
    state,
    result,
    error,
    tier,
    tierText,
    fitText,
    engagementText,
    uncappedText,
    label,
    thresholds,
    thresholdsText,
    criteria: shaped.criteria,
    signals: shaped.signals,
    open,
    setOpen,
    retry,
    getRootProps: (props) => ({
      ...props,
      'data-state': state,
      'data-tier': tier ?? 'unknown',
      onMouseEnter: composeHandlers(props?.onMouseEnter, () => setOpen(true)),
      onMouseLeave: composeHandlers(props?.onMouseLeave, () => setOpen(false)),
    }),
    getTriggerProps: (props) => ({
      type: 'button',
      ...props,
      'aria-describedby': explanationId,
      onFocus: composeHandlers(props?.onFocus, () => setOpen(true)),
      onBlur: composeHandlers(props?.onBlur, () => setOpen(false)),
      // A tap fires pointerdown, then mouseenter and focus (which open), then click: the click toggles
      // from the state at pointerdown, so a tap opens rather than opening and closing at once.
      onPointerDown: composeHandlers(props?.onPointerDown, () => {
        openAtPointerDown.current = open;
      }),
      onClick: composeHandlers(props?.onClick, () => {
        const was = openAtPointerDown.current ?? open;
        openAtPointerDown.current = null;
        setOpen(!was);
      }),
      onKeyDown: composeHandlers(props?.onKeyDown, (event) => {
        if (event.key === 'Escape') setOpen(false);
      }),
    }),
    getExplanationProps: (props) => ({
      role: 'tooltip',
      id: explanationId,
      ...props,
      hidden: !open,
      'data-state': open ? 'open' : 'closed',
    }),
  };
}
