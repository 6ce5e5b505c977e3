import { AdapterError } from '../../contract/AdapterError';
import type {
  Outbox,
  OutboxBackoff,
  OutboxFlushResult,
  OutboxMessage,
  OutboxOptions,
  OutboxSendResult,
} from '../crm.types';
import { OUTBOX, unknownKey } from './_outboxRecords';

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * @name createOutbox
 * @category Adapters
 * @summary Write-backs that are never lost: stored first, delivered at least once with a stable idempotency key, retried with backoff.
 *
 * @description
 * `enqueue` stores the write (a second enqueue of the same key is a no-op). `flush` hands due messages
 * to `deliver` oldest first and marks one delivered only after `deliver` resolved; a crash between the
 * two leaves it pending, so it is delivered again with the same key: the vendor (its `Idempotency-Key`
 * header, or the adapter's own check such as a note carrying the key) turns that into exactly one
 * effect. A failure is recorded and retried after `backoff`; a message waiting for its retry holds back
 * the later messages of its ordering group (`orderKey`, default the adapter), so writes reach the CRM in
 * order. A permanent error (by default an AdapterError `invalid_record`) makes the message `dead`: kept
 * with its error, never retried. `send` stores a write and tries it at once (older messages of its group
 * first), resolving with `delivered`, `pending` (the CRM is down: it waits for `flush`) or `dead`, so an
 * adapter can answer its caller inline. `handles` lets several adapters share one store.
 * `start` flushes in the background until `stop`.
 *
 * @example
 * const outbox = createOutbox({ store: await createDuckDbOutboxStore({ path: 'outbox.duckdb' }), deliver: (m) => adapter.deliver(m) })
 * await outbox.enqueue({ key: `disposition:${leadId}:${at}`, adapter: 'hubspot', kind: 'hubspot.disposition', payload })
 * const { status } = await outbox.send({ key: `owner:${leadId}:${ownerId}`, adapter: 'hubspot', kind: 'hubspot.owner', payload })
 * outbox.start({ intervalMs: 5_000 })
 */
export function createOutbox(options: OutboxOptions): Outbox {
  const { store, deliver } = options ?? ({} as OutboxOptions);
  if (!store || typeof store.pending !== 'function')
    throw new AdapterError(OUTBOX, 'invalid_config', 'Missing required option "store" (an OutboxStore).');
  if (typeof deliver !== 'function')
    throw new AdapterError(OUTBOX, 'invalid_config', 'Missing required option "deliver" (a function).');
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const delayFor = backoffOf(options.backoff);
  const isPermanent =
    options.isPermanent ?? ((error: unknown) => error instanceof AdapterError && error.code === 'invalid_record');
  const batchSize = options.batchSize ?? 100;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new AdapterError(OUTBOX, 'invalid_config', 'Option "batchSize" must be a positive integer.');

  const handles = options.handles ?? (() => true);
  const orderKey = options.orderKey ?? ((message: OutboxMessage) => message.adapter);

  let running: Promise<OutboxFlushResult> | undefined;
  let loop: { stopped: boolean; wake: () => void; done: Promise<void> } | undefined;
  // Flushes and inline deliveries run one at a time, so a message is never sent twice at once by this process.
  let chain: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work, work);
    chain = next.catch(() => undefined);
    return next;
  };
  const mine = async () => (await store.pending()).filter((message) => handles(message));

  /** One delivery attempt, recorded in the store. */
  async function attempt(message: OutboxMessage): Promise<{ outcome: keyof OutboxFlushResult; error?: unknown }> {
    try {
      await deliver(message);
    } catch (error) {
      if (isPermanent(error)) {
        await store.markDead(message.key, describe(error), now());
        return { outcome: 'dead', error };
      }
      await store.markFailed(message.key, describe(error), now() + delayFor(message.attempts + 1));
      return { outcome: 'failed', error };
    }
    await store.markDelivered(message.key, now());
    return { outcome: 'delivered' };
  }

  async function run(): Promise<OutboxFlushResult> {
    const result: OutboxFlushResult = { delivered: 0, failed: 0, dead: 0 };
    const startedAt = now();
    const held = new Set<string>();
    let handled = 0;
    for (const message of await mine()) {
      if (handled >= batchSize) break;
      const group = orderKey(message);
      if (held.has(group)) continue;
      if (message.notBefore > startedAt) {
        held.add(group);
        continue;
      }
      handled++;
      const { outcome } = await attempt(message);
      result[outcome]++;
      if (outcome === 'failed') held.add(group);
    }
    return result;
  }

  const flush = (): Promise<OutboxFlushResult> => {
    running ??= exclusive(run).finally(() => {
      running = undefined;
    });
    return running;
  };

  const deliverNow = (key: string, created = false): Promise<OutboxSendResult> =>
    exclusive(async () => {
      const target = await store.get(key);
      if (!target) throw unknownKey(key);
      if (!handles(target))
        throw new AdapterError(OUTBOX, 'invalid_option', `the message "${key}" is not handled by this outbox.`);
      if (target.status !== 'pending') return { status: target.status ?? 'pending', message: target, created };
      const group = orderKey(target);
      let error: unknown;
      for (const message of await mine()) {
        if (orderKey(message) !== group) continue;
        const result = await attempt(message);
        if (message.key === key) {
          error = result.error;
          break;
        }
        if (result.outcome === 'failed') {
          error = result.error;
          break;
        }
      }
      const settled = (await store.get(key)) ?? target;
      return {
        status: settled.status ?? 'pending',
        message: settled,
        created,
        ...(error === undefined ? {} : { error }),
      };
    });

  return {
    enqueue: (message) => store.enqueue({ ...message, createdAt: message.createdAt ?? now() }),
    flush,
    async send(message) {
      const created = await store.enqueue({ ...message, createdAt: message.createdAt ?? now() });
      return deliverNow(message.key, created);
    },
    deliverNow: (key) => deliverNow(key),
    pending: mine,
    start({ intervalMs = 5_000 } = {}) {
      if (loop && !loop.stopped) return;
      if (!Number.isFinite(intervalMs) || intervalMs < 0)
        throw new AdapterError(OUTBOX, 'invalid_option', 'intervalMs must be a non-negative number.');
      let wake = () => {};
      const state = { stopped: false, wake: () => wake(), done: Promise.resolve() };
      state.done = (async () => {
        while (!state.stopped) {
          try {
            await flush();
          } catch (error) {
            options.onError?.(error);
          }
          if (state.stopped) break;
          await Promise.race([sleep(intervalMs), new Promise<void>((resolve) => (wake = resolve))]);
        }
      })();
      loop = state;
    },
    async stop() {
      const current = loop;
      if (current) {
        current.stopped = true;
        current.wake();
        await current.done;
      }
      await chain;
    },
  };
}

/** The retry delay after `attempts` failures. */
function backoffOf(backoff: OutboxBackoff | undefined): (attempts: number) => number {
  if (typeof backoff === 'function') return (attempts) => Math.max(0, backoff(attempts));
  const base = backoff?.baseDelayMs ?? 1_000;
  const max = backoff?.maxDelayMs ?? 300_000;
  const random = backoff?.random ?? Math.random;
  return (attempts) => Math.floor(random() * Math.min(max, base * 2 ** (attempts - 1)));
}

/** Error text kept on the message: the code and message (already redacted by the HTTP client). */
function describe(error: unknown): string {
  if (error instanceof AdapterError) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
