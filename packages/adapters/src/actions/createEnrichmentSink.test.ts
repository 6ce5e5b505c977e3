import type { Lead } from '@accord/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryOutboxStore } from '../crm/outbox/createMemoryOutboxStore';
import {
  type FakeEnrichmentServer,
  startFakeEnrichmentServer,
} from '../enrichment/__fixtures__/startFakeEnrichmentServer';
import { createApolloEnrichment } from '../enrichment/createApolloEnrichment';
import { createEnrichment } from '../enrichment/createEnrichment';
import type { AccordAction } from './actions.types';
import { createActionRunner } from './createActionRunner';
import { createEnrichmentSink } from './createEnrichmentSink';

const KEY = 'sk_test_enrichment_sink_key';
const servers: FakeEnrichmentServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function setUp(leads: Lead[]) {
  const apollo = await startFakeEnrichmentServer('apollo', {
    apiKey: KEY,
    companies: [{ id: 'ap-1', name: 'Contoso Ltd', domain: 'contoso.example', industry: 'Software' }],
  });
  servers.push(apollo);
  const enrichment = createEnrichment({
    providers: [
      createApolloEnrichment({ apiKey: KEY, baseUrl: apollo.url, http: { sleep: async () => {}, random: () => 0 } }),
    ],
  });
  const store = new Map(leads.map((l) => [l.id, l]));
  const saved: Lead[] = [];
  const sink = createEnrichmentSink({
    enrichment,
    loadLead: async (id) => store.get(id),
    saveLead: async (lead) => {
      saved.push(lead);
      store.set(lead.id, lead);
    },
  });
  const runner = createActionRunner({ sinks: [sink], store: createMemoryOutboxStore() });
  return { runner, saved, apollo, store };
}

const enrich = (leadId: string, fields?: string[], key = `disposition:${leadId}:1:enrich`): AccordAction => ({
  key,
  kind: 'enrich',
  leadId,
  title: `Enrich ${leadId}`,
  ...(fields && { payload: { fields } }),
});

describe('createEnrichmentSink', () => {
  it('fills what the lead is missing, marks the source, and saves once per action key', async () => {
    const { runner, saved, apollo } = await setUp([
      {
        id: 'L1',
        createdAt: '2026-03-02T09:30:00Z',
        email: 'kim@contoso.example',
        company: 'Contoso (typed by a rep)',
      },
    ]);
    const [first] = await runner.dispatch([enrich('L1', ['company', 'industry'])]);
    expect(first?.deliveries[0]?.status).toBe('delivered');
    expect(saved).toHaveLength(1);
    expect(saved[0]?.company).toBe('Contoso (typed by a rep)'); // a person's value is never overwritten
    expect(saved[0]?.attributes?.industry).toBe('Software');
    expect(saved[0]?.attributes?.industry__source).toBe('apollo');
    const [again] = await runner.dispatch([enrich('L1', ['company', 'industry'])]);
    expect(again?.deliveries[0]).toMatchObject({ status: 'delivered', created: false });
    expect(saved).toHaveLength(1);
    expect(apollo.requests.length).toBe(1);
  });

  it('changes nothing and saves nothing when a new action finds the fields filled already', async () => {
    const { runner, saved } = await setUp([
      { id: 'L1', createdAt: '2026-03-02T09:30:00Z', email: 'kim@contoso.example' },
    ]);
    await runner.dispatch([enrich('L1', ['industry'], 'a')]);
    await runner.dispatch([enrich('L1', ['industry'], 'b')]);
    expect(saved).toHaveLength(1);
  });

  it('refuses fields enrichment cannot provide, and a lead that is gone, as dead letters naming them', async () => {
    const { runner, saved } = await setUp([
      { id: 'L1', createdAt: '2026-03-02T09:30:00Z', email: 'kim@contoso.example' },
    ]);
    const [phone] = await runner.dispatch([enrich('L1', ['phone', 'industry'])]);
    expect(phone?.deliveries[0]?.status).toBe('dead');
    expect(phone?.deliveries[0]?.error).toContain('phone');
    const [gone] = await runner.dispatch([enrich('L404')]);
    expect(gone?.deliveries[0]?.status).toBe('dead');
    expect(gone?.deliveries[0]?.error).toContain('L404');
    expect(saved).toHaveLength(0);
  });

  it('previews the lookup without running it', async () => {
    const { apollo } = await setUp([]);
    const sink = createEnrichmentSink({
      enrichment: createEnrichment({ providers: [createApolloEnrichment({ apiKey: KEY, baseUrl: apollo.url })] }),
      loadLead: async () => undefined,
      saveLead: async () => {},
    });
    expect(sink.preview(enrich('L1', ['industry', 'phone']))).toEqual({
      method: 'ENRICH',
      url: 'enrichment:lead/L1',
      body: { fields: ['industry'], refused: ['phone'] },
    });
    expect(apollo.requests.length).toBe(0);
  });
});
