import { afterEach, describe, expect, it } from 'vitest';
import { AdapterError } from '../contract/AdapterError';
import {
  type FakeCompany,
  type FakeEnrichmentServer,
  type FakeVendor,
  startFakeEnrichmentServer,
} from './__fixtures__/startFakeEnrichmentServer';
import { createApolloEnrichment } from './createApolloEnrichment';
import { createLushaEnrichment } from './createLushaEnrichment';
import { createZoomInfoEnrichment } from './createZoomInfoEnrichment';
import type { EnrichmentProvider } from './enrichment.types';

const KEY = 'sk_live_Secret-Key-123456';
const NORTHWIND: FakeCompany = {
  id: '5001',
  name: 'Northwind Traders',
  domain: 'northwind.example',
  industry: 'Wholesale',
  employees: 180,
  employeeRange: '51-200',
  country: 'United States',
  revenue: 42_000_000,
  revenueRange: [25_000_000, 50_000_000],
  technologies: ['Salesforce', 'HubSpot'],
};

const servers: FakeEnrichmentServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function clock() {
  let t = 1_700_000_000_000;
  const waits: number[] = [];
  return {
    waits,
    http: {
      now: () => t,
      sleep: async (ms: number) => {
        waits.push(ms);
        t += ms;
      },
      random: () => 0.5,
      baseDelayMs: 10,
    },
  };
}

async function setup(vendor: FakeVendor, apiKey = KEY) {
  const server = await startFakeEnrichmentServer(vendor, {
    apiKey: KEY,
    companies: [NORTHWIND],
    people: { 'kim@gmail.com': 'northwind.example' },
  });
  servers.push(server);
  const time = clock();
  const options = { apiKey, baseUrl: server.url, http: time.http };
  const provider =
    vendor === 'apollo'
      ? createApolloEnrichment(options)
      : vendor === 'zoominfo'
        ? createZoomInfoEnrichment(options)
        : createLushaEnrichment(options);
  return { server, provider, waits: time.waits };
}

describe('createApolloEnrichment', () => {
  it('maps organization enrichment by domain, sending the key as X-Api-Key', async () => {
    const { server, provider } = await setup('apollo');
    const result = await provider.lookup({ domain: 'WWW.Northwind.example' });
    expect(result).toEqual({
      provider: 'apollo',
      recordId: '5001',
      fields: {
        company: { value: 'Northwind Traders', confidence: 0.8, source: 'apollo' },
        domain: { value: 'northwind.example', confidence: 0.8, source: 'apollo' },
        industry: { value: 'Wholesale', confidence: 0.8, source: 'apollo' },
        employees: { value: 180, confidence: 0.8, source: 'apollo' },
        country: { value: 'United States', confidence: 0.8, source: 'apollo' },
        revenue: { value: 42_000_000, confidence: 0.8, source: 'apollo' },
        technologies: { value: ['Salesforce', 'HubSpot'], confidence: 0.8, source: 'apollo' },
      },
    });
    expect(result?.fields.employeeRange).toBeUndefined();
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.url).toBe('/api/v1/organizations/enrich?domain=northwind.example');
    expect(server.requests[0]?.headers['x-api-key']).toBe(KEY);
  });

  it('matches a person by e-mail when no domain is given (POST /api/v1/people/match)', async () => {
    const { server, provider } = await setup('apollo');
    const result = await provider.lookup({ email: ' Kim@Gmail.com ' });
    expect(result?.recordId).toBe('5001');
    expect(result?.fields.company).toEqual({ value: 'Northwind Traders', confidence: 0.7, source: 'apollo' });
    expect(server.requests[0]?.method).toBe('POST');
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({
      email: 'kim@gmail.com',
      reveal_personal_emails: false,
      reveal_phone_number: false,
    });
  });

  it('resolves null for no match ({} and person: null)', async () => {
    const { server, provider } = await setup('apollo');
    expect(await provider.lookup({ domain: 'unknown.example' })).toBeNull();
    expect(await provider.lookup({ email: 'nobody@unknown.example' })).toBeNull();
    expect(await provider.lookup({})).toBeNull();
    expect(server.requests).toHaveLength(2);
  });
});

describe('createZoomInfoEnrichment', () => {
  it('posts matchCompanyInput + outputFields with the bearer JWT and maps the result', async () => {
    const { server, provider } = await setup('zoominfo');
    const result = await provider.lookup({ domain: 'northwind.example' });
    expect(result).toEqual({
      provider: 'zoominfo',
      recordId: '5001',
      fields: {
        company: { value: 'Northwind Traders', confidence: 0.95, source: 'zoominfo' },
        domain: { value: 'northwind.example', confidence: 0.95, source: 'zoominfo' },
        industry: { value: 'Wholesale', confidence: 0.95, source: 'zoominfo' },
        employees: { value: 180, confidence: 0.95, source: 'zoominfo' },
        employeeRange: { value: '51-200', confidence: 0.95, source: 'zoominfo' },
        country: { value: 'United States', confidence: 0.95, source: 'zoominfo' },
        revenue: { value: 42_000_000, confidence: 0.95, source: 'zoominfo' },
        revenueRange: { value: '$25 mil. - $50 mil.', confidence: 0.95, source: 'zoominfo' },
      },
    });
    const seen = server.requests[0];
    expect(seen?.url).toBe('/enrich/company');
    expect(seen?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(JSON.parse(seen?.body ?? '').matchCompanyInput).toEqual([{ companyWebsite: 'northwind.example' }]);
  });

  it('asks only for the output fields behind the wanted fields', async () => {
    const { server, provider } = await setup('zoominfo');
    const result = await provider.lookup({ domain: 'northwind.example' }, { fields: ['industry', 'employees'] });
    expect(JSON.parse(server.requests[0]?.body ?? '').outputFields).toEqual(['id', 'primaryIndustry', 'employeeCount']);
    expect(Object.keys(result?.fields ?? {}).sort()).toEqual(['employees', 'industry']);
  });

  it('resolves null on NO_MATCH, and without a request when only an e-mail is known', async () => {
    const { server, provider } = await setup('zoominfo');
    expect(await provider.lookup({ domain: 'unknown.example' })).toBeNull();
    expect(await provider.lookup({ email: 'kim@northwind.example' })).toBeNull();
    expect(server.requests).toHaveLength(1);
  });
});

describe('createLushaEnrichment', () => {
  it('maps GET /v2/company with the api_key header', async () => {
    const { server, provider } = await setup('lusha');
    const result = await provider.lookup({ domain: 'northwind.example' });
    expect(result).toEqual({
      provider: 'lusha',
      recordId: '5001',
      fields: {
        company: { value: 'Northwind Traders', confidence: 0.8, source: 'lusha' },
        domain: { value: 'northwind.example', confidence: 0.8, source: 'lusha' },
        industry: { value: 'Wholesale', confidence: 0.8, source: 'lusha' },
        employeeRange: { value: '51-200', confidence: 0.8, source: 'lusha' },
        country: { value: 'United States', confidence: 0.8, source: 'lusha' },
        revenueRange: { value: '25000000-50000000', confidence: 0.8, source: 'lusha' },
        technologies: { value: ['Salesforce', 'HubSpot'], confidence: 0.8, source: 'lusha' },
      },
    });
    expect(server.requests[0]?.url).toBe('/v2/company?domain=northwind.example');
    expect(server.requests[0]?.headers.api_key).toBe(KEY);
  });

  it('resolves null on 404 (no match), not an error', async () => {
    const { provider } = await setup('lusha');
    expect(await provider.lookup({ domain: 'unknown.example' })).toBeNull();
  });
});

describe.each(['apollo', 'zoominfo', 'lusha'] as const)('%s over HTTP faults', (vendor) => {
  it('honours 429 Retry-After, then succeeds', async () => {
    const { server, provider, waits } = await setup(vendor);
    server.faults.push({ status: 429, headers: { 'retry-after': '3' }, body: { message: 'Too many requests' } });
    const result = await provider.lookup({ domain: 'northwind.example' });
    expect(result?.fields.company?.value).toBe('Northwind Traders');
    expect(server.requests).toHaveLength(2);
    expect(waits).toEqual([3000]);
  });

  it('retries a 5xx, then succeeds', async () => {
    const { server, provider } = await setup(vendor);
    server.faults.push({ status: 503 }, { status: 500 });
    const result = await provider.lookup({ domain: 'northwind.example' });
    expect(result?.recordId).toBe('5001');
    expect(server.requests).toHaveLength(3);
  });

  it('fails rate_limited when the 429s outlast the retries', async () => {
    const { server, provider } = await setup(vendor);
    for (let i = 0; i < 5; i++) server.faults.push({ status: 429, headers: { 'retry-after': '1' } });
    await expect(provider.lookup({ domain: 'northwind.example' })).rejects.toMatchObject({ code: 'rate_limited' });
    expect(server.requests).toHaveLength(5);
  });

  it('fails permanently on a refused key, with the key redacted', async () => {
    const wrong = 'wrong_Key-abcdef987654';
    const { server, provider } = await setup(vendor, wrong);
    const error = await provider.lookup({ domain: 'northwind.example' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdapterError);
    expect((error as AdapterError).code).toBe('invalid_config');
    expect(server.requests).toHaveLength(1);
    const everything = JSON.stringify({
      message: (error as Error).message,
      cause: (error as Error).cause,
      causeMessage: ((error as Error).cause as Error).message,
    });
    expect(everything).toContain('***');
    expect(everything).not.toContain(wrong);
  });
});

describe('provider options', () => {
  it.each([
    ['apollo', createApolloEnrichment],
    ['zoominfo', createZoomInfoEnrichment],
    ['lusha', createLushaEnrichment],
  ] as const)('%s refuses a missing key and a plain-http remote base URL', (_name, create) => {
    const make = create as (options: { apiKey: string; baseUrl?: string }) => EnrichmentProvider;
    expect(() => make({ apiKey: '' })).toThrow(expect.objectContaining({ code: 'invalid_config' }));
    expect(() => make({ apiKey: KEY, baseUrl: 'http://api.example.com' })).toThrow(
      expect.objectContaining({ code: 'invalid_config' }),
    );
  });

  it('checks confidence priors', () => {
    expect(() => createApolloEnrichment({ apiKey: KEY, domainConfidence: 2 })).toThrow(/between 0 and 1/);
    expect(() => createLushaEnrichment({ apiKey: KEY, confidence: -0.1 })).toThrow(/between 0 and 1/);
  });
});
