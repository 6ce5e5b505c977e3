import type { Agreement, IntentDefinition } from '../agreement/agreement.types';
import type { Activity, Lead, Touchpoint } from '../records/records.types';
import { decayedPoints, matchingAges, nowMs, round1, signalDetail } from './_engagement';
import { scoreFit } from './_fit';
import type { EngagementReason, EngagementScore, ScoreLeadOptions, ScoreLeadResult } from './icp.types';

function scoreEngagement(
  lead: Lead,
  intent: IntentDefinition | undefined,
  activities: readonly Activity[],
  touchpoints: readonly Touchpoint[],
  now: number,
): EngagementScore {
  if (!intent) return { score: 0, uncapped: 0, reasons: [] };
  // Only the lead's own events count (account-level touchpoints are scoreAccount's).
  const own = activities.filter((a) => a.leadId === lead.id);
  const ownTouchpoints = touchpoints.filter((t) => t.leadId === lead.id);
  let total = 0;
  const reasons: EngagementReason[] = intent.signals.map((s) => {
    const ages = matchingAges(s, own, ownTouchpoints, now);
    const points = decayedPoints(s, ages);
    total += points;
    return {
      signalId: s.id,
      label: s.label,
      events: ages.length,
      points: round1(points),
      detail: signalDetail(s, ages),
    };
  });
  return { score: round1(Math.min(intent.cap ?? 100, total)), uncapped: round1(total), reasons };
}

/**
 * @name scoreLead
 * @category ICP
 * @summary Scores a lead's fit with the ideal customer profile and its engagement, and explains every point.
 *
 * @description
 * **Fit** (0–100): the matched weight of the agreement's `icp.criteria` over their total weight,
 * × 100, rounded to one decimal. The tier is read off the rounded score against `icp.tiers`
 * (score ≥ A → `A`, ≥ B → `B`, ≥ C → `C`, else `none`); with no ICP, or only zero weights, the
 * score is 0 and the tier `none`.
 *
 * **Engagement** (0–cap): for each of `intent.signals`, every matching event of this lead (activities
 * by `type`, touchpoints by `channel` / `campaignId`, plus the optional `when` rule; only events
 * whose `leadId` is the lead's) adds `weight × 0.5^(age in days / halfLifeDays)`, so an event one
 * half-life old counts half. Events after `now` do not count. The sum is capped at `intent.cap`
 * (default 100) and rounded to one decimal.
 *
 * Deterministic: the same input and `now` give the same result, whatever the order of the events.
 * The agreement should come from {@link parseAgreement} (which checks weights, tiers and half-lives).
 *
 * @param lead - The lead.
 * @param activities - Sales activities; those of other leads are ignored.
 * @param agreement - The agreement holding `icp` and `intent` (either may be absent).
 * @param options - {@link ScoreLeadOptions}: `now` (required) and `touchpoints`.
 * @returns `{ fit: { score, tier, reasons }, engagement: { score, uncapped, reasons } }`.
 * @throws {Error} When `now` or an event's `at` is not a valid instant.
 *
 * @example
 * const agreement = { ...defaultAgreement, ...sampleIcp }
 * scoreLead(lead, activities, agreement, { now: '2026-03-02T09:00:00Z', touchpoints })
 * //=> { fit: { score: 75, tier: 'B', reasons: [{ criterionId: 'industry', matched: true, points: 30, … }, …] },
 * //     engagement: { score: 42.5, uncapped: 42.5, reasons: [{ signalId: 'demo_request', events: 1, points: 30, … }, …] } }
 */
export function scoreLead(
  lead: Lead,
  activities: readonly Activity[],
  agreement: Agreement,
  options: ScoreLeadOptions,
): ScoreLeadResult {
  const now = nowMs(options.now);
  return {
    fit: scoreFit(lead, agreement.icp, now),
    engagement: scoreEngagement(lead, agreement.intent, activities, options.touchpoints ?? [], now),
  };
}
