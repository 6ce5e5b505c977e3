// Canonical records → Zoho CRM records (the JSON of /crm/v6/Leads and /crm/v6/Deals), through the inverse of
// a mapping: how the fake Zoho server is seeded.

import type { Lead, Opportunity } from '@accord/core';
import { TZDate } from '@date-fns/tz';
import { recordChangedAt } from '../../contract/_paging';
import type { ZohoDispositionFields } from '../_mapZoho';
import type { ZohoMapping } from '../defaultZohoMapping';

export type ZohoTables = Record<'Leads' | 'Deals', Record<string, unknown>[]>;

/** Epoch ms → Zoho's date-time text at a fixed offset in minutes (Zoho keeps seconds): `2026-03-02T09:30:00+05:30`. */
export function zohoDateTime(ms: number, offsetMinutes = 330): string {
  const wall = new Date(Math.floor(ms / 1000) * 1000 + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The day (YYYY-MM-DD) of an instant in a time zone. */
export function zohoDate(ms: number, timezone: string): string {
  const d = new TZDate(ms, timezone);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const firstKey = (map: Readonly<Record<string, string>>, value: string): string | undefined =>
  Object.entries(map).find(([, v]) => v === value)?.[0];

/**
 * Zoho records for canonical records: a Leads record per lead (Lead_Status = its latest lead-status stage, a
 * stage-date field per stage date, Created_Time at +05:30) and a Deals record per opportunity (Amount as a
 * decimal of the major unit, Closing_Date in the zone, the first lead id in `dealLeadField`).
 * `Modified_Time` is the latest instant the canonical record carries.
 */
export function toZohoRecords(
  data: { leads?: readonly Lead[]; opportunities?: readonly Opportunity[] },
  mapping: ZohoMapping,
  timezone: string,
  dispositionFields: ZohoDispositionFields,
  dealLeadField = 'Accord_Lead',
): ZohoTables {
  const t: ZohoTables = { Leads: [], Deals: [] };
  for (const l of data.leads ?? []) {
    const dated = Object.entries(l.stageDates ?? {})
      .map(([stage, at]) => ({ stage, ms: Date.parse(String(at)) }))
      .sort((a, b) => a.ms - b.ms);
    const withStatus = dated.filter((s) => firstKey(mapping.leadStatuses, s.stage) !== undefined);
    const current = withStatus.at(-1);
    const row: Record<string, unknown> = {
      id: l.id,
      Lead_Status: current ? firstKey(mapping.leadStatuses, current.stage) : null,
      Lead_Source: l.source ?? null,
      Owner: l.ownerId ? { name: l.ownerId, id: l.ownerId, email: `${l.ownerId}@example.com` } : null,
      Company: l.company ?? null,
      Email: l.email ?? null,
      Country: l.country ?? null,
      Industry: typeof l.attributes?.industry === 'string' ? l.attributes.industry : null,
      No_of_Employees: typeof l.attributes?.employees === 'number' ? l.attributes.employees : null,
      Created_Time: zohoDateTime(Date.parse(String(l.createdAt))),
      Modified_Time: zohoDateTime(recordChangedAt('leads', l), 0),
      [dispositionFields.reason]: l.disposition?.reasonId ?? null,
    };
    for (const field of Object.values(mapping.stageDateFields)) row[field] = null;
    for (const s of dated) {
      const field = mapping.stageDateFields[s.stage];
      if (field) row[field] = zohoDateTime(s.ms, -300);
    }
    if (dispositionFields.at)
      row[dispositionFields.at] = l.disposition ? zohoDateTime(Date.parse(String(l.disposition.at)), 0) : null;
    if (dispositionFields.by) row[dispositionFields.by] = l.disposition?.by ?? null;
    if (dispositionFields.detail) row[dispositionFields.detail] = l.disposition?.detail ?? null;
    t.Leads.push(row);
  }
  for (const o of data.opportunities ?? []) {
    const closeMs =
      o.closedAt !== undefined ? Date.parse(String(o.closedAt)) : Date.parse(String(o.createdAt)) + 30 * 86_400_000;
    const lead = o.leadIds?.[0];
    t.Deals.push({
      id: o.id,
      Stage: firstKey(mapping.dealStages, o.stage) ?? o.stage,
      Amount: o.amount / 100,
      Closing_Date: zohoDate(closeMs, timezone),
      Account_Name: o.accountId ? { name: `Account ${o.accountId}`, id: o.accountId } : null,
      Contact_Name: null,
      Lead_Source: o.source ?? null,
      Created_Time: zohoDateTime(Date.parse(String(o.createdAt))),
      Modified_Time: zohoDateTime(recordChangedAt('opportunities', o), 0),
      [dealLeadField]: lead ? { name: lead, id: lead } : null,
    });
  }
  return t;
}
