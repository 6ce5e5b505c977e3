import { afterEach, describe, expect, it } from 'vitest';
import { AdapterError } from '../../contract/AdapterError';
import type { AccordAction } from '../actions.types';
import { type FakeService, startFakeSalesforceTasks } from './__fixtures__/fakeTaskServices';
import { runTaskSinkSuite, TOKEN } from './__fixtures__/runTaskSinkSuite';
import { createSalesforceTaskSink } from './salesforceTaskSink';

const LEAD = '00Q5e00000AbCdEFGH';
const OWNER = '0055e000001XyZaAAA';

const action = (overrides: Partial<AccordAction> = {}): AccordAction => ({
  key: `sla:${LEAD}:first-touch:1:2`,
  kind: 'notify_manager',
  leadId: LEAD,
  to: 'mia@acme.test',
  title: 'Breached: first touch within 1 business hour',
  body: 'Escalated to the manager.',
  // 02:30 UTC on the 25th is still the 24th in New York.
  dueAt: Date.UTC(2026, 10, 25, 2, 30),
  ...overrides,
});

runTaskSinkSuite({
  name: 'createSalesforceTaskSink',
  start: () => startFakeSalesforceTasks(TOKEN, [LEAD]),
  make: (service, extra) =>
    createSalesforceTaskSink({
      instanceUrl: service.origin,
      token: extra.token ?? TOKEN,
      ownerIds: { 'mia@acme.test': OWNER },
      sleep: extra.sleep,
      ...(extra.timeoutMs === undefined ? {} : { timeoutMs: extra.timeoutMs }),
    }),
  action,
  lookup: 'GET /services/data/v60.0/query',
  create: 'POST /services/data/v60.0/sobjects/Task',
  errorBody: (message) => [{ message, errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', fields: [] }],
});

describe('createSalesforceTaskSink', () => {
  let service: FakeService | undefined;
  afterEach(async () => {
    await service?.close();
    service = undefined;
  });

  it('creates a Task on the lead with ActivityDate in the given zone, after an escaped SOQL lookup', async () => {
    service = await startFakeSalesforceTasks(TOKEN, [LEAD]);
    const sink = createSalesforceTaskSink({
      instanceUrl: service.origin,
      token: TOKEN,
      ownerIds: { 'mia@acme.test': OWNER },
      timeZone: 'America/New_York',
    });
    expect(sink.name).toBe('salesforce-tasks');
    const key = `sla:${LEAD}:it's:1`;
    const result = await sink.deliver(action({ key }));
    expect(service.requests[0]?.query.get('q')).toBe(
      `SELECT Id FROM Task WHERE Accord_Key__c = 'sla:${LEAD}:it\\'s:1' LIMIT 1`,
    );
    expect(service.creates()[0]?.body).toEqual({
      Subject: 'Breached: first touch within 1 business hour',
      Description: `Escalated to the manager.\n\naccord:${key}`,
      ActivityDate: '2026-11-24',
      Status: 'Not Started',
      Priority: 'High',
      OwnerId: OWNER,
      WhoId: LEAD,
      Accord_Key__c: key,
    });
    expect(result.externalId).toBe(service.tasks[0]?.id);
    // The same key is found through the escaped literal.
    await sink.deliver(action({ key }));
    expect(service.tasks).toHaveLength(1);
  });

  it('defaults to UTC dates, Normal priority for create_task, and takes a User id as `to`', async () => {
    service = await startFakeSalesforceTasks(TOKEN, [LEAD], 'Acme_Key__c');
    const sink = createSalesforceTaskSink({ instanceUrl: service.origin, token: TOKEN, keyField: 'Acme_Key__c' });
    await sink.deliver(action({ kind: 'create_task', to: OWNER }));
    expect(service.tasks[0]?.fields).toMatchObject({ ActivityDate: '2026-11-25', Priority: 'Normal', OwnerId: OWNER });
  });

  it("maps Salesforce's error array: a missing key field is invalid_config, an unknown lead invalid_record naming the field", async () => {
    service = await startFakeSalesforceTasks(TOKEN, [LEAD]);
    const wrongField = createSalesforceTaskSink({
      instanceUrl: service.origin,
      token: TOKEN,
      keyField: 'Missing__c',
      ownerIds: { 'mia@acme.test': OWNER },
    });
    await expect(wrongField.deliver(action())).rejects.toMatchObject({
      code: 'invalid_config',
      message: expect.stringContaining('INVALID_FIELD'),
    });
    const sink = createSalesforceTaskSink({
      instanceUrl: service.origin,
      token: TOKEN,
      ownerIds: { 'mia@acme.test': OWNER },
    });
    const error = (await sink
      .deliver(action({ leadId: '00Q5e00000ZZZZZZZZ' }))
      .catch((e: unknown) => e)) as AdapterError;
    expect(error).toBeInstanceOf(AdapterError);
    expect(error.code).toBe('invalid_record');
    expect(error.message).toContain('INVALID_CROSS_REFERENCE_KEY');
    expect(error.message).toContain('WhoId');
    expect(service.tasks).toHaveLength(0);
  });

  it('maps REQUEST_LIMIT_EXCEEDED (403) to rate_limited and tries again after a lookup', async () => {
    service = await startFakeSalesforceTasks(TOKEN, [LEAD]);
    service.fail('POST /services/data/v60.0/sobjects/Task', {
      status: 403,
      body: [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }],
    });
    const sink = createSalesforceTaskSink({
      instanceUrl: service.origin,
      token: TOKEN,
      ownerIds: { 'mia@acme.test': OWNER },
      sleep: async () => {},
    });
    await sink.deliver(action());
    expect(service.creates()).toHaveLength(2);
    expect(service.tasks).toHaveLength(1);
  });

  it('refuses bad ids, an unmapped recipient and keys SOQL or the field cannot hold, before any request', async () => {
    service = await startFakeSalesforceTasks(TOKEN, [LEAD]);
    const sink = createSalesforceTaskSink({ instanceUrl: service.origin, token: TOKEN });
    await expect(sink.deliver(action({ leadId: 'L-1' }))).rejects.toThrow(/field "leadId"/);
    await expect(sink.deliver(action({ to: 'someone' }))).rejects.toThrow(/field "to"/);
    await expect(sink.deliver(action({ to: undefined, key: 'x'.repeat(256) }))).rejects.toThrow(/field "key"/);
    await expect(sink.deliver(action({ to: undefined, key: 'a\u0001b' }))).rejects.toMatchObject({
      code: 'invalid_record',
    });
    expect(service.creates()).toHaveLength(0);
  });

  it('checks its options', () => {
    const base = { instanceUrl: 'https://acme.my.salesforce.com', token: TOKEN };
    expect(() => createSalesforceTaskSink({ ...base, apiVersion: '60' })).toThrow(/apiVersion/);
    expect(() => createSalesforceTaskSink({ ...base, keyField: "x' OR Id != null" })).toThrow(/keyField/);
    expect(() => createSalesforceTaskSink({ ...base, keyField: 'Description' })).toThrow(/Description/);
    expect(() => createSalesforceTaskSink({ ...base, timeZone: 'Mars/Olympus' })).toThrow(/timeZone/);
    expect(() => createSalesforceTaskSink({ ...base, instanceUrl: 'http://acme.my.salesforce.com' })).toThrow(/https/);
    expect(createSalesforceTaskSink(base).preview(action({ to: undefined })).url).toBe(
      'https://acme.my.salesforce.com/services/data/v60.0/sobjects/Task',
    );
  });
});
