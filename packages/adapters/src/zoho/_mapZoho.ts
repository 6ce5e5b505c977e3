// Zoho CRM records (REST JSON of /crm/v6/Leads and /crm/v6/Deals) → canonical records. Pure functions: no
// I/O; problems become issues that name the record (`Leads/<id>`, `Deals/<id>`) and the Zoho field.

import {
  type AccordIssue,
  defaultErrorMap,
  type IssueDetail,
  type Lead,
  type LeadDisposition,
  type Opportunity,
} from '@accord/core';
import { TZDate } from '@date-fns/tz';
import type { ZohoMapping } from './defaultZohoMapping';

/** API names of the Lead fields holding a disposition (custom fields; `reason` required, the others optional). */
export interface ZohoDispositionFields {
  reason: string;
  at?: string;
  by?: string;
  detail?: string;
}

/** What the mappers need besides the record. */
export interface ZohoMapContext {
  mapping: ZohoMapping;
  /** Agreement time zone: Zoho `date` fields (Closing_Date) are days there. */
  timezone: string;
  /** ISO 4217 code of the org (single-currency orgs) and its minor-unit exponent. */
  currency: string;
  currencyDigits: number;
  dispositionFields: ZohoDispositionFields | null;
  /** API name of a Deal field (lookup or text) holding the id of the lead it came from; null: no `leadIds`. */
  dealLeadField: string | null;
}

export type ZohoRow = Record<string, unknown>;

/** Result of a mapper: the record, or the issues that stopped it. */
export type Mapped<T> = { record: T; issues?: undefined } | { record?: undefined; issues: AccordIssue[] };

class Problems {
  readonly issues: AccordIssue[] = [];
  constructor(
    private readonly module: string,
    private readonly id: string,
  ) {}
  add(field: string, detail: IssueDetail): void {
    const raw = { ...detail, path: [this.module, this.id, field] };
    this.issues.push({ ...raw, message: defaultErrorMap(raw) } as AccordIssue);
  }
}

const DATETIME = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d{1,9})?(Z|[+-]\d\d:\d\d)$/;
const DATE = /^(\d{4})-(\d\d)-(\d\d)$/;

/** A Zoho date-time (`2026-03-02T09:30:00+05:30`, the offset of the org's or user's zone) as epoch ms, or NaN. */
export function parseZohoDateTime(value: unknown): number {
  if (typeof value !== 'string') return Number.NaN;
  const m = DATETIME.exec(value);
  if (!m) return Number.NaN;
  const frac = m[2] ? m[2].slice(0, 4).padEnd(4, '0') : '';
  const ms = Date.parse(`${m[1]}${frac}${m[3]}`);
  // Date.parse rolls 2026-02-30 over; a round trip of the wall-clock part catches it.
  if (Number.isNaN(ms)) return ms;
  const offset =
    m[3] === 'Z' ? 0 : (m[3]?.startsWith('-') ? -1 : 1) * (Number(m[3]?.slice(1, 3)) * 60 + Number(m[3]?.slice(4)));
  const wall = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
  return wall === m[1] ? ms : Number.NaN;
}

/** Epoch ms → Zoho's date-time text in UTC (`2026-07-01T12:00:00+00:00`; Zoho keeps seconds). */
export function formatZohoDateTime(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}+00:00`;
}

/** Midnight of a Zoho `date` (`2026-03-31`) in a time zone, as epoch ms, or NaN. */
export function zohoDateStart(value: unknown, timezone: string): number {
  if (typeof value !== 'string') return Number.NaN;
  const m = DATE.exec(value);
  if (!m) return Number.NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new TZDate(y, mo - 1, d, timezone);
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return Number.NaN;
  return date.getTime();
}

/**
 * A currency amount (JSON number or decimal text) as minor units, exactly: the decimal digits are read as
 * text, so 1234.56 is 123456, never 123455.99999. More decimals than the currency has, a negative or an
 * unsafe value is null (an issue), never a rounding.
 */
export function decimalToMinor(value: unknown, digits: number): number | null {
  let textValue: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    textValue = String(value);
    if (/e/i.test(textValue)) {
      const scaled = value * 10 ** digits;
      return Number.isSafeInteger(scaled) && scaled >= 0 ? scaled : null;
    }
  } else if (typeof value === 'string') textValue = value.trim();
  else return null;
  const m = /^(\d+)(?:\.(\d+))?$/.exec(textValue);
  if (!m) return null;
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > digits) return null;
  const minor = Number((m[1] as string) + frac.padEnd(digits, '0'));
  return Number.isSafeInteger(minor) ? minor : null;
}

const iso = (ms: number) => new Date(ms).toISOString();
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const received = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
/** The `id` of a Zoho lookup (`{ name, id }`), or the text itself. */
export const lookupId = (v: unknown): string | undefined =>
  v !== null && typeof v === 'object' ? text((v as { id?: unknown }).id) : text(v);

function instant(p: Problems, row: ZohoRow, field: string, required: boolean): number | undefined {
  const value = row[field];
  if (value === null || value === undefined || value === '') {
    if (required) p.add(field, { code: 'invalid_type', expected: 'a date-time', received: received(value ?? null) });
    return undefined;
  }
  const ms = parseZohoDateTime(value);
  if (Number.isNaN(ms)) p.add(field, { code: 'invalid_instant', received: String(value).slice(0, 40) });
  return Number.isNaN(ms) ? undefined : ms;
}

function idOf(p: Problems, row: ZohoRow): string {
  const id = text(row.id);
  if (id === undefined) p.add('id', { code: 'invalid_type', expected: 'a record id', received: received(row.id) });
  return id ?? '';
}

const bad = (p: Problems) => (p.issues.length > 0 ? { issues: p.issues } : null);

/**
 * A Leads record → a canonical Lead. Stage dates come from the mapping's stage-date fields; the current
 * `Lead_Status` adds its stage at `Modified_Time` when no field dated it. `Lead_Source` → source,
 * `Owner.id` → ownerId, `Industry` / `No_of_Employees` → attributes `industry` / `employees`.
 */
export function mapZohoLead(row: ZohoRow, ctx: ZohoMapContext): Mapped<Lead> {
  const p = new Problems('Leads', String(row.id ?? ''));
  const id = idOf(p, row);
  const createdMs = instant(p, row, 'Created_Time', true);
  const stageDates: Record<string, number> = {};
  for (const [stage, field] of Object.entries(ctx.mapping.stageDateFields)) {
    const ms = instant(p, row, field, false);
    if (ms !== undefined) stageDates[stage] = ms;
  }
  const status = row.Lead_Status;
  if (status !== null && status !== undefined && status !== '-None-') {
    const stage = typeof status === 'string' ? ctx.mapping.leadStatuses[status] : undefined;
    if (stage === undefined)
      p.add('Lead_Status', { code: 'invalid_value', expected: Object.keys(ctx.mapping.leadStatuses) });
    else if (stageDates[stage] === undefined) {
      const modified = instant(p, row, 'Modified_Time', true);
      if (modified !== undefined) stageDates[stage] = modified;
    }
  }
  let disposition: LeadDisposition | undefined;
  const f = ctx.dispositionFields;
  if (f && text(row[f.reason]) !== undefined) {
    const at = (f.at ? instant(p, row, f.at, false) : undefined) ?? instant(p, row, 'Modified_Time', true);
    disposition = {
      reasonId: row[f.reason] as string,
      at: at === undefined ? '' : iso(at),
      ...(f.by && text(row[f.by]) !== undefined ? { by: row[f.by] as string } : {}),
      ...(f.detail && text(row[f.detail]) !== undefined ? { detail: row[f.detail] as string } : {}),
    };
  }
  const employees = row.No_of_Employees;
  if (employees !== null && employees !== undefined && !(typeof employees === 'number' && Number.isFinite(employees)))
    p.add('No_of_Employees', { code: 'invalid_type', expected: 'a number', received: received(employees) });
  const problems = bad(p);
  if (problems) return problems;
  const attributes: Record<string, string | number> = {};
  if (text(row.Industry)) attributes.industry = row.Industry as string;
  if (typeof employees === 'number') attributes.employees = employees;
  const ownerId = lookupId(row.Owner);
  const lead: Lead = {
    id,
    createdAt: iso(createdMs as number),
    ...(text(row.Lead_Source) ? { source: row.Lead_Source as string } : {}),
    ...(ownerId ? { ownerId } : {}),
    ...(text(row.Email) ? { email: row.Email as string } : {}),
    ...(text(row.Company) ? { company: row.Company as string } : {}),
    ...(text(row.Country) ? { country: row.Country as string } : {}),
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
    stageDates: Object.fromEntries(
      Object.entries(stageDates)
        .sort((a, b) => a[1] - b[1])
        .map(([stage, ms]) => [stage, iso(ms)]),
    ),
    ...(disposition ? { disposition } : {}),
  };
  return { record: lead };
}

/**
 * A Deals record → a canonical Opportunity. `Amount` becomes minor units exactly; `Stage` maps through the
 * mapping; a won or lost deal gets `closedAt` = its `Closing_Date` at midnight in the agreement's time zone.
 * `Account_Name.id` → accountId, the `dealLeadField` → leadIds. `Contact_Name` names a contact, not a lead,
 * and canonical opportunities carry no attributes: it is not read.
 */
export function mapZohoDeal(row: ZohoRow, ctx: ZohoMapContext): Mapped<Opportunity> {
  const p = new Problems('Deals', String(row.id ?? ''));
  const id = idOf(p, row);
  const createdMs = instant(p, row, 'Created_Time', true);
  const amount = decimalToMinor(row.Amount, ctx.currencyDigits);
  if (row.Amount === null || row.Amount === undefined)
    p.add('Amount', { code: 'invalid_type', expected: 'a number', received: received(row.Amount ?? null) });
  else if (amount === null)
    p.add('Amount', {
      code: 'invalid_argument',
      detail: `an amount of ${ctx.currency} with at most ${ctx.currencyDigits} decimals, 0 or more`,
    });
  const m = ctx.mapping;
  const stage = typeof row.Stage === 'string' ? m.dealStages[row.Stage] : undefined;
  if (stage === undefined) p.add('Stage', { code: 'invalid_value', expected: Object.keys(m.dealStages) });
  let closedMs: number | undefined;
  if (stage === m.wonStage || stage === m.lostStage) {
    closedMs = zohoDateStart(row.Closing_Date, ctx.timezone);
    if (Number.isNaN(closedMs)) {
      p.add('Closing_Date', { code: 'invalid_format', format: 'date', received: String(row.Closing_Date) });
      closedMs = undefined;
    }
  }
  const problems = bad(p);
  if (problems) return problems;
  const accountId = lookupId(row.Account_Name);
  const leadId = ctx.dealLeadField ? lookupId(row[ctx.dealLeadField]) : undefined;
  return {
    record: {
      id,
      ...(accountId ? { accountId } : {}),
      ...(leadId ? { leadIds: [leadId] } : {}),
      createdAt: iso(createdMs as number),
      stage: stage as string,
      amount: amount as number,
      currency: ctx.currency,
      ...(closedMs !== undefined ? { closedAt: iso(closedMs), won: stage === m.wonStage } : {}),
      ...(text(row.Lead_Source) ? { source: row.Lead_Source as string } : {}),
    },
  };
}
