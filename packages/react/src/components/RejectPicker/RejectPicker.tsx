'use client';

import type { Lead } from '@accord/core';
import { type FormHTMLAttributes, forwardRef, type ReactNode, useId } from 'react';
import { cx } from '../../_lib/cx';
import { Icon } from '../../_lib/icons';
import {
  type UseDispositionPickerOptions,
  type UseDispositionPickerResult,
  useDispositionPicker,
} from '../../hooks/useDispositionPicker';

/** Props of {@link RejectPicker}. Other props go to the `<form>`. */
export interface RejectPickerProps
  extends Omit<FormHTMLAttributes<HTMLFormElement>, 'children' | 'onError'>,
    UseDispositionPickerOptions {
  /** The lead to reject. */
  lead: Lead;
  /** The submit button's text. Default `"Reject lead"`. */
  submitLabel?: ReactNode;
  /** The legend of the reasons. Default `"Reason"`. */
  legend?: ReactNode;
  /** Rendered after the buttons; a function receives the picker. */
  children?: ReactNode | ((picker: UseDispositionPickerResult) => ReactNode);
}

/** A readable name for the lead: its company, else its e-mail, else its id. */
function leadName(lead: Lead): string {
  return lead.company || lead.email || lead.id;
}

function statusText(picker: UseDispositionPickerResult): ReactNode {
  switch (picker.status) {
    case 'idle':
    case 'editing':
      return null;
    case 'invalid':
      return 'The lead was not rejected: fix the marked fields.';
    case 'submitting':
      return 'Rejecting the lead…';
    case 'error':
      return picker.canWrite ? (
        <>
          The rejection was not saved: <bdi>{picker.error?.message ?? 'the write failed.'}</bdi> Use Retry to send it
          again.
        </>
      ) : (
        <>
          This data source cannot record rejections: <bdi>{picker.error?.message}</bdi>
        </>
      );
    case 'success':
      return (
        <>
          Lead rejected: <bdi>{picker.selectedReason?.label ?? picker.submitted?.reason?.label}</bdi>.
        </>
      );
  }
}

const STATUS_ICON = { error: 'alert', success: 'check', invalid: 'cross' } as const;

/**
 * @name RejectPicker
 * @category Widgets
 * @summary A form to reject a lead with one of the agreement's reasons and its required detail.
 *
 * @description
 * A thin rendering of {@link useDispositionPicker}: a `<form>` named "Reject <lead>", a fieldset of
 * native radio buttons for the reasons that apply in the lead's stage (label and description; arrow
 * keys move between them), the picked reason's detail field (a text or date `<input>`, or a `<select>`
 * for a choice; "required" is written out), inline errors from the core's validation, the submit
 * button ("Reject lead", `aria-disabled` while the write is in flight), a Retry button after a
 * failed write, and the status in a polite live region. Enter in the detail field submits. Every
 * agreement and lead string is rendered as text inside `<bdi>`. Forwards its ref and DOM props to the
 * `<form>`; `data-state` carries the status. Class names: `accord-RejectPicker`, `-title`, `-empty`,
 * `-reasons`, `-legend`, `-reason`, `-radio`, `-reasonText`, `-reasonLabel`, `-reasonDescription`,
 * `-detail`, `-detailLabel`, `-required`, `-input`, `-error`, `-formErrors`, `-actions`, `-submit`,
 * `-retry`, `-status`, `-statusIcon`.
 *
 * @example
 * <RejectPicker lead={lead} by={currentUser.id} onSubmitted={(result) => runActions(result.actions)} />
 */
export const RejectPicker = forwardRef<HTMLFormElement, RejectPickerProps>(function RejectPicker(
  {
    lead,
    adapter,
    queryClient,
    reasons,
    includeInapplicable,
    by,
    events,
    defaultReasonId,
    onSubmitted,
    onError,
    submitLabel = 'Reject lead',
    legend = 'Reason',
    children,
    className,
    ...rest
  },
  ref,
) {
  const picker = useDispositionPicker(lead, {
    adapter,
    queryClient,
    reasons,
    includeInapplicable,
    by,
    events,
    defaultReasonId,
    onSubmitted,
    onError,
  });
  const { status, errors, detail } = picker;
  const titleId = useId();
  const naming = rest['aria-label'] || rest['aria-labelledby'] ? {} : { 'aria-labelledby': titleId };
  const text = statusText(picker);
  const icon = status in STATUS_ICON ? STATUS_ICON[status as keyof typeof STATUS_ICON] : null;

  return (
    <form
      ref={ref}
      {...picker.getFormProps({ ...naming, ...rest })}
      className={cx('accord-RejectPicker', className)}
      data-state={status}
    >
      <div className="accord-RejectPicker-title" id={titleId}>
        Reject <bdi>{leadName(lead)}</bdi>
      </div>
      {picker.reasons.length === 0 ? (
        <p className="accord-RejectPicker-empty">No reject reason applies to this lead in its current stage.</p>
      ) : (
        <fieldset
          {...picker.getRadioGroupProps({ className: 'accord-RejectPicker-reasons' })}
          data-state={errors.reasonId === null ? 'valid' : 'invalid'}
        >
          <legend {...picker.getLegendProps({ className: 'accord-RejectPicker-legend' })}>
            {legend} <span className="accord-RejectPicker-required">(required)</span>
          </legend>
          {errors.reasonId === null ? null : (
            <p {...picker.getErrorProps('reasonId', { className: 'accord-RejectPicker-error' })}>
              <Icon name="alert" className="accord-RejectPicker-errorIcon" />
              <bdi>{errors.reasonId}</bdi>
            </p>
          )}
          {picker.reasons.map((option) => (
            <div
              key={option.id}
              className="accord-RejectPicker-reason"
              data-state={picker.reasonId === option.id ? 'checked' : 'unchecked'}
            >
              <input {...picker.getReasonProps(option.id, { className: 'accord-RejectPicker-radio' })} />
              <div className="accord-RejectPicker-reasonText">
                {/* biome-ignore lint/a11y/noLabelWithoutControl: htmlFor comes from the prop getter. */}
                <label {...picker.getReasonLabelProps(option.id, { className: 'accord-RejectPicker-reasonLabel' })}>
                  <bdi>{option.label}</bdi>
                  {option.applicable ? null : ' (does not apply in this stage)'}
                </label>
                {option.description ? (
                  <div
                    {...picker.getReasonDescriptionProps(option.id, {
                      className: 'accord-RejectPicker-reasonDescription',
                    })}
                  >
                    <bdi>{option.description}</bdi>
                  </div>
                ) : null}
              </div>
            </div>
          ))}
        </fieldset>
      )}
      {detail === null ? null : (
        <div className="accord-RejectPicker-detail" data-state={detail.error === null ? 'valid' : 'invalid'}>
          {/* biome-ignore lint/a11y/noLabelWithoutControl: htmlFor comes from the prop getter. */}
          <label {...picker.getDetailLabelProps({ className: 'accord-RejectPicker-detailLabel' })}>
            <bdi>{detail.label}</bdi>{' '}
            <span className="accord-RejectPicker-required">{detail.required ? '(required)' : '(optional)'}</span>
          </label>
          {detail.kind === 'choice' ? (
            <select {...picker.getDetailProps({ className: 'accord-RejectPicker-input' })}>
              <option value="">Choose…</option>
              {detail.options.map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          ) : (
            <input {...picker.getDetailProps({ className: 'accord-RejectPicker-input' })} />
          )}
          {detail.error === null ? null : (
            <p {...picker.getErrorProps('detail', { className: 'accord-RejectPicker-error' })}>
              <Icon name="alert" className="accord-RejectPicker-errorIcon" />
              <bdi>{detail.error}</bdi>
            </p>
          )}
        </div>
      )}
      {errors.form.length === 0 ? null : (
        <ul {...picker.getErrorProps('form', { className: 'accord-RejectPicker-formErrors' })}>
          {errors.form.map((message) => (
            <li key={message} className="accord-RejectPicker-error">
              <bdi>{message}</bdi>
            </li>
          ))}
        </ul>
      )}
      <div className="accord-RejectPicker-actions">
        <button {...picker.getSubmitProps({ className: 'accord-RejectPicker-submit' })}>{submitLabel}</button>
        {status === 'error' && picker.canWrite ? (
          <button {...picker.getRetryProps({ className: 'accord-RejectPicker-retry' })}>Retry</button>
        ) : null}
      </div>
      <div {...picker.getStatusProps({ className: 'accord-RejectPicker-status' })} data-state={status}>
        {text === null ? null : (
          <>
            {icon === null ? null : <Icon name={icon} className="accord-RejectPicker-statusIcon" />}
            <span>{text}</span>
          </>
        )}
      </div>
      {children === undefined || children === null
        ? null
        : typeof children === 'function'
          ? children(picker)
          : children}
    </form>
  );
});
