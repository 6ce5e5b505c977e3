import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { offsetMinutes } from '../_lib/zonedParts';
import type { Agreement, CalendarDefinition, Pool, RoutingRule, Territory } from '../agreement/agreement.types';
import type { Rule } from '../criteria/criteria.types';
import type { Lead } from '../records/records.types';
import { calendarClock } from '../sla/_calendarTable';
import { CLOCK_MAX, CLOCK_MIN, clockHours, readHour } from './_clockHours';
import { createAccountDirectory } from './createAccountDirectory';
import { createRouter } from './createRouter';
import { createRoutingState } from './createRoutingState';
import { routeLead } from './routeLead';
import type { RoutingState } from './routing.types';

const weekdays = (open: string, close: string) => ({
  mon: [[open, close]] as [string, string][],
  tue: [[open, close]] as [string, string][],
  wed: [[open, close]] as [string, string][],
  thu: [[open, close]] as [string, string][],
  fri: [[open, close]] as [string, string][],
});
const everyDay = (intervals: [string, string][]) => ({
  mon: intervals,
  tue: intervals,
  wed: intervals,
  thu: intervals,
  fri: intervals,
  sat: intervals,
  sun: intervals,
});

/** Whole and half-hour zones, DST changes in March and April, overnight shifts, holidays, 24/7. */
const calendars: Record<string, CalendarDefinition> = {
  ny: { timezone: 'America/New_York', week: weekdays('09:00', '17:00'), holidays: ['2026-03-10'] },
  london: { timezone: 'Europe/London', week: weekdays('08:30', '18:00') },
  kolkata: { timezone: 'Asia/Kolkata', week: weekdays('10:00', '19:00') },
  lordHowe: { timezone: 'Australia/Lord_Howe', week: everyDay([['07:00', '23:30']]) },
  nights: {
    timezone: 'America/Los_Angeles',
    week: everyDay([
      ['00:00', '06:00'],
      ['22:00', '24:00'],
    ]),
  },
  split: {
    timezone: 'Europe/Berlin',
    week: everyDay([
      ['08:00', '12:00'],
      ['13:15', '17:45'],
    ]),
  },
  always: { timezone: 'UTC', alwaysOpen: true },
};
const calendarIds = Object.keys(calendars);

/** An agreement whose one rule sends every lead to pool `p` with these members. */
const onePool = (id: string, members: Pool['members']): Agreement => ({
  id,
  version: '1',
  timezone: 'UTC',
  stages: [{ id: 'lead', label: 'Lead', owner: 'marketing' }],
  transitions: { backward: 'deny', allowSkip: true },
  calendars,
  routing: { rules: [{ id: 'all', assign: { pool: 'p' } }], pools: [{ id: 'p', members }], fallbackQueue: 'triage' },
});

/** An agreement whose rules send leads to queues (no pools): for comparing the untraced path with a trace. */
const queueRules = (id: string, rules: RoutingRule[]): Agreement =>
  ({
    id,
    version: '1',
    timezone: 'UTC',
    stages: [{ id: 'lead', label: 'Lead', owner: 'marketing' }],
    transitions: { backward: 'deny', allowSkip: true },
    routing: { rules, pools: [], fallbackQueue: 'triage' },
  }) as Agreement;

const fieldRule: fc.Arbitrary<Rule> = fc.oneof(
  fc.record({
    field: fc.constantFrom('source', 'segment', 'region'),
    op: fc.constant('eq' as const),
    value: fc.constantFrom('web', 'partner', 'smb', 'enterprise', 'emea', '', null),
  }),
  fc.record(
    {
      field: fc.constantFrom('source', 'segment'),
      op: fc.constantFrom('in' as const, 'nin' as const),
      value: fc.subarray(['web', 'partner', 'smb', 'enterprise', 'mid_market', '', null], { minLength: 1 }),
      ignoreCase: fc.boolean(),
    },
    { requiredKeys: ['field', 'op', 'value'] },
  ),
  fc.record({
    field: fc.constant('attributes.employees'),
    op: fc.constantFrom('gte' as const, 'lt' as const),
    value: fc.constantFrom(10, 500, 5000),
  }),
  fc.record({
    field: fc.constant('source'),
    op: fc.constant('eq' as const),
    value: fc.constant('WEB'),
    ignoreCase: fc.constant(true),
  }),
);
const when: fc.Arbitrary<Rule | undefined> = fc.oneof(
  fc.constant(undefined),
  fieldRule,
  fc.record({ all: fc.array(fieldRule, { minLength: 1, maxLength: 3 }) }),
  fc.record({ any: fc.array(fieldRule, { minLength: 1, maxLength: 2 }) }),
  fc.record({ not: fieldRule }),
);

const poolIds = ['p0', 'p1', 'p2'];
const pools: fc.Arbitrary<Pool[]> = fc
  .array(
    fc.record(
      {
        afterHours: fc.constantFrom('fallback' as const, 'next_shift' as const),
        members: fc.array(
          fc.record(
            {
              weight: fc.constantFrom(0.5, 1, 1.5, 2, 3),
              calendar: fc.constantFrom(...calendarIds),
              capPerDay: fc.integer({ min: 0, max: 3 }),
              capPerWeek: fc.integer({ min: 1, max: 6 }),
            },
            { requiredKeys: [] },
          ),
          { maxLength: 9 },
        ),
      },
      { requiredKeys: ['members'] },
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((list) =>
    list.map((p, pi) => ({
      ...p,
      id: poolIds[pi] as string,
      members: p.members.map((m, mi) => ({ ...m, userId: `p${pi}_u${mi}` })),
    })),
  );
const rules: fc.Arbitrary<RoutingRule[]> = fc
  .array(
    fc.record(
      {
        when,
        assign: fc.oneof(
          fc.record({ pool: fc.constantFrom(...poolIds, 'ghost') }),
          fc.record({ queue: fc.constant('review') }),
          fc.record({ user: fc.constant('boss') }),
          fc.record({ territory: fc.constant(true as const) }),
          fc.record({ accountOwner: fc.constant(true as const) }),
        ),
      },
      { requiredKeys: ['assign'] },
    ),
    { minLength: 1, maxLength: 7 },
  )
  .map((list) => list.map((r, i) => ({ ...r, id: `r${i}` }) as RoutingRule));
const territories: fc.Arbitrary<Territory[]> = fc.array(
  fc
    .record(
      {
        regions: fc.subarray(['na', 'emea', 'apac'], { minLength: 1 }),
        segments: fc.subarray(['smb', 'mid_market', 'enterprise'], { minLength: 1 }),
        pool: fc.constantFrom(...poolIds, 'ghost'),
      },
      { requiredKeys: ['pool'] },
    )
    .map((t) => ({ ...t, id: 't' })),
  { maxLength: 4 },
);
const agreements: fc.Arbitrary<Agreement> = fc
  .record({ rules, territories, pools })
  .map(({ rules, territories, pools }) => ({
    id: 'random',
    version: '1',
    timezone: 'America/Chicago',
    stages: [{ id: 'lead', label: 'Lead', owner: 'marketing' }],
    transitions: { backward: 'deny', allowSkip: true },
    calendars,
    routing: {
      rules,
      territories: territories.map((t, i) => ({ ...t, id: `t${i}` })),
      pools,
      fallbackQueue: 'triage',
    },
  }));

const accounts = createAccountDirectory([
  { id: 'A1', ownerId: 'ae_1', domain: 'northwind.co.uk' },
  { id: 'A2' },
  { id: 'A3', ownerId: 'ae_3' },
]);
const noDomains = { byId: accounts.byId, byDomain: new Map() };
const leads: fc.Arbitrary<Lead> = fc
  .record(
    {
      source: fc.constantFrom('web', 'partner', 'WEB', '', 'events'),
      segment: fc.constantFrom('smb', 'mid_market', 'enterprise', ''),
      region: fc.constantFrom('na', 'emea', 'apac', 'latam'),
      accountId: fc.constantFrom('A1', 'A2', 'A3', 'A9'),
      email: fc.constantFrom('kim@northwind.co.uk', 'kim@gmail.com', 'kim@sales.northwind.co.uk'),
      attributes: fc.record({ employees: fc.constantFrom(5, 700, 9000, '9000' as never) }, { requiredKeys: [] }),
    },
    { requiredKeys: [] },
  )
  .map((l) => ({ id: 'L', createdAt: 0, ...l }) as Lead);
/** Minutes from 2026-03-01: US DST starts on 8 March, European on 29 March, Lord Howe's ends on 5 April. */
const START = Date.UTC(2026, 2, 1);
const steps = fc.array(
  fc.record({
    lead: leads,
    minutes: fc.integer({ min: 0, max: 40 * 24 * 60 }),
    away: fc.subarray(['p0_u0', 'p0_u1', 'p1_u0', 'p2_u2', 'boss']),
  }),
  { minLength: 1, maxLength: 120 },
);

describe('createRouter without a trace', () => {
  it('takes the same decisions, and ends in the same state, as with a trace (property)', () => {
    fc.assert(
      fc.property(agreements, steps, fc.boolean(), (agreement, steps, domains) => {
        const directory = domains ? accounts : noDomains;
        const quiet = createRouter(agreement, { accounts: directory });
        const traced = createRouter(agreement, { accounts: directory });
        for (const step of steps) {
          const now = START + step.minutes * 60_000;
          const outOfOffice = step.away.length > 0 ? step.away : undefined;
          const expected = traced.route(step.lead, { now, outOfOffice, trace: 'summary' });
          const actual = quiet.route(step.lead, { now, outOfOffice });
          expect(actual).toEqual({
            assignee: expected.assignee,
            ruleId: expected.ruleId,
            poolId: expected.poolId,
            trace: [],
          });
        }
        expect(quiet.state()).toEqual(traced.state());
      }),
      { numRuns: 300 },
    );
  });

  it('takes the same decisions as routeLead with a full trace, from saved states (property)', () => {
    fc.assert(
      fc.property(agreements, steps, (agreement, steps) => {
        let explained: RoutingState = createRoutingState();
        let quiet: RoutingState = createRoutingState();
        for (const step of steps) {
          const options = { now: START + step.minutes * 60_000, accounts, outOfOffice: step.away };
          const a = routeLead(step.lead, explained, agreement, options);
          const b = routeLead(step.lead, quiet, agreement, { ...options, trace: 'none' });
          expect([b.assignee, b.ruleId, b.poolId]).toEqual([a.assignee, a.ruleId, a.poolId]);
          explained = a.nextState;
          quiet = JSON.parse(JSON.stringify(b.nextState));
        }
        expect(quiet).toEqual(JSON.parse(JSON.stringify(explained)));
      }),
      { numRuns: 100 },
    );
  });

  it('picks the same rule as with a trace when many rules compare the same fields (property)', () => {
    const value = fc.constantFrom<string | number | null>('web', 'WEB', 'partner', '', null, 5, 0);
    const leadValue = fc.constantFrom<string | number | null>('web', 'WEB', 'partner', '', null, 5, -0, Number.NaN);
    const comparison = fc.oneof(
      fc.record(
        {
          field: fc.constantFrom('source', 'attributes.tier'),
          op: fc.constantFrom('eq' as const, 'ne' as const),
          value,
          ignoreCase: fc.boolean(),
        },
        { requiredKeys: ['field', 'op', 'value'] },
      ),
      fc.record(
        {
          field: fc.constantFrom('source', 'attributes.tier'),
          op: fc.constantFrom('in' as const, 'nin' as const),
          value: fc.uniqueArray(value, { minLength: 1 }),
          ignoreCase: fc.boolean(),
        },
        { requiredKeys: ['field', 'op', 'value'] },
      ),
    );
    const rule = fc.oneof(comparison, fc.record({ all: fc.array(comparison, { minLength: 1, maxLength: 3 }) }));
    const lead = fc
      .record(
        { source: leadValue, attributes: fc.record({ tier: leadValue }, { requiredKeys: [] }) },
        { requiredKeys: [] },
      )
      .map((l) => ({ id: 'L', createdAt: 0, ...l }) as unknown as Lead);
    fc.assert(
      fc.property(
        fc.array(rule, { minLength: 2, maxLength: 12 }),
        fc.array(lead, { maxLength: 30 }),
        (whens, leads) => {
          const agreement = queueRules(
            'rules',
            whens.map((w, i) => ({ id: `r${i}`, when: w, assign: { queue: `q${i}` } })),
          );
          const router = createRouter(agreement);
          for (const l of leads) {
            const expected = router.route(l, { now: 0, trace: 'full' });
            expect(router.route(l, { now: 0 })).toEqual({ ...expected, trace: [] });
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never reads a field through the prototype, like the criteria', () => {
    const agreement = queueRules('proto', [
      { id: 'web', when: { field: 'source', op: 'eq', value: 'web' }, assign: { queue: 'web' } },
      { id: 'partner', when: { field: 'source', op: 'in', value: ['partner'] }, assign: { queue: 'partner' } },
      { id: 'big', when: { field: 'attributes.employees', op: 'gte', value: 10 }, assign: { queue: 'big' } },
    ]);
    const inherited = Object.assign(Object.create({ source: 'web', attributes: { employees: 50 } }), {
      id: 'L',
      createdAt: 0,
    }) as Lead;
    const router = createRouter(agreement);
    expect(router.route(inherited, { now: 0 })).toEqual({
      ...router.route(inherited, { now: 0, trace: 'full' }),
      trace: [],
    });
    expect(router.route(inherited, { now: 0 }).ruleId).toBeNull();
  });

  it('agrees with a trace in a pool of more than 31 members (property)', () => {
    const agreement = onePool(
      'large',
      Array.from({ length: 40 }, (_, i) => ({
        userId: `u${i}`,
        weight: 1 + (i % 3),
        calendar: calendarIds[i % calendarIds.length] as string,
        ...(i % 5 === 0 ? { capPerDay: 2 } : {}),
      })),
    );
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 14 * 24 * 60 }), { maxLength: 100 }), (minutes) => {
        const quiet = createRouter(agreement);
        const traced = createRouter(agreement);
        for (const m of minutes) {
          const now = START + m * 60_000;
          const expected = traced.route({ id: 'L', createdAt: now }, { now, trace: 'summary' });
          expect(quiet.route({ id: 'L', createdAt: now }, { now }).assignee).toEqual(expected.assignee);
        }
        expect(quiet.state()).toEqual(traced.state());
      }),
      { numRuns: 30 },
    );
  });

  it('agrees with a trace when pointers tie, are zero or negative zero, or members come back', () => {
    const agreement = onePool('ties', [
      { userId: 'a', calendar: 'ny' },
      { userId: 'b', weight: 2 },
      { userId: 'c', calendar: 'london', weight: 3 },
      { userId: 'd', calendar: 'kolkata', capPerDay: 2 },
      { userId: 'e' },
    ]);
    const states: RoutingState[] = [
      { pools: { p: { pointers: { a: -0, b: 0, c: 0, d: 2, e: 1 }, absent: ['c'], load: {} } } },
      { pools: { p: { pointers: { a: 1.5, b: 1.5, c: 1.5, d: 1.5 }, absent: ['a'], load: {} } } },
      { pools: { p: { pointers: { a: -3, b: 4, c: 2, e: 2 }, absent: [], load: {} } } },
    ];
    for (const state of states)
      fc.assert(
        fc.property(
          fc.array(
            fc.record({ minutes: fc.integer({ min: 0, max: 14 * 24 * 60 }), away: fc.subarray(['a', 'b', 'e']) }),
            {
              maxLength: 60,
            },
          ),
          (steps) => {
            const quiet = createRouter(agreement, { state });
            const traced = createRouter(agreement, { state });
            for (const { minutes, away } of steps) {
              const now = START + minutes * 60_000;
              const expected = traced.route({ id: 'L', createdAt: now }, { now, outOfOffice: away, trace: 'summary' });
              expect(quiet.route({ id: 'L', createdAt: now }, { now, outOfOffice: away }).assignee).toEqual(
                expected.assignee,
              );
            }
            expect(quiet.state()).toEqual(traced.state());
          },
        ),
        { numRuns: 100 },
      );
  });
});

describe('createRouter without a trace, on its shortcuts', () => {
  it('agrees with a trace when lead fields are inherited, not own (property)', () => {
    // Rules the index can pre-filter (several on source, segment and attributes.tier), leads whose
    // fields sit on the lead, on its prototype, or nowhere (and an attributes object that is itself
    // inherited): only own fields count, however the untraced path reads them.
    const value = fc.constantFrom<string | number>('web', 'partner', 'smb', 'gold', 5, 700);
    const comparison = fc.oneof(
      fc.record({
        field: fc.constantFrom('source', 'segment', 'attributes.tier', 'region'),
        op: fc.constantFrom('eq' as const, 'ne' as const),
        value,
      }),
      fc.record({
        field: fc.constantFrom('source', 'segment', 'attributes.tier'),
        op: fc.constantFrom('in' as const, 'nin' as const),
        value: fc.uniqueArray(value, { minLength: 1, maxLength: 3 }),
      }),
      fc.record({
        field: fc.constantFrom('attributes.employees', 'attributes.tier'),
        op: fc.constantFrom('gte' as const, 'lt' as const),
        value: fc.constantFrom(10, 500, 5000),
      }),
    );
    const when = fc.oneof(comparison, fc.record({ all: fc.array(comparison, { minLength: 1, maxLength: 3 }) }));
    const place = fc.constantFrom('own', 'inherited', 'missing');
    const leadValue = fc.constantFrom<string | number>('web', 'partner', 'smb', 'gold', 5, 700, 9000);
    const lead = fc
      .record({
        source: fc.tuple(place, leadValue),
        segment: fc.tuple(place, leadValue),
        region: fc.tuple(place, leadValue),
        attributes: place,
        tier: fc.tuple(place, leadValue),
        employees: fc.tuple(place, leadValue),
      })
      .map((spec) => {
        const own: Record<string, unknown> = { id: 'L', createdAt: 0 };
        const proto: Record<string, unknown> = {};
        for (const key of ['source', 'segment', 'region'] as const) {
          const [where, v] = spec[key];
          if (where === 'own') own[key] = v;
          else if (where === 'inherited') proto[key] = v;
        }
        const attrsOwn: Record<string, unknown> = {};
        const attrsProto: Record<string, unknown> = {};
        for (const key of ['tier', 'employees'] as const) {
          const [where, v] = spec[key];
          if (where === 'own') attrsOwn[key] = v;
          else if (where === 'inherited') attrsProto[key] = v;
        }
        const attributes = Object.assign(Object.create(attrsProto), attrsOwn);
        if (spec.attributes === 'own') own.attributes = attributes;
        else if (spec.attributes === 'inherited') proto.attributes = attributes;
        return Object.assign(Object.create(proto), own) as Lead;
      });
    fc.assert(
      fc.property(
        fc.array(when, { minLength: 1, maxLength: 10 }),
        fc.array(lead, { maxLength: 25 }),
        (whens, leads) => {
          const agreement = queueRules('inherited', [
            ...whens.map((w, i) => ({ id: `r${i}`, when: w, assign: { queue: `q${i}` } })),
            { id: 'last', when: { field: 'source', op: 'eq', value: 'web' }, assign: { queue: 'web' } },
          ]);
          const router = createRouter(agreement);
          for (const l of leads) {
            const expected = router.route(l, { now: 0, trace: 'full' });
            expect(router.route(l, { now: 0 })).toEqual({ ...expected, trace: [] });
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('agrees with a trace when the rules read more fields than it keeps track of', () => {
    const fields = Array.from({ length: 40 }, (_, i) => `attributes.f${i}`);
    const agreement = queueRules(
      'wide',
      fields.map((field, i) => ({
        id: `r${i}`,
        when: {
          all: [
            { field, op: 'gte', value: 3 },
            { field: 'source', op: 'in', value: ['web', `s${i % 3}`] },
          ],
        },
        assign: { queue: `q${i}` },
      })),
    );
    const router = createRouter(agreement);
    fc.assert(
      fc.property(
        fc.record({
          source: fc.constantFrom('web', 's0', 's1', 's2', 'x'),
          attributes: fc.dictionary(fc.constantFrom(...fields.map((f) => f.slice(11))), fc.integer({ min: 0, max: 5 })),
        }),
        (l) => {
          const lead = { id: 'L', createdAt: 0, ...l } as Lead;
          const expected = router.route(lead, { now: 0, trace: 'summary' });
          expect(router.route(lead, { now: 0 })).toEqual({ ...expected, trace: [] });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('agrees with a trace on caps across local midnights and week starts, absences and returns (property)', () => {
    // Members open around the clock in zones whose days start at odd UTC times (+05:45, -03:30,
    // +12:45/+13:45, a half-hour DST), daily and weekly caps of a few leads, members away now and
    // then: caps roll over at each member's local midnight and Monday, absent members come back.
    const zones = ['Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham', 'Australia/Lord_Howe', 'Europe/London'];
    const local = Object.fromEntries(
      zones.map((timezone, i) => [`z${i}`, { timezone, week: everyDay([['00:00', '24:00']]) } as CalendarDefinition]),
    );
    const agreementOf = (members: Pool['members'], afterHours: Pool['afterHours']): Agreement => ({
      ...onePool('caps', members),
      calendars: { ...calendars, ...local },
      routing: {
        rules: [{ id: 'all', assign: { pool: 'p' } }],
        pools: [{ id: 'p', members, afterHours }],
        fallbackQueue: 'triage',
      },
    });
    const member = fc.record(
      {
        weight: fc.constantFrom(1, 2, 3),
        calendar: fc.constantFrom(...Object.keys(local), 'ny', 'kolkata'),
        capPerDay: fc.integer({ min: 0, max: 3 }),
        capPerWeek: fc.integer({ min: 1, max: 8 }),
      },
      { requiredKeys: ['calendar'] },
    );
    // Steps of minutes to hours, over about three weeks (DST in Lord Howe and London included).
    const START_CAPS = Date.UTC(2026, 2, 20);
    fc.assert(
      fc.property(
        fc.array(member, { minLength: 1, maxLength: 8 }),
        fc.constantFrom('fallback' as const, 'next_shift' as const),
        fc.array(
          fc.record({
            step: fc.integer({ min: 1, max: 9 * 60 }),
            away: fc.subarray(['u0', 'u1', 'u2', 'u3']),
          }),
          { maxLength: 150 },
        ),
        (list, afterHours, steps) => {
          const agreement = agreementOf(
            list.map((m, i) => ({ ...m, userId: `u${i}` })),
            afterHours,
          );
          const quiet = createRouter(agreement);
          const traced = createRouter(agreement);
          let now = START_CAPS;
          for (const { step, away } of steps) {
            now += step * 60_000;
            const lead = { id: 'L', createdAt: now } as Lead;
            const outOfOffice = away.length > 0 ? away : undefined;
            const expected = traced.route(lead, { now, outOfOffice, trace: 'summary' });
            expect(quiet.route(lead, { now, outOfOffice })).toEqual({ ...expected, trace: [] });
          }
          expect(quiet.state()).toEqual(traced.state());
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('clockHours', () => {
  const zones = ['America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC'];
  it('marks an hour open, closed or one zone’s day only when it holds at every instant of the hour (property)', () => {
    const clocks = calendarIds.map((id) => calendarClock(calendars[id] as CalendarDefinition));
    const table = clockHours(clocks, zones);
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2025, 9, 1), max: Date.UTC(2027, 3, 1) }),
        fc.integer({ min: 0, max: 3_599_999 }),
        (t, within) => {
          const other = t - (((t % 3_600_000) + 3_600_000) % 3_600_000) + within;
          readHour(table, t);
          const { clockWord, zoneWord } = table;
          clocks.forEach((clock, c) => {
            if (((clockWord >>> (2 * c)) & 1) === 0) return;
            const open = ((clockWord >>> (2 * c + 1)) & 1) === 1;
            expect(clock.isOpen(t)).toBe(open);
            expect(clock.isOpen(other)).toBe(open);
          });
          zones.forEach((zone, z) => {
            const known = (zoneWord >>> (2 * z)) & 3;
            if (known === 0) return;
            for (const u of [t, other])
              expect(Math.floor(u / 86_400_000) + known - 2).toBe(
                Math.floor((u + offsetMinutes(zone, u) * 60_000) / 86_400_000),
              );
          });
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('knows most hours, and nothing outside the calendars’ range', () => {
    const table = clockHours([calendarClock(calendars.ny as CalendarDefinition)], ['Asia/Kolkata']);
    readHour(table, Date.UTC(2026, 2, 2, 15, 20));
    expect([table.clockWord, table.zoneWord]).toEqual([3, 2]);
    readHour(table, Date.UTC(2026, 2, 2, 18, 40)); // 00:10 in Kolkata: midnight falls inside the hour
    expect([table.clockWord, table.zoneWord]).toEqual([3, 0]);
    readHour(table, Date.UTC(2026, 2, 2, 23, 40)); // closed in New York, the next day in Kolkata
    expect([table.clockWord, table.zoneWord]).toEqual([1, 3]);
    for (const t of [CLOCK_MIN - 1, CLOCK_MAX - 1]) {
      readHour(table, t);
      expect([table.clockWord, table.zoneWord]).toEqual([0, 0]);
    }
  });
});
