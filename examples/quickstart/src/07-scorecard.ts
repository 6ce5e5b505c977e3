import { computeScorecard, defaultAgreement, describeMetric, generateSample } from '@accord/core';

const sample = generateSample({ leads: 2000, seed: 1 });
const card = computeScorecard(sample, {
  agreement: defaultAgreement,
  asOf: sample.asOf,
  groupBy: ['segment'],
  metrics: ['conversion.mql.sal', 'time_to_first_touch.p90', 'win_rate'],
});
console.log(describeMetric('conversion.mql.sal', defaultAgreement)?.formula); // leads with sal date ≥ mql date ÷ leads with a mql date
console.log(card.rows.map((r) => r.group.segment)); // [ 'enterprise', 'mid_market', 'smb' ]
console.log(card.totals.metrics['conversion.mql.sal']);
// { value: 0.6466431095406361, numerator: 366, denominator: 566, target: { min: 0.6 }, status: 'met' }

const quarterly = computeScorecard(sample, {
  agreement: defaultAgreement,
  asOf: sample.asOf,
  grain: 'quarter',
  metrics: ['leads'],
});
console.log(quarterly.rows.map((r) => [r.period, r.metrics.leads?.value]));
// [ [ '2026-Q1', 953 ], [ '2026-Q2', 1002 ], [ '2026-Q3', 45 ] ]
