import type { CompiledNode } from '../criteria/_compiled';

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * The field paths the untraced path reads, as a tree of slots (`attributes`, then
 * `attributes.employees` under it), so each step is read at most once per decision.
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
 * A lead's fields for one decision: each slot read on first use, following own properties only (as
 * `readPath`: a missing step, `null` or a non-object gives `undefined`), then remembered.
 */
export class LeadFields {
  private readonly values: unknown[];
  private readonly stamps: Int32Array;
  private epoch = 0;
  private lead: unknown;

  constructor(private readonly slots: FieldSlots) {
    this.values = new Array(slots.keys.length).fill(undefined);
    this.stamps = new Int32Array(slots.keys.length);
  }

  /** Starts a decision on `lead`: nothing read yet. */
  start(lead: unknown): void {
    this.lead = lead;
    if (++this.epoch === 0x7fffffff) {
      this.stamps.fill(0);
      this.epoch = 1;
    }
  }

  get(slot: number): unknown {
    if (this.stamps[slot] === this.epoch) return this.values[slot];
    // Down the path from the lead, reading the steps not read yet.
    const chain = this.slots.chains[slot] as Int32Array;
    let value: unknown = this.lead;
    for (let i = 0; i < chain.length; i++) {
      const step = chain[i] as number;
      if (this.stamps[step] === this.epoch) {
        value = this.values[step];
        continue;
      }
      const key = this.slots.keys[step] as string;
      value =
        value !== null && typeof value === 'object' && hasOwn.call(value, key)
          ? (value as Record<string, unknown>)[key]
          : undefined;
      this.stamps[step] = this.epoch;
      this.values[step] = value;
    }
    return value;
  }
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
    if (rule.op === 'in' || rule.op === 'nin') {
      if (rule.value.includes(null) || rule.value.includes('')) return undefined;
      checks.push({ slot, op, value: undefined, set: new Set(rule.value) });
    } else if ((rule.op === 'eq' || rule.op === 'ne') && rule.value === null) return undefined;
    else checks.push({ slot, op, value: rule.value, set: undefined });
  }
  return checks;
}

/** True when the lead passes every check (in order; the first failure decides). */
export function passes(checks: readonly Check[], fields: LeadFields): boolean {
  for (let i = 0; i < checks.length; i++) {
    const c = checks[i] as Check;
    const a = fields.get(c.slot);
    let passed: boolean;
    switch (c.op) {
      case CHECK_EQ:
        passed = a === c.value;
        break;
      case CHECK_NE:
        passed = a !== c.value;
        break;
      case CHECK_IN:
        passed = (c.set as ReadonlySet<unknown>).has(a);
        break;
      case CHECK_NIN:
        passed = !(c.set as ReadonlySet<unknown>).has(a);
        break;
      case CHECK_GT:
        passed = typeof a === 'number' && a > (c.value as number);
        break;
      case CHECK_GTE:
        passed = typeof a === 'number' && a >= (c.value as number);
        break;
      case CHECK_LT:
        passed = typeof a === 'number' && a < (c.value as number);
        break;
      default:
        passed = typeof a === 'number' && a <= (c.value as number);
    }
    if (!passed) return false;
  }
  return true;
}
