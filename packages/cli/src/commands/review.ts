import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import {
  AccordError,
  type Account,
  type Activity,
  type Lead,
  type RecordKind,
  type ReviewItem,
  type ReviewSample,
  sampleForReview,
} from '@accord/core';
import { type CliIo, EXIT, UsageError } from '../_lib/io';
import { instantFlag, intFlag, parseFlags } from '../_lib/parseFlags';
import { loadAgreement } from '../_lib/readAgreement';
import { type ReadFileResult, readCanonicalFile, reportInputs } from '../_lib/readCanonicalFile';
import { reportIssues } from '../_lib/reportIssues';
import { formatCount } from '../_lib/table';
import { escapeHtml } from '../report/escapeHtml';
import { escapeMarkdown, staticDocument } from '../report/staticDocument';

export const REVIEW_HELP = `Usage: accord review <leads.csv> [options]

Draws the leads for the weekly Sales–Marketing review: a reproducible sample of accepted and rejected
leads (by default stratified by Sales' decision, every reason represented), each with its "why" — the
stage and its criteria, the SLA clocks, the disposition with its reason and detail, and who today's
routing rules would assign against the owner it has.

Options:
  --n N              how many leads (default 20, at most 1000)
  --seed S           the draw's seed (default: the week's number, so a week's sample is stable)
  --stratify-by F    disposition (default), or a lead field: source, ownerId, attributes.<name>
  --from ISO         only decisions from this instant (default: 7 days before --now)
  --to ISO           … up to this instant, exclusive (default: --now)
  --now ISO          the instant the review looks from (default: the current time)
  --activities F     canonical activities.csv (SLA clocks)
  --accounts F       canonical accounts.csv (routing by account)
  --agreement FILE   the agreement (default: the default agreement)
  --out DIR          also write review-<date>.md and .html there
  --strict           exit 2 on any bad row
  --json             print one JSON document
Exit codes: 0 ok, 2 bad input, 1 internal failure.`;

const DAY = 86_400_000;
const CLOCKS = new Set(['first_touch', 'disposition', 'touches']);
const minutes = (m: number) => (m >= 60 ? `${Math.round((m / 60) * 10) / 10} h` : `${Math.round(m)} min`);

function itemLines(item: ReviewItem): string[] {
  const lines = [
    `${item.leadId}  [${item.stratum}]  source ${item.source ?? '—'} · owner ${item.ownerId ?? '—'} · stage ${item.stage.label ?? '—'}`,
  ];
  if (item.disposition)
    lines.push(
      `  disposition: ${item.disposition.label} → ${item.disposition.action ?? '?'}${item.disposition.detail ? ` (“${item.disposition.detail}”)` : ''}${item.disposition.by ? ` by ${item.disposition.by}` : ''}`,
    );
  if (item.criteria)
    lines.push(
      `  ${item.stage.label} criteria ${item.criteria.passed ? 'met' : 'NOT met'}: ${item.criteria.reasons.join('; ')}`,
    );
  for (const s of item.slas)
    lines.push(
      CLOCKS.has(s.kind)
        ? `  SLA ${s.label}: ${s.state} (${minutes(s.elapsedMinutes)} of ${minutes(s.targetMinutes)})`
        : `  SLA ${s.label}: ${s.state}`,
    );
  lines.push(
    `  routing: rules say ${item.routing.expected}${item.routing.ruleId ? ` (rule ${item.routing.ruleId})` : ''}; ${item.routing.agrees === null ? 'nothing to compare' : item.routing.agrees ? 'owner agrees' : `owner ${item.ownerId} does NOT match`}`,
  );
  return lines;
}

function markdown(review: ReviewSample, title: string): string {
  const out = [`# ${escapeMarkdown(title)}`, '', '| Stratum | Leads | Sampled |', '| --- | ---: | ---: |'];
  for (const s of review.strata) out.push(`| ${escapeMarkdown(s.key)} | ${s.population} | ${s.sampled} |`);
  out.push('', `Seed ${review.seed}; stratified by ${escapeMarkdown(review.stratifyBy)}.`, '');
  for (const item of review.items) {
    out.push(`## ${escapeMarkdown(item.leadId)} — ${escapeMarkdown(item.stratum)}`, '');
    for (const line of itemLines(item).slice(1)) out.push(`- ${escapeMarkdown(line.trim())}`);
    out.push(
      '',
      `Source ${escapeMarkdown(item.source ?? '—')}, owner ${escapeMarkdown(item.ownerId ?? '—')}, stage ${escapeMarkdown(item.stage.label ?? '—')}.`,
      '',
    );
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function html(review: ReviewSample, title: string): string {
  const e = escapeHtml;
  const parts = [
    '<main>',
    `<h1>${e(title)}</h1>`,
    '<table><thead><tr><th scope="col">Stratum</th><th scope="col" class="num">Leads</th><th scope="col" class="num">Sampled</th></tr></thead><tbody>',
    ...review.strata.map(
      (s) =>
        `<tr><th scope="row">${e(s.key)}</th><td class="num">${s.population}</td><td class="num">${s.sampled}</td></tr>`,
    ),
    '</tbody></table>',
    `<p class="muted">Seed ${review.seed}; stratified by ${e(review.stratifyBy)}.</p>`,
  ];
  for (const item of review.items) {
    parts.push(`<section><h2>${e(item.leadId)} <span class="muted">${e(item.stratum)}</span></h2><ul>`);
    for (const line of itemLines(item)) parts.push(`<li>${e(line.trim())}</li>`);
    parts.push('</ul></section>');
  }
  parts.push('</main>');
  return staticDocument({ title, body: parts.join('\n') });
}

export async function reviewCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(
    args,
    {
      n: { type: 'string' },
      seed: { type: 'string' },
      'stratify-by': { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      now: { type: 'string' },
      activities: { type: 'string' },
      accounts: { type: 'string' },
      agreement: { type: 'string' },
      out: { type: 'string' },
      strict: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    'review',
  );
  if (positionals.length !== 1) throw new UsageError('accord review takes one leads file: accord review leads.csv');
  const n = intFlag(values.n, 'n', 20, 1, 1000);
  const now = instantFlag(values.now, 'now');
  const to = values.to === undefined ? now : instantFlag(values.to, 'to');
  const from = values.from === undefined ? to - 7 * DAY : instantFlag(values.from, 'from');
  if (from >= to) throw new UsageError('--from must be before --to.');
  // The default seed is the week's number since the epoch: the same week gives the same sample.
  const seed = intFlag(values.seed, 'seed', Math.floor(to / (7 * DAY)), -2147483648, 2147483647);
  const loaded = await loadAgreement(values.agreement, io.cwd);
  if (!loaded.ok) {
    reportIssues(io, loaded.source, loaded.issues);
    return EXIT.badInput;
  }
  const agreement = loaded.agreement;
  const files: [RecordKind, string | undefined][] = [
    ['leads', positionals[0]],
    ['activities', values.activities],
    ['accounts', values.accounts],
  ];
  const inputs = new Map<RecordKind, ReadFileResult<RecordKind>>();
  for (const [kind, file] of files)
    if (file !== undefined) inputs.set(kind, await readCanonicalFile(kind, file, io.cwd, agreement));
  if (reportInputs(io, [...inputs.values()], values.strict === true)) return EXIT.badInput;
  const leads = inputs.get('leads')?.records as Lead[];
  let review: ReviewSample;
  try {
    review = sampleForReview(leads, {
      agreement,
      now,
      n,
      seed,
      from,
      to,
      ...(values['stratify-by'] ? { stratifyBy: values['stratify-by'] } : {}),
      ...(inputs.has('activities') ? { activities: inputs.get('activities')?.records as Activity[] } : {}),
      ...(inputs.has('accounts') ? { accounts: inputs.get('accounts')?.records as Account[] } : {}),
    });
  } catch (error) {
    if (!(error instanceof AccordError)) throw error;
    reportIssues(io, 'options', error.issues);
    return EXIT.badInput;
  }
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const title = `Weekly review: ${review.items.length} of ${formatCount(review.population)} decisions, ${day(from)} – ${day(to - 1)}`;
  if (values.json) {
    io.stdout.write(
      `${JSON.stringify({ from: new Date(from).toISOString(), to: new Date(to).toISOString(), ...review }, null, 2)}\n`,
    );
    return EXIT.ok;
  }
  const out = [title, ...review.strata.map((s) => `  ${s.key}: ${s.sampled} of ${formatCount(s.population)}`), ''];
  for (const item of review.items) out.push(...itemLines(item), '');
  if (values.out !== undefined) {
    const dir = resolve(io.cwd, values.out);
    await mkdir(dir, { recursive: true });
    const md = join(dir, `review-${day(to - 1)}.md`);
    const page = join(dir, `review-${day(to - 1)}.html`);
    await writeFile(md, markdown(review, title), 'utf8');
    await writeFile(page, html(review, title), 'utf8');
    out.push(`Wrote ${relative(io.cwd, md)} and ${relative(io.cwd, page)}.`, '');
  }
  io.stdout.write(out.join('\n'));
  return EXIT.ok;
}
