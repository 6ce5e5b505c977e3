import type { Instant, Lead, Touchpoint } from '../records/records.types';

/** The ICP tier of a fit score; `none` is below tier C (or no ICP in the agreement). */
export type IcpTier = 'A' | 'B' | 'C' | 'none';

/** What one ICP criterion contributed to the fit score. */
export interface FitReason {
  criterionId: string;
  label: string;
  matched: boolean;
  /** The criterion's weight in the agreement. */
  weight: number;
  /** Its share of the fit score: `weight / total weight × 100` when matched, else 0 (1 decimal). */
  points: number;
  /** Every comparison of the rule, e.g. `attributes.employees is 12, needs ≥ 50`. */
  detail: string;
}

/** How well a lead fits the ideal customer profile. */
export interface FitScore {
  /** Matched weight / total weight × 100, rounded to 1 decimal; 0 when no weight is defined. */
  score: number;
  /** Read off the rounded score, so the shown score and tier always agree. */
  tier: IcpTier;
  /** One reason per criterion, in the agreement's order. */
  reasons: FitReason[];
}

/** What one intent signal contributed to the engagement score. */
export interface EngagementReason {
  signalId: string;
  label: string;
  /** How many of the lead's events matched (events after `now` are not counted). */
  events: number;
  /** Σ weight × 0.5^(age in days / half-life) over those events, before the cap (1 decimal). */
  points: number;
  /** E.g. `2 events, newest 3.0 days ago; weight 20, half-life 14 days`. */
  detail: string;
}

/** How engaged a lead is, from recent intent signals. */
export interface EngagementScore {
  /** The decayed points of every signal, summed and capped (at `intent.cap`, default 100); 1 decimal. */
  score: number;
  /** The sum before the cap (1 decimal), to tell a capped score from an exact one. */
  uncapped: number;
  /** One reason per signal, in the agreement's order, including signals with no events. */
  reasons: EngagementReason[];
}

/** Options for {@link scoreLead}. */
export interface ScoreLeadOptions {
  /** The instant to score at; events decay from their time to `now`. Never read from the clock. */
  now: Instant | Date;
  /** The lead's marketing touchpoints, for signals with `source: 'touchpoint'`. */
  touchpoints?: readonly Touchpoint[];
}

/** The result of {@link scoreLead}. */
export interface ScoreLeadResult {
  fit: FitScore;
  engagement: EngagementScore;
}

/**
 * The scores stage criteria read, as `scores.fit`, `scores.tier` and `scores.engagement`
 * (e.g. MQL entry: `{ all: [{ field: 'scores.fit', op: 'gte', value: 60 }, { field: 'scores.engagement', op: 'gte', value: 25 }] }`).
 */
export interface LeadScores {
  fit: number;
  tier: IcpTier;
  engagement: number;
}

/** A lead with its scores, the record stage criteria are evaluated on. */
export type ScoredLead<L extends Lead = Lead> = L & { readonly scores: LeadScores };
