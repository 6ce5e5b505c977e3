import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { AdapterError } from '../../contract/AdapterError';
import type { OutboxMessage, OutboxStatus, OutboxStore } from '../crm.types';
import { boundedError, checkNewMessage, OUTBOX, unknownKey } from './_outboxRecords';

/** What `createDuckDbOutboxStore` is built from. */
export interface DuckDbOutboxStoreOptions {
  /** The DuckDB file (created if missing); `:memory:` for a throwaway store. */
  path: string;
  /** Table name (default `accord_outbox`): letters, digits and `_`. */
  table?: string;
}

const COLUMNS = 'key, adapter, kind, payload, created_at, attempts, not_before, status, last_error, settled_at';

/**
 * @name createDuckDbOutboxStore
 * @category Adapters
 * @summary An outbox store in a DuckDB file: queued CRM writes survive a crash or a restart.
 *
 * @description
 * One table keyed by the idempotency key. Every state change is its own committed statement before
 * the promise resolves, so a process killed at any point leaves each message either pending (it will
 * be delivered again, with the same key) or settled. Calls are serialised on one connection. DuckDB
 * locks the file: one process at a time.
 *
 * @example
 * const store = await createDuckDbOutboxStore({ path: 'outbox.duckdb' })
 * const outbox = createOutbox({ store, deliver: (m) => hubspot.deliver(m) })
 */
export async function createDuckDbOutboxStore(options: DuckDbOutboxStoreOptions): Promise<OutboxStore> {
  const path = options?.path;
  if (typeof path !== 'string' || path === '')
    throw new AdapterError(OUTBOX, 'invalid_config', 'Option "path" must be a file name or ":memory:".');
  const table = options.table ?? 'accord_outbox';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(table))
    throw new AdapterError(OUTBOX, 'invalid_config', 'Option "table" must be letters, digits and "_".');
  let instance: DuckDBInstance;
  let db: DuckDBConnection;
  try {
    instance = await DuckDBInstance.create(path);
    db = await instance.connect();
    await db.run(
      `CREATE TABLE IF NOT EXISTS ${table} (
        key VARCHAR PRIMARY KEY,
        seq BIGINT NOT NULL,
        adapter VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        payload VARCHAR NOT NULL,
        created_at BIGINT NOT NULL,
        attempts INTEGER NOT NULL,
        not_before BIGINT NOT NULL,
        status VARCHAR NOT NULL,
        last_error VARCHAR,
        settled_at BIGINT
      )`,
    );
  } catch (cause) {
    // The path is the caller's; the message names the problem, not the path.
    throw new AdapterError(OUTBOX, 'invalid_config', 'the outbox database could not be opened', { cause });
  }
  const connection = db;

  // One statement at a time on the connection, in call order.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const rows = async (sql: string, params: DuckDBValue[] = []) =>
    (await connection.runAndReadAll(sql, params)).getRowObjects().map(toMessage);
  const change = async (sql: string, params: DuckDBValue[]) => {
    const result = await connection.run(sql, params);
    if (result.rowsChanged === 0) throw unknownKey(String(params[params.length - 1]));
  };
  const order = 'ORDER BY created_at, seq';

  return {
    enqueue: (message) =>
      serial(async () => {
        const m = checkNewMessage(message);
        const existing = await connection.runAndReadAll(`SELECT 1 FROM ${table} WHERE key = $1`, [m.key]);
        if (existing.currentRowCount > 0) return false;
        await connection.run(
          `INSERT INTO ${table} (seq, ${COLUMNS})
           SELECT coalesce(max(seq), 0) + 1, $1, $2, $3, $4, $5, 0, $5, 'pending', NULL, NULL FROM ${table}`,
          [m.key, m.adapter, m.kind, JSON.stringify(m.payload), BigInt(Math.round(m.createdAt))],
        );
        return true;
      }),
    due: (now, limit) =>
      serial(() =>
        rows(`SELECT ${COLUMNS} FROM ${table} WHERE status = 'pending' AND not_before <= $1 ${order} LIMIT $2`, [
          BigInt(Math.floor(now)),
          BigInt(Math.max(0, Math.floor(limit))),
        ]),
      ),
    markDelivered: (key, at) =>
      serial(() =>
        change(`UPDATE ${table} SET status = 'delivered', settled_at = $1 WHERE key = $2`, [
          BigInt(Math.round(at)),
          key,
        ]),
      ),
    markFailed: (key, error, notBefore) =>
      serial(() =>
        change(`UPDATE ${table} SET attempts = attempts + 1, last_error = $1, not_before = $2 WHERE key = $3`, [
          boundedError(error),
          BigInt(Math.ceil(notBefore)),
          key,
        ]),
      ),
    markDead: (key, error, at) =>
      serial(() =>
        change(
          `UPDATE ${table} SET attempts = attempts + 1, last_error = $1, status = 'dead', settled_at = $2 WHERE key = $3`,
          [boundedError(error), BigInt(Math.round(at)), key],
        ),
      ),
    pending: () => serial(() => rows(`SELECT ${COLUMNS} FROM ${table} WHERE status = 'pending' ${order}`)),
    get: (key) => serial(async () => (await rows(`SELECT ${COLUMNS} FROM ${table} WHERE key = $1`, [key]))[0]),
    list: () => serial(() => rows(`SELECT ${COLUMNS} FROM ${table} ${order}`)),
    close: () =>
      serial(async () => {
        connection.closeSync();
        instance.closeSync();
      }),
  };
}

function toMessage(row: Record<string, unknown>): OutboxMessage {
  const message: OutboxMessage = {
    key: String(row['key']),
    adapter: String(row['adapter']),
    kind: String(row['kind']),
    payload: JSON.parse(String(row['payload'])) as unknown,
    createdAt: Number(row['created_at']),
    attempts: Number(row['attempts']),
    notBefore: Number(row['not_before']),
    status: String(row['status']) as OutboxStatus,
  };
  if (row['last_error'] !== null && row['last_error'] !== undefined) message.lastError = String(row['last_error']);
  if (row['settled_at'] !== null && row['settled_at'] !== undefined) message.settledAt = Number(row['settled_at']);
  return message;
}
