import { afterEach, describe, expect, it } from 'vitest';
import { AdapterError } from '../../contract/AdapterError';
import type { AccordAction } from '../actions.types';
import { type FakeService, startFakeAsanaTasks } from './__fixtures__/fakeTaskServices';
import { runTaskSinkSuite, TOKEN } from './__fixtures__/runTaskSinkSuite';
import { createAsanaTaskSink } from './asanaTaskSink';

const PROJECT = '1200000000000001';

const action = (overrides: Partial<AccordAction> = {}): AccordAction => ({
  key: 'disposition:L0000123:1764000000000:enrich',
  kind: 'create_task',
  leadId: 'L0000123',
  to: 'ana@acme.test',
  title: 'Enrich L0000123 before recycling',
  dueAt: Date.UTC(2026, 10, 26, 9, 0),
  url: 'https://app.acme.test/leads/L0000123',
  ...overrides,
});

runTaskSinkSuite({
  name: 'createAsanaTaskSink',
  start: () => startFakeAsanaTasks(TOKEN),
  make: (service, extra) =>
    createAsanaTaskSink({
      token: extra.token ?? TOKEN,
      projectGid: PROJECT,
      baseUrl: `${service.origin}/api/1.0`,
      sleep: extra.sleep,
      ...(extra.timeoutMs === undefined ? {} : { timeoutMs: extra.timeoutMs }),
    }),
  action,
  lookup: 'GET /api/1.0/tasks/external:',
  create: 'POST /api/1.0/tasks',
  errorBody: (message) => ({ errors: [{ message, help: 'For more information on API status codes…' }] }),
});

describe('createAsanaTaskSink', () => {
  let service: FakeService | undefined;
  afterEach(async () => {
    await service?.close();
    service = undefined;
  });

  it('creates a task in the project with the key as external gid, after a lookup by external:<key>', async () => {
    service = await startFakeAsanaTasks(TOKEN);
    const sink = createAsanaTaskSink({
      token: TOKEN,
      projectGid: PROJECT,
      baseUrl: `${service.origin}/api/1.0`,
      assigneeMap: { 'ana@acme.test': '1200000000000042' },
    });
    expect(sink.name).toBe('asana');
    const result = await sink.deliver(action());
    expect(service.requests[0]?.path).toBe('/api/1.0/tasks/external:disposition:L0000123:1764000000000:enrich');
    expect(service.creates()[0]?.body).toEqual({
      data: {
        name: 'Enrich L0000123 before recycling',
        notes: 'https://app.acme.test/leads/L0000123\n\naccord:disposition:L0000123:1764000000000:enrich',
        due_at: '2026-11-26T09:00:00.000Z',
        projects: [PROJECT],
        assignee: '1200000000000042',
        external: {
          gid: 'disposition:L0000123:1764000000000:enrich',
          data: '{"leadId":"L0000123","kind":"create_task"}',
        },
      },
    });
    expect(result.externalId).toBe(service.tasks[0]?.id);
  });

  it('treats a 400 duplicate external gid as delivered: the lookup finds the task', async () => {
    service = await startFakeAsanaTasks(TOKEN);
    const sink = createAsanaTaskSink({ token: TOKEN, projectGid: PROJECT, baseUrl: `${service.origin}/api/1.0` });
    await sink.deliver(action());
    // The first lookup misses (e.g. the task was created by another worker between lookup and create).
    service.fail('GET /api/1.0/tasks/external:', {
      status: 404,
      body: { errors: [{ message: 'external:…: Unknown object' }] },
    });
    const again = await sink.deliver(action());
    expect(service.creates()).toHaveLength(2);
    expect(service.tasks).toHaveLength(1);
    expect(again.externalId).toBe(service.tasks[0]?.id);
  });

  it('a 400 for another reason stays invalid_record with Asana’s message', async () => {
    service = await startFakeAsanaTasks(TOKEN);
    const sink = createAsanaTaskSink({
      token: TOKEN,
      workspaceGid: '1100000000000001',
      baseUrl: `${service.origin}/api/1.0`,
    });
    service.fail('POST /api/1.0/tasks', {
      status: 400,
      body: { errors: [{ message: 'assignee: Not a recognized ID' }] },
    });
    const error = (await sink.deliver(action()).catch((e: unknown) => e)) as AdapterError;
    expect(error).toBeInstanceOf(AdapterError);
    expect(error.code).toBe('invalid_record');
    expect(error.message).toBe('asana: Asana answered 400: assignee: Not a recognized ID');
    // Without a project the task goes to the workspace.
    await sink.deliver(action());
    expect(service.tasks[0]?.fields).toMatchObject({ workspace: '1100000000000001', assignee: 'ana@acme.test' });
    expect(service.tasks[0]?.fields.projects).toBeUndefined();
  });

  it('refuses an unmapped recipient and a key longer than an external gid, before any request', async () => {
    service = await startFakeAsanaTasks(TOKEN);
    const sink = createAsanaTaskSink({ token: TOKEN, projectGid: PROJECT, baseUrl: `${service.origin}/api/1.0` });
    await expect(sink.deliver(action({ to: 'Ana' }))).rejects.toThrow(/field "to"/);
    await expect(sink.deliver(action({ key: 'k'.repeat(1025) }))).rejects.toThrow(/field "key"/);
    expect(service.requests).toHaveLength(0);
  });

  it('checks its options', () => {
    expect(() => createAsanaTaskSink({ token: TOKEN })).toThrow(/projectGid/);
    expect(() => createAsanaTaskSink({ token: TOKEN, projectGid: 'abc' })).toThrow(/projectGid/);
    expect(() => createAsanaTaskSink({ token: TOKEN, projectGid: PROJECT, assigneeMap: { a: '' } })).toThrow(
      /assigneeMap/,
    );
    expect(createAsanaTaskSink({ token: TOKEN, projectGid: PROJECT }).preview(action()).url).toBe(
      'https://app.asana.com/api/1.0/tasks',
    );
  });
});
