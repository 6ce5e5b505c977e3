import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseCanonicalCsv } from '@accord/adapters';
import { type AccordIssue, type Agreement, formatIssues, type RecordKind, type RecordTypes } from '@accord/core';
import type { CliIo } from './io';
import { UsageError } from './io';

/** Records read from a canonical CSV file, with every issue found on the way. */
export interface ReadFileResult<K extends RecordKind> {
  file: string;
  records: RecordTypes[K][];
  issues: readonly AccordIssue[];
  skipped: number[];
  /** True when nothing could be read (bad header, malformed CSV, not UTF-8). */
  unreadable: boolean;
}

/** Reads a canonical CSV file; dates without a time are midnight in the agreement's time zone. */
export async function readCanonicalFile<K extends RecordKind>(
  kind: K,
  file: string,
  cwd: string,
  agreement: Agreement,
): Promise<ReadFileResult<K>> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(resolve(cwd, file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `Cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message}.`,
    );
  }
  const result = parseCanonicalCsv(kind, bytes, {
    timezone: agreement.timezone,
    stageIds: agreement.stages.map((s) => s.id),
  });
  // A file is unreadable when a problem concerns the file rather than a row: not UTF-8, a required
  // column missing, malformed CSV outside any one row.
  const unreadable = result.issues.some(
    (i) =>
      i.code === 'invalid_encoding' ||
      i.code === 'missing_column' ||
      (i.code === 'invalid_csv' && typeof i.path[1] !== 'number'),
  );
  return { file, records: result.records, issues: result.issues, skipped: result.skipped, unreadable };
}

/**
 * Prints each input's issues on stderr (`✗` unreadable, `!` rows skipped) and tells whether the
 * command must stop: a file could not be read, or `strict` and any issue.
 */
export function reportInputs(io: CliIo, inputs: readonly ReadFileResult<RecordKind>[], strict: boolean): boolean {
  for (const input of inputs) {
    if (input.issues.length === 0) continue;
    const what = input.unreadable ? 'cannot be read' : `${input.skipped.length} row(s) skipped`;
    io.stderr.write(
      `${input.unreadable ? '✗' : '!'} ${input.file}: ${what}; ${input.issues.length} issue(s)\n${formatIssues(input.issues, { maxIssues: 20 }).replace(/^/gm, '  ')}\n`,
    );
  }
  return inputs.some((i) => i.unreadable) || (strict && inputs.some((i) => i.issues.length > 0));
}
