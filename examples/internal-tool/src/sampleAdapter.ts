import {
  type Activity,
  type Agreement,
  applyDisposition,
  formatIssues,
  type Lead,
  type LeadDisposition,
  type Opportunity,
  type Spend,
  type Touchpoint,
} from '@accord/core';
import type { AccordAdapter, AccordListOptions, AccordPage } from '@accord/react';

/** The records a {@link createSampleAdapter} serves. */
export interface SampleAdapterData {
  leads: readonly Lead[];
  activities: readonly Activity[];
  touchpoints: readonly Touchpoint[];
  opportunities: readonly Opportunity[];
  spend: readonly Spend[];
}

function page<T>(records: readonly T[], options: AccordListOptions = {}): AccordPage<T> {
  const limit = options.limit ?? 1000;
  const start = options.cursor ? Number(options.cursor) : 0;
  const end = Math.min(records.length, start + limit);
  return { records: records.slice(start, end), nextCursor: end < records.length ? String(end) : null };
}

/**
 * A browser-safe Accord adapter over arrays. It pages through the records it was given and records
 * every disposition in its own copy of the leads as a CRM's workflow would: `applyDisposition` checks
 * it against the agreement, stores it and moves the lead to the reason's stage (recycled,
 * disqualified…), so a rejection persists for the session (until a reload) and the lead's SLA clocks
 * stop. A real internal tool would put its CRM's API or its warehouse behind the same methods.
 *
 * @example
 * const adapter = createSampleAdapter(generateSample({ leads: 1000, seed: 1 }), defaultAgreement);
 */
export function createSampleAdapter(
  data: SampleAdapterData,
  agreement: Agreement,
  name = 'revenue-desk-sample',
): AccordAdapter {
  const leads = [...data.leads];
  const index = new Map(leads.map((lead, i) => [lead.id, i] as const));
  return {
    name,
    capabilities: {
      lists: { leads: true, activities: true, touchpoints: true, opportunities: true, spend: true },
      writeDisposition: true,
      runScorecard: false,
    },
    listLeads: async (o) => page(leads, o),
    listActivities: async (o) => page(data.activities, o),
    listTouchpoints: async (o) => page(data.touchpoints, o),
    listOpportunities: async (o) => page(data.opportunities, o),
    listSpend: async (o) => page(data.spend, o),
    async writeDisposition(leadId: string, disposition: LeadDisposition) {
      const i = index.get(leadId);
      if (i === undefined) throw new Error(`[accord] [${name}] No lead with id "${leadId}".`);
      const result = applyDisposition(leads[i] as Lead, disposition, agreement);
      if (!result.ok)
        throw new Error(`[accord] [${name}] Lead "${leadId}" was not updated:\n${formatIssues(result.issues)}`);
      leads[i] = result.lead;
    },
  };
}
