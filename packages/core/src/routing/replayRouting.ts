import type { Agreement } from '../agreement/agreement.types';
import type { Lead } from '../records/records.types';
import { instantArg } from '../sla/_instantArg';
import { routingEngine } from './_routingEngine';
import { type AuditRoutingOptions, type ExpectedOwner, expectedOwner } from './auditRouting';

/** A lead whose owner the new routing would change. */
export interface RoutingChange {
  leadId: string;
  ownerId: string | null;
  expected: ExpectedOwner;
}

/** The outcome of {@link replayRouting}. */
export interface ReplayRoutingResult {
  /** Leads whose current owner (or lack of one) the new rules would not keep. */
  changed: RoutingChange[];
  unchanged: number;
  /** How many leads each rule of the new agreement would decide (`(fallback)` when none matches). */
  byRule: Record<string, number>;
}

/**
 * @name replayRouting
 * @category Routing
 * @summary A what-if before a routing change goes live: which leads the new rules would route differently.
 *
 * @description
 * Replays every lead through the candidate agreement's rules (without round robin): a lead changes
 * when its current owner is not among the owners the new rules allow — the account owner, a member
 * of the pool, the user — or when it has no owner and the new rules give it to a user or pool. Also
 * counts how many leads each new rule would decide, to spot rules that take too much or nothing.
 *
 * @param leads - The leads with their current owners.
 * @param agreement - The candidate agreement.
 * @param options - `now`, and the `accounts` directory.
 * @returns `{ changed, unchanged, byRule }`.
 *
 * @example
 * const whatIf = replayRouting(leads, candidate, { now, accounts })
 * `${whatIf.changed.length} leads would move`
 */
export function replayRouting(
  leads: readonly Lead[],
  agreement: Agreement,
  options: AuditRoutingOptions,
): ReplayRoutingResult {
  const now = instantArg(options.now, 'now');
  const engine = routingEngine(agreement);
  const result: ReplayRoutingResult = { changed: [], unchanged: 0, byRule: {} };
  for (const lead of leads) {
    const expected = expectedOwner(engine, lead, now, options.accounts);
    const rule = expected.ruleId ?? '(fallback)';
    result.byRule[rule] = (result.byRule[rule] ?? 0) + 1;
    const keeps = expected.kind === 'queue' ? true : lead.ownerId !== undefined && expected.ids.includes(lead.ownerId);
    if (keeps) result.unchanged++;
    else result.changed.push({ leadId: lead.id, ownerId: lead.ownerId ?? null, expected });
  }
  return result;
}
