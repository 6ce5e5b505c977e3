'use client';

import type { Lead } from '@accord/core';
import { forwardRef, type HTMLAttributes, type ReactNode } from 'react';
import { cx } from '../../_lib/cx';
import { Icon } from '../../_lib/icons';
import { type UseFitScoreOptions, type UseFitScoreResult, useFitScore } from '../../hooks/useFitScore';

/** Props of {@link FitBadge}. Other props go to the root `<span>`. */
export interface FitBadgeProps extends Omit<HTMLAttributes<HTMLSpanElement>, 'children'>, UseFitScoreOptions {
  /** The lead to score. Not needed when `score` is given. */
  lead?: Lead;
  /** Rendered at the end of the explanation; a function receives the hook's result. */
  children?: ReactNode | ((fit: UseFitScoreResult) => ReactNode);
}

// Lists by role on spans (not <ul>/<li>), so the badge stays valid inside a host's <p> or <label>.
const list = (label: string) => ({ role: 'list', 'aria-label': label }) as const;
const ITEM = { role: 'listitem' } as const;

// Spans only (lists by role), so the badge may sit inside a host's <p>, <label> or table cell.
function Explanation({ fit }: { fit: UseFitScoreResult }): ReactNode {
  const { result, state, error } = fit;
  if (state === 'loading') return <span className="accord-FitBadge-note">Loading the lead&apos;s activity…</span>;
  if (state === 'error')
    return (
      <span className="accord-FitBadge-note">
        The lead could not be scored: <bdi>{error?.message ?? 'unknown error'}</bdi>
      </span>
    );
  if (state === 'unscored' || result === null)
    return (
      <span className="accord-FitBadge-note">
        The agreement defines no ideal customer profile, so leads have no fit score.
      </span>
    );
  return (
    <>
      <span className="accord-FitBadge-heading">
        <span className="accord-FitBadge-headingName">ICP fit</span>{' '}
        <span className="accord-FitBadge-headingValue">{fit.fitText}</span> of 100 ·{' '}
        {result.fit.tier === 'none' ? 'below every tier' : `tier ${result.fit.tier}`}
      </span>
      {fit.thresholdsText === null ? null : <span className="accord-FitBadge-note">Tiers: {fit.thresholdsText}</span>}
      {fit.criteria.length === 0 ? null : (
        <span {...list('ICP criteria')} className="accord-FitBadge-list">
          {fit.criteria.map((c) => (
            <span
              {...ITEM}
              key={c.criterionId}
              className="accord-FitBadge-item"
              data-state={c.matched ? 'matched' : 'unmatched'}
            >
              <Icon name={c.matched ? 'check' : 'cross'} className="accord-FitBadge-icon" />
              <span className="accord-FitBadge-itemBody">
                <span className="accord-FitBadge-itemHead">
                  <span className="accord-VisuallyHidden">{c.stateText}: </span>
                  <bdi className="accord-FitBadge-itemLabel">{c.label}</bdi>
                  <span className="accord-FitBadge-points">{c.pointsText}</span>
                </span>
                {c.detail === '' ? null : (
                  <bdi className="accord-FitBadge-detail" dir="auto">
                    {c.detail}
                  </bdi>
                )}
              </span>
            </span>
          ))}
        </span>
      )}
      <span className="accord-FitBadge-heading">
        <span className="accord-FitBadge-headingName">Engagement</span>{' '}
        <span className="accord-FitBadge-headingValue">{fit.engagementText}</span>
        {fit.uncappedText === null ? null : <> (capped; {fit.uncappedText} before the cap)</>}
      </span>
      {fit.signals.length === 0 ? (
        <span className="accord-FitBadge-note">The agreement defines no intent signals.</span>
      ) : (
        <span {...list('Intent signals')} className="accord-FitBadge-list">
          {fit.signals.map((s) => (
            <span
              {...ITEM}
              key={s.signalId}
              className="accord-FitBadge-item"
              data-state={s.events > 0 ? 'matched' : 'unmatched'}
            >
              <Icon name={s.events > 0 ? 'check' : 'cross'} className="accord-FitBadge-icon" />
              <span className="accord-FitBadge-itemBody">
                <span className="accord-FitBadge-itemHead">
                  <span className="accord-VisuallyHidden">{s.events > 0 ? 'Seen' : 'Not seen'}: </span>
                  <bdi className="accord-FitBadge-itemLabel">{s.label}</bdi>
                  <span className="accord-FitBadge-points">{s.pointsText}</span>
                </span>
                <bdi className="accord-FitBadge-detail" dir="auto">
                  {s.detail}
                </bdi>
              </span>
            </span>
          ))}
        </span>
      )}
    </>
  );
}

/**
 * @name FitBadge
 * @category Widgets
 * @summary A lead's ICP tier and fit score as a compact badge; focus or hover explains every point.
 *
 * @description
 * A thin rendering of {@link useFitScore}. The badge is a `<button>` showing the tier ("Tier A"…"Tier
 * C", "No tier") and the fit score (0–100); its accessible name (visually hidden text inside it, so
 * it always contains what is visible) adds "ICP fit" and the engagement score. Hovering
 * the badge or focusing it by keyboard opens the explanation, a `role="tooltip"` the button's
 * `aria-describedby` names: every ICP criterion, matched or not (an icon shape and the words
 * "Matched" / "Not matched", never colour alone), with its points and the rule's detail; the tier
 * thresholds; and the engagement score with each intent signal's decayed points. Escape, blur or
 * leaving closes it; a click toggles it (touch); nothing traps focus.
 *
 * Pass the `lead` (activities and touchpoints come from the props or the adapter) or a precomputed
 * `score`. `data-state` on the root is `loading|error|unscored|scored`, `data-tier` is
 * `A|B|C|none|unknown`; each criterion has `data-state="matched|unmatched"`. Labels and details are
 * text in `<bdi>`. Class names: `accord-FitBadge`, `-trigger`, `-tier`, `-score`, `-explanation`,
 * `-heading`, `-headingName`, `-headingValue`, `-note`, `-list`, `-item`, `-icon`, `-itemBody`,
 * `-itemHead`, `-itemLabel`, `-points`, `-detail`.
 *
 * @example
 * <FitBadge lead={lead} />
 * <FitBadge score={scoreLead(lead, activities, agreement, { now })} />
 */
export const FitBadge = forwardRef<HTMLSpanElement, FitBadgeProps>(function FitBadge(
  {
    lead,
    score,
    activities,
    touchpoints,
    now,
    agreement,
    adapter,
    queryClient,
    open,
    onOpenChange,
    children,
    className,
    ...rest
  },
  ref,
) {
  const fit = useFitScore(lead, {
    score,
    activities,
    touchpoints,
    now,
    agreement,
    adapter,
    queryClient,
    open,
    onOpenChange,
  });
  return (
    <span ref={ref} {...fit.getRootProps(rest)} className={cx('accord-FitBadge', className)}>
      <button
        {...fit.getTriggerProps({ className: 'accord-FitBadge-trigger' })}
        aria-busy={fit.state === 'loading' || undefined}
      >
        <span className="accord-VisuallyHidden">ICP fit: </span>
        <span className="accord-FitBadge-tier">{fit.tierText}</span>
        {fit.fitText === null ? null : (
          <>
            {' '}
            <span className="accord-FitBadge-score">{fit.fitText}</span>
            <span className="accord-VisuallyHidden"> of 100, engagement {fit.engagementText}</span>
          </>
        )}
      </button>
      <span {...fit.getExplanationProps({ className: 'accord-FitBadge-explanation' })}>
        <Explanation fit={fit} />
        {children === undefined || children === null ? null : typeof children === 'function' ? children(fit) : children}
      </span>
    </span>
  );
});
