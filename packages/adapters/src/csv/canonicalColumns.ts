import type { Account, Lead, RecordKind, RecordTypes } from '@accord/core';

/** One CSV column: its header and how to read it from a record. */
export interface CanonicalColumn<T> {
  header: string;
  get: (record: T) => unknown;
}

/** Which stage and attribute columns a lead file has. */
export interface LeadColumnsOptions {
  /** Stage ids, each written as a `stage.<id>` column with the entry instant. */
  stageIds: readonly string[];
  /** Attribute names, each written as an `attr.<name>` column. */
  attributeNames: readonly string[];
}

const LEAD_FIELDS = [
  'id',
  'createdAt',
  'source',
  'campaignId',
  'segment',
  'region',
  'country',
  'ownerId',
  'teamId',
  'accountId',
  'email',
  'domain',
  'company',
  'firstTouchAt',
  'touches',
  'amount',
  'currency',
] as const satisfies readonly (keyof Lead)[];

const field = <T>(name: keyof T & string): CanonicalColumn<T> => ({ header: name, get: (r) => r[name] });

/**
 * @name leadColumns
 * @category CSV
 * @summary The canonical lead columns: fixed fields, then `disposition.*`, `stage.<id>` and `attr.<name>`.
 *
 * @param options - The stage ids and attribute names to give columns.
 * @returns The columns, in file order.
 *
 * @example
 * leadColumns({ stageIds: ['mql'], attributeNames: ['employees'] }).map((c) => c.header)
 * //=> ['id', 'createdAt', …, 'disposition.detail', 'stage.mql', 'attr.employees']
 */
export function leadColumns(options: LeadColumnsOptions): CanonicalColumn<Lead>[] {
  return [
    ...LEAD_FIELDS.map((name) => field<Lead>(name)),
    { header: 'disposition.reasonId', get: (l) => l.disposition?.reasonId },
    { header: 'disposition.at', get: (l) => l.disposition?.at },
    { header: 'disposition.by', get: (l) => l.disposition?.by },
    { header: 'disposition.detail', get: (l) => l.disposition?.detail },
    ...options.stageIds.map((id) => ({ header: `stage.${id}`, get: (l: Lead) => l.stageDates?.[id] })),
    ...options.attributeNames.map((name) => ({ header: `attr.${name}`, get: (l: Lead) => l.attributes?.[name] })),
  ];
}

/**
 * The canonical account columns: the fixed ones of {@link RECORD_COLUMNS}, then one `attr.<name>`
 * column per attribute (firmographics such as industry and employees, read by target-tier rules).
 * @internal Used by the CSV writer and reader; the public list is `RECORD_COLUMNS.accounts`.
 */
export function accountColumns(options: { attributeNames: readonly string[] }): CanonicalColumn<Account>[] {
  return [
    ...RECORD_COLUMNS.accounts,
    ...options.attributeNames.map((name) => ({ header: `attr.${name}`, get: (a: Account) => a.attributes?.[name] })),
  ];
}

/**
 * The fixed columns of every other record kind. Opportunities carry their loss reason as
 * `loss.reasonId`, `loss.detail`, `loss.at` and `loss.by`, and `leadIds` and `themes` as `;`-joined
 * lists; accounts add `attr.<name>` columns ({@link accountColumns}).
 */
export const RECORD_COLUMNS: {
  readonly [K in Exclude<RecordKind, 'leads'>]: readonly CanonicalColumn<RecordTypes[K]>[];
} = {
  accounts: [field('id'), field('name'), field('domain'), field('ownerId'), field('segment'), field('region')],
  stageEvents: [field('leadId'), field('stage'), field('at'), field('by'), field('reason')],
  activities: [field('id'), field('leadId'), field('type'), field('at'), field('by')],
  touchpoints: [
    field('id'),
    field('leadId'),
    field('accountId'),
    field('opportunityId'),
    field('channel'),
    field('campaignId'),
    field('at'),
  ],
  opportunities: [
    field('id'),
    field('accountId'),
    { header: 'leadIds', get: (o) => o.leadIds?.join(';') },
    field('createdAt'),
    field('stage'),
    field('amount'),
    field('currency'),
    field('closedAt'),
    field('won'),
    field('source'),
    field('campaignId'),
    field('segment'),
    { header: 'loss.reasonId', get: (o) => o.loss?.reasonId },
    { header: 'loss.detail', get: (o) => o.loss?.detail },
    { header: 'loss.at', get: (o) => o.loss?.at },
    { header: 'loss.by', get: (o) => o.loss?.by },
    { header: 'themes', get: (o) => o.themes?.join(';') },
  ],
  spend: [
    field('channel'),
    field('campaignId'),
    field('periodStart'),
    field('periodEnd'),
    field('amount'),
    field('currency'),
  ],
};
