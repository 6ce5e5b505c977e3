import { type Agreement, evaluateLeadStandard, type Lead } from '@accord/core';

/** Marketing's side of the SLA over the leads handed to sales. */
export interface LeadStandardSummary {
  /** The handoff stage whose leads were checked. */
  stage: string;
  checked: number;
  failing: number;
  rate: number | null;
  /** How often each check failed: `missing:company`, `suppressed:personal_email`… */
  byCheck: { check: string; label: string; count: number }[];
  bySource: { source: string; checked: number; failing: number; rate: number | null }[];
  examples: { id: string; source: string | null; problems: string[] }[];
}

/**
 * Checks the lead standard for the leads that reached the handoff stage (the stage of the
 * agreement's `lead_standard` SLA, else the last marketing-owned open stage).
 */
export function summarizeLeadStandard(
  leads: readonly Lead[],
  agreement: Agreement,
  examples = 10,
): LeadStandardSummary {
  const sla = agreement.slas?.find((s) => s.kind === 'lead_standard');
  const handoff =
    sla?.kind === 'lead_standard'
      ? sla.at.stage
      : ([...agreement.stages].reverse().find((s) => (s.kind ?? 'open') === 'open' && s.owner === 'marketing')?.id ??
        agreement.stages[0]?.id ??
        '');
  const labels = new Map((agreement.leadStandard?.suppress ?? []).map((r) => [r.id, r.label]));
  const byCheck = new Map<string, number>();
  const bySource = new Map<string, { checked: number; failing: number }>();
  const summary: LeadStandardSummary = {
    stage: handoff,
    checked: 0,
    failing: 0,
    rate: null,
    byCheck: [],
    bySource: [],
    examples: [],
  };
  for (const lead of leads) {
    if (lead.stageDates?.[handoff] === undefined) continue;
    summary.checked++;
    const source = lead.source ?? '(no source)';
    const group = bySource.get(source) ?? { checked: 0, failing: 0 };
    group.checked++;
    const verdict = evaluateLeadStandard(lead, agreement);
    if (!verdict.passed) {
      summary.failing++;
      group.failing++;
      const problems = [
        ...verdict.missing.map((m) => `missing:${m.field}`),
        ...verdict.suppressed.map((s) => `suppressed:${s.id}`),
      ];
      for (const p of problems) byCheck.set(p, (byCheck.get(p) ?? 0) + 1);
      if (summary.examples.length < examples)
        summary.examples.push({ id: lead.id, source: lead.source ?? null, problems });
    }
    bySource.set(source, group);
  }
  summary.rate = summary.checked === 0 ? null : summary.failing / summary.checked;
  summary.byCheck = [...byCheck.entries()]
    .map(([check, count]) => {
      const [kind, id] = check.split(':') as [string, string];
      return { check, label: kind === 'missing' ? `missing ${id}` : (labels.get(id) ?? id), count };
    })
    .sort((a, b) => b.count - a.count || a.check.localeCompare(b.check));
  summary.bySource = [...bySource.entries()]
    .map(([source, g]) => ({ source, ...g, rate: g.checked === 0 ? null : g.failing / g.checked }))
    .sort((a, b) => (b.rate ?? 0) - (a.rate ?? 0) || a.source.localeCompare(b.source));
  return summary;
}
