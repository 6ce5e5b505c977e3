import { AdapterError } from '../../contract/AdapterError';
import type { AdapterErrorCode } from '../../contract/adapter.types';
import { createCrmHttpClient } from '../../crm/createCrmHttpClient';
import type { CrmHttpFailure, CrmHttpOptions, CrmRequest } from '../../crm/crm.types';
import { isSoqlIdentifier, soqlString } from '../../salesforce/_soql';
import type { AccordAction, ActionKind, ActionSink, SinkRequestPreview } from '../actions.types';
import {
  badField,
  checkAction,
  defaultSleep,
  findOrCreate,
  idMap,
  positiveInt,
  previewUrl,
  type TaskSinkCommonOptions,
  taskAccepts,
  taskPriority,
  taskText,
} from './_taskSink';

const SF_ID = /^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$/;
const USER_ID = /^005[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/;
const PRIORITY = { low: 'Low', medium: 'Normal', high: 'High' } as const;
const TRANSIENT = new Set<AdapterErrorCode>(['unavailable', 'timeout', 'rate_limited']);
/** Salesforce text fields hold at most 255 characters. */
const KEY_MAX = 255;

/** Salesforce `errorCode` → AdapterError code (error array `[{ message, errorCode, fields }]`). */
const ERROR_CODES: Readonly<Record<string, AdapterErrorCode>> = {
  INVALID_SESSION_ID: 'invalid_config',
  INVALID_AUTH_HEADER: 'invalid_config',
  API_DISABLED_FOR_ORG: 'invalid_config',
  INSUFFICIENT_ACCESS: 'invalid_config',
  INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY: 'invalid_record',
  REQUEST_LIMIT_EXCEEDED: 'rate_limited',
  MALFORMED_QUERY: 'invalid_config',
  INVALID_FIELD: 'invalid_config',
  INVALID_TYPE: 'invalid_config',
  NOT_FOUND: 'not_found',
  ENTITY_IS_DELETED: 'invalid_record',
  SERVER_UNAVAILABLE: 'unavailable',
  UNABLE_TO_LOCK_ROW: 'unavailable',
  INVALID_CROSS_REFERENCE_KEY: 'invalid_record',
  INVALID_ID_FIELD: 'invalid_record',
  INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: 'invalid_record',
  FIELD_CUSTOM_VALIDATION_EXCEPTION: 'invalid_record',
  REQUIRED_FIELD_MISSING: 'invalid_record',
  STRING_TOO_LONG: 'invalid_record',
  DUPLICATE_VALUE: 'invalid_record',
};

/** What {@link createSalesforceTaskSink} is built from. Shared options (kinds, retries, sink `name`, default `salesforce-tasks`…): {@link TaskSinkCommonOptions}. */
export interface SalesforceTaskSinkOptions extends TaskSinkCommonOptions {
  /** The org's instance, e.g. `https://acme.my.salesforce.com`. */
  instanceUrl: string;
  /** An OAuth access token. */
  token: string;
  /** REST API version (default `60.0`). */
  apiVersion?: string;
  /**
   * The Task field holding the action key, queried before a task is created (default `Accord_Key__c`:
   * a custom Text(255) field on Activity; mark it External ID so the lookup is indexed). `Description`
   * cannot be used: long text areas cannot be filtered in SOQL.
   */
  keyField?: string;
  /** `action.to` → Salesforce User id (`005…`). A `to` that is a User id is taken as it is. */
  ownerIds?: Readonly<Record<string, string>>;
  /** IANA zone in which `dueAt` becomes the task's `ActivityDate` (a date without time; default `UTC`). */
  timeZone?: string;
}

/**
 * @name createSalesforceTaskSink
 * @category Actions
 * @summary An action sink that creates Salesforce `Task` sObjects on the lead (`WhoId`), exactly once per action key.
 *
 * @description
 * - The task: `Subject` = title (cut to 255), `Description` = body, link and `accord:<key>`,
 *   `ActivityDate` = `dueAt` as a date in `timeZone` (default UTC), `Status` 'Not Started', `Priority`
 *   High / Normal / Low, `OwnerId` from `to`, `WhoId` = `leadId` (a Lead or Contact id), and the key in
 *   `keyField`.
 * - Idempotency: Task has no external id by default, so `deliver` runs
 *   `SELECT Id FROM Task WHERE <keyField> = '<key>' LIMIT 1` (the key escaped as a SOQL literal) and
 *   creates only when nothing is found. A create whose answer was lost (timeout, dropped socket, 5xx,
 *   429) is followed by the same query before any new attempt.
 * - Errors: Salesforce's error array is re-coded by `errorCode` (`REQUEST_LIMIT_EXCEEDED` → rate_limited,
 *   `INVALID_SESSION_ID` → invalid_config, `INVALID_FIELD` (e.g. a missing key field) → invalid_config,
 *   `INVALID_CROSS_REFERENCE_KEY` / `REQUIRED_FIELD_MISSING` … → invalid_record); the token is never in a message.
 *
 * @example
 * const sink = createSalesforceTaskSink({ instanceUrl: 'https://acme.my.salesforce.com', token, timeZone: 'America/New_York' })
 * await sink.deliver({ key: 'sla:00Q…:first-touch:1:1', kind: 'notify_owner', leadId: '00Q5e00000AbCdE', title: 'Breached: first touch' })
 */
export function createSalesforceTaskSink(options: SalesforceTaskSinkOptions): ActionSink {
  const name = options?.name ?? 'salesforce-tasks';
  if (options === null || typeof options !== 'object')
    throw new AdapterError(name, 'invalid_config', 'Options are required: at least { instanceUrl, token }.');
  const apiVersion = options.apiVersion ?? '60.0';
  if (typeof apiVersion !== 'string' || !/^\d{2,3}\.0$/.test(apiVersion))
    throw new AdapterError(name, 'invalid_config', 'Option "apiVersion" must look like "60.0".');
  const keyField = options.keyField ?? 'Accord_Key__c';
  if (!isSoqlIdentifier(keyField))
    throw new AdapterError(name, 'invalid_config', 'Option "keyField" must be a Task field API name.');
  if (keyField === 'Description')
    throw new AdapterError(name, 'invalid_config', 'Option "keyField" cannot be Description (SOQL cannot filter it).');
  const timeZone = options.timeZone ?? 'UTC';
  let dateFormat: Intl.DateTimeFormat;
  try {
    dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  } catch {
    throw new AdapterError(
      name,
      'invalid_config',
      'Option "timeZone" must be an IANA time zone (e.g. "Europe/Paris").',
    );
  }
  const ownerIds = idMap(name, 'ownerIds', options.ownerIds);
  const createAttempts = positiveInt(name, 'createAttempts', options.createAttempts, 3);
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const accepts = taskAccepts(name, options.kinds, options.filter);
  const http: CrmHttpOptions = {
    adapter: name,
    baseUrl: options.instanceUrl,
    token: options.token,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.retries === undefined ? {} : { retries: options.retries }),
    ...(options.baseDelayMs === undefined ? {} : { baseDelayMs: options.baseDelayMs }),
    ...(options.maxDelayMs === undefined ? {} : { maxDelayMs: options.maxDelayMs }),
    sleep,
    random,
  };
  const reads = createCrmHttpClient(http);
  const writes = createCrmHttpClient({ ...http, retries: 0 });
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const base = `/services/data/v${apiVersion}`;

  async function call<T>(client: typeof reads, request: CrmRequest): Promise<T> {
    try {
      return await client.request<T>(request);
    } catch (error) {
      throw vendorError(name, error);
    }
  }

  function createBody(action: AccordAction): Record<string, unknown> {
    checkAction(name, action);
    if (!SF_ID.test(action.leadId)) badField(name, action, 'leadId', 'must be a Salesforce Lead or Contact id');
    if (action.key.length > KEY_MAX)
      badField(name, action, 'key', `must be at most ${KEY_MAX} characters for ${keyField}`);
    let owner: string | undefined;
    if (action.to !== undefined) {
      owner = ownerIds[action.to] ?? (USER_ID.test(action.to) ? action.to : undefined);
      if (owner === undefined) badField(name, action, 'to', 'has no Salesforce User id (add it to option ownerIds)');
    }
    return {
      Subject: action.title.slice(0, 255),
      Description: taskText(action),
      ...(action.dueAt === undefined ? {} : { ActivityDate: dateFormat.format(action.dueAt) }),
      Status: 'Not Started',
      Priority: PRIORITY[taskPriority(action)],
      ...(owner === undefined ? {} : { OwnerId: owner }),
      WhoId: action.leadId,
      [keyField]: action.key,
    };
  }

  async function find(action: AccordAction): Promise<string | null> {
    let literal: string;
    try {
      literal = soqlString(action.key);
    } catch {
      return badField(name, action, 'key', 'must not contain control characters');
    }
    const answer = await call<{ records?: { Id?: unknown }[] }>(reads, {
      method: 'GET',
      path: `${base}/query`,
      query: { q: `SELECT Id FROM Task WHERE ${keyField} = ${literal} LIMIT 1` },
    });
    const first = Array.isArray(answer?.records) ? answer.records[0] : undefined;
    return typeof first?.Id === 'string' ? first.Id : null;
  }

  return {
    name,
    accepts,
    async deliver(action) {
      const body = createBody(action);
      const externalId = await findOrCreate({
        find: () => find(action),
        create: async () => {
          const created = await call<{ id?: unknown; success?: unknown }>(writes, {
            method: 'POST',
            path: `${base}/sobjects/Task`,
            body,
          });
          if (typeof created?.id !== 'string' || created.success === false)
            throw new AdapterError(name, 'unavailable', 'Salesforce answered a Task create without an id.');
          return created.id;
        },
        attempts: createAttempts,
        sleep,
        delayMs: (n) => Math.floor(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (n - 1))),
      });
      return { externalId };
    },
    preview(action): SinkRequestPreview {
      return {
        method: 'POST',
        url: previewUrl(options.instanceUrl, `${base.slice(1)}/sobjects/Task`),
        body: createBody(action),
      };
    },
  };
}

/** A client error whose body is Salesforce's error array, re-coded by its `errorCode` (message already redacted). */
function vendorError(name: string, error: unknown): unknown {
  if (!(error instanceof AdapterError)) return error;
  const failure = error.cause as CrmHttpFailure | undefined;
  const body = failure?.body;
  const first = Array.isArray(body)
    ? (body[0] as { errorCode?: unknown; message?: unknown; fields?: unknown } | undefined)
    : undefined;
  if (!first || typeof first.errorCode !== 'string') return error;
  // A 429/5xx/timeout stays transient whatever its errorCode says: only client errors are re-coded.
  const mapped = ERROR_CODES[first.errorCode];
  const code = mapped === undefined || (TRANSIENT.has(error.code) && !TRANSIENT.has(mapped)) ? error.code : mapped;
  const fields =
    Array.isArray(first.fields) && first.fields.length > 0 ? ` [fields: ${first.fields.map(String).join(', ')}]` : '';
  const detail = typeof first.message === 'string' ? `: ${first.message.slice(0, 300)}` : '';
  return new AdapterError(name, code, `Salesforce ${first.errorCode}${detail}${fields}`, { cause: failure });
}
