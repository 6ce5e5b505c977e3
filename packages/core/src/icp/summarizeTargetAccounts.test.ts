import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Agreement } from '../agreement/agreement.types';
import { defaultAgreement } from '../agreement/defaultAgreement';
import { AccordError } from '../errors/AccordError';
import type { Account, Activity, Lead, Opportunity } from '../records/records.types';
import { generateSample } from '../sample/generateSample';
import type { TargetAccountData, TargetAccountRow, TargetAccountSummary } from './accounts.types';
import { sampleAccountPlays } from './sampleAccountPlays';
import { sampleIcp } from './sampleIcp';
import { summarizeTargetAccounts } from './summarizeTargetAccounts';

const DAY = 86_400_000;
const now = '2026-03-15T00:00:00Z';
const ago = (days: number) => new Date(Date.parse(now) - days * DAY).toISOString();
const agreement: Agreement = { ...defaultAgreement, ...sampleAccountPlays };

const contact = (id: string, accountId: string, title: string): Lead => ({
  id,
  createdAt: ago(100),
  accountId,
  attributes: { title },
});
const opp = (
  id: string,
  accountId: string | undefined,
  stage: string,
  amount: number,
  extra: Partial<Opportunity> = {},
) =>
  ({
    id,
    createdAt: ago(60),
    stage,
    amount,
    currency: 'USD',
    ...(accountId && { accountId }),
    ...extra,
  }) as Opportunity;

const data: TargetAccountData = {
  accounts: [
    { id: 'A1', segment: 'enterprise' },
    { id: 'A2', segment: 'enterprise' },
    { id: 'A3', segment: 'mid_market' },
    { id: 'A4', segment: 'smb' },
    { id: 'A5' },
  ],
  leads: [
    contact('L1', 'A1', 'CFO'),
    contact('L2', 'A1', 'Director of Sales Operations'),
    contact('L3', 'A1', 'Solutions Architect'),
    contact('L4', 'A2', 'CEO'),
    contact('L5', 'A2', 'Manager, Sales Operations'),
    contact('L6', 'A2', 'IT Admin'),
    contact('L7', 'A2', 'Procurement Specialist'),
    contact('L8', 'A4', 'Manager of Marketing'),
    contact('L9', 'A404', 'CFO'),
    { id: 'L10', createdAt: ago(100) },
  ],
  activities: [
    { id: 'x1', leadId: 'L1', type: 'meeting', at: ago(3) },
    { id: 'x2', leadId: 'L2', type: 'call', at: ago(41) },
    { id: 'x3', leadId: 'L4', type: 'call', at: ago(1) },
    { id: 'x4', leadId: 'L5', type: 'email', at: ago(2) },
    { id: 'x5', leadId: 'L6', type: 'meeting', at: ago(5) },
    { id: 'x6', leadId: 'L7', type: 'call', at: ago(10) },
    { id: 'x7', leadId: 'L8', type: 'email', at: ago(10) },
    { id: 'x8', leadId: 'L10', type: 'call', at: ago(1) },
  ],
  opportunities: [
    opp('O1', 'A1', 'opportunity', 100_000),
    opp('O2', 'A1', 'closed_won', 50_000, { won: true, closedAt: ago(5) }),
    opp('O3', 'A2', 'closed_lost', 70_000, { won: false, closedAt: ago(5) }),
    opp('O4', 'A2', 'closed_won', 30_000, { closedAt: ago(5) }), // won by its stage's kind
    opp('O5', 'A4', 'opportunity', 20_000, { currency: 'EUR' }),
    opp('O6', undefined, 'opportunity', 99_000),
    opp('O7', 'A404', 'closed_won', 99_000, { won: true }),
    opp('O8', 'A5', 'closed_lost', 10_000),
  ],
};
const summarize = (groupBy?: TargetAccountSummary['groupBy'], a = agreement, d = data) =>
  summarizeTargetAccounts(d, a, { now, ...(groupBy && { groupBy }) });

describe('summarizeTargetAccounts', () => {
  it('returns a row per target tier, in the agreement’s order, then the untargeted accounts', () => {
    const { rows, groupBy } = summarize();
    expect(groupBy).toEqual(['tier']);
    expect(rows).toEqual([
      {
        group: { tier: 'tier1' },
        accounts: 2,
        committeeCoverage: { value: 0.625, numerator: 5, denominator: 8 }, // A1 1 of 4, A2 4 of 4
        fullyCovered: { value: 0.5, numerator: 1, denominator: 2 },
        pipeline: 100_000,
        wonRevenue: 80_000,
        opportunities: 4,
        winRate: { value: 2 / 3, numerator: 2, denominator: 3 },
      },
      {
        group: { tier: 'tier2' },
        accounts: 1,
        committeeCoverage: { value: 0, numerator: 0, denominator: 3 },
        fullyCovered: { value: 0, numerator: 0, denominator: 1 },
        pipeline: 0,
        wonRevenue: 0,
        opportunities: 0,
        winRate: { value: null, numerator: 0, denominator: 0 },
      },
      {
        group: { tier: null },
        accounts: 2,
        committeeCoverage: { value: 0.5, numerator: 1, denominator: 2 }, // A4's champion engaged, A5 has no contacts
        fullyCovered: { value: 0.5, numerator: 1, denominator: 2 },
        pipeline: 0, // O5 is in EUR: not summed
        wonRevenue: 0,
        opportunities: 2,
        winRate: { value: 0, numerator: 0, denominator: 1 },
      },
    ]);
  });

  it('returns totals over every account, and the per-account drill-down by id', () => {
    const summary = summarize();
    expect(summary.totals).toEqual({
      accounts: 5,
      committeeCoverage: { value: 0.45, numerator: 6, denominator: 13 },
      fullyCovered: { value: 0.4, numerator: 2, denominator: 5 },
      pipeline: 100_000,
      wonRevenue: 80_000,
      opportunities: 6,
      winRate: { value: 0.5, numerator: 2, denominator: 4 },
    });
    expect(
      summary.accounts.map((a) => [a.accountId, a.tierId, a.segment, a.coverage.requirementId, a.coverage.coverage]),
    ).toEqual([
      ['A1', 'tier1', 'enterprise', 'enterprise', 0.25],
      ['A2', 'tier1', 'enterprise', 'enterprise', 1],
      ['A3', 'tier2', 'mid_market', 'mid_market', 0],
      ['A4', null, 'smb', 'smb', 1],
      ['A5', null, null, 'smb', 0],
    ]);
    expect(summary.currency).toBe('USD');
    expect(summary.unlinkedOpportunities).toBe(2); // O6 has no account, O7's account is not given
  });

  it('reports an opportunity in another currency instead of summing it', () => {
    expect(summarize().issues).toEqual([
      {
        code: 'currency_mismatch',
        path: ['opportunities', 4, 'currency'],
        expected: 'USD',
        received: 'EUR',
        message: 'Expected an amount in USD, got EUR: convert it first, or set the agreement’s currency.'.replace(
          '’',
          "'",
        ),
      },
    ]);
    const inEuros = summarize(['tier'], { ...agreement, currency: 'EUR' });
    expect(inEuros.currency).toBe('EUR');
    expect(inEuros.issues.map((i) => i.path[1])).toEqual([0, 1, 2, 3, 7]);
    expect(inEuros.totals).toMatchObject({ pipeline: 20_000, wonRevenue: 0, opportunities: 6 });
  });

  it('uses the per-call errorMap for the issues’ messages', () => {
    const summary = summarizeTargetAccounts(data, agreement, {
      now,
      errorMap: (issue) => (issue.code === 'currency_mismatch' ? `Moneda: ${issue.received}` : undefined),
    });
    expect(summary.issues[0]?.message).toBe('Moneda: EUR');
  });

  it('returns a row per segment, alphabetically, accounts without a segment last', () => {
    const { rows } = summarize(['segment']);
    expect(rows.map((r) => [r.group, r.accounts, r.pipeline, r.committeeCoverage.value])).toEqual([
      [{ segment: 'enterprise' }, 2, 100_000, 0.625],
      [{ segment: 'mid_market' }, 1, 0, 0],
      [{ segment: 'smb' }, 1, 0, 1],
      [{ segment: null }, 1, 0, 0],
    ]);
  });

  it('returns a row per tier and segment, ordered by tier first', () => {
    const { rows } = summarize(['tier', 'segment']);
    expect(rows.map((r) => [r.group, r.accounts])).toEqual([
      [{ tier: 'tier1', segment: 'enterprise' }, 2],
      [{ tier: 'tier2', segment: 'mid_market' }, 1],
      [{ tier: null, segment: 'smb' }, 1],
      [{ tier: null, segment: null }, 1],
    ]);
    expect(summarize(['segment', 'tier']).rows.map((r) => r.group)).toEqual([
      { segment: 'enterprise', tier: 'tier1' },
      { segment: 'mid_market', tier: 'tier2' },
      { segment: 'smb', tier: null },
      { segment: null, tier: null },
    ]);
  });

  it('lists every tier of the agreement when grouping by tier, even one with no accounts', () => {
    const withEmpty: Agreement = {
      ...agreement,
      targetAccounts: {
        tiers: [...sampleAccountPlays.targetAccounts.tiers, { id: 'named', label: 'Named', accountIds: ['A99'] }],
      },
    };
    const { rows } = summarize(['tier'], withEmpty);
    expect(rows.map((r) => r.group.tier)).toEqual(['tier1', 'tier2', 'named', null]);
    expect(rows[2]).toEqual({
      group: { tier: 'named' },
      accounts: 0,
      committeeCoverage: { value: null, numerator: 0, denominator: 0 },
      fullyCovered: { value: null, numerator: 0, denominator: 0 },
      pipeline: 0,
      wonRevenue: 0,
      opportunities: 0,
      winRate: { value: null, numerator: 0, denominator: 0 },
    });
    expect(summarize(['tier', 'segment'], withEmpty).rows.some((r) => r.group.tier === 'named')).toBe(false);
  });

  it('returns null coverage when the agreement has no buying committee', () => {
    const { buyingCommittee, ...noCommittee } = agreement;
    const { totals, accounts } = summarize(['tier'], noCommittee);
    expect(totals.committeeCoverage).toEqual({ value: null, numerator: 0, denominator: 0 });
    expect(totals.fullyCovered.value).toBeNull();
    expect(accounts.every((a) => a.coverage.requirementId === null)).toBe(true);
    expect(totals.pipeline).toBe(100_000);
  });

  it('reports a repeated account id and counts only its first record', () => {
    const doubled = { ...data, accounts: [...data.accounts, { id: 'A3', segment: 'enterprise' }] };
    const summary = summarize(['tier'], agreement, doubled);
    expect(summary.totals.accounts).toBe(5);
    expect(summary.accounts.find((a) => a.accountId === 'A3')?.tierId).toBe('tier2');
    expect(summary.issues).toContainEqual(
      expect.objectContaining({ code: 'duplicate_id', path: ['accounts', 5, 'id'], firstPath: ['accounts', 2, 'id'] }),
    );
  });

  it('throws invalid_argument for a groupBy other than tier and/or segment', () => {
    for (const groupBy of [['region'], ['tier', 'tier']] as unknown as TargetAccountSummary['groupBy'][]) {
      expect(() => summarize(groupBy)).toThrow(AccordError);
      try {
        summarize(groupBy);
      } catch (e) {
        expect((e as AccordError).issues[0]).toMatchObject({
          code: 'invalid_argument',
          path: ['groupBy', groupBy.length - 1],
        });
      }
    }
  });

  it('throws when now is not a valid instant', () => {
    expect(() => summarizeTargetAccounts(data, agreement, { now: '2026-03-15' })).toThrow(/^\[accord\] options\.now/);
  });
});

// Random account books: accounts in three segments, contacts with titles, activities and deals.
const TITLES = ['CFO', 'Director of Sales Operations', 'Solutions Architect', 'Procurement Specialist', 'Intern'];
const STAGES = ['opportunity', 'closed_won', 'closed_lost', 'sql'];
const book = fc
  .record({
    accounts: fc.array(fc.constantFrom('enterprise', 'mid_market', 'smb', undefined), { maxLength: 6 }),
    leads: fc.array(fc.record({ account: fc.nat(7), title: fc.constantFrom(...TITLES) }), { maxLength: 12 }),
    acts: fc.array(
      fc.record({
        who: fc.nat(11),
        type: fc.constantFrom('meeting', 'call', 'note'),
        days: fc.integer({ min: -2, max: 90 }),
      }),
      { maxLength: 16 },
    ),
    opps: fc.array(
      fc.record({
        account: fc.nat(7),
        stage: fc.constantFrom(...STAGES),
        won: fc.constantFrom(true, false, undefined),
        amount: fc.integer({ min: 0, max: 1_000_000 }),
        currency: fc.constantFrom('USD', 'USD', 'USD', 'EUR'),
      }),
      { maxLength: 12 },
    ),
  })
  .map(
    ({ accounts, leads, acts, opps }): TargetAccountData => ({
      accounts: accounts.map((segment, i): Account => ({ id: `A${i}`, ...(segment && { segment }) })),
      leads: leads.map((l, i) => contact(`L${i}`, `A${l.account}`, l.title)),
      activities: acts
        .filter((a) => a.who < leads.length)
        .map((a, i): Activity => ({ id: `x${i}`, leadId: `L${a.who}`, type: a.type, at: ago(a.days) })),
      opportunities: opps.map((o, i) =>
        opp(`O${i}`, o.account === 7 ? undefined : `A${o.account}`, o.stage, o.amount, {
          currency: o.currency,
          ...(o.won !== undefined && { won: o.won }),
        }),
      ),
    }),
  );
const GROUPINGS: TargetAccountSummary['groupBy'][] = [['tier'], ['segment'], ['tier', 'segment']];

/** The counts and amounts of rows, added up. */
function addUp(rows: readonly TargetAccountRow[]) {
  const sum = (f: (r: TargetAccountRow) => number | undefined) => rows.reduce((s, r) => s + (f(r) ?? 0), 0);
  return {
    accounts: sum((r) => r.accounts),
    pipeline: sum((r) => r.pipeline),
    wonRevenue: sum((r) => r.wonRevenue),
    opportunities: sum((r) => r.opportunities),
    engaged: sum((r) => r.committeeCoverage.numerator),
    required: sum((r) => r.committeeCoverage.denominator),
    fully: sum((r) => r.fullyCovered.numerator),
    withRequirement: sum((r) => r.fullyCovered.denominator),
    won: sum((r) => r.winRate.numerator),
    closed: sum((r) => r.winRate.denominator),
  };
}
const totalsOf = (s: TargetAccountSummary) => addUp([{ group: {}, ...s.totals }]);

describe('summarizeTargetAccounts (properties)', () => {
  it('has totals equal to the sum over the rows for every count and amount', () => {
    fc.assert(
      fc.property(book, fc.constantFrom(...GROUPINGS), (d, groupBy) => {
        const summary = summarizeTargetAccounts(d, agreement, { now, groupBy });
        expect(addUp(summary.rows)).toEqual(totalsOf(summary));
        expect(summary.totals.accounts).toBe(d.accounts.length);
        expect(summary.totals.opportunities + summary.unlinkedOpportunities).toBe(d.opportunities.length);
        for (const row of [...summary.rows, { group: {}, ...summary.totals }]) {
          const { value } = row.committeeCoverage;
          if (value !== null) {
            expect(value).toBeGreaterThanOrEqual(0);
            expect(value).toBeLessThanOrEqual(1);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('does not depend on the order of accounts, leads, activities or opportunities', () => {
    fc.assert(
      fc.property(book, fc.constantFrom(...GROUPINGS), fc.infiniteStream(fc.nat()), (d, groupBy, seeds) => {
        const shuffle = <T>(xs: readonly T[]) =>
          xs
            .map((x) => ({ x, k: seeds.next().value as number }))
            .sort((a, b) => a.k - b.k)
            .map(({ x }) => x);
        const shuffled: TargetAccountData = {
          accounts: shuffle(d.accounts),
          leads: shuffle(d.leads),
          activities: shuffle(d.activities),
          opportunities: shuffle(d.opportunities),
        };
        const { issues: a, ...left } = summarizeTargetAccounts(d, agreement, { now, groupBy });
        const { issues: b, ...right } = summarizeTargetAccounts(shuffled, agreement, { now, groupBy });
        expect(right).toEqual(left);
        // The issues point at input indices, which move; what they report does not.
        expect(b.map((i) => i.code).sort()).toEqual(a.map((i) => i.code).sort());
      }),
      { numRuns: 150 },
    );
  });
});

describe('summarizeTargetAccounts (generated sample)', () => {
  it('summarizes 2,000 generated leads end to end with consistent rows, totals and drill-down', () => {
    const sample = generateSample({ leads: 2000, seed: 7 });
    const full: Agreement = { ...defaultAgreement, ...sampleIcp, ...sampleAccountPlays };
    for (const groupBy of GROUPINGS) {
      const summary = summarizeTargetAccounts(sample, full, { now: sample.asOf, groupBy });
      expect(summary.issues).toEqual([]); // the sample is all in USD, one record per account
      expect(summary.totals.accounts).toBe(sample.accounts.length);
      expect(summary.accounts.map((a) => a.accountId)).toEqual(sample.accounts.map((a) => a.id).sort());
      expect(addUp(summary.rows)).toEqual(totalsOf(summary));
      expect(summary.rows.every((r) => r.accounts > 0 || groupBy.length === 1)).toBe(true);
      // Every account has a requirement (the SMB one catches the rest), so coverage is never null.
      expect(
        summary.accounts.every(
          (a) => a.coverage.coverage !== null && a.coverage.coverage >= 0 && a.coverage.coverage <= 1,
        ),
      ).toBe(true);
      expect(summary.totals.committeeCoverage.denominator).toBe(
        summary.accounts.reduce((s, a) => s + a.coverage.required, 0),
      );
      const linked = sample.opportunities.filter((o) => summary.accounts.some((a) => a.accountId === o.accountId));
      expect(summary.totals.opportunities).toBe(linked.length);
      expect(summary.unlinkedOpportunities).toBe(sample.opportunities.length - linked.length);
      const kind = new Map(full.stages.map((s) => [s.id, s.kind ?? 'open']));
      const open = linked.filter(
        (o) => o.won === undefined && kind.get(o.stage) !== 'won' && kind.get(o.stage) !== 'lost',
      );
      expect(summary.totals.pipeline).toBe(open.reduce((s, o) => s + o.amount, 0));
    }
    const byTier = summarizeTargetAccounts(sample, full, { now: sample.asOf });
    expect(byTier.rows.map((r) => r.group.tier)).toEqual(['tier1', 'tier2', null]);
    expect(byTier.totals.opportunities).toBeGreaterThan(0);
  });
});
