// @accord/adapters/duckdb — the embedded DuckDB adapter (a separate entry: it loads DuckDB's native module).

export { createDuckDbOutboxStore, type DuckDbOutboxStoreOptions } from '../crm/outbox/createDuckDbOutboxStore';
export { createDuckDbAdapter, type DuckDbAdapterOptions } from './createDuckDbAdapter';
