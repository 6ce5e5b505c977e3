import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { AdapterError } from '../contract/AdapterError';
import { createMemoryOutboxStore } from '../crm/outbox/createMemoryOutboxStore';
import {
  FAKE_CHANNEL,
  FAKE_SLACK_TOKEN,
  FAKE_WEBHOOK_PATH,
  type FakeSlack,
  newSlackState,
  startFakeSlack,
} from './__fixtures__/startFakeSlack';
import type { AccordAction } from './actions.types';
import { createActionRunner } from './createActionRunner';
import { createSlackSink, SLACK_EVENT_TYPE, slackMessage } from './createSlackSink';

const servers: FakeSlack[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
const start = async (state = newSlackState(), port?: number) => {
  const server = await startFakeSlack({ state, ...(port ? { port } : {}) });
  servers.push(server);
  return server;
};
const sleeps: number[] = [];
const fastSleep = async (ms: number) => {
  sleeps.push(ms);
};
const SECRET_PART = 'SECRETwebhookXYZ';
const secretsIn = (value: unknown) => {
  const text = typeof value === 'string' ? value : `${inspect(value, { depth: 10 })}${JSON.stringify(value) ?? ''}`;
  return [FAKE_SLACK_TOKEN, SECRET_PART].filter((secret) => text.includes(secret));
};

const now = Date.parse('2026-03-04T15:00:00Z');
const action = (n: number, leadId = `L${n}`): AccordAction => ({
  key: `sla:${leadId}:mql_first_touch:1:${n}`,
  kind: 'notify_owner',
  leadId,
  to: 'rep_ava',
  title: `Breached: MQLs: first touch within 1 business day for ${leadId}`,
  body: 'SLA: MQLs <first touch> & more\nState: breached, 30 min overdue',
  url: `https://crm.example.com/leads/${leadId}`,
  sla: {
    slaId: 'mql_first_touch',
    label: 'MQLs: first touch within 1 business day',
    state: 'breached',
    dueAt: now - 30 * 60_000,
    breachedAt: now - 30 * 60_000,
    remainingMinutes: -30,
  },
});
const tokenSink = (slack: FakeSlack, extra = {}) =>
  createSlackSink(
    { token: FAKE_SLACK_TOKEN, channel: FAKE_CHANNEL },
    { apiBaseUrl: `${slack.url}/api/`, sleep: fastSleep, timeoutMs: 300, ...extra },
  );
const webhookSink = (slack: FakeSlack, extra = {}) =>
  createSlackSink({ webhookUrl: `${slack.url}${FAKE_WEBHOOK_PATH}` }, { sleep: fastSleep, timeoutMs: 300, ...extra });
const postsOf = (slack: FakeSlack, key: string) =>
  slack.state.messages.filter((m) =>
    m.via === 'api' ? m.metadata?.event_payload.key === key : JSON.stringify(m.blocks).includes(key),
  );

describe('slackMessage', () => {
  it('renders header, lead with a button, the SLA clock, the why (escaped) and the key', () => {
    const { text, blocks } = slackMessage('slack', action(1));
    expect(text).toBe(action(1).title);
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: action(1).title, emoji: true } });
    expect(blocks[1]).toMatchObject({
      text: { text: '*Lead:* L1\n*For:* rep_ava' },
      accessory: { type: 'button', url: 'https://crm.example.com/leads/L1' },
    });
    const fields = (blocks[2] as { fields: { text: string }[] }).fields.map((f) => f.text);
    expect(fields).toEqual([
      '*SLA:* MQLs: first touch within 1 business day',
      '*State:* breached',
      `*Due:* <!date^${(now - 1_800_000) / 1000}^{date_short} {time}|2026-03-04T14:30:00.000Z>`,
      `*Breached:* <!date^${(now - 1_800_000) / 1000}^{date_short} {time}|2026-03-04T14:30:00.000Z>`,
      '*Overdue:* 30 min',
    ]);
    expect(blocks[3]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: 'SLA: MQLs &lt;first touch&gt; &amp; more\nState: breached, 30 min overdue' },
    });
    expect(JSON.stringify(blocks[4])).toContain(action(1).key);
    const long = slackMessage('slack', { ...action(2), title: 'x'.repeat(400), sla: undefined, url: undefined });
    expect((long.blocks[0] as { text: { text: string } }).text.text).toHaveLength(150);
    expect(long.blocks).toHaveLength(4);
    expect(() => slackMessage('slack', { ...action(1), title: ' ' })).toThrow(/title/);
  });
});

describe('createSlackSink, token mode (chat.postMessage)', () => {
  it('posts once with the key in metadata, and recognises a message already posted (no repeat)', async () => {
    const slack = await start();
    const sink = tokenSink(slack);
    const first = await sink.deliver(action(1));
    expect(first.externalId).toMatch(/^1767225600\./);
    const again = await sink.deliver(action(1));
    expect(again).toEqual(first);
    expect(slack.state.messages).toHaveLength(1);
    expect(slack.state.messages[0]?.metadata).toEqual({
      event_type: SLACK_EVENT_TYPE,
      event_payload: { key: action(1).key, kind: 'notify_owner', leadId: 'L1' },
    });
    expect(slack.state.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/conversations.history',
      'POST /api/chat.postMessage',
      'GET /api/conversations.history',
    ]);
    expect(slack.state.requests.every((r) => r.authorization === `Bearer ${FAKE_SLACK_TOKEN}`)).toBe(true);
    expect(secretsIn(sink.preview(action(1)))).toEqual([]);
  });

  it('delivers exactly once across HTTP 429, 200 ok:false ratelimited (Retry-After), 5xx, a dropped socket and a lost answer', async () => {
    const slack = await start();
    slack.state.faults.post.push('429', 'ratelimited', '500', 'drop', 'hang-after');
    slack.state.faults.history.push('500', '429');
    sleeps.length = 0;
    const sink = tokenSink(slack, { retries: 6 });
    await sink.deliver(action(1));
    expect(postsOf(slack, action(1).key)).toHaveLength(1);
    // The post answered by `hang-after` was found in the history, not posted again.
    expect(slack.state.requests.filter((r) => r.path === '/api/chat.postMessage')).toHaveLength(5);
    expect(sleeps).toContain(1000); // HTTP 429 Retry-After: 1
    expect(sleeps).toContain(2000); // ok:false ratelimited, Retry-After: 2
  }, 15_000);

  it('treats 200 ok:false invalid_auth and channel_not_found as permanent, without quoting the token', async () => {
    const slack = await start();
    const bad = createSlackSink(
      { token: 'xoxb-wrong-SECRETtokenABC', channel: FAKE_CHANNEL },
      { apiBaseUrl: `${slack.url}/api/`, sleep: fastSleep },
    );
    const auth = await bad.deliver(action(1)).catch((e: unknown) => e);
    expect(auth).toBeInstanceOf(AdapterError);
    expect(auth).toMatchObject({ code: 'invalid_config', message: expect.stringContaining('invalid_auth') });
    slack.state.faults.post.push('channel_not_found');
    const missing = await tokenSink(slack, { historyLimit: 0 })
      .deliver(action(2))
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 'invalid_record', message: expect.stringContaining('channel_not_found') });
    expect(slack.state.requests.filter((r) => r.path === '/api/chat.postMessage')).toHaveLength(1); // no retry
    const other = createSlackSink(
      { token: FAKE_SLACK_TOKEN, channel: 'C9999ZZZZ' },
      { apiBaseUrl: `${slack.url}/api/`, sleep: fastSleep },
    );
    expect(await other.deliver(action(3)).catch((e: unknown) => e)).toMatchObject({ code: 'invalid_record' });
    for (const error of [auth, missing]) expect(secretsIn(error)).toEqual([]);
    expect(inspect(auth, { depth: 10 })).not.toContain('xoxb-wrong-SECRETtokenABC');
    expect(slack.state.messages).toEqual([]);
  });

  it('refuses bad configuration (channel name, plain http, missing token) with coded errors', () => {
    const codeOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        expect(secretsIn(error)).toEqual([]);
        return (error as AdapterError).code;
      }
      return 'none';
    };
    expect(codeOf(() => createSlackSink({ token: FAKE_SLACK_TOKEN, channel: '#sales' }))).toBe('invalid_config');
    expect(
      codeOf(() =>
        createSlackSink(
          { token: FAKE_SLACK_TOKEN, channel: FAKE_CHANNEL },
          { apiBaseUrl: 'http://slack.example/api/' },
        ),
      ),
    ).toBe('invalid_config');
    expect(codeOf(() => createSlackSink({ token: '', channel: FAKE_CHANNEL }))).toBe('invalid_config');
    expect(codeOf(() => createSlackSink({ webhookUrl: `http://hooks.slack.example${FAKE_WEBHOOK_PATH}` }))).toBe(
      'invalid_config',
    );
    expect(codeOf(() => createSlackSink({} as never))).toBe('invalid_config');
  });
});

describe('createSlackSink, incoming webhook', () => {
  it('posts the Block Kit message, sends no Authorization, and masks the URL in previews', async () => {
    const slack = await start();
    const sink = webhookSink(slack);
    await sink.deliver(action(1));
    expect(slack.state.messages).toHaveLength(1);
    expect(slack.state.messages[0]?.blocks).toEqual(slackMessage('slack', action(1)).blocks);
    expect(slack.state.requests[0]?.authorization).toBeUndefined();
    expect(sink.preview(action(1)).url).toBe(`${slack.url}/services/***`);
    expect(secretsIn(sink.preview(action(1)))).toEqual([]);
  });

  it('delivers once across 429 (Retry-After), 5xx, a dropped socket and a timeout before Slack took it', async () => {
    const slack = await start();
    slack.state.faults.webhook.push('429', '500', 'drop', 'hang-before');
    sleeps.length = 0;
    await webhookSink(slack, { retries: 5 }).deliver(action(1));
    expect(slack.state.messages).toHaveLength(1);
    expect(slack.state.requests).toHaveLength(5);
    expect(sleeps.some((ms) => ms >= 900 && ms <= 1000)).toBe(true);
  }, 15_000);

  it('documents the limit: an answer lost after Slack took the message repeats it (at-least-once)', async () => {
    const slack = await start();
    slack.state.faults.webhook.push('hang-after');
    await webhookSink(slack).deliver(action(1));
    expect(slack.state.messages).toHaveLength(2);
  }, 15_000);

  it('makes a dead or revoked hook permanent (invalid_config) and masks the URL in the error', async () => {
    const slack = await start();
    slack.state.faults.webhook.push('channel_not_found');
    const error = await webhookSink(slack)
      .deliver(action(1))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_config', message: expect.stringContaining('channel_not_found') });
    expect(secretsIn(error)).toEqual([]);
    expect((error as Error).message).toContain('POST ***');
  });
});

describe('Slack through the runner', () => {
  it('delivers each action exactly once per sink across a Slack restart mid-run, the runner re-created on the same store; logs and store hold no secret', async () => {
    const state = newSlackState();
    const first = await start(state);
    const store = createMemoryOutboxStore();
    const logs: unknown[] = [];
    const makeRunner = (slack: FakeSlack) =>
      createActionRunner({
        sinks: [tokenSink(slack, { retries: 1 }), webhookSink(slack, { retries: 1, name: 'slack-hook' })],
        store,
        backoff: () => 0,
        log: (entry) => logs.push(entry),
      });
    const runner = makeRunner(first);
    state.faults.post.push('ratelimited');
    const ok = await runner.dispatch([action(1)]);
    expect(ok[0]?.deliveries.map((d) => [d.sink, d.status])).toEqual([
      ['slack', 'delivered'],
      ['slack-hook', 'delivered'],
    ]);
    await first.close();
    servers.splice(servers.indexOf(first), 1);
    const down = await runner.dispatch([action(2), action(3)]);
    expect(down.flatMap((r) => r.deliveries.map((d) => d.status))).toEqual([
      'pending',
      'pending',
      'pending',
      'pending',
    ]);
    expect(await runner.pending()).toHaveLength(4);
    const again = makeRunner(await start(state, first.port));
    expect(await again.flush()).toEqual({ delivered: 4, failed: 0, dead: 0 });
    await again.dispatch([action(1), action(2), action(3)]);
    for (const n of [1, 2, 3]) {
      const posts = postsOf({ state } as FakeSlack, action(n).key);
      expect(posts.map((m) => m.via).sort()).toEqual(['api', 'webhook']);
    }
    expect(logs.length).toBeGreaterThan(0);
    expect(secretsIn(logs)).toEqual([]);
    expect(secretsIn(await store.list())).toEqual([]);
  }, 20_000);
});
