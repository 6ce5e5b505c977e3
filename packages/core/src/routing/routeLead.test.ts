import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Agreement } from '../agreement/agreement.types';
import { defaultAgreement } from '../agreement/defaultAgreement';
import { parseAgreement, safeParseAgreement } from '../agreement/parseAgreement';
import type { Lead } from '../records/records.types';
import { validateRecords } from '../records/validateRecords';
import { generateSample } from '../sample/generateSample';
import { auditRouting } from './auditRouting';
import { createAccountDirectory } from './createAccountDirectory';
import { createRouter } from './createRouter';
import { createRoutingState } from './createRoutingState';
import { lintRouting } from './lintRouting';
import { matchLeadToAccount } from './matchLeadToAccount';
import { replayRouting } from './replayRouting';
import { routeLead } from './routeLead';
import type { RoutingState } from './routing.types';

const base: Agreement = {
  id: 'routing-test',
  version: '1',
  timezone: 'America/New_York',
  stages: [{ id: 'lead', label: 'Lead', owner: 'marketing' }],
  transitions: { backward: 'deny', allowSkip: true },
  calendars: {
    ny: {
      timezone: 'America/New_York',
      week: {
        mon: [['09:00', '17:00']],
        tue: [['09:00', '17:00']],
        wed: [['09:00', '17:00']],
        thu: [['09:00', '17:00']],
        fri: [['09:00', '17:00']],
      },
    },
  },
  routing: {
    rules: [
      { id: 'accounts', assign: { accountOwner: true } },
      { id: 'partners', when: { field: 'source', op: 'eq', value: 'partner' }, assign: { user: 'partner_manager' } },
      { id: 'by_region', assign: { territory: true } },
      { id: 'rest', assign: { pool: 'team' } },
    ],
    territories: [{ id: 'emea', regions: ['emea'], pool: 'emea' }],
    pools: [
      { id: 'team', members: [{ userId: 'a', weight: 2 }, { userId: 'b' }, { userId: 'c' }] },
      {
        id: 'emea',
        members: [
          { userId: 'e1', calendar: 'ny' },
          { userId: 'e2', calendar: 'ny', capPerDay: 2 },
        ],
      },
    ],
    fallbackQueue: 'triage',
  },
};
parseAgreement(base);
const monday10 = '2026-03-02T15:00:00Z'; // 10:00 in New York
const lead = (id: string, extra: Partial<Lead> = {}): Lead => ({ id, createdAt: monday10, ...extra });

function routeAll(
  leads: readonly Lead[],
  agreement: Agreement,
  now: string | number = monday10,
  outOfOffice?: string[],
) {
  let state: RoutingState = createRoutingState();
  const assignees: string[] = [];
  for (const l of leads) {
    const r = routeLead(l, state, agreement, { now, trace: 'summary', ...(outOfOffice ? { outOfOffice } : {}) });
    assignees.push(r.assignee.id);
    state = r.nextState;
  }
  return { assignees, state };
}

describe('routeLead', () => {
  it('shares leads 2:1:1 within one lead of 50/25/25 over 10,000 leads', () => {
    const { assignees } = routeAll(
      Array.from({ length: 10_000 }, (_, i) => lead(`L${i}`)),
      base,
    );
    const count = (u: string) => assignees.filter((a) => a === u).length;
    expect(Math.abs(count('a') - 5000)).toBeLessThanOrEqual(1);
    expect(Math.abs(count('b') - 2500)).toBeLessThanOrEqual(1);
    expect(Math.abs(count('c') - 2500)).toBeLessThanOrEqual(1);
  });

  it('is deterministic and never changes the state it is given', () => {
    const state = createRoutingState();
    const frozen = JSON.stringify(state);
    const a = routeLead(lead('L1'), state, base, { now: monday10 });
    const b = routeLead(lead('L1'), state, base, { now: monday10 });
    expect(a).toEqual(b);
    expect(JSON.stringify(state)).toBe(frozen);
    expect(JSON.parse(JSON.stringify(a.nextState))).toEqual(a.nextState);
  });

  it('explains every rule tried and every member skipped', () => {
    const result = routeLead(lead('L1', { region: 'emea' }), createRoutingState(), base, {
      now: monday10,
      outOfOffice: ['e1'],
    });
    expect(result.assignee).toEqual({ type: 'user', id: 'e2' });
    expect(result.trace.map((t) => t.message)).toEqual([
      'Rule "accounts" applies to every lead.',
      'No account directory was given, so no lead can match an account.',
      'Rule "partners" does not match.',
      'Rule "by_region" applies to every lead.',
      'Territory emea → pool emea.',
      'e1 is out of office.',
      'e2 has the lowest pointer (0) among 1 available member(s).',
    ]);
    const partners = result.trace.find((t) => t.step === 'rule' && t.ruleId === 'partners');
    expect(partners?.step === 'rule' && partners.criteria?.[0]?.message).toBe('source is missing, needs = "partner"');
  });

  it('sends the lead to the fallback queue when nobody can take it, and says why', () => {
    const night = '2026-03-03T03:00:00Z'; // 22:00 in New York
    const result = routeLead(lead('L1', { region: 'emea' }), createRoutingState(), base, { now: night });
    expect(result.assignee).toEqual({ type: 'queue', id: 'triage' });
    expect(result.trace.slice(-3).map((t) => t.message)).toEqual([
      'e1 is outside working hours.',
      'e2 is outside working hours.',
      'Nobody in pool emea can take the lead now: it goes to the fallback queue triage.',
    ]);
  });

  it('assigns for the next shift when the pool says so', () => {
    const nextShift = {
      ...base,
      routing: {
        ...base.routing,
        pools: base.routing?.pools.map((p) => (p.id === 'emea' ? { ...p, afterHours: 'next_shift' as const } : p)),
      },
    } as Agreement;
    const result = routeLead(lead('L1', { region: 'emea' }), createRoutingState(), nextShift, {
      now: '2026-03-03T03:00:00Z',
    });
    expect(result.assignee).toEqual({ type: 'user', id: 'e1' });
  });

  it('never exceeds a daily cap, and the cap resets the next local day', () => {
    const { assignees } = routeAll(
      Array.from({ length: 10 }, (_, i) => lead(`L${i}`, { region: 'emea' })),
      base,
      monday10,
      ['e1'],
    );
    expect(assignees.filter((a) => a === 'e2')).toHaveLength(2);
    expect(assignees.slice(2).every((a) => a === 'triage')).toBe(true);
    let state: RoutingState = createRoutingState();
    for (const now of ['2026-03-02T15:00:00Z', '2026-03-02T16:00:00Z', '2026-03-03T15:00:00Z']) {
      const r = routeLead(lead('L', { region: 'emea' }), state, base, { now, outOfOffice: ['e1'] });
      expect(r.assignee.id).toBe('e2');
      state = r.nextState;
    }
  });

  it('does not flood a member who comes back from absence', () => {
    let state: RoutingState = createRoutingState();
    const leadsWhileAway = Array.from({ length: 30 }, (_, i) => lead(`A${i}`));
    for (const l of leadsWhileAway) state = routeLead(l, state, base, { now: monday10, outOfOffice: ['c'] }).nextState;
    const back = routeLead(lead('B0'), state, base, { now: monday10 });
    expect(back.trace.some((t) => t.step === 'member' && t.outcome === 'levelled' && t.userId === 'c')).toBe(true);
    const next: string[] = [];
    state = back.nextState;
    next.push(back.assignee.id);
    for (let i = 1; i < 8; i++) {
      const r = routeLead(lead(`B${i}`), state, base, { now: monday10 });
      next.push(r.assignee.id);
      state = r.nextState;
    }
    // Back at the others' level, c gets its normal share (2 of 8), not a run of catch-up leads.
    expect(next.filter((u) => u === 'c').length).toBeLessThanOrEqual(2);
  });

  it('never picks an unavailable member, never exceeds caps, and always assigns (property)', () => {
    const users = ['a', 'b', 'c'];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            away: fc.subarray(users),
            hour: fc.integer({ min: 0, max: 23 }),
            region: fc.constantFrom('emea', 'na', undefined),
          }),
          { minLength: 1, maxLength: 60 },
        ),
        (steps) => {
          let state: RoutingState = createRoutingState();
          const perDay = new Map<string, number>();
          for (const [i, step] of steps.entries()) {
            const now = Date.UTC(2026, 2, 2, step.hour);
            const l = lead(`L${i}`, step.region ? { region: step.region } : {});
            const r = routeLead(l, state, base, { now, outOfOffice: step.away, trace: 'summary' });
            state = r.nextState;
            expect(['user', 'queue']).toContain(r.assignee.type);
            expect(step.away).not.toContain(r.assignee.id);
            if (r.assignee.id === 'e1' || r.assignee.id === 'e2') expect(step.hour >= 14 && step.hour < 22).toBe(true);
            if (r.assignee.id === 'e2') perDay.set('e2', (perDay.get('e2') ?? 0) + 1);
          }
          expect(perDay.get('e2') ?? 0).toBeLessThanOrEqual(2);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('routes a lead with nothing but an id and a date without throwing', () => {
    const result = routeLead({ id: 'x', createdAt: 0 }, createRoutingState(), base, { now: monday10 });
    expect(result.assignee.type).toBe('user');
    expect(validateRecords('leads', [{}]).issues.map((i) => i.path.join('.'))).toEqual([
      'leads.0.id',
      'leads.0.createdAt',
    ]);
  });
});

describe('createRouter', () => {
  it('takes exactly the decisions routeLead takes, and ends in the same state (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            away: fc.subarray(['a', 'b', 'c', 'e1', 'e2']),
            minutes: fc.integer({ min: 0, max: 14 * 24 * 60 }),
            region: fc.constantFrom('emea', 'na', undefined),
            source: fc.constantFrom('partner', 'web'),
          }),
          { maxLength: 80 },
        ),
        (steps) => {
          let state: RoutingState = createRoutingState();
          const router = createRouter(base);
          const start = Date.UTC(2026, 2, 2);
          for (const [i, step] of steps.entries()) {
            const l = lead(`L${i}`, { source: step.source, ...(step.region ? { region: step.region } : {}) });
            const now = start + step.minutes * 60_000;
            const pure = routeLead(l, state, base, { now, outOfOffice: step.away, trace: 'full' });
            state = pure.nextState;
            const fast = router.route(l, { now, outOfOffice: step.away, trace: 'full' });
            expect(fast).toEqual({
              assignee: pure.assignee,
              ruleId: pure.ruleId,
              poolId: pure.poolId,
              trace: pure.trace,
            });
          }
          expect(router.state()).toEqual(state);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('resumes from a saved state', () => {
    const leads = Array.from({ length: 7 }, (_, i) => lead(`L${i}`));
    const whole = createRouter(base);
    const all = leads.map((l) => whole.route(l, { now: monday10 }).assignee.id);
    const first = createRouter(base);
    const head = leads.slice(0, 3).map((l) => first.route(l, { now: monday10 }).assignee.id);
    const second = createRouter(base, { state: JSON.parse(JSON.stringify(first.state())) });
    const tail = leads.slice(3).map((l) => second.route(l, { now: monday10 }).assignee.id);
    expect([...head, ...tail]).toEqual(all);
  });
});

describe('matchLeadToAccount', () => {
  const accounts = createAccountDirectory([
    { id: 'A1', domain: 'www.Northwind.co.uk', ownerId: 'ae_grace' },
    { id: 'A2', domain: 'gmail.com', ownerId: 'nobody' },
    { id: 'A3', ownerId: 'ae_hiro' },
  ]);

  it('matches by account id, then by registrable e-mail or website domain', () => {
    expect(matchLeadToAccount(lead('1', { accountId: 'A3' }), accounts)).toMatchObject({
      accountId: 'A3',
      by: 'account_id',
    });
    expect(matchLeadToAccount(lead('2', { email: 'kim@mail.northwind.co.uk' }), accounts)).toMatchObject({
      accountId: 'A1',
      domain: 'northwind.co.uk',
      ownerId: 'ae_grace',
    });
    expect(matchLeadToAccount(lead('3', { domain: 'https://shop.northwind.co.uk/about' }), accounts)?.accountId).toBe(
      'A1',
    );
  });

  it('never matches a personal mail domain', () => {
    expect(matchLeadToAccount(lead('4', { email: 'kim@gmail.com' }), accounts)).toBeUndefined();
    expect(accounts.byDomain.has('gmail.com')).toBe(false);
  });

  it('routes to the account owner first', () => {
    const result = routeLead(lead('5', { email: 'kim@northwind.co.uk' }), createRoutingState(), base, {
      now: monday10,
      accounts,
    });
    expect(result).toMatchObject({ assignee: { type: 'user', id: 'ae_grace' }, ruleId: 'accounts' });
  });
});

describe('auditRouting and replayRouting', () => {
  const sample = generateSample({ leads: 2000, seed: 3 });
  const accounts = createAccountDirectory(sample.accounts);

  it('finds owners that today’s rules would not pick, and the rate', () => {
    const audit = auditRouting(sample.leads, defaultAgreement, { now: sample.asOf, accounts });
    expect(audit.checked + audit.unassigned + audit.queueRouted).toBe(sample.leads.length);
    expect(audit.misrouteRate).toBeCloseTo(audit.misroutes.length / audit.checked, 12);
    expect(audit.misroutes.length).toBeGreaterThan(0);
    const first = audit.misroutes[0];
    expect(first?.expected.ids).not.toContain(first?.ownerId);
  });

  it('flags nothing when every owner is what the rules say', () => {
    const routed = sample.leads.map((l) => {
      const r = routeLead(l, createRoutingState(), defaultAgreement, { now: l.createdAt, accounts, trace: 'summary' });
      return r.assignee.type === 'user' ? { ...l, ownerId: r.assignee.id } : { ...l, ownerId: undefined };
    });
    expect(auditRouting(routed, defaultAgreement, { now: sample.asOf, accounts }).misroutes).toEqual([]);
  });

  it('tells what a routing change would move, rule by rule', () => {
    const candidate = {
      ...defaultAgreement,
      routing: {
        ...defaultAgreement.routing,
        rules: (defaultAgreement.routing?.rules ?? []).filter((r) => r.id !== 'enterprise'),
      },
    } as Agreement;
    const now = replayRouting(sample.leads, defaultAgreement, { now: sample.asOf, accounts });
    const whatIf = replayRouting(sample.leads, candidate, { now: sample.asOf, accounts });
    expect(whatIf.byRule.enterprise).toBeUndefined();
    expect(now.byRule.enterprise).toBeGreaterThan(0);
    expect(whatIf.changed.length + whatIf.unchanged).toBe(sample.leads.length);
  });
});

describe('lintRouting', () => {
  it('finds unreachable rules, overlapping territories, empty and unused pools', () => {
    const messy = {
      ...base,
      routing: {
        rules: [
          { id: 'big', when: { field: 'segment', op: 'eq', value: 'enterprise' }, assign: { pool: 'team' } },
          { id: 'big_again', when: { field: 'segment', op: 'eq', value: 'enterprise' }, assign: { pool: 'emea' } },
          { id: 'regions', assign: { territory: true } },
          { id: 'everyone', assign: { queue: 'triage' } },
          { id: 'never', assign: { pool: 'team' } },
        ],
        territories: [
          { id: 'europe', regions: ['emea'], pool: 'emea' },
          { id: 'emea_smb', regions: ['emea'], segments: ['smb'], pool: 'empty' },
        ],
        pools: [
          ...(base.routing?.pools ?? []),
          { id: 'empty', members: [] },
          { id: 'idle', members: [{ userId: 'z' }] },
        ],
        fallbackQueue: 'triage',
      },
    } as Agreement;
    expect(lintRouting(messy).map((f) => [f.severity, f.code, f.path.join('.')])).toEqual([
      ['error', 'unreachable_rule', 'routing.rules.1'],
      ['error', 'unreachable_rule', 'routing.rules.4'],
      ['error', 'empty_pool', 'routing.pools.2.members'],
      ['warning', 'overlapping_territories', 'routing.territories.1'],
      ['warning', 'unused_pool', 'routing.pools.3'],
    ]);
  });

  it('warns about pools nobody works for during SLA hours, and about a missing catch-all', () => {
    const messages = lintRouting(defaultAgreement as Agreement).map((f) => f.message);
    expect(messages).toContain(
      'Pool "apac_sales" has nobody working Mon 09:00–17:00, Tue 09:00–17:00, Wed 09:00–17:00, Thu 09:00–17:00, Fri 09:00–17:00 (America/New_York), when SLA clocks run: its leads wait.',
    );
    expect(lintRouting(base).map((f) => f.code)).not.toContain('no_catch_all');
    const noCatchAll = { ...base, routing: { ...base.routing, rules: base.routing?.rules.slice(0, 2) } } as Agreement;
    expect(lintRouting(noCatchAll).map((f) => f.code)).toContain('no_catch_all');
  });
});

describe('bad routing configuration', () => {
  it('reports unknown pools, weights ≤ 0 and negative caps with their paths', () => {
    const broken = JSON.parse(JSON.stringify(base));
    broken.routing.rules[3].assign.pool = 'ghost';
    broken.routing.pools[0].members[0].weight = 0;
    broken.routing.pools[1].members[1].capPerDay = -1;
    const issues = safeParseAgreement(broken).error?.issues.map((i) => [i.code, i.path.join('.')]);
    expect(issues).toEqual([
      ['too_small', 'routing.pools.0.members.0.weight'],
      ['too_small', 'routing.pools.1.members.1.capPerDay'],
    ]);
    broken.routing.pools[0].members[0].weight = 1;
    broken.routing.pools[1].members[1].capPerDay = 1;
    expect(safeParseAgreement(broken).error?.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['unknown_pool', 'routing.rules.3.assign.pool'],
    ]);
  });
});
