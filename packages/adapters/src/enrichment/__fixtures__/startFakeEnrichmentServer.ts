import { sendJson, startTestServer, type TestServer } from '../../crm/__fixtures__/startTestServer';

/** A company as the fake vendors know it; each fake renders it in its vendor's documented shape. */
export interface FakeCompany {
  id: string;
  name?: string;
  domain: string;
  industry?: string;
  employees?: number;
  employeeRange?: string;
  country?: string;
  /** Annual revenue in USD. */
  revenue?: number;
  revenueRange?: [number, number];
  technologies?: string[];
}

/** A fault answered instead of the next real answer. */
export interface FakeFault {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface FakeEnrichmentServer extends TestServer {
  /** Answered first, one per request, before the real answers resume. */
  faults: FakeFault[];
}

export type FakeVendor = 'apollo' | 'zoominfo' | 'lusha';

/**
 * A node:http server on 127.0.0.1 speaking one vendor's documented enrichment API:
 * Apollo `GET /api/v1/organizations/enrich?domain=` + `POST /api/v1/people/match` (X-Api-Key),
 * ZoomInfo `POST /enrich/company` (Bearer JWT), Lusha `GET /v2/company?domain=` (api_key header).
 * A wrong key answers 401 with the key echoed in the body (to check redaction).
 */
export async function startFakeEnrichmentServer(
  vendor: FakeVendor,
  options: { apiKey: string; companies: FakeCompany[]; people?: Record<string, string> },
): Promise<FakeEnrichmentServer> {
  const faults: FakeFault[] = [];
  const byDomain = new Map(options.companies.map((company) => [company.domain, company]));
  const server = await startTestServer((req, res, seen) => {
    const fault = faults.shift();
    if (fault) return sendJson(res, fault.status, fault.body ?? { message: 'injected' }, fault.headers);
    const url = new URL(seen.url, 'http://127.0.0.1');
    const presented =
      vendor === 'apollo'
        ? req.headers['x-api-key']
        : vendor === 'lusha'
          ? req.headers.api_key
          : String(req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (presented !== options.apiKey)
      return sendJson(res, 401, { error: 'unauthorized', message: `Invalid API key ${String(presented)}` });

    if (vendor === 'apollo' && req.method === 'GET' && url.pathname === '/api/v1/organizations/enrich') {
      const company = byDomain.get(url.searchParams.get('domain') ?? '');
      return sendJson(res, 200, company ? { organization: apolloOrg(company) } : {});
    }
    if (vendor === 'apollo' && req.method === 'POST' && url.pathname === '/api/v1/people/match') {
      const { email } = JSON.parse(seen.body) as { email: string };
      const domain = options.people?.[email];
      const company = domain === undefined ? undefined : byDomain.get(domain);
      return sendJson(res, 200, {
        person: company
          ? { id: `person-${email}`, email, organization_id: company.id, organization: apolloOrg(company) }
          : null,
      });
    }
    if (vendor === 'zoominfo' && req.method === 'POST' && url.pathname === '/enrich/company') {
      const body = JSON.parse(seen.body) as {
        matchCompanyInput: { companyWebsite: string }[];
        outputFields: string[];
      };
      const input = body.matchCompanyInput[0] as { companyWebsite: string };
      const company = byDomain.get(input.companyWebsite);
      const full = company ? zoomInfoCompany(company) : undefined;
      const picked = full
        ? Object.fromEntries(Object.entries(full).filter(([key]) => body.outputFields.includes(key)))
        : undefined;
      return sendJson(res, 200, {
        success: true,
        data: {
          outputFields: [body.outputFields],
          result: [{ input, data: picked ? [picked] : [], matchStatus: picked ? 'FULL_MATCH' : 'NO_MATCH' }],
        },
      });
    }
    if (vendor === 'lusha' && req.method === 'GET' && url.pathname === '/v2/company') {
      const company = byDomain.get(url.searchParams.get('domain') ?? '');
      if (!company) return sendJson(res, 404, { message: 'Company not found' });
      return sendJson(res, 200, { data: lushaCompany(company) });
    }
    return sendJson(res, 404, { message: `no route ${req.method} ${url.pathname}` });
  });
  return Object.assign(server, { faults });
}

function apolloOrg(company: FakeCompany): Record<string, unknown> {
  return strip({
    id: company.id,
    name: company.name,
    website_url: `http://www.${company.domain}`,
    primary_domain: company.domain,
    industry: company.industry,
    estimated_num_employees: company.employees,
    country: company.country,
    annual_revenue: company.revenue,
    annual_revenue_printed: company.revenue === undefined ? undefined : `${company.revenue / 1e6}M`,
    technology_names: company.technologies,
    current_technologies: company.technologies?.map((name) => ({ uid: name.toLowerCase(), name, category: 'Other' })),
  });
}

function zoomInfoCompany(company: FakeCompany): Record<string, unknown> {
  return strip({
    id: Number(company.id.replace(/\D/g, '')) || 1,
    name: company.name,
    website: `www.${company.domain}`,
    primaryIndustry: company.industry === undefined ? undefined : [company.industry],
    employeeCount: company.employees,
    employeeRange: company.employeeRange,
    country: company.country,
    revenue: company.revenue === undefined ? undefined : company.revenue / 1000,
    revenueRange: company.revenueRange
      ? `$${company.revenueRange[0] / 1e6} mil. - $${company.revenueRange[1] / 1e6} mil.`
      : undefined,
  });
}

function lushaCompany(company: FakeCompany): Record<string, unknown> {
  return strip({
    id: company.id,
    name: company.name,
    domains: { homepage: company.domain },
    mainIndustry: company.industry,
    employees: company.employeeRange?.replace('-', ' - '),
    location: company.country === undefined ? undefined : { country: company.country },
    revenueRange: company.revenueRange,
    technologies: company.technologies?.map((name) => ({ name })),
  });
}

function strip(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
