import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Agreement } from '../agreement/agreement.types';
import { defaultAgreement } from '../agreement/defaultAgreement';
import { AccordError } from '../errors/AccordError';
import { isBuiltInMetricId } from '../metrics/isBuiltInMetricId';
import { describeMetric, listMetrics } from '../metrics/listMetrics';
import type { Lead } from '../records/records.types';
import { toInstantMs } from '../records/toInstantMs';
import { auditRouting } from '../routing/auditRouting';
import { createAccountDirectory } from '../routing/createAccountDirectory';
import { generateSample } from '../sample/generateSample';
import { evaluateLeadSlas } from '../sla/evaluateLeadSlas';
import { summarizeSlas } from '../sla/summarizeSlas';
import { computeScorecard } from './computeScorecard';

const agreement = defaultAgreement as Agreement;
const asOf = '2026-06-01T00:00:00Z';
const d = (day: string, time = '14:00:00') => `2026-${day}T${time}Z`;

// Six valid leads, one unparseable, one duplicate. L5's SAL date is before its MQL date (an
// impossible order) and its first touch precedes its MQL; L8 carries a stage the agreement lacks.
const rows: unknown[] = [
  {
    id: 'L1',
    createdAt: d('03-02'),
    source: 'paid_search',
    ownerId: 'rep_a',
    stageDates: { inquiry: d('03-02'), mql: d('03-03'), sal: d('03-04'), sql: d('03-06') },
    firstTouchAt: d('03-03', '16:00:00'),
  },
  {
    id: 'L2',
    createdAt: d('03-05'),
    source: 'paid_search',
    ownerId: 'rep_b',
    stageDates: { inquiry: d('03-05'), mql: d('03-05', '14:00:00') },
    firstTouchAt: d('03-05', '18:00:00'),
    disposition: { reasonId: 'competitor', at: d('03-06'), detail: 'RivalCRM' },
  },
  {
    id: 'L3',
    createdAt: d('03-10'),
    source: 'social',
    ownerId: 'rep_a',
    stageDates: {
      inquiry: d('03-10'),
      mql: d('03-10'),
      sal: d('03-12'),
      sql: d('03-13'),
      opportunity: d('03-20'),
      closed_won: d('04-20'),
    },
    firstTouchAt: d('03-10', '15:00:00'),
    amount: 500_000,
    currency: 'USD',
  },
  // 03:00Z on March 1st is still February 28th in New York.
  { id: 'L4', createdAt: d('03-01', '03:00:00'), source: 'social', stageDates: { inquiry: d('03-01', '03:00:00') } },
  {
    id: 'L5',
    createdAt: d('03-15'),
    source: 'social',
    stageDates: { inquiry: d('03-15'), mql: d('03-16'), sal: d('03-15') },
    firstTouchAt: d('03-16', '10:00:00'),
  },
  { id: 'L6', createdAt: '31/03/2026', source: 'social' },
  { id: 'L1', createdAt: d('03-02'), source: 'duplicate' },
  { id: 'L8', createdAt: d('03-20'), stageDates: { inquiry: d('03-20'), demo: d('03-21') } },
];
const leads = rows as Lead[];
const card = computeScorecard({ leads }, { agreement, asOf, groupBy: ['source'] });
const total = (id: string) => card.totals.metrics[id];

describe('computeScorecard', () => {
  it('counts every stage a lead reached, even in an impossible order', () => {
    expect(total('leads')).toEqual({ value: 6 });
    expect(total('count.inquiry')).toEqual({ value: 6 });
    expect(total('count.mql')).toEqual({ value: 4 });
    expect(total('count.sal')).toEqual({ value: 3 });
    expect(total('count.closed_won')).toEqual({ value: 1 });
  });

  it('converts only leads that reached the later stage at or after the earlier one, with numerator and denominator', () => {
    expect(total('conversion.mql.sal')).toMatchObject({ value: 0.5, numerator: 2, denominator: 4, status: 'missed' });
    expect(total('conversion.sal.sql')).toMatchObject({ numerator: 2, denominator: 3 });
    expect(total('acceptance_rate')).toEqual(expect.objectContaining({ value: 0.5 }));
    expect(total('reject_rate')).toEqual({ value: 0.25, numerator: 1, denominator: 4 });
  });

  it('computes exact R-7 quantiles and reports the negative durations it left out', () => {
    const c = computeScorecard(
      { leads },
      {
        agreement,
        asOf,
        metrics: ['days.mql.sal.median', 'days.mql.sal.p90', 'time_to_first_touch.median', 'time_to_first_touch.p90'],
      },
    );
    expect(c.totals.metrics['days.mql.sal.median']?.value).toBeCloseTo(1.5, 12);
    expect(c.totals.metrics['days.mql.sal.p90']?.value).toBeCloseTo(1.9, 12);
    // First touches after MQL: 2 h, 4 h, 1 h; L5's touch came before its MQL.
    expect(c.totals.metrics['time_to_first_touch.median']?.value).toBeCloseTo(2, 12);
    expect(c.totals.metrics['time_to_first_touch.p90']?.value).toBeCloseTo(3.6, 12);
    expect(c.excluded).toEqual({
      'days.mql.sal.median': 1,
      'days.mql.sal.p90': 1,
      'time_to_first_touch.median': 1,
      'time_to_first_touch.p90': 1,
    });
  });

  it('derives opportunities from the stage dates when none are given', () => {
    expect(total('win_rate')).toEqual({ value: 1, numerator: 1, denominator: 1 });
    expect(total('pipeline_created')).toEqual({ value: 500_000 });
    expect(total('revenue_won')).toEqual({ value: 500_000 });
    expect(total('average_deal_size')).toEqual({ value: 500_000, numerator: 500_000, denominator: 1 });
  });

  it('gives null, never NaN or 0, for an empty denominator', () => {
    const social = card.rows.find((r) => r.group.source === '(none)');
    expect(social?.metrics['conversion.mql.sal']).toMatchObject({ value: null, numerator: 0, denominator: 0 });
    expect(social?.metrics['time_to_first_touch.median']).toEqual({ value: null });
    expect(JSON.stringify(card)).not.toContain('NaN');
  });

  it('groups rows by the dimension, named groups first, "(none)" last', () => {
    expect(card.rows.map((r) => r.group)).toEqual([
      { source: 'paid_search' },
      { source: 'social' },
      { source: '(none)' },
    ]);
    expect(card.rows.map((r) => r.metrics.leads?.value)).toEqual([2, 3, 1]);
    expect(card.rows[0]?.metrics['conversion.mql.sal']).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('reports skipped records and kept-but-suspect ones with their input positions', () => {
    expect(card.skipped).toEqual([
      { kind: 'leads', index: 5 },
      { kind: 'leads', index: 6 },
    ]);
    expect(card.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['invalid_instant', 'leads.5.createdAt'],
      ['duplicate_id', 'leads.6.id'],
    ]);
    expect(card.warnings.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['stage_out_of_order', 'leads.4.stageDates.sal'],
      ['unknown_stage', 'leads.7.stageDates.demo'],
    ]);
    expect(() => computeScorecard({ leads }, { agreement, asOf, mode: 'strict' })).toThrow(AccordError);
  });

  it('puts records in months of the agreement time zone', () => {
    const monthly = computeScorecard(
      { leads },
      { agreement, asOf, metrics: ['leads', 'count.closed_won'], grain: 'month' },
    );
    expect(monthly.rows.map((r) => [r.period, r.metrics.leads?.value, r.metrics['count.closed_won']?.value])).toEqual([
      ['2026-02', 1, 0],
      ['2026-03', 5, 0],
      ['2026-04', 0, 1],
    ]);
    expect(monthly.rows[0]?.from).toBe(toInstantMs('2026-02-01T05:00:00Z'));
  });

  it('starts weeks on the configured day', () => {
    const monday = computeScorecard(
      { leads },
      { agreement, asOf, metrics: ['leads'], grain: 'week', period: '2026-03' },
    );
    const sunday = computeScorecard(
      { leads },
      { agreement, asOf, metrics: ['leads'], grain: 'week', period: '2026-03', weekStartsOn: 0 },
    );
    expect(monday.rows.map((r) => r.period)).toEqual([
      '2026-02-23',
      '2026-03-02',
      '2026-03-09',
      '2026-03-16',
      '2026-03-23',
      '2026-03-30',
    ]);
    expect(sunday.rows.map((r) => r.period)).toEqual([
      '2026-03-01',
      '2026-03-08',
      '2026-03-15',
      '2026-03-22',
      '2026-03-29',
    ]);
    // The first week is clipped to the period.
    expect(monday.rows[0]?.from).toBe(toInstantMs('2026-03-01T05:00:00Z'));
    expect(monday.rows.reduce((s, r) => s + (r.metrics.leads?.value ?? 0), 0)).toBe(5);
  });

  it('cohort view credits the MQL month; period view counts each event in its own month', () => {
    const data: { leads: Lead[] } = {
      leads: [
        { id: 'A', createdAt: d('02-20'), stageDates: { inquiry: d('02-20'), mql: d('02-25'), sal: d('03-02') } },
        { id: 'B', createdAt: d('03-03'), stageDates: { inquiry: d('03-03'), mql: d('03-04') } },
      ],
    };
    const cohort = computeScorecard(data, {
      agreement,
      asOf,
      metrics: ['conversion.mql.sal'],
      period: '2026-03',
      view: 'cohort',
    });
    const period = computeScorecard(data, {
      agreement,
      asOf,
      metrics: ['conversion.mql.sal'],
      period: '2026-03',
      view: 'period',
    });
    expect(cohort.totals.metrics['conversion.mql.sal']).toMatchObject({ numerator: 0, denominator: 1 });
    expect(period.totals.metrics['conversion.mql.sal']).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it('compares with the previous period', () => {
    const april = computeScorecard(
      { leads },
      { agreement, asOf, metrics: ['count.closed_won', 'leads'], period: '2026-04', compareTo: 'previous' },
    );
    expect(april.previousPeriod?.label).toBe('2026-03');
    expect(april.totals.metrics['count.closed_won']).toEqual({ value: 1, previous: 0, change: 1 });
    expect(april.totals.metrics.leads).toEqual({ value: 0, previous: 5, change: -5 });
  });

  it('evaluates custom simple, ratio, derived and windowed conversion metrics', () => {
    const custom: Agreement = {
      ...agreement,
      metrics: [
        ...(agreement.metrics ?? []),
        {
          id: 'paid_leads',
          label: 'Paid leads',
          owner: 'marketing',
          unit: 'count',
          direction: 'higher',
          kind: 'simple',
          of: 'leads',
          agg: 'count',
          filter: { field: 'source', op: 'eq', value: 'paid_search' },
        },
        {
          id: 'paid_share',
          label: 'Paid share',
          owner: 'marketing',
          unit: 'ratio',
          direction: 'higher',
          kind: 'ratio',
          numerator: 'paid_leads',
          denominator: 'leads',
        },
        {
          id: 'mql_per_day',
          label: 'MQLs per day in March',
          owner: 'marketing',
          unit: 'count',
          direction: 'higher',
          kind: 'derived',
          expression: { op: 'div', left: { metric: 'count.mql' }, right: { const: 31 } },
        },
        {
          id: 'sal_in_1d',
          label: 'SAL within a day',
          owner: 'shared',
          unit: 'ratio',
          direction: 'higher',
          kind: 'conversion',
          from: 'mql',
          to: 'sal',
          windowDays: 1,
        },
      ],
    };
    const c = computeScorecard(
      { leads },
      { agreement: custom, asOf, metrics: ['paid_leads', 'paid_share', 'mql_per_day', 'sal_in_1d'] },
    );
    expect(c.totals.metrics.paid_leads).toEqual({ value: 2 });
    expect(c.totals.metrics.paid_share).toEqual({ value: 2 / 6 });
    expect(c.totals.metrics.mql_per_day?.value).toBeCloseTo(4 / 31, 12);
    expect(c.totals.metrics.sal_in_1d).toMatchObject({ value: 0.25, numerator: 1, denominator: 4 });
  });

  it('counts a windowed conversion over mature leads only: a window still open at asOf is no evidence', () => {
    const at = (days: number) => new Date(Date.parse('2026-06-30T12:00:00Z') - days * 86_400_000).toISOString();
    const matured: Lead[] = [
      { id: 'old-won', createdAt: at(130), stageDates: { mql: at(120), opportunity: at(60) } }, // within 90 days
      { id: 'old-late', createdAt: at(130), stageDates: { mql: at(120), opportunity: at(10) } }, // after 110 days
      { id: 'old-none', createdAt: at(130), stageDates: { mql: at(100) } },
    ];
    const young: Lead[] = [
      { id: 'new-won', createdAt: at(35), stageDates: { mql: at(30), opportunity: at(5) } },
      { id: 'new-open', createdAt: at(35), stageDates: { mql: at(30) } }, // 60 days left to convert
    ];
    const card = computeScorecard(
      { leads: [...matured, ...young] },
      { agreement: defaultAgreement, asOf: '2026-06-30T12:00:00Z', metrics: ['mql_to_opportunity_90d', 'count.mql'] },
    );
    expect(card.totals.metrics.mql_to_opportunity_90d).toMatchObject({ value: 1 / 3, numerator: 1, denominator: 3 });
    expect(card.totals.metrics['count.mql']?.value).toBe(5);
    expect(card.metrics.find((m) => m.id === 'mql_to_opportunity_90d')?.formula).toMatch(/whose 90 days had passed/);
  });

  it('splits spend by source and prorates it over the days of the period; leaves it in the totals for other groupings', () => {
    const spend = [
      { channel: 'paid_search', periodStart: '2026-03-01', periodEnd: '2026-03-31', amount: 3_100 },
      { channel: 'social', periodStart: '2026-03-16', periodEnd: '2026-04-14', amount: 3_000 },
    ];
    const bySource = computeScorecard(
      { leads, spend },
      { agreement, asOf, metrics: ['spend', 'cac'], groupBy: ['source'], period: '2026-03' },
    );
    expect(bySource.rows.find((r) => r.group.source === 'paid_search')?.metrics.spend?.value).toBeCloseTo(3_100, 9);
    expect(bySource.rows.find((r) => r.group.source === 'social')?.metrics.spend?.value).toBeCloseTo(1_600, 9);
    const byOwner = computeScorecard(
      { leads, spend },
      { agreement, asOf, metrics: ['leads', 'spend'], groupBy: ['owner'], period: '2026-03' },
    );
    expect(byOwner.rows[0]?.metrics.spend).toEqual({ value: null });
    expect(byOwner.totals.metrics.spend?.value).toBeCloseTo(4_700, 9);
  });

  it('rejects unknown metrics, dimensions and periods with coded issues', () => {
    const issue = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as AccordError).issues[0];
      }
      return undefined;
    };
    expect(
      issue(() => computeScorecard({ leads }, { agreement, asOf, metrics: ['conversion.mql.nope'] })),
    ).toMatchObject({ code: 'unknown_metric', path: ['metrics', 0] });
    expect(issue(() => computeScorecard({ leads }, { agreement, asOf, groupBy: ['colour'] }))).toMatchObject({
      code: 'invalid_argument',
      path: ['groupBy', 0],
    });
    expect(issue(() => computeScorecard({ leads }, { agreement, asOf, period: '2026-13' }))).toMatchObject({
      code: 'invalid_argument',
      path: ['period'],
    });
    expect(issue(() => computeScorecard({ leads }, { agreement, asOf, compareTo: 'previous' }))).toMatchObject({
      code: 'invalid_argument',
      path: ['compareTo'],
    });
  });
});

describe('computeScorecard against a plain implementation', () => {
  const sample = generateSample({ leads: 2_000, seed: 11 });
  const ms = (x: unknown) => (x === undefined ? Number.NaN : toInstantMs(x as string));
  const r7 = (values: number[], q: number) => {
    if (values.length === 0) return null;
    const s = [...values].sort((a, b) => a - b);
    const h = (s.length - 1) * q;
    const k = Math.floor(h);
    const lo = s[k] as number;
    return h === k ? lo : lo * (1 - (h - k)) + (s[k + 1] as number) * (h - k);
  };
  const dims = ['source', 'segment', 'region', 'owner', 'team', 'attributes.industry'] as const;
  const fieldOf = (lead: Lead, dim: (typeof dims)[number]): string => {
    const v =
      dim === 'owner'
        ? lead.ownerId
        : dim === 'team'
          ? lead.teamId
          : dim === 'attributes.industry'
            ? lead.attributes?.industry
            : lead[dim];
    return v === undefined || v === null || v === '' ? '(none)' : String(v);
  };

  it('agrees on counts, conversions and quantiles for any grouping', () => {
    fc.assert(
      fc.property(fc.subarray([...dims], { minLength: 0, maxLength: 2 }), (groupBy) => {
        const card = computeScorecard(sample, {
          agreement,
          asOf: sample.asOf,
          groupBy,
          metrics: ['leads', 'count.mql', 'conversion.mql.sal', 'days.sal.sql.median', 'time_to_first_touch.p90'],
        });
        const expected = new Map<string, { leads: number; mql: number; num: number; days: number[]; ttft: number[] }>();
        for (const lead of sample.leads) {
          const key = JSON.stringify(groupBy.map((dim) => fieldOf(lead, dim)));
          const e = expected.get(key) ?? { leads: 0, mql: 0, num: 0, days: [], ttft: [] };
          expected.set(key, e);
          e.leads++;
          const [mql, sal, sql, touch] = [
            lead.stageDates?.mql,
            lead.stageDates?.sal,
            lead.stageDates?.sql,
            lead.firstTouchAt,
          ].map(ms) as [number, number, number, number];
          if (!Number.isNaN(mql)) e.mql++;
          if (sal >= mql) e.num++;
          if (sql >= sal) e.days.push((sql - sal) / 86_400_000);
          if (touch >= mql) e.ttft.push((touch - mql) / 3_600_000);
        }
        expect(card.rows).toHaveLength(expected.size);
        for (const row of card.rows) {
          const e = expected.get(JSON.stringify(groupBy.map((dim) => row.group[dim])));
          expect(e).toBeDefined();
          if (!e) continue;
          expect(row.metrics.leads?.value).toBe(e.leads);
          expect(row.metrics['count.mql']?.value).toBe(e.mql);
          expect(row.metrics['conversion.mql.sal']).toMatchObject({ numerator: e.num, denominator: e.mql });
          expect(row.metrics['days.sal.sql.median']?.value).toBe(r7(e.days, 0.5));
          expect(row.metrics['time_to_first_touch.p90']?.value).toBe(r7(e.ttft, 0.9));
        }
      }),
      { numRuns: 12 },
    );
  });

  it('gives the same answer from the cache and from fresh arrays', () => {
    const options = { agreement, asOf: sample.asOf, groupBy: ['source'] };
    const first = computeScorecard(sample, options);
    expect(computeScorecard(sample, options)).toEqual(first);
    expect(
      computeScorecard({ ...sample, leads: [...sample.leads], opportunities: [...sample.opportunities] }, options),
    ).toEqual(first);
  });
});

describe('computeScorecard against the engines it summarises', () => {
  const sample = generateSample({ leads: 1_500, seed: 21 });
  const card = computeScorecard(sample, {
    agreement,
    asOf: sample.asOf,
    metrics: ['sla_breach_rate.sales', 'sla_breach_rate.marketing', 'sla.mql_first_touch.breach_rate', 'misroute_rate'],
  });

  it('has the SLA engine’s breach rates (breached ÷ decided, per side and per SLA)', () => {
    const byLead = new Map<string, typeof sample.activities>();
    for (const a of sample.activities) byLead.set(a.leadId, [...(byLead.get(a.leadId) ?? []), a]);
    const statuses = sample.leads.flatMap(
      (lead) => evaluateLeadSlas(lead, byLead.get(lead.id) ?? [], agreement, { now: sample.asOf }).statuses,
    );
    const summary = summarizeSlas(statuses);
    const t = card.totals.metrics;
    expect(t['sla_breach_rate.sales']?.value).toBe(summary.bySide.sales.breachRate);
    expect(t['sla_breach_rate.marketing']?.value).toBe(summary.bySide.marketing.breachRate);
    const first = summary.bySla.find((s) => s.slaId === 'mql_first_touch')?.tally;
    expect(t['sla.mql_first_touch.breach_rate']).toMatchObject({
      numerator: first?.breached,
      denominator: (first?.met ?? 0) + (first?.breached ?? 0),
    });
  });

  it('has the routing audit’s misroute rate', () => {
    const audit = auditRouting(sample.leads, agreement, {
      now: sample.asOf,
      accounts: createAccountDirectory(sample.accounts),
    });
    expect(card.totals.metrics.misroute_rate).toEqual({
      value: audit.misrouteRate,
      numerator: audit.misroutes.length,
      denominator: audit.checked,
    });
  });
});

describe('the metric dictionary', () => {
  it('describes every metric it lists, and lists only what the agreement knows', () => {
    const list = listMetrics(agreement);
    expect(list.length).toBeGreaterThan(60);
    for (const m of list) {
      expect(m.label.length).toBeGreaterThan(0);
      expect(m.formula.length).toBeGreaterThan(0);
      expect(describeMetric(m.id, agreement)).toEqual(m);
      if (m.kind === 'built_in') expect(isBuiltInMetricId(m.id, agreement)).toBe(true);
    }
    expect(describeMetric('conversion.mql.sal', agreement)).toMatchObject({
      unit: 'ratio',
      direction: 'higher',
      target: { min: 0.6 },
      view: 'cohort',
    });
    expect(describeMetric('count.nope', agreement)).toBeUndefined();
  });

  it('computes every listed metric on the sample without NaN', () => {
    const sample = generateSample({ leads: 800, seed: 3 });
    const ids = listMetrics(agreement).map((m) => m.id);
    const card = computeScorecard(sample, {
      agreement,
      asOf: sample.asOf,
      metrics: ids,
      groupBy: ['segment'],
      grain: 'quarter',
    });
    expect(Object.keys(card.totals.metrics)).toEqual(ids);
    for (const v of Object.values(card.totals.metrics)) expect(v.value === null || Number.isFinite(v.value)).toBe(true);
  });
});
