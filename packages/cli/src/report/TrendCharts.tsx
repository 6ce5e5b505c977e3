import type { ReactElement } from 'react';
import type { TrendPoint } from './report.types';

const W = 560;
const H = 240;
const PAD = { top: 16, right: 16, bottom: 36, left: 52 };
const plotW = W - PAD.left - PAD.right;
const plotH = H - PAD.top - PAD.bottom;
const integer = new Intl.NumberFormat('en-US');
const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** Round tick values from 0 to at least `max` (4–6 steps of 1, 2, 2.5 or 5 × 10ⁿ). */
export function niceScale(max: number, steps = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / steps;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const ticks: number[] = [];
  for (let t = 0; t < max + step / 2; t += step) ticks.push(Math.round(t * 1e9) / 1e9);
  if ((ticks[ticks.length - 1] as number) < max) ticks.push((ticks[ticks.length - 1] as number) + step);
  return ticks;
}

function Axes({
  ticks,
  format,
  points,
  x,
}: {
  ticks: number[];
  format: (t: number) => string;
  points: readonly TrendPoint[];
  x: (i: number) => number;
}) {
  const top = ticks[ticks.length - 1] as number;
  return (
    <g className="accord-Report-axes">
      {ticks.map((t) => {
        const y = PAD.top + plotH - (t / top) * plotH;
        return (
          <g key={t}>
            <line className="accord-Report-grid" x1={PAD.left} x2={W - PAD.right} y1={y} y2={y} />
            <text className="accord-Report-tick" x={PAD.left - 6} y={y} textAnchor="end" dominantBaseline="middle">
              {format(t)}
            </text>
          </g>
        );
      })}
      {points.map((p, i) => (
        <text key={p.period} className="accord-Report-tick" x={x(i)} y={H - PAD.bottom + 16} textAnchor="middle">
          {p.complete ? p.period : `${p.period}*`}
        </text>
      ))}
    </g>
  );
}

/**
 * @name LeadsPerMonthChart
 * @category Report
 * @summary Leads and MQLs created per month, as grouped SVG bars with a legend.
 *
 * @param props - `points`: the months, oldest first.
 * @returns An `<svg role="img">` named by a summary.
 *
 * @example
 * <LeadsPerMonthChart points={report.trends} />
 */
export function LeadsPerMonthChart({ points }: { points: readonly TrendPoint[] }): ReactElement {
  const ticks = niceScale(Math.max(1, ...points.map((p) => p.leads)));
  const top = ticks[ticks.length - 1] as number;
  const band = plotW / Math.max(points.length, 1);
  const x = (i: number) => PAD.left + band * (i + 0.5);
  const barW = Math.min(28, band * 0.36);
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const total = points.reduce((n, p) => n + p.leads, 0);
  const label = `Leads per month: ${integer.format(total)} leads over ${points.length} months, ${points
    .map((p) => `${p.period} ${integer.format(p.leads)} leads and ${integer.format(p.mqls)} MQLs`)
    .join('; ')}.`;
  return (
    <svg
      className="accord-Report-chart"
      data-chart="leads-per-month"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={label}
    >
      <Axes ticks={ticks} format={(t) => integer.format(t)} points={points} x={x} />
      {points.map((p, i) => (
        <g key={p.period}>
          <rect
            className="accord-Report-bar"
            data-series="leads"
            x={x(i) - barW - 1}
            y={y(p.leads)}
            width={barW}
            height={Math.max(0, PAD.top + plotH - y(p.leads))}
          />
          <rect
            className="accord-Report-bar"
            data-series="mqls"
            x={x(i) + 1}
            y={y(p.mqls)}
            width={barW}
            height={Math.max(0, PAD.top + plotH - y(p.mqls))}
          />
        </g>
      ))}
    </svg>
  );
}

/**
 * @name ConversionTrendChart
 * @category Report
 * @summary MQL→SAL and MQL→SQL conversion per month as SVG lines, with the acceptance floor dashed.
 *
 * @description
 * Complete months only: in the month the data ends in, most conversions have not happened yet.
 *
 * @param props - `points`: the months, oldest first; `floor`: the MQL→SAL floor (0–1) or null.
 * @returns An `<svg role="img">` named by a summary.
 *
 * @example
 * <ConversionTrendChart points={report.trends} floor={0.6} />
 */
export function ConversionTrendChart({
  points: all,
  floor,
}: {
  points: readonly TrendPoint[];
  floor: number | null;
}): ReactElement {
  // The month the data ends in is left out: its conversions have had no time to happen yet.
  const points = all.filter((p) => p.complete);
  const values = points.flatMap((p) => [p.accepted ?? 0, p.qualified ?? 0]);
  const ticks = niceScale(Math.max(0.1, floor ?? 0, ...values), 4);
  const top = ticks[ticks.length - 1] as number;
  const band = plotW / Math.max(points.length, 1);
  const x = (i: number) => PAD.left + band * (i + 0.5);
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const line = (pick: (p: TrendPoint) => number | null) =>
    points
      .map((p, i) => [i, pick(p)] as const)
      .filter((pair): pair is readonly [number, number] => pair[1] !== null)
      .map(([i, v], k) => `${k === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`)
      .join(' ');
  const series = [
    { id: 'accepted', pick: (p: TrendPoint) => p.accepted },
    { id: 'qualified', pick: (p: TrendPoint) => p.qualified },
  ];
  const label = `Conversion per month: ${points
    .map(
      (p) =>
        `${p.period} MQL to SAL ${p.accepted === null ? 'no data' : pct(p.accepted)}, MQL to SQL ${p.qualified === null ? 'no data' : pct(p.qualified)}`,
    )
    .join('; ')}${floor === null ? '' : `. Acceptance floor ${pct(floor)}`}.`;
  return (
    <svg
      className="accord-Report-chart"
      data-chart="conversion-per-month"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={label}
    >
      <Axes ticks={ticks} format={(t) => `${Math.round(t * 100)}%`} points={points} x={x} />
      {floor === null ? null : (
        <line className="accord-Report-floor" x1={PAD.left} x2={W - PAD.right} y1={y(floor)} y2={y(floor)} />
      )}
      {series.map((s) => (
        <g key={s.id} data-series={s.id}>
          <path className="accord-Report-line" d={line(s.pick)} />
          {points.map((p, i) => {
            const v = s.pick(p);
            return v === null ? null : (
              <circle key={p.period} className="accord-Report-dot" cx={x(i)} cy={y(v)} r={3.5} />
            );
          })}
        </g>
      ))}
    </svg>
  );
}
