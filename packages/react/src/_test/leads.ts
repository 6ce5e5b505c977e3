import type { Lead } from '@accord/core';

/** An MQL with an owner: moving it to SAL is allowed. */
export const mqlLead: Lead = {
  id: 'L-mql',
  createdAt: '2026-03-02T09:00:00Z',
  email: 'priya.rossi@silverhill.com',
  company: 'Silverhill Care',
  country: 'NL',
  source: 'email',
  ownerId: 'rep_emil',
  attributes: { employees: 16, demoRequested: true, engagementScore: 46 },
  stageDates: { inquiry: '2026-03-02T09:00:00Z', mql: '2026-03-02T09:06:00Z' },
};

/** A SAL with a meeting held but no known budget: moving it to SQL is blocked by entry criteria. */
export const salLead: Lead = {
  id: 'L-sal',
  createdAt: '2026-02-11T18:11:00Z',
  email: 'priya.usman@truebridgemedical.co',
  company: 'Truebridge Medical',
  country: 'CA',
  source: 'events',
  ownerId: 'rep_ben',
  attributes: { employees: 282, meetingHeld: true },
  stageDates: { inquiry: '2026-02-11T18:11:00Z', mql: '2026-02-13T09:40:29Z', sal: '2026-02-21T03:28:52Z' },
};

/** An SQL: moving it back to MQL is recycled under the default agreement. */
export const sqlLead: Lead = {
  ...salLead,
  id: 'L-sql',
  attributes: { employees: 282, meetingHeld: true, budgetKnown: true },
  stageDates: { ...salLead.stageDates, sql: '2026-03-06T07:27:46Z' },
};
