'use client';

import {
  type Account,
  type AccountDirectory,
  type CriterionReason,
  createAccountDirectory,
  createRoutingState,
  type Instant,
  type Lead,
  type Pool,
  type RouteLeadResult,
  type RoutingRule,
  type RoutingState,
  type RoutingTraceEntry,
  routeLead,
} from '@accord/core';
import { type HTMLAttributes, useMemo } from 'react';
import { useAccord } from '../provider/AccordProvider';

/**
 * How one routing step went: a rule, account or territory `matched` or `unmatched`; a pool member
 * `chosen`, `skipped` (away, off shift, capped) or `levelled` (pointer raised, next-shift draw); the
 * `fallback` queue.
 */
export type RoutingTraceStepState = 'matched' | 'unmatched' | 'chosen' | 'skipped' | 'levelled' | 'fallback';

/** One step of the decision, ready to show. */
export interface RoutingTraceStep {
  /** Stable within one trace (the step's position). */
  key: string;
  /** The core's entry, untouched. */
  entry: RoutingTraceEntry;
  kind: RoutingTraceEntry['step'];
  state: RoutingTraceStepState;
  /** A short text for the state: "Matched", "No match", "Chosen", "Skipped: off shift", "Fallback"… */
  stateLabel: string;
  /** What the step is about: the rule's label, "Account owner", "Territory", the member's user id, "Fallback queue". */
  title: string;
  /** The core's explanation. */
  message: string;
  /** For a rule with conditions: every comparison, met or not. */
  criteria: readonly CriterionReason[] | undefined;
  /** True for the rule step that decided the assignment. */
  decisive: boolean;
}

/** Options for {@link useRoutingTrace}. */
export interface UseRoutingTraceOptions {
  /** The round-robin state to decide from. Default: a fresh state (`createRoutingState()`). Keep it stable. */
  state?: RoutingState;
  /** Accounts for the `accountOwner` rule: a directory from `createAccountDirectory`, or the accounts (keep the array stable). */
  accounts?: AccountDirectory | readonly Account[];
  /** Users out of office. Keep the array stable. */
  outOfOffice?: readonly string[];
  /**
   * The decision instant (working hours, daily caps). Default: the provider clock's instant when the
   * lead or options change. Pass `lead.createdAt` to replay the decision as of the lead's arrival.
   */
  now?: Instant | Date;
}

/** What {@link useRoutingTrace} returns. */
export interface UseRoutingTraceResult {
  /** `null` when routing could not run (then `error` says why). */
  result: RouteLeadResult | null;
  error: Error | null;
  /** `user`, `queue` (a rule's queue), `fallback` (no rule or nobody in the pool could take it) or `error`. */
  state: 'user' | 'queue' | 'fallback' | 'error';
  /** The rule that decided, from the agreement; `null` when none did. */
  rule: RoutingRule | null;
  /** The rule's label (its id when it has none). */
  ruleLabel: string | null;
  pool: Pool | null;
  poolLabel: string | null;
  /** Every step, in the order the core took them. */
  steps: RoutingTraceStep[];
  /** Whether the lead's current `ownerId` is the user routing picks; `null` when the lead has no owner. */
  matchesCurrentOwner: boolean | null;
  /** Props for the root element: `role="group"` and `data-state`. Yours are merged in. */
  getRootProps: (props?: HTMLAttributes<HTMLElement>) => HTMLAttributes<HTMLElement> & { 'data-state': string };
}

const SKIP_LABEL: Record<string, string> = {
  out_of_office: 'Skipped: out of office',
  outside_hours: 'Skipped: off shift',
  cap_day: 'Skipped: daily cap reached',
  cap_week: 'Skipped: weekly cap reached',
};

function toStep(
  entry: RoutingTraceEntry,
  index: number,
  rules: readonly RoutingRule[],
  pools: readonly Pool[],
): RoutingTraceStep {
  const base = {
    key: `${index}`,
    entry,
    kind: entry.step,
    message: entry.message,
    criteria: undefined,
    decisive: false,
  };
  switch (entry.step) {
    case 'rule': {
      const rule = rules.find((r) => r.id === entry.ruleId);
      return {
        ...base,
        state: entry.matched ? 'matched' : 'unmatched',
        stateLabel: entry.matched ? 'Matched' : 'No match',
        title: rule?.label ?? entry.ruleId,
        criteria: entry.criteria,
      };
    }
    case 'account':
      return {
        ...base,
        state: entry.matched ? 'matched' : 'unmatched',
        stateLabel: entry.matched ? 'Account found' : 'No account owner',
        title: 'Account owner',
      };
    case 'territory':
      return {
        ...base,
        state: entry.matched ? 'matched' : 'unmatched',
        stateLabel: entry.matched ? 'Territory found' : 'No territory',
        title: 'Territory',
      };
    case 'member': {
      const pool = pools.find((p) => p.id === entry.poolId);
      const poolName = pool?.label ?? entry.poolId;
      if (entry.outcome === 'chosen')
        return { ...base, state: 'chosen', stateLabel: 'Chosen', title: `${entry.userId} (${poolName})` };
      if (entry.outcome === 'levelled')
        return { ...base, state: 'levelled', stateLabel: 'Adjusted', title: `${entry.userId} (${poolName})` };
      return {
        ...base,
        state: 'skipped',
        stateLabel: SKIP_LABEL[entry.outcome] ?? 'Skipped',
        title: `${entry.userId} (${poolName})`,
      };
    }
    case 'fallback':
      return { ...base, state: 'fallback', stateLabel: 'Fallback', title: `Fallback queue ${entry.queue}` };
  }
}

function isDirectory(accounts: AccountDirectory | readonly Account[]): accounts is AccountDirectory {
  return !Array.isArray(accounts);
}

/**
 * @name useRoutingTrace
 * @category Hooks
 * @summary Answers "why this owner?": runs the core's routeLead with a full trace and shapes every step for display.
 *
 * @description
 * Calls `routeLead(lead, state, agreement, { now, accounts, outOfOffice, trace: 'full' })` with the
 * provider's agreement, memoised on its inputs, and returns the decision (assignee, the deciding rule
 * and pool, with their agreement labels) and every step of the core's trace in order: each rule tried
 * and whether it matched (with its criteria), the account or territory lookup, each pool member
 * skipped and why (out of office, off shift, capped), the member chosen, and the fallback queue. The
 * messages are the core's own. A routing that cannot run (an invalid `now`) gives `state: 'error'`,
 * never an exception.
 *
 * @param lead - The lead.
 * @param options - `state`, `accounts`, `outOfOffice`, `now`.
 * @returns {@link UseRoutingTraceResult}.
 *
 * @example
 * const trace = useRoutingTrace(lead, { accounts, now: lead.createdAt });
 * return (
 *   <ol {...trace.getRootProps()}>
 *     {trace.steps.map((s) => <li key={s.key} data-state={s.state}>{s.stateLabel}: {s.message}</li>)}
 *   </ol>
 * );
 */
export function useRoutingTrace(lead: Lead, options: UseRoutingTraceOptions = {}): UseRoutingTraceResult {
  const { agreement, now: clockNow } = useAccord();
  const { state, accounts, outOfOffice, now } = options;

  const directory = useMemo(
    () => (accounts === undefined ? undefined : isDirectory(accounts) ? accounts : createAccountDirectory(accounts)),
    [accounts],
  );

  const routed = useMemo((): { result: RouteLeadResult | null; error: Error | null } => {
    try {
      const result = routeLead(lead, state ?? createRoutingState(), agreement, {
        now: now ?? clockNow(),
        trace: 'full',
        ...(directory ? { accounts: directory } : {}),
        ...(outOfOffice ? { outOfOffice } : {}),
      });
      return { result, error: null };
    } catch (error) {
      return { result: null, error: error instanceof Error ? error : new Error(String(error)) };
    }
  }, [lead, state, agreement, now, clockNow, directory, outOfOffice]);

  const shaped = useMemo(() => {
    const { result } = routed;
    const rules = agreement.routing?.rules ?? [];
    const pools = agreement.routing?.pools ?? [];
    if (result === null) return { rule: null, pool: null, steps: [] as RoutingTraceStep[] };
    const steps = result.trace.map((entry, i) => toStep(entry, i, rules, pools));
    // The deciding rule is the last step of that rule (an account-owner rule can match, then find no owner).
    for (let i = steps.length - 1; i >= 0; i--) {
      const step = steps[i] as RoutingTraceStep;
      if (step.entry.step === 'rule' && step.entry.ruleId === result.ruleId) {
        step.decisive = true;
        break;
      }
    }
    return {
      rule: rules.find((r) => r.id === result.ruleId) ?? null,
      pool: pools.find((p) => p.id === result.poolId) ?? null,
      steps,
    };
  }, [routed, agreement]);

  const { result, error } = routed;
  const fellBack = result?.trace.some((t) => t.step === 'fallback') === true;
  const resultState: UseRoutingTraceResult['state'] =
    result === null ? 'error' : fellBack ? 'fallback' : result.assignee.type;
  const matchesCurrentOwner =
    result === null || lead.ownerId === undefined
      ? null
      : result.assignee.type === 'user' && result.assignee.id === lead.ownerId;

  return {
    result,
    error,
    state: resultState,
    rule: shaped.rule,
    ruleLabel: shaped.rule ? (shaped.rule.label ?? shaped.rule.id) : (result?.ruleId ?? null),
    pool: shaped.pool,
    poolLabel: shaped.pool ? (shaped.pool.label ?? shaped.pool.id) : (result?.poolId ?? null),
    steps: shaped.steps,
    matchesCurrentOwner,
    getRootProps: (props) => ({ role: 'group', ...props, 'data-state': resultState }),
  };
}
