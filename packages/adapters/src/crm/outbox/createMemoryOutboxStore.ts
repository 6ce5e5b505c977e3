import type { OutboxMessage, OutboxStore } from '../crm.types';
import { boundedError, checkNewMessage, unknownKey } from './_outboxRecords';

/**
 * @name createMemoryOutboxStore
 * @category Adapters
 * @summary An outbox store in memory: for tests and for hosts that accept losing queued writes on exit.
 *
 * @description
 * Same contract as {@link createDuckDbOutboxStore} (both pass one suite): idempotent `enqueue` by key,
 * oldest-first `due`/`pending`, payloads copied through JSON. Messages are lost when the process ends;
 * use the DuckDB store when writes must survive a restart.
 *
 * @example
 * const outbox = createOutbox({ store: createMemoryOutboxStore(), deliver: (m) => hubspot.deliver(m) })
 */
export function createMemoryOutboxStore(): OutboxStore {
  const messages = new Map<string, OutboxMessage & { seq: number }>();
  let seq = 0;
  const copy = ({ seq: _seq, ...message }: OutboxMessage & { seq: number }): OutboxMessage => ({
    ...message,
    payload: JSON.parse(JSON.stringify(message.payload)) as unknown,
  });
  const ordered = () => [...messages.values()].sort((a, b) => a.createdAt - b.createdAt || a.seq - b.seq);
  const find = (key: string) => {
    const message = messages.get(key);
    if (!message) throw unknownKey(key);
    return message;
  };

  return {
    async enqueue(message) {
      const checked = checkNewMessage(message);
      if (messages.has(checked.key)) return false;
      messages.set(checked.key, { ...checked, seq: ++seq });
      return true;
    },
    async due(now, limit) {
      return ordered()
        .filter((m) => m.status === 'pending' && m.notBefore <= now)
        .slice(0, Math.max(0, limit))
        .map(copy);
    },
    async markDelivered(key, at) {
      const message = find(key);
      message.status = 'delivered';
      message.settledAt = at;
    },
    async markFailed(key, error, notBefore) {
      const message = find(key);
      message.attempts += 1;
      message.lastError = boundedError(error);
      message.notBefore = notBefore;
    },
    async markDead(key, error, at) {
      const message = find(key);
      message.attempts += 1;
      message.lastError = boundedError(error);
      message.status = 'dead';
      message.settledAt = at;
    },
    async pending() {
      return ordered()
        .filter((m) => m.status === 'pending')
        .map(copy);
    },
    async get(key) {
      const message = messages.get(key);
      return message ? copy(message) : undefined;
    },
    async list() {
      return ordered().map(copy);
    },
    async close() {},
  };
}
