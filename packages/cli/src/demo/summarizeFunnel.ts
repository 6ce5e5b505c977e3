import { type Agreement, computeScorecard, deriveLifecycle, type Lead, type MetricTarget } from '@accord/core';

/** One stage row of the demo's funnel table. */
export interface FunnelRow {
  stage: string;
  label: string;
  owner: string;
  kind: string;
  /** Leads that ever entered the stage. */
  reached: number;
  /** Leads in the stage now. */
  current: number;
  /** `reached` over all leads. */
  shareOfLeads: number | null;
  /** Of the leads that reached the previous funnel stage, the share that reached this one at or after it. */
  conversion: { from: string; numerator: number; denominator: number; value: number | null } | null;
  target: MetricTarget | null;
  status: 'met' | 'missed' | null;
}

/** The funnel by stage for a set of leads, and how many leads had lifecycle data problems. */
export interface FunnelSummary {
  leads: number;
  rows: FunnelRow[];
  leadsWithIssues: number;
}

/**
 * Per stage: the leads that reached it (`count.<stage>`) and the conversion from the previous funnel
 * stage (`conversion.<from>.<to>`, against its target) — both from the scorecard's metric engine, so
 * the demo shows the same numbers as every other screen — and the leads in the stage now (lifecycle).
 */
export function summarizeFunnel(leads: readonly Lead[], agreement: Agreement, asOf: number): FunnelSummary {
  const current = new Map<string, number>();
  for (const lead of leads) {
    const life = deriveLifecycle(lead, agreement);
    if (life.current) current.set(life.current, (current.get(life.current) ?? 0) + 1);
  }
  const open = agreement.stages.filter((s) => (s.kind ?? 'open') === 'open');
  const lastOpen = open[open.length - 1];
  const previousOf = (stage: Agreement['stages'][number]) => {
    const kind = stage.kind ?? 'open';
    return kind === 'open' ? open[open.indexOf(stage) - 1] : kind === 'won' || kind === 'lost' ? lastOpen : undefined;
  };
  const metrics = agreement.stages.flatMap((stage) => {
    const previous = previousOf(stage);
    return [`count.${stage.id}`, ...(previous ? [`conversion.${previous.id}.${stage.id}`] : [])];
  });
  const card = computeScorecard({ leads }, { agreement, asOf, metrics, view: 'cohort' });
  const m = card.totals.metrics;
  const rows = agreement.stages.map((stage): FunnelRow => {
    const previous = previousOf(stage);
    const reached = m[`count.${stage.id}`]?.value ?? 0;
    const c = previous ? m[`conversion.${previous.id}.${stage.id}`] : undefined;
    return {
      stage: stage.id,
      label: stage.label,
      owner: stage.owner,
      kind: stage.kind ?? 'open',
      reached,
      current: current.get(stage.id) ?? 0,
      shareOfLeads: leads.length === 0 ? null : reached / leads.length,
      conversion:
        previous && c
          ? { from: previous.id, numerator: c.numerator ?? 0, denominator: c.denominator ?? 0, value: c.value }
          : null,
      target: c?.target ?? null,
      status: c?.status ?? null,
    };
  });
  return { leads: leads.length, rows, leadsWithIssues: new Set(card.warnings.map((w) => w.path[1])).size };
}
