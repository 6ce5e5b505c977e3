// Business-minute arithmetic at scale: @accord/core's compiled calendar against a straightforward
// per-day implementation on @date-fns/tz, same run, identical results checked.

import { addBusinessMinutes, businessMinutesBetween } from '@accord/core';
import { TZDateMini } from '@date-fns/tz';
import { machine, measure, ms, peakRssMb, printTable, ratio } from './_lib/measure.mjs';

const PAIRS = Number(process.env.BENCH_PAIRS ?? 1_000_000);
const NAIVE_PAIRS = 10_000;
const hours = [['09:00', '17:00']];
const calendar = {
  timezone: 'America/New_York',
  week: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours },
  holidays: [
    '2026-01-01',
    '2026-01-19',
    '2026-02-16',
    '2026-05-25',
    '2026-07-03',
    '2026-09-07',
    '2026-11-26',
    '2026-12-25',
    '2027-01-01',
    '2027-01-18',
  ],
};

// Seeded pairs: starts over 2026–2027, spans of 0–30 days, some reversed.
let seed = 42;
const rand = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const starts = new Float64Array(PAIRS);
const ends = new Float64Array(PAIRS);
const from = Date.UTC(2026, 0, 1);
for (let i = 0; i < PAIRS; i++) {
  starts[i] = from + Math.floor(rand() * 730 * 86_400_000);
  ends[i] = starts[i] + Math.floor((rand() - 0.05) * 30 * 86_400_000);
}

/** The peer: walk local days with TZDate, clip each day's intervals. Straightforward and correct here. */
const WEEK = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
function naiveMinutes(s, e) {
  if (e < s) return -naiveMinutes(e, s);
  const tz = calendar.timezone;
  const first = new TZDateMini(s, tz);
  let total = 0;
  for (
    let d = new Date(Date.UTC(first.getFullYear(), first.getMonth(), first.getDate()));
    ;
    d = new Date(d.getTime() + 86_400_000)
  ) {
    const y = d.getUTCFullYear();
    const m = d.getUTCMonth();
    const day = d.getUTCDate();
    if (new TZDateMini(y, m, day, 0, 0, 0, 0, tz).getTime() > e) break;
    if (calendar.holidays.includes(d.toISOString().slice(0, 10))) continue;
    for (const [a, b] of calendar.week[WEEK[d.getUTCDay()]] ?? []) {
      const open = new TZDateMini(y, m, day, Number(a.slice(0, 2)), Number(a.slice(3)), 0, 0, tz).getTime();
      const close = new TZDateMini(y, m, day, Number(b.slice(0, 2)), Number(b.slice(3)), 0, 0, tz).getTime();
      total += Math.max(0, Math.min(close, e) - Math.max(open, s));
    }
  }
  return total / 60_000;
}

console.log(
  `Accord bench — business minutes, ${PAIRS.toLocaleString('en-US')} (start, end) pairs, Mon–Fri 09:00–17:00 America/New_York, 10 holidays (${machine()})`,
);
const cold = performance.now();
businessMinutesBetween(starts[0], ends[0], calendar);
console.log(`  first call (validates the calendar, builds its tables): ${ms(performance.now() - cold)}`);

const accord = await measure(
  () => {
    let sum = 0;
    for (let i = 0; i < PAIRS; i++) sum += businessMinutesBetween(starts[i], ends[i], calendar);
    return sum;
  },
  { runs: 15, warmup: 5 },
);
const naive = await measure(
  () => {
    let sum = 0;
    for (let i = 0; i < NAIVE_PAIRS; i++) sum += naiveMinutes(starts[i], ends[i]);
    return sum;
  },
  { runs: 3, warmup: 1 },
);

let checked = 0;
for (let i = 0; i < NAIVE_PAIRS; i++) {
  const a = businessMinutesBetween(starts[i], ends[i], calendar);
  const b = naiveMinutes(starts[i], ends[i]);
  if (Math.abs(a - b) > 1e-9) throw new Error(`pair ${i}: accord ${a} ≠ naive ${b}`);
  checked++;
}
const perMillion = (r, pairs) => (r.median / pairs) * 1e6;
printTable(
  [
    { engine: '@accord/core businessMinutesBetween', pairs: PAIRS, r: accord },
    { engine: 'per-day TZDate walk (peer)', pairs: NAIVE_PAIRS, r: naive },
  ],
  [
    { header: 'engine', value: (x) => x.engine },
    { header: 'pairs timed', right: true, value: (x) => x.pairs.toLocaleString('en-US') },
    { header: 'median', right: true, value: (x) => ms(x.r.median) },
    { header: 'min', right: true, value: (x) => ms(x.r.min) },
    { header: 'per 1M pairs', right: true, value: (x) => ms(perMillion(x.r, x.pairs)) },
    { header: 'per pair', right: true, value: (x) => `${((x.r.median * 1e6) / x.pairs).toFixed(0)} ns` },
  ],
);
const peer = perMillion(naive, NAIVE_PAIRS);
console.log(
  `  vs the peer, per pair: ${ratio(peer, perMillion(accord, PAIRS))} faster; results identical on the ${checked.toLocaleString('en-US')} pairs the peer computed`,
);

const adds = await measure(
  () => {
    let last = 0;
    for (let i = 0; i < 100_000; i++) last = addBusinessMinutes(starts[i], 60 + (i % 960), calendar);
    return last;
  },
  { runs: 7, warmup: 2 },
);
console.log(
  `  addBusinessMinutes, 100,000 due dates: median ${ms(adds.median)} (${((adds.median * 1e6) / 100_000).toFixed(0)} ns each)`,
);
console.log(`  peak RSS of this process: ${peakRssMb()} MB`);
