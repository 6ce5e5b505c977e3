import type { JourneySet } from './_journeySet';

/*
 * One small, monomorphic loop per rule-based model, over the journeys that carry a conversion or a
 * value (cached per set). Used when no per-touch output (campaigns, per-journey rows) is asked for;
 * `ruleCredits`' general loop gives the same credits touch by touch (checked by the tests).
 */

const activeCache = new WeakMap<JourneySet, Int32Array>();

/** The journeys with a conversion or a value: the only ones any rule-based model credits. */
export function activeJourneys(set: JourneySet): Int32Array {
  let active = activeCache.get(set);
  if (!active) {
    const list: number[] = [];
    for (let j = 0; j < set.n; j++)
      if ((set.conversions[j] as number) !== 0 || (set.value[j] as number) !== 0) list.push(j);
    active = Int32Array.from(list);
    activeCache.set(set, active);
  }
  return active;
}

/** First touch (`last` false) or last touch (`last` true). */
export function firstOrLast(
  set: JourneySet,
  active: Int32Array,
  last: boolean,
  accC: Float64Array,
  accV: Float64Array,
): number {
  const { offsets, touch, conversions, value } = set;
  for (let a = 0; a < active.length; a++) {
    const j = active[a] as number;
    const ch = touch[last ? (offsets[j + 1] as number) - 1 : (offsets[j] as number)] as number;
    accC[ch] = (accC[ch] as number) + (conversions[j] as number);
    accV[ch] = (accV[ch] as number) + (value[j] as number);
  }
  return 0;
}

/** Linear: 1/n per touch. */
export function linear(set: JourneySet, active: Int32Array, accC: Float64Array, accV: Float64Array): number {
  const { offsets, touch, conversions, value } = set;
  for (let a = 0; a < active.length; a++) {
    const j = active[a] as number;
    const o = offsets[j] as number;
    const e = offsets[j + 1] as number;
    const cn = (conversions[j] as number) / (e - o);
    const vn = (value[j] as number) / (e - o);
    for (let i = o; i < e; i++) {
      const ch = touch[i] as number;
      accC[ch] = (accC[ch] as number) + cn;
      accV[ch] = (accV[ch] as number) + vn;
    }
  }
  return 0;
}

/**
 * Position weights (first, each middle, last), optionally × a weight per channel, normalised per
 * journey; one touch takes all. Returns the journeys with no positive weight (credited evenly).
 */
export function positional(
  set: JourneySet,
  active: Int32Array,
  first: number,
  middle: number,
  last: number,
  channelWeights: Float64Array | null,
  accC: Float64Array,
  accV: Float64Array,
): number {
  const { offsets, touch, conversions, value } = set;
  let fallbacks = 0;
  for (let a = 0; a < active.length; a++) {
    const j = active[a] as number;
    const o = offsets[j] as number;
    const e = offsets[j + 1] as number;
    const n = e - o;
    const c = conversions[j] as number;
    const v = value[j] as number;
    const pf = n === 1 ? 1 : first;
    const pm = n > 2 ? middle / (n - 2) : 0;
    const pl = n === 1 ? 0 : last;
    let total = 0;
    if (channelWeights === null) total = pf + pm * (n > 2 ? n - 2 : 0) + pl;
    else
      for (let i = o; i < e; i++)
        total += (i === o ? pf : i === e - 1 ? pl : pm) * (channelWeights[touch[i] as number] as number);
    if (!(total > 0)) {
      fallbacks++;
      for (let i = o; i < e; i++) {
        const ch = touch[i] as number;
        accC[ch] = (accC[ch] as number) + c / n;
        accV[ch] = (accV[ch] as number) + v / n;
      }
      continue;
    }
    const cs = c / total;
    const vs = v / total;
    for (let i = o; i < e; i++) {
      const ch = touch[i] as number;
      const p = (i === o ? pf : i === e - 1 ? pl : pm) * (channelWeights === null ? 1 : (channelWeights[ch] as number));
      accC[ch] = (accC[ch] as number) + cs * p;
      accV[ch] = (accV[ch] as number) + vs * p;
    }
  }
  return fallbacks;
}

/** Per-touch shares already normalised per journey (time decay). */
export function weighted(
  set: JourneySet,
  active: Int32Array,
  weights: Float64Array,
  accC: Float64Array,
  accV: Float64Array,
): number {
  const { offsets, touch, conversions, value } = set;
  for (let a = 0; a < active.length; a++) {
    const j = active[a] as number;
    const c = conversions[j] as number;
    const v = value[j] as number;
    const e = offsets[j + 1] as number;
    for (let i = offsets[j] as number; i < e; i++) {
      const ch = touch[i] as number;
      const w = weights[i] as number;
      accC[ch] = (accC[ch] as number) + c * w;
      accV[ch] = (accV[ch] as number) + v * w;
    }
  }
  return 0;
}

/**
 * W-shaped (`full` false: first touch, lead creation, opportunity creation 30 % each, 10 % over the
 * rest; one moment known: 40/40/20) or full path (`full`: those and the last touch 22.5 % each; one
 * moment known: 30/30/30 + 10). No moment known: U-shaped. Returns the fallbacks.
 */
export function moments(
  set: JourneySet,
  active: Int32Array,
  full: boolean,
  accC: Float64Array,
  accV: Float64Array,
): number {
  const { offsets, touch, conversions, value } = set;
  const leadM = set.leadMoment;
  const oppM = set.opportunityMoment;
  let fallbacks = 0;
  for (let a = 0; a < active.length; a++) {
    const j = active[a] as number;
    const o = offsets[j] as number;
    const e = offsets[j + 1] as number;
    const n = e - o;
    const c = conversions[j] as number;
    const v = value[j] as number;
    const lead = leadM ? (leadM[j] as number) : -1;
    const opp = oppM ? (oppM[j] as number) : -1;
    const m1 = lead >= 0 ? lead : opp;
    const m2 = lead >= 0 && opp >= 0 ? opp : -1;
    if (m1 < 0) {
      fallbacks++;
      const uf = n === 1 ? 1 : n === 2 ? 0.5 : 0.4;
      const um = n > 2 ? 0.2 / (n - 2) : 0;
      for (let k = 0; k < n; k++) {
        const ch = touch[o + k] as number;
        const u = k === 0 || k === n - 1 ? uf : um;
        accC[ch] = (accC[ch] as number) + c * u;
        accV[ch] = (accV[ch] as number) + v * u;
      }
      continue;
    }
    const m3 = full ? n - 1 : -1;
    let distinct = 1 + (m1 > 0 ? 1 : 0) + (m2 > 0 && m2 !== m1 ? 1 : 0);
    if (m3 > 0 && m3 !== m1 && m3 !== m2) distinct++;
    const count = 2 + (m2 >= 0 ? 1 : 0) + (full ? 1 : 0);
    const share = full ? (m2 >= 0 ? 0.225 : 0.3) : m2 >= 0 ? 0.3 : 0.4;
    const restTotal = full ? 0.1 : m2 >= 0 ? 0.1 : 0.2;
    const rest = n > distinct ? restTotal / (n - distinct) : 0;
    const total = count * share + rest * (n - distinct);
    for (let k = 0; k < n; k++) {
      const ch = touch[o + k] as number;
      const hits = (k === 0 ? 1 : 0) + (k === m1 ? 1 : 0) + (k === m2 ? 1 : 0) + (k === m3 ? 1 : 0);
      const w = (hits > 0 ? hits * share : rest) / total;
      accC[ch] = (accC[ch] as number) + c * w;
      accV[ch] = (accV[ch] as number) + v * w;
    }
  }
  return fallbacks;
}
