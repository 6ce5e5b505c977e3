'use client';

import type { ReactNode } from 'react';

/** One row of a {@link ChartTable}: a header cell (`th scope="row"`) and data cells. */
export interface ChartTableRow {
  key: string;
  header: ReactNode;
  cells: readonly ReactNode[];
}

/** Props of {@link ChartTable}. */
export interface ChartTableProps {
  caption: ReactNode;
  /** Column headers, the row-header column first. */
  columns: readonly ReactNode[];
  rows: readonly ChartTableRow[];
}

/**
 * The table alternative of a chart, visually hidden (in an `accord-VisuallyHidden` wrapper) and read by screen
 * readers: a caption, column headers with `scope="col"`, row headers with `scope="row"`.
 */
export function ChartTable({ caption, columns, rows }: ChartTableProps): ReactNode {
  return (
    // The wrapper is hidden, not the table: a table ignores width: 1px and would overflow the page.
    <div className="accord-VisuallyHidden">
      <table className="accord-Chart-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed for the table's lifetime.
              <th key={i} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.header}</th>
              {row.cells.map((cell, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: cells follow the fixed columns.
                <td key={i}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
