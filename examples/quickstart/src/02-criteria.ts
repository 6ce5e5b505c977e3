import { compileCriteria, evaluateCriteria, type Rule } from '@accord/core';

const icpAndEngaged: Rule = {
  all: [
    { field: 'attributes.employees', op: 'gte', value: 20, label: 'ICP: 20+ employees' },
    { field: 'attributes.lastVisit', op: 'within_days', value: 14, label: 'Visited in the last 14 days' },
  ],
};
const lead = { attributes: { employees: 12, lastVisit: '2026-03-01T10:00:00Z' } };
const verdict = evaluateCriteria(lead, icpAndEngaged, { now: '2026-03-05T09:00:00Z' });
console.log(verdict.passed); // false
console.log(verdict.reasons.map((r) => r.message));
// [ 'attributes.employees is 12, needs ≥ 20',
//   'attributes.lastVisit is "2026-03-01T10:00:00Z" (4.0 days ago), needs to be within the last 14 days' ]

const isFit = compileCriteria(icpAndEngaged);
console.log([lead].filter((l) => isFit(l, { now: '2026-03-05T09:00:00Z' })).length); // 0
