// A writer process for the restart test: a HubSpot adapter over a DuckDB outbox writes a disposition
// (HubSpot is down: it is queued), then flushes when the test writes a line on stdin. The test kills it
// (SIGKILL) while that flush is in flight.
// Usage: node --conditions=@accord/source --import tsx hubspotWriter.ts <db path> <base url> <token> <contact id>
import { createDuckDbOutboxStore } from '../../crm/outbox/createDuckDbOutboxStore';
import { createHubSpotAdapter } from '../createHubSpotAdapter';

const [path, baseUrl, token, leadId] = process.argv.slice(2);
if (!path || !baseUrl || !token || !leadId)
  throw new Error('usage: hubspotWriter.ts <db path> <base url> <token> <contact id>');

const store = await createDuckDbOutboxStore({ path });
const hubspot = createHubSpotAdapter({
  token,
  baseUrl,
  outbox: store,
  retries: 0,
  timeoutMs: 60_000,
  outboxDelayMs: () => 0,
});
await hubspot.writeDisposition(leadId, {
  reasonId: 'no_budget',
  at: '2026-07-02T08:00:00Z',
  by: 'rep_bo',
  detail: 'Budget frozen until Q3',
});
process.stdout.write(`queued ${(await hubspot.pendingWrites()).length}\n`);
process.stdin.once('data', () => {
  void hubspot.flushOutbox().then(async (result) => {
    process.stdout.write(`flushed ${JSON.stringify(result)}\n`);
    await store.close?.();
    process.exit(0);
  });
});
