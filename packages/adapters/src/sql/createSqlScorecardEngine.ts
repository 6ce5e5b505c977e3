import {
  type Agreement,
  computeScorecardWith,
  createMemoryScorecardEngine,
  type DurationPair,
  type Lead,
  type ScorecardData,
  type ScorecardEngine,
  type ScorecardExecution,
  type ScorecardNode,
  type ScorecardNodeResult,
  type ScorecardResult,
  scorecardFacts,
} from '@accord/core';
import type { ListedRecords, ListKind, RunScorecardOptions } from '../contract/adapter.types';
import { renderSql, type Select } from './_sqlAst';
import { TABLES } from './canonicalTables';
import {
  boundsQuery,
  excludedQuery,
  type ScorecardSqlContext,
  scorecardQuery,
  sqlCanRun,
  suspectLeadsQuery,
} from './scorecardSql';
import type { SqlDialect } from './sqlDialects';

/** Runs one rendered statement and returns its rows as objects (column name → value). */
export type SqlQuery = (sql: string, params: readonly unknown[]) => Promise<readonly Record<string, unknown>[]>;

/** Options for {@link createSqlScorecardEngine}. */
export interface SqlScorecardEngineOptions {
  dialect: SqlDialect;
  query: SqlQuery;
  agreement: Agreement;
  /** Whether the opportunity table holds records (`records`) or the scorecard derives them from leads. */
  opportunities: 'records' | 'derived';
  /** A schema holding the canonical tables. */
  schema?: string;
  /**
   * The records, for the nodes SQL does not run (SLA clocks on business calendars, business-hour
   * durations, the routing audit, custom filters and fields, spend prorated in the agreement's zone).
   * Called at most once, and only when such a node is asked for.
   */
  records: () => Promise<ScorecardData>;
  /** Called with every statement before it runs (for `--explain`). */
  onStatement?: (statement: { sql: string; params: readonly unknown[]; purpose: string }) => void;
}

const pairKey = (d: DurationPair) => `${d.fact}:${d.from}:${d.to}`;
const keyOf = (n: ScorecardNode) => JSON.stringify([n.fact, n.agg, n.where, n.anchor, n.value ?? null, n.q ?? null]);
const SEP = '\u0000';

/**
 * @name createSqlScorecardEngine
 * @category Adapters
 * @summary The scorecard's aggregates as SQL on the canonical tables, for `computeScorecardWith`.
 *
 * @description
 * Renders the plan's nodes for the dialect and runs them where the data lives. Nodes that need the
 * core's evaluators (business-hour clocks, routing, criteria) are computed by the in-memory engine over
 * the adapter's records and merged by group — declared in the statements it reports, never guessed.
 */
export function createSqlScorecardEngine(options: SqlScorecardEngineOptions): ScorecardEngine {
  const ctx: ScorecardSqlContext = {
    dialect: options.dialect,
    facts: scorecardFacts(options.agreement),
    opportunities: options.opportunities,
    ...(options.schema ? { schema: options.schema } : {}),
  };
  const negatives = new Map<string, number>();
  let memory: Promise<ScorecardEngine> | undefined;
  const inMemory = () => {
    memory ??= options.records().then((data) => createMemoryScorecardEngine(data, { agreement: options.agreement }));
    return memory;
  };
  const run = async (query: Select, purpose: string) => {
    const { sql, params } = renderSql(query, options.dialect);
    options.onStatement?.({ sql, params, purpose });
    return options.query(sql, params);
  };

  return {
    // Records were validated when they were loaded; data-quality warnings come from the core's own checks
    // on the few leads SQL finds suspect, with the lead's id in place of an input position.
    async input(asOf) {
      const rows = await run(suspectLeadsQuery(ctx), 'data-quality checks');
      const leads = rows
        .map((r) => (typeof r.record === 'string' ? JSON.parse(r.record) : r.record) as Lead)
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      if (leads.length === 0) return { issues: [], warnings: [], skipped: [] };
      const found = await createMemoryScorecardEngine({ leads }, { agreement: options.agreement }).input(asOf);
      return {
        issues: [],
        warnings: found.warnings.map((w) => ({
          ...w,
          path: ['leads', leads[w.path[1] as number]?.id ?? '', ...w.path.slice(2)],
        })),
        skipped: [],
      };
    },
    async bounds() {
      const rows = await run(boundsQuery(ctx), 'bounds');
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (const r of rows) {
        if (r.lo !== null && r.lo !== undefined) lo = Math.min(lo, Number(r.lo));
        if (r.hi !== null && r.hi !== undefined) hi = Math.max(hi, Number(r.hi));
      }
      return Number.isFinite(lo) ? [lo, hi + 1] : [0, 0];
    },
    // Counted with the aggregates when their nodes ran in SQL; otherwise asked for here.
    async excluded(durations) {
      const missing = durations.filter((d) => !negatives.has(pairKey(d)));
      if (missing.length > 0) {
        const rows = await run(excludedQuery(ctx, missing), 'negative durations');
        for (const r of rows) negatives.set(pairKey(missing[Number(r.pair)] as DurationPair), Number(r.n));
      }
      return durations.map((d) => negatives.get(pairKey(d)) ?? 0);
    },
    async execute(grouping, nodes, asOf) {
      const unique = new Map<string, ScorecardNode>();
      for (const n of nodes) unique.set(keyOf(n), n);
      const sqlNodes = [...unique.values()].filter(sqlCanRun);
      const memNodes = [...unique.values()].filter((n) => !sqlCanRun(n));
      const B = grouping.periods ? grouping.periods.length : 1;
      const dims = grouping.dims.length;

      // Groups by label, in first-seen order; slots are filled after all groups are known.
      const groupIndex = new Map<string, number>();
      const groups: string[][] = [];
      const present: number[] = [];
      const groupOf = (labels: string[]) => {
        const key = labels.join(SEP);
        let g = groupIndex.get(key);
        if (g === undefined) {
          g = groups.length;
          groupIndex.set(key, g);
          groups.push(labels);
          present.push(0);
        }
        return g;
      };
      const cells: { node: string; g: number; b: number; value: number }[] = [];
      const totals = new Map<string, number>();

      const sqlKinds = new Map(sqlNodes.map((n, i) => [i, n]));
      const pairs = [
        ...new Map(
          sqlNodes.flatMap((n): [string, DurationPair][] => {
            if (n.agg === 'count' || !n.value || !('diff' in n.value) || n.fact === 'spend') return [];
            const pair = { fact: n.fact, from: n.value.diff[0], to: n.value.diff[1] };
            return [[pairKey(pair), pair]];
          }),
        ).values(),
      ];
      if (sqlNodes.length > 0 || !grouping.periods) {
        const rows = await run(scorecardQuery(ctx, grouping, sqlNodes, pairs), 'aggregates');
        for (const r of rows) {
          const index = Number(r.node);
          if (Number(r.total) === 2) {
            negatives.set(pairKey(pairs[index] as DurationPair), Number(r.v));
            continue;
          }
          const node = sqlKinds.get(index);
          const raw = r.v === null || r.v === undefined ? null : Number(r.v);
          const value = raw === null ? (node?.agg === 'quantile' ? Number.NaN : 0) : raw;
          const total = Number(r.total) === 1;
          if (total && (dims > 0 || grouping.periods)) {
            if (node) totals.set(keyOf(node), value);
            continue;
          }
          const labels = Array.from({ length: dims }, (_, k) => String(r[`d_${k}`]));
          const g = groupOf(labels);
          if (index === -1) {
            if (grouping.periods || value > 0) present[g] = 1;
            continue;
          }
          if (!node) continue;
          if (grouping.periods) present[g] = 1;
          cells.push({ node: keyOf(node), g, b: Number(r.p), value });
          if (total) totals.set(keyOf(node), value);
        }
      }
      let mem: ScorecardExecution | undefined;
      if (memNodes.length > 0) {
        mem = await (await inMemory()).execute(grouping, memNodes, asOf);
        mem.groups.forEach((labels, gm) => {
          const g = groupOf([...labels]);
          if (mem?.present[gm] === 1) present[g] = 1;
        });
      }

      const G = groups.length;
      const results = new Map<string, ScorecardNodeResult>();
      for (const n of sqlNodes)
        results.set(keyOf(n), {
          slots: new Float64Array(G * B).fill(n.agg === 'quantile' ? Number.NaN : 0),
          total: totals.get(keyOf(n)) ?? (n.agg === 'quantile' ? Number.NaN : 0),
        });
      for (const c of cells) {
        const r = results.get(c.node);
        if (r && c.b >= 0 && c.b < B) r.slots[c.g * B + c.b] = c.value;
      }
      if (mem) {
        const from = mem;
        const map = from.groups.map((labels) => groupIndex.get(labels.join(SEP)) as number);
        for (const n of memNodes) {
          const r = from.node(n);
          const slots = new Float64Array(G * B).fill(
            n.agg === 'quantile' ? Number.NaN : n.fact === 'spend' && !from.spendSplittable ? Number.NaN : 0,
          );
          map.forEach((g, gm) => {
            for (let b = 0; b < B; b++) slots[g * B + b] = r.slots[gm * B + b] as number;
          });
          results.set(keyOf(n), { slots, total: r.total });
        }
      }
      return {
        groups,
        periodCount: B,
        present: Uint8Array.from(present),
        node: (n) => results.get(keyOf(n)) as ScorecardNodeResult,
        spendSplittable:
          mem?.spendSplittable ?? grouping.dims.every((d) => d === 'source' || d === 'campaign' || d === 'campaignId'),
      };
    },
  };
}

/** What an adapter with canonical SQL tables provides to {@link runSqlScorecard}. */
export interface SqlTables {
  dialect: SqlDialect;
  query: SqlQuery;
  /** The schema holding the tables (a validated identifier), when not the default one. */
  schema?: string;
  /** Every record of a kind, for the nodes that run in the core. */
  readAll: <K extends ListKind>(kind: K) => Promise<ListedRecords[K][]>;
}

/**
 * `runScorecard` for an adapter whose records sit in the canonical tables: the opportunity table's
 * records, or opportunities derived from leads when it is empty (as `computeScorecard` does when
 * given none), and the records read back only for the nodes SQL does not run.
 */
export async function runSqlScorecard(tables: SqlTables, options: RunScorecardOptions): Promise<ScorecardResult> {
  const { dialect, query, readAll } = tables;
  const opportunitiesTable = tables.schema
    ? `${dialect.quote(tables.schema)}.${TABLES.opportunities}`
    : TABLES.opportunities;
  const hasOpportunities = (await query(`SELECT key FROM ${opportunitiesTable} LIMIT 1`, [])).length > 0;
  const engine = createSqlScorecardEngine({
    dialect,
    query,
    agreement: options.agreement,
    opportunities: hasOpportunities ? 'records' : 'derived',
    ...(tables.schema ? { schema: tables.schema } : {}),
    records: async () => ({
      leads: await readAll('leads'),
      activities: await readAll('activities'),
      touchpoints: await readAll('touchpoints'),
      spend: await readAll('spend'),
      ...(hasOpportunities ? { opportunities: await readAll('opportunities') } : {}),
      ...(options.accounts ? { accounts: options.accounts } : {}),
    }),
    ...(options.onStatement ? { onStatement: options.onStatement } : {}),
  });
  return computeScorecardWith(engine, options);
}
