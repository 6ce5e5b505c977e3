import { afterEach, describe, expect, it } from 'vitest';
import { AdapterError } from '../contract/AdapterError';
import { sendJson, startTestServer, type TestServer } from './__fixtures__/startTestServer';
import { createCrmHttpClient } from './createCrmHttpClient';
import type { CrmHttpOptions } from './crm.types';

const TOKEN = 'pat-na1-5ecret-t0ken-value';

/** A clock that `sleep` advances: no real waiting, and every delay asked is recorded. */
function fakeClock(start = Date.UTC(2026, 0, 5, 9, 0, 0)) {
  let t = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
  };
}

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function client(url: string, extra: Partial<CrmHttpOptions> = {}) {
  const clock = fakeClock();
  const http = createCrmHttpClient({
    adapter: 'hubspot',
    baseUrl: url,
    token: TOKEN,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    timeoutMs: 2_000,
    ...extra,
  });
  return { http, clock };
}

async function rejection(promise: Promise<unknown>): Promise<AdapterError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AdapterError);
  return error as AdapterError;
}

/** Everything an error exposes, as text: message, String(), JSON, and the whole cause chain with its fields. */
function exposed(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 10; depth++) {
    parts.push(String(current), JSON.stringify(current), JSON.stringify(Object.getOwnPropertyDescriptors(current)));
    if (current instanceof Error) parts.push(current.message, current.stack ?? '');
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join('\n');
}

describe('createCrmHttpClient', () => {
  describe('URL rules', () => {
    it.each([
      'http://api.hubapi.com',
      'ftp://127.0.0.1',
      'http://10.0.0.5:8080',
      'http://127.0.0.2',
      'not a url',
      '',
      `https://user:${TOKEN}@api.hubapi.com`,
    ])('throws invalid_config when baseUrl is %j', (baseUrl) => {
      let error: unknown;
      try {
        createCrmHttpClient({ adapter: 'hubspot', baseUrl, token: TOKEN });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AdapterError);
      expect((error as AdapterError).code).toBe('invalid_config');
      expect(exposed(error)).not.toContain(TOKEN);
    });

    it.each(['https://api.hubapi.com', 'http://127.0.0.1:9', 'http://localhost:9', 'http://[::1]:9'])(
      'accepts %s when it is https or loopback',
      (baseUrl) => {
        expect(() => createCrmHttpClient({ adapter: 'hubspot', baseUrl, token: TOKEN })).not.toThrow();
      },
    );

    it.each(['', '  ', 'has space', undefined])('throws invalid_config when the token is %j', (token) => {
      expect(() =>
        createCrmHttpClient({ adapter: 'hubspot', baseUrl: 'https://api.hubapi.com', token: token as string }),
      ).toThrow(expect.objectContaining({ code: 'invalid_config' }));
    });

    it('refuses a path on another origin when it is absolute or protocol-relative', async () => {
      server = await startTestServer((_req, res) => sendJson(res, 200, {}));
      const { http } = client(server.url);
      for (const path of ['https://evil.example/steal', '//evil.example/steal', 'http://127.0.0.1:1/x']) {
        const error = await rejection(http.request({ method: 'GET', path }));
        expect(error.code).toBe('invalid_option');
      }
      expect(server.requests).toHaveLength(0);
    });

    it('follows a same-origin nextRecordsUrl when it is a path or a full URL', async () => {
      server = await startTestServer((_req, res) => sendJson(res, 200, { done: true, records: [] }));
      const { http } = client(`${server.url}/services/data/v60.0`);
      await http.request({ method: 'GET', path: '/services/data/v60.0/query/01gD0000002HU6KIAW-2000' });
      await http.request({ method: 'GET', path: `${server.url}/services/data/v60.0/query/01gD0000002HU6KIAW-4000` });
      await http.request({ method: 'GET', path: 'query', query: { q: 'SELECT Id FROM Lead', skip: undefined } });
      expect(server.requests.map((r) => r.url)).toEqual([
        '/services/data/v60.0/query/01gD0000002HU6KIAW-2000',
        '/services/data/v60.0/query/01gD0000002HU6KIAW-4000',
        '/services/data/v60.0/query?q=SELECT+Id+FROM+Lead',
      ]);
    });
  });

  describe('requests', () => {
    it('sends the bearer token, JSON body and idempotency key when it writes', async () => {
      server = await startTestServer((_req, res) =>
        sendJson(res, 200, { id: '51', properties: { hs_lead_status: 'UNQUALIFIED' } }),
      );
      const { http } = client(server.url);
      const result = await http.request({
        method: 'PATCH',
        path: '/crm/v3/objects/contacts/51',
        body: { properties: { hs_lead_status: 'UNQUALIFIED' } },
        idempotencyKey: 'disposition:51:2026-01-05T09:00:00Z',
      });
      expect(result).toEqual({ id: '51', properties: { hs_lead_status: 'UNQUALIFIED' } });
      const [seen] = server.requests;
      expect(seen?.method).toBe('PATCH');
      expect(seen?.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(seen?.headers['content-type']).toBe('application/json');
      expect(seen?.headers['idempotency-key']).toBe('disposition:51:2026-01-05T09:00:00Z');
      expect(JSON.parse(seen?.body ?? '')).toEqual({ properties: { hs_lead_status: 'UNQUALIFIED' } });
    });

    it('resolves undefined when the answer is 204', async () => {
      server = await startTestServer((_req, res) => {
        res.writeHead(204);
        res.end();
      });
      const { http } = client(server.url);
      await expect(
        http.request({ method: 'PATCH', path: '/sobjects/Lead/00Q1', body: { Status: 'Closed' } }),
      ).resolves.toBeUndefined();
    });
  });

  describe('retries', () => {
    it('waits Retry-After seconds when the answer is 429', async () => {
      let calls = 0;
      server = await startTestServer((_req, res) => {
        calls++;
        if (calls === 1)
          sendJson(
            res,
            429,
            { status: 'error', message: 'You have reached your secondly limit.', category: 'RATE_LIMITS' },
            { 'retry-after': '2' },
          );
        else sendJson(res, 200, { results: [] });
      });
      const { http, clock } = client(server.url);
      await expect(http.request({ method: 'GET', path: '/crm/v3/objects/contacts' })).resolves.toEqual({ results: [] });
      expect(server.requests).toHaveLength(2);
      expect(clock.sleeps).toEqual([2000]);
    });

    it('waits until the HTTP-date when Retry-After is a date', async () => {
      const clock = fakeClock(Date.UTC(2026, 0, 5, 9, 0, 0));
      let calls = 0;
      server = await startTestServer((_req, res) => {
        calls++;
        if (calls === 1) sendJson(res, 429, {}, { 'retry-after': 'Mon, 05 Jan 2026 09:00:07 GMT' });
        else sendJson(res, 200, { ok: true });
      });
      const http = createCrmHttpClient({
        adapter: 'hubspot',
        baseUrl: server.url,
        token: TOKEN,
        now: clock.now,
        sleep: clock.sleep,
      });
      await http.request({ method: 'GET', path: '/x' });
      expect(clock.sleeps).toEqual([7000]);
    });

    it('fails rate_limited at once when Retry-After is beyond maxDelayMs', async () => {
      server = await startTestServer((_req, res) => sendJson(res, 429, {}, { 'retry-after': '3600' }));
      const { http, clock } = client(server.url, { maxDelayMs: 60_000 });
      const error = await rejection(http.request({ method: 'GET', path: '/x' }));
      expect(error.code).toBe('rate_limited');
      expect(server.requests).toHaveLength(1);
      expect(clock.sleeps).toEqual([]);
    });

    it('holds the next request when HubSpot reports the interval exhausted', async () => {
      server = await startTestServer((_req, res) =>
        sendJson(
          res,
          200,
          { results: [] },
          {
            'x-hubspot-ratelimit-max': '100',
            'x-hubspot-ratelimit-remaining': server?.requests.length === 1 ? '0' : '50',
            'x-hubspot-ratelimit-interval-milliseconds': '10000',
          },
        ),
      );
      const { http, clock } = client(server.url);
      await http.request({ method: 'GET', path: '/a' });
      await http.request({ method: 'GET', path: '/b' });
      await http.request({ method: 'GET', path: '/c' });
      expect(clock.sleeps).toEqual([10_000]);
    });

    it('retries with jittered exponential backoff when the answer is 503 twice then 200', async () => {
      let calls = 0;
      server = await startTestServer((_req, res) => {
        calls++;
        if (calls <= 2) sendJson(res, 503, { message: 'Service Unavailable' });
        else sendJson(res, 200, { results: [1] });
      });
      const randoms = [0.9, 0.3];
      const { http, clock } = client(server.url, { baseDelayMs: 1000, random: () => randoms.shift() ?? 0 });
      await expect(http.request({ method: 'GET', path: '/x' })).resolves.toEqual({ results: [1] });
      expect(server.requests).toHaveLength(3);
      // full jitter: random() * min(max, base * 2^n) → 0.9 * 1000, 0.3 * 2000
      expect(clock.sleeps).toEqual([900, 600]);
    });

    it('keeps every delay within its cap when it retries many times', async () => {
      server = await startTestServer((_req, res) => sendJson(res, 500, {}));
      const { http, clock } = client(server.url, {
        retries: 6,
        baseDelayMs: 100,
        maxDelayMs: 1000,
        random: () => 0.999,
      });
      const error = await rejection(http.request({ method: 'GET', path: '/x' }));
      expect(error.code).toBe('unavailable');
      expect(error.message).toContain('after 7 attempts');
      expect(server.requests).toHaveLength(7);
      const caps = [100, 200, 400, 800, 1000, 1000];
      expect(clock.sleeps).toHaveLength(6);
      clock.sleeps.forEach((ms, i) => {
        expect(ms).toBeGreaterThanOrEqual(0);
        expect(ms).toBeLessThan(caps[i] as number);
        expect(ms).toBeGreaterThan((caps[i] as number) * 0.9);
      });
    });

    it('fails timeout after the retries when the server never answers', async () => {
      server = await startTestServer(() => {
        // never answers
      });
      const { http } = client(server.url, { timeoutMs: 150, retries: 1 });
      const started = Date.now();
      const error = await rejection(http.request({ method: 'GET', path: '/hang' }));
      expect(error.code).toBe('timeout');
      expect(server.requests).toHaveLength(2);
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it('times out when the headers come but the body hangs', async () => {
      server = await startTestServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{"results":[');
      });
      const { http } = client(server.url, { timeoutMs: 150, retries: 0 });
      expect((await rejection(http.request({ method: 'GET', path: '/x' }))).code).toBe('timeout');
    });

    it('retries when the connection is reset', async () => {
      server = await startTestServer((req, res) => {
        if (server?.requests.length === 1) req.socket.destroy();
        else sendJson(res, 200, { ok: true });
      });
      const { http } = client(server.url);
      await expect(http.request({ method: 'GET', path: '/x' })).resolves.toEqual({ ok: true });
      expect(server.requests).toHaveLength(2);
    });

    it('fails unavailable when the connection is refused every time', async () => {
      const probe = await startTestServer(() => undefined);
      const url = probe.url;
      await probe.close();
      const { http, clock } = client(url, { retries: 2 });
      const error = await rejection(http.request({ method: 'GET', path: '/x' }));
      expect(error.code).toBe('unavailable');
      expect(clock.sleeps).toHaveLength(2);
    });

    it('retries instead of returning an empty page when the body is cut off mid-JSON', async () => {
      server = await startTestServer((_req, res) => {
        if (server?.requests.length === 1) {
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': '200' });
          res.write('{"results":[{"id":"1"},');
          setTimeout(() => res.destroy(), 10);
        } else sendJson(res, 200, { results: [{ id: '1' }, { id: '2' }] });
      });
      const { http } = client(server.url);
      await expect(http.request({ method: 'GET', path: '/x' })).resolves.toEqual({
        results: [{ id: '1' }, { id: '2' }],
      });
      expect(server.requests).toHaveLength(2);
    });

    it('fails unavailable when the body is invalid JSON every time', async () => {
      server = await startTestServer((_req, res) => {
        const text = '{"results":[{"id":"1"},';
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(text.length) });
        res.end(text);
      });
      const { http } = client(server.url, { retries: 1 });
      const error = await rejection(http.request({ method: 'GET', path: '/x' }));
      expect(error.code).toBe('unavailable');
      expect(error.message).toContain('not complete JSON');
      expect(server.requests).toHaveLength(2);
    });

    it('fails unavailable when a GET answers 200 with an empty body', async () => {
      server = await startTestServer((_req, res) => sendJson(res, 200, undefined));
      const { http } = client(server.url, { retries: 0 });
      expect((await rejection(http.request({ method: 'GET', path: '/x' }))).code).toBe('unavailable');
    });
  });

  describe('client errors', () => {
    it('fails invalid_config without retrying when the answer is 401', async () => {
      server = await startTestServer((_req, res) =>
        sendJson(res, 401, {
          status: 'error',
          message: 'Authentication credentials not found.',
          category: 'INVALID_AUTHENTICATION',
        }),
      );
      const { http, clock } = client(server.url);
      const error = await rejection(http.request({ method: 'GET', path: '/x' }));
      expect(error.code).toBe('invalid_config');
      expect(error.message).toContain('Authentication credentials not found.');
      expect(server.requests).toHaveLength(1);
      expect(clock.sleeps).toEqual([]);
    });

    it('fails not_found without retrying when the answer is 404', async () => {
      server = await startTestServer((_req, res) =>
        sendJson(res, 404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]),
      );
      const { http } = client(server.url);
      const error = await rejection(http.request({ method: 'GET', path: '/sobjects/Lead/00Q000000000000' }));
      expect(error.code).toBe('not_found');
      expect(error.message).toContain('The requested resource does not exist (NOT_FOUND)');
      expect((error.cause as { status?: number }).status).toBe(404);
      expect(server.requests).toHaveLength(1);
    });

    it('fails invalid_record on a write and invalid_option on a read when the answer is 400', async () => {
      const fixture = JSON.parse(
        await import('node:fs').then((fs) =>
          fs.readFileSync('/work/shared/fixtures/crm/hubspot/error.example.json', 'utf8'),
        ),
      ) as object;
      server = await startTestServer((_req, res) => sendJson(res, 400, fixture));
      const { http } = client(server.url);
      const write = await rejection(http.request({ method: 'PATCH', path: '/crm/v3/objects/contacts/1', body: {} }));
      expect(write.code).toBe('invalid_record');
      expect(write.message).toContain('VALIDATION_ERROR');
      expect((write.cause as { body?: unknown }).body).toEqual(fixture);
      expect((await rejection(http.request({ method: 'GET', path: '/x' }))).code).toBe('invalid_option');
      const search = http.request({
        method: 'POST',
        path: '/crm/v3/objects/contacts/search',
        body: {},
        badRequestCode: 'invalid_option',
      });
      expect((await rejection(search)).code).toBe('invalid_option');
      expect(server.requests).toHaveLength(3);
    });
  });

  describe('rate limit', () => {
    it('spaces requests within the window when more are sent than the limit allows', async () => {
      server = await startTestServer((_req, res) => sendJson(res, 200, {}));
      const clock = fakeClock();
      const starts: number[] = [];
      const http = createCrmHttpClient({
        adapter: 'hubspot',
        baseUrl: server.url,
        token: TOKEN,
        now: clock.now,
        sleep: clock.sleep,
        rateLimit: { requests: 2, perMs: 1000 },
        fetch: (input, init) => {
          starts.push(clock.now());
          return fetch(input, init);
        },
      });
      for (let i = 0; i < 5; i++) await http.request({ method: 'GET', path: `/r${i}` });
      expect(server.requests).toHaveLength(5);
      expect(starts).toEqual([0, 0, 1000, 1000, 2000].map((ms) => (starts[0] as number) + ms));
      for (const start of starts)
        expect(starts.filter((s) => s >= start && s < start + 1000).length).toBeLessThanOrEqual(2);
      expect(clock.sleeps).toEqual([1000, 1000]);
    });

    it('asks each concurrent request to wait for its own slot when they start together', async () => {
      server = await startTestServer((_req, res) => sendJson(res, 200, {}));
      const sleeps: number[] = [];
      // the clock stands still: every request asks for its slot at the same instant
      const { http } = client(server.url, {
        rateLimit: { requests: 2, perMs: 1000 },
        now: () => 0,
        sleep: async (ms) => void sleeps.push(ms),
      });
      await Promise.all(Array.from({ length: 5 }, (_, i) => http.request({ method: 'GET', path: `/r${i}` })));
      expect(server.requests).toHaveLength(5);
      expect(sleeps).toEqual([1000, 1000, 2000]);
    });

    it('does not sleep when the requests stay under the limit', async () => {
      server = await startTestServer((_req, res) => sendJson(res, 200, {}));
      const { http, clock } = client(server.url, { rateLimit: { requests: 10, perMs: 1000 } });
      for (let i = 0; i < 10; i++) await http.request({ method: 'GET', path: '/x' });
      expect(clock.sleeps).toEqual([]);
    });
  });

  describe('redaction', () => {
    it('keeps the token out of message, String, JSON and cause when the vendor echoes it', async () => {
      server = await startTestServer((_req, res) =>
        sendJson(res, 400, [
          {
            errorCode: 'INVALID_FIELD',
            message: `bad token ${TOKEN} in ${encodeURIComponent(TOKEN)}`,
            fields: [TOKEN],
          },
        ]),
      );
      const { http } = client(server.url);
      const error = await rejection(
        http.request({ method: 'POST', path: `/x/${TOKEN}`, query: { t: TOKEN }, body: {} }),
      );
      expect(error.code).toBe('invalid_record');
      expect(error.message).toContain('INVALID_FIELD');
      expect(exposed(error)).not.toContain(TOKEN);
      expect(exposed(error)).not.toContain(encodeURIComponent(TOKEN));
    });

    it('keeps the token out of network and timeout errors', async () => {
      const probe = await startTestServer(() => undefined);
      await probe.close();
      const { http } = client(probe.url, { retries: 0 });
      const refused = await rejection(http.request({ method: 'GET', path: `/${TOKEN}` }));
      expect(exposed(refused)).not.toContain(TOKEN);
      server = await startTestServer(() => undefined);
      const slow = client(server.url, { retries: 0, timeoutMs: 50 }).http;
      const timeout = await rejection(slow.request({ method: 'GET', path: `/${TOKEN}` }));
      expect(timeout.code).toBe('timeout');
      expect(exposed(timeout)).not.toContain(TOKEN);
    });

    it('keeps the token out of errors when the baseUrl carries it', () => {
      let error: unknown;
      try {
        createCrmHttpClient({ adapter: 'hubspot', baseUrl: `http://${TOKEN}.example.com`, token: TOKEN });
      } catch (e) {
        error = e;
      }
      expect((error as AdapterError).code).toBe('invalid_config');
      expect(exposed(error)).not.toContain(TOKEN);
    });
  });
});
