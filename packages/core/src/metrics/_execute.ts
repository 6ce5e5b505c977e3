import { TZDate } from '@date-fns/tz';
import type { Period } from '../scorecard/_periods';
import {
  type Column,
  type Columnar,
  dictionary,
  dimensionCodes,
  encode,
  ensureColumns,
  type FactTable,
} from './_columns';
import type { Cond, Fact, Formula, NodeValue, PlanNode } from './_plan';

/** The result of one aggregate node: a value per slot (group × period) and over everything. */
export interface NodeResult {
  slots: Float64Array;
  total: number;
}

/** What a query groups by: dimension names, and the periods (null: one unbounded period). */
export interface Grouping {
  dims: readonly string[];
  periods: readonly Period[] | null;
}

/** The groups of a query: `groups[g]` holds one label per dimension. */
export interface ExecutionResult {
  groups: readonly (readonly string[])[];
  periodCount: number;
  /** Groups that hold at least one record in range, in the order of `groups`. */
  present: Uint8Array;
  node: (node: PlanNode) => NodeResult;
  /** Spend cannot be split by dimensions other than source and campaign. */
  spendSplittable: boolean;
}

type RowFact = Exclude<Fact, 'spend'>;
const ROW_FACTS: readonly RowFact[] = ['leads', 'opportunities', 'activities', 'touchpoints'];

const keys = new WeakMap<PlanNode, string>();

/** A stable key for a node, so identical aggregates run once. */
export function nodeKey(node: PlanNode): string {
  let key = keys.get(node);
  if (key === undefined) {
    key = JSON.stringify([node.fact, node.agg, node.where, node.anchor, node.value ?? null, node.q ?? null]);
    keys.set(node, key);
  }
  return key;
}

/** Every node a formula uses. */
export function collectNodes(formula: Formula, into: PlanNode[]): void {
  if (formula.kind === 'node') into.push(formula.node);
  else if (formula.kind === 'add') for (const p of formula.parts) collectNodes(p, into);
  else if (formula.kind === 'ratio') {
    collectNodes(formula.numerator, into);
    collectNodes(formula.denominator, into);
  }
}

const SPEND_DIMS: Readonly<Record<string, 'channel' | 'campaignId'>> = {
  source: 'channel',
  campaign: 'campaignId',
  campaignId: 'campaignId',
};

interface GroupIndex {
  groups: string[][];
  ids: Map<RowFact, Int32Array>;
  spendGroups: number[];
  spendSplittable: boolean;
}

/** Group ids of every row for a list of dimensions: mixed radix over the dictionaries, compacted. Cached. */
function groupIndex(data: Columnar, dims: readonly string[]): GroupIndex {
  const memoKey = `groups:${JSON.stringify(dims)}`;
  const hit = data.memo.get(memoKey) as GroupIndex | undefined;
  if (hit) return hit;
  const codes = new Map<RowFact, Int32Array[]>();
  for (const fact of ROW_FACTS)
    codes.set(
      fact,
      dims.map((dim) => dimensionCodes(data, fact, dim)),
    );
  const spendSplittable = dims.every((d) => Object.hasOwn(SPEND_DIMS, d));
  const spendCodes: number[][] = spendSplittable
    ? data.spend.map((s) => dims.map((d) => encode(dictionary(data, d), s[SPEND_DIMS[d] as 'channel'])))
    : [];
  const sizes = dims.map((d) => dictionary(data, d).labels.length);
  const strides: number[] = [];
  let radix = 1;
  for (let k = dims.length - 1; k >= 0; k--) {
    strides[k] = radix;
    radix *= sizes[k] as number;
  }
  const compact = new Map<number, number>();
  const groups: string[][] = [];
  const groupOf = (combined: number): number => {
    let g = compact.get(combined);
    if (g === undefined) {
      g = groups.length;
      compact.set(combined, g);
      let rest = combined;
      groups.push(
        dims.map((d, k) => {
          const code = Math.floor(rest / (strides[k] as number));
          rest -= code * (strides[k] as number);
          return dictionary(data, d).labels[code] as string;
        }),
      );
    }
    return g;
  };
  const lookup = radix <= 1 << 22 ? new Int32Array(radix).fill(-1) : null;
  const ids = new Map<RowFact, Int32Array>();
  for (const fact of ROW_FACTS) {
    const table = data[fact] as FactTable<unknown>;
    const cs = codes.get(fact) as Int32Array[];
    const out = new Int32Array(table.n);
    for (let i = 0; i < table.n; i++) {
      let combined = 0;
      for (let k = 0; k < cs.length; k++) combined += ((cs[k] as Int32Array)[i] as number) * (strides[k] as number);
      let g = lookup ? (lookup[combined] as number) : -1;
      if (g < 0) {
        g = groupOf(combined);
        if (lookup) lookup[combined] = g;
      }
      out[i] = g;
    }
    ids.set(fact, out);
  }
  const spendGroups = spendCodes.map((cs) => groupOf(cs.reduce((acc, c, k) => acc + c * (strides[k] as number), 0)));
  const index = { groups, ids, spendGroups, spendSplittable };
  data.memo.set(memoKey, index);
  return index;
}

/**
 * @name scorecardNodeConditions
 * @category Scorecard
 * @summary The conditions a row must meet to count in a node: its own, plus its anchor's presence
 * when the query has no periods (with periods, a row without the anchor has no period).
 *
 * @example
 * scorecardNodeConditions({ fact: 'leads', agg: 'count', where: [], anchor: 'stage:mql' }, false) //=> [{ has: 'stage:mql' }]
 */
export function scorecardNodeConditions(node: PlanNode, hasPeriods: boolean): readonly Cond[] {
  return hasPeriods || node.anchor === 'created' || impliesAnchor(node.where, node.anchor)
    ? node.where
    : [...node.where, { has: node.anchor }];
}

/** Whether the conditions already require the anchor to be present. */
function impliesAnchor(where: readonly Cond[], anchor: string): boolean {
  return where.some(
    (c) =>
      ('has' in c && c.has === anchor) ||
      ('ordered' in c && (c.ordered[0] === anchor || c.ordered[1] === anchor)) ||
      ('within' in c && (c.within[0] === anchor || c.within[1] === anchor)) ||
      ('atMost' in c && c.atMost[0] === anchor),
  );
}

const condKey = (fact: RowFact, c: Cond) => `${fact}|${JSON.stringify(c)}`;

/** A 0/1 byte per row: the rows meeting every condition. Cached per condition set (query-independent). */
function maskOf(data: Columnar, fact: RowFact, where: readonly Cond[]): Uint8Array | null {
  if (where.length === 0) return null;
  const keysSorted = where.map((c) => condKey(fact, c)).sort();
  const key = `mask:${keysSorted.join('&')}`;
  const hit = data.memo.get(key) as Uint8Array | undefined;
  if (hit) return hit;
  let mask: Uint8Array;
  if (where.length === 1)
    mask = singleMask((data[fact] as FactTable<unknown>).cols, where[0] as Cond, (data[fact] as FactTable<unknown>).n);
  else {
    mask = (maskOf(data, fact, [where[0] as Cond]) as Uint8Array).slice();
    for (const c of where.slice(1)) {
      const m = maskOf(data, fact, [c]) as Uint8Array;
      for (let i = 0; i < mask.length; i++) mask[i] = (mask[i] as number) & (m[i] as number);
    }
  }
  data.memo.set(key, mask);
  return mask;
}

function singleMask(cols: Map<string, Column>, c: Cond, n: number): Uint8Array {
  const mask = new Uint8Array(n);
  if ('has' in c) {
    const col = cols.get(c.has) as Column;
    if (col instanceof Float64Array) for (let i = 0; i < n; i++) mask[i] = Number.isNaN(col[i] as number) ? 0 : 1;
    else for (let i = 0; i < n; i++) mask[i] = (col[i] as number) >= 0 ? 1 : 0;
  } else if ('ordered' in c) {
    const a = cols.get(c.ordered[0]) as Float64Array;
    const b = cols.get(c.ordered[1]) as Float64Array;
    for (let i = 0; i < n; i++) mask[i] = (b[i] as number) >= (a[i] as number) ? 1 : 0;
  } else if ('within' in c) {
    const a = cols.get(c.within[0]) as Float64Array;
    const b = cols.get(c.within[1]) as Float64Array;
    const ms = c.within[2];
    for (let i = 0; i < n; i++) {
      const d = (b[i] as number) - (a[i] as number);
      mask[i] = d >= 0 && d <= ms ? 1 : 0;
    }
  } else if ('atMost' in c) {
    const a = cols.get(c.atMost[0]) as Float64Array;
    const limit = c.atMost[1];
    // NaN (no date) compares false: the condition implies the column is present.
    for (let i = 0; i < n; i++) mask[i] = (a[i] as number) <= limit ? 1 : 0;
  } else {
    const col = cols.get(c.eq[0]) as Column;
    const v = c.eq[1];
    for (let i = 0; i < n; i++) mask[i] = col[i] === v ? 1 : 0;
  }
  return mask;
}

/** The values a sum or quantile aggregates, as one column (durations computed once and cached). */
function valueColumn(data: Columnar, fact: RowFact, value: NodeValue): Float64Array {
  const key = `value:${fact}|${JSON.stringify(value)}`;
  const hit = data.memo.get(key) as Float64Array | undefined;
  if (hit) return hit;
  const cols = (data[fact] as FactTable<unknown>).cols;
  let out: Float64Array;
  if ('col' in value) {
    const col = cols.get(value.col) as Float64Array;
    const scale = value.scale ?? 1;
    out = scale === 1 ? col : col.map((x) => x / scale);
  } else {
    const a = cols.get(value.diff[0]) as Float64Array;
    const b = cols.get(value.diff[1]) as Float64Array;
    out = new Float64Array(a.length);
    for (let i = 0; i < a.length; i++) out[i] = ((b[i] as number) - (a[i] as number)) / value.scale;
  }
  data.memo.set(key, out);
  return out;
}

/**
 * Runs aggregate nodes over the columnar data. Group ids (per dimension list), condition masks and
 * value columns are query-independent and cached on the columnar data; a query computes each row's
 * slot (group × period of its anchor) once per anchor, then counts every count node of that anchor in
 * one pass (a histogram of row patterns), sums in one loop per node, and gathers quantile values per
 * slot for a linear-time selection.
 */
export function execute(data: Columnar, grouping: Grouping, nodes: readonly PlanNode[]): ExecutionResult {
  for (const node of nodes) if (node.needs) ensureColumns(data, node.needs);
  const { groups, ids, spendGroups, spendSplittable } = groupIndex(data, grouping.dims);
  const periods = grouping.periods;
  const B = periods ? periods.length : 1;
  const G = groups.length;
  const S = G * B;
  const present = new Uint8Array(G);
  if (!periods) present.fill(1);

  // Slots: group × period of the row's anchor; −1 when the anchor is absent or out of range.
  const slotCache = new Map<string, Int32Array>();
  const slotsOf = (fact: RowFact, anchor: string): Int32Array => {
    const group = ids.get(fact) as Int32Array;
    if (!periods) return group;
    const key = `${fact}:${anchor}`;
    let slots = slotCache.get(key);
    if (slots) return slots;
    slots = periodSlots((data[fact] as FactTable<unknown>).cols.get(anchor) as Float64Array, group, periods);
    for (let i = 0; i < slots.length; i++) {
      const s = slots[i] as number;
      if (s >= 0) present[(s / B) | 0] = 1;
    }
    slotCache.set(key, slots);
    return slots;
  };
  // Without periods the slot is the group, so the anchor's presence becomes a condition.
  const whereOf = (node: PlanNode): readonly Cond[] => scorecardNodeConditions(node, periods !== null);

  const results = new Map<string, NodeResult>();
  const unique = new Map<string, PlanNode>();
  for (const node of nodes) unique.set(nodeKey(node), node);

  // Count nodes: one histogram pass per (fact, anchor).
  const countGroups = new Map<string, PlanNode[]>();
  for (const [key, node] of unique) {
    if (node.fact === 'spend' || node.agg !== 'count') continue;
    const k = `${node.fact}:${periods ? node.anchor : ''}`;
    const list = countGroups.get(k) ?? [];
    list.push(node);
    countGroups.set(k, list);
    void key;
  }
  for (const list of countGroups.values()) {
    const fact = (list[0] as PlanNode).fact as RowFact;
    const slots = slotsOf(fact, (list[0] as PlanNode).anchor);
    const masks = list.map((node) => maskOf(data, fact, whereOf(node)));
    const counts = countMany(data, fact, slots, masks, S);
    for (let j = 0; j < list.length; j++) results.set(nodeKey(list[j] as PlanNode), counts[j] as NodeResult);
  }

  const gathers = new Map<string, Map<number, NodeResult>>();
  for (const [key, node] of unique) {
    if (results.has(key)) continue;
    if (node.fact === 'spend') {
      results.set(key, spendNode(data, periods, spendGroups, spendSplittable, S, B, present));
      continue;
    }
    const fact = node.fact;
    const slots = slotsOf(fact, node.anchor);
    const mask = maskOf(data, fact, whereOf(node));
    const values = valueColumn(data, fact, node.value as NodeValue);
    if (node.agg === 'sum') {
      results.set(key, sumNode(slots, mask, values, S));
      continue;
    }
    // Quantiles over the same values: gather once, select every q.
    const gkey = JSON.stringify([fact, node.anchor, whereOf(node), node.value]);
    let done = gathers.get(gkey);
    if (!done) {
      const qs = [...unique.values()]
        .filter((n) => n.agg === 'quantile' && JSON.stringify([n.fact, n.anchor, whereOf(n), n.value]) === gkey)
        .map((n) => n.q as number);
      done = quantileNodes(data, fact, slots, mask, values, S, [...new Set(qs)]);
      gathers.set(gkey, done);
    }
    results.set(key, done.get(node.q as number) as NodeResult);
  }

  return {
    groups,
    periodCount: B,
    present,
    node: (node) => results.get(nodeKey(node)) as NodeResult,
    spendSplittable,
  };
}

function periodSlots(at: Float64Array, group: Int32Array, periods: readonly Period[]): Int32Array {
  const B = periods.length;
  const slots = new Int32Array(at.length).fill(-1);
  if (B === 0) return slots;
  const starts = Float64Array.from(periods, (p) => p.from);
  const first = starts[0] as number;
  const end = (periods[B - 1] as Period).to;
  for (let i = 0; i < at.length; i++) {
    const t = at[i] as number;
    if (!(t >= first && t < end)) continue;
    let lo = 0;
    let hi = B - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((starts[mid] as number) <= t) lo = mid;
      else hi = mid - 1;
    }
    slots[i] = (group[i] as number) * B + lo;
  }
  return slots;
}

interface Patterns {
  codes: Uint16Array;
  /** Bit j of `bits[p]` is set when rows of pattern p meet mask j. */
  bits: number[];
}

/**
 * Counts rows per slot for many masks at once. Rows are reduced to a pattern code (which masks they
 * meet; cached per mask set), a single pass builds a slot × pattern histogram, and each mask's count
 * is the sum over the patterns that include it. Falls back to one loop per mask for wide sets.
 */
function countMany(
  data: Columnar,
  fact: RowFact,
  slots: Int32Array,
  masks: readonly (Uint8Array | null)[],
  S: number,
): NodeResult[] {
  const n = slots.length;
  const real = masks.filter((m): m is Uint8Array => m !== null);
  const patterns = real.length <= 30 ? patternsOf(data, fact, masks, n) : null;
  if (!patterns || patterns.bits.length * S > 1 << 24) return masks.map((m) => countOne(slots, m, S));
  const P = patterns.bits.length;
  // Pattern-major layout: each pattern's counts over the slots are contiguous.
  const hist = new Uint32Array(S * P);
  const codes = patterns.codes;
  for (let i = 0; i < n; i++) {
    const s = slots[i] as number;
    if (s >= 0) {
      const k = (codes[i] as number) * S + s;
      hist[k] = (hist[k] as number) + 1;
    }
  }
  return masks.map((m) => {
    const out = new Float64Array(S);
    const bit = m === null ? -1 : 1 << real.indexOf(m);
    for (let p = 0; p < P; p++) {
      if (bit !== -1 && ((patterns.bits[p] as number) & bit) === 0) continue;
      const base = p * S;
      for (let s = 0; s < S; s++) out[s] = (out[s] as number) + (hist[base + s] as number);
    }
    let total = 0;
    for (let s = 0; s < S; s++) total += out[s] as number;
    return { slots: out, total };
  });
}

function patternsOf(data: Columnar, fact: RowFact, masks: readonly (Uint8Array | null)[], n: number): Patterns | null {
  const real = masks.filter((m): m is Uint8Array => m !== null);
  const memoKey = `patterns:${fact}:${real.map((m) => maskId(data, m)).join(',')}`;
  const hit = data.memo.get(memoKey) as Patterns | null | undefined;
  if (hit !== undefined) return hit;
  const codes = new Uint16Array(n);
  const index = new Map<number, number>();
  const bits: number[] = [];
  let result: Patterns | null = { codes, bits };
  for (let i = 0; i < n; i++) {
    let b = 0;
    for (let j = 0; j < real.length; j++) b |= ((real[j] as Uint8Array)[i] as number) << j;
    let code = index.get(b);
    if (code === undefined) {
      code = bits.length;
      if (code >= 4096) {
        result = null;
        break;
      }
      bits.push(b);
      index.set(b, code);
    }
    codes[i] = code;
  }
  data.memo.set(memoKey, result);
  return result;
}

const maskIds = new WeakMap<Uint8Array, number>();
let nextMaskId = 0;
function maskId(_data: Columnar, m: Uint8Array): number {
  let id = maskIds.get(m);
  if (id === undefined) {
    id = nextMaskId++;
    maskIds.set(m, id);
  }
  return id;
}

function countOne(slots: Int32Array, mask: Uint8Array | null, S: number): NodeResult {
  const out = new Float64Array(S);
  const n = slots.length;
  for (let i = 0; i < n; i++) {
    const s = slots[i] as number;
    if (s >= 0 && (mask === null || mask[i] === 1)) out[s] = (out[s] as number) + 1;
  }
  let total = 0;
  for (let s = 0; s < S; s++) total += out[s] as number;
  return { slots: out, total };
}

function sumNode(slots: Int32Array, mask: Uint8Array | null, values: Float64Array, S: number): NodeResult {
  const out = new Float64Array(S);
  const n = slots.length;
  for (let i = 0; i < n; i++) {
    const s = slots[i] as number;
    if (s >= 0 && (mask === null || mask[i] === 1)) out[s] = (out[s] as number) + (values[i] as number);
  }
  let total = 0;
  for (let s = 0; s < S; s++) total += out[s] as number;
  return { slots: out, total };
}

/**
 * The rows a quantile reads (mask met, value present), sorted by value (ties by row) — query-independent,
 * so it is cached. A query then needs no sorting or selection: one pass counts rows per slot, a second
 * walks the sorted rows and picks, in each slot, the order statistics that R-7 interpolates between.
 * The interpolation is `lo·(1 − f) + hi·f`, the arithmetic DuckDB's `quantile_cont` uses, so the two
 * agree to the last bit (`lo + (hi − lo)·f` differs in the last place for about one value in eight).
 */
function sortedRows(data: Columnar, fact: RowFact, mask: Uint8Array | null, values: Float64Array): Int32Array {
  const key = `sorted:${fact}:${mask ? maskId(data, mask) : 'all'}:${valueIds.get(values) ?? valueId(values)}`;
  const hit = data.memo.get(key) as Int32Array | undefined;
  if (hit) return hit;
  const rows: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if ((mask === null || mask[i] === 1) && !Number.isNaN(v)) rows.push(i);
  }
  const sorted = Int32Array.from(rows).sort((a, b) => (values[a] as number) - (values[b] as number) || a - b);
  data.memo.set(key, sorted);
  return sorted;
}

// Group ids are cached per dimension list, so their sorted-order copy can be cached beside them.
const permutedCache = new WeakMap<Int32Array, WeakMap<Int32Array, Int32Array>>();
function permuted(slots: Int32Array, order: Int32Array): Int32Array {
  const byOrder = permutedCache.get(slots) ?? new WeakMap<Int32Array, Int32Array>();
  permutedCache.set(slots, byOrder);
  let out = byOrder.get(order);
  if (!out) {
    out = new Int32Array(order.length);
    for (let j = 0; j < order.length; j++) out[j] = slots[order[j] as number] as number;
    byOrder.set(order, out);
  }
  return out;
}

function permutedValues(data: Columnar, values: Float64Array, order: Int32Array): Float64Array {
  const key = `sortedValues:${valueIds.get(values) ?? valueId(values)}:${orderIds.get(order) ?? orderId(order)}`;
  let out = data.memo.get(key) as Float64Array | undefined;
  if (!out) {
    out = new Float64Array(order.length);
    for (let j = 0; j < order.length; j++) out[j] = values[order[j] as number] as number;
    data.memo.set(key, out);
  }
  return out;
}

const orderIds = new WeakMap<Int32Array, number>();
function orderId(order: Int32Array): number {
  const id = nextMaskId++;
  orderIds.set(order, id);
  return id;
}

const valueIds = new WeakMap<Float64Array, number>();
function valueId(values: Float64Array): number {
  const id = nextMaskId++;
  valueIds.set(values, id);
  return id;
}

function quantileNodes(
  data: Columnar,
  fact: RowFact,
  slots: Int32Array,
  mask: Uint8Array | null,
  values: Float64Array,
  S: number,
  qs: readonly number[],
): Map<number, NodeResult> {
  const sorted = sortedRows(data, fact, mask, values);
  const m = sorted.length;
  // The slots and values in sorted order, so both passes below read memory sequentially.
  const sortedSlots = permuted(slots, sorted);
  const sortedValues = permutedValues(data, values, sorted);
  const counts = new Int32Array(S);
  let inRange = 0;
  for (let j = 0; j < m; j++) {
    const s = sortedSlots[j] as number;
    if (s >= 0) {
      counts[s] = (counts[s] as number) + 1;
      inRange++;
    }
  }
  // Per slot and q: the rank of the lower order statistic and the interpolation fraction.
  const Q = qs.length;
  const lowRank = new Float64Array(S * Q);
  const frac = new Float64Array(S * Q);
  const low = new Float64Array(S * Q).fill(Number.NaN);
  const high = new Float64Array(S * Q).fill(Number.NaN);
  for (let s = 0; s < S; s++) {
    const n = counts[s] as number;
    for (let k = 0; k < Q; k++) {
      const h = (n - 1) * (qs[k] as number);
      lowRank[s * Q + k] = n === 0 ? -1 : Math.floor(h);
      frac[s * Q + k] = n === 0 ? 0 : h - Math.floor(h);
    }
  }
  const rank = new Int32Array(S);
  // Totals: the ranks over every row in range.
  const totalLow = qs.map((q) => Math.floor((inRange - 1) * q));
  const totalValues: number[][] = qs.map(() => []);
  let seen = 0;
  for (let j = 0; j < m; j++) {
    const s = sortedSlots[j] as number;
    if (s < 0) continue;
    const r = rank[s] as number;
    rank[s] = r + 1;
    const v = sortedValues[j] as number;
    for (let k = 0; k < Q; k++) {
      const at = s * Q + k;
      const lr = lowRank[at] as number;
      if (r === lr) low[at] = v;
      else if (r === lr + 1) high[at] = v;
      const tl = totalLow[k] as number;
      if (seen === tl || seen === tl + 1) (totalValues[k] as number[]).push(v);
    }
    seen++;
  }
  return new Map(
    qs.map((q, k) => {
      const out = new Float64Array(S);
      for (let s = 0; s < S; s++) {
        const at = s * Q + k;
        const f = frac[at] as number;
        const lo = low[at] as number;
        out[s] = f > 0 ? lo * (1 - f) + (high[at] as number) * f : lo;
      }
      const h = (inRange - 1) * q;
      const [tlo, thi] = totalValues[k] as number[];
      const f = h - Math.floor(h);
      const total =
        inRange === 0 ? Number.NaN : f > 0 ? (tlo as number) * (1 - f) + (thi as number) * f : (tlo as number);
      return [q, { slots: out, total }];
    }),
  );
}

function spendNode(
  data: Columnar,
  periods: readonly Period[] | null,
  spendGroups: readonly number[],
  splittable: boolean,
  S: number,
  B: number,
  present: Uint8Array,
): NodeResult {
  const out = new Float64Array(S).fill(splittable ? 0 : Number.NaN);
  let total = 0;
  const zone = data.agreement.timezone;
  data.spend.forEach((row, j) => {
    const from = localMidnight(row.periodStart, zone, 0);
    const to = localMidnight(row.periodEnd, zone, 1);
    const length = to - from;
    if (!(length > 0)) return;
    const add = (b: number, share: number) => {
      total += share;
      if (splittable) {
        present[spendGroups[j] as number] = 1;
        const k = (spendGroups[j] as number) * B + b;
        out[k] = (out[k] as number) + share;
      }
    };
    if (!periods) add(0, row.amount);
    else
      periods.forEach((p, b) => {
        const overlap = Math.min(to, p.to) - Math.max(from, p.from);
        if (overlap > 0) add(b, (row.amount * overlap) / length);
      });
  });
  return { slots: out, total };
}

const dayCache = new Map<string, number>();

/** Local midnight of a calendar date (plus days) in the agreement's time zone. */
function localMidnight(date: string, zone: string, plusDays: number): number {
  const key = `${zone}|${date}|${plusDays}`;
  let t = dayCache.get(key);
  if (t === undefined) {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    t = new TZDate(y, m - 1, d + plusDays, zone).getTime();
    if (dayCache.size > 10_000) dayCache.clear();
    dayCache.set(key, t);
  }
  return t;
}
