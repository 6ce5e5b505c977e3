// Shared benchmark helpers: repeated timing with medians, ratios and peak RSS. No timed assertions.
import { cpus } from 'node:os';

/** Times `fn` `runs` times after `warmup` runs; returns the sorted samples in ms and the last result. */
export async function measure(fn, { runs = 9, warmup = 2 } = {}) {
  let result;
  for (let i = 0; i < warmup; i++) result = await fn();
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    result = await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { samples, median: samples[Math.floor(samples.length / 2)], min: samples[0], result };
}

/** Peak resident set size of this process so far, in MB. */
export const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

export const machine = () => `Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'})`;

const pad = (text, width, right) => (right ? String(text).padStart(width) : String(text).padEnd(width));

/** Prints rows as an aligned table. */
export function printTable(rows, columns) {
  const widths = columns.map((c) => Math.max(c.header.length, ...rows.map((r) => String(c.value(r)).length)));
  const line = (cells) => `  ${cells.map((cell, i) => pad(cell, widths[i], columns[i].right)).join('  ')}`;
  console.log(line(columns.map((c) => c.header)));
  for (const row of rows) console.log(line(columns.map((c) => c.value(row))));
}

export const ms = (x) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;
export const ratio = (a, b) => `${(a / b).toFixed(2)}×`;

/**
 * Times several contenders in interleaved rounds (A B C, A B C, …) after warming each up, so a slow
 * phase of the process (GC of setup garbage, page-in, CPU clocks) hits every contender alike instead
 * of whichever happens to run first.
 */
export async function measureInterleaved(contenders, { runs = 15, warmup = 5 } = {}) {
  const names = Object.keys(contenders);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  const results = {};
  for (let i = 0; i < warmup; i++) for (const n of names) results[n] = await contenders[n]();
  for (let i = 0; i < runs; i++) {
    for (const n of names) {
      const start = process.hrtime.bigint();
      results[n] = await contenders[n]();
      samples[n].push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return Object.fromEntries(
    names.map((n) => {
      const sorted = samples[n].sort((a, b) => a - b);
      return [
        n,
        { samples: sorted, median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], result: results[n] },
      ];
    }),
  );
}
