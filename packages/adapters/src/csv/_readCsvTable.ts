import { CsvError, parse } from 'csv-parse/sync';
import { createLineCounter } from './_createLineCounter';

/** A structural CSV problem, located by the 1-based line where its record starts. */
export interface CsvProblem {
  line: number;
  /** 1-based field number, when the parser knows it. */
  column?: number;
  detail: string;
}

/** A data row: its cells, or why it could not be read. */
export type CsvRow = { cells: string[]; problem?: undefined } | { cells?: undefined; problem: CsvProblem };

/** A CSV file split into header and data rows. */
export interface CsvTable {
  /** The header cells; `undefined` when the file has no record at all. */
  header: string[] | undefined;
  /** 1-based line of the header (blank lines before it are skipped). */
  headerLine: number;
  /** Data rows in file order; index `i` is data row `i`. */
  rows: CsvRow[];
  /** A problem that makes the file unreadable from some point on; `rows` is then incomplete. */
  fatal?: CsvProblem & { row: number | undefined };
}

const LENGTH_ERROR = 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH';

/** Details of our own, in place of csv-parse's messages, which quote cell values (possibly personal data). */
function describe(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed before the end of the input (is the file truncated?)';
    case 'INVALID_OPENING_QUOTE':
      return 'a quote appears inside an unquoted field; quote the whole field and double every quote inside it';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a closing quote is followed by other characters; double every quote inside a quoted field';
    default:
      return `the CSV parser stopped (${error.code})`;
  }
}

/**
 * Reads CSV text with csv-parse (RFC 4180 quoting, LF or CRLF, blank lines skipped). The first
 * record is the header. A record whose field count differs from the header's becomes a row
 * problem and reading goes on; a quoting error stops reading, since what follows cannot be
 * trusted. Lines come from csv-parse's byte offsets, not its line counter, which counts a CRLF
 * inside a quoted field twice.
 */
export function readCsvTable(text: string, delimiter = ','): CsvTable {
  let header: string[] | undefined;
  const rows: CsvRow[] = [];
  let recordEnd = 0;
  let bytes: Uint8Array | undefined;
  let lineAt: ((offset: number) => number) | undefined;
  /** Line of the record starting after `offset`, past blank lines. */
  const startLine = (offset: number): number => {
    bytes ??= new TextEncoder().encode(text);
    lineAt ??= createLineCounter(bytes);
    let start = offset;
    while (bytes[start] === 0x0a || bytes[start] === 0x0d) start++;
    return lineAt(start);
  };
  const leadingBlank = /^[\r\n]*/.exec(text)?.[0] ?? '';
  const headerLine = 1 + leadingBlank.replace(/\r\n/g, '\n').length;
  try {
    parse(text, {
      delimiter,
      relax_column_count: false,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_record: (record: string[], context) => {
        if (header === undefined) header = record;
        else rows.push({ cells: record });
        recordEnd = context.bytes;
        return null;
      },
      on_skip: (error) => {
        if (error?.code !== LENGTH_ERROR) throw error;
        const found = Array.isArray(error.record) ? error.record.length : Number.NaN;
        const expected = header?.length ?? Number.NaN;
        rows.push({
          problem: {
            line: startLine(recordEnd),
            detail: `expected ${expected} fields (one per header column), found ${found}`,
          },
        });
        recordEnd = typeof error.bytes === 'number' ? error.bytes : recordEnd;
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const column = typeof error.column === 'number' ? error.column + 1 : undefined;
    return {
      header,
      headerLine,
      rows,
      fatal: {
        line: startLine(recordEnd),
        ...(column === undefined ? {} : { column }),
        detail: describe(error),
        row: header === undefined ? undefined : rows.length,
      },
    };
  }
  return { header, headerLine, rows };
}
