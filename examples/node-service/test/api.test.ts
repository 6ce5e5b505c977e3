import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeScorecard, createRouter, defaultAgreement, type Lead } from '@accord/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LeadDecision } from '../src/leadStore';
import { type RunningService, startService } from '../src/startService';
import { goodLead, webhookLeads } from './leads';

// A fixed clock: a Tuesday morning in New York, inside the agreement's business hours.
const NOW = Date.parse('2026-11-24T14:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'accord-node-service-'));
let service: RunningService;
let dbCount = 0;

const post = (body: unknown) =>
  fetch(`${service.url}/webhooks/leads`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const json = async (response: Response) => (await response.json()) as Record<string, any>;

beforeAll(async () => {
  service = await startService({ dbPath: join(dir, 'api.duckdb'), agreement: defaultAgreement, now: () => NOW });
});
afterAll(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('POST /webhooks/leads', () => {
  it('answers 202 with the owner, the rule, the lead-standard verdict and the SLA due times when a lead is new', async () => {
    const response = await post(goodLead('API-1', NOW));
    expect(response.status).toBe(202);
    const body = await json(response);
    expect(body.accepted).toBe(1);
    const decision = body.decisions[0] as LeadDecision;
    expect(decision).toMatchObject({
      leadId: 'API-1',
      status: 'accepted',
      owner: { type: 'user' },
      ruleId: expect.any(String),
      leadStandard: { passed: true, missing: [], suppressed: [] },
    });
    const firstTouch = decision.slas.find((s) => s.slaId === 'mql_first_touch');
    expect(firstTouch?.state).toBe('running');
    expect(Date.parse(firstTouch?.dueAt ?? '')).toBeGreaterThan(NOW);
  });

  it('stores the lead with its owner when it is accepted', async () => {
    const stored = (await service.store.leads()).find((l) => l.id === 'API-1');
    const decision = (await service.store.decisions()).find((d) => d.leadId === 'API-1');
    expect(stored?.ownerId).toBe(decision?.owner.id);
  });

  it('returns the stored decision with 200 and stores nothing new when a webhook is retried', async () => {
    const before = await service.store.count();
    const first = (await service.store.decisions()).find((d) => d.leadId === 'API-1');
    const response = await post(goodLead('API-1', NOW));
    expect(response.status).toBe(200);
    const body = await json(response);
    expect(body).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(body.decisions[0]).toEqual({ ...first, status: 'duplicate' });
    expect(await service.store.count()).toBe(before);
  });

  it('answers 409 id_conflict when a stored id arrives with other content', async () => {
    const response = await post({ ...goodLead('API-1', NOW), company: 'Someone Else' });
    expect(response.status).toBe(409);
    const body = await json(response);
    expect(body.issues).toEqual([
      expect.objectContaining({ code: 'id_conflict', path: ['leads', 0, 'id'], recordId: 'API-1' }),
    ]);
  });

  it('answers 422 with coded issues naming record and field, and stores nothing, when a batch has bad leads', async () => {
    const before = await service.store.count();
    const response = await post([
      goodLead('API-OK', NOW),
      { ...goodLead('API-BAD', NOW), createdAt: 'yesterday' },
      { ...goodLead('API-BAD2', NOW), email: 42 },
    ]);
    expect(response.status).toBe(422);
    const body = await json(response);
    expect(body.error).toBe('invalid_leads');
    expect(body.issues.map((i: any) => [i.code, i.path, i.recordId])).toEqual([
      ['invalid_instant', ['leads', 1, 'createdAt'], 'API-BAD'],
      ['invalid_type', ['leads', 2, 'email'], 'API-BAD2'],
    ]);
    expect(await service.store.count()).toBe(before);
  });

  it('answers 422 duplicate_id when a batch repeats an id', async () => {
    const response = await post([goodLead('API-D', NOW), goodLead('API-D', NOW)]);
    expect(response.status).toBe(422);
    expect((await json(response)).issues[0]).toMatchObject({ code: 'duplicate_id', path: ['leads', 1, 'id'] });
  });

  it('answers 400 invalid_json with the line and column when the body is not JSON', async () => {
    const response = await post('{\n  "id": "X",\n  oops\n}');
    expect(response.status).toBe(400);
    expect((await json(response)).issues[0]).toMatchObject({ code: 'invalid_json', line: 3, column: 3 });
  });

  it('answers 422 invalid_type when the body is neither a lead nor an array', async () => {
    const response = await post('"a string"');
    expect(response.status).toBe(422);
    expect((await json(response)).issues[0]).toMatchObject({ code: 'invalid_type', path: [] });
  });

  it('reports missing fields and suppression hits when a lead fails the lead standard', async () => {
    const { company, ...noCompany } = goodLead('API-STD', NOW);
    const response = await post({ ...noCompany, email: 'someone@gmail.com' });
    expect(response.status).toBe(202);
    const decision = (await json(response)).decisions[0] as LeadDecision;
    expect(decision.leadStandard).toEqual({ passed: false, missing: ['company'], suppressed: ['personal_email'] });
  });

  it('routes a batch in order and stores the routing state after its last lead', async () => {
    const leads = webhookLeads(20, { now: NOW, prefix: 'API-B' });
    const { seq } = await service.store.routingState();
    const response = await post(leads);
    expect(response.status).toBe(202);
    const decisions = (await json(response)).decisions as LeadDecision[];
    expect(decisions.map((d) => d.seq)).toEqual(leads.map((_, i) => seq + i + 1));
    expect((await service.store.routingState()).seq).toBe(seq + leads.length);
  });
});

describe('routing state', () => {
  afterEach(() => {
    dbCount += 1;
  });

  it('survives a restart: decisions after it continue the round robin from the stored state', async () => {
    const path = join(dir, `restart-${dbCount}.duckdb`);
    const leads = webhookLeads(40, { now: NOW, prefix: 'RS' });
    const reference = createRouter(defaultAgreement);
    const expected = leads.map((lead) => reference.route(lead, { now: NOW }).assignee.id);

    const owners: string[] = [];
    for (const half of [leads.slice(0, 20), leads.slice(20)]) {
      const running = await startService({ dbPath: path, agreement: defaultAgreement, now: () => NOW });
      const response = await fetch(`${running.url}/webhooks/leads`, { method: 'POST', body: JSON.stringify(half) });
      owners.push(...((await response.json()) as { decisions: LeadDecision[] }).decisions.map((d) => d.owner.id));
      await running.close();
    }
    expect(owners).toEqual(expected);
    expect(new Set(owners).size).toBeGreaterThan(1);
  });
});

describe('GET /sla-queue', () => {
  it('ranks open clocks by next breach and honours limit', async () => {
    const response = await fetch(`${service.url}/sla-queue?limit=5`);
    expect(response.status).toBe(200);
    const body = await json(response);
    expect(body.entries).toHaveLength(5);
    expect(body.total).toBeGreaterThan(5);
    const due = body.entries.map((e: any) => Date.parse(e.dueAt));
    expect(due).toEqual([...due].sort((a, b) => a - b));
    expect(body.entries[0]).toMatchObject({ leadId: expect.any(String), slaId: expect.any(String) });
  });

  it('answers 422 invalid_argument when limit is not a whole number from 1 to 1000', async () => {
    const response = await fetch(`${service.url}/sla-queue?limit=0`);
    expect(response.status).toBe(422);
    expect((await json(response)).issues[0]).toMatchObject({ code: 'invalid_argument', path: ['limit'] });
  });
});

describe('GET /scorecard', () => {
  it('equals the in-memory scorecard of the stored leads when pushed down to DuckDB', async () => {
    const response = await fetch(`${service.url}/scorecard?groupBy=source,owner`);
    expect(response.status).toBe(200);
    const card = await json(response);
    const leads: Lead[] = await service.store.leads();
    const expected = computeScorecard(
      { leads, activities: [], touchpoints: [], spend: [] },
      { agreement: defaultAgreement, asOf: NOW, groupBy: ['source', 'owner'] },
    );
    expect(card.rows.length).toBeGreaterThan(1);
    expect(card.rows).toEqual(JSON.parse(JSON.stringify(expected.rows)));
    expect(card.totals.metrics.leads.value).toBe(leads.length);
  });

  it('splits by period when asked for a grain and a period', async () => {
    const response = await fetch(`${service.url}/scorecard?groupBy=source&grain=month&period=2026-11`);
    expect(response.status).toBe(200);
    const card = await json(response);
    expect(card.period.label).toBe('2026-11');
    expect(card.rows.every((r: any) => r.period === '2026-11')).toBe(true);
  });

  it('answers 422 with the core issue when a dimension is unknown', async () => {
    const response = await fetch(`${service.url}/scorecard?groupBy=shoe_size`);
    expect(response.status).toBe(422);
    expect((await json(response)).issues[0]).toMatchObject({ code: 'invalid_argument', path: ['groupBy', 0] });
  });
});

describe('GET /healthz', () => {
  it('reports the stored lead count and the routing position', async () => {
    const body = await json(await fetch(`${service.url}/healthz`));
    expect(body).toEqual({ ok: true, leads: await service.store.count(), routingSeq: await service.store.count() });
  });
});
