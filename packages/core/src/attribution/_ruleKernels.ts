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
    plan = { touch, journey, channel, shares: new Map() };
    plans.set(set, plan);
  }
  return plan;
}

/** Credits every planned touch with its share of its journey's conversions and value. */
export function creditShares(
  set: JourneySet,
  plan: TouchPlan,
  shares: Float64Array,
  accC: Float64Array,
  accV: Float64Array,
): void {
  const { journey, channel } = plan;
  const { conversions, value } = set;
  for (let x = 0; x < shares.length; x++) {
    const ch = channel[x] as number;
    const j = journey[x] as number;
    const w = shares[x] as number;
    accC[ch] = (accC[ch] as number) + (conversions[j] as number) * w;
    accV[ch] = (accV[ch] as number) + (value[j] as number) * w;
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
