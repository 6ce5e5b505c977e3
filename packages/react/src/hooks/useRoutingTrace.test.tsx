import {
  type Agreement,
  createAccountDirectory,
  createRoutingState,
  defaultAgreement,
  generateSample,
  type Lead,
  routeLead,
} from '@accord/core';
import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { TEST_NOW } from '../_test/renderWithAccord';
import { AccordProvider } from '../provider/AccordProvider';
import { type UseRoutingTraceOptions, useRoutingTrace } from './useRoutingTrace';

function setup(lead: Lead, options: UseRoutingTraceOptions = {}, agreement: Agreement = defaultAgreement) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <AccordProvider agreement={agreement} clock={() => TEST_NOW}>
      {children}
    </AccordProvider>
  );
  return renderHook(() => useRoutingTrace(lead, options), { wrapper });
}

/** A North America lead, no account, small company: it goes through the territory rule. */
const naLead: Lead = {
  id: 'L-na',
  createdAt: '2026-03-10T15:00:00Z',
  email: 'sam@harbor-freight-tools.com',
  company: 'Harbor Tools',
  region: 'na',
  attributes: { employees: 40 },
};

/** An enterprise lead: the enterprise rule sends it to the enterprise pool. */
const enterpriseLead: Lead = { ...naLead, id: 'L-ent', attributes: { employees: 5000 } };

const sample = generateSample({ leads: 40, seed: 11 });

describe('useRoutingTrace', () => {
  it('returns the same decision and steps as routeLead for every sample lead', () => {
    const accounts = createAccountDirectory(sample.accounts);
    for (const lead of sample.leads) {
      const expected = routeLead(lead, createRoutingState(), defaultAgreement, {
        now: lead.createdAt,
        accounts,
        trace: 'full',
      });
      const { result, unmount } = setup(lead, { accounts: sample.accounts, now: lead.createdAt });
      expect(result.current.result?.assignee).toEqual(expected.assignee);
      expect(result.current.result?.ruleId).toBe(expected.ruleId);
      expect(result.current.result?.poolId).toBe(expected.poolId);
      expect(result.current.steps.map((s) => s.message)).toEqual(expected.trace.map((t) => t.message));
      unmount();
    }
  });

  it('returns the deciding rule with its label and marks its step decisive when the territory decides', () => {
    const { result } = setup(naLead);
    expect(result.current.state).toBe('user');
    expect(result.current.rule?.id).toBe('territory');
    expect(result.current.ruleLabel).toBe('Region territory');
    expect(result.current.poolLabel).toBe('North America');
    const decisive = result.current.steps.filter((s) => s.decisive);
    expect(decisive.map((s) => s.title)).toEqual(['Region territory']);
    expect(result.current.steps.map((s) => [s.kind, s.state])).toEqual([
      ['rule', 'matched'],
      ['account', 'unmatched'],
      ['rule', 'unmatched'],
      ['rule', 'matched'],
      ['territory', 'matched'],
      ['member', 'chosen'],
    ]);
  });

  it('returns the criteria of a rule with conditions', () => {
    const { result } = setup(naLead);
    const enterprise = result.current.steps.find((s) => s.kind === 'rule' && s.title.startsWith('Enterprise'));
    expect(enterprise?.criteria?.[0]).toMatchObject({ field: 'attributes.employees', passed: false });
  });

  it('returns skipped members with their reason when members are out of office', () => {
    const { result } = setup(naLead, { outOfOffice: ['rep_ava'] });
    const skipped = result.current.steps.filter((s) => s.state === 'skipped');
    expect(skipped.map((s) => [s.title, s.stateLabel])).toEqual([
      ['rep_ava (North America)', 'Skipped: out of office'],
    ]);
    expect(result.current.result?.assignee).toEqual({ type: 'user', id: 'rep_ben' });
  });

  it('returns members skipped off shift when the decision falls outside working hours', () => {
    const { result } = setup(naLead, { now: '2026-03-08T03:00:00Z' });
    expect(result.current.steps.filter((s) => s.state === 'skipped').map((s) => s.stateLabel)).toEqual([
      'Skipped: off shift',
      'Skipped: off shift',
      'Skipped: off shift',
    ]);
    expect(result.current.steps.some((s) => s.state === 'levelled')).toBe(true);
  });

  it('returns state "fallback" with the fallback step when nobody in the pool can take the lead', () => {
    const { result } = setup(enterpriseLead, { outOfOffice: ['ae_grace', 'ae_hiro'] });
    expect(result.current.state).toBe('fallback');
    expect(result.current.result?.assignee).toEqual({ type: 'queue', id: 'sdr_queue' });
    const last = result.current.steps.at(-1);
    expect(last).toMatchObject({ state: 'fallback', stateLabel: 'Fallback', title: 'Fallback queue sdr_queue' });
  });

  it('returns the next member in turn when given the state of a previous decision', () => {
    const first = routeLead(naLead, createRoutingState(), defaultAgreement, { now: TEST_NOW });
    const { result } = setup(naLead, { state: first.nextState });
    expect(first.assignee).toEqual({ type: 'user', id: 'rep_ava' });
    expect(result.current.result?.assignee).toEqual({ type: 'user', id: 'rep_ben' });
  });

  it('returns whether routing picks the lead current owner', () => {
    expect(setup({ ...naLead, ownerId: 'rep_ava' }).result.current.matchesCurrentOwner).toBe(true);
    expect(setup({ ...naLead, ownerId: 'rep_zoe' }).result.current.matchesCurrentOwner).toBe(false);
    expect(setup(naLead).result.current.matchesCurrentOwner).toBeNull();
  });

  it('returns state "error" instead of throwing when routing cannot run', () => {
    const { result } = setup(naLead, { now: 'not a date' });
    expect(result.current.state).toBe('error');
    expect(result.current.result).toBeNull();
    expect(result.current.error?.message).toMatch(/^now: Expected an ISO-8601 instant/);
  });
});
