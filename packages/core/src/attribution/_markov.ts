import type { JourneySet } from './_journeySet';

/** The Markov model's credits and what explains them. */
export interface MarkovCredits {
  conversions: Float64Array;
  value: Float64Array;
  removal: Float64Array;
  valueRemoval: Float64Array;
  probability: number;
  states: number;
  solver: 'dense' | 'gauss-seidel';
}

/** An absorbing chain over transient states: sparse rows of transition weights, and exit weights. */
interface Chain {
  /** Transient states; state 0 is the start. */
  size: number;
  /** Per state: target states and weights (sparse). */
  targets: number[][];
  weights: number[][];
  /** Per state: weight of exits to conversion, to null, and the value of conversions exiting there. */
  exitConversion: Float64Array;
  exitNull: Float64Array;
  exitValue: Float64Array;
  /** Per state: the channels it contains (a state is removed with any of them). */
  members: number[][];
}

const DENSE_MAX = 400;

/**
 * The Markov-chain removal effect, solved exactly as an absorbing chain: the probability of reaching
 * conversion from the start is the solution of (I − Q)·x = r; removing a channel makes its states
 * absorbing non-conversions. Consecutive repeats of a channel are collapsed first (they change nothing
 * in first order, and would turn k-order states into self-loops). ChannelAttribution's `markov_model`
 * estimates the same quantities by simulation; here they are computed.
 */
export function markovCredits(set: JourneySet, order: number, useNulls: boolean): MarkovCredits {
  const chain = order === 1 ? firstOrderChain(set, useNulls) : kOrderChain(set, order, useNulls);
  const K = set.channels.length;
  const solver = chain.size <= DENSE_MAX ? 'dense' : 'gauss-seidel';
  const solve = (removed: number) => {
    const gone = new Uint8Array(chain.size);
    if (removed >= 0)
      for (let s = 0; s < chain.size; s++) if ((chain.members[s] as number[]).includes(removed)) gone[s] = 1;
    return solver === 'dense' ? solveDense(chain, gone) : solveIterative(chain, gone);
  };
  const base = solve(-1);
  const removal = new Float64Array(K);
  const valueRemoval = new Float64Array(K);
  for (let c = 0; c < K; c++) {
    const without = solve(c);
    removal[c] = base.p > 0 ? Math.max(0, 1 - without.p / base.p) : 0;
    valueRemoval[c] = base.v > 0 ? Math.max(0, 1 - without.v / base.v) : 0;
  }
  const conversions = new Float64Array(K);
  const value = new Float64Array(K);
  let sum = 0;
  let sumV = 0;
  for (let c = 0; c < K; c++) {
    sum += removal[c] as number;
    sumV += valueRemoval[c] as number;
  }
  for (let c = 0; c < K; c++) {
    conversions[c] = sum > 0 ? (set.totalConversions * (removal[c] as number)) / sum : 0;
    value[c] = sumV > 0 ? (set.totalValue * (valueRemoval[c] as number)) / sumV : 0;
  }
  return { conversions, value, removal, valueRemoval, probability: base.p, states: chain.size - 1, solver };
}

function firstOrderChain(set: JourneySet, useNulls: boolean): Chain {
  const K = set.channels.length;
  const S = K + 1; // state 0: start; state c + 1: channel c
  // The transition of every touch (from the previous distinct state) is fixed by the journeys, so it
  // is planned once per set; each call then counts transitions in one flat scan over the touches.
  const SS = S * S;
  const plan = transitionPlan(set);
  const trans = new Float64Array(SS);
  const exitConversion = new Float64Array(S);
  const exitNull = new Float64Array(S);
  const exitValue = new Float64Array(S);
  const { conversions, nulls, value } = set;
  for (let j = 0; j < set.n; j++) {
    const c = conversions[j] as number;
    const nu = useNulls ? (nulls[j] as number) : 0;
    const last = plan.exit[j] as number;
    exitConversion[last] = (exitConversion[last] as number) + c;
    exitNull[last] = (exitNull[last] as number) + nu;
    exitValue[last] = (exitValue[last] as number) + (c + nu === 0 ? 0 : (value[j] as number));
  }
  const { cell, journey } = plan;
  if (useNulls)
    for (let i = 0; i < cell.length; i++) {
      const k = cell[i] as number;
      const j = journey[i] as number;
      trans[k] = (trans[k] as number) + (conversions[j] as number) + (nulls[j] as number);
    }
  else
    for (let i = 0; i < cell.length; i++) {
      const k = cell[i] as number;
      trans[k] = (trans[k] as number) + (conversions[journey[i] as number] as number);
    }
  const targets: number[][] = [];
  const weights: number[][] = [];
  for (let s = 0; s < S; s++) {
    const t: number[] = [];
    const w: number[] = [];
    for (let d = 0; d < S; d++) {
      const x = trans[s * S + d] as number;
      if (x > 0 && d !== s) {
        t.push(d);
        w.push(x);
      }
    }
    targets.push(t);
    weights.push(w);
  }
  const members = [[], ...set.channels.map((_, c) => [c])];
  return { size: S, targets, weights, exitConversion, exitNull, exitValue, members };
}

interface TransitionPlan {
  /** Per counted touch: the cell `from × S + to` of its transition. Repeats of a channel are left out. */
  cell: Int32Array;
  /** Per counted touch: its journey. */
  journey: Int32Array;
  /** Per journey: the state it leaves from (its last channel + 1). */
  exit: Int32Array;
}

const transitionPlans = new WeakMap<JourneySet, TransitionPlan>();

/** First-order transitions of every touch (consecutive repeats collapsed), planned once per journey set. */
function transitionPlan(set: JourneySet): TransitionPlan {
  let plan = transitionPlans.get(set);
  if (plan) return plan;
  const S = set.channels.length + 1;
  const cells: number[] = [];
  const journeys: number[] = [];
  const exit = new Int32Array(set.n);
  for (let j = 0; j < set.n; j++) {
    let prev = 0;
    for (let i = set.offsets[j] as number; i < (set.offsets[j + 1] as number); i++) {
      const s = (set.touch[i] as number) + 1;
      if (s === prev) continue;
      cells.push(prev * S + s);
      journeys.push(j);
      prev = s;
    }
    exit[j] = prev;
  }
  plan = { cell: Int32Array.from(cells), journey: Int32Array.from(journeys), exit };
  transitionPlans.set(set, plan);
  return plan;
}

function kOrderChain(set: JourneySet, order: number, useNulls: boolean): Chain {
  const index = new Map<string, number>([['', 0]]);
  const members: number[][] = [[]];
  const rows: Map<number, number>[] = [new Map()];
  const exitConversion: number[] = [0];
  const exitNull: number[] = [0];
  const exitValue: number[] = [0];
  const stateOf = (window: readonly number[]): number => {
    const key = window.join(',');
    let s = index.get(key);
    if (s === undefined) {
      s = members.length;
      index.set(key, s);
      members.push([...new Set(window)]);
      rows.push(new Map());
      exitConversion.push(0);
      exitNull.push(0);
      exitValue.push(0);
    }
    return s;
  };
  const { offsets, touch, conversions, nulls, value } = set;
  for (let j = 0; j < set.n; j++) {
    const c = conversions[j] as number;
    const nu = useNulls ? (nulls[j] as number) : 0;
    const w = c + nu;
    if (w === 0) continue;
    const path: number[] = [];
    for (let i = offsets[j] as number; i < (offsets[j + 1] as number); i++) {
      const ch = touch[i] as number;
      if (path[path.length - 1] !== ch) path.push(ch);
    }
    let prev = 0;
    for (let t = 0; t < path.length; t++) {
      const s = stateOf(path.slice(Math.max(0, t - order + 1), t + 1));
      const row = rows[prev] as Map<number, number>;
      row.set(s, (row.get(s) ?? 0) + w);
      prev = s;
    }
    exitConversion[prev] = (exitConversion[prev] as number) + c;
    exitNull[prev] = (exitNull[prev] as number) + nu;
    exitValue[prev] = (exitValue[prev] as number) + (value[j] as number);
  }
  return {
    size: members.length,
    targets: rows.map((r) => [...r.keys()]),
    weights: rows.map((r) => [...r.values()]),
    exitConversion: Float64Array.from(exitConversion),
    exitNull: Float64Array.from(exitNull),
    exitValue: Float64Array.from(exitValue),
    members,
  };
}

/** Out-weight of a state: its transitions and exits (removed targets still count: they absorb as null). */
function outWeight(chain: Chain, s: number): number {
  let total = (chain.exitConversion[s] as number) + (chain.exitNull[s] as number);
  for (const w of chain.weights[s] as number[]) total += w;
  return total;
}

/** Gaussian elimination with partial pivoting on (I − Q), for both right-hand sides at once. */
function solveDense(chain: Chain, gone: Uint8Array): { p: number; v: number } {
  const n = chain.size;
  const a = new Float64Array(n * n);
  const b = new Float64Array(n);
  const bv = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    a[s * n + s] = 1;
    if (gone[s]) continue; // x_s = 0
    const out = outWeight(chain, s);
    if (out === 0) continue;
    const t = chain.targets[s] as number[];
    const w = chain.weights[s] as number[];
    for (let k = 0; k < t.length; k++) {
      const d = t[k] as number;
      if (gone[d]) continue;
      a[s * n + d] = (a[s * n + d] as number) - (w[k] as number) / out;
    }
    b[s] = (chain.exitConversion[s] as number) / out;
    bv[s] = (chain.exitValue[s] as number) / out;
  }
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++)
      if (Math.abs(a[r * n + col] as number) > Math.abs(a[pivot * n + col] as number)) pivot = r;
    if (pivot !== col) {
      for (let k = 0; k < n; k++) {
        const t = a[col * n + k] as number;
        a[col * n + k] = a[pivot * n + k] as number;
        a[pivot * n + k] = t;
      }
      const t = b[col] as number;
      b[col] = b[pivot] as number;
      b[pivot] = t;
      const tv = bv[col] as number;
      bv[col] = bv[pivot] as number;
      bv[pivot] = tv;
    }
    const d = a[col * n + col] as number;
    if (d === 0) continue;
    for (let r = col + 1; r < n; r++) {
      const f = (a[r * n + col] as number) / d;
      if (f === 0) continue;
      for (let k = col; k < n; k++) a[r * n + k] = (a[r * n + k] as number) - f * (a[col * n + k] as number);
      b[r] = (b[r] as number) - f * (b[col] as number);
      bv[r] = (bv[r] as number) - f * (bv[col] as number);
    }
  }
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let sx = b[r] as number;
    let sy = bv[r] as number;
    for (let k = r + 1; k < n; k++) {
      sx -= (a[r * n + k] as number) * (x[k] as number);
      sy -= (a[r * n + k] as number) * (y[k] as number);
    }
    const d = a[r * n + r] as number;
    x[r] = d === 0 ? 0 : sx / d;
    y[r] = d === 0 ? 0 : sy / d;
  }
  return { p: x[0] as number, v: y[0] as number };
}

/** Gauss–Seidel sweeps on x = r + Q·x until nothing changes in the last place (sparse, large k-order chains). */
function solveIterative(chain: Chain, gone: Uint8Array): { p: number; v: number } {
  const n = chain.size;
  const out = new Float64Array(n);
  for (let s = 0; s < n; s++) out[s] = outWeight(chain, s);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let sweep = 0; sweep < 100_000; sweep++) {
    let change = 0;
    for (let s = n - 1; s >= 0; s--) {
      if (gone[s] || out[s] === 0) continue;
      const t = chain.targets[s] as number[];
      const w = chain.weights[s] as number[];
      let sx = chain.exitConversion[s] as number;
      let sy = chain.exitValue[s] as number;
      for (let k = 0; k < t.length; k++) {
        const d = t[k] as number;
        if (gone[d]) continue;
        sx += (w[k] as number) * (x[d] as number);
        sy += (w[k] as number) * (y[d] as number);
      }
      const nx = sx / (out[s] as number);
      const ny = sy / (out[s] as number);
      change = Math.max(
        change,
        Math.abs(nx - (x[s] as number)) / Math.max(1e-300, Math.abs(nx)),
        Math.abs(ny - (y[s] as number)) / Math.max(1e-300, Math.abs(ny)),
      );
      x[s] = nx;
      y[s] = ny;
    }
    if (change < 1e-15) break;
  }
  return { p: x[0] as number, v: y[0] as number };
}
