import { describe, expect, it } from 'vitest';
import { AdapterError } from '../../../contract/AdapterError';
import type { OutboxStore } from '../../crm.types';

const message = (key: string, createdAt: number, payload: unknown = { leadId: key, reason: 'no_budget' }) => ({
  key,
  adapter: 'hubspot',
  kind: 'hubspot.disposition',
  payload,
  createdAt,
});

/**
 * @name describeOutboxStore
 * @category Testing
 * @summary The contract every OutboxStore passes (memory and DuckDB run the same tests).
 *
 * @example
 * describeOutboxStore('createMemoryOutboxStore', async () => createMemoryOutboxStore())
 */
export function describeOutboxStore(name: string, create: () => Promise<OutboxStore>): void {
  const withStore = (test: (store: OutboxStore) => Promise<void>) => async () => {
    const store = await create();
    try {
      await test(store);
    } finally {
      await store.close?.();
    }
  };

  describe(`${name} (OutboxStore contract)`, () => {
    it(
      'returns true then false when the same key is enqueued twice',
      withStore(async (store) => {
        expect(await store.enqueue(message('a', 1))).toBe(true);
        expect(await store.enqueue(message('a', 2, { other: true }))).toBe(false);
        const list = await store.list();
        expect(list).toHaveLength(1);
        expect(list[0]).toMatchObject({ key: 'a', createdAt: 1, payload: { leadId: 'a', reason: 'no_budget' } });
      }),
    );

    it(
      'keeps the payload intact when it round-trips',
      withStore(async (store) => {
        const payload = { text: 'Preisfrage — "zu teuer" \n é 🙂', n: 12.5, nested: [{ ok: true }, null] };
        await store.enqueue(message('p', 1, payload));
        expect((await store.get('p'))?.payload).toEqual(payload);
      }),
    );

    it(
      'lists a new message pending with no attempts and due at its creation',
      withStore(async (store) => {
        await store.enqueue(message('a', 1000));
        expect(await store.get('a')).toMatchObject({ status: 'pending', attempts: 0, notBefore: 1000 });
        expect(await store.due(999, 10)).toEqual([]);
        expect((await store.due(1000, 10)).map((m) => m.key)).toEqual(['a']);
      }),
    );

    it(
      'returns due messages oldest first and at most limit when many are due',
      withStore(async (store) => {
        await store.enqueue(message('c', 30));
        await store.enqueue(message('a', 10));
        await store.enqueue(message('b2', 20));
        await store.enqueue(message('b1', 20));
        expect((await store.due(100, 10)).map((m) => m.key)).toEqual(['a', 'b2', 'b1', 'c']);
        expect((await store.due(100, 2)).map((m) => m.key)).toEqual(['a', 'b2']);
        expect((await store.pending()).map((m) => m.key)).toEqual(['a', 'b2', 'b1', 'c']);
      }),
    );

    it(
      'never returns a message again when it is marked delivered',
      withStore(async (store) => {
        await store.enqueue(message('a', 1));
        await store.enqueue(message('b', 2));
        await store.markDelivered('a', 50);
        expect((await store.due(100, 10)).map((m) => m.key)).toEqual(['b']);
        expect((await store.pending()).map((m) => m.key)).toEqual(['b']);
        expect(await store.get('a')).toMatchObject({ status: 'delivered', settledAt: 50 });
        expect(await store.enqueue(message('a', 3))).toBe(false);
      }),
    );

    it(
      'counts the attempt and postpones the message when it is marked failed',
      withStore(async (store) => {
        await store.enqueue(message('a', 1));
        await store.markFailed('a', 'unavailable: POST /x answered 503', 500);
        expect(await store.get('a')).toMatchObject({
          status: 'pending',
          attempts: 1,
          notBefore: 500,
          lastError: 'unavailable: POST /x answered 503',
        });
        expect(await store.due(499, 10)).toEqual([]);
        expect((await store.due(500, 10)).map((m) => m.attempts)).toEqual([1]);
        await store.markFailed('a', 'timeout', 900);
        expect(await store.get('a')).toMatchObject({ attempts: 2, notBefore: 900, lastError: 'timeout' });
      }),
    );

    it(
      'keeps the message with its error but never returns it when it is marked dead',
      withStore(async (store) => {
        await store.enqueue(message('a', 1));
        await store.markDead('a', 'invalid_record: PATCH /x answered 400', 70);
        expect(await store.due(100, 10)).toEqual([]);
        expect(await store.pending()).toEqual([]);
        expect(await store.get('a')).toMatchObject({
          status: 'dead',
          attempts: 1,
          settledAt: 70,
          lastError: 'invalid_record: PATCH /x answered 400',
        });
      }),
    );

    it(
      'rejects with not_found when a state change names an unknown key',
      withStore(async (store) => {
        for (const change of [
          () => store.markDelivered('nope', 1),
          () => store.markFailed('nope', 'x', 1),
          () => store.markDead('nope', 'x', 1),
        ]) {
          const error = await change().then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(AdapterError);
          expect((error as AdapterError).code).toBe('not_found');
        }
        expect(await store.get('nope')).toBeUndefined();
      }),
    );

    it(
      'rejects with invalid_option when the message is malformed',
      withStore(async (store) => {
        for (const bad of [
          { ...message('', 1) },
          { ...message('a', Number.NaN) },
          { ...message('a', 1), payload: undefined },
          { ...message('a', 1), adapter: 3 as unknown as string },
        ]) {
          const error = await store.enqueue(bad).then(
            () => undefined,
            (e: unknown) => e,
          );
          expect((error as AdapterError).code).toBe('invalid_option');
        }
        expect(await store.list()).toEqual([]);
      }),
    );

    it(
      'hands out copies when a caller mutates a returned message',
      withStore(async (store) => {
        await store.enqueue(message('a', 1));
        const [first] = await store.pending();
        (first?.payload as { reason: string }).reason = 'changed';
        expect((await store.get('a'))?.payload).toEqual({ leadId: 'a', reason: 'no_budget' });
      }),
    );
  });
}
