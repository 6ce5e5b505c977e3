import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSample, type Lead, type Opportunity } from '@accord/core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { AdapterError } from '../contract/AdapterError';
import type { Page } from '../contract/adapter.types';
import { startWriterProcess } from '../crm/__fixtures__/startWriterProcess';
import { createDuckDbOutboxStore } from '../crm/outbox/createDuckDbOutboxStore';
import { createMemoryOutboxStore } from '../crm/outbox/createMemoryOutboxStore';
import { describeAdapterConformance } from '../testing/describeAdapterConformance';
import { createHubSpotAdapter, type HubSpotAdapter, type HubSpotAdapterOptions } from './createHubSpotAdapter';
import { createFakeHubSpotServer, type FakeHubSpotServer } from './testing/createFakeHubSpotServer';
import { toHubSpotObjects } from './testing/toHubSpotObjects';

const fixture = <T = unknown>(name: string): T =>
  JSON.parse(
    readFileSync(fileURLToPath(new URL(`../../../../../shared/fixtures/crm/hubspot/${name}`, import.meta.url)), 'utf8'),
  ) as T;
const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'accord-hubspot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const servers: FakeHubSpotServer[] = [];
const noSleep = async () => {};

async function portal(data: { leads?: readonly Lead[]; opportunities?: readonly Opportunity[] } = {}) {
  const hub = await createFakeHubSpotServer(toHubSpotObjects(data));
  servers.push(hub);
  return hub;
}

function adapterFor(hub: FakeHubSpotServer, options: Partial<HubSpotAdapterOptions> = {}): HubSpotAdapter {
  return createHubSpotAdapter({ token: hub.token, baseUrl: hub.baseUrl, sleep: noSleep, ...options });
}

async function rejection(p: Promise<unknown>): Promise<AdapterError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AdapterError);
    return e as AdapterError;
  }
  throw new Error('expected a rejection');
}

async function allLeads(adapter: HubSpotAdapter, limit = 1000): Promise<Lead[]> {
  const out: Lead[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<Lead> = await adapter.listLeads({ limit, cursor });
    out.push(...page.records);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describeAdapterConformance({
  name: 'hubspot',
  create: async (data) => adapterFor(await portal(data)),
  createWithBadConfig: async () => createHubSpotAdapter({ token: 'pat-na1-secret', baseUrl: 'http://api.hubapi.com' }),
});

const sample = generateSample({ leads: 60, seed: 5 });

describe('createHubSpotAdapter', () => {
  it('reads back the seeded leads and opportunities field for field when the portal holds them', async () => {
    const adapter = adapterFor(await portal(sample));
    // Fields the default mapping has no HubSpot property for stay behind: a lead's amount, its
    // enrichment (tech, title), and a deal's campaign, segment, loss reason and themes.
    const strip = ({ amount: _a, currency: _c, ...lead }: Lead) => {
      const { tech: _t, title: _i, ...attributes } = lead.attributes ?? {};
      return lead.attributes ? { ...lead, attributes } : lead;
    };
    expect(await allLeads(adapter, 17)).toEqual(sample.leads.map(strip));
    const deals = await adapter.listOpportunities({ limit: 1000 });
    const expected = sample.opportunities.map((o) => {
      const { closedAt, campaignId: _c, segment: _s, loss: _l, themes: _t, ...rest } = o;
      return o.won === undefined ? rest : { ...rest, ...(closedAt ? { closedAt } : {}) };
    });
    expect(deals.records).toEqual(expected);
  });

  it('pages with HubSpot after tokens when no updatedSince is given', async () => {
    const hub = await portal(sample);
    const adapter = adapterFor(hub);
    const first = await adapter.listLeads({ limit: 250 });
    const lists = hub.requests.filter((r) => r.method === 'GET' && r.path === '/crm/v3/objects/contacts');
    expect(first.records).toHaveLength(60);
    expect(lists.map((r) => r.query.get('limit'))).toEqual(['100']);
    const small = await adapter.listLeads({ limit: 25 });
    const second = await adapter.listLeads({ limit: 25, cursor: small.nextCursor });
    expect(hub.requests.at(-1)?.query.get('after')).toBeTruthy();
    expect(second.records[0]?.id).toBe(first.records[25]?.id);
  });

  it('sends back the official paging.next.after token when HubSpot answers with it', async () => {
    const hub = await portal(sample);
    const adapter = adapterFor(hub);
    const next = fixture<{ after: string }>('paging.next-page.example.json');
    hub.fail('GET /crm/v3/objects/contacts', {
      status: 200,
      body: { results: [fixture('contact.simple-public-object.example.json')], paging: { next } },
    });
    const page = await adapter.listLeads({ limit: 1 });
    expect(page.records.map((l) => l.id)).toEqual(['512']);
    await adapter.listLeads({ limit: 1, cursor: page.nextCursor });
    expect(hub.requests.at(-1)?.query.get('after')).toBe(next.after);
  });

  it('never repeats nor skips a record when the portal changes between page calls', async () => {
    const hub = await portal(sample);
    const adapter = adapterFor(hub);
    const ids = sample.leads.map((l) => l.id).sort();
    const seen: string[] = [];
    let cursor: string | null = null;
    let calls = 0;
    hub.onRequest = (request) => {
      if (!request.path.startsWith('/crm/v3/objects/contacts')) return;
      calls++;
      // Every call: one seen record is modified (moves to the end of a lastmodifieddate order), one new
      // record is added, one record not yet seen is modified.
      const contacts = hub.objects.get('contacts') as Map<string, { id: string; properties: Record<string, string> }>;
      const stamp = new Date(Date.UTC(2026, 9, 1, 0, calls)).toISOString();
      const a = contacts.get(ids[calls] as string);
      if (a) a.properties = { ...a.properties, lastmodifieddate: stamp, hubspot_owner_id: 'rep_moved' };
      hub.put('contacts', {
        id: `L9${String(calls).padStart(6, '0')}`,
        properties: { createdate: stamp, lastmodifieddate: stamp, email: `new${calls}@example.com` },
      });
    };
    for (const options of [{}, { updatedSince: '2000-01-01T00:00:00Z' }]) {
      seen.length = 0;
      cursor = null;
      do {
        const page: Page<Lead> = await adapter.listLeads({ limit: 7, cursor, ...options });
        seen.push(...page.records.map((l) => l.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(new Set(seen).size, 'no duplicates').toBe(seen.length);
      for (const id of ids) expect(seen, 'no gaps').toContain(id);
    }
  });

  it('filters by updatedSince through the search API with an id window instead of offsets', async () => {
    const hub = await portal(sample);
    const adapter = adapterFor(hub);
    const page = await adapter.listLeads({ updatedSince: '2000-01-01T00:00:00Z', limit: 10 });
    const search = hub.requests.find((r) => r.path === '/crm/v3/objects/contacts/search');
    expect(search?.body).toMatchObject({
      sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }],
      filterGroups: [
        {
          filters: [
            { propertyName: 'lastmodifieddate', operator: 'GTE', value: String(Date.parse('2000-01-01T00:00:00Z')) },
          ],
        },
      ],
      limit: 10,
    });
    await adapter.listLeads({ updatedSince: '2000-01-01T00:00:00Z', limit: 10, cursor: page.nextCursor });
    const next = hub.requests.filter((r) => r.path === '/crm/v3/objects/contacts/search').at(-1);
    expect((next?.body as { after?: unknown } | undefined)?.after).toBeUndefined();
    expect(JSON.stringify(next?.body)).toContain('"propertyName":"hs_object_id","operator":"GT"');
  });

  it('retries 429 with Retry-After and 5xx, then answers when HubSpot recovers', async () => {
    const hub = await portal(sample);
    const waits: number[] = [];
    const adapter = adapterFor(hub, { sleep: async (ms) => void waits.push(ms), random: () => 0.5 });
    hub.fail('GET /crm/v3/objects/contacts', { status: 429, retryAfter: '2' }, { status: 502 }, { status: 503 });
    const page = await adapter.listLeads({ limit: 5 });
    expect(page.records).toHaveLength(5);
    expect(waits).toContain(2000);
    expect(hub.requests.filter((r) => r.path === '/crm/v3/objects/contacts')).toHaveLength(4);
  });

  it('fails rate_limited when 429 persists past the retries', async () => {
    const hub = await portal(sample);
    const adapter = adapterFor(hub, { retries: 2 });
    hub.fail('GET /crm/v3/objects/contacts', ...Array.from({ length: 3 }, () => ({ status: 429, retryAfter: '1' })));
    expect((await rejection(adapter.listLeads())).code).toBe('rate_limited');
  });

  it('treats truncated JSON as an error, never as an empty page', async () => {
    const hub = await portal(sample);
    const adapter = adapterFor(hub, { retries: 1 });
    hub.fail('GET /crm/v3/objects/contacts', { truncate: true }, { truncate: true });
    const error = await rejection(adapter.listLeads());
    expect(error.code).toBe('unavailable');
  });

  it('maps HubSpot error JSON to coded errors with its message and category', async () => {
    const hub = await portal(sample);
    const adapter = adapterFor(hub);
    hub.fail('POST /crm/v3/objects/contacts/search', { status: 400, body: fixture('error.example.json') });
    const error = await rejection(adapter.listLeads({ updatedSince: '2026-01-01T00:00:00Z' }));
    expect(error.code).toBe('invalid_option');
    expect(error.message).toContain('Invalid input');
    expect(error.message).toContain('VALIDATION_ERROR');
  });

  it('never shows the token in an error when HubSpot refuses it', async () => {
    const hub = await portal(sample);
    const token = 'pat-na1-0f0e9b1c-3c41-4f6e-9d3a-5b0c2a7d8e91';
    const adapter = adapterFor(hub, { token });
    const error = await rejection(adapter.listLeads());
    expect(error.code).toBe('invalid_config');
    const texts = [error.message, String(error), JSON.stringify(error), String((error as { cause?: unknown }).cause)];
    let cause: unknown = error;
    while (cause instanceof Error) {
      texts.push(cause.message, JSON.stringify(cause), JSON.stringify((cause as { body?: unknown }).body ?? null));
      cause = cause.cause;
    }
    for (const text of texts) expect(text).not.toContain(token);
  });

  it('rejects a non-https base URL with invalid_config, and a mapping naming unknown stages', () => {
    expect(() => createHubSpotAdapter({ token: 'x-token-1', baseUrl: 'http://api.hubapi.com' })).toThrow(
      expect.objectContaining({ code: 'invalid_config' }),
    );
    expect(() =>
      createHubSpotAdapter({ token: 'x-token-1', mapping: { lifecyclestage: { subscriber: 'lurker' } } }),
    ).toThrow(
      expect.objectContaining({
        code: 'invalid_config',
        issues: [expect.objectContaining({ code: 'unknown_stage', stageId: 'lurker' })],
      }),
    );
  });

  it('rejects a deal with an amount finer than its currency as an invalid record naming it', async () => {
    const hub = await portal(sample);
    const deal = [...(hub.objects.get('deals')?.values() ?? [])][0];
    if (!deal) throw new Error('no deal');
    deal.properties.amount = '1500.005';
    const error = await rejection(adapterFor(hub).listOpportunities());
    expect(error.code).toBe('invalid_record');
    expect(error.issues[0]?.path).toEqual(['deals', deal.id, 'properties', 'amount']);
  });

  it('writes a disposition as a property update plus one note associated with the contact', async () => {
    const hub = await portal(sample);
    const adapter = adapterFor(hub);
    const lead = sample.leads[3] as Lead;
    await adapter.writeDisposition(lead.id, {
      reasonId: 'competitor',
      at: '2026-07-01T12:00:00Z',
      by: 'rep_ava',
      detail: 'Acme <CRM>',
    });
    const contact = hub.objects.get('contacts')?.get(lead.id);
    expect(contact?.properties).toMatchObject({
      hs_lead_status: 'UNQUALIFIED',
      accord_disposition_reason: 'competitor',
      accord_disposition_at: '2026-07-01T12:00:00.000Z',
      accord_disposition_by: 'rep_ava',
      accord_disposition_detail: 'Acme <CRM>',
    });
    const notes = [...(hub.objects.get('notes')?.values() ?? [])];
    expect(notes).toHaveLength(1);
    expect(notes[0]?.properties.hs_note_body).toContain('Acme &lt;CRM&gt;');
    expect(notes[0]?.properties.accord_idempotency_key).toBe(
      `hubspot:disposition:${lead.id}:${Date.parse('2026-07-01T12:00:00Z')}:competitor`,
    );
    expect(hub.associations.get('notes/contacts')?.get(notes[0]?.id as string)).toEqual([lead.id]);
    const post = hub.requests.find((r) => r.method === 'POST' && r.path === '/crm/v3/objects/notes');
    expect(post?.headers['idempotency-key']).toBe(`${notes[0]?.properties.accord_idempotency_key}:note`);
    expect(post?.body).toMatchObject({
      associations: [
        { to: { id: lead.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 202 }] },
      ],
    });
    expect(await adapter.pendingWrites()).toEqual([]);
  });

  it('delivers a disposition written while HubSpot is down exactly once when it is back', async () => {
    const hub = await portal(sample);
    const store = createMemoryOutboxStore();
    let clock = Date.parse('2026-07-02T08:00:00Z');
    const adapter = adapterFor(hub, { outbox: store, retries: 1, now: () => clock });
    const lead = sample.leads[4] as Lead;
    hub.setDown(true);
    await adapter.writeDisposition(lead.id, { reasonId: 'no_budget', at: '2026-07-02T08:00:00Z', by: 'rep_bo' });
    expect(await adapter.pendingWrites()).toHaveLength(1);
    expect(hub.objects.get('notes')?.size).toBe(0);
    hub.setDown('drop');
    expect(await adapter.flushOutbox(), 'not due yet').toEqual({ delivered: 0, failed: 0, dead: 0 });
    clock += 60 * 60_000;
    expect(await adapter.flushOutbox()).toEqual({ delivered: 0, failed: 1, dead: 0 });
    hub.setDown(false);
    clock += 60 * 60_000;
    expect(await adapter.flushOutbox()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    // The same write again (a retried request from the UI) is the same message: nothing new is sent.
    await adapter.writeDisposition(lead.id, { reasonId: 'no_budget', at: '2026-07-02T08:00:00Z', by: 'rep_bo' });
    expect(await adapter.flushOutbox()).toEqual({ delivered: 0, failed: 0, dead: 0 });
    expect(hub.objects.get('notes')?.size).toBe(1);
    expect(hub.objects.get('contacts')?.get(lead.id)?.properties.hs_lead_status).toBe('BAD_TIMING');
    // A second process over the same store after a crash between the note and markDelivered: the note is found, not re-created.
    const message = (await store.list())[0];
    expect(message?.status).toBe('delivered');
    const again = adapterFor(hub, { outbox: createMemoryOutboxStore() });
    await again.writeDisposition(lead.id, { reasonId: 'no_budget', at: '2026-07-02T08:00:00Z', by: 'rep_bo' });
    expect(hub.objects.get('notes')?.size).toBe(1);
    expect((await adapter.listLeads({ limit: 1000 })).records.find((l) => l.id === lead.id)?.disposition).toEqual({
      reasonId: 'no_budget',
      at: '2026-07-02T08:00:00.000Z',
      by: 'rep_bo',
    });
  });

  it('rejects a disposition for an unknown contact with not_found and keeps it as dead', async () => {
    const hub = await portal(sample);
    const store = createMemoryOutboxStore();
    const adapter = adapterFor(hub, { outbox: store });
    const error = await rejection(
      adapter.writeDisposition('999999', { reasonId: 'no_budget', at: '2026-07-02T08:00:00Z' }),
    );
    expect(error.code).toBe('not_found');
    expect((await store.list())[0]?.status).toBe('dead');
    expect(await adapter.pendingWrites()).toEqual([]);
  });

  it('maps ownerId to the owner email across owners pages when ownerIds is email', async () => {
    const hub = await portal(sample);
    hub.owners = Array.from({ length: 150 }, (_, i) => ({
      id: String(70_000_000 + i),
      email: `rep${i}@example.com`,
      firstName: `Rep${i}`,
      lastName: 'Example',
      userId: 9_000_000 + i,
      archived: false,
      teams: [],
    }));
    hub.owners.push({ id: '79999999', email: 'gone@example.com', archived: true });
    const contacts = [...(hub.objects.get('contacts')?.values() ?? [])];
    contacts.forEach((c, i) => {
      c.properties.hubspot_owner_id = i === 0 ? '79999999' : String(70_000_000 + ((i * 7) % 150));
    });
    const byId = adapterFor(hub);
    const byEmail = adapterFor(hub, { ownerIds: 'email' });
    const ids = await allLeads(byId);
    const emails = await allLeads(byEmail);
    expect(emails.map((l) => l.id)).toEqual(ids.map((l) => l.id));
    for (const [i, lead] of emails.entries()) {
      const hubspotId = ids[i]?.ownerId as string;
      const owner = hub.owners.find((o) => o.id === hubspotId);
      expect(lead.ownerId).toBe(owner?.email);
    }
    expect(emails.find((l) => l.id === contacts[0]?.id)?.ownerId).toBe('gone@example.com');
    const ownerCalls = hub.requests.filter((r) => r.path === '/crm/v3/owners');
    expect(ownerCalls.map((r) => [r.query.get('archived'), r.query.get('after')])).toEqual([
      ['false', null],
      ['false', '100'],
      ['true', null],
    ]);
    expect((await byEmail.listOwners()).map((o) => o.id)).toEqual(hub.owners.slice(0, 150).map((o) => o.id));
  });

  it('rejects an owner id HubSpot does not know as an invalid record naming the contact when ownerIds is email', async () => {
    const hub = await portal(sample);
    hub.owners = [{ id: '70000001', email: 'ava@example.com', archived: false }];
    const contact = [...(hub.objects.get('contacts')?.values() ?? [])][2] as {
      id: string;
      properties: Record<string, string>;
    };
    contact.properties.hubspot_owner_id = '123';
    const error = await rejection(allLeads(adapterFor(hub, { ownerIds: 'email' })));
    expect(error.code).toBe('invalid_record');
    expect(error.issues.map((i) => i.path)).toContainEqual(['contacts', contact.id, 'properties', 'hubspot_owner_id']);
  });

  it('writes the owner id found by email when assignOwner is given an email and ownerIds is email', async () => {
    const hub = await portal(sample);
    hub.owners = [
      { id: '70000001', email: 'ava@example.com', archived: false },
      { id: '70000002', email: 'bo@example.com', archived: false },
    ];
    const adapter = adapterFor(hub, { ownerIds: 'email' });
    const lead = sample.leads[6] as Lead;
    await adapter.assignOwner(lead.id, 'Bo@Example.com');
    expect(hub.objects.get('contacts')?.get(lead.id)?.properties.hubspot_owner_id).toBe('70000002');
    expect((await rejection(adapter.assignOwner(lead.id, 'nobody@example.com'))).code).toBe('not_found');
    await adapter.assignOwner(lead.id, '70000001');
    expect(hub.objects.get('contacts')?.get(lead.id)?.properties.hubspot_owner_id).toBe('70000001');
  });

  it('applies a disposition written while HubSpot was down exactly once when the writer is killed mid-flush', async () => {
    const hub = await portal(sample);
    const lead = sample.leads[5] as Lead;
    const key = `hubspot:disposition:${lead.id}:${Date.parse('2026-07-02T08:00:00Z')}:no_budget`;
    const path = join(dir, 'restart.duckdb');
    const isNotePost = (r: { method: string; path: string }) =>
      r.method === 'POST' && r.path === '/crm/v3/objects/notes';
    hub.setDown(true);
    const writer = startWriterProcess(
      join(here, '__fixtures__', 'hubspotWriter.ts'),
      [path, hub.baseUrl, hub.token, lead.id],
      here,
    );
    try {
      await writer.waitFor('queued 1');
      expect(hub.objects.get('notes')?.size).toBe(0);
      // HubSpot is back; it applies the note but the answer never reaches the writer: it dies first.
      const held = hub.hold(/^POST \/crm\/v3\/objects\/notes$/);
      hub.setDown(false);
      writer.send('flush');
      await Promise.race([
        held,
        writer.exited.then((code) => Promise.reject(new Error(`writer exited (${code}): ${writer.output()}`))),
      ]);
      expect(await writer.kill()).toBe('SIGKILL');
    } finally {
      writer.child.kill('SIGKILL');
    }
    expect(writer.output()).not.toContain('flushed');
    expect(hub.objects.get('notes')?.size).toBe(1);

    const store = await createDuckDbOutboxStore({ path });
    const resumed = adapterFor(hub, { outbox: store });
    expect((await resumed.pendingWrites()).map((m) => m.key)).toEqual([key]);
    expect(await resumed.flushOutbox()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    expect(await resumed.flushOutbox()).toEqual({ delivered: 0, failed: 0, dead: 0 });
    expect(await resumed.pendingWrites()).toEqual([]);
    expect((await store.list()).map((m) => [m.key, m.status])).toEqual([[key, 'delivered']]);
    await store.close?.();

    const notes = [...(hub.objects.get('notes')?.values() ?? [])];
    expect(notes).toHaveLength(1);
    expect(notes[0]?.properties.accord_idempotency_key).toBe(key);
    expect(hub.associations.get('notes/contacts')?.get(notes[0]?.id as string)).toEqual([lead.id]);
    // The resumed flush found the note by its key instead of posting a second one.
    expect(hub.requests.filter(isNotePost)).toHaveLength(1);
    expect(hub.objects.get('contacts')?.get(lead.id)?.properties).toMatchObject({
      hs_lead_status: 'BAD_TIMING',
      accord_disposition_reason: 'no_budget',
      accord_disposition_at: '2026-07-02T08:00:00.000Z',
      accord_disposition_by: 'rep_bo',
      accord_disposition_detail: 'Budget frozen until Q3',
    });
  });
});
