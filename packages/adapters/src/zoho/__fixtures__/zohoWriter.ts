// A writer process for the restart test: a Zoho adapter over a DuckDB outbox writes a disposition (Zoho is
// down: it is queued), then flushes when the test writes a line on stdin. The test kills it (SIGKILL) while
// that flush is in flight.
// Usage: node --conditions=@accord/source --import tsx zohoWriter.ts <db path> <api domain> <token> <lead id>
import { createDuckDbOutboxStore } from '../../crm/outbox/createDuckDbOutboxStore';
import { createZohoAdapter } from '../createZohoAdapter';

const [path, apiDomain, token, leadId] = process.argv.slice(2);
if (!path || !apiDomain || !token || !leadId)
  throw new Error('usage: zohoWriter.ts <db path> <api domain> <token> <lead id>');

const store = await createDuckDbOutboxStore({ path });
const zoho = createZohoAdapter({
  apiDomain,
  token,
  outbox: store,
  outboxBackoff: { baseDelayMs: 0, maxDelayMs: 0 },
  http: { retries: 0, timeoutMs: 60_000 },
});
await zoho.writeDisposition?.(leadId, {
  reasonId: 'no_icp_fit',
  at: '2026-07-01T12:00:00.000Z',
  by: 'rep_ava',
  detail: 'Too small',
});
process.stdout.write(`queued ${(await zoho.pendingWrites()).length}\n`);
process.stdin.once('data', () => {
  void zoho.flushOutbox().then(async (result) => {
    process.stdout.write(`flushed ${JSON.stringify(result)}\n`);
    await store.close?.();
    process.exit(0);
  });
});
