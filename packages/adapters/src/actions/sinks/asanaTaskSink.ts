import { AdapterError } from '../../contract/AdapterError';
import { createCrmHttpClient } from '../../crm/createCrmHttpClient';
import type { CrmHttpFailure, CrmHttpOptions, CrmRequest } from '../../crm/crm.types';
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
  taskText,
} from './_taskSink';

const GID = /^\d+$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;
/** Asana caps an external gid at 1 024 characters. */
const EXTERNAL_GID_MAX = 1024;

/** What {@link createAsanaTaskSink} is built from: a project, or a workspace (tasks then land in "My tasks" of the assignee). Shared options (kinds, retries, sink `name`, default `asana`…): {@link TaskSinkCommonOptions}. */
export interface AsanaTaskSinkOptions extends TaskSinkCommonOptions {
  /** An OAuth access token of your Asana app (external data is per OAuth app; personal access tokens cannot set it). */
  token: string;
  projectGid?: string;
  workspaceGid?: string;
  /** `action.to` → Asana user gid or email. A `to` that is a gid or an email is taken as it is. */
  assigneeMap?: Readonly<Record<string, string>>;
  /** Default `https://app.asana.com/api/1.0`. */
  baseUrl?: string;
}

/**
 * @name createAsanaTaskSink
 * @category Actions
 * @summary An action sink that creates Asana tasks (`POST /tasks`) keyed by Asana's external gid, exactly once per action key.
 *
 * @description
 * - The task: `{ data: { name: title, notes: body + link + accord:<key>, due_at: dueAt (ISO, UTC),
 *   projects: [projectGid] | workspace, assignee, external: { gid: key, data: '{"leadId":…}' } } }`.
 * - Our reading of Asana's "custom external data": an external gid is app-specific (set with an OAuth
 *   app's token), at most 1 024 characters, and once set the task can be addressed as
 *   `external:<gid>` wherever a task gid is accepted — so `GET /tasks/external:<key>` finds it (404 when
 *   no task of this app has that key). `deliver` looks the key up first and creates only on 404. When a
 *   create fails with a 400 (as a duplicate external gid is refused) or its answer was lost (timeout,
 *   dropped socket, 5xx, 429), the key is looked up again: a task found there is the delivered one.
 * - Errors: Asana's `{ errors: [{ message }] }` is put in the message (redacted); 401/403 are
 *   invalid_config, 400 invalid_record, 429 rate_limited (after `Retry-After`), 5xx unavailable.
 *
 * @example
 * const sink = createAsanaTaskSink({ token, projectGid: '1200000000000001', assigneeMap: { 'ana@acme.test': '1200000000000042' } })
 */
export function createAsanaTaskSink(options: AsanaTaskSinkOptions): ActionSink {
  const name = options?.name ?? 'asana';
  if (options === null || typeof options !== 'object')
    throw new AdapterError(name, 'invalid_config', 'Options are required: at least { token, projectGid }.');
  const { projectGid, workspaceGid } = options;
  if (projectGid === undefined && workspaceGid === undefined)
    throw new AdapterError(name, 'invalid_config', 'Option "projectGid" or "workspaceGid" is required.');
  for (const [key, value] of [
    ['projectGid', projectGid],
    ['workspaceGid', workspaceGid],
  ] as const)
    if (value !== undefined && (typeof value !== 'string' || !GID.test(value)))
      throw new AdapterError(name, 'invalid_config', `Option "${key}" must be an Asana gid (digits).`);
  const baseUrl = options.baseUrl ?? 'https://app.asana.com/api/1.0';
  const assigneeMap = idMap(name, 'assigneeMap', options.assigneeMap);
  const createAttempts = positiveInt(name, 'createAttempts', options.createAttempts, 3);
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
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
  };
  const reads = createCrmHttpClient(http);
  const writes = createCrmHttpClient({ ...http, retries: 0 });
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 30_000;

  async function call<T>(client: typeof reads, request: CrmRequest): Promise<T> {
    try {
      return await client.request<T>(request);
    } catch (error) {
      throw vendorError(name, error);
    }
  }

  function createBody(action: AccordAction) {
    checkAction(name, action);
    if (action.key.length > EXTERNAL_GID_MAX)
      badField(name, action, 'key', `must be at most ${EXTERNAL_GID_MAX} characters (an Asana external gid)`);
    let assignee: string | undefined;
    if (action.to !== undefined) {
      assignee = assigneeMap[action.to] ?? (GID.test(action.to) || EMAIL.test(action.to) ? action.to : undefined);
      if (assignee === undefined) badField(name, action, 'to', 'has no Asana user (add it to option assigneeMap)');
    }
    return {
      data: {
        name: action.title,
        notes: taskText(action),
        ...(action.dueAt === undefined ? {} : { due_at: new Date(action.dueAt).toISOString() }),
        ...(projectGid === undefined ? { workspace: workspaceGid } : { projects: [projectGid] }),
        ...(assignee === undefined ? {} : { assignee }),
        external: { gid: action.key, data: JSON.stringify({ leadId: action.leadId, kind: action.kind }) },
      },
    };
  }

  async function find(key: string): Promise<string | null> {
    try {
      const answer = await call<{ data?: { gid?: unknown } }>(reads, {
        method: 'GET',
        path: `tasks/external:${encodeURIComponent(key)}`,
        query: { opt_fields: 'gid' },
      });
      return typeof answer?.data?.gid === 'string' ? answer.data.gid : null;
    } catch (error) {
      if (error instanceof AdapterError && error.code === 'not_found') return null;
      throw error;
    }
  }

  return {
    name,
    accepts,
    async deliver(action) {
      const body = createBody(action);
      const externalId = await findOrCreate({
        find: () => find(action.key),
        create: async () => {
          const created = await call<{ data?: { gid?: unknown } }>(writes, { method: 'POST', path: 'tasks', body });
          if (typeof created?.data?.gid !== 'string')
            throw new AdapterError(name, 'unavailable', 'Asana answered a task create without a gid.');
          return created.data.gid;
        },
        attempts: createAttempts,
        sleep,
        delayMs: (n) => Math.floor(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (n - 1))),
      });
      return { externalId };
    },
    preview(action): SinkRequestPreview {
      return { method: 'POST', url: previewUrl(baseUrl, 'tasks'), body: createBody(action) };
    },
  };
}

/** Asana's `{ errors: [{ message }] }` into the message (the body is already redacted by the client). */
function vendorError(name: string, error: unknown): unknown {
  if (!(error instanceof AdapterError)) return error;
  const failure = error.cause as CrmHttpFailure | undefined;
  const errors = (failure?.body as { errors?: unknown } | undefined)?.errors;
  const messages = Array.isArray(errors)
    ? errors
        .map((item) => (item && typeof item === 'object' ? (item as { message?: unknown }).message : undefined))
        .filter((message): message is string => typeof message === 'string')
    : [];
  if (messages.length === 0) return error;
  const status = failure?.status === undefined ? '' : ` ${failure.status}`;
  return new AdapterError(name, error.code, `Asana answered${status}: ${messages.join('; ').slice(0, 300)}`, {
    cause: failure,
  });
}
