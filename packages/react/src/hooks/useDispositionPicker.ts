'use client';

import {
  type AccordIssue,
  type ApplyDispositionResult,
  applyDisposition,
  type DispositionDetail,
  type DispositionReason,
  flattenIssues,
  type Lead,
  type StageEvent,
} from '@accord/core';
import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import {
  type ButtonHTMLAttributes,
  type ChangeEvent,
  type FieldsetHTMLAttributes,
  type FormEvent,
  type FormHTMLAttributes,
  type HTMLAttributes,
  type InputHTMLAttributes,
  type LabelHTMLAttributes,
  useCallback,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { composeHandlers } from '../_lib/composeHandlers';
import { canWriteDisposition, unsupportedDispositionError } from '../_lib/dispositionSupport';
import { useAccord, useAccordData } from '../provider/AccordProvider';
import type { AccordAdapter } from '../provider/adapter.types';
import { type DispositionMutationVariables, dispositionMutationOptions } from '../queries/dispositionMutationOptions';

/**
 * Where the picker is: nothing picked (`idle`), a reason picked (`editing`), a submit refused by
 * validation (`invalid`), the write in flight (`submitting`), the write failed or the adapter cannot
 * write (`error`), the disposition recorded (`success`).
 */
export type DispositionPickerStatus = 'idle' | 'editing' | 'invalid' | 'submitting' | 'error' | 'success';

/** One reason the picker offers. */
export interface DispositionReasonOption {
  id: string;
  label: string;
  description: string | undefined;
  /** The agreement's reason, untouched. */
  reason: DispositionReason;
  /** False when the reason does not apply in the lead's current stage (only listed with `includeInapplicable`). */
  applicable: boolean;
}

/** The detail field of the selected reason (which competitor? recycle when?), with its value and error. */
export interface DispositionDetailField {
  /** Always `"detail"` (the path the core reports its issues under). */
  name: 'detail';
  kind: DispositionDetail['kind'];
  label: string;
  required: boolean;
  /** For `choice`; empty otherwise. */
  options: readonly string[];
  value: string;
  /** The error to show, once a submit was tried; `null` otherwise. */
  error: string | null;
}

/** The error messages to show, per field (after a submit was tried). */
export interface DispositionPickerErrors {
  /** About the reason itself (none picked, not applicable, move not allowed). */
  reasonId: string | null;
  detail: string | null;
  /** Anything not tied to a field. */
  form: string[];
}

/** Options for {@link useDispositionPicker}. */
export interface UseDispositionPickerOptions {
  /** The adapter to write to. Default: the provider's. */
  adapter?: AccordAdapter;
  /** The QueryClient whose records cache is updated. Default: the provider's, then the host's. */
  queryClient?: QueryClient;
  /** Which of the agreement's reasons to offer: a list of ids (in the agreement's order), or a predicate. */
  reasons?: readonly string[] | ((reason: DispositionReason) => boolean);
  /** Also list reasons that do not apply in the lead's stage (picking one gives an error). Default `false`. */
  includeInapplicable?: boolean;
  /** Who records the disposition (the rep's user id), stored as `disposition.by`. */
  by?: string;
  /** Derive the lead's current stage from these events instead of its `stageDates`. Keep the array stable. */
  events?: readonly StageEvent[];
  /** The reason picked at first. */
  defaultReasonId?: string;
  /** Called once the adapter recorded the disposition, with the core's result (its `actions` to run). */
  onSubmitted?: (result: ApplyDispositionResult) => void;
  /** Called when the write fails. */
  onError?: (error: Error) => void;
}

type Props<T> = T & Record<`data-${string}`, string | undefined>;

/** Props for the detail `<input>` or `<select>` from {@link UseDispositionPickerResult.getDetailProps}. */
export interface DispositionDetailProps {
  id: string;
  name: string;
  value: string;
  /** `"text"` or `"date"`; absent for a `choice` (render a `<select>`). */
  type?: 'text' | 'date';
  required: boolean;
  'aria-required': boolean;
  'aria-invalid': boolean;
  'aria-describedby'?: string;
  className?: string;
  onChange: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => void;
}

/** What {@link useDispositionPicker} returns: form state, the write's state and prop getters. */
export interface UseDispositionPickerResult {
  status: DispositionPickerStatus;
  /** The reasons offered, in the agreement's order. */
  reasons: DispositionReasonOption[];
  /** The picked reason's id, or `null`. */
  reasonId: string | null;
  selectedReason: DispositionReasonOption | null;
  setReasonId: (reasonId: string | null) => void;
  /** The picked reason's detail field, or `null` when it takes none. */
  detail: DispositionDetailField | null;
  setDetail: (value: string) => void;
  /** The core's verdict on the current input (`null` until a reason is picked). */
  validation: ApplyDispositionResult | null;
  /** Messages to show (empty until a submit was tried). */
  errors: DispositionPickerErrors;
  /** False when the adapter cannot write dispositions. */
  canWrite: boolean;
  /** The write's error, or the adapter's "cannot write" error. */
  error: Error | null;
  /** The recorded disposition's result, after `success`. */
  submitted: ApplyDispositionResult | null;
  /** Validates and writes; ignored while a write is in flight. Returns false when nothing was sent. */
  submit: (event?: FormEvent) => boolean;
  /** Sends the last payload again after a failed write. */
  retry: () => void;
  /** Back to `idle`: clears the picked reason, the detail and the write's state. */
  reset: () => void;
  getFormProps: (props?: FormHTMLAttributes<HTMLFormElement>) => FormHTMLAttributes<HTMLFormElement>;
  /** The reasons' `<fieldset>`: `role="radiogroup"`, named by the legend, invalid state and error. */
  getRadioGroupProps: (
    props?: FieldsetHTMLAttributes<HTMLFieldSetElement>,
  ) => FieldsetHTMLAttributes<HTMLFieldSetElement> & { role: 'radiogroup' };
  getLegendProps: (props?: HTMLAttributes<HTMLLegendElement>) => HTMLAttributes<HTMLLegendElement>;
  /** A native radio `<input>` for one reason. */
  getReasonProps: (
    reasonId: string,
    props?: InputHTMLAttributes<HTMLInputElement>,
  ) => Props<InputHTMLAttributes<HTMLInputElement>>;
  getReasonLabelProps: (
    reasonId: string,
    props?: LabelHTMLAttributes<HTMLLabelElement>,
  ) => LabelHTMLAttributes<HTMLLabelElement>;
  getReasonDescriptionProps: (reasonId: string, props?: HTMLAttributes<HTMLElement>) => HTMLAttributes<HTMLElement>;
  getDetailProps: (props?: { className?: string }) => DispositionDetailProps;
  getDetailLabelProps: (props?: LabelHTMLAttributes<HTMLLabelElement>) => LabelHTMLAttributes<HTMLLabelElement>;
  /** The element holding a field's error message (its `id`, referenced by `aria-describedby`). */
  getErrorProps: (
    field: keyof DispositionPickerErrors,
    props?: HTMLAttributes<HTMLElement>,
  ) => HTMLAttributes<HTMLElement>;
  getSubmitProps: (props?: ButtonHTMLAttributes<HTMLButtonElement>) => ButtonHTMLAttributes<HTMLButtonElement>;
  getRetryProps: (props?: ButtonHTMLAttributes<HTMLButtonElement>) => ButtonHTMLAttributes<HTMLButtonElement>;
  /** The live region announcing the status. */
  getStatusProps: (props?: HTMLAttributes<HTMLElement>) => HTMLAttributes<HTMLElement>;
}

const NONE: DispositionPickerErrors = { reasonId: null, detail: null, form: [] };

function pickReasons(
  all: readonly DispositionReason[],
  filter: UseDispositionPickerOptions['reasons'],
): readonly DispositionReason[] {
  if (filter === undefined) return all;
  if (typeof filter === 'function') return all.filter(filter);
  return all.filter((r) => filter.includes(r.id));
}

function errorsOf(issues: readonly AccordIssue[]): DispositionPickerErrors {
  const { formErrors, fieldErrors } = flattenIssues(issues);
  const form = [...formErrors];
  for (const [key, messages] of Object.entries(fieldErrors))
    if (key !== 'reasonId' && key !== 'detail') form.push(...messages);
  return {
    reasonId: fieldErrors['reasonId']?.join(' ') ?? null,
    detail: fieldErrors['detail']?.join(' ') ?? null,
    form,
  };
}

/**
 * @name useDispositionPicker
 * @category Hooks
 * @summary Headless form state for rejecting (or recycling) a lead under the agreement's reasons, submitted as a mutation.
 *
 * @description
 * Lists the agreement's disposition reasons that apply in the lead's current stage (narrowed by the
 * `reasons` option), tracks the picked reason and its detail field (which competitor? recycle when?),
 * and validates through the core's `applyDisposition`: its issues become per-field messages (via
 * `flattenIssues`), shown once a submit was tried. A valid submit writes
 * `adapter.writeDisposition(lead.id, disposition)` with TanStack Query (see
 * `dispositionMutationOptions`): the lead's disposition is set in the records cache at once, restored
 * if the write fails, and every view of the adapter is refetched when it settles. A second submit
 * while one is in flight is ignored; `retry()` sends the failed payload again. An adapter whose
 * `capabilities.writeDisposition` is false puts the picker in `error` at once. The disposition's `at`
 * is the provider clock's instant at submit.
 *
 * @param lead - The lead to disposition.
 * @param options - `adapter`, `queryClient`, `reasons`, `includeInapplicable`, `by`, `events`, `defaultReasonId`, `onSubmitted`, `onError`.
 * @returns {@link UseDispositionPickerResult}.
 *
 * @example
 * const picker = useDispositionPicker(lead, { by: 'rep_ava' });
 * return (
 *   <form {...picker.getFormProps()}>
 *     <fieldset {...picker.getRadioGroupProps()}>
 *       <legend {...picker.getLegendProps()}>Reason</legend>
 *       {picker.reasons.map((r) => (
 *         <label key={r.id}><input {...picker.getReasonProps(r.id)} /> {r.label}</label>
 *       ))}
 *     </fieldset>
 *     {picker.detail ? <input {...picker.getDetailProps()} aria-label={picker.detail.label} /> : null}
 *     <button {...picker.getSubmitProps()}>Reject lead</button>
 *   </form>
 * );
 */
export function useDispositionPicker(
  lead: Lead,
  options: UseDispositionPickerOptions = {},
): UseDispositionPickerResult {
  const { agreement, now } = useAccord();
  const data = useAccordData('useDispositionPicker', options);
  const { adapter } = data;
  const queryClient = useQueryClient(data.queryClient);
  const { reasons: filter, includeInapplicable = false, by, events, defaultReasonId, onSubmitted, onError } = options;

  const canWrite = canWriteDisposition(adapter);
  const unsupported = useMemo(() => (canWrite ? null : unsupportedDispositionError(adapter)), [canWrite, adapter]);

  // Applicability comes from the core: a probe of each reason, keeping only its "not applicable" verdict.
  const reasons = useMemo<DispositionReasonOption[]>(() => {
    const at = now();
    return pickReasons(agreement.dispositions ?? [], filter)
      .map((reason) => {
        const probe = applyDisposition(lead, { reasonId: reason.id, at }, agreement, events ? { events } : {});
        return {
          id: reason.id,
          label: reason.label,
          description: reason.description,
          reason,
          applicable: !probe.issues.some((i) => i.code === 'reason_not_applicable'),
        };
      })
      .filter((r) => includeInapplicable || r.applicable);
  }, [agreement, filter, lead, events, includeInapplicable, now]);

  const [leadId, setLeadId] = useState(lead.id);
  const [reasonId, setReasonIdState] = useState<string | null>(defaultReasonId ?? null);
  const [detailValue, setDetailValue] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [submitted, setSubmitted] = useState<ApplyDispositionResult | null>(null);

  const mutation = useMutation(dispositionMutationOptions(adapter, queryClient), queryClient);
  const pending = useRef(false);
  const last = useRef<{ variables: DispositionMutationVariables; result: ApplyDispositionResult } | null>(null);

  // A new lead starts a new form.
  if (leadId !== lead.id) {
    setLeadId(lead.id);
    setReasonIdState(defaultReasonId ?? null);
    setDetailValue('');
    setAttempted(false);
    setSubmitted(null);
  }

  const selectedReason = reasons.find((r) => r.id === reasonId) ?? null;
  const input = useCallback(
    (at: number) => ({
      reasonId: reasonId ?? '',
      at: new Date(at).toISOString(),
      ...(detailValue.trim() !== '' ? { detail: detailValue } : {}),
      ...(by !== undefined ? { by } : {}),
    }),
    [reasonId, detailValue, by],
  );
  const validation = useMemo(
    () => (selectedReason === null ? null : applyDisposition(lead, input(now()), agreement, events ? { events } : {})),
    [selectedReason, lead, input, now, agreement, events],
  );

  const errors = useMemo<DispositionPickerErrors>(() => {
    if (!attempted) return NONE;
    if (selectedReason === null) return { reasonId: 'Choose a reason.', detail: null, form: [] };
    return validation === null || validation.ok ? NONE : errorsOf(validation.issues);
  }, [attempted, selectedReason, validation]);
  const hasErrors = errors.reasonId !== null || errors.detail !== null || errors.form.length > 0;

  const status: DispositionPickerStatus = !canWrite
    ? 'error'
    : mutation.isPending
      ? 'submitting'
      : mutation.isError
        ? 'error'
        : mutation.isSuccess && submitted !== null
          ? 'success'
          : hasErrors
            ? 'invalid'
            : selectedReason === null
              ? 'idle'
              : 'editing';

  const id = useId();
  const ids = {
    legend: `${id}-legend`,
    detail: `${id}-detail`,
    submit: `${id}-submit`,
    detailLabel: `${id}-detail-label`,
    error: (field: keyof DispositionPickerErrors) => `${id}-${field}-error`,
    reason: (reason: string) => `${id}-reason-${reasons.findIndex((r) => r.id === reason)}`,
    description: (reason: string) => `${id}-reason-${reasons.findIndex((r) => r.id === reason)}-description`,
  };

  /** Leaves `error` / `success` when the rep edits again. */
  const touch = () => {
    if (mutation.isError || mutation.isSuccess) {
      mutation.reset();
      setSubmitted(null);
    }
  };
  const setReasonId = (next: string | null) => {
    if (pending.current) return;
    touch();
    if (next !== reasonId) {
      setReasonIdState(next);
      setAttempted(false);
    }
  };
  const setDetail = (value: string) => {
    if (pending.current) return;
    touch();
    setDetailValue(value);
  };

  const send = (variables: DispositionMutationVariables, result: ApplyDispositionResult) => {
    pending.current = true;
    last.current = { variables, result };
    setSubmitted(null);
    mutation.mutate(variables, {
      onSuccess: () => {
        setSubmitted(result);
        onSubmitted?.(result);
      },
      onError: (error) => onError?.(error),
      onSettled: () => {
        pending.current = false;
      },
    });
  };

  const focusFirstInvalid = (fresh: DispositionPickerErrors) => {
    if (typeof document === 'undefined') return;
    const target =
      fresh.detail !== null && selectedReason?.reason.detail
        ? ids.detail
        : ids.reason(selectedReason?.id ?? reasons[0]?.id ?? '');
    document.getElementById(target)?.focus();
  };

  const submit = (event?: FormEvent): boolean => {
    event?.preventDefault();
    if (pending.current || mutation.isPending || !canWrite || reasons.length === 0) return false;
    // Already recorded: a new submit needs an edit first (no double write of the same disposition).
    if (mutation.isSuccess) return false;
    setAttempted(true);
    if (selectedReason === null) {
      focusFirstInvalid({ reasonId: 'Choose a reason.', detail: null, form: [] });
      return false;
    }
    const result = applyDisposition(lead, input(now()), agreement, events ? { events } : {});
    if (!result.ok || result.lead.disposition === undefined) {
      focusFirstInvalid(errorsOf(result.issues));
      return false;
    }
    send({ leadId: lead.id, disposition: result.lead.disposition }, result);
    return true;
  };

  const retry = () => {
    if (pending.current || mutation.isPending || !mutation.isError || last.current === null) return;
    send(last.current.variables, last.current.result);
  };

  const reset = () => {
    if (pending.current) return;
    mutation.reset();
    setReasonIdState(null);
    setDetailValue('');
    setAttempted(false);
    setSubmitted(null);
  };

  const busy = status === 'submitting';
  const submitBlocked = busy || status === 'success' || !canWrite || reasons.length === 0;

  const detail: DispositionDetailField | null = selectedReason?.reason.detail
    ? {
        name: 'detail',
        kind: selectedReason.reason.detail.kind,
        label: selectedReason.reason.detail.label,
        required: selectedReason.reason.detail.required,
        options: selectedReason.reason.detail.options ?? [],
        value: detailValue,
        error: errors.detail,
      }
    : null;

  const describedBy = (...parts: (string | false | null | undefined)[]) => parts.filter(Boolean).join(' ') || undefined;

  return {
    status,
    reasons,
    reasonId: selectedReason?.id ?? null,
    selectedReason,
    setReasonId,
    detail,
    setDetail,
    validation,
    errors,
    canWrite,
    error: unsupported ?? mutation.error,
    submitted: status === 'success' ? submitted : null,
    submit,
    retry,
    reset,
    getFormProps: (props) => ({
      noValidate: true,
      ...props,
      'aria-busy': busy || undefined,
      onSubmit: composeHandlers(props?.onSubmit, (event) => {
        submit(event);
      }),
    }),
    getRadioGroupProps: (props) => ({
      ...props,
      role: 'radiogroup',
      'aria-labelledby': ids.legend,
      'aria-required': true,
      'aria-invalid': errors.reasonId !== null || undefined,
      'aria-describedby': describedBy(props?.['aria-describedby'], errors.reasonId !== null && ids.error('reasonId')),
    }),
    getLegendProps: (props) => ({ ...props, id: ids.legend }),
    getReasonProps: (reason, props) => {
      const option = reasons.find((r) => r.id === reason);
      return {
        type: 'radio',
        name: `${id}-reason`,
        ...props,
        id: ids.reason(reason),
        value: reason,
        checked: reasonId === reason,
        'aria-describedby': describedBy(props?.['aria-describedby'], option?.description && ids.description(reason)),
        'data-state': reasonId === reason ? 'checked' : 'unchecked',
        onChange: composeHandlers(props?.onChange, () => setReasonId(reason)),
      };
    },
    getReasonLabelProps: (reason, props) => ({ ...props, htmlFor: ids.reason(reason) }),
    getReasonDescriptionProps: (reason, props) => ({ ...props, id: ids.description(reason) }),
    getDetailProps: (props) => {
      const error = errors.detail;
      return {
        ...props,
        id: ids.detail,
        name: 'detail',
        value: detailValue,
        ...(detail?.kind === 'choice' ? {} : { type: detail?.kind === 'date' ? 'date' : 'text' }),
        required: detail?.required ?? false,
        'aria-required': detail?.required ?? false,
        'aria-invalid': error !== null,
        ...(error !== null ? { 'aria-describedby': ids.error('detail') } : {}),
        onChange: (event) => setDetail(event.currentTarget.value),
      };
    },
    getDetailLabelProps: (props) => ({ ...props, id: ids.detailLabel, htmlFor: ids.detail }),
    getErrorProps: (field, props) => ({ ...props, id: ids.error(field) }),
    getSubmitProps: (props) => ({
      type: 'submit',
      id: ids.submit,
      ...props,
      'aria-disabled': submitBlocked || undefined,
      onClick: composeHandlers(props?.onClick, (event) => {
        if (submitBlocked) event.preventDefault();
      }),
    }),
    getRetryProps: (props) => ({
      type: 'button',
      ...props,
      'aria-disabled': busy || undefined,
      onClick: composeHandlers(props?.onClick, () => {
        // The Retry button goes away while the write runs: keep focus in the form, on the submit button.
        if (typeof document !== 'undefined') document.getElementById(ids.submit)?.focus();
        retry();
      }),
    }),
    getStatusProps: (props) => ({ role: 'status', 'aria-live': 'polite', 'aria-atomic': true, ...props }),
  };
}
