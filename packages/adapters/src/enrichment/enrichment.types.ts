// The contract of lead enrichment: one provider interface (Apollo, ZoomInfo, Lusha implement it),
// a cache and the orchestrator `createEnrichment` (fallback order, cache, per-provider rate limits).
import type { Lead } from '@accord/core';
import type { CrmHttpOptions } from '../crm/crm.types';

/** The firmographic fields a provider may fill. */
export type EnrichmentField =
  | 'company'
  | 'domain'
  | 'industry'
  | 'employees'
  | 'employeeRange'
  | 'country'
  | 'revenue'
  | 'revenueRange'
  | 'technologies';

/** One value found by a provider: how sure it is (0–1) and who said so. */
export interface EnrichedValue<T> {
  value: T;
  /** 0–1. Vendors that publish no per-field score get the provider's configured prior (see each provider). */
  confidence: number;
  /** The provider's `name`. */
  source: string;
}

/** The firmographics a provider found. A field the vendor did not return is absent, never guessed. */
export interface EnrichmentFirmographics {
  company?: EnrichedValue<string>;
  /** Registrable domain, lower case, no `www.`. */
  domain?: EnrichedValue<string>;
  industry?: EnrichedValue<string>;
  /** Head count (a number the vendor gave, not the middle of a range). */
  employees?: EnrichedValue<number>;
  /** Head-count band as the vendor writes it (`"51-200"`). */
  employeeRange?: EnrichedValue<string>;
  /** Country as the vendor writes it (name or ISO code). */
  country?: EnrichedValue<string>;
  /** Annual revenue in whole US dollars. */
  revenue?: EnrichedValue<number>;
  /** Revenue band as the vendor writes it (ZoomInfo `"$10 mil. - $25 mil."`, Lusha `"10000000-50000000"`). */
  revenueRange?: EnrichedValue<string>;
  technologies?: EnrichedValue<string[]>;
}

/** A provider's answer for one query. */
export interface EnrichmentResult {
  /** The provider's `name`. */
  provider: string;
  /** The vendor's id of the matched company (or person), when it gave one. */
  recordId?: string;
  fields: EnrichmentFirmographics;
}

/** What to look up: a company domain and/or an e-mail address. */
export interface EnrichmentQuery {
  email?: string;
  domain?: string;
}

/** Per-call options of a lookup. */
export interface EnrichmentLookupOptions {
  /** The fields still wanted (a provider may ask its API for just those). Default all. */
  fields?: readonly EnrichmentField[];
}

/**
 * A firmographics source. `lookup` resolves `null` when the vendor has no match (not an error) or when
 * it cannot search by what the query holds (e.g. a domain-only API given only an e-mail address).
 * Failures are `AdapterError`s (`invalid_config` for a refused key, `rate_limited`, `unavailable`,
 * `timeout` after the HTTP client's retries) with the key redacted.
 */
export interface EnrichmentProvider {
  /** Stable name, used as `source` and as the key of `rateLimits` (`apollo`, `zoominfo`, `lusha`). */
  readonly name: string;
  lookup(query: EnrichmentQuery, options?: EnrichmentLookupOptions): Promise<EnrichmentResult | null>;
}

/**
 * Where lookups are remembered. Keys are built by `createEnrichment` (`<provider>|domain:<domain>` or
 * `<provider>|email:<email>`, normalised). `null` is a remembered no-match; `undefined` a miss.
 */
export interface EnrichmentCache {
  get(key: string): Promise<EnrichmentResult | null | undefined>;
  set(key: string, value: EnrichmentResult | null): Promise<void>;
}

/** Options of the memory cache. */
export interface MemoryEnrichmentCacheOptions {
  /** How long an entry lives, in ms (default 7 days). */
  ttlMs?: number;
  /** Entries kept at most; the oldest is dropped first (default 10 000). */
  maxEntries?: number;
  /** Clock in epoch ms (default Date.now). */
  now?: () => number;
}

/** The HTTP knobs a provider passes to `createCrmHttpClient` (tests inject clock and sleep). */
export type EnrichmentHttpOptions = Pick<
  CrmHttpOptions,
  'timeoutMs' | 'retries' | 'baseDelayMs' | 'maxDelayMs' | 'sleep' | 'random' | 'now'
>;

/** What every vendor provider is built from. */
export interface EnrichmentProviderOptions {
  /** The API key or token. Never logged; redacted from every error. */
  apiKey: string;
  /** API origin (default the vendor's https origin); http only on loopback, for tests. */
  baseUrl?: string;
  fetch?: typeof fetch;
  http?: EnrichmentHttpOptions;
}

/** What `createEnrichment` is built from. */
export interface EnrichmentOptions {
  /** Providers in fallback order: each is asked only for the fields still missing after the previous ones. */
  providers: readonly EnrichmentProvider[];
  /** Remembers answers (and no-matches) so a repeated lookup makes no request. */
  cache?: EnrichmentCache;
  /** Requests per second allowed per provider name (a token bucket each). Absent: unlimited. */
  rateLimits?: Readonly<Record<string, number | { perSecond: number; burst?: number }>>;
  /** Personal mail domains to add to the built-in list (gmail.com, yahoo.co.uk…): never looked up by domain. */
  personalDomains?: readonly string[];
  /** Clock in epoch ms for the token buckets (default Date.now). */
  now?: () => number;
  /** Waits for a token (default setTimeout). */
  sleep?: (ms: number) => Promise<void>;
}

/** Per-call options of `enrich`. */
export interface EnrichOptions {
  /** The fields wanted (default all of {@link EnrichmentField}). */
  fields?: readonly EnrichmentField[];
}

/** One field set by enrichment. */
export interface EnrichmentChange {
  field: EnrichmentField;
  /** The value written to the lead (technologies joined with `", "`). */
  value: string | number;
  source: string;
  confidence: number;
}

/**
 * Why a wanted field was not set: `entered_by_person` (the lead already has a value no provider put
 * there; it is never overwritten), `already_enriched` (a value an earlier enrichment wrote, marked
 * `<field>__source`; not re-asked), `no_data` (no provider returned it).
 */
export interface EnrichmentSkip {
  field: EnrichmentField;
  reason: 'entered_by_person' | 'already_enriched' | 'no_data';
}

/** What `enrich` returns. The input lead is never mutated. */
export interface EnrichLeadResult {
  lead: Lead;
  changes: EnrichmentChange[];
  skipped: EnrichmentSkip[];
  /** Providers asked, in order, and whether the answer came from the cache. */
  lookups: { provider: string; cached: boolean; matched: boolean }[];
}

/** The enrichment service. */
export interface Enrichment {
  enrich(lead: Lead, options?: EnrichOptions): Promise<EnrichLeadResult>;
}
