import type { Agreement } from '../agreement/agreement.types';
import type { Instant, Lead } from '../records/records.types';
import { instantArg } from '../sla/_instantArg';
import { decideRule, type RoutingEngine, routingEngine } from './_routingEngine';
import type { AccountDirectory } from './routing.types';

/** Who may own a lead under a routing agreement. */
export interface ExpectedOwner {
  ruleId: string | null;
  /** `user` and `pool`: the owner must be one of `ids`. `queue`: any owner picked from the queue is fine. */
  kind: 'user' | 'pool' | 'queue';
  ids: string[];
  poolId: string | null;
}

/** Options for {@link auditRouting} and {@link replayRouting}. */
export interface AuditRoutingOptions {
  now: Instant | Date;
  accounts?: AccountDirectory;
}

/** A lead whose owner is not one today's rules would pick. */
export interface Misroute {
  leadId: string;
  ownerId: string;
  expected: ExpectedOwner;
  message: string;
}

/** The outcome of {@link auditRouting}. */
export interface AuditRoutingResult {
  /** Leads with an owner that the rules assign to a user or pool (queue-routed leads cannot be misrouted). */
  checked: number;
  misroutes: Misroute[];
  /** `misroutes ÷ checked`; `null` when nothing could be checked. */
  misrouteRate: number | null;
  /** Leads without an owner. */
  unassigned: number;
  /** Leads whose rule assigns a queue: any owner taken from it is fine. */
  queueRouted: number;
}

/** The owners a lead may have under the rules (pool decisions accept any member). */
export function expectedOwner(
  engine: RoutingEngine,
  lead: Lead,
  now: number,
  accounts: AccountDirectory | undefined,
): ExpectedOwner {
  const { ruleId, decision } = decideRule(engine, lead, now, accounts, undefined, false);
  switch (decision.kind) {
    case 'user':
      return { ruleId, kind: 'user', ids: [decision.id], poolId: null };
    case 'pool':
      return {
        ruleId,
        kind: 'pool',
        ids: engine.pools.get(decision.poolId)?.members.map((m) => m.userId) ?? [],
        poolId: decision.poolId,
      };
    case 'queue':
      return { ruleId, kind: 'queue', ids: [decision.id], poolId: null };
    case 'no_match':
      return { ruleId: null, kind: 'queue', ids: [engine.fallback], poolId: null };
  }
}

/**
 * @name auditRouting
 * @category Routing
 * @summary Finds leads whose owner differs from what today's rules say, and the misroute rate.
 *
 * @description
 * For each owned lead, the rules are replayed (without round robin): an account rule expects the
 * account owner, a pool or territory rule expects any member of the pool, a user rule that user.
 * Leads the rules send to a queue are counted apart (anyone may take them from the queue), and so
 * are unowned leads. The rate is misroutes over checked leads.
 *
 * @param leads - The leads, with their current `ownerId`.
 * @param agreement - Today's agreement.
 * @param options - `now`, and the `accounts` directory.
 * @returns {@link AuditRoutingResult}.
 *
 * @example
 * const audit = auditRouting(leads, defaultAgreement, { now, accounts })
 * audit.misrouteRate //=> 0.031
 */
export function auditRouting(
  leads: readonly Lead[],
  agreement: Agreement,
  options: AuditRoutingOptions,
): AuditRoutingResult {
  const now = instantArg(options.now, 'now');
  const engine = routingEngine(agreement);
  const result: AuditRoutingResult = { checked: 0, misroutes: [], misrouteRate: null, unassigned: 0, queueRouted: 0 };
  for (const lead of leads) {
    if (lead.ownerId === undefined) {
      result.unassigned++;
      continue;
    }
    const expected = expectedOwner(engine, lead, now, options.accounts);
    if (expected.kind === 'queue') {
      result.queueRouted++;
      continue;
    }
    result.checked++;
    if (!expected.ids.includes(lead.ownerId)) {
      const rule = expected.ruleId ?? '(none)';
      const what =
        expected.kind === 'user'
          ? `user ${expected.ids[0]}`
          : `a member of pool ${expected.poolId} (${expected.ids.join(', ')})`;
      result.misroutes.push({
        leadId: lead.id,
        ownerId: lead.ownerId,
        expected,
        message: `Owned by ${lead.ownerId}, but rule "${rule}" assigns ${what}.`,
      });
    }
  }
  result.misrouteRate = result.checked === 0 ? null : result.misroutes.length / result.checked;
  return result;
}
