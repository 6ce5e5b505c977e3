import { describe, expect, it } from 'vitest';
import { defaultAgreement } from '../agreement/defaultAgreement';
import type { Lead } from '../records/records.types';
import { evaluateLeadStandard } from './evaluateLeadStandard';

const good: Lead = {
  id: 'L1',
  createdAt: '2026-03-02T14:00:00Z',
  email: 'kim@northwind.com',
  company: 'Northwind Logistics',
  country: 'DE',
  source: 'events',
  attributes: { jobTitle: 'Head of Operations' },
};

describe('evaluateLeadStandard', () => {
  it('passes a complete lead that hits no suppression rule', () => {
    expect(evaluateLeadStandard(good, defaultAgreement)).toEqual({ passed: true, missing: [], suppressed: [] });
  });

  it('lists missing required fields; empty strings count as missing', () => {
    const result = evaluateLeadStandard({ ...good, company: '', country: undefined }, defaultAgreement);
    expect(result.passed).toBe(false);
    expect(result.missing.map((m) => m.field)).toEqual(['company', 'country']);
  });

  it.each([
    [{ email: 'kim@gmail.com' }, 'personal_email'],
    [{ email: 'kim@GMX.de' }, 'personal_email'],
    [{ attributes: { jobTitle: 'MBA Student' } }, 'student_job_seeker'],
    [{ attributes: { isCompetitor: true } }, 'competitor'],
    [{ attributes: { isCustomer: true } }, 'existing_customer'],
  ])('suppresses %j as %s, with the comparisons that matched', (patch, id) => {
    const result = evaluateLeadStandard({ ...good, ...patch } as Lead, defaultAgreement);
    expect(result.suppressed.map((s) => s.id)).toEqual([id]);
    expect(result.suppressed[0]?.reasons.some((r) => r.passed)).toBe(true);
  });

  it('does not suppress a business domain that merely contains a provider name', () => {
    expect(evaluateLeadStandard({ ...good, email: 'kim@gmailer-tools.com' }, defaultAgreement).passed).toBe(true);
  });

  it('passes everything when the agreement has no lead standard', () => {
    expect(evaluateLeadStandard({ id: 'x', createdAt: 0 }, {}).passed).toBe(true);
  });
});
