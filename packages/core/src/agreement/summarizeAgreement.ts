import type { Agreement } from './agreement.types';

/** A short, countable description of an agreement, for `accord validate` and dashboards. */
export interface AgreementSummary {
  id: string;
  name: string | undefined;
  version: string;
  effectiveFrom: string | undefined;
  timezone: string;
  stages: { total: number; funnel: string[]; side: string[] };
  slas: { total: number; sales: number; marketing: number };
  reasons: number;
  calendars: number;
  routing: { rules: number; pools: number; members: number };
  metrics: number;
  targets: number;
  attribution: string | undefined;
}

/**
 * @name summarizeAgreement
 * @category Agreement
 * @summary Counts what an agreement holds: stages, SLAs per side, reasons, calendars, routing.
 *
 * @param agreement - A validated agreement.
 * @returns {@link AgreementSummary}.
 *
 * @example
 * summarizeAgreement(defaultAgreement).slas //=> { total: 6, sales: 4, marketing: 2 }
 */
export function summarizeAgreement(agreement: Agreement): AgreementSummary {
  const slas = agreement.slas ?? [];
  const pools = agreement.routing?.pools ?? [];
  return {
    id: agreement.id,
    name: agreement.name,
    version: agreement.version,
    effectiveFrom: agreement.effectiveFrom,
    timezone: agreement.timezone,
    stages: {
      total: agreement.stages.length,
      funnel: agreement.stages.filter((s) => s.kind !== 'recycled' && s.kind !== 'disqualified').map((s) => s.id),
      side: agreement.stages.filter((s) => s.kind === 'recycled' || s.kind === 'disqualified').map((s) => s.id),
    },
    slas: {
      total: slas.length,
      sales: slas.filter((s) => s.side === 'sales').length,
      marketing: slas.filter((s) => s.side === 'marketing').length,
    },
    reasons: agreement.dispositions?.length ?? 0,
    calendars: Object.keys(agreement.calendars ?? {}).length,
    routing: {
      rules: agreement.routing?.rules.length ?? 0,
      pools: pools.length,
      members: pools.reduce((n, p) => n + p.members.length, 0),
    },
    metrics: agreement.metrics?.length ?? 0,
    targets: Object.keys(agreement.targets ?? {}).length,
    attribution: agreement.attribution?.model,
  };
}
