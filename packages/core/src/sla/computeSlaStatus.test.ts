import { describe, expect, it } from 'vitest';
import type { Agreement, CalendarDefinition, FirstTouchSla } from '../agreement/agreement.types';
import { defaultAgreement } from '../agreement/defaultAgreement';
import { AccordError } from '../errors/AccordError';
import type { Activity, Lead } from '../records/records.types';
import { generateSample } from '../sample/generateSample';
import { computeSlaStatus } from './computeSlaStatus';
import { evaluateLeadSlas } from './evaluateLeadSlas';
import { isWithinBusinessHours } from './isWithinBusinessHours';
import type { LeadSla } from './sla.types';

const agreement = defaultAgreement as Agreement;
const sla = (id: string) => agreement.slas?.find((s) => s.id === id) as LeadSla;
const firstTouch = sla('mql_first_touch') as FirstTouchSla;
// New York is on EST (UTC−5) until 8 March 2026.
const est = (day: number, hhmm: string) => `2026-03-${String(day).padStart(2, '0')}T${hhmm}:00-05:00`;
const ms = (iso: string) => Date.parse(iso);

const lead: Lead = {
  id: 'L1',
  createdAt: est(2, '14:00'),
  ownerId: 'rep_ava',
  teamId: 'na_sales',
  email: 'kim@northwind.com',
  company: 'Northwind',
  country: 'US',
  source: 'events',
  attributes: { demoRequested: false },
  stageDates: { inquiry: est(2, '14:00'), mql: est(2, '15:30') },
};
const touch = (at: string, type = 'call'): Activity => ({ id: `A-${at}`, leadId: 'L1', type, at, by: 'rep_ava' });
const status = (overrides: Partial<Lead>, activities: Activity[], now: string, extra = {}) =>
  computeSlaStatus({ ...lead, ...overrides }, activities, firstTouch, { now, agreement, ...extra });

describe('computeSlaStatus', () => {
  it('runs a 1-business-day first-touch clock on the business calendar', () => {
    const s = status({}, [], est(3, '12:00'));
    expect(s).toMatchObject({ state: 'running', cycle: 1, clock: 'business', targetMinutes: 480 });
    expect(s.startedAt).toBe(ms(est(2, '15:30')));
    // Monday 15:30–17:00 is 90 minutes; the other 390 end Tuesday at 15:30.
    expect(s.dueAt).toBe(ms(est(3, '15:30')));
    expect(s.elapsedMinutes).toBe(90 + 180);
    expect(s.remainingMinutes).toBe(210);
    expect(s.warnings).toEqual([{ share: 0.75, at: ms(est(3, '13:30')), reached: false }]);
    expect(s.escalationsDue).toEqual([]);
  });

  it('warns at the agreed share of the target', () => {
    expect(status({}, [], est(3, '14:00')).warnings[0]?.reached).toBe(true);
  });

  it('is met when the first touch comes in time', () => {
    const s = status({}, [touch(est(3, '11:00'))], est(4, '12:00'));
    expect(s).toMatchObject({
      state: 'met',
      stoppedBy: 'touch',
      breachedAt: null,
      elapsedMinutes: 210,
      remainingMinutes: 270,
    });
    expect(s.stoppedAt).toBe(ms(est(3, '11:00')));
  });

  it('only counts the activity types the policy names', () => {
    const emailsOnly: FirstTouchSla = { ...firstTouch, activityTypes: ['email'] };
    const s = computeSlaStatus(lead, [touch(est(3, '11:00'), 'call')], emailsOnly, { now: est(3, '12:00'), agreement });
    expect(s.state).toBe('running');
  });

  it('breaches at the due time and escalates step by step, to the owner then the manager', () => {
    const early = status({}, [], est(4, '10:00'));
    expect(early.state).toBe('breached');
    expect(early.breachedAt).toBe(ms(est(3, '15:30')));
    expect(early.escalations.map((e) => [e.action, e.at, e.reached, e.to])).toEqual([
      ['notify_owner', ms(est(3, '15:30')), true, 'rep_ava'],
      ['notify_manager', ms(est(4, '11:30')), false, 'mgr_olivia'],
      ['reroute', ms(est(4, '15:30')), false, 'sdr_queue'],
    ]);
    expect(early.currentEscalation?.action).toBe('notify_owner');
    const later = status({}, [], est(4, '12:00'));
    expect(later.escalationsDue.map((e) => e.action)).toEqual(['notify_owner', 'notify_manager']);
    expect(later.currentEscalation).toMatchObject({ action: 'notify_manager', to: 'mgr_olivia' });
    expect(later.remainingMinutes).toBe(480 - (90 + 480 + 180));
  });

  it('stays breached after a late touch, with nothing left to escalate', () => {
    const s = status({}, [touch(est(4, '09:30'))], est(5, '12:00'));
    expect(s).toMatchObject({ state: 'breached', stoppedBy: 'touch', escalationsDue: [], currentEscalation: null });
    expect(s.breachedAt).toBe(ms(est(3, '15:30')));
  });

  it('stops on a disposition or on leaving the stage', () => {
    expect(status({ disposition: { reasonId: 'no_budget', at: est(3, '10:00') } }, [], est(5, '12:00'))).toMatchObject({
      state: 'met',
      stoppedBy: 'disposition',
    });
    expect(status({ stageDates: { ...lead.stageDates, sal: est(3, '10:30') } }, [], est(5, '12:00'))).toMatchObject({
      state: 'met',
      stoppedBy: 'stage_change',
    });
  });

  it('moves the due time by known pauses, and reports a running pause', () => {
    const paused = status({}, [], est(5, '12:00'), { pauses: [{ from: est(3, '09:00'), to: est(3, '11:00') }] });
    expect(paused.pausedMinutes).toBe(120);
    expect(paused.dueAt).toBe(ms(est(4, '09:30')));
    const open = status({}, [], est(3, '10:00'), { pauses: [{ from: est(3, '09:00') }] });
    expect(open).toMatchObject({ state: 'paused', pausedMinutes: 60, elapsedMinutes: 90 });
    // If it resumed now, the remaining 390 business minutes would end Tuesday 16:30.
    expect(open.dueAt).toBe(ms(est(3, '16:30')));
  });

  it('is paused while the policy’s pause rule holds', () => {
    const waiting: FirstTouchSla = {
      ...firstTouch,
      pause: { field: 'attributes.status', op: 'eq', value: 'waiting_on_prospect' },
    };
    const s = computeSlaStatus({ ...lead, attributes: { status: 'waiting_on_prospect' } }, [], waiting, {
      now: est(3, '10:00'),
      agreement,
    });
    expect(s.state).toBe('paused');
  });

  it('starts a new cycle when a recycled lead re-enters the start stage', () => {
    const events = [
      { leadId: 'L1', stage: 'mql', at: est(2, '15:30') },
      { leadId: 'L1', stage: 'recycled', at: est(3, '10:00') },
      { leadId: 'L1', stage: 'mql', at: est(16, '10:00') },
    ];
    const s = status({}, [touch(est(3, '09:30'))], est(16, '11:00'), { events });
    expect(s).toMatchObject({ state: 'running', cycle: 2, elapsedMinutes: 60 });
    expect(s.startedAt).toBe(ms(est(16, '10:00')));
  });

  it('counts wall-clock minutes for calendar-clock targets', () => {
    const wall: FirstTouchSla = { ...firstTouch, target: { minutes: 60, clock: 'calendar' }, calendar: undefined };
    const s = computeSlaStatus(lead, [], wall, { now: est(2, '16:00') });
    expect(s).toMatchObject({ state: 'running', elapsedMinutes: 30, remainingMinutes: 30 });
  });

  it('has not started before the lead enters the start stage', () => {
    expect(status({ stageDates: { inquiry: est(2, '14:00') } }, [], est(3, '12:00')).state).toBe('not_started');
    expect(status({}, [], est(2, '15:00')).state).toBe('not_started');
  });

  it('refuses a business-clock policy without a calendar', () => {
    expect(() => computeSlaStatus(lead, [], firstTouch, { now: est(3, '12:00') })).toThrow(AccordError);
  });

  it('checks the lead standard at handoff (marketing’s SLA)', () => {
    const policy = sla('lead_standard_at_handoff');
    expect(computeSlaStatus(lead, [], policy, { now: est(3, '12:00'), agreement }).state).toBe('met');
    const junk = computeSlaStatus({ ...lead, email: 'kim@gmail.com' }, [], policy, { now: est(3, '12:00'), agreement });
    expect(junk).toMatchObject({ state: 'breached', stoppedBy: 'lead_standard', side: 'marketing' });
    expect(junk.breachedAt).toBe(ms(est(2, '15:30')));
  });

  it('counts touches against a cadence policy', () => {
    const cadence = sla('mql_touches');
    const three = [touch(est(2, '16:00')), touch(est(3, '10:00')), touch(est(4, '10:00'))];
    const running = computeSlaStatus(lead, three, cadence, { now: est(5, '10:00'), agreement });
    expect(running).toMatchObject({ state: 'running', touches: { count: 3, required: 4 } });
    const met = computeSlaStatus(lead, [...three, touch(est(5, '09:30'))], cadence, {
      now: est(5, '10:00'),
      agreement,
    });
    expect(met).toMatchObject({ state: 'met', stoppedBy: 'touches' });
    const late = computeSlaStatus(lead, three, cadence, { now: est(30, '10:00'), agreement });
    expect(late.state).toBe('breached');
  });
});

describe('evaluateLeadSlas', () => {
  it('picks the demo-request policy over the general one and runs every applicable clock', () => {
    const demo = { ...lead, attributes: { demoRequested: true }, stageDates: { mql: est(2, '16:30') } };
    const { statuses, choices } = evaluateLeadSlas(demo, [], agreement, { now: est(3, '09:45') });
    expect(statuses.map((s) => s.slaId)).toEqual([
      'demo_request_first_touch',
      'mql_disposition',
      'mql_touches',
      'lead_standard_at_handoff',
    ]);
    const demoClock = statuses[0];
    // 30 minutes on Monday, 30 on Tuesday: due 09:30, breached by 09:45.
    expect(demoClock?.dueAt).toBe(ms(est(3, '09:30')));
    expect(demoClock?.state).toBe('breached');
    expect(choices.find((c) => c.slaId === 'mql_first_touch')).toMatchObject({
      chosen: false,
      reason: 'superseded',
      supersededBy: 'demo_request_first_touch',
    });
  });

  it('keeps its invariants on generated leads: due times in open hours, consistent states', () => {
    const sample = generateSample({ leads: 1500, seed: 11 });
    const byLead = new Map<string, Activity[]>();
    for (const a of sample.activities) byLead.set(a.leadId, [...(byLead.get(a.leadId) ?? []), a]);
    const now = Date.parse(sample.asOf);
    let clocks = 0;
    for (const l of sample.leads) {
      for (const s of evaluateLeadSlas(l, byLead.get(l.id) ?? [], agreement, { now }).statuses) {
        if (s.state === 'not_started' || s.dueAt === null || s.kind === 'lead_standard') continue;
        clocks++;
        expect(s.elapsedMinutes + s.remainingMinutes).toBeCloseTo(s.targetMinutes, 9);
        const cal = agreement.calendars?.[s.calendarId as string] as CalendarDefinition;
        expect(isWithinBusinessHours(s.dueAt, cal) || isWithinBusinessHours(s.dueAt - 1, cal)).toBe(true);
        if (s.state === 'met') expect(s.stoppedAt as number).toBeLessThanOrEqual(s.dueAt);
        if (s.state === 'breached') expect(s.breachedAt).toBe(s.dueAt);
        const times = s.escalations.map((e) => e.at);
        expect(times).toEqual([...times].sort((a, b) => a - b));
      }
    }
    expect(clocks).toBeGreaterThan(500);
  });
});

describe('calendarFrom: owner', () => {
  // Monday 2 March 2026, 13:00 UTC: 13:00 in London (open), 08:00 in New York (not yet).
  const emea: Lead = {
    ...lead,
    ownerId: 'rep_dara',
    teamId: 'emea_sales',
    stageDates: { mql: '2026-03-02T13:00:00Z' },
  };
  const now = '2026-03-02T15:00:00Z';

  it('runs an EMEA rep’s clock on London hours', () => {
    const s = computeSlaStatus(emea, [], firstTouch, { now, agreement });
    expect(s).toMatchObject({ calendarId: 'emea_business', elapsedMinutes: 120 });
    // 4 hours left on Monday, 4 more on Tuesday: due 13:00 London.
    expect(s.dueAt).toBe(Date.parse('2026-03-03T13:00:00Z'));
  });

  it('falls back to the policy’s calendar for an owner outside every pool', () => {
    const s = computeSlaStatus({ ...emea, ownerId: 'someone_else' }, [], firstTouch, { now, agreement });
    expect(s).toMatchObject({ calendarId: 'us_business', elapsedMinutes: 60 });
  });
});
