import { describe, expect, it } from 'vitest';
import { defaultAgreement } from '../agreement/defaultAgreement';
import { AccordError } from '../errors/AccordError';
import type { Lead } from '../records/records.types';
import { generateSample } from '../sample/generateSample';
import { computeScorecard } from '../scorecard/computeScorecard';
import { computeFunnel } from './computeFunnel';
import { deriveLifecycle } from './deriveLifecycle';

const H = 3_600_000;
const t0 = Date.UTC(2026, 2, 2, 14, 0);
const at = (hours: number) => new Date(t0 + hours * H).toISOString();
const lead = (id: string, stageDates: Record<string, string>, extra: Partial<Lead> = {}): Lead => ({
  id,
  createdAt: at(0),
  stageDates,
  ...extra,
});

describe('computeFunnel', () => {
  it('lists the open stages in order, then the won stage, and no side stages', () => {
    const funnel = computeFunnel([], defaultAgreement);
    expect(funnel.steps.map((s) => [s.stage, s.kind])).toEqual([
      ['inquiry', 'open'],
      ['mql', 'open'],
      ['sal', 'open'],
      ['sql', 'open'],
      ['opportunity', 'open'],
      ['closed_won', 'won'],
    ]);
    expect(funnel.steps.every((s) => s.count === 0 && s.fromTop === null && s.fromPrevious === null)).toBe(true);
  });

  it('counts the leads that reached each stage with conversions from the previous step and the top', () => {
    const leads = [
      lead('a', { inquiry: at(0) }),
      lead('b', { inquiry: at(0), mql: at(2) }),
      lead('c', { inquiry: at(0), mql: at(4), sal: at(10) }),
      lead('d', { inquiry: at(0), mql: at(6), sal: at(8), closed_lost: at(20) }),
    ];
    const steps = computeFunnel(leads, defaultAgreement).steps;
    expect(steps.map((s) => s.count)).toEqual([4, 3, 2, 0, 0, 0]);
    expect(steps[1]).toMatchObject({ fromPrevious: 0.75, fromTop: 0.75, medianMsFromPrevious: 4 * H });
    expect(steps[2]).toMatchObject({ fromPrevious: 2 / 3, fromTop: 0.5, medianMsFromPrevious: 4 * H });
    expect(steps[3]).toMatchObject({ fromPrevious: 0, fromTop: 0, medianMsFromPrevious: null });
    expect(steps[0]?.fromPrevious).toBeNull();
  });

  it('counts a lead that skipped a stage at that stage, and reports it in skipped', () => {
    const steps = computeFunnel([lead('a', { inquiry: at(0), sal: at(3) })], defaultAgreement).steps;
    expect(steps.map((s) => [s.count, s.skipped])).toEqual([
      [1, 0],
      [1, 1],
      [1, 0],
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    expect(steps[2]?.medianMsFromPrevious).toBeNull();
  });

  it('converts a won stage from the last open stage', () => {
    const won = lead('w', {
      inquiry: at(0),
      mql: at(1),
      sal: at(2),
      sql: at(3),
      opportunity: at(4),
      closed_won: at(9),
    });
    const lost = lead('l', {
      inquiry: at(0),
      mql: at(1),
      sal: at(2),
      sql: at(3),
      opportunity: at(5),
      closed_lost: at(9),
    });
    const steps = computeFunnel([won, lost], defaultAgreement).steps;
    expect(steps.at(-1)).toMatchObject({
      stage: 'closed_won',
      count: 1,
      fromPrevious: 0.5,
      medianMsFromPrevious: 5 * H,
    });
    expect(steps[4]?.count).toBe(2);
  });

  it('keeps only leads created in the window when from and to are given', () => {
    const leads = [lead('a', {}, { createdAt: at(0) }), lead('b', {}, { createdAt: at(24) })];
    const funnel = computeFunnel(leads, defaultAgreement, { from: at(1), to: at(48) });
    expect(funnel.leads).toBe(1);
    expect(funnel.steps[0]?.count).toBe(1);
  });

  it('splits by a dimension, largest group first and "(none)" last', () => {
    const leads = [
      lead('a', { inquiry: at(0) }, { source: 'webinar' }),
      lead('b', { inquiry: at(0), mql: at(1) }, { source: 'email' }),
      lead('c', { inquiry: at(0) }, { source: 'email' }),
      lead('d', { inquiry: at(0) }),
    ];
    const funnel = computeFunnel(leads, defaultAgreement, { groupBy: 'source' });
    expect(funnel.groupBy).toBe('source');
    expect(funnel.groups.map((g) => [g.key, g.leads, g.steps[1]?.count])).toEqual([
      ['email', 2, 1],
      ['webinar', 1, 0],
      ['(none)', 1, 0],
    ]);
  });

  it('reports data problems with the lead index in the path', () => {
    const funnel = computeFunnel([lead('a', { inquiry: at(0), qualified: at(1) })], defaultAgreement);
    expect(funnel.issues).toHaveLength(1);
    expect(funnel.issues[0]).toMatchObject({ code: 'unknown_stage', path: ['leads', 0, 'stageDates', 'qualified'] });
  });

  it('throws an AccordError when the dimension is unknown', () => {
    expect(() => computeFunnel([], defaultAgreement, { groupBy: 'colour' })).toThrow(AccordError);
  });

  it('throws an AccordError when from is not before to', () => {
    expect(() => computeFunnel([], defaultAgreement, { from: at(2), to: at(1) })).toThrow(AccordError);
  });

  it('matches deriveLifecycle and the scorecard stage counts on a generated sample', () => {
    const sample = generateSample({ leads: 600, seed: 11 });
    const funnel = computeFunnel(sample.leads, defaultAgreement);
    for (const step of funnel.steps) {
      const direct = sample.leads.filter((l) => deriveLifecycle(l, defaultAgreement).reached.includes(step.stage));
      expect(step.count, step.stage).toBe(direct.length);
    }
    const card = computeScorecard(sample, {
      agreement: defaultAgreement,
      metrics: funnel.steps.map((s) => `count.${s.stage}`),
      view: 'cohort',
      asOf: sample.asOf,
    });
    for (const step of funnel.steps) {
      // The scorecard counts leads with a stage date; the sample's inquiries all have one.
      expect(card.totals.metrics[`count.${step.stage}`]?.value, step.stage).toBe(step.count);
    }
  });
});
