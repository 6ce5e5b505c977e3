import type { Team } from '../agreement/agreement.types';
import type { SlaStatus } from './sla.types';

/** Counts of clocks and the breach rate, for one SLA or one side. */
export interface SlaTally {
  started: number;
  open: number;
  met: number;
  breached: number;
  /** `breached ÷ (met + breached)`; `null` when nothing was decided yet. */
  breachRate: number | null;
}

/** Breach rates per SLA and per side. */
export interface SummarizeSlasResult {
  bySla: { slaId: string; label: string; side: Team; tally: SlaTally }[];
  bySide: Record<Team, SlaTally>;
}

const tally = (): SlaTally => ({ started: 0, open: 0, met: 0, breached: 0, breachRate: null });
const finish = (t: SlaTally) => {
  t.breachRate = t.met + t.breached === 0 ? null : t.breached / (t.met + t.breached);
};

/**
 * @name summarizeSlas
 * @category SLA
 * @summary Counts clocks per SLA and per side and computes breach rates.
 *
 * @description
 * A clock counts once started. Breached clocks (handled late, or overdue now) count as breached; met
 * clocks as met; running or paused clocks as open. The breach rate is breached over decided
 * (met + breached), never a division by zero: `null` when nothing is decided.
 *
 * @param statuses - Clocks.
 * @returns Tallies per SLA (agreement order of first appearance) and per side.
 *
 * @example
 * summarizeSlas(statuses).bySide.sales.breachRate //=> 0.12
 */
export function summarizeSlas(statuses: readonly SlaStatus[]): SummarizeSlasResult {
  const bySla = new Map<string, SummarizeSlasResult['bySla'][number]>();
  const bySide: Record<Team, SlaTally> = { sales: tally(), marketing: tally() };
  for (const s of statuses) {
    if (s.state === 'not_started') continue;
    let row = bySla.get(s.slaId);
    if (!row) {
      row = { slaId: s.slaId, label: s.label, side: s.side, tally: tally() };
      bySla.set(s.slaId, row);
    }
    for (const t of [row.tally, bySide[s.side]]) {
      t.started++;
      if (s.state === 'met') t.met++;
      else if (s.state === 'breached') t.breached++;
      else t.open++;
    }
  }
  for (const row of bySla.values()) finish(row.tally);
  finish(bySide.sales);
  finish(bySide.marketing);
  return { bySla: [...bySla.values()], bySide };
}
