import {
  amount,
  compact,
  confidenceOption,
  found,
  idOf,
  names,
  normaliseDomain,
  objectOf,
  orNull,
  providerClient,
  text,
} from './_providerKit';
import type {
  EnrichmentProvider,
  EnrichmentProviderOptions,
  EnrichmentQuery,
  EnrichmentResult,
} from './enrichment.types';

/** Options of the Lusha provider. */
export interface LushaEnrichmentOptions extends EnrichmentProviderOptions {
  /** Confidence given to a company matched by domain (Lusha publishes no score; default 0.8). */
  confidence?: number;
}

const NAME = 'lusha';

/**
 * @name createLushaEnrichment
 * @category Adapters
 * @summary Lusha as an {@link EnrichmentProvider}: company enrichment by domain.
 *
 * @description
 * Follows Lusha's Company API v2 (https://docs.lusha.com/apis/openapi/company-enrichment): base
 * `https://api.lusha.com`, `GET /v2/company?domain=<domain>` with the key in the `api_key` header,
 * answering `{ data: {...} }`. 404 or an empty `data` is a no-match (`null`). Fields read from `data`:
 * `id` (record id), `name` → company, `domains.homepage` → domain, `mainIndustry` → industry,
 * `employees` (a band such as `"51 - 200"`) → employeeRange, `location.country` → country,
 * `revenueRange` (`[min, max]` in USD) → revenueRange `"min-max"`, `technologies[].name` → technologies.
 * Lusha's company endpoint takes no e-mail: a query without a domain resolves `null` with no request.
 *
 * @example
 * const lusha = createLushaEnrichment({ apiKey: process.env.LUSHA_API_KEY! })
 * await lusha.lookup({ domain: 'northwind.example' })
 */
export function createLushaEnrichment(options: LushaEnrichmentOptions): EnrichmentProvider {
  const http = providerClient(NAME, 'https://api.lusha.com', options);
  const confidence = confidenceOption(NAME, 'confidence', options.confidence, 0.8);

  async function lookup(query: EnrichmentQuery): Promise<EnrichmentResult | null> {
    const domain = normaliseDomain(query?.domain);
    if (domain === undefined) return null;
    const body = await orNull(
      http.request<unknown>({
        method: 'GET',
        path: '/v2/company',
        query: { domain },
        headers: { api_key: options.apiKey },
      }),
    );
    const data = objectOf(objectOf(body)?.data);
    if (!data) return null;
    const fields = compact({
      company: found(text(data.name), confidence, NAME),
      domain: found(normaliseDomain(objectOf(data.domains)?.homepage), confidence, NAME),
      industry: found(text(data.mainIndustry), confidence, NAME),
      employeeRange: found(band(data.employees), confidence, NAME),
      country: found(text(objectOf(data.location)?.country), confidence, NAME),
      revenueRange: found(revenueBand(data.revenueRange), confidence, NAME),
      technologies: found(
        names(data.technologies, (item) => objectOf(item)?.name),
        confidence,
        NAME,
      ),
    });
    if (Object.keys(fields).length === 0) return null;
    const recordId = idOf(data.id);
    return { provider: NAME, ...(recordId === undefined ? {} : { recordId }), fields };
  }

  return { name: NAME, lookup };
}

/** `"51 - 200"` → `"51-200"`; other non-empty text as written. */
function band(value: unknown): string | undefined {
  return text(value)?.replace(/\s*-\s*/, '-');
}

/** `[min, max]` → `"min-max"`, `[min]`/`[min, null]` → `"min+"`. */
function revenueBand(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined;
  const min = amount(value[0]);
  const max = amount(value[1]);
  if (min === undefined) return undefined;
  return max === undefined ? `${min}+` : `${min}-${max}`;
}
