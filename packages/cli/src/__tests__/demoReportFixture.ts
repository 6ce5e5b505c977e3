import {
  auditRouting,
  computeRejectMix,
  computeScorecard,
  createAccountDirectory,
  defaultAgreement,
  generateSample,
  type Lead,
} from '@accord/core';
import { DEMO_ATTRIBUTION_MODELS } from '../commands/demo';
import { councilColumns, councilMetrics, toCouncilScorecard } from '../demo/councilScorecard';
import { createReportQueries, type DemoReport, renderReport } from '../report/index';

/** A CRM string that would run script if it were ever written as markup. */
export const HOSTILE = '<img src=x onerror=alert(1)>';

/**
 * Builds and renders the demo's report for a generated sample, computed in memory (no DuckDB), with
 * `hostile: true` putting {@link HOSTILE} in a source, a company, a touchpoint channel, the agreement's
 * name and a routing message — every place a CRM or agreement string reaches the page.
 */
export async function renderSampleReport(options: { leads?: number; hostile?: boolean } = {}) {
  const { leads: count = 1500, hostile = false } = options;
  const sample = generateSample({ leads: count, seed: 7 });
  const asOf = Date.parse(sample.asOf);
  const leads: Lead[] = sample.leads.map((lead, i) =>
    hostile && i % 7 === 0 ? { ...lead, source: HOSTILE, company: HOSTILE } : lead,
  );
  const touchpoints = sample.touchpoints.map((t, i) => (hostile && i % 5 === 0 ? { ...t, channel: HOSTILE } : t));
  const agreement = hostile
    ? { ...defaultAgreement, name: `${HOSTILE}</title><script>alert(2)</script>` }
    : defaultAgreement;
  const columns = councilColumns(agreement);
  const council = toCouncilScorecard(
    computeScorecard(
      { leads },
      { agreement, asOf, groupBy: ['source'], metrics: councilMetrics(columns), view: 'cohort' },
    ),
    columns,
  );
  const monthly = computeScorecard(
    { leads },
    { agreement, asOf, grain: 'month', metrics: ['leads', 'count.mql', 'conversion.mql.sal', 'conversion.mql.sql'] },
  );
  const routing = auditRouting(leads, agreement, { now: asOf, accounts: createAccountDirectory(sample.accounts) });
  if (hostile && routing.misroutes[0]) routing.misroutes[0] = { ...routing.misroutes[0], message: HOSTILE };
  const queries = createReportQueries(
    {
      leads,
      activities: sample.activities,
      touchpoints,
      opportunities: sample.opportunities,
      spend: sample.spend,
    },
    agreement,
  );
  const attribution = await queries.attribution(DEMO_ATTRIBUTION_MODELS);
  await queries.funnel();
  const withCompany = leads.filter((l) => l.company === HOSTILE || (!hostile && l.company)).slice(0, 10);
  const report: DemoReport = {
    title: `Accord demo — ${agreement.name}`,
    agreement: { name: agreement.name ?? agreement.id, version: agreement.version, timezone: agreement.timezone },
    asOf: sample.asOf,
    seed: 7,
    counts: {
      leads: leads.length,
      activities: sample.activities.length,
      touchpoints: touchpoints.length,
      opportunities: sample.opportunities.length,
    },
    council,
    trends: monthly.rows.map((row) => ({
      period: row.period ?? '',
      leads: row.metrics['leads']?.value ?? 0,
      mqls: row.metrics['count.mql']?.value ?? 0,
      accepted: row.metrics['conversion.mql.sal']?.value ?? null,
      qualified: row.metrics['conversion.mql.sql']?.value ?? null,
      complete: row.to !== undefined && row.to <= asOf,
    })),
    acceptanceFloor: 0.6,
    sla: {
      open: 120,
      overdue: 100,
      nearest: withCompany.map((lead, i) => ({
        leadId: lead.id,
        who: lead.company ?? lead.id,
        ownerId: lead.ownerId ?? null,
        slaId: 'mql_first_touch',
        slaLabel: 'MQLs: first touch within 1 business day',
        side: 'sales' as const,
        dueAt: asOf + (i - 2) * 3_600_000,
        remainingMinutes: (i - 2) * 60,
        clock: 'business' as const,
      })),
    },
    attributionModels: [...DEMO_ATTRIBUTION_MODELS],
    routing,
    rejectMix: computeRejectMix(leads),
    reasonLabels: Object.fromEntries((agreement.dispositions ?? []).map((r) => [r.id, r.label])),
  };
  return { html: renderReport(report, { queries, attribution }), report, attribution };
}
