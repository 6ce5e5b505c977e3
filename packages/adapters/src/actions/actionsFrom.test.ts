import {
  type Agreement,
  applyDisposition,
  computeSlaStatus,
  defaultAgreement,
  type FirstTouchSla,
  type Lead,
} from '@accord/core';
import { describe, expect, it } from 'vitest';
import { AdapterError } from '../contract/AdapterError';
import { actionsFromDisposition, actionsFromSlaStatuses } from './actionsFrom';

const agreement = defaultAgreement as Agreement;
const est = (day: number, hhmm: string) => `2026-03-${String(day).padStart(2, '0')}T${hhmm}:00-05:00`;
const lead: Lead = {
  id: 'L1',
  createdAt: est(2, '14:00'),
  email: 'kim@rivalcrm.io',
  domain: 'rivalcrm.io',
  ownerId: 'rep_ava',
  teamId: 'na_sales',
  stageDates: { inquiry: est(2, '14:00'), mql: est(2, '15:30') },
};
const leadUrl = (id: string) => `https://crm.example.com/leads/${id}`;

describe('actionsFromDisposition', () => {
  const at = '2026-03-04T15:00:00Z';

  it('turns a competitor disposition into a suppress action with a stable key and the why', () => {
    const result = applyDisposition(lead, { reasonId: 'competitor', detail: 'RivalCRM', by: 'rep_ava', at }, agreement);
    const actions = actionsFromDisposition(result, { leadUrl });
    expect(actions).toHaveLength(1);
    const [action] = actions;
    expect(action).toMatchObject({
      key: `disposition:L1:${Date.parse(at)}:suppress`,
      kind: 'suppress',
      leadId: 'L1',
      url: 'https://crm.example.com/leads/L1',
      payload: { reasonId: 'competitor', email: 'kim@rivalcrm.io', domain: 'rivalcrm.io', detail: 'RivalCRM' },
    });
    expect(action?.title).toBe(`Suppress L1: ${result.reason?.label}`);
    expect(action?.body?.split('\n')).toEqual([
      `Reason: ${result.reason?.label} (competitor)`,
      'Detail: RivalCRM',
      'Stage: mql → disqualified',
      'By: rep_ava',
      'Action: suppress kim@rivalcrm.io / rivalcrm.io',
    ]);
    // Same decision, same key: a re-run cannot repeat it.
    expect(actionsFromDisposition(result, { leadUrl })).toEqual(actions);
  });

  it('carries the recycle date as dueAt, and yields nothing for a refused disposition', () => {
    const ok = applyDisposition(lead, { reasonId: 'no_timing', detail: '2026-06-01', at }, agreement);
    const [recycle] = actionsFromDisposition(ok);
    expect(recycle).toMatchObject({
      kind: 'recycle',
      dueAt: Date.parse('2026-06-01'),
      payload: { recycleAt: '2026-06-01' },
    });
    expect(recycle?.url).toBeUndefined();
    const refused = applyDisposition(lead, { reasonId: 'competitor', at }, agreement);
    expect(actionsFromDisposition(refused)).toEqual([]);
  });

  it('names the lead and field when the instant is missing, and refuses a non-https link', () => {
    const result = applyDisposition(lead, { reasonId: 'competitor', detail: 'RivalCRM', at }, agreement);
    const noAt = { ...result, lead: { ...result.lead, disposition: undefined } } as typeof result;
    expect(() => actionsFromDisposition(noAt)).toThrow(/lead L1: field "disposition.at"/);
    expect(actionsFromDisposition(noAt, { at: Date.parse(at) })[0]?.key).toBe(
      `disposition:L1:${Date.parse(at)}:suppress`,
    );
    const error = (() => {
      try {
        actionsFromDisposition(result, { leadUrl: (id) => `http://crm.example.com/${id}` });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AdapterError);
    expect(error).toMatchObject({ code: 'invalid_option', message: expect.stringContaining('lead L1') });
  });
});

describe('actionsFromSlaStatuses', () => {
  const firstTouch = agreement.slas?.find((s) => s.id === 'mql_first_touch') as FirstTouchSla;

  it('makes one action per due escalation step, keyed by lead, SLA, cycle and step', () => {
    const status = computeSlaStatus(lead, [], firstTouch, { now: est(5, '16:00'), agreement });
    expect(status.state).toBe('breached');
    expect(status.escalationsDue.length).toBeGreaterThanOrEqual(2);
    const actions = actionsFromSlaStatuses([status], { leadUrl });
    expect(actions.map((a) => [a.key, a.kind])).toEqual(
      status.escalationsDue.map((step) => [`sla:L1:mql_first_touch:${status.cycle}:${step.step}`, step.action]),
    );
    const [first] = actions;
    expect(first).toMatchObject({
      leadId: 'L1',
      title: 'Breached: MQLs: first touch within 1 business day for L1',
      url: 'https://crm.example.com/leads/L1',
      dueAt: status.escalationsDue[0]?.at,
      sla: {
        slaId: 'mql_first_touch',
        label: 'MQLs: first touch within 1 business day',
        state: 'breached',
        dueAt: status.dueAt,
        breachedAt: status.breachedAt,
        remainingMinutes: status.remainingMinutes,
      },
    });
    expect(first?.to).toBe('rep_ava');
    expect(actions.map((a) => a.to)).toEqual(status.escalationsDue.map((step) => step.to));
    const body = first?.body?.split('\n') ?? [];
    expect(body[0]).toBe('SLA: MQLs: first touch within 1 business day (mql_first_touch), cycle 1');
    expect(body[1]).toBe(`State: breached, ${-Math.round(status.remainingMinutes)} min overdue`);
    expect(body[2]).toBe(`Due: ${new Date(status.dueAt as number).toISOString()}`);
    expect(body[4]).toMatch(/^Escalation step 1: notify the owner/);
  });

  it('yields nothing for a clock that is met or still running', () => {
    const running = computeSlaStatus(lead, [], firstTouch, { now: est(3, '12:00'), agreement });
    expect(running.state).toBe('running');
    expect(actionsFromSlaStatuses([running])).toEqual([]);
    expect(() => actionsFromSlaStatuses('x' as never)).toThrow(AdapterError);
    expect(() => actionsFromSlaStatuses([{ ...running, leadId: '' }])).toThrow(/SLA status 0: missing "leadId"/);
  });
});
