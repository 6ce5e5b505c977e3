import { afterEach, describe, expect, it } from 'vitest';
import { AdapterError } from '../contract/AdapterError';
import { createMemoryOutboxStore } from '../crm/outbox/createMemoryOutboxStore';
import {
  FAKE_CHANNEL,
  FAKE_SLACK_TOKEN,
  FAKE_WEBHOOK_PATH,
  type FakeSlack,
  startFakeSlack,
} from './__fixtures__/startFakeSlack';
import { startWebhookReceiver, type WebhookReceiver } from './__fixtures__/startWebhookReceiver';
import type { AccordAction } from './actions.types';
import { type ActionLogEntry, createActionRunner } from './createActionRunner';
import { createSlackSink } from './createSlackSink';
import { createWebhookSink } from './createWebhookSink';

const SECRET = 'whsec_0123456789SECRETabcdef';
const servers: (FakeSlack | WebhookReceiver)[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
const fastSleep = async () => {};
const action = (n: number, kind: AccordAction['kind'] = 'notify_owner', leadId = `L${n}`): AccordAction => ({
  key: `k:${leadId}:${n}`,
  kind,
  leadId,
  title: `Action ${n} for ${leadId}`,
});

async function setup() {
  const slack = await startFakeSlack();
  const receiver = await startWebhookReceiver({ secret: SECRET });
  servers.push(slack, receiver);
  const store = createMemoryOutboxStore();
  const logs: ActionLogEntry[] = [];
  const sinks = [
    createSlackSink({ webhookUrl: `${slack.url}${FAKE_WEBHOOK_PATH}` }, { sleep: fastSleep, retries: 0 }),
    createWebhookSink({
      url: receiver.url,
      secret: SECRET,
      sleep: fastSleep,
      retries: 0,
      accepts: (a) => a.kind === 'enrich' || a.kind === 'notify_owner',
    }),
  ];
  return { slack, receiver, store, logs, sinks };
}

describe('createActionRunner', () => {
  it('routes each action to every sink that accepts it and reports an action none takes', async () => {
    const { slack, receiver, store, logs, sinks } = await setup();
    const runner = createActionRunner({ sinks, store, log: (e) => logs.push(e) });
    const results = await runner.dispatch([action(1), action(2, 'enrich'), action(3, 'suppress')]);
    expect(results.map((r) => [r.action.key, r.sinks, r.unrouted])).toEqual([
      ['k:L1:1', ['slack', 'webhook'], false],
      ['k:L2:2', ['webhook'], false],
      ['k:L3:3', [], true],
    ]);
    expect(results[0]?.deliveries).toEqual([
      { sink: 'slack', key: 'slack:k:L1:1', status: 'delivered', created: true },
      { sink: 'webhook', key: 'webhook:k:L1:1', status: 'delivered', created: true },
    ]);
    expect(logs).toEqual([{ level: 'warn', message: 'no sink accepts action k:L3:3 (suppress)', actionKey: 'k:L3:3' }]);
    expect(slack.state.messages).toHaveLength(1);
    expect([...receiver.state.applied.keys()]).toEqual(['k:L1:1', 'k:L2:2']);
    const stored = await store.list();
    expect(stored.map((m) => [m.key, m.adapter, m.kind, m.status])).toEqual([
      ['slack:k:L1:1', 'slack', 'action.notify_owner', 'delivered'],
      ['webhook:k:L1:1', 'webhook', 'action.notify_owner', 'delivered'],
      ['webhook:k:L2:2', 'webhook', 'action.enrich', 'delivered'],
    ]);
    // The same decisions again: nothing is sent twice.
    const again = await runner.dispatch([action(1), action(2, 'enrich')]);
    expect(again.flatMap((r) => r.deliveries.map((d) => d.created))).toEqual([false, false, false]);
    expect(slack.state.messages).toHaveLength(1);
    expect(receiver.state.receipts).toHaveLength(2);
  });

  it('dry run: stores and sends nothing, returns and logs each sink’s redacted preview', async () => {
    const { slack, receiver, store, logs, sinks } = await setup();
    const runner = createActionRunner({ sinks, store, dryRun: true, log: (e) => logs.push(e) });
    const results = await runner.dispatch([action(1), action(2, 'reroute')]);
    expect(results[0]?.deliveries).toEqual([]);
    expect(results[0]?.previews?.map((p) => [p.sink, p.preview.method, p.preview.url])).toEqual([
      ['slack', 'POST', `${slack.url}/services/***`],
      ['webhook', 'POST', receiver.url],
    ]);
    expect(results[1]?.previews?.map((p) => p.sink)).toEqual(['slack']);
    expect(logs.filter((l) => l.preview).map((l) => l.message)).toEqual([
      'dry run: slack would send k:L1:1',
      'dry run: webhook would send k:L1:1',
      'dry run: slack would send k:L2:2',
    ]);
    const text = JSON.stringify([results, logs]);
    expect(text).not.toContain('SECRETwebhookXYZ');
    expect(text).not.toContain(SECRET);
    expect(await store.list()).toEqual([]);
    expect(await runner.pending()).toEqual([]);
    expect(slack.state.requests).toEqual([]);
    expect(receiver.state.receipts).toEqual([]);
  });

  it('keeps a permanent refusal as a dead letter with its redacted error, and keeps retrying a transient one', async () => {
    const { slack, store, logs, sinks } = await setup();
    const runner = createActionRunner({
      sinks: [sinks[0] as never],
      store,
      log: (e) => logs.push(e),
      backoff: () => 0,
    });
    slack.state.faults.webhook.push('channel_not_found');
    const [dead] = await runner.dispatch([action(1)]);
    expect(dead?.deliveries[0]).toMatchObject({ status: 'dead', error: expect.stringContaining('channel_not_found') });
    expect((await store.get('slack:k:L1:1'))?.lastError).toContain('POST ***');
    slack.state.faults.webhook.push('500');
    const [pending] = await runner.dispatch([action(2)]);
    expect(pending?.deliveries[0]?.status).toBe('pending');
    expect((await runner.pending()).map((m) => m.key)).toEqual(['slack:k:L2:2']);
    expect(await runner.flush()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    expect(logs.map((l) => l.level)).toEqual(['error', 'warn']);
    expect(JSON.stringify([logs, await store.list()])).not.toContain('SECRETwebhookXYZ');
  });

  it('keeps a lead’s actions in order behind its failing one, without holding back other leads', async () => {
    const { slack, store, sinks } = await setup();
    const runner = createActionRunner({ sinks: [sinks[0] as never], store, backoff: () => 0 });
    slack.state.faults.webhook.push('500', '500');
    const results = await runner.dispatch([
      action(1, 'notify_owner', 'L1'),
      action(2, 'notify_owner', 'L1'),
      action(3, 'notify_owner', 'L9'),
    ]);
    expect(results.map((r) => r.deliveries[0]?.status)).toEqual(['pending', 'pending', 'delivered']);
    // L1's first action was retried first (and failed again), so its second was not attempted ahead of it.
    expect(slack.state.requests).toHaveLength(3);
    expect(await runner.flush()).toEqual({ delivered: 2, failed: 0, dead: 0 });
    const titles = slack.state.messages.map((m) => m.text);
    expect(titles).toEqual(['Action 3 for L9', 'Action 1 for L1', 'Action 2 for L1']);
  });

  it('checks actions before storing anything: coded errors naming the index, key and field', async () => {
    const { store, sinks } = await setup();
    const runner = createActionRunner({ sinks, store });
    const bad = async (actions: unknown[]) => {
      const error = await runner.dispatch(actions as AccordAction[]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AdapterError);
      expect((error as AdapterError).code).toBe('invalid_record');
      return (error as Error).message;
    };
    expect(await bad([action(1), { ...action(2), kind: 'explode' }])).toMatch(/actions\[1\] \(k:L2:2\): field "kind"/);
    expect(await bad([{ ...action(1), key: '' }])).toMatch(/field "key"/);
    expect(await bad([{ ...action(1), leadId: undefined }])).toMatch(/field "leadId"/);
    expect(await bad([{ ...action(1), title: '' }])).toMatch(/field "title"/);
    expect(await bad([{ ...action(1), payload: { n: 1n } }])).toMatch(/field "payload"/);
    expect(await store.list()).toEqual([]);
  });

  it('refuses bad options with invalid_config', () => {
    const store = createMemoryOutboxStore();
    const sink = createSlackSink({ token: FAKE_SLACK_TOKEN, channel: FAKE_CHANNEL });
    expect(() => createActionRunner({ sinks: [], store })).toThrow(/sinks/);
    expect(() => createActionRunner({ sinks: [sink, sink], store })).toThrow(/unique/);
    expect(() => createActionRunner({ sinks: [sink], store: undefined as never })).toThrow(/store/);
    expect(() => createActionRunner({ sinks: [{ name: 'x' } as never], store })).toThrow(/ActionSink/);
  });

  it('start/stop flushes pending actions in the background', async () => {
    const { slack, store, sinks } = await setup();
    const runner = createActionRunner({ sinks: [sinks[0] as never], store, backoff: () => 0 });
    slack.state.faults.webhook.push('500');
    await runner.dispatch([action(1)]);
    expect(await runner.pending()).toHaveLength(1);
    runner.start({ intervalMs: 20 });
    for (let i = 0; i < 100 && (await runner.pending()).length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    await runner.stop();
    expect(await runner.pending()).toEqual([]);
    expect(slack.state.messages).toHaveLength(1);
  });
});
