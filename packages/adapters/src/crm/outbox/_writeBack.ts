import { AdapterError } from '../../contract/AdapterError';
import type { OutboxBackoff, OutboxMessage, OutboxStore } from '../crm.types';
import { createOutbox } from './createOutbox';

/** What one `flushOutbox` of a CRM adapter did, and how many writes still wait. */
export interface WriteBackFlushResult {
  delivered: number;
  failed: number;
  dead: number;
  pending: number;
}

/** A CRM adapter's write-backs to leads, on the shared outbox. */
export interface WriteBack<P extends { leadId: string }> {
  /**
   * Stores the write and tries it once at once. Resolves when it was delivered, or queued because the
   * CRM is down or slow (`flushOutbox` delivers it later). Throws when it is refused for good (now or
   * before), and on `invalid_config` (a bad token is not an outage: the write stays queued, and the
   * caller hears about it).
   */
  write(key: string, payload: P): Promise<void>;
  flushOutbox(): Promise<WriteBackFlushResult>;
  pendingWrites(): Promise<OutboxMessage[]>;
  close(): Promise<void>;
}

/**
 * The write-back machinery the CRM adapters share: an outbox that delivers oldest first per lead (a
 * write waiting for its retry holds back later writes to the same lead, not to the others) and marks a
 * write dead when the CRM refuses it for good (`not_found`, `invalid_record`, `invalid_option`).
 */
export function createWriteBack<P extends { leadId: string }>(options: {
  adapter: string;
  kind: string;
  store: OutboxStore;
  deliver: (payload: P, key: string) => Promise<void>;
  now: () => number;
  backoff: OutboxBackoff;
}): WriteBack<P> {
  const { adapter, kind } = options;
  const outbox = createOutbox({
    store: options.store,
    deliver: (message) => options.deliver(message.payload as P, message.key),
    now: options.now,
    backoff: options.backoff,
    isPermanent: (error) =>
      error instanceof AdapterError &&
      (error.code === 'not_found' || error.code === 'invalid_record' || error.code === 'invalid_option'),
    handles: (message) => message.adapter === adapter && message.kind === kind,
    orderKey: (message) => (message.payload as P).leadId,
  });
  return {
    async write(key, payload) {
      const { status, message, error } = await outbox.send({ key, adapter, kind, payload });
      if (status === 'delivered') return;
      if (status === 'dead') {
        if (error !== undefined) throw error;
        throw new AdapterError(
          adapter,
          'invalid_record',
          `this disposition was refused before: ${message.lastError ?? ''}`,
        );
      }
      if (error instanceof AdapterError && error.code === 'invalid_config') throw error;
    },
    async flushOutbox() {
      const result = await outbox.flush();
      return { ...result, pending: (await outbox.pending()).length };
    },
    pendingWrites: () => outbox.pending(),
    close: () => outbox.stop(),
  };
}
