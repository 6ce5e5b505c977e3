import type { Agreement, CalendarDefinition, Pool, RoutingRule, Territory } from '../agreement/agreement.types';
import { compiledRule, type FastTest, fastTest } from '../criteria/_compiled';
import { evaluateCriteria } from '../criteria/evaluateCriteria';
import type { Lead } from '../records/records.types';
import { type CalendarClock, calendarClock } from '../sla/_calendarTable';
import { matchLeadToAccount } from './matchLeadToAccount';
import type { AccountDirectory, RoutingTraceEntry } from './routing.types';

/** A pool member, compiled: weight, working-hours clock, time zone for caps. */
export interface CompiledMember {
  userId: string;
  weight: number;
  clock: CalendarClock | undefined;
  timeZone: string;
  capPerDay: number | undefined;
  capPerWeek: number | undefined;
}

export interface CompiledPool {
  id: string;
  members: CompiledMember[];
  nextShift: boolean;
}

/** An agreement's routing, compiled once. */
export interface RoutingEngine {
  rules: { rule: RoutingRule; test: FastTest | undefined }[];
  territories: readonly Territory[];
  pools: ReadonlyMap<string, CompiledPool>;
  fallback: string;
}

const engines = new WeakMap<object, RoutingEngine>();

/** Compiles (once per agreement object) the routing rules, territories and pools. */
export function routingEngine(agreement: Pick<Agreement, 'routing' | 'calendars' | 'timezone'>): RoutingEngine {
  let engine = engines.get(agreement);
  if (engine) return engine;
  const routing = agreement.routing ?? { rules: [], pools: [], fallbackQueue: 'unassigned' };
  const calendars = (agreement.calendars ?? {}) as Record<string, CalendarDefinition>;
  const compilePool = (pool: Pool): CompiledPool => ({
    id: pool.id,
    nextShift: pool.afterHours === 'next_shift',
    members: pool.members.map((m) => {
      const calendar =
        m.calendar !== undefined && Object.hasOwn(calendars, m.calendar) ? calendars[m.calendar] : undefined;
      return {
        userId: m.userId,
        weight: m.weight ?? 1,
        clock: calendar ? calendarClock(calendar) : undefined,
        timeZone: calendar?.timezone ?? agreement.timezone,
        capPerDay: m.capPerDay,
        capPerWeek: m.capPerWeek,
      };
    }),
  });
  engine = {
    rules: routing.rules.map((rule) => ({ rule, test: rule.when ? fastTest(compiledRule(rule.when)) : undefined })),
    territories: routing.territories ?? [],
    pools: new Map(routing.pools.map((p) => [p.id, compilePool(p)])),
    fallback: routing.fallbackQueue,
  };
  engines.set(agreement, engine);
  return engine;
}

/** The first territory cell that matches the lead's region and segment. */
export function findTerritory(territories: readonly Territory[], lead: Lead): Territory | undefined {
  return territories.find(
    (t) =>
      (!t.regions || (lead.region !== undefined && t.regions.includes(lead.region))) &&
      (!t.segments || (lead.segment !== undefined && t.segments.includes(lead.segment))),
  );
}

/** What a rule decides before any round robin: a user, a queue, a pool to draw from, or no match. */
export type RuleDecision =
  | { kind: 'user'; id: string }
  | { kind: 'queue'; id: string }
  | { kind: 'pool'; poolId: string }
  | { kind: 'no_match' };

/**
 * Walks the rules in order and returns the first decision, appending the explanation of each rule
 * tried to `trace` (when given). `explain` adds each criterion's reasons.
 */
export function decideRule(
  engine: RoutingEngine,
  lead: Lead,
  now: number,
  accounts: AccountDirectory | undefined,
  trace: RoutingTraceEntry[] | undefined,
  explain: boolean,
): { ruleId: string | null; decision: RuleDecision } {
  for (const { rule, test } of engine.rules) {
    if (rule.when) {
      let passed: boolean;
      if (explain && trace) {
        const verdict = evaluateCriteria(lead, rule.when, { now });
        passed = verdict.passed;
        trace.push({
          step: 'rule',
          ruleId: rule.id,
          matched: passed,
          message: passed ? `Rule "${rule.id}" matches.` : `Rule "${rule.id}" does not match.`,
          criteria: verdict.reasons,
        });
      } else {
        passed = (test as FastTest)(lead, now);
        trace?.push({
          step: 'rule',
          ruleId: rule.id,
          matched: passed,
          message: passed ? `Rule "${rule.id}" matches.` : `Rule "${rule.id}" does not match.`,
        });
      }
      if (!passed) continue;
    } else {
      trace?.push({
        step: 'rule',
        ruleId: rule.id,
        matched: true,
        message: `Rule "${rule.id}" applies to every lead.`,
      });
    }
    const a = rule.assign;
    if ('accountOwner' in a) {
      if (!accounts) {
        trace?.push({
          step: 'account',
          matched: false,
          message: 'No account directory was given, so no lead can match an account.',
        });
        continue;
      }
      const match = matchLeadToAccount(lead, accounts);
      if (!match) {
        trace?.push({
          step: 'account',
          matched: false,
          message: 'No account matches the lead’s account id, e-mail domain or website.',
        });
        continue;
      }
      if (match.ownerId === undefined) {
        trace?.push({
          step: 'account',
          matched: false,
          accountId: match.accountId,
          message: `Account ${match.accountId} has no owner.`,
        });
        continue;
      }
      trace?.push({
        step: 'account',
        matched: true,
        accountId: match.accountId,
        ownerId: match.ownerId,
        ...(match.domain ? { domain: match.domain } : {}),
        message: `Matched account ${match.accountId} by ${match.by === 'domain' ? `domain ${match.domain}` : 'account id'}; its owner is ${match.ownerId}.`,
      });
      return { ruleId: rule.id, decision: { kind: 'user', id: match.ownerId } };
    }
    if ('territory' in a) {
      const cell = findTerritory(engine.territories, lead);
      if (!cell) {
        trace?.push({
          step: 'territory',
          matched: false,
          message: `No territory covers region ${lead.region ?? '(none)'} × segment ${lead.segment ?? '(none)'}.`,
        });
        continue;
      }
      trace?.push({
        step: 'territory',
        matched: true,
        territoryId: cell.id,
        poolId: cell.pool,
        message: `Territory ${cell.id} → pool ${cell.pool}.`,
      });
      return { ruleId: rule.id, decision: { kind: 'pool', poolId: cell.pool } };
    }
    if ('pool' in a) return { ruleId: rule.id, decision: { kind: 'pool', poolId: a.pool } };
    if ('queue' in a) return { ruleId: rule.id, decision: { kind: 'queue', id: a.queue } };
    return { ruleId: rule.id, decision: { kind: 'user', id: a.user } };
  }
  return { ruleId: null, decision: { kind: 'no_match' } };
}
