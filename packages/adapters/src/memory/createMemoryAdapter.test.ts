import { describe, expect, it } from 'vitest';
import { AdapterError } from '../contract/AdapterError';
import { describeAdapterConformance } from '../testing';
import { createMemoryAdapter } from './createMemoryAdapter';

describeAdapterConformance({
  name: 'memory',
  create: async (data) => createMemoryAdapter(data),
  createWithBadConfig: async () => createMemoryAdapter({ leads: 'leads.csv' as unknown as unknown[] }),
});

describe('createMemoryAdapter', () => {
  it('names every invalid record when it is created', () => {
    try {
      createMemoryAdapter({ leads: [{ id: 'L1', createdAt: 'yesterday' }] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AdapterError);
      expect((e as AdapterError).code).toBe('invalid_record');
      expect((e as AdapterError).issues[0]).toMatchObject({ code: 'invalid_instant', path: ['leads', 0, 'createdAt'] });
    }
  });
});
