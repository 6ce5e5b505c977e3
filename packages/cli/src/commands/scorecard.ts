import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AdapterError } from '@accord/adapters';
import { createDuckDbAdapter } from '@accord/adapters/duckdb';
import { createPostgresAdapter } from '@accord/adapters/postgres';
import {
  AccordError,
  type Account,
  type Activity,
  type Agreement,
  type ComputeScorecardOptions,
  computeScorecard,
  formatIssues,
  type Grain,
  type Lead,
  listMetrics as listMetricsOf,
  type Opportunity,
  type RecordKind,
  type ScorecardData,
  type ScorecardResult,
  type ScorecardRow,
  type Spend,
  safeParseAgreementHistory,
  scorecardByVersion,
  type Touchpoint,
  type VersionedScorecard,
  type WeekStart,
} from '@accord/core';
import { type CliIo, EXIT, UsageError } from '../_lib/io';
import { instantFlag, parseFlags } from '../_lib/parseFlags';
import { loadAgreement } from '../_lib/readAgreement';
import { type ReadFileResult, readCanonicalFile, reportInputs } from '../_lib/readCanonicalFile';
import { reportIssues } from '../_lib/reportIssues';
import { humanScorecard } from '../_lib/scorecardReport';
import { formatCount, renderTable } from '../_lib/table';

export const SCORECARD_HELP = `Usage: accord scorecard <leads.csv> [options]

The shared scorecard: every metric from one written definition, grouped and per period, against the
agreement's targets. Reads canonical CSV: leads with stage.<stageId> entry dates and attr.<name>
attributes; a date without a time is midnight in the agreement's time zone. Without --opportunities,
each lead that reached the last open stage counts as one opportunity.

Options:
  --group-by DIMS      comma-separated: source, campaign, segment, region, country, owner, team,
                       account, company, attributes.<name>
  --metrics IDS        comma-separated metric ids (default: the agreement's default scorecard);
                       --list-metrics prints the dictionary
  --grain G            week, month, quarter or year (in the agreement's time zone)
  --week-start DAY     first day of a week: mon (default) … sun
  --view V             cohort or period (default: each metric's own view)
  --period P           2026, 2026-Q1, 2026-03 or 2026-03-02: only what falls in it
  --compare            add the previous period's value and the change (needs --period)
  --now ISO            the instant the data describes (open SLA clocks; default: the current time)
  --opportunities F    canonical opportunities.csv
  --activities F       canonical activities.csv (first touches and SLA clocks)
  --touchpoints F      canonical touchpoints.csv
  --spend F            canonical spend.csv (for spend and cac)
  --accounts F         canonical accounts.csv (for misroute_rate)
  --agreement FILE     use this agreement instead of the default one
  --versions FILE      a JSON array of the agreement's versions (each with effectiveFrom): every lead
                       is judged by the version in force when it was created; ratios and counts are
                       combined exactly, medians shown per version (memory engine)
  --version V          with --versions: judge every lead by version V instead
  --list-metrics       print the metric dictionary and exit
  --strict             exit 2 on any bad or suspect row instead of skipping / reporting it
  --json               print one JSON document
  --engine E           memory (default), duckdb or postgres: where the aggregates run; the same
                       numbers and the same JSON from each
  --db TARGET          duckdb: a database file (default: in memory); postgres: a connection URL
                       (default: $DATABASE_URL). The files given are loaded into it (replacing its
                       canonical tables); without a leads file, the scorecard reads what it holds
  --explain            print the SQL statements the engine ran (and their parameters) on stderr

Lenient by default: bad rows are skipped, suspect ones (stage dates out of order) are kept; both are
reported on stderr and, with --json, in the document. Exit codes: 0 ok, 2 bad input, 1 internal failure.`;

const DAYS: Record<string, WeekStart> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const GRAINS: readonly Grain[] = ['week', 'month', 'quarter', 'year'];

export async function scorecardCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(
    args,
    {
      'group-by': { type: 'string' },
      metrics: { type: 'string' },
      grain: { type: 'string' },
      'week-start': { type: 'string' },
      view: { type: 'string' },
      period: { type: 'string' },
      compare: { type: 'boolean' },
      now: { type: 'string' },
      opportunities: { type: 'string' },
      activities: { type: 'string' },
      touchpoints: { type: 'string' },
      spend: { type: 'string' },
      accounts: { type: 'string' },
      agreement: { type: 'string' },
      'list-metrics': { type: 'boolean' },
      versions: { type: 'string' },
      version: { type: 'string' },
      strict: { type: 'boolean' },
      json: { type: 'boolean' },
      engine: { type: 'string' },
      db: { type: 'string' },
      explain: { type: 'boolean' },
    },
    'scorecard',
  );
  if (values.versions !== undefined && values.agreement !== undefined)
    throw new UsageError('--versions and --agreement exclude each other: the versions file holds the agreements.');
  if (values.version !== undefined && values.versions === undefined)
    throw new UsageError('--version needs --versions FILE.');
  let versions: Agreement[] | undefined;
  if (values.versions !== undefined) {
    const history = await readVersions(values.versions, io, values.now);
    if (!history) return EXIT.badInput;
    versions = history;
  }
  const loaded = versions
    ? { ok: true as const, agreement: versions.at(-1) as Agreement, source: values.versions as string }
    : await loadAgreement(values.agreement, io.cwd);
  if (!loaded.ok) {
    reportIssues(io, loaded.source, loaded.issues);
    return EXIT.badInput;
  }
  const agreement = loaded.agreement;
  if (values['list-metrics']) return listMetricsCommand(io, agreement, values.json === true);
  const engine = values.engine ?? 'memory';
  if (!ENGINES.includes(engine as Engine))
    throw new UsageError(`--engine must be one of ${ENGINES.join(', ')}; got "${engine}".`);
  const target = engine === 'postgres' ? (values.db ?? io.env.DATABASE_URL) : values.db;
  if (engine === 'postgres' && !target)
    throw new UsageError('--engine postgres needs a connection URL: --db postgres://… or DATABASE_URL.');
  if (engine === 'memory' && values.db !== undefined) throw new UsageError('--db needs --engine duckdb or postgres.');
  if (engine === 'memory' && values.explain) throw new UsageError('--explain needs --engine duckdb or postgres.');
  const stored = engine !== 'memory' && target !== undefined && positionals.length === 0;
  if (positionals.length !== 1 && !stored)
    throw new UsageError(
      'accord scorecard takes one leads file: accord scorecard leads.csv (or, with --engine and --db, none: the database is read)',
    );
  if (stored) {
    for (const flag of ['opportunities', 'activities', 'touchpoints', 'spend', 'accounts'] as const)
      if (values[flag] !== undefined) throw new UsageError(`--${flag} needs a leads file to load with it.`);
  }

  const list = (s: string | undefined) =>
    s
      ?.split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  const grain = values.grain;
  if (grain !== undefined && !GRAINS.includes(grain as Grain))
    throw new UsageError(`--grain must be one of ${GRAINS.join(', ')}; got "${grain}".`);
  const view = values.view;
  if (view !== undefined && view !== 'cohort' && view !== 'period')
    throw new UsageError(`--view must be cohort or period; got "${view}".`);
  const weekStart = values['week-start'];
  if (weekStart !== undefined && !Object.hasOwn(DAYS, weekStart))
    throw new UsageError(`--week-start must be one of ${Object.keys(DAYS).join(', ')}; got "${weekStart}".`);
  if (values.compare && values.period === undefined) throw new UsageError('--compare needs --period.');
  const now = instantFlag(values.now, 'now');

  // Read every file before stopping, so one run reports every problem.
  const files: [RecordKind, string | undefined][] = [
    ['leads', positionals[0]],
    ['opportunities', values.opportunities],
    ['activities', values.activities],
    ['touchpoints', values.touchpoints],
    ['spend', values.spend],
    ['accounts', values.accounts],
  ];
  const inputs = new Map<RecordKind, ReadFileResult<RecordKind>>();
  for (const [kind, file] of files)
    if (file !== undefined && !stored) inputs.set(kind, await readCanonicalFile(kind, file, io.cwd, agreement));
  if (reportInputs(io, [...inputs.values()], values.strict === true)) return EXIT.badInput;
  const records = <K extends RecordKind>(kind: K) => inputs.get(kind)?.records as never;
  const data: ScorecardData = {
    leads: records('leads') as Lead[],
    ...(inputs.has('opportunities') ? { opportunities: records('opportunities') as Opportunity[] } : {}),
    ...(inputs.has('activities') ? { activities: records('activities') as Activity[] } : {}),
    ...(inputs.has('touchpoints') ? { touchpoints: records('touchpoints') as Touchpoint[] } : {}),
    ...(inputs.has('spend') ? { spend: records('spend') as Spend[] } : {}),
    ...(inputs.has('accounts') ? { accounts: records('accounts') as Account[] } : {}),
  };
  const groupBy = list(values['group-by']) ?? [];
  const metrics = list(values.metrics);
  const options: ComputeScorecardOptions = {
    agreement,
    asOf: now,
    groupBy,
    mode: values.strict ? 'strict' : 'lenient',
    ...(metrics ? { metrics } : {}),
    ...(grain ? { grain: grain as Grain } : {}),
    ...(view ? { view: view as 'cohort' | 'period' } : {}),
    ...(weekStart ? { weekStartsOn: DAYS[weekStart] as WeekStart } : {}),
    ...(values.period !== undefined ? { period: values.period } : {}),
    ...(values.compare ? { compareTo: 'previous' as const } : {}),
  };

  if (versions) {
    if (engine !== 'memory') throw new UsageError('--versions runs on the memory engine.');
    return versionedScorecard(data, versions, options, values.version, values.json === true, io);
  }

  let card: ReturnType<typeof computeScorecard>;
  try {
    card =
      engine === 'memory'
        ? computeScorecard(data, options)
        : await pushDown(
            engine as Exclude<Engine, 'memory'>,
            target,
            stored ? undefined : data,
            options,
            io,
            values.explain === true,
          );
    card = renumber(card, inputs);
  } catch (error) {
    if (error instanceof AdapterError) {
      io.stderr.write(`accord scorecard: ${error.message}\n`);
      for (const issue of error.issues.slice(0, 20)) io.stderr.write(`  ${issue.message}\n`);
      return EXIT.badInput;
    }
    if (!(error instanceof AccordError)) throw error;
    const options = error.issues.some(
      (i) => i.path[0] === 'metrics' || i.path[0] === 'groupBy' || i.path[0] === 'period',
    );
    reportIssues(io, options ? 'scorecard options' : (positionals[0] as string), error.issues);
    if (error.issues.some((i) => i.code === 'unknown_metric'))
      io.stderr.write('  Run "accord scorecard --list-metrics" for the metric ids.\n');
    return EXIT.badInput;
  }

  // Everything read from the CSV files that was left out, plus what the scorecard kept but flags.
  const fileIssues = [...inputs.entries()].flatMap(([kind, input]) =>
    input.issues.map((issue) => ({ file: input.file, kind, ...issue })),
  );
  const fileSkipped = [...inputs.entries()].flatMap(([kind, input]) =>
    input.skipped.map((index) => ({ file: input.file, kind, index })),
  );
  if (card.warnings.length > 0)
    io.stderr.write(
      `! ${positionals[0]}: ${card.warnings.length} row(s) kept but suspect (counted for every stage they reached)\n${formatIssues(card.warnings, { maxIssues: 20 }).replace(/^/gm, '  ')}\n`,
    );
  for (const [id, n] of Object.entries(card.excluded))
    io.stderr.write(`! ${id}: ${formatCount(n)} negative duration(s) (an impossible order) left out\n`);

  if (values.json) {
    const doc = {
      groupBy: card.groupBy,
      grain: card.grain,
      view: card.view,
      period: card.period && { label: card.period.label, from: iso(card.period.from), to: iso(card.period.to) },
      ...(card.previousPeriod
        ? {
            previousPeriod: {
              label: card.previousPeriod.label,
              from: iso(card.previousPeriod.from),
              to: iso(card.previousPeriod.to),
            },
          }
        : {}),
      asOf: card.asOf,
      rows: card.rows.map(jsonRow),
      totals: jsonRow(card.totals),
      metrics: card.metrics,
      issues: [...fileIssues, ...card.issues],
      warnings: card.warnings,
      skipped: [...fileSkipped, ...card.skipped],
      excluded: card.excluded,
    };
    io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return EXIT.ok;
  }

  io.stdout.write(
    `${humanScorecard(card, agreement.currency ?? 'USD', stored ? storedLeads(card) : formatCount(data.leads.length))}\n`,
  );
  return EXIT.ok;
}

const iso = (t: number) => new Date(t).toISOString();

/** How many leads a database holds, when the scorecard counted them (`leads` metric), else "the stored". */
const storedLeads = (card: ScorecardResult) => {
  const n = card.totals.metrics.leads?.value;
  return typeof n === 'number' ? formatCount(n) : 'the stored';
};

const ENGINES = ['memory', 'duckdb', 'postgres'] as const;
type Engine = (typeof ENGINES)[number];

/**
 * Runs the scorecard on DuckDB or PostgreSQL: loads the records read from the files (when given) into
 * the canonical tables, pushes the plan down, and names each suspect lead by its position in the file
 * again, so every engine prints the same document.
 */
async function pushDown(
  engine: Exclude<Engine, 'memory'>,
  target: string | undefined,
  data: ScorecardData | undefined,
  options: ComputeScorecardOptions,
  io: CliIo,
  explain: boolean,
): Promise<ScorecardResult> {
  const records = data && (Object.fromEntries(Object.entries(data).filter(([kind]) => kind !== 'accounts')) as never);
  const adapter =
    engine === 'duckdb'
      ? await createDuckDbAdapter({
          ...(target !== undefined ? { path: target } : {}),
          ...(records ? { data: records } : {}),
        })
      : await createPostgresAdapter({ connectionString: target as string, ...(records ? { data: records } : {}) });
  try {
    const card = await (adapter.runScorecard as NonNullable<typeof adapter.runScorecard>)({
      ...options,
      ...(data?.accounts ? { accounts: data.accounts } : {}),
      ...(explain
        ? {
            onStatement: (s: { sql: string; params: readonly unknown[]; purpose: string }) =>
              io.stderr.write(`-- ${engine}: ${s.purpose}\n-- parameters: ${JSON.stringify(s.params)}\n${s.sql};\n\n`),
          }
        : {}),
    });
    if (!data) return card;
    const position = new Map(data.leads.map((lead, i) => [lead.id, i]));
    const at = (w: { path: readonly (string | number)[] }) =>
      typeof w.path[1] === 'string' ? (position.get(w.path[1]) ?? -1) : Number(w.path[1]);
    const warnings = card.warnings
      .map((w) =>
        typeof w.path[1] === 'string' ? { ...w, path: [w.path[0] as string, at(w), ...w.path.slice(2)] } : w,
      )
      .sort((a, b) => at(a) - at(b));
    return { ...card, warnings };
  } finally {
    await adapter.close?.();
  }
}

/**
 * The scorecard saw only the rows the CSV reader kept; its issue paths (`leads[3]`) become positions
 * in the file's rows again (`leads[5]` when rows 1 and 2 were skipped).
 */
function renumber(
  card: ReturnType<typeof computeScorecard>,
  inputs: Map<RecordKind, ReadFileResult<RecordKind>>,
): ReturnType<typeof computeScorecard> {
  const kept = new Map<string, number[]>();
  for (const [kind, input] of inputs) {
    if (input.skipped.length === 0) continue;
    const left = new Set(input.skipped);
    const positions: number[] = [];
    for (let i = 0; positions.length < input.records.length; i++) if (!left.has(i)) positions.push(i);
    kept.set(kind, positions);
  }
  if (kept.size === 0) return card;
  const fix = <T extends { path: readonly (string | number)[] }>(issue: T): T => {
    const positions = kept.get(String(issue.path[0]));
    const at = issue.path[1];
    if (!positions || typeof at !== 'number') return issue;
    return { ...issue, path: [issue.path[0] as string, positions[at] ?? at, ...issue.path.slice(2)] };
  };
  return {
    ...card,
    issues: card.issues.map(fix),
    warnings: card.warnings.map(fix),
    skipped: card.skipped.map((s) => ({ ...s, index: kept.get(s.kind)?.[s.index] ?? s.index })),
  };
}

/** Reads and checks a versions file (a JSON array of agreements); reports the issues and returns undefined when bad. */
async function readVersions(file: string, io: CliIo, now: string | undefined): Promise<Agreement[] | undefined> {
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    throw new UsageError(
      `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.`,
    );
  }
  const parsed = safeParseAgreementHistory(text, { now: instantFlag(now, 'now') });
  if (parsed.success) return parsed.data;
  reportIssues(io, file, parsed.error.issues);
  return undefined;
}

/** The scorecard with each lead judged by the version in force when it was created (or one chosen version). */
function versionedScorecard(
  data: ScorecardData,
  versions: readonly Agreement[],
  options: ComputeScorecardOptions,
  version: string | undefined,
  json: boolean,
  io: CliIo,
): number {
  const { agreement: _, ...rest } = options;
  let card: VersionedScorecard;
  try {
    card = scorecardByVersion(data, versions, { ...rest, ...(version !== undefined ? { version } : {}) });
  } catch (error) {
    if (!(error instanceof AccordError)) throw error;
    reportIssues(io, 'scorecard options', error.issues);
    return EXIT.badInput;
  }
  const newest = card.segments.at(-1)?.result;
  if (json) {
    const doc = {
      segments: card.segments.map((s) => ({
        version: s.version,
        from: s.from === null ? null : iso(s.from),
        to: s.to === null ? null : iso(s.to),
        leads: s.leads,
        totals: jsonRow(s.result.totals),
        rows: s.result.rows.map(jsonRow),
      })),
      rows: card.rows.map((r) => jsonRow(r as ScorecardRow)),
      totals: jsonRow(card.totals as ScorecardRow),
      metrics: card.metrics,
      issues: card.issues,
    };
    io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return EXIT.ok;
  }
  const effective = new Map(versions.map((v, i) => [v.version, [v.effectiveFrom, versions[i + 1]?.effectiveFrom]]));
  const lines = card.segments.map((s) => {
    const [from, to] = version === undefined ? (effective.get(s.version) ?? []) : [];
    return `v${s.version}${from ? ` from ${from}` : ''}${to ? ` until ${to}` : ''}: ${formatCount(s.leads)} leads`;
  });
  if (card.issues.length > 0)
    lines.push(`${formatCount(card.issues.length)} leads predate every version and are left out.`);
  if (newest) {
    const combined = { ...newest, rows: card.rows as ScorecardRow[], totals: card.totals as ScorecardRow };
    lines.push('', humanScorecard(combined, versions.at(-1)?.currency ?? 'USD', formatCount(data.leads.length)));
    const perSegment = card.metrics.filter((m) => card.totals.metrics[m.id]?.combinedBy === 'segments');
    if (perSegment.length > 0 && card.segments.length > 1) {
      lines.push('', 'Not additive across versions, per version:');
      for (const m of perSegment)
        lines.push(
          `  ${m.label}: ${card.segments.map((s) => `v${s.version} ${formatMetric(s.result.totals.metrics[m.id]?.value ?? null)}`).join(' · ')}`,
        );
    }
  }
  io.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

const formatMetric = (v: number | null) => (v === null ? '—' : String(Math.round(v * 100) / 100));

function jsonRow(row: ScorecardRow) {
  return {
    group: row.group,
    ...(row.period !== undefined
      ? { period: row.period, from: iso(row.from as number), to: iso(row.to as number) }
      : {}),
    metrics: row.metrics,
  };
}

function listMetricsCommand(
  io: CliIo,
  agreement: Parameters<typeof computeScorecard>[1]['agreement'],
  json: boolean,
): number {
  const list = listMetricsOf(agreement);
  if (json) {
    io.stdout.write(`${JSON.stringify({ metrics: list }, null, 2)}\n`);
    return EXIT.ok;
  }
  io.stdout.write(
    `${renderTable(list, [
      { header: 'id', value: (m) => m.id },
      { header: 'label', value: (m) => m.label },
      { header: 'owner', value: (m) => m.owner },
      { header: 'unit', value: (m) => m.unit },
      { header: 'better', value: (m) => m.direction },
      { header: 'view', value: (m) => m.view },
      { header: 'formula', value: (m) => m.formula },
    ])}\n`,
  );
  return EXIT.ok;
}
