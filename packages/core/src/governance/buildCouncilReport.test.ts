import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toEpochMs } from '../_lib/instant';
import type { Agreement, CouncilDecision } from '../agreement/agreement.types';
import { defaultAgreement } from '../agreement/defaultAgreement';
import { AccordError } from '../errors/AccordError';
import type { Account, Activity, Lead } from '../records/records.types';
import { generateSample } from '../sample/generateSample';
import { computeScorecard } from '../scorecard/computeScorecard';
import { buildCouncilReport } from './buildCouncilReport';

const base = defaultAgreement as Agreement;
// October 2026 in New York ends at 2026-11-01T04:00Z (EDT; the clocks go back later that night).
const asOf = '2026-11-01T04:00:00Z';
const october = { month: '2026-10', asOf };

/** A lead that reached the given stages at the given instants (created at the first). */
function lead(id: string, stages: Record<string, string>, extra: Partial<Lead> = {}): Lead {
  const first = Object.values(stages)[0] as string;
  return { id, createdAt: first, stageDates: { inquiry: first, ...stages }, ...extra };
}

const codes = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AccordError) return error.issues.map((i) => [i.code, i.path.join('.')]);
    throw error;
  }
  return [];
};

describe('buildCouncilReport', () => {
  describe('scorecard, off target and movers', () => {
    // October: 4 MQLs, 1 accepted. September: 2 MQLs, both accepted. August: 2 MQLs, 1 accepted.
    const leads = [
      lead('O1', { mql: '2026-10-05T14:00:00Z', sal: '2026-10-06T14:00:00Z' }),
      lead('O2', { mql: '2026-10-06T14:00:00Z' }),
      lead('O3', { mql: '2026-10-07T14:00:00Z' }),
      lead('O4', { mql: '2026-10-08T14:00:00Z' }),
      lead('S1', { mql: '2026-09-05T14:00:00Z', sal: '2026-09-06T14:00:00Z' }),
      lead('S2', { mql: '2026-09-06T14:00:00Z', sal: '2026-09-07T14:00:00Z' }),
      lead('A1', { mql: '2026-08-05T14:00:00Z', sal: '2026-08-06T14:00:00Z' }),
      lead('A2', { mql: '2026-08-06T14:00:00Z' }),
    ];
    const agreement: Agreement = {
      ...base,
      targets: { 'conversion.mql.sal': { min: 0.6 }, leads: { min: 10 }, 'count.mql': { max: 2 }, 'count.sal': {} },
    };
    const metrics = ['leads', 'count.mql', 'count.sal', 'conversion.mql.sal'];
    const report = buildCouncilReport({ leads }, agreement, { ...october, metrics });
    const metric = (id: string) => report.scorecard.metrics.find((m) => m.id === id);

    it('reads the month and the previous one in the agreement’s time zone', () => {
      expect(report.month).toEqual({
        label: '2026-10',
        from: toEpochMs('2026-10-01T04:00:00Z'),
        to: toEpochMs('2026-11-01T04:00:00Z'),
        complete: true,
      });
      expect(report.previousMonth).toEqual({
        label: '2026-09',
        from: toEpochMs('2026-09-01T04:00:00Z'),
        to: toEpochMs('2026-10-01T04:00:00Z'),
      });
      expect(report.timezone).toBe('America/New_York');
      expect(report.asOf).toBe('2026-11-01T04:00:00.000Z');
    });

    it('gives each metric its value, target, status, previous value and change', () => {
      expect(report.scorecard.metrics.map((m) => m.id)).toEqual(metrics);
      expect(metric('conversion.mql.sal')).toEqual({
        id: 'conversion.mql.sal',
        label: 'MQL → SAL',
        unit: 'ratio',
        direction: 'higher',
        owner: 'shared',
        value: 0.25,
        numerator: 1,
        denominator: 4,
        target: { min: 0.6 },
        status: 'missed',
        previous: 1,
        change: -0.75,
      });
      expect(metric('leads')).toMatchObject({ value: 4, previous: 2, change: 2, status: 'missed' });
      expect(metric('count.mql')).toMatchObject({ value: 4, previous: 2, change: 2, status: 'missed' });
      // An empty band is met by any value.
      expect(metric('count.sal')).toMatchObject({ value: 1, previous: 2, change: -1, status: 'met' });
      expect(report.scorecard).toMatchObject({ met: 1, missed: 3, noValue: 0 });
    });

    it('ranks the misses by |value − limit| ÷ max(|limit|, floor) and heads the report with the largest', () => {
      // 0.35 / 0.6, then 6 / max(10, 20), then 2 / max(2, 20).
      expect(report.offTarget.map((o) => [o.id, o.bound, o.limit, o.gap, o.margin])).toEqual([
        ['conversion.mql.sal', 'min', 0.6, 0.25 - 0.6, (0.6 - 0.25) / 0.6],
        ['leads', 'min', 10, -6, 0.3],
        ['count.mql', 'max', 2, 2, 0.1],
      ]);
      expect(report.headline).toEqual(report.offTarget[0]);
    });

    it('lets the floors change the yardstick, and breaks ties by id', () => {
      const lower = buildCouncilReport({ leads }, agreement, { ...october, metrics, floors: { count: 1 } });
      // 2 / max(2, 1) and 6 / max(10, 1) now beat 0.35 / 0.6.
      expect(lower.offTarget.map((o) => [o.id, o.margin])).toEqual([
        ['count.mql', 1],
        ['leads', 0.6],
        ['conversion.mql.sal', (0.6 - 0.25) / 0.6],
      ]);
      expect(lower.floors.count).toBe(1);
      const tied = buildCouncilReport(
        { leads },
        { ...agreement, targets: { leads: { max: 2 }, 'count.mql': { max: 2 } } },
        { ...october, metrics, floors: { count: 1 } },
      );
      expect(tied.offTarget.map((o) => [o.id, o.margin])).toEqual([
        ['count.mql', 1],
        ['leads', 1],
      ]);
    });

    it('ranks movers by |change| ÷ max(|previous|, floor), good or bad by the metric’s direction', () => {
      expect(report.movers.map((m) => [m.id, m.change, m.relativeChange, m.floor, m.effect])).toEqual([
        ['conversion.mql.sal', -0.75, -0.75, 0.05, 'bad'],
        // 2 / max(2, 20) each: a tie, by id.
        ['count.mql', 2, 0.1, 20, 'good'],
        ['leads', 2, 0.1, 20, 'good'],
        ['count.sal', -1, -0.05, 20, 'bad'],
      ]);
      // A rate carries the denominator it rests on this month.
      expect(report.movers[0]?.denominator).toBe(4);
      expect(report.movers[1]).not.toHaveProperty('denominator');
      const top = buildCouncilReport({ leads }, agreement, { ...october, metrics, moverLimit: 2 });
      expect(top.movers.map((m) => m.id)).toEqual(['conversion.mql.sal', 'count.mql']);
    });

    it('leaves out metrics without a previous value, and measures a rise from zero against the floor', () => {
      const onlyOctober = leads.filter((l) => l.id.startsWith('O'));
      const r = buildCouncilReport({ leads: onlyOctober }, agreement, { ...october, metrics });
      expect(r.scorecard.metrics.find((m) => m.id === 'conversion.mql.sal')).toMatchObject({
        previous: null,
        change: null,
      });
      expect(r.movers.map((m) => [m.id, m.previous, m.relativeChange])).toEqual([
        ['count.mql', 0, 4 / 20],
        ['leads', 0, 4 / 20],
        ['count.sal', 0, 1 / 20],
      ]);
    });

    it('leaves out metrics that did not move', () => {
      const same = [
        ...leads.filter((l) => !l.id.startsWith('O')),
        ...leads
          .filter((l) => l.id.startsWith('S'))
          .map((l) => ({
            ...l,
            id: `N${l.id}`,
            createdAt: (l.createdAt as string).replace('-09-', '-10-'),
            stageDates: Object.fromEntries(
              Object.entries(l.stageDates ?? {}).map(([k, v]) => [k, String(v).replace('-09-', '-10-')]),
            ),
          })),
      ];
      const r = buildCouncilReport({ leads: same }, agreement, { ...october, metrics });
      expect(r.scorecard.metrics.map((m) => m.change)).toEqual([0, 0, 0, 0]);
      expect(r.movers).toEqual([]);
    });

    it('has no headline when every metric with a value meets its target', () => {
      const r = buildCouncilReport({ leads }, { ...base, targets: { leads: { min: 1 } } }, { ...october, metrics });
      expect(r.headline).toBeNull();
      expect(r.offTarget).toEqual([]);
      expect(r.scorecard).toMatchObject({ met: 1, missed: 0 });
    });
  });

  describe('SLA breaches by side and team', () => {
    const agreement: Agreement = {
      ...base,
      leadStandard: { requiredFields: ['email'], suppress: [] },
      slas: [
        {
          id: 'ft',
          kind: 'first_touch',
          label: 'First touch within an hour',
          side: 'sales',
          start: { stage: 'mql' },
          target: { minutes: 60, clock: 'calendar' },
        },
        { id: 'std', kind: 'lead_standard', label: 'Lead standard', side: 'marketing', at: { stage: 'mql' } },
      ],
    };
    const leads: Lead[] = [
      // Touched after 30 minutes (an activity), has an e-mail: both met. Team from the lead.
      lead('A', { mql: '2026-10-05T10:00:00Z' }, { teamId: 'na_sales', email: 'a@acme.com' }),
      // Touched after 2 hours, no e-mail: both breached. No team: the owner's pool (EMEA).
      lead('B', { mql: '2026-10-06T10:00:00Z' }, { ownerId: 'rep_dara', firstTouchAt: '2026-10-06T12:00:00Z' }),
      // Never touched: overdue at asOf, breached. Nobody's.
      lead('C', { mql: '2026-10-07T10:00:00Z' }, { email: 'c@acme.com' }),
      // 23:30 on October 31st in New York: 30 minutes in at asOf, still open.
      lead('D', { mql: '2026-11-01T03:30:00Z' }, { teamId: 'na_sales', email: 'd@acme.com' }),
      // 23:00 on September 30th in New York (already October in UTC): last month's clocks.
      lead('E', { mql: '2026-10-01T03:00:00Z' }, { teamId: 'na_sales' }),
    ];
    const activities: Activity[] = [
      { id: 'X1', leadId: 'A', type: 'call', at: '2026-10-05T10:30:00Z' },
      // Another lead's touch does not stop C's clock.
      { id: 'X2', leadId: 'A', type: 'call', at: '2026-10-07T10:10:00Z' },
    ];
    const report = buildCouncilReport({ leads, activities }, agreement, october);

    it('counts the clocks that started in the month, judged at asOf, by side and by SLA', () => {
      expect(report.slas.clocks).toBe(8);
      expect(report.slas.bySide).toEqual({
        sales: { started: 4, open: 1, met: 1, breached: 2, breachRate: 2 / 3 },
        marketing: { started: 4, open: 0, met: 3, breached: 1, breachRate: 0.25 },
      });
      expect(report.slas.bySla.map((s) => [s.slaId, s.tally.breached])).toEqual([
        ['ft', 2],
        ['std', 1],
      ]);
    });

    it('puts each clock in the lead’s team, else its owner’s pool, else (none); most breaches first, (none) last', () => {
      expect(report.slas.byTeam.map((t) => [t.team, t.bySide.sales.breached, t.bySide.marketing.breached])).toEqual([
        ['emea_sales', 1, 1],
        ['na_sales', 0, 0],
        ['(none)', 1, 0],
      ]);
      expect(report.slas.byTeam[1]?.total).toEqual({ started: 4, open: 1, met: 3, breached: 0, breachRate: 0 });
    });

    it('agrees with the scorecard’s SLA breach rates for the month', () => {
      const card = computeScorecard(
        { leads, activities },
        { agreement, asOf, period: '2026-10', metrics: ['sla_breach_rate.sales', 'sla_breach_rate.marketing'] },
      );
      expect(card.totals.metrics['sla_breach_rate.sales']?.value).toBe(report.slas.bySide.sales.breachRate);
      expect(card.totals.metrics['sla_breach_rate.marketing']?.value).toBe(report.slas.bySide.marketing.breachRate);
    });
  });

  describe('reject reasons', () => {
    const rejected = (id: string, at: string, reasonId: string, extra: Partial<Lead> = {}): Lead =>
      lead(id, { mql: '2026-09-20T14:00:00Z' }, { disposition: { reasonId, at }, ...extra });
    const leads: Lead[] = [
      rejected('R1', '2026-10-03T14:00:00Z', 'no_budget', { source: 'social', campaignId: 'spring' }),
      rejected('R2', '2026-10-04T14:00:00Z', 'no_budget', { source: 'social', campaignId: 'spring' }),
      rejected('R3', '2026-10-05T14:00:00Z', 'competitor', { source: 'social' }),
      rejected('R4', '2026-10-06T14:00:00Z', 'no_timing', { source: 'paid_search', campaignId: 'spring' }),
      rejected('R5', '2026-10-07T14:00:00Z', 'no_budget'),
      // 23:00 on September 30th in New York: not October's.
      rejected('R6', '2026-10-01T03:00:00Z', 'no_budget', { source: 'social' }),
      // 23:59 on October 31st in New York: October's.
      rejected('R7', '2026-11-01T03:59:00Z', 'no_timing', { source: 'webinar' }),
      rejected('R8', '2026-10-08T14:00:00Z', 'mystery', { source: 'social' }),
      lead('R9', { mql: '2026-10-08T14:00:00Z' }, { source: 'social' }),
    ];

    it('mixes the month’s dispositions by source, totals first, with every reason named', () => {
      const { rejects } = buildCouncilReport({ leads }, base, october);
      expect(rejects.by).toBe('source');
      expect(rejects.dispositions).toBe(7);
      expect(rejects.rows[0]).toEqual({
        group: '(all)',
        rejected: 7,
        counts: { no_budget: 3, competitor: 1, no_timing: 2, mystery: 1 },
        shares: { no_budget: 3 / 7, competitor: 1 / 7, no_timing: 2 / 7, mystery: 1 / 7 },
      });
      expect(rejects.rows.find((r) => r.group === 'social')?.counts).toEqual({
        no_budget: 2,
        competitor: 1,
        mystery: 1,
      });
      expect(rejects.rows.map((r) => [r.group, r.rejected])).toEqual([
        ['(all)', 7],
        ['social', 4],
        ['(none)', 1],
        ['paid_search', 1],
        ['webinar', 1],
      ]);
      // The agreement's reasons in its order, then the unknown ones found in the data.
      expect(rejects.reasons.map((r) => r.id)).toEqual([...(base.dispositions ?? []).map((r) => r.id), 'mystery']);
      expect(rejects.reasons.at(-1)).toEqual({ id: 'mystery', label: 'mystery', action: null });
    });

    it('breaks them down by another dimension with groupBy', () => {
      const { rejects } = buildCouncilReport({ leads }, base, { ...october, groupBy: 'campaign' });
      expect(rejects.by).toBe('campaign');
      expect(rejects.rows.map((r) => [r.group, r.rejected])).toEqual([
        ['(all)', 7],
        ['(none)', 4],
        ['spring', 3],
      ]);
    });
  });

  describe('misroutes', () => {
    const accounts: Account[] = [{ id: 'ACC1', domain: 'globex.com', ownerId: 'ae_grace' }];
    const created = (id: string, at: string, extra: Partial<Lead>): Lead => ({ id, createdAt: at, ...extra });
    const leads: Lead[] = [
      created('M1', '2026-10-03T14:00:00Z', { region: 'emea', ownerId: 'rep_ava' }),
      created('M2', '2026-10-03T15:00:00Z', { region: 'emea', ownerId: 'rep_dara' }),
      created('M3', '2026-10-04T14:00:00Z', { region: 'emea' }),
      created('M4', '2026-10-04T15:00:00Z', { ownerId: 'rep_ben' }),
      created('M5', '2026-10-02T14:00:00Z', { region: 'na', ownerId: 'rep_ava', attributes: { employees: 5000 } }),
      created('M6', '2026-10-04T16:00:00Z', { region: 'na', ownerId: 'rep_ben', email: 'kim@globex.com' }),
      created('M7', '2026-09-15T14:00:00Z', { region: 'emea', ownerId: 'rep_ava' }),
    ];
    const report = buildCouncilReport({ leads, accounts }, base, october);

    it('audits the leads created in the month: rate, counts and the misroutes oldest first', () => {
      expect(report.routing).toMatchObject({
        leads: 6,
        checked: 4,
        misrouted: 3,
        misrouteRate: 0.75,
        unassigned: 1,
        queueRouted: 1,
      });
      expect(report.routing?.misroutes.map((m) => [m.leadId, m.ownerId, m.expected.ruleId])).toEqual([
        ['M5', 'rep_ava', 'enterprise'],
        ['M1', 'rep_ava', 'territory'],
        ['M6', 'rep_ben', 'account_owner'],
      ]);
      expect(report.routing?.misroutes[2]?.message).toBe(
        'Owned by rep_ben, but rule "account_owner" assigns user ae_grace.',
      );
    });

    it('lists at most misrouteLimit of them, counting them all, and agrees with the scorecard’s misroute rate', () => {
      const r = buildCouncilReport({ leads, accounts }, base, { ...october, misrouteLimit: 2 });
      expect(r.routing?.misroutes.map((m) => m.leadId)).toEqual(['M5', 'M1']);
      expect(r.routing?.misrouted).toBe(3);
      const card = computeScorecard(
        { leads, accounts },
        { agreement: base, asOf, period: '2026-10', metrics: ['misroute_rate'] },
      );
      expect(card.totals.metrics.misroute_rate).toMatchObject({ value: 0.75, numerator: 3, denominator: 4 });
    });

    it('has no routing section when the agreement has no routing', () => {
      const { routing: _, ...noRouting } = base;
      expect(buildCouncilReport({ leads }, noRouting as Agreement, october).routing).toBeNull();
    });
  });

  describe('decisions due for review', () => {
    const leads = [
      lead('O1', { mql: '2026-10-05T14:00:00Z', sal: '2026-10-06T14:00:00Z' }),
      lead('O2', { mql: '2026-10-06T14:00:00Z' }),
      lead('O3', { mql: '2026-10-07T14:00:00Z' }),
      lead('O4', { mql: '2026-10-08T14:00:00Z' }),
      lead('S1', { mql: '2026-09-05T14:00:00Z', sal: '2026-09-06T14:00:00Z' }),
      lead('S2', { mql: '2026-09-06T14:00:00Z', sal: '2026-09-07T14:00:00Z' }),
      lead('A1', { mql: '2026-08-05T14:00:00Z', sal: '2026-08-06T14:00:00Z' }),
      lead('A2', { mql: '2026-08-06T14:00:00Z' }),
    ];
    const decision = (id: string, extra: Partial<CouncilDecision>): CouncilDecision => ({
      id,
      date: '2026-09-03',
      decision: `Decision ${id}`,
      owner: 'RevOps',
      ...extra,
    });
    const decisions: CouncilDecision[] = [
      decision('D1', { metric: 'conversion.mql.sal', reviewOn: '2026-10-20' }),
      decision('D2', { date: '2026-08-01', reviewOn: '2026-09-15' }),
      decision('D3', { reviewOn: '2026-10-10', status: 'done' }),
      decision('D4', { reviewOn: '2026-11-05' }),
      decision('D5', {}),
      decision('D6', { reviewOn: '2026-10-10', status: 'reverted' }),
      decision('D7', { date: '2026-10-01', metric: 'leads', reviewOn: '2026-10-02', status: 'open' }),
    ];
    const agreement: Agreement = { ...base, decisions };
    const report = buildCouncilReport({ leads }, agreement, { ...october, metrics: ['leads'] });

    it('lists open decisions reviewed in the month or before it, overdue first, then by review date', () => {
      expect(report.decisions.due.map((d) => [d.decision.id, d.timing])).toEqual([
        ['D2', 'overdue'],
        ['D7', 'due'],
        ['D1', 'due'],
      ]);
      expect(report.decisions.unscheduled).toEqual(['D5']);
      expect(report.decisions.open).toBe(5);
      expect(report.decisions.due[0]?.metric).toBeNull();
      expect(report.decisions.due[0]?.decision).toEqual(decisions[1]);
    });

    it('gives a watched metric now, against its target, and in the last whole month before the decision', () => {
      // conversion.mql.sal is not on this scorecard: it is looked up for the decision.
      expect(report.scorecard.metrics.map((m) => m.id)).toEqual(['leads']);
      expect(report.decisions.due[2]?.metric).toMatchObject({
        id: 'conversion.mql.sal',
        value: 0.25,
        target: { min: 0.6 },
        status: 'missed',
        previous: 1,
        change: -0.75,
        baseline: { month: '2026-08', value: 0.5 },
        sinceDecision: -0.25,
      });
      // Decided on October 1st: its baseline is September, the previous month.
      expect(report.decisions.due[1]?.metric).toMatchObject({
        id: 'leads',
        value: 4,
        baseline: { month: '2026-09', value: 2 },
        sinceDecision: 2,
      });
    });

    it('reports a decision watching a metric the agreement does not define, by its place in the log', () => {
      const bad = { ...agreement, decisions: [...decisions, decision('D8', { metric: 'no.such.metric' })] };
      expect(codes(() => buildCouncilReport({ leads }, bad, october))).toEqual([
        ['unknown_metric', 'decisions.7.metric'],
      ]);
    });
  });

  describe('options', () => {
    const leads = [lead('L1', { mql: '2026-10-05T14:00:00Z' })];

    it('refuses a month that is not YYYY-MM, or that starts after asOf', () => {
      for (const month of ['2026-13', '2026-1', '2026-10-01', '2026-Q4', 'october'])
        expect(codes(() => buildCouncilReport({ leads }, base, { month, asOf }))).toEqual([
          ['invalid_argument', 'month'],
        ]);
      expect(codes(() => buildCouncilReport({ leads }, base, { month: '2026-11', asOf }))).toEqual([
        ['invalid_argument', 'month'],
      ]);
    });

    it('marks a month still running at asOf as incomplete', () => {
      const r = buildCouncilReport({ leads }, base, { month: '2026-10', asOf: '2026-10-20T00:00:00Z' });
      expect(r.month.complete).toBe(false);
    });

    it('refuses a bad asOf, dimension, limit, floor or metric', () => {
      expect(codes(() => buildCouncilReport({ leads }, base, { month: '2026-10', asOf: 'yesterday' }))).toEqual([
        ['invalid_instant', 'asOf'],
      ]);
      expect(codes(() => buildCouncilReport({ leads }, base, { ...october, groupBy: 'colour' }))).toEqual([
        ['invalid_argument', 'groupBy'],
      ]);
      expect(codes(() => buildCouncilReport({ leads }, base, { ...october, moverLimit: 0 }))).toEqual([
        ['invalid_argument', 'moverLimit'],
      ]);
      expect(codes(() => buildCouncilReport({ leads }, base, { ...october, misrouteLimit: 1.5 }))).toEqual([
        ['invalid_argument', 'misrouteLimit'],
      ]);
      expect(codes(() => buildCouncilReport({ leads }, base, { ...october, floors: { ratio: 0 } }))).toEqual([
        ['invalid_argument', 'floors.ratio'],
      ]);
      expect(codes(() => buildCouncilReport({ leads }, base, { ...october, floors: { parsecs: 1 } as never }))).toEqual(
        [['invalid_argument', 'floors.parsecs']],
      );
      expect(codes(() => buildCouncilReport({ leads }, base, { ...october, metrics: ['leads', 'nope'] }))).toEqual([
        ['unknown_metric', 'metrics.1'],
      ]);
    });

    it('leaves out invalid records and reports them, naming the record and field, in every section', () => {
      const disposition = { reasonId: 'no_budget', at: '2026-10-09T14:00:00Z' };
      const rows = [
        lead('L1', { mql: '2026-10-05T14:00:00Z' }, { disposition, ownerId: 'rep_ava', region: 'emea' }),
        { id: 'L2', createdAt: '31/10/2026', disposition },
        { ...lead('L1', { mql: '2026-10-06T14:00:00Z' }), disposition, ownerId: 'rep_ava', region: 'emea' },
      ] as Lead[];
      const r = buildCouncilReport({ leads: rows }, base, october);
      expect(r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
        ['invalid_instant', 'leads.1.createdAt'],
        ['duplicate_id', 'leads.2.id'],
      ]);
      expect(r.scorecard.metrics.find((m) => m.id === 'leads')?.value).toBe(1);
      expect(r.rejects.dispositions).toBe(1);
      expect(r.routing).toMatchObject({ leads: 1, misrouted: 1 });
    });
  });

  describe('on generated data', () => {
    const sample = generateSample({ leads: 5000, seed: 2 });
    const agreement: Agreement = {
      ...base,
      decisions: [
        {
          id: 'D-1',
          date: '2026-04-08',
          decision: 'Demo requests go to the rep on shift first',
          owner: 'RevOps',
          metric: 'sla.demo_request_first_touch.breach_rate',
          reviewOn: '2026-06-15',
        },
        {
          id: 'D-2',
          date: '2026-05-06',
          decision: 'Raise the MQL bar to 50 employees',
          owner: 'Marketing ops',
          metric: 'conversion.mql.sal',
          reviewOn: '2026-05-20',
        },
      ],
    };
    const options = { month: '2026-06', asOf: sample.asOf };
    const report = buildCouncilReport(sample, agreement, options);
    const june = { from: report.month.from, to: report.month.to };
    const inJune = (at: string | number | undefined) =>
      at !== undefined && toEpochMs(at) >= june.from && toEpochMs(at) < june.to;

    it('matches the scorecard for the month, metric by metric', () => {
      const card = computeScorecard(sample, { agreement, asOf: sample.asOf, period: '2026-06', compareTo: 'previous' });
      expect(report.scorecard.metrics.map((m) => m.id)).toEqual(card.metrics.map((m) => m.id));
      for (const m of report.scorecard.metrics) {
        const cell = card.totals.metrics[m.id];
        expect([m.id, m.value, m.previous, m.change, m.status]).toEqual([
          m.id,
          cell?.value ?? null,
          cell?.previous ?? null,
          cell?.change ?? null,
          cell?.status ?? null,
        ]);
      }
      expect(report.month.complete).toBe(true);
      expect(report.previousMonth.label).toBe('2026-05');
    });

    it('heads the report with the largest miss and ranks the five biggest movers', () => {
      expect(report.headline).not.toBeNull();
      expect(report.headline).toEqual(report.offTarget[0]);
      for (const o of report.offTarget) expect(o.margin).toBeLessThanOrEqual(report.headline?.margin ?? 0);
      expect(report.offTarget.length).toBe(report.scorecard.missed);
      expect(report.movers).toHaveLength(5);
      const scores = report.movers.map((m) => Math.abs(m.relativeChange));
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    });

    it('agrees with the scorecard’s SLA breach and misroute rates, and counts the month’s dispositions', () => {
      const card = computeScorecard(sample, {
        agreement,
        asOf: sample.asOf,
        period: '2026-06',
        metrics: ['sla_breach_rate.sales', 'sla_breach_rate.marketing', 'misroute_rate'],
      });
      expect(report.slas.bySide.sales.breachRate).toBe(card.totals.metrics['sla_breach_rate.sales']?.value);
      expect(report.slas.bySide.marketing.breachRate).toBe(card.totals.metrics['sla_breach_rate.marketing']?.value);
      expect(report.slas.bySide.sales.breached).toBeGreaterThan(0);
      const teams = report.slas.byTeam.reduce((n, t) => n + t.total.started, 0);
      expect(teams).toBe(report.slas.clocks);
      expect(report.routing?.misrouteRate).toBe(card.totals.metrics.misroute_rate?.value);
      expect(report.routing?.checked).toBe(card.totals.metrics.misroute_rate?.denominator);
      expect(report.routing?.misroutes).toHaveLength(10);
      const dispositions = sample.leads.filter((l) => inJune(l.disposition?.at)).length;
      expect(report.rejects.dispositions).toBe(dispositions);
      expect(report.rejects.rows[0]?.rejected).toBe(dispositions);
    });

    it('brings both decisions to the council, with their metrics', () => {
      expect(report.decisions.due.map((d) => [d.decision.id, d.timing, d.metric?.baseline.month])).toEqual([
        ['D-2', 'overdue', '2026-04'],
        ['D-1', 'due', '2026-03'],
      ]);
      const watched = report.decisions.due[1]?.metric;
      expect(watched?.value).toBe(
        report.slas.bySla.find((s) => s.slaId === 'demo_request_first_touch')?.tally.breachRate,
      );
    });

    it('gives the same report whatever the order of the records', () => {
      const shuffled = {
        ...sample,
        leads: [...sample.leads].reverse(),
        activities: [...sample.activities].reverse(),
        accounts: [...sample.accounts].reverse(),
      };
      expect(buildCouncilReport(shuffled, agreement, options)).toEqual(report);
    });

    it('keeps its laws for any month and floors (property)', () => {
      const units = ['ratio', 'count', 'money', 'days', 'hours', 'minutes'] as const;
      fc.assert(
        fc.property(
          fc.constantFrom('2026-02', '2026-03', '2026-04', '2026-05'),
          fc.record(Object.fromEntries(units.map((u) => [u, fc.double({ min: 0.001, max: 1e6, noNaN: true })]))),
          (month, floors) => {
            const r = buildCouncilReport(sample, agreement, { month, asOf: sample.asOf, floors });
            // The movers are the top of every moved metric by the documented score.
            const scored = r.scorecard.metrics
              .filter((m) => m.value !== null && m.previous !== null && m.change !== null && m.change !== 0)
              .map((m) => ({
                id: m.id,
                score: Math.abs(m.change as number) / Math.max(Math.abs(m.previous as number), r.floors[m.unit]),
              }))
              .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
            expect(r.movers.map((m) => m.id)).toEqual(scored.slice(0, 5).map((s) => s.id));
            // The headline misses by the largest margin; every miss is listed.
            for (const o of r.offTarget) expect(o.margin).toBeLessThanOrEqual(r.headline?.margin ?? 0);
            expect(r.offTarget.length).toBe(r.scorecard.missed);
            // Teams split the sides' clocks exactly; groups split the reject totals.
            for (const side of ['sales', 'marketing'] as const)
              expect(r.slas.byTeam.reduce((n, t) => n + t.bySide[side].breached, 0)).toBe(r.slas.bySide[side].breached);
            expect(r.rejects.rows.slice(1).reduce((n, row) => n + row.rejected, 0)).toBe(r.rejects.rows[0]?.rejected);
          },
        ),
        { numRuns: 8 },
      );
    });
  });
});
