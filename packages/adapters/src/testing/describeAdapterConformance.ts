import {
  computeScorecard,
  defaultAgreement,
  defaultScorecardMetrics,
  generateSample,
  type RecordKind,
  type ScorecardResult,
  validateRecords,
} from '@accord/core';
import { describe, expect, it } from 'vitest';
import { recordChangedAt } from '../contract/_paging';
import { AdapterError } from '../contract/AdapterError';
import type { ListedRecords, ListKind, ListOptions, Page, RevenueAdapter } from '../contract/adapter.types';

/** The canonical records an adapter under test is created with. */
export interface ConformanceData {
  leads: readonly ListedRecords['leads'][];
  activities: readonly ListedRecords['activities'][];
  touchpoints: readonly ListedRecords['touchpoints'][];
  opportunities: readonly ListedRecords['opportunities'][];
  spend: readonly ListedRecords['spend'][];
}

/** What the suite needs to test an adapter. */
export interface AdapterConformanceOptions {
  /** Shown in the test names. */
  name: string;
  /** Creates an adapter holding exactly these records (and nothing else). */
  create: (data: ConformanceData) => Promise<RevenueAdapter>;
  /** Creates the adapter with a bad configuration: must reject with an `invalid_config` AdapterError. */
  createWithBadConfig?: () => Promise<unknown>;
  /** Releases an adapter after each test (default: its `close`). */
  dispose?: (adapter: RevenueAdapter) => Promise<void>;
}

const KINDS: readonly ListKind[] = ['leads', 'activities', 'touchpoints', 'opportunities', 'spend'];

const call = (adapter: RevenueAdapter, kind: ListKind, options?: ListOptions): Promise<Page<unknown>> => {
  switch (kind) {
    case 'leads':
      return adapter.listLeads(options);
    case 'activities':
      return adapter.listActivities(options);
    case 'touchpoints':
      return adapter.listTouchpoints(options);
    case 'opportunities':
      return adapter.listOpportunities(options);
    case 'spend':
      return adapter.listSpend(options);
  }
};

/** Every record of a kind, page by page; fails on a loop that does not end. */
async function listAll(adapter: RevenueAdapter, kind: ListKind, options: ListOptions = {}): Promise<unknown[]> {
  const out: unknown[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100_000; pages++) {
    const page: Page<unknown> = await call(adapter, kind, { ...options, cursor });
    out.push(...page.records);
    if (page.nextCursor === null) return out;
    expect(page.records.length, 'a page before the last one is never empty').toBeGreaterThan(0);
    cursor = page.nextCursor;
  }
  throw new Error('paging did not end');
}

const identity = (kind: ListKind, r: unknown) => (kind === 'spend' ? JSON.stringify(r) : (r as { id: string }).id);

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return undefined;
}

/** Compares two scorecards: same rows and groups, counts exactly, other values to 1e-9. */
function expectSameScorecard(actual: ScorecardResult, expected: ScorecardResult): void {
  expect(actual.rows.map((r) => r.group)).toEqual(expected.rows.map((r) => r.group));
  const rows = [...expected.rows, expected.totals];
  const got = [...actual.rows, actual.totals];
  rows.forEach((row, i) => {
    for (const [id, cell] of Object.entries(row.metrics)) {
      const other = got[i]?.metrics[id];
      if (cell.value === null) expect(other?.value, id).toBeNull();
      else expect(other?.value, id).toBeCloseTo(cell.value, 9);
      expect(other?.numerator, id).toEqual(cell.numerator);
      expect(other?.denominator, id).toEqual(cell.denominator);
    }
  });
}

/**
 * @name describeAdapterConformance
 * @category Adapters
 * @summary The conformance suite every adapter's tests call (a vitest `describe` block).
 *
 * @description
 * Creates the adapter over a seeded sample and checks: every declared list pages through every record
 * exactly once, in a stable order, at any page size; output is valid under the core's schemas; an
 * empty source gives one empty last page; `updatedSince` returns exactly the records changed since;
 * bad cursors, limits and options and undeclared capabilities fail with their AdapterError codes; a
 * bad configuration fails with `invalid_config`; writes are read back; `runScorecard` equals
 * `computeScorecard` on the same records.
 *
 * @example
 * // myAdapter.test.ts
 * describeAdapterConformance({ name: 'duckdb', create: (data) => createDuckDbAdapter({ data }) })
 */
export function describeAdapterConformance(options: AdapterConformanceOptions): void {
  const sample = generateSample({ leads: 240, seed: 17 });
  const data: ConformanceData = {
    leads: sample.leads,
    activities: sample.activities,
    touchpoints: sample.touchpoints,
    opportunities: sample.opportunities,
    spend: sample.spend,
  };
  const withAdapter = async (input: ConformanceData, f: (adapter: RevenueAdapter) => Promise<void>) => {
    const adapter = await options.create(input);
    try {
      await f(adapter);
    } finally {
      await (options.dispose ? options.dispose(adapter) : adapter.close?.());
    }
  };

  describe(`${options.name} adapter: conformance`, () => {
    it('lists every record exactly once, in a stable order, at any page size', async () => {
      await withAdapter(data, async (adapter) => {
        for (const kind of KINDS) {
          if (!adapter.capabilities.lists[kind]) continue;
          const expected = data[kind].map((r) => identity(kind, r)).sort();
          const first = (await listAll(adapter, kind, { limit: 7 })).map((r) => identity(kind, r));
          expect(new Set(first).size, `${kind}: no duplicates`).toBe(first.length);
          expect([...first].sort(), `${kind}: no gaps`).toEqual(expected);
          for (const limit of [1, 1000]) {
            if (limit === 1 && expected.length > 400) continue;
            expect(
              (await listAll(adapter, kind, { limit })).map((r) => identity(kind, r)),
              `${kind}: same order at limit ${limit}`,
            ).toEqual(first);
          }
        }
      });
    });

    it('returns records valid under the core schemas', async () => {
      await withAdapter(data, async (adapter) => {
        for (const kind of KINDS) {
          if (!adapter.capabilities.lists[kind]) continue;
          const records = await listAll(adapter, kind);
          expect(validateRecords(kind as RecordKind, records).issues, kind).toEqual([]);
        }
      });
    });

    it('gives an empty source one empty last page', async () => {
      await withAdapter(
        { leads: [], activities: [], touchpoints: [], opportunities: [], spend: [] },
        async (adapter) => {
          for (const kind of KINDS) {
            if (!adapter.capabilities.lists[kind]) continue;
            expect(await call(adapter, kind)).toEqual({ records: [], nextCursor: null });
          }
        },
      );
    });

    it('filters by updatedSince, when it says it can', async () => {
      await withAdapter(data, async (adapter) => {
        if (!adapter.capabilities.updatedSince) {
          expect(
            ((await rejection(adapter.listLeads({ updatedSince: '2026-01-01T00:00:00Z' }))) as AdapterError)?.code,
          ).toBe('not_supported');
          return;
        }
        for (const kind of KINDS) {
          if (!adapter.capabilities.lists[kind]) continue;
          const times = data[kind].map((r) => recordChangedAt(kind, r)).sort((a, b) => a - b);
          const since = times[Math.floor(times.length / 2)] as number;
          const expected = data[kind]
            .filter((r) => recordChangedAt(kind, r) >= since)
            .map((r) => identity(kind, r))
            .sort();
          const got = (await listAll(adapter, kind, { updatedSince: new Date(since).toISOString(), limit: 13 })).map(
            (r) => identity(kind, r),
          );
          expect([...got].sort(), kind).toEqual(expected);
        }
      });
    });

    it('fails with coded errors: bad cursor, bad limit, bad option, undeclared capability', async () => {
      await withAdapter(data, async (adapter) => {
        const code = async (p: Promise<unknown>) => {
          const e = await rejection(p);
          expect(e).toBeInstanceOf(AdapterError);
          expect((e as AdapterError).adapter).toBe(adapter.name);
          return (e as AdapterError).code;
        };
        expect(await code(adapter.listLeads({ cursor: 'not-a-cursor' }))).toBe('invalid_cursor');
        const page = await adapter.listLeads({ limit: 5 });
        if (page.nextCursor)
          expect(await code(adapter.listActivities({ cursor: page.nextCursor }))).toBe('invalid_cursor');
        for (const limit of [0, -1, 1.5, 10_001])
          expect(await code(adapter.listLeads({ limit }))).toBe('invalid_option');
        if (adapter.capabilities.updatedSince)
          expect(await code(adapter.listLeads({ updatedSince: '31/02/2026' }))).toBe('invalid_option');
        for (const kind of KINDS)
          if (!adapter.capabilities.lists[kind]) expect(await code(call(adapter, kind))).toBe('not_supported');
        expect(adapter.capabilities.writeDisposition).toBe(typeof adapter.writeDisposition === 'function');
        expect(adapter.capabilities.assignOwner).toBe(typeof adapter.assignOwner === 'function');
        expect(adapter.capabilities.runScorecard).toBe(typeof adapter.runScorecard === 'function');
      });
    });

    if (options.createWithBadConfig) {
      const bad = options.createWithBadConfig;
      it('rejects a bad configuration with invalid_config, without leaking it', async () => {
        const e = await rejection(bad());
        expect(e).toBeInstanceOf(AdapterError);
        expect((e as AdapterError).code).toBe('invalid_config');
      });
    }

    it('reads back what it writes, and keeps paging intact while records change', async () => {
      await withAdapter(data, async (adapter) => {
        const lead =
          data.leads.find((l) => l.stageDates?.mql !== undefined && l.disposition === undefined) ?? data.leads[0];
        if (!lead) return;
        if (adapter.writeDisposition) {
          const disposition = { reasonId: 'no_timing', at: '2026-07-01T12:00:00.000Z', by: 'rep_ava' };
          await adapter.writeDisposition(lead.id, disposition);
          const all = (await listAll(adapter, 'leads')) as ListedRecords['leads'][];
          expect(all.find((l) => l.id === lead.id)?.disposition).toEqual(disposition);
          expect(((await rejection(adapter.writeDisposition('no-such-lead', disposition))) as AdapterError)?.code).toBe(
            'not_found',
          );
        }
        if (adapter.assignOwner) {
          // Change records while paging: nothing is seen twice or missed.
          const seen: string[] = [];
          let cursor: string | null = null;
          let changed = false;
          do {
            const page: Page<ListedRecords['leads']> = await adapter.listLeads({ limit: 25, cursor });
            seen.push(...page.records.map((l) => l.id));
            if (!changed) {
              for (const l of data.leads.slice(-30)) await adapter.assignOwner(l.id, 'rep_moved');
              changed = true;
            }
            cursor = page.nextCursor;
          } while (cursor);
          expect([...seen].sort()).toEqual(data.leads.map((l) => l.id).sort());
        }
      });
    });

    it('pushes the scorecard down with the same numbers as the in-memory engine', async () => {
      await withAdapter(data, async (adapter) => {
        if (!adapter.runScorecard) return;
        const scorecard = {
          agreement: defaultAgreement,
          asOf: sample.asOf,
          metrics: defaultScorecardMetrics(defaultAgreement),
        };
        for (const grouping of [
          {},
          { groupBy: ['source', 'segment'] },
          { groupBy: ['owner'], grain: 'month' as const },
        ]) {
          const expected = computeScorecard(data, { ...scorecard, ...grouping });
          expectSameScorecard(await adapter.runScorecard({ ...scorecard, ...grouping }), expected);
        }
      });
    });
  });
}
