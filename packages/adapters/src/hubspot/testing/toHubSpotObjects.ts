import type { Lead, Opportunity } from '@accord/core';
import { recordChangedAt } from '../../contract/_paging';
import { currencyExponent, resolveMapping, stageDateSources } from '../_hubspotRecords';
import type { HubSpotMappingInput, HubSpotObject } from '../hubspot.types';

/** Canonical records as the HubSpot objects a fake portal holds. */
export interface HubSpotSeed {
  contacts: HubSpotObject[];
  deals: HubSpotObject[];
  /** Deal id → associated contact ids / company ids. */
  dealContacts: Record<string, string[]>;
  dealCompanies: Record<string, string[]>;
}

const iso = (v: string | number) => new Date(typeof v === 'number' ? v : Date.parse(v)).toISOString();

/** Minor units as HubSpot's decimal text (`150000`, USD → `"1500.00"`), by moving digits. */
function decimalText(minor: number, exponent: number): string {
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  return exponent === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/**
 * @name toHubSpotObjects
 * @category Adapters
 * @summary The inverse of the HubSpot adapter's mapping: canonical leads and opportunities as contacts and deals.
 *
 * @description
 * For seeding a fake portal in tests. Each lead becomes a contact whose properties the adapter maps back
 * to the same lead (fields HubSpot has no place for, like a lead's `amount`, are left out); its
 * `lifecyclestage` is the one of its latest lifecycle stage. Each opportunity becomes a deal in the
 * `default` pipeline (`closedwon`, `closedlost`, else `appointmentscheduled`), associated with its leads
 * and account. `lastmodifieddate` is the latest instant the record carries.
 *
 * @example
 * const seed = toHubSpotObjects(generateSample({ leads: 50, seed: 1 }))
 */
export function toHubSpotObjects(
  data: { leads?: readonly Lead[]; opportunities?: readonly Opportunity[] },
  mappingInput: HubSpotMappingInput = {},
): HubSpotSeed {
  const mapping = resolveMapping(mappingInput);
  const sources = stageDateSources(mapping);
  const lifecycleByStage = new Map<string, string>();
  for (const [value, stage] of Object.entries(mapping.lifecyclestage))
    if (!lifecycleByStage.has(stage)) lifecycleByStage.set(stage, value);
  const contacts = (data.leads ?? []).map((lead): HubSpotObject => {
    const p: Record<string, string> = {
      createdate: iso(lead.createdAt),
      lastmodifieddate: new Date(recordChangedAt('leads', lead)).toISOString(),
    };
    const c = mapping.contact;
    for (const field of [
      'email',
      'company',
      'country',
      'domain',
      'ownerId',
      'teamId',
      'source',
      'campaignId',
      'segment',
      'region',
      'accountId',
    ] as const) {
      const property = c[field];
      const value = lead[field];
      if (property && value !== undefined) p[property] = value;
    }
    if (c.firstTouchAt && lead.firstTouchAt !== undefined) p[c.firstTouchAt] = iso(lead.firstTouchAt);
    if (c.touches && lead.touches !== undefined) p[c.touches] = String(lead.touches);
    for (const [name, source] of Object.entries(mapping.attributes)) {
      const value = lead.attributes?.[name];
      if (value !== undefined && value !== null)
        p[typeof source === 'string' ? source : source.property] = String(value);
    }
    let latest: { at: string; value: string } | undefined;
    for (const [stage, at] of Object.entries(lead.stageDates ?? {})) {
      const property = sources.get(stage)?.[0];
      if (property) p[property] = iso(at);
      const value = lifecycleByStage.get(stage);
      if (value !== undefined && (latest === undefined || iso(at) >= latest.at)) latest = { at: iso(at), value };
    }
    if (latest) p.lifecyclestage = latest.value;
    if (lead.disposition) {
      const d = mapping.disposition;
      p[d.reason] = lead.disposition.reasonId;
      p[d.at] = iso(lead.disposition.at);
      if (lead.disposition.by !== undefined) p[d.by] = lead.disposition.by;
      if (lead.disposition.detail !== undefined) p[d.detail] = lead.disposition.detail;
    }
    return { id: lead.id, properties: p, createdAt: p.createdate, updatedAt: p.lastmodifieddate, archived: false };
  });
  const dealContacts: Record<string, string[]> = {};
  const dealCompanies: Record<string, string[]> = {};
  const deals = (data.opportunities ?? []).map((o): HubSpotObject => {
    const stageValue =
      Object.entries(mapping.dealstage).find(([, stage]) => stage === o.stage)?.[0] ??
      (o.won === true ? 'closedwon' : o.won === false ? 'closedlost' : 'appointmentscheduled');
    const p: Record<string, string> = {
      createdate: iso(o.createdAt),
      hs_lastmodifieddate: new Date(recordChangedAt('opportunities', o)).toISOString(),
      dealname: `Deal ${o.id}`,
      pipeline: 'default',
      dealstage: stageValue,
      amount: decimalText(o.amount, currencyExponent(o.currency) ?? 2),
      [mapping.deal.currency]: o.currency,
    };
    if (o.closedAt !== undefined) p.closedate = iso(o.closedAt);
    if (mapping.deal.source && o.source !== undefined) p[mapping.deal.source] = o.source;
    if (o.leadIds) dealContacts[o.id] = [...o.leadIds];
    if (o.accountId) dealCompanies[o.id] = [o.accountId];
    return { id: o.id, properties: p, createdAt: p.createdate, updatedAt: p.hs_lastmodifieddate, archived: false };
  });
  return { contacts, deals, dealContacts, dealCompanies };
}
