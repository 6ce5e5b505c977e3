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
