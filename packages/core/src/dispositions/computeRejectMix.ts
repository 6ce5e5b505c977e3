import { readPath, splitFieldPath } from '../_lib/fieldPath';
import type { Lead } from '../records/records.types';
import type { RejectMixRow } from './dispositions.types';

/** Options for {@link computeRejectMix}. */
export interface ComputeRejectMixOptions {
  /** The field to group by: `source` (default), `campaignId`, `ownerId`, `attributes.industry`… */
  by?: string;
}

/**
 * @name computeRejectMix
 * @category Dispositions
 * @summary The mix of reject reasons per group (by source, by default): what sales says about each channel.
 *
 * @description
 * Counts the leads with a disposition in each group and each reason's share of them. Leads without
 * the grouping field fall in `(none)`. Groups are ordered by number of dispositions, then name; a
 * totals row (`group: '(all)'`) comes first.
 *
 * @param leads - The leads.
 * @param options - `by`: the grouping field path.
 * @returns The rows, totals first.
 *
 * @example
 * computeRejectMix(leads)[1] //=> { group: 'social', rejected: 140, counts: { student_job_seeker: 38, … }, shares: { … } }
 */
export function computeRejectMix(leads: readonly Lead[], options: ComputeRejectMixOptions = {}): RejectMixRow[] {
  const path = splitFieldPath(options.by ?? 'source');
  const groups = new Map<string, Record<string, number>>();
  const all: Record<string, number> = {};
  for (const lead of leads) {
    const reasonId = lead.disposition?.reasonId;
    if (reasonId === undefined) continue;
    const value = readPath(lead, path);
    const group = value === undefined || value === null || value === '' ? '(none)' : String(value);
    const counts = groups.get(group) ?? {};
    counts[reasonId] = (counts[reasonId] ?? 0) + 1;
    groups.set(group, counts);
    all[reasonId] = (all[reasonId] ?? 0) + 1;
  }
  const row = (group: string, counts: Record<string, number>): RejectMixRow => {
    const rejected = Object.values(counts).reduce((a, b) => a + b, 0);
    const shares = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v / rejected]));
    return { group, rejected, counts, shares };
  };
  const rows = [...groups.entries()]
    .map(([g, c]) => row(g, c))
    .sort((a, b) => b.rejected - a.rejected || a.group.localeCompare(b.group));
  return [row('(all)', all), ...rows];
}
