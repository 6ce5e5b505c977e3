import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { AdapterError } from '../../contract/AdapterError';
import { sendJson, startTestServer, type TestServer } from '../__fixtures__/startTestServer';
import { createCrmHttpClient } from '../createCrmHttpClient';
import type { OutboxMessage } from '../crm.types';
import { idempotentVendor } from './__fixtures__/idempotentVendor';
import { createDuckDbOutboxStore } from './createDuckDbOutboxStore';
import { createMemoryOutboxStore } from './createMemoryOutboxStore';
import { createOutbox } from './createOutbox';

const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'accord-outbox-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const servers: TestServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

function clock(start = 1_000_000) {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

const disposition = (key: string, adapter = 'hubspot') => ({
  key,
  adapter,
  kind: `${adapter}.disposition`,
  payload: { leadId: key, reason: 'no_budget', detail: 'Budget frozen until Q3' },
});

describe('createOutbox', () => {
  it('stores a key once when it is enqueued twice', async () => {
    const store = createMemoryOutboxStore();
    const outbox = createOutbox({ store, deliver: async () => {} });
    expect(await outbox.enqueue(disposition('a'))).toBe(true);
    expect(await outbox.enqueue(disposition('a'))).toBe(false);
    expect(await outbox.pending()).toHaveLength(1);
  });

  it('delivers in order and marks delivered only after deliver resolves when it flushes', async () => {
    const store = createMemoryOutboxStore();
    const c = clock();
    const seen: string[] = [];
    const outbox = createOutbox({
      store,
      now: c.now,
      deliver: async (message) => {
        expect((await store.get(message.key))?.status).toBe('pending');
        seen.push(message.key);
      },
    });
    for (const key of ['a', 'b', 'c']) {
      await outbox.enqueue(disposition(key));
      c.advance(1);
    }
    expect(await outbox.flush()).toEqual({ delivered: 3, failed: 0, dead: 0 });
    expect(seen).toEqual(['a', 'b', 'c']);
    expect((await store.list()).map((m) => m.status)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(await outbox.flush()).toEqual({ delivered: 0, failed: 0, dead: 0 });
  });

  it('reschedules with backoff and holds later messages of the adapter when delivery fails', async () => {
    const store = createMemoryOutboxStore();
    const c = clock();
    let down = true;
    const seen: string[] = [];
    const outbox = createOutbox({
      store,
      now: c.now,
      backoff: (attempts) => 1000 * 2 ** (attempts - 1),
      deliver: async (message) => {
        seen.push(message.key);
        if (down && message.adapter === 'hubspot') throw new AdapterError('hubspot', 'unavailable', 'answered 503');
      },
    });
    await outbox.enqueue({ ...disposition('h1'), createdAt: 1 });
    await outbox.enqueue({ ...disposition('h2'), createdAt: 2 });
    await outbox.enqueue({ ...disposition('s1', 'salesforce'), createdAt: 3 });
    expect(await outbox.flush()).toEqual({ delivered: 1, failed: 1, dead: 0 });
    expect(seen).toEqual(['h1', 's1']);
    expect(await store.get('h1')).toMatchObject({
      attempts: 1,
      notBefore: c.now() + 1000,
      lastError: 'unavailable: hubspot: answered 503',
    });
    c.advance(999);
    await outbox.flush();
    expect(seen).toEqual(['h1', 's1']);
    c.advance(1);
    await outbox.flush();
    expect(await store.get('h1')).toMatchObject({ attempts: 2, notBefore: c.now() + 2000 });
    down = false;
    c.advance(2000);
    expect(await outbox.flush()).toEqual({ delivered: 2, failed: 0, dead: 0 });
    expect(seen).toEqual(['h1', 's1', 'h1', 'h1', 'h2']);
  });

  it('keeps the message dead with its error and never retries it when the record is invalid', async () => {
    const store = createMemoryOutboxStore();
    let calls = 0;
    const outbox = createOutbox({
      store,
      deliver: async (message) => {
        calls++;
        if (message.key === 'bad')
          throw new AdapterError('hubspot', 'invalid_record', 'PATCH /crm/v3/objects/contacts/1 answered 400');
      },
    });
    await outbox.enqueue({ ...disposition('bad'), createdAt: 1 });
    await outbox.enqueue({ ...disposition('good'), createdAt: 2 });
    expect(await outbox.flush()).toEqual({ delivered: 1, failed: 0, dead: 1 });
    expect(await outbox.flush()).toEqual({ delivered: 0, failed: 0, dead: 0 });
    expect(calls).toBe(2);
    expect(await store.get('bad')).toMatchObject({
      status: 'dead',
      lastError: expect.stringContaining('invalid_record'),
    });
    expect(await outbox.pending()).toEqual([]);
  });

  it('runs one flush at a time when flush is called concurrently', async () => {
    const store = createMemoryOutboxStore();
    let calls = 0;
    const outbox = createOutbox({ store, deliver: async () => void calls++ });
    await outbox.enqueue(disposition('a'));
    const [one, two] = await Promise.all([outbox.flush(), outbox.flush()]);
    expect(one).toBe(two);
    expect(calls).toBe(1);
  });

  it('delivers in the background when started and stops when asked', async () => {
    const store = createMemoryOutboxStore();
    const delivered: string[] = [];
    const outbox = createOutbox({ store, deliver: async (m) => void delivered.push(m.key) });
    outbox.start({ intervalMs: 5 });
    await outbox.enqueue(disposition('a'));
    await expect.poll(() => delivered, { timeout: 2_000 }).toEqual(['a']);
    await outbox.stop();
    await outbox.enqueue(disposition('b'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(delivered).toEqual(['a']);
  });

  it('reports store errors to onError and keeps looping when the store fails', async () => {
    const store = createMemoryOutboxStore();
    let fail = true;
    const errors: unknown[] = [];
    const outbox = createOutbox({
      store: { ...store, pending: () => (fail ? Promise.reject(new Error('disk full')) : store.pending()) },
      deliver: async () => {},
      onError: (e) => errors.push(e),
    });
    await store.enqueue({ ...disposition('a'), createdAt: 1 });
    outbox.start({ intervalMs: 5 });
    await expect.poll(() => errors.length, { timeout: 2_000 }).toBeGreaterThan(0);
    fail = false;
    await expect.poll(async () => (await store.get('a'))?.status, { timeout: 2_000 }).toBe('delivered');
    await outbox.stop();
  });

  it('resolves delivered, pending with the error, or dead when send tries a write at once', async () => {
    const store = createMemoryOutboxStore();
    const c = clock();
    let answer: 'ok' | 'down' | 'gone' = 'down';
    const outbox = createOutbox({
      store,
      now: c.now,
      backoff: () => 1000,
      isPermanent: (error) => error instanceof AdapterError && error.code === 'not_found',
      deliver: async () => {
        if (answer === 'down') throw new AdapterError('hubspot', 'unavailable', 'answered 503');
        if (answer === 'gone') throw new AdapterError('hubspot', 'not_found', 'answered 404');
      },
    });
    const down = await outbox.send(disposition('a'));
    expect(down).toMatchObject({
      status: 'pending',
      created: true,
      message: { attempts: 1, notBefore: c.now() + 1000 },
    });
    expect(down.error).toMatchObject({ code: 'unavailable' });
    answer = 'ok';
    // A repeat of the same write ignores the back-off and delivers the stored message.
    expect(await outbox.send(disposition('a'))).toMatchObject({ status: 'delivered', created: false });
    const again = await outbox.send(disposition('a'));
    expect(again).toMatchObject({ status: 'delivered', created: false });
    expect(again).not.toHaveProperty('error');
    answer = 'gone';
    const gone = await outbox.send(disposition('b'));
    expect(gone).toMatchObject({ status: 'dead', message: { lastError: 'not_found: hubspot: answered 404' } });
    expect(gone.error).toMatchObject({ code: 'not_found' });
    expect(await outbox.pending()).toEqual([]);
  });

  it('delivers the older messages of its group first and leaves the new one queued when one of them fails', async () => {
    const store = createMemoryOutboxStore();
    const c = clock();
    let down = true;
    const seen: string[] = [];
    const outbox = createOutbox({
      store,
      now: c.now,
      deliver: async (message) => {
        seen.push(message.key);
        if (down) throw new AdapterError('hubspot', 'timeout', 'no answer');
      },
    });
    await outbox.enqueue({ ...disposition('old'), createdAt: 1 });
    await outbox.enqueue({ ...disposition('other', 'salesforce'), createdAt: 2 });
    const held = await outbox.send({ ...disposition('new'), createdAt: 3 });
    expect(held).toMatchObject({ status: 'pending', message: { attempts: 0 } });
    expect(held.error).toMatchObject({ code: 'timeout' });
    expect(seen).toEqual(['old']);
    down = false;
    expect((await outbox.deliverNow('new')).status).toBe('delivered');
    expect(seen).toEqual(['old', 'old', 'new']);
    expect((await outbox.pending()).map((m) => m.key)).toEqual(['other']);
    await expect(outbox.deliverNow('missing')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('holds back only the group of a failed message when orderKey groups by lead', async () => {
    const store = createMemoryOutboxStore();
    const seen: string[] = [];
    const outbox = createOutbox({
      store,
      backoff: () => 60_000,
      orderKey: (m) => (m.payload as { leadId: string }).leadId.split('#')[0] as string,
      deliver: async (message) => {
        seen.push(message.key);
        if (message.key === 'L1#a') throw new AdapterError('salesforce', 'unavailable', 'answered 503');
      },
    });
    for (const [i, key] of ['L1#a', 'L2#a', 'L1#b', 'L2#b'].entries())
      await outbox.enqueue({ ...disposition(key, 'salesforce'), createdAt: i + 1 });
    expect(await outbox.flush()).toEqual({ delivered: 2, failed: 1, dead: 0 });
    expect(seen).toEqual(['L1#a', 'L2#a', 'L2#b']);
    expect((await outbox.pending()).map((m) => m.key)).toEqual(['L1#a', 'L1#b']);
  });

  it('leaves the messages it does not handle untouched when adapters share a store', async () => {
    const store = createMemoryOutboxStore();
    const seen: string[] = [];
    const outbox = createOutbox({
      store,
      handles: (m) => m.adapter === 'hubspot',
      deliver: async (message) => void seen.push(message.key),
    });
    await store.enqueue({ ...disposition('s1', 'salesforce'), createdAt: 1 });
    await outbox.enqueue({ ...disposition('h1'), createdAt: 2 });
    expect(await outbox.flush()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    expect(seen).toEqual(['h1']);
    expect(await outbox.pending()).toEqual([]);
    expect((await store.pending()).map((m) => m.key)).toEqual(['s1']);
    await expect(outbox.deliverNow('s1')).rejects.toMatchObject({ code: 'invalid_option' });
  });

  it('throws invalid_config when store or deliver is missing', () => {
    expect(() => createOutbox({ deliver: async () => {} } as never)).toThrow(
      expect.objectContaining({ code: 'invalid_config' }),
    );
    expect(() => createOutbox({ store: createMemoryOutboxStore() } as never)).toThrow(
      expect.objectContaining({ code: 'invalid_config' }),
    );
  });
});

describe('createOutbox against a local CRM', () => {
  const deliverVia = (baseUrl: string) => {
    const http = createCrmHttpClient({
      adapter: 'hubspot',
      baseUrl,
      token: 'outbox-secret-token',
      retries: 1,
      sleep: async () => {},
    });
    return (message: OutboxMessage) =>
      http
        .request({ method: 'POST', path: '/crm/v3/objects/notes', body: message.payload, idempotencyKey: message.key })
        .then(() => undefined);
  };

  it('delivers exactly once when the disposition was enqueued while the server answered 503', async () => {
    const vendor = idempotentVendor();
    let up = false;
    const server = await startTestServer((_req, res, seen) =>
      up ? vendor.handle(res, seen) : sendJson(res, 503, { status: 'error', message: 'Service Unavailable' }),
    );
    servers.push(server);
    const c = clock();
    const store = await createDuckDbOutboxStore({ path: join(dir, 'down-503.duckdb') });
    const outbox = createOutbox({ store, now: c.now, backoff: () => 1000, deliver: deliverVia(server.url) });
    await outbox.enqueue(disposition('disposition:lead-1:2026-01-05'));
    expect(await outbox.flush()).toEqual({ delivered: 0, failed: 1, dead: 0 });
    c.advance(1000);
    expect(await outbox.flush()).toEqual({ delivered: 0, failed: 1, dead: 0 });
    const lastError = (await store.get('disposition:lead-1:2026-01-05'))?.lastError ?? '';
    expect(lastError).toContain('503');
    expect(lastError).not.toContain('outbox-secret-token');
    up = true;
    c.advance(1000);
    expect(await outbox.flush()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    c.advance(10_000);
    expect(await outbox.flush()).toEqual({ delivered: 0, failed: 0, dead: 0 });
    expect(vendor.applications).toEqual(['disposition:lead-1:2026-01-05']);
    expect(server.requests.at(-1)?.headers['idempotency-key']).toBe('disposition:lead-1:2026-01-05');
    await store.close?.();
  });

  it('delivers exactly once when the server refused connections at first', async () => {
    const probe = await startTestServer(() => undefined);
    const port = Number(new URL(probe.url).port);
    await probe.close();
    const c = clock();
    const store = createMemoryOutboxStore();
    const outbox = createOutbox({ store, now: c.now, backoff: () => 1000, deliver: deliverVia(probe.url) });
    await outbox.enqueue(disposition('k1'));
    expect(await outbox.flush()).toEqual({ delivered: 0, failed: 1, dead: 0 });
    expect((await store.get('k1'))?.lastError).toContain('unavailable');
    const vendor = idempotentVendor();
    const server = await startTestServer((_req, res, seen) => vendor.handle(res, seen), port);
    servers.push(server);
    c.advance(1000);
    expect(await outbox.flush()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    expect(vendor.applications).toEqual(['k1']);
    expect(server.requests).toHaveLength(1);
  });

  it('applies each write exactly once when the writer is killed mid-request and a new outbox resumes', async () => {
    const vendor = idempotentVendor();
    const hung: ServerResponse[] = [];
    let hangFirst = true;
    let inFlight: () => void = () => {};
    const requestInFlight = new Promise<void>((resolve) => (inFlight = resolve));
    const server = await startTestServer((_req, res, seen) => {
      if (hangFirst) {
        // The vendor applies the write, but the answer never reaches the writer: it dies first.
        hangFirst = false;
        vendor.handle(res, seen, false);
        hung.push(res);
        inFlight();
        return;
      }
      vendor.handle(res, seen);
    });
    servers.push(server);
    const path = join(dir, 'restart.duckdb');
    const keys = ['disposition:lead-1:t1', 'disposition:lead-2:t2', 'disposition:lead-3:t3'];
    const child: ChildProcess = spawn(
      process.execPath,
      ['--import', 'tsx', join(here, '__fixtures__', 'outboxWriter.ts'), path, server.url, keys.join(',')],
      {
        cwd: here,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
      child.on('exit', (code, signal) => resolve(signal ?? code)),
    );
    await Promise.race([
      requestInFlight,
      exited.then((code) => {
        throw new Error(`writer exited (${code}) before its request: ${output}`);
      }),
    ]);
    expect(output).toContain('enqueued');
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    for (const res of hung) res.destroy();
    expect(vendor.applications).toEqual([keys[0]]);

    const store = await createDuckDbOutboxStore({ path });
    expect((await store.pending()).map((m) => m.key)).toEqual(keys);
    const outbox = createOutbox({ store, deliver: deliverVia(server.url) });
    expect(await outbox.flush()).toEqual({ delivered: 3, failed: 0, dead: 0 });

    expect(vendor.applications).toEqual(keys);
    const sent = server.requests.map((r) => r.headers['idempotency-key']);
    expect(sent).toEqual([keys[0], keys[0], keys[1], keys[2]]);
    expect(server.requests[1]?.body).toBe(server.requests[0]?.body);
    expect((await store.list()).map((m) => [m.key, m.status])).toEqual(keys.map((k) => [k, 'delivered']));
    expect(output).not.toContain('flushed');
    await store.close?.();
  });
});
