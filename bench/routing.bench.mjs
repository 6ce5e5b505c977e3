// Lead routing at scale: @accord/core's routeLead against a straightforward router with the same rules
// (criteria re-interpreted from JSON, members sorted each time, hours checked with TZDate), same run,
// identical assignments checked. 20 rules, 10 pools of 20 members, weights, caps and working hours.

import { createRouter, createRoutingState, generateSample, parseAgreement, routeLead, toInstantMs } from '@accord/core';
import { TZDateMini } from '@date-fns/tz';
import { machine, measure, measureInterleaved, ms, peakRssMb, printTable, ratio } from './_lib/measure.mjs';
import { SOURCES } from './_lib/syntheticLeads.mjs';

const DECISIONS = Number(process.env.BENCH_DECISIONS ?? 1_000_000);
const CHECKED = 50_000;
const hours = (open, close) => [[open, close]];
const week = (o, c) => ({ mon: hours(o, c), tue: hours(o, c), wed: hours(o, c), thu: hours(o, c), fri: hours(o, c) });
const zones = ['America/New_York', 'America/Chicago', 'Europe/London', 'Europe/Berlin', 'Asia/Singapore'];
const calendars = Object.fromEntries(zones.map((tz, i) => [`cal${i}`, { timezone: tz, week: week('08:00', '18:00') }]));
const pools = Array.from({ length: 10 }, (_, p) => ({
  id: `pool${p}`,
  members: Array.from({ length: 20 }, (_, m) => ({
    userId: `u${p}_${m}`,
    weight: 1 + (m % 3),
    calendar: `cal${(p + m) % zones.length}`,
    ...(m % 4 === 0 ? { capPerDay: 25 } : {}),
  })),
}));
const sources = SOURCES;
const rules = [
  { id: 'r_account', assign: { accountOwner: true } },
  ...sources.map((s, i) => ({
    id: `r_${s}_ent`,
    when: {
      all: [
        { field: 'source', op: 'eq', value: s },
        { field: 'attributes.employees', op: 'gte', value: 2000 + i * 100 },
      ],
    },
    assign: { pool: `pool${i % 10}` },
  })),
  ...['software', 'healthcare', 'retail', 'logistics', 'media', 'education', 'manufacturing'].map((ind, i) => ({
    id: `r_${ind}`,
    when: {
      all: [
        { field: 'attributes.industry', op: 'eq', value: ind },
        { field: 'segment', op: 'in', value: ['mid_market'] },
      ],
    },
    assign: { pool: `pool${(i + 3) % 10}` },
  })),
  {
    id: 'r_competitor',
    when: { field: 'attributes.isCompetitor', op: 'eq', value: true },
    assign: { queue: 'review' },
  },
  { id: 'r_territory', assign: { territory: true } },
  { id: 'r_rest', assign: { pool: 'pool9' } },
];
const territories = ['na', 'emea', 'apac', 'latam'].flatMap((region, r) =>
  ['smb', 'mid_market', 'enterprise'].map((segment, s) => ({
    id: `t_${region}_${segment}`,
    regions: [region],
    segments: [segment],
    pool: `pool${(r * 3 + s) % 10}`,
  })),
);
const agreement = parseAgreement({
  id: 'bench',
  version: '1',
  timezone: 'America/New_York',
  stages: [{ id: 'lead', label: 'Lead', owner: 'marketing' }],
  transitions: { backward: 'deny', allowSkip: true },
  calendars,
  routing: { rules, territories, pools, fallbackQueue: 'fallback' },
});
if (agreement.routing.rules.length !== 20) throw new Error(`expected 20 rules, got ${agreement.routing.rules.length}`);

console.log(
  `Accord bench — lead routing, ${DECISIONS.toLocaleString('en-US')} decisions, 20 rules, 10 pools × 20 members, weights, caps, 5 time zones (${machine()})`,
);
const { leads: base, accounts: accountList } = generateSample({ leads: 100_000, seed: 1 });
const leads = [];
for (let copy = 0; leads.length < DECISIONS; copy++)
  for (const l of base) if (leads.length < DECISIONS) leads.push(copy === 0 ? l : { ...l, id: `${l.id}-${copy}` });
const nows = Float64Array.from(leads, (l) => toInstantMs(l.createdAt));
const accounts = { byId: new Map(accountList.map((a) => [a.id, a])), byDomain: new Map() };

// --- The peer: the same semantics, written plainly. ---------------------------------------------------
function matches(record, rule) {
  if (rule.all) return rule.all.every((r) => matches(record, r));
  if (rule.any) return rule.any.some((r) => matches(record, r));
  if (rule.not) return !matches(record, rule.not);
  const value = rule.field.split('.').reduce((o, k) => (o != null && Object.hasOwn(o, k) ? o[k] : undefined), record);
  switch (rule.op) {
    case 'eq':
      return value === rule.value;
    case 'in':
      return rule.value.includes(value);
    case 'gte':
      return typeof value === 'number' && value >= rule.value;
  }
  throw new Error(`op ${rule.op}`);
}
function naiveRouter() {
  const pointers = new Map();
  const absent = new Map();
  const load = new Map();
  const isWorking = (calendarId, now) => {
    const d = new TZDateMini(now, calendars[calendarId].timezone);
    return d.getDay() >= 1 && d.getDay() <= 5 && d.getHours() >= 8 && d.getHours() < 18;
  };
  const dayOf = (calendarId, now) => {
    const d = new TZDateMini(now, calendars[calendarId].timezone);
    return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
  };
  const draw = (pool, now) => {
    const avail = pool.members.filter((m) => {
      if (!isWorking(m.calendar, now)) return false;
      if (m.capPerDay === undefined) return true;
      const l = load.get(m.userId);
      return !(l && l.day === dayOf(m.calendar, now) && l.count >= m.capPerDay);
    });
    const wasAbsent = absent.get(pool.id) ?? [];
    absent.set(
      pool.id,
      pool.members.filter((m) => !avail.includes(m)).map((m) => m.userId),
    );
    if (avail.length === 0) return null;
    const isNew = (m) => !pointers.has(m.userId) || wasAbsent.includes(m.userId);
    const stayers = avail.filter((m) => !isNew(m));
    const floor = Math.min(...(stayers.length ? stayers : avail).map((m) => pointers.get(m.userId) ?? 0));
    for (const m of avail) if (isNew(m)) pointers.set(m.userId, Math.max(pointers.get(m.userId) ?? 0, floor));
    const winner = [...avail].sort(
      (a, b) => pointers.get(a.userId) - pointers.get(b.userId) || pool.members.indexOf(a) - pool.members.indexOf(b),
    )[0];
    pointers.set(winner.userId, pointers.get(winner.userId) + 1 / winner.weight);
    if (winner.capPerDay !== undefined) {
      const day = dayOf(winner.calendar, now);
      const l = load.get(winner.userId);
      load.set(winner.userId, { day, count: l && l.day === day ? l.count + 1 : 1 });
    }
    return winner.userId;
  };
  return (lead, now) => {
    for (const rule of rules) {
      if (rule.when && !matches(lead, rule.when)) continue;
      if (rule.assign.accountOwner) {
        const owner = lead.accountId && accounts.byId.get(lead.accountId)?.ownerId;
        if (owner) return owner;
        continue;
      }
      if (rule.assign.queue) return rule.assign.queue;
      let poolId = rule.assign.pool;
      if (rule.assign.territory) {
        poolId = territories.find((t) => t.regions.includes(lead.region) && t.segments.includes(lead.segment))?.pool;
        if (!poolId) continue;
      }
      return (
        draw(
          pools.find((p) => p.id === poolId),
          now,
        ) ?? 'fallback'
      );
    }
    return 'fallback';
  };
}

// --- Same assignments? ---------------------------------------------------------------------------------
{
  let state = createRoutingState();
  const router = createRouter(agreement, { accounts });
  const naive = naiveRouter();
  for (let i = 0; i < CHECKED; i++) {
    const r = routeLead(leads[i], state, agreement, { now: nows[i], accounts, trace: 'summary' });
    state = r.nextState;
    const fast = router.route(leads[i], { now: nows[i] });
    const theirs = naive(leads[i], nows[i]);
    if (r.assignee.id !== theirs || fast.assignee.id !== theirs)
      throw new Error(
        `decision ${i} (${leads[i].id}): routeLead ${r.assignee.id}, createRouter ${fast.assignee.id}, peer ${theirs}`,
      );
  }
}

const results = await measureInterleaved(
  {
    router: () => {
      const router = createRouter(agreement, { accounts });
      let last;
      for (let i = 0; i < DECISIONS; i++) last = router.route(leads[i], { now: nows[i] });
      return last.assignee.id;
    },
    pure: () => {
      let state = createRoutingState();
      let last;
      for (let i = 0; i < DECISIONS; i++) {
        last = routeLead(leads[i], state, agreement, { now: nows[i], accounts, trace: 'none' });
        state = last.nextState;
      }
      return last.assignee.id;
    },
    summary: () => {
      let state = createRoutingState();
      let last;
      for (let i = 0; i < DECISIONS; i++) {
        last = routeLead(leads[i], state, agreement, { now: nows[i], accounts, trace: 'summary' });
        state = last.nextState;
      }
      return last.assignee.id;
    },
  },
  { runs: 5, warmup: 1 },
);
// The peer is slow: timed on fewer decisions, compared per decision.
const PEER = Math.min(DECISIONS, 100_000);
const naive = await measure(
  () => {
    const route = naiveRouter();
    let last;
    for (let i = 0; i < PEER; i++) last = route(leads[i], nows[i]);
    return last;
  },
  { runs: 3, warmup: 1 },
);
const FULL = Math.min(DECISIONS, 100_000);
const full = await measure(
  () => {
    let state = createRoutingState();
    for (let i = 0; i < FULL; i++) state = routeLead(leads[i], state, agreement, { now: nows[i], accounts }).nextState;
    return state;
  },
  { runs: 3, warmup: 1 },
);
printTable(
  [
    { engine: '@accord/core createRouter (state in typed arrays, no trace)', n: DECISIONS, r: results.router },
    { engine: '@accord/core routeLead (pure, new state each time, no trace)', n: DECISIONS, r: results.pure },
    { engine: '@accord/core routeLead (pure, trace of steps)', n: DECISIONS, r: results.summary },
    { engine: 'straightforward router (mutable state, no trace) (peer)', n: PEER, r: naive },
    { engine: '@accord/core routeLead (full trace: every criterion explained)', n: FULL, r: full },
  ],
  [
    { header: 'engine', value: (x) => x.engine },
    { header: 'decisions', right: true, value: (x) => x.n.toLocaleString('en-US') },
    { header: 'median', right: true, value: (x) => ms(x.r.median) },
    { header: 'min', right: true, value: (x) => ms(x.r.min) },
    { header: 'per decision', right: true, value: (x) => `${((x.r.median * 1e6) / x.n).toFixed(0)} ns` },
    { header: 'per 1M', right: true, value: (x) => ms((x.r.median / x.n) * 1e6) },
    { header: 'vs peer', right: true, value: (x) => ratio(x.r.median / x.n, naive.median / PEER) },
  ],
);
console.log(
  `  assignments identical (routeLead, createRouter and the peer) on the first ${CHECKED.toLocaleString('en-US')} decisions`,
);
console.log(`  peak RSS of this process: ${peakRssMb()} MB`);
