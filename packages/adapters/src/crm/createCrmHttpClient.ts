import { AdapterError } from '../contract/AdapterError';
import type { AdapterErrorCode } from '../contract/adapter.types';
import { redactedError, redactText, redactValue, tokenForms } from './_redact';
import type { CrmHttpClient, CrmHttpFailure, CrmHttpOptions, CrmRequest } from './crm.types';

const METHODS = new Set(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']);
const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);
const MAX_VENDOR_MESSAGE = 500;

type Attempt =
  | { kind: 'ok'; value: unknown }
  | { kind: 'fail'; code: AdapterErrorCode; message: string; cause: Error }
  | { kind: 'retry'; code: AdapterErrorCode; message: string; cause: Error; retryAfterMs?: number };

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * @name createCrmHttpClient
 * @category Adapters
 * @summary The resilient JSON-over-HTTPS client the CRM adapters share: bearer auth, timeouts, bounded retries with jittered backoff, `Retry-After`, client-side rate limiting, and the token redacted from every error.
 *
 * @description
 * - Only `https:` base URLs are accepted, except `http:` on loopback (127.0.0.1, ::1, localhost) for
 *   tests; anything else (or a missing/blank token) throws an `invalid_config` AdapterError at once.
 *   A request path is resolved against `baseUrl`; an absolute URL (Salesforce's `nextRecordsUrl` is a
 *   path, but a full URL is accepted) must keep the base's origin, else `invalid_option`: the token is
 *   never sent elsewhere.
 * - Each attempt has its own timeout (AbortController). 429, 408, 5xx, timeouts, network errors and a
 *   body that is cut off or not JSON are retried up to `retries` times: `Retry-After` (seconds or an
 *   HTTP-date) is honoured, otherwise the delay is full-jitter exponential backoff
 *   (`random() * min(maxDelayMs, baseDelayMs * 2^n)`). A `Retry-After` longer than `maxDelayMs` is
 *   not waited for: the call fails `rate_limited` at once.
 * - HubSpot's `X-HubSpot-RateLimit-Remaining: 0` (with `-Interval-Milliseconds`) or
 *   `X-HubSpot-RateLimit-Secondly-Remaining: 0` holds back the next requests until the interval ends;
 *   `rateLimit` spaces requests in a sliding window on the client side.
 * - 401/403 → `invalid_config`, 404/410 → `not_found`, other 4xx → `request.badRequestCode`
 *   (`invalid_record` for writes, `invalid_option` for reads), never retried. The error's `cause` is a
 *   {@link CrmHttpFailure} carrying the status and the vendor's error body, redacted.
 *
 * @example
 * const http = createCrmHttpClient({ adapter: 'hubspot', baseUrl: 'https://api.hubapi.com', token, rateLimit: { requests: 100, perMs: 10_000 } })
 * const page = await http.request<{ results: unknown[] }>({ method: 'GET', path: '/crm/v3/objects/contacts', query: { limit: 100 } })
 */
export function createCrmHttpClient(options: CrmHttpOptions): CrmHttpClient {
  const adapter = typeof options?.adapter === 'string' && options.adapter.trim() !== '' ? options.adapter : 'crm';
  const token = options?.token;
  if (typeof token !== 'string' || token.trim() === '')
    throw new AdapterError(adapter, 'invalid_config', 'Missing required option "token" (a non-empty string).');
  // A token with whitespace or control characters would be rejected by `fetch` in an error quoting it.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is rejected
  if (/[\s\u0000-\u001f\u007f]/.test(token))
    throw new AdapterError(
      adapter,
      'invalid_config',
      'Option "token" must not contain whitespace or control characters.',
    );
  const forms = tokenForms(token);
  const base = checkBaseUrl(adapter, options.baseUrl, forms);
  const timeoutMs = positive(adapter, 'timeoutMs', options.timeoutMs, 30_000);
  const retries = count(adapter, 'retries', options.retries, 4);
  const baseDelayMs = positive(adapter, 'baseDelayMs', options.baseDelayMs, 500, true);
  const maxDelayMs = positive(adapter, 'maxDelayMs', options.maxDelayMs, 30_000, true);
  const rateLimit = options.rateLimit;
  if (rateLimit !== undefined) {
    count(adapter, 'rateLimit.requests', rateLimit?.requests, 1);
    positive(adapter, 'rateLimit.perMs', rateLimit?.perMs, 1);
    if (rateLimit.requests < 1)
      throw new AdapterError(adapter, 'invalid_config', 'Option "rateLimit.requests" must be at least 1.');
  }
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function')
    throw new AdapterError(adapter, 'invalid_config', 'No fetch implementation: pass option "fetch".');
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;

  // Sliding window over the start times granted so far (possibly in the future) plus a vendor hold.
  const granted: number[] = [];
  let heldUntil = 0;
  const hold = (until: number) => {
    heldUntil = Math.max(heldUntil, until);
  };
  async function acquire(): Promise<void> {
    const t = now();
    let at = Math.max(t, heldUntil);
    if (rateLimit) {
      while (granted.length > 0 && (granted[0] as number) <= t - rateLimit.perMs) granted.shift();
      if (granted.length >= rateLimit.requests)
        at = Math.max(at, (granted[granted.length - rateLimit.requests] as number) + rateLimit.perMs);
      granted.push(at);
    }
    if (at > t) await sleep(at - t);
  }

  const failure = (message: string, extra: Partial<CrmHttpFailure> = {}): Error =>
    Object.assign(new Error(redactText(message, forms)), { name: 'CrmHttpFailure', attempts: 1, ...extra });

  function resolveUrl(request: CrmRequest): URL {
    if (typeof request?.path !== 'string' || request.path === '')
      throw new AdapterError(adapter, 'invalid_option', 'request.path must be a non-empty string.');
    let url: URL;
    try {
      url = new URL(request.path, base);
    } catch {
      throw new AdapterError(adapter, 'invalid_option', 'request.path is not a valid URL path.');
    }
    if (url.origin !== base.origin)
      throw new AdapterError(
        adapter,
        'invalid_option',
        `request.path leads to another origin (${redactText(url.origin, forms)}); only ${base.origin} receives the token.`,
      );
    for (const [name, value] of Object.entries(request.query ?? {}))
      if (value !== undefined) url.searchParams.append(name, String(value));
    return url;
  }

  async function attempt(url: URL, init: RequestInit, request: CrmRequest, label: string): Promise<Attempt> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      let response: Response;
      try {
        response = await fetchImpl(url, { ...init, signal: controller.signal });
      } catch (error) {
        if (timedOut)
          return {
            kind: 'retry',
            code: 'timeout',
            message: `${label}: no answer within ${timeoutMs} ms`,
            cause: redactedError(error, forms),
          };
        return {
          kind: 'retry',
          code: 'unavailable',
          message: `${label}: network error`,
          cause: redactedError(error, forms),
        };
      }
      noteRateLimitHeaders(response.headers);
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await response.arrayBuffer());
      } catch (error) {
        if (timedOut)
          return {
            kind: 'retry',
            code: 'timeout',
            message: `${label}: the body did not arrive within ${timeoutMs} ms`,
            cause: redactedError(error, forms),
          };
        return {
          kind: 'retry',
          code: 'unavailable',
          message: `${label}: the response body was cut off`,
          cause: redactedError(error, forms),
        };
      }
      const declared = response.headers.get('content-length');
      if (declared !== null && !response.headers.get('content-encoding') && Number(declared) !== bytes.length)
        return {
          kind: 'retry',
          code: 'unavailable',
          message: `${label}: the response body was cut off (${bytes.length} of ${declared} bytes)`,
          cause: failure('Content-Length mismatch', { status: response.status }),
        };
      const text = new TextDecoder().decode(bytes);
      const status = response.status;
      if (status >= 200 && status < 300) {
        if (status === 204 || status === 205 || (bytes.length === 0 && request.method !== 'GET'))
          return { kind: 'ok', value: undefined };
        try {
          return { kind: 'ok', value: JSON.parse(text) };
        } catch (error) {
          return {
            kind: 'retry',
            code: 'unavailable',
            message: `${label}: the response body is not complete JSON (${bytes.length} bytes)`,
            cause: failure(`invalid JSON: ${redactedError(error, forms).message}`, { status }),
          };
        }
      }
      const body = parseErrorBody(text);
      const vendor = vendorMessage(body);
      const message = `${label} answered ${status}${vendor ? `: ${vendor}` : ''}`;
      const cause = failure(message, { status, body: redactValue(body, forms) });
      if (status === 429 || status === 503 || status === 408 || status >= 500) {
        const retryAfterMs =
          parseRetryAfter(response.headers.get('retry-after'), now) ?? hubspotWait(response.headers, status);
        const code: AdapterErrorCode = status === 429 ? 'rate_limited' : status === 408 ? 'timeout' : 'unavailable';
        return { kind: 'retry', code, message, cause, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
      }
      if (status === 401 || status === 403)
        return { kind: 'fail', code: 'invalid_config', message: `${message} (check the token and its scopes)`, cause };
      if (status === 404 || status === 410) return { kind: 'fail', code: 'not_found', message, cause };
      const code =
        request.badRequestCode ??
        (request.method === 'GET' || request.method === 'DELETE' ? 'invalid_option' : 'invalid_record');
      return { kind: 'fail', code, message, cause };
    } finally {
      clearTimeout(timer);
    }
  }

  function noteRateLimitHeaders(headers: Headers): void {
    const remaining = headers.get('x-hubspot-ratelimit-remaining');
    const interval = Number(headers.get('x-hubspot-ratelimit-interval-milliseconds'));
    if (remaining !== null && Number(remaining) <= 0 && Number.isFinite(interval) && interval > 0)
      hold(now() + Math.min(interval, maxDelayMs));
    if (headers.get('x-hubspot-ratelimit-secondly-remaining') === '0') hold(now() + 1000);
  }

  function hubspotWait(headers: Headers, status: number): number | undefined {
    if (status !== 429) return undefined;
    const interval = Number(headers.get('x-hubspot-ratelimit-interval-milliseconds'));
    return Number.isFinite(interval) && interval > 0 && headers.get('x-hubspot-ratelimit-remaining') === '0'
      ? interval
      : undefined;
  }

  async function request<T = unknown>(request: CrmRequest): Promise<T> {
    if (!METHODS.has(request?.method))
      throw new AdapterError(adapter, 'invalid_option', `request.method must be one of ${[...METHODS].join(', ')}.`);
    const url = resolveUrl(request);
    const label = `${request.method} ${redactText(url.pathname, forms)}`;
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers ?? {})) {
      if (name.toLowerCase() === 'authorization')
        throw new AdapterError(adapter, 'invalid_option', 'request.headers must not set Authorization.');
      headers.set(name, value);
    }
    headers.set('authorization', `Bearer ${token}`);
    headers.set('accept', 'application/json');
    if (request.idempotencyKey !== undefined) headers.set('idempotency-key', request.idempotencyKey);
    const init: RequestInit = { method: request.method, headers };
    if (request.body !== undefined) {
      headers.set('content-type', 'application/json');
      init.body = JSON.stringify(request.body);
    }
    for (let attempts = 1; ; attempts++) {
      await acquire();
      const outcome = await attempt(url, init, request, label);
      if (outcome.kind === 'ok') return outcome.value as T;
      Object.assign(outcome.cause, { attempts });
      const error = () =>
        new AdapterError(
          adapter,
          outcome.code,
          redactText(`${outcome.message} (after ${attempts} attempt${attempts === 1 ? '' : 's'})`, forms),
          {
            cause: outcome.cause,
          },
        );
      if (outcome.kind === 'fail' || attempts > retries) throw error();
      if (outcome.retryAfterMs !== undefined) {
        if (outcome.retryAfterMs > maxDelayMs)
          throw new AdapterError(
            adapter,
            outcome.code,
            redactText(
              `${outcome.message}; the server asks to wait ${Math.ceil(outcome.retryAfterMs / 1000)} s, more than maxDelayMs`,
              forms,
            ),
            { cause: outcome.cause },
          );
        hold(now() + outcome.retryAfterMs);
      } else {
        await sleep(Math.floor(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempts - 1))));
      }
    }
  }

  return { request };
}

function checkBaseUrl(adapter: string, baseUrl: unknown, forms: readonly string[]): URL {
  if (typeof baseUrl !== 'string' || baseUrl === '')
    throw new AdapterError(adapter, 'invalid_config', 'Missing required option "baseUrl" (an https URL).');
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new AdapterError(adapter, 'invalid_config', 'Option "baseUrl" is not a valid URL.');
  }
  if (url.username || url.password)
    throw new AdapterError(adapter, 'invalid_config', 'Option "baseUrl" must not carry credentials; pass "token".');
  const loopback = LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
    throw new AdapterError(
      adapter,
      'invalid_config',
      redactText(
        `Option "baseUrl" must use https (http only on 127.0.0.1, ::1 or localhost); got ${url.protocol}//${url.host}.`,
        forms,
      ),
    );
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`;
  return url;
}

function positive(adapter: string, name: string, value: unknown, fallback: number, zeroOk = false): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (!zeroOk && value === 0))
    throw new AdapterError(
      adapter,
      'invalid_config',
      `Option "${name}" must be a ${zeroOk ? 'non-negative' : 'positive'} finite number.`,
    );
  return value;
}

function count(adapter: string, name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw new AdapterError(adapter, 'invalid_config', `Option "${name}" must be a non-negative integer.`);
  return value;
}

/** `Retry-After` in ms: delta-seconds or an HTTP-date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
function parseRetryAfter(header: string | null, now: () => number): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}

function parseErrorBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text.slice(0, MAX_VENDOR_MESSAGE);
  }
}

/** HubSpot's `{ message, category }`, Salesforce's `[{ message, errorCode }]`, or a short text body. */
function vendorMessage(body: unknown): string {
  const one = (item: unknown): string => {
    if (typeof item === 'string') return item;
    if (item === null || typeof item !== 'object') return '';
    const { message, errorCode, category, error, error_description } = item as Record<string, unknown>;
    const code =
      typeof errorCode === 'string'
        ? errorCode
        : typeof category === 'string'
          ? category
          : typeof error === 'string'
            ? error
            : '';
    const text = typeof message === 'string' ? message : typeof error_description === 'string' ? error_description : '';
    return code && text ? `${text} (${code})` : text || code;
  };
  const text = Array.isArray(body) ? body.map(one).filter(Boolean).join('; ') : one(body);
  return text.length > MAX_VENDOR_MESSAGE ? `${text.slice(0, MAX_VENDOR_MESSAGE)}…` : text;
}
