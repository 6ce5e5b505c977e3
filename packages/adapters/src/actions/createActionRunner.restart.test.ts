import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startWriterProcess } from '../crm/__fixtures__/startWriterProcess';
import { createDuckDbOutboxStore } from '../crm/outbox/createDuckDbOutboxStore';
import { FAKE_CHANNEL, FAKE_SLACK_TOKEN, startFakeSlack } from './__fixtures__/startFakeSlack';
import { writerAction } from './__fixtures__/writerAction';
import { createActionRunner } from './createActionRunner';
import { createSlackSink } from './createSlackSink';

const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'accord-actions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('action runner restart (DuckDB outbox)', () => {
  it('posts an escalation to Slack exactly once when the writer is SIGKILLed between Slack taking it and markDelivered', async () => {
    const slack = await startFakeSlack();
    const path = join(dir, 'slack-restart.duckdb');
    const posts = () => slack.state.requests.filter((r) => r.path === '/api/chat.postMessage');
    // The first post fails (queued); the second is taken by Slack, whose answer never comes back.
    slack.state.faults.post.push('500', 'hang-after');
    const writer = startWriterProcess(
      join(here, '__fixtures__', 'slackWriter.ts'),
      [path, `${slack.url}/api/`, FAKE_SLACK_TOKEN, FAKE_CHANNEL],
      here,
    );
    try {
      await writer.waitFor('queued 1 pending');
      expect(slack.state.messages).toEqual([]);
      writer.send('flush');
      for (let i = 0; i < 300 && slack.state.messages.length === 0; i++) {
        if (writer.child.exitCode !== null) throw new Error(`writer exited: ${writer.output()}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(slack.state.messages).toHaveLength(1);
      expect(await writer.kill()).toBe('SIGKILL');
    } finally {
      writer.child.kill('SIGKILL');
      await slack.close().catch(() => {});
    }
    expect(writer.output()).not.toContain('flushed');
    expect(posts()).toHaveLength(2);

    // A new process (here: the test) resumes from the same file, with Slack back on the same port.
    const back = await startFakeSlack({ state: slack.state, port: slack.port });
    const store = await createDuckDbOutboxStore({ path });
    try {
      const runner = createActionRunner({
        sinks: [
          createSlackSink({ token: FAKE_SLACK_TOKEN, channel: FAKE_CHANNEL }, { apiBaseUrl: `${back.url}/api/` }),
        ],
        store,
      });
      expect((await runner.pending()).map((m) => m.key)).toEqual([`slack:${writerAction.key}`]);
      expect(await runner.flush()).toEqual({ delivered: 1, failed: 0, dead: 0 });
      expect(await runner.flush()).toEqual({ delivered: 0, failed: 0, dead: 0 });
      expect((await store.list()).map((m) => [m.key, m.status])).toEqual([[`slack:${writerAction.key}`, 'delivered']]);
    } finally {
      await store.close?.();
      await back.close();
    }
    // The resumed flush found the message by its key in the channel history instead of posting again.
    expect(posts()).toHaveLength(2);
    expect(slack.state.messages).toHaveLength(1);
    expect(slack.state.messages[0]?.metadata?.event_payload.key).toBe(writerAction.key);
  }, 60_000);
});
