import { AdapterError } from '../contract/AdapterError';
import type { Ga4Dialect, Ga4TouchpointsOptions, Ga4TouchpointsQuery } from './ga4.types';
import { ga4ChannelGroupSql } from './ga4ChannelGroup';

const ADAPTER = 'ga4';
const BIGQUERY_TABLE =
  /^(?:[a-z][a-z0-9-]{4,28}[a-z0-9]\.)?[A-Za-z_][A-Za-z0-9_]{0,1023}\.events_(?:\*|intraday_\*|\d{8}|intraday_\d{8})$/;
const DUCKDB_FILE = /^[A-Za-z0-9_./*-]+\.(?:ndjson|jsonl|json|parquet)(?:\.gz)?$/;
const DUCKDB_TABLE = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
const PARAM_KEY = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;

/** The GA4 export columns read from NDJSON (BigQuery's JSON export writes INT64 as strings; DuckDB casts them). */
const NDJSON_COLUMNS = `{
    event_date: 'VARCHAR', event_timestamp: 'BIGINT', event_name: 'VARCHAR', user_pseudo_id: 'VARCHAR', user_id: 'VARCHAR',
    event_params: 'STRUCT(key VARCHAR, value STRUCT(string_value VARCHAR, int_value BIGINT, float_value DOUBLE, double_value DOUBLE))[]',
    traffic_source: 'STRUCT(name VARCHAR, medium VARCHAR, source VARCHAR)',
    collected_traffic_source: 'STRUCT(manual_campaign_id VARCHAR, manual_campaign_name VARCHAR, manual_source VARCHAR, manual_medium VARCHAR, manual_term VARCHAR, manual_content VARCHAR, gclid VARCHAR, dclid VARCHAR, srsltid VARCHAR)'
  }`;

const fail = (message: string): never => {
  throw new AdapterError(ADAPTER, 'invalid_option', message);
};

function instantMs(name: 'from' | 'to', value: unknown): number {
  if (typeof value !== 'string' || !(DATE_ONLY.test(value) || INSTANT.test(value)))
    return fail(`${name} must be an ISO-8601 instant with an offset or a YYYY-MM-DD date`);
  const ms = Date.parse(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms)) return fail(`${name} is not a valid date`);
  return ms;
}

const suffix = (ms: number) => new Date(ms).toISOString().slice(0, 10).replaceAll('-', '');

function source(dialect: Ga4Dialect, table: unknown): string {
  if (typeof table !== 'string') return fail('table must be a string');
  if (dialect === 'bigquery') {
    if (!BIGQUERY_TABLE.test(table)) return fail('table must look like project.dataset.events_* (BigQuery)');
    return `\`${table}\``;
  }
  if (DUCKDB_FILE.test(table)) {
    return /\.parquet$/i.test(table)
      ? `read_parquet('${table}')`
      : `read_json('${table}', format = 'newline_delimited', columns = ${NDJSON_COLUMNS})`;
  }
  if (DUCKDB_TABLE.test(table)) return table;
  return fail(
    'table must be an .ndjson/.jsonl/.json/.parquet path or glob (letters, digits, _ . / * -) or a table name',
  );
}

/**
 * @name ga4TouchpointsSql
 * @category Adapters
 * @summary SQL turning a GA4 BigQuery export (`events_*`) into one marketing touchpoint per session.
 *
 * @description
 * Sessions are `(user_pseudo_id, ga_session_id)`; events without `ga_session_id` are left out. A session's
 * source / medium / campaign come from its landing event (its first event carrying
 * `collected_traffic_source`): the manual UTM source and medium, else `google / cpc` when only a `gclid` is
 * there (auto-tagging); a session without either takes the user's first-acquisition `traffic_source` when it
 * is the user's first session (`ga_session_number = 1`), else `(direct) / (none)`. Campaign placeholders such
 * as `(organic)` are dropped. `channel` follows GA4's default channel group rules (see `ga4ChannelGroupSql`).
 * `at` is the session's first event (or its `session_start`) as an ISO instant with milliseconds.
 * `leadId` is the first value of `leadIdParam` seen for the session's person (over every session in the
 * data read, so earlier visits link to the lead too); without `leadIdParam` it is the `user_id` when
 * `identity` is `user_id`, else absent. The result columns are `id, leadId, channel, campaignId, at`, plus
 * `source` and `medium`.
 *
 * The DuckDB and BigQuery texts differ only where the dialects do: reading the source (`read_json` with the
 * export's nested columns / `read_parquet` vs a wildcard table with `_TABLE_SUFFIX`), `UNNEST`, timestamps
 * (`make_timestamp` / `TIMESTAMP_MICROS`), regex matching and parameter markers. Every user value is a bound
 * parameter; the table is checked against a strict pattern. With a window on BigQuery, `_TABLE_SUFFIX` is
 * widened by a day each way (daily tables follow the property's time zone, and sessions cross midnight),
 * and the exact window is applied to the session start.
 *
 * @throws {AdapterError} `invalid_option` naming the option.
 *
 * @example
 * const { sql, params } = ga4TouchpointsSql({ table: 'acme.analytics_123.events_*', dialect: 'bigquery',
 *   from: '2026-10-01', to: '2026-11-01', identity: 'user_pseudo_id', leadIdParam: 'lead_id', sessionTouch: 'first_event' })
 */
export function ga4TouchpointsSql(options: Ga4TouchpointsOptions): Ga4TouchpointsQuery {
  if (options === null || typeof options !== 'object') return fail('options must be an object');
  const { dialect, identity, sessionTouch, leadIdParam } = options;
  if (dialect !== 'duckdb' && dialect !== 'bigquery') return fail('dialect must be "duckdb" or "bigquery"');
  if (identity !== 'user_id' && identity !== 'user_pseudo_id')
    return fail('identity must be "user_id" or "user_pseudo_id"');
  if (sessionTouch !== 'session_start' && sessionTouch !== 'first_event')
    return fail('sessionTouch must be "session_start" or "first_event"');
  if (leadIdParam !== undefined && (typeof leadIdParam !== 'string' || !PARAM_KEY.test(leadIdParam)))
    return fail('leadIdParam must be a GA4 event parameter name (a letter, then up to 39 letters, digits or _)');
  const from = options.from === undefined ? undefined : instantMs('from', options.from);
  const to = options.to === undefined ? undefined : instantMs('to', options.to);
  if (from !== undefined && to !== undefined && from >= to) fail('from must be before to');
  const table = source(dialect, options.table);

  const bq = dialect === 'bigquery';
  const params: Record<string, string | number> = {};
  const bind = (name: string, value: string | number) => {
    params[name] = value;
    return bq ? `@${name}` : `$${name}`;
  };
  const str = bq ? 'STRING' : 'VARCHAR';
  /** One event parameter's value: BigQuery's `UNNEST(event_params)` subquery, DuckDB's `unnest` of the list. */
  const param = (key: string, field: 'int_value' | 'text') => {
    const value =
      field === 'int_value' ? 'value.int_value' : `COALESCE(value.string_value, CAST(value.int_value AS ${str}))`;
    return bq
      ? `(SELECT MAX(${value}) FROM UNNEST(event_params) WHERE key = ${key})`
      : `(SELECT MAX(${value.replaceAll('value.', 'p.value.')}) FROM (SELECT unnest(event_params) AS p) WHERE p.key = ${key})`;
  };
  const iso = (micros: string) =>
    bq
      ? `FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%E3SZ', TIMESTAMP_MICROS(${micros}))`
      : `strftime(make_timestamp(${micros}), '%Y-%m-%dT%H:%M:%S.%gZ')`;
  const whole = 'ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING';

  const scan: string[] = [];
  if (bq && options.table.endsWith('*')) {
    if (from !== undefined)
      scan.push(`_TABLE_SUFFIX ${to === undefined ? '>=' : 'BETWEEN'} ${bind('from', suffix(from - DAY_MS))}`);
    if (to !== undefined)
      scan.push(
        from === undefined ? `_TABLE_SUFFIX <= ${bind('to', suffix(to + DAY_MS))}` : bind('to', suffix(to + DAY_MS)),
      );
  }
  const scanWhere = scan.length === 0 ? '' : `\n  WHERE ${scan.join(' AND ')}`;
  const leadParam =
    leadIdParam === undefined ? `CAST(NULL AS ${str})` : param(bind('leadIdParam', leadIdParam), 'text');
  const person = identity === 'user_pseudo_id' ? 'pseudo_id' : 'COALESCE(session_user, device_user)';
  const leadId = leadIdParam !== undefined ? 'lead_id' : identity === 'user_id' ? 'person' : `CAST(NULL AS ${str})`;
  const at = sessionTouch === 'session_start' ? 'start_ts' : 'first_ts';
  const keep = ['person IS NOT NULL'];
  if (sessionTouch === 'session_start') keep.push('start_ts IS NOT NULL');
  const window: string[] = [];
  if (from !== undefined) window.push(`at_ts >= ${bind('fromMicros', from * 1000)}`);
  if (to !== undefined) window.push(`at_ts < ${bind('toMicros', to * 1000)}`);
  const landing = (column: string) =>
    `FIRST_VALUE(${column}) OVER (PARTITION BY pseudo_id, session_id ORDER BY no_src, ts, event_name ${whole})`;

  const sql = `WITH events AS (
  SELECT
    user_pseudo_id AS pseudo_id,
    user_id,
    event_name,
    event_timestamp AS ts,
    ${param("'ga_session_id'", 'int_value')} AS session_id,
    ${param("'ga_session_number'", 'int_value')} AS session_number,
    ${leadParam} AS lead_param,
    NULLIF(collected_traffic_source.manual_source, '') AS c_source,
    NULLIF(collected_traffic_source.manual_medium, '') AS c_medium,
    NULLIF(collected_traffic_source.manual_campaign_name, '') AS c_campaign,
    NULLIF(collected_traffic_source.gclid, '') AS c_gclid,
    NULLIF(traffic_source.source, '') AS u_source,
    NULLIF(traffic_source.medium, '') AS u_medium,
    NULLIF(traffic_source.name, '') AS u_campaign
  FROM ${table}${scanWhere}
),
users AS (
  SELECT
    *,
    FIRST_VALUE(user_id IGNORE NULLS) OVER (PARTITION BY pseudo_id, session_id ORDER BY ts ${whole}) AS session_user,
    FIRST_VALUE(user_id IGNORE NULLS) OVER (PARTITION BY pseudo_id ORDER BY ts ${whole}) AS device_user,
    CASE WHEN c_source IS NOT NULL OR c_medium IS NOT NULL OR c_gclid IS NOT NULL THEN 0 ELSE 1 END AS no_src
  FROM events
  WHERE session_id IS NOT NULL AND pseudo_id IS NOT NULL AND ts IS NOT NULL
),
people AS (
  SELECT *, ${person} AS person FROM users
),
landed AS (
  SELECT
    *,
    FIRST_VALUE(lead_param IGNORE NULLS) OVER (PARTITION BY person ORDER BY ts ${whole}) AS lead_id,
    ${landing('c_source')} AS l_source,
    ${landing('c_medium')} AS l_medium,
    ${landing('c_campaign')} AS l_campaign,
    ${landing('c_gclid')} AS l_gclid
  FROM people
),
sessions AS (
  SELECT
    pseudo_id,
    session_id,
    MAX(person) AS person,
    MAX(lead_id) AS lead_id,
    MIN(ts) AS first_ts,
    MIN(CASE WHEN event_name = 'session_start' THEN ts END) AS start_ts,
    MIN(session_number) AS session_number,
    MAX(l_source) AS l_source,
    MAX(l_medium) AS l_medium,
    MAX(l_campaign) AS l_campaign,
    MAX(l_gclid) AS l_gclid,
    MAX(u_source) AS u_source,
    MAX(u_medium) AS u_medium,
    MAX(u_campaign) AS u_campaign
  FROM landed
  GROUP BY pseudo_id, session_id
),
tiered AS (
  SELECT
    *,
    ${at} AS at_ts,
    CASE
      WHEN l_source IS NOT NULL OR l_medium IS NOT NULL THEN 1
      WHEN l_gclid IS NOT NULL THEN 2
      WHEN session_number = 1 AND u_source IS NOT NULL THEN 3
      ELSE 4
    END AS tier
  FROM sessions
  WHERE ${keep.join(' AND ')}
),
touches AS (
  SELECT
    pseudo_id,
    session_id,
    person,
    lead_id,
    at_ts,
    CASE tier WHEN 1 THEN COALESCE(l_source, '(not set)') WHEN 2 THEN 'google' WHEN 3 THEN u_source ELSE '(direct)' END AS source,
    CASE tier WHEN 1 THEN COALESCE(l_medium, '(not set)') WHEN 2 THEN 'cpc' WHEN 3 THEN COALESCE(u_medium, '(not set)') ELSE '(none)' END AS medium,
    CASE WHEN tier IN (1, 2) THEN l_campaign WHEN tier = 3 THEN u_campaign END AS campaign
  FROM tiered${window.length === 0 ? '' : `\n  WHERE ${window.join(' AND ')}`}
)
SELECT
  CONCAT('ga4:', pseudo_id, ':', CAST(session_id AS ${str})) AS id,
  ${leadId} AS leadId,
  ${ga4ChannelGroupSql(dialect, 'source', 'medium', 'campaign')} AS channel,
  CASE WHEN campaign LIKE '(%' THEN NULL ELSE campaign END AS campaignId,
  ${iso('at_ts')} AS at,
  source,
  medium
FROM touches
ORDER BY at_ts, id`;
  return { sql, params };
}
