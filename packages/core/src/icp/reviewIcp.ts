import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { checkFieldPath, readPath, splitFieldPath } from '../_lib/fieldPath';
import { toEpochMs } from '../_lib/instant';
import { type Proportion, wilson } from '../_lib/wilson';
import type { Agreement, IcpCriterion } from '../agreement/agreement.types';
import { accordError, finalizeIssues } from '../errors/errorMap';
import type { PathSegment, RawIssue } from '../errors/errors.types';
import type { Lead } from '../records/records.types';
import { resolvePeriod } from '../scorecard/_periods';
import {
  bump,
  catalogOf,
  closedDeals,
  compareKey,
  compareText,
  countedIds,
  dealField,
  firstLeadOf,
  indexLeads,
  reasonIdOf,
  reasonLabel,
  themeLabel,
  themesOf,
} from '../winloss/_deals';
import { lossIssues } from '../winloss/_lossIssues';
import type { CountedId } from '../winloss/winloss.types';
import { fieldRules, stageRules } from './_scoreFields';
import type { IcpTier } from './icp.types';
import type {
  CriterionReview,
  IcpProposal,
  IcpReview,
  IcpSlice,
  LiftCell,
  ReasonsBy,
  ReviewIcpData,
  ReviewIcpOptions,
} from './reviewIcp.types';
import { scoreLead } from './scoreLead';

const QUARTER = /^(\d{4})Q([1-4])$/;
const DEFAULT_MIN_GROUP = 20;
/** A field with more distinct values than this is an identifier or free text, not a criterion. */
const MAX_VALUES = 30;
const TIERS: readonly { tier: IcpTier; label: string }[] = [
  { tier: 'A', label: 'Tier A' },
  { tier: 'B', label: 'Tier B' },
  { tier: 'C', label: 'Tier C' },
  { tier: 'none', label: 'No tier' },
];

/** What the review knows about one lead of the cohort. */
interface CohortLead {
  lead: Lead;
  converted: boolean;
  tier: IcpTier;
  /** Per ICP criterion, in the agreement's order. */
  matched: boolean[];
  /** `undefined`: no closed deal; else whether one of its closed deals was won. */
  won: boolean | undefined;
}

type CandidateValue = string | boolean;

/** `31.2%`, `18%`. */
const pct = (x: number | null): string => (x === null ? 'n/a' : `${Number((x * 100).toFixed(1))}%`);
/** `+12.5`, `−3` (percentage points). */
const points = (x: number): string => {
  const v = Number((x * 100).toFixed(1));
  return v > 0 ? `+${v}` : v < 0 ? `−${-v}` : '0';
};
const times = (x: number | null): string => (x === null ? 'n/a' : `${Number(x.toFixed(2))}×`);
const describeRate = (p: Proportion): string =>
  p.value === null ? `n/a (n = 0)` : `${pct(p.value)} (n = ${p.denominator}, 95% CI ${pct(p.low)}–${pct(p.high)})`;

/**
 * Newcombe's hybrid score interval (method 10, 1998) for the difference of two independent
 * proportions, built from their Wilson intervals: `[d − √((p₁−l₁)² + (u₂−p₂)²), d + √((u₁−p₁)² + (p₂−l₂)²)]`.
 */
function difference(a: Proportion, b: Proportion): { value: number; low: number; high: number } | null {
  if (a.value === null || b.value === null) return null;
  const [p1, l1, u1] = [a.value, a.low as number, a.high as number];
  const [p2, l2, u2] = [b.value, b.low as number, b.high as number];
  const d = p1 - p2;
  return { value: d, low: d - Math.hypot(p1 - l1, u2 - p2), high: d + Math.hypot(u1 - p1, p2 - l2) };
}

function defaultConversionStage(agreement: Agreement): string | undefined {
  if (agreement.stages.some((s) => s.id === 'sql')) return 'sql';
  return agreement.stages.find((s) => s.owner === 'sales' && (s.kind ?? 'open') === 'open')?.id;
}

/** Readable `from` / `to`: the instant with the agreement zone's offset, e.g. `2026-07-01T00:00:00-04:00`. */
const zoned = (ms: number, zone: string): string => format(new TZDate(ms, zone), "yyyy-MM-dd'T'HH:mm:ssXXX");

/** A value a candidate field holds, when it can be a criterion's value (text or true / false). */
function candidateValue(value: unknown): CandidateValue | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && value.trim() !== '') return value;
  return undefined;
}

/**
 * @name reviewIcp
 * @category ICP
 * @summary The quarterly ICP review: what converts and wins by tier and by criterion, what Sales rejects and loses, and what to change.
 *
 * @description
 * **The cohort** is the leads created in the quarter (`2026Q3` → July 1 to October 1 in the
 * agreement's time zone, so a lead created at 23:30 on September 30 in New York is Q3 although it is
 * already October in UTC). Outcomes are counted whenever they were recorded (a cohort view), so run
 * the review a few weeks after the quarter closes, and compare quarters reviewed at the same age.
 *
 * - **Conversion**: the lead reached `conversionStage` — its `stageDates` hold that stage, as the
 *   scorecard counts "reached". Default: `sql` when the agreement has it, else its first open stage
 *   owned by sales.
 * - **Win rate** is per lead, among the cohort's leads linked (by the deals' `leadIds`) to a closed
 *   deal: a lead with a won deal is won, so a lead is never counted twice. Closed as in
 *   {@link computeWinLoss} (an outcome and a `closedAt`).
 * - **Tiers and criteria** come from {@link scoreLead} at `now` (default the quarter's end): `byTier`
 *   has A, B, C and none (always all four); `byCriterion` compares, for each ICP criterion, the leads
 *   that match it with those that do not.
 *
 * Every rate is a proportion with its 95% Wilson interval; `lift` is the rate over the baseline (the
 * whole cohort), and a cell is `significant` when its interval lies wholly above or below the
 * baseline **and** it has at least `minGroupSize` (default 20) leads (closed leads, for win rates).
 * Small groups are shown, never proposed.
 *
 * **Reasons** (what happened in the quarter): lead reject reasons recorded in the quarter
 * (`disposition.at`), by the lead's `source` and `campaignId`, labelled from `agreement.dispositions`;
 * loss reasons of deals closed lost in the quarter, by the deal's source / campaign (else its first
 * lead's), lost deals without a reason as `unspecified`; `topThemes`: objection themes of the deals
 * closed in the quarter, most heard first (share of those deals). Rows are ordered by size, then key
 * (`null` last). Unknown ids keep their id as label; `issues` are {@link checkWinLoss}'s.
 *
 * **Proposals**, ranked by `strength` (descending; ties by summary), each with a summary, its
 * evidence, and to be piloted before it is adopted:
 * - `raise_weight`: the matching leads convert significantly above the baseline and significantly
 *   above the non-matching ones (the Newcombe interval of the difference lies above 0), while the
 *   criterion's weight is below the average weight, or no more than that of a criterion whose
 *   matching leads convert less against their non-matching ones. Strength: (interval low − baseline) × √n.
 * - `remove_criterion`: the matching leads convert significantly *worse* than the non-matching ones
 *   (the difference interval lies below 0): the criterion points the wrong way.
 * - `lower_weight`: the matching leads convert no better than the non-matching ones (the difference
 *   is ≤ 0), though not significantly worse: the criterion earns its points without lifting conversion.
 *   For both, strength is the distance of the difference interval's upper bound (the best case for
 *   the criterion) below 0 × √n — so `lower_weight`, with no significant difference behind it, has a
 *   strength ≤ 0 and ranks after every proposal a significant difference backs.
 * - `add_criterion`: a value of `country`, `segment` or an `attributes.*` key (see
 *   `candidateFields`) whose leads convert significantly above the baseline and that no ICP criterion
 *   already rewards (no criterion reading that field matches any of those leads). Strength as for
 *   `raise_weight`. Fields read by the stage rules are skipped: reaching SQL *needs* a meeting held,
 *   so `meetingHeld = true` "predicts" conversion by definition.
 * Criterion proposals need both slices to have `minGroupSize` leads; n is the matching slice's size.
 *
 * @param data - `{ leads, opportunities? }` (a whole sample or export may be passed as it is).
 * @param agreement - The agreement: `icp`, stages, `dispositions`, `winLoss`, and `timezone` for the quarter.
 * @param options - {@link ReviewIcpOptions}: `quarter` (required), `now`, `conversionStage`, `minGroupSize`, `candidateFields`.
 * @returns {@link IcpReview}.
 * @throws {AccordError} `invalid_argument` for a quarter not written like `2026Q3` or a bad `minGroupSize`;
 *   `unknown_stage` for an unknown `conversionStage`; `invalid_instant` for a bad `now`.
 *
 * @example
 * const agreement = parseAgreement({ ...defaultAgreement, ...sampleIcp, ...sampleWinLoss })
 * const review = reviewIcp(generateSample({ leads: 3000, seed: 11 }), agreement, { quarter: '2026Q2' })
 * review.baseline.conversion //=> { value: 0.056, numerator: 83, denominator: 1493, low: 0.045, high: 0.068 }
 * review.proposals[0].summary
 * //=> 'Add a criterion source = "referral": these leads convert 3.26× the baseline and no criterion rewards them.'
 */
export function reviewIcp(data: ReviewIcpData, agreement: Agreement, options: ReviewIcpOptions): IcpReview {
  const raw: RawIssue[] = [];
  const argument = (path: PathSegment[], detail: string) => raw.push({ code: 'invalid_argument', path, detail });
  const zone = agreement.timezone;
  const m = QUARTER.exec(options.quarter);
  const period = m ? resolvePeriod(`${m[1]}-Q${m[2]}`, zone) : undefined;
  if (!period)
    argument(['quarter'], `expected a quarter written like "2026Q3", got ${JSON.stringify(options.quarter)}`);
  const minGroupSize = options.minGroupSize ?? DEFAULT_MIN_GROUP;
  if (!Number.isInteger(minGroupSize) || minGroupSize < 1)
    argument(['minGroupSize'], `"minGroupSize" must be a whole number ≥ 1, got ${minGroupSize}`);
  let now = period?.to ?? Number.NaN;
  if (options.now !== undefined) {
    now = options.now instanceof Date ? options.now.getTime() : toEpochMs(options.now);
    if (Number.isNaN(now)) raw.push({ code: 'invalid_instant', path: ['now'], received: String(options.now) });
  }
  const stage = options.conversionStage ?? defaultConversionStage(agreement);
  const stageIds = agreement.stages.map((s) => s.id);
  if (stage === undefined)
    argument(
      ['conversionStage'],
      'the agreement has no "sql" stage and no open stage owned by sales: pass conversionStage',
    );
  else if (!stageIds.includes(stage))
    raw.push({ code: 'unknown_stage', path: ['conversionStage'], stageId: stage, known: stageIds });
  options.candidateFields?.forEach((field, i) => {
    if (checkFieldPath(field) !== undefined)
      raw.push({ code: 'invalid_format', path: ['candidateFields', i], format: 'field_path', received: field });
  });
  if (raw.length > 0 || !period || stage === undefined) throw accordError(raw, options.errorMap);

  const criteria: readonly IcpCriterion[] = agreement.icp?.criteria ?? [];
  const opportunities = data.opportunities ?? [];
  const allClosed = closedDeals(opportunities, agreement);
  const leadWon = new Map<string, boolean>();
  for (const d of allClosed) for (const id of d.deal.leadIds ?? []) leadWon.set(id, leadWon.get(id) === true || d.won);

  const cohort: CohortLead[] = [];
  for (const lead of data.leads) {
    const created = toEpochMs(lead.createdAt);
    if (!(created >= period.from && created < period.to)) continue;
    const fit = scoreLead(lead, [], agreement, { now }).fit;
    const reached = lead.stageDates?.[stage];
    const matched = new Map(fit.reasons.map((r) => [r.criterionId, r.matched] as const));
    cohort.push({
      lead,
      converted: reached !== undefined && reached !== '',
      tier: fit.tier,
      matched: criteria.map((c) => matched.get(c.id) === true),
      won: leadWon.get(lead.id),
    });
  }

  const rates = (members: readonly CohortLead[]) => {
    let converted = 0;
    let closed = 0;
    let won = 0;
    for (const c of members) {
      if (c.converted) converted++;
      if (c.won !== undefined) {
        closed++;
        if (c.won) won++;
      }
    }
    return { conversion: wilson(converted, members.length), winRate: wilson(won, closed) };
  };
  const base = rates(cohort);
  const cell = (rate: Proportion, baseline: Proportion): LiftCell => {
    const b = baseline.value;
    const lift = rate.value !== null && b !== null && b > 0 ? rate.value / b : null;
    const significant =
      b !== null && rate.denominator >= minGroupSize && ((rate.low as number) > b || (rate.high as number) < b);
    return { rate, lift, significant };
  };
  const slice = (key: string, label: string, members: readonly CohortLead[]): IcpSlice => {
    const r = rates(members);
    return {
      key,
      label,
      leads: members.length,
      conversion: cell(r.conversion, base.conversion),
      winRate: cell(r.winRate, base.winRate),
    };
  };

  const byTier = TIERS.map(({ tier, label }) => ({
    tier,
    ...slice(
      tier,
      label,
      cohort.filter((c) => c.tier === tier),
    ),
  }));
  const byCriterion: CriterionReview[] = criteria.map((c, j) => ({
    criterionId: c.id,
    label: c.label,
    weight: c.weight,
    matched: slice(
      'matched',
      `Matches: ${c.label}`,
      cohort.filter((x) => x.matched[j]),
    ),
    unmatched: slice(
      'unmatched',
      `Does not match: ${c.label}`,
      cohort.filter((x) => !x.matched[j]),
    ),
  }));

  // Reasons of the quarter.
  const catalog = catalogOf(agreement);
  const dispositionLabels = new Map((agreement.dispositions ?? []).map((r) => [r.id, r.label] as const));
  const rejected = data.leads.filter((lead) => {
    const at = lead.disposition === undefined ? Number.NaN : toEpochMs(lead.disposition.at);
    return at >= period.from && at < period.to;
  });
  const rejectReasons = (['source', 'campaignId'] as const).map((dimension) =>
    reasonsBy(
      dimension,
      rejected.map((lead) => ({ key: textOrNull(lead[dimension]), reasons: [lead.disposition?.reasonId as string] })),
      (id) => dispositionLabels.get(id) ?? id,
    ),
  );
  const leadsById = indexLeads(data.leads);
  const quarterDeals = closedDeals(opportunities, agreement, period.from, period.to);
  const lost = quarterDeals.filter((d) => !d.won);
  const lossReasons = (['source', 'campaignId'] as const).map((dimension) =>
    reasonsBy(
      dimension,
      lost.map((d) => ({
        key: dealField(d.deal, firstLeadOf(d.deal, leadsById), dimension),
        reasons: [reasonIdOf(d.deal)],
      })),
      (id) => reasonLabel(catalog, id),
    ),
  );
  const themeCounts = new Map<string, number>();
  for (const d of quarterDeals) for (const theme of themesOf(d.deal)) bump(themeCounts, theme);
  const topThemes: CountedId[] = countedIds(themeCounts, quarterDeals.length, (id) => themeLabel(catalog, id));

  const proposals = propose(cohort, byCriterion, criteria, base.conversion, agreement, options, minGroupSize, rates);

  return {
    quarter: options.quarter,
    from: zoned(period.from, zone),
    to: zoned(period.to, zone),
    conversionStage: stage,
    baseline: { leads: cohort.length, conversion: base.conversion, winRate: base.winRate },
    byTier,
    byCriterion,
    rejectReasons,
    lossReasons,
    topThemes,
    proposals,
    issues: [...finalizeIssues(lossIssues(opportunities, agreement), options.errorMap)],
  };
}

const textOrNull = (value: string | undefined): string | null => (value === undefined || value === '' ? null : value);

/** Rows of reasons per key, biggest first (then key, `null` last). */
function reasonsBy(
  dimension: ReasonsBy['dimension'],
  items: readonly { key: string | null; reasons: readonly string[] }[],
  labelOf: (id: string) => string,
): ReasonsBy {
  const groups = new Map<string | null, { total: number; counts: Map<string, number> }>();
  for (const item of items) {
    let g = groups.get(item.key);
    if (!g) {
      g = { total: 0, counts: new Map() };
      groups.set(item.key, g);
    }
    g.total++;
    for (const r of item.reasons) bump(g.counts, r);
  }
  const rows = [...groups.entries()]
    .map(([key, g]) => ({ key, total: g.total, reasons: countedIds(g.counts, g.total, labelOf) }))
    .sort((a, b) => b.total - a.total || compareKey(a.key, b.key));
  return { dimension, rows };
}

/** The fields scanned for `add_criterion`, with a reader each. */
function candidateFields(
  cohort: readonly CohortLead[],
  agreement: Agreement,
  options: ReviewIcpOptions,
): { field: string; segments: readonly string[] }[] {
  if (options.candidateFields)
    return [...new Set(options.candidateFields)].map((field) => ({ field, segments: splitFieldPath(field) }));
  const funnelFields = new Set<string>();
  for (const { rule } of stageRules(agreement)) for (const { field } of fieldRules(rule)) funnelFields.add(field);
  const keys = new Set<string>();
  for (const c of cohort) for (const key of Object.keys(c.lead.attributes ?? {})) keys.add(key);
  // Firmographics only: a channel (source, campaign) is where a lead came from, not who the buyer is.
  const fields = [
    'country',
    'segment',
    ...[...keys]
      .filter((k) => checkFieldPath(`attributes.${k}`) === undefined && !k.includes('.'))
      .sort(compareText)
      .map((k) => `attributes.${k}`),
  ];
  return fields.filter((f) => !funnelFields.has(f)).map((field) => ({ field, segments: splitFieldPath(field) }));
}

/** Conversion of the leads matching a criterion over that of the others; `null` when either is empty or 0. */
function relativeLift(review: CriterionReview): number | null {
  const m = review.matched.conversion.rate.value;
  const u = review.unmatched.conversion.rate.value;
  return m === null || u === null || u === 0 ? null : m / u;
}

function propose(
  cohort: readonly CohortLead[],
  byCriterion: readonly CriterionReview[],
  criteria: readonly IcpCriterion[],
  baseline: Proportion,
  agreement: Agreement,
  options: ReviewIcpOptions,
  minGroupSize: number,
  rates: (members: readonly CohortLead[]) => { conversion: Proportion },
): IcpProposal[] {
  const b = baseline.value;
  if (b === null) return [];
  const out: IcpProposal[] = [];
  const totalWeight = criteria.reduce((sum, c) => sum + c.weight, 0);
  const averageWeight = criteria.length > 0 ? totalWeight / criteria.length : 0;
  const avg = Number(averageWeight.toFixed(2));

  for (const review of byCriterion) {
    const mRate = review.matched.conversion.rate;
    const uRate = review.unmatched.conversion.rate;
    if (review.matched.leads < minGroupSize || review.unmatched.leads < minGroupSize) continue;
    const diff = difference(mRate, uRate);
    if (!diff) continue;
    const n = review.matched.leads;
    const name = JSON.stringify(review.label);
    const both = `matching: conversion ${describeRate(mRate)}; not matching: ${describeRate(uRate)}; baseline ${pct(b)}`;
    const diffText = `difference ${points(diff.value)} points (95% CI ${points(diff.low)} to ${points(diff.high)})`;
    if (diff.high < 0) {
      out.push({
        kind: 'remove_criterion',
        criterionId: review.criterionId,
        summary: `Remove ${name}: leads that match it convert worse than those that do not (${pct(mRate.value)} vs ${pct(uRate.value)}).`,
        evidence: `${both}; ${diffText}`,
        strength: -diff.high * Math.sqrt(n),
      });
    } else if (diff.value <= 0 && review.weight > 0) {
      out.push({
        kind: 'lower_weight',
        criterionId: review.criterionId,
        summary: `Lower the weight of ${name} (${review.weight} of ${totalWeight}): leads that match it convert no better than those that do not (${pct(mRate.value)} vs ${pct(uRate.value)}).`,
        evidence: `${both}; ${diffText}`,
        strength: -diff.high * Math.sqrt(n),
      });
    } else if (review.matched.conversion.significant && (mRate.low as number) > b && diff.low > 0) {
      // Under-weighted: below the average weight, or weighing no more than a criterion that lifts less.
      const ratio = relativeLift(review);
      const outweighs = byCriterion.find(
        (other) =>
          other !== review &&
          other.weight >= review.weight &&
          ratio !== null &&
          (relativeLift(other) ?? Number.POSITIVE_INFINITY) < ratio,
      );
      if (review.weight >= averageWeight && !outweighs) continue;
      const why =
        review.weight < averageWeight
          ? `below the average ${avg}`
          : `as much as ${JSON.stringify(outweighs?.label)} (${outweighs?.weight}), which lifts conversion ${times(relativeLift(outweighs as CriterionReview))} against ${times(ratio)}`;
      out.push({
        kind: 'raise_weight',
        criterionId: review.criterionId,
        summary: `Raise the weight of ${name} (${review.weight} of ${totalWeight}, ${why}): leads that match it convert ${times(review.matched.conversion.lift)} the baseline.`,
        evidence: `${both}; ${diffText}`,
        strength: ((mRate.low as number) - b) * Math.sqrt(n),
      });
    }
  }

  for (const { field, segments } of candidateFields(cohort, agreement, options)) {
    const byValue = new Map<CandidateValue, CohortLead[]>();
    for (const c of cohort) {
      const value = candidateValue(readPath(c.lead, segments));
      if (value === undefined) continue;
      const members = byValue.get(value);
      if (members) members.push(c);
      else byValue.set(value, [c]);
      if (byValue.size > MAX_VALUES) break;
    }
    if (byValue.size > MAX_VALUES) continue;
    // The criteria that read this field: a value is already rewarded when one of them matches its leads.
    const readers = criteria.flatMap((c, j) => ([...fieldRules(c.when)].some((r) => r.field === field) ? [j] : []));
    for (const [value, members] of byValue) {
      if (members.length < minGroupSize) continue;
      const rate = rates(members).conversion;
      if (!((rate.low as number) > b)) continue;
      if (readers.some((j) => members.some((c) => c.matched[j]))) continue;
      out.push({
        kind: 'add_criterion',
        field,
        value,
        summary: `Add a criterion ${field} = ${JSON.stringify(value)}: these leads convert ${times(b > 0 ? (rate.value as number) / b : null)} the baseline and no criterion rewards them.`,
        evidence: `conversion ${describeRate(rate)} vs ${pct(b)} baseline (n = ${baseline.denominator})`,
        strength: ((rate.low as number) - b) * Math.sqrt(members.length),
      });
    }
  }

  return out.sort((x, y) => y.strength - x.strength || compareText(x.summary, y.summary));
}
