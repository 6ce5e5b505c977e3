/**
 * The per-dialect primitives of the scorecard's SQL: identifier quoting, bound parameters, typed
 * casts, filtered aggregates, exact percentiles and JSON field access. Everything else (what a metric
 * means) is rendered once, from the core's plan.
 */
export interface SqlDialect {
  readonly name: 'duckdb' | 'postgres' | 'snowflake' | 'bigquery' | 'trino';
  /** Quotes a validated identifier. */
  quote(identifier: string): string;
  /** The placeholder of the i-th (1-based) bound parameter. */
  placeholder(index: number): string;
  readonly types: { double: string; text: string; int: string };
  /** `filter`: `agg(x) FILTER (WHERE c)`; `case`: `agg(CASE WHEN c THEN x END)`. */
  readonly filteredAggregates: 'filter' | 'case';
  /**
   * An exact (R-7, linear interpolation) percentile aggregate, or null when the dialect has none as
   * an aggregate (BigQuery, Trino): then the renderer ranks rows with window functions.
   */
  quantile: ((arg: string, q: string) => string) | null;
  /** Whether `WITH x AS MATERIALIZED (…)` computes a shared CTE once (DuckDB, PostgreSQL ≥ 12). */
  readonly materializedCtes: boolean;
  /** The text at a JSON path of a JSON (text) column; the path is a bound parameter where the dialect allows. */
  jsonText(
    column: string,
    path: readonly string[],
    bind: (value: unknown, type: 'text' | 'textArray') => string,
  ): string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Throws unless `name` is a plain SQL identifier (letters, digits, underscores; at most 63). */
export function assertIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new TypeError(`not a valid SQL identifier: ${JSON.stringify(name)}`);
  return name;
}

const doubleQuoted = (id: string) => `"${assertIdentifier(id)}"`;
/** A JSONPath `$."a"."b"` with each key quoted (keys are validated before they get here). */
const jsonPath = (path: readonly string[]) => `$${path.map((k) => `."${k.replace(/["\\]/g, '\\$&')}"`).join('')}`;

export const duckdbDialect: SqlDialect = {
  name: 'duckdb',
  materializedCtes: true,
  quote: doubleQuoted,
  placeholder: (i) => `$${i}`,
  types: { double: 'DOUBLE', text: 'VARCHAR', int: 'INTEGER' },
  filteredAggregates: 'filter',
  quantile: (arg, q) => `quantile_cont(${arg}, ${q})`,
  jsonText: (column, path, bind) => `json_extract_string(${column}, ${bind(jsonPath(path), 'text')})`,
};

export const postgresDialect: SqlDialect = {
  name: 'postgres',
  materializedCtes: true,
  quote: doubleQuoted,
  placeholder: (i) => `$${i}`,
  types: { double: 'DOUBLE PRECISION', text: 'TEXT', int: 'INTEGER' },
  filteredAggregates: 'filter',
  quantile: (arg, q) => `percentile_cont(${q}) WITHIN GROUP (ORDER BY ${arg})`,
  jsonText: (column, path, bind) => `(${column} #>> ${bind(path, 'textArray')})`,
};

export const snowflakeDialect: SqlDialect = {
  name: 'snowflake',
  materializedCtes: false,
  quote: doubleQuoted,
  placeholder: () => '?',
  types: { double: 'DOUBLE', text: 'VARCHAR', int: 'INTEGER' },
  filteredAggregates: 'case',
  quantile: (arg, q) => `PERCENTILE_CONT(${q}) WITHIN GROUP (ORDER BY ${arg})`,
  jsonText: (column, path, bind) =>
    `CAST(GET_PATH(PARSE_JSON(${column}), ${bind(snowflakePath(path), 'text')}) AS VARCHAR)`,
};

const snowflakePath = (path: readonly string[]) => path.map((k) => `"${k.replace(/"/g, '""')}"`).join('.');

export const bigqueryDialect: SqlDialect = {
  name: 'bigquery',
  materializedCtes: false,
  quote: (id) => `\`${assertIdentifier(id)}\``,
  placeholder: (i) => `@p${i}`,
  types: { double: 'FLOAT64', text: 'STRING', int: 'INT64' },
  filteredAggregates: 'case',
  quantile: null,
  // BigQuery wants the JSONPath as a literal: keys are validated identifiers, so it is rendered inline.
  jsonText: (column, path) => `JSON_VALUE(${column}, '${jsonPath(path.map(assertIdentifier))}')`,
};

export const trinoDialect: SqlDialect = {
  name: 'trino',
  materializedCtes: false,
  quote: doubleQuoted,
  placeholder: () => '?',
  types: { double: 'DOUBLE', text: 'VARCHAR', int: 'INTEGER' },
  filteredAggregates: 'case',
  quantile: null,
  jsonText: (column, path, bind) => `json_extract_scalar(${column}, ${bind(jsonPath(path), 'text')})`,
};

/** Every dialect by name. */
export const sqlDialects = {
  duckdb: duckdbDialect,
  postgres: postgresDialect,
  snowflake: snowflakeDialect,
  bigquery: bigqueryDialect,
  trino: trinoDialect,
} as const satisfies Record<SqlDialect['name'], SqlDialect>;
