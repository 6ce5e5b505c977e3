import { fromZodIssues } from '../_lib/fromZodIssues';
import { AccordError } from '../errors/AccordError';
import { finalizeIssues } from '../errors/errorMap';
import type { AccordIssue, ParseOptions, RawIssue } from '../errors/errors.types';
import { RecordSchemas } from './records.schemas';
import type { RecordKind, RecordTypes } from './records.types';

/** Options for {@link validateRecords}. */
export interface ValidateRecordsOptions extends ParseOptions {
  /**
   * `'strict'` throws an {@link AccordError} when any record is invalid; `'lenient'` (default) keeps
   * the valid records and reports every skipped one. Nothing is ever dropped silently.
   */
  mode?: 'strict' | 'lenient';
}

/** The outcome of {@link validateRecords}. */
export interface ValidateRecordsResult<K extends RecordKind> {
  /** The records that passed, in input order. */
  records: RecordTypes[K][];
  /** Every problem found, with paths such as `leads[12].createdAt`. */
  issues: readonly AccordIssue[];
  /** Input positions of the records left out. */
  skipped: number[];
}

/**
 * @name validateRecords
 * @category Records
 * @summary Validates canonical records at the boundary (adapter output, files, webhooks).
 *
 * @description
 * Checks each record against its schema and ids for duplicates. Issues name the record and the
 * field (`leads[12].createdAt`). A duplicate keeps the first record and skips the later ones.
 *
 * @param kind - The record kind: `leads`, `stageEvents`, `activities`, `touchpoints`, `opportunities` or `spend`.
 * @param rows - Untrusted input rows.
 * @param options - {@link ValidateRecordsOptions}.
 * @returns The valid records, the issues and the skipped positions.
 * @throws {AccordError} In strict mode, when any row is invalid.
 *
 * @example
 * const { records, issues } = validateRecords('leads', rows)
 * if (issues.length) console.warn(formatIssues(issues))
 */
export function validateRecords<K extends RecordKind>(
  kind: K,
  rows: readonly unknown[],
  options: ValidateRecordsOptions = {},
): ValidateRecordsResult<K> {
  const schema = RecordSchemas[kind];
  const records: RecordTypes[K][] = [];
  const raw: RawIssue[] = [];
  const skipped: number[] = [];
  const seen = new Map<string, number>();
  const hasId = kind !== 'spend' && kind !== 'stageEvents';
  for (let i = 0; i < rows.length; i++) {
    const parsed = schema.safeParse(rows[i], { reportInput: true });
    if (!parsed.success) {
      raw.push(...fromZodIssues(parsed.error.issues, [kind, i]));
      skipped.push(i);
      continue;
    }
    if (hasId) {
      const id = (parsed.data as { id: string }).id;
      const first = seen.get(id);
      if (first !== undefined) {
        raw.push({ code: 'duplicate_id', path: [kind, i, 'id'], kind: 'record', id, firstPath: [kind, first, 'id'] });
        skipped.push(i);
        continue;
      }
      seen.set(id, i);
    }
    records.push(parsed.data);
  }
  const issues = finalizeIssues(raw, options.errorMap);
  if (options.mode === 'strict' && issues.length > 0) throw new AccordError(issues);
  return { records, issues, skipped };
}
