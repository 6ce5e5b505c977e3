// One suite every task sink passes (like a driver conformance suite): find-or-create under faults,
// exactly one task per key on the fake server, token hygiene, accepts/preview/bad input.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AdapterError } from '../../../contract/AdapterError';
import type { AccordAction, ActionSink } from '../../actions.types';
import type { FakeService } from './fakeTaskServices';

export const TOKEN = 'tok-SECRET-9f8e7d6c5b4a';

export interface TaskSinkSuite {
  name: string;
  start: () => Promise<FakeService>;
  make: (
    service: FakeService,
    extra: { sleep: (ms: number) => Promise<void>; timeoutMs?: number; token?: string },
  ) => ActionSink;
  /** A valid action for the fake (its lead exists). */
  action: (overrides?: Partial<AccordAction>) => AccordAction;
  /** `METHOD path` prefix of the lookup and of the create. */
  lookup: string;
  create: string;
  /** The vendor's error body with this message. */
  errorBody: (message: string) => unknown;
}

export function runTaskSinkSuite(suite: TaskSinkSuite): void {
  describe(`${suite.name}: find-or-create under faults`, () => {
    let service: FakeService;
    let slept: number[];
    const sleep = async (ms: number) => {
      slept.push(ms);
    };
    beforeEach(async () => {
      slept = [];
      service = await suite.start();
    });
    afterEach(async () => {
      await service.close();
    });

    it('creates one task, and a second delivery of the key finds it instead of creating another', async () => {
      const sink = suite.make(service, { sleep });
      const first = await sink.deliver(suite.action());
      const again = await sink.deliver(suite.action());
      expect(service.tasks).toHaveLength(1);
      expect(first.externalId).toBe(service.tasks[0]?.id);
      expect(again.externalId).toBe(first.externalId);
      expect(service.creates()).toHaveLength(1);
      const lines = service.requests.map((r) => `${r.method} ${r.path}`);
      expect(lines[0]?.startsWith(suite.lookup)).toBe(true);
      expect(service.requests.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
    });

    it('keeps keys apart: two keys make two tasks', async () => {
      const sink = suite.make(service, { sleep });
      await sink.deliver(suite.action({ key: 'k:one' }));
      await sink.deliver(suite.action({ key: "k:two 'quoted' \\ back" }));
      await sink.deliver(suite.action({ key: "k:two 'quoted' \\ back" }));
      expect(service.tasks).toHaveLength(2);
    });

    it('honours Retry-After on a 429 lookup and retries a 429 create after looking again', async () => {
      service.fail(suite.lookup, { status: 429, retryAfter: '3', body: suite.errorBody('rate limit') });
      service.fail(suite.create, { status: 429, retryAfter: '1', body: suite.errorBody('rate limit') });
      const sink = suite.make(service, { sleep });
      await sink.deliver(suite.action());
      expect(slept.some((ms) => ms >= 2900 && ms <= 3000)).toBe(true);
      expect(service.creates()).toHaveLength(2);
      expect(service.tasks).toHaveLength(1);
    });

    it('looks again after a 5xx on create, then creates once', async () => {
      service.fail(suite.create, { status: 503, body: suite.errorBody('maintenance') });
      const sink = suite.make(service, { sleep });
      await sink.deliver(suite.action());
      expect(service.tasks).toHaveLength(1);
      expect(service.creates()).toHaveLength(2);
    });

    it('times out a stalled create, looks again, then creates once', async () => {
      service.fail(suite.create, { stall: true });
      const sink = suite.make(service, { sleep, timeoutMs: 300 });
      await sink.deliver(suite.action());
      expect(service.tasks).toHaveLength(1);
      expect(service.creates()).toHaveLength(2);
    });

    it('after a socket dropped once the create was applied, finds the task: exactly one task for the key', async () => {
      service.fail(suite.create, { dropAfterApply: true });
      const sink = suite.make(service, { sleep });
      const result = await sink.deliver(suite.action());
      expect(service.creates()).toHaveLength(1);
      expect(service.tasks).toHaveLength(1);
      expect(result.externalId).toBe(service.tasks[0]?.id);
    });

    it('a socket dropped before the create was applied: looks, finds nothing, creates once', async () => {
      service.fail(suite.create, { drop: true });
      const sink = suite.make(service, { sleep });
      await sink.deliver(suite.action());
      expect(service.creates()).toHaveLength(2);
      expect(service.tasks).toHaveLength(1);
    });

    it('fails unavailable when every create fails, and a later delivery (the outbox retry) creates exactly one', async () => {
      const down = { status: 500, body: suite.errorBody('internal error') };
      service.fail(suite.create, down, down, down);
      const sink = suite.make(service, { sleep });
      const error = await sink.deliver(suite.action()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AdapterError);
      expect((error as AdapterError).code).toBe('unavailable');
      expect(service.tasks).toHaveLength(0);
      await sink.deliver(suite.action());
      await sink.deliver(suite.action());
      expect(service.tasks).toHaveLength(1);
    });

    it('never puts the token in an error, even when the vendor echoes it', async () => {
      service.fail(suite.create, { status: 400, body: suite.errorBody(`bad request for Bearer ${TOKEN} (${TOKEN})`) });
      const sink = suite.make(service, { sleep });
      const error = (await sink.deliver(suite.action()).catch((e: unknown) => e)) as AdapterError;
      expect(error.code).toBe('invalid_record');
      expect(error.message).not.toContain(TOKEN);
      expect(JSON.stringify(error.cause)).not.toContain(TOKEN);
      expect(String((error.cause as Error).message)).not.toContain(TOKEN);

      const wrong = suite.make(service, { sleep, token: 'tok-WRONG-000000000' });
      const denied = (await wrong.deliver(suite.action()).catch((e: unknown) => e)) as AdapterError;
      expect(denied.code).toBe('invalid_config');
      expect(denied.message).not.toContain('tok-WRONG-000000000');
      expect(service.tasks).toHaveLength(0);
    });
  });

  describe(`${suite.name}: accepts, preview, bad input`, () => {
    let service: FakeService;
    const sleep = async () => {};
    beforeEach(async () => {
      service = await suite.start();
    });
    afterEach(async () => {
      await service.close();
    });

    it('accepts create_task, notify_owner and notify_manager only', () => {
      const sink = suite.make(service, { sleep });
      for (const kind of ['create_task', 'notify_owner', 'notify_manager'] as const)
        expect(sink.accepts(suite.action({ kind }))).toBe(true);
      for (const kind of ['reroute', 'enrich', 'suppress', 'recycle', 'nurture', 'disqualify'] as const)
        expect(sink.accepts(suite.action({ kind }))).toBe(false);
    });

    it('previews the create without the token and without sending anything', () => {
      const sink = suite.make(service, { sleep });
      const preview = sink.preview(suite.action());
      expect(preview.method).toBe('POST');
      expect(`POST ${new URL(preview.url).pathname}`).toBe(suite.create);
      expect(JSON.stringify(preview)).not.toContain(TOKEN);
      expect(JSON.stringify(preview.body)).toContain(suite.action().title);
      expect(service.requests).toHaveLength(0);
    });

    it('refuses an action with a missing title, a bad dueAt or an http url as invalid_record naming the field, before any request', async () => {
      const sink = suite.make(service, { sleep });
      for (const [bad, field] of [
        [{ title: '' }, 'title'],
        [{ dueAt: Number.NaN }, 'dueAt'],
        [{ url: 'http://app.test/lead' }, 'url'],
        [{ leadId: '' }, 'leadId'],
      ] as const) {
        const error = (await sink.deliver(suite.action(bad)).catch((e: unknown) => e)) as AdapterError;
        expect(error.code).toBe('invalid_record');
        expect(error.message).toContain(`"${field}"`);
      }
      expect(service.requests).toHaveLength(0);
    });
  });
}
