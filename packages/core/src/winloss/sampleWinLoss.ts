import type { WinLossDefinition } from '../agreement/agreement.types';

/**
 * @name sampleWinLoss
 * @category Win/loss
 * @summary An example loss-reason catalog and objection themes, to spread into an agreement.
 *
 * @description
 * Six loss reasons, one per category — no decision, competitor (which one? required), price, timing
 * (revisit when? optional date), product gap (which capability? required) and other (required
 * note) — and six objection themes to tag deals with.
 *
 * @example
 * const agreement = parseAgreement({ ...defaultAgreement, ...sampleWinLoss })
 * computeWinLoss({ opportunities, leads }, agreement, { groupBy: ['source'] }).rows[0].noDecisionRate.value //=> 0.31
 */
export const sampleWinLoss: { winLoss: WinLossDefinition } = {
  winLoss: {
    lossReasons: [
      {
        id: 'no_decision',
        label: 'No decision',
        description: 'The buyer kept the status quo: no vendor was chosen.',
        category: 'no_decision',
      },
      {
        id: 'competitor',
        label: 'Lost to a competitor',
        category: 'competitor',
        detail: { kind: 'text', label: 'Which competitor won?', required: true },
      },
      { id: 'price', label: 'Price', description: 'Our price or pricing model was the blocker.', category: 'price' },
      {
        id: 'timing',
        label: 'Timing',
        category: 'timing',
        detail: { kind: 'date', label: 'Revisit on', required: false },
      },
      {
        id: 'product_gap',
        label: 'Product gap',
        category: 'product_gap',
        detail: { kind: 'text', label: 'Which capability was missing?', required: true },
      },
      {
        id: 'other',
        label: 'Other',
        category: 'other',
        detail: { kind: 'text', label: 'What happened?', required: true },
      },
    ],
    themes: [
      { id: 'integration', label: 'Integration effort' },
      { id: 'security_review', label: 'Security review' },
      { id: 'pricing_model', label: 'Pricing model' },
      { id: 'switching_cost', label: 'Switching cost' },
      { id: 'missing_feature', label: 'Missing feature' },
      { id: 'budget_freeze', label: 'Budget freeze' },
    ],
  },
};
