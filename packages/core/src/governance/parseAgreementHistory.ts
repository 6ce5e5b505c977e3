import { TZDateMini } from '@date-fns/tz';
import { toEpochMs } from '../_lib/instant';
import type { Agreement } from '../agreement/agreement.types';
import { type ParseAgreementOptions, safeParseAgreement } from '../agreement/parseAgreement';
import { accordError } from '../errors/errorMap';
import type { RawIssue, SafeParseResult } from '../errors/errors.types';
import type { Instant } from '../records/records.types';

/** Options for {@link parseAgreementHistory}. */
export interface ParseAgreementHistoryOptions extends ParseAgreementOptions {
  /** Refuse versions that take effect after this instant (`future_version`), unless `allowScheduled`. */
  now?: Instant | Date;
  /** Accept versions scheduled after `now`. Default false. */
  allowScheduled?: boolean;
}

/** The instant a version takes effect: midnight of `effectiveFrom` in the version's own time zone. */
export function effectiveInstant(agreement: Agreement): number {
  if (agreement.effectiveFrom === undefined) return Number.NEGATIVE_INFINITY;
  const [y, m, d] = agreement.effectiveFrom.split('-').map(Number) as [number, number, number];
  return new TZDateMini(y, m - 1, d, 0, 0, 0, 0, agreement.timezone).getTime();
}

/**
 * @name safeParseAgreementHistory
 * @category Governance
 * @summary Validates the versions of an agreement and returns them oldest first, or every issue.
 *
 * @description
 * Each version is checked like {@link parseAgreement} (its issues are prefixed with its index). Then
 * the history: every version is of the same agreement `id`, has an `effectiveFrom` date, and a
 * distinct `version`; no two take effect on the same instant (`overlapping_versions` — midnight of
 * `effectiveFrom` in each version's own time zone); and, given `now`, none takes effect later
 * (`future_version`) unless `allowScheduled`. The result is sorted by effective instant.
 *
 * @param input - An array of agreements (objects or one JSON text of the array).
 * @param options - {@link ParseAgreementHistoryOptions}.
 * @returns `{ success: true, data: versions }` or `{ success: false, error }`.
 *
 * @example
 * const history = safeParseAgreementHistory([v2026_1, v2026_2], { now: new Date() })
 * if (history.success) agreementInForce(history.data, lead.createdAt)?.version //=> '2026.1'
 */
export function safeParseAgreementHistory(
  input: unknown,
  options: ParseAgreementHistoryOptions = {},
): SafeParseResult<Agreement[]> {
  const fail = (issues: RawIssue[]): SafeParseResult<Agreement[]> => ({
    success: false,
    error: accordError(issues, options.errorMap),
  });
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      // Let the per-version parser report the position of the syntax error.
      const parsed = safeParseAgreement(input, options);
      return parsed.success ? fail([]) : { success: false, error: parsed.error };
    }
  }
  if (!Array.isArray(value) || value.length === 0)
    return fail([
      {
        code: 'invalid_type',
        path: [],
        expected: 'a non-empty array of agreement versions',
        received: Array.isArray(value) ? 'empty array' : value === null ? 'null' : typeof value,
      },
    ]);

  const issues: RawIssue[] = [];
  const versions: Agreement[] = [];
  for (const [i, raw] of value.entries()) {
    const parsed = safeParseAgreement(raw, options);
    if (parsed.success) versions[i] = parsed.data;
    else for (const issue of parsed.error.issues) issues.push({ ...issue, path: [i, ...issue.path] } as RawIssue);
  }
  if (issues.length > 0) return fail(issues);

  const first = versions[0] as Agreement;
  const seenVersion = new Map<string, number>();
  const seenInstant = new Map<number, Agreement>();
  const now =
    options.now === undefined
      ? undefined
      : toEpochMs(options.now instanceof Date ? options.now.getTime() : options.now);
  for (const [i, v] of versions.entries()) {
    if (v.id !== first.id)
      issues.push({ code: 'version_mismatch', path: [i, 'id'], expected: first.id, received: v.id });
    const firstIndex = seenVersion.get(v.version);
    if (firstIndex !== undefined)
      issues.push({
        code: 'duplicate_id',
        path: [i, 'version'],
        kind: 'version',
        id: v.version,
        firstPath: [firstIndex, 'version'],
      });
    else seenVersion.set(v.version, i);
    if (v.effectiveFrom === undefined) {
      if (versions.length > 1)
        issues.push({
          code: 'invalid_type',
          path: [i, 'effectiveFrom'],
          expected: 'a YYYY-MM-DD date (every version of a history says when it takes effect)',
          received: 'undefined',
        });
      continue;
    }
    const at = effectiveInstant(v);
    const other = seenInstant.get(at);
    if (other)
      issues.push({
        code: 'overlapping_versions',
        path: [i, 'effectiveFrom'],
        version: v.version,
        other: other.version,
        effectiveFrom: v.effectiveFrom,
      });
    else seenInstant.set(at, v);
    if (now !== undefined && !Number.isNaN(now) && at > now && !options.allowScheduled)
      issues.push({
        code: 'future_version',
        path: [i, 'effectiveFrom'],
        version: v.version,
        effectiveFrom: v.effectiveFrom,
      });
  }
  if (issues.length > 0) return fail(issues);
  return {
    success: true,
    data: versions
      .map((v, i) => [v, i] as const)
      .sort(([a, i], [b, j]) => effectiveInstant(a) - effectiveInstant(b) || i - j)
      .map(([v]) => v),
  };
}

/**
 * @name parseAgreementHistory
 * @category Governance
 * @summary Validates the versions of an agreement; throws {@link AccordError} with every issue.
 *
 * @param input - An array of agreements (objects or one JSON text of the array).
 * @param options - {@link ParseAgreementHistoryOptions}.
 * @returns The versions, oldest first.
 * @throws {AccordError} With every issue, each path starting at the version's index.
 *
 * @example
 * const versions = parseAgreementHistory(JSON.parse(await readFile('agreement-history.json', 'utf8')))
 */
export function parseAgreementHistory(input: unknown, options: ParseAgreementHistoryOptions = {}): Agreement[] {
  const result = safeParseAgreementHistory(input, options);
  if (!result.success) throw result.error;
  return result.data;
}
