import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeOutboxStore } from './__fixtures__/describeOutboxStore';
import { createDuckDbOutboxStore } from './createDuckDbOutboxStore';

const dir = mkdtempSync(join(tmpdir(), 'accord-outbox-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

describeOutboxStore('createDuckDbOutboxStore', () =>
  createDuckDbOutboxStore({ path: join(dir, `contract-${++n}.duckdb`) }),
);

describe('createDuckDbOutboxStore', () => {
  it('keeps every state when the file is closed and opened again', async () => {
    const path = join(dir, 'reopen.duckdb');
    const first = await createDuckDbOutboxStore({ path });
    await first.enqueue({ key: 'a', adapter: 'hubspot', kind: 'k', payload: { x: 1 }, createdAt: 1 });
    await first.enqueue({ key: 'b', adapter: 'hubspot', kind: 'k', payload: { x: 2 }, createdAt: 2 });
    await first.enqueue({ key: 'c', adapter: 'hubspot', kind: 'k', payload: { x: 3 }, createdAt: 3 });
    await first.markDelivered('a', 10);
    await first.markFailed('b', 'unavailable', 99);
    await first.close?.();
    const second = await createDuckDbOutboxStore({ path });
    expect(await second.list()).toMatchObject([
      { key: 'a', status: 'delivered', settledAt: 10 },
      { key: 'b', status: 'pending', attempts: 1, notBefore: 99, lastError: 'unavailable' },
      { key: 'c', status: 'pending', attempts: 0, payload: { x: 3 } },
    ]);
    expect(await second.enqueue({ key: 'a', adapter: 'hubspot', kind: 'k', payload: {}, createdAt: 5 })).toBe(false);
    await second.close?.();
  });

  it('throws invalid_config when the path or table name is unusable', async () => {
    await expect(createDuckDbOutboxStore({ path: '' })).rejects.toMatchObject({ code: 'invalid_config' });
    await expect(createDuckDbOutboxStore({ path: ':memory:', table: 'x; DROP' })).rejects.toMatchObject({
      code: 'invalid_config',
    });
    await expect(createDuckDbOutboxStore({ path: join(dir, 'missing-dir', 'x.duckdb') })).rejects.toMatchObject({
      code: 'invalid_config',
    });
  });
});
