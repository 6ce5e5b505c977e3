import type { Agreement, Territory } from '../agreement/agreement.types';
import type { FastTest } from '../criteria/_compiled';
import type { Instant, Lead } from '../records/records.types';
import { instantArg } from '../sla/_instantArg';
import { type Check, LeadFields, test } from './_leadFields';
import { createPoolRuntime, drawFromRuntime, exportPoolState, type PoolRuntime } from './_poolRuntime';
import {
  ASSIGN_ACCOUNT,
  ASSIGN_POOL,
  ASSIGN_QUEUE,
  ASSIGN_TERRITORY,
  type CompiledMember,
  type CompiledPool,
  candidateRules,
  decideRule,
  type FastRule,
  routingEngine,
  territoryIndex,
} from './_routingEngine';
import { matchLeadToAccount } from './matchLeadToAccount';
import type { AccountDirectory, Assignee, RoutingState, RoutingTraceEntry } from './routing.types';

/** Options for one decision of a {@link Router}. */
export interface RouterRouteOptions {
  now: Instant | Date;
  outOfOffice?: ReadonlySet<string> | readonly string[];
  /** As for {@link routeLead}; default `'none'` (bulk routing). */
  trace?: 'full' | 'summary' | 'none';
}

/** One decision of a {@link Router}. */
export interface RouterDecision {
  assignee: Assignee;
  ruleId: string | null;
  poolId: string | null;
  trace: RoutingTraceEntry[];
}

/** A stateful router for bulk work: the same decisions as {@link routeLead}, without copying state. */
export interface Router {
  route(lead: Lead, options: RouterRouteOptions): RouterDecision;
  /** The routing state so far, as plain JSON (what {@link routeLead} would have returned). */
  state(): RoutingState;
}

/**
 * @name createRouter
 * @category Routing
 * @summary A stateful router for routing many leads fast — same rules, same decisions as routeLead.
 *
 * @description
 * `routeLead` is pure: each decision returns a new state. For a service or a backfill routing
 * millions of leads, `createRouter` keeps the round-robin state in typed arrays and updates it in
 * place while taking exactly the decisions `routeLead` would (tests route random leads both ways and
 * compare). Without a trace (`trace: 'none'`, the default) a decision takes a compiled path — rules
 * pre-filtered by the lead's values, working hours read per hour, pools as bit masks — of under a
 * microsecond; ask for `trace: 'summary'` or `'full'` on the decisions you want explained (the
 * explanation is `routeLead`'s). `state()` exports the JSON state to store.
 *
 * @param agreement - The agreement.
 * @param options - `accounts`, and a `state` to resume from.
 * @returns A {@link Router}.
 *
 * @example
 * const router = createRouter(defaultAgreement, { accounts })
 * for (const lead of leads) assign(lead, router.route(lead, { now: lead.createdAt }).assignee)
 * await save(router.state())
 * // A decision that must be explained (slower): its trace is routeLead's
 * const { assignee, trace } = router.route(vipLead, { now, trace: 'summary' })
 */
export function createRouter(
  agreement: Agreement,
  options: { accounts?: AccountDirectory; state?: RoutingState } = {},
): Router {
  const engine = routingEngine(agreement);
  const initial = options.state ?? { pools: {} };
  const accounts = options.accounts;
  // Runtimes by pool index, and the pools in the order their runtimes were made (for `state()`).
  const runtimes: (PoolRuntime | undefined)[] = new Array(engine.poolList.length).fill(undefined);
  const loaded: CompiledPool[] = [];
  const runtimeOf = (pool: CompiledPool): PoolRuntime => {
    let runtime = runtimes[pool.index];
    if (runtime === undefined) {
      runtime = createPoolRuntime(pool, initial.pools[pool.id]);
      runtimes[pool.index] = runtime;
      loaded.push(pool);
    }
    return runtime;
  };
  const awaySets = new WeakMap<readonly string[], ReadonlySet<string>>();
  const awaySet = (ooo: RouterRouteOptions['outOfOffice']): ReadonlySet<string> | undefined => {
    if (ooo === undefined || ooo instanceof Set) return ooo;
    const list = ooo as readonly string[];
    let away = awaySets.get(list);
    if (!away) {
      away = new Set(list);
      awaySets.set(list, away);
    }
    return away;
  };
  /** To the fallback queue, explaining why in `trace` when a message is given. */
  const fallback = (
    ruleId: string | null,
    poolId: string | null,
    trace: RoutingTraceEntry[],
    message?: string,
  ): RouterDecision => {
    if (message !== undefined) trace.push({ step: 'fallback', queue: engine.fallback, message });
    return { assignee: { type: 'queue', id: engine.fallback }, ruleId, poolId, trace };
  };
  /** The owner of the lead's account (as matchLeadToAccount finds it), or undefined. */
  const accountOwner = (lead: Lead, directory: AccountDirectory): string | undefined => {
    const id = lead.accountId;
    if (id !== undefined) {
      const account = directory.byId.get(id);
      if (account) return account.ownerId;
    }
    // Matching by domain needs a domain index; without one, skip keying the lead's domains.
    return directory.byDomain.size === 0 ? undefined : matchLeadToAccount(lead, directory)?.ownerId;
  };
  /** Round robin in a pool, untraced. */
  const drawQuietly = (
    ruleId: string,
    pool: CompiledPool | undefined,
    poolId: string,
    now: number,
    ooo: RouterRouteOptions['outOfOffice'],
  ): RouterDecision => {
    if (pool === undefined) return fallback(ruleId, poolId, []);
    const runtime = runtimes[pool.index] ?? runtimeOf(pool);
    const winner = drawFromRuntime(pool, runtime, now, ooo === undefined ? undefined : awaySet(ooo), undefined);
    if (winner < 0) return fallback(ruleId, pool.id, []);
    return { assignee: { type: 'user', id: pool.userIds[winner] as string }, ruleId, poolId: pool.id, trace: [] };
  };
  const fields = new LeadFields(engine.fieldPlan);
  /** True when the lead meets the rule's conditions. */
  const matches = (rule: FastRule, lead: Lead, now: number): boolean => {
    const checks = rule.checks;
    if (checks === undefined) {
      if (!(rule.test as FastTest)(lead, now)) return false;
    } else
      for (let i = 0; i < checks.length; i++) {
        const c = checks[i] as Check;
        const slot = c.slot;
        let passed = test(c, ((fields.read >>> slot) & 1) === 1 ? fields.values[slot] : fields.load(slot));
        // Only a value the lead inherits could make the answer differ from the one for `undefined`.
        if (passed !== c.ifMissing && !fields.ownPath(slot)) passed = c.ifMissing;
        if (!passed) return false;
      }
    // The comparisons the index made on values read through prototypes hold for the lead's own.
    return rule.confirm.length === 0 || fields.ownAll(rule.confirm);
  };
  /** The decision of a rule the lead matches, or undefined when it assigns nobody (no account owner, no territory). */
  const assign = (
    rule: FastRule,
    lead: Lead,
    now: number,
    ooo: RouterRouteOptions['outOfOffice'],
  ): RouterDecision | undefined => {
    switch (rule.kind) {
      case ASSIGN_ACCOUNT: {
        const owner = accounts === undefined ? undefined : accountOwner(lead, accounts);
        if (owner === undefined) return undefined;
        return { assignee: { type: 'user', id: owner }, ruleId: rule.id, poolId: null, trace: [] };
      }
      case ASSIGN_TERRITORY: {
        const cell = territoryIndex(engine, lead);
        if (cell < 0) return undefined;
        const territory = engine.territories[cell] as Territory;
        return drawQuietly(rule.id, engine.territoryPools[cell], territory.pool, now, ooo);
      }
      case ASSIGN_POOL:
        return drawQuietly(rule.id, rule.pool, rule.target, now, ooo);
      case ASSIGN_QUEUE:
        return { assignee: { type: 'queue', id: rule.target }, ruleId: rule.id, poolId: null, trace: [] };
      default:
        return { assignee: { type: 'user', id: rule.target }, ruleId: rule.id, poolId: null, trace: [] };
    }
  };
  /**
   * The untraced decision: the same rules in the same order as decideRule, but only those the lead
   * can match (the rule index), each lead field read once, assignments resolved in advance, and no
   * trace entries.
   */
  const routeQuietly = (lead: Lead, now: number, ooo: RouterRouteOptions['outOfOffice']): RouterDecision => {
    const rules = engine.fastRules;
    fields.start(lead);
    // The rules every lead tries, then only those the lead's indexed fields allow.
    const prefix = engine.ruleIndex.prefix;
    // The index reads through these objects after the first rules: start fetching them now (the
    // first rule is usually the account lookup, itself a few reads from memory).
    if (prefix > 0) fields.touch(engine.ruleIndex.holders);
    for (let r = 0; r < prefix; r++) {
      const rule = rules[r] as FastRule;
      if (rule.kind === ASSIGN_ACCOUNT && rule.checks?.length === 0) {
        // An account rule for every lead (the usual first rule), in short.
        const owner = accounts === undefined ? undefined : accountOwner(lead, accounts);
        if (owner !== undefined)
          return { assignee: { type: 'user', id: owner }, ruleId: rule.id, poolId: null, trace: [] };
        continue;
      }
      if (!matches(rule, lead, now)) continue;
      const decision = assign(rule, lead, now, ooo);
      if (decision !== undefined) return decision;
    }
    const candidates = candidateRules(engine, fields);
    for (let k = 0; k < candidates.length; k++) {
      const rule = rules[candidates[k] as number] as FastRule;
      if (!matches(rule, lead, now)) continue;
      const decision = assign(rule, lead, now, ooo);
      if (decision !== undefined) return decision;
    }
    return fallback(null, null, []);
  };
  return {
    route(lead, routeOptions) {
      const now = instantArg(routeOptions.now, 'now');
      if (routeOptions.trace === undefined || routeOptions.trace === 'none')
        return routeQuietly(lead, now, routeOptions.outOfOffice);
      const trace: RoutingTraceEntry[] = [];
      const { ruleId, decision } = decideRule(engine, lead, now, accounts, trace, routeOptions.trace === 'full');
      switch (decision.kind) {
        case 'no_match':
          return fallback(
            ruleId,
            null,
            trace,
            `No rule matched: the lead goes to the fallback queue ${engine.fallback}.`,
          );
        case 'user':
        case 'queue':
          return { assignee: { type: decision.kind, id: decision.id }, ruleId, poolId: null, trace };
        case 'pool': {
          const pool = engine.pools.get(decision.poolId);
          if (!pool)
            return fallback(
              ruleId,
              decision.poolId,
              trace,
              `Pool ${decision.poolId} does not exist: the lead goes to the fallback queue.`,
            );
          const winner = drawFromRuntime(pool, runtimeOf(pool), now, awaySet(routeOptions.outOfOffice), trace);
          if (winner < 0)
            return fallback(
              ruleId,
              pool.id,
              trace,
              `Nobody in pool ${pool.id} can take the lead now: it goes to the fallback queue ${engine.fallback}.`,
            );
          return {
            assignee: { type: 'user', id: (pool.members[winner] as CompiledMember).userId },
            ruleId,
            poolId: pool.id,
            trace,
          };
        }
      }
    },
    state() {
      const pools = { ...initial.pools };
      for (const pool of loaded) pools[pool.id] = exportPoolState(pool, runtimes[pool.index] as PoolRuntime);
      return { pools };
    },
  };
}
