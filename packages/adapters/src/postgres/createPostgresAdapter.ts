import {
  type AccordIssue,
  LeadDispositionSchema,
  type PathSegment,
  type RecordKind,
  RecordSchemas,
  validateRecords,
} from '@accord/core';
import pg from 'pg';
import { decodeCursor, encodeCursor, listMethods, pageLimit, recordChangedAt, updatedSince } from '../contract/_paging';
import { AdapterError } from '../contract/AdapterError';
import type {
  AdapterCapabilities,
  AdapterErrorCode,
  ListedRecords,
  ListKind,
  ListOptions,
  Page,
  RevenueAdapter,
} from '../contract/adapter.types';
import { FACT_COLUMNS, projectRecord, TABLES } from '../sql/canonicalTables';
import { runSqlScorecard } from '../sql/createSqlScorecardEngine';
import { postgresDialect } from '../sql/sqlDialects';
import { redactedError, secretsOf } from './_redact';
import { isSchemaName, migrationsTableSql, postgresMigrations } from './postgresMigrations';

/** A connection from a {@link PostgresPool} (pg's `PoolClient` is one). */
export interface PostgresPoolClient {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  release(error?: Error | boolean): void;
}

/** The part of a `pg.Pool` the adapter uses; pass your own `new pg.Pool(…)`. */
export interface PostgresPool {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  connect(): Promise<PostgresPoolClient>;
  end(): Promise<void>;
}

/** Options for {@link createPostgresAdapter}. */
export interface PostgresAdapterOptions {
  /** `postgres://user:password@host:port/database` (default: the `DATABASE_URL` environment variable). */
  connectionString?: string;
  /** The schema holding the tables, created when missing (default `public`). A plain identifier. */
  schema?: string;
  /** Canonical records to load into the tables, replacing what the tables of those kinds hold. */
  data?: Partial<Record<ListKind, readonly unknown[]>>;
  /** Adapter name in errors (default `postgres`). */
  name?: string;
  /** A pool the host owns (a `pg.Pool`): used instead of `connectionString`, and left open by `close()`. */
  pool?: PostgresPool;
  /** Milliseconds to wait for a connection from the adapter's own pool (default 10,000). */
  connectionTimeoutMs?: number;
}

const KINDS: readonly ListKind[] = ['leads', 'activities', 'touchpoints', 'opportunities', 'spend'];
// Fixed table names (never built from input): one per record kind.
const TABLE: Readonly<Record<ListKind, string>> = {
  leads: 'accord_leads',
  activities: 'accord_activities',
  touchpoints: 'accord_touchpoints',
  opportunities: 'accord_opportunities',
  spend: 'accord_spend',
};
const LATEST = Math.max(...postgresMigrations.map((m) => m.version));
// pg_advisory_xact_lock(int, int): this constant ("Acco") and the hash of the schema name.
const LOCK_CLASS = 0x4163636f;
const INSERT_BATCH = 5_000;

/**
 * The sort key of a record, as PostgreSQL text that orders byte-wise ("C") exactly as JavaScript orders
 * the plain key (UTF-16 code units), which is the memory adapter's order. NUL (which PostgreSQL text
 * cannot hold) becomes U+0001 U+0001, U+0001 becomes U+0001 U+0002, and code units from U+D800 up move
 * up by 0x800 (surrogates pair-free, so UTF-8 byte order follows code-unit order). Keys of plain
 * characters (the usual case) are stored as they are.
 */
export function sortKey(key: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 and U+0001 are exactly what this escapes.
  if (/^[\u0002-\ud7ff]*$/.test(key)) return key;
  let out = '';
  for (let i = 0; i < key.length; i++) {
    const unit = key.charCodeAt(i);
    if (unit === 0) out += '\u0001\u0001';
    else if (unit === 1) out += '\u0001\u0002';
    else if (unit < 0xd800) out += key[i];
    else out += String.fromCodePoint(unit + 0x800);
  }
  return out;
}

function keyOf(kind: ListKind, r: Record<string, unknown>, index: number): string {
  if (kind !== 'spend') return sortKey(String(r.id));
  return sortKey(
    `${String(r.periodStart)}\u0000${String(r.channel ?? '')}\u0000${String(r.campaignId ?? '')}\u0000${String(index).padStart(12, '0')}`,
  );
}

// A NUL or an unpaired surrogate: valid in a JavaScript string, refused by PostgreSQL's text and JSONB.
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this finds.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Issues for strings PostgreSQL cannot store, anywhere in a record (keys of maps included). */
function unstorableIssues(value: unknown, path: PathSegment[], out: AccordIssue[]): void {
  if (out.length >= 100) return;
  if (typeof value === 'string') {
    if (UNSTORABLE.test(value))
      out.push({
        code: 'invalid_argument',
        detail: 'PostgreSQL cannot store a NUL character (U+0000) or an unpaired surrogate',
        path,
        message: 'The text holds a NUL character or an unpaired surrogate, which PostgreSQL cannot store.',
      });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => {
      unstorableIssues(v, [...path, i], out);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (UNSTORABLE.test(k)) unstorableIssues(k, [...path, k], out);
      else unstorableIssues(v, [...path, k], out);
    }
  }
}

const shapeKeys = (schema: unknown): readonly string[] =>
  Object.keys((schema as { shape?: Record<string, unknown> }).shape ?? {});
const FIELD_ORDER: Readonly<Record<ListKind, readonly string[]>> = {
  leads: shapeKeys(RecordSchemas.leads),
  activities: shapeKeys(RecordSchemas.activities),
  touchpoints: shapeKeys(RecordSchemas.touchpoints),
  opportunities: shapeKeys(RecordSchemas.opportunities),
  spend: shapeKeys(RecordSchemas.spend),
};
const DISPOSITION_ORDER = shapeKeys(LeadDispositionSchema);

function inOrder(value: Record<string, unknown>, order: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of order) if (Object.hasOwn(value, k)) out[k] = value[k];
  for (const k of Object.keys(value)) if (!Object.hasOwn(out, k)) out[k] = value[k];
  return out;
}

/**
 * JSONB keeps an object's keys sorted by length, not in the order they came: put the record's fields
 * back in the schema's order (the order every other adapter returns). Keys inside `attributes` and
 * `stageDates` come back in JSONB's order.
 */
function canonical(kind: ListKind, record: Record<string, unknown>): Record<string, unknown> {
  const out = inOrder(record, FIELD_ORDER[kind]);
  if (kind === 'leads' && typeof out.disposition === 'object' && out.disposition !== null)
    out.disposition = inOrder(out.disposition as Record<string, unknown>, DISPOSITION_ORDER);
  return out;
}

/** Rows to insert for one record kind: the columns as arrays (one `unnest` per batch). */
interface Load {
  kind: ListKind;
  keys: string[];
  changed: (number | null)[];
  records: string[];
  columns: (number | string | null)[][];
  links: { key: string[]; a: (string | number)[]; b: (string | number)[] };
}

const PG_CAST = { double: 'float8', text: 'text', int: 'int' } as const;

function emptyLoad(kind: ListKind): Load {
  return {
    kind,
    keys: [],
    changed: [],
    records: [],
    columns: FACT_COLUMNS[kind].map(() => []),
    links: { key: [], a: [], b: [] },
  };
}

/** Adds a validated record: its key, JSON, typed columns and links (ids as sort keys, so they join). */
function addToLoad(load: Load, key: string, record: Record<string, unknown>): void {
  load.keys.push(key);
  const changed = recordChangedAt(load.kind, record as never);
  load.changed.push(Number.isFinite(changed) ? changed : null);
  load.records.push(JSON.stringify(record));
  const projected = projectRecord(load.kind, record);
  projected.values.forEach((v, c) => {
    const column = FACT_COLUMNS[load.kind][c] as readonly [string, string];
    (load.columns[c] as unknown[]).push(column[0] === 'lead_id' && typeof v === 'string' ? sortKey(v) : v);
  });
  for (const [stage, at] of projected.stages ?? []) {
    load.links.key.push(key);
    load.links.a.push(stage);
    load.links.b.push(at);
  }
  (projected.leads ?? []).forEach((lead, position) => {
    load.links.key.push(key);
    load.links.a.push(position);
    load.links.b.push(sortKey(lead));
  });
}

/** Inserts a load in batches: the records with their typed columns, then the link rows. */
async function insertLoad(client: PostgresPoolClient, schema: string, load: Load): Promise<void> {
  const columns = FACT_COLUMNS[load.kind];
  const names = ['key', 'changed', 'record', ...columns.map(([c]) => c)].join(', ');
  const casts = ['text', 'float8', 'jsonb', ...columns.map(([, t]) => PG_CAST[t])];
  const unnest = casts.map((t, i) => `$${i + 1}::${t}[]`).join(', ');
  for (let start = 0; start < load.keys.length; start += INSERT_BATCH) {
    const end = start + INSERT_BATCH;
    await client.query(`INSERT INTO ${schema}.${TABLES[load.kind]} (${names}) SELECT * FROM unnest(${unnest})`, [
      load.keys.slice(start, end),
      load.changed.slice(start, end),
      load.records.slice(start, end),
      ...load.columns.map((c) => c.slice(start, end)),
    ]);
  }
  const links =
    load.kind === 'leads'
      ? `${schema}.${TABLES.leadStages} (lead_key, stage, at) SELECT * FROM unnest($1::text[], $2::text[], $3::float8[])`
      : load.kind === 'opportunities'
        ? `${schema}.${TABLES.opportunityLeads} (opportunity_key, position, lead_key) SELECT * FROM unnest($1::text[], $2::int[], $3::text[])`
        : undefined;
  if (!links) return;
  for (let start = 0; start < load.links.key.length; start += INSERT_BATCH) {
    const end = start + INSERT_BATCH;
    await client.query(`INSERT INTO ${links}`, [
      load.links.key.slice(start, end),
      load.links.a.slice(start, end),
      load.links.b.slice(start, end),
    ]);
  }
}

/** Rebuilds every typed column and link row from the stored records (after migration 2). */
async function reproject(client: PostgresPoolClient, schema: string): Promise<void> {
  for (const kind of KINDS) {
    const { rows } = await client.query(`SELECT key, record FROM ${schema}.${TABLES[kind]} ORDER BY key`);
    if (rows.length === 0) continue;
    const load = emptyLoad(kind);
    for (const row of rows as { key: string; record: Record<string, unknown> }[]) addToLoad(load, row.key, row.record);
    await client.query(`DELETE FROM ${schema}.${TABLES[kind]}`);
    await insertLoad(client, schema, load);
  }
}

function isConnectionString(value: string): boolean {
  if (value.startsWith('/')) return true; // pg's "socket-directory [database]" form
  try {
    return ['postgres:', 'postgresql:', 'socket:'].includes(new URL(value).protocol);
  } catch {
    // new URL's error carries the input (the whole connection string): never pass it on.
    return false;
  }
}

/** An AdapterError code and a plain reason for a pg, Node or network error code. */
function classify(code: string): [AdapterErrorCode, string] {
  if (code === '28P01' || code === '28000') return ['invalid_config', 'the server refused the credentials'];
  if (code === '3D000') return ['invalid_config', 'the database does not exist'];
  if (code === '42501') return ['invalid_config', 'the role lacks a privilege the adapter needs'];
  if (code === '3F000') return ['invalid_config', 'the schema does not exist'];
  if (code === '57014') return ['timeout', 'the server cancelled the query (statement timeout)'];
  if (/^(08|53|57P)/.test(code) || /^E[A-Z_]+$/.test(code)) return ['unavailable', 'the server could not be reached'];
  if (code === '') return ['unavailable', 'the database call failed'];
  return ['unavailable', 'the server refused the query'];
}

/**
 * @name createPostgresAdapter
 * @category Adapters
 * @summary The warehouse adapter: canonical tables in PostgreSQL, listed with keyset paging.
 *
 * @description
 * Each record kind is a table in `schema` keyed by the record's id (spend: period, channel, campaign,
 * position), with the instant it last changed and the canonical record as JSONB; keys sort byte-wise, so
 * pages come in the memory adapter's order. Missing tables are created by {@link postgresMigrations}, in a
 * transaction under an advisory lock. `data` is validated with the core's schemas (`invalid_record` names
 * every issue), then replaces the tables' contents in one transaction. Every value reaches SQL as a bound
 * parameter. Connection problems are `unavailable` (or `invalid_config`: no or a malformed connection
 * string, refused credentials); their messages and causes never hold the password or the connection
 * string. Beside the JSONB, typed columns (instants in epoch ms, parsed by the core) and two link tables
 * (stage dates, opportunity leads) let `runScorecard` run the scorecard's plan as PostgreSQL SQL.
 *
 * @example
 * const adapter = await createPostgresAdapter({ connectionString: process.env.DATABASE_URL, schema: 'accord' })
 * const { records, nextCursor } = await adapter.listLeads({ limit: 500, updatedSince: '2026-06-01T00:00:00Z' })
 * await adapter.close()
 */
export async function createPostgresAdapter(options: PostgresAdapterOptions = {}): Promise<RevenueAdapter> {
  const name = options.name ?? 'postgres';
  if (typeof name !== 'string' || name === '')
    throw new AdapterError('postgres', 'invalid_config', 'name must be a non-empty string');
  const schemaName = options.schema ?? 'public';
  if (!isSchemaName(schemaName))
    throw new AdapterError(
      name,
      'invalid_config',
      'schema must be a plain identifier (a letter or _, then letters, digits or _; at most 63; not pg_…)',
    );
  // Validated above, so quoting cannot be escaped; quoted so the name keeps its case.
  const schema = `"${schemaName}"`;
  const table = (kind: ListKind) => `${schema}.${TABLE[kind]}`;
  for (const kind of KINDS) {
    const rows = options.data?.[kind];
    if (rows !== undefined && !Array.isArray(rows))
      throw new AdapterError(name, 'invalid_config', `data.${kind} must be an array of records`);
  }
  const timeout = options.connectionTimeoutMs ?? 10_000;
  if (!Number.isInteger(timeout) || timeout < 1)
    throw new AdapterError(name, 'invalid_config', 'connectionTimeoutMs must be a whole number of milliseconds');

  // Validate every record before touching the database.
  const loads: Load[] = [];
  for (const kind of KINDS) {
    const rows = options.data?.[kind];
    if (rows === undefined) continue;
    const checked = validateRecords(kind as RecordKind, rows);
    const issues = [...checked.issues];
    if (issues.length === 0)
      checked.records.forEach((r, i) => {
        unstorableIssues(r, [kind, i], issues);
      });
    if (issues.length > 0)
      throw new AdapterError(name, 'invalid_record', `${issues.length} invalid ${kind} record(s)`, { issues });
    const load = emptyLoad(kind);
    checked.records.forEach((record, i) => {
      addToLoad(
        load,
        keyOf(kind, record as unknown as Record<string, unknown>, i),
        record as unknown as Record<string, unknown>,
      );
    });
    loads.push(load);
  }

  let closed = false;
  let pool: PostgresPool;
  let ownPool: pg.Pool | undefined;
  let secrets: string[] = [];
  if (options.pool !== undefined) {
    const p = options.pool as Partial<PostgresPool> | null;
    if (typeof p?.connect !== 'function' || typeof p.query !== 'function')
      throw new AdapterError(name, 'invalid_config', 'pool must be a pg.Pool');
    pool = options.pool;
  } else {
    const env = typeof process === 'undefined' ? undefined : process.env.DATABASE_URL;
    const connectionString = options.connectionString ?? env;
    if (typeof connectionString !== 'string' || connectionString === '')
      throw new AdapterError(
        name,
        'invalid_config',
        'no connection string: pass connectionString or a pool, or set DATABASE_URL',
      );
    if (!isConnectionString(connectionString))
      throw new AdapterError(
        name,
        'invalid_config',
        'the connection string is not a postgres:// or postgresql:// URL (its text is not repeated here)',
      );
    secrets = secretsOf(connectionString);
    ownPool = new pg.Pool({ connectionString, connectionTimeoutMillis: timeout });
    // An idle connection that drops emits 'error' on the pool; the next query reports it instead.
    ownPool.on('error', () => {});
    pool = ownPool as unknown as PostgresPool;
  }

  /** Any failure as an AdapterError whose message and cause carry no credentials. */
  const failure = (error: unknown, doing: string): AdapterError => {
    if (error instanceof AdapterError) return error;
    const raw = (error as { code?: unknown } | null)?.code;
    const code = typeof raw === 'string' && /^[A-Z0-9_]{1,40}$/.test(raw) ? raw : '';
    const [adapterCode, reason] = classify(code);
    return new AdapterError(name, adapterCode, `${doing}: ${reason}${code ? ` (${code})` : ''}`, {
      cause: redactedError(error, secrets),
    });
  };
  /** One statement on any pooled connection: the spot a scorecard push-down builds on. */
  const query = async <R>(sql: string, params: unknown[], doing: string): Promise<R[]> => {
    if (closed) throw new AdapterError(name, 'unavailable', `${doing}: the adapter is closed`);
    try {
      return (await pool.query(sql, params)).rows as R[];
    } catch (error) {
      throw failure(error, doing);
    }
  };
  /** A transaction on one connection; rolled back on any failure. */
  const transaction = async <T>(doing: string, f: (client: PostgresPoolClient) => Promise<T>): Promise<T> => {
    if (closed) throw new AdapterError(name, 'unavailable', `${doing}: the adapter is closed`);
    let client: PostgresPoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw failure(error, doing);
    }
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await f(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollback) {
        broken = rollback instanceof Error ? rollback : new Error('rollback failed');
      }
      throw failure(error, doing);
    } finally {
      client.release(broken);
    }
  };
  // Serialises migrations and loads into this schema across processes (released at COMMIT/ROLLBACK).
  const lock = (client: PostgresPoolClient) =>
    client.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2::text))', [LOCK_CLASS, schemaName]);

  const closePool = async () => {
    if (ownPool) await ownPool.end().catch(() => {});
  };
  try {
    // Up to date already? Then no DDL (and no CREATE privilege) is needed.
    const [present] = await query<{ present: boolean }>(
      'SELECT to_regclass($1::text) IS NOT NULL AS present',
      [`${schema}.accord_migrations`],
      'connecting',
    );
    const [state] = present?.present
      ? await query<{ version: number | null }>(
          `SELECT max(version) AS version FROM ${schema}.accord_migrations`,
          [],
          'connecting',
        )
      : [];
    if ((state?.version ?? 0) < LATEST)
      await transaction('migrating', async (client) => {
        await lock(client);
        const exists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1::text', [schemaName]);
        if (exists.rows.length === 0) await client.query(`CREATE SCHEMA ${schema}`);
        await client.query(migrationsTableSql(schema));
        const applied = new Set(
          (await client.query(`SELECT version FROM ${schema}.accord_migrations`)).rows.map(
            (r) => (r as { version: number }).version,
          ),
        );
        for (const migration of postgresMigrations) {
          if (applied.has(migration.version)) continue;
          for (const statement of migration.sql(schema)) await client.query(statement);
          // Version 2's typed columns are filled from the records already stored (parsed by the core).
          if (migration.version === 2 && applied.has(1)) await reproject(client, schema);
          await client.query(`INSERT INTO ${schema}.accord_migrations (version, applied_at) VALUES ($1::int, now())`, [
            migration.version,
          ]);
        }
      });
    if (loads.length > 0)
      await transaction('loading records', async (client) => {
        await lock(client);
        for (const load of loads) {
          await client.query(`DELETE FROM ${table(load.kind)}`);
          if (load.kind === 'leads') await client.query(`DELETE FROM ${schema}.${TABLES.leadStages}`);
          if (load.kind === 'opportunities') await client.query(`DELETE FROM ${schema}.${TABLES.opportunityLeads}`);
          await insertLoad(client, schema, load);
        }
      });
  } catch (error) {
    await closePool();
    throw failure(error, 'connecting');
  }

  const list = async <K extends ListKind>(kind: K, listOptions: ListOptions = {}): Promise<Page<ListedRecords[K]>> => {
    const limit = pageLimit(name, listOptions);
    const since = updatedSince(name, listOptions);
    const after = decodeCursor(name, kind, listOptions.cursor, since);
    const where: string[] = [];
    const params: unknown[] = [];
    if (after !== null) {
      params.push(after);
      where.push(`key > $${params.length}::text`);
    }
    if (!Number.isNaN(since)) {
      params.push(since);
      where.push(`changed >= $${params.length}::float8`);
    }
    params.push(limit + 1);
    // One row more than the page tells whether another page follows.
    const rows = await query<{ key: string; record: Record<string, unknown> }>(
      `SELECT key, record FROM ${table(kind)}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY key LIMIT $${params.length}::int`,
      params,
      `listing ${kind}`,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      records: page.map((r) => canonical(kind, r.record) as unknown as ListedRecords[K]),
      nextCursor: rows.length > limit && last ? encodeCursor(kind, last.key, since) : null,
    };
  };

  const updateLead = (leadId: string, change: (lead: Record<string, unknown>) => Record<string, unknown>) =>
    transaction('writing a lead', async (client) => {
      const key = sortKey(leadId);
      const { rows } = await client.query(`SELECT record FROM ${table('leads')} WHERE key = $1::text FOR UPDATE`, [
        key,
      ]);
      const row = rows[0] as { record: Record<string, unknown> } | undefined;
      if (!row) throw new AdapterError(name, 'not_found', 'no lead with that id');
      const next = change(canonical('leads', row.record));
      const changed = recordChangedAt('leads', next);
      const projected = projectRecord('leads', next);
      const columns = FACT_COLUMNS.leads.map(([c, type], i) => `${c} = $${i + 4}::${PG_CAST[type]}`).join(', ');
      await client.query(
        `UPDATE ${table('leads')} SET record = $1::jsonb, changed = $2::float8, ${columns} WHERE key = $3::text`,
        [JSON.stringify(next), Number.isFinite(changed) ? changed : null, key, ...projected.values],
      );
      await client.query(`DELETE FROM ${schema}.${TABLES.leadStages} WHERE lead_key = $1::text`, [key]);
      const stages = projected.stages ?? [];
      await client.query(
        `INSERT INTO ${schema}.${TABLES.leadStages} (lead_key, stage, at) SELECT $1::text, * FROM unnest($2::text[], $3::float8[])`,
        [key, stages.map(([stage]) => stage), stages.map(([, at]) => at)],
      );
    });

  const capabilities: AdapterCapabilities = {
    lists: { leads: true, activities: true, touchpoints: true, opportunities: true, spend: true },
    updatedSince: true,
    writeDisposition: true,
    assignOwner: true,
    runScorecard: true,
  };
  const rows = async (sql: string, params: readonly unknown[]) =>
    query<Record<string, unknown>>(sql, [...params], 'computing the scorecard');
  const readAll = async <K extends ListKind>(kind: K): Promise<ListedRecords[K][]> =>
    (
      await query<{ record: Record<string, unknown> }>(
        `SELECT record FROM ${table(kind)} ORDER BY key`,
        [],
        `reading ${kind}`,
      )
    ).map((r) => canonical(kind, r.record) as unknown as ListedRecords[K]);
  return {
    name,
    capabilities,
    ...listMethods(list),
    async writeDisposition(leadId, disposition) {
      const parsed = LeadDispositionSchema.safeParse(disposition);
      if (!parsed.success) throw new AdapterError(name, 'invalid_record', 'the disposition is not valid');
      const issues: AccordIssue[] = [];
      unstorableIssues(parsed.data, ['disposition'], issues);
      if (issues.length > 0) throw new AdapterError(name, 'invalid_record', 'the disposition is not valid', { issues });
      if (typeof leadId !== 'string') throw new AdapterError(name, 'not_found', 'no lead with that id');
      await updateLead(leadId, (lead) => ({ ...lead, disposition: parsed.data }));
    },
    async assignOwner(leadId, ownerId) {
      if (typeof ownerId !== 'string' || ownerId === '')
        throw new AdapterError(name, 'invalid_option', 'ownerId must be a non-empty string');
      if (UNSTORABLE.test(ownerId))
        throw new AdapterError(name, 'invalid_option', 'ownerId holds a character PostgreSQL cannot store');
      if (typeof leadId !== 'string') throw new AdapterError(name, 'not_found', 'no lead with that id');
      await updateLead(leadId, (lead) => ({ ...lead, ownerId }));
    },
    runScorecard: (scorecardOptions) =>
      runSqlScorecard({ dialect: postgresDialect, query: rows, schema: schemaName, readAll }, scorecardOptions),
    async close() {
      if (closed) return;
      closed = true;
      await closePool();
    },
  };
}
