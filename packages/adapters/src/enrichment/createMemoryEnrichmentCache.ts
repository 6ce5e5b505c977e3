import { AdapterError } from '../contract/AdapterError';
import type { EnrichmentCache, EnrichmentResult, MemoryEnrichmentCacheOptions } from './enrichment.types';

/**
 * @name createMemoryEnrichmentCache
 * @category Adapters
 * @summary An in-process {@link EnrichmentCache} with a TTL and a size bound (oldest dropped first).
 *
 * @example
 * const cache = createMemoryEnrichmentCache({ ttlMs: 86_400_000 })
 */
export function createMemoryEnrichmentCache(options: MemoryEnrichmentCacheOptions = {}): EnrichmentCache {
  const ttlMs = options.ttlMs ?? 7 * 24 * 3_600_000;
  const maxEntries = options.maxEntries ?? 10_000;
  if (typeof ttlMs !== 'number' || !(ttlMs > 0))
    throw new AdapterError('enrichment', 'invalid_config', 'Option "ttlMs" must be a positive number.');
  if (!Number.isInteger(maxEntries) || maxEntries < 1)
    throw new AdapterError('enrichment', 'invalid_config', 'Option "maxEntries" must be a positive integer.');
  const now = options.now ?? Date.now;
  const entries = new Map<string, { value: EnrichmentResult | null; expiresAt: number }>();
  return {
    async get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      if (entry.expiresAt <= now()) {
        entries.delete(key);
        return undefined;
      }
      return structuredClone(entry.value);
    },
    async set(key, value) {
      entries.delete(key);
      entries.set(key, { value: structuredClone(value), expiresAt: now() + ttlMs });
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    },
  };
}
