import { toEpochMs } from '../_lib/instant';
import type { Agreement, StageId } from '../agreement/agreement.types';
import { finalizeIssues } from '../errors/errorMap';
import type { PathSegment, RawIssue } from '../errors/errors.types';
import type { Lead, StageEvent } from '../records/records.types';
import { isTerminal, type StageIndex, stageIndex } from './_stageIndex';
import type { DeriveLifecycleOptions, DeriveLifecycleResult, StageVisit } from './lifecycle.types';

interface Entry {
  stage: string;
  at: number;
  seq: number;
}

function entriesFromLead(lead: Lead, index: StageIndex, issues: RawIssue[]): Entry[] {
  const entries: Entry[] = [];
  const dates = lead.stageDates ?? {};
  for (const stage of Object.keys(dates)) {
    const path: PathSegment[] = ['stageDates', stage];
    const info = index.byId.get(stage);
    if (!info) {
      issues.push({ code: 'unknown_stage', path, stageId: stage, known: index.ids });
      continue;
    }
    const at = toEpochMs(dates[stage]);
    if (Number.isNaN(at)) {
      issues.push({ code: 'invalid_instant', path, received: String(dates[stage]) });
      continue;
    }
    entries.push({ stage, at, seq: info.order });
  }
  // Same instant: funnel order first, side states after.
  entries.sort((a, b) => a.at - b.at || rankKey(index, a.stage) - rankKey(index, b.stage));
  const hasSideState = entries.some((e) => index.byId.get(e.stage)?.rank === undefined);
  if (!hasSideState) {
    // Without a recycle in between, a later funnel stage entered before an earlier one is a data problem.
    const ranked = entries.map((e) => ({ e, rank: index.byId.get(e.stage)?.rank as number }));
    for (const { e, rank } of ranked) {
      const earlier = ranked.find((o) => o.rank < rank && o.e.at > e.at);
      if (earlier)
        issues.push({
          code: 'stage_out_of_order',
          path: ['stageDates', e.stage],
          stageId: e.stage,
          after: earlier.e.stage,
        });
    }
  }
  return entries;
}

function entriesFromEvents(events: readonly StageEvent[], index: StageIndex, issues: RawIssue[]): Entry[] {
  const entries: Entry[] = [];
  const leadIds = new Set(events.map((e) => e.leadId));
  if (leadIds.size > 1)
    issues.push({
      code: 'invalid_argument',
      path: [],
      detail: `Stage events belong to ${leadIds.size} different leads; pass one lead's events at a time.`,
    });
  events.forEach((event, i) => {
    if (!index.byId.has(event.stage)) {
      issues.push({ code: 'unknown_stage', path: [i, 'stage'], stageId: event.stage, known: index.ids });
      return;
    }
    const at = toEpochMs(event.at);
    if (Number.isNaN(at)) {
      issues.push({ code: 'invalid_instant', path: [i, 'at'], received: String(event.at) });
      return;
    }
    entries.push({ stage: event.stage, at, seq: i });
  });
  // Time order; events at the same instant keep their input order.
  entries.sort((a, b) => a.at - b.at || a.seq - b.seq);
  return entries;
}

function rankKey(index: StageIndex, stage: string): number {
  const info = index.byId.get(stage);
  return info?.rank ?? 1000 + (info?.order ?? 0);
}

/**
 * @name deriveLifecycle
 * @category Lifecycle
 * @summary Derives a lead's stage history, current stage, time in stage and recycle count.
 *
 * @description
 * Reads either a lead's `stageDates` or a list of one lead's {@link StageEvent}s. Entries are put in
 * time order (ties: funnel order; events keep their input order). Re-entering the funnel after a
 * side state (recycled, disqualified) starts a new cycle. A lead with no stage data at all is an
 * inquiry — in the first funnel stage — since its creation (the visit is marked `implicit`).
 * Problems in the data (unknown stage, unreadable date, a later stage dated before an earlier one)
 * are reported in `issues`; the rest of the history is still derived.
 *
 * @param input - A lead, or one lead's stage events.
 * @param agreement - The agreement whose stages apply.
 * @param options - `now` to measure the time in the current stage.
 * @returns {@link DeriveLifecycleResult}.
 *
 * @example
 * const life = deriveLifecycle(lead, defaultAgreement, { now: '2026-03-02T12:00:00Z' })
 * life.current //=> 'sal'
 * life.reached //=> ['inquiry', 'mql', 'sal']
 */
export function deriveLifecycle<A extends Agreement>(
  input: Lead | readonly StageEvent[],
  agreement: A,
  options: DeriveLifecycleOptions = {},
): DeriveLifecycleResult<StageId<A>> {
  type S = StageId<A>;
  const index = stageIndex(agreement);
  const raw: RawIssue[] = [];
  const isEvents = Array.isArray(input);
  let entries = isEvents
    ? entriesFromEvents(input as readonly StageEvent[], index, raw)
    : entriesFromLead(input as Lead, index, raw);
  let implicit = false;
  if (!isEvents && entries.length === 0 && raw.length === 0 && index.open.length > 0) {
    const created = toEpochMs((input as Lead).createdAt);
    if (!Number.isNaN(created)) {
      entries = [{ stage: index.open[0] as string, at: created, seq: 0 }];
      implicit = true;
    }
  }
  const nowRaw = options.now;
  const now = nowRaw === undefined ? Number.NaN : nowRaw instanceof Date ? nowRaw.getTime() : toEpochMs(nowRaw);

  const history: StageVisit<S>[] = [];
  let cycle = 1;
  let recycleCount = 0;
  for (const entry of entries) {
    const last = history[history.length - 1];
    if (last && last.stage === entry.stage) continue; // a repeated event for the stage the lead is already in
    const info = index.byId.get(entry.stage);
    if (!info) continue;
    if (last) {
      last.exitedAt = entry.at;
      last.durationMs = entry.at - last.enteredAt;
      if (info.rank !== undefined && index.byId.get(last.stage)?.rank === undefined) cycle++;
    }
    if (info.kind === 'recycled') recycleCount++;
    const visit: StageVisit<S> = {
      stage: entry.stage as S,
      enteredAt: entry.at,
      exitedAt: null,
      durationMs: null,
      cycle,
    };
    if (implicit) visit.implicit = true;
    history.push(visit);
  }
  const current = history[history.length - 1];
  if (current && !Number.isNaN(now) && now >= current.enteredAt) {
    const kind = index.byId.get(current.stage)?.kind ?? 'open';
    if (!isTerminal(kind)) current.durationMs = now - current.enteredAt;
  }

  const timeInStage: Partial<Record<S, number>> = {};
  for (const visit of history) {
    if (visit.durationMs !== null) timeInStage[visit.stage] = (timeInStage[visit.stage] ?? 0) + visit.durationMs;
  }
  const reachedSet = new Set<string>(history.map((v) => v.stage));
  const reached = index.ids.filter((id) => reachedSet.has(id)) as S[];
  let furthest: S | null = null;
  let furthestRank = -1;
  for (const id of reached) {
    const rank = index.byId.get(id)?.rank;
    if (rank !== undefined && rank > furthestRank) {
      furthestRank = rank;
      furthest = id;
    }
  }
  const skipped = index.open.filter((id, rank) => rank < furthestRank && !reachedSet.has(id)) as S[];

  return {
    current: current ? current.stage : null,
    currentSince: current ? current.enteredAt : null,
    history,
    reached,
    furthest,
    skipped,
    timeInStage,
    recycleCount,
    cycle: current?.cycle ?? 1,
    issues: [...finalizeIssues(raw, options.errorMap)],
  };
}
