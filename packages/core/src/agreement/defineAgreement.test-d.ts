import { describe, expectTypeOf, it } from 'vitest';
import { deriveLifecycle } from '../lifecycle/deriveLifecycle';
import { evaluateTransition } from '../lifecycle/evaluateTransition';
import type { Lead } from '../records/records.types';
import type { CalendarId, PoolId, ReasonId, SlaId, StageId } from './agreement.types';
import { defaultAgreement } from './defaultAgreement';
import { defineAgreement } from './defineAgreement';

const lead: Lead = { id: 'L1', createdAt: 0 };

describe('defineAgreement', () => {
  it('infers stage, calendar, reason, SLA and pool ids as literal unions', () => {
    const agreement = defineAgreement({
      id: 'acme',
      version: '1',
      timezone: 'Europe/Berlin',
      stages: [
        { id: 'lead', label: 'Lead', owner: 'marketing' },
        { id: 'qualified', label: 'Qualified', owner: 'sales' },
        { id: 'won', label: 'Won', owner: 'sales', kind: 'won' },
      ],
      transitions: { backward: 'deny', allowSkip: true },
      calendars: { berlin: { timezone: 'Europe/Berlin', alwaysOpen: true } },
      slas: [
        {
          id: 'touch',
          kind: 'first_touch',
          label: 'Touch',
          side: 'sales',
          calendar: 'berlin',
          start: { stage: 'qualified' },
          target: { minutes: 60, clock: 'business' },
        },
      ],
      dispositions: [{ id: 'spam', label: 'Spam', action: 'suppress', appliesIn: ['lead'] }],
      routing: {
        rules: [{ id: 'all', assign: { pool: 'team' } }],
        pools: [{ id: 'team', members: [{ userId: 'u1', calendar: 'berlin' }] }],
        fallbackQueue: 'q',
      },
    });
    expectTypeOf<StageId<typeof agreement>>().toEqualTypeOf<'lead' | 'qualified' | 'won'>();
    expectTypeOf<CalendarId<typeof agreement>>().toEqualTypeOf<'berlin'>();
    expectTypeOf<ReasonId<typeof agreement>>().toEqualTypeOf<'spam'>();
    expectTypeOf<SlaId<typeof agreement>>().toEqualTypeOf<'touch'>();
    expectTypeOf<PoolId<typeof agreement>>().toEqualTypeOf<'team'>();
  });

  it('rejects references to ids the agreement does not define', () => {
    defineAgreement({
      id: 'acme',
      version: '1',
      timezone: 'UTC',
      stages: [{ id: 'lead', label: 'Lead', owner: 'marketing' }],
      // @ts-expect-error 'leed' is not a stage of this agreement
      transitions: { backward: 'recycle', allowSkip: true, recycleTo: 'leed' },
      dispositions: [
        // @ts-expect-error 'qualified' is not a stage of this agreement
        { id: 'spam', label: 'Spam', action: 'suppress', appliesIn: ['qualified'] },
      ],
    });
    defineAgreement({
      id: 'acme',
      version: '1',
      timezone: 'UTC',
      stages: [{ id: 'lead', label: 'Lead', owner: 'marketing' }],
      transitions: { backward: 'deny', allowSkip: true },
      calendars: { utc: { timezone: 'UTC', alwaysOpen: true } },
      slas: [
        {
          id: 'x',
          kind: 'disposition',
          label: 'X',
          side: 'sales',
          // @ts-expect-error 'cet' is not a calendar of this agreement
          calendar: 'cet',
          start: { stage: 'lead' },
          target: { minutes: 1, clock: 'business' },
        },
      ],
    });
  });

  it('types the default agreement’s stage ids', () => {
    expectTypeOf<StageId<typeof defaultAgreement>>().toEqualTypeOf<
      'inquiry' | 'mql' | 'sal' | 'sql' | 'opportunity' | 'closed_won' | 'closed_lost' | 'recycled' | 'disqualified'
    >();
    expectTypeOf<ReasonId<typeof defaultAgreement>>().toEqualTypeOf<
      | 'no_icp_fit'
      | 'bad_contact_data'
      | 'no_timing'
      | 'no_budget'
      | 'competitor'
      | 'duplicate'
      | 'student_job_seeker'
      | 'in_open_deal'
    >();
  });

  it('makes lifecycle functions speak the agreement’s stage ids', () => {
    const verdict = evaluateTransition(lead, 'sql', defaultAgreement, { now: 0 });
    expectTypeOf(verdict.from).toEqualTypeOf<StageId<typeof defaultAgreement> | null>();
    // @ts-expect-error 'sqll' is not a stage of the default agreement
    evaluateTransition(lead, 'sqll', defaultAgreement, { now: 0 });
    expectTypeOf(deriveLifecycle(lead, defaultAgreement).current).toEqualTypeOf<StageId<
      typeof defaultAgreement
    > | null>();
  });
});
