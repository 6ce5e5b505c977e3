import { splitFieldPath } from '../_lib/fieldPath';
import type { Agreement, CalendarDefinition, Pool, RoutingRule, Territory } from '../agreement/agreement.types';
import { type CompiledNode, compiledRule, type FastTest, fastTest } from '../criteria/_compiled';
import { evaluateCriteria } from '../criteria/evaluateCriteria';
import type { Lead } from '../records/records.types';
import { type CalendarClock, calendarClock } from '../sla/_calendarTable';
import { type ClockHours, clockHours } from './_clockHours';
import {
  type Check,
  checksOf,
  type FieldPlan,
  type FieldSlots,
  fieldPlan,
  fieldSlots,
  type LeadFields,
  MAX_SLOTS,
  slotOf,
} from './_leadFields';
import { matchLeadToAccount } from './matchLeadToAccount';
import type { AccountDirectory, RoutingTraceEntry } from './routing.types';

/** A pool member, compiled: weight, working-hours clock, time zone for caps. */
export interface CompiledMember {
  userId: string;
  weight: number;
  clock: CalendarClock | undefined;
  timeZone: string;
  capPerDay: number | undefined;
  capPerWeek: number | undefined;
}

export interface CompiledPool {
  id: string;
  members: CompiledMember[];
  nextShift: boolean;
  /** The pool's position in {@link RoutingEngine.poolList} (where a router keeps its runtime). */
  index: number;
  // The members again, column by column, for the round robin's hot loop.
  userIds: string[];
  /** `1 / weight`, what a win adds to the pointer. */
  step: Float64Array;
  /** The distinct working-hours clocks of the pool, and each member's (`clocks.length`: always available). */
  clocks: CalendarClock[];
  clockOf: Int32Array;
  /** The agreement's table of open hours, and each pool clock's place in it (-1: not in the table). */
  hours: ClockHours;
  hourSlot: Int32Array;
  /** The distinct time zones of the pool, each member's (for the local day of caps), and their place in `hours`. */
  zones: string[];
  zoneOf: Int32Array;
  zoneSlot: Int32Array;
  /** For pools of at most 31 members: all members, those of each clock slot, and the capped, as bit masks. */
  allMask: number;
  clockMembers: Int32Array;
  cappedMask: number;
  /**
   * By state of the hour table (see `hourAt`): the members off shift all hour, as a bit mask; -1 not
   * worked out yet, -2 when a clock of the pool opens or closes within such hours (asked at the instant).
   */
  closedByState: Int32Array;
  /** 1 when the member has a daily or weekly cap; the caps, `Infinity` when absent. */
  capped: Uint8Array;
  capDay: Float64Array;
  capWeek: Float64Array;
}

/** How a rule assigns, as a number for the untraced path. */
export const ASSIGN_ACCOUNT = 0;
export const ASSIGN_TERRITORY = 1;
export const ASSIGN_POOL = 2;
export const ASSIGN_QUEUE = 3;
export const ASSIGN_USER = 4;

/** A rule compiled for the untraced path: its test, and its assignment resolved. */
export interface FastRule {
  id: string;
  /**
   * The rule's `when`, less what the index has checked: as checks when simple enough (empty:
   * nothing left), else as a compiled test (`checks` undefined).
   */
  checks: readonly Check[] | undefined;
  test: FastTest | undefined;
  kind: number;
  /** The queue or user id, or the pool id (also when no such pool exists). */
  target: string;
  pool: CompiledPool | undefined;
  /**
   * The slots of the indexed fields whose comparisons the index checked for this rule on the lead's
   * values as read through prototypes (see {@link RuleIndex.late}): they must be the lead's own for
   * the rule to match.
   */
  confirm: Int32Array;
}

/**
 * A pre-filter of the rules: fields that many rules require to equal one of a few values (`source eq
 * "webinar"`, `segment in [...]`). From a lead's values of those fields, it gives the rules that can
 * match at all; each is then tested in full, in order. Never decides a rule, only skips rules that
 * cannot match.
 */
interface RuleIndex {
  fields: {
    field: string;
    segments: readonly string[];
    slot: number;
    ids: Map<unknown, number>;
    /** The id of `undefined` (a missing or inherited value): none, unless a rule lists `undefined`. */
    missingId: number | undefined;
    stride: number;
  }[];
  /** Candidate rule indexes by combined key (the sum of each field's value id × stride), built lazily. */
  lists: (Int32Array | undefined)[];
  /** Per field, per rule: the values the rule requires, or undefined (no requirement). */
  required: (ReadonlySet<unknown> | undefined)[][];
  /** Per field: the value of each id (id 0: any other value). */
  values: unknown[][];
  /** The rules before the first one that requires an indexed field: tried before the lead's fields are read. */
  prefix: number;
  /**
   * True when the lead's values are looked up as read through prototypes, and whether they are the
   * lead's own is asked only of a rule about to match ({@link FastRule.confirm}). A value the lead
   * only inherits counts as missing, and a missing value can satisfy no indexed comparison (no rule
   * lists `undefined`): the rules offered for the inherited value include those offered for a
   * missing one, the extra ones failing on confirmation. False (own values looked up) when some
   * rule lists `undefined`.
   */
  late: boolean;
  /** The slots of the objects on the way to the indexed fields (`attributes` for `attributes.industry`). */
  holders: Int32Array;
}
/** An agreement's routing, compiled once. */
export interface RoutingEngine {
  rules: { rule: RoutingRule; test: FastTest | undefined }[];
  territories: readonly Territory[];
  pools: ReadonlyMap<string, CompiledPool>;
  fallback: string;
  /** The distinct pools, by {@link CompiledPool.index}. */
  poolList: readonly CompiledPool[];
  /** The rules for the untraced path, their pre-filter, and the lead fields they read. */
  fastRules: FastRule[];
  fieldSlots: FieldSlots;
  /** The slots as the untraced path reads them (made once the rules are compiled). */
  fieldPlan: FieldPlan;
  ruleIndex: RuleIndex;
  /** Each territory's pool (undefined when no such pool exists), and a memo of cells by region × segment. */
  territoryPools: readonly (CompiledPool | undefined)[];
  territoryMemo: Map<unknown, Map<unknown, number>>;
  territoryMemoSize: number;
}

const engines = new WeakMap<object, RoutingEngine>();
const NO_HOURS = clockHours([], []);

/** Compiles (once per agreement object) the routing rules, territories and pools. */
export function routingEngine(agreement: Pick<Agreement, 'routing' | 'calendars' | 'timezone'>): RoutingEngine {
  let engine = engines.get(agreement);
  if (engine) return engine;
  const routing = agreement.routing ?? { rules: [], pools: [], fallbackQueue: 'unassigned' };
  const calendars = (agreement.calendars ?? {}) as Record<string, CalendarDefinition>;
  const compilePool = (pool: Pool): CompiledPool => {
    const members = pool.members.map((m): CompiledMember => {
      const calendar =
        m.calendar !== undefined && Object.hasOwn(calendars, m.calendar) ? calendars[m.calendar] : undefined;
      return {
        userId: m.userId,
        weight: m.weight ?? 1,
        clock: calendar ? calendarClock(calendar) : undefined,
        timeZone: calendar?.timezone ?? agreement.timezone,
        capPerDay: m.capPerDay,
        capPerWeek: m.capPerWeek,
      };
    });
    const clocks: CalendarClock[] = [];
    const zones: string[] = [];
    const n = members.length;
    const compiled: CompiledPool = {
      id: pool.id,
      nextShift: pool.afterHours === 'next_shift',
      members,
      index: 0,
      userIds: members.map((m) => m.userId),
      step: Float64Array.from(members, (m) => 1 / m.weight),
      clocks,
      clockOf: new Int32Array(n),
      hours: NO_HOURS,
      allMask: 0,
      clockMembers: new Int32Array(0),
      cappedMask: 0,
      closedByState: new Int32Array(0),
      hourSlot: new Int32Array(0),
      zones,
      zoneOf: new Int32Array(n),
      zoneSlot: new Int32Array(0),
      capped: new Uint8Array(n),
      capDay: new Float64Array(n),
      capWeek: new Float64Array(n),
    };
    members.forEach((m, i) => {
      if (m.clock !== undefined && !clocks.includes(m.clock)) clocks.push(m.clock);
      if (!zones.includes(m.timeZone)) zones.push(m.timeZone);
      compiled.zoneOf[i] = zones.indexOf(m.timeZone);
      compiled.capped[i] = m.capPerDay !== undefined || m.capPerWeek !== undefined ? 1 : 0;
      compiled.capDay[i] = m.capPerDay ?? Number.POSITIVE_INFINITY;
      compiled.capWeek[i] = m.capPerWeek ?? Number.POSITIVE_INFINITY;
    });
    // After all clocks are known: members without a calendar point one past the last clock.
    compiled.clockMembers = new Int32Array(clocks.length + 1);
    members.forEach((m, i) => {
      compiled.clockOf[i] = m.clock === undefined ? clocks.length : clocks.indexOf(m.clock);
      if (i < 31) {
        compiled.allMask |= 1 << i;
        const slot = compiled.clockOf[i] as number;
        compiled.clockMembers[slot] = (compiled.clockMembers[slot] as number) | (1 << i);
        if (compiled.capped[i] === 1) compiled.cappedMask |= 1 << i;
      }
    });
    return compiled;
  };
  const pools = new Map(routing.pools.map((p) => [p.id, compilePool(p)]));
  const poolList = [...pools.values()];
  // The clocks and zones of the hour table (zones only of capped members: they are read for caps).
  const allClocks = [...new Set(poolList.flatMap((p) => p.clocks))];
  const allZones = [
    ...new Set(poolList.flatMap((p) => p.members.filter((_, i) => p.capped[i] === 1).map((m) => m.timeZone))),
  ];
  const hours = clockHours(allClocks, allZones);
  poolList.forEach((p, i) => {
    p.index = i;
    p.hours = hours;
    p.hourSlot = Int32Array.from(p.clocks, (c) => hours.clocks.indexOf(c));
    p.zoneSlot = Int32Array.from(p.zones, (z) => hours.zones.indexOf(z));
  });
  const rules = routing.rules.map((rule) => ({
    rule,
    node: rule.when ? compiledRule(rule.when) : undefined,
  }));
  const territories = routing.territories ?? [];
  const slots = fieldSlots();
  const required = rules.map(({ node }) => {
    const out = new Map<string, Requirement>();
    requirements(node, out);
    return out;
  });
  engine = {
    rules: rules.map(({ rule, node }) => ({ rule, test: node ? fastTest(node) : undefined })),
    territories,
    pools,
    fallback: routing.fallbackQueue,
    poolList,
    fastRules: [],
    fieldSlots: slots,
    fieldPlan: fieldPlan(slots),
    ruleIndex: ruleIndex(required, slots),
    territoryPools: territories.map((t) => pools.get(t.pool)),
    territoryMemo: new Map(),
    territoryMemoSize: 0,
  };
  // Each rule's test, less the comparisons the index has already checked for every lead it offers.
  const indexed = new Set(engine.ruleIndex.fields.map((f) => f.field));
  engine.fastRules = rules.map(({ rule, node }, i) => {
    const checked = new Set<CompiledNode>();
    const confirm: number[] = [];
    for (const [field, r] of required[i] as Map<string, Requirement>)
      if (indexed.has(field)) {
        checked.add(r.leaf);
        if (engine.ruleIndex.late) confirm.push(engine.ruleIndex.fields.find((f) => f.field === field)?.slot as number);
      }
    return fastRule(rule, node && residual(node, checked), Int32Array.from(confirm), slots, pools);
  });
  engine.fieldPlan = fieldPlan(slots);
  engines.set(agreement, engine);
  return engine;
}

function fastRule(
  rule: RoutingRule,
  node: CompiledNode | undefined,
  confirm: Int32Array,
  slots: FieldSlots,
  pools: ReadonlyMap<string, CompiledPool>,
): FastRule {
  const checks = node === undefined ? [] : checksOf(node, slots);
  const test = checks === undefined && node ? fastTest(node) : undefined;
  const a = rule.assign;
  // The same order of checks as decideRule.
  const [kind, target] =
    'accountOwner' in a
      ? [ASSIGN_ACCOUNT, '']
      : 'territory' in a
        ? [ASSIGN_TERRITORY, '']
        : 'pool' in a
          ? [ASSIGN_POOL, a.pool]
          : 'queue' in a
            ? [ASSIGN_QUEUE, a.queue]
            : [ASSIGN_USER, a.user];
  // One object literal, so that every rule has the same shape (the hot loop reads them all).
  return {
    id: rule.id,
    checks,
    test,
    kind,
    target,
    pool: kind === ASSIGN_POOL ? pools.get(target) : undefined,
    confirm,
  };
}

/** A comparison every lead matching a rule passes: the field must hold one of `values`. */
interface Requirement {
  values: ReadonlySet<unknown>;
  leaf: CompiledNode;
}

/**
 * The values a rule requires of each field: from `eq` and `in` comparisons that must hold for the
 * rule to match (the rule itself, or under `all`; the first per field). Only comparisons whose fast
 * test is exactly membership by SameValueZero count (`===` for `eq`, so not NaN; `Set.has` for `in`),
 * so a lead value outside the set fails the comparison, and a value inside passes it.
 */
function requirements(node: CompiledNode | undefined, out: Map<string, Requirement>): void {
  if (node === undefined) return;
  if (node.kind === 'all') {
    for (const child of node.children) requirements(child, out);
    return;
  }
  if (node.kind !== 'leaf' || out.has(node.rule.field)) return;
  const rule = node.rule;
  if ('ignoreCase' in rule && rule.ignoreCase === true) return;
  if (rule.op === 'eq' && rule.value !== null && !Number.isNaN(rule.value))
    out.set(rule.field, { values: new Set([rule.value]), leaf: node });
  else if (rule.op === 'in' && !rule.value.includes(null) && !rule.value.includes(''))
    out.set(rule.field, { values: new Set(rule.value), leaf: node });
}

/** The node without the comparisons in `checked` (known to pass): `undefined` when nothing is left. */
function residual(node: CompiledNode, checked: ReadonlySet<CompiledNode>): CompiledNode | undefined {
  if (checked.has(node)) return undefined;
  if (node.kind !== 'all' || checked.size === 0) return node;
  const children = node.children.map((c) => residual(c, checked)).filter((c) => c !== undefined);
  if (children.length === node.children.length && children.every((c, i) => c === node.children[i])) return node;
  if (children.length <= 1) return children[0];
  return { kind: 'all', at: node.at, children };
}

/** At most this many candidate lists (the product of the indexed fields' distinct values + 1). */
const MAX_COMBINATIONS = 4096;

/** At most this many fields are indexed (each costs a read and a lookup per lead). */
const MAX_INDEXED_FIELDS = 4;

function ruleIndex(required: readonly Map<string, Requirement>[], slots: FieldSlots): RuleIndex {
  const perRule = required.map((r) => new Map([...r].map(([field, { values }]) => [field, values])));
  const index: RuleIndex = {
    fields: [],
    lists: [],
    required: [],
    values: [],
    prefix: 0,
    late: true,
    holders: new Int32Array(0),
  };
  let combinations = 1;
  const add = (field: string): boolean => {
    const values = [undefined as unknown];
    const ids = new Map<unknown, number>();
    for (const r of perRule)
      for (const v of r.get(field) ?? [])
        if (!ids.has(v)) {
          ids.set(v, values.length);
          values.push(v);
        }
    if (index.fields.length >= MAX_INDEXED_FIELDS || combinations * values.length > MAX_COMBINATIONS) return false;
    const segments = splitFieldPath(field);
    if (slotOf(slots, segments) >= MAX_SLOTS) return false;
    index.fields.push({
      field,
      segments,
      slot: slotOf(slots, segments),
      ids,
      missingId: ids.get(undefined),
      stride: combinations,
    });
    index.required.push(perRule.map((r) => r.get(field)));
    index.values.push(values);
    combinations *= values.length;
    return true;
  };
  /** Fields not indexed yet, by how many rules outside `skip` require them. */
  const count = (skip: ReadonlySet<number>) => {
    const counts = new Map<string, number>();
    perRule.forEach((r, i) => {
      if (!skip.has(i)) for (const field of r.keys()) counts.set(field, (counts.get(field) ?? 0) + 1);
    });
    return [...counts].filter(([field]) => !index.fields.some((f) => f.field === field)).sort((a, b) => b[1] - a[1]);
  };
  // The fields that narrow the most rules not narrowed yet (at least two each), while few.
  const narrowed = new Set<number>();
  for (;;) {
    const next = count(narrowed).find(([field, c]) => c >= 2 && add(field));
    if (next === undefined) break;
    perRule.forEach((r, i) => {
      if (r.has(next[0])) narrowed.add(i);
    });
  }
  while (index.prefix < perRule.length && !narrowed.has(index.prefix)) index.prefix++;
  index.lists = new Array(combinations).fill(undefined);
  index.late = index.fields.every((f) => f.missingId === undefined);
  const holders = new Set<number>();
  for (const f of index.fields)
    for (let i = 1; i < f.segments.length; i++) holders.add(slotOf(slots, f.segments.slice(0, i)));
  index.holders = Int32Array.from(holders);
  return index;
}

/** The indexes of the rules after {@link RuleIndex.prefix} that can match the lead, in rule order. */
export function candidateRules(engine: RoutingEngine, fields: LeadFields): Int32Array {
  const index = engine.ruleIndex;
  let key = 0;
  for (let f = 0; f < index.fields.length; f++) {
    const field = index.fields[f] as RuleIndex['fields'][number];
    const slot = field.slot;
    let id = field.ids.get(((fields.read >>> slot) & 1) === 1 ? fields.values[slot] : fields.load(slot));
    if (!index.late && id !== field.missingId && !fields.ownPath(slot)) id = field.missingId;
    if (id !== undefined) key += id * field.stride;
  }
  return index.lists[key] ?? buildCandidates(engine, key);
}

function buildCandidates(engine: RoutingEngine, key: number): Int32Array {
  const index = engine.ruleIndex;
  const list: number[] = [];
  for (let r = index.prefix; r < engine.fastRules.length; r++) {
    let possible = true;
    for (let f = index.fields.length - 1; f >= 0 && possible; f--) {
      const field = index.fields[f] as RuleIndex['fields'][number];
      const id = Math.floor(key / field.stride) % (index.values[f] as unknown[]).length;
      const required = (index.required[f] as (ReadonlySet<unknown> | undefined)[])[r];
      // id 0 is a value no rule names: a rule that requires values cannot match it.
      if (required !== undefined && (id === 0 || !required.has((index.values[f] as unknown[])[id]))) possible = false;
    }
    if (possible) list.push(r);
  }
  const candidates = Int32Array.from(list);
  index.lists[key] = candidates;
  return candidates;
}

/** The index of the first territory cell that matches the lead (as {@link findTerritory}), or -1. Memoised. */
export function territoryIndex(engine: RoutingEngine, lead: Lead): number {
  const region = lead.region;
  const segment = lead.segment;
  let bySegment = engine.territoryMemo.get(region);
  let cell = bySegment?.get(segment);
  if (cell === undefined) {
    const found = findTerritory(engine.territories, { region, segment } as Lead);
    cell = found === undefined ? -1 : engine.territories.indexOf(found);
    if (engine.territoryMemoSize >= 10_000) {
      engine.territoryMemo.clear();
      engine.territoryMemoSize = 0;
      bySegment = undefined;
    }
    if (bySegment === undefined) {
      bySegment = new Map();
      engine.territoryMemo.set(region, bySegment);
    }
    bySegment.set(segment, cell);
    engine.territoryMemoSize++;
  }
  return cell;
}

/** The first territory cell that matches the lead's region and segment. */
export function findTerritory(territories: readonly Territory[], lead: Lead): Territory | undefined {
  return territories.find(
    (t) =>
      (!t.regions || (lead.region !== undefined && t.regions.includes(lead.region))) &&
      (!t.segments || (lead.segment !== undefined && t.segments.includes(lead.segment))),
  );
}

/** What a rule decides before any round robin: a user, a queue, a pool to draw from, or no match. */
export type RuleDecision =
  | { kind: 'user'; id: string }
  | { kind: 'queue'; id: string }
  | { kind: 'pool'; poolId: string }
  | { kind: 'no_match' };

/**
 * Walks the rules in order and returns the first decision, appending the explanation of each rule
 * tried to `trace` (when given). `explain` adds each criterion's reasons.
 */
export function decideRule(
  engine: RoutingEngine,
  lead: Lead,
  now: number,
  accounts: AccountDirectory | undefined,
  trace: RoutingTraceEntry[] | undefined,
  explain: boolean,
): { ruleId: string | null; decision: RuleDecision } {
  for (const { rule, test } of engine.rules) {
    if (rule.when) {
      let passed: boolean;
      if (explain && trace) {
        const verdict = evaluateCriteria(lead, rule.when, { now });
        passed = verdict.passed;
        trace.push({
          step: 'rule',
          ruleId: rule.id,
          matched: passed,
          message: passed ? `Rule "${rule.id}" matches.` : `Rule "${rule.id}" does not match.`,
          criteria: verdict.reasons,
        });
      } else {
        passed = (test as FastTest)(lead, now);
        trace?.push({
          step: 'rule',
          ruleId: rule.id,
          matched: passed,
          message: passed ? `Rule "${rule.id}" matches.` : `Rule "${rule.id}" does not match.`,
        });
      }
      if (!passed) continue;
    } else {
      trace?.push({
        step: 'rule',
        ruleId: rule.id,
        matched: true,
        message: `Rule "${rule.id}" applies to every lead.`,
      });
    }
    const a = rule.assign;
    if ('accountOwner' in a) {
      if (!accounts) {
        trace?.push({
          step: 'account',
          matched: false,
          message: 'No account directory was given, so no lead can match an account.',
        });
        continue;
      }
      const match = matchLeadToAccount(lead, accounts);
      if (!match) {
        trace?.push({
          step: 'account',
          matched: false,
          message: 'No account matches the lead’s account id, e-mail domain or website.',
        });
        continue;
      }
      if (match.ownerId === undefined) {
        trace?.push({
          step: 'account',
          matched: false,
          accountId: match.accountId,
          message: `Account ${match.accountId} has no owner.`,
        });
        continue;
      }
      trace?.push({
        step: 'account',
        matched: true,
        accountId: match.accountId,
        ownerId: match.ownerId,
        ...(match.domain ? { domain: match.domain } : {}),
        message: `Matched account ${match.accountId} by ${match.by === 'domain' ? `domain ${match.domain}` : 'account id'}; its owner is ${match.ownerId}.`,
      });
      return { ruleId: rule.id, decision: { kind: 'user', id: match.ownerId } };
    }
    if ('territory' in a) {
      const cell = findTerritory(engine.territories, lead);
      if (!cell) {
        trace?.push({
          step: 'territory',
          matched: false,
          message: `No territory covers region ${lead.region ?? '(none)'} × segment ${lead.segment ?? '(none)'}.`,
        });
        continue;
      }
      trace?.push({
        step: 'territory',
        matched: true,
        territoryId: cell.id,
        poolId: cell.pool,
        message: `Territory ${cell.id} → pool ${cell.pool}.`,
      });
      return { ruleId: rule.id, decision: { kind: 'pool', poolId: cell.pool } };
    }
    if ('pool' in a) return { ruleId: rule.id, decision: { kind: 'pool', poolId: a.pool } };
    if ('queue' in a) return { ruleId: rule.id, decision: { kind: 'queue', id: a.queue } };
    return { ruleId: rule.id, decision: { kind: 'user', id: a.user } };
  }
  return { ruleId: null, decision: { kind: 'no_match' } };
}
