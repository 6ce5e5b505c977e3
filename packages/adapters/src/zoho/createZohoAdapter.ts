import {
  type AccordIssue,
  type Agreement,
  defaultAgreement,
  type LeadDisposition,
  LeadDispositionSchema,
  toInstantMs,
} from '@accord/core';
import { wrapFetch } from '../actions/_sinkHttp';
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
  formatZohoDateTime,
  type Mapped,
  mapZohoDeal,
  mapZohoLead,
  parseZohoDateTime,
  type ZohoDispositionFields,
  type ZohoMapContext,
  type ZohoRow,
} from './_mapZoho';
import { defaultZohoMapping, type ZohoMapping } from './defaultZohoMapping';

const NAME = 'zoho';
const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);
const API = '/crm/v6';
/** Zoho's largest page (`per_page`). */
const PER_PAGE = 200;
const DISPOSITION_KIND = 'zoho.disposition';
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;

/** Zoho error `code` → AdapterError code (documented body: `{ code, details, message, status: 'error' }`). */
const ERROR_CODES: Readonly<Record<string, AdapterErrorCode>> = {
  INVALID_TOKEN: 'invalid_config',
  AUTHENTICATION_FAILURE: 'invalid_config',
  OAUTH_SCOPE_MISMATCH: 'invalid_config',
  NO_PERMISSION: 'invalid_config',
  INVALID_MODULE: 'invalid_config',
  FEATURE_NOT_SUPPORTED: 'invalid_config',
  TOO_MANY_REQUESTS: 'rate_limited',
  LIMIT_EXCEEDED: 'rate_limited',
  INVALID_URL_PATTERN: 'invalid_option',
  INVALID_REQUEST_METHOD: 'invalid_option',
  REQUIRED_PARAM_MISSING: 'invalid_option',
  INVALID_DATA: 'invalid_record',
  MANDATORY_NOT_FOUND: 'invalid_record',
  DUPLICATE_DATA: 'invalid_record',
  RECORD_LOCKED: 'invalid_record',
  RECORD_NOT_FOUND: 'not_found',
  ID_NOT_FOUND: 'not_found',
  INTERNAL_ERROR: 'unavailable',
};

/** The custom Lead fields a disposition is written to and read from by default. */
export const DEFAULT_ZOHO_DISPOSITION_FIELDS: ZohoDispositionFields = {
  reason: 'Accord_Reject_Reason',
  at: 'Accord_Disposition_At',
  by: 'Accord_Disposition_By',
  detail: 'Accord_Disposition_Detail',
};

/** Options for {@link createZohoAdapter}. */
export interface ZohoAdapterOptions {
  /** The data centre's API domain, e.g. `https://www.zohoapis.com` or `https://www.zohoapis.eu` (https only; http only on loopback, for tests). */
  apiDomain: string;
  /** OAuth access token (sent as `Authorization: Zoho-oauthtoken …`; never logged, redacted from errors). */
  token: string;
  /** Injected `fetch` (default the global one). */
  fetch?: typeof fetch;
  /** Picklist values → stages, stage-date fields (default {@link defaultZohoMapping}); parts given replace the default's parts. */
  mapping?: Partial<ZohoMapping>;
  /** The agreement: time zone for `date` fields, currency, disposition reasons (default `defaultAgreement`). */
  agreement?: Agreement;
  /** ISO 4217 code of the org's currency (single-currency orgs; default the agreement's, else USD). */
  currency?: string;
  /** Custom Lead fields holding the disposition (default {@link DEFAULT_ZOHO_DISPOSITION_FIELDS}); `false`: no dispositions, `writeDisposition` absent. */
  dispositionFields?: ZohoDispositionFields | false;
  /** API name of a Deal field (lookup or text) holding the id of the lead it came from (default none: no `leadIds`). */
  dealLeadField?: string;
  /** Where write-backs wait when Zoho is down (default: in memory; pass a DuckDB store to survive restarts). */
  outbox?: OutboxStore;
  /** Retry schedule of outbox messages after a failed delivery (default 1 s doubling to 5 min, full jitter). */
  outboxBackoff?: { baseDelayMs?: number; maxDelayMs?: number };
  /** HTTP retries, timeouts, client-side rate limit and injected clock/sleep/random (see `createCrmHttpClient`). */
  http?: Omit<CrmHttpOptions, 'adapter' | 'baseUrl' | 'token' | 'fetch'>;
}

/** What one {@link ZohoAdapter.flushOutbox} did. */
export type ZohoFlushResult = WriteBackFlushResult;

/** A Zoho CRM adapter: the contract plus outbox delivery of write-backs. */
export interface ZohoAdapter extends RevenueAdapter {
  /** Delivers due outbox messages of this adapter (oldest first; a failed one holds back later ones for the same lead). */
  flushOutbox(): Promise<ZohoFlushResult>;
  /** Write-backs of this adapter not yet delivered (and not dead), oldest first. */
  pendingWrites(): Promise<OutboxMessage[]>;
  /** Waits for a flush or an inline delivery under way. */
  close(): Promise<void>;
}

interface DispositionPayload {
  leadId: string;
  record: Record<string, unknown>;
}

interface ZohoPage {
  data: ZohoRow[];
  info: { more_records?: boolean; next_page_token?: string | null };
}

/**
 * @name createZohoAdapter
 * @category Adapters
 * @summary Reads leads and deals from Zoho CRM (REST API v6) and writes dispositions back through an outbox.
 *
 * @description
 * - **API**: Zoho CRM REST `/crm/v6/` (Get Records, Update Records), `Authorization: Zoho-oauthtoken <token>`.
 * - **Reads**: `GET /crm/v6/{Leads|Deals}?fields=…&per_page=200&sort_by=id&sort_order=asc` (Leads with
 *   `converted=both`), following `info.next_page_token` while `info.more_records` (page_token throughout, as v6
 *   requires beyond 2,000 records). Zoho's records API cannot filter on `id`, so every page call reads the
 *   module to its end and keeps the records after our cursor: a keyset watermark (the last id, ordered by
 *   `sortKey`), never a page_token (which expires after a day and shifts when records are added). Records
 *   that were there all along are never duplicated or dropped, whatever changes between calls; the cost is
 *   one module scan per page (prefer large `limit`s).
 * - **updatedSince**: sent as `If-Modified-Since` (Zoho keeps seconds: one second before the instant, floored)
 *   and checked again on `Modified_Time` ≥ the instant floored to its second (a record changed earlier in the
 *   same second may come too). A 304 (nothing modified) or 204 (no records) is an empty page.
 * - Leads → Lead (see `mapZohoLead`), Deals → Opportunity (see `mapZohoDeal`). Activities, touchpoints and
 *   spend are not listed (`not_supported`). Lead ↔ deal links: Zoho's Deals carry no standard field naming
 *   the converted lead; `dealLeadField` names a custom one (else no `leadIds`).
 * - **Errors**: Zoho's `{ code, details, message, status: 'error' }` (and per-record `data: [{ code, … }]` on
 *   writes) map to codes: `INVALID_TOKEN` → invalid_config, `TOO_MANY_REQUESTS` (any status) and 429 →
 *   rate_limited after retries honouring `Retry-After`, `INVALID_DATA` → invalid_record (on `id`: not_found).
 * - **Write-back**: `writeDisposition` enqueues `PUT /crm/v6/Leads` `{ data: [{ id, Lead_Status, <disposition
 *   fields> }] }` in the shared outbox (idempotent by key; a repeat sets the same absolute values), delivered
 *   inline, or by `flushOutbox` when Zoho was down.
 *
 * @example
 * const adapter = createZohoAdapter({ apiDomain: 'https://www.zohoapis.eu', token })
 * const { records, nextCursor } = await adapter.listLeads({ limit: 500, updatedSince: '2026-06-01T00:00:00Z' })
 */
export function createZohoAdapter(options: ZohoAdapterOptions): ZohoAdapter {
  const config = (typeof options === 'object' && options !== null ? options : {}) as Partial<ZohoAdapterOptions>;
  const origin = checkApiDomain(config.apiDomain);
  if (typeof config.token !== 'string' || config.token.length < 8)
    throw new AdapterError(NAME, 'invalid_config', 'Missing required option "token" (an OAuth access token)');
  const token = config.token;
  const agreement = config.agreement ?? (defaultAgreement as unknown as Agreement);
  const currency = config.currency ?? agreement.currency ?? 'USD';
  const currencyDigits = digitsOf(currency);
  const mapping: ZohoMapping = { ...defaultZohoMapping, ...(config.mapping ?? {}) };
  checkMapping(mapping);
  const dispositionFields =
    config.dispositionFields === false ? null : (config.dispositionFields ?? DEFAULT_ZOHO_DISPOSITION_FIELDS);
  if (dispositionFields) {
    for (const [key, field] of Object.entries(dispositionFields))
      if (field !== undefined && !isFieldName(field))
        throw new AdapterError(NAME, 'invalid_config', `dispositionFields.${key} must be a field API name`);
    if (!isFieldName(dispositionFields.reason))
      throw new AdapterError(NAME, 'invalid_config', 'dispositionFields.reason is required');
  }
  const dealLeadField = config.dealLeadField ?? null;
  if (dealLeadField !== null && !isFieldName(dealLeadField))
    throw new AdapterError(NAME, 'invalid_config', 'dealLeadField must be a field API name');
  // createCrmHttpClient sends `Bearer`; Zoho wants `Zoho-oauthtoken`. Zoho also answers 304 to
  // If-Modified-Since and may signal TOO_MANY_REQUESTS with another status: both are rewritten here.
  const zohoFetch = wrapFetch(config.fetch, {
    stripAuthorization: true,
    beforeSend: (headers) => headers.set('authorization', `Zoho-oauthtoken ${token}`),
    rewrite: (status, body, headers) => {
      const retryAfter = headers.get('retry-after');
      const keep = {
        'content-type': 'application/json',
        ...(retryAfter !== null ? { 'retry-after': retryAfter } : {}),
      };
      if (status === 304)
        return { status: 200, body: JSON.stringify({ data: [], info: { more_records: false } }), headers: keep };
      if (status !== 429 && /"code"\s*:\s*"TOO_MANY_REQUESTS"/.test(body) && !(status >= 200 && status < 300))
        return { status: 429, body, headers: keep };
      return undefined;
    },
  });
  const http: CrmHttpClient = createCrmHttpClient({
    ...(config.http ?? {}),
    adapter: NAME,
    baseUrl: origin,
    token,
    fetch: zohoFetch,
  });
  const now = config.http?.now ?? Date.now;
  const random = config.http?.random ?? Math.random;
  const store: OutboxStore = config.outbox ?? createMemoryOutboxStore();
  const ctx: ZohoMapContext = {
    mapping,
    timezone: agreement.timezone,
    currency,
    currencyDigits,
    dispositionFields,
    dealLeadField,
  };

  const call = async <T>(request: CrmRequest): Promise<T> => {
    try {
      return await http.request<T>(request);
    } catch (error) {
      throw vendorError(error);
    }
  };

  const leadFields = [
    'id',
    'Lead_Status',
    'Lead_Source',
    'Owner',
    'Company',
    'Email',
    'Country',
    'Industry',
    'No_of_Employees',
    'Created_Time',
    'Modified_Time',
    ...new Set(Object.values(mapping.stageDateFields)),
    ...(dispositionFields
      ? [dispositionFields.reason, dispositionFields.at, dispositionFields.by, dispositionFields.detail].filter(
          (f): f is string => f !== undefined,
        )
      : []),
  ];
  const dealFields = [
    'id',
    'Stage',
    'Amount',
    'Closing_Date',
    'Account_Name',
    'Lead_Source',
    'Created_Time',
    'Modified_Time',
    ...(dealLeadField ? [dealLeadField] : []),
  ];
  if (leadFields.length > 50) throw new AdapterError(NAME, 'invalid_config', 'Zoho reads at most 50 fields per call');

  const sources: {
    [K in ListKind]?: {
      module: string;
      fields: readonly string[];
      query?: Record<string, string>;
      map: (r: ZohoRow) => Mapped<ListedRecords[K]>;
    };
  } = {
    leads: { module: 'Leads', fields: leadFields, query: { converted: 'both' }, map: (r) => mapZohoLead(r, ctx) },
    opportunities: { module: 'Deals', fields: dealFields, map: (r) => mapZohoDeal(r, ctx) },
  };

  /** Every record of a module (modified since, when given), following page_token to the end. */
  const scan = async (module: string, fields: readonly string[], extra: Record<string, string>, since: number) => {
    const rows: ZohoRow[] = [];
    let pageToken: string | undefined;
    for (let pages = 0; ; pages++) {
      if (pages > 100_000) throw new AdapterError(NAME, 'unavailable', 'page_token paging did not end');
      const answer = await call<unknown>({
        method: 'GET',
        path: `${API}/${module}`,
        query: {
          fields: fields.join(','),
          per_page: PER_PAGE,
          sort_by: 'id',
          sort_order: 'asc',
          ...extra,
          ...(pageToken !== undefined ? { page_token: pageToken } : {}),
        },
        ...(Number.isNaN(since) ? {} : { headers: { 'If-Modified-Since': formatZohoDateTime(since - 1000) } }),
      });
      // 204: no records at all.
      if (answer === undefined) return rows;
      const page = checkPage(answer);
      rows.push(...page.data);
      if (page.info.more_records !== true) return rows;
      const next = page.info.next_page_token;
      if (typeof next !== 'string' || next === '' || next === pageToken)
        throw new AdapterError(
          NAME,
          'unavailable',
          'Zoho answered more_records: true without a usable next_page_token',
        );
      pageToken = next;
    }
  };

  const list = async <K extends ListKind>(kind: K, listOptions: ListOptions = {}): Promise<Page<ListedRecords[K]>> => {
    const source = sources[kind] as
      | {
          module: string;
          fields: readonly string[];
          query?: Record<string, string>;
          map: (r: ZohoRow) => Mapped<ListedRecords[K]>;
        }
      | undefined;
    const limit = pageLimit(NAME, listOptions);
    const since = updatedSince(NAME, listOptions);
    const after = decodeCursor(NAME, kind, listOptions.cursor, since);
    if (!source)
      throw new AdapterError(
        NAME,
        'not_supported',
        `this adapter does not list ${kind}; it lists leads and opportunities`,
      );
    const floorSince = Math.floor(since / 1000) * 1000;
    const afterKey = after === null ? null : sortKey(after);
    const seen = new Set<string>();
    const rows = (await scan(source.module, source.fields, source.query ?? {}, since))
      .filter((row) => {
        const id = typeof row.id === 'string' ? row.id : String(row.id ?? '');
        // A record on two Zoho pages (records added while we page) counts once.
        if (seen.has(id)) return false;
        seen.add(id);
        if (afterKey !== null && !(sortKey(id) > afterKey)) return false;
        if (Number.isNaN(since)) return true;
        const modified = parseZohoDateTime(row.Modified_Time);
        return Number.isNaN(modified) || modified >= floorSince;
      })
      .sort((a, b) => {
        const x = sortKey(String(a.id ?? ''));
        const y = sortKey(String(b.id ?? ''));
        return x < y ? -1 : x > y ? 1 : 0;
      });
    const pageRows = rows.slice(0, limit);
    const issues: AccordIssue[] = [];
    const records: ListedRecords[K][] = [];
    for (const row of pageRows) {
      const m = source.map(row);
      if (m.issues) issues.push(...m.issues);
      else records.push(m.record);
    }
    if (issues.length > 0)
      throw new AdapterError(
        NAME,
        'invalid_record',
        `${issues.length} problem(s) mapping Zoho ${source.module} records`,
        {
          issues,
        },
      );
    const last = pageRows[pageRows.length - 1];
    return {
      records,
      nextCursor: rows.length > limit && last ? encodeCursor(kind, String(last.id), since) : null,
    };
  };

  const putLead = async (record: Record<string, unknown>, idempotencyKey: string) => {
    const answer = await call<unknown>({
      method: 'PUT',
      path: `${API}/Leads`,
      body: { data: [record] },
      idempotencyKey,
    });
    const first = (answer as { data?: unknown[] } | undefined)?.data?.[0] as ZohoRecordResult | undefined;
    if (!first || typeof first !== 'object')
      throw new AdapterError(NAME, 'unavailable', 'Zoho answered an update without a per-record result');
    if (first.status !== 'success') throw recordError(first);
  };

  const checkLeadId = (leadId: unknown): string => {
    if (typeof leadId !== 'string' || leadId === '' || leadId.length > 256)
      throw new AdapterError(NAME, 'invalid_option', 'leadId must be a non-empty string');
    return leadId;
  };

  const writeBack = createWriteBack<DispositionPayload>({
    adapter: NAME,
    kind: DISPOSITION_KIND,
    store,
    deliver: (payload, key) => putLead(payload.record, key),
    now,
    backoff: {
      baseDelayMs: config.outboxBackoff?.baseDelayMs ?? 1_000,
      maxDelayMs: config.outboxBackoff?.maxDelayMs ?? 300_000,
      random,
    },
  });

  const capabilities: AdapterCapabilities = {
    lists: { leads: true, activities: false, touchpoints: false, opportunities: true, spend: false },
    updatedSince: true,
    writeDisposition: dispositionFields !== null,
    assignOwner: false,
    runScorecard: false,
  };

  const adapter: ZohoAdapter = {
    name: NAME,
    capabilities,
    ...listMethods(list),
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
      const atMs = toInstantMs(d.at);
      const record: Record<string, unknown> = { id };
      if (reason.toStage !== undefined) record.Lead_Status = statusFor(mapping, reason.toStage);
      record[fields.reason] = d.reasonId;
      if (fields.at) record[fields.at] = formatZohoDateTime(atMs);
      if (fields.by) record[fields.by] = d.by ?? null;
      if (fields.detail) record[fields.detail] = d.detail ?? null;
      const payload: DispositionPayload = { leadId: id, record };
      const key = `zoho:disposition:${id}:${hash(JSON.stringify({ record, at: atMs }))}`;
      await writeBack.write(key, payload);
    };
  }
  return adapter;
}

/** The order of ids: Zoho's numeric ids by value (up to 30 digits), then any other id as text. */
export function sortKey(id: string): string {
  return /^\d{1,30}$/.test(id) ? `0${id.padStart(30, '0')}` : `1${id}`;
}

interface ZohoRecordResult {
  code?: unknown;
  status?: unknown;
  message?: unknown;
  details?: { api_name?: unknown; id?: unknown } | null;
}

/** A per-record write result (`{ code, details, message, status: 'error' }`) → AdapterError. */
function recordError(result: ZohoRecordResult, cause?: unknown): AdapterError {
  const code = typeof result.code === 'string' ? result.code : 'UNKNOWN';
  const apiName = typeof result.details?.api_name === 'string' ? result.details.api_name : undefined;
  // Zoho answers an unknown record id with INVALID_DATA on the field `id`.
  const mapped: AdapterErrorCode =
    code === 'INVALID_DATA' && apiName === 'id' ? 'not_found' : (ERROR_CODES[code] ?? 'invalid_record');
  const message = typeof result.message === 'string' ? `: ${result.message.slice(0, 300)}` : '';
  return new AdapterError(NAME, mapped, `Zoho ${code}${message}${apiName ? ` (field ${apiName})` : ''}`, {
    ...(cause === undefined ? {} : { cause }),
  });
}

/** A client error whose body is Zoho's error object (or a per-record `data` array), re-coded by its `code`. */
function vendorError(error: unknown): unknown {
  if (!(error instanceof AdapterError)) return error;
  const failure = error.cause as CrmHttpFailure | undefined;
  const body = failure?.body as { code?: unknown; data?: unknown } | undefined;
  if (!body || typeof body !== 'object') return error;
  const first = Array.isArray(body.data) ? (body.data[0] as ZohoRecordResult | undefined) : (body as ZohoRecordResult);
  if (!first || typeof first.code !== 'string') return error;
  // Retries are spent; an outage stays an outage whatever the code says.
  if (error.code === 'rate_limited' || error.code === 'timeout' || error.code === 'unavailable') {
    const message = typeof first.message === 'string' ? `: ${first.message.slice(0, 300)}` : '';
    return new AdapterError(
      NAME,
      error.code,
      `Zoho ${first.code}${message} (${error.message.replace(/^zoho: /, '')})`,
      {
        cause: failure,
      },
    );
  }
  const out = recordError(first, failure);
  // A read with bad data is a bad option of ours, not a bad record of the caller's.
  if (out.code === 'invalid_record' && failure?.status !== undefined && error.code === 'invalid_option')
    return new AdapterError(NAME, 'invalid_option', out.message.replace(/^zoho: /, ''), { cause: failure });
  return out;
}

function checkPage(value: unknown): ZohoPage {
  const v = value as Partial<ZohoPage> | null;
  if (typeof v !== 'object' || v === null || !Array.isArray(v.data))
    throw new AdapterError(NAME, 'unavailable', 'Zoho answered a page without "data"');
  for (const r of v.data)
    if (typeof r !== 'object' || r === null || Array.isArray(r))
      throw new AdapterError(NAME, 'unavailable', 'Zoho answered a page with a record that is not an object');
  return { data: v.data, info: typeof v.info === 'object' && v.info !== null ? v.info : {} };
}

/** The Lead_Status written for a stage: the first status the mapping lists for it. */
function statusFor(mapping: ZohoMapping, stage: string): string {
  for (const [status, mapped] of Object.entries(mapping.leadStatuses)) if (mapped === stage) return status;
  throw new AdapterError(NAME, 'invalid_config', `mapping.leadStatuses has no Lead_Status for stage "${stage}"`);
}

const isFieldName = (name: unknown): name is string => typeof name === 'string' && FIELD_NAME.test(name);

function checkApiDomain(value: unknown): string {
  if (typeof value !== 'string' || value === '')
    throw new AdapterError(
      NAME,
      'invalid_config',
      'Missing required option "apiDomain" (e.g. https://www.zohoapis.com)',
    );
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AdapterError(NAME, 'invalid_config', 'apiDomain is not a URL');
  }
  if (url.username !== '' || url.password !== '')
    throw new AdapterError(NAME, 'invalid_config', 'apiDomain must not carry credentials');
  if (!(url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname))))
    throw new AdapterError(
      NAME,
      'invalid_config',
      'apiDomain must use https (http only on 127.0.0.1, ::1 or localhost)',
    );
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '')
    throw new AdapterError(NAME, 'invalid_config', 'apiDomain must be the origin alone, e.g. https://www.zohoapis.com');
  return url.origin;
}

function checkMapping(mapping: ZohoMapping): void {
  for (const key of ['leadStatuses', 'stageDateFields', 'dealStages'] as const) {
    const value = mapping[key] as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new AdapterError(NAME, 'invalid_config', `mapping.${key} must be an object of text → text`);
    for (const target of Object.values(value))
      if (typeof target !== 'string' || target === '')
        throw new AdapterError(NAME, 'invalid_config', `mapping.${key} values must be non-empty strings`);
  }
  for (const field of Object.values(mapping.stageDateFields))
    if (!isFieldName(field))
      throw new AdapterError(NAME, 'invalid_config', 'mapping.stageDateFields values must be field API names');
  for (const key of ['wonStage', 'lostStage'] as const)
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

export type { ZohoDispositionFields } from './_mapZoho';
