import type { computeScorecard, MetricInfo, MetricValue, ScorecardRow } from '@accord/core';
import { formatCount, renderTable } from './table';

/** A value for a terminal, in the metric's unit; ✓ / ✗ against its target. */
export function formatValue(info: MetricInfo, v: MetricValue | undefined, money: Intl.NumberFormat): string {
  if (!v || v.value === null) return '—';
  const x = v.value;
  const text =
    info.unit === 'ratio'
      ? `${(x * 100).toFixed(1)} %`
      : info.unit === 'money'
        ? money.format(x / 100)
        : info.unit === 'count'
          ? formatCount(Math.round(x * 100) / 100)
          : `${x.toFixed(1)} ${info.unit === 'days' ? 'd' : info.unit === 'hours' ? 'h' : 'min'}`;
  const mark = v.status === 'met' ? ' ✓' : v.status === 'missed' ? ' ✗' : '';
  const change =
    v.change === undefined || v.change === null
      ? ''
      : ` (${v.change >= 0 ? '+' : ''}${info.unit === 'ratio' ? `${(v.change * 100).toFixed(1)} pt` : info.unit === 'money' ? money.format(v.change / 100) : formatCount(Math.round(v.change * 10) / 10)})`;
  return text + mark + change;
}

export function humanScorecard(card: ReturnType<typeof computeScorecard>, currency: string, leadCount: string): string {
  const money = new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 });
  const label = (row: ScorecardRow) =>
    [...card.groupBy.map((d) => row.group[d] as string), ...(row.period ? [row.period] : [])].join(' · ') || 'all';
  const title = [
    `Scorecard of ${leadCount} leads`,
    card.groupBy.length > 0 ? `by ${card.groupBy.join(' × ')}` : '',
    card.grain ? `per ${card.grain}` : '',
    card.period ? `in ${card.period.label}` : '',
    card.previousPeriod ? `vs ${card.previousPeriod.label}` : '',
    card.view ? `(${card.view} view)` : '',
    `as of ${card.asOf}`,
  ]
    .filter(Boolean)
    .join(' ');
  const rows = card.groupBy.length === 0 && !card.grain ? [card.totals] : [...card.rows, card.totals];
  let table: string;
  if (rows.length <= 7) {
    // Few groups: metrics down, groups across.
    table = renderTable(card.metrics, [
      { header: 'metric', value: (m) => m.label },
      ...rows.map((row) => ({
        header: row === card.totals ? 'total' : label(row),
        align: 'right' as const,
        value: (m: MetricInfo) => formatValue(m, row.metrics[m.id], money),
      })),
    ]);
  } else {
    table = renderTable(rows, [
      {
        header: [...card.groupBy, ...(card.grain ? [card.grain] : [])].join(' · ') || 'group',
        value: (r) => (r === card.totals ? 'total' : label(r)),
      },
      ...card.metrics.map((m) => ({
        header: m.id,
        align: 'right' as const,
        value: (r: ScorecardRow) => formatValue(m, r.metrics[m.id], money),
      })),
    ]);
  }
  const targets = card.metrics.filter((m) => m.target);
  const footer = [
    targets.length > 0 ? '  ✓ / ✗: against the agreement’s target' : '',
    `  ${card.issues.length + card.warnings.length === 0 ? 'No record was skipped.' : `${card.skipped.length} record(s) skipped, ${card.warnings.length} kept with warnings (see stderr).`} Money in ${currency}; "—": no value (empty denominator).`,
  ].filter(Boolean);
  return [title, '', table, '', ...footer].join('\n');
}
