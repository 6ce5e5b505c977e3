import type { SlaStatus } from './sla.types';

const OPEN = new Set(['running', 'paused']);

/** True while a clock can still breach or is breached and not yet handled. */
const isOpen = (s: SlaStatus) => OPEN.has(s.state) || (s.state === 'breached' && s.stoppedAt === null);

/**
 * @name rankByNextBreach
 * @category SLA
 * @summary Orders clocks for a work queue: overdue first (longest overdue first), then soonest due.
 *
 * @description
 * Open clocks (running, paused, or breached and not yet handled) come first, ordered by due time —
 * so the most overdue lead leads the queue and the next one to breach follows. Then clocks that have
 * not started, then stopped ones (most recent first). Ties are broken by SLA and lead id, so the
 * order is stable and deterministic. Returns a new array.
 *
 * @param statuses - Clocks, from {@link computeSlaStatus} or {@link evaluateLeadSlas}.
 * @returns The same clocks, ranked.
 *
 * @example
 * rankByNextBreach(statuses).slice(0, 10) // the ten leads nearest to (or past) their SLA
 */
export function rankByNextBreach<T extends SlaStatus>(statuses: readonly T[]): T[] {
  const group = (s: SlaStatus) => (isOpen(s) ? 0 : s.state === 'not_started' ? 1 : 2);
  return [...statuses].sort((a, b) => {
    const ga = group(a);
    const gb = group(b);
    if (ga !== gb) return ga - gb;
    const ta = ga === 0 ? (a.dueAt ?? 0) : ga === 2 ? -(a.stoppedAt ?? 0) : 0;
    const tb = gb === 0 ? (b.dueAt ?? 0) : gb === 2 ? -(b.stoppedAt ?? 0) : 0;
    if (ta !== tb) return ta - tb;
    return a.slaId === b.slaId ? (a.leadId < b.leadId ? -1 : a.leadId > b.leadId ? 1 : 0) : a.slaId < b.slaId ? -1 : 1;
  });
}
