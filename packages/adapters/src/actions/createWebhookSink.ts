import { createHmac, timingSafeEqual } from 'node:crypto';
import { AdapterError } from '../contract/AdapterError';
import { createCrmHttpClient } from '../crm/createCrmHttpClient';
import { checkEndpoint, checkSinkBasics, type SinkHttpOptions, tryJson, wrapFetch } from './_sinkHttp';
import type { AccordAction, ActionSink, SinkRequestPreview } from './actions.types';

const ADAPTER = 'webhook';
const DEFAULT_TOLERANCE_SECONDS = 300;
/** The default header names of a signed webhook. */
export const WEBHOOK_SIGNATURE_HEADER = 'X-Accord-Signature';
export const WEBHOOK_TIMESTAMP_HEADER = 'X-Accord-Timestamp';

/** What {@link createWebhookSink} is built from. */
export interface WebhookSinkOptions extends SinkHttpOptions {
  /** Where to POST (https; http only on loopback). The URL is not treated as a secret: put secrets in `secret`. */
  url: string;
  /** The shared HMAC secret (at least 16 characters). Never sent, never logged. */
  secret: string;
  /** The signature header (default `X-Accord-Signature`). */
  header?: string;
  /** The receiver's replay window in seconds (default 300). Each attempt is signed when sent, and its timeout is capped at half the window so it never arrives stale. */
  toleranceSeconds?: number;
  /** Sink name, also the outbox adapter (default `webhook`). */
  name?: string;
  /** Which actions it takes (default every action). */
  accepts?: (action: AccordAction) => boolean;
}

/** The JSON body a signed webhook carries. */
export interface WebhookActionBody {
  type: 'accord.action';
  /** The action's idempotency key (also the `Idempotency-Key` header): receivers apply a key once. */
  key: string;
  action: AccordAction;
}

/**
 * @name createWebhookSink
 * @category Actions
 * @summary A sink that POSTs each action as signed JSON: HMAC-SHA256 over `<timestamp>.<body>`, a timestamp against replays, and an `Idempotency-Key`.
 *
 * @description
 * Each delivery is `POST url` with body {@link WebhookActionBody} and headers `X-Accord-Timestamp`
 * (unix seconds), `X-Accord-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>` and
 * `Idempotency-Key: <action.key>`. A receiver checks them with {@link verifyWebhookSignature} and applies
 * a key once: the outbox delivers at least once (a crash between the receiver's 2xx and the outbox's
 * record sends the same key again), the key makes that exactly one effect. Any 2xx is success (a JSON
 * body's `id` becomes the `externalId`); 429/5xx/timeouts are retried (honouring `Retry-After`),
 * 401/403 are `invalid_config`, other 4xx `invalid_record`. HTTP goes through createCrmHttpClient; the
 * secret is masked in every error and never sent (no `Authorization` header is sent).
 *
 * @example
 * const sink = createWebhookSink({ url: 'https://hooks.example.com/accord', secret: process.env.ACCORD_WEBHOOK_SECRET })
 */
export function createWebhookSink(options: WebhookSinkOptions): ActionSink {
  const name = checkSinkBasics(ADAPTER, options, 'webhook');
  const url = checkEndpoint(ADAPTER, 'url', options?.url);
  const secret = options.secret;
  if (typeof secret !== 'string' || secret.length < 16)
    throw new AdapterError(ADAPTER, 'invalid_config', 'Option "secret" must be a string of at least 16 characters.');
  const header = options.header ?? WEBHOOK_SIGNATURE_HEADER;
  if (typeof header !== 'string' || !/^[A-Za-z0-9-]+$/.test(header) || header.toLowerCase() === 'authorization')
    throw new AdapterError(ADAPTER, 'invalid_config', 'Option "header" must be an HTTP header name.');
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (typeof tolerance !== 'number' || !Number.isFinite(tolerance) || tolerance < 1)
    throw new AdapterError(ADAPTER, 'invalid_config', 'Option "toleranceSeconds" must be a number of at least 1.');
  const now = options.now ?? Date.now;
  const accepts = options.accepts ?? (() => true);
  const http = createCrmHttpClient({
    adapter: name,
    baseUrl: url.origin,
    token: secret,
    timeoutMs: Math.min(options.timeoutMs ?? 30_000, (tolerance * 1000) / 2),
    ...(options.retries === undefined ? {} : { retries: options.retries }),
    ...(options.baseDelayMs === undefined ? {} : { baseDelayMs: options.baseDelayMs }),
    ...(options.maxDelayMs === undefined ? {} : { maxDelayMs: options.maxDelayMs }),
    ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
    ...(options.random === undefined ? {} : { random: options.random }),
    now,
    fetch: wrapFetch(options.fetch, {
      stripAuthorization: true,
      // Each attempt (the client's retries included) is stamped and signed at the moment it is sent, so a
      // retry after a long Retry-After is still inside the receiver's replay window.
      beforeSend: (headers, raw) => {
        const timestamp = String(Math.floor(now() / 1000));
        headers.set(WEBHOOK_TIMESTAMP_HEADER, timestamp);
        headers.set(header, `v1=${sign(secret, timestamp, raw)}`);
      },
      // Receivers answer 2xx with anything (empty, `ok`, JSON): a 2xx is success whatever its body.
      rewrite: (status, text) =>
        status >= 200 && status < 300
          ? {
              status: 200,
              body: JSON.stringify(tryJson(text) ?? null),
              headers: { 'content-type': 'application/json' },
            }
          : undefined,
    }),
  });
  const path = `${url.pathname}${url.search}`;

  function bodyOf(action: AccordAction): WebhookActionBody {
    if (!action || typeof action.key !== 'string' || action.key === '')
      throw new AdapterError(name, 'invalid_record', 'Action: missing "key".');
    return { type: 'accord.action', key: action.key, action };
  }

  return {
    name,
    accepts: (action) => accepts(action),
    async deliver(action) {
      const answer = await http.request<unknown>({
        method: 'POST',
        path,
        body: bodyOf(action),
        idempotencyKey: action.key,
      });
      const id = (answer as { id?: unknown } | null)?.id;
      return typeof id === 'string' || typeof id === 'number' ? { externalId: String(id) } : {};
    },
    preview(action): SinkRequestPreview {
      return {
        method: 'POST',
        url: `${url.origin}${url.pathname}${url.search ? '?***' : ''}`,
        body: bodyOf(action),
      };
    },
  };
}

/** Why {@link verifyWebhookSignature} refused a request. */
export type WebhookSignatureFailure =
  | 'missing_timestamp'
  | 'missing_signature'
  | 'malformed_timestamp'
  | 'stale'
  | 'future'
  | 'mismatch';

/** The outcome of {@link verifyWebhookSignature}. */
export type WebhookSignatureResult = { ok: true; timestamp: number } | { ok: false; reason: WebhookSignatureFailure };

/** Options of {@link verifyWebhookSignature}. */
export interface VerifyWebhookSignatureOptions {
  /** Clock in epoch ms (default Date.now). */
  now?: number | (() => number);
  /** Replay window in seconds (default 300): older or newer timestamps are refused. */
  toleranceSeconds?: number;
  /** The signature header (default `X-Accord-Signature`). */
  header?: string;
}

/**
 * @name verifyWebhookSignature
 * @category Actions
 * @summary Checks a signed Accord webhook on the receiving side: the HMAC over `<timestamp>.<raw body>`, in constant time, within the replay window.
 *
 * @description
 * Pass the raw body exactly as received (string or bytes; not re-serialised JSON) and the request's
 * headers (a `Headers`, or Node's `IncomingHttpHeaders`). Refuses a missing or malformed timestamp, one
 * more than `toleranceSeconds` in the past (`stale`) or future (`future`), and any signature that is not
 * `v1=` + the expected hex (compared with `timingSafeEqual`; several comma-separated `v1=` values are
 * accepted, for secret rotation on the sender). Never throws for a bad request and never puts the
 * secret or the expected signature in its answer. Apply the `Idempotency-Key` once on top of it.
 *
 * @example
 * const check = verifyWebhookSignature(rawBody, req.headers, secret)
 * if (!check.ok) return res.writeHead(401).end(check.reason)
 */
export function verifyWebhookSignature(
  body: string | Uint8Array,
  headers: Headers | Record<string, string | string[] | undefined>,
  secret: string,
  options: VerifyWebhookSignatureOptions = {},
): WebhookSignatureResult {
  if (typeof secret !== 'string' || secret === '')
    throw new AdapterError(ADAPTER, 'invalid_config', 'verifyWebhookSignature: "secret" must be a non-empty string.');
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const nowMs = typeof options.now === 'function' ? options.now() : (options.now ?? Date.now());
  const timestamp = headerValue(headers, WEBHOOK_TIMESTAMP_HEADER);
  if (timestamp === undefined) return { ok: false, reason: 'missing_timestamp' };
  const signature = headerValue(headers, options.header ?? WEBHOOK_SIGNATURE_HEADER);
  if (signature === undefined) return { ok: false, reason: 'missing_signature' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed_timestamp' };
  const seconds = Number(timestamp);
  const skew = nowMs / 1000 - seconds;
  if (skew > tolerance) return { ok: false, reason: 'stale' };
  if (skew < -tolerance) return { ok: false, reason: 'future' };
  const raw = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
  const expected = createHmac('sha256', secret)
    .update(Buffer.concat([Buffer.from(`${timestamp}.`, 'utf8'), raw]))
    .digest();
  let match = false;
  for (const part of signature.split(',')) {
    const [version, hex] = part.trim().split('=', 2);
    if (version !== 'v1' || hex === undefined || !/^[0-9a-f]{64}$/i.test(hex)) continue;
    // Every candidate is compared (no early exit), in constant time.
    if (timingSafeEqual(Buffer.from(hex, 'hex'), expected)) match = true;
  }
  return match ? { ok: true, timestamp: seconds } : { ok: false, reason: 'mismatch' };
}

/** The hex HMAC-SHA256 of `<timestamp>.<body>`. */
function sign(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

function headerValue(
  headers: Headers | Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers ?? {}))
    if (key.toLowerCase() === lower) return Array.isArray(value) ? value.join(',') : value;
  return undefined;
}
