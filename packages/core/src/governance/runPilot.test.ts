import { describe, expect, it } from 'vitest';
import type { Agreement } from '../agreement/agreement.types';
import { defaultAgreement } from '../agreement/defaultAgreement';
import type { Lead, Opportunity } from '../records/records.types';
import { generateSample } from '../sample/generateSample';
import { runPilot } from './runPilot';

const asOf = '2026-06-30T00:00:00Z';
const lead = (id: string, employees: number, stages: Record<string, string>, engagementScore = 50): Lead => ({
  id,
  createdAt: '2026-03-01T10:00:00Z',
  source: 'webinar',
  email: `${id}@example.com`,
  attributes: { employees, demoRequested: false, engagementScore },
  stageDates: stages,
});
const path = (...ids: string[]) =>
  Object.fromEntries(ids.map((id, i) => [id, `2026-03-0${i + 1}T12:00:00Z`])) as Record<string, string>;

const leads: Lead[] = [
  lead('big-won', 500, path('inquiry', 'mql', 'sal', 'sql', 'opportunity', 'closed_won')),
  lead('small-sal', 30, path('inquiry', 'mql', 'sal')),
  lead('small-mql', 25, path('inquiry', 'mql')),
  lead('big-inquiry', 400, path('inquiry'), 10), // not engaged: the baseline never qualifies it
];
const opportunities: Opportunity[] = [
  {
    id: 'o1',
    leadIds: ['big-won'],
    createdAt: '2026-03-05T12:00:00Z',
    stage: 'closed_won',
    amount: 1_000_000,
    currency: 'USD',
    closedAt: '2026-03-06T12:00:00Z',
    won: true,
  },
  {
    id: 'o2',
    leadIds: ['small-sal'],
    createdAt: '2026-03-04T12:00:00Z',
    stage: 'proposal',
    amount: 300_000,
    currency: 'USD',
  },
];

/** The candidate: MQL needs 100+ employees (or a demo request). */
const stricter: Agreement = {
  ...defaultAgreement,
  version: '1.1.0-pilot',
  stages: defaultAgreement.stages.map((s) =>
    s.id === 'mql'
      ? {
          ...s,
          entry: {
            any: [
              { field: 'attributes.demoRequested', op: 'eq', value: true },
              { field: 'attributes.employees', op: 'gte', value: 100 },
            ],
          },
        }
      : s,
  ),
};
const metrics = ['count.mql', 'count.sal', 'pipeline_created'];

describe('runPilot', () => {
  it('finds no difference between a version and itself', () => {
    const pilot = runPilot({ leads, opportunities }, defaultAgreement, defaultAgreement, { asOf, metrics });
    expect(pilot.changes).toEqual([]);
    expect(pilot.stages).toEqual([]);
    for (const m of Object.values(pilot.totals.metrics)) expect(m.delta ?? 0).toBe(0);
  });

  it('splits a changed stage into leads both, only the baseline and only the candidate qualify', () => {
    const pilot = runPilot({ leads, opportunities }, defaultAgreement, stricter, { asOf, metrics });
    expect(pilot.changes.map((c) => c.path.join('.'))).toEqual(['stages.1.entry']);
    const [mql] = pilot.stages;
    expect(mql).toMatchObject({ stageId: 'mql', nextStageId: 'sal' });
    expect(mql?.both.leads).toBe(1); // big-won
    expect(mql?.baselineOnly.leads).toBe(2); // small-sal, small-mql: the candidate drops them
    expect(mql?.baselineOnly.reachedNext).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
    expect(mql?.candidateOnly.leads).toBe(1); // big-inquiry: 400 employees, never handed over
    expect(mql?.candidateOnly.reachedNext.numerator).toBe(0);
  });

  it('cuts what a dropped lead went on to do, and its deal', () => {
    const pilot = runPilot({ leads, opportunities }, defaultAgreement, stricter, { asOf, metrics });
    const totals = pilot.totals.metrics;
    expect(totals['count.mql']?.baseline?.value).toBe(3);
    expect(totals['count.mql']?.candidate?.value).toBe(2);
    expect(totals['count.sal']).toMatchObject({ baseline: { value: 2 }, candidate: { value: 1 }, delta: -1 });
    expect(totals.pipeline_created?.delta).toBe(-300_000);
  });

  it('reads the recorded stages on both sides with reclassify: false', () => {
    const pilot = runPilot({ leads, opportunities }, defaultAgreement, stricter, { asOf, metrics, reclassify: false });
    expect(pilot.stages).toEqual([]);
    expect(pilot.changes).toHaveLength(1);
    for (const m of Object.values(pilot.totals.metrics)) expect(m.delta).toBe(0);
  });

  it('judges each side against its own targets', () => {
    const candidate = {
      ...defaultAgreement,
      version: '2',
      targets: { ...defaultAgreement.targets, 'count.mql': { min: 10 } },
    };
    const pilot = runPilot({ leads, opportunities }, defaultAgreement, candidate, { asOf, metrics });
    expect(pilot.totals.metrics['count.mql']?.candidate).toMatchObject({ target: { min: 10 }, status: 'missed' });
    expect(pilot.totals.metrics['count.mql']?.delta).toBe(0);
  });

  it('pairs rows by group and keeps groups that exist on one side only', () => {
    const pilot = runPilot({ leads, opportunities }, defaultAgreement, stricter, {
      asOf,
      metrics,
      groupBy: ['source'],
    });
    expect(pilot.rows.map((r) => r.group)).toEqual([{ source: 'webinar' }]);
  });

  it('keeps the split consistent with the stage counts on generated data', () => {
    const sample = generateSample({ leads: 1500, seed: 5 });
    const pilot = runPilot(sample, defaultAgreement, stricter, { asOf: sample.asOf, metrics: ['count.mql'] });
    const [mql] = pilot.stages;
    const count = pilot.totals.metrics['count.mql'];
    expect((mql?.both.leads ?? 0) + (mql?.baselineOnly.leads ?? 0)).toBe(count?.baseline?.value);
    expect((mql?.both.leads ?? 0) + (mql?.candidateOnly.leads ?? 0)).toBe(count?.candidate?.value);
  });
});
