// @accord/adapters — data in and out. Explicit exports only.

export { AdapterError } from './contract/AdapterError';
export type {
  AdapterCapabilities,
  AdapterErrorCode,
  ListedRecords,
  ListKind,
  ListOptions,
  Page,
  RevenueAdapter,
  RunScorecardOptions,
} from './contract/adapter.types';
// CRM plumbing: one resilient HTTP client and the outbox for write-backs (DuckDB store: '@accord/adapters/duckdb').
export { createCrmHttpClient } from './crm/createCrmHttpClient';
export type {
  CrmHttpClient,
  CrmHttpFailure,
  CrmHttpOptions,
  CrmRequest,
  Outbox,
  OutboxBackoff,
  OutboxFlushResult,
  OutboxMessage,
  OutboxOptions,
  OutboxStatus,
  OutboxStore,
} from './crm/crm.types';
export { createMemoryOutboxStore } from './crm/outbox/createMemoryOutboxStore';
export { createOutbox } from './crm/outbox/createOutbox';
export {
  type CanonicalColumn,
  type LeadColumnsOptions,
  leadColumns,
  RECORD_COLUMNS,
} from './csv/canonicalColumns';
export { type CsvAdapterOptions, createCsvAdapter } from './csv/createCsvAdapter';
export { type FormatCanonicalCsvOptions, formatCanonicalCsv } from './csv/formatCanonicalCsv';
export {
  type ParseCanonicalCsvOptions,
  type ParseCanonicalCsvResult,
  parseCanonicalCsv,
} from './csv/parseCanonicalCsv';
export { createMemoryAdapter, type MemoryAdapterData, type MemoryAdapterOptions } from './memory/createMemoryAdapter';
export {
  type ParseAttributionPathsOptions,
  type ParseAttributionPathsResult,
  parseAttributionPaths,
} from './paths/parseAttributionPaths';
export {
  canonicalTablesDdl,
  FACT_COLUMNS,
  type ProjectedRecord,
  projectRecord,
  TABLES,
} from './sql/canonicalTables';
export {
  createSqlScorecardEngine,
  type SqlQuery,
  type SqlScorecardEngineOptions,
} from './sql/createSqlScorecardEngine';
export {
  bigqueryDialect,
  duckdbDialect,
  postgresDialect,
  type SqlDialect,
  snowflakeDialect,
  sqlDialects,
  trinoDialect,
} from './sql/sqlDialects';
