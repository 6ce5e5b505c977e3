import { createMemoryAdapter } from '@accord/adapters';
import { defaultAgreement, generateSample } from '@accord/core';
import type { AccordAdapter } from '../provider/adapter.types';

/** A hostile CRM string: must render as text, never as an element. */
export const HOSTILE = '<img src=x onerror="window.__pwned=1">';

/** The five record kinds of a seeded sample, for the memory adapter. */
export function sampleRecords(leads = 600, seed = 42) {
  const s = generateSample({ leads, seed });
  return {
    leads: s.leads,
    activities: s.activities,
    touchpoints: s.touchpoints,
    opportunities: s.opportunities,
    spend: s.spend,
  };
}

/** A memory adapter over a seeded sample (real adapter, validated records). */
export function sampleAdapter(leads = 600, seed = 42, name = 'memory'): AccordAdapter {
  return createMemoryAdapter(sampleRecords(leads, seed), { agreement: defaultAgreement, name }) as AccordAdapter;
}

/** An adapter whose list calls reject (or wait forever with `pending`), for error and loading states. */
export function failingAdapter(mode: 'reject' | 'pending' = 'reject', name = 'failing') {
  const state = { fail: mode === 'reject', calls: 0 };
  const list = () => {
    state.calls++;
    if (mode === 'pending') return new Promise<never>(() => {});
    return state.fail
      ? Promise.reject(new Error('[accord] [failing] unreachable'))
      : Promise.resolve({ records: [], nextCursor: null });
  };
  const adapter: AccordAdapter = {
    name,
    capabilities: {
      lists: { leads: true, activities: true, touchpoints: true, opportunities: true, spend: true },
      writeDisposition: false,
      runScorecard: false,
    },
    listLeads: list,
    listActivities: list,
    listTouchpoints: list,
    listOpportunities: list,
    listSpend: list,
  };
  return { adapter, state };
}
