import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Agreement, IcpCriterion, IntentSignal } from '../agreement/agreement.types';
import type { Activity, Lead, Touchpoint } from '../records/records.types';
import { sampleIcp } from './sampleIcp';
import { scoreLead } from './scoreLead';

const DAY = 86_400_000;
const shell: Agreement = {
  id: 'icp-test',
  version: '1',
  timezone: 'UTC',
  stages: [{ id: 'lead', label: 'Lead', owner: 'marketing' }],
  transitions: { backward: 'deny', allowSkip: true },
};
const agreement: Agreement = { ...shell, ...sampleIcp };
const now = '2026-03-15T00:00:00Z';

const lead: Lead = {
  id: 'L1',
  createdAt: '2026-01-05T10:00:00Z',
  country: 'US',
  attributes: { industry: 'SaaS', employees: 120, tech: 'HubSpot, Segment' },
};
const activities: Activity[] = [
  { id: 'a1', leadId: 'L1', type: 'meeting', at: '2026-03-15T00:00:00Z' }, // age 0 → 20
  { id: 'a2', leadId: 'L1', type: 'call', at: '2026-03-14T00:00:00Z' }, // not a signal
  { id: 'a3', leadId: 'L2', type: 'meeting', at: '2026-03-14T00:00:00Z' }, // another lead
];
const touchpoints: Touchpoint[] = [
  { id: 't1', leadId: 'L1', channel: 'demo_request', at: '2026-03-01T00:00:00Z' }, // 14 d = 1 half-life → 15
  { id: 't2', leadId: 'L1', channel: 'webinar', at: '2026-02-13T00:00:00Z' }, // 30 d = 1 half-life → 7.5
  { id: 't3', leadId: 'L1', channel: 'webinar', at: '2026-03-15T00:00:00Z' }, // age 0 → 15
  { id: 't4', leadId: 'L1', channel: 'web', campaignId: 'pricing-page', at: '2026-03-08T00:00:00Z' }, // 7 d → 5
  { id: 't5', leadId: 'L1', channel: 'webinar', at: '2026-03-20T00:00:00Z' }, // after now: ignored
];

describe('scoreLead', () => {
  it('returns the matched share of the ICP weight as the fit score, with a reason per criterion', () => {
    const { fit } = scoreLead(lead, activities, agreement, { now, touchpoints });
    expect(fit.score).toBe(75); // 30 + 25 + 20 of 100
    expect(fit.tier).toBe('B'); // 55 ≤ 75 < 80
    expect(
      fit.reasons.map(({ criterionId, matched, weight, points }) => ({ criterionId, matched, weight, points })),
    ).toEqual([
      { criterionId: 'industry', matched: true, weight: 30, points: 30 },
      { criterionId: 'employees', matched: true, weight: 25, points: 25 },
      { criterionId: 'country', matched: true, weight: 20, points: 20 },
      { criterionId: 'uses_salesforce', matched: false, weight: 25, points: 0 },
    ]);
    expect(fit.reasons[1]?.detail).toMatch(/attributes\.employees is 120/);
    expect(fit.reasons[3]?.detail).toMatch(/attributes\.tech/);
  });

  it('returns the decayed, summed intent points as the engagement score', () => {
    const { engagement } = scoreLead(lead, activities, agreement, { now, touchpoints });
    expect(engagement.reasons.map(({ signalId, events, points }) => ({ signalId, events, points }))).toEqual([
      { signalId: 'demo_request', events: 1, points: 15 },
      { signalId: 'meeting', events: 1, points: 20 },
      { signalId: 'webinar', events: 2, points: 22.5 },
      { signalId: 'pricing_page', events: 1, points: 5 },
    ]);
    expect(engagement.score).toBe(62.5);
    expect(engagement.uncapped).toBe(62.5);
    expect(engagement.reasons[2]?.detail).toBe('2 events, newest 0.0 days ago; weight 15, half-life 30 days');
  });

  it('caps the engagement score at intent.cap and keeps the uncapped sum', () => {
    const capped: Agreement = { ...agreement, intent: { ...sampleIcp.intent, cap: 50 } };
    const { engagement } = scoreLead(lead, activities, capped, { now, touchpoints });
    expect(engagement).toMatchObject({ score: 50, uncapped: 62.5 });
  });

  it('counts only activities when no touchpoints are given', () => {
    const { engagement } = scoreLead(lead, activities, agreement, { now });
    expect(engagement.score).toBe(20);
    expect(engagement.reasons[0]?.detail).toBe('no events; weight 30, half-life 14 days');
  });

  it('returns tier A at exactly the A threshold, C and none below', () => {
    const at = (attributes: Lead['attributes'], country?: string) =>
      scoreLead({ ...lead, attributes, country }, [], agreement, { now }).fit;
    expect(at({ industry: 'fintech', employees: 50, tech: 'Salesforce' })).toMatchObject({ score: 80, tier: 'A' });
    expect(at({ tech: 'salesforce' }, 'DE')).toMatchObject({ score: 45, tier: 'C' });
    expect(at({}, 'DE')).toMatchObject({ score: 20, tier: 'none' });
    expect(at({ employees: 1000 }, 'BR')).toMatchObject({ score: 0, tier: 'none' });
  });

  it('rounds the fit score and points to one decimal', () => {
    const criteria: IcpCriterion[] = ['a', 'b', 'c'].map((id) => ({
      id,
      label: id,
      weight: 1,
      when: { field: `attributes.${id}`, op: 'eq', value: true },
    }));
    const icp: Agreement = { ...shell, icp: { criteria, tiers: { A: 90, B: 60, C: 30 } } };
    const { fit } = scoreLead({ ...lead, attributes: { a: true } }, [], icp, { now });
    expect(fit.score).toBe(33.3);
    expect(fit.tier).toBe('C');
    expect(fit.reasons.map((r) => r.points)).toEqual([33.3, 0, 0]);
  });

  it('returns zero scores and no reasons when the agreement has no icp or intent', () => {
    expect(scoreLead(lead, activities, shell, { now, touchpoints })).toEqual({
      fit: { score: 0, tier: 'none', reasons: [] },
      engagement: { score: 0, uncapped: 0, reasons: [] },
    });
  });

  it('returns tier none when every weight is zero', () => {
    const zero: Agreement = {
      ...shell,
      icp: {
        ...sampleIcp.icp,
        criteria: sampleIcp.icp.criteria.map((c) => ({ ...c, weight: 0 })),
        tiers: { A: 2, B: 1, C: 0 },
      },
    };
    expect(scoreLead(lead, [], zero, { now }).fit).toMatchObject({ score: 0, tier: 'none' });
  });

  it('applies a signal when rule on the event record', () => {
    const signals: IntentSignal[] = [
      {
        id: 'exec_call',
        label: 'Call by u1',
        weight: 40,
        halfLifeDays: 1,
        source: 'activity',
        when: { field: 'by', op: 'eq', value: 'u1' },
      },
    ];
    const acts: Activity[] = [
      { id: 'x1', leadId: 'L1', type: 'call', by: 'u1', at: '2026-03-13T00:00:00Z' }, // 2 half-lives → 10
      { id: 'x2', leadId: 'L1', type: 'call', by: 'u2', at: '2026-03-15T00:00:00Z' },
    ];
    const { engagement } = scoreLead(lead, acts, { ...shell, intent: { signals } }, { now });
    expect(engagement.score).toBe(10);
  });

  it('accepts now as a Date or epoch milliseconds with the same result', () => {
    const iso = scoreLead(lead, activities, agreement, { now, touchpoints });
    expect(scoreLead(lead, activities, agreement, { now: new Date(now), touchpoints })).toEqual(iso);
    expect(scoreLead(lead, activities, agreement, { now: Date.parse(now), touchpoints })).toEqual(iso);
  });

  it('throws when now is not a valid instant', () => {
    expect(() => scoreLead(lead, [], agreement, { now: '2026-03-15' })).toThrow(/^\[accord\] options\.now/);
  });
});

// ---- Properties -------------------------------------------------------------------------------

const weightArb = fc.integer({ min: 0, max: 100 });
const criteriaArb = fc.array(fc.record({ weight: weightArb, matched: fc.boolean() }), { minLength: 1, maxLength: 8 });

/** Criteria keyed on `attributes.k<i>`, and a lead that matches exactly the `matched` ones. */
function build(spec: readonly { weight: number; matched: boolean }[]): { agreement: Agreement; lead: Lead } {
  const criteria: IcpCriterion[] = spec.map(({ weight }, i) => ({
    id: `k${i}`,
    label: `k${i}`,
    weight,
    when: { field: `attributes.k${i}`, op: 'eq', value: true },
  }));
  const attributes = Object.fromEntries(spec.map(({ matched }, i) => [`k${i}`, matched]));
  return {
    agreement: { ...shell, icp: { criteria, tiers: { A: 80, B: 50, C: 20 } } },
    lead: { id: 'P', createdAt: 0, attributes },
  };
}

const T0 = Date.parse(now);
const eventsArb = fc.array(
  fc.record({
    kind: fc.constantFrom('meeting', 'call', 'webinar', 'demo_request'),
    ageDays: fc.double({ min: -10, max: 400, noNaN: true }),
  }),
  { maxLength: 30 },
);
const toRecords = (events: readonly { kind: string; ageDays: number }[]) => {
  const at = (ageDays: number) => Math.round(T0 - ageDays * DAY);
  const acts: Activity[] = [];
  const tps: Touchpoint[] = [];
  events.forEach((e, i) => {
    if (e.kind === 'meeting' || e.kind === 'call')
      acts.push({ id: `a${i}`, leadId: 'L1', type: e.kind, at: at(e.ageDays) });
    else tps.push({ id: `t${i}`, leadId: 'L1', channel: e.kind, at: at(e.ageDays) });
  });
  return { acts, tps };
};

describe('scoreLead properties', () => {
  it('never lowers the fit score when a matching criterion is added (no declared total)', () => {
    fc.assert(
      fc.property(criteriaArb, weightArb, (spec, w) => {
        const before = build(spec);
        const after = build([...spec, { weight: w, matched: true }]);
        const s0 = scoreLead(before.lead, [], before.agreement, { now }).fit.score;
        const s1 = scoreLead(after.lead, [], after.agreement, { now }).fit.score;
        expect(s1).toBeGreaterThanOrEqual(s0);
      }),
    );
  });

  it('keeps both scores within 0–100 (engagement within the cap)', () => {
    fc.assert(
      fc.property(
        criteriaArb,
        eventsArb,
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 4, maxLength: 4 }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (spec, events, weights, cap) => {
          const { agreement: a, lead: l } = build(spec);
          const signals = sampleIcp.intent.signals.map((s, i) => ({ ...s, weight: weights[i] ?? 0 }));
          const { acts, tps } = toRecords(events);
          const r = scoreLead({ ...l, id: 'L1' }, acts, { ...a, intent: { signals, cap } }, { now, touchpoints: tps });
          expect(r.fit.score).toBeGreaterThanOrEqual(0);
          expect(r.fit.score).toBeLessThanOrEqual(100);
          expect(r.engagement.score).toBeGreaterThanOrEqual(0);
          expect(r.engagement.score).toBeLessThanOrEqual(Math.min(100, Math.round(cap * 10) / 10 + 0.05));
        },
      ),
    );
  });

  it('returns the same output for the same input and now, whatever the order of the events', () => {
    fc.assert(
      fc.property(eventsArb, fc.boolean(), (events, extra) => {
        const { acts, tps } = toRecords(events);
        const l = { ...lead, attributes: { ...lead.attributes, tech: extra ? 'salesforce' : 'none' } };
        const first = scoreLead(l, acts, agreement, { now, touchpoints: tps });
        expect(scoreLead(l, acts, agreement, { now, touchpoints: tps })).toEqual(first);
        expect(scoreLead(l, [...acts].reverse(), agreement, { now, touchpoints: [...tps].reverse() })).toEqual(first);
      }),
    );
  });

  it('never gives an older event more engagement than a newer one of the same signal', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 2000, noNaN: true }),
        fc.double({ min: 0, max: 2000, noNaN: true }),
        fc.integer({ min: 0, max: 100 }),
        fc.double({ min: 0.1, max: 3660, noNaN: true }),
        (x, y, weight, halfLifeDays) => {
          const [newer, older] = x <= y ? [x, y] : [y, x];
          const signals: IntentSignal[] = [{ id: 's', label: 's', weight, halfLifeDays, source: 'activity' }];
          const a: Agreement = { ...shell, intent: { signals } };
          const score = (ageDays: number) =>
            scoreLead(lead, [{ id: 'e', leadId: 'L1', type: 'call', at: T0 - ageDays * DAY }], a, { now }).engagement;
          const n = score(newer);
          const o = score(older);
          expect(o.uncapped).toBeLessThanOrEqual(n.uncapped);
          expect(o.score).toBeLessThanOrEqual(n.score);
        },
      ),
    );
  });
});
