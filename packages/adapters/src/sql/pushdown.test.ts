import {
  type Activity,
  type Agreement,
  type ComputeScorecardOptions,
  computeScorecard,
  defaultAgreement,
  generateSample,
  type Lead,
  listMetrics,
  type Opportunity,
  type ScorecardResult,
  type Touchpoint,
} from '@accord/core';
import fc from 'fast-check';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { RevenueAdapter } from '../contract/adapter.types';
import { createDuckDbAdapter } from '../duckdb/createDuckDbAdapter';
import { createPostgresAdapter } from '../postgres/createPostgresAdapter';
import { duckdbDialect } from './sqlDialects';

/*
 * Differential tests: the same scorecard from the in-memory engine and pushed down to SQL engines,
 * over messy generated data (ties, absent values, duplicates, unknown ids, DST edges, month ends).
 * Counts must agree exactly; ratios, sums and percentiles to 1e-9 (relative).
 */

interface Dataset {
  leads: Lead[];
  activities: Activity[];
  touchpoints: Touchpoint[];
  opportunities?: Opportunity[];
}

/** Engines under test: each creates an adapter over a dataset. More join when a server is available. */
/** `lighter`: another query shape of an engine already swept in full (fewer shapes and runs). */
const engines: { name: string; create: (data: Dataset) => Promise<RevenueAdapter>; lighter?: boolean }[] = [
  { name: 'duckdb', create: (data) => createDuckDbAdapter({ data }) },
  // One schema, every table replaced on each create (a dataset without opportunities empties theirs).
  {
    name: 'postgres',
    create: (data) =>
      createPostgresAdapter({
        connectionString: inject('databaseUrl'),
        schema: `accord_pushdown_${process.pid}`,
        data: { ...data, opportunities: data.opportunities ?? [], spend: [] },
      }),
  },
  // BigQuery's and Trino's shape (no percentile aggregate, no FILTER clause), executed on DuckDB.
  {
    name: 'duckdb with window percentiles and CASE filters',
    lighter: true,
    create: (data) =>
      createDuckDbAdapter({ data, dialect: { ...duckdbDialect, quantile: null, filteredAggregates: 'case' } }),
  },
];

const agreement: Agreement = {
  ...defaultAgreement,
  metrics: [
    ...(defaultAgreement.metrics ?? []),
    {
      id: 'mql_to_sql_30d',
      label: 'MQL → SQL in 30 days',
      owner: 'shared',
      unit: 'ratio',
      direction: 'higher',
      kind: 'conversion',
      from: 'mql',
      to: 'sql',
      windowDays: 30,
    },
    {
      id: 'leads_per_opp',
      label: 'Leads per opportunity',
      owner: 'shared',
      unit: 'ratio',
      direction: 'lower',
      kind: 'derived',
      expression: { op: 'div', left: { metric: 'leads' }, right: { metric: 'opportunities_created' } },
    },
  ],
} as Agreement;
const METRICS = listMetrics(agreement).map((m) => m.id);

// Instants around the agreement's DST changes and month ends (America/New_York), and plain ones.
const EDGES = [
  Date.parse('2026-03-08T06:59:59.999Z'),
  Date.parse('2026-03-08T07:00:00.000Z'),
  Date.parse('2026-11-01T05:59:59.999Z'),
  Date.parse('2026-11-01T06:00:00.000Z'),
  Date.parse('2026-02-01T04:59:59.999Z'),
  Date.parse('2026-02-01T05:00:00.000Z'),
  Date.parse('2026-04-01T04:00:00.000Z'),
  Date.parse('2026-12-31T23:59:59.999Z'),
];
const START = Date.parse('2026-01-01T00:00:00Z');
const instantMs = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: START, max: START + 364 * 86_400_000 }) },
  { weight: 1, arbitrary: fc.constantFrom(...EDGES) },
);
const asInstant = (ms: number, style: number): string | number =>
  style === 0 ? ms : style === 1 ? new Date(ms).toISOString() : isoWithOffset(ms, 330);
const isoWithOffset = (ms: number, minutes: number) => {
  const local = new Date(ms + minutes * 60_000).toISOString().slice(0, 23);
  return `${local}+${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
};
const label = fc.constantFrom('ads', 'seo', 'events', '', "'; DROP TABLE accord_leads; --", 'Ünïcødé "q" \\ x');
const STAGES = ['inquiry', 'mql', 'sal', 'sql', 'opportunity', 'closed_won', 'closed_lost', 'recycled', 'not_a_stage'];
const REASONS = ['no_icp_fit', 'competitor', 'duplicate', 'made_up_reason'];

// Few distinct offsets, so stage dates often tie with each other and with creation.
const offset = fc.oneof(fc.constantFrom(0, 1, 24, -1), fc.integer({ min: -48, max: 24 * 120 }));
const leadArb = (id: string) =>
  fc
    .record({
      created: instantMs,
      style: fc.integer({ min: 0, max: 2 }),
      source: fc.option(label, { nil: undefined }),
      owner: fc.option(fc.constantFrom('u1', 'u2', ''), { nil: undefined }),
      tier: fc.option(fc.oneof(fc.constantFrom('A', 'B'), fc.integer({ min: 1, max: 3 }), fc.boolean()), {
        nil: undefined,
      }),
      // Offsets from creation (hours, may be negative or zero: ties and impossible orders).
      stages: fc.dictionary(fc.constantFrom(...STAGES), offset, { maxKeys: 6 }),
      firstTouch: fc.option(fc.integer({ min: -5, max: 24 * 10 }), { nil: undefined }),
      amount: fc.option(fc.integer({ min: 0, max: 5_000_000 }), { nil: undefined }),
      disposition: fc.option(
        fc.record({ reason: fc.constantFrom(...REASONS), hours: fc.integer({ min: 0, max: 500 }) }),
        { nil: undefined },
      ),
    })
    .map((r): Lead => {
      const at = (h: number) => asInstant(r.created + h * 3_600_000, r.style);
      return {
        id,
        createdAt: asInstant(r.created, r.style),
        ...(r.source !== undefined ? { source: r.source } : {}),
        ...(r.owner !== undefined ? { ownerId: r.owner } : {}),
        ...(r.tier !== undefined ? { attributes: { tier: r.tier } } : {}),
        stageDates: Object.fromEntries(Object.entries(r.stages).map(([s, h]) => [s, at(h)])),
        ...(r.firstTouch !== undefined ? { firstTouchAt: at(r.firstTouch) } : {}),
        ...(r.amount !== undefined ? { amount: r.amount } : {}),
        ...(r.disposition ? { disposition: { reasonId: r.disposition.reason, at: at(r.disposition.hours) } } : {}),
      } as Lead;
    });

const datasetArb: fc.Arbitrary<Dataset> = fc
  .integer({ min: 0, max: 40 })
  .chain((n) =>
    fc.record({
      leads: fc.tuple(...Array.from({ length: n }, (_, i) => leadArb(`L${i}`))),
      activities: fc.array(fc.record({ lead: fc.integer({ min: 0, max: n + 2 }), at: instantMs }), { maxLength: 60 }),
      touchpoints: fc.array(
        fc.record({
          lead: fc.option(fc.integer({ min: 0, max: n + 2 }), { nil: undefined }),
          at: instantMs,
          channel: label,
        }),
        { maxLength: 30 },
      ),
      opportunities: fc.option(
        fc.array(
          fc.record({
            leads: fc.array(fc.integer({ min: 0, max: n + 2 }), { maxLength: 3 }),
            created: instantMs,
            closedAfter: fc.option(fc.integer({ min: -10, max: 24 * 90 }), { nil: undefined }),
            stage: fc.constantFrom('opportunity', 'closed_won', 'closed_lost', 'weird'),
            won: fc.option(fc.boolean(), { nil: undefined }),
            amount: fc.integer({ min: 0, max: 9_000_000 }),
            source: fc.option(label, { nil: undefined }),
          }),
          { minLength: 1, maxLength: 25 },
        ),
        { nil: undefined },
      ),
    }),
  )
  .map(({ leads, activities, touchpoints, opportunities }) => ({
    leads: [...leads],
    activities: activities.map((a, j) => ({
      id: `A${j}`,
      leadId: `L${a.lead}`,
      type: 'call',
      at: new Date(a.at).toISOString(),
    })),
    touchpoints: touchpoints.map((t, j) => ({
      id: `T${j}`,
      ...(t.lead !== undefined ? { leadId: `L${t.lead}` } : {}),
      channel: t.channel || 'direct',
      at: t.at,
    })),
    ...(opportunities
      ? {
          opportunities: opportunities.map((o, j) => ({
            id: `O${j}`,
            leadIds: o.leads.map((l) => `L${l}`),
            createdAt: o.created,
            stage: o.stage,
            amount: o.amount,
            currency: 'USD',
            ...(o.closedAfter !== undefined ? { closedAt: o.created + o.closedAfter * 3_600_000 } : {}),
            ...(o.won !== undefined ? { won: o.won } : {}),
            ...(o.source !== undefined ? { source: o.source } : {}),
          })),
        }
      : {}),
  }));

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** Same groups, periods and metrics; counts exact, everything else to 1e-9. */
function expectSame(
  actual: ScorecardResult,
  expected: ScorecardResult,
  context: string,
  leads?: readonly Lead[],
): void {
  if (leads) {
    // The same warnings, word for word; the engine names the lead by id, memory by input position.
    const byId = (w: ScorecardResult['warnings']) =>
      w
        .map((x) => ({
          ...x,
          path: ['leads', typeof x.path[1] === 'number' ? (leads[x.path[1]]?.id ?? '') : x.path[1], ...x.path.slice(2)],
        }))
        .sort((a, b) => (String(a.path[1]) < String(b.path[1]) ? -1 : String(a.path[1]) > String(b.path[1]) ? 1 : 0));
    expect(byId(actual.warnings), context).toEqual(byId(expected.warnings));
  }
  expect(
    actual.rows.map((r) => [r.group, r.period ?? null]),
    context,
  ).toEqual(expected.rows.map((r) => [r.group, r.period ?? null]));
  expect(actual.excluded, context).toEqual(expected.excluded);
  const want = [...expected.rows, expected.totals];
  const got = [...actual.rows, actual.totals];
  want.forEach((row, i) => {
    for (const [id, cell] of Object.entries(row.metrics)) {
      const other = got[i]?.metrics[id];
      const where = `${context} · row ${i} ${JSON.stringify(row.group)} ${row.period ?? ''} · ${id}`;
      if (cell.value === null) expect(other?.value ?? null, where).toBeNull();
      else
        expect(close(other?.value ?? Number.NaN, cell.value), `${where}: ${other?.value} vs ${cell.value}`).toBe(true);
      for (const part of ['numerator', 'denominator'] as const) {
        const x = cell[part];
        const y = other?.[part];
        if (x === undefined) expect(y, where).toBeUndefined();
        else expect(close(y ?? Number.NaN, x), `${where} ${part}: ${y} vs ${x}`).toBe(true);
      }
    }
  });
}

/** Pushes the scorecard down and checks it against the in-memory engine on the same data. */
async function agrees(
  adapter: RevenueAdapter,
  data: Dataset,
  shape: Omit<ComputeScorecardOptions, 'agreement'>,
  context: string,
): Promise<ScorecardResult> {
  const options = { agreement, ...shape };
  const card = await (adapter.runScorecard as NonNullable<RevenueAdapter['runScorecard']>)(options);
  expectSame(card, computeScorecard(data, options), context, data.leads);
  return card;
}

const shapes: Omit<ComputeScorecardOptions, 'agreement' | 'asOf'>[] = [];
for (const groupBy of [[], ['source'], ['owner', 'attributes.tier']])
  for (const grain of [undefined, 'week', 'month', 'quarter'] as const)
    for (const view of [undefined, 'cohort', 'period'] as const)
      shapes.push({ groupBy, ...(grain ? { grain } : {}), ...(view ? { view } : {}) });

const ASOF = '2027-01-15T00:00:00Z';

afterAll(async () => {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS accord_pushdown_${process.pid} CASCADE`);
  await client.end();
});

describe.each(engines)('scorecard push-down to $name equals the in-memory engine', ({ create, lighter }) => {
  it('every built-in metric × view × grain × grouping on the seeded sample', async () => {
    const sample = generateSample({ leads: 400, seed: 7 });
    const data = {
      leads: sample.leads,
      activities: sample.activities,
      touchpoints: sample.touchpoints,
      opportunities: sample.opportunities,
    };
    const adapter = await create(data);
    try {
      const sweep = lighter ? shapes.filter((_, i) => i % 3 === 1) : shapes;
      for (const shape of [...sweep, { period: '2026-Q2', compareTo: 'previous' as const, groupBy: ['source'] }]) {
        await agrees(adapter, data, { asOf: sample.asOf, metrics: METRICS, ...shape }, JSON.stringify(shape));
      }
    } finally {
      await adapter.close?.();
    }
  }, 120_000);

  it('binds hostile group values and field names: same numbers, and the tables survive', async () => {
    const field = `x'"; DROP TABLE accord_leads; --\\ü`;
    const leads = ['L1', 'L2', 'L3'].map((id, i) => ({
      id,
      createdAt: `2026-03-0${i + 1}T10:00:00Z`,
      source: i === 0 ? `'); DELETE FROM accord_leads; --` : `"\\'`,
      attributes: { [field]: i === 2 ? `'; DROP TABLE accord_lead_stages; --` : 'ok' },
      stageDates: { mql: `2026-03-0${i + 2}T10:00:00Z` },
    })) as Lead[];
    const data = { leads, activities: [], touchpoints: [] };
    const adapter = await create(data);
    try {
      for (const groupBy of [[`attributes.${field}`], ['source']]) {
        const options = { asOf: ASOF, metrics: ['leads', 'count.mql', 'conversion.mql.sal'], groupBy };
        expect((await agrees(adapter, data, options, groupBy[0] as string)).rows.length).toBe(2);
      }
      expect((await adapter.listLeads()).records).toHaveLength(3);
    } finally {
      await adapter.close?.();
    }
  });

  it('agrees on generated messy data (ties, absent values, unknown ids, DST edges, month ends)', async () => {
    await fc.assert(
      fc.asyncProperty(datasetArb, fc.constantFrom(...shapes), async (data, shape) => {
        const adapter = await create(data);
        try {
          await agrees(adapter, data, { asOf: ASOF, metrics: METRICS, ...shape }, JSON.stringify(shape));
        } finally {
          await adapter.close?.();
        }
      }),
      { numRuns: lighter ? 15 : 40, seed: 20261123 },
    );
  }, 180_000);
});
