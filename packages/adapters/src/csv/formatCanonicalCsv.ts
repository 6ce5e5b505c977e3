import type { Account, Lead, RecordKind, RecordTypes } from '@accord/core';
import { stringify } from 'csv-stringify/sync';
import {
  accountColumns,
  type CanonicalColumn,
  type LeadColumnsOptions,
  leadColumns,
  RECORD_COLUMNS,
} from './canonicalColumns';

/**
 * Options for {@link formatCanonicalCsv}. `stageIds` shape lead files; `attributeNames` lead and
 * account files (default: every name the records use, in first-seen order).
 */
export interface FormatCanonicalCsvOptions extends Partial<LeadColumnsOptions> {
  /** Records per chunk. Default 5,000. */
  chunkSize?: number;
}

// Booleans are written as `true`/`false`: csv-stringify's default would write `1` and an empty cell.
const cell = (value: unknown): string | number => {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
};

/** Attribute names in first-seen order. */
function discoverAttributes(records: readonly { attributes?: Record<string, unknown> }[]): string[] {
  const names = new Set<string>();
  for (const record of records) for (const name of Object.keys(record.attributes ?? {})) names.add(name);
  return [...names];
}

/** Stage ids in first-seen order, then attribute names in first-seen order, when the caller gives none. */
function discoverLeadColumns(leads: readonly Lead[]): LeadColumnsOptions {
  const stages = new Set<string>();
  for (const lead of leads) for (const id of Object.keys(lead.stageDates ?? {})) stages.add(id);
  return { stageIds: [...stages], attributeNames: discoverAttributes(leads) };
}

/**
 * @name formatCanonicalCsv
 * @category CSV
 * @summary Writes canonical records as CSV in chunks (header first), with a real CSV writer.
 *
 * @description
 * Column names are the canonical ones (`id, createdAt, source, …, stage.<stageId>, attr.<name>` for
 * leads, `attr.<name>` for accounts, `loss.reasonId`… for opportunities), so the files read back with
 * the CSV adapter and the `accord` CLI. Quoting, embedded commas, quotes and newlines are handled by
 * csv-stringify. Booleans are written `true`/`false`; `null` and missing values are empty cells;
 * `Opportunity.leadIds` and `Opportunity.themes` are joined with `;`. Yields chunks so a million rows
 * never sit in one string.
 *
 * @param kind - The record kind.
 * @param records - The records.
 * @param options - Stage ids (leads) and attribute names (leads, accounts) — default: discovered — and the chunk size.
 * @returns An iterable of CSV text chunks.
 *
 * @example
 * for (const chunk of formatCanonicalCsv('leads', sample.leads, { stageIds: agreement.stages.map((s) => s.id) })) out.write(chunk)
 */
export function* formatCanonicalCsv<K extends RecordKind>(
  kind: K,
  records: readonly RecordTypes[K][],
  options: FormatCanonicalCsvOptions = {},
): Generator<string, void, undefined> {
  let columns: readonly CanonicalColumn<RecordTypes[K]>[];
  if (kind === 'leads') {
    const found =
      options.stageIds && options.attributeNames ? undefined : discoverLeadColumns(records as readonly Lead[]);
    columns = leadColumns({
      stageIds: options.stageIds ?? found?.stageIds ?? [],
      attributeNames: options.attributeNames ?? found?.attributeNames ?? [],
    }) as unknown as readonly CanonicalColumn<RecordTypes[K]>[];
  } else if (kind === 'accounts') {
    columns = accountColumns({
      attributeNames: options.attributeNames ?? discoverAttributes(records as readonly Account[]),
    }) as unknown as readonly CanonicalColumn<RecordTypes[K]>[];
  } else {
    columns = RECORD_COLUMNS[kind as Exclude<RecordKind, 'leads'>] as unknown as readonly CanonicalColumn<
      RecordTypes[K]
    >[];
  }
  const chunkSize = options.chunkSize ?? 5000;
  yield stringify([columns.map((c) => c.header)]);
  for (let start = 0; start < records.length; start += chunkSize) {
    const rows = records.slice(start, start + chunkSize).map((r) => columns.map((c) => cell(c.get(r))));
    yield stringify(rows);
  }
}
