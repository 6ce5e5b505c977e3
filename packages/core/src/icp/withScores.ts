import type { Agreement } from '../agreement/agreement.types';
import type { Activity, Lead } from '../records/records.types';
import type { ScoredLead, ScoreLeadOptions } from './icp.types';
import { scoreLead } from './scoreLead';

/**
 * @name withScores
 * @category ICP
 * @summary The lead with its fit and engagement scores attached, for rules that read `scores.*`.
 *
 * @description
 * Stage criteria, SLA `appliesTo` rules and your own {@link evaluateCriteria} calls can read
 * `scores.fit` (0–100), `scores.tier` (`A`/`B`/`C`/`none`) and `scores.engagement`. This computes
 * them with {@link scoreLead} and returns a copy of the lead holding them; the lead is not changed.
 * {@link evaluateTransition} does this itself when the agreement's stage rules read scores.
 *
 * @param lead - The lead.
 * @param activities - Sales activities (those of other leads are ignored).
 * @param agreement - The agreement with `icp` and/or `intent`.
 * @param options - `now` (required) and `touchpoints`.
 * @returns `{ ...lead, scores: { fit, tier, engagement } }`.
 *
 * @example
 * evaluateCriteria(withScores(lead, activities, agreement, { now }), { field: 'scores.fit', op: 'gte', value: 60 })
 */
export function withScores<L extends Lead>(
  lead: L,
  activities: readonly Activity[],
  agreement: Agreement,
  options: ScoreLeadOptions,
): ScoredLead<L> {
  const { fit, engagement } = scoreLead(lead, activities, agreement, options);
  return { ...lead, scores: { fit: fit.score, tier: fit.tier, engagement: engagement.score } };
}
