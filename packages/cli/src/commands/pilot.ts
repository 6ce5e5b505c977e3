import {
  AccordError,
  type MetricInfo,
  type PilotCell,
  type PilotRow,
  type RunPilotOptions,
  runPilot,
} from '@accord/core';
import { type CliIo, EXIT, UsageError } from '../_lib/io';
import { instantFlag, parseFlags } from '../_lib/parseFlags';
import { readAgreementFile } from '../_lib/readAgreement';
import { RECORD_FILE_FLAGS, readScorecardData } from '../_lib/readScorecardData';
import { reportIssues } from '../_lib/reportIssues';
import { formatValue } from '../_lib/scorecardReport';
import { formatCount, formatRate, renderTable } from '../_lib/table';

export const PILOT_HELP = `Usage: accord pilot <leads.csv> --baseline A.json --candidate B.json [options]

Pilots a new definition beside the one in force, on the same data: the scorecard under both agreement
versions side by side, with the change per metric and group, and what the candidate changes in words.
Where the versions' stage entry criteria differ, each version's own criteria decide who is in that
stage: a lead the candidate would not qualify is cut there (with what it went on to do), one it would
qualify earlier enters it (its outcome was never observed). The split shows both groups' conversion.

Options:
  --baseline FILE      the agreement in force (required)
  --candidate FILE     the version to pilot (required)
  --period P           2026-Q3, 2026-07, 2026 or 2026-07-01: the pilot's window
  --group-by DIMS      comma-separated: source, campaign, segment, region, owner, team, …
  --metrics IDS        comma-separated metric ids (default: the default scorecard)
  --now ISO            the instant the data describes (default: the current time)
  --opportunities F    canonical opportunities.csv (and --activities, --touchpoints, --spend, --accounts)
  --no-reclassify      read the recorded stage dates under both versions
  --strict             exit 2 on any bad or suspect row
  --json               print one JSON document (the core's PilotResult)
Exit codes: 0 ok, 2 bad input, 1 internal failure.`;

const cellText = (c: PilotCell, next: string | null) =>
  `${formatCount(c.leads).padStart(6)} leads · ${next ? `→ ${next} ${formatRate(c.reachedNext.value)} (95% CI ${formatRate(c.reachedNext.low)}–${formatRate(c.reachedNext.high)})` : ''} · won ${formatRate(c.won.value)}`;

function deltaText(info: MetricInfo, delta: number | null, money: Intl.NumberFormat): string {
  if (delta === null) return '—';
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  const x = Math.abs(delta);
  if (info.unit === 'ratio') return `${sign}${(x * 100).toFixed(1)} pt`;
  if (info.unit === 'money') return `${sign}${money.format(x / 100)}`;
  if (info.unit === 'count') return `${sign}${formatCount(Math.round(x * 100) / 100)}`;
  return `${sign}${x.toFixed(1)}`;
}

export async function pilotCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(
    args,
    {
      baseline: { type: 'string' },
      candidate: { type: 'string' },
      period: { type: 'string' },
      'group-by': { type: 'string' },
      metrics: { type: 'string' },
      now: { type: 'string' },
      ...RECORD_FILE_FLAGS,
      'no-reclassify': { type: 'boolean' },
      strict: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    'pilot',
  );
  if (positionals.length !== 1)
    throw new UsageError(
      'accord pilot takes one leads file: accord pilot leads.csv --baseline A.json --candidate B.json',
    );
  if (!values.baseline || !values.candidate)
    throw new UsageError('accord pilot needs --baseline FILE and --candidate FILE.');
  const [a, b] = await Promise.all([
    readAgreementFile(values.baseline, io.cwd),
    readAgreementFile(values.candidate, io.cwd),
  ]);
  if (!a.ok || !b.ok) {
    for (const r of [a, b]) if (!r.ok) reportIssues(io, r.source, r.issues);
    return EXIT.badInput;
  }
  const now = instantFlag(values.now, 'now');
  const read = await readScorecardData(positionals[0] as string, values, io, a.agreement, values.strict === true);
  if (!read) return EXIT.badInput;
  const { data } = read;
  const list = (s: string | undefined) =>
    s
      ?.split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  const metrics = list(values.metrics);
  const options: RunPilotOptions = {
    asOf: now,
    groupBy: list(values['group-by']) ?? [],
    mode: values.strict ? 'strict' : 'lenient',
    ...(metrics ? { metrics } : {}),
    ...(values.period !== undefined ? { period: values.period } : {}),
    ...(values['no-reclassify'] ? { reclassify: false } : {}),
  };
  let pilot: ReturnType<typeof runPilot>;
  try {
    pilot = runPilot(data, a.agreement, b.agreement, options);
  } catch (error) {
    if (!(error instanceof AccordError)) throw error;
    reportIssues(io, 'options', error.issues);
    return EXIT.badInput;
  }
  if (values.json) {
    io.stdout.write(`${JSON.stringify(pilot, null, 2)}\n`);
    return EXIT.ok;
  }
  const money = new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: a.agreement.currency ?? 'USD',
    maximumFractionDigits: 0,
  });
  const out: string[] = [
    `Pilot: v${pilot.candidate.version} beside v${pilot.baseline.version} on ${formatCount(data.leads.length)} leads${values.period ? ` in ${values.period}` : ''}`,
    '',
    'What the candidate changes:',
    ...(pilot.changes.length === 0 ? ['  nothing in the definitions'] : pilot.changes.map((c) => `  • ${c.summary}`)),
  ];
  for (const s of pilot.stages)
    out.push(
      '',
      `${s.label}: who is in it under each version (outcomes as recorded)`,
      `  both versions     ${cellText(s.both, s.nextStageId)}`,
      `  baseline only     ${cellText(s.baselineOnly, s.nextStageId)}   ← the candidate drops these`,
      `  candidate only    ${cellText(s.candidateOnly, s.nextStageId)}   ← never handed over: outcome unknown`,
    );
  const rows: PilotRow[] = options.groupBy?.length ? [...pilot.rows, pilot.totals] : [pilot.totals];
  for (const row of rows) {
    const label = row === pilot.totals ? 'All leads' : Object.values(row.group).join(' · ');
    out.push(
      '',
      label,
      renderTable(pilot.metrics, [
        { header: 'metric', value: (m) => m.label },
        {
          header: `v${pilot.baseline.version}`,
          align: 'right',
          value: (m) => formatValue(m, row.metrics[m.id]?.baseline ?? undefined, money),
        },
        {
          header: `v${pilot.candidate.version}`,
          align: 'right',
          value: (m) => formatValue(m, row.metrics[m.id]?.candidate ?? undefined, money),
        },
        { header: 'change', align: 'right', value: (m) => deltaText(m, row.metrics[m.id]?.delta ?? null, money) },
      ]),
    );
  }
  if (pilot.issues.length > 0)
    out.push('', `${formatCount(pilot.issues.length)} records left out (see --json for each).`);
  io.stdout.write(`${out.join('\n')}\n`);
  return EXIT.ok;
}
