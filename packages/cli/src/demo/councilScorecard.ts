import type { Agreement, MetricTarget, ScorecardResult, ScorecardRow, TargetStatus } from '@accord/core';
import { formatCount, formatRate, renderTable } from '../_lib/table';

/** One stage conversion of the council scorecard: a column. */
export interface CouncilColumn {
  /** The scorecard metric, `conversion.<from>.<to>`. */
  metric: string;
  from: string;
  to: string;
  /** The stage's label (`SAL`). */
  label: string;
  /** The previous stage's label (`MQL`). */
  fromLabel: string;
  /** The agreement's target for the conversion, if any. */
  target: MetricTarget | null;
}

/** One cell: the conversion's value (0–1, `null` without a denominator) and its status against the target. */
export interface CouncilCell {
  value: number | null;
  numerator: number;
  denominator: number;
  status: TargetStatus | null;
}

/** One source's row (or the totals). */
export interface CouncilRow {
  source: string;
  leads: number;
  cells: CouncilCell[];
}

/** The council scorecard: sources × stage conversions against the agreement's targets. */
export interface CouncilScorecard {
  columns: CouncilColumn[];
  rows: CouncilRow[];
  totals: CouncilRow;
}

/**
 * The stage conversions the council reviews: each open stage from the one before it, then each won
 * stage from the last open stage — as `conversion.<from>.<to>` metrics of the scorecard.
 */
export function councilColumns(agreement: Agreement): CouncilColumn[] {
  const open = agreement.stages.filter((s) => (s.kind ?? 'open') === 'open');
  const lastOpen = open[open.length - 1];
  const targets = agreement.targets ?? {};
  const columns: CouncilColumn[] = [];
  for (const stage of agreement.stages) {
    const kind = stage.kind ?? 'open';
    const from = kind === 'open' ? open[open.indexOf(stage) - 1] : kind === 'won' ? lastOpen : undefined;
    if (!from) continue;
    const metric = `conversion.${from.id}.${stage.id}`;
    columns.push({
      metric,
      from: from.id,
      to: stage.id,
      label: stage.label,
      fromLabel: from.label,
      target: Object.hasOwn(targets, metric) ? (targets[metric] as MetricTarget) : null,
    });
  }
  return columns;
}

/** The metrics to ask the scorecard for: `leads` and every council conversion. */
export function councilMetrics(columns: readonly CouncilColumn[]): string[] {
  return ['leads', ...columns.map((c) => c.metric)];
}

/** Shapes a scorecard grouped by source (with {@link councilMetrics}) as the council's table. */
export function toCouncilScorecard(card: ScorecardResult, columns: readonly CouncilColumn[]): CouncilScorecard {
  const dimension = card.groupBy[0] ?? 'source';
  const toRow = (row: ScorecardRow, source: string): CouncilRow => ({
    source,
    leads: row.metrics['leads']?.value ?? 0,
    cells: columns.map((c) => {
      const v = row.metrics[c.metric];
      return {
        value: v?.value ?? null,
        numerator: v?.numerator ?? 0,
        denominator: v?.denominator ?? 0,
        status: v?.status ?? null,
      };
    }),
  });
  const rows = card.rows
    .map((row) => toRow(row, row.group[dimension] ?? '(none)'))
    .sort((a, b) => b.leads - a.leads || a.source.localeCompare(b.source));
  // The target comes from the scorecard's own metric dictionary when the agreement names none.
  const withTargets = columns.map((c) => ({ ...c, target: c.target ?? card.totals.metrics[c.metric]?.target ?? null }));
  return { columns: withTargets, rows, totals: toRow(card.totals, 'total') };
}

/** `≥ 60%` / `≤ 5%`. */
export function formatTarget(target: MetricTarget | null): string {
  if (!target) return '';
  const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
  if (target.min !== undefined && target.max !== undefined) return `${pct(target.min)}–${pct(target.max)}`;
  if (target.min !== undefined) return `≥ ${pct(target.min)}`;
  if (target.max !== undefined) return `≤ ${pct(target.max)}`;
  return '';
}

const mark = (status: TargetStatus | null) => (status === 'met' ? ' ✓' : status === 'missed' ? ' ✗' : '  ');

/** The council scorecard as a terminal table, with a legend line of the targets. */
export function renderCouncilScorecard(council: CouncilScorecard): string {
  const rows = [...council.rows, council.totals];
  const table = renderTable(rows, [
    { header: 'source', value: (r) => r.source },
    { header: 'leads', align: 'right', value: (r) => formatCount(r.leads) },
    ...council.columns.map((c, i) => ({
      header: `→${c.label}`,
      align: 'right' as const,
      value: (r: CouncilRow) => {
        const cell = r.cells[i] as CouncilCell;
        return `${formatRate(cell.value)}${mark(cell.status)}`;
      },
    })),
  ]);
  const targets = council.columns
    .filter((c) => c.target)
    .map((c) => `${c.fromLabel}→${c.label} ${formatTarget(c.target)}`)
    .join(', ');
  const met = rows.flatMap((r) => r.cells).filter((c) => c.status === 'met').length;
  const missed = rows.flatMap((r) => r.cells).filter((c) => c.status === 'missed').length;
  return `${table}\n  Conversion from the previous stage (leads by creation cohort). Targets: ${targets || 'none'}; ✓ met ${met}, ✗ missed ${missed}.`;
}
