import { isIsoDate, toEpochMs } from '../_lib/instant';
import type { Agreement, DispositionReason } from '../agreement/agreement.types';
import { finalizeIssues } from '../errors/errorMap';
import type { RawIssue } from '../errors/errors.types';
import { deriveLifecycle } from '../lifecycle/deriveLifecycle';
import { evaluateLeadStandard } from '../lifecycle/evaluateLeadStandard';
import { evaluateTransition } from '../lifecycle/evaluateTransition';
import type { Lead, StageEvent } from '../records/records.types';
import type { ApplyDispositionResult, DispositionActionRequest, DispositionInput } from './dispositions.types';

/** Where a reason sends the lead: its `toStage`, else the stage its action implies. */
function landingStage(reason: DispositionReason, agreement: Agreement): string | null {
  if (reason.toStage !== undefined) return reason.toStage;
  switch (reason.action) {
    case 'disqualify':
    case 'suppress':
      return agreement.stages.find((s) => s.kind === 'disqualified')?.id ?? null;
    case 'reroute':
      return null;
    default:
      return agreement.transitions.recycleTo ?? agreement.stages.find((s) => s.kind === 'recycled')?.id ?? null;
  }
}

function actionFor(
  reason: DispositionReason,
  lead: Lead,
  input: DispositionInput,
  agreement: Agreement,
): DispositionActionRequest {
  const base = { leadId: lead.id, reasonId: reason.id };
  const detail = input.detail?.trim() || null;
  switch (reason.action) {
    case 'nurture':
      return { ...base, type: 'nurture', program: reason.id };
    case 'enrich': {
      const missing = evaluateLeadStandard(lead, agreement).missing.map((m) => m.field);
      return { ...base, type: 'enrich', fields: [...new Set(['email', ...missing])] };
    }
    case 'reroute':
      return { ...base, type: 'reroute', fromOwnerId: lead.ownerId ?? null, hint: detail };
    case 'suppress': {
      const email = lead.email ?? null;
      return { ...base, type: 'suppress', email, domain: lead.domain ?? email?.split('@')[1] ?? null, detail };
    }
    case 'recycle':
      return { ...base, type: 'recycle', recycleAt: reason.detail?.kind === 'date' ? detail : null };
    case 'disqualify':
      return { ...base, type: 'disqualify', detail };
  }
}

/**
 * @name applyDisposition
 * @category Dispositions
 * @summary Records a rep's reject / recycle reason and says what must happen next.
 *
 * @description
 * Checks the reason against the agreement: it must exist, apply in the lead's current stage
 * (`appliesIn`), and come with its detail when the reason requires one (a `date` detail must be a
 * date after the disposition; a `choice` one of its options). Then it moves the lead to the
 * reason's stage (recycle stage, disqualified…) through the lifecycle policy — the move is explained
 * in `transition` — records the disposition on the lead, and returns the action to run with its
 * payload: nurture program, fields to enrich, reroute away from the owner, suppression of the
 * e-mail and domain, recycle date, disqualification. With any issue nothing changes.
 *
 * @param lead - The lead.
 * @param input - `{ reasonId, detail?, by?, at }`.
 * @param agreement - The agreement (its reason catalog and stages).
 * @param options - `events` to read the current stage from stage events instead of `stageDates`.
 * @returns {@link ApplyDispositionResult}.
 *
 * @example
 * const result = applyDisposition(lead, { reasonId: 'competitor', at: now }, defaultAgreement)
 * result.ok //=> false
 * result.issues[0].message //=> 'Reason "competitor" needs a detail: Which competitor?'
 */
export function applyDisposition(
  lead: Lead,
  input: DispositionInput,
  agreement: Agreement,
  options: { events?: readonly StageEvent[] } = {},
): ApplyDispositionResult {
  const raw: RawIssue[] = [];
  const life = deriveLifecycle(options.events ?? lead, agreement);
  const from = life.current;
  const fail = (reason: DispositionReason | null): ApplyDispositionResult => ({
    ok: false,
    issues: [...finalizeIssues(raw)],
    reason,
    from,
    to: null,
    lead,
    event: null,
    transition: null,
    actions: [],
  });
  const reasons = agreement.dispositions ?? [];
  const reason = reasons.find((r) => r.id === input.reasonId) ?? null;
  if (!reason) {
    raw.push({ code: 'unknown_reason', path: ['reasonId'], reasonId: input.reasonId, known: reasons.map((r) => r.id) });
    return fail(null);
  }
  const at = toEpochMs(input.at);
  if (Number.isNaN(at)) raw.push({ code: 'invalid_instant', path: ['at'], received: String(input.at) });
  const allowed = reason.appliesIn ?? agreement.stages.filter((s) => (s.kind ?? 'open') === 'open').map((s) => s.id);
  if (from === null || !allowed.includes(from))
    raw.push({ code: 'reason_not_applicable', path: ['reasonId'], reasonId: reason.id, stageId: from, allowed });
  const detail = input.detail?.trim() ?? '';
  if (reason.detail) {
    if (detail === '') {
      if (reason.detail.required)
        raw.push({ code: 'detail_required', path: ['detail'], reasonId: reason.id, label: reason.detail.label });
    } else if (reason.detail.kind === 'date') {
      const day = new Date(at).toISOString().slice(0, 10);
      if (!isIsoDate(detail))
        raw.push({ code: 'invalid_detail', path: ['detail'], reasonId: reason.id, expected: 'a date as YYYY-MM-DD' });
      else if (!Number.isNaN(at) && detail <= day)
        raw.push({
          code: 'invalid_detail',
          path: ['detail'],
          reasonId: reason.id,
          expected: `a date after the disposition (${day})`,
        });
    } else if (reason.detail.kind === 'choice' && !(reason.detail.options ?? []).includes(detail)) {
      raw.push({
        code: 'invalid_detail',
        path: ['detail'],
        reasonId: reason.id,
        expected: `one of ${(reason.detail.options ?? []).map((o) => JSON.stringify(o)).join(', ')}`,
      });
    } else if (detail.length > 4096) {
      raw.push({ code: 'invalid_detail', path: ['detail'], reasonId: reason.id, expected: 'at most 4,096 characters' });
    }
  }
  if (raw.length > 0) return fail(reason);

  const to = landingStage(reason, agreement);
  const disposition: NonNullable<Lead['disposition']> = { reasonId: reason.id, at: input.at };
  if (input.by !== undefined) disposition.by = input.by;
  if (detail !== '') disposition.detail = detail;
  const recorded: Lead = { ...lead, disposition };
  let transition: ApplyDispositionResult['transition'] = null;
  let event: StageEvent | null = null;
  let updated = recorded;
  if (to !== null) {
    transition = evaluateTransition(recorded, to as never, agreement, {
      now: input.at,
      ...(options.events ? { events: options.events } : {}),
    });
    if (!transition.allowed) {
      const why = transition.reasons
        .filter((r) => !r.passed)
        .map((r) => r.message)
        .join(' ');
      raw.push({ code: 'transition_not_allowed', path: ['reasonId'], from, to, detail: why });
      return fail(reason);
    }
    const landing = transition.outcome ?? to;
    event = {
      leadId: lead.id,
      stage: landing,
      at: input.at,
      ...(input.by !== undefined ? { by: input.by } : {}),
      reason: reason.id,
    };
    updated = { ...recorded, stageDates: { ...lead.stageDates, [landing]: input.at } };
  }
  return {
    ok: true,
    issues: [],
    reason,
    from,
    to: event?.stage ?? null,
    lead: updated,
    event,
    transition,
    actions: [actionFor(reason, lead, input, agreement)],
  };
}
