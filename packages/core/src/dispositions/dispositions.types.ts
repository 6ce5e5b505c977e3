import type { DispositionAction, DispositionReason } from '../agreement/agreement.types';
import type { AccordIssue } from '../errors/errors.types';
import type { EvaluateTransitionResult } from '../lifecycle/lifecycle.types';
import type { Instant, Lead, StageEvent } from '../records/records.types';

/** What a rep picks when rejecting or recycling a lead. */
export interface DispositionInput {
  reasonId: string;
  /** The reason's detail (which competitor? recycle when? as `YYYY-MM-DD`). */
  detail?: string;
  by?: string;
  at: Instant;
}

interface ActionBase {
  leadId: string;
  reasonId: string;
}

/** Something a disposition asks the host (or the action runner) to do, with its payload. */
export type DispositionActionRequest =
  | (ActionBase & { type: 'nurture'; program: string })
  | (ActionBase & { type: 'enrich'; fields: string[] })
  | (ActionBase & { type: 'reroute'; fromOwnerId: string | null; hint: string | null })
  | (ActionBase & { type: 'suppress'; email: string | null; domain: string | null; detail: string | null })
  | (ActionBase & { type: 'recycle'; recycleAt: string | null })
  | (ActionBase & { type: 'disqualify'; detail: string | null });

/** The outcome of {@link applyDisposition}. */
export interface ApplyDispositionResult {
  /** False when any issue was found; then `lead` is unchanged and `actions` is empty. */
  ok: boolean;
  issues: AccordIssue[];
  reason: DispositionReason | null;
  /** The stage the lead was in. */
  from: string | null;
  /** The stage it moves to; `null` when it stays (reroute). */
  to: string | null;
  /** The lead with its disposition (and stage date) recorded. */
  lead: Lead;
  /** The stage entry to record, when the lead moves. */
  event: StageEvent | null;
  /** The lifecycle verdict on the move, every check explained. */
  transition: EvaluateTransitionResult | null;
  actions: DispositionActionRequest[];
}

/** One group of {@link computeRejectMix}. */
export interface RejectMixRow {
  group: string;
  /** Leads in the group with a disposition. */
  rejected: number;
  counts: Record<string, number>;
  /** Each reason's share of the group's dispositions. */
  shares: Record<string, number>;
}

/** Re-exported for the action union's discriminant. */
export type { DispositionAction };
