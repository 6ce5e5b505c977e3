import { defaultAgreement, deriveLifecycle, evaluateLeadStandard, evaluateTransition, type Lead } from '@accord/core';

const lead: Lead = {
  id: 'L-1042',
  createdAt: '2026-03-02T14:05:00Z',
  email: 'kim@northwind.com',
  company: 'Northwind Logistics',
  country: 'DE',
  source: 'events',
  attributes: { employees: 240, engagementScore: 61, demoRequested: false },
  stageDates: { inquiry: '2026-03-02T14:05:00Z', mql: '2026-03-03T09:12:00Z' },
};
const now = '2026-03-04T16:00:00Z';

const life = deriveLifecycle(lead, defaultAgreement, { now });
console.log(life.current, life.reached); // 'mql' [ 'inquiry', 'mql' ]

const toSal = evaluateTransition(lead, 'sal', defaultAgreement, { now });
console.log(
  toSal.allowed,
  toSal.reasons.map((r) => r.message),
);
// false [ 'Entry criteria of SAL not met: Has an owner.' ]

const toSql = evaluateTransition({ ...lead, ownerId: 'rep_ava' }, 'sql', defaultAgreement, { now });
console.log(toSql.move, toSql.reasons.map((r) => r.message)[0]);
// 'skip' 'Would skip SAL; the agreement does not allow skipping stages.'

console.log(evaluateLeadStandard(lead, defaultAgreement).passed); // true
