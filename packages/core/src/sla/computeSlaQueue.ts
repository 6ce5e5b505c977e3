import type { Agreement, CalendarDefinition, EscalationAction, SlaClock, Team } from '../agreement/agreement.types';
import type { Activity, Lead } from '../records/records.types';
import { instantArg } from './_instantArg';
import { evaluateLeadSlas } from './evaluateLeadSlas';
import { rankByNextBreach } from './rankByNextBreach';
import type { SlaStatus } from './sla.types';

/** One rung of an open clock's escalation ladder, placed in time. */
export interface SlaQueueEscalation {
  /** Position in the ladder, from 1. */
  step: number;
  action: EscalationAction;
  /** When the step falls due (epoch ms), on the SLA's clock after the due time. */
  at: number;
  /** Who it goes to: the owner, the team manager or the queue. */
  to?: string;
  queue?: string;
}

/**
 * One open SLA clock of a work queue with every instant a countdown needs, so a live view can tell the
 * state at any later instant by comparisons alone: warning from `warningAt`, breach from `dueAt`,
 * escalation steps from `escalations[].at`. Remaining business time is `calendar`'s business minutes
 * from the instant to `dueAt` (a paused clock keeps `remainingMinutes`).
 */
export interface SlaQueueEntry {
  /** `leadId:slaId`, unique in the queue. */
  key: string;
  leadId: string;
  slaId: string;
  /** The SLA's label from the agreement. */
  label: string;
  side: Team;
  /** `business` clocks count on `calendar`; `calendar` (wall-clock) clocks count every minute. */
  clock: SlaClock;
  /** The agreement calendar the clock counts on, and its id (null for wall-clock SLAs). */
  calendarId: string | null;
  calendar: CalendarDefinition | null;
  targetMinutes: number;
  startedAt: number;
  /** The first warning threshold (`null` when the SLA has none). */
  warningAt: number | null;
  /** For a paused clock: when it would be due if it resumed at `asOf`. */
  dueAt: number;
  /** True when the clock was paused at `asOf`; it stays paused until the records change. */
  paused: boolean;
  /** `targetMinutes - elapsed` at `asOf`, on the SLA's clock; negative when overdue. */
  remainingMinutes: number;
  escalations: SlaQueueEscalation[];
  /** Display fields of the lead. */
  lead: {
    /** A person's name from `attributes.name`/`firstName`+`lastName`, else the e-mail, else the id. */
    name: string;
    company: string | null;
    ownerId: string | null;
    source: string | null;
    segment: string | null;
  };
  /** Lower-cased name, company, e-mail and id, for free-text search. */
  searchText: string;
  /** The full clock from {@link evaluateLeadSlas} at `asOf`. */
  status: SlaStatus;
}

/** Options for {@link computeSlaQueue}. */
export interface ComputeSlaQueueOptions {
  /** The instant the clocks are evaluated at. Never read from the clock. */
  now: string | number | Date;
}

/** What {@link computeSlaQueue} returns. */
export interface ComputeSlaQueueResult {
  /** The instant the clocks were evaluated at, epoch ms. */
  asOf: number;
  /** Open clocks, overdue first, then soonest due ({@link rankByNextBreach}). */
  entries: SlaQueueEntry[];
  /** The SLAs with at least one open clock, in agreement order. */
  slas: { id: string; label: string; side: Team }[];
  /** Owner ids with at least one open clock, sorted. */
  owners: string[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

function leadName(lead: Lead): string {
  const a = lead.attributes ?? {};
  const full = [str(a['firstName']), str(a['lastName'])].filter(Boolean).join(' ');
  return str(a['name']) ?? (full !== '' ? full : undefined) ?? str(lead.email) ?? lead.id;
}

/** True while a clock can still breach, or is breached and not yet handled (as rankByNextBreach). */
const isOpen = (s: SlaStatus): boolean =>
  s.state === 'running' || s.state === 'paused' || (s.state === 'breached' && s.stoppedAt === null);

/**
 * @name computeSlaQueue
 * @category SLA
 * @summary Builds a rep's SLA work queue: every open clock, ranked by next breach, with its instants.
 *
 * @description
 * Evaluates every lead's SLAs ({@link evaluateLeadSlas}) at `now`, with the activities grouped by lead
 * once, keeps the open clocks (running, paused, or breached and not handled) and ranks them with
 * {@link rankByNextBreach}: overdue first, then soonest due. Each entry carries the instants a live
 * countdown compares the current time with (start, warning, due, escalation steps), the calendar its
 * remaining business time counts on, and the lead's display fields — so a view that ticks every second
 * never re-runs the SLA maths. Clocks that have not started, met clocks and lead-standard checks are
 * left out.
 *
 * @param leads - The leads.
 * @param activities - Every activity (grouped by lead here).
 * @param agreement - The agreement: its SLAs and calendars.
 * @param options - `now`.
 * @returns `{ asOf, entries, slas, owners }`.
 *
 * @example
 * const { entries } = computeSlaQueue(leads, activities, defaultAgreement, { now: '2026-03-10T15:00:00Z' })
 * entries[0] //=> the most overdue clock: { leadId, slaId, dueAt, warningAt, escalations, lead: { company, … } }
 */
export function computeSlaQueue(
  leads: readonly Lead[],
  activities: readonly Activity[],
  agreement: Agreement,
  options: ComputeSlaQueueOptions,
): ComputeSlaQueueResult {
  const asOf = instantArg(options.now, 'now');
  const byLead = new Map<string, Activity[]>();
  for (const a of activities) {
    const list = byLead.get(a.leadId);
    if (list) list.push(a);
    else byLead.set(a.leadId, [a]);
  }
  const none: Activity[] = [];
  const leadById = new Map<string, Lead>();
  const open: SlaStatus[] = [];
  for (const lead of leads) {
    leadById.set(lead.id, lead);
    const { statuses } = evaluateLeadSlas(lead, byLead.get(lead.id) ?? none, agreement, { now: asOf });
    for (const s of statuses) if (isOpen(s) && s.startedAt !== null && s.dueAt !== null) open.push(s);
  }
  const calendars = (agreement.calendars ?? {}) as Record<string, CalendarDefinition>;
  const slaIds = new Set<string>();
  const owners = new Set<string>();
  const entries = rankByNextBreach(open).map((s): SlaQueueEntry => {
    const lead = leadById.get(s.leadId) as Lead;
    const name = leadName(lead);
    slaIds.add(s.slaId);
    if (lead.ownerId !== undefined) owners.add(lead.ownerId);
    const calendar =
      s.clock === 'business' && s.calendarId !== null && Object.hasOwn(calendars, s.calendarId)
        ? (calendars[s.calendarId] as CalendarDefinition)
        : null;
    return {
      key: `${s.leadId}:${s.slaId}`,
      leadId: s.leadId,
      slaId: s.slaId,
      label: s.label,
      side: s.side,
      clock: s.clock,
      calendarId: calendar ? s.calendarId : null,
      calendar,
      targetMinutes: s.targetMinutes,
      startedAt: s.startedAt as number,
      warningAt: s.warnings[0]?.at ?? null,
      dueAt: s.dueAt as number,
      paused: s.state === 'paused',
      remainingMinutes: s.remainingMinutes,
      escalations: s.escalations.map((e) => {
        const step: SlaQueueEscalation = { step: e.step, action: e.action, at: e.at };
        if (e.to !== undefined) step.to = e.to;
        if (e.queue !== undefined) step.queue = e.queue;
        return step;
      }),
      lead: {
        name,
        company: lead.company ?? null,
        ownerId: lead.ownerId ?? null,
        source: lead.source ?? null,
        segment: lead.segment ?? null,
      },
      searchText: [name, lead.company, lead.email, lead.id].filter(Boolean).join('\n').toLowerCase(),
      status: s,
    };
  });
  const slas = (agreement.slas ?? [])
    .filter((s) => slaIds.has(s.id))
    .map((s) => ({ id: s.id, label: s.label, side: s.side }));
  return { asOf, entries, slas, owners: [...owners].sort() };
}
