'use client';

import { memo, type ReactElement, useMemo } from 'react';
import type { ScorecardTrend, ScorecardTrendGrain } from '../../hooks/useScorecard';

/** Props of {@link Sparkline}. */
export interface SparklineProps {
  trend: ScorecardTrend;
  /** The metric's label, for the table's caption. */
  label: string;
  grain: ScorecardTrendGrain;
}

const WIDTH = 100;
const HEIGHT = 28;
const PAD = 3;

/** The SVG path of the valued points, with a gap where a period has no value. */
function pathOf(values: readonly (number | null)[]): string {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v === null) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min;
  const step = values.length > 1 ? WIDTH / (values.length - 1) : 0;
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    const x = i * step;
    const y = span > 0 ? PAD + (1 - (v - min) / span) * (HEIGHT - 2 * PAD) : HEIGHT / 2;
    d += `${pen ? 'L' : 'M'}${x.toFixed(2)} ${y.toFixed(2)}`;
    pen = true;
  });
  return d;
}

/**
 * A metric's trend as a small SVG line (`role="img"`, named by the trend's summary in words), with the
 * series as a visually hidden table for screen readers. Renders nothing for a trend without points.
 */
export const Sparkline = memo(function Sparkline({ trend, label, grain }: SparklineProps): ReactElement | null {
  const path = useMemo(() => pathOf(trend.points.map((p) => p.value)), [trend]);
  if (trend.points.length === 0) return null;
  const periodName = grain === 'week' ? 'Week of' : 'Month';
  return (
    <div className="accord-Scorecard-trend">
      <svg
        className="accord-Scorecard-sparkline"
        role="img"
        aria-label={trend.summary}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        focusable="false"
      >
        <path className="accord-Scorecard-sparklinePath" d={path} vectorEffect="non-scaling-stroke" fill="none" />
      </svg>
      {/* A table cannot shrink to the 1px visually-hidden box (it would widen its container): the
          wrapper is hidden, the table keeps its own table semantics. */}
      <div className="accord-VisuallyHidden">
        <table>
          <caption>
            <bdi>{label}</bdi> by {grain}
          </caption>
          <thead>
            <tr>
              <th scope="col">{periodName}</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {trend.points.map((p) => (
              <tr key={p.from}>
                <th scope="row">{p.label}</th>
                <td>{p.formatted}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
});
