import { createMemoryAdapter } from '@accord/adapters';
import { generateSample } from '@accord/core';
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { AccordAdapter } from '../provider/adapter.types';
import { accordKeys } from './accordKeys';
import { recordsQueryOptions } from './recordsQueryOptions';

describe('recordsQueryOptions', () => {
  it('loads every page of every kind the adapter lists', async () => {
    const sample = generateSample({ leads: 120, seed: 3 });
    const memory = createMemoryAdapter(sample);
    // Pages of 7 records at most, to exercise the cursor loop.
    const small: AccordAdapter = {
      ...memory,
      name: 'small-pages',
      listLeads: (o) => memory.listLeads({ ...o, limit: 7 }),
      listActivities: (o) => memory.listActivities({ ...o, limit: 7 }),
    };
    const client = new QueryClient();
    const records = await client.fetchQuery(recordsQueryOptions(small));
    expect(records.leads.map((l) => l.id).sort()).toEqual(sample.leads.map((l) => l.id).sort());
    expect(records.activities).toHaveLength(sample.activities.length);
    expect(records.touchpoints).toHaveLength(sample.touchpoints.length);
    expect(records.opportunities).toHaveLength(sample.opportunities.length);
    expect(records.spend).toHaveLength(sample.spend.length);
    expect(client.getQueryData(accordKeys.records(small))).toBe(records);
  });

  it('leaves kinds the adapter does not list empty, without calling them', async () => {
    const memory = createMemoryAdapter(generateSample({ leads: 10, seed: 1 }));
    const adapter: AccordAdapter = {
      ...memory,
      capabilities: { ...memory.capabilities, lists: { ...memory.capabilities.lists, spend: false } },
      listSpend: () => Promise.reject(new Error('must not be called')),
    };
    const records = await new QueryClient().fetchQuery(recordsQueryOptions(adapter));
    expect(records.spend).toEqual([]);
    expect(records.leads).toHaveLength(10);
  });

  it('fails with the adapter error', async () => {
    const memory = createMemoryAdapter({});
    const adapter: AccordAdapter = { ...memory, listLeads: () => Promise.reject(new Error('[accord] [x] down')) };
    await expect(new QueryClient().fetchQuery(recordsQueryOptions(adapter))).rejects.toThrow('down');
  });
});

describe('recordsQueryOptions accounts', () => {
  it('loads accounts when the adapter has listAccounts, page by page', async () => {
    const sample = generateSample({ leads: 60, seed: 2 });
    const memory = createMemoryAdapter(sample);
    const adapter: AccordAdapter = {
      ...memory,
      name: 'with-accounts',
      listAccounts: async (o) => {
        const start = o?.cursor ? Number(o.cursor) : 0;
        const end = Math.min(sample.accounts.length, start + 5);
        return {
          records: sample.accounts.slice(start, end),
          nextCursor: end < sample.accounts.length ? String(end) : null,
        };
      },
    };
    const records = await new QueryClient().fetchQuery(recordsQueryOptions(adapter));
    expect(records.accounts).toEqual(sample.accounts);
  });

  it('leaves accounts empty when the adapter has no listAccounts', async () => {
    const records = await new QueryClient().fetchQuery(recordsQueryOptions(createMemoryAdapter({})));
    expect(records.accounts).toEqual([]);
  });
});
