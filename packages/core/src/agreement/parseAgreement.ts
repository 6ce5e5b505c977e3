import { fromZodIssues } from '../_lib/fromZodIssues';
import { byteLength, parseJsonText } from '../_lib/parseJsonText';
import { accordError } from '../errors/errorMap';
import type { ParseOptions, RawIssue, SafeParseResult } from '../errors/errors.types';
import { checkAgreement } from './_checkAgreement';
import { AgreementSchema } from './agreement.schemas';
import type { Agreement } from './agreement.types';

/** Default size limit for an agreement: 1 MiB is far beyond any real one. */
export const DEFAULT_AGREEMENT_MAX_BYTES = 1024 * 1024;

/** Options for {@link parseAgreement}. */
export interface ParseAgreementOptions extends ParseOptions {
  /** Refuse inputs larger than this many bytes of JSON. Default 1 MiB. */
  maxBytes?: number;
}

/**
 * @name safeParseAgreement
 * @category Agreement
 * @summary Validates an agreement (an object, or JSON text) and returns a result instead of throwing.
 *
 * @description
 * Runs, in order: the size limit, JSON parsing (with line and column), the structural schema, then
 * the cross-field checks (duplicate ids; unknown stages, calendars, pools and metrics; an empty
 * funnel; a recycle policy without a recycle stage; business-clock SLAs without a calendar).
 * Every problem becomes an issue with a code and the exact path.
 *
 * @param input - JSON text, or an already-parsed value.
 * @param options - {@link ParseAgreementOptions}.
 * @returns `{ success: true, data }` or `{ success: false, error }`.
 *
 * @example
 * const result = safeParseAgreement(await readFile('agreement.json', 'utf8'))
 * if (!result.success) console.error(formatIssues(result.error.issues))
 */
export function safeParseAgreement(input: unknown, options: ParseAgreementOptions = {}): SafeParseResult<Agreement> {
  const maxBytes = options.maxBytes ?? DEFAULT_AGREEMENT_MAX_BYTES;
  const fail = (issues: RawIssue[]): SafeParseResult<Agreement> => ({
    success: false,
    error: accordError(issues, options.errorMap),
  });
  let value = input;
  if (typeof input === 'string') {
    const parsed = parseJsonText(input, maxBytes);
    if (!parsed.ok) return fail([parsed.issue]);
    value = parsed.value;
  } else {
    let size: number;
    try {
      size = byteLength(JSON.stringify(input) ?? '');
    } catch {
      return fail([
        {
          code: 'invalid_type',
          path: [],
          expected: 'JSON-serialisable agreement',
          received: 'value with cycles or BigInt',
        },
      ]);
    }
    if (size > maxBytes) return fail([{ code: 'too_large', path: [], bytes: size, maxBytes }]);
  }
  const structural = AgreementSchema.safeParse(value, { reportInput: true });
  if (!structural.success) return fail(fromZodIssues(structural.error.issues));
  const issues = checkAgreement(structural.data);
  if (issues.length > 0) return fail(issues);
  return { success: true, data: structural.data };
}

/**
 * @name parseAgreement
 * @category Agreement
 * @summary Validates an agreement (an object, or JSON text) and returns it, or throws.
 *
 * @param input - JSON text, or an already-parsed value.
 * @param options - {@link ParseAgreementOptions}.
 * @returns The validated agreement.
 * @throws {AccordError} Holding every issue, each with a code and path.
 *
 * @example
 * const agreement = parseAgreement(JSON.parse(text))
 */
export function parseAgreement(input: unknown, options: ParseAgreementOptions = {}): Agreement {
  const result = safeParseAgreement(input, options);
  if (!result.success) throw result.error;
  return result.data;
}
