import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseMarketingClaimsCsv } from '@accord/adapters';
import {
  AccordError,
  type AccordIssue,
  type DeltaClass,
  type Lead,
  type Opportunity,
  type ReconciledClaim,
  type Reconciliation,
  type ReconciliationTotals,
  reconcile,
  type Touchpoint,
  toInstantMs,
} from '@accord/core';
import { type CliIo, EXIT, UsageError } from '../_lib/io';
import { intFlag, parseFlags } from '../_lib/parseFlags';
import { plainText, plainValue } from '../_lib/plainText';
import { loadAgreement } from '../_lib/readAgreement';
import { type ReadFileResult, readCanonicalFile, reportInputs } from '../_lib/readCanonicalFile';
import { reportIssues } from '../_lib/reportIssues';
import { formatCount, renderTable } from '../_lib/table';

export const RECONCILE_HELP = `Usage: accord reconcile <claims.csv> --opportunities F --leads F [options]

Lines up what Marketing reports as sourced and influenced pipeline with the CRM's opportunities, claim by
claim, and explains every delta: claimed = matched + unmatched opportunity + duplicate lead + currency +
different account + stage drift + outside window + different model, exactly, in minor units. Sourced
claims are matched under the scorecard's marketing-sourced definition (a lead reached the hand-over before
the deal was created), influenced claims under the agreement's attribution model and window.

The claims file has the columns id, opportunityId, kind (sourced|influenced), amount (minor units),
currency — required — and accountId, leadId, model, touchAt, stage, channel, campaignId.

Options:
  --opportunities F  canonical opportunities.csv (required)
  --leads F          canonical leads.csv (required: hand-over dates, e-mails for duplicate leads)
  --touchpoints F    canonical touchpoints.csv (influenced claims; without it no touch supports them)
  --agreement FILE   the agreement (default: the default agreement)
  --from ISO         only deals created from this instant …
  --to ISO           … up to this one, exclusive
  --rate CUR=X       minor units of the agreement's currency per minor unit of CUR (repeatable:
                     --rate EUR=1.08 --rate GBP=1.27); claims in a currency without a rate are held apart
  --top N            how many opportunities and unclaimed deals to list (default 10)
  --strict           exit 2 on any issue (bad rows, unknown opportunities, currency mismatches…)
  --json             print one JSON document (the core's Reconciliation)
Without --strict, bad claims are reported on stderr and left out of every total, and the output says how
many. Exit codes: 0 ok, 2 bad input, 1 internal failure.`;

const CLASSES: readonly DeltaClass[] = [
  'unmatched_opportunity',
  'duplicate_lead',
  'currency',
  'different_account',
  'stage_drift',
  'outside_window',
  'different_model',
];

const LABELS: Record<DeltaClass, string> = {
  unmatched_opportunity: 'Unmatched opportunity',
  duplicate_lead: 'Duplicate lead',
  currency: 'Currency',
  different_account: 'Different account',
  stage_drift: 'Stage drift',
  outside_window: 'Outside window',
  different_model: 'Different model',
};

const BAR_WIDTH = 30;

function parseRates(values: readonly string[]): Record<string, number> {
  const rates: Record<string, number> = {};
  for (const value of values) {
    const m = /^([A-Z]{3})=(.+)$/.exec(value.trim());
    const rate = m ? Number(m[2]) : Number.NaN;
    if (!m || !(rate > 0) || !Number.isFinite(rate))
      throw new UsageError(
        `--rate must be CUR=X with an ISO 4217 code and a positive number, such as EUR=1.08; got "${plainValue(value)}".`,
      );
    const code = m[1] as string;
    if (Object.hasOwn(rates, code)) throw new UsageError(`--rate gives ${code} twice.`);
    rates[code] = rate;
  }
  return rates;
}

function instantOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = toInstantMs(value);
  if (Number.isNaN(ms))
    throw new UsageError(
      `--${name} must be an ISO-8601 instant with an offset, such as 2026-07-01T00:00:00Z; got "${plainValue(value)}".`,
    );
  return ms;
}

/** Amounts in major units with the currency's minor digits, and signed changes along the bridge. */
function moneyFormat(currency: string) {
  let digits = 2;
  try {
    digits =
      new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    digits = 2;
  }
  const number = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const amount = (minor: number) => `${minor < 0 ? '−' : ''}${number.format(Math.abs(minor) / 10 ** digits)}`;
  const change = (minor: number) => (minor === 0 ? amount(0) : `${minor < 0 ? '−' : '+'}${amount(Math.abs(minor))}`);
  return { amount, change };
}

/** A claim's total delta in absolute terms (offsetting deltas do not hide each other). */
const spread = (deltas: ReconciledClaim['deltas']) =>
  Object.values(deltas).reduce((s, d) => s + Math.abs(d as number), 0);

/** The reconciliation's issues with claim positions turned into the claims file's data rows. */
function onRows(issues: readonly AccordIssue[], rows: readonly number[]): AccordIssue[] {
  const map = (path: readonly (string | number)[]) =>
    path[0] === 'marketingClaims' && typeof path[1] === 'number'
      ? ['marketingClaims', rows[path[1]] ?? path[1], ...path.slice(2)]
      : [...path];
  return issues.map(
    (issue): AccordIssue =>
      issue.code === 'duplicate_id'
        ? { ...issue, path: map(issue.path), firstPath: map(issue.firstPath) }
        : { ...issue, path: map(issue.path) },
  );
}

export async function reconcileCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(
    args,
    {
      opportunities: { type: 'string' },
      leads: { type: 'string' },
      touchpoints: { type: 'string' },
      agreement: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      rate: { type: 'string', multiple: true },
      top: { type: 'string' },
      strict: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    'reconcile',
  );
  if (positionals.length !== 1)
    throw new UsageError(
      'accord reconcile takes one claims file: accord reconcile claims.csv --opportunities opportunities.csv --leads leads.csv',
    );
  if (!values.opportunities || !values.leads)
    throw new UsageError('accord reconcile needs --opportunities FILE and --leads FILE (canonical CSV).');
  const rates = parseRates((values.rate as unknown as string[] | undefined) ?? []);
  const from = instantOption(values.from, 'from');
  const to = instantOption(values.to, 'to');
  const top = intFlag(values.top, 'top', 10, 1, 1000);
  const strict = values.strict === true;
  // Issues quote ids from the data: nothing they hold may reach the terminal as a control sequence.
  const err: CliIo = { ...io, stderr: { write: (text: string) => io.stderr.write(plainText(text)) } };

  const loaded = await loadAgreement(values.agreement, io.cwd);
  if (!loaded.ok) {
    reportIssues(err, loaded.source, loaded.issues);
    return EXIT.badInput;
  }
  const agreement = loaded.agreement;

  const claimsFile = positionals[0] as string;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(resolve(io.cwd, claimsFile));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `Cannot read ${claimsFile}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message}.`,
    );
  }
  const claims = parseMarketingClaimsCsv(bytes, { timezone: agreement.timezone });
  const inputs: ReadFileResult<'opportunities' | 'leads' | 'touchpoints'>[] = [
    await readCanonicalFile('opportunities', values.opportunities, io.cwd, agreement),
    await readCanonicalFile('leads', values.leads, io.cwd, agreement),
    ...(values.touchpoints ? [await readCanonicalFile('touchpoints', values.touchpoints, io.cwd, agreement)] : []),
  ];
  if (claims.issues.length > 0)
    reportIssues(
      err,
      claims.unreadable
        ? `${claimsFile} cannot be read`
        : `${claimsFile}: ${formatCount(claims.refused.length)} claim(s) refused, counted in no total`,
      claims.issues,
    );
  const stop = reportInputs(err, inputs, strict);
  if (stop || claims.unreadable || (strict && claims.issues.length > 0)) return EXIT.badInput;

  const [opportunities, leads, touchpoints] = inputs.map((i) => i.records) as [
    Opportunity[],
    Lead[],
    Touchpoint[] | undefined,
  ];
  let result: Reconciliation;
  try {
    result = reconcile(
      { marketingClaims: claims.claims, opportunities, leads, ...(touchpoints ? { touchpoints } : {}) },
      agreement,
      {
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
        ...(Object.keys(rates).length > 0 ? { rates } : {}),
      },
    );
  } catch (error) {
    if (!(error instanceof AccordError)) throw error;
    reportIssues(err, 'options', error.issues);
    return EXIT.badInput;
  }
  // The claims file's own issues and refused rows, with the reconciliation's issues on the file's rows.
  const found = onRows(result.issues, claims.positions);
  const reconciliation: Reconciliation = {
    ...result,
    issues: [...claims.issues, ...found],
    refused: claims.refused,
  };
  const onClaims = found.filter((i) => i.path[0] === 'marketingClaims');
  const onDeals = found.filter((i) => i.path[0] !== 'marketingClaims');
  if (onClaims.length > 0) reportIssues(err, claimsFile, onClaims);
  if (onDeals.length > 0) reportIssues(err, values.opportunities, onDeals);
  if (strict && found.length > 0) return EXIT.badInput;

  if (values.json) {
    io.stdout.write(`${JSON.stringify(reconciliation, null, 2)}\n`);
    return EXIT.ok;
  }
  io.stdout.write(
    `${renderReconciliation(reconciliation, {
      opportunities: opportunities.length,
      model: reconciliation.attribution.model,
      lookbackDays: reconciliation.attribution.lookbackDays,
      period: from !== undefined || to !== undefined ? { from, to } : undefined,
      top,
    })}\n`,
  );
  return EXIT.ok;
}

interface RenderOptions {
  opportunities: number;
  model: string;
  lookbackDays: number;
  period: { from: number | undefined; to: number | undefined } | undefined;
  top: number;
}

/** The text report: the bridge (a waterfall), the biggest deltas by opportunity, the unclaimed deals. */
function renderReconciliation(r: Reconciliation, options: RenderOptions): string {
  const { amount, change } = moneyFormat(r.currency);
  const t = r.totals;
  const out: string[] = [
    `Reconciliation: ${formatCount(t.claims)} claims against ${formatCount(options.opportunities)} CRM opportunities, in ${r.currency}`,
    `Sourced: the scorecard's marketing-sourced definition. Influenced: ${options.model}, ${options.lookbackDays}-day lookback before the deal was created.`,
  ];
  if (options.period) {
    const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
    const f = iso(options.period.from);
    const e = iso(options.period.to);
    out.push(`Deals created ${[f ? `from ${f}` : '', e ? `before ${e}` : ''].filter(Boolean).join(' ')}.`);
  }
  if (r.refused.length > 0)
    out.push(
      `${formatCount(r.refused.length)} claim(s) refused as bad input (see stderr): the totals cover the other ${formatCount(t.claims)}.`,
    );

  // The bridge: claimed, each class's change (−delta), matched; with a waterfall bar of the running total.
  interface Step {
    label: string;
    all: number;
    sourced: number;
    influenced: number;
    claims: number;
    from: number;
    to: number;
    total: boolean;
  }
  const count = (c: DeltaClass) => r.claims.filter((x) => (x.deltas[c] ?? 0) !== 0).length;
  const steps: Step[] = [
    {
      label: 'Claimed by Marketing',
      all: t.claimed,
      sourced: r.byKind.sourced.claimed,
      influenced: r.byKind.influenced.claimed,
      claims: t.claims,
      from: 0,
      to: t.claimed,
      total: true,
    },
  ];
  let running = t.claimed;
  const delta = (k: ReconciliationTotals, c: DeltaClass) => -(k.deltas[c] ?? 0);
  for (const c of CLASSES) {
    const next = running + delta(t, c);
    steps.push({
      label: `${delta(t, c) > 0 ? '+' : '−'} ${LABELS[c]}`,
      all: delta(t, c),
      sourced: delta(r.byKind.sourced, c),
      influenced: delta(r.byKind.influenced, c),
      claims: count(c),
      from: running,
      to: next,
      total: false,
    });
    running = next;
  }
  steps.push({
    label: '= Matched in the CRM',
    all: t.matched,
    sourced: r.byKind.sourced.matched,
    influenced: r.byKind.influenced.matched,
    claims: r.claims.filter((c) => c.matched !== 0).length,
    from: 0,
    to: t.matched,
    total: true,
  });
  const low = Math.min(0, ...steps.map((s) => Math.min(s.from, s.to)));
  const high = Math.max(0, ...steps.map((s) => Math.max(s.from, s.to)));
  const scale = high > low ? BAR_WIDTH / (high - low) : 0;
  const bar = (s: Step) => {
    const a = Math.round((Math.min(s.from, s.to) - low) * scale);
    const b = Math.round((Math.max(s.from, s.to) - low) * scale);
    if (s.from === s.to) return '';
    return `${' '.repeat(a)}${b > a ? '█'.repeat(b - a) : '▏'}`;
  };
  out.push(
    '',
    `Bridge, claimed → matched (${r.currency}):`,
    renderTable(steps, [
      { header: 'step', value: (s) => s.label },
      { header: 'all claims', align: 'right', value: (s) => (s.total ? amount(s.all) : change(s.all)) },
      { header: 'claims', align: 'right', value: (s) => formatCount(s.claims) },
      { header: 'sourced', align: 'right', value: (s) => (s.total ? amount(s.sourced) : change(s.sourced)) },
      { header: 'influenced', align: 'right', value: (s) => (s.total ? amount(s.influenced) : change(s.influenced)) },
      { header: '', value: bar },
    ]),
  );

  // The biggest deltas, by opportunity.
  const byOpp = new Map<string, ReconciledClaim[]>();
  for (const c of r.claims) {
    if (spread(c.deltas) === 0) continue;
    const list = byOpp.get(c.opportunityId);
    if (list) list.push(c);
    else byOpp.set(c.opportunityId, [c]);
  }
  const ranked = [...byOpp.entries()]
    .map(([id, list]) => ({ id, list, size: list.reduce((s, c) => s + spread(c.deltas), 0) }))
    .sort((a, b) => b.size - a.size || (a.id < b.id ? -1 : 1));
  out.push('');
  if (ranked.length === 0) out.push('Every claim matches the CRM: no delta to explain.');
  else {
    out.push(
      `Biggest deltas by opportunity (${Math.min(options.top, ranked.length)} of ${formatCount(ranked.length)}):`,
    );
    ranked.slice(0, options.top).forEach(({ id, list }, n) => {
      const claimed = list.reduce((s, c) => s + c.claimed, 0);
      const matched = list.reduce((s, c) => s + c.matched, 0);
      out.push(`  ${n + 1}. ${plainValue(id)}: claimed ${amount(claimed)} → matched ${amount(matched)}`);
      for (const c of list) {
        const parts = CLASSES.filter((k) => (c.deltas[k] ?? 0) !== 0).map(
          (k) => `${LABELS[k].toLowerCase()} ${amount(c.deltas[k] as number)}`,
        );
        out.push(`     claim ${plainValue(c.claimId)} (${c.kind}, ${amount(c.claimed)}): ${parts.join(', ')}`);
        for (const reason of c.reasons) out.push(`       · ${plainValue(reason, 600)}`);
      }
    });
  }

  // The other side: what Marketing does not claim.
  out.push('');
  if (r.unclaimed.length === 0) out.push('Every marketing-sourced deal is claimed.');
  else {
    const sum = r.unclaimed.reduce((s, u) => s + u.amount, 0);
    out.push(
      `Marketing-sourced deals no sourced claim mentions: ${formatCount(r.unclaimed.length)}, ${amount(sum)} ${r.currency} (Marketing under-reports these):`,
      ...r.unclaimed.slice(0, options.top).map((u) => `  ${plainValue(u.opportunityId)}  ${amount(u.amount)}`),
      ...(r.unclaimed.length > options.top ? [`  … and ${formatCount(r.unclaimed.length - options.top)} more`] : []),
    );
  }
  if (r.issues.length > 0)
    out.push('', `${formatCount(r.issues.length)} issue(s) on stderr (unknown opportunities, currencies, bad rows…).`);
  return out.join('\n');
}
