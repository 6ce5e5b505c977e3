import {
  type Activity,
  type Agreement,
  computeScorecard,
  type Lead,
  type LeadDisposition,
  LeadDispositionSchema,
  type Opportunity,
  type RecordKind,
  type Spend,
  type Touchpoint,
  validateRecords,
} from '@accord/core';
import { decodeCursor, encodeCursor, listMethods, pageLimit, recordChangedAt, updatedSince } from '../contract/_paging';
import { AdapterError } from '../contract/AdapterError';
import type {
  AdapterCapabilities,
  ListedRecords,
  ListKind,
  ListOptions,
  Page,
  RevenueAdapter,
} from '../contract/adapter.types';

/** The records a memory adapter starts with. */
export interface MemoryAdapterData {
  leads?: readonly unknown[];
  activities?: readonly unknown[];
  touchpoints?: readonly unknown[];
  opportunities?: readonly unknown[];
  spend?: readonly unknown[];
}

/** Options for {@link createMemoryAdapter}. */
export interface MemoryAdapterOptions {
  /** Adapter name in errors (default `memory`). */
  name?: string;
  /** Used by `runScorecard` when the options carry none. */
  agreement?: Agreement;
}

interface Row<T> {
  key: string;
  changed: number;
  record: T;
}

const LIST_KINDS: readonly ListKind[] = ['leads', 'activities', 'touchpoints', 'opportunities', 'spend'];

function keyOf(kind: ListKind, r: Record<string, unknown>, index: number): string {
  if (kind !== 'spend') return String(r.id);
  const s = r as unknown as Spend;
  // Spend rows have no id: period, channel, campaign, then input position keep the order stable.
  return `${s.periodStart}\u0000${s.channel ?? ''}\u0000${s.campaignId ?? ''}\u0000${String(index).padStart(12, '0')}`;
}

/**
 * @name createMemoryAdapter
 * @category Adapters
 * @summary The reference adapter: records held in memory, every capability, the core's scorecard as push-down.
 *
 * @description
 * Validates every record with the core's schemas up front (an `invalid_record` error lists every
 * issue), lists in id order with keyset cursors, filters by `updatedSince` on the latest instant a
 * record carries, writes dispositions and owners, and runs `computeScorecard` on what it holds. The
 * conformance suite holds every other adapter to its behaviour.
 *
 * @example
 * const adapter = createMemoryAdapter(generateSample({ leads: 1000, seed: 1 }))
 * const { records, nextCursor } = await adapter.listLeads({ limit: 100 })
 */
export function createMemoryAdapter(data: MemoryAdapterData = {}, options: MemoryAdapterOptions = {}): RevenueAdapter {
  const name = options.name ?? 'memory';
  if (typeof name !== 'string' || name === '')
    throw new AdapterError('memory', 'invalid_config', 'name must be a non-empty string');
  for (const kind of LIST_KINDS)
    if (data[kind] !== undefined && !Array.isArray(data[kind]))
      throw new AdapterError(name, 'invalid_config', `${kind} must be an array of records`);
  const tables = new Map<ListKind, Row<unknown>[]>();
  for (const kind of LIST_KINDS) {
    const input = data[kind] ?? [];
    const checked = validateRecords(kind as RecordKind, input);
    if (checked.issues.length > 0)
      throw new AdapterError(name, 'invalid_record', `${checked.issues.length} invalid ${kind} record(s)`, {
        issues: checked.issues,
      });
    const rows = checked.records.map((record, i) => ({
      key: keyOf(kind, record as unknown as Record<string, unknown>, i),
      changed: recordChangedAt(kind, record as object),
      record: record as unknown,
    }));
    rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    tables.set(kind, rows);
  }

  const list = async <K extends ListKind>(kind: K, options: ListOptions = {}): Promise<Page<ListedRecords[K]>> => {
    const limit = pageLimit(name, options);
    const since = updatedSince(name, options);
    const after = decodeCursor(name, kind, options.cursor, since);
    const rows = tables.get(kind) as Row<ListedRecords[K]>[];
    // First row after the cursor's key (binary search over the sorted keys).
    let lo = 0;
    let hi = rows.length;
    if (after !== null)
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((rows[mid] as Row<unknown>).key <= after) lo = mid + 1;
        else hi = mid;
      }
    const records: ListedRecords[K][] = [];
    let last: string | null = null;
    let i = lo;
    for (; i < rows.length && records.length < limit; i++) {
      const row = rows[i] as Row<ListedRecords[K]>;
      if (!Number.isNaN(since) && !(row.changed >= since)) continue;
      records.push(structuredClone(row.record));
      last = row.key;
    }
    let more = false;
    for (let k = i; k < rows.length; k++)
      if (Number.isNaN(since) || (rows[k] as Row<unknown>).changed >= since) {
        more = true;
        break;
      }
    return { records, nextCursor: more && last !== null ? encodeCursor(kind, last, since) : null };
  };

  const findLead = (leadId: string): Row<Lead> => {
    const row = (tables.get('leads') as Row<Lead>[]).find((r) => r.key === leadId);
    if (!row) throw new AdapterError(name, 'not_found', 'no lead with that id');
    return row;
  };

  const capabilities: AdapterCapabilities = {
    lists: { leads: true, activities: true, touchpoints: true, opportunities: true, spend: true },
    updatedSince: true,
    writeDisposition: true,
    assignOwner: true,
    runScorecard: true,
  };
  return {
    name,
    capabilities,
    ...listMethods(list),
    async writeDisposition(leadId: string, disposition: LeadDisposition) {
      const parsed = LeadDispositionSchema.safeParse(disposition);
      if (!parsed.success) throw new AdapterError(name, 'invalid_record', 'the disposition is not valid');
      const row = findLead(leadId);
      row.record = { ...row.record, disposition: parsed.data };
      row.changed = recordChangedAt('leads', row.record);
    },
    async assignOwner(leadId: string, ownerId: string) {
      if (typeof ownerId !== 'string' || ownerId === '')
        throw new AdapterError(name, 'invalid_option', 'ownerId must be a non-empty string');
      const row = findLead(leadId);
      row.record = { ...row.record, ownerId };
    },
    async runScorecard(scorecardOptions) {
      const records = <K extends ListKind>(kind: K) =>
        (tables.get(kind) as Row<ListedRecords[K]>[]).map((r) => r.record);
      // Kinds the adapter was not given stay absent (without opportunities, the scorecard derives them from leads).
      const given = <K extends ListKind>(kind: K) => (data[kind] === undefined ? {} : { [kind]: records(kind) });
      return computeScorecard(
        {
          leads: records('leads'),
          ...(given('activities') as { activities?: Activity[] }),
          ...(given('touchpoints') as { touchpoints?: Touchpoint[] }),
          ...(given('opportunities') as { opportunities?: Opportunity[] }),
          ...(given('spend') as { spend?: Spend[] }),
          ...(scorecardOptions.accounts ? { accounts: scorecardOptions.accounts } : {}),
        },
        { ...scorecardOptions, agreement: scorecardOptions.agreement ?? (options.agreement as Agreement) },
      );
    },
  };
}
