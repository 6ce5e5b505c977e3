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
  OutboxSendResult,
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
export {
  type ParseMarketingClaimsCsvOptions,
  type ParseMarketingClaimsCsvResult,
  parseMarketingClaimsCsv,
} from './csv/parseMarketingClaimsCsv';
// HubSpot CRM v3: contacts and deals with stage mapping, search by updatedSince, webhooks, write-back through the outbox.
export {
  createHubSpotAdapter,
  type HubSpotAdapter,
  type HubSpotAdapterOptions,
  type HubSpotFlushResult,
} from './hubspot/createHubSpotAdapter';
export { defaultHubSpotMapping } from './hubspot/defaultHubSpotMapping';
export type {
  HubSpotAttributeProperty,
  HubSpotCollection,
  HubSpotMapping,
  HubSpotMappingInput,
  HubSpotObject,
  HubSpotOwner,
  HubSpotPipeline,
  HubSpotWebhookEvent,
} from './hubspot/hubspot.types';
export { type HubSpotWebhookResult, mapHubSpotWebhookEvents } from './hubspot/mapHubSpotWebhookEvents';
export { type HubSpotSignatureInput, verifyHubSpotSignature } from './hubspot/verifyHubSpotSignature';
export { createMemoryAdapter, type MemoryAdapterData, type MemoryAdapterOptions } from './memory/createMemoryAdapter';
export {
  type ParseAttributionPathsOptions,
  type ParseAttributionPathsResult,
  parseAttributionPaths,
} from './paths/parseAttributionPaths';
// Salesforce REST: SOQL reads with keyset paging, write-back by PATCH through the outbox.
export {
  createSalesforceAdapter,
  DEFAULT_DISPOSITION_FIELDS,
  type DispositionFields,
  type SalesforceAdapter,
  type SalesforceAdapterOptions,
  type SalesforceFlushResult,
} from './salesforce/createSalesforceAdapter';
export { defaultSalesforceMapping, type SalesforceMapping } from './salesforce/defaultSalesforceMapping';
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
