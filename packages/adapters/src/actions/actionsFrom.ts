import type { ApplyDispositionResult, DispositionActionRequest, SlaEscalation, SlaStatus } from '@accord/core';
import { AdapterError } from '../contract/AdapterError';
import type { AccordAction, ActionKind } from './actions.types';

const ADAPTER = 'actions';
const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** Options shared by {@link actionsFromDisposition} and {@link actionsFromSlaStatuses}. */
export interface ActionsFromOptions {
  /** The lead's page in the host app (https; http only on loopback). Omitted: actions carry no `url`. */
  leadUrl?: (leadId: string) => string | undefined;
}

/** Options of {@link actionsFromDisposition}. */
export interface ActionsFromDispositionOptions extends ActionsFromOptions {
  /** When the disposition was made (epoch ms or ISO); default the `at` recorded on `result.lead.disposition`. */
  at?: number | string;
}

/**
 * @name actionsFromDisposition
 * @category Actions
 * @summary Turns `applyDisposition(...).actions` into AccordActions with stable keys and a readable why.
 *
 * @description
 * Key scheme: `disposition:<leadId>:<at>:<type>` where `at` is the disposition's instant in epoch ms
 * (from `result.lead.disposition.at`, or `options.at`). The same disposition always yields the same
 * keys, so re-running the runner on it never repeats a message. The title names the reason and the lead;
 * the body explains why (reason label and id, detail, the stage move, who decided). The request's own
 * fields (`program`, `fields`, `recycleAt`, `email`, …) are kept in `payload`. A result with `ok: false`
 * yields no actions. A missing `at` or a non-https `leadUrl` is an `invalid_record` / `invalid_option`
 * AdapterError naming the lead and field.
 *
 * @example
 * const result = applyDisposition(lead, { reasonId: 'competitor', detail: 'Acme', at }, agreement)
 * await runner.dispatch(actionsFromDisposition(result, { leadUrl: (id) => `https://crm.example.com/leads/${id}` }))
 */
export function actionsFromDisposition(
  result: ApplyDispositionResult,
  options: ActionsFromDispositionOptions = {},
): AccordAction[] {
  if (!result || typeof result !== 'object' || !Array.isArray(result.actions))
    throw new AdapterError(
      ADAPTER,
      'invalid_option',
      'actionsFromDisposition: "result" must be an applyDisposition result.',
    );
  if (!result.ok || result.actions.length === 0) return [];
  const disposition = result.lead?.disposition;
  const rawAt = options.at ?? disposition?.at;
  return result.actions.map((request, index) => {
    const leadId = request.leadId;
    if (typeof leadId !== 'string' || leadId === '')
      throw new AdapterError(ADAPTER, 'invalid_record', `Disposition action ${index}: missing "leadId".`);
    const at = toEpochMs(rawAt);
    if (at === undefined)
      throw new AdapterError(
        ADAPTER,
        'invalid_record',
        `Disposition of lead ${leadId}: field "disposition.at" is missing or not an instant (pass options.at).`,
      );
    const reasonLabel = result.reason?.label ?? request.reasonId;
    const { leadId: _lead, reasonId, type, ...rest } = request;
    const lines = [`Reason: ${reasonLabel} (${reasonId})`];
    const detail = disposition?.detail?.trim();
    if (detail) lines.push(`Detail: ${detail}`);
    if (result.from || result.to)
      lines.push(result.to ? `Stage: ${result.from ?? '—'} → ${result.to}` : `Stage: stays in ${result.from}`);
    if (disposition?.by) lines.push(`By: ${disposition.by}`);
    lines.push(describeRequest(request));
    const action: AccordAction = {
      key: `disposition:${leadId}:${at}:${type}`,
      kind: type as ActionKind,
      leadId,
      title: `${TITLES[type]} ${leadId}: ${reasonLabel}`,
      body: lines.join('\n'),
      payload: { reasonId, ...rest },
    };
    if (type === 'recycle' && request.recycleAt) action.dueAt = toEpochMs(request.recycleAt);
    const url = leadLink(options, leadId);
    if (url) action.url = url;
    return action;
  });
}

/**
 * @name actionsFromSlaStatuses
 * @category Actions
 * @summary Turns the escalation steps due on SLA clocks (`escalationsDue`) into AccordActions.
 *
 * @description
 * One action per due step. Key scheme: `sla:<leadId>:<slaId>:<cycle>:<step>`, so a step fires once per
 * clock cycle however often the statuses are evaluated (a recycled lead's new cycle escalates afresh).
 * `kind` is the step's action (`notify_owner`, `notify_manager`, `reroute`), `to` its recipient (the
 * owner, the manager or the queue). The title says what was breached for whom; the body gives the SLA
 * label, state, due and breach times (ISO, UTC) and the minutes overdue or remaining; `sla` carries the
 * clock for sinks that render it; `dueAt` is when the step fell due.
 *
 * @example
 * const { statuses } = evaluateLeadSlas(lead, agreement, { now })
 * await runner.dispatch(actionsFromSlaStatuses(statuses, { leadUrl }))
 */
export function actionsFromSlaStatuses(
  statuses: readonly SlaStatus[],
  options: ActionsFromOptions = {},
): AccordAction[] {
  if (!Array.isArray(statuses))
    throw new AdapterError(ADAPTER, 'invalid_option', 'actionsFromSlaStatuses: "statuses" must be an array.');
  const actions: AccordAction[] = [];
  statuses.forEach((status, index) => {
    if (!status || typeof status.leadId !== 'string' || status.leadId === '')
      throw new AdapterError(ADAPTER, 'invalid_record', `SLA status ${index}: missing "leadId".`);
    if (typeof status.slaId !== 'string' || status.slaId === '')
      throw new AdapterError(ADAPTER, 'invalid_record', `SLA status of lead ${status.leadId}: missing "slaId".`);
    for (const step of status.escalationsDue ?? []) actions.push(escalationAction(status, step, options));
  });
  return actions;
}

function escalationAction(status: SlaStatus, step: SlaEscalation, options: ActionsFromOptions): AccordAction {
  const { leadId, slaId, label, state } = status;
  const remaining = Math.round(status.remainingMinutes);
  const figures =
    remaining < 0 ? `${-remaining} min overdue` : remaining === 0 ? 'due now' : `${remaining} min remaining`;
  const lines = [
    `SLA: ${label} (${slaId}), cycle ${status.cycle}`,
    `State: ${state}, ${figures}`,
    `Due: ${iso(status.dueAt)}`,
    `Breached: ${iso(status.breachedAt)}`,
    `Escalation step ${step.step}: ${STEP_TEXT[step.action]}${step.to ? ` → ${step.to}` : ''}`,
  ];
  const action: AccordAction = {
    key: `sla:${leadId}:${slaId}:${status.cycle}:${step.step}`,
    kind: step.action,
    leadId,
    title: `${state === 'breached' ? 'Breached' : 'Escalated'}: ${label} for ${leadId}`,
    body: lines.join('\n'),
    dueAt: step.at,
    sla: {
      slaId,
      label,
      state,
      dueAt: status.dueAt,
      breachedAt: status.breachedAt,
      remainingMinutes: status.remainingMinutes,
    },
    payload: { step: step.step, at: step.at, cycle: status.cycle, ...(step.queue ? { queue: step.queue } : {}) },
  };
  if (step.to) action.to = step.to;
  const url = leadLink(options, leadId);
  if (url) action.url = url;
  return action;
}

const TITLES: Record<DispositionActionRequest['type'], string> = {
  nurture: 'Nurture',
  enrich: 'Enrich',
  reroute: 'Reroute',
  suppress: 'Suppress',
  recycle: 'Recycle',
  disqualify: 'Disqualified',
};

const STEP_TEXT: Record<SlaEscalation['action'], string> = {
  notify_owner: 'notify the owner',
  notify_manager: 'notify the manager',
  reroute: 'reroute the lead',
};

function describeRequest(request: DispositionActionRequest): string {
  switch (request.type) {
    case 'nurture':
      return `Action: add to nurture program ${request.program}`;
    case 'enrich':
      return `Action: enrich fields ${request.fields.join(', ')}`;
    case 'reroute':
      return `Action: reroute${request.fromOwnerId ? ` away from ${request.fromOwnerId}` : ''}${request.hint ? ` (${request.hint})` : ''}`;
    case 'suppress':
      return `Action: suppress ${[request.email, request.domain].filter(Boolean).join(' / ') || 'the lead'}`;
    case 'recycle':
      return `Action: recycle${request.recycleAt ? ` on ${request.recycleAt}` : ''}`;
    case 'disqualify':
      return 'Action: disqualify';
  }
}

function toEpochMs(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
  if (typeof value === 'string' && value !== '') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

function iso(ms: number | null): string {
  return ms === null ? '—' : new Date(ms).toISOString();
}

function leadLink(options: ActionsFromOptions, leadId: string): string | undefined {
  if (options.leadUrl === undefined) return undefined;
  if (typeof options.leadUrl !== 'function')
    throw new AdapterError(ADAPTER, 'invalid_option', 'Option "leadUrl" must be a function of the lead id.');
  const url = options.leadUrl(leadId);
  if (url === undefined) return undefined;
  let parsed: URL | undefined;
  try {
    parsed = typeof url === 'string' ? new URL(url) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!parsed || !(parsed.protocol === 'https:' || (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname))))
    throw new AdapterError(
      ADAPTER,
      'invalid_option',
      `Option "leadUrl" gave lead ${leadId} a link that is not an https URL.`,
    );
  return parsed.toString();
}
