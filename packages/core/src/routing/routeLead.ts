import type { Agreement } from '../agreement/agreement.types';
import type { Lead } from '../records/records.types';
import { instantArg } from '../sla/_instantArg';
import { decideRule, drawFromPool, routingEngine } from './_routingEngine';
import type { RouteLeadOptions, RouteLeadResult, RoutingState, RoutingTraceEntry } from './routing.types';

const outOfOfficeSets = new WeakMap<readonly string[], ReadonlySet<string>>();

/**
 * @name routeLead
 * @category Routing
 * @summary Assigns a lead — to a user or a queue — by the agreement's routing, and explains why.
 *
 * @description
 * Tries the rules in order; the first that matches decides. `accountOwner` sends the lead to the
 * owner of its account (matched by account id, then by e-mail or website domain, ignoring personal
 * mail domains); `territory` picks the pool of the region × segment cell; `pool` runs weighted round
 * robin among the pool members who are in their working hours, not out of office and under their
 * daily / weekly caps; `queue` and `user` assign directly. When no rule matches, or nobody in the
 * pool can take the lead, it goes to the fallback queue — routing always assigns. The trace names
 * every rule tried and why it did or did not match, and every pool member skipped and why. Pure
 * and deterministic: the same lead, state and options give the same result; the state is returned,
 * never changed.
 *
 * @param lead - The lead.
 * @param state - From {@link createRoutingState} or the previous decision's `nextState`.
 * @param agreement - The agreement (its `routing` and `calendars`).
 * @param options - `now`; `accounts`; `outOfOffice`; `trace: 'summary'` for bulk routing.
 * @returns `{ assignee, ruleId, poolId, trace, nextState }`.
 *
 * @example
 * const result = routeLead(lead, state, defaultAgreement, { now: lead.createdAt, accounts })
 * result.assignee //=> { type: 'user', id: 'rep_ava' }
 * result.trace.map((t) => t.message)
 * //=> ['Rule "account_owner" applies to every lead.', 'No account matches…', 'Rule "enterprise" does not match.', …]
 */
export function routeLead(
  lead: Lead,
  state: RoutingState,
  agreement: Agreement,
  options: RouteLeadOptions,
): RouteLeadResult {
  const now = instantArg(options.now, 'now');
  const engine = routingEngine(agreement);
  const trace: RoutingTraceEntry[] = [];
  const record = options.trace === 'none' ? undefined : trace;
  const { ruleId, decision } = decideRule(engine, lead, now, options.accounts, record, options.trace !== 'summary');
  const fallback = (message: string): RouteLeadResult => {
    record?.push({ step: 'fallback', queue: engine.fallback, message });
    return {
      assignee: { type: 'queue', id: engine.fallback },
      ruleId,
      poolId: decision.kind === 'pool' ? decision.poolId : null,
      trace,
      nextState: state,
    };
  };
  switch (decision.kind) {
    case 'no_match':
      return fallback(`No rule matched: the lead goes to the fallback queue ${engine.fallback}.`);
    case 'user':
      return { assignee: { type: 'user', id: decision.id }, ruleId, poolId: null, trace, nextState: state };
    case 'queue':
      return { assignee: { type: 'queue', id: decision.id }, ruleId, poolId: null, trace, nextState: state };
    case 'pool': {
      const pool = engine.pools.get(decision.poolId);
      if (!pool) return fallback(`Pool ${decision.poolId} does not exist: the lead goes to the fallback queue.`);
      let away: ReadonlySet<string> | undefined;
      if (options.outOfOffice) {
        away = outOfOfficeSets.get(options.outOfOffice);
        if (!away) {
          away = new Set(options.outOfOffice);
          outOfOfficeSets.set(options.outOfOffice, away);
        }
      }
      const { userId, next } = drawFromPool(pool, state.pools[pool.id], now, away, record);
      const nextState: RoutingState = { pools: { ...state.pools, [pool.id]: next } };
      if (userId === null) {
        record?.push({
          step: 'fallback',
          queue: engine.fallback,
          message: `Nobody in pool ${pool.id} can take the lead now: it goes to the fallback queue ${engine.fallback}.`,
        });
        return { assignee: { type: 'queue', id: engine.fallback }, ruleId, poolId: pool.id, trace, nextState };
      }
      return { assignee: { type: 'user', id: userId }, ruleId, poolId: pool.id, trace, nextState };
    }
  }
}
