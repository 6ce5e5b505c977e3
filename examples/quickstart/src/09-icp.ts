import {
  type Account,
  computeWinLoss,
  defaultAgreement,
  evaluateCommitteeCoverage,
  evaluateTransition,
  generateSample,
  type Lead,
  parseAgreement,
  sampleAccountPlays,
  sampleIcp,
  sampleWinLoss,
  scoreLead,
} from '@accord/core';

// The ICP, intent signals, account tiers, buying committee and loss reasons both teams agreed on;
// the MQL gate now reads the fit score.
const agreement = parseAgreement({
  ...defaultAgreement,
  ...sampleIcp,
  ...sampleAccountPlays,
  ...sampleWinLoss,
  stages: defaultAgreement.stages.map((s) =>
    s.id === 'mql' ? { ...s, entry: { field: 'scores.fit', op: 'gte', value: 55 } } : s,
  ),
});
const sample = generateSample({ leads: 2000, seed: 3 });
const { leads, activities, touchpoints, accounts, opportunities, asOf } = sample;

const lead = leads[7] as Lead;
const { fit } = scoreLead(lead, activities, agreement, { now: asOf, touchpoints });
console.log(fit.score, fit.tier, fit.reasons.map((r) => `${r.criterionId} +${r.points}`).join(', '));
// 25 'none' 'industry +0, employees +25, country +0, uses_salesforce +0'

const gate = evaluateTransition({ ...lead, stageDates: {} }, 'mql', agreement, { now: asOf, activities, touchpoints });
console.log(gate.allowed, gate.reasons.at(-1)?.message); // false 'Entry criteria of MQL not met: scores.fit is 25, needs ≥ 55.'

// The enterprise account with the most contacts: which of its buying roles are engaged?
const contactsOf = (id: string) => leads.filter((l) => l.accountId === id);
const [account] = accounts
  .filter((a) => a.segment === 'enterprise')
  .sort((a, b) => contactsOf(b.id).length - contactsOf(a.id).length) as [Account];
const contacts = contactsOf(account.id);
const committee = evaluateCommitteeCoverage(account, contacts, activities, agreement, { now: asOf });
const roles = committee.roles.map((r) => `${r.roleId}: ${r.state}`);
console.log(committee.requirementId, `${committee.engaged} of ${committee.required}`, roles);
// 'enterprise' '0 of 4' [ 'economic_buyer: unengaged', 'champion: missing', 'technical_evaluator: unengaged', 'procurement: missing' ]

const winLoss = computeWinLoss({ opportunities, leads }, agreement, { groupBy: ['segment'] });
const bySegment = winLoss.rows.map((r) => [r.group.segment, r.closed, Number(r.winRate.value?.toFixed(2))]);
console.log(bySegment, winLoss.totals.lossReasons[0]?.id);
// [ [ 'enterprise', 7, 0.71 ], [ 'mid_market', 12, 0.17 ], [ 'smb', 39, 0.33 ] ] 'no_decision'
