import type { AccordIssue } from './errors.types';
import { formatPath } from './formatPath';

/** Issues grouped for forms: root issues apart, the others by field path. */
export interface FlattenIssuesResult {
  formErrors: string[];
  fieldErrors: Record<string, string[]>;
}

/**
 * @name flattenIssues
 * @category Errors
 * @summary Groups issue messages by field path, for showing them next to form fields.
 *
 * @param issues - The issues.
 * @returns `{ formErrors, fieldErrors }` where `fieldErrors` is keyed by {@link formatPath}.
 *
 * @example
 * flattenIssues(error.issues).fieldErrors['stages[1].id'] //=> ['Duplicate stage id "mql"; ids must be unique.']
 */
export function flattenIssues(issues: readonly AccordIssue[]): FlattenIssuesResult {
  const result: FlattenIssuesResult = { formErrors: [], fieldErrors: Object.create(null) };
  for (const issue of issues) {
    if (issue.path.length === 0) {
      result.formErrors.push(issue.message);
      continue;
    }
    const key = formatPath(issue.path);
    const messages = result.fieldErrors[key] ?? [];
    messages.push(issue.message);
    result.fieldErrors[key] = messages;
  }
  return result;
}
