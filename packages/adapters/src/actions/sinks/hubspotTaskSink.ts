import { AdapterError } from '../../contract/AdapterError';
import { createCrmHttpClient } from '../../crm/createCrmHttpClient';
import type { CrmHttpOptions } from '../../crm/crm.types';
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

/** HubSpot's association type of a task to a contact (HUBSPOT_DEFINED). */
export const HUBSPOT_TASK_TO_CONTACT = 204;
const PROPERTY = /^[a-z][a-z0-9_]{0,99}$/;

/** What {@link createHubSpotTaskSink} is built from. Shared options (kinds, retries, sink `name`, default `hubspot-tasks`…): {@link TaskSinkCommonOptions}. */
export interface HubSpotTaskSinkOptions extends TaskSinkCommonOptions {
  /** A private-app token with `crm.objects.contacts.write` (tasks live under it). */
  token: string;
  /** Default `https://api.hubapi.com`. */
  baseUrl?: string;
  /** `action.to` → HubSpot owner id. A numeric `to` is taken as an owner id as it is. */
  ownerIds?: Readonly<Record<string, string>>;
  /**
   * The task property holding the action key, searched before a task is created (default
   * `accord_action_key`: a single-line text property you create on tasks; HubSpot cannot search the
   * rich-text `hs_task_body`).
   */
  keyProperty?: string;
  /** Clock (default Date.now): `hs_timestamp` of a task without `dueAt`. */
  now?: () => number;
}

interface HubSpotSearchAnswer {
  results?: { id?: unknown }[];
}

/**
 * @name createHubSpotTaskSink
 * @category Actions
 * @summary An action sink that creates HubSpot CRM tasks (`POST /crm/v3/objects/tasks`) on the lead's contact, exactly once per action key.
 *
 * @description
 * - The task: `hs_task_subject` = title, `hs_task_body` = body, link and `accord:<key>`, `hs_timestamp` =
 *   `dueAt` (else now), `hs_task_status` NOT_STARTED, `hs_task_priority` (payload `priority`, else HIGH for
 *   escalations and MEDIUM for `create_task`), `hs_task_type` TODO, `hubspot_owner_id` from `to`, and the
 *   key in `keyProperty`. It is associated to contact `leadId` in the create body (v4 association 204,
 *   HUBSPOT_DEFINED).
 * - Idempotency: HubSpot has no idempotency header. `deliver` searches tasks for `keyProperty = key`
 *   first and creates only when none exists; a create whose answer was lost (timeout, dropped socket,
 *   5xx, 429) is followed by the same search before any new attempt, so a retry never makes a second task.
 *   (The search index lags a few seconds behind a create; the outbox's back-off covers that window.)
 * - Errors: an unknown contact (404/400) is `invalid_record`/`not_found`, 401/403 `invalid_config`, the
 *   rest as createCrmHttpClient; the token is never in a message.
 *
 * @example
 * const sink = createHubSpotTaskSink({ token, ownerIds: { 'ana@acme.test': '7001' } })
 * await sink.deliver({ key: 'sla:123:first-touch:1:1', kind: 'notify_owner', leadId: '123', to: 'ana@acme.test', title: 'Breached: first touch' })
 */
export function createHubSpotTaskSink(options: HubSpotTaskSinkOptions): ActionSink {
  const name = options?.name ?? 'hubspot-tasks';
  if (options === null || typeof options !== 'object')
    throw new AdapterError(name, 'invalid_config', 'Options are required: at least { token }.');
  const baseUrl = options.baseUrl ?? 'https://api.hubapi.com';
  const keyProperty = options.keyProperty ?? 'accord_action_key';
  if (!PROPERTY.test(keyProperty))
    throw new AdapterError(
      name,
      'invalid_config',
      'Option "keyProperty" must be a HubSpot property name (a-z, 0-9, _).',
    );
  const ownerIds = idMap(name, 'ownerIds', options.ownerIds);
  const createAttempts = positiveInt(name, 'createAttempts', options.createAttempts, 3);
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const accepts = taskAccepts(name, options.kinds, options.filter);
  const http: CrmHttpOptions = {
    adapter: name,
    baseUrl,
    token: options.token,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.retries === undefined ? {} : { retries: options.retries }),
    ...(options.baseDelayMs === undefined ? {} : { baseDelayMs: options.baseDelayMs }),
    ...(options.maxDelayMs === undefined ? {} : { maxDelayMs: options.maxDelayMs }),
    sleep,
    random,
    now,
  };
  const reads = createCrmHttpClient(http);
  const writes = createCrmHttpClient({ ...http, retries: 0 });
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 30_000;

  function createBody(action: AccordAction) {
    checkAction(name, action);
    if (!/^\d+$/.test(action.leadId)) badField(name, action, 'leadId', 'must be a HubSpot contact id (digits)');
    let owner: string | undefined;
    if (action.to !== undefined) {
      owner = ownerIds[action.to] ?? (/^\d+$/.test(action.to) ? action.to : undefined);
      if (owner === undefined) badField(name, action, 'to', 'has no HubSpot owner id (add it to option ownerIds)');
    }
    return {
      properties: {
        hs_timestamp: new Date(action.dueAt ?? now()).toISOString(),
        hs_task_subject: action.title,
        hs_task_body: taskText(action),
        hs_task_status: 'NOT_STARTED',
        hs_task_priority: taskPriority(action).toUpperCase(),
        hs_task_type: 'TODO',
        ...(owner === undefined ? {} : { hubspot_owner_id: owner }),
        [keyProperty]: action.key,
      },
      associations: [
        {
          to: { id: action.leadId },
          types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: HUBSPOT_TASK_TO_CONTACT }],
        },
      ],
    };
  }

  async function find(key: string): Promise<string | null> {
    const answer = await reads.request<HubSpotSearchAnswer>({
      method: 'POST',
      path: '/crm/v3/objects/tasks/search',
      body: {
        filterGroups: [{ filters: [{ propertyName: keyProperty, operator: 'EQ', value: key }] }],
        properties: [keyProperty],
        limit: 1,
      },
      badRequestCode: 'invalid_option',
    });
    const first = Array.isArray(answer?.results) ? answer.results[0] : undefined;
    return first && (typeof first.id === 'string' || typeof first.id === 'number') ? String(first.id) : null;
  }

  return {
    name,
    accepts,
    async deliver(action) {
      const body = createBody(action);
      const externalId = await findOrCreate({
        find: () => find(action.key),
        create: async () => {
          const created = await writes.request<{ id?: unknown }>({
            method: 'POST',
            path: '/crm/v3/objects/tasks',
            body,
          });
          if (typeof created?.id !== 'string' && typeof created?.id !== 'number')
            throw new AdapterError(name, 'unavailable', 'HubSpot answered a task create without an id.');
          return String(created.id);
        },
        attempts: createAttempts,
        sleep,
        delayMs: (n) => Math.floor(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (n - 1))),
      });
      return { externalId };
    },
    preview(action): SinkRequestPreview {
      return { method: 'POST', url: previewUrl(baseUrl, 'crm/v3/objects/tasks'), body: createBody(action) };
    },
  };
}
