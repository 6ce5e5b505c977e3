import { createHmac } from 'node:crypto';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { AdapterError } from '../contract/AdapterError';
import { createMemoryOutboxStore } from '../crm/outbox/createMemoryOutboxStore';
import { newReceiverState, startWebhookReceiver, type WebhookReceiver } from './__fixtures__/startWebhookReceiver';
import type { AccordAction } from './actions.types';
import { createActionRunner } from './createActionRunner';
import { createWebhookSink, verifyWebhookSignature } from './createWebhookSink';

const SECRET = 'whsec_0123456789SECRETabcdef';
const servers: WebhookReceiver[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
const start = async (state = newReceiverState(), port?: number) => {
  const server = await startWebhookReceiver({ secret: SECRET, state, ...(port ? { port } : {}) });
  servers.push(server);
  return server;
};
const sleeps: number[] = [];
const fastSleep = async (ms: number) => {
  sleeps.push(ms);
};
const action = (n: number, leadId = `L${n}`): AccordAction => ({
  key: `sla:${leadId}:mql_first_touch:1:${n}`,
  kind: 'notify_manager',
  leadId,
  to: 'mgr_kim',
  title: `Breached: MQLs first touch for ${leadId}`,
  body: 'SLA: MQLs: first touch within 1 business day',
});
const sign = (secret: string, ts: string, body: string) =>
  `v1=${createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex')}`;

describe('verifyWebhookSignature', () => {
  const now = Date.parse('2026-03-04T15:00:00Z');
  const ts = String(now / 1000);
  const body = JSON.stringify({ type: 'accord.action', key: 'k1' });
  const headers = (over: Record<string, string> = {}) => ({
    'x-accord-timestamp': ts,
    'x-accord-signature': sign(SECRET, ts, body),
    ...over,
  });

  it('accepts a good signature (plain headers, Headers, bytes) and a rotated pair', () => {
    expect(verifyWebhookSignature(body, headers(), SECRET, { now })).toEqual({ ok: true, timestamp: now / 1000 });
    expect(verifyWebhookSignature(Buffer.from(body), new Headers(headers()), SECRET, { now }).ok).toBe(true);
    const both = `${sign('old-secret-0123456789', ts, body)}, ${sign(SECRET, ts, body)}`;
    expect(verifyWebhookSignature(body, headers({ 'x-accord-signature': both }), SECRET, { now }).ok).toBe(true);
  });

  it('rejects a tampered body, a wrong secret, stale and future timestamps, missing or malformed headers', () => {
    const check = (b: string, h: Record<string, string>, secret = SECRET, at = now) =>
      verifyWebhookSignature(b, h, secret, { now: at, toleranceSeconds: 300 });
    expect(check(body.replace('k1', 'k2'), headers())).toEqual({ ok: false, reason: 'mismatch' });
    expect(check(body, headers(), 'another-secret-0123456789')).toEqual({ ok: false, reason: 'mismatch' });
    expect(check(body, headers(), SECRET, now + 301_000)).toEqual({ ok: false, reason: 'stale' });
    expect(check(body, headers(), SECRET, now - 301_000)).toEqual({ ok: false, reason: 'future' });
    expect(check(body, headers(), SECRET, now + 299_000).ok).toBe(true);
    // A re-signed old timestamp is still refused: the timestamp is inside the signature.
    const oldTs = String(now / 1000 - 3600);
    expect(check(body, { 'x-accord-timestamp': oldTs, 'x-accord-signature': sign(SECRET, oldTs, body) })).toEqual({
      ok: false,
      reason: 'stale',
    });
    // Moving the timestamp without re-signing breaks the signature.
    expect(check(body, headers({ 'x-accord-timestamp': String(now / 1000 + 1) }))).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(check(body, { 'x-accord-signature': sign(SECRET, ts, body) })).toEqual({
      ok: false,
      reason: 'missing_timestamp',
    });
    expect(check(body, { 'x-accord-timestamp': ts })).toEqual({ ok: false, reason: 'missing_signature' });
    expect(check(body, headers({ 'x-accord-timestamp': '12abc' }))).toEqual({
      ok: false,
      reason: 'malformed_timestamp',
    });
    expect(check(body, headers({ 'x-accord-signature': 'v0=abc' }))).toEqual({ ok: false, reason: 'mismatch' });
    expect(check(body, headers({ 'x-accord-signature': 'v1=zz' }))).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('never puts the secret or the expected signature in its answer', () => {
    const answer = verifyWebhookSignature(body.replace('k1', 'k2'), headers(), SECRET, { now });
    const text = JSON.stringify(answer);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(sign(SECRET, ts, body.replace('k1', 'k2')).slice(3));
    expect(() => verifyWebhookSignature(body, headers(), '', { now })).toThrow(AdapterError);
  });
});

describe('createWebhookSink', () => {
  it('refuses bad configuration with coded errors that do not quote the secret', () => {
    const bad = (options: Parameters<typeof createWebhookSink>[0]) => {
      try {
        createWebhookSink(options);
      } catch (error) {
        expect(error).toBeInstanceOf(AdapterError);
        expect((error as AdapterError).code).toBe('invalid_config');
        expect(inspect(error, { depth: 5 })).not.toContain(SECRET);
        return (error as Error).message;
      }
      throw new Error('expected a throw');
    };
    expect(bad({ url: 'http://example.com/hook', secret: SECRET })).toMatch(/https/);
    expect(bad({ url: 'https://example.com/hook', secret: 'short' })).toMatch(/secret/);
    expect(bad({ url: 'not a url', secret: SECRET })).toMatch(/url/);
    expect(bad({ url: 'https://example.com/hook', secret: SECRET, header: 'Authorization' })).toMatch(/header/);
  });

  it('signs each attempt, sends the Idempotency-Key, no Authorization, and is applied once across 429 (Retry-After), 5xx, a dropped socket and a lost answer', async () => {
    const receiver = await start();
    receiver.state.faults.push('429', '500', 'drop', 'hang-after');
    sleeps.length = 0;
    const sink = createWebhookSink({ url: receiver.url, secret: SECRET, sleep: fastSleep, timeoutMs: 300, retries: 5 });
    const result = await sink.deliver(action(1));
    expect(result).toEqual({ externalId: 'evt_1' });
    const receipts = receiver.state.receipts;
    expect(receipts).toHaveLength(5);
    expect(receipts.every((r) => r.key === action(1).key && r.verified.ok && r.authorization === undefined)).toBe(true);
    expect([...receiver.state.applied.values()].map((v) => v.times)).toEqual([2]); // one effect, the repeat recognised by key
    expect(receiver.state.applied.size).toBe(1);
    expect(sleeps.some((ms) => ms >= 900 && ms <= 1000)).toBe(true); // Retry-After: 1
    expect(sink.preview(action(1))).toEqual({
      method: 'POST',
      url: receiver.url,
      body: { type: 'accord.action', key: action(1).key, action: action(1) },
    });
  }, 15_000);

  it('makes a 4xx permanent (invalid_record) and 401 a config error, never quoting the secret', async () => {
    const receiver = await start();
    receiver.state.faults.push('400');
    const sink = createWebhookSink({ url: receiver.url, secret: SECRET, sleep: fastSleep });
    const error = await sink.deliver(action(1)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_record' });
    const wrong = createWebhookSink({ url: receiver.url, secret: 'another-secret-0123456789', sleep: fastSleep });
    const refused = await wrong.deliver(action(2)).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'invalid_config' });
    expect(receiver.state.receipts.at(-1)?.verified).toEqual({ ok: false, reason: 'mismatch' });
    for (const e of [error, refused]) {
      expect(inspect(e, { depth: 8 })).not.toContain(SECRET);
      expect(inspect(e, { depth: 8 })).not.toContain('another-secret-0123456789');
    }
  });

  it('through the runner: each action applied exactly once across a receiver restart, the runner re-created on the same store', async () => {
    const state = newReceiverState();
    const first = await start(state);
    const store = createMemoryOutboxStore();
    const logs: string[] = [];
    const makeRunner = () =>
      createActionRunner({
        sinks: [createWebhookSink({ url: first.url, secret: SECRET, sleep: fastSleep, timeoutMs: 300, retries: 1 })],
        store,
        backoff: () => 0,
        log: (entry) => logs.push(JSON.stringify(entry)),
      });
    const runner = makeRunner();
    state.faults.push('500');
    const one = await runner.dispatch([action(1), action(2)]);
    expect(one.map((r) => r.deliveries[0]?.status)).toEqual(['delivered', 'delivered']);
    await first.close();
    servers.splice(servers.indexOf(first), 1);
    const down = await runner.dispatch([action(3), action(4, 'L1')]);
    expect(down.map((r) => r.deliveries[0]?.status)).toEqual(['pending', 'pending']);
    expect((await runner.pending()).map((m) => m.key)).toEqual([
      `webhook:${action(3).key}`,
      `webhook:${action(4, 'L1').key}`,
    ]);
    // "Restart": a new runner on the same store, the receiver back on the same port.
    await start(state, first.port);
    const again = makeRunner();
    expect(await again.flush()).toEqual({ delivered: 2, failed: 0, dead: 0 });
    const repeat = await again.dispatch([action(1), action(3)]);
    expect(repeat.map((r) => [r.deliveries[0]?.status, r.deliveries[0]?.created])).toEqual([
      ['delivered', false],
      ['delivered', false],
    ]);
    expect([...state.applied.keys()].sort()).toEqual(
      [action(1), action(2), action(3), action(4, 'L1')].map((a) => a.key).sort(),
    );
    expect([...state.applied.values()].every((v) => v.times === 1)).toBe(true);
    expect(await again.pending()).toEqual([]);
    expect(logs.join('\n')).not.toContain(SECRET);
    expect(JSON.stringify(await store.list())).not.toContain(SECRET);
  }, 20_000);
});
