import {
  amount,
  compact,
  confidenceOption,
  found,
  idOf,
  normaliseDomain,
  objectOf,
  orNull,
  providerClient,
  text,
} from './_providerKit';
import type {
  EnrichmentField,
  EnrichmentLookupOptions,
  EnrichmentProvider,
  EnrichmentProviderOptions,
  EnrichmentQuery,
  EnrichmentResult,
} from './enrichment.types';

/** Options of the ZoomInfo provider. `apiKey` is the bearer JWT from ZoomInfo's `/authenticate`. */
export interface ZoomInfoEnrichmentOptions extends EnrichmentProviderOptions {
  /** Confidence per `matchStatus` (defaults: FULL_MATCH 0.95, CONFIDENT_MATCH 0.85, any other status with data 0.6). */
  confidenceByMatchStatus?: Readonly<Record<string, number>>;
}

const NAME = 'zoominfo';

/** The ZoomInfo output fields asked for each enrichment field. */
const OUTPUT_FIELDS: Readonly<Record<EnrichmentField, readonly string[]>> = {
  company: ['name'],
  domain: ['website'],
  industry: ['primaryIndustry'],
  employees: ['employeeCount'],
  employeeRange: ['employeeRange'],
  country: ['country'],
  revenue: ['revenue'],
  revenueRange: ['revenueRange'],
  technologies: [],
};
const NO_MATCH = new Set(['NO_MATCH', 'INVALID_INPUT', 'LIMIT_EXCEEDED', 'ERROR']);

/**
 * @name createZoomInfoEnrichment
 * @category Adapters
 * @summary ZoomInfo as an {@link EnrichmentProvider}: Enrich API company enrichment by website.
 *
 * @description
 * Follows ZoomInfo's Enrich API (https://api-docs.zoominfo.com, "Enrich Company"): base
 * `https://api.zoominfo.com`, `POST /enrich/company` with `Authorization: Bearer <JWT>` and
 * `{ matchCompanyInput: [{ companyWebsite: <domain> }], outputFields: [...] }`, answering
 * `{ success, data: { outputFields, result: [{ input, data: [company], matchStatus }] } }`.
 * `matchStatus` `NO_MATCH` (or an empty `data`) is a no-match (`null`). Output fields requested are
 * only those behind the wanted fields, always with `id`: `name` → company, `website` → domain,
 * `primaryIndustry` (a list; the first) → industry, `employeeCount` → employees, `employeeRange`,
 * `country`, `revenue` (thousands of USD, ×1000) → revenue, `revenueRange`. Technologies are not
 * requested. Company enrich takes no e-mail: a query without a domain resolves `null` with no request.
 *
 * @example
 * const zoominfo = createZoomInfoEnrichment({ apiKey: jwt })
 * await zoominfo.lookup({ domain: 'northwind.example' }, { fields: ['industry', 'employees'] })
 */
export function createZoomInfoEnrichment(options: ZoomInfoEnrichmentOptions): EnrichmentProvider {
  const http = providerClient(NAME, 'https://api.zoominfo.com', options);
  const byStatus: Record<string, number> = { FULL_MATCH: 0.95, CONFIDENT_MATCH: 0.85 };
  for (const [status, value] of Object.entries(options.confidenceByMatchStatus ?? {}))
    byStatus[status] = confidenceOption(NAME, `confidenceByMatchStatus.${status}`, value, 0.6);

  async function lookup(
    query: EnrichmentQuery,
    lookupOptions?: EnrichmentLookupOptions,
  ): Promise<EnrichmentResult | null> {
    const domain = normaliseDomain(query?.domain);
    if (domain === undefined) return null;
    const wanted = lookupOptions?.fields ?? (Object.keys(OUTPUT_FIELDS) as EnrichmentField[]);
    const outputFields = ['id', ...new Set(wanted.flatMap((field) => OUTPUT_FIELDS[field] ?? []))];
    if (outputFields.length === 1) return null;
    const body = await orNull(
      http.request<unknown>({
        method: 'POST',
        path: '/enrich/company',
        body: { matchCompanyInput: [{ companyWebsite: domain }], outputFields },
        badRequestCode: 'invalid_option',
      }),
    );
    const results = objectOf(objectOf(body)?.data)?.result;
    const first = objectOf(Array.isArray(results) ? results[0] : undefined);
    const status = text(first?.matchStatus) ?? '';
    const company = objectOf(Array.isArray(first?.data) ? first.data[0] : undefined);
    if (!company || NO_MATCH.has(status)) return null;
    const confidence = byStatus[status] ?? 0.6;
    const revenueThousands = amount(company.revenue);
    const industry = Array.isArray(company.primaryIndustry) ? company.primaryIndustry[0] : company.primaryIndustry;
    const fields = compact({
      company: found(text(company.name), confidence, NAME),
      domain: found(normaliseDomain(company.website), confidence, NAME),
      industry: found(text(industry), confidence, NAME),
      employees: found(amount(company.employeeCount), confidence, NAME),
      employeeRange: found(text(company.employeeRange), confidence, NAME),
      country: found(text(company.country), confidence, NAME),
      revenue: found(revenueThousands === undefined ? undefined : revenueThousands * 1000, confidence, NAME),
      revenueRange: found(text(company.revenueRange), confidence, NAME),
    });
    if (Object.keys(fields).length === 0) return null;
    const recordId = idOf(company.id);
    return { provider: NAME, ...(recordId === undefined ? {} : { recordId }), fields };
  }

  return { name: NAME, lookup };
}
