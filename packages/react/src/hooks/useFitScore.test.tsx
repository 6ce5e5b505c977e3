import { defaultAgreement, generateSample, type Lead, parseAgreement, sampleIcp, scoreLead } from '@accord/core';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { TEST_NOW } from '../_test/renderWithAccord';
import { AccordProvider } from '../provider/AccordProvider';
import { createManualClock } from '../provider/clock';
import { type UseFitScoreOptions, useFitScore } from './useFitScore';

const agreement = parseAgreement({ ...defaultAgreement, ...sampleIcp });
const sample = generateSample({ leads: 200, seed: 9 });
const NOW = Date.parse(sample.asOf);
const lead = sample.leads.find(
  (l) => scoreLead(l, sample.activities, agreement, { now: NOW, touchpoints: sample.touchpoints }).engagement.score > 0,
) as Lead;

function setup(options: UseFitScoreOptions, clock: (() => number) | ReturnType<typeof createManualClock> = () => NOW) {
  // No adapter and no QueryClient: scoring from given events needs neither.
  const wrapper = ({ children }: { children: ReactNode }) => (
    <AccordProvider agreement={agreement} clock={clock} locale="en-US">
      {children}
    </AccordProvider>
  );
  return renderHook((props: { lead: Lead; options: UseFitScoreOptions }) => useFitScore(props.lead, props.options), {
    wrapper,
    initialProps: { lead, options },
  });
}

describe('useFitScore', () => {
  it('returns scoreLead on the given events at the provider clock', () => {
    const { result } = setup({ activities: sample.activities, touchpoints: sample.touchpoints });
    expect(result.current.result).toEqual(
      scoreLead(lead, sample.activities, agreement, { now: NOW, touchpoints: sample.touchpoints }),
    );
    expect(result.current.state).toBe('scored');
    expect(result.current.thresholdsText).toBe('A ≥ 80 · B ≥ 55 · C ≥ 30');
  });

  it('keeps the score when the clock moves, and rescores when the lead changes', () => {
    const clock = createManualClock(NOW);
    const options = { activities: sample.activities, touchpoints: sample.touchpoints };
    const { result, rerender } = setup(options, clock);
    const first = result.current.result;
    act(() => clock.advance(30 * 86_400_000));
    expect(result.current.result).toBe(first);
    rerender({ lead: { ...lead }, options });
    expect(result.current.result?.engagement.score).toBeLessThan(first?.engagement.score ?? 0);
  });

  it('shapes every criterion with its points and state text', () => {
    const { result } = setup({ activities: [], touchpoints: [] });
    const { criteria } = result.current;
    expect(criteria).toHaveLength(sampleIcp.icp.criteria.length);
    for (const c of criteria) {
      expect(c.stateText).toBe(c.matched ? 'Matched' : 'Not matched');
      expect(c.pointsText).toBe(c.matched ? `+${c.points} pts` : `0 of ${c.weight}`);
    }
  });

  it('passes a precomputed score through without scoring', () => {
    const score = scoreLead(lead, [], agreement, { now: TEST_NOW });
    const { result } = setup({ score });
    expect(result.current.result).toBe(score);
  });

  it('opens and closes the explanation through setOpen and the prop getters', () => {
    const { result } = setup({ activities: [], touchpoints: [] });
    const tip = result.current.getExplanationProps();
    expect(result.current.getTriggerProps()['aria-describedby']).toBe(tip.id);
    expect(tip.role).toBe('tooltip');
    expect(tip.hidden).toBe(true);
    act(() => result.current.setOpen(true));
    expect(result.current.getExplanationProps().hidden).toBe(false);
    expect(result.current.getRootProps()['data-state']).toBe('scored');
  });
});
