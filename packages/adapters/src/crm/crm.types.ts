// The contract shared by the CRM adapters (HubSpot, Salesforce): one resilient HTTP client and one
// outbox for write-backs. Implementations: createCrmHttpClient.ts and outbox/ (this folder).

/** What a CRM adapter's HTTP client is built from. */
export interface CrmHttpOptions {
  /** Adapter name for errors: `hubspot`, `salesforce`. */
  adapter: string;
  /** The API origin, e.g. `https://api.hubapi.com`. https only; http only for loopback (tests). */
  baseUrl: string;
  /** Bearer token. Never logged; redacted from every error message and cause. */
  token: string;
  /** Injected `fetch` (default the global one). */
  fetch?: typeof fetch;
  /** Per-attempt timeout in ms (default 30 000). */
  timeoutMs?: number;
  /** Retries after the first attempt for 429, 5xx, timeouts and network errors (default 4). */
  retries?: number;
  /** Backoff: first delay in ms (default 500), doubled per retry up to `maxDelayMs` (default 30 000), with full jitter. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Client-side rate limit: at most `requests` per `perMs` (the vendor's burst limit). */
  rateLimit?: { requests: number; perMs: number };
  /** Waits (default setTimeout); injectable so tests run without real delays. */
  sleep?: (ms: number) => Promise<void>;
  /** Random source for jitter (default Math.random). */
  random?: () => number;
  /** Clock in epoch ms (default Date.now): rate-limit windows and `Retry-After` HTTP-dates. */
  now?: () => number;
}

/** One request. `path` is relative to `baseUrl` (or an absolute URL on the same origin, e.g. Salesforce's `nextRecordsUrl`). */
export interface CrmRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Sent as the `Idempotency-Key` header (and used by the outbox to deliver exactly once). */
  idempotencyKey?: string;
  /** Extra headers (never `Authorization`: the client sets it). */
  headers?: Record<string, string>;
  /**
   * The code of a 400/409/422 answer: default `invalid_record` for POST/PATCH/PUT (a write the vendor
   * refused), `invalid_option` for GET/DELETE. A search sent as POST passes `invalid_option`.
   */
  badRequestCode?: 'invalid_record' | 'invalid_option';
}

/**
 * The `cause` of an AdapterError raised for an HTTP answer: status and the vendor's error body (parsed
 * JSON when it was JSON, else text), both with the token redacted. Lets adapters read e.g. Salesforce's
 * `[{ errorCode, message, fields }]` or HubSpot's `{ category, message }`.
 */
export interface CrmHttpFailure extends Error {
  status?: number;
  body?: unknown;
  /** Attempts made (1 = no retry). */
  attempts: number;
}

/**
 * The HTTP client every CRM adapter uses. Errors are `AdapterError`s with the token redacted:
 * `invalid_config` (bad baseUrl/token at creation, 401/403), `invalid_option` (a path on another origin,
 * 400 on a read), `invalid_record` (400/409/422 on a write), `not_found` (404/410), and after the retries
 * `rate_limited` (429), `timeout`, `unavailable` (5xx, network error, truncated or invalid JSON).
 */
export interface CrmHttpClient {
  /** Sends a request with retries and rate limiting; resolves with the parsed JSON body (undefined for 204). Truncated or invalid JSON is an error, never an empty page. */
  request<T = unknown>(request: CrmRequest): Promise<T>;
}

/** A write waiting to reach the CRM. */
export interface OutboxMessage {
  /** Stable idempotency key: the same logical write always has the same key (e.g. `disposition:<leadId>:<at>`). */
  key: string;
  /** Which adapter delivers it. */
  adapter: string;
  /** What to do (adapter-defined, e.g. `hubspot.disposition`), with its JSON payload. */
  kind: string;
  payload: unknown;
  /** Epoch ms when it was enqueued. */
  createdAt: number;
  attempts: number;
  /** Epoch ms before which it is not retried. */
  notBefore: number;
  /** The last error (redacted), if any. */
  lastError?: string;
  /** `pending` until delivered; `dead` when a permanent error (e.g. `invalid_record`) stopped it. Stores fill it in. */
  status?: OutboxStatus;
  /** Epoch ms of the delivery (status `delivered`) or of the permanent failure (status `dead`). */
  settledAt?: number;
}

/** Where an outbox message stands. */
export type OutboxStatus = 'pending' | 'delivered' | 'dead';

/** Where outbox messages wait. Implementations: memory and DuckDB (a file, so they survive a restart). */
export interface OutboxStore {
  /** Adds a message unless one with the same key exists (then it is a no-op and returns false). */
  enqueue(message: Omit<OutboxMessage, 'attempts' | 'notBefore'>): Promise<boolean>;
  /** Messages due at `now` (not delivered, `notBefore <= now`), oldest first, at most `limit`. */
  due(now: number, limit: number): Promise<OutboxMessage[]>;
  /** Marks a message delivered (it is never returned again). */
  markDelivered(key: string, at: number): Promise<void>;
  /** Records a failed attempt and when to try again. */
  markFailed(key: string, error: string, notBefore: number): Promise<void>;
  /** Messages not yet delivered (and not dead), oldest first. */
  pending(): Promise<OutboxMessage[]>;
  /** Records a permanent failure: the message is kept with its error but never returned by `due`/`pending`. */
  markDead(key: string, error: string, at: number): Promise<void>;
  /** One message by key, whatever its status. */
  get(key: string): Promise<OutboxMessage | undefined>;
  /** Every message, oldest first, whatever its status. */
  list(): Promise<OutboxMessage[]>;
  close?(): Promise<void>;
}

/** Retry schedule of the outbox: exponential with full jitter, or a function of the attempt count (1, 2, …). */
export type OutboxBackoff =
  | { baseDelayMs?: number; maxDelayMs?: number; random?: () => number }
  | ((attempts: number) => number);

/** What `createOutbox` is built from. */
export interface OutboxOptions {
  store: OutboxStore;
  /** Sends one message to the CRM (pass `message.key` as the request's `idempotencyKey`). Resolve only once the CRM accepted it. */
  deliver: (message: OutboxMessage) => Promise<void>;
  /** Clock in epoch ms (default Date.now). */
  now?: () => number;
  /** Waits between background flushes (default setTimeout). */
  sleep?: (ms: number) => Promise<void>;
  /** Delay before retrying a failed message (default base 1 000 ms, max 300 000 ms, full jitter). */
  backoff?: OutboxBackoff;
  /** Errors that are never retried (default: an AdapterError `invalid_record`); such messages become `dead`. */
  isPermanent?: (error: unknown) => boolean;
  /** Messages handled per flush (default 100). */
  batchSize?: number;
  /** Told about errors of the background loop (store failures); delivery failures are recorded on the message. */
  onError?: (error: unknown) => void;
  /**
   * Which messages of the store this outbox handles (default all). Others are left untouched by `flush`,
   * `send` and `pending`, so several adapters can share one store, each with its own outbox.
   */
  handles?: (message: OutboxMessage) => boolean;
  /**
   * The ordering group of a message (default `message.adapter`): a message waiting for its retry holds
   * back the later messages of its group, and `send` delivers the older ones of its group first.
   * E.g. `(m) => m.payload.leadId` keeps writes to one record in order without holding the others.
   */
  orderKey?: (message: OutboxMessage) => string;
}

/** What `Outbox.send` / `Outbox.deliverNow` did for one message. */
export interface OutboxSendResult {
  /** `delivered` (now or before), `pending` (queued for a later `flush`) or `dead` (refused for good, now or before). */
  status: OutboxStatus;
  /** The message as stored after the attempt. */
  message: OutboxMessage;
  /** False when the key was stored already (a repeat of the same write); `send` only. */
  created: boolean;
  /**
   * The error of this call, when the message did not get through: its own delivery error, or the error
   * of an older message of its group that held it back (it was then not attempted). Absent when the
   * message was settled before the call.
   */
  error?: unknown;
}

/** What one `flush` did. */
export interface OutboxFlushResult {
  delivered: number;
  failed: number;
  dead: number;
}

/** Writes that survive a CRM outage and a restart: at-least-once delivery with stable idempotency keys. */
export interface Outbox {
  /** Stores a write (idempotent by `key`: false when the key exists). Delivery happens on `flush`. */
  enqueue(
    message: Omit<OutboxMessage, 'attempts' | 'notBefore' | 'createdAt' | 'status' | 'settledAt' | 'lastError'> & {
      createdAt?: number;
    },
  ): Promise<boolean>;
  /** Delivers due messages oldest first (per ordering group, in order: a message waiting for a retry holds back the later ones of its group). */
  flush(): Promise<OutboxFlushResult>;
  /**
   * Enqueues the message, then tries it once at once (see `deliverNow`). Never rejects for a delivery
   * failure: the result says whether it was delivered, is queued (`pending`) or is `dead`.
   */
  send(
    message: Omit<OutboxMessage, 'attempts' | 'notBefore' | 'createdAt' | 'status' | 'settledAt' | 'lastError'> & {
      createdAt?: number;
    },
  ): Promise<OutboxSendResult>;
  /**
   * Tries a pending message once now, ignoring its back-off: the older pending messages of its group go
   * first, and if one of them fails (not permanently) this one is left queued, not attempted. A message
   * already delivered or dead is returned as it is. Runs one at a time with `flush`.
   */
  deliverNow(key: string): Promise<OutboxSendResult>;
  /** Flushes every `intervalMs` in the background until `stop`. */
  start(options?: { intervalMs?: number }): void;
  /** Stops the background loop; resolves once a running flush or delivery has ended. */
  stop(): Promise<void>;
  /** Messages not yet delivered (of those this outbox `handles`), oldest first. */
  pending(): Promise<OutboxMessage[]>;
}
