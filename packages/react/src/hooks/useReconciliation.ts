'use client';

import type {
  AccordIssue,
  Agreement,
  DeltaClass,
  Instant,
  MarketingClaim,
  ReconciledClaim,
  Reconciliation,
  ReconciliationTotals,
} from '@accord/core';
import { type QueryClient, skipToken, type UseQueryOptions, useQuery } from '@tanstack/react-query';
import { type ButtonHTMLAttributes, useCallback, useId, useMemo, useState } from 'react';
import { composeHandlers } from '../_lib/composeHandlers';
import { useAccord } from '../provider/AccordProvider';
import type { AccordAdapter } from '../provider/adapter.types';
import { reconciliationQueryOptions } from '../queries/reconciliationQueryOptions';

/** What a reconciliation view shows: loading, the error, no claims, or the bridge. */
export type ReconciliationState = 'loading' | 'error' | 'empty' | 'data';

/** The claims the bridge totals: every claim, or only the sourced or the influenced ones. */
export type ReconciliationKind = 'all' | MarketingClaim['kind'];

/**
 * One bar of the bridge from Marketing's claimed total to the CRM-matched total. Amounts in minor
 * units of the reconciliation's currency.
 */
export interface ReconciliationStep {
  /** `claimed`, a delta class, or `matched`. */
  id: 'claimed' | 'matched' | DeltaClass;
  type: 'total' | 'delta';
  /** `"Claimed by Marketing"`, `"Unmatched opportunity"`, `"Matched in the CRM"`… */
  label: string;
  /**
   * A total's amount, or a delta class's change along the bridge: `−delta` (a class Marketing
   * over-claims lowers the running total on the way to the matched figure). Claimed + Σ changes = matched.
   */
  value: number;
  /** The running total before the step (`0` for totals). */
  from: number;
  /** The running total after the step (a total's amount for totals). */
  to: number;
  /** Claims with a non-zero amount in the class (every claim for totals). */
  claims: number;
}

/** Coded issues of one code, counted. */
export interface ReconciliationIssueGroup {
  code: AccordIssue['code'];
  count: number;
  /** The first issue's message (messages never quote personal data). */
  message: string;
  /** Where the first few sit, as `marketingClaims[12].opportunityId`. */
  paths: string[];
}

/** Options for {@link useReconciliation}. */
export interface UseReconciliationOptions {
  /** Marketing's claims (not a CRM record kind: the host loads them). Keep the array stable. */
  claims?: readonly MarketingClaim[];
  /** Only deals created in [from, to). */
  from?: Instant;
  to?: Instant;
  /** Minor units of the agreement currency per minor unit of another (`{ EUR: 1.08 }`). */
  rates?: Readonly<Record<string, number>>;
  /**
   * A reconciliation computed elsewhere (on a server, by `accord reconcile --json`). When given, nothing
   * is loaded and no adapter is needed.
   */
  data?: Reconciliation;
  /** The claim kind shown first (uncontrolled). Default `'all'`. */
  defaultKind?: ReconciliationKind;
  /** Controls the claim kind; pair it with `onKindChange`. */
  kind?: ReconciliationKind;
  onKindChange?: (kind: ReconciliationKind) => void;
  /** The delta class drilled into first (uncontrolled). Default none. */
  defaultSelectedClass?: DeltaClass | null;
  /** Controls the delta class drilled into; pair it with `onSelectedClassChange`. */
  selectedClass?: DeltaClass | null;
  onSelectedClassChange?: (deltaClass: DeltaClass | null) => void;
  /** Default: the provider's agreement. */
  agreement?: Agreement;
  /** Default: the provider's adapter. */
  adapter?: AccordAdapter;
  /** Default: the provider's, else the host's QueryClientProvider. */
  queryClient?: QueryClient;
  /** Set `false` to hold the query. Default `true`. */
  enabled?: boolean;
}

/** What {@link useReconciliation} returns. */
export interface UseReconciliationResult {
  /** The core's reconciliation, once loaded (or as given). */
  data: Reconciliation | undefined;
  state: ReconciliationState;
  error: Error | null;
  isFetching: boolean;
  /** Refetches after an error (the Retry button). */
  retry: () => void;
  /** The currency every amount is in (the reconciliation's, else the agreement's). */
  currency: string;
  kind: ReconciliationKind;
  setKind: (kind: ReconciliationKind) => void;
  /** The kinds offered, in order: `all`, `sourced`, `influenced`. */
  kinds: readonly ReconciliationKind[];
  /** The totals of the current kind (`undefined` while loading). */
  totals: ReconciliationTotals | undefined;
  /** The bridge: claimed, each delta class in check order, matched (empty while loading). */
  steps: ReconciliationStep[];
  /** The lowest and highest running totals (0 included), for scaling the bars. */
  domain: { min: number; max: number };
  /** The delta classes, in check order. */
  classes: readonly DeltaClass[];
  selectedClass: DeltaClass | null;
  selectClass: (deltaClass: DeltaClass | null) => void;
  /** Selects the class, or clears the selection when it is selected already. */
  toggleClass: (deltaClass: DeltaClass) => void;
  /** The current kind's claims with an amount in the selected class, largest first (empty without one). */
  selectedClaims: readonly ReconciledClaim[];
  /** The current kind's claims with an amount in `deltaClass`, largest first. */
  claimsIn: (deltaClass: DeltaClass) => readonly ReconciledClaim[];
  /** A claim's change along the bridge in a class: `−delta` (0 when it has none). */
  changeOf: (claim: ReconciledClaim, deltaClass: DeltaClass) => number;
  /** Whether a claim's row shows all of its deltas. */
  isExpanded: (claimId: string) => boolean;
  toggleExpanded: (claimId: string) => void;
  /** Marketing-sourced deals no claim mentions, largest first, and their total. */
  unclaimed: Reconciliation['unclaimed'];
  unclaimedTotal: number;
  /** The coded issues, grouped by code, most frequent first. */
  issueGroups: ReconciliationIssueGroup[];
  /** A delta class's display name: `"Unmatched opportunity"`… */
  labelOf: (deltaClass: DeltaClass) => string;
  /** A one-line description for the chart's accessible name (amounts unformatted); `null` without data. */
  summary: string | null;
  /** The id of the drill-down region (the class buttons' `aria-controls`). */
  drillId: string;
  /** Props for a class's toggle `<button>`: `aria-pressed`, `aria-controls`, `onClick`. Yours are merged in. */
  getClassButtonProps: (
    deltaClass: DeltaClass,
    props?: ButtonHTMLAttributes<HTMLButtonElement>,
  ) => ButtonHTMLAttributes<HTMLButtonElement>;
  /** Props for a kind's toggle `<button>`: `aria-pressed`, `onClick`. */
  getKindButtonProps: (
    kind: ReconciliationKind,
    props?: ButtonHTMLAttributes<HTMLButtonElement>,
  ) => ButtonHTMLAttributes<HTMLButtonElement>;
  /** Props for a claim row's expand `<button>`: `aria-expanded`, `aria-controls` (= `detailIdOf`), `onClick`. */
  getExpandButtonProps: (
    claimId: string,
    props?: ButtonHTMLAttributes<HTMLButtonElement>,
  ) => ButtonHTMLAttributes<HTMLButtonElement>;
  /** The id of a claim's expanded details (unique in the document, whatever the claim id holds). */
  detailIdOf: (claimId: string) => string;
}

/** The delta classes in the core's check order. */
const CLASSES: readonly DeltaClass[] = [
  'unmatched_opportunity',
  'duplicate_lead',
  'currency',
  'different_account',
  'stage_drift',
  'outside_window',
  'different_model',
];

const KINDS: readonly ReconciliationKind[] = ['all', 'sourced', 'influenced'];

const CLASS_LABELS: Readonly<Record<DeltaClass, string>> = {
  unmatched_opportunity: 'Unmatched opportunity',
  duplicate_lead: 'Duplicate lead',
  currency: 'Currency',
  different_account: 'Different account',
  stage_drift: 'Stage drift',
  outside_window: 'Outside window',
  different_model: 'Different model',
};

const labelOf = (deltaClass: DeltaClass): string => CLASS_LABELS[deltaClass] ?? deltaClass;

const changeOf = (claim: ReconciledClaim, deltaClass: DeltaClass): number => {
  const delta = claim.deltas[deltaClass] ?? 0;
  return delta === 0 ? 0 : -delta;
};

type ClassIndex = Record<DeltaClass, ReconciledClaim[]>;

/** Per kind, per class, the claims with an amount in the class, largest amount first (then by claim id). */
function indexClaims(claims: readonly ReconciledClaim[]): Record<ReconciliationKind, ClassIndex> {
  const empty = (): ClassIndex =>
    Object.fromEntries(CLASSES.map((c) => [c, [] as ReconciledClaim[]])) as unknown as ClassIndex;
  const index: Record<ReconciliationKind, ClassIndex> = { all: empty(), sourced: empty(), influenced: empty() };
  for (const claim of claims) {
    for (const c of CLASSES) {
      if ((claim.deltas[c] ?? 0) === 0) continue;
      index.all[c].push(claim);
      index[claim.kind]?.[c].push(claim);
    }
  }
  for (const kind of KINDS) {
    for (const c of CLASSES) {
      index[kind][c].sort(
        (a, b) =>
          Math.abs(b.deltas[c] ?? 0) - Math.abs(a.deltas[c] ?? 0) ||
          (a.claimId < b.claimId ? -1 : a.claimId > b.claimId ? 1 : 0),
      );
    }
  }
  return index;
}

function pathText(path: AccordIssue['path']): string {
  let out = '';
  for (const segment of path) out += typeof segment === 'number' ? `[${segment}]` : out ? `.${segment}` : segment;
  return out;
}

function groupIssues(issues: readonly AccordIssue[]): ReconciliationIssueGroup[] {
  const groups = new Map<string, ReconciliationIssueGroup>();
  for (const issue of issues) {
    const group = groups.get(issue.code);
    if (group) {
      group.count++;
      if (group.paths.length < 3) group.paths.push(pathText(issue.path));
    } else {
      groups.set(issue.code, { code: issue.code, count: 1, message: issue.message, paths: [pathText(issue.path)] });
    }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1));
}

const NO_CLAIMS: readonly ReconciledClaim[] = [];
const NO_UNCLAIMED: Reconciliation['unclaimed'] = [];
const NO_CLAIMS_INPUT: readonly MarketingClaim[] = [];

/**
 * @name useReconciliation
 * @category Hooks
 * @summary Headless reconciliation: Marketing's claimed total bridged to the CRM-matched total, delta class by delta class, with drill-down.
 *
 * @description
 * Runs {@link reconciliationQueryOptions} (the shared records — opportunities, leads, touchpoints —
 * from the adapter, the host's `claims`, then `reconcile` from `@accord/core`) with the provider's
 * adapter, agreement and QueryClient unless given; or takes a reconciliation computed elsewhere as
 * `data`, and loads nothing. From the result it builds the bridge for the current claim kind (claimed →
 * each delta class's change → matched; the core guarantees claimed = matched + Σ deltas, so the last
 * running total is the matched figure exactly), indexes each class's claims once per result (largest
 * first), groups the coded issues, and sorts the unclaimed marketing-sourced deals. It holds the kind
 * toggle, the selected class (both controlled or not) and the expanded claims, with prop getters for
 * the buttons. State: `empty` when there are no claims at all.
 *
 * @param options - `claims`, `from`, `to`, `rates` or `data`; the kind and selected class; `agreement`, `adapter`, `queryClient`, `enabled` overrides.
 * @returns {@link UseReconciliationResult}.
 *
 * @example
 * const r = useReconciliation({ claims, rates: { EUR: 1.08 } });
 * return r.steps.map((s) =>
 *   s.type === 'delta' ? <button key={s.id} {...r.getClassButtonProps(s.id as DeltaClass)}>{s.label}: {s.value}</button> : <p key={s.id}>{s.label}: {s.value}</p>,
 * );
 */
export function useReconciliation(options: UseReconciliationOptions = {}): UseReconciliationResult {
  const context = useAccord();
  const given = options.data;
  const agreement = options.agreement ?? context.agreement;
  const adapter = options.adapter ?? context.adapter;
  const queryClient = options.queryClient ?? context.queryClient;
  if (given === undefined && adapter === undefined) {
    throw new Error(
      '[accord] useReconciliation needs an adapter (or a computed reconciliation as `data`): pass one to <AccordProvider adapter={…}> or to useReconciliation({ adapter }).',
    );
  }
  const { claims = NO_CLAIMS_INPUT, from, to, rates, enabled = true } = options;
  // Given a computed reconciliation, the query is skipped (no adapter is needed, nothing is loaded). The
  // two branches' keys differ in shape, so both are widened to one options type.
  const queryOptions =
    given === undefined && adapter !== undefined
      ? ({
          ...reconciliationQueryOptions(adapter, {
            agreement,
            claims,
            ...(from === undefined ? {} : { from }),
            ...(to === undefined ? {} : { to }),
            ...(rates === undefined ? {} : { rates }),
          }),
          enabled,
        } as UseQueryOptions<Reconciliation, Error, Reconciliation, readonly unknown[]>)
      : ({ queryKey: ['accord', 'reconciliation', 'given'], queryFn: skipToken } satisfies UseQueryOptions<
          Reconciliation,
          Error,
          Reconciliation,
          readonly unknown[]
        >);
  const query = useQuery(queryOptions, queryClient);
  const data: Reconciliation | undefined = given ?? query.data;
  const { error, isFetching, refetch } = query;

  const [uncontrolledKind, setUncontrolledKind] = useState<ReconciliationKind>(options.defaultKind ?? 'all');
  const kind = options.kind ?? uncontrolledKind;
  const { kind: controlledKind, onKindChange } = options;
  const setKind = useCallback(
    (next: ReconciliationKind) => {
      if (controlledKind === undefined) setUncontrolledKind(next);
      onKindChange?.(next);
    },
    [controlledKind, onKindChange],
  );

  const [uncontrolledClass, setUncontrolledClass] = useState<DeltaClass | null>(options.defaultSelectedClass ?? null);
  const selectedClass = options.selectedClass === undefined ? uncontrolledClass : options.selectedClass;
  const { selectedClass: controlledClass, onSelectedClassChange } = options;
  const selectClass = useCallback(
    (next: DeltaClass | null) => {
      if (controlledClass === undefined) setUncontrolledClass(next);
      onSelectedClassChange?.(next);
    },
    [controlledClass, onSelectedClassChange],
  );
  const toggleClass = useCallback(
    (next: DeltaClass) => selectClass(next === selectedClass ? null : next),
    [selectClass, selectedClass],
  );

  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const isExpanded = useCallback((claimId: string) => expanded.has(claimId), [expanded]);
  const toggleExpanded = useCallback((claimId: string) => {
    setExpanded((previous) => {
      const next = new Set(previous);
      if (!next.delete(claimId)) next.add(claimId);
      return next;
    });
  }, []);

  // Once per result: claims by kind and class, issues by code, unclaimed deals by amount.
  const derived = useMemo(() => {
    if (data === undefined) return undefined;
    const unclaimed = [...data.unclaimed].sort(
      (a, b) => b.amount - a.amount || (a.opportunityId < b.opportunityId ? -1 : 1),
    );
    let unclaimedTotal = 0;
    for (const u of unclaimed) unclaimedTotal += u.amount;
    return { index: indexClaims(data.claims), issueGroups: groupIssues(data.issues), unclaimed, unclaimedTotal };
  }, [data]);

  const totals = data === undefined ? undefined : kind === 'all' ? data.totals : data.byKind[kind];

  const { steps, domain } = useMemo(() => {
    if (totals === undefined || derived === undefined) return { steps: [], domain: { min: 0, max: 0 } };
    const out: ReconciliationStep[] = [
      {
        id: 'claimed',
        type: 'total',
        label: 'Claimed by Marketing',
        value: totals.claimed,
        from: 0,
        to: totals.claimed,
        claims: totals.claims,
      },
    ];
    let running = totals.claimed;
    let min = Math.min(0, running);
    let max = Math.max(0, running);
    for (const c of CLASSES) {
      const delta = totals.deltas[c] ?? 0;
      const next = running - delta;
      out.push({
        id: c,
        type: 'delta',
        label: labelOf(c),
        value: delta === 0 ? 0 : -delta,
        from: running,
        to: next,
        claims: derived.index[kind][c].length,
      });
      running = next;
      min = Math.min(min, running);
      max = Math.max(max, running);
    }
    out.push({
      id: 'matched',
      type: 'total',
      label: 'Matched in the CRM',
      value: totals.matched,
      from: 0,
      to: totals.matched,
      claims: totals.claims,
    });
    min = Math.min(min, totals.matched);
    max = Math.max(max, totals.matched);
    return { steps: out, domain: { min, max } };
  }, [totals, derived, kind]);

  const claimsIn = useCallback(
    (deltaClass: DeltaClass) => derived?.index[kind][deltaClass] ?? NO_CLAIMS,
    [derived, kind],
  );
  const selectedClaims = selectedClass === null ? NO_CLAIMS : claimsIn(selectedClass);

  const state: ReconciliationState =
    data !== undefined ? (data.claims.length === 0 ? 'empty' : 'data') : query.status === 'error' ? 'error' : 'loading';

  const retry = useCallback(() => {
    void refetch();
  }, [refetch]);

  const baseId = useId();
  const drillId = `${baseId}-drill`;
  // Ids from each claim's position in the whole result, so any claim id (spaces, quotes…) is safe.
  const positions = useMemo(() => new Map(data?.claims.map((c, i) => [c.claimId, i] as const) ?? []), [data]);
  const detailIdOf = useCallback(
    (claimId: string) => `${baseId}-claim-${positions.get(claimId) ?? 'x'}`,
    [baseId, positions],
  );

  const getClassButtonProps = useCallback(
    (deltaClass: DeltaClass, props: ButtonHTMLAttributes<HTMLButtonElement> = {}) => ({
      type: 'button' as const,
      ...props,
      'aria-pressed': selectedClass === deltaClass,
      'aria-controls': selectedClass === deltaClass ? drillId : undefined,
      onClick: composeHandlers(props.onClick, () => toggleClass(deltaClass)),
    }),
    [selectedClass, drillId, toggleClass],
  );
  const getKindButtonProps = useCallback(
    (next: ReconciliationKind, props: ButtonHTMLAttributes<HTMLButtonElement> = {}) => ({
      type: 'button' as const,
      ...props,
      'aria-pressed': kind === next,
      onClick: composeHandlers(props.onClick, () => setKind(next)),
    }),
    [kind, setKind],
  );
  const getExpandButtonProps = useCallback(
    (claimId: string, props: ButtonHTMLAttributes<HTMLButtonElement> = {}) => ({
      type: 'button' as const,
      ...props,
      'aria-expanded': expanded.has(claimId),
      'aria-controls': expanded.has(claimId) ? detailIdOf(claimId) : undefined,
      onClick: composeHandlers(props.onClick, () => toggleExpanded(claimId)),
    }),
    [expanded, detailIdOf, toggleExpanded],
  );

  const summary =
    totals === undefined
      ? null
      : `Reconciliation bridge${kind === 'all' ? '' : ` of ${kind} claims`}: ${totals.claims} ${totals.claims === 1 ? 'claim' : 'claims'}, claimed to matched through ${CLASSES.length} delta classes`;

  return {
    data,
    state,
    error: given === undefined ? error : null,
    isFetching: given === undefined && isFetching,
    retry,
    currency: data?.currency ?? agreement.currency ?? 'USD',
    kind,
    setKind,
    kinds: KINDS,
    totals,
    steps,
    domain,
    classes: CLASSES,
    selectedClass,
    selectClass,
    toggleClass,
    selectedClaims,
    claimsIn,
    changeOf,
    isExpanded,
    toggleExpanded,
    unclaimed: derived?.unclaimed ?? NO_UNCLAIMED,
    unclaimedTotal: derived?.unclaimedTotal ?? 0,
    issueGroups: derived?.issueGroups ?? [],
    labelOf,
    summary,
    drillId,
    getClassButtonProps,
    getKindButtonProps,
    getExpandButtonProps,
    detailIdOf,
  };
}
