import { LeadDispositionSchema, type RecordKind, validateRecords } from '@accord/core';
import {
  DOUBLE,
  type DuckDBAppender,
  DuckDBDataChunk,
  DuckDBInstance,
  type DuckDBType,
  type DuckDBValue,
  INTEGER,
  VARCHAR,
} from '@duckdb/node-api';
import { decodeCursor, encodeCursor, listMethods, pageLimit, recordChangedAt, updatedSince } from '../contract/_paging';
import { AdapterError } from '../contract/AdapterError';
import type {
  AdapterCapabilities,
  ListedRecords,
  ListKind,
  ListOptions,
  Page,
  RevenueAdapter,
} from '../contract/adapter.types';
import { canonicalTablesDdl, FACT_COLUMNS, projectRecord, TABLES } from '../sql/canonicalTables';
import { runSqlScorecard, type SqlQuery } from '../sql/createSqlScorecardEngine';
import { duckdbDialect, type SqlDialect } from '../sql/sqlDialects';
import { readCanonicalFiles } from './readCanonicalFiles';

/** Options for {@link createDuckDbAdapter}. */
export interface DuckDbAdapterOptions {
  /** A database file, or `:memory:` (default). */
  path?: string;
  /** Canonical records to load into the tables (replacing what the tables hold). */
  data?: Partial<Record<ListKind, readonly unknown[]>>;
  /**
   * Canonical CSV or Parquet files to load (replacing what those tables hold), by kind: the canonical
   * CSV columns (`RECORD_COLUMNS`; leads also `stage.<id>` and `attr.<name>`). Parquet timestamps with a
   * zone are instants; local timestamps and dates are read in `timezone`.
   */
  files?: Partial<Record<ListKind, string>>;
  /** For `files`: the zone of instants written without an offset (default UTC). */
  timezone?: string;
  /** For `files`: the agreement's stage ids; other `stage.<id>` columns are reported. */
  stageIds?: readonly string[];
  /** Adapter name in errors (default `duckdb`). */
  name?: string;
  /**
   * The SQL dialect the scorecard is rendered in (default {@link duckdbDialect}). Tests run other
   * dialects' query shapes (window percentiles, CASE filters) on DuckDB with it.
   */
  dialect?: SqlDialect;
}

const KINDS: readonly ListKind[] = ['leads', 'activities', 'touchpoints', 'opportunities', 'spend'];
// Fixed table names (never built from input): one per record kind, and the two link tables.
const TABLE = TABLES;

const DUCK_TYPES = { double: DOUBLE, text: VARCHAR, int: INTEGER } as const;
const CHUNK = 2048;

/** Appends rows through column-major data chunks; `close` flushes the last one and the appender. */
function chunkWriter(appender: DuckDBAppender, types: readonly DuckDBType[]) {
  let columns: DuckDBValue[][] = types.map(() => []);
  const flush = () => {
    const n = columns[0]?.length ?? 0;
    if (n === 0) return;
    const chunk = DuckDBDataChunk.create(types, n);
    chunk.setColumns(columns);
    appender.appendDataChunk(chunk);
    columns = types.map(() => []);
  };
  return {
    add(values: readonly (DuckDBValue | undefined)[]) {
      for (let c = 0; c < types.length; c++) (columns[c] as DuckDBValue[]).push(values[c] ?? null);
      if ((columns[0] as DuckDBValue[]).length === CHUNK) flush();
    },
    close() {
      flush();
      appender.closeSync();
    },
  };
}

function keyOf(kind: ListKind, r: Record<string, unknown>, index: number): string {
  if (kind !== 'spend') return String(r.id);
  return `${String(r.periodStart)}\u0000${String(r.channel ?? '')}\u0000${String(r.campaignId ?? '')}\u0000${String(index).padStart(12, '0')}`;
}

/**
 * @name createDuckDbAdapter
 * @category Adapters
 * @summary The embedded default: canonical tables in DuckDB (a file or in memory), listed with keyset paging.
 *
 * @description
 * Each record kind is a table keyed by the record's id (spend: period, channel, campaign, position),
 * with the instant it last changed and the canonical record as JSON. Records are validated with the
 * core's schemas before loading (`invalid_record` names every issue). Every value reaches SQL as a bound
 * parameter. Beside the JSON, each table holds typed columns (instants in epoch ms, parsed by the core)
 * and link tables hold stage dates and opportunity leads: `runScorecard` renders the scorecard's plan as
 * DuckDB SQL over them (see `createSqlScorecardEngine`).
 *
 * @example
 * const adapter = await createDuckDbAdapter({ path: 'accord.duckdb', data: generateSample({ leads: 10_000, seed: 1 }) })
 * const { records } = await adapter.listLeads({ limit: 100, updatedSince: '2026-06-01T00:00:00Z' })
 */
export async function createDuckDbAdapter(options: DuckDbAdapterOptions = {}): Promise<RevenueAdapter> {
  const name = options.name ?? 'duckdb';
  const path = options.path ?? ':memory:';
  if (typeof path !== 'string' || path === '')
    throw new AdapterError(name, 'invalid_config', 'path must be a file name or ":memory:"');
  for (const kind of KINDS) {
    const rows = options.data?.[kind];
    if (rows !== undefined && !Array.isArray(rows))
      throw new AdapterError(name, 'invalid_config', `data.${kind} must be an array of records`);
  }
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path);
  } catch (cause) {
    // The path is the caller's; the message names the problem, not the path.
    throw new AdapterError(name, 'invalid_config', 'the database could not be opened', { cause });
  }
  const db = await instance.connect();
  const data: Partial<Record<ListKind, readonly unknown[]>> = { ...options.data };
  if (options.files) {
    try {
      for (const kind of Object.keys(options.files) as ListKind[]) {
        if (!KINDS.includes(kind))
          throw new AdapterError(name, 'invalid_config', `files: unknown record kind "${kind}"`);
        if (data[kind] !== undefined)
          throw new AdapterError(name, 'invalid_config', `${kind} given both as data and as a file`);
      }
      Object.assign(
        data,
        await readCanonicalFiles(name, db, options.files, {
          ...(options.timezone ? { timezone: options.timezone } : {}),
          ...(options.stageIds ? { stageIds: options.stageIds } : {}),
        }),
      );
    } catch (error) {
      db.closeSync();
      instance.closeSync();
      throw error;
    }
  }
  for (const statement of canonicalTablesDdl(duckdbDialect)) await db.run(statement);

  if (options.data || options.files) {
    for (const kind of KINDS) {
      const rows = data[kind];
      if (rows === undefined) continue;
      const checked = validateRecords(kind as RecordKind, rows);
      if (checked.issues.length > 0) {
        db.closeSync();
        instance.closeSync();
        throw new AdapterError(name, 'invalid_record', `${checked.issues.length} invalid ${kind} record(s)`, {
          issues: checked.issues,
        });
      }
      await db.run(`DELETE FROM ${TABLE[kind]}`);
      if (kind === 'leads') await db.run(`DELETE FROM ${TABLE.leadStages}`);
      if (kind === 'opportunities') await db.run(`DELETE FROM ${TABLE.opportunityLeads}`);
      // Column-major chunks of 2,048 rows: far fewer calls into DuckDB than appending value by value.
      const types = FACT_COLUMNS[kind];
      const main = chunkWriter(await db.createAppender(TABLE[kind]), [
        VARCHAR,
        DOUBLE,
        VARCHAR,
        ...types.map(([, t]) => DUCK_TYPES[t]),
      ]);
      const links =
        kind === 'leads'
          ? chunkWriter(await db.createAppender(TABLE.leadStages), [VARCHAR, VARCHAR, DOUBLE])
          : kind === 'opportunities'
            ? chunkWriter(await db.createAppender(TABLE.opportunityLeads), [VARCHAR, INTEGER, VARCHAR])
            : undefined;
      checked.records.forEach((record, i) => {
        const key = keyOf(kind, record as unknown as Record<string, unknown>, i);
        const changed = recordChangedAt(kind, record);
        const row = projectRecord(kind, record as unknown as Record<string, unknown>);
        main.add([key, Number.isNaN(changed) ? null : changed, JSON.stringify(record), ...row.values]);
        for (const [stage, at] of row.stages ?? []) links?.add([key, stage, at]);
        (row.leads ?? []).forEach((lead, position) => {
          links?.add([key, position, lead]);
        });
      });
      main.close();
      links?.close();
    }
  }

  const list = async <K extends ListKind>(kind: K, listOptions: ListOptions = {}): Promise<Page<ListedRecords[K]>> => {
    const limit = pageLimit(name, listOptions);
    const since = updatedSince(name, listOptions);
    const after = decodeCursor(name, kind, listOptions.cursor, since);
    // One row more than the page tells whether another page follows.
    const reader = await db.runAndReadAll(
      `SELECT key, record FROM ${TABLE[kind]} WHERE ($1::VARCHAR IS NULL OR key > $1::VARCHAR) AND ($2::DOUBLE IS NULL OR changed >= $2::DOUBLE) ORDER BY key LIMIT $3::INTEGER`,
      [after, Number.isNaN(since) ? null : since, limit + 1],
    );
    const rows = reader.getRowObjects() as { key: string; record: string }[];
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      records: page.map((r) => JSON.parse(r.record) as ListedRecords[K]),
      nextCursor: rows.length > limit && last ? encodeCursor(kind, last.key, since) : null,
    };
  };

  const updateLead = async (leadId: string, change: (lead: Record<string, unknown>) => Record<string, unknown>) => {
    const rows = (
      await db.runAndReadAll(`SELECT record FROM ${TABLE.leads} WHERE key = $1::VARCHAR`, [leadId])
    ).getRowObjects() as {
      record: string;
    }[];
    const row = rows[0];
    if (!row) throw new AdapterError(name, 'not_found', 'no lead with that id');
    const next = change(JSON.parse(row.record) as Record<string, unknown>);
    const projected = projectRecord('leads', next);
    const columns = FACT_COLUMNS.leads.map(([c], i) => `${c} = $${i + 4}`).join(', ');
    await db.run(
      `UPDATE ${TABLE.leads} SET record = $1::VARCHAR, changed = $2::DOUBLE, ${columns} WHERE key = $3::VARCHAR`,
      [JSON.stringify(next), recordChangedAt('leads', next), leadId, ...projected.values],
    );
    await db.run(`DELETE FROM ${TABLE.leadStages} WHERE lead_key = $1::VARCHAR`, [leadId]);
    for (const [stage, at] of projected.stages ?? [])
      await db.run(`INSERT INTO ${TABLE.leadStages} VALUES ($1::VARCHAR, $2::VARCHAR, $3::DOUBLE)`, [
        leadId,
        stage,
        at,
      ]);
  };

  const query: SqlQuery = async (sql, params) =>
    (await db.runAndReadAll(sql, params as DuckDBValue[])).getRowObjects() as Record<string, unknown>[];
  const readAll = async <K extends ListKind>(kind: K): Promise<ListedRecords[K][]> =>
    ((await query(`SELECT record FROM ${TABLE[kind]} ORDER BY key`, [])) as { record: string }[]).map(
      (r) => JSON.parse(r.record) as ListedRecords[K],
    );

  const capabilities: AdapterCapabilities = {
    lists: { leads: true, activities: true, touchpoints: true, opportunities: true, spend: true },
    updatedSince: true,
    writeDisposition: true,
    assignOwner: true,
    runScorecard: true,
  };
  return {
    name,
    capabilities,
    ...listMethods(list),
    async writeDisposition(leadId, disposition) {
      const parsed = LeadDispositionSchema.safeParse(disposition);
      if (!parsed.success) throw new AdapterError(name, 'invalid_record', 'the disposition is not valid');
      await updateLead(leadId, (lead) => ({ ...lead, disposition: parsed.data }));
    },
    async assignOwner(leadId, ownerId) {
      if (typeof ownerId !== 'string' || ownerId === '')
        throw new AdapterError(name, 'invalid_option', 'ownerId must be a non-empty string');
      await updateLead(leadId, (lead) => ({ ...lead, ownerId }));
    },
    runScorecard: (scorecardOptions) =>
      runSqlScorecard({ dialect: options.dialect ?? duckdbDialect, query, readAll }, scorecardOptions),
    async close() {
      db.closeSync();
      instance.closeSync();
    },
  };
}
