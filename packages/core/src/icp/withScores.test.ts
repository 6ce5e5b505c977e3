import { describe, expect, it } from 'vitest';
import type { Agreement, StageDefinition } from '../agreement/agreement.types';
import { defaultAgreement } from '../agreement/defaultAgreement';
import type { Rule } from '../criteria/criteria.types';
import { evaluateCriteria } from '../criteria/evaluateCriteria';
import { evaluateTransition } from '../lifecycle/evaluateTransition';
import type { Activity, Lead, Touchpoint } from '../records/records.types';
import { sampleIcp } from './sampleIcp';
import { scoreLead } from './scoreLead';
import { withScores } from './withScores';

const now = '2026-03-15T00:00:00Z';
/** The default agreement with the sample ICP, its MQL entry rule replaced. */
const withMqlEntry = (entry: Rule): Agreement => ({
  ...defaultAgreement,
  ...sampleIcp,
  stages: defaultAgreement.stages.map((s): StageDefinition => (s.id === 'mql' ? { ...s, entry } : s)),
});
const fitRule: Rule = { field: 'scores.fit', op: 'gte', value: 55 };
const scored = withMqlEntry(fitRule);

/** An inquiry about to become an MQL; fit 75 (industry, employees, country). */
const fits: Lead = {
  id: 'L1',
  createdAt: '2026-03-01T10:00:00Z',
  email: 'kim@northwind.example',
  country: 'US',
  attributes: { industry: 'SaaS', employees: 120 },
  stageDates: { inquiry: '2026-03-01T10:00:00Z' },
};
/** Fit 45: employees and country only. */
const misfit: Lead = { ...fits, id: 'L2', attributes: { industry: 'retail', employees: 120 } };
const activities: Activity[] = [{ id: 'a1', leadId: 'L1', type: 'meeting', at: '2026-03-15T00:00:00Z' }]; // 20
const touchpoints: Touchpoint[] = [
  { id: 't1', leadId: 'L1', channel: 'web', campaignId: 'pricing-page', at: '2026-03-15T00:00:00Z' }, // 10
];

/** Freezes an object and everything in it, so any write throws. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

describe('withScores', () => {
  it('returns a copy of the lead holding scoreLead’s fit, tier and engagement', () => {
    const lead = withScores(fits, activities, scored, { now, touchpoints });
    const { fit, engagement } = scoreLead(fits, activities, scored, { now, touchpoints });
    expect(lead).toEqual({ ...fits, scores: { fit: fit.score, tier: fit.tier, engagement: engagement.score } });
    expect(lead.scores).toEqual({ fit: 75, tier: 'B', engagement: 30 });
  });

  it('does not change the lead', () => {
    const lead = deepFreeze(structuredClone(fits));
    const copy = withScores(lead, activities, scored, { now, touchpoints });
    expect(lead).toEqual(fits);
    expect('scores' in lead).toBe(false);
    expect(copy).not.toBe(lead);
  });

  it('lets any rule read the scores through evaluateCriteria', () => {
    const lead = withScores(misfit, [], scored, { now });
    expect(evaluateCriteria(lead, { field: 'scores.tier', op: 'in', value: ['A', 'B'] }).passed).toBe(false);
    expect(evaluateCriteria(lead, { field: 'scores.tier', op: 'eq', value: 'C' }).passed).toBe(true);
  });
});

describe('evaluateTransition with stage criteria on scores', () => {
  it('admits a lead whose fit meets the MQL entry rule', () => {
    const verdict = evaluateTransition(fits, 'mql', scored, { now, activities, touchpoints });
    expect(verdict.allowed).toBe(true);
    expect(verdict.reasons.at(-1)).toMatchObject({
      check: 'entry_criteria',
      passed: true,
      message: 'Entry criteria of MQL met.',
    });
    expect(verdict.reasons.at(-1)?.criteria?.reasons[0]).toMatchObject({
      field: 'scores.fit',
      actual: 75,
      passed: true,
    });
  });

  it('refuses a lead whose fit is too low, and the explanation shows the score', () => {
    const verdict = evaluateTransition(misfit, 'mql', scored, { now });
    expect(verdict.allowed).toBe(false);
    expect(verdict.reasons.at(-1)?.message).toBe('Entry criteria of MQL not met: scores.fit is 45, needs ≥ 55.');
  });

  it('computes engagement from the activities and touchpoints passed', () => {
    const engaged = withMqlEntry({ all: [fitRule, { field: 'scores.engagement', op: 'gte', value: 25 }] });
    expect(evaluateTransition(fits, 'mql', engaged, { now, activities, touchpoints }).allowed).toBe(true); // 20 + 10
    const onlyMeeting = evaluateTransition(fits, 'mql', engaged, { now, activities });
    expect(onlyMeeting.allowed).toBe(false);
    expect(onlyMeeting.reasons.at(-1)?.message).toBe(
      'Entry criteria of MQL not met: scores.engagement is 20, needs ≥ 25.',
    );
    expect(evaluateTransition(fits, 'mql', engaged, { now }).reasons.at(-1)?.message).toMatch(
      /scores\.engagement is 0,/,
    );
  });

  it('uses the scores option as given instead of computing them', () => {
    const given = { fit: 90, tier: 'A' as const, engagement: 0 };
    const verdict = evaluateTransition(misfit, 'mql', scored, { now, scores: given, activities, touchpoints });
    expect(verdict.allowed).toBe(true);
    expect(verdict.reasons.at(-1)?.criteria?.reasons[0]?.actual).toBe(90);
    const low = evaluateTransition(fits, 'mql', scored, { now, scores: { ...given, fit: 10 } });
    expect(low.reasons.at(-1)?.message).toBe('Entry criteria of MQL not met: scores.fit is 10, needs ≥ 55.');
  });

  it('does not change the lead', () => {
    const lead = deepFreeze(structuredClone(fits));
    evaluateTransition(lead, 'mql', scored, { now, activities, touchpoints });
    expect(lead).toEqual(fits);
  });

  it('leaves agreements whose stage rules do not read scores unaffected', () => {
    const plain: Agreement = { ...defaultAgreement, ...sampleIcp };
    const lead: Lead = { ...fits, attributes: { ...fits.attributes, demoRequested: true } };
    // An activity with a broken instant: scoring would throw on it, so no scoring must happen.
    const broken: Activity[] = [{ id: 'bad', leadId: 'L1', type: 'meeting', at: 'yesterday' }];
    const verdict = evaluateTransition(lead, 'mql', plain, { now, activities: broken, touchpoints });
    expect(verdict).toEqual(evaluateTransition(lead, 'mql', plain, { now }));
    expect(verdict.allowed).toBe(true);
    expect(verdict.reasons.at(-1)?.criteria?.reasons.some((r) => r.field.startsWith('scores'))).toBe(false);
    // The same activity breaks an agreement that does read scores: the check above is not vacuous.
    expect(() => evaluateTransition(lead, 'mql', scored, { now, activities: broken })).toThrow(/invalid "at"/);
  });
});
