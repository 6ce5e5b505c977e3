import { toEpochMs } from '../_lib/instant';
import type { Agreement, IcpDefinition, IcpTiers, IntentDefinition, IntentSignal } from '../agreement/agreement.types';
import { compileCriteria } from '../criteria/compileCriteria';
import { evaluateCriteria } from '../criteria/evaluateCriteria';
import type { Activity, Lead, Touchpoint } from '../records/records.types';
import type {
  EngagementReason,
  EngagementScore,
  FitReason,
  FitScore,
  IcpTier,
  ScoreLeadOptions,
  ScoreLeadResult,
} from './icp.types';

const DAY_MS = 86_400_000;

/** One decimal: enough to tell leads apart, few enough to read. */
const round1 = (x: number): number => Math.round(x * 10) / 10;

function tierOf(score: number, tiers: IcpTiers): IcpTier {
  if (score >= tiers.A) return 'A';
  if (score >= tiers.B) return 'B';
  if (score >= tiers.C) return 'C';
  return 'none';
}

function scoreFit(lead: Lead, icp: IcpDefinition | undefined, now: number): FitScore {
  if (!icp) return { score: 0, tier: 'none', reasons: [] };
  // The actual sum, not `declaredTotal`: parsing has already checked they agree, and using the sum
  // keeps the score a true share (adding a matching criterion can never lower it).
  const total = icp.criteria.reduce((sum, c) => sum + c.weight, 0);
  let matchedWeight = 0;
  const reasons: FitReason[] = icp.criteria.map((c) => {
    const verdict = evaluateCriteria(lead, c.when, { now });
    if (verdict.passed) matchedWeight += c.weight;
    return {
      criterionId: c.id,
      label: c.label,
      matched: verdict.passed,
      weight: c.weight,
      points: verdict.passed && total > 0 ? round1((c.weight / total) * 100) : 0,
      detail: verdict.reasons.map((r) => r.message).join('; '),
    };
  });
  if (total === 0) return { score: 0, tier: 'none', reasons };
  const score = round1((matchedWeight / total) * 100);
  return { score, tier: tierOf(score, icp.tiers), reasons };
}

const includes = (list: readonly string[] | undefined, value: string | undefined): boolean =>
  list === undefined || (value !== undefined && list.includes(value));

/** The ages in days (oldest last) of the lead's events that match the signal; future events are left out. */
function matchingAges(
  signal: IntentSignal,
  lead: Lead,
  activities: readonly Activity[],
  touchpoints: readonly Touchpoint[],
  now: number,
): number[] {
  const when = signal.when ? compileCriteria(signal.when) : undefined;
  const events: readonly (Activity | Touchpoint)[] =
    signal.source === 'activity'
      ? activities.filter((a) => a.leadId === lead.id && includes(signal.types, a.type))
      : touchpoints.filter(
          (t) =>
            t.leadId === lead.id && includes(signal.channels, t.channel) && includes(signal.campaignIds, t.campaignId),
        );
  const ages: number[] = [];
  for (const event of events) {
    if (when && !when(event, { now })) continue;
    const at = toEpochMs(event.at);
    if (Number.isNaN(at)) throw new Error(`[accord] event ${JSON.stringify(event.id)} has an invalid "at" instant.`);
    if (at <= now) ages.push((now - at) / DAY_MS);
  }
  // Summing in a fixed order makes the result independent of the order the events came in.
  return ages.sort((x, y) => x - y);
}

function scoreEngagement(
  lead: Lead,
  intent: IntentDefinition | undefined,
  activities: readonly Activity[],
  touchpoints: readonly Touchpoint[],
  now: number,
): EngagementScore {
  if (!intent) return { score: 0, uncapped: 0, reasons: [] };
  let total = 0;
  const reasons: EngagementReason[] = intent.signals.map((s) => {
    const ages = matchingAges(s, lead, activities, touchpoints, now);
    const points = ages.reduce((sum, age) => sum + s.weight * 0.5 ** (age / s.halfLifeDays), 0);
    total += points;
    const newest = ages[0];
    const detail =
      newest === undefined
        ? `no events; weight ${s.weight}, half-life ${s.halfLifeDays} days`
        : `${ages.length} event${ages.length === 1 ? '' : 's'}, newest ${newest.toFixed(1)} days ago; weight ${s.weight}, half-life ${s.halfLifeDays} days`;
    return { signalId: s.id, label: s.label, events: ages.length, points: round1(points), detail };
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
  const now = options.now instanceof Date ? options.now.getTime() : toEpochMs(options.now);
  if (Number.isNaN(now)) throw new Error(`[accord] options.now is not a valid instant: ${String(options.now)}`);
  return {
    fit: scoreFit(lead, agreement.icp, now),
    engagement: scoreEngagement(lead, agreement.intent, activities, options.touchpoints ?? [], now),
  };
}
