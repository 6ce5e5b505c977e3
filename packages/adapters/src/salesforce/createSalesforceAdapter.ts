import {
  type AccordIssue,
  type Agreement,
  defaultAgreement,
  type LeadDisposition,
  LeadDispositionSchema,
  toInstantMs,
} from '@accord/core';
import { decodeCursor, encodeCursor, listMethods, pageLimit, updatedSince } from '../contract/_paging';
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
import { createCrmHttpClient } from '../crm/createCrmHttpClient';
import type {
  CrmHttpClient,
  CrmHttpFailure,
  CrmHttpOptions,
  CrmRequest,
  OutboxMessage,
  OutboxStore,
} from '../crm/crm.types';
import { createWriteBack, type WriteBackFlushResult } from '../crm/outbox/_writeBack';
import { createMemoryOutboxStore } from '../crm/outbox/createMemoryOutboxStore';
import {
  type DispositionFields,
  type MapContext,
  type Mapped,
  mapLead,
  mapOpportunity,
  mapTouchpoint,
  parseSfDateTime,
  type SfRow,
  type StatusChange,
} from './_mapRecords';
import { isSoqlIdentifier, soqlDateTime, soqlString, soqlStringList } from './_soql';
import { defaultSalesforceMapping, type SalesforceMapping } from './defaultSalesforceMapping';

const NAME = 'salesforce';
const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);
/** Ids per `IN (…)` list: keeps a GET query URL well under Salesforce's 16 KB URI limit. */
const IN_CHUNK = 200;
const DISPOSITION_KIND = 'salesforce.disposition';

/** Salesforce `errorCode` → AdapterError code (documented error array: `[{ message, errorCode, fields }]`). */
const ERROR_CODES: Readonly<Record<string, AdapterErrorCode>> = {
  INVALID_SESSION_ID: 'invalid_config',
  INVALID_AUTH_HEADER: 'invalid_config',
  API_DISABLED_FOR_ORG: 'invalid_config',
  INSUFFICIENT_ACCESS: 'invalid_config',
  REQUEST_LIMIT_EXCEEDED: 'rate_limited',
  MALFORMED_QUERY: 'invalid_option',
  INVALID_FIELD: 'invalid_option',
  INVALID_TYPE: 'invalid_option',
  INVALID_QUERY_FILTER_OPERATOR: 'invalid_option',
  NOT_FOUND: 'not_found',
  ENTITY_IS_DELETED: 'not_found',
  INVALID_QUERY_LOCATOR: 'unavailable',
  SERVER_UNAVAILABLE: 'unavailable',
  INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: 'invalid_record',
  FIELD_CUSTOM_VALIDATION_EXCEPTION: 'invalid_record',
};

/** The custom Lead fields a disposition is written to and read from by default. */
export const DEFAULT_DISPOSITION_FIELDS: DispositionFields = {
  reason: 'Accord_Reject_Reason__c',
  at: 'Accord_Disposition_At__c',
  by: 'Accord_Disposition_By__c',
  detail: 'Accord_Disposition_Detail__c',
};

/** Options for {@link createSalesforceAdapter}. */
export interface SalesforceAdapterOptions {
  /** The org's instance URL, e.g. `https://acme.my.salesforce.com` (https only; http only on loopback, for tests). */
  instanceUrl: string;
  /** OAuth access token (sent as a bearer token; never logged, redacted from errors). */
  accessToken: string;
  /** REST API version (default `v62.0`). */
  apiVersion?: string;
  /** Injected `fetch` (default the global one). */
  fetch?: typeof fetch;
  /** Picklist values → stages and channels (default {@link defaultSalesforceMapping}); parts given replace the default's parts. */
  mapping?: Partial<SalesforceMapping>;
  /** The agreement: time zone for `date` fields, currency, disposition reasons (default `defaultAgreement`). */
  agreement?: Agreement;
  /** ISO 4217 code of the org's currency (single-currency orgs; default the agreement's, else USD). */
  currency?: string;
  /** Custom Lead fields holding the disposition (default {@link DEFAULT_DISPOSITION_FIELDS}); `false`: no dispositions, `writeDisposition` absent. */
  dispositionFields?: DispositionFields | false;
  /** A touchpoint's time: CampaignMember `CreatedDate` (default) or `FirstRespondedDate` (a day, midnight in the agreement's zone) when set. */
  touchpointTime?: 'created' | 'firstResponded';
  /** Where write-backs wait when the org is down (default: in memory; pass a DuckDB store to survive restarts). */
  outbox?: OutboxStore;
  /** Retry schedule of outbox messages after a failed delivery (default 1 s doubling to 5 min, full jitter). */
  outboxBackoff?: { baseDelayMs?: number; maxDelayMs?: number };
  /** HTTP retries, timeouts, client-side rate limit and injected clock/sleep/random (see `createCrmHttpClient`). */
  http?: Omit<CrmHttpOptions, 'adapter' | 'baseUrl' | 'token' | 'fetch'>;
}

/** What one {@link SalesforceAdapter.flushOutbox} did. */
export type SalesforceFlushResult = WriteBackFlushResult;

/** A Salesforce adapter: the contract plus outbox delivery of write-backs. */
export interface SalesforceAdapter extends RevenueAdapter {
  /** Delivers due outbox messages of this adapter (oldest first; a failed one holds back later ones for the same lead). */
  flushOutbox(): Promise<SalesforceFlushResult>;
  /** Write-backs of this adapter not yet delivered (and not dead), oldest first. */
  pendingWrites(): Promise<OutboxMessage[]>;
  /** Waits for a flush or an inline delivery under way. */
  close(): Promise<void>;
}

interface DispositionPayload {
  leadId: string;
  body: Record<string, unknown>;
}

interface QueryResult {
  done: boolean;
  nextRecordsUrl?: string;
  records: SfRow[];
}

type Mapper<K extends ListKind> = (rows: SfRow[]) => Promise<Mapped<ListedRecords[K]>[]>;

/**
 * @name createSalesforceAdapter
 * @category Adapters
 * @summary Reads leads, opportunities and campaign touchpoints from Salesforce over REST (SOQL) and writes dispositions back by PATCH through an outbox.
 *
 * @description
 * - **Reads**: one SOQL query per page, `ORDER BY Id` (with `updatedSince`: `WHERE LastModifiedDate >= …
 *   ORDER BY LastModifiedDate, Id`) and `LIMIT limit + 1`; batches beyond Salesforce's batch size are
 *   followed through `nextRecordsUrl` (a query locator: a snapshot). Our cursor is a keyset watermark
 *   (the last Id, or LastModifiedDate and Id), never a locator, so it does not expire and a result set
 *   that changes between calls yields no duplicates and no gaps among the records that were there all
 *   along. With `updatedSince`, a record changed while you page comes once more, later, with its new values.
 * - Lead → Lead (stage dates from LeadHistory `Status` changes and the converted opportunity);
 *   Opportunity → Opportunity (`Amount` in minor units exactly, `CloseDate` at midnight in the
 *   agreement's time zone, `leadIds` from `Lead.ConvertedOpportunityId`); CampaignMember (+ Campaign
 *   `Type`) → Touchpoint. Activities and spend are not listed (`not_supported`).
 * - Every value put into SOQL is escaped (`soqlString`) or formatted from a number; field names are checked.
 * - Errors: Salesforce's error array maps to codes (`INVALID_SESSION_ID` → invalid_config,
 *   `REQUEST_LIMIT_EXCEEDED` → rate_limited, `MALFORMED_QUERY`/`INVALID_FIELD` → invalid_option,
 *   `NOT_FOUND` → not_found); a row that does not map is an `invalid_record` error naming the record and field.
 * - **Write-back**: `writeDisposition` enqueues a PATCH of `Status` (the first status mapped to the
 *   reason's `toStage`) and the disposition fields in the shared outbox (`createOutbox`), then delivers
 *   it inline (older writes still queued for the same lead first, so the lead ends with the latest).
 *   When the org is down (5xx, timeout, 429 after the retries) the call resolves and the write waits in
 *   the outbox for `flushOutbox`; a permanent refusal (unknown lead, rejected value) marks it dead and
 *   rejects. Delivery is at-least-once with a stable `Idempotency-Key`; the PATCH sets absolute values,
 *   so a repeat (e.g. after a crash between the PATCH and its record) is harmless.
 *
 * @example
 * const adapter = createSalesforceAdapter({ instanceUrl: 'https://acme.my.salesforce.com', accessToken })
 * const { records, nextCursor } = await adapter.listLeads({ limit: 500, updatedSince: '2026-06-01T00:00:00Z' })
 * await adapter.writeDisposition?.(records[0].id, { reasonId: 'no_budget', at: new Date().toISOString() })
 */
export function createSalesforceAdapter(options: SalesforceAdapterOptions): SalesforceAdapter {
  const config = (typeof options === 'object' && options !== null ? options : {}) as Partial<SalesforceAdapterOptions>;
  const origin = checkInstanceUrl(config.instanceUrl);
  const apiVersion = config.apiVersion ?? 'v62.0';
  if (typeof apiVersion !== 'string' || !/^v\d{2,3}\.0$/.test(apiVersion))
    throw new AdapterError(NAME, 'invalid_config', 'apiVersion must look like "v62.0"');
  const agreement = config.agreement ?? (defaultAgreement as unknown as Agreement);
  const currency = config.currency ?? agreement.currency ?? 'USD';
  const currencyDigits = digitsOf(currency);
  const mapping: SalesforceMapping = { ...defaultSalesforceMapping, ...(config.mapping ?? {}) };
  checkMapping(mapping);
  const dispositionFields =
    config.dispositionFields === false ? null : (config.dispositionFields ?? DEFAULT_DISPOSITION_FIELDS);
  if (dispositionFields) {
    for (const [key, field] of Object.entries(dispositionFields))
      if (field !== undefined && !isSoqlIdentifier(field))
        throw new AdapterError(NAME, 'invalid_config', `dispositionFields.${key} must be a field API name`);
    if (!isSoqlIdentifier(dispositionFields.reason))
      throw new AdapterError(NAME, 'invalid_config', 'dispositionFields.reason is required');
  }
  const touchpointTime = config.touchpointTime ?? 'created';
  if (touchpointTime !== 'created' && touchpointTime !== 'firstResponded')
    throw new AdapterError(NAME, 'invalid_config', 'touchpointTime must be "created" or "firstResponded"');
  const http: CrmHttpClient = createCrmHttpClient({
    ...(config.http ?? {}),
    adapter: NAME,
    baseUrl: origin,
    token: config.accessToken as string,
    ...(config.fetch ? { fetch: config.fetch } : {}),
  });
  const now = config.http?.now ?? Date.now;
  const random = config.http?.random ?? Math.random;
  const store: OutboxStore = config.outbox ?? createMemoryOutboxStore();
  const backoffBase = config.outboxBackoff?.baseDelayMs ?? 1_000;
  const backoffMax = config.outboxBackoff?.maxDelayMs ?? 300_000;
  const ctx: MapContext = {
    mapping,
    timezone: agreement.timezone,
    currency,
    currencyDigits,
    dispositionFields,
    touchpointTime,
  };
  const base = `/services/data/${apiVersion}`;

  const call = async <T>(request: CrmRequest): Promise<T> => {
    try {
      return await http.request<T>(request);
    } catch (error) {
      throw vendorError(error);
    }
  };

  /** Runs a query and follows `nextRecordsUrl` to the end. */
  const query = async (soql: string): Promise<SfRow[]> => {
    const rows: SfRow[] = [];
    let result = checkQueryResult(await call<unknown>({ method: 'GET', path: `${base}/query`, query: { q: soql } }));
    rows.push(...result.records);
    for (let batches = 1; !result.done; batches++) {
      const next = result.nextRecordsUrl;
      if (typeof next !== 'string' || !next.startsWith(`/services/data/`) || next.includes('..') || next.includes('//'))
        throw new AdapterError(NAME, 'unavailable', 'Salesforce answered done: false without a usable nextRecordsUrl');
      if (batches > 100_000) throw new AdapterError(NAME, 'unavailable', 'nextRecordsUrl paging did not end');
      result = checkQueryResult(await call<unknown>({ method: 'GET', path: next }));
      rows.push(...result.records);
    }
    return rows;
  };

  const inChunks = async (ids: readonly string[], build: (list: string) => string): Promise<SfRow[]> => {
    const out: SfRow[] = [];
    for (let i = 0; i < ids.length; i += IN_CHUNK)
      out.push(...(await query(build(soqlStringList(ids.slice(i, i + IN_CHUNK))))));
    return out;
  };

  const leadFields = [
    'Id',
    'Status',
    'LeadSource',
    'OwnerId',
    'IsConverted',
    'ConvertedDate',
    'ConvertedOpportunityId',
    'CreatedDate',
    'Email',
    'Company',
    'Country',
    'LastModifiedDate',
    ...(dispositionFields
      ? [dispositionFields.reason, dispositionFields.at, dispositionFields.by, dispositionFields.detail].filter(
          (f): f is string => f !== undefined,
        )
      : []),
    'ConvertedOpportunity.CreatedDate',
    'ConvertedOpportunity.IsClosed',
    'ConvertedOpportunity.IsWon',
    'ConvertedOpportunity.CloseDate',
  ];

  const mapLeads: Mapper<'leads'> = async (rows) => {
    const ids = rows.map((r) => String(r.Id));
    const history = await inChunks(
      ids,
      (list) =>
        `SELECT Id, LeadId, OldValue, NewValue, CreatedDate FROM LeadHistory WHERE Field = 'Status' AND LeadId IN ${list} ORDER BY LeadId, CreatedDate, Id`,
    );
    const byLead = new Map<string, StatusChange[]>();
    for (const h of history) {
      const list = byLead.get(String(h.LeadId)) ?? [];
      list.push(h as unknown as StatusChange);
      byLead.set(String(h.LeadId), list);
    }
    return rows.map((row) => mapLead(row, byLead.get(String(row.Id)) ?? [], ctx));
  };

  const mapOpportunities: Mapper<'opportunities'> = async (rows) => {
    const converted = await inChunks(
      rows.map((r) => String(r.Id)),
      (list) => `SELECT Id, ConvertedOpportunityId FROM Lead WHERE ConvertedOpportunityId IN ${list} ORDER BY Id`,
    );
    const leadsOf = new Map<string, string[]>();
    for (const l of converted) {
      const list = leadsOf.get(String(l.ConvertedOpportunityId)) ?? [];
      list.push(String(l.Id));
      leadsOf.set(String(l.ConvertedOpportunityId), list);
    }
    return rows.map((row) => mapOpportunity(row, leadsOf.get(String(row.Id)) ?? [], ctx));
  };

  const mapTouchpoints: Mapper<'touchpoints'> = async (rows) => rows.map((row) => mapTouchpoint(row, ctx));

  const sources: { [K in ListKind]?: { object: string; fields: readonly string[]; map: Mapper<K> } } = {
    leads: { object: 'Lead', fields: leadFields, map: mapLeads },
    opportunities: {
      object: 'Opportunity',
      fields: [
        'Id',
        'StageName',
        'Amount',
        'CloseDate',
        'IsWon',
        'IsClosed',
        'CreatedDate',
        'AccountId',
        'LeadSource',
        'LastModifiedDate',
      ],
      map: mapOpportunities,
    },
    touchpoints: {
      object: 'CampaignMember',
      fields: [
        'Id',
        'CampaignId',
        'LeadId',
        'FirstRespondedDate',
        'CreatedDate',
        'LastModifiedDate',
        'Campaign.Type',
        'Campaign.Name',
      ],
      map: mapTouchpoints,
    },
  };

  const list = async <K extends ListKind>(kind: K, listOptions: ListOptions = {}): Promise<Page<ListedRecords[K]>> => {
    const source = sources[kind] as { object: string; fields: readonly string[]; map: Mapper<K> } | undefined;
    const limit = pageLimit(NAME, listOptions);
    const since = updatedSince(NAME, listOptions);
    const after = decodeCursor(NAME, kind, listOptions.cursor, since);
    if (!source)
      throw new AdapterError(
        NAME,
        'not_supported',
        `this adapter does not list ${kind}; it lists leads, opportunities and touchpoints`,
      );
    const filtered = !Number.isNaN(since);
    const where: string[] = [];
    if (filtered) where.push(`LastModifiedDate >= ${soqlDateTime(since)}`);
    if (after !== null) {
      if (filtered) {
        const cut = after.indexOf('|');
        const t = Number(after.slice(0, cut));
        const id = after.slice(cut + 1);
        if (cut < 0 || !Number.isFinite(t))
          throw new AdapterError(NAME, 'invalid_cursor', 'the cursor is damaged; start again without one');
        where.push(
          `(LastModifiedDate > ${soqlDateTime(t)} OR (LastModifiedDate = ${soqlDateTime(t)} AND Id > ${soqlString(id)}))`,
        );
      } else where.push(`Id > ${soqlString(after)}`);
    }
    const soql =
      `SELECT ${source.fields.join(', ')} FROM ${source.object}` +
      (where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '') +
      (filtered ? ' ORDER BY LastModifiedDate, Id' : ' ORDER BY Id') +
      ` LIMIT ${limit + 1}`;
    const rows = await query(soql);
    const more = rows.length > limit;
    const pageRows = rows.slice(0, limit);
    const mapped = await source.map(pageRows);
    const issues: AccordIssue[] = [];
    const records: ListedRecords[K][] = [];
    for (const m of mapped) {
      if (m.issues) issues.push(...m.issues);
      else records.push(m.record);
    }
    if (issues.length > 0)
      throw new AdapterError(
        NAME,
        'invalid_record',
        `${issues.length} problem(s) mapping Salesforce ${source.object} rows`,
        { issues },
      );
    const last = pageRows[pageRows.length - 1];
    let nextCursor: string | null = null;
    if (more && last) {
      const key = filtered ? `${parseSfDateTime(last.LastModifiedDate)}|${String(last.Id)}` : String(last.Id);
      nextCursor = encodeCursor(kind, key, since);
    }
    return { records, nextCursor };
  };

  const patchLead = (leadId: string, body: Record<string, unknown>, idempotencyKey: string) =>
    call<void>({
      method: 'PATCH',
      path: `${base}/sobjects/Lead/${encodeURIComponent(leadId)}`,
      body,
      idempotencyKey,
    });

  const checkLeadId = (leadId: unknown): string => {
    if (typeof leadId !== 'string' || leadId === '' || leadId.length > 256)
      throw new AdapterError(NAME, 'invalid_option', 'leadId must be a non-empty string');
    return leadId;
  };

  // Delivery goes through the shared write-back outbox (oldest first per lead; refused for good → dead).
  const writeBack = createWriteBack<DispositionPayload>({
    adapter: NAME,
    kind: DISPOSITION_KIND,
    store,
    deliver: (payload, key) => patchLead(payload.leadId, payload.body, key),
    now,
    backoff: { baseDelayMs: backoffBase, maxDelayMs: backoffMax, random },
  });

  const capabilities: AdapterCapabilities = {
    lists: { leads: true, activities: false, touchpoints: true, opportunities: true, spend: false },
    updatedSince: true,
    writeDisposition: dispositionFields !== null,
    assignOwner: true,
    runScorecard: false,
  };

  const adapter: SalesforceAdapter = {
    name: NAME,
    capabilities,
    ...listMethods(list),
    async assignOwner(leadId: string, ownerId: string) {
      const id = checkLeadId(leadId);
      if (typeof ownerId !== 'string' || ownerId === '')
        throw new AdapterError(NAME, 'invalid_option', 'ownerId must be a non-empty string');
      await patchLead(id, { OwnerId: ownerId }, `salesforce:owner:${id}:${ownerId}`);
    },
    flushOutbox: writeBack.flushOutbox,
    pendingWrites: writeBack.pendingWrites,
    close: writeBack.close,
  };
  if (dispositionFields) {
    const fields = dispositionFields;
    adapter.writeDisposition = async (leadId: string, disposition: LeadDisposition) => {
      const id = checkLeadId(leadId);
      const parsed = LeadDispositionSchema.safeParse(disposition);
      if (!parsed.success) throw new AdapterError(NAME, 'invalid_record', 'the disposition is not valid');
      const d = parsed.data;
      const reason = agreement.dispositions?.find((r) => r.id === d.reasonId);
      if (!reason)
        throw new AdapterError(NAME, 'invalid_record', `the agreement has no disposition reason "${d.reasonId}"`);
      const body: Record<string, unknown> = {};
      if (reason.toStage !== undefined) body.Status = statusFor(mapping, reason.toStage);
      body[fields.reason] = d.reasonId;
      if (fields.at) body[fields.at] = new Date(toInstantMs(d.at)).toISOString();
      if (fields.by) body[fields.by] = d.by ?? null;
      if (fields.detail) body[fields.detail] = d.detail ?? null;
      const payload: DispositionPayload = { leadId: id, body };
      // The disposition's own instant is part of the key even when no field stores it, so writing A, B,
      // then A again is three writes, not a repeat of the first.
      const key = `salesforce:disposition:${id}:${hash(JSON.stringify({ body, at: toInstantMs(d.at) }))}`;
      await writeBack.write(key, payload);
    };
  }
  return adapter;
}

/** The Lead Status written for a stage: the first status the mapping lists for it. */
function statusFor(mapping: SalesforceMapping, stage: string): string {
  for (const [status, mapped] of Object.entries(mapping.leadStatuses)) if (mapped === stage) return status;
  throw new AdapterError(NAME, 'invalid_config', `mapping.leadStatuses has no Lead Status for stage "${stage}"`);
}

function checkInstanceUrl(value: unknown): string {
  if (typeof value !== 'string' || value === '')
    throw new AdapterError(
      NAME,
      'invalid_config',
      'Missing required option "instanceUrl" (https://…my.salesforce.com)',
    );
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AdapterError(NAME, 'invalid_config', 'instanceUrl is not a URL');
  }
  if (url.username !== '' || url.password !== '')
    throw new AdapterError(NAME, 'invalid_config', 'instanceUrl must not carry credentials');
  const loopback = LOOPBACK.has(url.hostname);
  if (!(url.protocol === 'https:' || (url.protocol === 'http:' && loopback)))
    throw new AdapterError(
      NAME,
      'invalid_config',
      'instanceUrl must use https (http only on 127.0.0.1, ::1 or localhost)',
    );
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '')
    throw new AdapterError(
      NAME,
      'invalid_config',
      'instanceUrl must be the org origin alone, e.g. https://acme.my.salesforce.com',
    );
  return url.origin;
}

function checkMapping(mapping: SalesforceMapping): void {
  const records = ['leadStatuses', 'opportunityStages', 'campaignTypes'] as const;
  for (const key of records) {
    const value = mapping[key] as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new AdapterError(NAME, 'invalid_config', `mapping.${key} must be an object of picklist value → id`);
    for (const target of Object.values(value))
      if (typeof target !== 'string' || target === '')
        throw new AdapterError(NAME, 'invalid_config', `mapping.${key} values must be non-empty strings`);
  }
  for (const key of ['openStage', 'wonStage', 'lostStage'] as const)
    if (typeof mapping[key] !== 'string' || mapping[key] === '')
      throw new AdapterError(NAME, 'invalid_config', `mapping.${key} must be a stage id`);
}

function digitsOf(currency: unknown): number {
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency))
    throw new AdapterError(NAME, 'invalid_config', 'currency must be an ISO 4217 code such as "USD"');
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    throw new AdapterError(NAME, 'invalid_config', 'currency must be an ISO 4217 code such as "USD"');
  }
}

function checkQueryResult(value: unknown): QueryResult {
  const v = value as Partial<QueryResult> | null;
  if (typeof v !== 'object' || v === null || !Array.isArray(v.records) || typeof v.done !== 'boolean')
    throw new AdapterError(NAME, 'unavailable', 'Salesforce answered a query without "records" and "done"');
  for (const r of v.records)
    if (typeof r !== 'object' || r === null || Array.isArray(r))
      throw new AdapterError(NAME, 'unavailable', 'Salesforce answered a query with a record that is not an object');
  return v as QueryResult;
}

/** A client error whose body is Salesforce's error array, re-coded by its `errorCode`. */
function vendorError(error: unknown): unknown {
  if (!(error instanceof AdapterError)) return error;
  const failure = error.cause as CrmHttpFailure | undefined;
  const body = failure?.body;
  const first = Array.isArray(body) ? (body[0] as { errorCode?: unknown; message?: unknown } | undefined) : undefined;
  if (!first || typeof first.errorCode !== 'string') return error;
  const code = ERROR_CODES[first.errorCode] ?? error.code;
  const detail = typeof first.message === 'string' ? `: ${first.message.slice(0, 300)}` : '';
  return new AdapterError(NAME, code, `Salesforce ${first.errorCode}${detail}`, { cause: failure });
}

/** FNV-1a (32-bit, twice with different seeds): a short stable digest for idempotency keys. */
function hash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

export type { DispositionFields } from './_mapRecords';
