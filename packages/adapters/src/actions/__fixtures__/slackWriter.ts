// A writer process for the restart test: an action runner over a DuckDB outbox sends one escalation to
// Slack (chat.postMessage fails: it is queued), then flushes when the test writes a line on stdin. The
// test kills it (SIGKILL) while that flush is in flight, after Slack took the message.
// Usage: node --conditions=@accord/source --import tsx slackWriter.ts <db path> <api base url> <token> <channel>
import { createDuckDbOutboxStore } from '../../crm/outbox/createDuckDbOutboxStore';
import { createActionRunner } from '../createActionRunner';
import { createSlackSink } from '../createSlackSink';
import { writerAction } from './writerAction';

const [path, apiBaseUrl, token, channel] = process.argv.slice(2);
if (!path || !apiBaseUrl || !token || !channel)
  throw new Error('usage: slackWriter.ts <db path> <api base url> <token> <channel>');

const store = await createDuckDbOutboxStore({ path });
const runner = createActionRunner({
  sinks: [createSlackSink({ token, channel }, { apiBaseUrl, retries: 0, timeoutMs: 60_000 })],
  store,
  backoff: () => 0,
});
const [result] = await runner.dispatch([writerAction]);
process.stdout.write(`queued ${(await runner.pending()).length} ${result?.deliveries[0]?.status}\n`);
process.stdin.once('data', () => {
  void runner.flush().then(async (flushed) => {
    process.stdout.write(`flushed ${JSON.stringify(flushed)}\n`);
    await store.close?.();
    process.exit(0);
  });
});
