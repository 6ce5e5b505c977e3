import { type Touchpoint, validateRecords } from '@accord/core';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { AdapterError } from '../contract/AdapterError';
import type { Ga4SqlRunner, Ga4TouchpointsOptions } from './ga4.types';
import { ga4TouchpointsSql } from './ga4TouchpointsSql';

const ADAPTER = 'ga4';

const isConnection = (value: unknown): value is DuckDBConnection =>
  typeof value === 'object' && value !== null && typeof (value as DuckDBConnection).runAndReadAll === 'function';

const text = (value: unknown): string | undefined =>
  value === null || value === undefined ? undefined : typeof value === 'string' ? value : String(value);

/**
 * @name readGa4Touchpoints
 * @category Adapters
 * @summary Runs {@link ga4TouchpointsSql} and returns validated canonical touchpoints.
 *
 * @description
 * Takes a `@duckdb/node-api` connection (the SQL runs in the `duckdb` dialect whatever `options.dialect`
 * says) or a runner (`(sql, params) => rows`, e.g. a BigQuery client wrapper; the dialect is
 * `options.dialect`). Rows are checked with `validateRecords('touchpoints', …)`: any issue fails the call
 * with `invalid_record`, its issues naming the row and field. A failed query is `unavailable`, without the
 * SQL's parameters in the message.
 *
 * @example
 * const db = await (await DuckDBInstance.create(':memory:')).connect()
 * const touchpoints = await readGa4Touchpoints(db, { table: 'export/*.ndjson', dialect: 'duckdb',
 *   identity: 'user_pseudo_id', leadIdParam: 'lead_id', sessionTouch: 'first_event' })
 */
export async function readGa4Touchpoints(
  source: DuckDBConnection | Ga4SqlRunner,
  options: Ga4TouchpointsOptions,
): Promise<Touchpoint[]> {
  const connection = isConnection(source);
  if (!connection && typeof source !== 'function')
    throw new AdapterError(ADAPTER, 'invalid_config', 'source must be a DuckDB connection or a (sql, params) runner');
  const { sql, params } = ga4TouchpointsSql(connection ? { ...options, dialect: 'duckdb' } : options);
  let rows: Record<string, unknown>[];
  try {
    rows = connection
      ? ((await source.runAndReadAll(sql, params as Record<string, DuckDBValue>)).getRowObjects() as Record<
          string,
          unknown
        >[])
      : await source(sql, params);
  } catch (cause) {
    throw new AdapterError(ADAPTER, 'unavailable', 'the GA4 touchpoint query failed', { cause });
  }
  if (!Array.isArray(rows))
    throw new AdapterError(ADAPTER, 'unavailable', 'the runner did not return an array of rows');
  const candidates = rows.map((row) => {
    const t: Record<string, unknown> = { id: text(row.id), channel: text(row.channel), at: text(row.at) };
    const leadId = text(row.leadId);
    const campaignId = text(row.campaignId);
    if (leadId !== undefined) t.leadId = leadId;
    if (campaignId !== undefined) t.campaignId = campaignId;
    return t;
  });
  const { records, issues } = validateRecords('touchpoints', candidates);
  if (issues.length > 0)
    throw new AdapterError(ADAPTER, 'invalid_record', `${issues.length} problem(s) in the GA4 touchpoints`, { issues });
  return records;
}
