import type { AttributionModel, AuditRoutingResult, RejectMixRow } from '@accord/core';
import type { CouncilScorecard } from '../demo/councilScorecard';

/** One open SLA clock of the "nearest to breach" table. */
export interface NearestClock {
  leadId: string;
  /** The lead's company, else its e-mail, else its id. */
  who: string;
  ownerId: string | null;
  slaId: string;
  slaLabel: string;
  side: 'sales' | 'marketing';
  /** Epoch ms. */
  dueAt: number;
  /** On the SLA's clock; negative when overdue. */
  remainingMinutes: number;
  clock: 'business' | 'calendar';
}

/** One month of the trends. */
export interface TrendPoint {
  /** `2026-03` */
  period: string;
  leads: number;
  mqls: number;
  /** MQL→SAL (sales acceptance) in the month, 0–1 or null. */
  accepted: number | null;
  /** MQL→SQL in the month, 0–1 or null. */
  qualified: number | null;
  /** False for the month the data ends in. */
  complete: boolean;
}

/** Everything the demo's HTML report shows beside the widgets (which read the query client). */
export interface DemoReport {
  title: string;
  agreement: { name: string; version: string; timezone: string };
  asOf: string;
  seed: number;
  counts: { leads: number; activities: number; touchpoints: number; opportunities: number };
  council: CouncilScorecard;
  trends: TrendPoint[];
  /** The MQL→SAL floor (0–1) drawn on the conversion trend, if the agreement has one. */
  acceptanceFloor: number | null;
  sla: { open: number; overdue: number; nearest: NearestClock[] };
  attributionModels: AttributionModel[];
  routing: AuditRoutingResult;
  rejectMix: RejectMixRow[];
  /** Reason id → label. */
  reasonLabels: Record<string, string>;
}
