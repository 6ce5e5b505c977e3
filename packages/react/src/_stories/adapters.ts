// Story adapters: small AccordAdapters over arrays for every data state a story needs. Never published
// (package.json "files" excludes src/_stories). Browser-safe: no CSV or SQL code, unlike the memory
// adapter in @accord/adapters.
import type { Activity, Lead, LeadDisposition, Opportunity, Spend, Touchpoint } from '@accord/core';
import type { AccordAdapter, AccordListOptions, AccordPage } from '../provider/adapter.types';
import { crmLeads } from './crm';
import { openMqls } from './openMqls';
import { sample } from './sample';

/** Records a story adapter lists. */
export interface StoryAdapterData {
  leads?: readonly Lead[];
  activities?: readonly Activity[];
  touchpoints?: readonly Touchpoint[];
  opportunities?: readonly Opportunity[];
  spend?: readonly Spend[];
}

/** A write a story adapter recorded, so a play function can check what was (not) written. */
export interface StoryWrite {
  leadId: string;
  disposition: LeadDisposition;
}

/** An adapter for stories: an {@link AccordAdapter} plus the log of its writes. */
export interface StoryAdapter extends AccordAdapter {
  readonly writes: readonly StoryWrite[];
}

/** The data variants `parameters.accord.adapter` accepts by name. */
export type StoryAdapterVariant = 'sample' | 'empty' | 'failing' | 'loading' | 'large' | 'crm';

/**
 * The error a failing story adapter rejects with: shaped like `@accord/adapters`' `AdapterError`
 * (`name`, `adapter`, `code`, message prefixed with the adapter's name).
 */
export class StoryAdapterError extends Error {
  override readonly name = 'AdapterError';
  readonly adapter: string;
  readonly code: 'unavailable';
  constructor(adapter: string, message: string) {
    super(`${adapter}: ${message}`);
    this.adapter = adapter;
    this.code = 'unavailable';
  }
}

function page<T>(records: readonly T[], options: AccordListOptions = {}): AccordPage<T> {
  const limit = options.limit ?? 1000;
  const start = options.cursor ? Number(options.cursor) : 0;
  const end = Math.min(records.length, start + limit);
  return { records: records.slice(start, end), nextCursor: end < records.length ? String(end) : null };
}

/**
 * @name createStoryAdapter
 * @category Stories
 * @summary An adapter over arrays that records its disposition writes (a fresh copy of the leads per adapter).
 *
 * @example
 * const adapter = createStoryAdapter({ leads: sample.leads, activities: sample.activities }, 'sample');
 */
export function createStoryAdapter(data: StoryAdapterData, name = 'story'): StoryAdapter {
  const leads = [...(data.leads ?? [])];
  const writes: StoryWrite[] = [];
  return {
    name,
    writes,
    capabilities: {
      lists: { leads: true, activities: true, touchpoints: true, opportunities: true, spend: true },
      writeDisposition: true,
      runScorecard: false,
    },
    listLeads: async (o) => page(leads, o),
    listActivities: async (o) => page(data.activities ?? [], o),
    listTouchpoints: async (o) => page(data.touchpoints ?? [], o),
    listOpportunities: async (o) => page(data.opportunities ?? [], o),
    listSpend: async (o) => page(data.spend ?? [], o),
    async writeDisposition(leadId, disposition) {
      const i = leads.findIndex((l) => l.id === leadId);
      if (i < 0) throw new StoryAdapterError(name, `no lead with id "${leadId}"`);
      writes.push({ leadId, disposition });
      leads[i] = { ...(leads[i] as Lead), disposition };
    },
  };
}

/** An adapter whose every list call rejects with a {@link StoryAdapterError} (the widgets' Error state). */
export function createFailingAdapter(name = 'story-failing'): StoryAdapter {
  const fail = async (): Promise<never> => {
    throw new StoryAdapterError(name, 'the CRM did not answer (HTTP 503 Service Unavailable). Try again later.');
  };
  return {
    ...createStoryAdapter({}, name),
    listLeads: fail,
    listActivities: fail,
    listTouchpoints: fail,
    listOpportunities: fail,
    listSpend: fail,
    writeDisposition: fail,
  };
}

/** An adapter whose list calls never settle (the widgets' Loading state). */
export function createPendingAdapter(name = 'story-loading'): StoryAdapter {
  const never = (): Promise<never> => new Promise<never>(() => {});
  return {
    ...createStoryAdapter({}, name),
    listLeads: never,
    listActivities: never,
    listTouchpoints: never,
    listOpportunities: never,
    listSpend: never,
  };
}

/** The seeded sample (500 leads, seed 1) with all its records. */
export function createSampleAdapter(name = 'story-sample'): StoryAdapter {
  return createStoryAdapter(sample, name);
}

/** 10,000 MQLs with open SLA clocks (see {@link openMqls}). */
export function createLargeAdapter(name = 'story-large'): StoryAdapter {
  return createStoryAdapter({ leads: openMqls(10_000) }, name);
}

/**
 * @name createVariantAdapter
 * @category Stories
 * @summary A fresh adapter for one of the named data variants of `parameters.accord.adapter`.
 *
 * @example
 * const adapter = createVariantAdapter('failing');
 */
export function createVariantAdapter(variant: StoryAdapterVariant): StoryAdapter {
  switch (variant) {
    case 'sample':
      return createSampleAdapter();
    case 'empty':
      return createStoryAdapter({}, 'story-empty');
    case 'failing':
      return createFailingAdapter();
    case 'loading':
      return createPendingAdapter();
    case 'large':
      return createLargeAdapter();
    case 'crm':
      return createStoryAdapter({ leads: crmLeads }, 'story-crm');
  }
}
