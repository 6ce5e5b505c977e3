// @accord/adapters/duckdb — the embedded DuckDB adapter (a separate entry: it loads DuckDB's native module).

export { createDuckDbAdapter, type DuckDbAdapterOptions } from './createDuckDbAdapter';
