import { describe, expect, it } from 'vitest';
import type { Agreement } from '../agreement/agreement.types';
import { defaultAgreement } from '../agreement/defaultAgreement';
import type { Lead } from '../records/records.types';
import { generateSample } from '../sample/generateSample';
import { applyDisposition } from './applyDisposition';
import { computeRejectMix } from './computeRejectMix';

const agreement = defaultAgreement as Agreement;
const at = '2026-03-04T15:00:00Z';
const lead: Lead = {
  id: 'L1',
  createdAt: '2026-03-02T14:00:00Z',
  email: 'kim@rivalcrm.io',
  domain: 'rivalcrm.io',
  ownerId: 'rep_ava',
  stageDates: { inquiry: '2026-03-02T14:00:00Z', mql: '2026-03-03T10:00:00Z' },
};
const codes = (r: { issues: { code: string }[] }) => r.issues.map((i) => i.code);

describe('applyDisposition', () => {
  it('demands the detail a reason requires', () => {
    const result = applyDisposition(lead, { reasonId: 'competitor', at }, agreement);
    expect(result.ok).toBe(false);
    expect(result.issues[0]).toMatchObject({
      code: 'detail_required',
      path: ['detail'],
      message: 'Reason "competitor" needs a detail: Which competitor?',
    });
    expect(result.lead).toBe(lead);
    expect(result.actions).toEqual([]);
  });

  it('suppresses a competitor: disqualified stage, disposition recorded, suppression payload', () => {
    const result = applyDisposition(lead, { reasonId: 'competitor', detail: 'RivalCRM', by: 'rep_ava', at }, agreement);
    expect(result).toMatchObject({ ok: true, from: 'mql', to: 'disqualified' });
    expect(result.lead.disposition).toEqual({ reasonId: 'competitor', at, by: 'rep_ava', detail: 'RivalCRM' });
    expect(result.lead.stageDates?.disqualified).toBe(at);
    expect(result.event).toEqual({ leadId: 'L1', stage: 'disqualified', at, by: 'rep_ava', reason: 'competitor' });
    expect(result.transition?.move).toBe('sideways');
    expect(result.actions).toEqual([
      {
        type: 'suppress',
        leadId: 'L1',
        reasonId: 'competitor',
        email: 'kim@rivalcrm.io',
        domain: 'rivalcrm.io',
        detail: 'RivalCRM',
      },
    ]);
  });

  it('recycles with a date after the disposition, and refuses a date that is not', () => {
    const ok = applyDisposition(lead, { reasonId: 'no_timing', detail: '2026-06-01', at }, agreement);
    expect(ok.to).toBe('recycled');
    expect(ok.actions[0]).toEqual({ type: 'recycle', leadId: 'L1', reasonId: 'no_timing', recycleAt: '2026-06-01' });
    expect(codes(applyDisposition(lead, { reasonId: 'no_timing', detail: 'next spring', at }, agreement))).toEqual([
      'invalid_detail',
    ]);
    expect(
      applyDisposition(lead, { reasonId: 'no_timing', detail: '2026-03-01', at }, agreement).issues[0]?.message,
    ).toMatch(/after the disposition \(2026-03-04\)/);
  });

  it('maps every default reason to its action', () => {
    const detailFor: Record<string, string> = { no_timing: '2026-09-01', competitor: 'RivalCRM' };
    const actions = (agreement.dispositions ?? []).map(
      (r) => applyDisposition(lead, { reasonId: r.id, detail: detailFor[r.id], at }, agreement).actions[0]?.type,
    );
    expect(actions).toEqual([
      'disqualify',
      'enrich',
      'recycle',
      'nurture',
      'suppress',
      'suppress',
      'suppress',
      'reroute',
    ]);
  });

  it('asks to enrich the fields the lead standard misses', () => {
    const result = applyDisposition(lead, { reasonId: 'bad_contact_data', at }, agreement);
    expect(result.actions[0]).toEqual({
      type: 'enrich',
      leadId: 'L1',
      reasonId: 'bad_contact_data',
      fields: ['email', 'company', 'country', 'source'],
    });
  });

  it('reroutes away from the owner without moving the lead', () => {
    const result = applyDisposition(lead, { reasonId: 'in_open_deal', detail: 'O0000042', at }, agreement);
    expect(result).toMatchObject({ ok: true, to: null, event: null, transition: null });
    expect(result.actions[0]).toEqual({
      type: 'reroute',
      leadId: 'L1',
      reasonId: 'in_open_deal',
      fromOwnerId: 'rep_ava',
      hint: 'O0000042',
    });
  });

  it('refuses a reason that does not apply in the lead’s stage', () => {
    const opportunity = {
      ...lead,
      stageDates: {
        ...lead.stageDates,
        sal: '2026-03-04T09:00:00Z',
        sql: '2026-03-04T10:00:00Z',
        opportunity: '2026-03-04T11:00:00Z',
      },
    };
    const result = applyDisposition(opportunity, { reasonId: 'duplicate', at }, agreement);
    expect(result.issues[0]).toMatchObject({
      code: 'reason_not_applicable',
      stageId: 'opportunity',
      allowed: ['mql', 'sal'],
    });
  });

  it('refuses unknown reasons and unreadable instants', () => {
    expect(codes(applyDisposition(lead, { reasonId: 'too_busy', at }, agreement))).toEqual(['unknown_reason']);
    expect(codes(applyDisposition(lead, { reasonId: 'no_budget', at: 'soon' }, agreement))).toEqual([
      'invalid_instant',
    ]);
  });

  it('refuses a choice that is not one of the options', () => {
    const custom = {
      ...agreement,
      dispositions: [
        {
          id: 'lost_to',
          label: 'Lost to',
          action: 'disqualify',
          detail: { kind: 'choice', label: 'Which vendor?', required: true, options: ['A', 'B'] },
        },
      ],
    } as Agreement;
    expect(codes(applyDisposition(lead, { reasonId: 'lost_to', detail: 'C', at }, custom))).toEqual(['invalid_detail']);
    expect(applyDisposition(lead, { reasonId: 'lost_to', detail: 'B', at }, custom).ok).toBe(true);
  });
});

describe('computeRejectMix', () => {
  it('counts reasons per source, with shares that add up, totals first', () => {
    const { leads } = generateSample({ leads: 3000, seed: 5 });
    const rows = computeRejectMix(leads);
    const [all, ...groups] = rows;
    expect(all?.group).toBe('(all)');
    expect(all?.rejected).toBe(leads.filter((l) => l.disposition).length);
    expect(groups.reduce((n, r) => n + r.rejected, 0)).toBe(all?.rejected);
    for (const row of rows) expect(Object.values(row.shares).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const social = rows.find((r) => r.group === 'social');
    const referral = rows.find((r) => r.group === 'referral');
    expect((social?.shares.student_job_seeker ?? 0) > (referral?.shares.student_job_seeker ?? 0)).toBe(true);
  });

  it('groups by any field', () => {
    const rows = computeRejectMix(
      [
        { id: 'a', createdAt: 0, ownerId: 'x', disposition: { reasonId: 'no_budget', at: 0 } },
        { id: 'b', createdAt: 0, disposition: { reasonId: 'duplicate', at: 0 } },
      ],
      { by: 'ownerId' },
    );
    expect(rows.map((r) => [r.group, r.rejected])).toEqual([
      ['(all)', 2],
      ['(none)', 1],
      ['x', 1],
    ]);
  });
});
