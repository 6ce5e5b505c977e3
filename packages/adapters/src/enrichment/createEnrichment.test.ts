import type { Lead } from '@accord/core';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeEnrichmentServer, startFakeEnrichmentServer } from './__fixtures__/startFakeEnrichmentServer';
import { createApolloEnrichment } from './createApolloEnrichment';
import { createEnrichment, ENRICHMENT_FIELDS, ENRICHMENT_TARGETS } from './createEnrichment';
import { createLushaEnrichment } from './createLushaEnrichment';
import { createMemoryEnrichmentCache } from './createMemoryEnrichmentCache';
import { createZoomInfoEnrichment } from './createZoomInfoEnrichment';
import type { EnrichmentField, EnrichmentProvider, EnrichmentResult } from './enrichment.types';

const KEY = 'sk_test_enrichment_key_42';
const servers: FakeEnrichmentServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const noWait = { sleep: async () => {}, random: () => 0 };

/** Apollo knows little about contoso (name, industry); ZoomInfo knows head count; Lusha knows the rest. */
async function threeVendors() {
  const apolloServer = await startFakeEnrichmentServer('apollo', {
    apiKey: KEY,
    companies: [
      { id: 'ap-1', name: 'Contoso Ltd', domain: 'contoso.example', industry: 'Software' },
      { id: 'ap-2', name: 'Fabrikam', domain: 'fabrikam.example' },
    ],
    people: { 'kim@gmail.com': 'fabrikam.example' },
  });
  const zoomServer = await startFakeEnrichmentServer('zoominfo', {
    apiKey: KEY,
    companies: [{ id: '77', domain: 'contoso.example', employees: 420, employeeRange: '251-500', name: 'Contoso Z' }],
  });
  const lushaServer = await startFakeEnrichmentServer('lusha', {
    apiKey: KEY,
    companies: [
      {
        id: 'lu-9',
        domain: 'contoso.example',
        country: 'Germany',
        revenueRange: [10_000_000, 50_000_000],
        technologies: ['Zendesk', 'Stripe'],
        industry: 'Computer Software',
      },
    ],
  });
  servers.push(apolloServer, zoomServer, lushaServer);
  const providers = [
    createApolloEnrichment({ apiKey: KEY, baseUrl: apolloServer.url, http: noWait }),
    createZoomInfoEnrichment({ apiKey: KEY, baseUrl: zoomServer.url, http: noWait }),
    createLushaEnrichment({ apiKey: KEY, baseUrl: lushaServer.url, http: noWait }),
  ];
  return { providers, apolloServer, zoomServer, lushaServer };
}

const lead = (extra: Partial<Lead> = {}): Lead => ({ id: 'L-1', createdAt: '2026-03-02T09:30:00Z', ...extra });

describe('createEnrichment over the three fake vendors', () => {
  it('asks each provider only for what is still missing, in order, and marks the source', async () => {
    const { providers, apolloServer, zoomServer, lushaServer } = await threeVendors();
    const input = lead({ email: 'ana@contoso.example', country: 'DE', attributes: { industry: 'Fintech' } });
    const snapshot = structuredClone(input);
    const { lead: out, changes, skipped, lookups } = await createEnrichment({ providers }).enrich(input);

    expect(input).toEqual(snapshot);
    expect(out.company).toBe('Contoso Ltd');
    expect(out.country).toBe('DE');
    expect(out.attributes).toMatchObject({
      industry: 'Fintech',
      company__source: 'apollo',
      company__confidence: 0.8,
      employees: 420,
      employees__source: 'zoominfo',
      employee_range: '251-500',
      revenue_range: '10000000-50000000',
      revenue_range__source: 'lusha',
      technologies: 'Zendesk, Stripe',
      technologies__source: 'lusha',
    });
    expect(out.attributes?.industry__source).toBeUndefined();
    expect(changes.map((c) => [c.field, c.source])).toEqual([
      ['company', 'apollo'],
      ['domain', 'apollo'],
      ['employees', 'zoominfo'],
      ['employeeRange', 'zoominfo'],
      ['revenueRange', 'lusha'],
      ['technologies', 'lusha'],
    ]);
    expect(skipped).toEqual([
      { field: 'industry', reason: 'entered_by_person' },
      { field: 'country', reason: 'entered_by_person' },
      { field: 'revenue', reason: 'no_data' },
    ]);
    expect(lookups).toEqual([
      { provider: 'apollo', cached: false, matched: true },
      { provider: 'zoominfo', cached: false, matched: true },
      { provider: 'lusha', cached: false, matched: true },
    ]);
    // ZoomInfo was asked only for the fields still missing after Apollo.
    expect(JSON.parse(zoomServer.requests[0]?.body ?? '').outputFields).toEqual([
      'id',
      'employeeCount',
      'employeeRange',
      'revenue',
      'revenueRange',
    ]);
    expect([apolloServer.requests.length, zoomServer.requests.length, lushaServer.requests.length]).toEqual([1, 1, 1]);
  });

  it('stops once every wanted field is filled', async () => {
    const { providers, zoomServer, lushaServer } = await threeVendors();
    const { changes } = await createEnrichment({ providers }).enrich(lead({ domain: 'contoso.example' }), {
      fields: ['company', 'industry'],
    });
    expect(changes.map((c) => c.source)).toEqual(['apollo', 'apollo']);
    expect(zoomServer.requests.length + lushaServer.requests.length).toBe(0);
  });

  it('goes to the next provider on a no-match', async () => {
    const { providers, apolloServer, zoomServer } = await threeVendors();
    const { changes, skipped } = await createEnrichment({
      providers: [providers[2], providers[0]] as EnrichmentProvider[],
    }).enrich(lead({ domain: 'fabrikam.example' }), { fields: ['company'] });
    expect(changes).toEqual([{ field: 'company', value: 'Fabrikam', source: 'apollo', confidence: 0.8 }]);
    expect(skipped).toEqual([]);
    expect(apolloServer.requests).toHaveLength(1);
    expect(zoomServer.requests).toHaveLength(0);
  });

  it('reports no_data when no provider matches', async () => {
    const { providers } = await threeVendors();
    const result = await createEnrichment({ providers }).enrich(lead({ domain: 'nobody.example' }), {
      fields: ['industry'],
    });
    expect(result.changes).toEqual([]);
    expect(result.skipped).toEqual([{ field: 'industry', reason: 'no_data' }]);
    expect(result.lead.attributes).toBeUndefined();
    expect(result.lookups.map((l) => l.matched)).toEqual([false, false, false]);
  });

  it('serves repeated lookups from the cache without a request (no-matches too)', async () => {
    const { providers, apolloServer, zoomServer, lushaServer } = await threeVendors();
    const enrichment = createEnrichment({ providers, cache: createMemoryEnrichmentCache() });
    const first = await enrichment.enrich(lead({ email: 'ana@contoso.example' }));
    const second = await enrichment.enrich(lead({ id: 'L-2', email: 'BOB@Contoso.example' }));
    expect(second.changes).toEqual(first.changes);
    expect(second.lookups.every((l) => l.cached)).toBe(true);
    await enrichment.enrich(lead({ id: 'L-3', domain: 'nobody.example' }));
    await enrichment.enrich(lead({ id: 'L-4', domain: 'www.nobody.example' }));
    expect([apolloServer.requests.length, zoomServer.requests.length, lushaServer.requests.length]).toEqual([2, 2, 2]);
  });

  it('never looks a personal mail domain up by domain: e-mail match only', async () => {
    const { providers, apolloServer, zoomServer, lushaServer } = await threeVendors();
    const { lead: out } = await createEnrichment({ providers }).enrich(lead({ email: 'kim@gmail.com' }), {
      fields: ['company', 'industry'],
    });
    expect(out.company).toBe('Fabrikam');
    expect(apolloServer.requests.map((r) => r.url)).toEqual(['/api/v1/people/match']);
    expect(zoomServer.requests.length + lushaServer.requests.length).toBe(0);

    const extra = await createEnrichment({ providers, personalDomains: ['contoso.example'] }).enrich(
      lead({ email: 'ana@contoso.example' }),
      { fields: ['company'] },
    );
    expect(extra.changes).toEqual([]);
    expect(apolloServer.requests.at(-1)?.url).toBe('/api/v1/people/match');
  });

  it('spaces requests per provider with a token bucket on the injected clock', async () => {
    const { providers, lushaServer } = await threeVendors();
    let t = 0;
    const waits: number[] = [];
    const enrichment = createEnrichment({
      providers: [providers[2] as EnrichmentProvider],
      rateLimits: { lusha: 2 },
      now: () => t,
      sleep: async (ms) => {
        waits.push(ms);
        t += ms;
      },
    });
    for (const domain of ['a.example', 'b.example', 'c.example'])
      await enrichment.enrich(lead({ domain }), { fields: ['company'] });
    expect(waits).toEqual([500, 500]);
    expect(lushaServer.requests).toHaveLength(3);
  });

  it('throws a provider failure with the key redacted', async () => {
    const { lushaServer } = await threeVendors();
    const bad = createLushaEnrichment({ apiKey: 'another_secret_value_1', baseUrl: lushaServer.url });
    const error = await createEnrichment({ providers: [bad] })
      .enrich(lead({ domain: 'contoso.example' }))
      .catch((e: unknown) => e as Error);
    expect(error).toMatchObject({ code: 'invalid_config' });
    expect(String((error as Error).message)).not.toContain('another_secret_value_1');
    expect(lushaServer.requests).toHaveLength(1);
  });

  it('a retried enrichment after a provider outage asks only the providers that had not answered', async () => {
    const { providers, apolloServer, zoomServer } = await threeVendors();
    const enrichment = createEnrichment({ providers, cache: createMemoryEnrichmentCache() });
    for (let i = 0; i < 5; i++) zoomServer.faults.push({ status: 503 });
    await expect(enrichment.enrich(lead({ domain: 'contoso.example' }))).rejects.toMatchObject({ code: 'unavailable' });
    expect(zoomServer.requests).toHaveLength(5);
    const { lookups, lead: out } = await enrichment.enrich(lead({ domain: 'contoso.example' }));
    expect(lookups.map((l) => [l.provider, l.cached])).toEqual([
      ['apollo', true],
      ['zoominfo', false],
      ['lusha', false],
    ]);
    expect(out.attributes?.employees).toBe(420);
    expect(apolloServer.requests).toHaveLength(1);
  });

  it('validates its options and the lead', async () => {
    const { providers } = await threeVendors();
    expect(() => createEnrichment({ providers: [] })).toThrow(expect.objectContaining({ code: 'invalid_config' }));
    expect(() => createEnrichment({ providers: [providers[0], providers[0]] as EnrichmentProvider[] })).toThrow(
      /used twice/,
    );
    expect(() => createEnrichment({ providers, rateLimits: { clearbit: 1 } })).toThrow(/names no provider/);
    expect(() => createEnrichment({ providers, rateLimits: { apollo: 0 } })).toThrow(/perSecond/);
    const enrichment = createEnrichment({ providers });
    await expect(enrichment.enrich(lead(), { fields: ['size' as EnrichmentField] })).rejects.toMatchObject({
      code: 'invalid_option',
    });
    await expect(enrichment.enrich(lead({ email: 42 as unknown as string }))).rejects.toThrow(/L-1.*"email"/);
    await expect(enrichment.enrich({ createdAt: 0 } as unknown as Lead)).rejects.toMatchObject({
      code: 'invalid_record',
    });
  });
});

describe('createEnrichment never overwrites a value on the lead (property)', () => {
  const value = fc.oneof(
    fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''),
    fc.integer({ min: 0 }),
  );
  const providerValues = fc.record(
    Object.fromEntries(ENRICHMENT_FIELDS.map((field) => [field, fc.option(value, { nil: undefined })])),
  ) as fc.Arbitrary<Record<EnrichmentField, string | number | undefined>>;
  const leadArb = fc.record(
    {
      company: value.map(String),
      domain: fc.constantFrom('acme.example', 'gmail.com', 'x.example'),
      email: fc.constantFrom('a@acme.example', 'b@gmail.com'),
      country: value.map(String),
      attributes: fc.dictionary(
        fc.constantFrom(
          'industry',
          'employees',
          'employee_range',
          'revenue',
          'revenue_range',
          'technologies',
          'industry__source',
          'employees__confidence',
          'other',
        ),
        fc.oneof(value, fc.constant(null), fc.boolean()),
      ),
    },
    { requiredKeys: [] },
  );

  it('keeps every present value and key; only fills what was missing, each marked', async () => {
    await fc.assert(
      fc.asyncProperty(leadArb, fc.array(providerValues, { minLength: 1, maxLength: 3 }), async (partial, answers) => {
        const providers: EnrichmentProvider[] = answers.map((answer, index) => ({
          name: `p${index}`,
          lookup: async (): Promise<EnrichmentResult> => ({
            provider: `p${index}`,
            fields: Object.fromEntries(
              Object.entries(answer)
                .filter(([, v]) => v !== undefined)
                .map(([field, v]) => [
                  field,
                  { value: field === 'technologies' ? [String(v)] : v, confidence: 0.5, source: `p${index}` },
                ]),
            ),
          }),
        }));
        const input: Lead = { id: 'L', createdAt: 0, ...partial };
        const before = structuredClone(input);
        const { lead: out, changes } = await createEnrichment({ providers }).enrich(input);
        expect(input).toEqual(before);
        for (const [key, v] of Object.entries(before))
          if (key !== 'attributes') expect((out as unknown as Record<string, unknown>)[key]).toEqual(v);
        for (const [key, v] of Object.entries(before.attributes ?? {})) {
          if (v === null) continue;
          expect(out.attributes?.[key]).toEqual(v);
        }
        for (const change of changes) {
          const { on, key } = ENRICHMENT_TARGETS[change.field];
          const was = on === 'lead' ? (before as unknown as Record<string, unknown>)[key] : before.attributes?.[key];
          expect(was === undefined || was === null).toBe(true);
          expect(out.attributes?.[`${key}__source`]).toBe(change.source);
        }
      }),
      { numRuns: 300 },
    );
  });
});
