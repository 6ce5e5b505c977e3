/**
 * HTTP plumbing shared by the action sinks. They all go through createCrmHttpClient (https only except
 * loopback, timeouts, retries with backoff, `Retry-After`, secret redaction); this file adapts the
 * services that do not speak plain JSON-with-status to it, by wrapping the injected `fetch`.
 */
import { AdapterError } from '../contract/AdapterError';
import type { CrmHttpOptions } from '../crm/crm.types';

/** The transport options every sink accepts (see CrmHttpOptions). */
export type SinkHttpOptions = Pick<
  CrmHttpOptions,
  'fetch' | 'timeoutMs' | 'retries' | 'baseDelayMs' | 'maxDelayMs' | 'sleep' | 'random' | 'now'
>;

/** What a wrapped fetch may turn an answer into: a status, a text body and headers. */
export interface RewrittenAnswer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

/**
 * A `fetch` that (1) drops the `Authorization` header when `stripAuthorization` (the CRM client always
 * sets one from its `token`, which for these sinks is only the secret to redact, never a credential to
 * send), and (2) lets `rewrite` turn an answer into another (e.g. Slack's `200 {ok:false}` into a 4xx,
 * or a 2xx `ok` text into JSON). A body that cannot be read is rethrown, so the client retries it.
 */
export function wrapFetch(
  base: typeof fetch | undefined,
  options: {
    stripAuthorization: boolean;
    /** Called before each attempt (retries included) with its headers and body, e.g. to sign it afresh. */
    beforeSend?: (headers: Headers, body: string) => void;
    rewrite?: (status: number, text: string, headers: Headers) => RewrittenAnswer | undefined;
  },
): typeof fetch {
  const inner = base ?? globalThis.fetch;
  return (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    if (options.stripAuthorization) headers.delete('authorization');
    options.beforeSend?.(headers, typeof init?.body === 'string' ? init.body : '');
    const nextInit: RequestInit = { ...init, headers };
    const response = await inner(input, nextInit);
    if (!options.rewrite) return response;
    const text = await response.text();
    const out = options.rewrite(response.status, text, response.headers) ?? {
      status: response.status,
      body: text,
      headers: pick(response.headers, ['content-type', 'retry-after']),
    };
    const empty = out.status === 204 || out.status === 205;
    return new Response(empty ? null : out.body, { status: out.status, headers: out.headers ?? {} });
  }) as typeof fetch;
}

/** The named headers that are present. */
export function pick(headers: Headers, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = headers.get(name);
    if (value !== null) out[name] = value;
  }
  return out;
}

/** Parses JSON, or undefined. */
export function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Checks a sink's endpoint: a URL, https (http only on loopback, for tests), no credentials in it. */
export function checkEndpoint(adapter: string, option: string, value: unknown): URL {
  if (typeof value !== 'string' || value === '')
    throw new AdapterError(adapter, 'invalid_config', `Missing required option "${option}" (an https URL).`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AdapterError(adapter, 'invalid_config', `Option "${option}" is not a valid URL.`);
  }
  const loopback = ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
    throw new AdapterError(
      adapter,
      'invalid_config',
      `Option "${option}" must use https (http only on 127.0.0.1, ::1 or localhost).`,
    );
  if (url.username || url.password)
    throw new AdapterError(adapter, 'invalid_config', `Option "${option}" must not carry credentials.`);
  return url;
}

/** Checks the common sink options (`name`, `accepts`). */
export function checkSinkBasics(
  adapter: string,
  options: { name?: unknown; accepts?: unknown } | undefined,
  fallbackName: string,
): string {
  const name = options?.name ?? fallbackName;
  if (typeof name !== 'string' || !/^[A-Za-z0-9._-]+$/.test(name))
    throw new AdapterError(adapter, 'invalid_config', 'Option "name" must be letters, digits, ".", "_" or "-".');
  if (options?.accepts !== undefined && typeof options.accepts !== 'function')
    throw new AdapterError(adapter, 'invalid_config', 'Option "accepts" must be a function of the action.');
  return name;
}
