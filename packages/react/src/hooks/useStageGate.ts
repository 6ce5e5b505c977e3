'use client';

import {
  type Agreement,
  type EvaluateTransitionResult,
  evaluateTransition,
  type Lead,
  type StageEvent,
  type StageId,
  type TransitionReason,
} from '@accord/core';
import { type ButtonHTMLAttributes, type HTMLAttributes, useCallback, useId, useMemo, useState } from 'react';
import { composeHandlers } from '../_lib/composeHandlers';
import { useAccord } from '../provider/AccordProvider';
import type { RegisteredAgreement } from '../provider/provider.types';

/** What a stage gate shows: the move is allowed, blocked by failing checks, or cannot be evaluated. */
export type StageGateState = 'allowed' | 'blocked' | 'error';

/** Options for {@link useStageGate}. */
export interface UseStageGateOptions {
  /** The written reason, for a backward move under the agreement's `allowWithReason` policy. */
  reason?: string;
  /** Derive the lead's current stage from these events instead of its `stageDates`. Keep the array stable. */
  events?: readonly StageEvent[];
  /** Whether the full list of checks starts expanded (uncontrolled). Default `false`. */
  defaultExpanded?: boolean;
  /** Controls the expanded state; pair it with `onExpandedChange`. */
  expanded?: boolean;
  /** Called with the new expanded state when the toggle is used. */
  onExpandedChange?: (expanded: boolean) => void;
}

/** What {@link useStageGate} returns: the verdict, its derived state, and prop getters for the markup. */
export interface UseStageGateResult<TStage extends string = string> {
  /** The core verdict, every check explained. */
  result: EvaluateTransitionResult<TStage>;
  /** `error` when the stage is not in the agreement; otherwise `allowed` or `blocked`. */
  state: StageGateState;
  /** The checks that failed, in evaluation order (empty when allowed). */
  failing: TransitionReason[];
  /** An accessible name for the gate, e.g. `"Move to SQL"`. */
  label: string;
  /** Display names (agreement labels) of the stages involved; `null` when there is none. */
  stageLabels: { from: string | null; to: string; outcome: string | null };
  /** Whether the full list of checks is shown. */
  expanded: boolean;
  setExpanded: (expanded: boolean) => void;
  /** Props for the root element: `role="group"`, its accessible name and `data-state`. Yours are merged in. */
  getRootProps: (props?: HTMLAttributes<HTMLElement>) => StageGateRootProps;
  /** Props for the native `<button>` that shows and hides every check (`aria-expanded`, `aria-controls`). */
  getToggleProps: (props?: ButtonHTMLAttributes<HTMLButtonElement>) => ButtonHTMLAttributes<HTMLButtonElement>;
  /** Props for the element holding every check: its `id`, and `hidden` while collapsed. */
  getDetailsProps: (props?: HTMLAttributes<HTMLElement>) => StageGateDetailsProps;
}

/** Root props from {@link UseStageGateResult.getRootProps}. */
export type StageGateRootProps = HTMLAttributes<HTMLElement> & { 'data-state': StageGateState };
/** Details props from {@link UseStageGateResult.getDetailsProps}. */
export type StageGateDetailsProps = HTMLAttributes<HTMLElement> & { 'data-expanded'?: '' };

/**
 * @name useStageGate
 * @category Hooks
 * @summary Answers "why is / isn't this lead allowed into this stage?" for custom markup.
 *
 * @description
 * Runs `evaluateTransition` from `@accord/core` with the provider's agreement and clock, memoised on the
 * lead, the stage, the agreement, the clock and the options, and derives the display state. An unknown
 * stage (possible from untyped callers) gives `state: 'error'`, never an exception.
 *
 * Stage ids are typed by the agreement registered through `Register` (module augmentation), or by an
 * explicit type argument: `useStageGate<typeof agreement>(lead, 'sql')`. Without either, any string is
 * accepted and checked at runtime.
 *
 * @param lead - The lead.
 * @param toStage - The stage the lead would move to.
 * @param options - `reason`, `events`, and the expanded state (`defaultExpanded`, `expanded`, `onExpandedChange`).
 * @returns {@link UseStageGateResult}.
 *
 * @example
 * const gate = useStageGate(lead, 'sql');
 * return (
 *   <div {...gate.getRootProps()}>
 *     <p data-state={gate.state}>{gate.state === 'allowed' ? 'Ready' : gate.failing[0]?.message}</p>
 *     <button {...gate.getToggleProps()}>All checks</button>
 *     <ul {...gate.getDetailsProps()}>{gate.result.reasons.map((r) => <li key={r.check}>{r.message}</li>)}</ul>
 *   </div>
 * );
 */
export function useStageGate<A extends Agreement = RegisteredAgreement>(
  lead: Lead,
  toStage: NoInfer<StageId<A>>,
  options: UseStageGateOptions = {},
): UseStageGateResult<StageId<A>> {
  const { agreement, now } = useAccord<A>();
  const { reason, events, defaultExpanded = false, expanded: controlled, onExpandedChange } = options;

  const result = useMemo(
    () => evaluateTransition(lead, toStage, agreement, { now: now(), reason, events }),
    [lead, toStage, agreement, now, reason, events],
  );
  const failing = useMemo(() => result.reasons.filter((r) => !r.passed), [result]);
  const state: StageGateState = result.move === 'unknown' ? 'error' : result.allowed ? 'allowed' : 'blocked';

  const stageLabels = useMemo(() => {
    const labelOf = (id: string | null) =>
      id === null ? null : (agreement.stages.find((s) => s.id === id)?.label ?? String(id));
    return { from: labelOf(result.from), to: labelOf(String(result.to)) ?? '', outcome: labelOf(result.outcome) };
  }, [agreement, result]);
  const label = `Move to ${stageLabels.to}`;

  const [uncontrolled, setUncontrolled] = useState(defaultExpanded);
  const expanded = controlled ?? uncontrolled;
  const setExpanded = useCallback(
    (next: boolean) => {
      if (controlled === undefined) setUncontrolled(next);
      onExpandedChange?.(next);
    },
    [controlled, onExpandedChange],
  );

  const id = useId();
  const toggleId = `${id}-toggle`;
  const detailsId = `${id}-details`;

  const getRootProps = (props?: HTMLAttributes<HTMLElement>): StageGateRootProps => ({
    role: 'group',
    'aria-label': label,
    ...props,
    'data-state': state,
  });

  const getToggleProps = (
    props?: ButtonHTMLAttributes<HTMLButtonElement>,
  ): ButtonHTMLAttributes<HTMLButtonElement> => ({
    type: 'button',
    id: toggleId,
    ...props,
    'aria-expanded': expanded,
    'aria-controls': detailsId,
    onClick: composeHandlers(props?.onClick, () => setExpanded(!expanded)),
  });

  const getDetailsProps = (props?: HTMLAttributes<HTMLElement>): StageGateDetailsProps => ({
    id: detailsId,
    'aria-labelledby': toggleId,
    ...props,
    hidden: !expanded,
    ...(expanded ? { 'data-expanded': '' as const } : {}),
  });

  return {
    result,
    state,
    failing,
    label,
    stageLabels,
    expanded,
    setExpanded,
    getRootProps,
    getToggleProps,
    getDetailsProps,
  };
}
