import { type Agreement, deriveLifecycle, type Lead, type MetricTarget } from '@accord/core';

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
  /** Of the leads that reached the previous funnel stage, the share that reached this one. */
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
 * Counts, per stage, the leads that reached it and are in it now, and the conversion from the
 * previous funnel stage against the agreement's `conversion.<from>.<to>` target. Built on
 * `deriveLifecycle`; the scorecard issue replaces it with the full metric engine.
 */
export function summarizeFunnel(leads: readonly Lead[], agreement: Agreement): FunnelSummary {
  const reached = new Map<string, Set<string>>(agreement.stages.map((s) => [s.id, new Set()]));
  const current = new Map<string, number>();
  let leadsWithIssues = 0;
  for (const lead of leads) {
    const life = deriveLifecycle(lead, agreement);
    if (life.issues.length > 0) leadsWithIssues++;
    for (const id of life.reached) reached.get(id)?.add(lead.id);
    if (life.current) current.set(life.current, (current.get(life.current) ?? 0) + 1);
  }
  const open = agreement.stages.filter((s) => (s.kind ?? 'open') === 'open');
  const lastOpen = open[open.length - 1];
  const rows = agreement.stages.map((stage): FunnelRow => {
    const kind = stage.kind ?? 'open';
    const index = open.indexOf(stage);
    const previous = kind === 'open' ? open[index - 1] : kind === 'won' || kind === 'lost' ? lastOpen : undefined;
    const here = reached.get(stage.id) as Set<string>;
    let conversion: FunnelRow['conversion'] = null;
    let target: MetricTarget | null = null;
    let status: FunnelRow['status'] = null;
    if (previous) {
      const before = reached.get(previous.id) as Set<string>;
      let numerator = 0;
      for (const id of before) if (here.has(id)) numerator++;
      const value = before.size === 0 ? null : numerator / before.size;
      conversion = { from: previous.id, numerator, denominator: before.size, value };
      target = agreement.targets?.[`conversion.${previous.id}.${stage.id}`] ?? null;
      if (target && value !== null)
        status =
          (target.min === undefined || value >= target.min) && (target.max === undefined || value <= target.max)
            ? 'met'
            : 'missed';
    }
    return {
      stage: stage.id,
      label: stage.label,
      owner: stage.owner,
      kind,
      reached: here.size,
      current: current.get(stage.id) ?? 0,
      shareOfLeads: leads.length === 0 ? null : here.size / leads.length,
      conversion,
      target,
      status,
    };
  });
  return { leads: leads.length, rows, leadsWithIssues };
}
