import { type AccordIssue, formatIssues } from '@accord/core';
import type { CliIo } from './io';

/** Prints the issues of one input on stderr: `✗ file: N issue(s)`, then `path: message` lines. */
export function reportIssues(io: CliIo, source: string, issues: readonly AccordIssue[], maxIssues = 200): void {
  io.stderr.write(
    `✗ ${source}: ${issues.length} issue${issues.length === 1 ? '' : 's'}\n${formatIssues(issues, { maxIssues }).replace(/^/gm, '  ')}\n`,
  );
}
