import { attribute, buildJourneys, compareAttribution, generateSample, type PathRow } from '@accord/core';

const paths: PathRow[] = [
  { path: 'search > email > demo', conversions: 3, value: 300, nulls: 5 },
  { path: 'search', conversions: 1, value: 50, nulls: 9 },
  { path: 'social > email', conversions: 0, nulls: 12 },
];
const markov = attribute(paths, { model: 'markov' });
console.log(markov.channels.map((c) => [c.channel, Number(c.conversions.toFixed(3))]));
// [ [ 'demo', 1.2 ], [ 'email', 1.2 ], [ 'search', 0.88 ], [ 'social', 0.72 ] ]

// Social never converts, yet removing it loses the email → demo paths it feeds: a removal effect.
console.log(markov.diagnostics.removalEffects); // { search: 0.55, email: 0.75, demo: 0.75, social: 0.45… }

const { table } = compareAttribution(paths, { models: ['first_touch', 'last_touch', 'position_based'] });
console.log(table[0]); // { channel: 'search', conversions: { first_touch: 4, last_touch: 1, position_based: 2.2 }, value: { … } }

// From CRM records: touchpoints joined to won deals within the agreed lookback, W-shaped moments included.
const sample = generateSample({ leads: 2000, seed: 1 });
const { journeys } = buildJourneys(sample, { lookbackDays: 90 });
const w = attribute(journeys, { model: 'w_shaped' });
console.log(w.totals.conversions === w.channels.reduce((s, c) => s + c.conversions, 0)); // true
