import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wilson } from '../_lib/wilson';
import type { Agreement } from '../agreement/agreement.types';
import { defaultAgreement } from '../agreement/defaultAgreement';
import { AccordError } from '../errors/AccordError';
import { sampleAccountPlays } from '../icp/sampleAccountPlays';
import { sampleIcp } from '../icp/sampleIcp';
import type { Account, Lead, Opportunity } from '../records/records.types';
import { computeWinLoss } from './computeWinLoss';
import { sampleWinLoss } from './sampleWinLoss';

const DAY = 86_400_000;
const agreement: Agreement = { ...defaultAgreement, ...sampleIcp, ...sampleWinLoss, ...sampleAccountPlays };
const T0 = Date.parse('2026-04-01T00:00:00Z');
const at = (days: number) => new Date(T0 + days * DAY).toISOString();

/** A deal created at T0 and closed after `days` (lost unless said otherwise). */
const deal = (id: string, days: number | undefined, over: Partial<Opportunity> = {}): Opportunity => ({
  id,
  createdAt: at(0),
  stage: 'closed_lost',
  amount: 100_00,
  currency: 'USD',
  won: false,
  ...(days === undefined ? {} : { closedAt: at(days) }),
  ...over,
});
const won = (over: Partial<Opportunity> = {}): Partial<Opportunity> => ({ stage: 'closed_won', won: true, ...over });

const leads: Lead[] = [
  {
    id: 'L1',
    createdAt: at(-30),
    source: 'events',
    campaignId: 'ev-1',
    segment: 'enterprise',
    country: 'US',
    attributes: { industry: 'saas', employees: 120, tech: 'Salesforce, Slack' },
  },
  {
    id: 'L2',
    createdAt: at(-30),
    source: 'webinar',
    segment: 'smb',
    country: 'BR',
    attributes: { industry: 'retail' },
  },
  {
    id: 'L3',
    createdAt: at(-30),
    source: 'paid_search',
    country: 'US',
    attributes: { industry: 'fintech', employees: 2000 },
  },
];

// events: 2 won of 3; webinar (from the lead): 3 lost; no source: 1 won; plus an open deal.
const deals: Opportunity[] = [
  deal('D1', 10, won({ source: 'events', amount: 100_00 })),
  deal('D2', 20, won({ source: 'events', amount: 300_00, themes: ['integration'] })),
  deal('D3', 30, {
    source: 'events',
    amount: 500_00,
    loss: { reasonId: 'price' },
    themes: ['pricing_model', 'pricing_model'],
  }),
  deal('D4', 5, { leadIds: ['L2'], loss: { reasonId: 'no_decision' }, themes: ['pricing_model'] }),
  deal('D5', 7, { leadIds: ['missing', 'L2'], themes: ['budget_freeze'] }),
  deal('D6', 9, { leadIds: ['L2'], loss: { reasonId: 'ghosted' } }),
  deal('D7', 1, won()),
  deal('D8', undefined, { stage: 'opportunity', won: undefined }),
];

describe('computeWinLoss', () => {
  it('returns win rate 2/3 with its Wilson interval, cycle medians, amounts and reasons per source', () => {
    const result = computeWinLoss({ opportunities: deals, leads }, agreement, { groupBy: ['source'] });
    expect(result.rows.map((r) => r.group)).toEqual([{ source: 'events' }, { source: 'webinar' }, { source: null }]);
    const events = result.rows[0];
    expect(events).toMatchObject({ closed: 3, won: 2, lost: 1, cycleDaysWon: 15, cycleDaysLost: 30 });
    expect(events?.winRate.value).toBeCloseTo(2 / 3, 10);
    expect(events?.winRate.low).toBeCloseTo(0.2077, 4);
    expect(events?.winRate.high).toBeCloseTo(0.9385, 4);
    expect(events?.noDecisionRate).toMatchObject({ value: 0, numerator: 0, denominator: 3 });
    expect(events).toMatchObject({ wonAmount: 400_00, lostAmount: 500_00 });
    expect(events?.lossReasons).toEqual([{ id: 'price', label: 'Price', count: 1, share: 1 }]);
    expect(events?.lossCategories).toEqual([{ category: 'price', count: 1, share: 1 }]);
    // Themes once per deal (D3 tags pricing_model twice), share of the 3 closed deals.
    expect(events?.themes).toEqual([
      { id: 'integration', label: 'Integration effort', count: 1, share: 1 / 3 },
      { id: 'pricing_model', label: 'Pricing model', count: 1, share: 1 / 3 },
    ]);
  });

  it('counts lost deals without a reason as unspecified, and unknown reasons under their id', () => {
    const result = computeWinLoss({ opportunities: deals, leads }, agreement, { groupBy: ['source'] });
    const webinar = result.rows[1];
    expect(webinar).toMatchObject({ closed: 3, won: 0, lost: 3, cycleDaysWon: null, cycleDaysLost: 7 });
    expect(webinar?.noDecisionRate).toMatchObject({ value: 1 / 3, numerator: 1, denominator: 3 });
    expect(webinar?.lossReasons).toEqual([
      { id: 'ghosted', label: 'ghosted', count: 1, share: 1 / 3 },
      { id: 'no_decision', label: 'No decision', count: 1, share: 1 / 3 },
      { id: 'unspecified', label: 'Unspecified', count: 1, share: 1 / 3 },
    ]);
    expect(webinar?.lossCategories).toEqual([
      { category: 'unspecified', count: 2, share: 2 / 3 },
      { category: 'no_decision', count: 1, share: 1 / 3 },
    ]);
    expect(result.issues.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: 'unknown_loss_reason', path: ['opportunities', 5, 'loss', 'reasonId'] },
    ]);
  });

  it('returns totals over every closed deal, leaving open deals out', () => {
    const { totals, currency } = computeWinLoss({ opportunities: deals, leads }, agreement);
    expect(currency).toBe('USD');
    expect(totals).toMatchObject({ closed: 7, won: 3, lost: 4, cycleDaysWon: 10, cycleDaysLost: 8 });
    expect(totals.winRate).toMatchObject({ numerator: 3, denominator: 7 });
    expect(totals.lossReasons.map((r) => [r.id, r.count])).toEqual([
      ['ghosted', 1],
      ['no_decision', 1],
      ['price', 1],
      ['unspecified', 1],
    ]);
    expect(totals.themes.map((t) => [t.id, t.count])).toEqual([
      ['pricing_model', 2],
      ['budget_freeze', 1],
      ['integration', 1],
    ]);
  });

  it('returns one row for all deals without groupBy, equal to the totals', () => {
    const result = computeWinLoss({ opportunities: deals, leads }, agreement);
    expect(result.groupBy).toEqual([]);
    expect(result.rows).toEqual([{ group: {}, ...result.totals }]);
  });

  it('returns no rows and empty rates when no deal is closed', () => {
    const result = computeWinLoss({ opportunities: [deals[7] as Opportunity] }, agreement, { groupBy: ['source'] });
    expect(result.rows).toEqual([]);
    expect(result.totals).toMatchObject({ closed: 0, cycleDaysWon: null, lossReasons: [], themes: [] });
    expect(result.totals.winRate).toEqual({ value: null, numerator: 0, denominator: 0, low: null, high: null });
  });

  it('matches known Wilson bounds: 0 of 10 → [0, 0.2775], 5 of 10 → [0.2366, 0.7634]', () => {
    const opportunities = Array.from({ length: 20 }, (_, i) =>
      deal(`W${i}`, 10, i < 10 ? { source: 'a' } : i < 15 ? won({ source: 'b' }) : { source: 'b' }),
    );
    const [a, b] = computeWinLoss({ opportunities }, agreement, { groupBy: ['source'] }).rows;
    expect(a?.winRate).toMatchObject({ value: 0, numerator: 0, denominator: 10, low: 0 });
    expect(a?.winRate.high).toBeCloseTo(0.2775, 4);
    expect(b?.winRate.value).toBe(0.5);
    expect(b?.winRate.low).toBeCloseTo(0.2366, 4);
    expect(b?.winRate.high).toBeCloseTo(0.7634, 4);
  });

  it('reads the outcome from a won or lost stage when the won flag is absent', () => {
    const opportunities = [
      deal('S1', 3, { stage: 'closed_won', won: undefined }),
      deal('S2', 3, { stage: 'closed_lost', won: undefined }),
      deal('S3', 3, { stage: 'opportunity', won: undefined }), // an expected close date, still open
      deal('S4', undefined, { stage: 'closed_won', won: true }), // decided, but cannot be placed in time
    ];
    expect(computeWinLoss({ opportunities }, agreement).totals).toMatchObject({ closed: 2, won: 1, lost: 1 });
  });

  it('counts only deals closed in [from, to)', () => {
    const opportunities = [deal('F1', 10), deal('F2', 20, won()), deal('F3', 30)];
    const { totals } = computeWinLoss({ opportunities }, agreement, { from: at(10), to: at(30) });
    expect(totals).toMatchObject({ closed: 2, won: 1, lost: 1 });
  });

  it('sums amounts in the agreement currency only, reporting and still counting a deal in another', () => {
    const opportunities = [
      deal('C1', 10, won({ amount: 200_00 })),
      deal('C2', 10, won({ amount: 999_00, currency: 'EUR' })),
      deal('C3', 10, { amount: 50_00 }),
    ];
    const result = computeWinLoss({ opportunities }, agreement);
    expect(result.totals).toMatchObject({ closed: 3, won: 2, lost: 1, wonAmount: 200_00, lostAmount: 50_00 });
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({
      code: 'currency_mismatch',
      path: ['opportunities', 1, 'currency'],
      expected: 'USD',
      received: 'EUR',
    });
  });

  it('takes the most common currency when the agreement sets none (ties: alphabetical)', () => {
    const { currency: _omit, ...noCurrency } = agreement;
    const opportunities = [deal('E1', 1, { currency: 'EUR' }), deal('E2', 1, { currency: 'EUR' }), deal('G1', 1)];
    const result = computeWinLoss({ opportunities }, noCurrency);
    expect(result.currency).toBe('EUR');
    expect(result.totals.lostAmount).toBe(200_00);
    expect(result.issues.map((i) => i.path)).toEqual([['opportunities', 2, 'currency']]);
    const tie = computeWinLoss({ opportunities: [deal('G1', 1), deal('E1', 1, { currency: 'EUR' })] }, noCurrency);
    expect(tie.currency).toBe('EUR');
    expect(computeWinLoss({ opportunities: [] }, noCurrency).currency).toBeNull();
  });

  it("falls back on the first lead's campaign and segment, and sorts null last", () => {
    const opportunities = [
      deal('G1', 1, { leadIds: ['L2'] }),
      deal('G2', 1, { leadIds: ['L1'] }),
      deal('G3', 1, { leadIds: ['L3'], campaignId: 'own' }),
      deal('G4', 1, { leadIds: ['L1'], segment: 'mid_market' }),
    ];
    const result = computeWinLoss({ opportunities, leads }, agreement, { groupBy: ['segment', 'campaignId'] });
    expect(result.rows.map((r) => [r.group, r.closed])).toEqual([
      [{ segment: 'enterprise', campaignId: 'ev-1' }, 1],
      [{ segment: 'mid_market', campaignId: 'ev-1' }, 1],
      [{ segment: 'smb', campaignId: null }, 1],
      [{ segment: null, campaignId: 'own' }, 1],
    ]);
  });

  it("groups by the ICP tier of the deal's first lead, scored at now", () => {
    const opportunities = [
      deal('T1', 1, won({ leadIds: ['L1'] })), // fit 100 → A
      deal('T2', 1, { leadIds: ['L2'] }), // fit 0 → none
      deal('T3', 1, won({ leadIds: ['L3'] })), // industry + country = 50 → C
      deal('T4', 1, { leadIds: ['L3'] }),
      deal('T5', 1), // no lead → null
    ];
    const result = computeWinLoss({ opportunities, leads }, agreement, { groupBy: ['tier'], now: at(60) });
    expect(result.rows.map((r) => [r.group.tier, r.won, r.closed])).toEqual([
      ['A', 1, 1],
      ['C', 1, 2],
      ['none', 0, 1],
      [null, 0, 1],
    ]);
  });

  it('groups by tier with options.tierOf, which needs neither an ICP nor now', () => {
    const opportunities = [deal('T1', 1), deal('T2', 1, won())];
    const result = computeWinLoss({ opportunities }, defaultAgreement, {
      groupBy: ['tier'],
      tierOf: (id) => (id === 'T1' ? 'B' : 'A'),
    });
    expect(result.rows.map((r) => [r.group.tier, r.closed])).toEqual([
      ['A', 1],
      ['B', 1],
    ]);
  });

  it('groups by target-account tier from the accounts, or from options.accountTierOf', () => {
    const accounts: Account[] = [
      { id: 'A1', segment: 'enterprise' },
      { id: 'A2', segment: 'mid_market' },
      { id: 'A3', segment: 'smb' },
    ];
    const opportunities = [
      deal('K1', 1, { accountId: 'A1' }),
      deal('K2', 1, { accountId: 'A2' }),
      deal('K3', 1, { accountId: 'A3' }),
      deal('K4', 1, { accountId: 'A9' }), // not in accounts
      deal('K5', 1),
    ];
    const byRules = computeWinLoss({ opportunities, accounts }, agreement, { groupBy: ['accountTier'] });
    expect(byRules.rows.map((r) => [r.group.accountTier, r.closed])).toEqual([
      ['tier1', 1],
      ['tier2', 1],
      [null, 3],
    ]);
    const byFunction = computeWinLoss({ opportunities }, defaultAgreement, {
      groupBy: ['accountTier'],
      accountTierOf: (id) => (id === 'A9' ? 'named' : null),
    });
    expect(byFunction.rows.map((r) => [r.group.accountTier, r.closed])).toEqual([
      ['named', 1],
      [null, 4],
    ]);
  });

  it('throws invalid_argument for tier without an ICP or without now, and accountTier without tiers', () => {
    const issueOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        expect(error).toBeInstanceOf(AccordError);
        return (error as AccordError).issues[0];
      }
      throw new Error('expected a throw');
    };
    expect(
      issueOf(() => computeWinLoss({ opportunities: [] }, defaultAgreement, { groupBy: ['source', 'tier'] })),
    ).toMatchObject({ code: 'invalid_argument', path: ['groupBy', 1], message: expect.stringMatching(/"icp"/) });
    expect(issueOf(() => computeWinLoss({ opportunities: [] }, agreement, { groupBy: ['tier'] }))).toMatchObject({
      code: 'invalid_argument',
      path: ['now'],
    });
    expect(
      issueOf(() => computeWinLoss({ opportunities: [] }, defaultAgreement, { groupBy: ['accountTier'] })),
    ).toMatchObject({ code: 'invalid_argument', path: ['groupBy', 0] });
  });

  it('throws on an unknown or repeated dimension and on bad instants', () => {
    const bad = () =>
      computeWinLoss({ opportunities: [] }, agreement, {
        groupBy: ['source', 'region' as never, 'source'],
        from: '2026-13-01T00:00:00Z',
      });
    expect(bad).toThrow(AccordError);
    try {
      bad();
    } catch (error) {
      expect((error as AccordError).issues.map(({ code, path }) => ({ code, path }))).toEqual([
        { code: 'invalid_argument', path: ['groupBy', 1] },
        { code: 'invalid_argument', path: ['groupBy', 2] },
        { code: 'invalid_instant', path: ['from'] },
      ]);
    }
    expect(() => computeWinLoss({ opportunities: [] }, agreement, { from: at(5), to: at(5) })).toThrow(/after "from"/);
  });

  it('leaves a deal closed before it was created out of the cycle medians, and reports it', () => {
    const opportunities = [deal('N1', -2), deal('N2', 4)];
    const result = computeWinLoss({ opportunities }, agreement);
    expect(result.totals).toMatchObject({ closed: 2, lost: 2, cycleDaysLost: 4 });
    expect(result.issues.map((i) => i.code)).toEqual(['invalid_interval']);
  });

  describe('properties', () => {
    const dealArb = fc.record({
      source: fc.constantFrom('a', 'b', undefined),
      segment: fc.constantFrom('smb', 'enterprise', undefined),
      outcome: fc.constantFrom<boolean | undefined>(true, false, false, undefined),
      days: fc.integer({ min: 0, max: 90 }),
      reason: fc.constantFrom('price', 'no_decision', 'competitor', 'bogus', undefined),
      themes: fc.subarray(['integration', 'pricing_model', 'budget_freeze', 'made_up']),
      currency: fc.constantFrom('USD', 'USD', 'EUR'),
      amount: fc.integer({ min: 0, max: 1_000_000 }),
    });
    const dealsArb = fc.array(dealArb, { maxLength: 40 }).map((specs) =>
      specs.map(
        (s, i): Opportunity => ({
          ...deal(`P${i}`, s.days, {
            amount: s.amount,
            currency: s.currency,
            themes: s.themes,
            ...(s.source ? { source: s.source } : {}),
            ...(s.segment ? { segment: s.segment } : {}),
            ...(s.outcome === false && s.reason ? { loss: { reasonId: s.reason, detail: 'Globex' } } : {}),
          }),
          won: s.outcome,
          stage: s.outcome === undefined ? 'opportunity' : s.outcome ? 'closed_won' : 'closed_lost',
        }),
      ),
    );
    const options = { groupBy: ['source', 'segment'] as const };

    it('gives the same rows and totals whatever the order of the deals', () => {
      fc.assert(
        fc.property(dealsArb, fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })), (opportunities, keys) => {
          const order = opportunities.map((o) => ({ o, k: keys.next().value as number }));
          const shuffled = order.sort((x, y) => x.k - y.k).map((x) => x.o);
          const a = computeWinLoss({ opportunities }, agreement, options);
          const b = computeWinLoss({ opportunities: shuffled }, agreement, options);
          expect(b.rows).toEqual(a.rows);
          expect(b.totals).toEqual(a.totals);
          expect(b.issues.length).toBe(a.issues.length);
        }),
      );
    });

    it('has won + lost = closed in every row, and rows that add up to the totals', () => {
      fc.assert(
        fc.property(dealsArb, (opportunities) => {
          const { rows, totals } = computeWinLoss({ opportunities }, agreement, options);
          for (const row of [...rows, totals]) {
            expect(row.won + row.lost).toBe(row.closed);
            expect(row.winRate).toEqual(wilson(row.won, row.closed));
            expect(row.lossReasons.reduce((s, r) => s + r.count, 0)).toBe(row.lost);
          }
          expect(rows.reduce((s, r) => s + r.closed, 0)).toBe(totals.closed);
          expect(rows.reduce((s, r) => s + r.wonAmount + r.lostAmount, 0)).toBe(totals.wonAmount + totals.lostAmount);
        }),
      );
    });

    it('has loss-reason and category shares that sum to 1 when a row has lost deals', () => {
      fc.assert(
        fc.property(dealsArb, (opportunities) => {
          const { rows, totals } = computeWinLoss({ opportunities }, agreement, options);
          for (const row of [...rows, totals]) {
            if (row.lost === 0) {
              expect(row.lossReasons).toEqual([]);
              continue;
            }
            expect(row.lossReasons.reduce((s, r) => s + r.share, 0)).toBeCloseTo(1, 10);
            expect(row.lossCategories.reduce((s, r) => s + r.share, 0)).toBeCloseTo(1, 10);
            for (const t of row.themes) expect(t.share).toBeLessThanOrEqual(1);
          }
        }),
      );
    });
  });
});
