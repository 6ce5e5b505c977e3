import type { JourneySet } from './_journeySet';

/*
 * Rule-based credits as flat scans. Each model's share of every touch depends only on the journeys
 * and the model's parameters, so it is computed once per journey set (the "plan": the touches of the
 * journeys that carry a conversion or a value, with their journey and each model's shares) and every
 * call then scans those touches once per model: credit[channel] += share × the journey's conversions
 * and value. `ruleCredits`' general loop gives the same credits touch by touch (checked by the tests).
 */

/** The touches of the journeys with a conversion or a value, in journey order. */
export interface TouchPlan {
  /** Position of each planned touch in the set's touch arrays. */
  touch: Int32Array;
  /** Its journey. */
  journey: Int32Array;
  /** Its channel. */
  channel: Uint16Array;
  /** Cached shares per model and parameters, and the journeys that fell back to a simpler rule. */
  shares: Map<string, { shares: Float64Array; fallbacks: number }>;
  /** Positional models: the distinct (channel, position, journey length) of the touches, and each touch's. */
  positions: { slot: Int32Array; channel: Int32Array; k: Int32Array; n: Int32Array } | null;
}

const plans = new WeakMap<JourneySet, TouchPlan>();

export function touchPlan(set: JourneySet): TouchPlan {
  let plan = plans.get(set);
  if (!plan) {
    let count = 0;
    for (let j = 0; j < set.n; j++)
      if ((set.conversions[j] as number) !== 0 || (set.value[j] as number) !== 0)
        count += (set.offsets[j + 1] as number) - (set.offsets[j] as number);
    const touch = new Int32Array(count);
    const journey = new Int32Array(count);
    const channel = new Uint16Array(count);
    let x = 0;
    for (let j = 0; j < set.n; j++) {
      if ((set.conversions[j] as number) === 0 && (set.value[j] as number) === 0) continue;
      for (let i = set.offsets[j] as number; i < (set.offsets[j + 1] as number); i++) {
        touch[x] = i;
        journey[x] = j;
        channel[x] = set.touch[i] as number;
        x++;
      }
    }
    plan = { touch, journey, channel, shares: new Map(), positions: null };
    plans.set(set, plan);
  }
  return plan;
}

/**
 * Credits every planned touch under several models in one scan: model m gives touch x the share
 * `shares[m][x]` of its journey's conversions and value. `acc` holds, per model and channel, the
 * conversions then the value: `acc[(m * K + channel) * 2 + 0|1]`.
 */
export function creditSharesMany(
  set: JourneySet,
  plan: TouchPlan,
  shares: readonly Float64Array[],
  acc: Float64Array,
): void {
  const { journey, channel } = plan;
  const { conversions, value } = set;
  const M = shares.length;
  const K2 = set.channels.length * 2;
  const len = plan.touch.length;
  if (M === 3) {
    // The common case (W-shaped, full path, time decay): three share arrays read directly.
    const [s0, s1, s2] = shares as [Float64Array, Float64Array, Float64Array];
    for (let x = 0; x < len; x++) {
      const ch2 = (channel[x] as number) * 2;
      const j = journey[x] as number;
      const c = conversions[j] as number;
      const v = value[j] as number;
      const w0 = s0[x] as number;
      const w1 = s1[x] as number;
      const w2 = s2[x] as number;
      acc[ch2] = (acc[ch2] as number) + c * w0;
      acc[ch2 + 1] = (acc[ch2 + 1] as number) + v * w0;
      acc[K2 + ch2] = (acc[K2 + ch2] as number) + c * w1;
      acc[K2 + ch2 + 1] = (acc[K2 + ch2 + 1] as number) + v * w1;
      acc[2 * K2 + ch2] = (acc[2 * K2 + ch2] as number) + c * w2;
      acc[2 * K2 + ch2 + 1] = (acc[2 * K2 + ch2 + 1] as number) + v * w2;
    }
    return;
  }
  for (let x = 0; x < len; x++) {
    const ch2 = (channel[x] as number) * 2;
    const j = journey[x] as number;
    const c = conversions[j] as number;
    const v = value[j] as number;
    for (let m = 0; m < M; m++) {
      const w = (shares[m] as Float64Array)[x] as number;
      const at = m * K2 + ch2;
      acc[at] = (acc[at] as number) + c * w;
      acc[at + 1] = (acc[at + 1] as number) + v * w;
    }
  }
}

/**
 * The shares of a model for every planned touch, cached under `key`. `share(k, n, j, i)` gives the
 * raw weight of touch k (at position i) of an n-touch journey j; shares are normalised per journey.
 * A journey whose weights are not positive is shared evenly and counted as a fallback; `fallback(j)`
 * may also count a journey that used a simpler rule.
 */
export function sharesFor(
  set: JourneySet,
  plan: TouchPlan,
  key: string,
  weight: (k: number, n: number, j: number, i: number) => number,
  fallback?: (j: number) => boolean,
): { shares: Float64Array; fallbacks: number } {
  const hit = plan.shares.get(key);
  if (hit) return hit;
  const shares = new Float64Array(plan.touch.length);
  let fallbacks = 0;
  let x = 0;
  while (x < shares.length) {
    const j = plan.journey[x] as number;
    const o = set.offsets[j] as number;
    const n = (set.offsets[j + 1] as number) - o;
    let total = 0;
    for (let k = 0; k < n; k++) {
      const w = weight(k, n, j, o + k);
      shares[x + k] = w;
      total += w;
    }
    if (total > 0 && Number.isFinite(total))
      for (let k = 0; k < n; k++) shares[x + k] = (shares[x + k] as number) / total;
    else for (let k = 0; k < n; k++) shares[x + k] = 1 / n;
    if (!(total > 0 && Number.isFinite(total)) || fallback?.(j)) fallbacks++;
    x += n;
  }
  const result = { shares, fallbacks };
  plan.shares.set(key, result);
  return result;
}

/**
 * Sums of conversions and value per distinct (channel, position, journey length): every model whose
 * share depends only on the position and the length (first, last, linear, position-based, custom
 * without channel weights) is then credited from these sums, so they all cost one scan together.
 */
export function positionSums(
  set: JourneySet,
  plan: TouchPlan,
): { channel: Int32Array; k: Int32Array; n: Int32Array; conversions: Float64Array; value: Float64Array } {
  let p = plan.positions;
  if (!p) {
    const index = new Map<number, number>();
    const channels: number[] = [];
    const ks: number[] = [];
    const ns: number[] = [];
    const slot = new Int32Array(plan.touch.length);
    const K = set.channels.length;
    for (let x = 0; x < plan.touch.length; x++) {
      const j = plan.journey[x] as number;
      const o = set.offsets[j] as number;
      const n = (set.offsets[j + 1] as number) - o;
      const k = (plan.touch[x] as number) - o;
      const ch = plan.channel[x] as number;
      const key = ((n * (n + 1)) / 2) * K + k * K + ch; // unique: k < n
      let sl = index.get(key);
      if (sl === undefined) {
        sl = channels.length;
        index.set(key, sl);
        channels.push(ch);
        ks.push(k);
        ns.push(n);
      }
      slot[x] = sl;
    }
    p = { slot, channel: Int32Array.from(channels), k: Int32Array.from(ks), n: Int32Array.from(ns) };
    plan.positions = p;
  }
  const conversions = new Float64Array(p.channel.length);
  const value = new Float64Array(p.channel.length);
  const { slot } = p;
  const { journey } = plan;
  for (let x = 0; x < slot.length; x++) {
    const sl = slot[x] as number;
    const j = journey[x] as number;
    conversions[sl] = (conversions[sl] as number) + (set.conversions[j] as number);
    value[sl] = (value[sl] as number) + (set.value[j] as number);
  }
  return { channel: p.channel, k: p.k, n: p.n, conversions, value };
}
