import {
  amount,
  compact,
  confidenceOption,
  found,
  idOf,
  names,
  normaliseDomain,
  normaliseEmail,
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

/** Options of the Apollo provider. */
export interface ApolloEnrichmentOptions extends EnrichmentProviderOptions {
  /** Confidence given to an organization matched by domain (Apollo publishes no score; default 0.8). */
  domainConfidence?: number;
  /** Confidence given to the organization of a person matched by e-mail (default 0.7). */
  emailConfidence?: number;
}

const NAME = 'apollo';

/**
 * @name createApolloEnrichment
 * @category Adapters
 * @summary Apollo.io as an {@link EnrichmentProvider}: organization enrichment by domain, else people match by e-mail.
 *
 * @description
 * Follows Apollo's REST API v1 (https://docs.apollo.io), base `https://api.apollo.io`, key in the
 * `X-Api-Key` header (the shared HTTP client also sends it as a bearer token to the same origin; it is
 * redacted from every error):
 * - Domain known: `GET /api/v1/organizations/enrich?domain=<domain>` → `{ organization: {...} }`
 *   (`{}` or 404 when Apollo has no match → `null`).
 * - Else e-mail: `POST /api/v1/people/match` with `{ email, reveal_personal_emails: false,
 *   reveal_phone_number: false }` → `{ person: { id, organization: {...} } }` (`person: null` → `null`).
 * - Organization fields read: `id` (record id), `name` → company, `primary_domain` → domain,
 *   `industry`, `estimated_num_employees` → employees, `country`, `annual_revenue` (USD) → revenue,
 *   `technology_names` → technologies. Apollo has no employee or revenue band: those stay absent.
 * - One lookup is one request (domain or e-mail, never both), so a rate limit per lookup is per request.
 *
 * @example
 * const apollo = createApolloEnrichment({ apiKey: process.env.APOLLO_API_KEY! })
 * await apollo.lookup({ domain: 'northwind.example' }) // { provider: 'apollo', recordId, fields: { company: { value, confidence: 0.8, source: 'apollo' }, … } }
 */
export function createApolloEnrichment(options: ApolloEnrichmentOptions): EnrichmentProvider {
  const http = providerClient(NAME, 'https://api.apollo.io', options);
  const domainConfidence = confidenceOption(NAME, 'domainConfidence', options.domainConfidence, 0.8);
  const emailConfidence = confidenceOption(NAME, 'emailConfidence', options.emailConfidence, 0.7);
  const headers = { 'x-api-key': options.apiKey, 'cache-control': 'no-cache' };

  async function lookup(query: EnrichmentQuery): Promise<EnrichmentResult | null> {
    const domain = normaliseDomain(query?.domain);
    if (domain !== undefined) {
      const body = await orNull(
        http.request<unknown>({ method: 'GET', path: '/api/v1/organizations/enrich', query: { domain }, headers }),
      );
      return fromOrganization(objectOf(objectOf(body)?.organization), undefined, domainConfidence);
    }
    const email = normaliseEmail(query?.email);
    if (email === undefined) return null;
    const body = await orNull(
      http.request<unknown>({
        method: 'POST',
        path: '/api/v1/people/match',
        body: { email, reveal_personal_emails: false, reveal_phone_number: false },
        headers,
        badRequestCode: 'invalid_option',
      }),
    );
    const person = objectOf(objectOf(body)?.person);
    if (!person) return null;
    return fromOrganization(objectOf(person.organization), idOf(person.organization_id), emailConfidence);
  }

  return { name: NAME, lookup };
}

function fromOrganization(
  org: Record<string, unknown> | undefined,
  fallbackId: string | undefined,
  confidence: number,
): EnrichmentResult | null {
  if (!org) return null;
  const fields = compact({
    company: found(text(org.name), confidence, NAME),
    domain: found(normaliseDomain(org.primary_domain), confidence, NAME),
    industry: found(text(org.industry), confidence, NAME),
    employees: found(amount(org.estimated_num_employees), confidence, NAME),
    country: found(text(org.country), confidence, NAME),
    revenue: found(amount(org.annual_revenue), confidence, NAME),
    technologies: found(names(org.technology_names), confidence, NAME),
  });
  const recordId = idOf(org.id) ?? fallbackId;
  if (Object.keys(fields).length === 0) return null;
  return { provider: NAME, ...(recordId === undefined ? {} : { recordId }), fields };
}
