import { describe, expect, it } from 'vitest';
import { createMemoryEnrichmentCache } from './createMemoryEnrichmentCache';
import { createTokenBucket } from './createTokenBucket';
import type { EnrichmentResult } from './enrichment.types';

const result: EnrichmentResult = {
  provider: 'apollo',
  recordId: '1',
  fields: { company: { value: 'Acme', confidence: 0.8, source: 'apollo' } },
};

describe('createMemoryEnrichmentCache', () => {
  it('remembers answers and no-matches until the TTL ends', async () => {
    let t = 0;
    const cache = createMemoryEnrichmentCache({ ttlMs: 1000, now: () => t });
    await cache.set('apollo|domain:acme.example', result);
    await cache.set('lusha|domain:acme.example', null);
    expect(await cache.get('apollo|domain:acme.example')).toEqual(result);
    expect(await cache.get('lusha|domain:acme.example')).toBeNull();
    expect(await cache.get('zoominfo|domain:acme.example')).toBeUndefined();
    t = 999;
    expect(await cache.get('apollo|domain:acme.example')).toEqual(result);
    t = 1000;
    expect(await cache.get('apollo|domain:acme.example')).toBeUndefined();
    expect(await cache.get('lusha|domain:acme.example')).toBeUndefined();
  });

  it('returns copies and drops the oldest entry beyond maxEntries', async () => {
    const cache = createMemoryEnrichmentCache({ maxEntries: 2 });
    await cache.set('a', result);
    const copy = await cache.get('a');
    (copy as EnrichmentResult).fields.company = { value: 'Changed', confidence: 1, source: 'x' };
    expect((await cache.get('a'))?.fields.company?.value).toBe('Acme');
    await cache.set('b', null);
    await cache.set('c', null);
    expect(await cache.get('a')).toBeUndefined();
    expect(await cache.get('c')).toBeNull();
  });

  it('refuses bad options', () => {
    expect(() => createMemoryEnrichmentCache({ ttlMs: 0 })).toThrow(/ttlMs/);
    expect(() => createMemoryEnrichmentCache({ maxEntries: 0 })).toThrow(/maxEntries/);
  });
});

describe('createTokenBucket', () => {
  it('lets a burst through, then spaces takers by 1/perSecond, refilling with time', async () => {
    let t = 0;
    const waits: number[] = [];
    const bucket = createTokenBucket({
      perSecond: 4,
      burst: 2,
      now: () => t,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    await Promise.all([bucket.take(), bucket.take(), bucket.take(), bucket.take()]);
    expect(waits).toEqual([250, 500]);
    t = 2000;
    waits.length = 0;
    await bucket.take();
    await bucket.take();
    expect(waits).toEqual([]);
  });
});
