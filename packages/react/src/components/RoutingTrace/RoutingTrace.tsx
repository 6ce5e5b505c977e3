'use client';

import type { Lead } from '@accord/core';
import { forwardRef, type HTMLAttributes, type ReactNode, useId } from 'react';
import { cx } from '../../_lib/cx';
import { Icon, type IconName } from '../../_lib/icons';
import {
  type RoutingTraceStep,
  type RoutingTraceStepState,
  type UseRoutingTraceOptions,
  type UseRoutingTraceResult,
  useRoutingTrace,
} from '../../hooks/useRoutingTrace';
import { CriteriaChecklist } from '../CriteriaChecklist/CriteriaChecklist';

/** Props of {@link RoutingTrace}. Other props go to the root `<div>`. */
export interface RoutingTraceProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'>, UseRoutingTraceOptions {
  /** The lead whose routing to explain. */
  lead: Lead;
  /** The visible title, which names the group. Default `"Why this owner"`. */
  heading?: ReactNode;
  /** Rendered last; a function receives the trace. */
  children?: ReactNode | ((trace: UseRoutingTraceResult) => ReactNode);
}

const STEP_ICON: Record<RoutingTraceStepState, IconName> = {
  matched: 'check',
  unmatched: 'cross',
  chosen: 'check',
  skipped: 'cross',
  levelled: 'chevron',
  fallback: 'alert',
};

function Summary({ trace }: { trace: UseRoutingTraceResult }): ReactNode {
  const { result, error, ruleLabel, poolLabel, state } = trace;
  if (result === null) return <>Routing could not run: {error?.message}</>;
  const who = result.assignee.type === 'user' ? 'user' : 'queue';
  return (
    <>
      Assigned to {who} <bdi className="accord-RoutingTrace-assignee">{result.assignee.id}</bdi>
      {ruleLabel === null ? (
        state === 'fallback' ? (
          ': no rule matched, so the lead went to the fallback queue.'
        ) : (
          '.'
        )
      ) : (
        <>
          {' '}
          by rule <bdi>{ruleLabel}</bdi>
          {poolLabel === null ? null : (
            <>
              {' '}
              from pool <bdi>{poolLabel}</bdi>
            </>
          )}
          {state === 'fallback' ? ', through the fallback queue.' : '.'}
        </>
      )}
    </>
  );
}

function Step({ step }: { step: RoutingTraceStep }): ReactNode {
  return (
    <li
      className="accord-RoutingTrace-step"
      data-state={step.state}
      data-step={step.kind}
      {...(step.decisive ? { 'data-decisive': '' } : {})}
    >
      <Icon name={STEP_ICON[step.state]} className="accord-RoutingTrace-stepIcon" />
      <div className="accord-RoutingTrace-stepBody">
        <div className="accord-RoutingTrace-stepHeader">
          <span className="accord-RoutingTrace-stepState">{step.stateLabel}</span>
          <span className="accord-VisuallyHidden">: </span>
          <bdi className="accord-RoutingTrace-stepTitle">{step.title}</bdi>
          {step.decisive ? <span className="accord-RoutingTrace-decisive"> (decided)</span> : null}
        </div>
        <div className="accord-RoutingTrace-stepMessage">
          <bdi>{step.message}</bdi>
        </div>
        {step.criteria && step.criteria.length > 0 ? <CriteriaChecklist reasons={step.criteria} /> : null}
      </div>
    </li>
  );
}

/**
 * @name RoutingTrace
 * @category Widgets
 * @summary Explains who routing assigns a lead to, and why: every rule tried, every member skipped, the fallback.
 *
 * @description
 * A thin rendering of {@link useRoutingTrace}: a `role="group"` named "Why this owner", a summary
 * sentence (assignee, deciding rule and pool), facts as a description list (assigned to, rule, pool,
 * current owner), and the ordered list of the core's steps — each with its state written out
 * ("Matched", "No match", "Skipped: off shift", "Chosen", "Fallback"), its subject, the core's message
 * and, for rules with conditions, the criteria checklist. `data-state` on the root is
 * `user|queue|fallback|error`, on each step `matched|unmatched|chosen|skipped|levelled|fallback`; the
 * deciding rule has `data-decisive`. Every CRM and agreement string is rendered as text inside `<bdi>`.
 * Class names: `accord-RoutingTrace`, `-title`, `-summary`, `-assignee`, `-facts`, `-fact`, `-steps`,
 * `-step`, `-stepIcon`, `-stepBody`, `-stepHeader`, `-stepState`, `-stepTitle`, `-decisive`, `-stepMessage`.
 *
 * @example
 * <RoutingTrace lead={lead} accounts={accounts} now={lead.createdAt} />
 */
export const RoutingTrace = forwardRef<HTMLDivElement, RoutingTraceProps>(function RoutingTrace(
  { lead, state, accounts, outOfOffice, now, heading = 'Why this owner', children, className, ...rest },
  ref,
) {
  const trace = useRoutingTrace(lead, { state, accounts, outOfOffice, now });
  const { result } = trace;
  const titleId = useId();
  const naming = rest['aria-label'] || rest['aria-labelledby'] ? {} : { 'aria-labelledby': titleId };

  return (
    <div ref={ref} {...trace.getRootProps({ ...naming, ...rest })} className={cx('accord-RoutingTrace', className)}>
      <div className="accord-RoutingTrace-title" id={titleId}>
        {heading}
      </div>
      <p className="accord-RoutingTrace-summary" data-state={trace.state}>
        <Summary trace={trace} />
      </p>
      {result === null ? null : (
        <dl className="accord-RoutingTrace-facts">
          <div className="accord-RoutingTrace-fact">
            <dt>Assigned to</dt>
            <dd>
              <bdi>{result.assignee.id}</bdi> ({result.assignee.type})
            </dd>
          </div>
          <div className="accord-RoutingTrace-fact">
            <dt>Rule</dt>
            <dd>{trace.ruleLabel === null ? 'None matched' : <bdi>{trace.ruleLabel}</bdi>}</dd>
          </div>
          {trace.poolLabel === null ? null : (
            <div className="accord-RoutingTrace-fact">
              <dt>Pool</dt>
              <dd>
                <bdi>{trace.poolLabel}</bdi>
              </dd>
            </div>
          )}
          {lead.ownerId === undefined ? null : (
            <div className="accord-RoutingTrace-fact" data-state={trace.matchesCurrentOwner ? 'same' : 'different'}>
              <dt>Current owner</dt>
              <dd>
                <bdi>{lead.ownerId}</bdi>
                {trace.matchesCurrentOwner ? ' (same as routing)' : ' (differs from routing)'}
              </dd>
            </div>
          )}
        </dl>
      )}
      {trace.steps.length === 0 ? null : (
        <ol className="accord-RoutingTrace-steps" aria-label="Routing steps">
          {trace.steps.map((step) => (
            <Step key={step.key} step={step} />
          ))}
        </ol>
      )}
      {children === undefined || children === null ? null : typeof children === 'function' ? children(trace) : children}
    </div>
  );
});
