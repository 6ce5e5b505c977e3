// A minimal AccordAdapter over arrays, for pages bundled for the browser (the memory adapter in
// @accord/adapters also carries the CSV and SQL code, which is not meant for a browser bundle).
import type { Activity, Lead, LeadDisposition, Opportunity, Spend, Touchpoint } from '@accord/core';
import type { AccordAdapter, AccordListOptions, AccordPage } from '../provider/adapter.types';

export interface ArrayAdapterData {
  leads?: Lead[];
  activities?: Activity[];
  touchpoints?: Touchpoint[];
  opportunities?: Opportunity[];
  spend?: Spend[];
}

function page<T>(records: readonly T[], options: AccordListOptions = {}): AccordPage<T> {
  const limit = options.limit ?? 1000;
  const start = options.cursor ? Number(options.cursor) : 0;
  const end = Math.min(records.length, start + limit);
  return { records: records.slice(start, end), nextCursor: end < records.length ? String(end) : null };
}

export function createArrayAdapter(data: ArrayAdapterData, name = 'array'): AccordAdapter {
  const leads = [...(data.leads ?? [])];
  return {
    name,
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
    async writeDisposition(leadId: string, disposition: LeadDisposition) {
      const i = leads.findIndex((l) => l.id === leadId);
      if (i < 0) throw new Error(`[accord] [${name}] no lead ${leadId}`);
      leads[i] = { ...(leads[i] as Lead), disposition };
    },
  };
}
