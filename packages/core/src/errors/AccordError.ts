import { finalizeIssues } from './_resolve';
import type { AccordIssue, ErrorMap, RawIssue } from './errors.types';
import { formatIssues } from './formatIssues';

/**
 * @name AccordError
 * @category Errors
 * @summary The error thrown by every `parse*` function: a list of coded, located issues.
 *
 * @description
 * Like zod's `ZodError`, it holds `issues` (each with `code`, `path` and `message`) and computes its
 * `message` lazily from them. Catch it, or call the `safeParse*` twin to get a result instead.
 *
 * @example
 * try { parseAgreement(json) } catch (e) { if (e instanceof AccordError) console.error(formatIssues(e.issues)) }
 */
export class AccordError extends Error {
  override readonly name = 'AccordError';
  readonly issues: readonly AccordIssue[];

  constructor(issues: readonly AccordIssue[]) {
    super();
    this.issues = issues;
    Object.defineProperty(this, 'message', {
      get: () => formatIssues(this.issues),
      enumerable: false,
      configurable: true,
    });
  }

  /** Builds an error from raw issues, resolving their messages through the error maps. */
  static from(issues: readonly RawIssue[], errorMap?: ErrorMap): AccordError {
    return new AccordError(finalizeIssues(issues, errorMap));
  }
}
