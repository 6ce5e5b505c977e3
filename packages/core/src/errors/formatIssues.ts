import type { AccordIssue } from './errors.types';
import { formatPath } from './formatPath';

/** Options for {@link formatIssues}. */
export interface FormatIssuesOptions {
  /** Show at most this many issues, then a count of the rest. Default: all. */
  maxIssues?: number;
}

/**
 * @name formatIssues
 * @category Errors
 * @summary Writes issues as readable lines, one per issue: `path: message`.
 *
 * @param issues - The issues (from `AccordError.issues` or a `safeParse*` result).
 * @param options - {@link FormatIssuesOptions}.
 * @returns The lines joined with newlines.
 *
 * @example
 * formatIssues(error.issues)
 * //=> 'slas[0].start.stage: Unknown stage "sql2"; the agreement\'s stages are "inquiry", "mql", …'
 */
export function formatIssues(issues: readonly AccordIssue[], options: FormatIssuesOptions = {}): string {
  const max = options.maxIssues ?? issues.length;
  const lines = issues.slice(0, max).map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  if (issues.length > max) lines.push(`… and ${issues.length - max} more issue(s).`);
  return lines.join('\n');
}
