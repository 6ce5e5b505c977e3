import { readPath, splitFieldPath } from '../_lib/fieldPath';
import { toEpochMs } from '../_lib/instant';
import type { Agreement, StageId } from '../agreement/agreement.types';
import { AccordError } from '../errors/AccordError';
import { finalizeIssues } from '../errors/errorMap';
import type { AccordIssue, ErrorMap } from '../errors/errors.types';
import { dimensionPath, NONE } from '../metrics/_columns';
import type { Instant, Lead } from '../records/records.types';
import { deriveLifecycle } from './deriveLifecycle';

/** Options for {@link computeFunnel}. */
export interface ComputeFunnelOptions {
  /** Only leads created at or after this instant (the cohort's start). */
  from?: Instant | Date;
  /** Only leads created before this instant (end exclusive). */
  to?: Instant | Date;
  /**
   * Split the funnel by one dimension, as the scorecard does: `source`, `campaign`, `segment`, `region`,
   * `country`, `owner`, `team`, `account`, `company` or `attributes.<name>`. Leads without a value
   * fall in the group `"(none)"`.
   */
  groupBy?: string;
  errorMap?: ErrorMap;
}

/** One step of the funnel. Ratios are 0–1, `null` when their base is zero. */
export interface FunnelStep<TStage extends string = string> {
  stage: TStage;
  label: string;
  /** `open` stages in the agreement's order, then the `won` stage(s). */
  kind: 'open' | 'won';
  /** Leads that reached this stage, or passed it on the way to a later funnel stage. */
  count: number;
  /** Of {@link count}, the leads that never entered the stage itself (they skipped it). */
  skipped: number;
  /** `count` ÷ the previous step's `count` (`null` on the first step). */
  fromPrevious: number | null;
  /** `count` ÷ the first step's `count`. */
  fromTop: number | null;
  /** Median milliseconds from first entering the previous stage to first entering this one, over leads that entered both in that order. */
  medianMsFromPrevious: number | null;
}

/** The funnel of one group of leads. */
export interface FunnelGroup<TStage extends string = string> {
  /** The dimension's value, or `"(none)"`. */
  key: string;
  /** Leads in the group (created in the window). */
  leads: number;
  steps: FunnelStep<TStage>[];
}

/** The outcome of {@link computeFunnel}. */
export interface ComputeFunnelResult<TStage extends string = string> {
  /** Leads created in the window (every lead without `from` / `to`). */
  leads: number;
  /** The funnel over every lead in the window. */
  steps: FunnelStep<TStage>[];
  /** The dimension, or `null`. */
  groupBy: string | null;
  /** One funnel per value of `groupBy`, largest first (empty without `groupBy`). */
  groups: FunnelGroup<TStage>[];
  /** Data problems of the leads (unknown stages, unreadable dates…), with paths `['leads', index, …]`. */
  issues: AccordIssue[];
}

interface Tally {
  leads: number;
  counts: number[];
  skipped: number[];
  gaps: number[][];
}

const newTally = (n: number): Tally => ({
  leads: 0,
  counts: new Array<number>(n).fill(0),
  skipped: new Array<number>(n).fill(0),
  gaps: Array.from({ length: n }, () => []),
});

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function toSteps<S extends string>(
  tally: Tally,
  stages: readonly { id: string; label: string; kind: 'open' | 'won' }[],
  lastOpen: number,
): FunnelStep<S>[] {
  const top = tally.counts[0] ?? 0;
  return stages.map((s, i) => {
    const count = tally.counts[i] as number;
    // Each won stage follows the last open stage; won stages are alternatives, not a sequence.
    const prev = i === 0 ? -1 : s.kind === 'won' ? lastOpen : i - 1;
    const base = prev < 0 ? 0 : (tally.counts[prev] as number);
    return {
      stage: s.id as S,
      label: s.label,
      kind: s.kind,
      count,
      skipped: tally.skipped[i] as number,
      fromPrevious: prev < 0 || base === 0 ? null : count / base,
      fromTop: top === 0 ? null : count / top,
      medianMsFromPrevious: median(tally.gaps[i] as number[]),
    };
  });
}

/**
 * @name computeFunnel
 * @category Lifecycle
 * @summary Counts the leads that reached each funnel stage, with the conversion between steps and the median time.
 *
 * @description
 * The funnel is the agreement's `open` stages in order, then its `won` stage(s); lost, recycled and
 * disqualified stages are not steps. Each lead's history comes from {@link deriveLifecycle} (a lead
 * with no stage data is an inquiry). A lead counts at a step when it entered that stage or any later
 * step (so the funnel never widens; the leads that skipped a stage are reported in `skipped`) — a lead
 * that closed lost counts up to the furthest open stage it entered. `fromPrevious` divides by the
 * previous step (the last open stage for a won stage), `fromTop` by the first. The median time between
 * steps is measured from the first entry of the previous stage to the first entry of this one. `from`
 * / `to` select leads by creation time (a cohort); `groupBy` adds one funnel per dimension value.
 * Unknown options throw an {@link AccordError} (`invalid_argument`); data problems are returned in `issues`.
 *
 * @param leads - The leads.
 * @param agreement - The agreement whose stages form the funnel.
 * @param options - `from`, `to` (creation window, end exclusive), `groupBy`, `errorMap`.
 * @returns {@link ComputeFunnelResult}.
 *
 * @example
 * const funnel = computeFunnel(sample.leads, defaultAgreement, { groupBy: 'source' })
 * funnel.steps.map((s) => [s.stage, s.count]) //=> [['inquiry', 800], ['mql', 235], …, ['closed_won', 4]]
 * funnel.steps[1]?.fromPrevious //=> 0.29375
 */
export function computeFunnel<A extends Agreement>(
  leads: readonly Lead[],
  agreement: A,
  options: ComputeFunnelOptions = {},
): ComputeFunnelResult<StageId<A>> {
  type S = StageId<A>;
  const argument = (detail: string, path: string[]): never => {
    throw new AccordError(finalizeIssues([{ code: 'invalid_argument', path, detail }], options.errorMap));
  };
  const bound = (value: Instant | Date | undefined, name: 'from' | 'to'): number | undefined => {
    if (value === undefined) return undefined;
    const ms = value instanceof Date ? value.getTime() : toEpochMs(value);
    if (Number.isNaN(ms)) argument('expected an ISO-8601 instant with an offset, or epoch milliseconds', [name]);
    return ms;
  };
  const from = bound(options.from, 'from') ?? Number.NEGATIVE_INFINITY;
  const to = bound(options.to, 'to') ?? Number.POSITIVE_INFINITY;
  if (from >= to) argument('expected from before to', ['to']);
  const groupBy = options.groupBy ?? null;
  const groupPath = groupBy === null ? null : dimensionPath(groupBy);
  if (groupPath === undefined)
    argument(
      `unknown dimension "${groupBy}": use source, campaign, segment, region, country, owner, team, account, company or attributes.<name>`,
      ['groupBy'],
    );
  const segments = groupPath ? splitFieldPath(groupPath) : null;

  const stages = agreement.stages
    .filter((s) => (s.kind ?? 'open') === 'open' || s.kind === 'won')
    .map((s) => ({ id: s.id, label: s.label, kind: (s.kind ?? 'open') as 'open' | 'won' }));
  const n = stages.length;
  const position = new Map(stages.map((s, i) => [s.id as string, i]));
  const lastOpen = stages.reduce((last, s, i) => (s.kind === 'open' ? i : last), -1);

  const total = newTally(n);
  const groups = new Map<string, Tally>();
  const issues: AccordIssue[] = [];
  const entered = new Array<number>(n);

  leads.forEach((lead, index) => {
    const created = toEpochMs(lead.createdAt);
    if ((from !== Number.NEGATIVE_INFINITY || to !== Number.POSITIVE_INFINITY) && !(created >= from && created < to))
      return;
    const life = deriveLifecycle(lead, agreement, { errorMap: options.errorMap });
    for (const issue of life.issues) issues.push({ ...issue, path: ['leads', index, ...issue.path] });
    entered.fill(Number.NaN);
    for (const visit of life.history) {
      const i = position.get(visit.stage);
      if (i !== undefined && Number.isNaN(entered[i] as number)) entered[i] = visit.enteredAt;
    }
    // The furthest open step entered; a won stage also passes every open step.
    let furthestOpen = -1;
    let won = false;
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(entered[i] as number)) continue;
      if (stages[i]?.kind === 'won') won = true;
      else furthestOpen = i;
    }
    if (won) furthestOpen = lastOpen;

    let tallies: Tally[] = [total];
    if (segments) {
      const raw = readPath(lead, segments);
      const key = raw === undefined || raw === null || raw === '' ? NONE : String(raw);
      let group = groups.get(key);
      if (!group) {
        group = newTally(n);
        groups.set(key, group);
      }
      tallies = [total, group];
    }
    for (const tally of tallies) {
      tally.leads++;
      for (let i = 0; i < n; i++) {
        const isWon = stages[i]?.kind === 'won';
        const here = entered[i] as number;
        const reached = isWon ? !Number.isNaN(here) : i <= furthestOpen;
        if (!reached) continue;
        tally.counts[i] = (tally.counts[i] as number) + 1;
        if (Number.isNaN(here)) {
          tally.skipped[i] = (tally.skipped[i] as number) + 1;
          continue;
        }
        const prev = i === 0 ? -1 : isWon ? lastOpen : i - 1;
        const before = prev < 0 ? Number.NaN : (entered[prev] as number);
        if (!Number.isNaN(before) && here >= before) tally.gaps[i]?.push(here - before);
      }
    }
  });

  const groupList: FunnelGroup<S>[] = [...groups.entries()]
    .map(([key, tally]) => ({ key, leads: tally.leads, steps: toSteps<S>(tally, stages, lastOpen) }))
    .sort(
      (a, b) =>
        (b.steps[0]?.count ?? 0) - (a.steps[0]?.count ?? 0) ||
        Number(a.key === NONE) - Number(b.key === NONE) ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
  return { leads: total.leads, steps: toSteps<S>(total, stages, lastOpen), groupBy, groups: groupList, issues };
}
