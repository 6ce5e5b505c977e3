import type { Agreement } from '../agreement/agreement.types';
import type { Lead } from '../records/records.types';
import { createRouter } from './createRouter';
import type { RouteLeadOptions, RouteLeadResult, RoutingState } from './routing.types';

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
  // One decision of a router that starts from `state`: the same code path as bulk routing, and the
  // state is never changed — the router loads only the pool it draws from.
  const router = createRouter(agreement, { ...(options.accounts ? { accounts: options.accounts } : {}), state });
  const decision = router.route(lead, {
    now: options.now,
    trace: options.trace ?? 'full',
    ...(options.outOfOffice ? { outOfOffice: options.outOfOffice } : {}),
  });
  return { ...decision, nextState: decision.poolId === null ? state : router.state() };
}
