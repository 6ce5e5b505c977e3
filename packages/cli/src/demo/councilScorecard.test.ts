import { computeScorecard, defaultAgreement, generateSample } from '@accord/core';
import { describe, expect, it } from 'vitest';
import {
  councilColumns,
  councilMetrics,
  formatTarget,
  renderCouncilScorecard,
  toCouncilScorecard,
} from './councilScorecard';

const sample = generateSample({ leads: 800, seed: 3 });
const columns = councilColumns(defaultAgreement);
const card = computeScorecard(
  { leads: sample.leads },
  {
    agreement: defaultAgreement,
    asOf: sample.asOf,
    groupBy: ['source'],
    metrics: councilMetrics(columns),
    view: 'cohort',
  },
);

describe('councilColumns', () => {
  it('lists each open stage from the one before, then won from the last open stage, with targets', () => {
    expect(columns.map((c) => c.metric)).toEqual([
      'conversion.inquiry.mql',
      'conversion.mql.sal',
      'conversion.sal.sql',
      'conversion.sql.opportunity',
      'conversion.opportunity.closed_won',
    ]);
    expect(columns.find((c) => c.to === 'sal')?.target).toEqual({ min: 0.6 });
  });
});

describe('toCouncilScorecard', () => {
  it('has one row per source, largest first, whose leads add up to the total', () => {
    const council = toCouncilScorecard(card, columns);
    expect(council.rows.map((r) => r.leads)).toEqual([...council.rows.map((r) => r.leads)].sort((a, b) => b - a));
    expect(council.rows.reduce((n, r) => n + r.leads, 0)).toBe(800);
    expect(council.totals.leads).toBe(800);
  });

  it('marks each conversion with a target as met or missed', () => {
    const council = toCouncilScorecard(card, columns);
    const sal = columns.findIndex((c) => c.to === 'sal');
    const cell = council.totals.cells[sal];
    expect(cell?.status).toBe((cell?.value ?? 0) >= 0.6 ? 'met' : 'missed');
    expect(council.totals.cells[0]?.status).toBeNull(); // inquiry → MQL has no target
  });
});

describe('renderCouncilScorecard', () => {
  it('prints sources × conversions with ✓ / ✗ and a totals row', () => {
    const text = renderCouncilScorecard(toCouncilScorecard(card, columns));
    expect(text).toMatch(/^\s+source\s+leads\s+→MQL\s+→SAL\s+→SQL\s+→Opportunity\s+→Closed won$/m);
    expect(text).toMatch(/^\s+total\s+800\s+[\d.]+%\s+[\d.]+% [✓✗]/m);
    expect(text).toContain('Targets: MQL→SAL ≥ 60%, SAL→SQL ≥ 45%');
  });
});

describe('formatTarget', () => {
  it('writes bands, floors and ceilings', () => {
    expect(formatTarget({ min: 0.25 })).toBe('≥ 25%');
    expect(formatTarget({ max: 0.05 })).toBe('≤ 5%');
    expect(formatTarget({ min: 0.1, max: 0.2 })).toBe('10%–20%');
  });
});
