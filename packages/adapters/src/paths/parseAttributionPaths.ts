import {
  AccordError,
  type AccordIssue,
  type ParseOptions,
  type PathRow,
  type PathSegment,
  type RawIssue,
} from '@accord/core';
import { decodeCsvInput } from '../csv/_decodeCsvInput';
import { readCsvTable } from '../csv/_readCsvTable';

/** Options for {@link parseAttributionPaths}. */
export interface ParseAttributionPathsOptions extends ParseOptions {
  /** Field delimiter; by default `;` when the header has one (ChannelAttribution's Data.csv), else `,`. */
  delimiter?: string;
  /** Column names (ChannelAttribution's by default). */
  pathColumn?: string;
  conversionsColumn?: string;
  valueColumn?: string;
  /** The column of non-converting journeys; `null` (default) reads none, as `markov_model` without `var_null`. */
  nullsColumn?: string | null;
  /** Between touches in a path. Default `>`. */
  separator?: string;
  /** `'strict'` throws on any problem; `'lenient'` (default) skips the row and reports it. */
  mode?: 'strict' | 'lenient';
}

/** Path rows read from a file, with every problem found. */
export interface ParseAttributionPathsResult {
  rows: PathRow[];
  issues: readonly AccordIssue[];
  /** Data rows left out. */
  skipped: number[];
}

/**
 * @name parseAttributionPaths
 * @category Attribution
 * @summary Reads aggregated path data in ChannelAttribution's format: `path;total_conversions;total_conversion_value;total_null`.
 *
 * @description
 * Touches are separated by `>` (spaces around them are trimmed). A missing column stops the read
 * (`missing_column`); a cell that is not a number skips its row (`invalid_type` at `paths[i].<field>`);
 * quoting errors are `invalid_csv` with their line. Numbers are passed on as written: negative counts and
 * empty paths are reported by `attribute`, which knows the model.
 *
 * @example
 * const { rows } = parseAttributionPaths(readFileSync('Data.csv'), { nullsColumn: 'total_null' })
 * attribute(rows, { model: 'markov' })
 */
export function parseAttributionPaths(
  input: string | Uint8Array,
  options: ParseAttributionPathsOptions = {},
): ParseAttributionPathsResult {
  const raw: RawIssue[] = [];
  const finish = (rows: PathRow[], skipped: number[]): ParseAttributionPathsResult => {
    const issues = raw.length > 0 ? AccordError.from(raw, options.errorMap).issues : [];
    if (options.mode === 'strict' && issues.length > 0) throw new AccordError(issues);
    return { rows, issues, skipped };
  };
  const decoded = decodeCsvInput(input);
  if (!decoded.ok) {
    raw.push({ code: 'invalid_encoding', path: ['paths'], line: decoded.line, byteOffset: decoded.byteOffset });
    return finish([], []);
  }
  const firstLine = decoded.text.slice(0, decoded.text.indexOf('\n') >>> 0);
  const delimiter = options.delimiter ?? (firstLine.includes(';') ? ';' : ',');
  const table = readCsvTable(decoded.text, delimiter);
  const header = table.header?.map((h) => h.trim());
  if (header === undefined) {
    raw.push({
      code: 'invalid_csv',
      path: ['paths', 'columns'],
      line: table.headerLine,
      detail: 'the input is empty; a header row is expected',
    });
    return finish([], []);
  }
  const column = (name: string | null | undefined, required: boolean): number => {
    if (name === null || name === undefined) return -1;
    const i = header.indexOf(name);
    if (i < 0 && required) raw.push({ code: 'missing_column', path: ['paths', 'columns'], column: name });
    return i;
  };
  const pathAt = column(options.pathColumn ?? 'path', true);
  const convAt = column(options.conversionsColumn ?? 'total_conversions', true);
  const valueName = options.valueColumn ?? 'total_conversion_value';
  const valueAt = column(valueName, options.valueColumn !== undefined);
  const nullsAt = column(options.nullsColumn ?? null, true);
  if (raw.length > 0) return finish([], []);

  const separator = options.separator ?? '>';
  const rows: PathRow[] = [];
  const skipped: number[] = [];
  table.rows.forEach((row, i) => {
    if (row.cells === undefined) {
      raw.push({ code: 'invalid_csv', path: ['paths', i], line: row.problem.line, detail: row.problem.detail });
      skipped.push(i);
      return;
    }
    const cells = row.cells;
    const number = (at: number, field: string): number | undefined => {
      if (at < 0) return 0;
      const text = (cells[at] ?? '').trim();
      const n = text === '' ? Number.NaN : Number(text);
      if (Number.isFinite(n)) return n;
      raw.push({
        code: 'invalid_type',
        path: ['paths', i, field] as PathSegment[],
        expected: 'number',
        received: text === '' ? 'empty' : 'text',
      });
      return undefined;
    };
    const conversions = number(convAt, 'conversions');
    const value = number(valueAt, 'value');
    const nulls = number(nullsAt, 'nulls');
    if (conversions === undefined || value === undefined || nulls === undefined) {
      skipped.push(i);
      return;
    }
    rows.push({ path: (cells[pathAt] ?? '').split(separator), conversions, value, nulls });
  });
  if (table.fatal)
    raw.push({
      code: 'invalid_csv',
      path: ['paths', table.fatal.row ?? 'columns'],
      line: table.fatal.line,
      detail: table.fatal.detail,
    });
  return finish(rows, skipped);
}
