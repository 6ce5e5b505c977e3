import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  AccordError,
  type AccordIssue,
  type Agreement,
  DEFAULT_AGREEMENT_MAX_BYTES,
  defaultAgreement,
  safeParseAgreement,
} from '@accord/core';
import { UsageError } from './io';

/** The outcome of reading an agreement file. */
export type ReadAgreementResult =
  | { ok: true; agreement: Agreement; source: string }
  | { ok: false; issues: readonly AccordIssue[]; source: string };

/** Reads and validates an agreement file; the size is checked before the file is read. */
export async function readAgreementFile(file: string, cwd: string): Promise<ReadAgreementResult> {
  const path = resolve(cwd, file);
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new UsageError(`${file} is not a file.`);
    size = info.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(
      `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.`,
    );
  }
  if (size > DEFAULT_AGREEMENT_MAX_BYTES) {
    // Refused before reading: an agreement is configuration, not data.
    const { issues } = AccordError.from([
      { code: 'too_large', path: [], bytes: size, maxBytes: DEFAULT_AGREEMENT_MAX_BYTES },
    ]);
    return { ok: false, source: file, issues };
  }
  const text = await readFile(path, 'utf8');
  const result = safeParseAgreement(text);
  return result.success
    ? { ok: true, agreement: result.data, source: file }
    : { ok: false, issues: result.error.issues, source: file };
}

/** The agreement named by `--agreement`, or the default one. */
export async function loadAgreement(file: string | undefined, cwd: string): Promise<ReadAgreementResult> {
  if (file === undefined) {
    // The default agreement is checked like any other: it is the user's starting point.
    const result = safeParseAgreement(defaultAgreement);
    const source = '(default agreement)';
    return result.success
      ? { ok: true, agreement: result.data, source }
      : { ok: false, issues: result.error.issues, source };
  }
  return readAgreementFile(file, cwd);
}
