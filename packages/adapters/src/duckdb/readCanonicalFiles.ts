import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { AccordIssue, RecordKind } from '@accord/core';
import type { DuckDBConnection } from '@duckdb/node-api';
import { AdapterError } from '../contract/AdapterError';
import type { ListKind } from '../contract/adapter.types';
import { parseCanonicalCsv, readCanonicalTable } from '../csv/parseCanonicalCsv';

/** How files are read: instants without an offset are local times in `timezone`; `stage.<id>` columns are checked against `stageIds`. */
export interface ReadFilesOptions {
  timezone?: string;
  stageIds?: readonly string[];
}

const FLOAT = /^(DOUBLE|FLOAT|REAL|DECIMAL)/;

/**
 * Reads canonical files — CSV (the canonical CSV reader: encoding, quoting, header and row checks) or
 * Parquet (read by DuckDB, each cell rendered as text, then the same column rules) — into validated
 * records. Any issue fails with `invalid_record`, its issues naming the file's kind, row and field
 * (and the line and column for CSV); nothing is left out silently.
 */
export async function readCanonicalFiles(
  name: string,
  db: DuckDBConnection,
  files: Partial<Record<ListKind, string>>,
  options: ReadFilesOptions,
): Promise<Partial<Record<ListKind, unknown[]>>> {
  const out: Partial<Record<ListKind, unknown[]>> = {};
  for (const [kind, file] of Object.entries(files) as [ListKind, string][]) {
    if (typeof file !== 'string' || file === '')
      throw new AdapterError(name, 'invalid_config', `files.${kind} must be a file name`);
    const parquet = /\.parquet$/i.test(file);
    if (!parquet && !/\.csv$/i.test(file))
      throw new AdapterError(name, 'invalid_config', `files.${kind}: expected a .csv or .parquet file`);
    const read = {
      ...(options.timezone ? { timezone: options.timezone } : {}),
      ...(options.stageIds ? { stageIds: options.stageIds } : {}),
    };
    let result: { records: unknown[]; issues: readonly AccordIssue[] };
    try {
      result = parquet
        ? readCanonicalTable(kind as RecordKind, await parquetTable(db, file), read)
        : parseCanonicalCsv(kind as RecordKind, readFileSync(file), read);
    } catch (cause) {
      if (cause instanceof AdapterError) throw cause;
      throw new AdapterError(name, 'invalid_config', `${basename(file)} could not be read`, { cause });
    }
    if (result.issues.length > 0)
      throw new AdapterError(name, 'invalid_record', `${result.issues.length} problem(s) in ${basename(file)}`, {
        issues: result.issues,
      });
    out[kind] = result.records;
  }
  return out;
}

/** A Parquet file's rows as text cells: instants with a zone as ISO UTC, local times and dates as written. */
async function parquetTable(db: DuckDBConnection, file: string) {
  const described = (
    await db.runAndReadAll('DESCRIBE SELECT * FROM read_parquet($1::VARCHAR)', [file])
  ).getRowObjects() as {
    column_name: string;
    column_type: string;
  }[];
  // Column names are the file's: each is selected by position, never spliced into the SQL.
  const select = described
    .map(({ column_type: type }, i) => {
      const c = `#${i + 1}`;
      if (type === 'TIMESTAMP WITH TIME ZONE') return `epoch_ms(${c})::VARCHAR`;
      if (FLOAT.test(type)) return `${c}::DOUBLE`;
      return `${c}::VARCHAR`;
    })
    .join(', ');
  const rows = (await db.runAndReadAll(`SELECT ${select} FROM read_parquet($1::VARCHAR)`, [file])).getRows();
  const zoned = described.map((d) => d.column_type === 'TIMESTAMP WITH TIME ZONE');
  return {
    header: described.map((d) => d.column_name),
    headerLine: 1,
    rows: rows.map((row) => ({
      cells: row.map((v, i) => (v === null ? '' : zoned[i] ? new Date(Number(v)).toISOString() : String(v))),
    })),
  };
}
