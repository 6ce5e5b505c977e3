import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Agreement } from '../agreement/agreement.types';
import { defaultAgreement } from '../agreement/defaultAgreement';
import type { Account, Activity, Lead, Touchpoint } from '../records/records.types';
import { sampleAccountPlays } from './sampleAccountPlays';
import { sampleIcp } from './sampleIcp';
import { scoreAccount } from './scoreAccount';
import { scoreLead } from './scoreLead';

const DAY = 86_400_000;
const now = '2026-03-15T00:00:00Z';
const ago = (days: number) => new Date(Date.parse(now) - days * DAY).toISOString();
const agreement: Agreement = { ...defaultAgreement, ...sampleIcp, ...sampleAccountPlays };

const account: Account = { id: 'A1', segment: 'enterprise' };
const contacts: Lead[] = [
  { id: 'L1', createdAt: ago(60), accountId: 'A1', country: 'US', attributes: { industry: 'SaaS', employees: 120 } },
  {
    id: 'L2',
    createdAt: ago(60),
    accountId: 'A1',
    country: 'US',
    attributes: { industry: 'fintech', employees: 50, tech: 'Salesforce' },
  },
  { id: 'L3', createdAt: ago(60), accountId: 'A1' },
  {
    id: 'L9',
    createdAt: ago(60),
    accountId: 'A2',
    country: 'US',
    attributes: { industry: 'SaaS', tech: 'salesforce' },
  },
];
const activities: Activity[] = [
  { id: 'a1', leadId: 'L1', type: 'meeting', at: ago(0) }, // 20
  { id: 'a2', leadId: 'L3', type: 'meeting', at: ago(14) }, // one half-life: 10
  { id: 'a3', leadId: 'L9', type: 'meeting', at: ago(0) }, // another account
  { id: 'a4', leadId: 'L1', type: 'call', at: ago(1) }, // not a signal
];
const touchpoints: Touchpoint[] = [
  { id: 't1', leadId: 'L2', channel: 'demo_request', at: ago(14) }, // 15
  { id: 't2', accountId: 'A1', channel: 'web', campaignId: 'pricing-page', at: ago(7) }, // the account: 5
  { id: 't3', accountId: 'A1', leadId: 'L2', channel: 'webinar', at: ago(0) }, // L2 (once): 15
  { id: 't4', accountId: 'A1', leadId: 'L99', channel: 'webinar', at: ago(30) }, // not a contact → the account: 7.5
  { id: 't5', accountId: 'A2', channel: 'webinar', at: ago(0) }, // another account
  { id: 't6', leadId: 'L1', channel: 'demo_request', at: ago(-2) }, // after now
];

describe('scoreAccount', () => {
  it('sums every contact’s and the account’s own decayed intent, per signal, with contributors', () => {
    const score = scoreAccount(account, contacts, activities, agreement, { now, touchpoints });
    expect(
      score.engagement.reasons.map(({ signalId, events, points, contributors }) => ({
        signalId,
        events,
        points,
        contributors,
      })),
    ).toEqual([
      { signalId: 'demo_request', events: 1, points: 15, contributors: [{ leadId: 'L2', points: 15 }] },
      {
        signalId: 'meeting',
        events: 2,
        points: 30,
        contributors: [
          { leadId: 'L1', points: 20 },
          { leadId: 'L3', points: 10 },
        ],
      },
      {
        signalId: 'webinar',
        events: 2,
        points: 22.5,
        contributors: [
          { leadId: 'L2', points: 15 },
          { leadId: 'account', points: 7.5 },
        ],
      },
      { signalId: 'pricing_page', events: 1, points: 5, contributors: [{ leadId: 'account', points: 5 }] },
    ]);
    expect(score.engagement.score).toBe(72.5);
    expect(score.engagement.uncapped).toBe(72.5);
  });

  it('explains where each signal’s events came from', () => {
    const { reasons } = scoreAccount(account, contacts, activities, agreement, { now, touchpoints }).engagement;
    expect(reasons.map((r) => r.detail)).toEqual([
      '1 event from 1 contact, newest 14.0 days ago; weight 30, half-life 14 days',
      '2 events from 2 contacts, newest 0.0 days ago; weight 20, half-life 14 days',
      '2 events from 1 contact and the account, newest 0.0 days ago; weight 15, half-life 30 days',
      '1 event from the account, newest 7.0 days ago; weight 10, half-life 7 days',
    ]);
  });

  it('returns the best contact fit, the tier, and counts of engaged and all contacts', () => {
    const score = scoreAccount(account, contacts, activities, agreement, { now, touchpoints });
    expect(score).toMatchObject({
      accountId: 'A1',
      tier: { tierId: 'tier1', via: 'rule' },
      fit: { score: 100, tier: 'A', leadId: 'L2' },
      engagedContacts: 3,
      contacts: 3,
    });
  });

  it('does not count a contact whose only events are not signals as engaged', () => {
    const score = scoreAccount(account, contacts, activities.slice(2), agreement, { now });
    expect(score.engagedContacts).toBe(0);
    expect(score.engagement.score).toBe(0);
  });

  it('caps the engagement at intent.cap and keeps the uncapped sum', () => {
    const capped: Agreement = { ...agreement, intent: { ...sampleIcp.intent, cap: 50 } };
    expect(scoreAccount(account, contacts, activities, capped, { now, touchpoints }).engagement).toMatchObject({
      score: 50,
      uncapped: 72.5,
    });
  });

  it('breaks fit and contributor ties by the smallest lead id', () => {
    const twins: Lead[] = [
      { id: 'L5', createdAt: ago(9), accountId: 'A1', country: 'DE' },
      { id: 'L4', createdAt: ago(9), accountId: 'A1', country: 'FR' },
    ];
    const acts: Activity[] = [
      { id: 'x1', leadId: 'L5', type: 'meeting', at: ago(14) },
      { id: 'x2', leadId: 'L4', type: 'meeting', at: ago(14) },
    ];
    const score = scoreAccount(account, twins, acts, agreement, { now });
    expect(score.fit).toEqual({ score: 20, tier: 'none', leadId: 'L4' });
    expect(score.engagement.reasons[1]?.contributors).toEqual([
      { leadId: 'L4', points: 10 },
      { leadId: 'L5', points: 10 },
    ]);
  });

  it('scores an account without contacts from its own touchpoints, with no fit', () => {
    const score = scoreAccount(account, [], [], agreement, { now, touchpoints });
    expect(score.fit).toEqual({ score: 0, tier: 'none', leadId: null });
    expect(score.contacts).toBe(0);
    expect(score.engagedContacts).toBe(0);
    // Pricing page 5 + webinars 7.5 and 15: t3 names L2, which is not a contact given here, so it is the account's.
    expect(score.engagement.score).toBe(27.5);
  });

  it('returns zero scores and no reasons when the agreement has no icp or intent', () => {
    const score = scoreAccount(account, contacts, activities, defaultAgreement, { now, touchpoints });
    expect(score.fit).toEqual({ score: 0, tier: 'none', leadId: null });
    expect(score.engagement).toEqual({ score: 0, uncapped: 0, reasons: [] });
    expect(score.tier.tierId).toBeNull();
    expect(score.contacts).toBe(3);
  });

  it('throws when now is not a valid instant', () => {
    expect(() => scoreAccount(account, contacts, [], agreement, { now: 'soon' })).toThrow(/^\[accord\] options\.now/);
  });
});

// Random buying groups: 5 leads over two accounts, events up to 60 days old (some in the future).
const leadIds = ['L1', 'L2', 'L3', 'L4', 'L5'];
const world = fc
  .record({
    owners: fc.array(fc.constantFrom('A1', 'A2', undefined), { minLength: 5, maxLength: 5 }),
    countries: fc.array(fc.constantFrom('US', 'BR', undefined), { minLength: 5, maxLength: 5 }),
    activities: fc.array(
      fc.record({
        leadId: fc.constantFrom(...leadIds),
        type: fc.constantFrom('meeting', 'call'),
        hours: fc.integer({ min: -48, max: 1440 }),
      }),
      { maxLength: 12 },
    ),
    touchpoints: fc.array(
      fc.record({
        leadId: fc.constantFrom(...leadIds, undefined),
        accountId: fc.constantFrom('A1', 'A2', undefined),
        channel: fc.constantFrom('demo_request', 'webinar', 'web'),
        campaignId: fc.constantFrom('pricing-page', undefined),
        hours: fc.integer({ min: -48, max: 1440 }),
      }),
      { maxLength: 12 },
    ),
  })
  .map(({ owners, countries, activities: acts, touchpoints: tps }) => {
    const at = (hours: number) => new Date(Date.parse(now) - hours * 3_600_000).toISOString();
    return {
      leads: leadIds.map(
        (id, i): Lead => ({
          id,
          createdAt: at(2000),
          ...(owners[i] && { accountId: owners[i] }),
          ...(countries[i] && { country: countries[i] }),
          attributes: { employees: 100 + i },
        }),
      ),
      activities: acts.map((a, i): Activity => ({ id: `a${i}`, leadId: a.leadId, type: a.type, at: at(a.hours) })),
      touchpoints: tps.map(
        (t, i): Touchpoint => ({
          id: `t${i}`,
          channel: t.channel,
          at: at(t.hours),
          ...(t.leadId && { leadId: t.leadId }),
          ...(t.accountId && { accountId: t.accountId }),
          ...(t.campaignId && { campaignId: t.campaignId }),
        }),
      ),
    };
  });

describe('scoreAccount (properties)', () => {
  it('does not depend on the order of contacts, activities or touchpoints', () => {
    fc.assert(
      fc.property(world, fc.infiniteStream(fc.nat()), (w, seeds) => {
        const shuffle = <T>(xs: readonly T[]) =>
          xs
            .map((x) => ({ x, k: seeds.next().value as number }))
            .sort((a, b) => a.k - b.k)
            .map(({ x }) => x);
        const a = scoreAccount(account, w.leads, w.activities, agreement, { now, touchpoints: w.touchpoints });
        const b = scoreAccount(account, shuffle(w.leads), shuffle(w.activities), agreement, {
          now,
          touchpoints: shuffle(w.touchpoints),
        });
        expect(b).toEqual(a);
      }),
      { numRuns: 150 },
    );
  });

  it('credits each contact exactly what scoreLead gives it, and takes the best contact fit', () => {
    fc.assert(
      fc.property(world, (w) => {
        const score = scoreAccount(account, w.leads, w.activities, agreement, { now, touchpoints: w.touchpoints });
        const mine = w.leads.filter((l) => l.accountId === 'A1');
        const leadScores = new Map(
          mine.map((l) => [l.id, scoreLead(l, w.activities, agreement, { now, touchpoints: w.touchpoints })]),
        );
        score.engagement.reasons.forEach((reason, i) => {
          for (const c of reason.contributors) {
            if (c.leadId === 'account') continue;
            expect(c.points).toBe(leadScores.get(c.leadId)?.engagement.reasons[i]?.points);
          }
        });
        const best = Math.max(0, ...[...leadScores.values()].map((s) => s.fit.score));
        expect(score.fit.score).toBe(best);
        const engagedIds = [...leadScores].filter(([, s]) => s.engagement.reasons.some((r) => r.events > 0));
        expect(score.engagedContacts).toBe(engagedIds.length);
        for (const [, s] of leadScores) expect(score.engagement.uncapped).toBeGreaterThanOrEqual(s.engagement.uncapped);
      }),
      { numRuns: 150 },
    );
  });
});
