import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AdapterError } from '../contract/AdapterError';
import { describeAdapterConformance } from '../testing';
import { createDuckDbAdapter } from './createDuckDbAdapter';

describeAdapterConformance({
  name: 'duckdb',
  create: (data) => createDuckDbAdapter({ data }),
  createWithBadConfig: () => createDuckDbAdapter({ path: join(tmpdir(), 'no-such-dir', 'x', 'accord.duckdb') }),
});

describe('createDuckDbAdapter', () => {
  it('keeps the tables in a file across connections', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'accord-duckdb-')), 'accord.duckdb');
    const first = await createDuckDbAdapter({
      path,
      data: { leads: [{ id: 'L1', createdAt: '2026-03-02T14:00:00Z' }] },
    });
    await first.close?.();
    const second = await createDuckDbAdapter({ path });
    expect((await second.listLeads()).records).toEqual([{ id: 'L1', createdAt: '2026-03-02T14:00:00Z' }]);
    await second.close?.();
  });

  it('binds every value: hostile ids and owners are data, and the tables survive', async () => {
    const hostile = `'; DROP TABLE accord_leads; --`;
    const adapter = await createDuckDbAdapter({
      data: { leads: [{ id: hostile, createdAt: '2026-03-02T14:00:00Z', source: `x\\' OR 1=1 --` }] },
    });
    await adapter.assignOwner?.(hostile, `"); DELETE FROM accord_leads; --`);
    const { records } = await adapter.listLeads();
    expect(records).toEqual([
      {
        id: hostile,
        createdAt: '2026-03-02T14:00:00Z',
        source: `x\\' OR 1=1 --`,
        ownerId: `"); DELETE FROM accord_leads; --`,
      },
    ]);
    await adapter.close?.();
  });

  it('names every invalid record before loading', async () => {
    const e = await createDuckDbAdapter({ data: { leads: [{ id: 'L1', createdAt: 'yesterday' }] } }).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(AdapterError);
    expect((e as AdapterError).code).toBe('invalid_record');
    expect((e as AdapterError).issues[0]?.path).toEqual(['leads', 0, 'createdAt']);
  });
});
