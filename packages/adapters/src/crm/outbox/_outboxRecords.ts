import { AdapterError } from '../../contract/AdapterError';
import type { OutboxMessage } from '../crm.types';

/** Name outbox errors carry. */
export const OUTBOX = 'outbox';

/** Checks a message given to `enqueue` and returns a stored copy (payload cloned through JSON, as a file store keeps it). */
export function checkNewMessage(message: Omit<OutboxMessage, 'attempts' | 'notBefore'>): OutboxMessage {
  if (message === null || typeof message !== 'object')
    throw new AdapterError(OUTBOX, 'invalid_option', 'enqueue expects a message object.');
  for (const field of ['key', 'adapter', 'kind'] as const)
    if (typeof message[field] !== 'string' || message[field] === '')
      throw new AdapterError(OUTBOX, 'invalid_option', `message.${field} must be a non-empty string.`);
  if (typeof message.createdAt !== 'number' || !Number.isFinite(message.createdAt))
    throw new AdapterError(OUTBOX, 'invalid_option', 'message.createdAt must be epoch milliseconds.');
  let payload: string | undefined;
  try {
    payload = JSON.stringify(message.payload);
  } catch (cause) {
    throw new AdapterError(OUTBOX, 'invalid_option', 'message.payload must be JSON-serialisable.', { cause });
  }
  if (payload === undefined)
    throw new AdapterError(OUTBOX, 'invalid_option', 'message.payload must be JSON-serialisable (not undefined).');
  return {
    key: message.key,
    adapter: message.adapter,
    kind: message.kind,
    payload: JSON.parse(payload) as unknown,
    createdAt: message.createdAt,
    attempts: 0,
    notBefore: message.createdAt,
    status: 'pending',
  };
}

/** The error thrown when a state change names a key the store does not hold. */
export function unknownKey(key: string): AdapterError {
  return new AdapterError(OUTBOX, 'not_found', `no outbox message has key "${key}".`);
}

/** Stored error text: bounded, so a huge vendor answer cannot bloat the store. */
export function boundedError(error: string): string {
  const text = String(error);
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}
