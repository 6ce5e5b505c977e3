import { describe, expect, it } from 'vitest';
import type { Agreement } from '../agreement/agreement.types';
import { defaultAgreement } from '../agreement/defaultAgreement';
import { AccordError } from '../errors/AccordError';
import { generateSample } from '../sample/generateSample';
import { computeScorecard } from '../scorecard/computeScorecard';
import { parseAgreementHistory } from './parseAgreementHistory';
import { scorecardByVersion } from './scorecardByVersion';

const sample = generateSample({ leads: 3000, seed: 6 });
const v1: Agreement = { ...defaultAgreement, version: '2026.1', effectiveFrom: '2026-01-01' };
const v2: Agreement = {
  ...defaultAgreement,
  version: '2026.2',
  effectiveFrom: '2026-04-01',
  targets: { ...defaultAgreement.targets, 'conversion.mql.sal': { min: 0.25 } },
};
const versions = parseAgreementHistory([v1, v2]);
const metrics = ['leads', 'count.mql', 'conversion.mql.sal', 'pipeline_created', 'days.mql.sal.median'];
const asOf = sample.asOf;
const switchAt = Date.parse('2026-04-01T04:00:00Z'); // midnight in New York

describe('scorecardByVersion', () => {
  const card = scorecardByVersion(sample, versions, { asOf, metrics });

  it('splits the leads by the version in force when they were created', () => {
    expect(card.segments.map((s) => s.version)).toEqual(['2026.1', '2026.2']);
    const before = sample.leads.filter((l) => Date.parse(String(l.createdAt)) < switchAt).length;
    expect(card.segments[0]?.leads).toBe(before);
    expect(card.segments[1]?.leads).toBe(sample.leads.length - before);
    expect(card.segments[0]?.to).toBe(switchAt);
    expect(card.segments[1]?.from).toBe(switchAt);
  });

  it('combines ratios by their parts and counts by adding, exactly', () => {
    const [a, b] = card.segments;
    const part = (s: typeof a, id: string) => s?.result.totals.metrics[id];
    const conv = card.totals.metrics['conversion.mql.sal'];
    expect(conv?.combinedBy).toBe('ratio');
    expect(conv?.numerator).toBe(
      (part(a, 'conversion.mql.sal')?.numerator ?? 0) + (part(b, 'conversion.mql.sal')?.numerator ?? 0),
    );
    expect(conv?.value).toBeCloseTo((conv?.numerator ?? 0) / (conv?.denominator ?? 1), 12);
    expect(card.totals.metrics.leads).toMatchObject({ value: sample.leads.length, combinedBy: 'sum' });
    // Same definitions in both versions: adding the parts gives the one-version scorecard.
    const whole = computeScorecard(sample, { agreement: v1, asOf, metrics });
    expect(card.totals.metrics['count.mql']?.value).toBe(whole.totals.metrics['count.mql']?.value);
    expect(card.totals.metrics.pipeline_created?.value).toBe(whole.totals.metrics.pipeline_created?.value);
  });

  it('does not pretend to combine a median: read it per segment', () => {
    expect(card.totals.metrics['days.mql.sal.median']).toEqual({ value: null, combinedBy: 'segments' });
    expect(card.segments[0]?.result.totals.metrics['days.mql.sal.median']?.value).not.toBeNull();
  });

  it('judges each segment by its own targets, and the combination by the newest', () => {
    expect(card.segments[0]?.result.totals.metrics['conversion.mql.sal']?.target).toEqual(
      defaultAgreement.targets?.['conversion.mql.sal'],
    );
    expect(card.segments[1]?.result.totals.metrics['conversion.mql.sal']?.target).toEqual({ min: 0.25 });
    expect(card.totals.metrics['conversion.mql.sal']?.target).toEqual({ min: 0.25 });
  });

  it('names the leads created before the first version and leaves them out', () => {
    const late = parseAgreementHistory([{ ...v2, effectiveFrom: '2026-04-01' }]);
    const result = scorecardByVersion(sample, late, { asOf, metrics: ['leads'] });
    const before = sample.leads.filter((l) => Date.parse(String(l.createdAt)) < switchAt).length;
    expect(result.issues.filter((i) => i.code === 'no_version_in_force')).toHaveLength(before);
    expect(result.issues[0]?.message).toMatch(/predates the first agreement version \(in force from 2026-04-01\)/);
    expect(result.totals.metrics.leads?.value).toBe(sample.leads.length - before);
  });

  it('judges every record by one chosen version on request', () => {
    const chosen = scorecardByVersion(sample, versions, { asOf, metrics, version: '2026.2' });
    expect(chosen.segments.map((s) => [s.version, s.leads])).toEqual([['2026.2', sample.leads.length]]);
    expect(chosen.totals.metrics['days.mql.sal.median']?.value).toBe(
      computeScorecard(sample, { agreement: v2, asOf, metrics }).totals.metrics['days.mql.sal.median']?.value,
    );
    expect(() => scorecardByVersion(sample, versions, { asOf, version: '9' })).toThrow(AccordError);
  });

  it('pairs rows by group across segments', () => {
    const bySource = scorecardByVersion(sample, versions, { asOf, metrics: ['leads'], groupBy: ['source'] });
    const total = bySource.rows.reduce((s, r) => s + (r.metrics.leads?.value ?? 0), 0);
    expect(total).toBe(sample.leads.length);
    expect(new Set(bySource.rows.map((r) => r.group.source)).size).toBe(bySource.rows.length);
  });
});
