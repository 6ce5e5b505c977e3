import { join, relative, resolve } from 'node:path';
import { createDuckDbAdapter } from '@accord/adapters/duckdb';
import {
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
import { loadAgreement } from '../_lib/readAgreement';
import { reportIssues } from '../_lib/reportIssues';
import { humanScorecard } from '../_lib/scorecardReport';
import { buildSlaReport, localTime, renderAcceptance, renderBreachRates, renderQueue } from '../_lib/slaReport';
import { formatCount, formatRate, renderTable } from '../_lib/table';
import { writeSample } from '../_lib/writeSample';
import { summarizeFunnel } from '../demo/summarizeFunnel';
import { summarizeLeadStandard } from '../demo/summarizeLeadStandard';

export const DEMO_HELP = `Usage: accord demo [--leads 10000] [--seed 1] [--out accord-demo] [--agreement FILE] [--json]

The main job on generated data, with no configuration: validates the agreement (the default one unless
--agreement is given), generates a seeded sample and writes it as canonical CSV, checks every record,
then shows the funnel by stage against the agreement's targets, the leads that fail marketing's
lead standard at handoff, the ten SLA clocks nearest to breach, breach rates by side, marketing's
acceptance floor, the routing audit, the reject reasons by source and the shared scorecard by source,
computed in an embedded DuckDB database written beside the sample (accord.duckdb).

Options:
  --leads N         leads to generate (default 10000)
  --seed N          seed (default 1)
  --bad-rows N      break N leads on purpose, to see how bad input is reported (default 0)
  --out DIR         where to write the sample (default ./accord-demo)
  --agreement FILE  use this agreement
  --json            print one JSON document instead of tables`;

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
  // A progress line on a terminal while a step runs; its time when it took a second or more.
  const interactive = !json && (io.stderr as { isTTY?: boolean }).isTTY === true;
  const step = async <T>(label: string, work: () => T | Promise<T>): Promise<T> => {
    const started = performance.now();
    if (interactive) io.stderr.write(`… ${label}\r`);
    const result = await work();
    const seconds = (performance.now() - started) / 1000;
    if (interactive) io.stderr.write('\x1b[2K');
    if (!json && seconds >= 1) io.stderr.write(`  ${label}: ${seconds.toFixed(1)} s\n`);
    return result;
  };

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
  const sample = await step(`generating ${formatCount(leadsWanted)} leads (seed ${seed})`, () =>
    generateSample({ leads: leadsWanted, seed, agreement, badRows }),
  );
  const out = resolve(io.cwd, values.out ?? 'accord-demo');
  const files = await step(`writing the sample to ${out}`, () =>
    writeSample(out, sample, agreement, {
      generator: '@accord/core generateSample',
      seed,
      asOf: sample.asOf,
      badRows: sample.badRows,
    }),
  );
  const rel = relative(io.cwd, out);
  const shown = rel === '' ? '.' : rel.startsWith('..') ? out : rel;
  say(
    `✓ sample: ${formatCount(sample.leads.length)} leads, ${formatCount(sample.activities.length)} activities, ${formatCount(sample.touchpoints.length)} touchpoints, ${formatCount(sample.opportunities.length)} opportunities (as of ${sample.asOf}) → ${shown}/`,
  );

  // 3. Every record checked at the boundary; nothing is dropped silently.
  const kinds = Object.keys(RecordSchemas) as RecordKind[];
  const { validation, leads } = await step('checking every record', () => {
    const checkedLeads = validateRecords('leads', sample.leads);
    const others = kinds.slice(1).map((kind) => ({ kind, ...validateRecords(kind, sample[kind] as unknown[]) }));
    return { validation: [{ kind: 'leads' as RecordKind, ...checkedLeads }, ...others], leads: checkedLeads.records };
  });
  const recordIssues = validation.flatMap((v) => v.issues);
  if (recordIssues.length === 0) say('✓ records: all valid');
  else {
    say(
      `! records: ${recordIssues.length} issue(s); ${validation.reduce((n, v) => n + v.skipped.length, 0)} record(s) left out of the numbers below:`,
    );
    say(formatIssues(recordIssues, { maxIssues: 10 }).replace(/^/gm, '    '));
  }

  // 4. Funnel by stage.
  const funnel = await step('deriving every lead’s lifecycle', () =>
    summarizeFunnel(leads, agreement, Date.parse(sample.asOf)),
  );
  say('');
  say(`Funnel by stage (${formatCount(funnel.leads)} leads)`);
  say(
    renderTable(funnel.rows, [
      { header: 'stage', value: (r) => r.label },
      { header: 'owner', value: (r) => r.owner },
      { header: 'reached', align: 'right', value: (r) => formatCount(r.reached) },
      { header: 'of leads', align: 'right', value: (r) => formatRate(r.shareOfLeads) },
      {
        header: 'conversion',
        align: 'right',
        value: (r) => (r.conversion ? `${formatRate(r.conversion.value)} of ${r.conversion.from}` : ''),
      },
      {
        header: 'target',
        value: (r) =>
          r.target
            ? `${r.target.min !== undefined ? `≥ ${formatRate(r.target.min)}` : `≤ ${formatRate(r.target.max ?? 0)}`} ${r.status === 'met' ? '✓' : '✗ missed'}`
            : '',
      },
      { header: 'in stage now', align: 'right', value: (r) => formatCount(r.current) },
    ]),
  );
  if (funnel.leadsWithIssues > 0)
    say(`  (${funnel.leadsWithIssues} lead(s) have stage-data problems; they count for every stage they reached)`);

  // 5. Marketing's side of the SLA.
  const standard = await step('checking the lead standard at handoff', () => summarizeLeadStandard(leads, agreement));
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
  say(
    renderTable(standard.bySource, [
      { header: 'source', value: (r) => r.source },
      { header: 'handed over', align: 'right', value: (r) => formatCount(r.checked) },
      { header: 'failing', align: 'right', value: (r) => formatCount(r.failing) },
      { header: 'rate', align: 'right', value: (r) => formatRate(r.rate) },
    ]),
  );
  if (standard.examples.length > 0) {
    say('');
    say(`First ${standard.examples.length} failing leads`);
    say(
      renderTable(standard.examples, [
        { header: 'lead', value: (r) => r.id },
        { header: 'source', value: (r) => r.source ?? '—' },
        { header: 'problems', value: (r) => r.problems.join(', ') },
      ]),
    );
  }
  // 6. Both sides' SLA clocks, as of the sample's export instant.
  const asOf = Date.parse(sample.asOf);
  const sla = await step('running every SLA clock', () =>
    buildSlaReport(leads, sample.activities, agreement, asOf, sample.stageEvents),
  );
  const leadsById = new Map(leads.map((l) => [l.id, l]));
  const nearest = sla.open.filter((s) => s.state !== 'breached').slice(0, 10);
  const overdue = sla.open.length - sla.open.filter((s) => s.state !== 'breached').length;
  say('');
  say(
    `SLA clocks as of ${localTime(asOf, agreement.timezone)}: ${formatCount(sla.open.length)} open, ${formatCount(overdue)} already breached. The ten nearest to breach:`,
  );
  say(nearest.length === 0 ? '  (none running)' : renderQueue(nearest, leadsById, agreement.timezone));
  say('');
  say('Breach rate by side (breached ÷ decided; "b" = business time)');
  say(renderBreachRates(sla.summary));
  if (sla.acceptance.length > 0) {
    say('');
    say(renderAcceptance(sla.acceptance));
  }
  // 7. Routing audit and what sales says about each channel.
  const accounts = createAccountDirectory(sample.accounts);
  const audit = await step('auditing routing', () => auditRouting(leads, agreement, { now: asOf, accounts }));
  say('');
  say(
    `Routing audit: ${formatCount(audit.misroutes.length)} of ${formatCount(audit.checked)} owned leads (${formatRate(audit.misrouteRate)}) have an owner today's rules would not pick`,
  );
  say(
    renderTable(audit.misroutes.slice(0, 5), [
      { header: 'lead', value: (m) => m.leadId },
      { header: 'owner', value: (m) => m.ownerId },
      { header: 'rule', value: (m) => m.expected.ruleId ?? '(none)' },
      {
        header: 'should be',
        value: (m) => (m.expected.kind === 'user' ? (m.expected.ids[0] ?? '') : `pool ${m.expected.poolId}`),
      },
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
  // 8. The shared scorecard: one definition per number, by source, against targets — computed in the
  // embedded DuckDB (the default engine), the same numbers as in memory.
  const records = <K extends RecordKind>(kind: K) => validation.find((v) => v.kind === kind)?.records as never;
  const database = join(out, 'accord.duckdb');
  const statements: string[] = [];
  const scorecard = await step('computing the scorecard in DuckDB', async () => {
    const adapter = await createDuckDbAdapter({
      path: database,
      data: {
        leads,
        opportunities: records('opportunities'),
        activities: records('activities'),
        touchpoints: records('touchpoints'),
        spend: records('spend'),
      },
    });
    try {
      return await (adapter.runScorecard as NonNullable<typeof adapter.runScorecard>)({
        agreement,
        asOf,
        groupBy: ['source'],
        accounts: records('accounts'),
        onStatement: (statement) => statements.push(statement.purpose),
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
    } finally {
      await adapter.close?.();
    }
  });
  files.push('accord.duckdb');
  say('');
  say(humanScorecard(scorecard, agreement.currency ?? 'USD', formatCount(leads.length)));
  say(
    `  computed in DuckDB (${shown}/accord.duckdb): ${statements.length} SQL statements; SLA clocks and spend by the core`,
  );
  say('');
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
          funnel,
          scorecard: {
            groupBy: scorecard.groupBy,
            asOf: scorecard.asOf,
            rows: scorecard.rows,
            totals: scorecard.totals,
          },
          leadStandard: standard,
          sla: {
            asOf: sample.asOf,
            nearestToBreach: nearest,
            openClocks: sla.open.length,
            overdue,
            summary: sla.summary,
            acceptance: sla.acceptance,
          },
        },
        null,
        2,
      )}\n`,
    );
  }
  return EXIT.ok;
}
