import { type CliIo, EXIT, UsageError } from '../_lib/io';
import { instantFlag, intFlag, parseFlags } from '../_lib/parseFlags';
import { loadAgreement } from '../_lib/readAgreement';
import { readCanonicalFile, reportInputs } from '../_lib/readCanonicalFile';
import { reportIssues } from '../_lib/reportIssues';
import { buildSlaReport, localTime, renderAcceptance, renderBreachRates, renderQueue } from '../_lib/slaReport';
import { formatCount } from '../_lib/table';

export const SLA_HELP = `Usage: accord sla <leads.csv> <activities.csv> [--events stage-events.csv] [--now ISO] [options]

Runs every SLA of the agreement on every lead — both sides: sales' first touch, touch cadence and
disposition clocks on the business calendars, marketing's lead standard at handoff and acceptance
floor — and prints the open clocks, next breach first, with the escalation due now, then the breach
rate by side and SLA and the acceptance rate per period. Files use the canonical CSV columns (see
"accord sample"); a date without a time is midnight in the agreement's time zone.

Options:
  --events FILE     stage events, for recycled leads' new cycles (default: the leads' stage.<id> dates)
  --now ISO         the instant to evaluate at (default: the current time; for a sample, use the
                    "asOf" in its manifest.json)
  --agreement FILE  use this agreement instead of the default one
  --limit N         rows of the queue table (default 20; --json always lists every open clock)
  --strict          exit 2 on any bad row instead of skipping it
  --json            print one JSON document

Bad rows are skipped and reported on stderr (and in the JSON); an unreadable file exits 2.`;

export async function slaCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(
    args,
    {
      events: { type: 'string' },
      now: { type: 'string' },
      agreement: { type: 'string' },
      limit: { type: 'string' },
      strict: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    'sla',
  );
  if (positionals.length !== 2) throw new UsageError('accord sla takes two files: accord sla leads.csv activities.csv');
  const limit = intFlag(values.limit, 'limit', 20, 0, 1_000_000);
  const now = instantFlag(values.now, 'now');
  const loaded = await loadAgreement(values.agreement, io.cwd);
  if (!loaded.ok) {
    reportIssues(io, loaded.source, loaded.issues);
    return EXIT.badInput;
  }
  const agreement = loaded.agreement;
  const [leadsFile, activitiesFile] = positionals as [string, string];
  const inputs = [
    await readCanonicalFile('leads', leadsFile, io.cwd, agreement),
    await readCanonicalFile('activities', activitiesFile, io.cwd, agreement),
    ...(values.events ? [await readCanonicalFile('stageEvents', values.events, io.cwd, agreement)] : []),
  ];
  if (reportInputs(io, inputs, values.strict === true)) return EXIT.badInput;
  const [leads, activities, events] = inputs;
  const report = buildSlaReport(
    leads?.records as never,
    activities?.records as never,
    agreement,
    now,
    events?.records as never,
  );
  if (values.json) {
    const input = Object.fromEntries(
      inputs.map((i) => [i.file, { records: i.records.length, skipped: i.skipped, issues: i.issues }]),
    );
    io.stdout.write(`${JSON.stringify({ ...report, now: new Date(now).toISOString(), input }, null, 2)}\n`);
    return EXIT.ok;
  }
  const byId = new Map((leads?.records ?? []).map((l) => [(l as { id: string }).id, l as never]));
  const breachedOpen = report.open.filter((s) => s.state === 'breached').length;
  io.stdout.write(
    [
      `SLA clocks as of ${localTime(now, agreement.timezone)} (${agreement.timezone}) — ${formatCount(report.leads)} leads, ${formatCount(report.open.length)} open clocks, ${formatCount(breachedOpen)} of them breached`,
      '',
      report.open.length === 0
        ? '  No open clocks.'
        : renderQueue(report.open.slice(0, limit), byId, agreement.timezone),
      report.open.length > limit
        ? `  … ${formatCount(report.open.length - limit)} more (--limit, or --json for all)`
        : '',
      '',
      'Breach rate by side (breached ÷ decided; "b" = business time)',
      renderBreachRates(report.summary),
      '',
      renderAcceptance(report.acceptance),
      '',
    ]
      .filter((line, i, all) => !(line === '' && all[i - 1] === ''))
      .join('\n'),
  );
  return EXIT.ok;
}
