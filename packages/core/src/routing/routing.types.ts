import type { CriterionReason } from '../criteria/criteria.types';
import type { Instant } from '../records/records.types';

/** Who gets the lead: a user, or a queue. */
export type Assignee = { type: 'user'; id: string } | { type: 'queue'; id: string };

/** Round-robin memory of one pool. */
export interface PoolState {
  /** Each member's pointer: the lowest available one wins and grows by 1 / weight. */
  pointers: Record<string, number>;
  /** Members unavailable at the pool's last decision (so their return can be levelled). */
  absent: string[];
  /** Each member's assignments from this pool in their current day and week (for caps). */
  load: Record<string, MemberLoad>;
}

/** A member's assignments in their current day and week (in their calendar's zone). */
export interface MemberLoad {
  day: string;
  dayCount: number;
  week: string;
  weekCount: number;
}

/**
 * Everything routing remembers between decisions — plain JSON, never mutated: every decision
 * returns a new state (unchanged parts shared).
 */
export interface RoutingState {
  pools: Record<string, PoolState>;
}

/** Why a pool member was passed over. */
export type MemberSkip = 'out_of_office' | 'outside_hours' | 'cap_day' | 'cap_week';

/** One step of a routing decision, in the order it was taken. */
export type RoutingTraceEntry =
  | { step: 'rule'; ruleId: string; matched: boolean; message: string; criteria?: CriterionReason[] }
  | { step: 'account'; matched: boolean; message: string; accountId?: string; domain?: string; ownerId?: string }
  | { step: 'territory'; matched: boolean; message: string; territoryId?: string; poolId?: string }
  | {
      step: 'member';
      poolId: string;
      userId: string;
      outcome: MemberSkip | 'chosen' | 'levelled';
      message: string;
      pointer: number;
    }
  | { step: 'fallback'; queue: string; message: string };

/** The outcome of {@link routeLead}. */
export interface RouteLeadResult {
  assignee: Assignee;
  /** The rule that decided, or `null` when no rule matched (fallback queue). */
  ruleId: string | null;
  poolId: string | null;
  trace: RoutingTraceEntry[];
  nextState: RoutingState;
}

/** An account index for lead-to-account matching, built by {@link createAccountDirectory}. */
export interface AccountDirectory {
  /** Account owner by account id. */
  readonly byId: ReadonlyMap<string, { id: string; ownerId?: string; domain?: string }>;
  /** Account by registrable domain (`northwind.co.uk`). */
  readonly byDomain: ReadonlyMap<string, { id: string; ownerId?: string; domain?: string }>;
}

/** Options for {@link routeLead}. */
export interface RouteLeadOptions {
  /** The decision instant (working hours, daily caps). Never read from the clock. */
  now: Instant | Date;
  /** Accounts for the `accountOwner` rule. */
  accounts?: AccountDirectory;
  /** Users out of office now. */
  outOfOffice?: readonly string[];
  /**
   * `'full'` (default) explains each rule's criteria; `'summary'` keeps the steps without criteria;
   * `'none'` records nothing, for bulk routing.
   */
  trace?: 'full' | 'summary' | 'none';
}
