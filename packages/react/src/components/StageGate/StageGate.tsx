'use client';

import type { Lead, StageEvent, TransitionReason } from '@accord/core';
import { forwardRef, type HTMLAttributes, type ReactNode, useId } from 'react';
import { CHECK_NAMES, countChecks } from '../../_lib/checkNames';
import { cx } from '../../_lib/cx';
import { Icon } from '../../_lib/icons';
import { type StageGateState, type UseStageGateResult, useStageGate } from '../../hooks/useStageGate';
import type { RegisteredStageId } from '../../provider/provider.types';
import { CriteriaChecklist } from '../CriteriaChecklist/CriteriaChecklist';

/** Props of {@link StageGate}. Other props go to the root `<div>`. */
export interface StageGateProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** The lead to check. */
  lead: Lead;
  /** The stage it would move to (typed by the registered agreement). */
  toStage: RegisteredStageId;
  /** The written reason, for a backward move under the `allowWithReason` policy. */
  reason?: string;
  /** Derive the current stage from these events instead of the lead's `stageDates`. */
  events?: readonly StageEvent[];
  /** Whether every check starts expanded (uncontrolled). */
  defaultExpanded?: boolean;
  /** Controls the expanded state; pair it with `onExpandedChange`. */
  expanded?: boolean;
  onExpandedChange?: (expanded: boolean) => void;
  /** Rendered last inside the gate, e.g. the host's "Move" button; a function receives the gate. */
  children?: ReactNode | ((gate: UseStageGateResult) => ReactNode);
}

const STATUS: Record<StageGateState, { label: string; icon: 'check' | 'cross' | 'alert' }> = {
  allowed: { label: 'Allowed', icon: 'check' },
  blocked: { label: 'Blocked', icon: 'cross' },
  error: { label: 'Cannot check', icon: 'alert' },
};

function statusDetail(gate: UseStageGateResult): string {
  const { result, failing, state, stageLabels } = gate;
  const total = result.reasons.length;
  if (state === 'error') return failing[0]?.message ?? 'This move cannot be evaluated.';
  if (state === 'blocked') return `${failing.length} of ${countChecks(total)} failed`;
  const passes = total === 0 ? 'No checks apply' : total === 1 ? '1 check passed' : `All ${total} checks passed`;
  return result.outcome !== null && result.outcome !== result.to
    ? `${passes}; recorded as ${stageLabels.outcome}`
    : passes;
}

function CheckItem({ reason }: { reason: TransitionReason }): ReactNode {
  return (
    <li className="accord-StageGate-check" data-state={reason.passed ? 'passed' : 'failed'} data-check={reason.check}>
      <Icon name={reason.passed ? 'check' : 'cross'} className="accord-StageGate-checkIcon" />
      <div className="accord-StageGate-checkBody">
        <div className="accord-StageGate-checkName">
          <span className="accord-VisuallyHidden">{reason.passed ? 'passed: ' : 'failed: '}</span>
          {CHECK_NAMES[reason.check] ?? reason.check}
        </div>
        <div className="accord-StageGate-checkMessage">
          <bdi>{reason.message}</bdi>
        </div>
        {reason.criteria ? <CriteriaChecklist reasons={reason.criteria.reasons} /> : null}
      </div>
    </li>
  );
}

/**
 * @name StageGate
 * @category Widgets
 * @summary Shows whether a lead may move to a stage, which checks fail, and every check on demand.
 *
 * @description
 * A thin rendering of {@link useStageGate}: a `role="group"` region named "Move to <stage>" (no
 * heading, so it fits any page outline), a status line (`data-state="allowed|blocked|error"`), the
 * failing checks, and a native toggle button that shows every check, with the criteria checklist of
 * entry and exit criteria. Forwards its ref and DOM props to the root `<div>`. Every agreement and
 * lead string is rendered as text, inside `<bdi>` so it keeps its own direction on right-to-left
 * pages. Class names: `accord-StageGate`, `-header`, `-title`, `-from`, `-status`, `-badge`,
 * `-statusDetail`, `-failing`, `-failure`, `-toggle`, `-details`, `-checks`, `-check`, `-actions`.
 *
 * @example
 * <StageGate lead={lead} toStage="sql">
 *   {({ result }) => <button disabled={!result.allowed}>Move to SQL</button>}
 * </StageGate>
 */
export const StageGate = forwardRef<HTMLDivElement, StageGateProps>(function StageGate(
  { lead, toStage, reason, events, defaultExpanded, expanded, onExpandedChange, children, className, ...rest },
  ref,
) {
  const gate = useStageGate(lead, toStage, { reason, events, defaultExpanded, expanded, onExpandedChange });
  const { result, state, failing, stageLabels } = gate;
  const titleId = useId();
  const status = STATUS[state];
  const total = result.reasons.length;
  // The visible title names the group, unless the host named it.
  const naming = rest['aria-label'] || rest['aria-labelledby'] ? {} : { 'aria-labelledby': titleId };

  return (
    <div
      ref={ref}
      {...gate.getRootProps({ 'aria-label': undefined, ...naming, ...rest })}
      className={cx('accord-StageGate', className)}
    >
      <div className="accord-StageGate-header">
        <div className="accord-StageGate-title" id={titleId}>
          <bdi>{gate.label}</bdi>
        </div>
        <div className="accord-StageGate-from">
          <bdi>{stageLabels.from === null ? 'No current stage' : `Currently in ${stageLabels.from}`}</bdi>
        </div>
      </div>
      <div className="accord-StageGate-status" data-state={state} role="status">
        <span className="accord-StageGate-badge">
          <Icon name={status.icon} className="accord-StageGate-badgeIcon" />
          {status.label}
        </span>{' '}
        <bdi className="accord-StageGate-statusDetail">{statusDetail(gate)}</bdi>
      </div>
      {state === 'blocked' ? (
        <ul className="accord-StageGate-failing" aria-label="Failed checks">
          {failing.map((r) => (
            <li key={r.check} className="accord-StageGate-failure" data-check={r.check}>
              <Icon name="cross" className="accord-StageGate-failureIcon" />
              <span>
                <bdi>{r.message}</bdi>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {total > 0 ? (
        <>
          <button {...gate.getToggleProps({ className: 'accord-StageGate-toggle' })}>
            <Icon name="chevron" className="accord-StageGate-toggleIcon" />
            All checks ({total})
          </button>
          <div {...gate.getDetailsProps({ className: 'accord-StageGate-details' })}>
            <ul className="accord-StageGate-checks">
              {/* evaluateTransition makes each check at most once, so `check` is a unique key. */}
              {result.reasons.map((r) => (
                <CheckItem key={r.check} reason={r} />
              ))}
            </ul>
          </div>
        </>
      ) : null}
      {children === undefined || children === null ? null : (
        <div className="accord-StageGate-actions">{typeof children === 'function' ? children(gate) : children}</div>
      )}
    </div>
  );
});
