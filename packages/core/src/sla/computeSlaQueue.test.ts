import { describe, expect, it } from 'vitest';
import type { Agreement, CalendarDefinition } from '../agreement/agreement.types';
import { defaultAgreement } from '../agreement/defaultAgreement';
import type { Lead } from '../records/records.types';
import { generateSample } from '../sample/generateSample';
import { businessMinutesBetween } from './businessMinutesBetween';
import { computeSlaQueue } from './computeSlaQueue';
import { evaluateLeadSlas } from './evaluateLeadSlas';
import { rankByNextBreach } from './rankByNextBreach';

const agreement = defaultAgreement as Agreement;
const sample = generateSample({ leads: 400, seed: 7 });
const now = Date.parse(sample.asOf);

// Friday 9 January 2026, 16:30 in New York (EST, UTC−5): a demo request enters MQL half an hour before closing.
const friday: Lead = {
  id: 'L-fri',
  createdAt: '2026-01-09T21:00:00Z',
  company: 'Northwind',
  email: 'kim@northwind.com',
  attributes: { demoRequested: true, firstName: 'Kim', lastName: 'Lee' },
  stageDates: { inquiry: '2026-01-09T21:00:00Z', mql: '2026-01-09T21:30:00Z' },
};

describe('computeSlaQueue', () => {
  it('ranks the open clocks exactly as rankByNextBreach does over the same statuses', () => {
    const { entries } = computeSlaQueue(sample.leads, sample.activities, agreement, { now });
    const statuses = sample.leads.flatMap(
      (lead) =>
        evaluateLeadSlas(
          lead,
          sample.activities.filter((a) => a.leadId === lead.id),
          agreement,
          { now },
        ).statuses,
    );
    const open = rankByNextBreach(statuses).filter(
      (s) => s.state === 'running' || s.state === 'paused' || (s.state === 'breached' && s.stoppedAt === null),
    );
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.map((e) => e.key)).toEqual(open.map((s) => `${s.leadId}:${s.slaId}`));
  });

  it('keeps only open clocks, with a due time after the start and a warning before the due time', () => {
    const { entries } = computeSlaQueue(sample.leads, sample.activities, agreement, { now });
    for (const e of entries) {
      expect(['running', 'paused', 'breached']).toContain(e.status.state);
      expect(e.status.stoppedAt).toBeNull();
      expect(e.dueAt).toBeGreaterThan(e.startedAt);
      if (e.warningAt !== null) expect(e.warningAt).toBeLessThanOrEqual(e.dueAt);
      for (const step of e.escalations) expect(step.at).toBeGreaterThanOrEqual(e.dueAt);
    }
  });

  it('precomputes instants that give the remaining business time at any later instant', () => {
    const { entries, asOf } = computeSlaQueue([friday], [], agreement, { now: '2026-01-10T17:00:00Z' });
    const demo = entries.find((e) => e.slaId === 'demo_request_first_touch');
    expect(asOf).toBe(Date.parse('2026-01-10T17:00:00Z'));
    expect(demo?.calendarId).toBe('us_business');
    expect(new Date(demo?.dueAt ?? 0).toISOString()).toBe('2026-01-12T14:30:00.000Z');
    expect(new Date(demo?.warningAt ?? 0).toISOString()).toBe('2026-01-09T22:00:00.000Z');
    // Saturday noon: 30 business minutes left, although Monday 09:30 is almost two days away.
    expect(businessMinutesBetween(asOf, demo?.dueAt ?? 0, demo?.calendar as CalendarDefinition)).toBe(30);
    expect(demo?.remainingMinutes).toBe(30);
    expect(demo?.escalations.map((s) => [s.step, s.action, s.to])).toEqual([
      [1, 'notify_owner', undefined],
      [2, 'notify_manager', undefined],
      [3, 'reroute', 'sdr_queue'],
    ]);
  });

  it('carries the lead display fields and a lower-cased search text', () => {
    const { entries } = computeSlaQueue(
      [{ ...friday, ownerId: 'rep_ava', source: 'events', segment: 'smb' }],
      [],
      agreement,
      {
        now: '2026-01-10T17:00:00Z',
      },
    );
    expect(entries[0]?.lead).toEqual({
      name: 'Kim Lee',
      company: 'Northwind',
      ownerId: 'rep_ava',
      source: 'events',
      segment: 'smb',
    });
    expect(entries[0]?.searchText).toBe('kim lee\nnorthwind\nkim@northwind.com\nl-fri');
  });

  it('lists the SLAs in agreement order and the owners sorted', () => {
    const result = computeSlaQueue(sample.leads, sample.activities, agreement, { now });
    const order = (agreement.slas ?? []).map((s) => s.id);
    expect(result.slas.map((s) => order.indexOf(s.id))).toEqual(
      [...result.slas.map((s) => order.indexOf(s.id))].sort((a, b) => a - b),
    );
    expect(result.owners).toEqual([...new Set(result.entries.flatMap((e) => e.lead.ownerId ?? []))].sort());
  });

  it('returns an empty queue when no clock is open', () => {
    expect(computeSlaQueue([], [], agreement, { now }).entries).toEqual([]);
  });
});
