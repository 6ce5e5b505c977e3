import {
  AccordError,
  type AccordIssue,
  type ParseOptions,
  type PathSegment,
  type RawIssue,
  type RecordKind,
  RecordSchemas,
  type RecordTypes,
  validateRecords,
} from '@accord/core';
import { decodeCsvInput } from './_decodeCsvInput';
import { planColumns } from './_planColumns';
import { type CsvProblem, type CsvTable, readCsvTable } from './_readCsvTable';

/** Options for {@link parseCanonicalCsv}. */
export interface ParseCanonicalCsvOptions extends ParseOptions {
  /**
   * IANA time zone in which instants written without an offset are read: a date `YYYY-MM-DD` is
   * local midnight there, `YYYY-MM-DD HH:MM[:SS]` that wall-clock time. Default `"UTC"`.
   */
  timezone?: string;
  /** The agreement's stage ids. When given, `stage.<id>` columns for other ids are reported and ignored. */
  stageIds?: readonly string[];
  /**
   * `'strict'` throws an {@link AccordError} when there is any issue (unknown columns included);
   * `'lenient'` (default) returns the readable records and reports everything else.
   */
  mode?: 'strict' | 'lenient';
}

/** The outcome of {@link parseCanonicalCsv}. */
export interface ParseCanonicalCsvResult<K extends RecordKind> {
  /** The valid records, in file order. */
  records: RecordTypes[K][];
  /** CSV problems first (encoding, structure, header), then validation issues, each with a path. */
  issues: readonly AccordIssue[];
  /** 0-based data rows left out (malformed or invalid), in file order. */
  skipped: number[];
  /** The canonical columns read, in file order; ignored columns are left out (and reported). */
  columns: string[];
}

/** Every canonical record kind, from core's schemas (one place to add a kind). */
const KINDS = Object.keys(RecordSchemas) as readonly RecordKind[];

function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone.length > 0;
  } catch {
    return false;
  }
}

/**
 * @name parseCanonicalCsv
 * @category CSV
 * @summary Reads a canonical CSV file (as written by `formatCanonicalCsv`) into validated records.
 *
 * @description
 * The input is text or bytes; bytes must be UTF-8 (the first bad byte is reported as
 * `invalid_encoding` with its line and 0-based byte offset). A byte-order mark is removed; LF and
 * CRLF both work; quoting follows RFC 4180 (csv-parse). Blank lines are skipped.
 *
 * The header must hold the kind's canonical columns (`RECORD_COLUMNS`; leads add `stage.<stageId>`
 * and `attr.<name>` columns, accounts `attr.<name>` columns). An unknown column is reported
 * (`unknown_column`, path `[kind, 'columns', index]`) and ignored; a missing required column
 * (`missing_column`) or a column given twice means no record is read. A row with the wrong number of
 * fields is reported (`invalid_csv` with its line) and skipped; a quoting error (such as an unclosed
 * quote in a truncated file) stops reading and no record is returned.
 *
 * Cells: an empty cell is a missing field. Instants with an offset are kept; dates and local times
 * without an offset are read in `timezone` and written as UTC ISO strings (a local time that a DST
 * change skips is kept as written). `touches` and `amount` become integers, `won` a boolean,
 * `leadIds` and `themes` `;`-separated lists; `disposition.*` and `loss.*` cells fill a lead's
 * disposition and an opportunity's loss (a `loss.detail` without a `loss.reasonId` is reported at
 * `['opportunities', row, 'loss', 'reasonId']`); `attr.*` cells become booleans (`true`/`false`),
 * numbers (plain decimals without leading zeros, so `"02134"` stays a string) or strings. A cell that
 * does not convert is passed on unchanged, so {@link validateRecords} reports it (`invalid_instant`,
 * `invalid_type`, …) at a path such as `['leads', 12, 'createdAt']`, where 12 is the 0-based data row.
 *
 * @param kind - The record kind: `leads`, `accounts`, `stageEvents`, `activities`, `touchpoints`,
 * `opportunities` or `spend`.
 * @param input - The file's text, or its bytes (read by the caller; this package does no I/O).
 * @param options - {@link ParseCanonicalCsvOptions}.
 * @returns The valid records, every issue, the skipped rows and the columns read.
 * @throws {AccordError} In strict mode when there is any issue, and in any mode for an unknown
 * `kind` or `timezone`.
 *
 * @example
 * const { records, issues } = parseCanonicalCsv('leads', await readFile('leads.csv'), { timezone: 'America/New_York' })
 * if (issues.length) console.warn(formatIssues(issues))
 * //=> records: [{ id: 'L1', createdAt: '2026-03-08T05:00:00.000Z', attributes: { zip: '02134' } }, …]
 */
export function parseCanonicalCsv<K extends RecordKind>(
  kind: K,
  input: string | Uint8Array,
  options: ParseCanonicalCsvOptions = {},
): ParseCanonicalCsvResult<K> {
  const timezone = options.timezone ?? 'UTC';
  if (!KINDS.includes(kind))
    throw AccordError.from([{ code: 'invalid_value', path: ['kind'], expected: KINDS }], options.errorMap);
  if (!isValidTimeZone(timezone))
    throw AccordError.from([{ code: 'invalid_timezone', path: ['timezone'], timezone }], options.errorMap);

  const decoded = decodeCsvInput(input);
  if (!decoded.ok) {
    const { line, byteOffset } = decoded;
    return readCanonicalTable(kind, { header: undefined, headerLine: line, rows: [] }, options, {
      code: 'invalid_encoding',
      path: [kind],
      line,
      byteOffset,
    });
  }
  return readCanonicalTable(kind, readCsvTable(decoded.text), options);
}

/**
 * Canonical records from a table of text cells (a CSV file, or a Parquet file's rows rendered as text
 * by the DuckDB adapter): the same header rules, cell conversions, validation and issue paths.
 * @internal
 */
export function readCanonicalTable<K extends RecordKind>(
  kind: K,
  table: CsvTable,
  options: ParseCanonicalCsvOptions = {},
  /** A problem that kept the table from being read at all (the input's encoding). */
  unreadable?: RawIssue,
): ParseCanonicalCsvResult<K> {
  const timezone = options.timezone ?? 'UTC';
  const finish = (
    raw: readonly RawIssue[],
    rest: Omit<ParseCanonicalCsvResult<K>, 'issues'>,
    checked: readonly AccordIssue[] = [],
  ): ParseCanonicalCsvResult<K> => {
    const issues = [...AccordError.from(raw, options.errorMap).issues, ...checked];
    if (options.mode === 'strict' && issues.length > 0) throw new AccordError(issues);
    return { ...rest, issues };
  };
  const unread = (columns: string[] = []) => ({ records: [], skipped: [], columns });

  if (unreadable) return finish([unreadable], unread());
  if (table.header === undefined) {
    const problem = table.fatal ?? { line: table.headerLine, detail: 'the input is empty; a header row is expected' };
    return finish([csvIssue([kind, 'columns'], problem)], unread());
  }

  const plan = planColumns(kind, table.header, table.headerLine, { timezone, stageIds: options.stageIds });
  const raw: RawIssue[] = [...plan.issues];
  table.rows.forEach((row, i) => {
    if (row.problem) raw.push(csvIssue([kind, i], row.problem));
  });
  if (table.fatal) raw.push(csvIssue([kind, table.fatal.row ?? 'columns'], table.fatal));
  if (plan.fatal || table.fatal) return finish(raw, unread(plan.columns));

  const rows: Record<string, unknown>[] = [];
  /** The data row of each validated row. */
  const positions: number[] = [];
  const skipped: number[] = [];
  table.rows.forEach((row, i) => {
    if (row.cells === undefined) {
      skipped.push(i);
      return;
    }
    const record: Record<string, unknown> = {};
    row.cells.forEach((cell, c) => {
      if (cell !== '') plan.setters[c]?.(record, cell);
    });
    rows.push(record);
    positions.push(i);
  });

  const validation = validateRecords(kind, rows, { errorMap: options.errorMap });
  const toDataRow = (path: readonly PathSegment[]): PathSegment[] => {
    const [head, index, ...rest] = path;
    return typeof index === 'number' && head !== undefined ? [head, positions[index] ?? index, ...rest] : [...path];
  };
  const checked = validation.issues.map(
    (issue): AccordIssue =>
      issue.code === 'duplicate_id'
        ? { ...issue, path: toDataRow(issue.path), firstPath: toDataRow(issue.firstPath) }
        : { ...issue, path: toDataRow(issue.path) },
  );
  for (const index of validation.skipped) skipped.push(positions[index] ?? index);
  skipped.sort((a, b) => a - b);
  return finish(raw, { records: validation.records, skipped, columns: plan.columns }, checked);
}

function csvIssue(path: PathSegment[], problem: CsvProblem): RawIssue {
  const { line, column, detail } = problem;
  return { code: 'invalid_csv', path, line, ...(column === undefined ? {} : { column }), detail };
}
