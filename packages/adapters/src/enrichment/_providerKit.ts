// Helpers the vendor providers share: the HTTP client, value readers that never guess, domain hygiene.
import { AdapterError } from '../contract/AdapterError';
import { createCrmHttpClient } from '../crm/createCrmHttpClient';
import type { CrmHttpClient } from '../crm/crm.types';
import type { EnrichedValue, EnrichmentProviderOptions } from './enrichment.types';

/** The provider's HTTP client: createCrmHttpClient with the key as token (so it is redacted everywhere). */
export function providerClient(
  name: string,
  defaultBaseUrl: string,
  options: EnrichmentProviderOptions,
): CrmHttpClient {
  if (options === null || typeof options !== 'object')
    throw new AdapterError(name, 'invalid_config', 'Missing options (an object with "apiKey").');
  if (typeof options.apiKey !== 'string' || options.apiKey.trim() === '')
    throw new AdapterError(name, 'invalid_config', 'Missing required option "apiKey" (a non-empty string).');
  return createCrmHttpClient({
    ...options.http,
    adapter: name,
    baseUrl: options.baseUrl ?? defaultBaseUrl,
    token: options.apiKey,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

/** Runs a request; a vendor 404 (no such company) is a no-match, not an error. */
export async function orNull<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof AdapterError && error.code === 'not_found') return null;
    throw error;
  }
}

/** Checks a configured confidence prior. */
export function confidenceOption(name: string, option: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value >= 0 && value <= 1))
    throw new AdapterError(name, 'invalid_config', `Option "${option}" must be a number between 0 and 1.`);
  return value;
}

/** Lower case, no scheme, no `www.`, no path or trailing dot; `undefined` when nothing is left. */
export function normaliseDomain(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const host = value
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/:\d+$/, '')
    .replace(/^www\./, '')
    .replace(/\.$/, '');
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) ? host : undefined;
}

/** Lower-cased, trimmed e-mail address, or `undefined` when it is not one. */
export function normaliseEmail(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const email = value.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : undefined;
}

/** Builds the fields of a result from readers; absent values stay absent. */
export function found<T>(value: T | undefined, confidence: number, source: string): EnrichedValue<T> | undefined {
  return value === undefined ? undefined : { value, confidence, source };
}

/** A non-empty trimmed string, else undefined. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** A finite non-negative number (or a numeric string), else undefined. */
export function amount(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** A non-empty list of distinct non-empty strings, else undefined. */
export function names(values: unknown, pick: (item: unknown) => unknown = (item) => item): string[] | undefined {
  if (!Array.isArray(values)) return undefined;
  const out = [...new Set(values.map((item) => text(pick(item))).filter((item): item is string => item !== undefined))];
  return out.length > 0 ? out : undefined;
}

/** Drops undefined members so absent fields are really absent. */
export function compact<T extends object>(record: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined) out[key] = value;
  return out as T;
}

/** A plain object, else undefined. */
export function objectOf(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The vendor's id as a string. */
export function idOf(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : text(value);
}
