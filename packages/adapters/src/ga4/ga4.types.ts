/** Where the SQL runs: DuckDB over an export sample (NDJSON / Parquet files, or a table), or BigQuery for real. */
export type Ga4Dialect = 'duckdb' | 'bigquery';

/** Options for {@link ga4TouchpointsSql} and {@link readGa4Touchpoints}. */
export interface Ga4TouchpointsOptions {
  /**
   * BigQuery: `project.dataset.events_*` (or `dataset.events_*`, `events_YYYYMMDD`, `events_intraday_*`).
   * DuckDB: a file or glob ending in `.ndjson`, `.jsonl`, `.json` (optionally `.gz`) or `.parquet`, or a table name.
   * Checked against a strict pattern (no quotes, no spaces): anything else is an `invalid_option`.
   */
  table: string;
  dialect: Ga4Dialect;
  /** Sessions starting at or after this instant (ISO-8601 with an offset, or `YYYY-MM-DD` = UTC midnight). */
  from?: string;
  /** Sessions starting before this instant (exclusive). */
  to?: string;
  /**
   * Who a session belongs to: the device (`user_pseudo_id`), or the signed-in user (`user_id`: the session's own,
   * else the first one seen on the same device; sessions with neither are left out).
   */
  identity: 'user_id' | 'user_pseudo_id';
  /** The event parameter holding your lead id (string or int value), e.g. `lead_id`. */
  leadIdParam?: string;
  /** `session_start`: one touch per session with a `session_start` event, at that event; `first_event`: every session, at its first event. */
  sessionTouch: 'session_start' | 'first_event';
}

/** SQL and its bound parameters (named: `$name` in DuckDB, `@name` in BigQuery). */
export interface Ga4TouchpointsQuery {
  sql: string;
  params: Record<string, string | number>;
}

/** Runs a query and returns plain row objects (a BigQuery client wrapper, or anything else). */
export type Ga4SqlRunner = (sql: string, params: Record<string, string | number>) => Promise<Record<string, unknown>[]>;
