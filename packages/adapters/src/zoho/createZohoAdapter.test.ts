import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSample, validateRecords } from '@accord/core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { AdapterError } from '../contract/AdapterError';
import type { Page } from '../contract/adapter.types';
import { startWriterProcess } from '../crm/__fixtures__/startWriterProcess';
import { createDuckDbOutboxStore } from '../crm/outbox/createDuckDbOutboxStore';
import { createMemoryOutboxStore } from '../crm/outbox/createMemoryOutboxStore';
import { type ConformanceData, describeAdapterConformance } from '../testing/describeAdapterConformance';
import { type FakeZoho, startFakeZoho } from './__fixtures__/startFakeZoho';
import { toZohoRecords } from './__fixtures__/toZohoRecords';
import { createZohoAdapter, DEFAULT_ZOHO_DISPOSITION_FIELDS, type ZohoAdapterOptions } from './createZohoAdapter';
import { defaultZohoMapping } from './defaultZohoMapping';

const TOKEN = '1000.fake0a1b2c3d4e5f.secret9z8y7x';
const TZ = 'America/New_York';
const noSleep = async () => {};
const servers: FakeZoho[] = [];
const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'accord-zoho-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function startOrg(data: Partial<ConformanceData>, now?: () => number): Promise<FakeZoho> {
  const org = await startFakeZoho({
    tables: toZohoRecords(data, defaultZohoMapping, TZ, DEFAULT_ZOHO_DISPOSITION_FIELDS),
    token: TOKEN,
    ...(now ? { now } : {}),
  });
  servers.push(org);
  return org;
}

const adapterFor = (org: FakeZoho, extra: Partial<ZohoAdapterOptions> = {}) =>
  createZohoAdapter({
    apiDomain: org.url,
    token: TOKEN,
    dealLeadField: 'Accord_Lead',
    http: { sleep: noSleep, retries: 3, baseDelayMs: 1 },
    ...extra,
  });

async function rejection(promise: Promise<unknown>): Promise<AdapterError> {
  try {
    await promise;
  } catch (error) {
    return error as AdapterError;
  }
  throw new Error('expected a rejection');
}

async function listAllLeads(adapter: ReturnType<typeof createZohoAdapter>, limit: number, since?: string) {
  const out: string[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<{ id: string }> = await adapter.listLeads({
      limit,
      cursor,
      ...(since ? { updatedSince: since } : {}),
    });
    out.push(...page.records.map((r) => r.id));
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

describeAdapterConformance({
  name: 'zoho',
  create: async (data) => adapterFor(await startOrg(data)),
  createWithBadConfig: async () => createZohoAdapter({ apiDomain: 'http://www.zohoapis.com', token: TOKEN }),
});

// 240 leads: more than one Zoho page of 200.
const sample = generateSample({ leads: 240, seed: 5 });
const sampleData = { leads: sample.leads, opportunities: sample.opportunities };
const leadIds = sample.leads.map((l) => l.id).sort();

describe('createZohoAdapter', () => {
  it('sends the Zoho-oauthtoken header and pages with page_token, per_page=200, sort_by=id', async () => {
    const org = await startOrg(sampleData);
    expect(await listAllLeads(adapterFor(org), 1000)).toEqual(leadIds);
    const gets = org.requests.filter((r) => r.url.startsWith('/crm/v6/Leads'));
    expect(gets).toHaveLength(2);
    for (const r of gets) {
      expect(r.headers.authorization).toBe(`Zoho-oauthtoken ${TOKEN}`);
      const q = new URL(r.url, 'http://x').searchParams;
      expect(q.get('per_page')).toBe('200');
      expect(q.get('sort_by')).toBe('id');
      expect(q.get('converted')).toBe('both');
      expect(q.get('fields')?.split(',')).toContain('Lead_Status');
      expect(q.has('page')).toBe(false);
    }
    expect(new URL(gets[1]?.url ?? '', 'http://x').searchParams.get('page_token')).toMatch(/^ptk/);
  });

  it('yields no duplicates and no gaps when records are added while it follows page_token', async () => {
    const org = await startOrg(sampleData);
    let n = 0;
    org.beforeTokenPage = () => {
      // Ids sorting first shift Zoho's live offsets: the second Zoho page repeats records of the first.
      if (n++ === 0)
        for (let i = 0; i < 5; i++) org.tables.Leads.push({ ...(org.tables.Leads[0] as object), id: `A${i}` });
    };
    const ids = await listAllLeads(adapterFor(org), 1000);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of leadIds) expect(ids).toContain(id);
  });

  it('yields no duplicates and no gaps when records change between its page calls', async () => {
    const org = await startOrg(sampleData);
    const adapter = adapterFor(org);
    const ids: string[] = [];
    let page = await adapter.listLeads({ limit: 50 });
    ids.push(...page.records.map((l) => l.id));
    // Between calls: a lead already sent is deleted, one not yet sent too, and one sorting first is inserted.
    const gone = leadIds[120] as string;
    org.tables.Leads = org.tables.Leads.filter((l) => l.id !== ids[0] && l.id !== gone);
    org.tables.Leads.push({ ...(org.tables.Leads[0] as object), id: '0' });
    while (page.nextCursor) {
      page = await adapter.listLeads({ limit: 50, cursor: page.nextCursor });
      ids.push(...page.records.map((l) => l.id));
    }
    expect(ids).toEqual(leadIds.filter((id) => id !== gone));
  });

  it('orders numeric Zoho ids by value', async () => {
    const lead = sample.leads[0] as (typeof sample.leads)[number];
    const ids = ['4150868000000224005', '999', '4150868000000224100', '1000'];
    const org = await startOrg({ leads: ids.map((id) => ({ ...lead, id })), opportunities: [] });
    expect(await listAllLeads(adapterFor(org), 1)).toEqual([
      '999',
      '1000',
      '4150868000000224005',
      '4150868000000224100',
    ]);
  });

  it('sends updatedSince as If-Modified-Since and filters on Modified_Time; 304 is an empty page', async () => {
    const org = await startOrg(sampleData);
    const adapter = adapterFor(org);
    const since = '2026-06-20T10:15:30.500Z';
    const got = await listAllLeads(adapter, 1000, since);
    const expected = org.tables.Leads.filter(
      (l) => Date.parse(String(l.Modified_Time)) >= Date.parse('2026-06-20T10:15:30Z'),
    )
      .map((l) => String(l.id))
      .sort();
    expect(got).toEqual(expected);
    expect(got.length).toBeGreaterThan(0);
    expect(org.requests.at(-1)?.headers['if-modified-since']).toBe('2026-06-20T10:15:29+00:00');
    expect(await adapter.listLeads({ updatedSince: '2099-01-01T00:00:00Z' })).toEqual({
      records: [],
      nextCursor: null,
    });
    expect(org.requests.at(-1)?.headers['if-modified-since']).toBe('2098-12-31T23:59:59+00:00');
  });

  it('retries 429 with Retry-After, TOO_MANY_REQUESTS, 5xx and a dropped socket, then returns the page', async () => {
    const org = await startOrg(sampleData);
    const waits: number[] = [];
    org.faults.push(
      {
        status: 429,
        headers: { 'retry-after': '2' },
        body: { code: 'TOO_MANY_REQUESTS', details: {}, message: 'too many requests', status: 'error' },
      },
      { status: 400, body: { code: 'TOO_MANY_REQUESTS', details: {}, message: 'slow down', status: 'error' } },
      { status: 500, body: { code: 'INTERNAL_ERROR', details: {}, message: 'Internal Server Error', status: 'error' } },
      { drop: true },
    );
    const adapter = adapterFor(org, {
      http: { retries: 4, baseDelayMs: 1, sleep: async (ms) => void waits.push(ms) },
    });
    const page = await adapter.listOpportunities({ limit: 5 });
    expect(page.records).toHaveLength(5);
    expect(org.faults).toHaveLength(0);
    expect(waits[0]).toBe(2000);
  });

  it('fails with rate_limited once the retries are spent on TOO_MANY_REQUESTS', async () => {
    const org = await startOrg(sampleData);
    for (let i = 0; i < 4; i++)
      org.faults.push({ status: 429, body: { code: 'TOO_MANY_REQUESTS', details: {}, message: 'x', status: 'error' } });
    const error = await rejection(adapterFor(org).listLeads());
    expect(error.code).toBe('rate_limited');
    expect(error.message).toContain('TOO_MANY_REQUESTS');
  });

  it('fails with an error, not an empty page, when the body is truncated', async () => {
    const org = await startOrg(sampleData);
    for (let i = 0; i < 4; i++) org.faults.push({ truncate: true });
    const error = await rejection(adapterFor(org).listLeads());
    expect(error).toBeInstanceOf(AdapterError);
    expect(error.code).toBe('unavailable');
  });

  it('maps Zoho error codes and keeps the token out of errors', async () => {
    const org = await startOrg(sampleData);
    const wrong = await rejection(createZohoAdapter({ apiDomain: org.url, token: `${TOKEN}-old` }).listLeads());
    expect(wrong.code).toBe('invalid_config');
    expect(wrong.message).toContain('INVALID_TOKEN');
    const cases: [number, string, string][] = [
      [400, 'INVALID_DATA', 'invalid_option'],
      [400, 'REQUIRED_PARAM_MISSING', 'invalid_option'],
      [401, 'OAUTH_SCOPE_MISMATCH', 'invalid_config'],
      [404, 'INVALID_URL_PATTERN', 'invalid_option'],
      [403, 'NO_PERMISSION', 'invalid_config'],
    ];
    for (const [status, code, expected] of cases) {
      org.faults.push({
        status,
        body: { code, details: { token: TOKEN }, message: `${code} for ${TOKEN}`, status: 'error' },
      });
      const error = await rejection(adapterFor(org).listLeads());
      expect(error.code, code).toBe(expected);
      expect(error.message).toContain(code);
      const everything = JSON.stringify([
        error.message,
        (error.cause as { body?: unknown })?.body,
        String(error.cause),
      ]);
      expect(everything).not.toContain(TOKEN);
      expect(everything).not.toContain('secret9z8y7x');
    }
  });

  it('refuses records it cannot map with invalid_record naming the record and field', async () => {
    const org = await startOrg(sampleData);
    (org.tables.Deals[3] as Record<string, unknown>).Amount = 12.345;
    const error = await rejection(adapterFor(org).listOpportunities({ limit: 1000 }));
    expect(error.code).toBe('invalid_record');
    expect(error.issues.map((i) => i.path)).toEqual([['Deals', org.tables.Deals[3]?.id, 'Amount']]);
  });

  it('rejects a bad configuration with invalid_config', () => {
    const bad: unknown[] = [
      { apiDomain: 'https://www.zohoapis.com' },
      { apiDomain: 'https://www.zohoapis.com/crm/v6', token: TOKEN },
      { apiDomain: 'https://user:pw@www.zohoapis.com', token: TOKEN },
      { apiDomain: 'https://www.zohoapis.com', token: TOKEN, currency: 'usd' },
      { apiDomain: 'https://www.zohoapis.com', token: TOKEN, dealLeadField: 'a b' },
      { apiDomain: 'https://www.zohoapis.com', token: TOKEN, mapping: { stageDateFields: { mql: "x'y" } } },
    ];
    for (const options of bad) {
      let error: unknown;
      try {
        createZohoAdapter(options as ZohoAdapterOptions);
      } catch (e) {
        error = e;
      }
      expect((error as AdapterError)?.code, JSON.stringify(options)).toBe('invalid_config');
      expect((error as AdapterError).message).not.toContain(TOKEN);
    }
  });

  it('writes a disposition with PUT /crm/v6/Leads { data: [...] } and reads it back', async () => {
    const org = await startOrg(sampleData);
    const adapter = adapterFor(org);
    const lead = sample.leads.find((l) => !l.disposition) as (typeof sample.leads)[number];
    await adapter.writeDisposition?.(lead.id, {
      reasonId: 'no_icp_fit',
      at: '2026-07-01T12:00:00.000Z',
      by: 'rep_ava',
    });
    const put = org.requests.find((r) => r.method === 'PUT');
    expect(put?.url).toBe('/crm/v6/Leads');
    expect(put?.headers.authorization).toBe(`Zoho-oauthtoken ${TOKEN}`);
    expect(JSON.parse(put?.body ?? '')).toEqual({
      data: [
        {
          id: lead.id,
          Lead_Status: 'Not Qualified',
          Accord_Reject_Reason: 'no_icp_fit',
          Accord_Disposition_At: '2026-07-01T12:00:00+00:00',
          Accord_Disposition_By: 'rep_ava',
          Accord_Disposition_Detail: null,
        },
      ],
    });
    expect(org.updates[0]?.idempotencyKey).toMatch(/^zoho:disposition:/);
    const read = (await adapter.listLeads({ limit: 1000 })).records.find((l) => l.id === lead.id);
    expect(read?.disposition).toEqual({ reasonId: 'no_icp_fit', at: '2026-07-01T12:00:00.000Z', by: 'rep_ava' });
    expect(read?.stageDates?.disqualified).toBeDefined();
  });

  it('queues a disposition while Zoho is down and delivers it exactly once when it is back', async () => {
    let clock = Date.parse('2026-07-01T12:00:00Z');
    const org = await startOrg(sampleData, () => clock);
    const outbox = createMemoryOutboxStore();
    const http = { sleep: noSleep, retries: 1, baseDelayMs: 1, now: () => clock, random: () => 0.5 };
    const lead = sample.leads.find((l) => !l.disposition) as (typeof sample.leads)[number];
    const disposition = { reasonId: 'no_budget', at: '2026-07-01T12:00:00.000Z' };
    org.down = true;
    const writer = createZohoAdapter({ apiDomain: org.url, token: TOKEN, outbox, http });
    await writer.writeDisposition?.(lead.id, disposition);
    await writer.writeDisposition?.(lead.id, disposition); // the caller's retry: same key, no second message
    expect(org.updates).toHaveLength(0);
    expect(await writer.pendingWrites()).toHaveLength(1);
    org.down = false;
    clock += 3_600_000;
    const restarted = createZohoAdapter({ apiDomain: org.url, token: TOKEN, outbox, http });
    expect(await restarted.flushOutbox()).toMatchObject({ delivered: 1, pending: 0 });
    expect(await restarted.flushOutbox()).toMatchObject({ delivered: 0, pending: 0 });
    expect(org.updates).toHaveLength(1);
    const read = (await restarted.listLeads({ limit: 1000 })).records.find((l) => l.id === lead.id);
    expect(read?.disposition).toEqual(disposition);
  });

  it('rejects a disposition for an unknown lead (per-record INVALID_DATA on id) with not_found and drops it', async () => {
    const org = await startOrg(sampleData);
    const outbox = createMemoryOutboxStore();
    const adapter = adapterFor(org, { outbox });
    const error = await rejection(
      adapter.writeDisposition?.('4150868000009999999', {
        reasonId: 'no_budget',
        at: '2026-07-01T12:00:00Z',
      }) as Promise<void>,
    );
    expect(error.code).toBe('not_found');
    expect(error.message).toContain('INVALID_DATA');
    expect(await outbox.pending()).toHaveLength(0);
    expect((await outbox.list())[0]?.status).toBe('dead');
  });

  it('reads a per-record error in a 2xx answer as a refusal (dead, invalid_record)', async () => {
    const org = await startOrg(sampleData);
    const outbox = createMemoryOutboxStore();
    org.faults.push({
      match: (method) => method === 'PUT',
      status: 202,
      body: {
        data: [
          {
            code: 'MANDATORY_NOT_FOUND',
            details: { api_name: 'Last_Name', json_path: '$.data[0].Last_Name' },
            message: 'required field not found',
            status: 'error',
          },
        ],
      },
    });
    const lead = sample.leads.find((l) => !l.disposition) as (typeof sample.leads)[number];
    const error = await rejection(
      adapterFor(org, { outbox }).writeDisposition?.(lead.id, {
        reasonId: 'no_budget',
        at: '2026-07-01T12:00:00Z',
      }) as Promise<void>,
    );
    expect(error.code).toBe('invalid_record');
    expect(error.message).toContain('MANDATORY_NOT_FOUND');
    expect(error.message).toContain('Last_Name');
    expect((await outbox.list())[0]?.status).toBe('dead');
  });

  it('applies a disposition queued while Zoho was down once in effect when the writer is killed mid-PUT', async () => {
    const org = await startOrg(sampleData);
    const lead = sample.leads.find((l) => !l.disposition) as (typeof sample.leads)[number];
    const path = join(dir, 'restart.duckdb');
    org.down = true;
    const writer = startWriterProcess(
      join(here, '__fixtures__', 'zohoWriter.ts'),
      [path, org.url, TOKEN, lead.id],
      here,
    );
    try {
      await writer.waitFor('queued 1');
      expect(org.updates).toHaveLength(0);
      // Zoho is back; it applies the PUT but the answer never reaches the writer: it dies first.
      const held = org.hold((method) => method === 'PUT');
      org.down = false;
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
    expect(org.updates).toHaveLength(1);

    const store = await createDuckDbOutboxStore({ path });
    const resumed = adapterFor(org, { outbox: store });
    const [message] = await resumed.pendingWrites();
    expect(message?.key).toMatch(/^zoho:disposition:/);
    expect(await resumed.flushOutbox()).toEqual({ delivered: 1, failed: 0, dead: 0, pending: 0 });
    expect(await resumed.flushOutbox()).toEqual({ delivered: 0, failed: 0, dead: 0, pending: 0 });
    expect((await store.list()).map((m) => [m.key, m.status])).toEqual([[message?.key, 'delivered']]);
    await store.close?.();
    const expected = {
      id: lead.id,
      Lead_Status: 'Not Qualified',
      Accord_Reject_Reason: 'no_icp_fit',
      Accord_Disposition_At: '2026-07-01T12:00:00+00:00',
      Accord_Disposition_By: 'rep_ava',
      Accord_Disposition_Detail: 'Too small',
    };
    // Delivered again after the restart, same key, same absolute values: one effect.
    expect(org.updates.map((u) => [u.idempotencyKey, u.record])).toEqual([
      [message?.key, expected],
      [message?.key, expected],
    ]);
    const read = (await resumed.listLeads({ limit: 1000 })).records.find((l) => l.id === lead.id);
    expect(read?.disposition).toEqual({
      reasonId: 'no_icp_fit',
      at: '2026-07-01T12:00:00.000Z',
      by: 'rep_ava',
      detail: 'Too small',
    });
  });

  it('returns deals valid under the core schemas with their amounts, closing days and leads', async () => {
    const org = await startOrg(sampleData);
    const opps = (await adapterFor(org).listOpportunities({ limit: 1000 })).records;
    expect(validateRecords('opportunities', opps).issues).toEqual([]);
    expect(opps).toHaveLength(sample.opportunities.length);
    for (const o of sample.opportunities) {
      const got = opps.find((x) => x.id === o.id);
      expect(got?.leadIds).toEqual(o.leadIds);
      expect(got?.amount).toBe(o.amount);
      expect(got?.stage).toBe(o.stage);
      if (o.closedAt === undefined) expect(got?.closedAt).toBeUndefined();
      else {
        // Midnight, in the agreement's zone (America/New_York, as seeded), of the day the deal closed there.
        const inZone = (at: string) =>
          new Intl.DateTimeFormat('en-CA', {
            timeZone: TZ,
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
            second: '2-digit',
            hourCycle: 'h23',
          }).format(new Date(at));
        expect(inZone(String(got?.closedAt))).toBe(`${inZone(String(o.closedAt)).slice(0, 10)}, 00:00:00`);
        expect(got?.won).toBe(o.won);
      }
    }
  });

  it('has no writeDisposition when dispositionFields is false', async () => {
    const org = await startOrg(sampleData);
    const adapter = adapterFor(org, { dispositionFields: false });
    expect(adapter.writeDisposition).toBeUndefined();
    expect(adapter.capabilities.writeDisposition).toBe(false);
  });
});
