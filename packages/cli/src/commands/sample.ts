import { resolve } from 'node:path';
import { generateSample } from '@accord/core';
import { type CliIo, EXIT, UsageError } from '../_lib/io';
import { intFlag, parseFlags } from '../_lib/parseFlags';
import { loadAgreement } from '../_lib/readAgreement';
import { reportIssues } from '../_lib/reportIssues';
import { formatCount } from '../_lib/table';
import { writeSample } from '../_lib/writeSample';

export const SAMPLE_HELP = `Usage: accord sample [--leads 10000] [--seed 1] [--out accord-sample] [options]

Generates realistic, seeded revenue data in the canonical CSV shapes: leads.csv (with stage.<id> and
attr.<name> columns), stage-events.csv, activities.csv, touchpoints.csv, opportunities.csv, spend.csv,
plus the agreement it follows and a manifest. The same seed always gives the same files.

Options:
  --leads N         number of leads (default 10000, at most 10000000)
  --seed N          seed (default 1)
  --out DIR         output folder (default ./accord-sample)
  --bad-rows N      break N leads on purpose (bad dates, negative amounts, unknown stages…)
  --start DATE      first creation day, YYYY-MM-DD in the agreement's time zone (default 2026-01-05)
  --days N          creation window in days (default 180)
  --agreement FILE  follow this agreement instead of the default one
  --json            print the manifest as JSON`;

export async function sampleCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(
    args,
    {
      leads: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      'bad-rows': { type: 'string' },
      start: { type: 'string' },
      days: { type: 'string' },
      agreement: { type: 'string' },
      json: { type: 'boolean' },
    },
    'sample',
  );
  if (positionals.length > 0)
    throw new UsageError(`accord sample takes no file arguments (got "${positionals[0]}"); use --out DIR.`);
  const leads = intFlag(values.leads, 'leads', 10_000, 0, 10_000_000);
  const seed = intFlag(values.seed, 'seed', 1, -2_147_483_648, 2_147_483_647);
  const badRows = intFlag(values['bad-rows'], 'bad-rows', 0, 0, leads);
  const days = intFlag(values.days, 'days', 180, 1, 3660);
  const start = values.start ?? '2026-01-05';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start)) throw new UsageError(`--start must be a date YYYY-MM-DD, got "${start}".`);
  const loaded = await loadAgreement(values.agreement, io.cwd);
  if (!loaded.ok) {
    reportIssues(io, loaded.source, loaded.issues);
    return EXIT.badInput;
  }
  const started = performance.now();
  let sample: ReturnType<typeof generateSample>;
  try {
    sample = generateSample({ leads, seed, agreement: loaded.agreement, start, days, badRows });
  } catch (error) {
    const flag = {
      leads: '--leads',
      seed: '--seed',
      start: '--start',
      days: '--days',
      badRows: '--bad-rows',
      asOf: '--as-of',
    };
    const message = (error as Error).message
      .replace(/^\[accord\] generateSample: /, '')
      .replace(/"(\w+)"/g, (all, name: string) => flag[name as keyof typeof flag] ?? all);
    throw new UsageError(message);
  }
  const out = resolve(io.cwd, values.out ?? 'accord-sample');
  const counts = {
    leads: sample.leads.length,
    accounts: sample.accounts.length,
    stageEvents: sample.stageEvents.length,
    activities: sample.activities.length,
    touchpoints: sample.touchpoints.length,
    opportunities: sample.opportunities.length,
    spend: sample.spend.length,
  };
  const manifest = {
    generator: '@accord/core generateSample',
    seed,
    start,
    days,
    asOf: sample.asOf,
    agreement: loaded.source,
    counts,
    badRows: sample.badRows,
  };
  const files = await writeSample(out, sample, loaded.agreement, manifest);
  const seconds = (performance.now() - started) / 1000;
  if (values.json) {
    io.stdout.write(`${JSON.stringify({ out, files, ...manifest }, null, 2)}\n`);
    return EXIT.ok;
  }
  io.stdout.write(
    `Wrote ${formatCount(counts.leads)} leads, ${formatCount(counts.stageEvents)} stage events, ${formatCount(counts.activities)} activities, ` +
      `${formatCount(counts.touchpoints)} touchpoints, ${formatCount(counts.opportunities)} opportunities and ${formatCount(counts.spend)} spend rows ` +
      `to ${out} (seed ${seed}, as of ${sample.asOf}, ${seconds.toFixed(1)} s).\n` +
      (sample.badRows.length > 0
        ? `Broke ${sample.badRows.length} lead(s) on purpose: ${sample.badRows.map((b) => `${b.id} ${b.field}`).join(', ')}.\n`
        : ''),
  );
  return EXIT.ok;
}
