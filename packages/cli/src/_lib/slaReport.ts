import {
  type AcceptanceRatePeriod,
  type AcceptanceRateSla,
  type Activity,
  type Agreement,
  computeAcceptanceRates,
  evaluateLeadSlas,
  type Lead,
  rankByNextBreach,
  type SlaStatus,
  type StageEvent,
  type SummarizeSlasResult,
  summarizeSlas,
} from '@accord/core';
import { type Column, formatCount, formatRate, renderTable } from './table';

/** Every SLA clock of a set of leads, ranked, with breach rates and marketing's acceptance floor. */
export interface SlaReport {
  now: number;
  timezone: string;
  leads: number;
  /** Open clocks (running, paused, or breached and not yet handled), next breach first. */
  open: SlaStatus[];
  summary: SummarizeSlasResult;
  acceptance: { slaId: string; label: string; min: number; periods: AcceptanceRatePeriod[] }[];
}

/** Runs every applicable SLA on every lead (activities and stage events grouped by lead once). */
export function buildSlaReport(
  leads: readonly Lead[],
  activities: readonly Activity[],
  agreement: Agreement,
  now: number,
  events?: readonly StageEvent[],
): SlaReport {
  const activitiesByLead = groupBy(activities, (a) => a.leadId);
  const eventsByLead = events ? groupBy(events, (e) => e.leadId) : undefined;
  const all: SlaStatus[] = [];
  for (const lead of leads) {
    const leadEvents = eventsByLead?.get(lead.id);
    const { statuses } = evaluateLeadSlas(lead, activitiesByLead.get(lead.id) ?? [], agreement, {
      now,
      ...(leadEvents ? { events: leadEvents } : {}),
    });
    all.push(...statuses);
  }
  const ranked = rankByNextBreach(all);
  const open = ranked.filter(
    (s) => s.stoppedAt === null && (s.state === 'running' || s.state === 'paused' || s.state === 'breached'),
  );
  const acceptance = (agreement.slas ?? [])
    .filter((s): s is AcceptanceRateSla => s.kind === 'acceptance_rate')
    .map((s) => ({
      slaId: s.id,
      label: s.label,
      min: s.min,
      periods: computeAcceptanceRates(leads, s, agreement, { now }),
    }));
  return { now, timezone: agreement.timezone, leads: leads.length, open, summary: summarizeSlas(all), acceptance };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** `Tue 03 Mar 15:30` in the agreement's time zone. */
export function localTime(ms: number | null, timeZone: string): string {
  if (ms === null) return '—';
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: '2-digit',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(ms)
    .replace(',', '');
}

/** `3h 20m`, `-1h 05m` — minutes on the SLA's clock. */
export function formatMinutes(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  const total = Math.round(Math.abs(minutes));
  return `${sign}${Math.floor(total / 60)}h ${String(total % 60).padStart(2, '0')}m`;
}

/** The ranked queue as a table: lead, SLA, owner, state, due, remaining, escalation due now. */
export function renderQueue(
  statuses: readonly SlaStatus[],
  leadsById: ReadonlyMap<string, Lead>,
  timeZone: string,
): string {
  const columns: Column<SlaStatus>[] = [
    { header: 'lead', value: (s) => s.leadId },
    { header: 'SLA', value: (s) => s.slaId },
    { header: 'owner', value: (s) => leadsById.get(s.leadId)?.ownerId ?? '—' },
    {
      header: 'state',
      value: (s) => (s.state === 'running' && s.warnings.some((w) => w.reached) ? 'warning' : s.state),
    },
    { header: `due (${timeZone})`, value: (s) => localTime(s.dueAt, timeZone) },
    {
      header: 'remaining',
      align: 'right',
      value: (s) => `${formatMinutes(s.remainingMinutes)}${s.clock === 'business' ? ' b' : ''}`,
    },
    {
      header: 'escalation due',
      value: (s) =>
        s.currentEscalation
          ? `${s.currentEscalation.action}${s.currentEscalation.to ? ` → ${s.currentEscalation.to}` : ''}`
          : '',
    },
  ];
  return renderTable(statuses, columns);
}

/** Breach rates per side and per SLA. */
export function renderBreachRates(summary: SummarizeSlasResult): string {
  const rows = [
    ...(['sales', 'marketing'] as const).map((side) => ({ name: `${side} (all)`, ...summary.bySide[side] })),
    ...summary.bySla.map((r) => ({ name: `  ${r.slaId}`, ...r.tally })),
  ];
  return renderTable(rows, [
    { header: 'side / SLA', value: (r) => r.name },
    { header: 'clocks', align: 'right', value: (r) => formatCount(r.started) },
    { header: 'met', align: 'right', value: (r) => formatCount(r.met) },
    { header: 'breached', align: 'right', value: (r) => formatCount(r.breached) },
    { header: 'open', align: 'right', value: (r) => formatCount(r.open) },
    { header: 'breach rate', align: 'right', value: (r) => formatRate(r.breachRate) },
  ]);
}

/** Marketing's acceptance floor, per period. */
export function renderAcceptance(acceptance: SlaReport['acceptance']): string {
  return acceptance
    .map((a) =>
      [
        `${a.label} (floor ${formatRate(a.min)})`,
        renderTable(a.periods, [
          { header: 'period', value: (p) => p.period },
          { header: 'handed over', align: 'right', value: (p) => formatCount(p.handedOver) },
          { header: 'accepted', align: 'right', value: (p) => formatCount(p.accepted) },
          { header: 'rate', align: 'right', value: (p) => formatRate(p.rate) },
          {
            header: 'status',
            value: (p) => (p.met === null ? (p.complete ? '' : 'in progress') : p.met ? '✓ met' : '✗ below floor'),
          },
        ]),
      ].join('\n'),
    )
    .join('\n\n');
}
