// The shared scorecard at 100k and 1M leads: @accord/core's columnar engine against DuckDB (same
// data in an in-memory table: query only, and load + query) and a straightforward plain-object Map
// implementation, in the same run, with every number checked equal across the three.
// Scorecard: counts per stage, four stage conversions, win rate, median and p90 time to first touch,
// sales SLA breach rate, pipeline created, revenue won — grouped by source × segment, and by owner.

import { computeScorecard, defaultAgreement, evaluateLeadSlas } from '@accord/core';
import { DuckDBInstance } from '@duckdb/node-api';
import { machine, measure, measureInterleaved, ms, peakRssMb, printTable, ratio } from './_lib/measure.mjs';
import { syntheticLeads } from './_lib/syntheticLeads.mjs';

const SIZES = (process.env.BENCH_SCORECARD_SIZES ?? '100000,1000000').split(',').map(Number);
const agreement = defaultAgreement;
const asOf = Date.UTC(2026, 6, 1);
const STAGES = ['inquiry', 'mql', 'sal', 'sql', 'opportunity', 'closed_won'];
const CONVERSIONS = [
  ['mql', 'sal'],
  ['sal', 'sql'],
  ['sql', 'opportunity'],
  ['opportunity', 'closed_won'],
];
const METRICS = [
  ...STAGES.map((s) => `count.${s}`),
  ...CONVERSIONS.map(([a, b]) => `conversion.${a}.${b}`),
  'win_rate',
  'time_to_first_touch.median',
  'time_to_first_touch.p90',
  'sla_breach_rate.sales',
  'pipeline_created',
  'revenue_won',
];
const SALES_SLAS = new Set(
  agreement.slas.filter((s) => s.side === 'sales' && s.kind !== 'acceptance_rate').map((s) => s.id),
);
const GROUPINGS = [
  { name: 'source × segment', dims: ['source', 'segment'], cols: ['source', 'segment'] },
  { name: 'owner', dims: ['owner'], cols: ['owner'] },
];

console.log(`Scorecard benchmark — ${machine()}`);
console.log(`  metrics: ${METRICS.join(', ')}`);

for (const N of SIZES) {
  let t = performance.now();
  const leads = syntheticLeads(N, 42);
  console.log(
    `\n${N.toLocaleString('en-US')} leads (seeded, ${((performance.now() - t) / 1000).toFixed(1)} s to generate)`,
  );

  // The sales SLA clocks per lead (the core's SLA engine), as data the peers read: DuckDB cannot
  // run business-hour clocks, so it gets the per-lead outcome, as a warehouse would.
  t = performance.now();
  const breached = new Int32Array(N);
  const decided = new Int32Array(N);
  for (let i = 0; i < N; i++) {
    const last = new Map();
    for (const s of evaluateLeadSlas(leads[i], [], agreement, { now: asOf }).statuses) last.set(s.slaId, s.state);
    for (const [id, state] of last) {
      if (!SALES_SLAS.has(id)) continue;
      if (state === 'breached') breached[i]++;
      if (state === 'breached' || state === 'met') decided[i]++;
    }
  }
  console.log(`  SLA outcomes for the peers: ${((performance.now() - t) / 1000).toFixed(1)} s`);

  // @accord/core: the first call validates and builds the columns (load); later calls only aggregate.
  t = performance.now();
  computeScorecard({ leads }, { agreement, asOf, metrics: METRICS, groupBy: GROUPINGS[0].dims });
  const accordLoad = performance.now() - t;

  // DuckDB: the same columns in an in-memory table (stage dates as epoch ms doubles).
  t = performance.now();
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  await db.run(`CREATE TABLE leads (source VARCHAR, segment VARCHAR, owner VARCHAR, inquiry DOUBLE, mql DOUBLE,
    sal DOUBLE, sql_ DOUBLE, opportunity DOUBLE, won DOUBLE, lost DOUBLE, first_touch DOUBLE, amount DOUBLE,
    sla_breached INTEGER, sla_decided INTEGER)`);
  const appender = await db.createAppender('leads');
  const num = (v) => (typeof v === 'number' ? appender.appendDouble(v) : appender.appendNull());
  for (let i = 0; i < N; i++) {
    const l = leads[i];
    const s = l.stageDates;
    appender.appendVarchar(l.source);
    appender.appendVarchar(l.segment);
    appender.appendVarchar(l.ownerId);
    num(s.inquiry);
    num(s.mql);
    num(s.sal);
    num(s.sql);
    num(s.opportunity);
    num(s.closed_won);
    num(s.closed_lost);
    num(l.firstTouchAt);
    num(l.amount);
    appender.appendInteger(breached[i]);
    appender.appendInteger(decided[i]);
    appender.endRow();
  }
  appender.closeSync();
  const duckLoad = performance.now() - t;

  const sql = (cols) => `SELECT ${cols.join(', ')},
      count(inquiry)::DOUBLE AS c_inquiry, count(mql)::DOUBLE AS c_mql, count(sal)::DOUBLE AS c_sal,
      count(sql_)::DOUBLE AS c_sql, count(opportunity)::DOUBLE AS c_opportunity, count(won)::DOUBLE AS c_closed_won,
      count(*) FILTER (WHERE sal >= mql)::DOUBLE AS n_mql_sal,
      count(*) FILTER (WHERE sql_ >= sal)::DOUBLE AS n_sal_sql,
      count(*) FILTER (WHERE opportunity >= sql_)::DOUBLE AS n_sql_opportunity,
      count(*) FILTER (WHERE won >= opportunity)::DOUBLE AS n_opportunity_closed_won,
      count(*) FILTER (WHERE opportunity IS NOT NULL AND won IS NOT NULL)::DOUBLE AS won_n,
      count(*) FILTER (WHERE opportunity IS NOT NULL AND (won IS NOT NULL OR lost IS NOT NULL))::DOUBLE AS closed_n,
      quantile_cont((first_touch - mql) / 3600000.0, 0.5) FILTER (WHERE first_touch >= mql) AS ttft_median,
      quantile_cont((first_touch - mql) / 3600000.0, 0.9) FILTER (WHERE first_touch >= mql) AS ttft_p90,
      sum(sla_breached)::DOUBLE AS sla_b, sum(sla_decided)::DOUBLE AS sla_d,
      coalesce(sum(amount) FILTER (WHERE opportunity IS NOT NULL), 0)::DOUBLE AS pipeline,
      coalesce(sum(amount) FILTER (WHERE opportunity IS NOT NULL AND won IS NOT NULL), 0)::DOUBLE AS revenue
    FROM leads GROUP BY ${cols.join(', ')}`;

  for (const grouping of GROUPINGS) {
    const options = { agreement, asOf, metrics: METRICS, groupBy: grouping.dims };
    t = performance.now();
    const firstCard = computeScorecard({ leads }, options);
    const accordFirst = performance.now() - t;
    const results = await measureInterleaved(
      {
        accord: () => computeScorecard({ leads }, options),
        duckdb: async () => (await db.runAndReadAll(sql(grouping.cols))).getRowObjects(),
      },
      { runs: N >= 1_000_000 ? 11 : 21, warmup: 3 },
    );
    results.plain = await measure(() => plainScorecard(leads, grouping.dims, breached, decided), {
      runs: N >= 1_000_000 ? 3 : 7,
      warmup: 1,
    });

    // Identical results: every metric of every group, from all three.
    const a = fromAccord(results.accord.result);
    const d = fromDuck(results.duckdb.result, grouping.cols);
    const p = results.plain.result;
    const same = compare(a, d, 'DuckDB') + compare(a, p, 'plain') + compare(a, fromAccord(firstCard), 'first call');
    console.log(
      `\n  grouped by ${grouping.name}: ${a.size} groups × ${METRICS.length} metrics, identical in all three engines (${same} values compared)`,
    );
    printTable(
      [
        { engine: '@accord/core computeScorecard (columns cached)', r: results.accord },
        { engine: 'DuckDB SQL, query only (peer)', r: results.duckdb },
        { engine: 'plain objects + Map (peer)', r: results.plain },
      ],
      [
        { header: 'engine', value: (x) => x.engine },
        { header: 'median', right: true, value: (x) => ms(x.r.median) },
        { header: 'min', right: true, value: (x) => ms(x.r.min) },
        { header: 'runs', right: true, value: (x) => x.r.samples.length },
        { header: 'vs DuckDB', right: true, value: (x) => ratio(x.r.median, results.duckdb.median) },
        { header: 'vs plain', right: true, value: (x) => ratio(x.r.median, results.plain.median) },
      ],
    );
    console.log(`    first @accord/core call with this grouping (builds its group ids): ${ms(accordFirst)}`);
  }
  console.log(
    `\n  load: @accord/core first call (validate ${N.toLocaleString('en-US')} records, build columns and SLA clocks) ${ms(accordLoad)}; DuckDB appender load ${ms(duckLoad)}`,
  );
  console.log(`  peak RSS of this process so far: ${peakRssMb()} MB`);
  db.closeSync();
  instance.closeSync();
}

/** The plain implementation: one pass over the lead objects into a Map of accumulators per group. */
function plainScorecard(leads, dims, breached, decided) {
  const groups = new Map();
  const field = { source: 'source', segment: 'segment', owner: 'ownerId' };
  for (let i = 0; i < leads.length; i++) {
    const l = leads[i];
    const key = JSON.stringify(dims.map((d) => l[field[d]] ?? '(none)'));
    let g = groups.get(key);
    if (!g) {
      g = { counts: {}, conv: {}, won: 0, closed: 0, ttft: [], slaB: 0, slaD: 0, pipeline: 0, revenue: 0 };
      for (const s of STAGES) g.counts[s] = 0;
      for (const [x, y] of CONVERSIONS) g.conv[`${x}.${y}`] = 0;
      groups.set(key, g);
    }
    const s = l.stageDates;
    for (const st of STAGES) if (s[st] !== undefined) g.counts[st]++;
    for (const [x, y] of CONVERSIONS)
      if (s[x] !== undefined && s[y] !== undefined && s[y] >= s[x]) g.conv[`${x}.${y}`]++;
    if (s.opportunity !== undefined) {
      if (s.closed_won !== undefined) g.won++;
      if (s.closed_won !== undefined || s.closed_lost !== undefined) g.closed++;
      if (l.amount !== undefined) {
        g.pipeline += l.amount;
        if (s.closed_won !== undefined) g.revenue += l.amount;
      }
    }
    if (l.firstTouchAt !== undefined && s.mql !== undefined && l.firstTouchAt >= s.mql)
      g.ttft.push((l.firstTouchAt - s.mql) / 3_600_000);
    g.slaB += breached[i];
    g.slaD += decided[i];
  }
  const out = new Map();
  for (const [key, g] of groups) {
    g.ttft.sort((x, y) => x - y);
    const m = {};
    for (const st of STAGES) m[`count.${st}`] = g.counts[st];
    for (const [x, y] of CONVERSIONS)
      m[`conversion.${x}.${y}`] = g.counts[x] === 0 ? null : g.conv[`${x}.${y}`] / g.counts[x];
    m.win_rate = g.closed === 0 ? null : g.won / g.closed;
    m['time_to_first_touch.median'] = r7(g.ttft, 0.5);
    m['time_to_first_touch.p90'] = r7(g.ttft, 0.9);
    m['sla_breach_rate.sales'] = g.slaD === 0 ? null : g.slaB / g.slaD;
    m.pipeline_created = g.pipeline;
    m.revenue_won = g.revenue;
    out.set(key, m);
  }
  return out;
}

function r7(sorted, q) {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * q;
  const k = Math.floor(h);
  const lo = sorted[k];
  return h === k ? lo : lo * (1 - (h - k)) + sorted[k + 1] * (h - k);
}

function fromAccord(card) {
  const out = new Map();
  for (const row of card.rows) {
    const m = {};
    for (const id of METRICS) m[id] = row.metrics[id].value;
    out.set(JSON.stringify(card.groupBy.map((d) => row.group[d])), m);
  }
  return out;
}

function fromDuck(rows, cols) {
  const out = new Map();
  for (const r of rows) {
    const m = {};
    for (const st of STAGES) m[`count.${st}`] = r[`c_${st}`];
    for (const [x, y] of CONVERSIONS)
      m[`conversion.${x}.${y}`] = r[`c_${x}`] === 0 ? null : r[`n_${x}_${y}`] / r[`c_${x}`];
    m.win_rate = r.closed_n === 0 ? null : r.won_n / r.closed_n;
    m['time_to_first_touch.median'] = r.ttft_median;
    m['time_to_first_touch.p90'] = r.ttft_p90;
    m['sla_breach_rate.sales'] = r.sla_d === 0 ? null : r.sla_b / r.sla_d;
    m.pipeline_created = r.pipeline;
    m.revenue_won = r.revenue;
    out.set(JSON.stringify(cols.map((c) => r[c])), m);
  }
  return out;
}

/** Throws unless both hold the same groups and exactly the same values. Returns how many were compared. */
function compare(a, b, name) {
  if (a.size !== b.size) throw new Error(`${name}: ${b.size} groups, @accord/core has ${a.size}`);
  let n = 0;
  for (const [key, m] of a) {
    const other = b.get(key);
    if (!other) throw new Error(`${name}: no group ${key}`);
    for (const id of METRICS) {
      n++;
      if (!Object.is(m[id], other[id]))
        throw new Error(`${name}: ${key} ${id}: ${other[id]} ≠ ${m[id]} (@accord/core)`);
    }
  }
  return n;
}
