import { toEpochMs } from '../_lib/instant';
import type { Agreement, CalendarDefinition, StageKind } from '../agreement/agreement.types';
import { evaluateCriteria } from '../criteria/evaluateCriteria';
import { AccordError } from '../errors/AccordError';
import { evaluateLeadStandard } from '../lifecycle/evaluateLeadStandard';
import type { Activity, Lead } from '../records/records.types';
import { instantArg } from './_instantArg';
import { activeDeadline, activeMinutes, mergePauses, slaTime } from './_slaClock';
import type {
  ClockSla,
  ComputeSlaStatusOptions,
  LeadSla,
  SlaEscalation,
  SlaState,
  SlaStatus,
  SlaStopReason,
} from './sla.types';

const DEFAULT_WARN_AT = 0.75;

/** Entries into a stage, from events or stage dates, in time order. */
function entriesInto(lead: Lead, stage: string, options: ComputeSlaStatusOptions): number[] {
  if (options.events) {
    return options.events
      .filter((e) => e.leadId === lead.id && e.stage === stage)
      .map((e) => toEpochMs(e.at))
      .filter((t) => !Number.isNaN(t))
      .sort((a, b) => a - b);
  }
  const at = toEpochMs(lead.stageDates?.[stage]);
  return Number.isNaN(at) ? [] : [at];
}

/** The first entry into another stage after `since` (side or terminal stages only, when `onlyExits`). */
function firstStageChange(
  lead: Lead,
  startStage: string,
  since: number,
  options: ComputeSlaStatusOptions,
  onlyExits: boolean,
): number | null {
  const kinds = new Map<string, StageKind>((options.agreement?.stages ?? []).map((s) => [s.id, s.kind ?? 'open']));
  if (onlyExits && kinds.size === 0) return null;
  const counts = (stage: string) => stage !== startStage && (!onlyExits || (kinds.get(stage) ?? 'open') !== 'open');
  const times = options.events
    ? options.events.filter((e) => e.leadId === lead.id && counts(e.stage)).map((e) => toEpochMs(e.at))
    : Object.entries(lead.stageDates ?? {})
        .filter(([stage]) => counts(stage))
        .map(([, at]) => toEpochMs(at));
  let first: number | null = null;
  for (const t of times) if (!Number.isNaN(t) && t > since && (first === null || t < first)) first = t;
  return first;
}

/** The calendar a policy counts on for this lead, and its id in the agreement. */
function resolveCalendar(
  policy: LeadSla,
  lead: Lead,
  options: ComputeSlaStatusOptions,
): { calendar: CalendarDefinition; id: string | null } | undefined {
  if (options.calendar) return { calendar: options.calendar, id: null };
  const calendars = (options.agreement?.calendars ?? {}) as Record<string, CalendarDefinition>;
  const byId = (id: string | undefined) =>
    id !== undefined && Object.hasOwn(calendars, id)
      ? { calendar: calendars[id] as CalendarDefinition, id }
      : undefined;
  if (policy.calendarFrom === 'owner' && lead.ownerId !== undefined) {
    // The owner's membership in the lead's team first, then any pool they belong to.
    const pools = options.agreement?.routing?.pools ?? [];
    const ordered = [...pools.filter((p) => p.id === lead.teamId), ...pools.filter((p) => p.id !== lead.teamId)];
    for (const pool of ordered) {
      const member = pool.members.find((m) => m.userId === lead.ownerId);
      const calendar = byId(member?.calendar);
      if (calendar) return calendar;
    }
  }
  return byId(policy.calendar);
}

function emptyStatus(
  policy: LeadSla,
  lead: Lead,
  state: SlaState,
  targetMinutes: number,
  clock: SlaStatus['clock'],
): SlaStatus {
  return {
    slaId: policy.id,
    label: policy.label,
    side: policy.side,
    kind: policy.kind,
    leadId: lead.id,
    state,
    cycle: 0,
    clock,
    calendarId: null,
    targetMinutes,
    startedAt: null,
    dueAt: null,
    stoppedAt: null,
    stoppedBy: null,
    breachedAt: null,
    elapsedMinutes: 0,
    remainingMinutes: targetMinutes,
    pausedMinutes: 0,
    warnings: [],
    escalations: [],
    escalationsDue: [],
    currentEscalation: null,
  };
}

/** Marketing's clockless SLA: did the lead meet the lead standard when it was handed over? */
function leadStandardStatus(
  lead: Lead,
  policy: Extract<LeadSla, { kind: 'lead_standard' }>,
  options: ComputeSlaStatusOptions,
  now: number,
): SlaStatus {
  const status = emptyStatus(policy, lead, 'not_started', 0, 'calendar');
  const entries = entriesInto(lead, policy.at.stage, options).filter((t) => t <= now);
  const handoff = entries[entries.length - 1];
  if (handoff === undefined) return status;
  if (!options.agreement)
    throw new Error('[accord] computeSlaStatus: a lead_standard policy needs options.agreement (its lead standard).');
  const verdict = evaluateLeadStandard(lead, options.agreement, { now });
  return {
    ...status,
    state: verdict.passed ? 'met' : 'breached',
    cycle: entries.length,
    startedAt: handoff,
    dueAt: handoff,
    stoppedAt: handoff,
    stoppedBy: 'lead_standard',
    breachedAt: verdict.passed ? null : handoff,
  };
}

/**
 * @name computeSlaStatus
 * @category SLA
 * @summary Runs one SLA policy's clock on one lead: state, due time, warnings and escalations.
 *
 * @description
 * The clock starts when the lead (last) enters the policy's start stage; each entry is a cycle, so a
 * recycled lead that re-enters gets a fresh clock. It stops per kind: `first_touch` at the first
 * touch of an allowed type, a disposition (a rejection is handling too) or a move out of the stage;
 * `disposition` at a disposition or a move out of the stage; `touches` at the required number of
 * touches (or when the lead leaves the funnel). Known pauses and the policy's `pause` rule (true now
 * → paused now) stop time from counting; the due time moves accordingly. Targets count business
 * minutes on the policy's calendar or wall-clock minutes. A clock stopped after its due time, or
 * still open past it, is breached at the due time. Warnings fire at `warnAt` of the target;
 * escalation steps fall at due time + their minutes, and the ones reached while the clock is still
 * open are due now. With `calendarFrom: 'owner'` the clock runs on the owner's working hours (their
 * routing-pool calendar). A `lead_standard` policy is met or breached at the handoff.
 *
 * @param lead - The lead.
 * @param activities - Sales touches (other leads' activities are ignored).
 * @param policy - One clock policy of the agreement (or its lead-standard policy).
 * @param options - `now`; `calendar` or `agreement` for business clocks; `events` and `pauses` history.
 * @returns {@link SlaStatus}.
 *
 * @example
 * const [sla] = defaultAgreement.slas
 * computeSlaStatus(lead, activities, sla, { now, agreement: defaultAgreement })
 * //=> { state: 'breached', dueAt: …, breachedAt: …, currentEscalation: { action: 'notify_manager', … }, … }
 */
export function computeSlaStatus(
  lead: Lead,
  activities: readonly Activity[],
  policy: LeadSla,
  options: ComputeSlaStatusOptions,
): SlaStatus {
  const now = instantArg(options.now, 'now');
  if (policy.kind === 'lead_standard') return leadStandardStatus(lead, policy, options, now);
  if ((policy as { kind: string }).kind === 'acceptance_rate')
    throw new Error(
      '[accord] computeSlaStatus: acceptance_rate is a rate over many leads; use computeAcceptanceRates.',
    );
  const clockPolicy = policy as ClockSla;
  const resolved = clockPolicy.target.clock === 'business' ? resolveCalendar(clockPolicy, lead, options) : undefined;
  if (clockPolicy.target.clock === 'business' && resolved === undefined)
    throw AccordError.from([{ code: 'missing_calendar_for_clock', path: [], slaId: clockPolicy.id }]);
  const time = slaTime(clockPolicy.target.clock, resolved?.calendar);
  const target = clockPolicy.target.minutes;
  const base = {
    ...emptyStatus(clockPolicy, lead, 'not_started', target, clockPolicy.target.clock),
    calendarId: resolved?.id ?? null,
  };

  const entries = entriesInto(lead, clockPolicy.start.stage, options).filter((t) => t <= now);
  const startedAt = entries[entries.length - 1];
  if (startedAt === undefined) return base;

  // What stops the clock, per kind (only what happened since the start and by now).
  const types = 'activityTypes' in clockPolicy ? clockPolicy.activityTypes : undefined;
  const touchTimes = activities
    .filter((a) => a.leadId === lead.id && (!types || types.includes(a.type)))
    .map((a) => toEpochMs(a.at))
    .filter((t) => !Number.isNaN(t) && t >= startedAt && t <= now)
    .sort((a, b) => a - b);
  if (touchTimes.length === 0 && clockPolicy.kind === 'first_touch' && activities.every((a) => a.leadId !== lead.id)) {
    const first = toEpochMs(lead.firstTouchAt);
    if (!Number.isNaN(first) && first >= startedAt && first <= now) touchTimes.push(first);
  }
  const dispositionAt = toEpochMs(lead.disposition?.at);
  const disposed =
    !Number.isNaN(dispositionAt) && dispositionAt >= startedAt && dispositionAt <= now ? dispositionAt : null;
  const changed = firstStageChange(lead, clockPolicy.start.stage, startedAt, options, clockPolicy.kind === 'touches');
  const moved = changed !== null && changed <= now ? changed : null;

  const stops: [number, SlaStopReason][] = [];
  if (clockPolicy.kind === 'first_touch' && touchTimes[0] !== undefined) stops.push([touchTimes[0], 'touch']);
  if (clockPolicy.kind === 'touches') {
    const nth = touchTimes[clockPolicy.minTouches - 1];
    if (nth !== undefined) stops.push([nth, 'touches']);
  }
  if (clockPolicy.kind !== 'touches' && disposed !== null) stops.push([disposed, 'disposition']);
  if (moved !== null) stops.push([moved, 'stage_change']);
  stops.sort((a, b) => a[0] - b[0]);
  const stop = stops[0] ?? null;
  const endAt = stop ? stop[0] : now;

  // Pauses: the known history, plus "paused now" when the policy's pause rule holds on the lead.
  const known = (options.pauses ?? []).map((p): [number, number] => [
    instantArg(p.from, 'pauses.from'),
    p.to === undefined ? now : instantArg(p.to, 'pauses.to'),
  ]);
  const openPause = (options.pauses ?? []).some((p) => p.to === undefined);
  const ruleSaysPaused =
    clockPolicy.pause !== undefined && stop === null && evaluateCriteria(lead, clockPolicy.pause, { now }).passed;
  const pauses = mergePauses(known, startedAt, endAt);
  const pausedNow = stop === null && (openPause || ruleSaysPaused);

  const { active, paused } = activeMinutes(time, startedAt, endAt, pauses);
  const dueAt = activeDeadline(time, startedAt, target, pauses);
  const overdue = stop ? stop[0] > dueAt : now >= dueAt;
  let state: SlaState;
  if (stop) state = overdue ? 'breached' : 'met';
  else if (overdue) state = 'breached';
  else state = pausedNow ? 'paused' : 'running';
  const breachedAt = overdue ? dueAt : null;

  const warnAt = clockPolicy.warnAt ?? DEFAULT_WARN_AT;
  const warningAt = activeDeadline(time, startedAt, target * warnAt, pauses);
  const open = stop === null;
  const escalations: SlaEscalation[] = (clockPolicy.escalate ?? []).map((step, i) => {
    const at = time.add(dueAt, step.afterMinutes);
    const reached = overdue && at <= endAt;
    const escalation: SlaEscalation = { step: i + 1, action: step.action, at, reached };
    if (step.queue !== undefined) escalation.queue = step.queue;
    const to = recipient(step.action, step.queue, lead, options.agreement);
    if (to !== undefined) escalation.to = to;
    return escalation;
  });
  const escalationsDue = open ? escalations.filter((e) => e.reached) : [];
  const status: SlaStatus = {
    ...base,
    state,
    cycle: entries.length,
    startedAt,
    dueAt,
    stoppedAt: stop ? stop[0] : null,
    stoppedBy: stop ? stop[1] : null,
    breachedAt,
    elapsedMinutes: active,
    remainingMinutes: target - active,
    pausedMinutes: paused,
    warnings: [{ share: warnAt, at: warningAt, reached: warningAt <= endAt }],
    escalations,
    escalationsDue,
    currentEscalation: escalationsDue[escalationsDue.length - 1] ?? null,
  };
  if (clockPolicy.kind === 'touches') status.touches = { count: touchTimes.length, required: clockPolicy.minTouches };
  return status;
}

/** The owner, the team manager (from the routing pool named by the lead's team) or the queue. */
function recipient(
  action: SlaEscalation['action'],
  queue: string | undefined,
  lead: Lead,
  agreement: Agreement | undefined,
): string | undefined {
  switch (action) {
    case 'notify_owner':
      return lead.ownerId;
    case 'notify_manager':
      return agreement?.routing?.pools.find((p) => p.id === lead.teamId)?.managerId;
    case 'reroute':
      return queue ?? agreement?.routing?.fallbackQueue;
  }
}
