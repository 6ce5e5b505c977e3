import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseAttributionPaths } from '@accord/adapters';
import {
  AccordError,
  type AttributeOptions,
  type AttributionResult,
  attribute,
  buildJourneys,
  compareAttribution,
  formatIssues,
  type Journey,
  type Lead,
  type Opportunity,
  type PathRow,
  type Touchpoint,
} from '@accord/core';
import { type CliIo, EXIT, UsageError } from '../_lib/io';
import { instantFlag, intFlag, parseFlags } from '../_lib/parseFlags';
import { loadAgreement } from '../_lib/readAgreement';
import { readCanonicalFile, reportInputs } from '../_lib/readCanonicalFile';
import { reportIssues } from '../_lib/reportIssues';
import { formatCount, renderTable } from '../_lib/table';

export const ATTRIBUTE_HELP = `Usage: accord attribute <file> --format paths|touchpoints [--model M] [options]

Credits conversions and value to channels under the agreed model — or every model side by side.

  --format paths        aggregated paths in ChannelAttribution's format: path;total_conversions;
                        total_conversion_value[;total_null] (touches separated by ">")
  --format touchpoints  canonical touchpoints.csv, joined to --opportunities (and --leads) into journeys

Options:
  --model M          first, last, linear, time_decay, position, w_shaped, full_path, markov, shapley or all
                     (default: the agreement's model)
  --nulls COLUMN     paths: the column of non-converting journeys (read by markov and shapley)
  --order K          markov: the chain's order (default 1)
  --half-life DAYS   time_decay: the half-life (default: the agreement's, else 7)
  --opportunities F  touchpoints: canonical opportunities.csv (required)
  --leads F          touchpoints: canonical leads.csv (lead creation moments, non-converting journeys)
  --lookback DAYS    touchpoints: touches older than this before the conversion get no credit
                     (default: the agreement's lookbackDays)
  --convert-on W     touchpoints: won (default) or opportunity
  --now ISO          touchpoints: the end of the data (default: the current time)
  --game G           shapley: conversions (default) or rate
  --samples N        shapley above 15 channels: sampled orders (default 20000)
  --seed N           shapley sampling seed (default 1)
  --agreement FILE   use this agreement instead of the default one
  --strict           exit 2 on any bad row instead of skipping it
  --json             print one JSON document`;

const MODEL_ALIASES: Record<string, AttributeOptions['model']> = {
  first: 'first_touch',
  first_touch: 'first_touch',
  last: 'last_touch',
  last_touch: 'last_touch',
  linear: 'linear',
  time_decay: 'time_decay',
  position: 'position_based',
  position_based: 'position_based',
  u_shaped: 'position_based',
  w_shaped: 'w_shaped',
  full_path: 'full_path',
  markov: 'markov',
  shapley: 'shapley',
};

export async function attributeCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(
    args,
    {
      format: { type: 'string' },
      model: { type: 'string' },
      nulls: { type: 'string' },
      order: { type: 'string' },
      'half-life': { type: 'string' },
      opportunities: { type: 'string' },
      leads: { type: 'string' },
      lookback: { type: 'string' },
      'convert-on': { type: 'string' },
      now: { type: 'string' },
      game: { type: 'string' },
      samples: { type: 'string' },
      seed: { type: 'string' },
      agreement: { type: 'string' },
      strict: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    'attribute',
  );
  if (positionals.length !== 1)
    throw new UsageError('accord attribute takes one file: accord attribute paths.csv --format paths');
  const format = values.format;
  if (format !== 'paths' && format !== 'touchpoints') throw new UsageError('--format must be paths or touchpoints.');
  const loaded = await loadAgreement(values.agreement, io.cwd);
  if (!loaded.ok) {
    reportIssues(io, loaded.source, loaded.issues);
    return EXIT.badInput;
  }
  const agreement = loaded.agreement;
  const modelFlag = values.model ?? agreement.attribution?.model ?? 'w_shaped';
  const all = modelFlag === 'all';
  const model = MODEL_ALIASES[modelFlag];
  if (!all && !model)
    throw new UsageError(
      `--model must be one of ${[...Object.keys(MODEL_ALIASES), 'all'].join(', ')}; got "${modelFlag}".`,
    );
  const game = values.game;
  if (game !== undefined && game !== 'conversions' && game !== 'rate')
    throw new UsageError('--game must be conversions or rate.');
  const halfLife =
    values['half-life'] === undefined ? (agreement.attribution?.halfLifeDays ?? 7) : Number(values['half-life']);
  const options: Omit<AttributeOptions, 'model'> = {
    halfLifeDays: halfLife,
    order: intFlag(values.order, 'order', 1, -1_000, 1_000),
    ...(game ? { shapleyGame: game } : {}),
    samples: intFlag(values.samples, 'samples', 20_000, 1, 10_000_000),
    seed: intFlag(values.seed, 'seed', 1, 0, 2 ** 31 - 1),
  };

  let input: readonly PathRow[] | readonly Journey[];
  let inputNote = '';
  if (format === 'paths') {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(resolve(io.cwd, positionals[0] as string));
    } catch {
      throw new UsageError(`Cannot read ${positionals[0]}.`);
    }
    const parsed = parseAttributionPaths(bytes, { nullsColumn: values.nulls ?? null });
    if (parsed.issues.length > 0) {
      const unreadable = parsed.issues.some((i) => i.code === 'missing_column' || i.code === 'invalid_encoding');
      io.stderr.write(
        `${unreadable ? '✗' : '!'} ${positionals[0]}: ${unreadable ? 'cannot be read' : `${parsed.skipped.length} row(s) skipped`}; ${parsed.issues.length} issue(s)\n${formatIssues(parsed.issues, { maxIssues: 20 }).replace(/^/gm, '  ')}\n`,
      );
      if (unreadable || values.strict) return EXIT.badInput;
    }
    input = parsed.rows;
    inputNote = `${formatCount(parsed.rows.length)} path rows`;
  } else {
    if (values.nulls !== undefined)
      throw new UsageError('--nulls is for --format paths; touchpoint journeys without a conversion are the nulls.');
    if (values.opportunities === undefined)
      throw new UsageError('--format touchpoints needs --opportunities opportunities.csv.');
    const convertOn = values['convert-on'] ?? 'won';
    if (convertOn !== 'won' && convertOn !== 'opportunity')
      throw new UsageError('--convert-on must be won or opportunity.');
    const files = [
      await readCanonicalFile('touchpoints', positionals[0] as string, io.cwd, agreement),
      await readCanonicalFile('opportunities', values.opportunities, io.cwd, agreement),
      ...(values.leads ? [await readCanonicalFile('leads', values.leads, io.cwd, agreement)] : []),
    ];
    if (reportInputs(io, files, values.strict === true)) return EXIT.badInput;
    const built = buildJourneys(
      {
        touchpoints: files[0]?.records as Touchpoint[],
        opportunities: files[1]?.records as Opportunity[],
        ...(files[2] ? { leads: files[2].records as Lead[] } : {}),
      },
      {
        lookbackDays:
          values.lookback === undefined
            ? (agreement.attribution?.lookbackDays ?? 90)
            : intFlag(values.lookback, 'lookback', 90, 0, 36_500),
        convertOn,
        asOf: instantFlag(values.now, 'now'),
      },
    );
    input = built.journeys;
    const x = built.excluded;
    inputNote = `${formatCount(built.journeys.length)} journeys (${formatCount(x.beforeLookback)} touches before the lookback, ${formatCount(x.afterConversion)} after the conversion, ${formatCount(x.unlinked)} unlinked: no credit)`;
  }

  let results: AttributionResult[];
  try {
    results = all
      ? compareAttribution(input, options).results
      : [attribute(input, { ...options, model: model as AttributeOptions['model'] })];
  } catch (error) {
    if (!(error instanceof AccordError)) throw error;
    reportIssues(io, 'attribute options', error.issues);
    return EXIT.badInput;
  }
  const issues = results[0]?.issues ?? [];
  if (issues.length > 0) {
    io.stderr.write(
      `! ${positionals[0]}: ${issues.length} issue(s); what they name gets no credit\n${formatIssues(issues, { maxIssues: 20 }).replace(/^/gm, '  ')}\n`,
    );
    if (values.strict) return EXIT.badInput;
  }

  if (values.json) {
    const doc = all
      ? { models: results.map(jsonResult), totals: results[0]?.totals, issues }
      : { ...jsonResult(results[0] as AttributionResult), totals: results[0]?.totals, issues };
    io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return EXIT.ok;
  }
  const totals = results[0]?.totals ?? { conversions: 0, value: 0, journeys: 0, touches: 0 };
  const num = (x: number) => (Math.abs(x) >= 100 || Number.isInteger(x) ? formatCount(Math.round(x)) : x.toFixed(2));
  const lines = [
    `Attribution of ${num(totals.conversions)} conversions worth ${num(totals.value)} over ${inputNote}, ${formatCount(totals.touches)} touches`,
    '',
  ];
  if (all) {
    const channels = results[0]?.channels.map((c) => c.channel).sort() ?? [];
    const credit = (r: AttributionResult, ch: string) => r.channels.find((c) => c.channel === ch)?.conversions ?? 0;
    lines.push(
      renderTable(channels, [
        { header: 'channel', value: (ch) => ch },
        ...results.map((r) => ({
          header: r.model,
          align: 'right' as const,
          value: (ch: string) => num(credit(r, ch)),
        })),
      ]),
    );
  } else {
    const r = results[0] as AttributionResult;
    lines.push(
      renderTable(r.channels, [
        { header: 'channel', value: (c) => c.channel },
        { header: 'conversions', align: 'right', value: (c) => num(c.conversions) },
        {
          header: 'share',
          align: 'right',
          value: (c) => `${((c.conversions / (totals.conversions || 1)) * 100).toFixed(1)} %`,
        },
        { header: 'value', align: 'right', value: (c) => num(c.value) },
      ]),
    );
    const d = r.diagnostics;
    if (d.removalEffects)
      lines.push(
        '',
        `  Conversion probability ${d.conversionProbability?.toFixed(6)}; ${d.states} states, solved exactly (${d.solver}).`,
      );
    if (d.shapleyMethod)
      lines.push(
        '',
        `  Shapley values ${d.shapleyMethod}${d.errorBound !== undefined ? ` (95 % error bound ±${d.errorBound.toFixed(3)} conversions)` : ''}.`,
      );
    if (d.fallbacks)
      lines.push(
        '',
        `  ${formatCount(d.fallbacks)} journey(s) fell back to a simpler rule (a moment or a time unknown).`,
      );
  }
  lines.push('', '  Every model credits exactly the total conversions and value (the invariant).');
  io.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

function jsonResult(r: AttributionResult) {
  return { model: r.model, channels: r.channels, campaigns: r.campaigns, diagnostics: r.diagnostics };
}
