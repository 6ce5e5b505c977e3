import { type AttributeValue, isPersonalMailDomain, type Lead, registrableDomain } from '@accord/core';
import { AdapterError } from '../contract/AdapterError';
import { normaliseDomain, normaliseEmail } from './_providerKit';
import { createTokenBucket, type TokenBucket } from './createTokenBucket';
import type {
  EnrichedValue,
  EnrichLeadResult,
  Enrichment,
  EnrichmentChange,
  EnrichmentField,
  EnrichmentOptions,
  EnrichmentProvider,
  EnrichmentQuery,
  EnrichmentResult,
  EnrichmentSkip,
  EnrichOptions,
} from './enrichment.types';

const ADAPTER = 'enrichment';

/** Every enrichment field, in the order they are reported. */
export const ENRICHMENT_FIELDS: readonly EnrichmentField[] = [
  'company',
  'domain',
  'industry',
  'employees',
  'employeeRange',
  'country',
  'revenue',
  'revenueRange',
  'technologies',
];

/**
 * Where each field lives on a Lead: a top-level property or a custom attribute. The source marker of a
 * field is the attribute `<key>__source` (e.g. `company__source`, `employee_range__source`).
 */
export const ENRICHMENT_TARGETS: Readonly<Record<EnrichmentField, { on: 'lead' | 'attributes'; key: string }>> = {
  company: { on: 'lead', key: 'company' },
  domain: { on: 'lead', key: 'domain' },
  country: { on: 'lead', key: 'country' },
  industry: { on: 'attributes', key: 'industry' },
  employees: { on: 'attributes', key: 'employees' },
  employeeRange: { on: 'attributes', key: 'employee_range' },
  revenue: { on: 'attributes', key: 'revenue' },
  revenueRange: { on: 'attributes', key: 'revenue_range' },
  technologies: { on: 'attributes', key: 'technologies' },
};

/**
 * @name createEnrichment
 * @category Adapters
 * @summary Enriches leads from providers in fallback order, with a cache and per-provider rate limits; never overwrites what a person entered.
 *
 * @description
 * - The query is the lead's business domain (`lead.domain`, else the registrable domain of
 *   `lead.email`), else its e-mail address. Personal mail domains (gmail.com… via `isPersonalMailDomain`
 *   of @accord/core, plus `personalDomains`) are never looked up by domain: such a lead is looked up by
 *   e-mail only (Apollo people match), and domain-only providers answer `null` without a request.
 * - Providers are asked in order, each only for the fields still missing after the previous ones; the
 *   loop stops once none is missing. A provider's error (after its HTTP client's retries) is thrown:
 *   the action runner's outbox retries the enrichment, and the cache spares the providers that answered.
 * - A field is written only when the lead has no value for it (undefined, null or blank) and no
 *   `<key>__source` marker: a person's value is `entered_by_person`, an earlier enrichment's
 *   `already_enriched`. Top-level `company`, `domain`, `country`; the rest are attributes
 *   (`industry`, `employees`, `employee_range`, `revenue`, `revenue_range`, `technologies` joined with
 *   `", "`). Each written field gets `attributes['<key>__source'] = provider` and
 *   `attributes['<key>__confidence']`. The input lead is not mutated; the Lead type is unchanged.
 * - Cache keys are `<provider>|domain:<domain>` or `<provider>|email:<email>` (normalised); no-matches
 *   are cached too. A cached answer takes no rate-limit token and makes no request.
 * - `rateLimits[provider.name]`: requests per second (a token bucket, burst 1 unless given).
 *
 * @example
 * const enrichment = createEnrichment({ providers: [apollo, zoominfo, lusha], cache: createMemoryEnrichmentCache(), rateLimits: { apollo: 5 } })
 * const { lead, changes, skipped } = await enrichment.enrich(lead, { fields: ['industry', 'employees'] })
 */
export function createEnrichment(options: EnrichmentOptions): Enrichment {
  const providers = options?.providers;
  if (!Array.isArray(providers) || providers.length === 0)
    throw new AdapterError(ADAPTER, 'invalid_config', 'Option "providers" must be a non-empty array.');
  const seen = new Set<string>();
  for (const [index, provider] of providers.entries()) {
    if (!provider || typeof provider.name !== 'string' || provider.name === '' || typeof provider.lookup !== 'function')
      throw new AdapterError(
        ADAPTER,
        'invalid_config',
        `providers[${index}] must be an EnrichmentProvider (a name and a lookup function).`,
      );
    if (seen.has(provider.name))
      throw new AdapterError(
        ADAPTER,
        'invalid_config',
        `providers[${index}]: the name "${provider.name}" is used twice.`,
      );
    seen.add(provider.name);
  }
  const buckets = new Map<string, TokenBucket>();
  for (const [name, limit] of Object.entries(options.rateLimits ?? {})) {
    if (!seen.has(name)) throw new AdapterError(ADAPTER, 'invalid_config', `rateLimits.${name} names no provider.`);
    const spec = typeof limit === 'number' ? { perSecond: limit } : limit;
    buckets.set(
      name,
      createTokenBucket({
        ...spec,
        ...(options.now ? { now: options.now } : {}),
        ...(options.sleep ? { sleep: options.sleep } : {}),
      }),
    );
  }
  const extraPersonal = new Set((options.personalDomains ?? []).map((d) => d.toLowerCase()));
  const cache = options.cache;

  async function ask(
    provider: EnrichmentProvider,
    query: EnrichmentQuery,
    fields: readonly EnrichmentField[],
  ): Promise<{ result: EnrichmentResult | null; cached: boolean }> {
    const key = `${provider.name}|${query.domain !== undefined ? `domain:${query.domain}` : `email:${query.email}`}`;
    const hit = cache ? await cache.get(key) : undefined;
    if (hit !== undefined) return { result: hit, cached: true };
    await buckets.get(provider.name)?.take();
    const result = await provider.lookup(query, { fields });
    if (cache) await cache.set(key, result);
    return { result, cached: false };
  }

  async function enrich(lead: Lead, enrichOptions: EnrichOptions = {}): Promise<EnrichLeadResult> {
    if (lead === null || typeof lead !== 'object' || typeof lead.id !== 'string' || lead.id === '')
      throw new AdapterError(ADAPTER, 'invalid_record', 'The lead must be an object with a non-empty string "id".');
    const wanted = enrichOptions.fields ?? ENRICHMENT_FIELDS;
    for (const field of wanted)
      if (!(ENRICHMENT_FIELDS as readonly string[]).includes(field))
        throw new AdapterError(
          ADAPTER,
          'invalid_option',
          `Unknown enrichment field "${String(field)}" (expected one of ${ENRICHMENT_FIELDS.join(', ')}).`,
        );
    for (const key of ['email', 'domain'] as const)
      if (lead[key] !== undefined && lead[key] !== null && typeof lead[key] !== 'string')
        throw new AdapterError(ADAPTER, 'invalid_record', `Lead "${lead.id}": field "${key}" must be a string.`);

    const attributes: Record<string, AttributeValue> = { ...(lead.attributes ?? {}) };
    const out: Lead = { ...lead };
    const skipped: EnrichmentSkip[] = [];
    let missing: EnrichmentField[] = [];
    for (const field of ENRICHMENT_FIELDS) {
      if (!wanted.includes(field)) continue;
      const target = ENRICHMENT_TARGETS[field];
      const current =
        target.on === 'lead' ? (lead as unknown as Record<string, unknown>)[target.key] : attributes[target.key];
      const marked = Object.hasOwn(attributes, `${target.key}__source`);
      if (!isEmpty(current)) skipped.push({ field, reason: marked ? 'already_enriched' : 'entered_by_person' });
      else if (marked || Object.hasOwn(attributes, `${target.key}__confidence`))
        skipped.push({ field, reason: 'entered_by_person' });
      else missing.push(field);
    }

    const query = queryOf(lead, extraPersonal);
    const changes: EnrichmentChange[] = [];
    const lookups: EnrichLeadResult['lookups'] = [];
    if (query !== null)
      for (const provider of providers) {
        if (missing.length === 0) break;
        const { result, cached } = await ask(provider, query, missing);
        lookups.push({ provider: provider.name, cached, matched: result !== null });
        if (result === null) continue;
        const still: EnrichmentField[] = [];
        for (const field of missing) {
          const found = result.fields?.[field] as EnrichedValue<unknown> | undefined;
          const value = found === undefined ? undefined : leadValue(found.value);
          const confidence = found?.confidence ?? Number.NaN;
          if (value === undefined || !(confidence >= 0 && confidence <= 1)) {
            still.push(field);
            continue;
          }
          const { on, key } = ENRICHMENT_TARGETS[field];
          if (on === 'lead') (out as unknown as Record<string, unknown>)[key] = value;
          else attributes[key] = value;
          attributes[`${key}__source`] = provider.name;
          attributes[`${key}__confidence`] = confidence;
          changes.push({ field, value, source: provider.name, confidence });
        }
        missing = still;
      }
    for (const field of missing) skipped.push({ field, reason: 'no_data' });
    if (changes.length > 0) out.attributes = attributes;
    return { lead: out, changes, skipped, lookups };
  }

  return { enrich };
}

/** The lookup key of a lead: its business domain, else its e-mail address; `null` when neither. */
function queryOf(lead: Lead, extraPersonal: ReadonlySet<string>): EnrichmentQuery | null {
  const email = normaliseEmail(lead.email);
  const candidates = [normaliseDomain(lead.domain), email ? (registrableDomain(email) ?? undefined) : undefined];
  for (const candidate of candidates) {
    if (candidate === undefined) continue;
    const domain = registrableDomain(candidate) ?? candidate;
    if (!isPersonalMailDomain(domain, extraPersonal) && !isPersonalMailDomain(candidate, extraPersonal))
      return { domain };
  }
  return email ? { email } : null;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** A provider value as a lead value: strings, finite numbers, lists joined; anything else is no data. */
function leadValue(value: unknown): string | number | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (Array.isArray(value)) {
    const items = value.filter((item): item is string => typeof item === 'string' && item.trim() !== '');
    return items.length > 0 ? items.join(', ') : undefined;
  }
  return undefined;
}
