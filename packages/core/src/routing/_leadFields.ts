import type { CompiledNode } from '../criteria/_compiled';
import type { Lead } from '../records/records.types';

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * The field paths the untraced path reads, as a tree of slots (`attributes`, then
 * `attributes.employees` under it), so that an object on the way is read once per decision.
 */
export interface FieldSlots {
  /** Each slot's key, and its path as slots from the top (ending with itself). */
  keys: string[];
  chains: Int32Array[];
  byPath: Map<string, number>;
}

export const fieldSlots = (): FieldSlots => ({ keys: [], chains: [], byPath: new Map() });

/** The slot of a path (split into segments), added with its parents when new. */
export function slotOf(slots: FieldSlots, segments: readonly string[]): number {
  const chain: number[] = [];
  for (let i = 0; i < segments.length; i++) {
    const path = segments.slice(0, i + 1).join('.');
    let slot = slots.byPath.get(path);
    if (slot === undefined) {
      slot = slots.keys.length;
      slots.keys.push(segments[i] as string);
      slots.chains.push(Int32Array.from([...chain, slot]));
      slots.byPath.set(path, slot);
    }
    chain.push(slot);
  }
  return chain[chain.length - 1] as number;
}

/**
 * The untraced path reads at most this many slots through {@link LeadFields} (one bit each in a
 * 32-bit word); a rule that needs more is tested by its compiled criteria instead.
 */
export const MAX_SLOTS = 32;

/**
 * The lead's own fields, read by name where a rule names one: V8 caches a load by name for each
 * shape of lead it meets, while a load by a computed key searches the shape every time (leads come
 * in many shapes, as optional fields are present or not).
 */
const NAMED_KEYS: readonly (keyof Lead)[] = [
  'id',
  'createdAt',
  'source',
  'campaignId',
  'segment',
  'region',
  'country',
  'ownerId',
  'teamId',
  'accountId',
  'email',
  'domain',
  'company',
  'attributes',
  'firstTouchAt',
  'touches',
  'amount',
  'currency',
];

/** `holder[NAMED_KEYS[code]]`, written out so that each is a load by name. */
function named(holder: object, code: number): unknown {
  const l = holder as Lead;
  switch (code) {
    case 0:
      return l.id;
    case 1:
      return l.createdAt;
    case 2:
      return l.source;
    case 3:
      return l.campaignId;
    case 4:
      return l.segment;
    case 5:
      return l.region;
    case 6:
      return l.country;
    case 7:
      return l.ownerId;
    case 8:
      return l.teamId;
    case 9:
      return l.accountId;
    case 10:
      return l.email;
    case 11:
      return l.domain;
    case 12:
      return l.company;
    case 13:
      return l.attributes;
    case 14:
      return l.firstTouchAt;
    case 15:
      return l.touches;
    case 16:
      return l.amount;
    default:
      return l.currency;
  }
}

/**
 * A lead's fields for one decision, with as few own-property checks as the rules allow. The value
 * `readPath` gives (own properties only) is either the slot's {@link LeadFields.raw} value (read as
 * `value[key]` at each step) or, when some step of the path is not an own property, `undefined`;
 * {@link LeadFields.ownPath} tells which. A comparison whose outcome is the same for the raw value
 * and for `undefined` needs no answer (`source eq "web"` fails for a lead whose source is `"partner"`,
 * own or inherited); the others ask, once per slot and decision.
 *
 * Objects on the way to other slots (`attributes`) are read once per decision and remembered; the
 * values compared are read when asked (most are asked once). A field the rules name that is one of
 * the lead's known fields is read by name. Lead records are data: how often, and in which order,
 * their fields are read changes no result.
 */
export class LeadFields {
  private readonly keys: readonly string[];
  /** Each slot's parent slot, -1 for a property of the lead itself. */
  private readonly parents: Int32Array;
  /** Each slot's key as an index in NAMED_KEYS, or -1. */
  private readonly codes: Int32Array;
  readonly values: unknown[];
  /**
   * Bit `s`: the raw value of slot `s` is in `values` (holders only); whether the last step of its
   * path is an own property is known; and it is.
   */
  read = 0;
  private asked = 0;
  private own = 0;
  private lead: unknown;
  /** How many of the slots last touched hold objects (kept so that the look is not optimised away). */
  touched = 0;
  /** Bit `s`: slot `s` is the parent of another (its value, an object on the way, is remembered). */
  private readonly holders: number;

  /** Made for each router (`routeLead` makes one per decision): the plan is the engine's. */
  constructor(plan: FieldPlan) {
    this.keys = plan.keys;
    this.parents = plan.parents;
    this.codes = plan.codes;
    this.holders = plan.holders;
    this.values = new Array(plan.keys.length).fill(undefined);
  }

  /** Starts a decision on `lead`: nothing read yet. */
  start(lead: unknown): void {
    this.lead = lead;
    this.read = 0;
    this.asked = 0;
    this.own = 0;
  }

  /**
   * The value at the slot's path (a slot below {@link MAX_SLOTS}): the own value, or a value only
   * inherited (see {@link LeadFields.ownPath}). Objects on the way to other slots are remembered;
   * the values compared are read when asked (most are asked once).
   */
  raw(slot: number): unknown {
    // (Written out as is where the routing is hottest: `fields.raw` is not always inlined there.)
    return ((this.read >>> slot) & 1) === 1 ? this.values[slot] : this.load(slot);
  }

  /** Reads the slot (not in `values` yet): {@link LeadFields.raw} without the shortcut. */
  load(slot: number): unknown {
    const parent = this.parents[slot] as number;
    const holder = parent < 0 ? this.lead : this.raw(parent);
    if (holder === null || typeof holder !== 'object') return undefined;
    const code = this.codes[slot] as number;
    const value = code >= 0 ? named(holder, code) : (holder as Record<string, unknown>)[this.keys[slot] as string];
    if (((this.holders >>> slot) & 1) === 1) {
      this.values[slot] = value;
      this.read |= 1 << slot;
    }
    return value;
  }

  /**
   * Reads the slots (objects on the way to other fields) and looks at each, so that the memory they
   * are in is on its way while other work goes on.
   */
  touch(slots: Int32Array): void {
    let objects = 0;
    for (let i = 0; i < slots.length; i++) {
      const value = this.raw(slots[i] as number);
      if (value !== null && typeof value === 'object') objects++;
    }
    this.touched = objects;
  }

  /** True when every step of each slot's path is an own property. */
  ownAll(slots: Int32Array): boolean {
    for (let i = 0; i < slots.length; i++) if (!this.ownPath(slots[i] as number)) return false;
    return true;
  }

  /** True when every step of the slot's path is an own property, so that the raw value is the own value. */
  ownPath(slot: number): boolean {
    const parent = this.parents[slot] as number;
    let own: boolean;
    if (((this.asked >>> slot) & 1) === 1) own = ((this.own >>> slot) & 1) === 1;
    else {
      const holder = parent < 0 ? this.lead : this.raw(parent);
      own = holder !== null && typeof holder === 'object' && hasOwn.call(holder, this.keys[slot] as string);
      this.asked |= 1 << slot;
      if (own) this.own |= 1 << slot;
    }
    return own && (parent < 0 || this.ownPath(parent));
  }
}

/** What {@link LeadFields} needs to know of the slots (the first {@link MAX_SLOTS}), worked out once per engine. */
export interface FieldPlan {
  keys: readonly string[];
  parents: Int32Array;
  codes: Int32Array;
  holders: number;
}

export function fieldPlan(slots: FieldSlots): FieldPlan {
  const n = Math.min(slots.keys.length, MAX_SLOTS);
  const keys = slots.keys.slice(0, n);
  const parents = Int32Array.from(slots.chains.slice(0, n), (chain) =>
    chain.length > 1 ? (chain[chain.length - 2] as number) : -1,
  );
  let holders = 0;
  for (const parent of parents) if (parent >= 0) holders |= 1 << parent;
  return { keys, parents, codes: Int32Array.from(keys, (key) => NAMED_KEYS.indexOf(key as keyof Lead)), holders };
}

const CHECK_EQ = 0;
const CHECK_NE = 1;
const CHECK_IN = 2;
const CHECK_NIN = 3;
const CHECK_GT = 4;
const CHECK_GTE = 5;
const CHECK_LT = 6;
const CHECK_LTE = 7;
const CHECK_OPS: Readonly<Record<string, number>> = {
  eq: CHECK_EQ,
  ne: CHECK_NE,
  in: CHECK_IN,
  nin: CHECK_NIN,
  gt: CHECK_GT,
  gte: CHECK_GTE,
  lt: CHECK_LT,
  lte: CHECK_LTE,
};

/**
 * A comparison of one field, as data. Only for the comparisons whose compiled fast test in
 * `criteria/_compiled` is plain, with the same results: `eq` / `ne` by `===` (not null, not ignoring
 * case), `in` / `nin` by `Set.has` (no null or `''` listed, not ignoring case), numeric comparisons
 * of numbers.
 */
export interface Check {
  slot: number;
  op: number;
  value: unknown;
  set: ReadonlySet<unknown> | undefined;
  /** The outcome for `undefined` (a missing field, or one the lead only inherits). */
  ifMissing: boolean;
}

/** The node (a comparison, or all of some) as checks, or undefined when it is not that simple. */
export function checksOf(node: CompiledNode, slots: FieldSlots): Check[] | undefined {
  const leaves = node.kind === 'all' ? node.children : [node];
  const checks: Check[] = [];
  for (const leaf of leaves) {
    if (leaf.kind !== 'leaf') return undefined;
    const rule = leaf.rule;
    const op = CHECK_OPS[rule.op];
    if (op === undefined || ('ignoreCase' in rule && rule.ignoreCase === true)) return undefined;
    const slot = slotOf(slots, leaf.segments);
    if (slot >= MAX_SLOTS) return undefined;
    let check: Check;
    if (rule.op === 'in' || rule.op === 'nin') {
      if (rule.value.includes(null) || rule.value.includes('')) return undefined;
      check = { slot, op, value: undefined, set: new Set(rule.value), ifMissing: false };
    } else if ((rule.op === 'eq' || rule.op === 'ne') && rule.value === null) return undefined;
    else check = { slot, op, value: rule.value, set: undefined, ifMissing: false };
    check.ifMissing = test(check, undefined);
    checks.push(check);
  }
  return checks;
}

/** The check on a value. */
export function test(c: Check, a: unknown): boolean {
  switch (c.op) {
    case CHECK_EQ:
      return a === c.value;
    case CHECK_NE:
      return a !== c.value;
    case CHECK_IN:
      return (c.set as ReadonlySet<unknown>).has(a);
    case CHECK_NIN:
      return !(c.set as ReadonlySet<unknown>).has(a);
    case CHECK_GT:
      return typeof a === 'number' && a > (c.value as number);
    case CHECK_GTE:
      return typeof a === 'number' && a >= (c.value as number);
    case CHECK_LT:
      return typeof a === 'number' && a < (c.value as number);
    default:
      return typeof a === 'number' && a <= (c.value as number);
  }
}
