// Canonical records → Salesforce rows, through the inverse of a mapping: how the fake org is seeded.

import type { Lead, Opportunity, Touchpoint } from '@accord/core';
import { TZDate } from '@date-fns/tz';
import { recordChangedAt } from '../../contract/_paging';
import type { SalesforceMapping } from '../defaultSalesforceMapping';

export type SfTables = Record<
  'Lead' | 'LeadHistory' | 'Opportunity' | 'Campaign' | 'CampaignMember',
  Record<string, unknown>[]
>;

/** Epoch ms → Salesforce's dateTime text (`2026-06-19T06:38:10.000+0000`). */
export const sfDateTime = (ms: number): string => new Date(ms).toISOString().replace('Z', '+0000');

/** The day (YYYY-MM-DD) of an instant in a time zone. */
export function sfDate(ms: number, timezone: string): string {
  const d = new TZDate(ms, timezone);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const firstKey = (map: Readonly<Record<string, string>>, value: string): string | undefined =>
  Object.entries(map).find(([, v]) => v === value)?.[0];

/** Input of {@link toSalesforceRecords}. */
export interface CanonicalInput {
  leads?: readonly Lead[];
  opportunities?: readonly Opportunity[];
  touchpoints?: readonly Touchpoint[];
}

/**
 * Salesforce rows for canonical records: a Lead per lead (Status = its latest lead-status stage, one
 * LeadHistory row per later stage, converted into the opportunity that lists it), an Opportunity per
 * opportunity, a Campaign per campaign (or per channel when a touchpoint has none) and a CampaignMember
 * per touchpoint. `LastModifiedDate` is the latest instant the canonical record carries.
 */
export function toSalesforceRecords(
  data: CanonicalInput,
  mapping: SalesforceMapping,
  timezone: string,
  dispositionFields = {
    reason: 'Accord_Reject_Reason__c',
    at: 'Accord_Disposition_At__c',
    by: 'Accord_Disposition_By__c',
    detail: 'Accord_Disposition_Detail__c',
  },
): SfTables {
  const t: SfTables = { Lead: [], LeadHistory: [], Opportunity: [], Campaign: [], CampaignMember: [] };
  const oppOfLead = new Map<string, Opportunity>();
  for (const o of data.opportunities ?? []) {
    for (const id of o.leadIds ?? []) oppOfLead.set(id, o);
    const closed = o.closedAt !== undefined || o.won !== undefined;
    const closeMs =
      o.closedAt !== undefined ? Date.parse(String(o.closedAt)) : Date.parse(String(o.createdAt)) + 30 * 86_400_000;
    t.Opportunity.push({
      Id: o.id,
      StageName: firstKey(mapping.opportunityStages, o.stage) ?? o.stage,
      Amount: o.amount / 100,
      CloseDate: sfDate(closeMs, timezone),
      IsClosed: closed,
      IsWon: o.won === true,
      CreatedDate: sfDateTime(Date.parse(String(o.createdAt))),
      AccountId: o.accountId ?? null,
      LeadSource: o.source ?? null,
      LastModifiedDate: sfDateTime(recordChangedAt('opportunities', o)),
    });
  }
  let historyId = 0;
  for (const l of data.leads ?? []) {
    const statusStages = Object.entries(l.stageDates ?? {})
      .map(([stage, at]) => ({ status: firstKey(mapping.leadStatuses, stage), ms: Date.parse(String(at)) }))
      .filter((s): s is { status: string; ms: number } => s.status !== undefined)
      .sort((a, b) => a.ms - b.ms);
    const initial = statusStages[0]?.status ?? (firstKey(mapping.leadStatuses, 'inquiry') as string);
    let previous = initial;
    for (const s of statusStages.slice(1)) {
      t.LeadHistory.push({
        Id: `017H${String(++historyId).padStart(8, '0')}`,
        LeadId: l.id,
        Field: 'Status',
        OldValue: previous,
        NewValue: s.status,
        CreatedDate: sfDateTime(s.ms),
      });
      previous = s.status;
    }
    const opp = oppOfLead.get(l.id);
    t.Lead.push({
      Id: l.id,
      Status: previous,
      LeadSource: l.source ?? null,
      OwnerId: l.ownerId ?? null,
      IsConverted: opp !== undefined,
      ConvertedDate: opp ? sfDate(Date.parse(String(opp.createdAt)), timezone) : null,
      ConvertedOpportunityId: opp?.id ?? null,
      CreatedDate: sfDateTime(Date.parse(String(l.createdAt))),
      Email: l.email ?? null,
      Company: l.company ?? null,
      Country: l.country ?? null,
      LastModifiedDate: sfDateTime(recordChangedAt('leads', l)),
      [dispositionFields.reason]: l.disposition?.reasonId ?? null,
      [dispositionFields.at]: l.disposition ? sfDateTime(Date.parse(String(l.disposition.at))) : null,
      [dispositionFields.by]: l.disposition?.by ?? null,
      [dispositionFields.detail]: l.disposition?.detail ?? null,
    });
  }
  const campaigns = new Map<string, Record<string, unknown>>();
  for (const tp of data.touchpoints ?? []) {
    const campaignId = tp.campaignId ?? `701${tp.channel}`;
    if (!campaigns.has(campaignId))
      campaigns.set(campaignId, {
        Id: campaignId,
        Name: campaignId,
        Type: firstKey(mapping.campaignTypes, tp.channel) ?? tp.channel,
      });
    t.CampaignMember.push({
      Id: tp.id,
      CampaignId: campaignId,
      LeadId: tp.leadId ?? null,
      FirstRespondedDate: null,
      CreatedDate: sfDateTime(Date.parse(String(tp.at))),
      LastModifiedDate: sfDateTime(recordChangedAt('touchpoints', tp)),
    });
  }
  t.Campaign.push(...campaigns.values());
  return t;
}
