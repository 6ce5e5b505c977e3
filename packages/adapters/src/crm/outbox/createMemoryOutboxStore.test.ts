import { describe, expect, it } from 'vitest';
import { describeOutboxStore } from './__fixtures__/describeOutboxStore';
import { createMemoryOutboxStore } from './createMemoryOutboxStore';

describeOutboxStore('createMemoryOutboxStore', async () => createMemoryOutboxStore());

describe('createMemoryOutboxStore', () => {
  it('keeps each store apart, and hands out copies that cannot change what is stored', async () => {
    const a = createMemoryOutboxStore();
    const b = createMemoryOutboxStore();
    await a.enqueue({ key: 'k', adapter: 'hubspot', kind: 'note', payload: { n: 1 }, createdAt: 1 });
    expect(await b.pending()).toEqual([]);
    const [message] = await a.pending();
    (message?.payload as { n: number }).n = 99;
    expect((await a.pending())[0]?.payload).toEqual({ n: 1 });
  });
});
