import { toInstantMs } from '@accord/core';
import { AdapterError } from './AdapterError';
import type { ListedRecords, ListKind, ListOptions, Page, RevenueAdapter } from './adapter.types';

export const DEFAULT_LIMIT = 1_000;
export const MAX_LIMIT = 10_000;

/** The page size of a call, or an `invalid_option` error. */
export function pageLimit(adapter: string, options: ListOptions): number {
  const limit = options.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    throw new AdapterError(
      adapter,
      'invalid_option',
      `limit must be a whole number from 1 to ${MAX_LIMIT}, got ${String(limit)}`,
    );
  return limit;
}

/** The `updatedSince` instant in epoch ms (NaN when absent), or an `invalid_option` error. */
export function updatedSince(adapter: string, options: ListOptions): number {
  const since = options.updatedSince;
  if (since === undefined) return Number.NaN;
  const ms = since instanceof Date ? since.getTime() : toInstantMs(since);
  if (Number.isNaN(ms))
    throw new AdapterError(
      adapter,
      'invalid_option',
      'updatedSince must be an ISO instant with an offset, epoch ms or a Date',
    );
  return ms;
}

/**
 * Keyset cursors: the sort key of the last record sent, for this kind and filter. Opaque to callers
 * (base64url JSON); a page that changes between calls never yields duplicates or gaps among the
 * records that were there all along.
 */
export function encodeCursor(kind: ListKind, after: string, since: number): string {
  return toBase64Url(JSON.stringify({ v: 1, k: kind, a: after, s: Number.isNaN(since) ? null : since }));
}

/** The key to continue after, or an `invalid_cursor` error (another kind, another filter, garbage). */
export function decodeCursor(
  adapter: string,
  kind: ListKind,
  cursor: string | null | undefined,
  since: number,
): string | null {
  if (cursor === undefined || cursor === null) return null;
  try {
    const parsed = JSON.parse(fromBase64Url(cursor)) as {
      v?: unknown;
      k?: unknown;
      a?: unknown;
      s?: unknown;
    };
    const sameFilter = parsed.s === (Number.isNaN(since) ? null : since);
    if (parsed.v === 1 && parsed.k === kind && typeof parsed.a === 'string' && sameFilter) return parsed.a;
  } catch {
    // fall through
  }
  throw new AdapterError(
    adapter,
    'invalid_cursor',
    `the cursor does not continue a ${kind} listing with these options; start again without one`,
  );
}

/** UTF-8 text → base64url (browsers and Node alike). */
function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** When a record last changed, as far as its own fields tell: the latest instant it carries. */
export function recordChangedAt(kind: ListKind, record: object): number {
  const r = record as Record<string, unknown>;
  const ms = (x: unknown) => (x === undefined ? Number.NaN : toInstantMs(x as string));
  switch (kind) {
    case 'leads': {
      let t = ms(r.createdAt);
      for (const v of Object.values((r.stageDates ?? {}) as Record<string, unknown>)) t = Math.max(t, ms(v));
      if (r.firstTouchAt !== undefined) t = Math.max(t, ms(r.firstTouchAt));
      const d = r.disposition as { at?: unknown } | undefined;
      if (d) t = Math.max(t, ms(d.at));
      return t;
    }
    case 'opportunities':
      return r.closedAt === undefined ? ms(r.createdAt) : Math.max(ms(r.createdAt), ms(r.closedAt));
    case 'spend':
      return Date.parse(`${String(r.periodEnd)}T23:59:59.999Z`);
    default:
      return ms(r.at);
  }
}

/** The five `list*` methods of an adapter, from one function that lists any kind. */
export function listMethods(
  list: <K extends ListKind>(kind: K, options?: ListOptions) => Promise<Page<ListedRecords[K]>>,
): Pick<RevenueAdapter, 'listLeads' | 'listActivities' | 'listTouchpoints' | 'listOpportunities' | 'listSpend'> {
  return {
    listLeads: (o) => list('leads', o),
    listActivities: (o) => list('activities', o),
    listTouchpoints: (o) => list('touchpoints', o),
    listOpportunities: (o) => list('opportunities', o),
    listSpend: (o) => list('spend', o),
  };
}
