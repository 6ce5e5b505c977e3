import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Agreement } from '../agreement/agreement.types';
import { defaultAgreement } from '../agreement/defaultAgreement';
import { AccordError } from '../errors/AccordError';
import type { Account, Activity, Lead } from '../records/records.types';
import { evaluateCommitteeCoverage } from './evaluateCommitteeCoverage';
import { sampleAccountPlays } from './sampleAccountPlays';

const DAY = 86_400_000;
const now = '2026-03-15T00:00:00Z';
const nowMs = Date.parse(now);
const ago = (days: number) => new Date(nowMs - days * DAY).toISOString();
const agreement: Agreement = { ...defaultAgreement, ...sampleAccountPlays };
const committee = sampleAccountPlays.buyingCommittee;

const contact = (id: string, accountId: string, title?: string): Lead => ({
  id,
  createdAt: ago(120),
  accountId,
  email: `${id.toLowerCase()}@northwind.example`,
  company: 'Northwind Traders',
  ...(title && { attributes: { title, fullName: `Person ${id}` } }),
});
const enterprise: Account = { id: 'A1', name: 'Northwind Traders', segment: 'enterprise' };
const contacts: Lead[] = [
  contact('L1', 'A1', 'CFO'),
  contact('L2', 'A1', 'Director of Sales Operations'),
  contact('L3', 'A1', 'Solutions Architect'),
  contact('L4', 'A2', 'Procurement manager'),
  contact('L5', 'A1', 'VP Marketing'),
];
const activities: Activity[] = [
  { id: 'x1', leadId: 'L1', type: 'meeting', at: ago(3) },
  { id: 'x2', leadId: 'L1', type: 'call', at: ago(10) },
  { id: 'x3', leadId: 'L2', type: 'call', at: ago(41) },
  { id: 'x4', leadId: 'L2', type: 'meeting', at: ago(-1) }, // after now
  { id: 'x5', leadId: 'L3', type: 'note', at: ago(1) }, // not a qualifying type
  { id: 'x6', leadId: 'L4', type: 'meeting', at: ago(1) }, // another account
];
const evaluate = (account: Account, a: Agreement = agreement, leads = contacts, acts = activities) =>
  evaluateCommitteeCoverage(account, leads, acts, a, { now });

describe('evaluateCommitteeCoverage', () => {
  it('returns each required role’s state, contacts and last engagement, in the requirement’s order', () => {
    const verdict = evaluate(enterprise);
    expect(verdict.roles).toEqual([
      {
        roleId: 'economic_buyer',
        label: 'Economic buyer',
        state: 'engaged',
        contactIds: ['L1', 'L5'],
        lastEngagedAt: nowMs - 3 * DAY,
        detail: 'L1: meeting 3.0 days ago, within 30 days; 2 contacts hold the role',
      },
      {
        roleId: 'champion',
        label: 'Champion',
        state: 'stale',
        contactIds: ['L2'],
        lastEngagedAt: nowMs - 41 * DAY,
        detail: 'L2: call 41.0 days ago, more than 30 days (stale); 1 contact holds the role',
      },
      {
        roleId: 'technical_evaluator',
        label: 'Technical evaluator',
        state: 'unengaged',
        contactIds: ['L3'],
        lastEngagedAt: null,
        detail: 'L3 holds the role but had no meeting, call or email',
      },
      {
        roleId: 'procurement',
        label: 'Procurement',
        state: 'missing',
        contactIds: [],
        lastEngagedAt: null,
        detail:
          "none of the account's 4 contacts meets the role's rule: attributes.title matches /\\b(procurement|purchasing|sourcing)\\b/i",
      },
    ]);
  });

  it('returns the requirement, coverage as engaged ÷ required, and role ids by state', () => {
    const { roles, ...rest } = evaluate(enterprise);
    expect(rest).toEqual({
      accountId: 'A1',
      requirementId: 'enterprise',
      requirementLabel: 'Enterprise committee',
      coverage: 0.25,
      engaged: 1,
      required: 4,
      missing: ['procurement'],
      stale: ['champion'],
      unengaged: ['technical_evaluator'],
    });
  });

  it('never quotes names, e-mails, companies or titles, only lead ids', () => {
    const text = evaluate(enterprise)
      .roles.map((r) => r.detail)
      .join('\n');
    for (const c of contacts) {
      expect(text).not.toContain(c.email);
      expect(text).not.toContain(String(c.attributes?.title));
      expect(text).not.toContain(String(c.attributes?.fullName));
    }
    expect(text).not.toContain('Northwind');
  });

  it('counts engagement exactly staleAfterDays old as engaged, and a millisecond older as stale', () => {
    const at = (ms: number): Activity[] => [{ id: 'y1', leadId: 'L2', type: 'email', at: nowMs - ms }];
    const champion = (acts: Activity[]) => evaluate(enterprise, agreement, contacts, acts).roles[1]?.state;
    expect(champion(at(30 * DAY))).toBe('engaged');
    expect(champion(at(30 * DAY + 1))).toBe('stale');
  });

  it('lists the role’s contacts most recently engaged first, then by id', () => {
    const leads = [contact('L8', 'A1', 'CEO'), contact('L7', 'A1', 'COO'), contact('L6', 'A1', 'Chief of Staff')];
    const acts: Activity[] = [
      { id: 'z1', leadId: 'L6', type: 'call', at: ago(20) },
      { id: 'z2', leadId: 'L8', type: 'call', at: ago(5) },
    ];
    const role = evaluate(enterprise, agreement, leads, acts).roles[0];
    expect(role?.contactIds).toEqual(['L8', 'L6', 'L7']);
    expect(role?.detail).toBe('L8: call 5.0 days ago, within 30 days; 3 contacts hold the role');
  });

  it('picks the first requirement that applies, with its own roles and stale window', () => {
    const mid = evaluate({ id: 'A1', segment: 'mid_market' });
    expect(mid).toMatchObject({ requirementId: 'mid_market', required: 3, engaged: 2 });
    expect(mid.roles.map((r) => [r.roleId, r.state])).toEqual([
      ['economic_buyer', 'engaged'],
      ['champion', 'engaged'], // 41 days ≤ 45
      ['technical_evaluator', 'unengaged'],
    ]);
    const smb = evaluate({ id: 'A1', segment: 'smb' });
    expect(smb).toMatchObject({ requirementId: 'smb', coverage: 1, engaged: 1, required: 1 });
  });

  it('reads the account’s target tier as `tier` in appliesTo', () => {
    const byTier: Agreement = {
      ...agreement,
      targetAccounts: { tiers: [{ id: 'named', label: 'Named', accountIds: ['A1'] }] },
      buyingCommittee: {
        roles: committee.roles,
        requirements: [
          {
            id: 'named',
            label: 'Named accounts',
            appliesTo: { field: 'tier', op: 'eq', value: 'named' },
            roles: ['economic_buyer', 'technical_evaluator'],
            staleAfterDays: 7,
          },
          {
            id: 'untargeted',
            label: 'Untargeted',
            appliesTo: { field: 'tier', op: 'eq', value: null },
            roles: ['champion'],
            staleAfterDays: 60,
          },
        ],
      },
    };
    const named = evaluate({ id: 'A1' }, byTier);
    expect(named).toMatchObject({ requirementId: 'named', coverage: 1, engaged: 2 });
    // Without activityTypes any activity counts: L3's note engages the technical evaluator.
    expect(named.roles[1]?.detail).toBe('L3: note 1.0 days ago, within 7 days; 1 contact holds the role');
    expect(evaluate({ id: 'A2' }, byTier)).toMatchObject({ requirementId: 'untargeted', coverage: 0 });
  });

  it('says "no activity" when the requirement counts any activity type and there is none', () => {
    const anyType: Agreement = {
      ...agreement,
      buyingCommittee: {
        roles: committee.roles,
        requirements: [{ id: 'all', label: 'All', roles: ['technical_evaluator'], staleAfterDays: 30 }],
      },
    };
    expect(evaluate(enterprise, anyType, contacts, []).roles[0]?.detail).toBe('L3 holds the role but had no activity');
  });

  it('says so when the account has no contacts', () => {
    const verdict = evaluate({ id: 'A3', segment: 'smb' });
    expect(verdict.roles[0]).toMatchObject({ state: 'missing', contactIds: [] });
    expect(verdict.roles[0]?.detail).toMatch(
      /^the account has no contacts to hold the role \(attributes\.title matches \/.+\/i\)$/,
    );
    expect(verdict.coverage).toBe(0);
  });

  it('returns no requirement and null coverage when none applies or there is no committee', () => {
    const none = {
      requirementId: null,
      requirementLabel: null,
      roles: [],
      coverage: null,
      engaged: 0,
      required: 0,
      missing: [],
      stale: [],
      unengaged: [],
    };
    expect(evaluate(enterprise, defaultAgreement)).toEqual({ accountId: 'A1', ...none });
    const enterpriseOnly: Agreement = {
      ...agreement,
      buyingCommittee: { roles: committee.roles, requirements: committee.requirements.slice(0, 1) },
    };
    expect(evaluate({ id: 'A9', segment: 'smb' }, enterpriseOnly)).toEqual({ accountId: 'A9', ...none });
  });

  it('throws unknown_role, with the path, for an unparsed agreement naming an undefined role', () => {
    const broken: Agreement = {
      ...agreement,
      buyingCommittee: {
        roles: committee.roles,
        requirements: [
          { id: 'enterprise', label: 'Enterprise', roles: ['economic_buyer'], staleAfterDays: 30 },
          { id: 'smb', label: 'SMB', roles: ['champion', 'cfo'], staleAfterDays: 60 },
        ],
      },
    };
    let error: unknown;
    try {
      evaluate({ id: 'A1', segment: 'enterprise' }, broken);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AccordError);
    expect((error as AccordError).issues).toEqual([
      expect.objectContaining({
        code: 'unknown_role',
        path: ['buyingCommittee', 'requirements', 1, 'roles', 1],
        roleId: 'cfo',
        message: expect.stringMatching(/^Unknown buying role "cfo"; the agreement's roles are /),
      }),
    ]);
  });

  it('throws when now is not a valid instant', () => {
    expect(() => evaluateCommitteeCoverage(enterprise, contacts, activities, agreement, { now: 'later' })).toThrow(
      /^\[accord\] options\.now/,
    );
  });
});

// Random committees: up to 7 contacts over two accounts, activities up to 90 days old (some after now).
const TITLES = [
  'CFO',
  'VP Sales',
  'Director of Revenue Operations',
  'Sales Ops Manager',
  'Solutions Architect',
  'IT Admin',
  'Procurement Specialist',
  'Intern',
  undefined,
];
const ROLE_TITLE: Record<string, string> = {
  economic_buyer: 'CFO',
  champion: 'Director of Sales Operations',
  technical_evaluator: 'Solutions Architect',
  procurement: 'Procurement Specialist',
};
const world = fc
  .record({
    segment: fc.constantFrom('enterprise', 'mid_market', 'smb'),
    people: fc.array(fc.record({ title: fc.constantFrom(...TITLES), accountId: fc.constantFrom('A1', 'A1', 'A2') }), {
      maxLength: 7,
    }),
    acts: fc.array(
      fc.record({
        who: fc.nat(6),
        type: fc.constantFrom('meeting', 'call', 'email', 'note'),
        hours: fc.integer({ min: -48, max: 2160 }),
      }),
      { maxLength: 14 },
    ),
  })
  .map(({ segment, people, acts }) => {
    const leads = people.map((p, i) => contact(`L${i}`, p.accountId, p.title));
    return {
      account: { id: 'A1', segment } as Account,
      leads,
      activities: acts
        .filter((a) => a.who < leads.length)
        .map((a, i): Activity => ({ id: `x${i}`, leadId: `L${a.who}`, type: a.type, at: nowMs - a.hours * 3_600_000 })),
    };
  });

describe('evaluateCommitteeCoverage (properties)', () => {
  it('keeps coverage in [0, 1] with every required role in exactly one state', () => {
    fc.assert(
      fc.property(world, ({ account, leads, activities: acts }) => {
        const v = evaluateCommitteeCoverage(account, leads, acts, agreement, { now });
        expect(v.coverage).not.toBeNull();
        expect(v.coverage).toBeGreaterThanOrEqual(0);
        expect(v.coverage).toBeLessThanOrEqual(1);
        expect(v.coverage).toBe(v.engaged / v.required);
        expect(v.engaged + v.stale.length + v.unengaged.length + v.missing.length).toBe(v.required);
        for (const r of v.roles)
          expect(r.contactIds.every((id) => leads.find((l) => l.id === id)?.accountId === 'A1')).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('does not depend on the order of contacts or activities', () => {
    fc.assert(
      fc.property(world, fc.infiniteStream(fc.nat()), ({ account, leads, activities: acts }, seeds) => {
        const shuffle = <T>(xs: readonly T[]) =>
          xs
            .map((x) => ({ x, k: seeds.next().value as number }))
            .sort((a, b) => a.k - b.k)
            .map(({ x }) => x);
        expect(evaluateCommitteeCoverage(account, shuffle(leads), shuffle(acts), agreement, { now })).toEqual(
          evaluateCommitteeCoverage(account, leads, acts, agreement, { now }),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('never lowers coverage when an engaged contact in a required role is added', () => {
    fc.assert(
      fc.property(world, fc.nat(3), fc.constantFrom('meeting', 'call', 'email'), fc.nat(29), (w, pick, type, days) => {
        const before = evaluateCommitteeCoverage(w.account, w.leads, w.activities, agreement, { now });
        const roleId = before.roles[pick % before.roles.length]?.roleId as string;
        const newcomer = contact('L99', 'A1', ROLE_TITLE[roleId]);
        const after = evaluateCommitteeCoverage(
          w.account,
          [...w.leads, newcomer],
          [...w.activities, { id: 'x99', leadId: 'L99', type, at: ago(days) }],
          agreement,
          { now },
        );
        expect(after.coverage as number).toBeGreaterThanOrEqual(before.coverage as number);
        expect(after.roles.find((r) => r.roleId === roleId)?.state).toBe('engaged');
      }),
      { numRuns: 200 },
    );
  });
});
