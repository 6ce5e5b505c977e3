import { AdapterError } from '../contract/AdapterError';
import type {
  Outbox,
  OutboxBackoff,
  OutboxFlushResult,
  OutboxMessage,
  OutboxStatus,
  OutboxStore,
} from '../crm/crm.types';
import { createOutbox } from '../crm/outbox/createOutbox';
import type { AccordAction, ActionKind, ActionSink, SinkRequestPreview } from './actions.types';

const ADAPTER = 'actions';
const KINDS = new Set<ActionKind>([
  'notify_owner',
  'notify_manager',
  'create_task',
  'reroute',
  'enrich',
  'suppress',
  'recycle',
  'nurture',
  'disqualify',
]);
/** Errors no retry can fix: the message becomes a dead letter (kept with its error). */
const PERMANENT = new Set(['invalid_record', 'invalid_config', 'invalid_option', 'not_found', 'not_supported']);

/** One line the runner logs. Never carries a secret: previews are redacted by the sinks, errors by the HTTP client. */
export interface ActionLogEntry {
  level: 'info' | 'warn' | 'error';
  message: string;
  actionKey?: string;
  sink?: string;
  preview?: SinkRequestPreview;
}

/** What {@link createActionRunner} is built from. */
export interface ActionRunnerOptions {
  /** Where actions go; each action goes to every sink that `accepts` it. Names must be unique. */
  sinks: readonly ActionSink[];
  /** The outbox store (memory for tests, DuckDB to survive restarts); may be shared with CRM adapters. */
  store: OutboxStore;
  /** Store and send nothing: `dispatch` returns (and logs) each sink's redacted `preview`. */
  dryRun?: boolean;
  /** Clock in epoch ms (default Date.now). */
  now?: () => number;
  /** Waits of the background loop (default setTimeout). */
  sleep?: (ms: number) => Promise<void>;
  /** Retry schedule of failed deliveries (see createOutbox). */
  backoff?: OutboxBackoff;
  /** Told what happened: dry-run previews, actions no sink took, failed deliveries (redacted). */
  log?: (entry: ActionLogEntry) => void;
}

/** What happened to one action at one sink. */
export interface ActionDelivery {
  sink: string;
  /** The outbox key: `<sink.name>:<action.key>`. */
  key: string;
  /** `delivered`, `pending` (stored; retried by `flush`/`start`) or `dead` (refused for good). */
  status: OutboxStatus;
  /** False when the key was stored already (a repeat of the same decision: nothing was sent again). */
  created: boolean;
  /** The redacted error of this attempt, when it did not get through. */
  error?: string;
}

/** What `dispatch` did with one action. */
export interface ActionDispatchResult {
  action: AccordAction;
  /** The sinks that took it (empty when none did: `unrouted`). */
  sinks: string[];
  /** True when no sink accepts the action: it was reported (logged `warn`), not stored. */
  unrouted: boolean;
  /** Per sink, the outbox result (absent in a dry run). */
  deliveries: ActionDelivery[];
  /** Dry run only: what each sink would send, secrets redacted. */
  previews?: { sink: string; preview: SinkRequestPreview }[];
}

/** Runs actions through the sinks, via the outbox. */
export interface ActionRunner {
  /** Stores each action once per accepting sink, tries it at once, and says what happened. */
  dispatch(actions: readonly AccordAction[]): Promise<ActionDispatchResult[]>;
  /** Retries what is due (pending actions of every sink). */
  flush(): Promise<OutboxFlushResult>;
  /** Flushes in the background every `intervalMs` (default 5 000) until `stop`. */
  start(options?: { intervalMs?: number }): void;
  stop(): Promise<void>;
  /** Actions not yet delivered (not dead), oldest first, across the sinks. */
  pending(): Promise<OutboxMessage[]>;
}

/**
 * @name createActionRunner
 * @category Actions
 * @summary Sends what the core decided (escalations, disposition follow-ups) to Slack, webhooks, CRM tasks…: stored first, delivered at least once, applied once per key.
 *
 * @description
 * Each action goes to every sink that `accepts` it, through the shared outbox: message key
 * `<sink.name>:<action.key>`, adapter `sink.name`, kind `action.<kind>`, ordering group per lead (a
 * lead's actions reach a sink in order; a failing lead does not hold back the others). `dispatch`
 * stores then tries at once; what fails is retried by `flush` or `start` with backoff, across restarts
 * when the store is durable (createDuckDbOutboxStore). Dispatching the same action again sends nothing
 * (`created: false`). A permanent error (`invalid_record`, `invalid_config`, `invalid_option`,
 * `not_found`) makes a dead letter, kept with its redacted error. An action no sink accepts is
 * reported (`unrouted`, logged), never silently dropped. Actions are checked before anything is
 * stored: a malformed one is an `invalid_record` AdapterError naming its index, key and field.
 * With `dryRun` nothing is stored or sent: the result carries each sink's redacted `preview`.
 *
 * @example
 * const runner = createActionRunner({ sinks: [createSlackSink({ token, channel })], store: await createDuckDbOutboxStore({ path: 'outbox.duckdb' }) })
 * await runner.dispatch(actionsFromSlaStatuses(statuses, { leadUrl }))
 * runner.start({ intervalMs: 10_000 })
 */
export function createActionRunner(options: ActionRunnerOptions): ActionRunner {
  const { sinks, store } = options ?? ({} as ActionRunnerOptions);
  if (!Array.isArray(sinks) || sinks.length === 0)
    throw new AdapterError(ADAPTER, 'invalid_config', 'Option "sinks" must be a non-empty array of ActionSinks.');
  const names = new Set<string>();
  sinks.forEach((sink, index) => {
    if (!sink || typeof sink.name !== 'string' || sink.name === '' || typeof sink.deliver !== 'function')
      throw new AdapterError(
        ADAPTER,
        'invalid_config',
        `sinks[${index}] is not an ActionSink (name, accepts, deliver, preview).`,
      );
    if (typeof sink.accepts !== 'function' || typeof sink.preview !== 'function')
      throw new AdapterError(ADAPTER, 'invalid_config', `sinks[${index}] (${sink.name}) lacks accepts or preview.`);
    if (names.has(sink.name))
      throw new AdapterError(ADAPTER, 'invalid_config', `Two sinks are named "${sink.name}"; names must be unique.`);
    names.add(sink.name);
  });
  const dryRun = options.dryRun === true;
  if (!dryRun && (!store || typeof store.pending !== 'function'))
    throw new AdapterError(ADAPTER, 'invalid_config', 'Missing required option "store" (an OutboxStore).');
  const log = options.log ?? (() => {});

  const outboxes = new Map<string, Outbox>();
  if (!dryRun)
    for (const sink of sinks)
      outboxes.set(
        sink.name,
        createOutbox({
          store,
          deliver: async (message) => {
            await sink.deliver(message.payload as AccordAction);
          },
          handles: (message) => message.adapter === sink.name,
          orderKey: (message) => `${sink.name}:${(message.payload as AccordAction | undefined)?.leadId ?? ''}`,
          isPermanent: (error) => error instanceof AdapterError && PERMANENT.has(error.code),
          ...(options.now === undefined ? {} : { now: options.now }),
          ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
          ...(options.backoff === undefined ? {} : { backoff: options.backoff }),
          onError: (error) =>
            log({ level: 'error', message: `outbox of ${sink.name}: ${describe(error)}`, sink: sink.name }),
        }),
      );

  async function dispatch(actions: readonly AccordAction[]): Promise<ActionDispatchResult[]> {
    if (!Array.isArray(actions))
      throw new AdapterError(ADAPTER, 'invalid_option', 'dispatch: "actions" must be an array of AccordActions.');
    actions.forEach(checkAction);
    const results: ActionDispatchResult[] = [];
    for (const action of actions) {
      const taking = sinks.filter((sink) => sink.accepts(action));
      const result: ActionDispatchResult = {
        action,
        sinks: taking.map((sink) => sink.name),
        unrouted: taking.length === 0,
        deliveries: [],
      };
      results.push(result);
      if (taking.length === 0) {
        log({ level: 'warn', message: `no sink accepts action ${action.key} (${action.kind})`, actionKey: action.key });
        continue;
      }
      if (dryRun) {
        result.previews = taking.map((sink) => ({ sink: sink.name, preview: sink.preview(action) }));
        for (const { sink, preview } of result.previews)
          log({
            level: 'info',
            message: `dry run: ${sink} would send ${action.key}`,
            actionKey: action.key,
            sink,
            preview,
          });
        continue;
      }
      for (const sink of taking) {
        const key = `${sink.name}:${action.key}`;
        const outbox = outboxes.get(sink.name) as Outbox;
        const sent = await outbox.send({ key, adapter: sink.name, kind: `action.${action.kind}`, payload: action });
        const delivery: ActionDelivery = { sink: sink.name, key, status: sent.status, created: sent.created };
        if (sent.error !== undefined) {
          delivery.error = describe(sent.error);
          log({
            level: sent.status === 'dead' ? 'error' : 'warn',
            message: `${sink.name} did not take ${action.key} (${sent.status}): ${delivery.error}`,
            actionKey: action.key,
            sink: sink.name,
          });
        }
        result.deliveries.push(delivery);
      }
    }
    return results;
  }

  async function flush(): Promise<OutboxFlushResult> {
    const total: OutboxFlushResult = { delivered: 0, failed: 0, dead: 0 };
    for (const outbox of outboxes.values()) {
      const one = await outbox.flush();
      total.delivered += one.delivered;
      total.failed += one.failed;
      total.dead += one.dead;
    }
    return total;
  }

  return {
    dispatch,
    flush,
    start(startOptions) {
      for (const outbox of outboxes.values()) outbox.start(startOptions);
    },
    async stop() {
      await Promise.all([...outboxes.values()].map((outbox) => outbox.stop()));
    },
    async pending() {
      if (dryRun) return [];
      return (await store.pending()).filter((message) => names.has(message.adapter));
    },
  };
}

function checkAction(action: AccordAction, index: number): void {
  const where = `actions[${index}]${action && typeof action.key === 'string' ? ` (${action.key})` : ''}`;
  const fail = (field: string, what: string) =>
    new AdapterError(ADAPTER, 'invalid_record', `${where}: field "${field}" ${what}.`);
  if (!action || typeof action !== 'object') throw fail('action', 'must be an object');
  if (typeof action.key !== 'string' || action.key.trim() === '') throw fail('key', 'must be a non-empty string');
  if (!KINDS.has(action.kind)) throw fail('kind', `must be one of ${[...KINDS].join(', ')}`);
  if (typeof action.leadId !== 'string' || action.leadId === '') throw fail('leadId', 'must be a non-empty string');
  if (typeof action.title !== 'string' || action.title.trim() === '') throw fail('title', 'must be a non-empty string');
  try {
    JSON.stringify(action);
  } catch {
    throw fail('payload', 'must be plain JSON');
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
