import type { IcpSlice, ReasonsBy } from '@accord/core';
import type { IcpReviewReport } from './icpReview.types';
import {
  count,
  countedText,
  DIMENSION_TEXT,
  groupName,
  issueCodes,
  issueWhere,
  lift,
  MAX_ISSUES,
  MAX_REASON_ROWS,
  MAX_REASONS_PER_ROW,
  PILOT_NOTE,
  percent,
  READING_TEXT,
  rateWithInterval,
  reading,
} from './icpReviewFormat';
import { escapeMarkdown } from './staticDocument';

/** A GitHub table: every cell is escaped; `align` marks right-aligned (numeric) columns. */
function table(headers: readonly string[], rows: readonly (readonly string[])[], right: ReadonlySet<number>): string {
  const line = (cells: readonly string[]) => `| ${cells.map(escapeMarkdown).join(' | ')} |`;
  const rule = `|${headers.map((_, i) => (right.has(i) ? ' ---: ' : ' --- ')).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

const sliceCells = (slice: IcpSlice, minGroupSize: number): string[] => [
  count(slice.leads),
  rateWithInterval(slice.conversion.rate),
  lift(slice.conversion.lift),
  READING_TEXT[reading(slice.conversion, minGroupSize)],
  count(slice.winRate.rate.denominator),
  rateWithInterval(slice.winRate.rate),
  lift(slice.winRate.lift),
  READING_TEXT[reading(slice.winRate, minGroupSize)],
];

const SLICE_HEADERS = [
  'Leads',
  'Conversion (95% CI)',
  'Lift',
  'Reading',
  'Closed',
  'Win rate (95% CI)',
  'Lift',
  'Reading',
];
/** Columns 1–8 of a slice row after its name (and, for criteria, two more). */
const rightOf = (offset: number) => new Set([offset, offset + 1, offset + 2, offset + 4, offset + 5, offset + 6]);

function reasonsSection(groups: readonly ReasonsBy[], what: string, nothing: string): string[] {
  const out: string[] = [];
  for (const group of groups) {
    const dimension = DIMENSION_TEXT[group.dimension];
    out.push(`### By ${dimension.toLowerCase()}`, '');
    if (group.rows.length === 0) {
      out.push(nothing, '');
      continue;
    }
    const shown = group.rows.slice(0, MAX_REASON_ROWS);
    out.push(
      table(
        [dimension, what, 'Top reasons'],
        shown.map((row) => [
          groupName(row.key, group.dimension),
          count(row.total),
          row.reasons.slice(0, MAX_REASONS_PER_ROW).map(countedText).join('; '),
        ]),
        new Set([1]),
      ),
      '',
    );
    if (group.rows.length > shown.length)
      out.push(`… and ${count(group.rows.length - shown.length)} more (all of them with --json).`, '');
  }
  return out;
}

/**
 * @name renderIcpReviewMarkdown
 * @category Report
 * @summary The quarterly ICP review as GitHub-flavoured Markdown.
 *
 * @description
 * Sections: conversion and win rate by ICP tier and by ICP criterion (each with its 95% interval, lift
 * against the baseline and a reading — above / below the baseline, no clear difference, or too small
 * to read), reject and loss reasons by source and by campaign, the top objection themes, the proposed
 * ICP changes ranked by evidence (to pilot before adopting), and the data issues. Every value taken
 * from the data or the agreement is escaped ({@link escapeMarkdown}), so a campaign called
 * `<img src=x onerror=alert(1)>` shows as text.
 *
 * @param report - {@link IcpReviewReport}.
 * @returns The Markdown document.
 *
 * @example
 * writeFileSync('icp-review-2026Q3.md', renderIcpReviewMarkdown(report))
 */
export function renderIcpReviewMarkdown(report: IcpReviewReport): string {
  const { review, minGroupSize } = report;
  const name = report.agreement.name ?? '(unnamed)';
  const baseline: IcpSlice = {
    key: 'baseline',
    label: 'All leads (baseline)',
    leads: review.baseline.leads,
    conversion: { rate: review.baseline.conversion, lift: review.baseline.leads > 0 ? 1 : null, significant: false },
    winRate: {
      rate: review.baseline.winRate,
      lift: review.baseline.winRate.denominator > 0 ? 1 : null,
      significant: false,
    },
  };
  const baselineCells = (slice: IcpSlice) =>
    sliceCells(slice, minGroupSize).map((cell, i) => (i === 3 || i === 7 ? 'baseline' : cell));
  const out: string[] = [
    `# ICP review ${escapeMarkdown(review.quarter)}`,
    '',
    `Agreement: ${escapeMarkdown(name)} v${escapeMarkdown(report.agreement.version)} · leads created ${escapeMarkdown(review.from)} to ${escapeMarkdown(review.to)} (${escapeMarkdown(report.agreement.timezone)}) · fit scored at ${escapeMarkdown(report.scoredAt)}`,
    '',
    `**${count(review.baseline.leads)}** leads in the cohort; **${percent(review.baseline.conversion.value)}** reached the stage "${escapeMarkdown(review.conversionStage)}" (conversion); **${percent(review.baseline.winRate.value)}** of the ${count(review.baseline.winRate.denominator)} leads with a closed deal won it. Groups under ${count(minGroupSize)} are shown but marked *too small to read*; a rate reads above or below the baseline only when its whole 95% interval does.`,
    '',
    '## Conversion and win rate by ICP tier',
    '',
    table(
      ['Tier', ...SLICE_HEADERS],
      [
        [baseline.label, ...baselineCells(baseline)],
        ...review.byTier.map((t) => [t.label, ...sliceCells(t, minGroupSize)]),
      ],
      rightOf(1),
    ),
    '',
    '## Conversion and win rate by ICP criterion',
    '',
    'Each criterion splits the cohort into the leads that match it and those that do not; lift is against the baseline.',
    '',
  ];
  if (review.byCriterion.length === 0) out.push('The ICP has no criteria.', '');
  else
    out.push(
      table(
        ['Criterion', 'Weight', 'Leads that…', ...SLICE_HEADERS],
        review.byCriterion.flatMap((c) => [
          [c.label, count(c.weight), 'match', ...sliceCells(c.matched, minGroupSize)],
          [c.label, count(c.weight), 'do not match', ...sliceCells(c.unmatched, minGroupSize)],
        ]),
        new Set([1, ...rightOf(3)]),
      ),
      '',
    );

  out.push(
    '## Reject reasons by source and campaign',
    '',
    'Leads sales rejected or recycled in the quarter, with the reason picked.',
    '',
    ...reasonsSection(review.rejectReasons, 'Rejected', 'No lead was rejected in the quarter.'),
    '## Loss reasons by source and campaign',
    '',
    report.counts.opportunities === undefined
      ? 'No deals were given (--opportunities): nothing to show.'
      : 'Deals closed lost in the quarter; lost deals without a reason count as "unspecified".',
    '',
    ...reasonsSection(review.lossReasons, 'Lost', 'No deal was closed lost in the quarter.'),
    '## Top objection themes',
    '',
  );
  if (review.topThemes.length === 0)
    out.push('No objection theme was recorded on the deals closed in the quarter.', '');
  else
    out.push(
      'Share of the deals closed in the quarter (won or lost) on which each theme was heard.',
      '',
      table(
        ['Theme', 'Deals', 'Share'],
        review.topThemes.map((t) => [t.label, count(t.count), percent(t.share)]),
        new Set([1, 2]),
      ),
      '',
    );

  out.push('## Proposed ICP changes', '', escapeMarkdown(PILOT_NOTE), '');
  if (review.proposals.length === 0)
    out.push(
      `No change is proposed: no criterion or attribute moved conversion beyond what chance explains in groups of ${count(minGroupSize)} or more.`,
      '',
    );
  else
    review.proposals.forEach((p, i) => {
      out.push(
        `${i + 1}. **${escapeMarkdown(p.summary)}**  `,
        `   Evidence: ${escapeMarkdown(p.evidence)} (strength ${p.strength.toFixed(2)})`,
      );
    });
  if (review.proposals.length > 0) out.push('');

  out.push('## Data issues', '');
  if (report.issues.length === 0) out.push('None found.', '');
  else {
    out.push(
      `${count(report.issues.length)} issue(s): ${escapeMarkdown(issueCodes(report.issues))}. The records still count as recorded.`,
      '',
    );
    for (const issue of report.issues.slice(0, MAX_ISSUES))
      out.push(`- ${escapeMarkdown(issueWhere(issue))}: ${escapeMarkdown(issue.message)}`);
    if (report.issues.length > MAX_ISSUES)
      out.push(`- … and ${count(report.issues.length - MAX_ISSUES)} more (all of them with --json).`);
    out.push('');
  }
  out.push('---', '', '*Written by `accord icp-review`.*', '');
  return out.join('\n');
}
