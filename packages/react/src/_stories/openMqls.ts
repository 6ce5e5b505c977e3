// Many leads with open SLA clocks, fast: for the Large stories (the same shape as bench/widgets/page.tsx).
import type { Lead } from '@accord/core';
import { sample } from './sample';

const HOUR = 3_600_000;
/** The instant the generated MQLs are "now" for: a Wednesday inside US business hours. */
export const OPEN_MQLS_NOW = Date.parse('2026-03-11T15:30:00Z');
const OWNERS = ['rep_ava', 'rep_ben', 'rep_chloe', 'rep_dara', 'rep_emil', 'rep_farah'];
const SOURCES = ['paid_search', 'organic_search', 'social', 'email', 'events', 'referral', 'partner', 'webinar'];

/** mulberry32: a small seeded PRNG, so every run draws the same leads. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const cache = new Map<number, Lead[]>();

/**
 * `n` MQLs created in the 72 hours before {@link OPEN_MQLS_NOW} with no sales touch yet, so every one
 * has open SLA clocks; company names come from the seeded sample (numbered to keep them distinct).
 * Cached per `n`.
 */
export function openMqls(n: number): Lead[] {
  const hit = cache.get(n);
  if (hit) return hit;
  const r = prng(7);
  const companies = sample.leads.map((l) => l.company ?? l.id);
  const leads = Array.from({ length: n }, (_, i): Lead => {
    const created = OPEN_MQLS_NOW - Math.floor(r() * 72 * HOUR);
    const mql = created + Math.floor(r() * 2 * HOUR);
    const company = `${companies[i % companies.length]} #${i + 1}`;
    return {
      id: `L${String(i).padStart(5, '0')}`,
      createdAt: created,
      company,
      email: `buyer${i}@company${i}.example`,
      source: SOURCES[Math.floor(r() * SOURCES.length)] as string,
      ownerId: OWNERS[i % OWNERS.length] as string,
      segment: ['smb', 'mid_market', 'enterprise'][i % 3] as string,
      attributes: { demoRequested: r() < 0.3, employees: 20 + Math.floor(r() * 3000) },
      stageDates: { inquiry: created, mql: Math.min(mql, OPEN_MQLS_NOW - 60_000) },
    };
  });
  cache.set(n, leads);
  return leads;
}
