import type { IcpDefinition, IcpTiers } from '../agreement/agreement.types';
import { evaluateCriteria } from '../criteria/evaluateCriteria';
import { round1 } from './_engagement';
import type { FitReason, FitScore, IcpTier } from './icp.types';

/** The tier of a (rounded) fit score: score ≥ A → `A`, ≥ B → `B`, ≥ C → `C`, else `none`. */
export function tierOf(score: number, tiers: IcpTiers): IcpTier {
  if (score >= tiers.A) return 'A';
  if (score >= tiers.B) return 'B';
  if (score >= tiers.C) return 'C';
  return 'none';
}

/**
 * The fit of one record (a lead or contact) with the ICP: the matched share of the criteria's
 * weight × 100, one decimal, with a reason per criterion. Shared by `scoreLead` and `scoreAccount`.
 */
export function scoreFit(record: object, icp: IcpDefinition | undefined, now: number): FitScore {
  if (!icp) return { score: 0, tier: 'none', reasons: [] };
  // The actual sum, not `declaredTotal`: parsing has already checked they agree, and using the sum
  // keeps the score a true share (adding a matching criterion can never lower it).
  const total = icp.criteria.reduce((sum, c) => sum + c.weight, 0);
  let matchedWeight = 0;
  const reasons: FitReason[] = icp.criteria.map((c) => {
    const verdict = evaluateCriteria(record, c.when, { now });
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
