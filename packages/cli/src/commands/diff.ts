import { diffAgreements } from '@accord/core';
import { type CliIo, EXIT, UsageError } from '../_lib/io';
import { parseFlags } from '../_lib/parseFlags';
import { readAgreementFile } from '../_lib/readAgreement';
import { reportIssues } from '../_lib/reportIssues';

export const DIFF_HELP = `Usage: accord diff <old.json> <new.json> [--json]

Lists what changed between two versions of an agreement, in words a funnel council can read: stages
and their criteria, SLA targets, reasons, routing (including a new rule order), metrics, targets,
attribution, ICP… Entries of lists are matched by id. Exit 0 with or without changes.

Options:
  --json   print { "from", "to", "changes": [{ "kind", "area", "path", "summary" }] }
  --help   show this help`;

export async function diffCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(args, { json: { type: 'boolean' } }, 'diff');
  if (positionals.length !== 2)
    throw new UsageError('accord diff takes two agreement files: accord diff old.json new.json');
  const [oldFile, newFile] = positionals as [string, string];
  const [a, b] = await Promise.all([readAgreementFile(oldFile, io.cwd), readAgreementFile(newFile, io.cwd)]);
  let bad = false;
  for (const r of [a, b])
    if (!r.ok) {
      reportIssues(io, r.source, r.issues);
      bad = true;
    }
  if (!a.ok || !b.ok || bad) return EXIT.badInput;
  const diff = diffAgreements(a.agreement, b.agreement);
  if (values.json) {
    const changes = diff.changes.map(({ kind, area, path, summary }) => ({ kind, area, path, summary }));
    io.stdout.write(`${JSON.stringify({ from: diff.from, to: diff.to, changes }, null, 2)}\n`);
    return EXIT.ok;
  }
  const head = (v: typeof diff.from) => `v${v.version}${v.effectiveFrom ? ` (from ${v.effectiveFrom})` : ''}`;
  const lines = [`${diff.from.id}: ${head(diff.from)} → ${head(diff.to)}`];
  if (diff.changes.length === 0) lines.push('  No changes to the definitions.');
  const marks = { added: '+', removed: '-', changed: '~', reordered: '↕' } as const;
  for (const c of diff.changes) lines.push(`  ${marks[c.kind]} ${c.summary}`);
  lines.push(`${diff.changes.length} change${diff.changes.length === 1 ? '' : 's'}.`, '');
  io.stdout.write(lines.join('\n'));
  return EXIT.ok;
}
