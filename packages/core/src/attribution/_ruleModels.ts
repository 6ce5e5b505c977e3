import type { JourneySet } from './_journeySet';
import { creditSharesMany, positionSums, sharesFor, touchPlan } from './_ruleKernels';
import type { JourneyCredit, PositionWeights } from './attribution.types';

/** The rule-based models: each journey's conversions and value split over its touches by a fixed rule. */
export type RuleModel =
  | 'first_touch'
  | 'last_touch'
  | 'linear'
  | 'time_decay'
  | 'position_based'
  | 'w_shaped'
  | 'full_path'
  | 'custom';

export const RULE_MODELS: readonly RuleModel[] = [
  'first_touch',
  'last_touch',
  'linear',
  'time_decay',
  'position_based',
  'w_shaped',
  'full_path',
  'custom',
];

export interface RuleParams {
  halfLifeMs: number;
  positions: PositionWeights;
  /** Per channel code: the custom model's multiplier. */
  channelWeights: Float64Array | null;
}

export interface RuleCredits {
  conversions: Float64Array;
  value: Float64Array;
  /** Key `campaign * channels + channel` → [conversions, value]. */
  campaigns: Map<number, [number, number]>;
  journeys: JourneyCredit[] | null;
  /** Journeys that fell back to a simpler rule (a moment or a time unknown). */
  fallbacks: number;
}

/**
 * Credits every requested rule-based model in one pass over the journeys: each journey's touches are
 * read once and every model's weights applied to them, so the cost is one walk over the touch arrays
 * however many models are compared.
 */
export function ruleCredits(
  set: JourneySet,
  models: readonly RuleModel[],
  params: RuleParams,
  options: { campaigns: boolean; perJourney: boolean },
): Map<RuleModel, RuleCredits> {
  const K = set.channels.length;
  const out = new Map<RuleModel, RuleCredits>();
  for (const m of models)
    out.set(m, {
      conversions: new Float64Array(K),
      value: new Float64Array(K),
      campaigns: new Map(),
      journeys: options.perJourney ? [] : null,
      fallbacks: 0,
    });
  const F = out.get('first_touch');
  const L = out.get('last_touch');
  const LIN = out.get('linear');
  const TD = out.get('time_decay');
  const POS = out.get('position_based');
  const W = out.get('w_shaped');
  const FULL = out.get('full_path');
  const CUS = out.get('custom');
  const { offsets, touch, conversions, value } = set;
  const campaign = options.campaigns ? set.campaign : null;
  const perJourney = options.perJourney;
  const leadM = set.leadMoment;
  const oppM = set.opportunityMoment;
  const pos = params.positions;
  const cw = params.channelWeights;
  const slow = campaign !== null || perJourney;
  if (!slow) {
    // No per-touch output: one flat scan per model over the cached touch plan.
    const plan = touchPlan(set);
    const jobs: { r: RuleCredits; shares: Float64Array }[] = [];
    const run = (
      r: RuleCredits | undefined,
      key: string,
      weight: (k: number, n: number, j: number, i: number) => number,
      fallback?: (j: number) => boolean,
    ) => {
      if (!r) return;
      const s = sharesFor(set, plan, key, weight, fallback);
      jobs.push({ r, shares: s.shares });
      r.fallbacks = s.fallbacks;
    };
    // Models whose share depends only on position and length: credited from per-position sums.
    const p = params.positions;
    const customWeight = (k: number, n: number) =>
      n === 1 ? 1 : k === 0 ? p.first : k === n - 1 ? p.last : p.middle / (n - 2);
    const customTotal = (n: number) => (n === 1 ? 1 : p.first + p.last + (n > 2 ? p.middle : 0));
    const positional: [RuleCredits | undefined, (k: number, n: number) => number][] = [
      [F, (k) => (k === 0 ? 1 : 0)],
      [L, (k, n) => (k === n - 1 ? 1 : 0)],
      [LIN, (_k, n) => 1 / n],
      [POS, uShare],
      ...(cw === null
        ? [
            [CUS, (k: number, n: number) => (customTotal(n) > 0 ? customWeight(k, n) / customTotal(n) : 1 / n)] as [
              RuleCredits | undefined,
              (k: number, n: number) => number,
            ],
          ]
        : []),
    ];
    if (positional.some(([r]) => r)) {
      const sums = positionSums(set, plan);
      for (const [r, share] of positional) {
        if (!r) continue;
        for (let sl = 0; sl < sums.channel.length; sl++) {
          const w = share(sums.k[sl] as number, sums.n[sl] as number);
          const ch = sums.channel[sl] as number;
          r.conversions[ch] = (r.conversions[ch] as number) + w * (sums.conversions[sl] as number);
          r.value[ch] = (r.value[ch] as number) + w * (sums.value[sl] as number);
        }
      }
      if (CUS && cw === null) {
        // Journeys whose position weights are all zero were shared evenly: count them.
        let fallbacks = 0;
        for (let j = 0; j < set.n; j++) {
          if ((conversions[j] as number) === 0 && (value[j] as number) === 0) continue;
          if (!(customTotal((offsets[j + 1] as number) - (offsets[j] as number)) > 0)) fallbacks++;
        }
        CUS.fallbacks = fallbacks;
      }
    }
    if (CUS && cw !== null) {
      const cwKey = Array.from(cw).join(',');
      run(
        CUS,
        `custom:${p.first}:${p.middle}:${p.last}:${cwKey}`,
        (k, n, _j, i) => customWeight(k, n) * (cw[touch[i] as number] as number),
      );
    }
    const rate = Math.LN2 / params.halfLifeMs;
    run(TD, `decay:${params.halfLifeMs}`, (_k, _n, j, i) =>
      Math.exp(-(((set.convertedAt?.[j] ?? Number.NaN) as number) - ((set.at?.[i] ?? Number.NaN) as number)) * rate),
    );
    const moments = (full: boolean) => (k: number, n: number, j: number) => {
      const lead = leadM ? (leadM[j] as number) : -1;
      const opp = oppM ? (oppM[j] as number) : -1;
      const m1 = lead >= 0 ? lead : opp;
      const m2 = lead >= 0 && opp >= 0 ? opp : -1;
      if (m1 < 0) return uShare(k, n);
      const m3 = full ? n - 1 : -1;
      let distinct = 1 + (m1 > 0 ? 1 : 0) + (m2 > 0 && m2 !== m1 ? 1 : 0);
      if (m3 > 0 && m3 !== m1 && m3 !== m2) distinct++;
      const share = full ? (m2 >= 0 ? 0.225 : 0.3) : m2 >= 0 ? 0.3 : 0.4;
      const restTotal = full ? 0.1 : m2 >= 0 ? 0.1 : 0.2;
      const hits = (k === 0 ? 1 : 0) + (k === m1 ? 1 : 0) + (k === m2 ? 1 : 0) + (k === m3 ? 1 : 0);
      return hits > 0 ? hits * share : n > distinct ? restTotal / (n - distinct) : 0;
    };
    const noMoment = (j: number) => (leadM ? (leadM[j] as number) : -1) < 0 && (oppM ? (oppM[j] as number) : -1) < 0;
    run(W, 'w_shaped', moments(false), noMoment);
    run(FULL, 'full_path', moments(true), noMoment);
    // One scan credits every model.
    const acc = new Float64Array(jobs.length * K * 2);
    creditSharesMany(
      set,
      plan,
      jobs.map((job) => job.shares),
      acc,
    );
    jobs.forEach((job, m) => {
      for (let ch = 0; ch < K; ch++) {
        job.r.conversions[ch] = acc[(m * K + ch) * 2] as number;
        job.r.value[ch] = acc[(m * K + ch) * 2 + 1] as number;
      }
    });
    return out;
  }

  /** Credits touch `i` of journey `j` with share `w` under model `r` (campaigns and per-journey rows). */
  const extra = (r: RuleCredits, j: number, i: number, w: number, c: number, v: number) => {
    if (campaign !== null) {
      const cc = campaign[i] as number;
      if (cc >= 0) {
        const key = cc * K + (touch[i] as number);
        const cell = r.campaigns.get(key);
        if (cell) {
          cell[0] += c * w;
          cell[1] += v * w;
        } else r.campaigns.set(key, [c * w, v * w]);
      }
    }
    if (r.journeys)
      r.journeys.push({
        journey: set.positions[j] as number,
        ...(set.ids?.[j] !== undefined ? { journeyId: set.ids[j] } : {}),
        touch: i - (offsets[j] as number),
        channel: set.channels[touch[i] as number] as string,
        conversions: c * w,
        value: v * w,
      });
  };
  // Time-decay weights depend only on the journeys and the half-life: computed once per set and half-life.
  const decay = TD ? decayWeights(set, params.halfLifeMs) : null;
  if (TD && decay) TD.fallbacks = decay.fallbacks;
  const tdw = decay?.weights ?? null;
  const customPos = CUS !== undefined && cw === null;

  const fC = F?.conversions as Float64Array;
  const fV = F?.value as Float64Array;
  const lC = L?.conversions as Float64Array;
  const lV = L?.value as Float64Array;
  const linC = LIN?.conversions as Float64Array;
  const linV = LIN?.value as Float64Array;
  const pos_C = POS?.conversions as Float64Array;
  const pos_V = POS?.value as Float64Array;
  const tdC = TD?.conversions as Float64Array;
  const tdV = TD?.value as Float64Array;
  const w_C = W?.conversions as Float64Array;
  const w_V = W?.value as Float64Array;
  const fullC = FULL?.conversions as Float64Array;
  const fullV = FULL?.value as Float64Array;
  const cusC = CUS?.conversions as Float64Array;
  const cusV = CUS?.value as Float64Array;
  for (let j = 0; j < set.n; j++) {
    const o = offsets[j] as number;
    const e = offsets[j + 1] as number;
    const n = e - o;
    const c = conversions[j] as number;
    const v = value[j] as number;
    if (c === 0 && v === 0 && !perJourney) continue;
    const first = touch[o] as number;
    const last = touch[e - 1] as number;
    if (F) {
      fC[first] = (fC[first] as number) + c;
      fV[first] = (fV[first] as number) + v;
      if (slow) extra(F, j, o, 1, c, v);
    }
    if (L) {
      lC[last] = (lC[last] as number) + c;
      lV[last] = (lV[last] as number) + v;
      if (slow) extra(L, j, e - 1, 1, c, v);
    }
    // Position-based (U) shares of the first, each middle and the last touch.
    const uf = n === 1 ? 1 : n === 2 ? 0.5 : 0.4;
    const um = n > 2 ? 0.2 / (n - 2) : 0;
    const ul = n === 1 ? 1 : n === 2 ? 0.5 : 0.4;
    // W-shaped and full path: each moment touch gets `share` per moment it holds, the others `rest`,
    // normalised by `total`; with no moment known, U-shaped.
    let lead = -1;
    let opp = -1;
    if (W || FULL) {
      lead = leadM ? (leadM[j] as number) : -1;
      opp = oppM ? (oppM[j] as number) : -1;
    }
    const m1 = lead >= 0 ? lead : opp;
    const m2 = lead >= 0 && opp >= 0 ? opp : -1;
    const wU = m1 < 0;
    // Distinct moment touches, for the rest's share.
    const dW = 1 + (m1 > 0 ? 1 : 0) + (m2 > 0 && m2 !== m1 ? 1 : 0);
    const dF = dW + (n - 1 > 0 && n - 1 !== m1 && n - 1 !== m2 ? 1 : 0);
    const wShare = m2 >= 0 ? 0.3 : 0.4;
    const wRest = n > dW ? (m2 >= 0 ? 0.1 : 0.2) / (n - dW) : 0;
    const wTotal = (m2 >= 0 ? 3 : 2) * wShare + wRest * (n - dW);
    const fShare = m2 >= 0 ? 0.225 : 0.3;
    const fRest = n > dF ? 0.1 / (n - dF) : 0;
    const fTotal = (m2 >= 0 ? 4 : 3) * fShare + fRest * (n - dF);
    const credited = c !== 0 || v !== 0;
    if (wU && credited) {
      if (W) W.fallbacks++;
      if (FULL) FULL.fallbacks++;
    }
    // Custom: position weights × channel weights, normalised per journey.
    let cf = 0;
    let cm = 0;
    let cl = 0;
    let cTotal = 1;
    if (CUS) {
      cf = n === 1 ? 1 : pos.first;
      cm = n > 2 ? pos.middle / (n - 2) : 0;
      cl = n === 1 ? 0 : pos.last;
      if (customPos) cTotal = cf + cm * Math.max(0, n - 2) + cl;
      else {
        cTotal = 0;
        for (let k = 0; k < n; k++)
          cTotal += (k === 0 ? cf : k === n - 1 ? cl : cm) * ((cw as Float64Array)[touch[o + k] as number] as number);
      }
      if (!(cTotal > 0) && credited) CUS.fallbacks++;
    }
    const cn = c / n;
    const vn = v / n;
    for (let k = 0; k < n; k++) {
      const i = o + k;
      const ch = touch[i] as number;
      if (LIN) {
        linC[ch] = (linC[ch] as number) + cn;
        linV[ch] = (linV[ch] as number) + vn;
        if (slow) extra(LIN, j, i, 1 / n, c, v);
      }
      const u = k === 0 ? uf : k === n - 1 ? ul : um;
      if (POS) {
        pos_C[ch] = (pos_C[ch] as number) + c * u;
        pos_V[ch] = (pos_V[ch] as number) + v * u;
        if (slow) extra(POS, j, i, u, c, v);
      }
      if (TD) {
        const w = (tdw as Float64Array)[i] as number;
        tdC[ch] = (tdC[ch] as number) + c * w;
        tdV[ch] = (tdV[ch] as number) + v * w;
        if (slow) extra(TD, j, i, w, c, v);
      }
      if (W) {
        const w = wU ? u : momentWeight(k, 0, m1, m2, -1, wShare, wRest) / wTotal;
        w_C[ch] = (w_C[ch] as number) + c * w;
        w_V[ch] = (w_V[ch] as number) + v * w;
        if (slow) extra(W, j, i, w, c, v);
      }
      if (FULL) {
        const w = wU ? u : momentWeight(k, 0, m1, m2, n - 1, fShare, fRest) / fTotal;
        fullC[ch] = (fullC[ch] as number) + c * w;
        fullV[ch] = (fullV[ch] as number) + v * w;
        if (slow) extra(FULL, j, i, w, c, v);
      }
      if (CUS) {
        const p = k === 0 ? cf : k === n - 1 ? cl : cm;
        // With no positive weight at all, every touch counts the same.
        const w = cTotal > 0 ? (p * (cw ? (cw[ch] as number) : 1)) / cTotal : 1 / n;
        cusC[ch] = (cusC[ch] as number) + c * w;
        cusV[ch] = (cusV[ch] as number) + v * w;
        if (slow) extra(CUS, j, i, w, c, v);
      }
    }
  }
  return out;
}

/** The weight of touch `k` given up to four moment positions (−1: none): `share` per moment it holds, else `rest`. */
function momentWeight(k: number, a: number, b: number, c: number, d: number, share: number, rest: number): number {
  const hits = (k === a ? 1 : 0) + (k === b ? 1 : 0) + (k === c ? 1 : 0) + (k === d ? 1 : 0);
  return hits > 0 ? hits * share : rest;
}

const decayCache = new WeakMap<JourneySet, Map<number, { weights: Float64Array; fallbacks: number }>>();

/**
 * Time-decay shares per touch (2^(−Δt/h), normalised per journey), cached per journey set and
 * half-life. A journey with an unknown time falls back to equal shares (counted).
 */
function decayWeights(set: JourneySet, halfLifeMs: number): { weights: Float64Array; fallbacks: number } {
  let byHalfLife = decayCache.get(set);
  if (!byHalfLife) {
    byHalfLife = new Map();
    decayCache.set(set, byHalfLife);
  }
  const hit = byHalfLife.get(halfLifeMs);
  if (hit) return hit;
  const weights = new Float64Array(set.touches);
  const rate = Math.LN2 / halfLifeMs;
  let fallbacks = 0;
  const { offsets, at, convertedAt } = set;
  for (let j = 0; j < set.n; j++) {
    const o = offsets[j] as number;
    const e = offsets[j + 1] as number;
    const t = convertedAt ? (convertedAt[j] as number) : Number.NaN;
    let total = 0;
    for (let i = o; i < e; i++) {
      const w = Math.exp(-(t - (at ? (at[i] as number) : Number.NaN)) * rate);
      weights[i] = w;
      total += w;
    }
    if (total > 0 && Number.isFinite(total)) for (let i = o; i < e; i++) weights[i] = (weights[i] as number) / total;
    else {
      for (let i = o; i < e; i++) weights[i] = 1 / (e - o);
      if ((set.conversions[j] as number) > 0 || (set.value[j] as number) > 0) fallbacks++;
    }
  }
  const result = { weights, fallbacks };
  byHalfLife.set(halfLifeMs, result);
  return result;
}

/** Position-based (U-shaped) share of touch k of n: 40/20/40; one touch 100 %, two 50/50. */
function uShare(k: number, n: number): number {
  if (n === 1) return 1;
  if (n === 2) return 0.5;
  return k === 0 || k === n - 1 ? 0.4 : 0.2 / (n - 2);
}
