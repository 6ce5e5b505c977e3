import { writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { createDuckDbAdapter } from '@accord/adapters/duckdb';
import {
  type AttributionModel,
  auditRouting,
  computeRejectMix,
  createAccountDirectory,
  formatIssues,
  generateSample,
  type RecordKind,
  RecordSchemas,
  summarizeAgreement,
  validateRecords,
} from '@accord/core';
import { type CliIo, EXIT } from '../_lib/io';
import { intFlag, parseFlags } from '../_lib/parseFlags';
import { createProgress } from '../_lib/progress';
import { loadAgreement } from '../_lib/readAgreement';
import { reportIssues } from '../_lib/reportIssues';
import { humanScorecard } from '../_lib/scorecardReport';
import { buildSlaReport, formatMinutes, localTime, renderAcceptance, renderBreachRates } from '../_lib/slaReport';
import { formatCount, formatRate, renderTable } from '../_lib/table';
import { writeSample } from '../_lib/writeSample';
import { councilColumns, councilMetrics, renderCouncilScorecard, toCouncilScorecard } from '../demo/councilScorecard';
import { summarizeFunnel } from '../demo/summarizeFunnel';
import { summarizeLeadStandard } from '../demo/summarizeLeadStandard';
import type { DemoReport, NearestClock, TrendPoint } from '../report/report.types';

/** The attribution models the demo compares, rule-based and data-driven. */
export const DEMO_ATTRIBUTION_MODELS: readonly AttributionModel[] = [
  'first_touch',
  'last_touch',
  'linear',
  'w_shaped',
  'markov',
  'shapley',
];

export const DEMO_HELP = `Usage: accord demo [--leads 10000] [--seed 1] [--out accord-demo] [--agreement FILE] [--json]

The main job on generated data, with no configuration: validates the agreement (the default one unless
--agreement is given), generates a seeded sample, writes it as canonical CSV, checks every record and
loads it into an embedded DuckDB database beside it (accord.duckdb). Then prints the council scorecard
(stage conversions by source against the agreement's targets), the ten SLA clocks nearest to breach,
attribution by model side by side, the routing audit and the reject reasons by source — then
marketing's lead standard and the shared metrics scorecard — and writes a self-contained HTML report
with charts (report.html, beside the sample). Steps that take a second or more print a line on stderr.

Options:
  --leads N         leads to generate (default 10000)
  --seed N          seed (default 1)
  --bad-rows N      break N leads on purpose, to see how bad input is reported (default 0)
  --out DIR         where to write the sample and the report (default ./accord-demo)
  --agreement FILE  use this agreement
  --json            print one JSON document instead of tables`;

/** The lead's company, else its e-mail, else its id: how a rep recognises it. */
const whoOf = (
  lead: { id: string; company?: string | undefined; email?: string | undefined } | undefined,
  id: string,
) => lead?.company ?? lead?.email ?? id;

export async function demoCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(
    args,
    {
      leads: { type: 'string' },
      seed: { type: 'string' },
      'bad-rows': { type: 'string' },
      out: { type: 'string' },
      agreement: { type: 'string' },
      json: { type: 'boolean' },
    },
    'demo',
  );
  const leadsWanted = intFlag(values.leads, 'leads', 10_000, 1, 2_000_000);
  const seed = intFlag(values.seed, 'seed', 1, -2_147_483_648, 2_147_483_647);
  const badRows = intFlag(values['bad-rows'], 'bad-rows', 0, 0, leadsWanted);
  const json = values.json === true;
  const say = (text = '') => {
    if (!json) io.stdout.write(`${text}\n`);
  };
  // A line on stderr for every step that takes a second or more; on a terminal, the label while it runs.
  const step = createProgress(io.stderr, {
    enabled: !json,
    interactive: !json && (io.stderr as { isTTY?: boolean }).isTTY === true,
  });

  // 1. The agreement.
  const loaded = await loadAgreement(values.agreement, io.cwd);
  if (!loaded.ok) {
    reportIssues(io, loaded.source, loaded.issues);
    return EXIT.badInput;
  }
  const agreement = loaded.agreement;
  const summary = summarizeAgreement(agreement);
  say(`Accord demo — ${summary.name ?? summary.id} v${summary.version} (${summary.timezone})`);
  say(
    `✓ agreement valid: ${summary.stages.total} stages, ${summary.slas.total} SLAs (${summary.slas.sales} sales, ${summary.slas.marketing} marketing), ` +
      `${summary.reasons} reject reasons, ${summary.calendars} calendars, ${summary.routing.pools} routing pools`,
  );

  // 2. The sample, written as canonical CSV.
  const sample = await step(`Generating ${formatCount(leadsWanted)} leads (seed ${seed})`, () =>
    generateSample({ leads: leadsWanted, seed, agreement, badRows }),
  );
  const out = resolve(io.cwd, values.out ?? 'accord-demo');
  const rel = relative(io.cwd, out);
  const shown = rel === '' ? '.' : rel.startsWith('..') ? out : rel;
  const files = await step(`Writing the sample to ${shown}/`, () =>
    writeSample(out, sample, agreement, {
      generator: '@accord/core generateSample',
      seed,
      asOf: sample.asOf,
      badRows: sample.badRows,
    }),
  );
  say(
    `✓ sample: ${formatCount(sample.leads.length)} leads, ${formatCount(sample.activities.length)} activities, ${formatCount(sample.touchpoints.length)} touchpoints, ${formatCount(sample.opportunities.length)} opportunities (as of ${sample.asOf}) → ${shown}/`,
  );

  // 3. Every record checked at the boundary; nothing is dropped silently.
  const kinds = Object.keys(RecordSchemas) as RecordKind[];
  const { validation, leads } = await step('Checking every record', () => {
    const checkedLeads = validateRecords('leads', sample.leads);
    const others = kinds.slice(1).map((kind) => ({ kind, ...validateRecords(kind, sample[kind] as unknown[]) }));
    return { validation: [{ kind: 'leads' as RecordKind, ...checkedLeads }, ...others], leads: checkedLeads.records };
  });
  const records = <K extends RecordKind>(kind: K) => validation.find((v) => v.kind === kind)?.records as never;
  const recordIssues = validation.flatMap((v) => v.issues);
  if (recordIssues.length === 0) say('✓ records: all valid');
  else {
    say(
      `! records: ${recordIssues.length} issue(s); ${validation.reduce((n, v) => n + v.skipped.length, 0)} record(s) left out of the numbers below:`,
    );
    say(formatIssues(recordIssues, { maxIssues: 10 }).replace(/^/gm, '    '));
  }
  const asOf = Date.parse(sample.asOf);
  const funnel = await step('Deriving every lead’s lifecycle', () => summarizeFunnel(leads, agreement, asOf));

  // 4. Into the embedded DuckDB (the default engine): the council scorecard, the monthly trends and the
  // shared metrics, pushed down as SQL — the same numbers as in memory.
  const database = join(out, 'accord.duckdb');
  const statements: string[] = [];
  const adapter = await step(`Loading ${formatCount(leads.length)} leads into DuckDB`, () =>
    createDuckDbAdapter({
      path: database,
      data: {
        leads,
        opportunities: records('opportunities'),
        activities: records('activities'),
        touchpoints: records('touchpoints'),
        spend: records('spend'),
      },
    }),
  );
  const columns = councilColumns(agreement);
  const runScorecard = adapter.runScorecard as NonNullable<typeof adapter.runScorecard>;
  const base = {
    agreement,
    asOf,
    accounts: records('accounts'),
    onStatement: (statement: { purpose: string }) => statements.push(statement.purpose),
  };
  const { council, trends, scorecard } = await step('Computing the scorecards in DuckDB', async () => {
    try {
      const councilCard = await runScorecard({
        ...base,
        groupBy: ['source'],
        metrics: councilMetrics(columns),
        view: 'cohort',
      });
      const monthly = await runScorecard({
        ...base,
        grain: 'month',
        metrics: ['leads', 'count.mql', 'conversion.mql.sal', 'conversion.mql.sql'],
      });
      const metricsCard = await runScorecard({
        ...base,
        groupBy: ['source'],
        metrics: [
          'leads',
          'acceptance_rate',
          'time_to_first_touch.median',
          'sla_breach_rate.sales',
          'win_rate',
          'pipeline_created',
          'revenue_won',
          'cac',
        ],
      });
      return {
        council: toCouncilScorecard(councilCard, columns),
        trends: monthly.rows.map(
          (row): TrendPoint => ({
            period: row.period ?? '',
            leads: row.metrics['leads']?.value ?? 0,
            mqls: row.metrics['count.mql']?.value ?? 0,
            accepted: row.metrics['conversion.mql.sal']?.value ?? null,
            qualified: row.metrics['conversion.mql.sql']?.value ?? null,
            complete: row.to !== undefined && row.to <= asOf,
          }),
        ),
        scorecard: metricsCard,
      };
    } finally {
      await adapter.close?.();
    }
  });
  files.push('accord.duckdb');
  say('');
  say(`Council scorecard: stage conversions by source against targets (${formatCount(leads.length)} leads)`);
  say(renderCouncilScorecard(council));
  if (funnel.leadsWithIssues > 0)
    say(`  (${funnel.leadsWithIssues} lead(s) have stage-data problems; they count for every stage they reached)`);

  // 5. Both sides' SLA clocks, as of the sample's export instant, ranked by next breach.
  const sla = await step('Running every SLA clock', () =>
    buildSlaReport(leads, sample.activities, agreement, asOf, sample.stageEvents),
  );
  const leadsById = new Map(leads.map((l) => [l.id, l]));
  const running = sla.open.filter((s) => s.state !== 'breached');
  const overdue = sla.open.length - running.length;
  const nearest = running.slice(0, 10).map(
    (s): NearestClock => ({
      leadId: s.leadId,
      who: whoOf(leadsById.get(s.leadId), s.leadId),
      ownerId: leadsById.get(s.leadId)?.ownerId ?? null,
      slaId: s.slaId,
      slaLabel: s.label,
      side: s.side,
      dueAt: s.dueAt as number,
      remainingMinutes: s.remainingMinutes,
      clock: s.clock,
    }),
  );
  say('');
  say(
    `SLA clocks as of ${localTime(asOf, agreement.timezone)}: ${formatCount(sla.open.length)} open, ${formatCount(overdue)} already overdue. The ten nearest to breach:`,
  );
  say(
    nearest.length === 0
      ? '  (none running)'
      : renderTable(nearest, [
          { header: 'lead', value: (c) => c.leadId },
          { header: 'company / e-mail', value: (c) => c.who },
          { header: 'owner', value: (c) => c.ownerId ?? '—' },
          { header: 'SLA', value: (c) => c.slaId },
          { header: `due (${agreement.timezone})`, value: (c) => localTime(c.dueAt, agreement.timezone) },
          {
            header: 'due in / overdue by',
            align: 'right',
            value: (c) =>
              `${c.remainingMinutes < 0 ? 'overdue ' : ''}${formatMinutes(Math.abs(c.remainingMinutes))}${c.clock === 'business' ? ' b' : ''}`,
          },
        ]),
  );
  say('');
  say('Breach rate by side (breached ÷ decided; "b" = business time)');
  say(renderBreachRates(sla.summary));
  if (sla.acceptance.length > 0) {
    say('');
    say(renderAcceptance(sla.acceptance));
  }

  // 6. Attribution by model, from @accord/react's query options over the checked records — the same
  // view the report's chart draws.
  const { createReportQueries, renderReport, MODEL_LABELS } = await import('../report/index');
  const queries = createReportQueries(
    {
      leads,
      activities: records('activities'),
      touchpoints: records('touchpoints'),
      opportunities: records('opportunities'),
      spend: records('spend'),
    },
    agreement,
  );
  const attribution = await step('Comparing attribution models', () => queries.attribution(DEMO_ATTRIBUTION_MODELS));
  say('');
  say(
    `Attribution by model: share of ${formatCount(Math.round(attribution.totals.conversions))} won deals credited to each channel (lookback ${attribution.lookbackDays} days)`,
  );
  say(
    attribution.rows.length === 0
      ? '  (nothing converted)'
      : renderTable(attribution.rows, [
          { header: 'channel', value: (r) => r.channel },
          ...attribution.models.map((m) => ({
            header: `${MODEL_LABELS[m] ?? m}${m === attribution.agreedModel ? '*' : ''}`,
            align: 'right' as const,
            value: (r: (typeof attribution.rows)[number]) => formatRate(r.share[m] ?? 0),
          })),
        ]),
  );
  if (attribution.agreedModel && attribution.models.includes(attribution.agreedModel)) say('  * the agreement’s model');

  // 7. Routing audit and what sales says about each channel.
  const accounts = createAccountDirectory(sample.accounts);
  const audit = await step('Auditing routing', () => auditRouting(leads, agreement, { now: asOf, accounts }));
  say('');
  say(
    `Routing audit: ${formatCount(audit.misroutes.length)} of ${formatCount(audit.checked)} owned leads (${formatRate(audit.misrouteRate)}) have an owner today's rules would not pick`,
  );
  if (audit.misroutes.length > 0)
    say(
      renderTable(audit.misroutes.slice(0, 5), [
        { header: 'lead', value: (m) => m.leadId },
        { header: 'why', value: (m) => m.message },
      ]),
    );
  const mix = computeRejectMix(leads);
  const reasonLabel = new Map((agreement.dispositions ?? []).map((r) => [r.id, r.label]));
  say('');
  say('Reject reasons by source (what sales says about each channel)');
  say(
    renderTable(mix, [
      { header: 'source', value: (r) => r.group },
      { header: 'rejected', align: 'right', value: (r) => formatCount(r.rejected) },
      {
        header: 'top reasons',
        value: (r) =>
          Object.entries(r.shares)
            .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
            .slice(0, 3)
            .map(([id, share]) => `${reasonLabel.get(id) ?? id} ${formatRate(share)}`)
            .join(' · '),
      },
    ]),
  );

  // 8. Marketing's side of the SLA, and the shared metrics scorecard.
  const standard = await step('Checking the lead standard at handoff', () => summarizeLeadStandard(leads, agreement));
  const stageLabel = agreement.stages.find((s) => s.id === standard.stage)?.label ?? standard.stage;
  say('');
  say(
    `Lead standard at handoff (${stageLabel}): ${formatCount(standard.failing)} of ${formatCount(standard.checked)} leads fail (${formatRate(standard.rate)})`,
  );
  say(
    renderTable(standard.byCheck, [
      { header: 'check', value: (r) => r.label },
      { header: 'leads', align: 'right', value: (r) => formatCount(r.count) },
    ]),
  );
  say('');
  say(humanScorecard(scorecard, agreement.currency ?? 'USD', formatCount(leads.length)));
  say(
    `  computed in DuckDB (${shown}/accord.duckdb): ${statements.length} SQL statements; SLA clocks and spend by the core`,
  );

  // 9. The HTML report, beside the sample.
  const acceptanceSla = (agreement.slas ?? []).find((s) => s.kind === 'acceptance_rate');
  const report: DemoReport = {
    title: `Accord demo — ${summary.name ?? summary.id}`,
    agreement: { name: summary.name ?? summary.id, version: summary.version, timezone: agreement.timezone },
    asOf: sample.asOf,
    seed,
    counts: {
      leads: leads.length,
      activities: sample.activities.length,
      touchpoints: sample.touchpoints.length,
      opportunities: sample.opportunities.length,
    },
    council,
    trends,
    acceptanceFloor: acceptanceSla?.kind === 'acceptance_rate' ? acceptanceSla.min : null,
    sla: { open: sla.open.length, overdue, nearest },
    attributionModels: [...DEMO_ATTRIBUTION_MODELS],
    routing: audit,
    rejectMix: mix,
    reasonLabels: Object.fromEntries(reasonLabel),
  };
  const reportFile = join(out, 'report.html');
  await step('Writing the HTML report', async () => {
    await queries.funnel();
    writeFileSync(reportFile, renderReport(report, { queries, attribution }));
  });
  files.push('report.html');
  say('');
  say(`Report: ${reportFile}`);
  say(`Files in ${shown}/: ${files.join(', ')}`);
  say(
    `Try: accord scorecard ${shown}/leads.csv --opportunities ${shown}/opportunities.csv --group-by segment --grain quarter --now ${sample.asOf}`,
  );
  say(
    `     accord scorecard --engine duckdb --db ${shown}/accord.duckdb --group-by segment --grain quarter --now ${sample.asOf} --explain`,
  );
  say(
    `     accord sla ${shown}/leads.csv ${shown}/activities.csv --now ${sample.asOf}   ·   accord validate ${shown}/agreement.json`,
  );

  if (json) {
    io.stdout.write(
      `${JSON.stringify(
        {
          agreement: summary,
          sample: {
            seed,
            out,
            files,
            asOf: sample.asOf,
            counts: Object.fromEntries(kinds.map((k) => [k, (sample[k] as unknown[]).length])),
            badRows: sample.badRows,
          },
          records: {
            issues: recordIssues,
            skipped: Object.fromEntries(validation.map((v) => [v.kind, v.skipped.length])),
          },
          councilScorecard: council,
          funnel,
          trends,
          scorecard: {
            groupBy: scorecard.groupBy,
            asOf: scorecard.asOf,
            rows: scorecard.rows,
            totals: scorecard.totals,
          },
          sla: {
            asOf: sample.asOf,
            nearestToBreach: nearest,
            openClocks: sla.open.length,
            overdue,
            summary: sla.summary,
            acceptance: sla.acceptance,
          },
          attribution: {
            models: attribution.models,
            agreedModel: attribution.agreedModel,
            lookbackDays: attribution.lookbackDays,
            totals: attribution.totals,
            rows: attribution.rows,
          },
          routing: {
            checked: audit.checked,
            misrouteRate: audit.misrouteRate,
            unassigned: audit.unassigned,
            queueRouted: audit.queueRouted,
            misroutes: audit.misroutes,
          },
          rejectMix: mix,
          leadStandard: standard,
          report: reportFile,
        },
        null,
        2,
      )}\n`,
    );
  }
  return EXIT.ok;
}
