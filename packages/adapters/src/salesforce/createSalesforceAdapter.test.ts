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
import { type FakeSalesforce, startFakeSalesforce } from './__fixtures__/startFakeSalesforce';
import { toSalesforceRecords } from './__fixtures__/toSalesforceRecords';
import { createSalesforceAdapter, type SalesforceAdapterOptions } from './createSalesforceAdapter';
import { defaultSalesforceMapping } from './defaultSalesforceMapping';

const TOKEN = '00DFAKE!AQ0Asecret.token-value_XYZ';
const TZ = 'America/New_York';
const noSleep = async () => {};
const servers: FakeSalesforce[] = [];
const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'accord-salesforce-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function startOrg(data: Partial<ConformanceData>, batchSize = 50, now?: () => number): Promise<FakeSalesforce> {
  const org = await startFakeSalesforce({
    tables: toSalesforceRecords(data, defaultSalesforceMapping, TZ),
    token: TOKEN,
    batchSize,
    ...(now ? { now } : {}),
  });
  servers.push(org);
  return org;
}

const adapterFor = (org: FakeSalesforce, extra: Partial<SalesforceAdapterOptions> = {}) =>
  createSalesforceAdapter({
    instanceUrl: org.url,
    accessToken: TOKEN,
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

async function listAllLeads(adapter: ReturnType<typeof createSalesforceAdapter>, limit: number, since?: string) {
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
  name: 'salesforce',
  create: async (data) => adapterFor(await startOrg(data)),
  createWithBadConfig: async () => createSalesforceAdapter({ instanceUrl: 'http://example.com', accessToken: TOKEN }),
});

const sample = generateSample({ leads: 60, seed: 3 });
const sampleData = { leads: sample.leads, opportunities: sample.opportunities, touchpoints: sample.touchpoints };

describe('createSalesforceAdapter', () => {
  it('pages a SOQL result through nextRecordsUrl when a page is larger than a batch', async () => {
    const org = await startOrg(sampleData, 7);
    const adapter = adapterFor(org);
    const page = await adapter.listLeads({ limit: 30 });
    expect(page.records).toHaveLength(30);
    const followed = org.requests.filter((r) => /\/query\/01g/.test(r.url));
    expect(followed.length).toBeGreaterThanOrEqual(4);
    expect(await listAllLeads(adapter, 30)).toEqual(sample.leads.map((l) => l.id).sort());
  });

  it('sends updatedSince as an unquoted SOQL datetime with ORDER BY LastModifiedDate, Id', async () => {
    const org = await startOrg(sampleData);
    await adapterFor(org).listLeads({ updatedSince: '2026-05-01T00:00:00Z', limit: 5 });
    const soql = org.requests.find((r) => r.soql?.includes('FROM Lead'))?.soql ?? '';
    expect(soql).toContain('WHERE LastModifiedDate >= 2026-05-01T00:00:00.000Z');
    expect(soql).toContain('ORDER BY LastModifiedDate, Id LIMIT 6');
  });

  it('retries 429 and 503 answers, then returns the page', async () => {
    const org = await startOrg(sampleData);
    org.faults.push(
      {
        status: 429,
        headers: { 'retry-after': '0' },
        body: [{ message: 'slow down', errorCode: 'REQUEST_LIMIT_EXCEEDED', fields: [] }],
      },
      { status: 503, body: [{ message: 'down', errorCode: 'SERVER_UNAVAILABLE', fields: [] }] },
    );
    const page = await adapterFor(org).listLeads({ limit: 5 });
    expect(page.records).toHaveLength(5);
    expect(org.faults).toHaveLength(0);
  });

  it('fails with an error, not an empty page, when the JSON is truncated', async () => {
    const org = await startOrg(sampleData);
    for (let i = 0; i < 4; i++) org.faults.push({ truncate: true });
    const error = await rejection(adapterFor(org).listLeads());
    expect(error).toBeInstanceOf(AdapterError);
    expect(error.code).toBe('unavailable');
  });

  it('maps the documented error array to AdapterError codes', async () => {
    const org = await startOrg(sampleData);
    const cases: [number, string, string][] = [
      [401, 'INVALID_SESSION_ID', 'invalid_config'],
      [403, 'REQUEST_LIMIT_EXCEEDED', 'rate_limited'],
      [400, 'MALFORMED_QUERY', 'invalid_option'],
      [400, 'INVALID_FIELD', 'invalid_option'],
      [404, 'NOT_FOUND', 'not_found'],
    ];
    for (const [status, errorCode, code] of cases) {
      org.faults.push({ status, body: [{ message: `${errorCode} happened`, errorCode, fields: [] }] });
      const error = await rejection(adapterFor(org).listLeads());
      expect(error.code, errorCode).toBe(code);
      expect(error.message).toContain(errorCode);
    }
  });

  it('reports a field the org does not have as invalid_option', async () => {
    const org = await startOrg(sampleData);
    const adapter = adapterFor(org, {
      dispositionFields: { reason: 'No_Such_Field__c' },
    });
    expect((await rejection(adapter.listLeads())).code).toBe('invalid_option');
  });

  it('yields no duplicates and no gaps when records change between nextRecordsUrl calls', async () => {
    const org = await startOrg(sampleData, 5);
    const adapter = adapterFor(org);
    let n = 0;
    org.beforeLocatorPage = () => {
      n++;
      // A lead is deleted, one inserted before the cursor, and one changed: the snapshot is unaffected.
      if (n === 1) {
        org.tables.Lead.push({ ...(org.tables.Lead[0] as object), Id: '00Q0000000000AAA' });
        const moved = org.tables.Lead.find((l) => l.Id === sample.leads[40]?.id) as Record<string, unknown>;
        moved.OwnerId = 'rep_moved';
      }
    };
    const ids = await listAllLeads(adapter, 25);
    expect(new Set(ids).size).toBe(ids.length);
    for (const lead of sample.leads) expect(ids).toContain(lead.id);
  });

  it('yields no duplicates and no gaps when records change between page calls', async () => {
    const org = await startOrg(sampleData, 1000);
    const adapter = adapterFor(org);
    const ids: string[] = [];
    let page = await adapter.listLeads({ limit: 10 });
    ids.push(...page.records.map((l) => l.id));
    // Between calls: a lead before the cursor is deleted, one after it too, and one before is inserted.
    org.tables.Lead.splice(
      org.tables.Lead.findIndex((l) => l.Id === ids[0]),
      1,
    );
    const gone = sample.leads.map((l) => l.id).sort()[30] as string;
    org.tables.Lead.splice(
      org.tables.Lead.findIndex((l) => l.Id === gone),
      1,
    );
    org.tables.Lead.push({ ...(org.tables.Lead[0] as object), Id: '0' });
    while (page.nextCursor) {
      page = await adapter.listLeads({ limit: 10, cursor: page.nextCursor });
      ids.push(...page.records.map((l) => l.id));
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      sample.leads
        .map((l) => l.id)
        .filter((id) => id !== gone)
        .sort(),
    );
  });

  it('keeps the (LastModifiedDate, Id) watermark with updatedSince while records change', async () => {
    const org = await startOrg(sampleData, 1000);
    const adapter = adapterFor(org);
    const since = '2026-01-01T00:00:00Z';
    const all = await listAllLeads(adapter, 1000, since);
    const seen: string[] = [];
    let page = await adapter.listLeads({ limit: 7, updatedSince: since });
    seen.push(...page.records.map((l) => l.id));
    const untouched = all.slice(20);
    // A record not yet seen changes: it moves to the end and comes once.
    const changed = org.tables.Lead.find((l) => l.Id === all[10]) as Record<string, unknown>;
    changed.LastModifiedDate = '2099-01-01T00:00:00.000+0000';
    while (page.nextCursor) {
      page = await adapter.listLeads({ limit: 7, updatedSince: since, cursor: page.nextCursor });
      seen.push(...page.records.map((l) => l.id));
    }
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of untouched) expect(seen).toContain(id);
    expect(seen.at(-1)).toBe(all[10]);
  });

  it('escapes every value put into SOQL, and an id with a quote stays one string literal', async () => {
    const tricky = "L' OR Id != null OR Id = '\\";
    const lead = { ...(sample.leads[0] as (typeof sample.leads)[number]), id: tricky };
    const org = await startOrg({ leads: [lead], opportunities: [], touchpoints: [] });
    org.tables.Lead.push({ ...(org.tables.Lead[0] as object), Id: 'M2' });
    const adapter = adapterFor(org);
    const page = await adapter.listLeads({ limit: 1 });
    expect(page.records.map((l) => l.id)).toEqual([tricky]);
    const history = org.requests.find((r) => r.soql?.includes('FROM LeadHistory'))?.soql ?? '';
    expect(history).toContain("LeadId IN ('L\\' OR Id != null OR Id = \\'\\\\')");
    // The keyset cursor carries the same id into the next query, escaped again.
    const next = await adapter.listLeads({ limit: 1, cursor: page.nextCursor });
    expect(next.records.map((l) => l.id)).toEqual(['M2']);
    expect(org.requests.filter((r) => r.soql?.includes("Id > 'L\\' OR Id != null OR Id = \\'\\\\'")).length).toBe(1);
  });

  it('delivers a disposition written while the org is down exactly once when it is back', async () => {
    let clock = Date.parse('2026-07-01T12:00:00Z');
    const org = await startOrg(sampleData, 50, () => clock);
    const outbox = createMemoryOutboxStore();
    const http = { sleep: noSleep, retries: 1, baseDelayMs: 1, now: () => clock, random: () => 0.5 };
    const lead = sample.leads.find((l) => !l.disposition) as (typeof sample.leads)[number];
    const disposition = { reasonId: 'no_icp_fit', at: '2026-07-01T12:00:00.000Z', by: 'rep_ava' };
    org.down = true;
    const writer = createSalesforceAdapter({ instanceUrl: org.url, accessToken: TOKEN, outbox, http });
    await writer.writeDisposition?.(lead.id, disposition);
    await writer.writeDisposition?.(lead.id, disposition); // a retry by the caller: same key, no second message
    expect(org.patches).toHaveLength(0);
    expect(await outbox.pending()).toHaveLength(1);
    expect((await writer.flushOutbox()).delivered).toBe(0);
    org.down = false;
    clock += 3_600_000;
    // A new adapter on the same store (as after a restart) delivers it.
    const restarted = createSalesforceAdapter({ instanceUrl: org.url, accessToken: TOKEN, outbox, http });
    expect(await restarted.flushOutbox()).toMatchObject({ delivered: 1, pending: 0 });
    expect(await restarted.flushOutbox()).toMatchObject({ delivered: 0, pending: 0 });
    expect(org.patches).toHaveLength(1);
    expect(org.patches[0]?.body).toEqual({
      Status: 'Closed - Not Converted',
      Accord_Reject_Reason__c: 'no_icp_fit',
      Accord_Disposition_At__c: '2026-07-01T12:00:00.000Z',
      Accord_Disposition_By__c: 'rep_ava',
      Accord_Disposition_Detail__c: null,
    });
    expect(org.patches[0]?.idempotencyKey).toMatch(/^salesforce:disposition:/);
    const read = (await restarted.listLeads({ limit: 1000 })).records.find((l) => l.id === lead.id);
    expect(read?.disposition).toEqual(disposition);
    expect(read?.stageDates?.disqualified).toBe('2026-07-01T13:00:00.000Z');
  });

  it('rejects a disposition for an unknown lead with not_found and does not keep it', async () => {
    const org = await startOrg(sampleData);
    const outbox = createMemoryOutboxStore();
    const adapter = adapterFor(org, { outbox });
    const error = await rejection(
      adapter.writeDisposition?.('00Qnope', { reasonId: 'no_budget', at: '2026-07-01T12:00:00Z' }) as Promise<void>,
    );
    expect(error.code).toBe('not_found');
    expect(await outbox.pending()).toHaveLength(0);
  });

  it('leaves the messages of other adapters untouched when it flushes a shared outbox store', async () => {
    const org = await startOrg(sampleData);
    const outbox = createMemoryOutboxStore();
    await outbox.enqueue({
      key: 'hubspot:x',
      adapter: 'hubspot',
      kind: 'hubspot.disposition',
      payload: {},
      createdAt: 1,
    });
    const adapter = adapterFor(org, { outbox });
    const lead = sample.leads.find((l) => !l.disposition) as (typeof sample.leads)[number];
    await adapter.writeDisposition?.(lead.id, { reasonId: 'no_budget', at: '2026-07-01T12:00:00Z' });
    expect(await adapter.flushOutbox()).toEqual({ delivered: 0, failed: 0, dead: 0, pending: 0 });
    expect(await adapter.pendingWrites()).toEqual([]);
    expect((await outbox.pending()).map((m) => [m.key, m.attempts])).toEqual([['hubspot:x', 0]]);
    expect(org.patches).toHaveLength(1);
  });

  it('applies a disposition written while the org was down exactly once when the writer is killed mid-PATCH', async () => {
    const org = await startOrg(sampleData);
    const lead = sample.leads.find(
      (l) => !l.disposition && !l.stageDates?.disqualified,
    ) as (typeof sample.leads)[number];
    const path = join(dir, 'restart.duckdb');
    org.down = true;
    const writer = startWriterProcess(
      join(here, '__fixtures__', 'salesforceWriter.ts'),
      [path, org.url, TOKEN, lead.id],
      here,
    );
    try {
      await writer.waitFor('queued 1');
      expect(org.patches).toHaveLength(0);
      // The org is back; it applies the PATCH but the answer never reaches the writer: it dies first.
      const held = org.hold((method) => method === 'PATCH');
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
    expect(org.patches).toHaveLength(1);

    const store = await createDuckDbOutboxStore({ path });
    const resumed = adapterFor(org, { outbox: store });
    const [message] = await resumed.pendingWrites();
    expect(message?.key).toMatch(/^salesforce:disposition:/);
    expect(await resumed.flushOutbox()).toEqual({ delivered: 1, failed: 0, dead: 0, pending: 0 });
    expect(await resumed.flushOutbox()).toEqual({ delivered: 0, failed: 0, dead: 0, pending: 0 });
    expect(await resumed.pendingWrites()).toEqual([]);
    expect((await store.list()).map((m) => [m.key, m.status])).toEqual([[message?.key, 'delivered']]);
    await store.close?.();

    const expected = {
      Status: 'Closed - Not Converted',
      Accord_Reject_Reason__c: 'no_icp_fit',
      Accord_Disposition_At__c: '2026-07-01T12:00:00.000Z',
      Accord_Disposition_By__c: 'rep_ava',
      Accord_Disposition_Detail__c: 'Too small',
    };
    // Delivered again after the restart, with the same key and the same absolute values: one effect.
    expect(org.patches.map((p) => [p.id, p.idempotencyKey, p.body])).toEqual([
      [lead.id, message?.key, expected],
      [lead.id, message?.key, expected],
    ]);
    const statusChanges = org.tables.LeadHistory.filter((h) => h.LeadId === lead.id && h.NewValue === expected.Status);
    expect(statusChanges).toHaveLength(1);
    expect(org.tables.Lead.find((r) => r.Id === lead.id)).toMatchObject(expected);
    const read = (await resumed.listLeads({ limit: 1000 })).records.find((l) => l.id === lead.id);
    expect(read?.disposition).toEqual({
      reasonId: 'no_icp_fit',
      at: '2026-07-01T12:00:00.000Z',
      by: 'rep_ava',
      detail: 'Too small',
    });
  });

  it('never puts the token in an error', async () => {
    const org = await startOrg(sampleData);
    org.faults.push({
      status: 401,
      body: [{ message: `bad token ${TOKEN}`, errorCode: 'INVALID_SESSION_ID', fields: [] }],
    });
    const errors = [
      await rejection(adapterFor(org).listLeads()),
      await rejection(createSalesforceAdapter({ instanceUrl: org.url, accessToken: 'wrong-token-abc' }).listLeads()),
    ];
    org.down = true;
    errors.push(await rejection(adapterFor(org).listOpportunities()));
    for (const error of errors) {
      const texts = [error.message, String(error), JSON.stringify(error)];
      for (let c: unknown = error.cause; c; c = (c as { cause?: unknown }).cause)
        texts.push(String(c), JSON.stringify(c), JSON.stringify((c as { body?: unknown }).body ?? null));
      for (const text of texts) expect(text).not.toContain(TOKEN);
    }
  });

  it('rejects an instance URL that is not https (except loopback) with invalid_config', () => {
    for (const instanceUrl of [
      'http://acme.my.salesforce.com',
      'ftp://x',
      'not a url',
      'https://u:p@acme.my.salesforce.com',
      '',
    ])
      expect(() => createSalesforceAdapter({ instanceUrl, accessToken: TOKEN })).toThrowError(
        expect.objectContaining({ code: 'invalid_config' }),
      );
    expect(() =>
      createSalesforceAdapter({ instanceUrl: 'https://acme.my.salesforce.com', accessToken: TOKEN }),
    ).not.toThrow();
  });

  it('returns opportunities and touchpoints valid under the core schemas, linked to their leads', async () => {
    const org = await startOrg(sampleData);
    const adapter = adapterFor(org);
    const opps = (await adapter.listOpportunities({ limit: 1000 })).records;
    expect(validateRecords('opportunities', opps).issues).toEqual([]);
    for (const o of sample.opportunities) expect(opps.find((x) => x.id === o.id)?.leadIds).toEqual(o.leadIds);
    const tps = (await adapter.listTouchpoints({ limit: 1000 })).records;
    expect(validateRecords('touchpoints', tps).issues).toEqual([]);
    expect(tps.map((t) => t.channel).sort()).toEqual(sample.touchpoints.map((t) => t.channel).sort());
  });

  it('refuses a row that does not map with invalid_record naming the record and field', async () => {
    const org = await startOrg(sampleData);
    (org.tables.Lead[3] as Record<string, unknown>).Status = 'Something Custom';
    const error = await rejection(adapterFor(org).listLeads({ limit: 1000 }));
    expect(error.code).toBe('invalid_record');
    expect(error.issues[0]?.path).toEqual(['Lead', org.tables.Lead[3]?.Id, 'Status']);
  });
});
