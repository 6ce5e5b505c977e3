'use client';

import type { ReactNode } from 'react';

/** How many distinct patterns there are; colours cycle through 8 tokens, so fills repeat after 40 series. */
export const SERIES_FILLS = 40;
const COLOURS = 8;

// Marks drawn over the series colour in an 8×8 tile; the first series is plain. Ten marks × eight colours.
const MARKS: readonly (string | null)[] = [
  null,
  'M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4',
  'M2,2 h1.5 v1.5 h-1.5 z M6,6 h1.5 v1.5 h-1.5 z',
  'M0,4 h8 M4,0 v8',
  'M0,2 h8 M0,6 h8',
  'M2,0 v8 M6,0 v8',
  'M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4',
  'M0,0 l8,8 M8,0 l-8,8',
  'M0,6 l2,-4 l2,4 l2,-4 l2,4',
  'M1.5,1.5 h5 v5 h-5 z',
];

/** The id of series `index`'s fill pattern under `prefix`. */
export function seriesPatternId(prefix: string, index: number): string {
  return `${prefix}-series-${index % SERIES_FILLS}`;
}

/**
 * `<defs>` with one fill per series: a colour token (`--accord-chart-series-N`) plus a distinct pattern,
 * so series differ without colour too (and in forced-colours mode). Place it in the chart's `<svg>`;
 * `prefix` must be unique in the document (from `useId`).
 */
export function ChartPatterns({ prefix, count }: { prefix: string; count: number }): ReactNode {
  return (
    <defs>
      {Array.from({ length: Math.min(count, SERIES_FILLS) }, (_, i) => (
        <pattern
          key={seriesPatternId(prefix, i)}
          id={seriesPatternId(prefix, i)}
          width="8"
          height="8"
          patternUnits="userSpaceOnUse"
          className="accord-Chart-pattern"
          data-series={(i % COLOURS) + 1}
        >
          <rect width="8" height="8" className="accord-Chart-patternFill" />
          {MARKS[i % MARKS.length] ? (
            <path d={MARKS[i % MARKS.length] as string} className="accord-Chart-patternMarks" />
          ) : null}
        </pattern>
      ))}
    </defs>
  );
}

/** A small legend swatch showing series `index`'s fill (colour and pattern); decorative. */
export function ChartSwatch({ prefix, index }: { prefix: string; index: number }): ReactNode {
  return (
    <svg className="accord-Chart-swatch" width="14" height="14" aria-hidden="true" focusable="false">
      <rect width="14" height="14" fill={`url(#${seriesPatternId(prefix, index)})`} />
    </svg>
  );
}

/** A `useId` value made safe for `url(#…)` references. */
export function toSvgId(id: string): string {
  return `accord${id.replace(/[^A-Za-z0-9_-]/g, '')}`;
}
