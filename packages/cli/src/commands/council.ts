import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { AccordError, buildCouncilReport, type CouncilReport } from '@accord/core';
import { type CliIo, EXIT, UsageError } from '../_lib/io';
import { instantFlag, parseFlags } from '../_lib/parseFlags';
import { loadAgreement } from '../_lib/readAgreement';
import { RECORD_FILE_FLAGS, readScorecardData } from '../_lib/readScorecardData';
import { reportIssues } from '../_lib/reportIssues';
import { councilFormat, count, headlineText, monthName, percent } from '../report/councilDocument';
import { renderCouncilHtml } from '../report/renderCouncilHtml';
import { renderCouncilMarkdown } from '../report/renderCouncilMarkdown';

export const COUNCIL_HELP = `Usage: accord council <leads.csv> --month 2026-10 [options]

The monthly funnel council's report: the metric furthest off target first, then the scorecard against
its targets with the change since the previous month, the biggest movers, SLA breaches by side and
team, reject reasons by source, misroutes, and the decisions of the agreement's decision log that are
due for review (with their owner and the metric they watch). The month is read in the agreement's time
zone. Writes council-<month>.md and council-<month>.html (one offline page, no scripts) and prints a
summary. Files use the canonical CSV columns (see "accord sample").

Options:
  --month YYYY-MM      the month to review (required)
  --opportunities F    canonical opportunities.csv (pipeline, revenue, win rate)
  --activities F       canonical activities.csv (first touches and SLA clocks)
  --touchpoints F      canonical touchpoints.csv
  --spend F            canonical spend.csv
  --accounts F         canonical accounts.csv (routing by account, for the misroutes)
  --agreement FILE     the agreement with targets and the decision log (default: the default agreement)
  --now ISO            the instant the data describes (default: the current time)
  --metrics IDS        comma-separated metric ids (default: the default scorecard)
  --group-by DIM       what reject reasons are broken down by (default source; campaign, segment, …)
  --out DIR            where to write the report (default ./accord-council; with --json, only when given)
  --strict             exit 2 on any bad or suspect row
  --json               print the report as one JSON document (the core's CouncilReport)
Exit codes: 0 ok, 2 bad input (a bad month, an unreadable file, an invalid agreement), 1 internal failure.`;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The terminal summary: the headline, one line per section, the files. */
function summary(report: CouncilReport, currency: string): string[] {
  const f = councilFormat(report, currency);
  const sc = report.scorecard;
  const top = report.movers[0];
  const sales = report.slas.bySide.sales;
  const marketing = report.slas.bySide.marketing;
  const all = report.rejects.rows[0];
  const reasons = new Map(report.rejects.reasons.map((r) => [r.id, r.label]));
  const topReason = all
    ? Object.entries(all.counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]
    : undefined;
  const overdue = report.decisions.due.filter((d) => d.timing === 'overdue').length;
  return [
    `Funnel council, ${monthName(report.month.label)} (vs ${monthName(report.previousMonth.label)}), data as of ${report.asOf}${report.month.complete ? '' : ' — the month is still running'}`,
    `  ${headlineText(report, f)}`,
    `  Scorecard: ${count(sc.met)} met, ${count(sc.missed)} missed${sc.noValue ? `, ${count(sc.noValue)} without a value` : ''}.`,
    top
      ? `  Biggest mover: ${top.label}, ${f.value(top.unit, top.previous)} → ${f.value(top.unit, top.value)} (${f.change(top.unit, top.change)}, ${top.effect === 'good' ? 'better' : 'worse'}).`
      : '  Biggest mover: none.',
    `  SLA breaches: sales ${count(sales.breached)} of ${count(sales.met + sales.breached)} (${percent(sales.breachRate)}), marketing ${count(marketing.breached)} of ${count(marketing.met + marketing.breached)} (${percent(marketing.breachRate)}).`,
    `  Dispositions: ${count(report.rejects.dispositions)}${topReason ? `; most often ${reasons.get(topReason[0]) ?? topReason[0]} (${percent(all?.shares[topReason[0]] ?? 0)})` : ''}.`,
    report.routing
      ? `  Misroutes: ${count(report.routing.misrouted)} of ${count(report.routing.checked)} audited leads (${percent(report.routing.misrouteRate)}).`
      : '  Misroutes: no routing rules to audit.',
    `  Decisions due for review: ${count(report.decisions.due.length)}${overdue ? ` (${count(overdue)} overdue)` : ''}${report.decisions.unscheduled.length ? `; ${count(report.decisions.unscheduled.length)} open without a review date` : ''}.`,
  ];
}

export async function councilCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(
    args,
    {
      month: { type: 'string' },
      ...RECORD_FILE_FLAGS,
      agreement: { type: 'string' },
      now: { type: 'string' },
      metrics: { type: 'string' },
      'group-by': { type: 'string' },
      out: { type: 'string' },
      strict: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    'council',
  );
  if (positionals.length !== 1)
    throw new UsageError('accord council takes one leads file: accord council leads.csv --month 2026-10');
  const month = values.month;
  if (month === undefined) throw new UsageError('--month is required: the month to review, such as 2026-10.');
  if (!MONTH.test(month))
    throw new UsageError(`--month must be a month written YYYY-MM, such as 2026-10; got "${month}".`);
  const now = instantFlag(values.now, 'now');
  const loaded = await loadAgreement(values.agreement, io.cwd);
  if (!loaded.ok) {
    reportIssues(io, loaded.source, loaded.issues);
    return EXIT.badInput;
  }
  const agreement = loaded.agreement;
  const read = await readScorecardData(positionals[0] as string, values, io, agreement, values.strict === true);
  if (!read) return EXIT.badInput;
  const { data, inputs } = read;
  const metrics = values.metrics
    ?.split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  let report: CouncilReport;
  try {
    report = buildCouncilReport(data, agreement, {
      month,
      asOf: now,
      mode: values.strict ? 'strict' : 'lenient',
      ...(metrics ? { metrics } : {}),
      ...(values['group-by'] !== undefined ? { groupBy: values['group-by'] } : {}),
    });
  } catch (error) {
    if (!(error instanceof AccordError)) throw error;
    reportIssues(io, 'council', error.issues);
    return EXIT.badInput;
  }
  const currency = agreement.currency ?? 'USD';
  const written: string[] = [];
  if (!values.json || values.out !== undefined) {
    const dir = resolve(io.cwd, values.out ?? 'accord-council');
    await mkdir(dir, { recursive: true });
    const md = join(dir, `council-${month}.md`);
    const html = join(dir, `council-${month}.html`);
    await writeFile(md, renderCouncilMarkdown(report, { currency }), 'utf8');
    await writeFile(html, renderCouncilHtml(report, { currency }), 'utf8');
    written.push(relative(io.cwd, md) || md, relative(io.cwd, html) || html);
  }
  if (values.json) {
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return EXIT.ok;
  }
  const skipped = [...inputs.values()].reduce((n, i) => n + i.skipped.length, 0);
  io.stdout.write(
    [
      ...summary(report, currency),
      ...(skipped > 0 ? [`  ${count(skipped)} row(s) skipped (see stderr).`] : []),
      'Wrote:',
      ...written.map((file) => `  ${file}`),
      '',
    ].join('\n'),
  );
  return EXIT.ok;
}
