import {
  applyDisposition,
  createAccountDirectory,
  createRoutingState,
  defaultAgreement,
  type Lead,
  routeLead,
} from '@accord/core';

const lead: Lead = {
  id: 'L-9',
  createdAt: '2026-03-02T15:00:00Z',
  email: 'kim@sales.northwind.co.uk',
  region: 'emea',
  attributes: { employees: 80 },
  stageDates: { mql: '2026-03-02T15:00:00Z' },
};
const rejected = applyDisposition(lead, { reasonId: 'competitor', at: '2026-03-03T10:00:00Z' }, defaultAgreement);
console.log(rejected.ok, rejected.issues[0]?.message); // false 'Reason "competitor" needs a detail: Which competitor?'

const accounts = createAccountDirectory([{ id: 'A-1', domain: 'www.northwind.co.uk', ownerId: 'ae_grace' }]);
const routed = routeLead(lead, createRoutingState(), defaultAgreement, { now: lead.createdAt, accounts });
console.log(routed.assignee, routed.trace[1]?.message);
// { type: 'user', id: 'ae_grace' } 'Matched account A-1 by domain northwind.co.uk; its owner is ae_grace.'
