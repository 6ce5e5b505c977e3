'use client';

import type { CriterionReason } from '@accord/core';
import { forwardRef, type HTMLAttributes, type ReactNode } from 'react';
import { cx } from '../../_lib/cx';
import { Icon } from '../../_lib/icons';

/** Props of {@link CriteriaChecklist}. Other props go to the `<ul>`. */
export interface CriteriaChecklistProps extends Omit<HTMLAttributes<HTMLUListElement>, 'children'> {
  /** The comparisons to list, as returned by `evaluateCriteria` (`result.reasons`). */
  reasons: readonly CriterionReason[];
  /** Shown when `reasons` is empty. Default `"No criteria to check."`. */
  emptyMessage?: ReactNode;
  /** Replaces the text of one item (the icon and the met / not met text stay). */
  renderReason?: (reason: CriterionReason, met: boolean) => ReactNode;
}

/** True when the comparison helps its rule pass (a failing comparison under a `not` helps). */
export function isCriterionMet(reason: CriterionReason): boolean {
  return reason.passed !== reason.negated;
}

/** Renders `message`, with the leading field path as `<code>` when the message starts with it. */
function Message({ reason }: { reason: CriterionReason }): ReactNode {
  const { field, message } = reason;
  if (!message.startsWith(`${field} `)) return message;
  return (
    <>
      <code className="accord-CriteriaChecklist-field">{field}</code>
      {message.slice(field.length)}
    </>
  );
}

/**
 * @name CriteriaChecklist
 * @category Widgets
 * @summary Lists every comparison of a rule, met or not, with the field and the value found.
 *
 * @description
 * Each item shows a ✓ or ✗ icon with visually hidden "met" / "not met" text, the criterion's label
 * (or its message when it has none), and the field with the lead's actual value. Every string is
 * rendered as text, inside `<bdi>` so CRM values keep their own direction on right-to-left pages.
 * Class names: `accord-CriteriaChecklist`, `-item` (`data-state="met|unmet"`), `-icon`, `-text`,
 * `-label`, `-detail`, `-field`, `-empty`.
 *
 * @example
 * const { reasons } = evaluateCriteria(lead, agreement.stages[1].entry, { now });
 * <CriteriaChecklist reasons={reasons} />
 */
export const CriteriaChecklist = forwardRef<HTMLUListElement, CriteriaChecklistProps>(function CriteriaChecklist(
  { reasons, emptyMessage = 'No criteria to check.', renderReason, className, ...rest },
  ref,
) {
  const metCount = reasons.filter(isCriterionMet).length;
  return (
    <ul
      ref={ref}
      className={cx('accord-CriteriaChecklist', className)}
      data-state={reasons.length === 0 ? 'empty' : metCount === reasons.length ? 'met' : 'unmet'}
      {...rest}
    >
      {reasons.length === 0 ? (
        <li className="accord-CriteriaChecklist-empty">{emptyMessage}</li>
      ) : (
        reasons.map((reason, index) => {
          const met = isCriterionMet(reason);
          return (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: reasons have no id (`at` repeats when several rules' reasons are listed together) and the list is never reordered.
              key={`${index}:${reason.at}`}
              className="accord-CriteriaChecklist-item"
              data-state={met ? 'met' : 'unmet'}
            >
              <Icon name={met ? 'check' : 'cross'} className="accord-CriteriaChecklist-icon" />
              <span className="accord-CriteriaChecklist-text">
                <span className="accord-VisuallyHidden">{met ? 'met: ' : 'not met: '}</span>
                {renderReason ? (
                  renderReason(reason, met)
                ) : reason.label ? (
                  <>
                    <span className="accord-CriteriaChecklist-label">
                      <bdi>{reason.label}</bdi>
                    </span>
                    <span className="accord-CriteriaChecklist-detail">
                      <bdi>
                        <Message reason={reason} />
                      </bdi>
                    </span>
                  </>
                ) : (
                  <span className="accord-CriteriaChecklist-label">
                    <bdi>
                      <Message reason={reason} />
                    </bdi>
                  </span>
                )}
              </span>
            </li>
          );
        })
      )}
    </ul>
  );
});
