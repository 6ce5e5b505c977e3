import { createRandom } from '../_lib/random';
import type { JourneySet } from './_journeySet';

/** Above this many channels, the exact Shapley value of a general game needs sampling. */
export const SHAPLEY_EXACT_MAX_CHANNELS = 15;

export interface ShapleyCredits {
  conversions: Float64Array;
  value: Float64Array;
  method: 'exact' | 'sampled';
  /** Largest 95 % error bound over channels, in conversions (sampled only). */
  errorBound: number;
}

interface Coalitions {
  /** Distinct channel sets of the journeys, with their conversions, value and journeys. */
  sets: number[][];
  conv: number[];
  value: number[];
  journeys: number[];
}

function coalitions(set: JourneySet, useNulls: boolean): Coalitions {
  const index = new Map<string, number>();
  const out: Coalitions = { sets: [], conv: [], value: [], journeys: [] };
  const seen = new Int32Array(set.channels.length).fill(-1);
  for (let j = 0; j < set.n; j++) {
    const c = set.conversions[j] as number;
    const nu = useNulls ? (set.nulls[j] as number) : 0;
    if (c === 0 && nu === 0 && (set.value[j] as number) === 0) continue;
    const members: number[] = [];
    for (let i = set.offsets[j] as number; i < (set.offsets[j + 1] as number); i++) {
      const ch = set.touch[i] as number;
      if (seen[ch] !== j) {
        seen[ch] = j;
        members.push(ch);
      }
    }
    members.sort((a, b) => a - b);
    const key = members.join(',');
    let k = index.get(key);
    if (k === undefined) {
      k = out.sets.length;
      index.set(key, k);
      out.sets.push(members);
      out.conv.push(0);
      out.value.push(0);
      out.journeys.push(0);
    }
    out.conv[k] = (out.conv[k] as number) + c;
    out.value[k] = (out.value[k] as number) + (set.value[j] as number);
    out.journeys[k] = (out.journeys[k] as number) + c + nu;
  }
  return out;
}

/**
 * The Shapley value of each channel in a coalition game over the journeys' channel sets. Game
 * `conversions`: v(S) = conversions of the journeys that used only channels in S. Game `rate`: v(S) =
 * their conversion rate × all journeys (so v(all) = all conversions). Exact by enumerating every
 * coalition up to {@link SHAPLEY_EXACT_MAX_CHANNELS} channels (and for `conversions` at any size, by its
 * closed form); above, seeded permutation sampling with a 95 % error bound.
 */
export function shapleyCredits(
  set: JourneySet,
  game: 'conversions' | 'rate',
  useNulls: boolean,
  samples: number,
  seed: number,
): ShapleyCredits {
  const K = set.channels.length;
  const co = coalitions(set, useNulls || game === 'rate');
  const totalJourneys = co.journeys.reduce((a, b) => a + b, 0);
  const conversions = new Float64Array(K);
  const value = new Float64Array(K);
  if (K === 0) return { conversions, value, method: 'exact', errorBound: 0 };

  if (K <= SHAPLEY_EXACT_MAX_CHANNELS) {
    const size = 1 << K;
    const fc = new Float64Array(size);
    const fv = new Float64Array(size);
    const fj = new Float64Array(size);
    co.sets.forEach((members, k) => {
      let mask = 0;
      for (const m of members) mask |= 1 << m;
      fc[mask] = (fc[mask] as number) + (co.conv[k] as number);
      fv[mask] = (fv[mask] as number) + (co.value[k] as number);
      fj[mask] = (fj[mask] as number) + (co.journeys[k] as number);
    });
    // Subset sums (zeta transform): F(S) = Σ_{T ⊆ S} f(T).
    for (let b = 0; b < K; b++) {
      const bit = 1 << b;
      for (let s = 0; s < size; s++)
        if (s & bit) {
          fc[s] = (fc[s] as number) + (fc[s ^ bit] as number);
          fv[s] = (fv[s] as number) + (fv[s ^ bit] as number);
          fj[s] = (fj[s] as number) + (fj[s ^ bit] as number);
        }
    }
    const vc = (s: number) =>
      game === 'conversions'
        ? (fc[s] as number)
        : (fj[s] as number) > 0
          ? ((fc[s] as number) / (fj[s] as number)) * totalJourneys
          : 0;
    const vv = (s: number) =>
      game === 'conversions'
        ? (fv[s] as number)
        : (fj[s] as number) > 0
          ? ((fv[s] as number) / (fj[s] as number)) * totalJourneys
          : 0;
    // Weight of a coalition of size s not containing i: s! (K − s − 1)! / K!.
    const weight = new Float64Array(K);
    for (let s = 0; s < K; s++) {
      let w = 1 / K;
      // 1/K × 1/C(K−1, s)
      let binom = 1;
      for (let t = 1; t <= s; t++) binom = (binom * (K - 1 - s + t)) / t;
      w /= binom;
      weight[s] = w;
    }
    const popcount = (x: number) => {
      let c = 0;
      for (let y = x; y; y &= y - 1) c++;
      return c;
    };
    for (let s = 0; s < size; s++) {
      const w = weight[popcount(s)] as number;
      const baseC = vc(s);
      const baseV = vv(s);
      for (let i = 0; i < K; i++) {
        const bit = 1 << i;
        if (s & bit) continue;
        conversions[i] = (conversions[i] as number) + w * (vc(s | bit) - baseC);
        value[i] = (value[i] as number) + w * (vv(s | bit) - baseV);
      }
    }
    return { conversions, value, method: 'exact', errorBound: 0 };
  }

  if (game === 'conversions') {
    // Additive over exact channel sets, so each set's conversions split evenly over its channels.
    co.sets.forEach((members, k) => {
      for (const m of members) {
        conversions[m] = (conversions[m] as number) + (co.conv[k] as number) / members.length;
        value[m] = (value[m] as number) + (co.value[k] as number) / members.length;
      }
    });
    return { conversions, value, method: 'exact', errorBound: 0 };
  }

  // Sampling: walk random orders of the channels; a set joins the coalition when its last channel does.
  const random = createRandom(seed);
  const setsOf: number[][] = Array.from({ length: K }, () => []);
  co.sets.forEach((members, k) => {
    for (const m of members) (setsOf[m] as number[]).push(k);
  });
  const sum = new Float64Array(K);
  const sumSq = new Float64Array(K);
  const sumV = new Float64Array(K);
  const missing = new Int32Array(co.sets.length);
  const order = Array.from({ length: K }, (_, i) => i);
  for (let m = 0; m < samples; m++) {
    for (let i = K - 1; i > 0; i--) {
      const r = random.int(0, i);
      const t = order[i] as number;
      order[i] = order[r] as number;
      order[r] = t;
    }
    co.sets.forEach((members, k) => {
      missing[k] = members.length;
    });
    let c = 0;
    let v = 0;
    let j = 0;
    let prevC = 0;
    let prevV = 0;
    for (const ch of order) {
      for (const k of setsOf[ch] as number[]) {
        missing[k] = (missing[k] as number) - 1;
        if (missing[k] === 0) {
          c += co.conv[k] as number;
          v += co.value[k] as number;
          j += co.journeys[k] as number;
        }
      }
      const curC = j > 0 ? (c / j) * totalJourneys : 0;
      const curV = j > 0 ? (v / j) * totalJourneys : 0;
      const d = curC - prevC;
      sum[ch] = (sum[ch] as number) + d;
      sumSq[ch] = (sumSq[ch] as number) + d * d;
      sumV[ch] = (sumV[ch] as number) + (curV - prevV);
      prevC = curC;
      prevV = curV;
    }
  }
  let errorBound = 0;
  for (let i = 0; i < K; i++) {
    const mean = (sum[i] as number) / samples;
    conversions[i] = mean;
    value[i] = (sumV[i] as number) / samples;
    const variance = Math.max(0, (sumSq[i] as number) / samples - mean * mean);
    errorBound = Math.max(errorBound, (1.96 * Math.sqrt(variance)) / Math.sqrt(samples));
  }
  return { conversions, value, method: 'sampled', errorBound };
}
