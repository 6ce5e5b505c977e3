import type { RevenueAdapter } from '@accord/adapters';
import { createDuckDbAdapter } from '@accord/adapters/duckdb';
import { createPostgresAdapter } from '@accord/adapters/postgres';
import {
  type Agreement,
  type ComputeScorecardOptions,
  computeScorecard,
  defaultAgreement,
  generateSample,
  type ScorecardResult,
} from '@accord/core';

/** An engine the scorecard is pushed down to. */
export type WarehouseEngine = 'duckdb' | 'postgres';

/** One statement an engine ran, as `onStatement` reported it. */
export interface RanStatement {
  purpose: string;
  sql: string;
  params: readonly unknown[];
}

/** A cell where the pushed-down scorecard and the in-memory one differ. */
export interface CellDifference {
  row: string;
  metric: string;
  pushedDown: number | null | undefined;
  inMemory: number | null | undefined;
}

/** What one engine gave. */
export interface EngineRun {
  engine: WarehouseEngine;
  statements: RanStatement[];
  scorecard: ScorecardResult;
  /** Empty when push-down = in-memory. */
  differences: CellDifference[];
  ms: number;
}

/** Options for {@link runWarehouse}. */
export interface RunWarehouseOptions {
  engines?: readonly WarehouseEngine[];
  /** Sample size and seed (default 2,000 leads, seed 7). */
  leads?: number;
  seed?: number;
  agreement?: Agreement;
  /** Scorecard options besides the agreement and asOf (default: grouped by source). */
  scorecard?: Omit<ComputeScorecardOptions, 'agreement' | 'asOf'>;
  /** PostgreSQL to use; without it, `startPostgres` is asked for one. */
  databaseUrl?: string;
  /** Starts a throwaway cluster when no `databaseUrl` is given. */
  startPostgres?: () => Promise<{ url: string; stop(): Promise<void> }>;
  /** Where the report goes, line by line (default `console.log`). */
  print?: (line: string) => void;
}

const key = (group: Record<string, string>, period?: string) =>
  [...Object.entries(group).map(([k, v]) => `${k}=${v}`), ...(period ? [period] : [])].join(' ') || '(all)';

/** Every metric cell of two scorecards that differs: counts exactly, the rest to 1e-9 relative. */
export function diffScorecards(pushed: ScorecardResult, memory: ScorecardResult): CellDifference[] {
  const out: CellDifference[] = [];
  const byKey = new Map(memory.rows.map((r) => [key(r.group, r.period), r]));
  const pushedKeys = new Set(pushed.rows.map((r) => key(r.group, r.period)));
  for (const k of byKey.keys())
    if (!pushedKeys.has(k)) out.push({ row: k, metric: '(row)', pushedDown: undefined, inMemory: null });
  for (const row of [...pushed.rows, { ...pushed.totals, group: { total: 'all' } }]) {
    const k = key(row.group, row.period);
    const other = k === 'total=all' ? memory.totals : byKey.get(k);
    if (!other) {
      out.push({ row: k, metric: '(row)', pushedDown: null, inMemory: undefined });
      continue;
    }
    for (const metric of new Set([...Object.keys(row.metrics), ...Object.keys(other.metrics)])) {
      const a = row.metrics[metric]?.value;
      const b = other.metrics[metric]?.value;
      const same =
        a === b ||
        (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)));
      if (!same) out.push({ row: k, metric, pushedDown: a, inMemory: b });
    }
  }
  return out;
}

const cell = (v: number | null | undefined, unit: string) =>
  v === null || v === undefined
    ? '—'
    : unit === 'ratio' || unit === 'percent'
      ? `${(v * 100).toFixed(1)}%`
      : Number.isInteger(v)
        ? String(v)
        : v.toFixed(2);

/** The scorecard as text: one line per metric, one column per row (group), and the total. */
export function formatScorecard(card: ScorecardResult): string[] {
  const columns = [
    ...card.rows.map((r) => ({ label: key(r.group, r.period), row: r })),
    { label: 'total', row: card.totals },
  ];
  const table = [
    ['metric', ...columns.map((c) => c.label)],
    ...card.metrics.map((m) => [m.id, ...columns.map((c) => cell(c.row.metrics[m.id]?.value, m.unit))]),
  ];
  const widths = table[0]?.map((_, i) => Math.max(...table.map((r) => (r[i] ?? '').length))) ?? [];
  return table.map((r) =>
    r.map((v, i) => (i === 0 ? v.padEnd(widths[i] ?? 0) : v.padStart(widths[i] ?? 0))).join('  '),
  );
}

/**
 * @name runWarehouse
 * @summary Loads the seeded sample into DuckDB and PostgreSQL, pushes the scorecard down to each, prints
 * every SQL statement with its parameters and the resulting table, and compares it with `computeScorecard`.
 *
 * @example
 * const runs = await runWarehouse({ engines: ['duckdb'] })
 * runs[0].differences //=> [] (push-down = in-memory)
 */
export async function runWarehouse(options: RunWarehouseOptions = {}): Promise<EngineRun[]> {
  const print = options.print ?? ((line: string) => console.log(line));
  const agreement = options.agreement ?? defaultAgreement;
  const sample = generateSample({ leads: options.leads ?? 2000, seed: options.seed ?? 7, agreement });
  const data = {
    leads: sample.leads,
    activities: sample.activities,
    touchpoints: sample.touchpoints,
    opportunities: sample.opportunities,
    spend: sample.spend,
  };
  const scorecardOptions: ComputeScorecardOptions = {
    groupBy: ['source'],
    ...options.scorecard,
    agreement,
    asOf: sample.asOf,
  };
  const memory = computeScorecard({ ...data, accounts: sample.accounts }, scorecardOptions);
  print(
    `Sample: ${sample.leads.length} leads, ${sample.activities.length} activities, ${sample.opportunities.length} opportunities (seed ${options.seed ?? 7}), as of ${sample.asOf}`,
  );

  const runs: EngineRun[] = [];
  for (const engine of options.engines ?? ['duckdb', 'postgres']) {
    let cleanup: (() => Promise<void>) | undefined;
    let adapter: RevenueAdapter;
    if (engine === 'duckdb') {
      adapter = await createDuckDbAdapter({ path: ':memory:', data });
    } else {
      let url = options.databaseUrl;
      if (!url) {
        if (!options.startPostgres) throw new Error('PostgreSQL: give databaseUrl (DATABASE_URL) or startPostgres');
        const cluster = await options.startPostgres();
        url = cluster.url;
        cleanup = () => cluster.stop();
      }
      adapter = await createPostgresAdapter({ connectionString: url, schema: 'accord_warehouse_example', data });
    }
    try {
      print('');
      print(`== ${engine}: the scorecard pushed down (${scorecardOptions.groupBy?.join(', ') || 'no grouping'}) ==`);
      const statements: RanStatement[] = [];
      const started = performance.now();
      const scorecard = await (adapter.runScorecard as NonNullable<RevenueAdapter['runScorecard']>)({
        ...scorecardOptions,
        accounts: sample.accounts,
        onStatement: (s) => {
          statements.push(s);
          print(`-- [${engine}] ${s.purpose}`);
          print(s.sql);
          print(`-- params: ${JSON.stringify(s.params)}`);
        },
      });
      const ms = performance.now() - started;
      print('');
      print(`-- ${statements.length} statement(s) on ${engine} in ${ms.toFixed(0)} ms`);
      for (const line of formatScorecard(scorecard)) print(line);
      const differences = diffScorecards(scorecard, memory);
      if (differences.length === 0) print(`${engine}: push-down = in-memory`);
      else {
        print(`${engine}: ${differences.length} cell(s) differ from the in-memory scorecard:`);
        for (const d of differences)
          print(`  ${d.row} · ${d.metric}: push-down ${String(d.pushedDown)}, in-memory ${String(d.inMemory)}`);
      }
      runs.push({ engine, statements, scorecard, differences, ms });
    } finally {
      await adapter.close?.();
      await cleanup?.();
    }
  }
  return runs;
}
