import type { ServerResponse } from 'node:http';
import { type SeenRequest, sendJson } from '../../__fixtures__/startTestServer';

/**
 * @name idempotentVendor
 * @category Testing
 * @summary A CRM write endpoint modelled as a vendor with `Idempotency-Key` support: the first request with a key is applied, later ones replay its answer.
 *
 * @example
 * const vendor = idempotentVendor(); const server = await startTestServer((req, res, seen) => vendor.handle(res, seen))
 */
export function idempotentVendor() {
  const applied = new Map<string, { id: string; body: unknown }>();
  /** Keys in the order their write took effect (one entry per effect). */
  const applications: string[] = [];
  return {
    applied,
    applications,
    /** Applies (or replays) the write; `respond: false` applies it but leaves the answer to the caller (to hang it). */
    handle(res: ServerResponse, seen: SeenRequest, respond = true): void {
      const key = seen.headers['idempotency-key'];
      if (typeof key !== 'string' || key === '') {
        sendJson(res, 400, { status: 'error', message: 'Idempotency-Key is required', category: 'VALIDATION_ERROR' });
        return;
      }
      let result = applied.get(key);
      if (!result) {
        result = { id: String(applied.size + 1), body: JSON.parse(seen.body || 'null') as unknown };
        applied.set(key, result);
        applications.push(key);
      }
      if (respond) sendJson(res, 200, { id: result.id, properties: result.body });
    },
  };
}
