// SLA queue story data: which clock passes its warning first, and the counts before and after.
import { computeSlaQueue, defaultAgreement, type Lead, type SlaQueueEntry } from '@accord/core';
import type { SlaQueueState } from '../hooks/useSlaQueue';
import { OPEN_MQLS_NOW, openMqls } from './openMqls';

/** A clock's state at `now` (the same comparison useSlaQueue makes). */
export function stateAt(entry: SlaQueueEntry, now: number): SlaQueueState {
  if (entry.paused) return 'paused';
  if (now >= entry.dueAt) return 'breached';
  if (entry.warningAt !== null && now >= entry.warningAt) return 'warning';
  return 'ok';
}

/** Open clocks per state at `now`. */
export function countStates(entries: readonly SlaQueueEntry[], now: number): Record<SlaQueueState, number> {
  const counts = { ok: 0, warning: 0, breached: 0, paused: 0 };
  for (const e of entries) counts[stateAt(e, now)]++;
  return counts;
}

/** Six fresh MQLs on a Wednesday morning in New York: some clocks overdue, most on time. */
export const warningLeads: Lead[] = openMqls(6);
/** The queue the widget computes at the story's start. */
export const warningQueue = computeSlaQueue(warningLeads, [], defaultAgreement, { now: OPEN_MQLS_NOW });

/** The next instant any clock changes state after the story's start, and the clocks that change then. */
function nextTransition(entries: readonly SlaQueueEntry[], now: number) {
  let at = Number.POSITIVE_INFINITY;
  for (const e of entries) {
    if (e.paused) continue;
    for (const t of [e.warningAt, e.dueAt]) if (t !== null && t > now && t < at) at = t;
  }
  const changed = entries.filter((e) => stateAt(e, at) !== stateAt(e, now));
  return { at, changed };
}

const transition = nextTransition(warningQueue.entries, OPEN_MQLS_NOW);
const first = transition.changed[0];
if (!first || transition.changed.some((e) => stateAt(e, transition.at) !== 'warning')) {
  throw new Error('[accord] the SLA warning story expects the next change to be a clock passing its warning');
}
/** The clock that passes its warning first (at {@link warningAt}). */
export const warningEntry: SlaQueueEntry = first;
/** When {@link warningEntry} (and any clock sharing the instant) passes its warning. */
export const warningAt: number = transition.at;
/** Counts at the story's start and once the clock reached {@link warningAt}. */
export const warningCounts = {
  before: countStates(warningQueue.entries, OPEN_MQLS_NOW),
  after: countStates(warningQueue.entries, warningAt),
};
