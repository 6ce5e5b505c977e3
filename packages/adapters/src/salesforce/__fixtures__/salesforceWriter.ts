// A writer process for the restart test: a Salesforce adapter over a DuckDB outbox writes a disposition
// (the org is down: it is queued), then flushes when the test writes a line on stdin. The test kills it
// (SIGKILL) while that flush is in flight.
// Usage: node --conditions=@accord/source --import tsx salesforceWriter.ts <db path> <instance url> <token> <lead id>
import { createDuckDbOutboxStore } from '../../crm/outbox/createDuckDbOutboxStore';
import { createSalesforceAdapter } from '../createSalesforceAdapter';

const [path, instanceUrl, accessToken, leadId] = process.argv.slice(2);
if (!path || !instanceUrl || !accessToken || !leadId)
  throw new Error('usage: salesforceWriter.ts <db path> <instance url> <token> <lead id>');

const store = await createDuckDbOutboxStore({ path });
const salesforce = createSalesforceAdapter({
  instanceUrl,
  accessToken,
  outbox: store,
  outboxBackoff: { baseDelayMs: 0, maxDelayMs: 0 },
  http: { retries: 0, timeoutMs: 60_000 },
});
await salesforce.writeDisposition?.(leadId, {
  reasonId: 'no_icp_fit',
  at: '2026-07-01T12:00:00.000Z',
  by: 'rep_ava',
  detail: 'Too small',
});
process.stdout.write(`queued ${(await salesforce.pendingWrites()).length}\n`);
process.stdin.once('data', () => {
  void salesforce.flushOutbox().then(async (result) => {
    process.stdout.write(`flushed ${JSON.stringify(result)}\n`);
    await store.close?.();
    process.exit(0);
  });
});
