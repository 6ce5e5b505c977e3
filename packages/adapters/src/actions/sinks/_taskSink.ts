// Shared parts of the task sinks (HubSpot, Salesforce, Asana): which actions they take, checks on an
// action's fields, and find-or-create by idempotency key.
import { AdapterError } from '../../contract/AdapterError';
import type { AccordAction, ActionKind } from '../actions.types';

/** The kinds a task sink takes by default. */
export const TASK_KINDS: readonly ActionKind[] = ['create_task', 'notify_owner', 'notify_manager'];

/** Codes after which a create may or may not have reached the service: look again before trying again. */
const UNCERTAIN = new Set(['unavailable', 'timeout', 'rate_limited']);

/** `accepts` for a sink: the action's kind is one of `kinds` (default {@link TASK_KINDS}) and `filter` agrees. */
export function taskAccepts(
  sink: string,
  kinds: readonly ActionKind[] | undefined,
  filter: ((action: AccordAction) => boolean) | undefined,
): (action: AccordAction) => boolean {
  if (kinds !== undefined && (!Array.isArray(kinds) || kinds.some((kind) => !TASK_KINDS.includes(kind))))
    throw new AdapterError(sink, 'invalid_config', `Option "kinds" must list only ${TASK_KINDS.join(', ')}.`);
  const taken = new Set<ActionKind>(kinds ?? TASK_KINDS);
  return (action) =>
    action !== null && typeof action === 'object' && taken.has(action.kind) && (filter?.(action) ?? true);
}

/** Checks the fields every task needs; throws `invalid_record` naming the action (by key) and the field. */
export function checkAction(sink: string, action: AccordAction): void {
  if (action === null || typeof action !== 'object')
    throw new AdapterError(sink, 'invalid_record', 'the action must be an object.');
  if (typeof action.key !== 'string' || action.key.trim() === '')
    throw new AdapterError(sink, 'invalid_record', 'action: field "key" must be a non-empty string.');
  const where = `action ${JSON.stringify(action.key.slice(0, 200))}`;
  if (typeof action.title !== 'string' || action.title.trim() === '')
    throw new AdapterError(sink, 'invalid_record', `${where}: field "title" must be a non-empty string.`);
  if (typeof action.leadId !== 'string' || action.leadId.trim() === '')
    throw new AdapterError(sink, 'invalid_record', `${where}: field "leadId" must be a non-empty string.`);
  if (action.body !== undefined && typeof action.body !== 'string')
    throw new AdapterError(sink, 'invalid_record', `${where}: field "body" must be a string when given.`);
  if (action.dueAt !== undefined && (typeof action.dueAt !== 'number' || !Number.isFinite(action.dueAt)))
    throw new AdapterError(sink, 'invalid_record', `${where}: field "dueAt" must be a finite epoch-ms number.`);
  if (action.url !== undefined && (typeof action.url !== 'string' || !/^https:\/\//i.test(action.url)))
    throw new AdapterError(sink, 'invalid_record', `${where}: field "url" must be an https URL when given.`);
}

/** Throws `invalid_record` for the action's field. */
export function badField(sink: string, action: AccordAction, field: string, expected: string): never {
  throw new AdapterError(
    sink,
    'invalid_record',
    `action ${JSON.stringify(action.key.slice(0, 200))}: field "${field}" ${expected}.`,
  );
}

/** The task's notes: the body, the link, and the key on a last line (`accord:<key>`) for people and audits. */
export function taskText(action: AccordAction): string {
  return [action.body, action.url, `accord:${action.key}`]
    .filter((part) => part !== undefined && part !== '')
    .join('\n\n');
}

/** The priority an action asks for: `payload.priority` (`low` / `medium` / `high`, any case), else high for escalations. */
export function taskPriority(action: AccordAction): 'low' | 'medium' | 'high' {
  const asked = action.payload?.priority;
  if (typeof asked === 'string' && ['low', 'medium', 'high'].includes(asked.toLowerCase()))
    return asked.toLowerCase() as 'low' | 'medium' | 'high';
  return action.kind === 'create_task' ? 'medium' : 'high';
}

/** The options every task sink takes besides its service's own. */
export interface TaskSinkCommonOptions {
  /** Kinds taken (default `create_task`, `notify_owner`, `notify_manager`). */
  kinds?: readonly ActionKind[];
  /** Narrows `accepts` further (e.g. only actions with a `to`). */
  filter?: (action: AccordAction) => boolean;
  /** Sink name: the outbox `adapter` of its messages. */
  name?: string;
  fetch?: typeof fetch;
  /** Per-request timeout (default 30 000 ms). */
  timeoutMs?: number;
  /** Retries of a lookup (default 4); a create is sent once per attempt, see `createAttempts`. */
  retries?: number;
  /** Creates tried per `deliver`, each after a lookup (default 3). */
  createAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface FindOrCreateOptions {
  /** Looks the key up; resolves with the existing task's id or null. */
  find: () => Promise<string | null>;
  /** One create attempt, never retried inside (a retried POST may create a second task). */
  create: () => Promise<string>;
  /** Creates tried in one `deliver` (default 3). */
  attempts: number;
  sleep: (ms: number) => Promise<void>;
  /** Delay before create attempt n+1 (n = 1, 2 …). */
  delayMs: (attempt: number) => number;
}

/**
 * Find-or-create under one key. The create is sent once per attempt; when it fails in a way that leaves
 * its outcome unknown (timeout, dropped socket, 5xx, 429) or is refused (400/409, e.g. a duplicate
 * external id), the key is looked up again before anything else: a task that did get created is
 * returned, never created twice. The last error is thrown when every attempt failed (the outbox
 * retries later, starting with a lookup again).
 */
export async function findOrCreate(options: FindOrCreateOptions): Promise<string> {
  const existing = await options.find();
  if (existing !== null) return existing;
  for (let attempt = 1; ; attempt++) {
    try {
      return await options.create();
    } catch (error) {
      const code = error instanceof AdapterError ? error.code : undefined;
      const uncertain = code !== undefined && UNCERTAIN.has(code);
      if (!uncertain && code !== 'invalid_record') throw error;
      const found = await options.find();
      if (found !== null) return found;
      if (!uncertain || attempt >= options.attempts) throw error;
      await options.sleep(options.delayMs(attempt));
    }
  }
}

export const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Option check: a positive integer or undefined. */
export function positiveInt(sink: string, name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw new AdapterError(sink, 'invalid_config', `Option "${name}" must be a positive integer.`);
  return value;
}

/** Option check: a map of recipient → service user id, or undefined. */
export function idMap(sink: string, name: string, value: unknown): Readonly<Record<string, string>> {
  if (value === undefined) return {};
  if (
    value === null ||
    typeof value !== 'object' ||
    Array.isArray(value) ||
    Object.values(value).some((id) => typeof id !== 'string' || id === '')
  )
    throw new AdapterError(sink, 'invalid_config', `Option "${name}" must map recipients to non-empty id strings.`);
  return value as Record<string, string>;
}

/** The full URL of a request path under a base (for previews: none of the task APIs puts the token in a URL). */
export function previewUrl(base: string, path: string): string {
  return new URL(path, base.endsWith('/') ? base : `${base}/`).toString();
}
