'use client';

import type { CSSProperties, ReactNode } from 'react';
import { toPercent } from './niceTicks';

/** Props of {@link ChartAxis} and {@link ChartGrid}. */
export interface ChartAxisProps {
  /** Tick values from `niceTicks`; the last is the top of the scale. */
  ticks: readonly number[];
  /** Formats a tick label. */
  format?: (value: number) => string;
}

/**
 * Tick labels under a plot, in HTML so they follow the writing direction (`inset-inline-start`).
 * Hidden from assistive technology: the table alternative carries the figures.
 */
export function ChartAxis({ ticks, format = String }: ChartAxisProps): ReactNode {
  const top = ticks[ticks.length - 1] ?? 1;
  return (
    <div className="accord-Chart-axis" aria-hidden="true">
      {ticks.map((t) => (
        <span
          key={t}
          className="accord-Chart-tick"
          style={{ '--accord-chart-x': `${toPercent(t, top)}%` } as CSSProperties}
        >
          {format(t)}
        </span>
      ))}
    </div>
  );
}

/** Vertical grid lines at each tick, inside a plot's `<svg>` (percent coordinates, so any width fits). */
export function ChartGrid({ ticks }: Pick<ChartAxisProps, 'ticks'>): ReactNode {
  const top = ticks[ticks.length - 1] ?? 1;
  return (
    <g className="accord-Chart-grid">
      {ticks.map((t) => {
        const x = `${toPercent(t, top)}%`;
        return <line key={t} x1={x} x2={x} y1="0" y2="100%" vectorEffect="non-scaling-stroke" />;
      })}
    </g>
  );
}
