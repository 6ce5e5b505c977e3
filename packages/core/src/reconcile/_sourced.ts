import { toEpochMs } from '../_lib/instant';
import type { Agreement } from '../agreement/agreement.types';
import { handoffStages } from '../metrics/_plan';
import type { Lead, Opportunity } from '../records/records.types';

/** Whether the agreement counts a deal as marketing-sourced, and why (or why not) in one sentence. */
export interface SourcedVerdict {
  sourced: boolean;
  /** The lead that made it marketing-sourced. */
  leadId: string | null;
  reason: string;
}

const q = (id: string) => JSON.stringify(id.length > 60 ? `${id.slice(0, 60)}…` : id);

/**
 * The scorecard's `marketing_sourced_pipeline` definition, deal by deal: a deal is marketing-sourced
 * when one of its leads reached the hand-over stage (the last marketing-owned stage before the first
 * sales-owned one, or the acceptance-rate SLA's `from`) at or before the moment the deal was created.
 * The same test as the scorecard's opportunity column `marketing` (metrics/_columns.ts), so the two
 * numbers cannot drift; a test checks the totals against `computeScorecard`.
 */
export function createSourcedCheck(
  agreement: Agreement,
  leads: ReadonlyMap<string, Lead>,
  dateText: (ms: number) => string,
): (opp: Opportunity) => SourcedVerdict {
  const frame = handoffStages(agreement);
  const handoff = frame?.handoff;
  const label = agreement.stages.find((s) => s.id === handoff)?.label ?? handoff ?? 'the hand-over';
  const rule = `a lead of the deal reaches ${label} at or before the deal is created`;
  return (opp) => {
    const created = toEpochMs(opp.createdAt);
    if (handoff === undefined)
      return {
        sourced: false,
        leadId: null,
        reason:
          'Not marketing-sourced under the agreement: it has no hand-over stage (no marketing-owned stage before the first sales-owned one), so no deal counts as marketing-sourced.',
      };
    const ids = opp.leadIds ?? [];
    if (ids.length === 0)
      return {
        sourced: false,
        leadId: null,
        reason: `Not marketing-sourced under the agreement (${rule}): the deal has no lead in the CRM.`,
      };
    const findings: string[] = [];
    for (const id of ids) {
      const lead = leads.get(id);
      if (!lead) {
        findings.push(`lead ${q(id)} is not among the leads given`);
        continue;
      }
      const reached = lead.stageDates?.[handoff];
      const at = reached === undefined ? Number.NaN : toEpochMs(reached);
      if (at <= created)
        return {
          sourced: true,
          leadId: id,
          reason: `Marketing-sourced under the agreement: lead ${q(id)} reached ${label} on ${dateText(at)}, before the deal was created on ${dateText(created)}.`,
        };
      findings.push(
        Number.isNaN(at)
          ? `lead ${q(id)} never reached ${label}`
          : `lead ${q(id)} reached ${label} on ${dateText(at)}, after the deal was created on ${dateText(created)}`,
      );
    }
    return {
      sourced: false,
      leadId: null,
      reason: `Not marketing-sourced under the agreement (${rule}): ${findings.join('; ')}.`,
    };
  };
}
