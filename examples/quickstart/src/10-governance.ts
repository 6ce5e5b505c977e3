import {
  type Agreement,
  agreementInForce,
  defaultAgreement,
  diffAgreements,
  generateSample,
  type PilotStageSplit,
  parseAgreementHistory,
  runPilot,
  sampleForReview,
} from '@accord/core';

// A proposal: MQLs need 100+ employees or a demo request. What changes, in words?
const proposal: Agreement = {
  ...defaultAgreement,
  version: '1.1.0',
  effectiveFrom: '2026-07-01',
  stages: defaultAgreement.stages.map((s) =>
    s.id === 'mql'
      ? {
          ...s,
          entry: {
            any: [
              { field: 'attributes.demoRequested', op: 'eq', value: true },
              { field: 'attributes.employees', op: 'gte', value: 100 },
            ],
          },
        }
      : s,
  ),
};
console.log(diffAgreements(defaultAgreement, proposal).changes.map((c) => c.summary));
// [ 'Stage "MQL" (mql): entry criteria changed from … to attributes.demoRequested = true or attributes.employees ≥ 100.' ]

// Pilot it beside the definition in force, on the same leads: who would it drop, and how did they do?
const sample = generateSample({ leads: 3000, seed: 4 });
const pilot = runPilot(sample, defaultAgreement, proposal, {
  asOf: sample.asOf,
  metrics: ['count.mql', 'conversion.mql.sal'],
});
const [mql] = pilot.stages as [PilotStageSplit];
const dropped = mql.baselineOnly;
const rate = (c: typeof dropped) => Number(c.reachedNext.value?.toFixed(2));
console.log(dropped.leads, rate(dropped), rate(mql.both)); // 743 0.24 0.38
console.log(pilot.totals.metrics['conversion.mql.sal']?.delta?.toFixed(3)); // -0.037

// Adopted: each record is judged by the version in force at its time, switching at local midnight.
const versions = parseAgreementHistory([defaultAgreement, proposal]);
const inForce = (at: string) => agreementInForce(versions, at)?.version;
console.log(inForce('2026-07-01T03:59:00Z'), inForce('2026-07-01T04:00:00Z'));
// '1.0.0' '1.1.0'

// The weekly review: a reproducible sample of Sales' decisions, each with its why.
const review = sampleForReview(sample.leads, {
  agreement: defaultAgreement,
  now: sample.asOf,
  n: 10,
  seed: 47,
  activities: sample.activities,
});
console.log(review.items[0]?.stratum, review.items.length, review.strata.length); // 'accepted' 10 9
