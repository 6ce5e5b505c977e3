import {
  addBusinessMinutes,
  businessMinutesBetween,
  type CalendarDefinition,
  defaultAgreement,
  evaluateLeadSlas,
  type Lead,
  rankByNextBreach,
} from '@accord/core';

const calendar = defaultAgreement.calendars?.us_business as CalendarDefinition; // Mon–Fri 09:00–17:00, New York

// Friday 16:00 EST → Monday 10:30 EDT, across the spring-forward weekend: 60 + 90 business minutes.
console.log(businessMinutesBetween('2026-03-06T16:00:00-05:00', '2026-03-09T10:30:00-04:00', calendar)); // 150
console.log(new Date(addBusinessMinutes('2026-03-06T16:30:00-05:00', 60, calendar)).toISOString()); // 2026-03-09T13:30:00.000Z

const lead: Lead = {
  id: 'L-7',
  createdAt: '2026-03-02T14:00:00-05:00',
  ownerId: 'rep_ava',
  teamId: 'na_sales',
  attributes: { demoRequested: true },
  stageDates: { mql: '2026-03-02T16:30:00-05:00' },
};
const { statuses } = evaluateLeadSlas(lead, [], defaultAgreement, { now: '2026-03-03T12:00:00-05:00' });
const [next] = rankByNextBreach(statuses);
console.log(next?.slaId, next?.state, new Date(next?.dueAt ?? 0).toISOString(), next?.currentEscalation?.to);
// 'demo_request_first_touch' 'breached' '2026-03-03T14:30:00.000Z' 'mgr_olivia'
