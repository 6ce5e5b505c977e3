import { describe, expect, it } from 'vitest';
import type { Agreement } from '../agreement/agreement.types';
import { defaultAgreement } from '../agreement/defaultAgreement';
import type { Lead } from '../records/records.types';
import { evaluateTransition } from './evaluateTransition';

const now = '2026-03-10T12:00:00Z';
const mqlLead: Lead = {
  id: 'L1',
  createdAt: '2026-03-02T14:00:00Z',
  email: 'kim@northwind.com',
  ownerId: 'rep_ava',
  attributes: { employees: 120, engagementScore: 55, demoRequested: false },
  stageDates: { inquiry: '2026-03-02T14:00:00Z', mql: '2026-03-03T09:00:00Z' },
};
const checks = (r: { reasons: { check: string; passed: boolean }[] }) => r.reasons.map((x) => [x.check, x.passed]);
const withPolicy = (transitions: Agreement['transitions']) =>
  ({ ...defaultAgreement, transitions }) as typeof defaultAgreement;

describe('evaluateTransition', () => {
  it('allows one step forward when the entry criteria hold', () => {
    const verdict = evaluateTransition(mqlLead, 'sal', defaultAgreement, { now });
    expect(verdict).toMatchObject({
      allowed: true,
      from: 'mql',
      to: 'sal',
      outcome: 'sal',
      move: 'forward',
      skipped: [],
    });
    expect(checks(verdict)).toEqual([['entry_criteria', true]]);
    expect(verdict.reasons[0]?.message).toBe('Entry criteria of SAL met.');
  });

  it('refuses a move whose entry criteria fail, naming each failing criterion', () => {
    const verdict = evaluateTransition({ ...mqlLead, ownerId: undefined }, 'sal', defaultAgreement, { now });
    expect(verdict.allowed).toBe(false);
    expect(verdict.reasons[0]?.message).toBe('Entry criteria of SAL not met: Has an owner.');
    expect(verdict.reasons[0]?.criteria?.reasons[0]).toMatchObject({
      field: 'ownerId',
      passed: false,
      actual: undefined,
    });
  });

  it('refuses a skip when the agreement does not allow skipping', () => {
    const verdict = evaluateTransition(mqlLead, 'sql', defaultAgreement, { now });
    expect(verdict.move).toBe('skip');
    expect(verdict.skipped).toEqual(['sal']);
    expect(checks(verdict)).toEqual([
      ['skip_policy', false],
      ['entry_criteria', false],
    ]);
    expect(verdict.reasons[0]?.message).toBe('Would skip SAL; the agreement does not allow skipping stages.');
  });

  it('allows a skip under allowSkip, still checking entry criteria', () => {
    const agreement = withPolicy({ backward: 'deny', allowSkip: true });
    const verdict = evaluateTransition(
      { ...mqlLead, attributes: { ...mqlLead.attributes, meetingHeld: true, budgetKnown: true } },
      'sql',
      agreement,
      { now },
    );
    expect(verdict).toMatchObject({ allowed: true, move: 'skip', skipped: ['sal'] });
  });

  it('turns a backward move into a recycle under the recycle policy', () => {
    const lead = { ...mqlLead, stageDates: { ...mqlLead.stageDates, sal: '2026-03-04T10:00:00Z' } };
    const verdict = evaluateTransition(lead, 'mql', defaultAgreement, { now });
    expect(verdict).toMatchObject({ allowed: true, move: 'backward', outcome: 'recycled' });
    expect(verdict.reasons[0]?.message).toMatch(/recorded as Recycled \(policy: recycle\)/);
  });

  it('denies a backward move under the deny policy', () => {
    const lead = { ...mqlLead, stageDates: { ...mqlLead.stageDates, sal: '2026-03-04T10:00:00Z' } };
    const verdict = evaluateTransition(lead, 'mql', withPolicy({ backward: 'deny', allowSkip: false }), { now });
    expect(verdict).toMatchObject({ allowed: false, move: 'backward', outcome: 'mql' });
  });

  it('needs a written reason for a backward move under allowWithReason', () => {
    const lead = { ...mqlLead, stageDates: { ...mqlLead.stageDates, sal: '2026-03-04T10:00:00Z' } };
    const agreement = withPolicy({ backward: 'allowWithReason', allowSkip: false });
    expect(evaluateTransition(lead, 'mql', agreement, { now, reason: '  ' }).allowed).toBe(false);
    expect(evaluateTransition(lead, 'mql', agreement, { now, reason: 'Accepted by mistake' }).allowed).toBe(true);
  });

  it('moves sideways into a side state from any stage', () => {
    expect(evaluateTransition(mqlLead, 'disqualified', defaultAgreement, { now })).toMatchObject({
      allowed: true,
      move: 'sideways',
    });
  });

  it('lets a recycled lead re-enter only where the agreement says', () => {
    const recycled = { ...mqlLead, stageDates: { ...mqlLead.stageDates, recycled: '2026-03-05T10:00:00Z' } };
    expect(evaluateTransition(recycled, 'mql', defaultAgreement, { now })).toMatchObject({
      allowed: true,
      move: 'reentry',
    });
    const verdict = evaluateTransition(recycled, 'sal', defaultAgreement, { now });
    expect(verdict).toMatchObject({ allowed: false, move: 'reentry' });
    expect(verdict.reasons[0]?.message).toBe('A lead in Recycled may re-enter only at Inquiry or MQL, not SAL.');
  });

  it('checks the exit criteria of the current stage on forward moves', () => {
    const agreement = {
      ...defaultAgreement,
      stages: defaultAgreement.stages.map((s) =>
        s.id === 'mql'
          ? { ...s, exit: { field: 'firstTouchAt', op: 'exists' as const, label: 'Touched at least once' } }
          : s,
      ),
    } as typeof defaultAgreement;
    const verdict = evaluateTransition(mqlLead, 'sal', agreement, { now });
    expect(checks(verdict)).toEqual([
      ['exit_criteria', false],
      ['entry_criteria', true],
    ]);
    expect(verdict.reasons[0]?.message).toBe('Exit criteria of MQL not met: Touched at least once.');
  });

  it('uses stage events instead of stage dates when given', () => {
    const verdict = evaluateTransition(mqlLead, 'sal', defaultAgreement, {
      now,
      events: [{ leadId: 'L1', stage: 'inquiry', at: '2026-03-02T14:00:00Z' }],
    });
    expect(verdict).toMatchObject({ from: 'inquiry', move: 'skip', allowed: false });
  });

  it('refuses a move to the stage the lead is in, or to an unknown stage', () => {
    expect(evaluateTransition(mqlLead, 'mql', defaultAgreement, { now })).toMatchObject({
      allowed: false,
      move: 'same',
    });
    const unknown = evaluateTransition(mqlLead, 'nope' as 'mql', defaultAgreement, { now });
    expect(unknown).toMatchObject({ allowed: false, move: 'unknown', outcome: null });
    expect(unknown.reasons[0]?.check).toBe('known_stage');
  });
});
