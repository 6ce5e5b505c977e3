/** A column of a plain-text table. */
export interface Column<T> {
  header: string;
  align?: 'left' | 'right';
  value: (row: T) => string;
}

/** Renders rows as an aligned plain-text table (for terminals; JSON output never uses it). */
export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[], indent = '  '): string {
  const cells = rows.map((row) => columns.map((c) => c.value(row)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => (r[i] as string).length)));
  const line = (values: readonly string[]) =>
    indent +
    values
      .map((v, i) => (columns[i]?.align === 'right' ? v.padStart(widths[i] as number) : v.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join('\n');
}

const integer = new Intl.NumberFormat('en-US');
const percent = new Intl.NumberFormat('en-US', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/** 12,345 */
export const formatCount = (n: number): string => integer.format(n);
/** 42.1 %, or an em dash when there is no denominator. */
export const formatRate = (n: number | null): string => (n === null ? '—' : percent.format(n));
