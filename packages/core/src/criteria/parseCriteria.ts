import { accordError } from '../errors/errorMap';
import type { ParseOptions, SafeParseResult } from '../errors/errors.types';
import type { Rule } from './criteria.types';
import { validateRule } from './validateRule';

/**
 * @name parseCriteria
 * @category Criteria
 * @summary Validates an untrusted rule (from JSON, a form, an API) and returns it typed.
 *
 * @param input - The candidate rule.
 * @param options - An optional per-call `errorMap`.
 * @returns The rule.
 * @throws {AccordError} With one issue per problem, e.g. `all[0].field: Path segment "__proto__" is not allowed`.
 *
 * @example
 * const rule = parseCriteria(JSON.parse(body))
 */
export function parseCriteria(input: unknown, options: ParseOptions = {}): Rule {
  const result = safeParseCriteria(input, options);
  if (!result.success) throw result.error;
  return result.data;
}

/**
 * @name safeParseCriteria
 * @category Criteria
 * @summary Like {@link parseCriteria}, but returns `{ success, data }` or `{ success, error }`.
 *
 * @example
 * const result = safeParseCriteria(input)
 * if (!result.success) showIssues(result.error.issues)
 */
export function safeParseCriteria(input: unknown, options: ParseOptions = {}): SafeParseResult<Rule> {
  const issues = validateRule(input);
  if (issues.length > 0) return { success: false, error: accordError(issues, options.errorMap) };
  return { success: true, data: input as Rule };
}
