import { describe, expect, it } from 'vitest';
import type { AcceptanceRateSla } from '../agreement/agreement.types';
import { defaultAgreement } from '../agreement/defaultAgreement';
import type { Lead } from '../records/records.types';
import { computeAcceptanceRates } from './computeAcceptanceRates';
import { rankByNextBreach } from './rankByNextBreach';
import type { SlaStatus } from './sla.types';
import { summarizeSlas } from './summarizeSlas';

const clock = (
  leadId: string,
  state: SlaStatus['state'],
  dueAt: number | null,
  stoppedAt: number | null = null,
  side: SlaStatus['side'] = 'sales',
): SlaStatus => ({
  slaId: 'mql_first_touch',
  label: 'MQL first touch',
  side,
  kind: 'first_touch',
  leadId,
  state,
  cycle: 1,
  clock: 'business',
  calendarId: 'us_business',
  targetMinutes: 480,
  startedAt: 0,
  dueAt,
  stoppedAt,
  stoppedBy: stoppedAt === null ? null : 'touch',
  breachedAt: state === 'breached' ? dueAt : null,
  elapsedMinutes: 0,
  remainingMinutes: 0,
  pausedMinutes: 0,
  warnings: [],
  escalations: [],
  escalationsDue: [],
  currentEscalation: null,
});

describe('rankByNextBreach', () => {
  it('puts the longest overdue first, then the soonest due, then the rest', () => {
    const ranked = rankByNextBreach([
      clock('met', 'met', 50, 40),
      clock('soon', 'running', 300),
      clock('overdue-short', 'breached', 200),
      clock('pending', 'not_started', null),
      clock('later', 'paused', 900),
      clock('overdue-long', 'breached', 100),
      clock('handled-late', 'breached', 100, 500),
    ]);
    expect(ranked.map((s) => s.leadId)).toEqual([
      'overdue-long',
      'overdue-short',
      'soon',
      'later',
      'pending',
      'handled-late',
      'met',
    ]);
  });

  it('is deterministic on ties', () => {
    const a = rankByNextBreach([clock('b', 'running', 1), clock('a', 'running', 1)]);
    expect(a.map((s) => s.leadId)).toEqual(['a', 'b']);
  });
});

describe('summarizeSlas', () => {
  it('computes breach rates per SLA and per side over decided clocks', () => {
    const summary = summarizeSlas([
      clock('a', 'met', 1, 1),
      clock('b', 'breached', 1),
      clock('c', 'running', 1),
      clock('d', 'not_started', null),
      clock('e', 'met', 1, 1, 'marketing'),
    ]);
    expect(summary.bySide.sales).toEqual({ started: 3, open: 1, met: 1, breached: 1, breachRate: 0.5 });
    expect(summary.bySide.marketing.breachRate).toBe(0);
    expect(summary.bySla[0]?.tally.started).toBe(4);
  });

  it('gives null, not NaN or 0, when nothing is decided', () => {
    expect(summarizeSlas([clock('a', 'running', 1)]).bySide.sales.breachRate).toBeNull();
  });
});

describe('computeAcceptanceRates', () => {
  const floor = defaultAgreement.slas?.find((s) => s.kind === 'acceptance_rate') as AcceptanceRateSla;
  const lead = (id: string, mql: string, sal?: string): Lead => ({
    id,
    createdAt: mql,
    stageDates: { mql, ...(sal ? { sal } : {}) },
  });

  it('groups hand-overs by month in the agreement’s time zone and counts later acceptances', () => {
    const rows = computeAcceptanceRates(
      [
        lead('a', '2026-03-02T15:00:00Z', '2026-03-03T15:00:00Z'),
        lead('b', '2026-03-31T23:30:00-04:00', '2026-04-02T15:00:00Z'), // 1 April in UTC, still March in New York
        lead('c', '2026-03-10T15:00:00Z'),
        lead('d', '2026-05-04T15:00:00Z', '2026-05-05T15:00:00Z'),
      ],
      floor,
      defaultAgreement,
      { now: '2026-05-20T12:00:00Z' },
    );
    expect(rows.map((r) => [r.period, r.handedOver, r.accepted, r.complete, r.met])).toEqual([
      ['2026-03', 3, 2, true, true],
      ['2026-04', 0, 0, true, null],
      ['2026-05', 1, 1, false, null],
    ]);
    expect(rows[0]?.rate).toBeCloseTo(2 / 3, 12);
  });

  it('labels weeks (ISO, from Monday) and quarters', () => {
    const leads = [lead('a', '2026-03-02T15:00:00Z', '2026-03-03T15:00:00Z')];
    expect(
      computeAcceptanceRates(leads, { ...floor, period: 'week' }, defaultAgreement, { now: '2026-03-04T00:00:00Z' })[0]
        ?.period,
    ).toBe('2026-W10');
    expect(
      computeAcceptanceRates(leads, { ...floor, period: 'quarter' }, defaultAgreement, {
        now: '2026-03-04T00:00:00Z',
      })[0]?.period,
    ).toBe('2026-Q1');
  });
});
