import type {
  Agreement,
  CalendarDefinition,
  DispositionSla,
  EscalationAction,
  FirstTouchSla,
  LeadStandardSla,
  SlaClock,
  Team,
  TouchesSla,
} from '../agreement/agreement.types';
import type { CriterionReason } from '../criteria/criteria.types';
import type { Instant, StageEvent } from '../records/records.types';

/** SLA policies that run a clock on one lead. */
export type ClockSla = FirstTouchSla | DispositionSla | TouchesSla;

/** Policies {@link computeSlaStatus} evaluates on one lead (acceptance rates span many leads). */
export type LeadSla = ClockSla | LeadStandardSla;

/**
 * Where a clock stands: not started (the lead never entered the start stage), running, paused,
 * met (stopped in time) or breached (its due time passed before it stopped, or it is overdue now).
 */
export type SlaState = 'not_started' | 'running' | 'paused' | 'met' | 'breached';

/** What stopped a clock. */
export type SlaStopReason = 'touch' | 'touches' | 'disposition' | 'stage_change' | 'lead_standard';

/** A warning threshold of a clock. */
export interface SlaWarning {
  /** Share of the target at which it fires. */
  share: number;
  /** When it fires (or fired), epoch ms. */
  at: number;
  reached: boolean;
}

/** One rung of the escalation ladder, placed in time. */
export interface SlaEscalation {
  /** Position in the ladder, from 1. */
  step: number;
  action: EscalationAction;
  /** When the step is (or was) due: the due time plus the step's minutes on the SLA's clock. */
  at: number;
  /** True once the time has come while the clock was breached. */
  reached: boolean;
  /** For `reroute`: the queue. */
  queue?: string;
  /** Who it goes to, when the agreement is known: the owner, the team's manager, or the queue. */
  to?: string;
}

/** The clock of one SLA policy on one lead. Instants are epoch ms; minutes are on the SLA's clock. */
export interface SlaStatus {
  slaId: string;
  label: string;
  side: Team;
  kind: LeadSla['kind'];
  leadId: string;
  state: SlaState;
  /** How many times the lead has entered the start stage (a recycled lead that re-enters starts cycle 2). */
  cycle: number;
  clock: SlaClock;
  /** The agreement calendar the clock counts on (the owner's with `calendarFrom`); null for wall-clock or a passed calendar. */
  calendarId: string | null;
  targetMinutes: number;
  startedAt: number | null;
  /** When the target is reached given the pauses so far (for a paused clock: if it resumed now). */
  dueAt: number | null;
  stoppedAt: number | null;
  stoppedBy: SlaStopReason | null;
  breachedAt: number | null;
  elapsedMinutes: number;
  /** `targetMinutes - elapsedMinutes`; negative when overdue. */
  remainingMinutes: number;
  pausedMinutes: number;
  /** For `touches` policies. */
  touches?: { count: number; required: number };
  warnings: SlaWarning[];
  /** The whole ladder, placed in time. */
  escalations: SlaEscalation[];
  /** The steps that are due now (the clock is still open and breached), in order. */
  escalationsDue: SlaEscalation[];
  /** The step due now: the last of `escalationsDue`. */
  currentEscalation: SlaEscalation | null;
}

/** A period of pause, e.g. while the lead's status is "waiting on prospect". `to` open means ongoing. */
export interface SlaPause {
  from: Instant;
  to?: Instant;
}

/** Options for {@link computeSlaStatus}. */
export interface ComputeSlaStatusOptions {
  /** The current instant. Never read from the clock. */
  now: Instant | Date;
  /** The business calendar for business-clock targets. */
  calendar?: CalendarDefinition;
  /** Resolves the policy's `calendar` id (and the lead standard, and escalation recipients). */
  agreement?: Agreement;
  /** The lead's stage history, for cycles; default: its `stageDates`. */
  events?: readonly StageEvent[];
  /** Known pause periods (from the CRM's status history). */
  pauses?: readonly SlaPause[];
}

/** Why a policy was or was not chosen for a lead. */
export interface SlaPolicyChoice {
  slaId: string;
  kind: LeadSla['kind'] | 'acceptance_rate';
  chosen: boolean;
  /** `applies`; `not_applicable` (its `appliesTo` failed); `superseded` (another policy of its kind won). */
  reason: 'applies' | 'not_applicable' | 'superseded';
  supersededBy?: string;
  criteria?: CriterionReason[];
}
