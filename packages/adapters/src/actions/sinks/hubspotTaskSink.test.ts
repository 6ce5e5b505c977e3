import { afterEach, describe, expect, it } from 'vitest';
import { AdapterError } from '../../contract/AdapterError';
import type { AccordAction } from '../actions.types';
import { type FakeService, startFakeHubSpotTasks } from './__fixtures__/fakeTaskServices';
import { runTaskSinkSuite, TOKEN } from './__fixtures__/runTaskSinkSuite';
import { createHubSpotTaskSink } from './hubspotTaskSink';

const action = (overrides: Partial<AccordAction> = {}): AccordAction => ({
  key: 'sla:501:first-touch:1:1',
  kind: 'notify_owner',
  leadId: '501',
  to: 'ana@acme.test',
  title: 'Breached: first touch within 1 business hour for 501',
  body: 'Lead 501 waited 95 minutes.',
  dueAt: Date.UTC(2026, 10, 24, 15, 0),
  url: 'https://app.acme.test/leads/501',
  ...overrides,
});

runTaskSinkSuite({
  name: 'createHubSpotTaskSink',
  start: () => startFakeHubSpotTasks(TOKEN, ['501']),
  make: (service, extra) =>
    createHubSpotTaskSink({
      token: extra.token ?? TOKEN,
      baseUrl: service.origin,
      ownerIds: { 'ana@acme.test': '7001' },
      sleep: extra.sleep,
      ...(extra.timeoutMs === undefined ? {} : { timeoutMs: extra.timeoutMs }),
    }),
  action,
  lookup: 'POST /crm/v3/objects/tasks/search',
  create: 'POST /crm/v3/objects/tasks',
  errorBody: (message) => ({ status: 'error', category: 'VALIDATION_ERROR', message }),
});

describe('createHubSpotTaskSink', () => {
  let service: FakeService | undefined;
  afterEach(async () => {
    await service?.close();
    service = undefined;
  });

  it('creates a CRM v3 task with the documented properties and the 204 contact association', async () => {
    service = await startFakeHubSpotTasks(TOKEN, ['501']);
    const sink = createHubSpotTaskSink({
      token: TOKEN,
      baseUrl: service.origin,
      ownerIds: { 'ana@acme.test': '7001' },
    });
    expect(sink.name).toBe('hubspot-tasks');
    await sink.deliver(action());
    const create = service.creates()[0]?.body as { properties: Record<string, string>; associations: unknown };
    expect(create.properties).toEqual({
      hs_timestamp: '2026-11-24T15:00:00.000Z',
      hs_task_subject: 'Breached: first touch within 1 business hour for 501',
      hs_task_body: 'Lead 501 waited 95 minutes.\n\nhttps://app.acme.test/leads/501\n\naccord:sla:501:first-touch:1:1',
      hs_task_status: 'NOT_STARTED',
      hs_task_priority: 'HIGH',
      hs_task_type: 'TODO',
      hubspot_owner_id: '7001',
      accord_action_key: 'sla:501:first-touch:1:1',
    });
    expect(create.associations).toEqual([
      { to: { id: '501' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 204 }] },
    ]);
    const search = service.requests[0]?.body;
    expect(search).toEqual({
      filterGroups: [
        { filters: [{ propertyName: 'accord_action_key', operator: 'EQ', value: 'sla:501:first-touch:1:1' }] },
      ],
      properties: ['accord_action_key'],
      limit: 1,
    });
  });

  it('uses a custom key property, MEDIUM for create_task, now() without dueAt, and a numeric `to` as owner id', async () => {
    service = await startFakeHubSpotTasks(TOKEN, ['501'], 'acme_key');
    const sink = createHubSpotTaskSink({
      token: TOKEN,
      baseUrl: service.origin,
      keyProperty: 'acme_key',
      now: () => 0,
    });
    await sink.deliver(action({ kind: 'create_task', to: '7002', dueAt: undefined }));
    expect(service.tasks[0]?.fields).toMatchObject({
      acme_key: 'sla:501:first-touch:1:1',
      hs_task_priority: 'MEDIUM',
      hs_timestamp: '1970-01-01T00:00:00.000Z',
      hubspot_owner_id: '7002',
    });
  });

  it('maps HubSpot refusals: an unknown contact is invalid_record with the vendor message', async () => {
    service = await startFakeHubSpotTasks(TOKEN, ['501']);
    const sink = createHubSpotTaskSink({
      token: TOKEN,
      baseUrl: service.origin,
      ownerIds: { 'ana@acme.test': '7001' },
    });
    const error = (await sink.deliver(action({ leadId: '999' })).catch((e: unknown) => e)) as AdapterError;
    expect(error).toBeInstanceOf(AdapterError);
    expect(error.code).toBe('invalid_record');
    expect(error.message).toContain('contact 999 not found');
    expect(service.tasks).toHaveLength(0);
  });

  it('refuses a non-numeric contact id and an unmapped recipient without a request', async () => {
    service = await startFakeHubSpotTasks(TOKEN, ['501']);
    const sink = createHubSpotTaskSink({ token: TOKEN, baseUrl: service.origin });
    await expect(sink.deliver(action({ leadId: 'L-501' }))).rejects.toMatchObject({ code: 'invalid_record' });
    await expect(sink.deliver(action({ to: 'bob@acme.test' }))).rejects.toThrow(/field "to"/);
    expect(service.requests).toHaveLength(0);
  });

  it('checks its options', () => {
    expect(() => createHubSpotTaskSink({ token: '' })).toThrow(AdapterError);
    expect(() => createHubSpotTaskSink({ token: TOKEN, baseUrl: 'http://api.example.com' })).toThrow(/https/);
    expect(() => createHubSpotTaskSink({ token: TOKEN, keyProperty: 'Bad Name' })).toThrow(/keyProperty/);
    expect(() => createHubSpotTaskSink({ token: TOKEN, kinds: ['reroute'] })).toThrow(/kinds/);
    const narrowed = createHubSpotTaskSink({ token: TOKEN, kinds: ['create_task'], filter: (a) => a.to !== undefined });
    expect(narrowed.accepts(action({ kind: 'create_task' }))).toBe(true);
    expect(narrowed.accepts(action({ kind: 'create_task', to: undefined }))).toBe(false);
    expect(narrowed.accepts(action({ kind: 'notify_owner' }))).toBe(false);
  });
});
