// Salesforce rows (SOQL JSON) → canonical records. Pure functions: no I/O; problems become issues that
// name the record (by its Salesforce Id) and the Salesforce field.

import {
  type AccordIssue,
  defaultErrorMap,
  type IssueDetail,
  type Lead,
  type LeadDisposition,
  type Opportunity,
  type Touchpoint,
} from '@accord/core';
import { TZDate } from '@date-fns/tz';
import type { SalesforceMapping } from './defaultSalesforceMapping';

/** Field names of the disposition on Lead (custom fields; `reason` is required, the others optional). */
export interface DispositionFields {
  reason: string;
  at?: string;
  by?: string;
  detail?: string;
}

/** What the mappers need besides the row. */
export interface MapContext {
  mapping: SalesforceMapping;
  /** Agreement time zone: Salesforce `date` fields (CloseDate, ConvertedDate) are days there. */
  timezone: string;
  /** ISO 4217 code of the org (single-currency orgs) and its minor-unit exponent. */
  currency: string;
  currencyDigits: number;
  dispositionFields: DispositionFields | null;
  /** How a touchpoint's time is read: CampaignMember `CreatedDate`, or `FirstRespondedDate` when set. */
  touchpointTime: 'created' | 'firstResponded';
}

export type SfRow = Record<string, unknown>;

/** One LeadHistory row for `Field = 'Status'`. */
export interface StatusChange {
  OldValue: unknown;
  NewValue: unknown;
  CreatedDate: unknown;
}

class Problems {
  readonly issues: AccordIssue[] = [];
  constructor(
    private readonly kind: string,
    private readonly id: string,
  ) {}
  add(field: string, detail: IssueDetail): void {
    const raw = { ...detail, path: [this.kind, this.id, field] };
    this.issues.push({ ...raw, message: defaultErrorMap(raw) } as AccordIssue);
  }
}

const SF_DATETIME = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?)(Z|[+-]\d\d:?\d\d)$/;
const SF_DATE = /^(\d{4})-(\d\d)-(\d\d)$/;

/** A Salesforce dateTime (`2026-06-19T06:38:10.000+0000`) as epoch ms, or NaN. */
export function parseSfDateTime(value: unknown): number {
  if (typeof value !== 'string') return Number.NaN;
  const m = SF_DATETIME.exec(value);
  if (!m) return Number.NaN;
  const zone = m[2] === 'Z' ? 'Z' : `${(m[2] as string).slice(0, 3)}:${(m[2] as string).slice(-2)}`;
  const ms = Date.parse(`${(m[1] as string).replace(/(\.\d{3})\d+$/, '$1')}${zone}`);
  return ms;
}

/** Midnight of a Salesforce `date` (`2024-02-29`) in a time zone, as epoch ms, or NaN. */
export function sfDateStart(value: unknown, timezone: string): number {
  if (typeof value !== 'string') return Number.NaN;
  const m = SF_DATE.exec(value);
  if (!m) return Number.NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new TZDate(y, mo - 1, d, timezone);
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return Number.NaN;
  return date.getTime();
}

const iso = (ms: number) => new Date(ms).toISOString();
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function instant(p: Problems, row: SfRow, field: string, required: boolean): number | undefined {
  const value = row[field];
  if (value === null || value === undefined) {
    if (required) p.add(field, { code: 'invalid_type', expected: 'a dateTime', received: 'null' });
    return undefined;
  }
  const ms = parseSfDateTime(value);
  if (Number.isNaN(ms)) p.add(field, { code: 'invalid_instant', received: String(value).slice(0, 40) });
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * A currency amount as minor units, exactly: the JSON number's decimal digits are read as text, so
 * 1234.56 is 123456 and never 123455.99999. More decimals than the currency has is an issue, not a rounding.
 */
export function toMinorUnits(value: number, digits: number): number | null {
  if (!Number.isFinite(value) || value < 0) return null;
  const textValue = String(value);
  if (/e/i.test(textValue)) {
    const scaled = value * 10 ** digits;
    return Number.isSafeInteger(scaled) ? scaled : null;
  }
  const [whole = '0', frac = ''] = textValue.split('.');
  if (frac.length > digits) return null;
  const minor = Number(whole + frac.padEnd(digits, '0'));
  return Number.isSafeInteger(minor) ? minor : null;
}

const mergeIssues = (p: Problems) => (p.issues.length > 0 ? { issues: p.issues } : null);

/** Result of a mapper: the record, or the issues that stopped it. */
export type Mapped<T> = { record: T; issues?: undefined } | { record?: undefined; issues: AccordIssue[] };

/**
 * A Lead row (with its `ConvertedOpportunity` fields) and its Status history → a canonical Lead.
 * Stage dates: the initial status at `CreatedDate` (the first change's OldValue, or the current Status
 * when nothing changed), each change at its `CreatedDate`; a stage keeps its first date. The converted
 * opportunity adds `opportunity` (its CreatedDate) and, once closed, the won or lost stage (its CloseDate
 * at midnight in the agreement's time zone).
 */
export function mapLead(row: SfRow, history: readonly StatusChange[], ctx: MapContext): Mapped<Lead> {
  const id = text(row.Id) ?? '';
  const p = new Problems('Lead', id);
  if (id === '') p.add('Id', { code: 'invalid_type', expected: 'an Id', received: typeof row.Id });
  const createdMs = instant(p, row, 'CreatedDate', true);
  const stageOf = (status: unknown, field: string): string | undefined => {
    if (typeof status !== 'string') {
      p.add(field, {
        code: 'invalid_type',
        expected: 'a Lead Status',
        received: status === null ? 'null' : typeof status,
      });
      return undefined;
    }
    const stage = ctx.mapping.leadStatuses[status];
    if (stage === undefined) p.add(field, { code: 'invalid_value', expected: Object.keys(ctx.mapping.leadStatuses) });
    return stage;
  };
  const stageDates: Record<string, number> = {};
  const enter = (stage: string | undefined, ms: number | undefined) => {
    if (stage === undefined || ms === undefined) return;
    const before = stageDates[stage];
    if (before === undefined || ms < before) stageDates[stage] = ms;
  };
  const changes = [...history]
    .map((h, i) => ({ h, ms: parseSfDateTime(h.CreatedDate), i }))
    .sort((a, b) => a.ms - b.ms || a.i - b.i);
  const first = changes[0];
  enter(stageOf(first ? first.h.OldValue : row.Status, first ? 'LeadHistory.OldValue' : 'Status'), createdMs);
  for (const { h, ms } of changes) {
    if (Number.isNaN(ms))
      p.add('LeadHistory.CreatedDate', { code: 'invalid_instant', received: String(h.CreatedDate) });
    else enter(stageOf(h.NewValue, 'LeadHistory.NewValue'), ms);
  }
  // The current Status is authoritative even when history tracking started late.
  const current = stageOf(row.Status, 'Status');
  if (current !== undefined && stageDates[current] === undefined) {
    const converted = row.IsConverted === true ? sfDateStart(row.ConvertedDate, ctx.timezone) : Number.NaN;
    enter(current, Number.isNaN(converted) ? instant(p, row, 'LastModifiedDate', true) : converted);
  }
  const opp = row.ConvertedOpportunity as SfRow | null | undefined;
  if (opp && typeof opp === 'object') {
    enter(ctx.mapping.openStage, instant(p, opp, 'CreatedDate', false));
    if (opp.IsClosed === true) {
      const close = sfDateStart(opp.CloseDate, ctx.timezone);
      if (Number.isNaN(close))
        p.add('ConvertedOpportunity.CloseDate', {
          code: 'invalid_format',
          format: 'date',
          received: String(opp.CloseDate),
        });
      else enter(opp.IsWon === true ? ctx.mapping.wonStage : ctx.mapping.lostStage, close);
    }
  }
  let disposition: LeadDisposition | undefined;
  const f = ctx.dispositionFields;
  if (f && text(row[f.reason]) !== undefined) {
    const atMs = f.at ? instant(p, row, f.at, false) : undefined;
    const fallback = atMs ?? instant(p, row, 'LastModifiedDate', true);
    disposition = {
      reasonId: row[f.reason] as string,
      at: fallback === undefined ? '' : iso(fallback),
      ...(f.by && text(row[f.by]) !== undefined ? { by: row[f.by] as string } : {}),
      ...(f.detail && text(row[f.detail]) !== undefined ? { detail: row[f.detail] as string } : {}),
    };
  }
  const bad = mergeIssues(p);
  if (bad) return bad;
  const lead: Lead = {
    id,
    createdAt: iso(createdMs as number),
    ...(text(row.LeadSource) ? { source: row.LeadSource as string } : {}),
    ...(text(row.OwnerId) ? { ownerId: row.OwnerId as string } : {}),
    ...(text(row.Email) ? { email: row.Email as string } : {}),
    ...(text(row.Company) ? { company: row.Company as string } : {}),
    ...(text(row.Country) ? { country: row.Country as string } : {}),
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
 * An Opportunity row and the Ids of the leads converted into it → a canonical Opportunity. `Amount`
 * becomes minor units exactly; `CloseDate` (a day) becomes `closedAt` at midnight in the agreement's
 * time zone, only once `IsClosed`; `won` is `IsWon` for closed ones.
 */
export function mapOpportunity(row: SfRow, leadIds: readonly string[], ctx: MapContext): Mapped<Opportunity> {
  const id = text(row.Id) ?? '';
  const p = new Problems('Opportunity', id);
  if (id === '') p.add('Id', { code: 'invalid_type', expected: 'an Id', received: typeof row.Id });
  const createdMs = instant(p, row, 'CreatedDate', true);
  let amount: number | undefined;
  if (typeof row.Amount !== 'number')
    p.add('Amount', {
      code: 'invalid_type',
      expected: 'a number',
      received: row.Amount === null ? 'null' : typeof row.Amount,
    });
  else {
    const minor = toMinorUnits(row.Amount, ctx.currencyDigits);
    if (minor === null)
      p.add('Amount', {
        code: 'invalid_argument',
        detail: `an amount of ${ctx.currency} with at most ${ctx.currencyDigits} decimals, 0 or more`,
      });
    else amount = minor;
  }
  const name = typeof row.StageName === 'string' ? row.StageName : '';
  const m = ctx.mapping;
  const stage =
    m.opportunityStages[name] ?? (row.IsWon === true ? m.wonStage : row.IsClosed === true ? m.lostStage : m.openStage);
  let closedMs: number | undefined;
  if (row.IsClosed === true) {
    closedMs = sfDateStart(row.CloseDate, ctx.timezone);
    if (Number.isNaN(closedMs)) {
      p.add('CloseDate', { code: 'invalid_format', format: 'date', received: String(row.CloseDate) });
      closedMs = undefined;
    }
  }
  const bad = mergeIssues(p);
  if (bad) return bad;
  return {
    record: {
      id,
      ...(text(row.AccountId) ? { accountId: row.AccountId as string } : {}),
      ...(leadIds.length > 0 ? { leadIds: [...leadIds] } : {}),
      createdAt: iso(createdMs as number),
      stage,
      amount: amount as number,
      currency: ctx.currency,
      ...(closedMs !== undefined ? { closedAt: iso(closedMs), won: row.IsWon === true } : {}),
      ...(text(row.LeadSource) ? { source: row.LeadSource as string } : {}),
    },
  };
}

/**
 * A CampaignMember row (with `Campaign.Type`) → a canonical Touchpoint: channel from the Campaign Type
 * (through the mapping, else the Type itself, else `campaign`), the campaign's Id, the member's lead.
 */
export function mapTouchpoint(row: SfRow, ctx: MapContext): Mapped<Touchpoint> {
  const id = text(row.Id) ?? '';
  const p = new Problems('CampaignMember', id);
  if (id === '') p.add('Id', { code: 'invalid_type', expected: 'an Id', received: typeof row.Id });
  let atMs = instant(p, row, 'CreatedDate', true);
  if (ctx.touchpointTime === 'firstResponded' && row.FirstRespondedDate) {
    const responded = sfDateStart(row.FirstRespondedDate, ctx.timezone);
    if (Number.isNaN(responded))
      p.add('FirstRespondedDate', { code: 'invalid_format', format: 'date', received: String(row.FirstRespondedDate) });
    else atMs = responded;
  }
  const campaign = (row.Campaign ?? null) as SfRow | null;
  const type = campaign && typeof campaign.Type === 'string' && campaign.Type !== '' ? campaign.Type : undefined;
  const channel = type === undefined ? 'campaign' : (ctx.mapping.campaignTypes[type] ?? type);
  const bad = mergeIssues(p);
  if (bad) return bad;
  return {
    record: {
      id,
      ...(text(row.LeadId) ? { leadId: row.LeadId as string } : {}),
      channel,
      ...(text(row.CampaignId) ? { campaignId: row.CampaignId as string } : {}),
      at: iso(atMs as number),
    },
  };
}
