// @accord/adapters — data in and out. Explicit exports only.

// Actions: what the core decides, delivered through the outbox to Slack, a signed webhook and task sinks.
export type { SinkHttpOptions } from './actions/_sinkHttp';
export type {
  AccordAction,
  ActionKind,
  ActionSink,
  SinkHttp,
  SinkRequestPreview,
} from './actions/actions.types';
export {
  type ActionsFromDispositionOptions,
  type ActionsFromOptions,
  actionsFromDisposition,
  actionsFromSlaStatuses,
} from './actions/actionsFrom';
export {
  type ActionDelivery,
  type ActionDispatchResult,
  type ActionLogEntry,
  type ActionRunner,
  type ActionRunnerOptions,
  createActionRunner,
} from './actions/createActionRunner';
export { createEnrichmentSink, type EnrichmentSinkOptions } from './actions/createEnrichmentSink';
export {
  createSlackSink,
  SLACK_EVENT_TYPE,
  type SlackSinkOptions,
  type SlackSinkTarget,
  slackMessage,
} from './actions/createSlackSink';
export {
  createWebhookSink,
  type VerifyWebhookSignatureOptions,
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
  type WebhookActionBody,
  type WebhookSignatureFailure,
  type WebhookSignatureResult,
  type WebhookSinkOptions,
} from './actions/createWebhookSink';
// Action sinks: tasks in HubSpot, Salesforce and Asana (find-or-create by the action's key).
export type { TaskSinkCommonOptions } from './actions/sinks/_taskSink';
export { type AsanaTaskSinkOptions, createAsanaTaskSink } from './actions/sinks/asanaTaskSink';
export {
  createHubSpotTaskSink,
  HUBSPOT_TASK_TO_CONTACT,
  type HubSpotTaskSinkOptions,
} from './actions/sinks/hubspotTaskSink';
export { createSalesforceTaskSink, type SalesforceTaskSinkOptions } from './actions/sinks/salesforceTaskSink';
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
// Lead enrichment: Apollo, ZoomInfo and Lusha; fallback order, cache, per-provider rate limits.
export { type ApolloEnrichmentOptions, createApolloEnrichment } from './enrichment/createApolloEnrichment';
export { createEnrichment, ENRICHMENT_FIELDS, ENRICHMENT_TARGETS } from './enrichment/createEnrichment';
export { createLushaEnrichment, type LushaEnrichmentOptions } from './enrichment/createLushaEnrichment';
export { createMemoryEnrichmentCache } from './enrichment/createMemoryEnrichmentCache';
export { createTokenBucket, type TokenBucket, type TokenBucketOptions } from './enrichment/createTokenBucket';
export { createZoomInfoEnrichment, type ZoomInfoEnrichmentOptions } from './enrichment/createZoomInfoEnrichment';
export type {
  EnrichedValue,
  EnrichLeadResult,
  Enrichment,
  EnrichmentCache,
  EnrichmentChange,
  EnrichmentField,
  EnrichmentFirmographics,
  EnrichmentHttpOptions,
  EnrichmentLookupOptions,
  EnrichmentOptions,
  EnrichmentProvider,
  EnrichmentProviderOptions,
  EnrichmentQuery,
  EnrichmentResult,
  EnrichmentSkip,
  EnrichOptions,
  MemoryEnrichmentCacheOptions,
} from './enrichment/enrichment.types';
// GA4 BigQuery export → touchpoints (DuckDB here, BigQuery for real).
export type { Ga4Dialect, Ga4SqlRunner, Ga4TouchpointsOptions, Ga4TouchpointsQuery } from './ga4/ga4.types';
export { GA4_DEFAULT_CHANNELS, GA4_SOURCE_CATEGORIES, ga4ChannelGroupSql } from './ga4/ga4ChannelGroup';
export { ga4TouchpointsSql } from './ga4/ga4TouchpointsSql';
export { readGa4Touchpoints } from './ga4/readGa4Touchpoints';
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
// Zoho CRM REST v6: Leads and Deals with keyset paging over page_token, write-back by PUT through the outbox.
export {
  createZohoAdapter,
  DEFAULT_ZOHO_DISPOSITION_FIELDS,
  type ZohoAdapter,
  type ZohoAdapterOptions,
  type ZohoDispositionFields,
  type ZohoFlushResult,
} from './zoho/createZohoAdapter';
export { defaultZohoMapping, type ZohoMapping } from './zoho/defaultZohoMapping';
