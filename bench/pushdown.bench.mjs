// The scorecard of 10M synthetic leads: pushed down to DuckDB (the embedded default) against the
// in-memory columnar engine, on the same seeded leads, in the same run. Each contender runs in its own
// process so its peak RSS is its own: the in-memory engine holds the records and their columns; the
// push-down process opens the DuckDB file and holds only results. Every number is checked equal.
//   BENCH_PUSHDOWN_LEADS=10000000 (default)  ·  BENCH_PUSHDOWN_RUNS=5 (warm runs per contender)

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDuckDbAdapter } from '@accord/adapters/duckdb';
import { computeScorecard, defaultAgreement } from '@accord/core';
import { machine, measure, ms, peakRssMb, printTable, ratio } from './_lib/measure.mjs';
import { syntheticLeads } from './_lib/syntheticLeads.mjs';

const N = Number(process.env.BENCH_PUSHDOWN_LEADS ?? 10_000_000);
const RUNS = Number(process.env.BENCH_PUSHDOWN_RUNS ?? 5);
const asOf = Date.UTC(2026, 6, 1);
// Metrics whose every aggregate runs in SQL (SLA clocks on business calendars run in the core).
const METRICS = [
  'leads',
  ...['mql', 'sal', 'sql', 'opportunity', 'closed_won'].map((s) => `count.${s}`),
  'conversion.mql.sal',
  'conversion.sal.sql',
  'conversion.sql.opportunity',
  'conversion.opportunity.closed_won',
  'days.mql.sal.median',
  'days.sql.opportunity.p90',
  'acceptance_rate',
  'reject_rate',
  'time_to_first_touch.median',
  'time_to_first_touch.p90',
  'pipeline_created',
  'revenue_won',
  'win_rate',
];
const OPTIONS = {
  agreement: defaultAgreement,
  asOf,
  metrics: METRICS,
  groupBy: ['source', 'segment'],
  grain: 'quarter',
};
const seconds = (t) => ((performance.now() - t) / 1000).toFixed(1);

/** Every metric value of every row, rounded to 9 significant digits (sums add in another order). */
const digest = (card) =>
  JSON.stringify(
    [...card.rows, card.totals].map((r) => [
      r.group,
      r.period ?? null,
      METRICS.map((id) => (r.metrics[id].value === null ? null : Number(r.metrics[id].value.toPrecision(9)))),
    ]),
  );

const role = process.argv[2];
if (role === 'load') {
  let t = performance.now();
  const leads = syntheticLeads(N, 42);
  const generated = seconds(t);
  t = performance.now();
  const adapter = await createDuckDbAdapter({ path: process.argv[3], data: { leads } });
  await adapter.close();
  console.log(JSON.stringify({ generated, loadS: Number(seconds(t)), rss: peakRssMb() }));
} else if (role === 'duckdb') {
  const adapter = await createDuckDbAdapter({ path: process.argv[3] });
  const t = performance.now();
  const first = await adapter.runScorecard(OPTIONS);
  const coldMs = performance.now() - t;
  const warm = await measure(() => adapter.runScorecard(OPTIONS), { runs: RUNS, warmup: 0 });
  await adapter.close();
  console.log(
    JSON.stringify({ coldMs, medianMs: warm.median, minMs: warm.min, rss: peakRssMb(), digest: digest(first) }),
  );
} else if (role === 'memory') {
  const leads = syntheticLeads(N, 42);
  const base = peakRssMb();
  const t = performance.now();
  const first = computeScorecard({ leads }, OPTIONS);
  const coldMs = performance.now() - t;
  const warm = await measure(() => computeScorecard({ leads }, OPTIONS), { runs: RUNS, warmup: 0 });
  console.log(
    JSON.stringify({ coldMs, medianMs: warm.median, minMs: warm.min, rss: peakRssMb(), base, digest: digest(first) }),
  );
} else {
  console.log(`Scorecard push-down benchmark — ${machine()}`);
  console.log(`  ${N.toLocaleString('en-US')} leads · ${METRICS.length} metrics · by source × segment per quarter`);
  const dir = mkdtempSync(join(tmpdir(), 'accord-pushdown-'));
  const file = join(dir, 'bench.duckdb');
  const self = fileURLToPath(import.meta.url);
  const child = (which, ...args) =>
    JSON.parse(
      execFileSync(process.execPath, ['--max-old-space-size=20000', self, which, ...args], {
        encoding: 'utf8',
        maxBuffer: 1 << 26,
        stdio: ['ignore', 'pipe', 'inherit'],
      })
        .trim()
        .split('\n')
        .pop(),
    );
  try {
    const load = child('load', file);
    const sizeMb = Math.round(statSync(file).size / 1e6);
    console.log(
      `  setup: leads generated in ${load.generated} s; loaded into a DuckDB file in ${load.loadS} s (validated by the core, typed columns, ${sizeMb} MB on disk, peak RSS ${load.rss} MB)`,
    );
    const duck = child('duckdb', file);
    const mem = child('memory');
    if (duck.digest !== mem.digest) throw new Error('DuckDB push-down and the in-memory engine disagree');
    console.log('  every value equal (to 9 significant digits) across both engines\n');
    printTable(
      [
        { name: 'push-down to DuckDB (file)', ...duck },
        { name: 'in-memory columnar engine', ...mem },
      ],
      [
        { header: 'engine', value: (r) => r.name },
        { header: 'first call', value: (r) => ms(r.coldMs), right: true },
        { header: `median of ${RUNS} more`, value: (r) => ms(r.medianMs), right: true },
        { header: 'peak RSS', value: (r) => `${r.rss} MB`, right: true },
      ],
    );
    const faster = (a, b) => (a <= b ? `push-down ${ratio(b, a)} faster` : `in-memory ${ratio(a, b)} faster`);
    console.log(
      `\n  first call: ${faster(duck.coldMs, mem.coldMs)} (the in-memory engine validates the records and builds its columns first)`,
    );
    console.log(
      `  repeated calls: ${faster(duck.medianMs, mem.medianMs)} (in-memory reuses its cached columns); peak RSS: push-down ${ratio(mem.rss, duck.rss)} smaller (in-memory holds ${mem.base} MB of records before computing)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
