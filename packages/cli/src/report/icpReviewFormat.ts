import { type CountedId, formatPath, type LiftCell, type Proportion, type ReasonsBy } from '@accord/core';
import type { IcpReviewIssue } from './icpReview.types';

// The figures of the ICP review, written once for every output (terminal, Markdown, HTML), so that
// the three always show the same numbers.

const ONE_DECIMAL = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const TWO_DECIMALS = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const INTEGER = new Intl.NumberFormat('en-US');

/** `12.3%`; `—` when there is nothing to divide by. */
export const percent = (x: number | null): string => (x === null ? '—' : `${ONE_DECIMAL.format(x * 100)}%`);

/** `12,345` */
export const count = (n: number): string => INTEGER.format(n);

/** The 95% interval, `10.1–14.8%`; `—` when the group is empty. */
export const interval = (p: Proportion): string =>
  p.low === null || p.high === null ? '—' : `${ONE_DECIMAL.format(p.low * 100)}–${ONE_DECIMAL.format(p.high * 100)}%`;

/** `14.0% (11.0–17.6%)`, or `—` for an empty group. */
export const rateWithInterval = (p: Proportion): string =>
  p.value === null ? '—' : `${percent(p.value)} (${interval(p)})`;

/** `2.43×`, `—` without a baseline. */
export const lift = (x: number | null): string => (x === null ? '—' : `${TWO_DECIMALS.format(x)}×`);

/** How to read a group's rate against the baseline. */
export type Reading = 'empty' | 'small' | 'above' | 'below' | 'flat';

/**
 * The reading of a cell: `empty` (no one to count), `small` (fewer than `minGroupSize` — shown, not
 * read), `above` / `below` (its 95% interval lies wholly on one side of the baseline), else `flat`
 * (no difference the data can tell from chance).
 */
export function reading(cell: LiftCell, minGroupSize: number): Reading {
  const n = cell.rate.denominator;
  if (n === 0) return 'empty';
  if (n < minGroupSize) return 'small';
  if (cell.significant) return (cell.lift ?? 1) >= 1 ? 'above' : 'below';
  return 'flat';
}

export const READING_TEXT: Readonly<Record<Reading, string>> = {
  empty: 'no data',
  small: 'too small to read',
  above: '▲ above baseline',
  below: '▼ below baseline',
  flat: 'no clear difference',
};

/** The name of a group's key: the key itself, or `(no source)` / `(no campaign)`. */
export const groupName = (key: string | null, dimension: ReasonsBy['dimension']): string =>
  key ?? (dimension === 'source' ? '(no source)' : '(no campaign)');

export const DIMENSION_TEXT: Readonly<Record<ReasonsBy['dimension'], string>> = {
  source: 'Source',
  campaignId: 'Campaign',
};

/** A counted reason or theme: `No decision 12 (30.0%)`. */
export const countedText = (c: CountedId): string => `${c.label} ${count(c.count)} (${percent(c.share)})`;

/** Rows of a reason table shown in the report; the rest are counted (all of them are in `--json`). */
export const MAX_REASON_ROWS = 30;
/** Reasons listed per row. */
export const MAX_REASONS_PER_ROW = 4;
/** Issues listed in the report (all of them are in `--json`). */
export const MAX_ISSUES = 50;

/** `opportunities[12] (O0000034) loss.reasonId`: where an issue is, with the record's id. */
export function issueWhere(issue: IcpReviewIssue): string {
  const [kind, index, ...rest] = issue.path;
  if (typeof kind !== 'string' || typeof index !== 'number') return formatPath(issue.path);
  const record = `${formatPath([kind, index])}${issue.recordId === undefined ? '' : ` (${issue.recordId})`}`;
  return rest.length === 0 ? record : `${record} ${formatPath(rest)}`;
}

/** Issues counted by code, most first: `unknown_loss_reason × 3`. */
export function issueCodes(issues: readonly IcpReviewIssue[]): string {
  const counts = new Map<string, number>();
  for (const issue of issues) counts.set(issue.code, (counts.get(issue.code) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([code, n]) => `${code} × ${count(n)}`)
    .join(', ');
}

/** The sentence every proposal list starts with. */
export const PILOT_NOTE =
  'Ranked by evidence (strength: how far the 95% interval lies from the baseline × √n). These are proposals, not decisions: pilot each change beside the current ICP for a quarter (with accord pilot --baseline current.json --candidate proposed.json) and adopt it only if the pilot confirms it.';
