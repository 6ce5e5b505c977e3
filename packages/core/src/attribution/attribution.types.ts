import type { AttributionModel } from '../agreement/agreement.types';
import type { AccordIssue } from '../errors/errors.types';
import type { Instant } from '../records/records.types';

export type { AttributionModel };

/** One touch of a journey: a channel (and campaign) at a time. */
export interface JourneyTouch {
  channel: string;
  campaignId?: string;
  /** When it happened; needed by `time_decay` and the lookback window. */
  at?: Instant;
}

/**
 * A customer journey: its touches in order and what it produced. A journey that did not convert has
 * `conversions: 0` (and counts in `nulls`, for Markov with non-converting paths).
 */
export interface Journey {
  id?: string;
  touches: readonly JourneyTouch[];
  /** Conversions credited to the journey (1 for one deal); may be fractional. Default 0. */
  conversions?: number;
  /** Their value (e.g. the won amount, in minor units). Default 0. */
  value?: number;
  /** Non-converting journeys with this same path (aggregated data). Default: 1 when `conversions` is 0, else 0. */
  nulls?: number;
  /** When the conversion happened (time decay measures to it). */
  convertedAt?: Instant;
  /** When the lead was created and the opportunity opened: the W-shaped and full-path moments. */
  leadCreatedAt?: Instant;
  opportunityCreatedAt?: Instant;
}

/** A row of aggregated path data (ChannelAttribution's `path;total_conversions;total_conversion_value;total_null`). */
export interface PathRow {
  /** `"alpha > beta > alpha"` or the channels as an array. */
  path: string | readonly string[];
  conversions: number;
  value?: number;
  nulls?: number;
}

/** Weights for the `custom` model: by position, optionally multiplied per channel. */
export interface PositionWeights {
  first: number;
  middle: number;
  last: number;
}

/** Options for {@link attribute}. */
export interface AttributeOptions {
  model: AttributionModel | 'custom';
  /** `time_decay`: half-life in days (default 7, as GA4's retired model). */
  halfLifeDays?: number;
  /** `custom`: the share of the first, the middle (shared) and the last touch. */
  positions?: PositionWeights;
  /** `custom`: a multiplier per channel (1 when absent). */
  channelWeights?: Readonly<Record<string, number>>;
  /** `markov`: the chain's order (default 1). */
  order?: number;
  /** `markov` and `shapley`: use non-converting journeys (default: when any journey has nulls). */
  useNulls?: boolean;
  /** `shapley`: the characteristic function. `conversions` (default): conversions of the journeys using only the coalition's channels; `rate`: their conversion rate (needs nulls). */
  shapleyGame?: 'conversions' | 'rate';
  /** `shapley` above {@link SHAPLEY_EXACT_MAX_CHANNELS} channels: sampled permutations (default 20,000) and the seed. */
  samples?: number;
  seed?: number;
  /** Add the credit of every touch of every journey (rule-based models). */
  perJourney?: boolean;
}

/** The credit one channel receives. */
export interface ChannelCredit {
  channel: string;
  conversions: number;
  value: number;
}

/** The credit one campaign receives (touches with a campaign). */
export interface CampaignCredit {
  channel: string;
  campaignId: string;
  conversions: number;
  value: number;
}

/** The credit of one touch of one journey. */
export interface JourneyCredit {
  journey: number;
  journeyId?: string;
  touch: number;
  channel: string;
  conversions: number;
  value: number;
}

/** What a data-driven model computed on the way (to explain and compare). */
export interface AttributionDiagnostics {
  /** Markov: the probability of converting from the start, and of the value. */
  conversionProbability?: number;
  /** Markov: per channel, the relative drop in conversion probability when it is removed. */
  removalEffects?: Record<string, number>;
  /** Markov: per channel, the same for the expected value. */
  valueRemovalEffects?: Record<string, number>;
  /** Markov: transient states of the chain (channels, or k-tuples of channels), and how it was solved. */
  states?: number;
  solver?: 'dense' | 'gauss-seidel';
  /** Shapley: per-channel Shapley values of the game, before scaling to conversions. */
  shapleyValues?: Record<string, number>;
  /** Shapley: `exact`, or `sampled` with the largest 95 % error bound over channels (in conversions). */
  shapleyMethod?: 'exact' | 'sampled';
  errorBound?: number;
  /** W-shaped and full-path: journeys whose lead or opportunity moment was unknown. */
  fallbacks?: number;
}

/** The outcome of {@link attribute}. */
export interface AttributionResult {
  model: AttributionModel | 'custom';
  /** Per channel, most conversions first. Sums equal `totals` (the invariant). */
  channels: ChannelCredit[];
  campaigns: CampaignCredit[];
  totals: { conversions: number; value: number; journeys: number; touches: number };
  journeys?: JourneyCredit[];
  diagnostics: AttributionDiagnostics;
  /** Journeys or touches left out, each named. */
  issues: AccordIssue[];
}
