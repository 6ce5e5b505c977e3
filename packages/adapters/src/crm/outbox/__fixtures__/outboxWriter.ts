// A writer process for the restart test: enqueues dispositions into a DuckDB outbox and delivers them to
// a local server. The test kills it (SIGKILL) while a request is in flight.
// Usage: node --import tsx outboxWriter.ts <db path> <server url> <key,key,…>
import { createCrmHttpClient } from '../../createCrmHttpClient';
import { createDuckDbOutboxStore } from '../createDuckDbOutboxStore';
import { createOutbox } from '../createOutbox';

const [path, baseUrl, keys] = process.argv.slice(2);
if (!path || !baseUrl || !keys) throw new Error('usage: outboxWriter.ts <db path> <server url> <keys>');

const http = createCrmHttpClient({
  adapter: 'hubspot',
  baseUrl,
  token: 'child-secret-token',
  retries: 0,
  timeoutMs: 60_000,
});
const store = await createDuckDbOutboxStore({ path });
const outbox = createOutbox({
  store,
  deliver: (message) =>
    http
      .request({ method: 'POST', path: '/crm/v3/objects/notes', body: message.payload, idempotencyKey: message.key })
      .then(() => undefined),
});
let at = 1_767_600_000_000;
for (const key of keys.split(','))
  await outbox.enqueue({ key, adapter: 'hubspot', kind: 'hubspot.disposition', payload: { key }, createdAt: at++ });
process.stdout.write('enqueued\n');
await outbox.flush();
process.stdout.write('flushed\n');
await store.close?.();
