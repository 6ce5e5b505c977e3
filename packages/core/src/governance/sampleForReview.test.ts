import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultAgreement } from '../agreement/defaultAgreement';
import { AccordError } from '../errors/AccordError';
import { generateSample } from '../sample/generateSample';
import { sampleForReview } from './sampleForReview';

const sample = generateSample({ leads: 1500, seed: 21 });
const base = {
  agreement: defaultAgreement,
  now: sample.asOf,
  activities: sample.activities,
  accounts: sample.accounts,
};
const ids = (r: ReturnType<typeof sampleForReview>) => r.items.map((i) => i.leadId);

describe('sampleForReview', () => {
  it('draws n leads, every stratum represented, proportionally to its size', () => {
    const review = sampleForReview(sample.leads, { ...base, n: 20, seed: 3 });
    expect(review.items).toHaveLength(20);
    expect(review.strata.every((s) => s.sampled >= 1)).toBe(true);
    expect(review.strata.reduce((n, s) => n + s.sampled, 0)).toBe(20);
    expect(review.strata[0]?.key).toBe('accepted');
    const biggest = [...review.strata].sort((a, b) => b.population - a.population)[0];
    const smallest = [...review.strata].sort((a, b) => a.population - b.population)[0];
    expect(biggest?.sampled).toBeGreaterThanOrEqual(smallest?.sampled ?? 0);
    expect(review.population).toBe(review.strata.reduce((n, s) => n + s.population, 0));
  });

  it('is reproducible for a seed, whatever the order of the leads', () => {
    const a = sampleForReview(sample.leads, { ...base, seed: 9 });
    const b = sampleForReview([...sample.leads].reverse(), { ...base, seed: 9 });
    expect(ids(b)).toEqual(ids(a));
    expect(ids(sampleForReview(sample.leads, { ...base, seed: 10 }))).not.toEqual(ids(a));
  });

  it('draws every lead of the population when n exceeds it, never one twice', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer(), (n, seed) => {
        const few = sample.leads.slice(0, 120);
        const review = sampleForReview(few, { ...base, n, seed });
        expect(new Set(ids(review)).size).toBe(review.items.length);
        expect(review.items.length).toBe(Math.min(n, review.population));
        for (const s of review.strata) expect(s.sampled).toBeLessThanOrEqual(s.population);
      }),
      { numRuns: 40 },
    );
  });

  it('keeps only the decisions made in the window', () => {
    const from = '2026-03-01T00:00:00Z';
    const to = '2026-03-08T00:00:00Z';
    const review = sampleForReview(sample.leads, { ...base, n: 50, from, to });
    for (const item of review.items) {
      const lead = sample.leads.find((l) => l.id === item.leadId);
      const at = lead?.disposition?.at ?? lead?.stageDates?.sal;
      expect(Date.parse(String(at))).toBeGreaterThanOrEqual(Date.parse(from));
      expect(Date.parse(String(at))).toBeLessThan(Date.parse(to));
    }
  });

  it('explains each lead: stage, SLA clocks, disposition with its reason and the routing trace', () => {
    const review = sampleForReview(sample.leads, { ...base, n: 30, seed: 4 });
    const rejected = review.items.find((i) => i.stratum.startsWith('rejected:'));
    expect(rejected?.disposition?.label).toBe(
      defaultAgreement.dispositions?.find((r) => r.id === rejected?.disposition?.reasonId)?.label,
    );
    expect(rejected?.disposition?.action).toBeTruthy();
    for (const item of review.items) {
      expect(item.routing.trace.length).toBeGreaterThan(0);
      expect(item.slas.every((s) => s.targetMinutes >= 0)).toBe(true);
    }
    expect(review.items.some((i) => i.slas.length > 0)).toBe(true);
  });

  it('stratifies by any lead field, every lead included', () => {
    const review = sampleForReview(sample.leads, { ...base, stratifyBy: 'source', n: 10 });
    expect(review.population).toBe(sample.leads.length);
    expect(new Set(review.items.map((i) => i.stratum))).toEqual(new Set(review.items.map((i) => i.source ?? '(none)')));
  });

  it('refuses an n outside 1–1000 and invalid instants', () => {
    expect(() => sampleForReview(sample.leads, { ...base, n: 0 })).toThrow(AccordError);
    expect(() => sampleForReview(sample.leads, { ...base, from: 'last week' })).toThrow(/from is not a valid instant/);
  });
});
