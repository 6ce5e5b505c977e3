import { toEpochMs } from '@accord/core';
import type { ListKind } from '../contract/adapter.types';
import type { SqlDialect } from './sqlDialects';

/*
 * The canonical tables a SQL engine reads. Each record kind keeps the record as JSON (what `list*`
 * returns) beside typed columns the scorecard aggregates: instants as epoch milliseconds (parsed by
 * the core, so every engine reads the same instant), money in minor units, group fields as text.
 * Two link tables carry the maps and lists: a lead's stage dates and an opportunity's leads.
 * On a warehouse, these are views over your own tables (see the adapters README).
 */

type ColumnType = 'double' | 'text' | 'int';

/** The typed columns of each kind, after `key`, `changed` and `record`. */
export const FACT_COLUMNS = {
  leads: [
    ['created', 'double'],
    ['first_touch', 'double'],
    ['amount', 'double'],
    ['owner_id', 'text'],
    ['reason_id', 'text'],
    ['disposition_at', 'double'],
    ['source', 'text'],
    ['campaign_id', 'text'],
    ['segment', 'text'],
    ['region', 'text'],
    ['country', 'text'],
    ['team_id', 'text'],
    ['account_id', 'text'],
    ['company', 'text'],
  ],
  activities: [
    ['lead_id', 'text'],
    ['at', 'double'],
  ],
  touchpoints: [
    ['lead_id', 'text'],
    ['at', 'double'],
  ],
  opportunities: [
    ['created', 'double'],
    ['closed', 'double'],
    ['amount', 'double'],
    ['stage', 'text'],
    ['won', 'int'],
  ],
  spend: [],
} as const satisfies Record<ListKind, readonly (readonly [string, ColumnType])[]>;

/** The lead field behind each typed lead column that groups. */
export const LEAD_DIMENSION_COLUMNS: Readonly<Record<string, string>> = {
  source: 'source',
  campaignId: 'campaign_id',
  segment: 'segment',
  region: 'region',
  country: 'country',
  ownerId: 'owner_id',
  teamId: 'team_id',
  accountId: 'account_id',
  company: 'company',
};

/** Fixed table names (never built from input). */
export const TABLES = {
  leads: 'accord_leads',
  activities: 'accord_activities',
  touchpoints: 'accord_touchpoints',
  opportunities: 'accord_opportunities',
  spend: 'accord_spend',
  leadStages: 'accord_lead_stages',
  opportunityLeads: 'accord_opportunity_leads',
} as const;

/** A record's row: its typed columns, and its links (stage dates, opportunity leads). */
export interface ProjectedRecord {
  values: (number | string | null)[];
  stages?: [string, number][];
  leads?: string[];
}

const text = (v: unknown): string | null =>
  typeof v === 'string' ? v : v === undefined || v === null ? null : String(v);
const instant = (v: unknown): number | null => {
  if (v === undefined || v === null) return null;
  const t = toEpochMs(v);
  return Number.isNaN(t) ? null : t;
};
const number = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The typed columns of a validated record, in {@link FACT_COLUMNS} order. */
export function projectRecord(kind: ListKind, record: Record<string, unknown>): ProjectedRecord {
  switch (kind) {
    case 'leads': {
      const d = record.disposition as { reasonId?: unknown; at?: unknown } | undefined;
      const dates = (record.stageDates ?? {}) as Record<string, unknown>;
      return {
        values: [
          instant(record.createdAt),
          instant(record.firstTouchAt),
          number(record.amount),
          text(record.ownerId),
          d ? text(d.reasonId) : null,
          d ? instant(d.at) : null,
          text(record.source),
          text(record.campaignId),
          text(record.segment),
          text(record.region),
          text(record.country),
          text(record.teamId),
          text(record.accountId),
          text(record.company),
        ],
        stages: Object.entries(dates).flatMap(([stage, at]): [string, number][] => {
          const t = instant(at);
          return t === null ? [] : [[stage, t]];
        }),
      };
    }
    case 'activities':
    case 'touchpoints':
      return { values: [text(record.leadId), instant(record.at)] };
    case 'opportunities':
      return {
        values: [
          instant(record.createdAt),
          instant(record.closedAt),
          number(record.amount),
          text(record.stage),
          record.won === true ? 1 : record.won === false ? 0 : null,
        ],
        leads: Array.isArray(record.leadIds) ? record.leadIds.map(String) : [],
      };
    case 'spend':
      return { values: [] };
  }
}

/** `CREATE TABLE IF NOT EXISTS` statements for the canonical tables in a dialect (JSON as `jsonType`). */
export function canonicalTablesDdl(
  dialect: SqlDialect,
  options: { jsonType?: string; schema?: string } = {},
): string[] {
  const q = (id: string) => dialect.quote(id);
  const t = dialect.types;
  const name = (table: string) => (options.schema ? `${q(options.schema)}.${q(table)}` : q(table));
  const json = options.jsonType ?? t.text;
  const out: string[] = [];
  for (const kind of Object.keys(FACT_COLUMNS) as ListKind[]) {
    const cols = FACT_COLUMNS[kind].map(([c, type]) => `${q(c)} ${t[type]}`);
    out.push(
      `CREATE TABLE IF NOT EXISTS ${name(TABLES[kind])} (${[`${q('key')} ${t.text} PRIMARY KEY`, `${q('changed')} ${t.double}`, `${q('record')} ${json} NOT NULL`, ...cols].join(', ')})`,
    );
  }
  out.push(
    `CREATE TABLE IF NOT EXISTS ${name(TABLES.leadStages)} (${q('lead_key')} ${t.text} NOT NULL, ${q('stage')} ${t.text} NOT NULL, ${q('at')} ${t.double} NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS ${name(TABLES.opportunityLeads)} (${q('opportunity_key')} ${t.text} NOT NULL, ${q('position')} ${t.int} NOT NULL, ${q('lead_key')} ${t.text} NOT NULL)`,
  );
  return out;
}
