import { lintRouting, summarizeAgreement } from '@accord/core';
import { type CliIo, EXIT, UsageError } from '../_lib/io';
import { parseFlags } from '../_lib/parseFlags';
import { readAgreementFile } from '../_lib/readAgreement';
import { reportIssues } from '../_lib/reportIssues';

export const VALIDATE_HELP = `Usage: accord validate <agreement.json> [--json]

Checks an operating agreement: JSON syntax, every field's type and format, and the cross-field rules
(unknown or duplicate ids, SLAs starting at stages that do not exist, calendars, an empty funnel…),
then lints the routing (unreachable rules, overlapping territories, pools nobody works for during SLA
hours…). Exit 0 with a summary when it is valid (routing warnings are printed); exit 2 with every
issue (path: message) on stderr, or when the routing has errors.

Options:
  --json   print one JSON document: { "valid", "file", "summary" | "issues" }
  --help   show this help`;

export async function validateCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(args, { json: { type: 'boolean' } }, 'validate');
  if (positionals.length !== 1)
    throw new UsageError('accord validate takes exactly one file: accord validate agreement.json');
  const file = positionals[0] as string;
  const result = await readAgreementFile(file, io.cwd);
  if (!result.ok) {
    reportIssues(io, file, result.issues);
    if (values.json) io.stdout.write(`${JSON.stringify({ valid: false, file, issues: result.issues }, null, 2)}\n`);
    return EXIT.badInput;
  }
  const summary = summarizeAgreement(result.agreement);
  const routing = lintRouting(result.agreement);
  const routingErrors = routing.filter((f) => f.severity === 'error');
  if (values.json) {
    io.stdout.write(`${JSON.stringify({ valid: routingErrors.length === 0, file, summary, routing }, null, 2)}\n`);
    return routingErrors.length === 0 ? EXIT.ok : EXIT.badInput;
  }
  const s = summary;
  const funnel = s.stages.funnel.join(' → ');
  io.stdout.write(
    [
      `✓ ${file}: ${s.name ? `"${s.name}" ` : ''}(${s.id}) v${s.version}${s.effectiveFrom ? `, effective ${s.effectiveFrom}` : ''}, ${s.timezone}`,
      `  stages       ${s.stages.total} — ${funnel}${s.stages.side.length ? `; side states: ${s.stages.side.join(', ')}` : ''}`,
      `  SLAs         ${s.slas.total} (${s.slas.sales} sales, ${s.slas.marketing} marketing)`,
      `  reasons      ${s.reasons}`,
      `  calendars    ${s.calendars}`,
      `  routing      ${s.routing.rules} rules, ${s.routing.pools} pools, ${s.routing.members} members`,
      `  metrics      ${s.metrics} custom, ${s.targets} targets`,
      `  attribution  ${s.attribution ?? '(none)'}`,
      ...(routing.length > 0
        ? ['', 'Routing:', ...routing.map((f) => `  ${f.severity === 'error' ? '✗' : '!'} ${f.message}`)]
        : []),
      '',
    ].join('\n'),
  );
  return routingErrors.length === 0 ? EXIT.ok : EXIT.badInput;
}
