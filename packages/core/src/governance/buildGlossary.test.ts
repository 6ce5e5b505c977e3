import { describe, expect, it } from 'vitest';
import { defaultAgreement } from '../agreement/defaultAgreement';
import { listMetrics } from '../metrics/listMetrics';
import { buildGlossary } from './buildGlossary';

const glossary = buildGlossary(defaultAgreement);
const section = (id: string) => glossary.sections.find((s) => s.id === id);

describe('buildGlossary', () => {
  it('heads the glossary with the version it freezes', () => {
    expect(glossary).toMatchObject({
      agreementId: defaultAgreement.id,
      version: defaultAgreement.version,
      timezone: defaultAgreement.timezone,
    });
  });

  it('has every stage, SLA, reason and metric of the agreement, in its order', () => {
    expect(section('stages')?.terms.map((t) => t.id)).toEqual(defaultAgreement.stages.map((s) => s.id));
    expect(section('slas')?.terms.map((t) => t.id)).toEqual(defaultAgreement.slas?.map((s) => s.id));
    expect(section('reasons')?.terms.map((t) => t.id)).toEqual(defaultAgreement.dispositions?.map((r) => r.id));
    expect(section('metrics')?.terms.map((t) => t.id)).toEqual(listMetrics(defaultAgreement).map((m) => m.id));
  });

  it('writes stage criteria out in words', () => {
    const mql = section('stages')?.terms.find((t) => t.id === 'mql');
    expect(mql?.facts).toContainEqual(['Entry criteria', expect.stringContaining('attributes.employees ≥ 20')]);
  });

  it('states an SLA as a promise on its clock, with its escalation', () => {
    const sla = section('slas')?.terms.find((t) => t.id === 'demo_request_first_touch');
    expect(sla?.definition).toBe('First touch within 1 business hour of entering MQL.');
    expect(sla?.owner).toBe('sales');
    expect(sla?.facts).toContainEqual(['Escalation', expect.stringMatching(/^notify owner at the breach; /)]);
  });

  it('shows ratio targets as percentages and the formula beside the description', () => {
    const metric = section('metrics')?.terms.find((t) => t.id === 'conversion.mql.sal');
    expect(metric?.definition).toContain('=');
    const target = metric?.facts.find(([label]) => label === 'Target');
    expect(target?.[1]).toMatch(/^≥ \d+(\.\d)?%$/);
  });
});
