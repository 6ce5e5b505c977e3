import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import {
  AccordError,
  type AccordIssue,
  type Agreement,
  type IcpReview,
  type Lead,
  type Opportunity,
  type RecordKind,
  reviewIcp,
  toInstantMs,
} from '@accord/core';
import { type CliIo, EXIT, UsageError } from '../_lib/io';
import { intFlag, parseFlags } from '../_lib/parseFlags';
import { loadAgreement } from '../_lib/readAgreement';
import { type ReadFileResult, readCanonicalFile, reportInputs } from '../_lib/readCanonicalFile';
import { reportIssues } from '../_lib/reportIssues';
import { renderTable } from '../_lib/table';
import type { IcpReviewIssue, IcpReviewReport } from '../report/icpReview.types';
import {
  count,
  issueCodes,
  issueWhere,
  lift,
  percent,
  READING_TEXT,
  rateWithInterval,
  reading,
} from '../report/icpReviewFormat';
import { renderIcpReviewMarkdown } from '../report/renderIcpReviewMarkdown';

export const ICP_REVIEW_HELP = `Usage: accord icp-review <leads.csv> --quarter 2026Q3 [options]

The quarterly ICP review: conversion and win rate by ICP tier and by each ICP criterion (lift against
the baseline, counts and 95% confidence intervals; small groups are marked too small to read), reject
reasons and loss reasons by source and campaign, the top objection themes, and proposed ICP changes
ranked by evidence — to pilot before adopting. The cohort is the leads created in the quarter (in the
agreement's time zone); reasons and themes are those recorded in the quarter. Writes
icp-review-<quarter>.md and icp-review-<quarter>.html and prints a summary. Files use the canonical
CSV columns (see "accord sample"). The agreement must have an "icp" section, and a "winLoss" catalog
for loss reasons and themes.

Options:
  --quarter Q        the quarter to review, written like 2026Q3 (required)
  --opportunities F  canonical opportunities.csv: win rates, loss reasons and objection themes
  --agreement FILE   the agreement with the ICP (default: the default agreement, which has none)
  --out DIR          where to write the report (default ./accord-icp-review; with --json, only
                     when given)
  --now ISO          the instant fit scores are computed at (default: the quarter's end)
  --min-group N      groups smaller than N are shown but never read as evidence (default 20)
  --strict           exit 2 on any bad row or win/loss issue (an unknown loss reason, a reason on a
                     won deal…) instead of reporting it
  --json             print one JSON document: the review, the input's issues and the files written

Exit codes: 0 ok, 2 bad input (a bad quarter, an agreement without "icp", an unreadable file, or any
issue with --strict), 1 internal failure.`;

const QUARTER = /^\d{4}Q[1-4]$/;

export async function icpReviewCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(
    args,
    {
      quarter: { type: 'string' },
      opportunities: { type: 'string' },
      agreement: { type: 'string' },
      out: { type: 'string' },
      now: { type: 'string' },
      'min-group': { type: 'string' },
      strict: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    'icp-review',
  );
  if (positionals.length !== 1)
    throw new UsageError('accord icp-review takes one leads file: accord icp-review leads.csv --quarter 2026Q3');
  const quarter = values.quarter;
  if (quarter === undefined) throw new UsageError('--quarter is required: the quarter to review, such as 2026Q3.');
  if (!QUARTER.test(quarter))
    throw new UsageError(`--quarter must be a calendar quarter written like 2026Q3 (Q1 to Q4); got "${quarter}".`);
  const minGroupSize = intFlag(values['min-group'], 'min-group', 20, 1, 1_000_000);
  let now: number | undefined;
  if (values.now !== undefined) {
    now = toInstantMs(values.now);
    if (Number.isNaN(now))
      throw new UsageError(
        `--now must be an ISO-8601 instant with an offset, such as 2026-10-01T04:00:00Z; got "${values.now}".`,
      );
  }

  const loaded = await loadAgreement(values.agreement, io.cwd);
  if (!loaded.ok) {
    reportIssues(io, loaded.source, loaded.issues);
    return EXIT.badInput;
  }
  const agreement = loaded.agreement;
  if (!agreement.icp) {
    io.stderr.write(
      `✗ ${loaded.source}: the agreement has no "icp" section, so there is no ICP to review.\n` +
        '  Add one (fit criteria with weights and tiers; start from sampleIcp in @accord/core) and pass it with --agreement.\n',
    );
    return EXIT.badInput;
  }

  // Read every file before stopping, so one run reports every problem.
  const leadsInput = await readCanonicalFile('leads', positionals[0] as string, io.cwd, agreement);
  const dealsInput =
    values.opportunities === undefined
      ? undefined
      : await readCanonicalFile('opportunities', values.opportunities, io.cwd, agreement);
  const inputs: ReadFileResult<RecordKind>[] = [leadsInput, ...(dealsInput ? [dealsInput] : [])];
  if (reportInputs(io, inputs, values.strict === true)) return EXIT.badInput;
  const leads = leadsInput.records as Lead[];
  const opportunities = dealsInput?.records as Opportunity[] | undefined;

  let review: IcpReview;
  try {
    review = reviewIcp({ leads, ...(opportunities ? { opportunities } : {}) }, agreement, {
      quarter,
      minGroupSize,
      ...(now !== undefined ? { now } : {}),
    });
  } catch (error) {
    if (!(error instanceof AccordError)) throw error;
    reportIssues(io, 'icp-review options', error.issues);
    return EXIT.badInput;
  }

  // The review's issues name deals by their place among the records read; name them by their row in
  // the file (rows left out by the reader are skipped over) and by their id.
  const issues = review.issues.map((issue) => locate(issue, { leads: leadsInput, opportunities: dealsInput }));
  if (issues.length > 0) {
    const file = dealsInput?.file ?? leadsInput.file;
    io.stderr.write(
      `${values.strict ? '✗' : '!'} ${file}: ${issues.length} win/loss issue(s) (${issueCodes(issues)})${values.strict ? '' : '; the deals still count as recorded'}\n`,
    );
    for (const issue of issues.slice(0, 20)) io.stderr.write(`  ${issueWhere(issue)}: ${issue.message}\n`);
    if (issues.length > 20) io.stderr.write(`  … and ${issues.length - 20} more (all of them with --json)\n`);
    if (!agreement.winLoss)
      io.stderr.write(
        '  The agreement has no "winLoss" section: add the loss reasons and themes (see sampleWinLoss).\n',
      );
    if (values.strict) return EXIT.badInput;
  }

  const report: IcpReviewReport = {
    review,
    agreement: {
      ...(agreement.name !== undefined ? { name: agreement.name } : {}),
      version: agreement.version,
      timezone: agreement.timezone,
    },
    minGroupSize,
    scoredAt: new Date(now ?? toInstantMs(review.to)).toISOString(),
    counts: { leads: leads.length, ...(opportunities ? { opportunities: opportunities.length } : {}) },
    issues,
  };

  // With --json, stdout carries the document alone: the files are written only when --out asks.
  const written: string[] = [];
  if (!values.json || values.out !== undefined) {
    const dir = resolve(io.cwd, values.out ?? 'accord-icp-review');
    await mkdir(dir, { recursive: true });
    const base = join(dir, `icp-review-${quarter}`);
    const { renderIcpReviewHtml } = await import('../report/renderIcpReviewHtml');
    await writeFile(`${base}.md`, renderIcpReviewMarkdown(report));
    await writeFile(`${base}.html`, renderIcpReviewHtml(report));
    written.push(`${base}.md`, `${base}.html`);
  }

  if (values.json) {
    const { issues: _reviewIssues, ...figures } = review;
    const doc = {
      ...figures,
      minGroupSize,
      scoredAt: report.scoredAt,
      agreement: report.agreement,
      issues,
      input: Object.fromEntries(
        inputs.map((i) => [i.file, { records: i.records.length, skipped: i.skipped, issues: i.issues }]),
      ),
      files: written,
    };
    io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return EXIT.ok;
  }

  io.stdout.write(
    `${summary(
      report,
      agreement,
      written.map((f) => relative(io.cwd, f) || f),
    )}\n`,
  );
  return EXIT.ok;
}

/** `opportunities[3]` → the deal's row in its file, plus its id. */
function locate(
  issue: AccordIssue,
  inputs: { leads: ReadFileResult<RecordKind>; opportunities: ReadFileResult<RecordKind> | undefined },
): IcpReviewIssue {
  const [kind, at] = issue.path;
  const input = kind === 'leads' ? inputs.leads : kind === 'opportunities' ? inputs.opportunities : undefined;
  if (!input || typeof at !== 'number') return issue;
  const record = input.records[at] as { id?: string } | undefined;
  const row = fileRow(at, input.skipped);
  return {
    ...issue,
    path: [kind as string, row, ...issue.path.slice(2)],
    ...(record?.id !== undefined ? { recordId: record.id } : {}),
  };
}

/** The file row of the `index`-th record kept, when the rows in `skipped` (sorted) were left out. */
function fileRow(index: number, skipped: readonly number[]): number {
  let row = index;
  for (const s of skipped) {
    if (s <= row) row++;
    else break;
  }
  return row;
}

/** The terminal summary: the tier table with rates and intervals, then the strongest proposals. */
function summary(report: IcpReviewReport, agreement: Agreement, files: readonly string[]): string {
  const { review, minGroupSize } = report;
  const rows = [
    {
      label: 'All leads',
      leads: review.baseline.leads,
      conversion: rateWithInterval(review.baseline.conversion),
      convLift: '',
      convReading: 'baseline',
      closed: review.baseline.winRate.denominator,
      win: rateWithInterval(review.baseline.winRate),
      winReading: 'baseline',
    },
    ...review.byTier.map((t) => ({
      label: t.label,
      leads: t.leads,
      conversion: rateWithInterval(t.conversion.rate),
      convLift: lift(t.conversion.lift),
      convReading: READING_TEXT[reading(t.conversion, minGroupSize)],
      closed: t.winRate.rate.denominator,
      win: rateWithInterval(t.winRate.rate),
      winReading: READING_TEXT[reading(t.winRate, minGroupSize)],
    })),
  ];
  const lines = [
    `ICP review ${review.quarter} — ${count(review.baseline.leads)} leads created ${review.from} to ${review.to} (${agreement.timezone}); conversion = reached "${review.conversionStage}"`,
    '',
    renderTable(rows, [
      { header: 'tier', value: (r) => r.label },
      { header: 'leads', align: 'right', value: (r) => count(r.leads) },
      { header: 'conversion (95% CI)', align: 'right', value: (r) => r.conversion },
      { header: 'lift', align: 'right', value: (r) => r.convLift },
      { header: 'reading', value: (r) => r.convReading },
      { header: 'closed', align: 'right', value: (r) => count(r.closed) },
      { header: 'win rate (95% CI)', align: 'right', value: (r) => r.win },
      { header: 'reading', value: (r) => r.winReading },
    ]),
    '',
  ];
  const top = review.proposals.slice(0, 3);
  if (top.length === 0)
    lines.push(`No ICP change proposed: nothing moved conversion measurably (groups of ${count(minGroupSize)}+).`);
  else {
    lines.push(
      `Proposed ICP changes (${count(review.proposals.length)}, strongest evidence first; pilot before adopting):`,
    );
    top.forEach((p, i) => {
      lines.push(`  ${i + 1}. ${p.summary}`, `     ${p.evidence}`);
    });
    if (review.proposals.length > top.length)
      lines.push(`  … ${count(review.proposals.length - top.length)} more in the report`);
  }
  const lost = review.lossReasons[0]?.rows.reduce((sum, r) => sum + r.total, 0) ?? 0;
  const rejected = review.rejectReasons[0]?.rows.reduce((sum, r) => sum + r.total, 0) ?? 0;
  lines.push(
    '',
    `Reasons in the quarter: ${count(rejected)} leads rejected, ${count(lost)} deals lost${
      review.topThemes[0]
        ? `; top objection: ${review.topThemes[0].label} (${percent(review.topThemes[0].share)} of closed deals)`
        : ''
    }.`,
  );
  if (report.issues.length > 0) lines.push(`${count(report.issues.length)} data issue(s), listed in the report.`);
  if (files.length > 0) lines.push(`Wrote ${files.join(' and ')}`);
  return lines.join('\n');
}
