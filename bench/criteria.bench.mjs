// Criteria evaluation at scale: @accord/core against a hand-written JS predicate and DuckDB, same run,
// same data, identical results checked. Run with `npm run bench` at the repository root.

import { compileCriteria, defaultAgreement, evaluateCriteria, generateSample } from '@accord/core';
import { DuckDBInstance } from '@duckdb/node-api';
import { machine, measure, measureInterleaved, ms, peakRssMb, printTable, ratio } from './_lib/measure.mjs';

const LEADS = Number(process.env.BENCH_LEADS ?? 1_000_000);
const BASE = Math.min(LEADS, 100_000);

console.log(`Accord bench — criteria over ${LEADS.toLocaleString('en-US')} leads (${machine()})`);
let t = performance.now();
const { leads: base } = generateSample({ leads: BASE, seed: 1 });
const leads = [];
for (let copy = 0; leads.length < LEADS; copy++) {
  for (const lead of base) {
    if (leads.length === LEADS) break;
    leads.push(copy === 0 ? lead : { ...lead, id: `${lead.id}-${copy}` });
  }
}
console.log(
  `  data: ${BASE.toLocaleString('en-US')} seeded leads (generateSample, ${((performance.now() - t) / 1000).toFixed(1)} s) repeated to ${LEADS.toLocaleString('en-US')} with fresh ids`,
);

// DuckDB: the same fields in an in-memory table, loaded with the appender (load time reported apart).
t = performance.now();
const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
await db.run(`CREATE TABLE leads (id VARCHAR, demo BOOLEAN, employees DOUBLE, engagement DOUBLE, email VARCHAR,
  job_title VARCHAR, is_competitor BOOLEAN, is_customer BOOLEAN)`);
const appender = await db.createAppender('leads');
const str = (v) => (typeof v === 'string' ? appender.appendVarchar(v) : appender.appendNull());
const bool = (v) => (typeof v === 'boolean' ? appender.appendBoolean(v) : appender.appendNull());
const num = (v) => (typeof v === 'number' ? appender.appendDouble(v) : appender.appendNull());
for (const l of leads) {
  const a = l.attributes ?? {};
  str(l.id);
  bool(a.demoRequested);
  num(a.employees);
  num(a.engagementScore);
  str(l.email);
  str(a.jobTitle);
  bool(a.isCompetitor);
  bool(a.isCustomer);
  appender.endRow();
}
appender.closeSync();
const duckLoad = performance.now() - t;

const mqlRule = defaultAgreement.stages.find((s) => s.id === 'mql').entry;
const suppress = { any: defaultAgreement.leadStandard.suppress.map((s) => s.when) };
const [personal, student] = defaultAgreement.leadStandard.suppress.map((s) => s.when);
const personalRe = new RegExp(personal.value, personal.flags);
const studentRe = new RegExp(student.value, student.flags);

const workloads = [
  {
    name: 'MQL entry rule: any(demo = true, all(employees ≥ 20, engagement ≥ 40))',
    rule: mqlRule,
    plain: (l) => {
      const a = l.attributes;
      if (!a) return false;
      return (
        a.demoRequested === true ||
        (typeof a.employees === 'number' &&
          a.employees >= 20 &&
          typeof a.engagementScore === 'number' &&
          a.engagementScore >= 40)
      );
    },
    sql: 'SELECT count(*)::INTEGER AS n FROM leads WHERE demo IS TRUE OR (employees >= 20 AND engagement >= 40)',
  },
  {
    name: 'Lead-standard suppressions: any(personal e-mail regex, student regex, competitor, customer)',
    rule: suppress,
    plain: (l) => {
      const a = l.attributes ?? {};
      return (
        (typeof l.email === 'string' && personalRe.test(l.email)) ||
        (typeof a.jobTitle === 'string' && studentRe.test(a.jobTitle)) ||
        a.isCompetitor === true ||
        a.isCustomer === true
      );
    },
    sql: `SELECT count(*)::INTEGER AS n FROM leads WHERE regexp_matches(email, '${personal.value.replaceAll("'", "''")}', 'i')
      OR regexp_matches(job_title, '${student.value.replaceAll("'", "''")}', 'i') OR is_competitor IS TRUE OR is_customer IS TRUE`,
  },
];

for (const w of workloads) {
  const predicate = compileCriteria(w.rule);
  const count = (test) => {
    let n = 0;
    for (let i = 0; i < leads.length; i++) if (test(leads[i])) n++;
    return n;
  };
  // Interleaved rounds, so a slow phase of the process hits every engine alike.
  const results = await measureInterleaved(
    {
      compiled: () => count((l) => predicate(l)),
      plain: () => count(w.plain),
      duckdb: async () => (await db.runAndReadAll(w.sql)).getRowObjects()[0].n,
    },
    { runs: 9, warmup: 2 },
  );
  results.explained = await measure(() => count((l) => evaluateCriteria(l, w.rule).passed), { runs: 3, warmup: 1 });
  const counts = Object.values(results).map((r) => r.result);
  if (new Set(counts).size !== 1) throw new Error(`results differ: ${JSON.stringify(counts)}`);
  console.log(
    `\n${w.name}\n  matches: ${counts[0].toLocaleString('en-US')} of ${LEADS.toLocaleString('en-US')} (identical in all four engines)`,
  );
  const rows = [
    { engine: '@accord/core compileCriteria (predicate)', r: results.compiled },
    { engine: 'hand-written JS predicate (peer)', r: results.plain },
    { engine: 'DuckDB SQL, query only (peer)', r: results.duckdb },
    { engine: '@accord/core evaluateCriteria (every reason)', r: results.explained },
  ];
  printTable(rows, [
    { header: 'engine', value: (x) => x.engine },
    { header: 'median', right: true, value: (x) => ms(x.r.median) },
    { header: 'min', right: true, value: (x) => ms(x.r.min) },
    { header: 'runs', right: true, value: (x) => x.r.samples.length },
    { header: 'vs plain JS', right: true, value: (x) => ratio(x.r.median, results.plain.median) },
    { header: 'vs DuckDB', right: true, value: (x) => ratio(x.r.median, results.duckdb.median) },
    { header: 'per lead', right: true, value: (x) => `${((x.r.median * 1e6) / LEADS).toFixed(0)} ns` },
  ]);
}
console.log(
  `\n  DuckDB load (appender, ${LEADS.toLocaleString('en-US')} rows, not in the medians above): ${ms(duckLoad)}`,
);
console.log(`  peak RSS of this process: ${peakRssMb()} MB`);
db.closeSync();
instance.closeSync();
