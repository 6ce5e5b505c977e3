import { AccordError } from '../errors/AccordError';
import { finalizeIssues } from '../errors/errorMap';
import type { ParseOptions, RawIssue } from '../errors/errors.types';
import { buildJourneySet, type JourneySet } from './_journeySet';
import { markovCredits } from './_markov';
import { RULE_MODELS, type RuleCredits, type RuleModel, type RuleParams, ruleCredits } from './_ruleModels';
import { shapleyCredits } from './_shapley';
import type {
  AttributeOptions,
  AttributionModel,
  AttributionResult,
  CampaignCredit,
  ChannelCredit,
  Journey,
  PathRow,
} from './attribution.types';

const DAY = 86_400_000;
const sets = new WeakMap<object, JourneySet>();

/** The columnar journeys of an input array, built once per array (treat it as immutable). */
function journeySet(input: readonly (Journey | PathRow)[]): JourneySet {
  let set = sets.get(input);
  if (!set) {
    const kind = input.length > 0 && 'path' in (input[0] as object) ? 'paths' : 'journeys';
    set = buildJourneySet(input, kind);
    sets.set(input, set);
  }
  return set;
}

type AnyModel = AttributionModel | 'custom';
const ALL_MODELS: readonly AnyModel[] = [...RULE_MODELS, 'markov', 'shapley'];

/**
 * Why time decay cannot credit this set, or null when it can. It measures from each touch to its journey's
 * conversion, so it needs touch times, and conversion times when something converted; with nothing to
 * credit there is nothing to measure, and every channel gets zero.
 */
function timeDecayProblem(set: JourneySet): string | null {
  if (set.at === null)
    return 'time_decay needs touch times and conversion times: use touchpoint journeys, not aggregated paths';
  if (set.convertedAt === null && (set.totalConversions > 0 || set.totalValue > 0))
    return 'time_decay needs conversion times: set convertedAt on the converting journeys (buildJourneys does)';
  return null;
}

interface Checked {
  params: RuleParams;
  warnings: RawIssue[];
}

function check(
  set: JourneySet,
  models: readonly AnyModel[],
  options: Omit<AttributeOptions, 'model'>,
  parse: ParseOptions,
): Checked {
  const raw: RawIssue[] = [];
  const warnings: RawIssue[] = [];
  const argument = (path: string, detail: string) => raw.push({ code: 'invalid_argument', path: [path], detail });
  for (const m of models)
    if (!ALL_MODELS.includes(m)) argument('model', `unknown model "${m}": use ${ALL_MODELS.join(', ')}`);
  const halfLife = options.halfLifeDays ?? 7;
  if (!(halfLife > 0) || !Number.isFinite(halfLife))
    argument('halfLifeDays', `the half-life must be a positive number of days, got ${halfLife}`);
  const order = options.order ?? 1;
  if (!Number.isInteger(order) || order < 1 || order > 8)
    argument('order', `the Markov order must be a whole number from 1 to 8, got ${order}`);
  const positions = options.positions ?? { first: 0.4, middle: 0.2, last: 0.4 };
  for (const k of ['first', 'middle', 'last'] as const)
    if (!(positions[k] >= 0) || !Number.isFinite(positions[k]))
      argument('positions', `position weight "${k}" must be a number ≥ 0`);
  let channelWeights: Float64Array | null = null;
  if (options.channelWeights) {
    channelWeights = new Float64Array(set.channels.length).fill(1);
    const index = new Map(set.channels.map((c, i) => [c, i]));
    for (const [channel, w] of Object.entries(options.channelWeights)) {
      if (!(w >= 0) || !Number.isFinite(w))
        argument('channelWeights', `the weight of "${channel}" must be a number ≥ 0`);
      const i = index.get(channel);
      if (i === undefined)
        warnings.push({ code: 'unknown_channel', path: ['channelWeights', channel], channel, known: set.channels });
      else channelWeights[i] = w;
    }
  }
  const decayProblem = models.includes('time_decay') && set.n > 0 ? timeDecayProblem(set) : null;
  if (decayProblem !== null) argument('model', decayProblem);
  const anyNulls = set.anyNulls;
  if (models.includes('shapley') && options.shapleyGame === 'rate' && !anyNulls && options.useNulls !== true)
    argument('shapleyGame', 'the "rate" game needs non-converting journeys (nulls)');
  if (raw.length > 0) throw new AccordError(finalizeIssues(raw, parse.errorMap));
  return { params: { halfLifeMs: halfLife * DAY, positions, channelWeights }, warnings };
}

function channelRows(set: JourneySet, conversions: Float64Array, value: Float64Array): ChannelCredit[] {
  return set.channels
    .map((channel, i) => ({ channel, conversions: conversions[i] as number, value: value[i] as number }))
    .sort((a, b) => b.conversions - a.conversions || (a.channel < b.channel ? -1 : 1));
}

function campaignRows(set: JourneySet, credits: Map<number, [number, number]>): CampaignCredit[] {
  const K = set.channels.length;
  return [...credits.entries()]
    .map(([key, [conversions, value]]) => ({
      channel: set.channels[key % K] as string,
      campaignId: set.campaigns[Math.floor(key / K)] as string,
      conversions,
      value,
    }))
    .sort((a, b) => b.conversions - a.conversions || (a.campaignId < b.campaignId ? -1 : 1));
}

/** Splits a data-driven model's channel credit over campaigns by their share of the channel's converting touches. */
function campaignShare(set: JourneySet, conversions: Float64Array, value: Float64Array): Map<number, [number, number]> {
  const out = new Map<number, [number, number]>();
  if (!set.campaign) return out;
  const K = set.channels.length;
  const touches = new Float64Array(K);
  const byKey = new Map<number, number>();
  for (let j = 0; j < set.n; j++) {
    if ((set.conversions[j] as number) === 0) continue;
    for (let i = set.offsets[j] as number; i < (set.offsets[j + 1] as number); i++) {
      const ch = set.touch[i] as number;
      touches[ch] = (touches[ch] as number) + 1;
      const cc = set.campaign[i] as number;
      if (cc >= 0) byKey.set(cc * K + ch, (byKey.get(cc * K + ch) ?? 0) + 1);
    }
  }
  for (const [key, n] of byKey) {
    const ch = key % K;
    const share = n / (touches[ch] as number);
    out.set(key, [(conversions[ch] as number) * share, (value[ch] as number) * share]);
  }
  return out;
}

function run(
  set: JourneySet,
  models: readonly AnyModel[],
  options: Omit<AttributeOptions, 'model'> & ParseOptions,
): AttributionResult[] {
  const { params, warnings } = check(set, models, options, options);
  const issues = finalizeIssues([...set.issues, ...warnings], options.errorMap);
  const totals = { conversions: set.totalConversions, value: set.totalValue, journeys: set.n, touches: set.touches };
  const rules = models.filter((m): m is RuleModel => (RULE_MODELS as readonly string[]).includes(m));
  const ruled =
    rules.length > 0
      ? ruleCredits(set, rules, params, { campaigns: set.campaign !== null, perJourney: options.perJourney === true })
      : new Map<RuleModel, RuleCredits>();
  const useNulls = options.useNulls ?? set.anyNulls;
  return models.map((model): AttributionResult => {
    const r = ruled.get(model as RuleModel);
    if (r) {
      return {
        model,
        channels: channelRows(set, r.conversions, r.value),
        campaigns: campaignRows(set, r.campaigns),
        totals,
        ...(r.journeys ? { journeys: r.journeys } : {}),
        diagnostics: r.fallbacks > 0 ? { fallbacks: r.fallbacks } : {},
        issues: [...issues],
      };
    }
    if (model === 'markov') {
      const m = markovCredits(set, options.order ?? 1, useNulls);
      const named = (xs: Float64Array) => Object.fromEntries(set.channels.map((c, i) => [c, xs[i] as number]));
      return {
        model,
        channels: channelRows(set, m.conversions, m.value),
        campaigns: campaignRows(set, campaignShare(set, m.conversions, m.value)),
        totals,
        diagnostics: {
          conversionProbability: m.probability,
          removalEffects: named(m.removal),
          valueRemovalEffects: named(m.valueRemoval),
          states: m.states,
          solver: m.solver,
        },
        issues: [...issues],
      };
    }
    const s = shapleyCredits(
      set,
      options.shapleyGame ?? 'conversions',
      useNulls,
      options.samples ?? 20_000,
      options.seed ?? 1,
    );
    return {
      model,
      channels: channelRows(set, s.conversions, s.value),
      campaigns: campaignRows(set, campaignShare(set, s.conversions, s.value)),
      totals,
      diagnostics: {
        shapleyValues: Object.fromEntries(set.channels.map((c, i) => [c, s.conversions[i] as number])),
        shapleyMethod: s.method,
        ...(s.method === 'sampled' ? { errorBound: s.errorBound } : {}),
      },
      issues: [...issues],
    };
  });
}

/**
 * @name attribute
 * @category Attribution
 * @summary Credits conversions and value to channels (and campaigns) under one agreed model.
 *
 * @description
 * Rule-based models: `first_touch`, `last_touch`, `linear` (1/n per touch, repeats count),
 * `time_decay` (weight 2^(−Δt/h), Δt from touch to conversion, half-life default 7 days),
 * `position_based` (40/20/40; one touch 100 %, two 50/50), `w_shaped` (first touch, lead creation and
 * opportunity creation 30 % each, 10 % over the rest; with one moment unknown U-shaped 40/40/20 over the
 * known ones; with both unknown position-based — counted in `diagnostics.fallbacks`), `full_path` (those
 * three and the last touch 22.5 % each, 10 % rest), `custom` (first / middle / last weights × a weight
 * per channel). Data-driven: `markov` (removal effect of an absorbing Markov chain, solved exactly; first
 * order by default; with non-converting paths when the data has them) and `shapley` (exact up to 15
 * channels, seeded sampling with an error bound above). Every model's credits add up to the total
 * conversions and value of the accepted journeys; rejected ones are listed in `issues`. When no journey
 * converts, every model credits zero to every channel (`totals.conversions` is 0).
 *
 * @param input - Journeys (touches with times, conversions, value) or aggregated path rows.
 * @param options - The model and its parameters.
 * @returns Credits per channel and campaign, totals, diagnostics and issues.
 *
 * @example
 * attribute([{ path: 'search > email', conversions: 1, value: 100 }], { model: 'position_based' }).channels
 * //=> [{ channel: 'email', conversions: 0.5, value: 50 }, { channel: 'search', conversions: 0.5, value: 50 }]
 */
export function attribute(
  input: readonly Journey[] | readonly PathRow[],
  options: AttributeOptions & ParseOptions,
): AttributionResult {
  const { model, ...rest } = options;
  return run(journeySet(input), [model], rest)[0] as AttributionResult;
}

/** One channel across models, for {@link compareAttribution}. */
export interface AttributionComparisonRow {
  channel: string;
  /** Conversions credited by each model. */
  conversions: Record<string, number>;
  value: Record<string, number>;
}

/**
 * @name compareAttribution
 * @category Attribution
 * @summary Runs several models on the same journeys, side by side (rule-based models share one pass).
 *
 * @description
 * Without `models`, every model the data supports: all of them, except `time_decay` when touches have no
 * times (aggregated paths) or converting journeys have no conversion times. A model asked for by name
 * that the data cannot support throws an `AccordError` (`invalid_argument` at `model`).
 *
 * @example
 * compareAttribution(paths, { models: ['first_touch', 'last_touch', 'markov'] }).table[0]
 * //=> { channel: 'alpha', conversions: { first_touch: 4120, last_touch: 3870, markov: 3990.4 }, value: { … } }
 */
export function compareAttribution(
  input: readonly Journey[] | readonly PathRow[],
  options: Omit<AttributeOptions, 'model'> & ParseOptions & { models?: readonly AnyModel[] },
): { results: AttributionResult[]; table: AttributionComparisonRow[] } {
  const set = journeySet(input);
  const { models = ALL_MODELS.filter((m) => m !== 'time_decay' || timeDecayProblem(set) === null), ...rest } = options;
  const results = run(set, models, rest);
  const table = set.channels.map((channel) => ({
    channel,
    conversions: Object.fromEntries(
      results.map((r) => [r.model, r.channels.find((c) => c.channel === channel)?.conversions ?? 0]),
    ),
    value: Object.fromEntries(results.map((r) => [r.model, r.channels.find((c) => c.channel === channel)?.value ?? 0])),
  }));
  table.sort(
    (a, b) =>
      (b.conversions[models[0] as string] ?? 0) - (a.conversions[models[0] as string] ?? 0) ||
      (a.channel < b.channel ? -1 : 1),
  );
  return { results, table };
}
