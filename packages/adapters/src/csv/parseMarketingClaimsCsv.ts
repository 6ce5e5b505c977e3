import {
  AccordError,
  type AccordIssue,
  MARKETING_CLAIM_FIELDS,
  type MarketingClaim,
  type ParseOptions,
  parseMarketingClaims,
  type RawIssue,
  type RefusedClaim,
} from '@accord/core';
import { instantCell, integerCell } from './_cellValues';
import { decodeCsvInput } from './_decodeCsvInput';
import { type CsvProblem, readCsvTable } from './_readCsvTable';

/** Options for {@link parseMarketingClaimsCsv}. */
export interface ParseMarketingClaimsCsvOptions extends ParseOptions {
  /** IANA time zone in which a `touchAt` without an offset is read. Default `"UTC"`. */
  timezone?: string;
  /** `'strict'` throws an {@link AccordError} on any issue; `'lenient'` (default) reports and goes on. */
  mode?: 'strict' | 'lenient';
}

/** The outcome of {@link parseMarketingClaimsCsv}. */
export interface ParseMarketingClaimsCsvResult {
  /** The valid claims, in file order. */
  claims: MarketingClaim[];
  /** The 0-based data row of each claim (`claims[k]` is data row `positions[k]`). */
  positions: number[];
  /** Rows left out — malformed CSV rows and claims the schema refuses — by data row. */
  refused: RefusedClaim[];
  /** CSV problems first (encoding, structure, header), then the claims' issues, at `['marketingClaims', row, field]`. */
  issues: readonly AccordIssue[];
  /** True when no claim could be read: not UTF-8, a required column missing or twice, broken quoting. */
  unreadable: boolean;
}

const REQUIRED = ['id', 'opportunityId', 'kind', 'amount', 'currency'] as const;
const DECIMAL = /^-?\d+\.\d+$/;

/**
 * The amount cell: a whole number becomes a number; a decimal too (`12.50` → 12.5), so that the schema
 * refuses it as not a whole number of minor units rather than as text; anything else stays text.
 */
const amountCell = (cell: string): number | string => (DECIMAL.test(cell) ? Number(cell) : integerCell(cell));

const csvIssue = (path: (string | number)[], problem: CsvProblem): RawIssue => ({
  code: 'invalid_csv',
  path,
  line: problem.line,
  ...(problem.column === undefined ? {} : { column: problem.column }),
  detail: problem.detail,
});

/**
 * @name parseMarketingClaimsCsv
 * @category CSV
 * @summary Reads Marketing's claims (a BI export, a spreadsheet) from CSV for `reconcile`.
 *
 * @description
 * The columns are the fields of a `MarketingClaim`: `id`, `opportunityId`, `kind` (`sourced` or
 * `influenced`), `amount` (minor units), `currency` — required — and `accountId`, `leadId`, `model`,
 * `touchAt`, `stage`, `channel`, `campaignId`. The input follows the canonical CSV rules (strict UTF-8,
 * RFC 4180 quoting, LF or CRLF, a BOM removed, blank lines skipped): an unknown column is reported
 * (`unknown_column`) and ignored; a missing required column, a column given twice, bytes that are not
 * UTF-8 or a quoting error make the file unreadable. An empty cell is a missing field; `amount` becomes
 * a number (`12.50` is then refused as not a whole number of minor units — never rounded); a `touchAt` without an
 * offset is read in `timezone`. Each row is then checked by `parseMarketingClaims` from `@accord/core`:
 * a row with the wrong number of fields or an invalid claim is refused and listed with its data row,
 * and its issues name the row and the field (`['marketingClaims', 12, 'amount']`).
 *
 * @param input - The file's text, or its bytes.
 * @param options - {@link ParseMarketingClaimsCsvOptions}: `timezone`, `mode`, `errorMap`.
 * @returns The valid claims with their rows, the refused rows, every issue, and whether the file was readable.
 * @throws {AccordError} In strict mode when there is any issue.
 *
 * @example
 * const { claims, positions, issues } = parseMarketingClaimsCsv(await readFile('claims.csv'))
 * reconcile({ marketingClaims: claims, opportunities, leads, touchpoints }, agreement)
 */
export function parseMarketingClaimsCsv(
  input: string | Uint8Array,
  options: ParseMarketingClaimsCsvOptions = {},
): ParseMarketingClaimsCsvResult {
  const timezone = options.timezone ?? 'UTC';
  const raw: RawIssue[] = [];
  const finish = (
    result: Omit<ParseMarketingClaimsCsvResult, 'issues' | 'unreadable'>,
    checked: readonly AccordIssue[],
    unreadable: boolean,
  ): ParseMarketingClaimsCsvResult => {
    const issues = [...(raw.length > 0 ? AccordError.from(raw, options.errorMap).issues : []), ...checked];
    if (options.mode === 'strict' && issues.length > 0) throw new AccordError(issues);
    return { ...result, issues, unreadable };
  };
  const none = { claims: [], positions: [], refused: [] };

  const decoded = decodeCsvInput(input);
  if (!decoded.ok) {
    raw.push({
      code: 'invalid_encoding',
      path: ['marketingClaims'],
      line: decoded.line,
      byteOffset: decoded.byteOffset,
    });
    return finish(none, [], true);
  }
  const table = readCsvTable(decoded.text);
  if (table.header === undefined) {
    raw.push(
      csvIssue(
        ['marketingClaims', 'columns'],
        table.fatal ?? { line: table.headerLine, detail: 'the input is empty; a header row is expected' },
      ),
    );
    return finish(none, [], true);
  }

  const known = new Set<string>(MARKETING_CLAIM_FIELDS);
  const fieldAt: (string | undefined)[] = [];
  const seen = new Map<string, number>();
  let fatal = false;
  table.header.forEach((cell, index) => {
    const name = cell.trim();
    const path = ['marketingClaims', 'columns', index];
    if (!known.has(name)) {
      raw.push({ code: 'unknown_column', path, column: name, expected: MARKETING_CLAIM_FIELDS });
      fieldAt.push(undefined);
      return;
    }
    const first = seen.get(name);
    if (first !== undefined) {
      fatal = true;
      raw.push({
        code: 'invalid_csv',
        path,
        line: table.headerLine,
        column: index + 1,
        detail: `column ${index + 1} has the same name as column ${first + 1}; each column may appear once`,
      });
      fieldAt.push(undefined);
      return;
    }
    seen.set(name, index);
    fieldAt.push(name);
  });
  for (const column of REQUIRED) {
    if (seen.has(column)) continue;
    fatal = true;
    raw.push({ code: 'missing_column', path: ['marketingClaims', 'columns'], column });
  }
  table.rows.forEach((row, i) => {
    if (row.problem) raw.push(csvIssue(['marketingClaims', i], row.problem));
  });
  if (table.fatal) raw.push(csvIssue(['marketingClaims', table.fatal.row ?? 'columns'], table.fatal));
  if (fatal || table.fatal) return finish(none, [], true);

  const rows: Record<string, unknown>[] = [];
  const rowOf: number[] = [];
  const refused: RefusedClaim[] = [];
  table.rows.forEach((row, i) => {
    if (row.cells === undefined) {
      refused.push({ index: i, claimId: null, opportunityId: null, fields: [] });
      return;
    }
    const record: Record<string, unknown> = {};
    row.cells.forEach((cell, c) => {
      const field = fieldAt[c];
      if (field === undefined || cell === '') return;
      record[field] = field === 'amount' ? amountCell(cell) : field === 'touchAt' ? instantCell(cell, timezone) : cell;
    });
    rows.push(record);
    rowOf.push(i);
  });

  const parsed = parseMarketingClaims(rows, options.errorMap ? { errorMap: options.errorMap } : {});
  // Paths and indexes name the file's data rows, not the positions among the readable rows.
  const toRow = (k: number) => rowOf[k] ?? k;
  const checked = parsed.issues.map(
    (issue): AccordIssue => ({
      ...issue,
      path: issue.path.map((p, j) => (j === 1 && typeof p === 'number' ? toRow(p) : p)),
    }),
  );
  for (const r of parsed.refused) refused.push({ ...r, index: toRow(r.index) });
  refused.sort((a, b) => a.index - b.index);
  return finish({ claims: parsed.claims, positions: parsed.positions.map(toRow), refused }, checked, false);
}
