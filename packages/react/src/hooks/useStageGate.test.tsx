import { type Agreement, defaultAgreement, defineAgreement, type Lead } from '@accord/core';
import { act, renderHook } from '@testing-library/react';
import type { MouseEvent, ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { mqlLead, salLead, sqlLead } from '../_test/leads';
import { TEST_NOW } from '../_test/renderWithAccord';
import { AccordProvider } from '../provider/AccordProvider';
import { type UseStageGateOptions, useStageGate } from './useStageGate';

function setup(
  lead: Lead,
  toStage: string,
  options?: UseStageGateOptions,
  { agreement = defaultAgreement as Agreement, clock = () => TEST_NOW } = {},
) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <AccordProvider agreement={agreement} clock={clock}>
      {children}
    </AccordProvider>
  );
  return renderHook(
    (props: { lead: Lead; toStage: string; options?: UseStageGateOptions | undefined }) =>
      useStageGate(props.lead, props.toStage, props.options),
    { wrapper, initialProps: { lead, toStage, options } },
  );
}

const click = () => ({ defaultPrevented: false }) as MouseEvent<HTMLButtonElement>;

describe('useStageGate', () => {
  it('returns state "allowed" and no failing checks when every check passes', () => {
    const { result } = setup(mqlLead, 'sal');
    expect(result.current.state).toBe('allowed');
    expect(result.current.result).toMatchObject({ allowed: true, from: 'mql', to: 'sal', move: 'forward' });
    expect(result.current.failing).toEqual([]);
    expect(result.current.label).toBe('Move to SAL');
    expect(result.current.stageLabels).toEqual({ from: 'MQL', to: 'SAL', outcome: 'SAL' });
  });

  it('returns state "blocked" with the failing checks when entry criteria fail', () => {
    const { result } = setup(salLead, 'sql');
    expect(result.current.state).toBe('blocked');
    expect(result.current.failing.map((r) => r.check)).toEqual(['entry_criteria']);
    expect(result.current.failing[0]?.criteria?.reasons.map((r) => [r.field, r.passed])).toEqual([
      ['attributes.meetingHeld', true],
      ['attributes.budgetKnown', false],
    ]);
  });

  it('returns state "error" for a stage the agreement does not define', () => {
    const { result } = setup(salLead, 'qualified');
    expect(result.current.state).toBe('error');
    expect(result.current.result.move).toBe('unknown');
    expect(result.current.failing[0]?.check).toBe('known_stage');
    expect(result.current.label).toBe('Move to qualified');
  });

  it('reports the recycle stage as the outcome of a backward move', () => {
    const { result } = setup(sqlLead, 'mql');
    expect(result.current.state).toBe('allowed');
    expect(result.current.result).toMatchObject({ move: 'backward', outcome: 'recycled' });
    expect(result.current.stageLabels.outcome).toBe('Recycled');
  });

  it('evaluates time-based criteria at the provider clock', () => {
    const agreement = defineAgreement({
      id: 'fresh',
      version: '1',
      timezone: 'UTC',
      stages: [
        { id: 'new', label: 'New', owner: 'marketing' },
        {
          id: 'hot',
          label: 'Hot',
          owner: 'sales',
          entry: { field: 'stageDates.new', op: 'within_days', value: 3, label: 'Fresh' },
        },
      ],
      transitions: { backward: 'deny', allowSkip: false },
    });
    const lead: Lead = { id: 'L', createdAt: TEST_NOW, stageDates: { new: TEST_NOW - 86_400_000 } };
    expect(setup(lead, 'hot', {}, { agreement }).result.current.state).toBe('allowed');
    const later = () => TEST_NOW + 10 * 86_400_000;
    expect(setup(lead, 'hot', {}, { agreement, clock: later }).result.current.state).toBe('blocked');
  });

  it('memoises the verdict while lead, stage, agreement and clock stay the same', () => {
    const clock = vi.fn(() => TEST_NOW);
    const { result, rerender } = setup(salLead, 'sql', undefined, { clock });
    const first = result.current.result;
    rerender({ lead: salLead, toStage: 'sql', options: undefined });
    expect(result.current.result).toBe(first);
    expect(clock).toHaveBeenCalledTimes(1);
    rerender({
      lead: { ...salLead, attributes: { meetingHeld: true, budgetKnown: true } },
      toStage: 'sql',
      options: undefined,
    });
    expect(result.current.result).not.toBe(first);
    expect(result.current.state).toBe('allowed');
  });

  it('wires the toggle to the details with aria-expanded and aria-controls', () => {
    const { result } = setup(salLead, 'sql');
    const toggle = result.current.getToggleProps();
    const details = result.current.getDetailsProps();
    expect(toggle).toMatchObject({ type: 'button', 'aria-expanded': false, 'aria-controls': details.id });
    expect(details).toMatchObject({ hidden: true, 'aria-labelledby': toggle.id });
    act(() => toggle.onClick?.(click()));
    expect(result.current.expanded).toBe(true);
    expect(result.current.getToggleProps()['aria-expanded']).toBe(true);
    expect(result.current.getDetailsProps().hidden).toBe(false);
  });

  it('calls the host onClick first and skips the toggle when it prevents default', () => {
    const { result } = setup(salLead, 'sql');
    const onClick = vi.fn((event: MouseEvent<HTMLButtonElement>) => {
      Object.assign(event, { defaultPrevented: true });
    });
    act(() => result.current.getToggleProps({ onClick }).onClick?.(click()));
    expect(onClick).toHaveBeenCalledOnce();
    expect(result.current.expanded).toBe(false);
  });

  it('follows a controlled expanded state and reports changes', () => {
    const onExpandedChange = vi.fn();
    const { result } = setup(salLead, 'sql', { expanded: true, onExpandedChange });
    expect(result.current.expanded).toBe(true);
    act(() => result.current.getToggleProps().onClick?.(click()));
    expect(onExpandedChange).toHaveBeenCalledWith(false);
    expect(result.current.expanded).toBe(true);
  });

  it('gives the root role="group", an accessible name and data-state, merging host props', () => {
    const { result } = setup(salLead, 'sql');
    expect(result.current.getRootProps({ className: 'x' })).toEqual({
      role: 'group',
      'aria-label': 'Move to SQL',
      className: 'x',
      'data-state': 'blocked',
    });
  });
});
