import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { buildGlossary } from '@accord/core';
import { type CliIo, EXIT, UsageError } from '../_lib/io';
import { parseFlags } from '../_lib/parseFlags';
import { loadAgreement } from '../_lib/readAgreement';
import { reportIssues } from '../_lib/reportIssues';
import { renderGlossaryHtml, renderGlossaryMarkdown } from '../report/renderGlossary';

export const GLOSSARY_HELP = `Usage: accord glossary [agreement.json] [options]

Publishes the definitions of an agreement version — funnel stages with their entry and exit criteria,
the SLAs as promises on their clocks, the reject reasons and their actions, and the whole metric
dictionary (formula, owner, unit, view, target) — as Markdown and HTML: the frozen definitions both
teams point at. Without a file, the default agreement.

Options:
  --agreement FILE   the agreement (same as the positional file)
  --out DIR          where to write glossary-<version>.md and .html (default: accord-glossary)
  --json             print the glossary as one JSON document instead of writing files
  --help             show this help`;

/** A file-name-safe form of a version string. */
const slug = (version: string) => version.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'version';

export async function glossaryCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(
    args,
    { agreement: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } },
    'glossary',
  );
  if (positionals.length > 1 || (positionals.length === 1 && values.agreement !== undefined))
    throw new UsageError('accord glossary takes one agreement: a file, or --agreement FILE.');
  const loaded = await loadAgreement(positionals[0] ?? values.agreement, io.cwd);
  if (!loaded.ok) {
    reportIssues(io, loaded.source, loaded.issues);
    return EXIT.badInput;
  }
  const glossary = buildGlossary(loaded.agreement);
  if (values.json) {
    io.stdout.write(`${JSON.stringify(glossary, null, 2)}\n`);
    return EXIT.ok;
  }
  const dir = resolve(io.cwd, values.out ?? 'accord-glossary');
  await mkdir(dir, { recursive: true });
  const base = `glossary-${slug(glossary.version)}`;
  const md = join(dir, `${base}.md`);
  const html = join(dir, `${base}.html`);
  await writeFile(md, renderGlossaryMarkdown(glossary), 'utf8');
  await writeFile(html, renderGlossaryHtml(glossary), 'utf8');
  const counts = glossary.sections.map((s) => `${s.terms.length} ${s.title.toLowerCase()}`).join(', ');
  io.stdout.write(
    [
      `Glossary of ${glossary.name ?? glossary.agreementId} v${glossary.version}: ${counts}.`,
      `  ${relative(io.cwd, md) || md}`,
      `  ${relative(io.cwd, html) || html}`,
      '',
    ].join('\n'),
  );
  return EXIT.ok;
}
