// Attribution at scale: 1M journeys, ~4M touches, 12 channels. @accord/core's compareAttribution runs
// every rule-based model and first-order Markov in one call (the columnar journeys built once, on
// the first call, and reused); the peer is a straightforward implementation over the journey objects
// with Map accumulators, run in the same process. Credits are checked equal (relative 1e-9).

import { compareAttribution } from '@accord/core';
import { machine, measure, measureInterleaved, ms, peakRssMb, printTable, ratio } from './_lib/measure.mjs';
import { prng } from './_lib/syntheticLeads.mjs';

const JOURNEYS = Number(process.env.BENCH_JOURNEYS ?? 1_000_000);
const CHANNELS = [
  'alpha',
  'beta',
  'gamma',
  'delta',
  'epsilon',
  'zeta',
  'eta',
  'theta',
  'iota',
  'kappa',
  'lambda',
  'mi',
];
const DAY = 86_400_000;
const MODELS = [
  'first_touch',
  'last_touch',
  'linear',
  'time_decay',
  'position_based',
  'w_shaped',
  'full_path',
  'custom',
  'markov',
];

console.log(`Attribution benchmark — ${machine()}`);
let t = performance.now();
const r = prng(7);
const start = Date.UTC(2026, 0, 1);
const journeys = new Array(JOURNEYS);
let touchCount = 0;
for (let j = 0; j < JOURNEYS; j++) {
  const n = 1 + Math.floor(r() * r() * 13); // mean ≈ 4
  const convertedAt = start + Math.floor(r() * 300 * DAY);
  const touches = new Array(n);
  let at = convertedAt - Math.floor(r() * 60 * DAY);
  for (let k = 0; k < n; k++) {
    // Skewed channel mix, so models disagree.
    const c = Math.min(CHANNELS.length - 1, Math.floor(-Math.log(1 - r()) * 3));
    touches[k] = { channel: CHANNELS[c], at };
    at += Math.floor(r() * (convertedAt - at) * 0.5);
  }
  touchCount += n;
  const converts = r() < 0.3;
  journeys[j] = {
    touches,
    conversions: converts ? 1 : 0,
    value: converts ? 100 + Math.floor(r() * 9_900) : 0,
    nulls: converts ? 0 : 1,
    convertedAt,
    leadCreatedAt: touches[Math.floor(r() * n)].at,
    ...(r() < 0.5 ? { opportunityCreatedAt: touches[n - 1].at } : {}),
  };
}
console.log(
  `  data: ${JOURNEYS.toLocaleString('en-US')} seeded journeys, ${touchCount.toLocaleString('en-US')} touches, ${CHANNELS.length} channels (${((performance.now() - t) / 1000).toFixed(1)} s to generate)`,
);

t = performance.now();
compareAttribution(journeys, { models: MODELS });
const load = performance.now() - t;

const results = await measureInterleaved(
  { accord: () => compareAttribution(journeys, { models: MODELS }).results },
  { runs: 15, warmup: 3 },
);
results.plain = await measure(() => plain(journeys), { runs: 5, warmup: 1 });

// Same credits from both.
let compared = 0;
for (const res of results.accord.result) {
  const other = results.plain.result.get(res.model);
  for (const c of res.channels) {
    const o = other.get(c.channel) ?? [0, 0];
    for (const [a, b] of [
      [c.conversions, o[0]],
      [c.value, o[1]],
    ]) {
      compared++;
      if (Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(a)))
        throw new Error(`${res.model} ${c.channel}: ${b} (plain) ≠ ${a}`);
    }
  }
}
console.log(
  `\n  ${MODELS.length} models (every rule-based model + first-order Markov), ${compared} credits equal in both engines`,
);
printTable(
  [
    { engine: '@accord/core compareAttribution (columnar journeys cached)', r: results.accord },
    { engine: 'plain objects + Map (peer)', r: results.plain },
  ],
  [
    { header: 'engine', value: (x) => x.engine },
    { header: 'median', right: true, value: (x) => ms(x.r.median) },
    { header: 'min', right: true, value: (x) => ms(x.r.min) },
    { header: 'runs', right: true, value: (x) => x.r.samples.length },
    { header: 'vs plain', right: true, value: (x) => ratio(x.r.median, results.plain.median) },
  ],
);
console.log(
  `\n  first call (builds the columnar journeys from ${JOURNEYS.toLocaleString('en-US')} objects): ${ms(load)}`,
);
console.log(`  peak RSS of this process: ${peakRssMb()} MB`);

/** The peer: each model over the journey objects, channel credits in Maps. */
function plain(list) {
  const out = new Map(MODELS.map((m) => [m, new Map()]));
  const add = (m, channel, c, v) => {
    const map = out.get(m);
    const cell = map.get(channel);
    if (cell) {
      cell[0] += c;
      cell[1] += v;
    } else map.set(channel, [c, v]);
  };
  const transitions = new Map();
  const exits = new Map();
  const countTransition = (from, to, w) => {
    const row = transitions.get(from) ?? new Map();
    row.set(to, (row.get(to) ?? 0) + w);
    transitions.set(from, row);
  };
  const half = 7 * DAY;
  for (const j of list) {
    const { touches, conversions: c, value: v } = j;
    const n = touches.length;
    // Markov transitions (collapsed repeats), with nulls.
    const w = c + j.nulls;
    let prev = '(start)';
    for (const t of touches) {
      if (t.channel === prev) continue;
      countTransition(prev, t.channel, w);
      prev = t.channel;
    }
    const e = exits.get(prev) ?? [0, 0, 0];
    e[0] += c;
    e[1] += j.nulls;
    e[2] += v;
    exits.set(prev, e);
    if (c === 0 && v === 0) continue;
    add('first_touch', touches[0].channel, c, v);
    add('last_touch', touches[n - 1].channel, c, v);
    for (const t of touches) add('linear', t.channel, c / n, v / n);
    const u = touches.map((_, k) => (n === 1 ? 1 : n === 2 ? 0.5 : k === 0 || k === n - 1 ? 0.4 : 0.2 / (n - 2)));
    touches.forEach((t, k) => {
      add('position_based', t.channel, c * u[k], v * u[k]);
    });
    const decay = touches.map((t) => 2 ** (-(j.convertedAt - t.at) / half));
    const dsum = decay.reduce((a, b) => a + b, 0);
    touches.forEach((t, k) => {
      add('time_decay', t.channel, (c * decay[k]) / dsum, (v * decay[k]) / dsum);
    });
    const momentOf = (when) => {
      if (when === undefined) return -1;
      let f = -1;
      touches.forEach((t, k) => {
        if (t.at <= when) f = k;
      });
      return f;
    };
    const lead = momentOf(j.leadCreatedAt);
    const opp = momentOf(j.opportunityCreatedAt);
    const shaped = (list2, share, rest) => {
      const ws = new Array(n).fill(0);
      for (const k of list2) ws[k] += share;
      const others = ws.filter((x) => x === 0).length;
      for (let k = 0; k < n; k++) if (ws[k] === 0 && others > 0) ws[k] = rest / others;
      const s = ws.reduce((a, b) => a + b, 0);
      return ws.map((x) => x / s);
    };
    const wW =
      lead >= 0 && opp >= 0
        ? shaped([0, lead, opp], 0.3, 0.1)
        : lead >= 0 || opp >= 0
          ? shaped([0, lead >= 0 ? lead : opp], 0.4, 0.2)
          : u;
    touches.forEach((t, k) => {
      add('w_shaped', t.channel, c * wW[k], v * wW[k]);
    });
    const fl = [0, ...(lead >= 0 ? [lead] : []), ...(opp >= 0 ? [opp] : []), n - 1];
    const wF = fl.length === 4 ? shaped(fl, 0.225, 0.1) : fl.length === 3 ? shaped(fl, 0.3, 0.1) : u;
    touches.forEach((t, k) => {
      add('full_path', t.channel, c * wF[k], v * wF[k]);
    });
    touches.forEach((t, k) => {
      add('custom', t.channel, c * u[k], v * u[k]);
    });
  }
  // Markov: removal effects by value iteration on the transition Maps.
  const states = [...new Set([...transitions.keys(), ...exits.keys()])];
  const solve = (removed, forValue) => {
    const x = new Map();
    for (let sweep = 0; sweep < 10_000; sweep++) {
      let change = 0;
      for (const s of states) {
        if (s === removed) continue;
        const row = transitions.get(s) ?? new Map();
        const [ec, en, ev] = exits.get(s) ?? [0, 0, 0];
        let outW = ec + en;
        let sum = forValue ? ev : ec;
        for (const [d, wt] of row) {
          outW += wt;
          if (d !== removed) sum += wt * (x.get(d) ?? 0);
        }
        const next = sum / outW;
        change = Math.max(change, Math.abs(next - (x.get(s) ?? 0)) / Math.max(1e-300, Math.abs(next)));
        x.set(s, next);
      }
      if (change < 1e-15) break;
    }
    return x.get('(start)') ?? 0;
  };
  const totalC = list.reduce((a, j) => a + j.conversions, 0);
  const totalV = list.reduce((a, j) => a + j.value, 0);
  for (const forValue of [false, true]) {
    const base = solve(null, forValue);
    const re = CHANNELS.map((ch) => Math.max(0, 1 - solve(ch, forValue) / base));
    const sum = re.reduce((a, b) => a + b, 0);
    CHANNELS.forEach((ch, i) => {
      const cell = out.get('markov').get(ch) ?? [0, 0];
      cell[forValue ? 1 : 0] = ((forValue ? totalV : totalC) * re[i]) / sum;
      out.get('markov').set(ch, cell);
    });
  }
  return out;
}
