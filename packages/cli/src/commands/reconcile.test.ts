import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCanonicalCsv } from '@accord/adapters';
import type { Reconciliation } from '@accord/core';
import { describe, expect, it } from 'vitest';
import { cli } from '../__tests__/cliHarness';

const HEADER = 'id,opportunityId,kind,amount,currency,accountId,leadId,model,touchAt,stage,channel,campaignId';
const csvCell = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** A sample, and a claims file written from its deals: inflated, unknown, in euros, misfiled, influenced. */
async function setup(extraRows: string[] = []) {
  const { cwd } = await cli(['sample', '--leads', '1500', '--seed', '8', '--out', 'data']);
  const { records: opps } = parseCanonicalCsv('opportunities', readFileSync(join(cwd, 'data', 'opportunities.csv')));
  const rows: string[] = [HEADER];
  opps.slice(0, 40).forEach((o, i) => {
    const amount = i % 4 === 0 ? Math.round(o.amount * 1.3) : o.amount;
    const account = i % 9 === 0 ? 'A-ELSEWHERE' : (o.accountId ?? '');
    if (i % 6 === 0) rows.push(`s${i},${o.id},sourced,${Math.round(amount / 1.08)},EUR,${account},,,,,,`);
    else rows.push(`s${i},${o.id},sourced,${amount},USD,${account},${o.leadIds?.[0] ?? ''},,,,,`);
    if (i % 3 === 0) rows.push(`i${i},${o.id},influenced,${o.amount},USD,,,linear,,,webinar,`);
    if (i % 10 === 5) rows.push(`d${i},${o.id},sourced,${o.amount},USD,,,,,,,`);
  });
  rows.push('u1,NOT-IN-CRM,sourced,250000,USD,,,,,,,', ...extraRows);
  writeFileSync(join(cwd, 'claims.csv'), `${rows.join('\n')}\n`);
  const args = [
    'reconcile',
    'claims.csv',
    '--opportunities',
    'data/opportunities.csv',
    '--leads',
    'data/leads.csv',
    '--touchpoints',
    'data/touchpoints.csv',
  ];
  return { cwd, args, claimRows: rows.length - 1 };
}

/** The "all claims" column of the text bridge, as minor units. */
function bridge(stdout: string): { label: string; value: number }[] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => l.startsWith('Bridge, claimed → matched'));
  const rows: { label: string; value: number }[] = [];
  for (const line of lines.slice(start + 2)) {
    if (line.trim() === '') break;
    const m = /^ {2}(.+?) {2,}([+−]?[\d,]+\.\d\d)\s/.exec(line);
    if (!m) throw new Error(`unexpected bridge line: ${line}`);
    const text = m[2] as string;
    const sign = text.startsWith('−') ? -1 : 1;
    rows.push({ label: (m[1] as string).trim(), value: sign * Math.round(Number(text.replace(/[+−,]/g, '')) * 100) });
  }
  return rows;
}

describe('accord reconcile', () => {
  it('prints the bridge from claimed to matched, and it adds up', async () => {
    const { cwd, args } = await setup();
    const { code, stdout, stderr } = await cli([...args, '--rate', 'EUR=1.08', '--top', '100'], cwd);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Reconciliation: \d+ claims against [\d,]+ CRM opportunities, in USD\n/);
    const steps = bridge(stdout);
    expect(steps.map((s) => s.label)).toEqual([
      'Claimed by Marketing',
      expect.stringMatching(/^[−+] Unmatched opportunity$/),
      expect.stringMatching(/^[−+] Duplicate lead$/),
      expect.stringMatching(/^[−+] Currency$/),
      expect.stringMatching(/^[−+] Different account$/),
      expect.stringMatching(/^[−+] Stage drift$/),
      expect.stringMatching(/^[−+] Outside window$/),
      expect.stringMatching(/^[−+] Different model$/),
      '= Matched in the CRM',
    ]);
    const claimed = steps[0]?.value as number;
    const matched = steps[steps.length - 1]?.value as number;
    expect(claimed + steps.slice(1, -1).reduce((s, x) => s + x.value, 0)).toBe(matched);
    expect(steps[1]?.value).toBe(-250_000);
    expect(stdout).toMatch(/Biggest deltas by opportunity \((\d+) of \1\):/);
    expect(stdout).toMatch(/ {7}· No CRM opportunity has the id "NOT-IN-CRM"/);
    expect(stdout).toMatch(/Marketing-sourced deals no sourced claim mentions: [\d,]+, [\d,.]+ USD/);
    // The unknown opportunity is an issue on stderr, at the claims file's row.
    expect(stderr).toMatch(
      /✗ claims\.csv: 1 issue\n {2}marketingClaims\[\d+\]\.opportunityId: No CRM opportunity has the id "NOT-IN-CRM"/,
    );
  });

  it('prints the Reconciliation as JSON: the totals reconcile and match the text', async () => {
    const { cwd, args, claimRows } = await setup();
    const text = await cli([...args, '--rate', 'EUR=1.08'], cwd);
    const { code, stdout } = await cli([...args, '--rate', 'EUR=1.08', '--json'], cwd);
    expect(code).toBe(0);
    const r = JSON.parse(stdout) as Reconciliation;
    expect(r.claims).toHaveLength(claimRows);
    const deltas = Object.values(r.totals.deltas).reduce((s, d) => s + d, 0);
    expect(r.totals.matched + deltas).toBe(r.totals.claimed);
    for (const kind of ['sourced', 'influenced'] as const) {
      const t = r.byKind[kind];
      expect(t.matched + Object.values(t.deltas).reduce((s, d) => s + d, 0)).toBe(t.claimed);
    }
    const steps = bridge(text.stdout);
    expect(steps[0]?.value).toBe(r.totals.claimed);
    expect(steps[steps.length - 1]?.value).toBe(r.totals.matched);
    expect(r.totals.deltas.unmatched_opportunity).toBe(250_000);
    expect(r.totals.deltas.duplicate_lead).toBeGreaterThan(0);
    expect(r.totals.deltas.different_account).toBeGreaterThan(0);
    expect(r.totals.deltas.currency).toBe(0);
    const unknown = r.issues.find((i) => i.code === 'unknown_opportunity');
    expect(unknown?.path).toEqual(['marketingClaims', claimRows - 1, 'opportunityId']);
    expect(r.attribution).toEqual({ model: 'w_shaped', lookbackDays: 90, halfLifeDays: 7 });
  });

  it('holds euro claims apart without a rate and says so', async () => {
    const { cwd, args } = await setup();
    const { code, stdout, stderr } = await cli([...args, '--json'], cwd);
    expect(code).toBe(0);
    const r = JSON.parse(stdout) as Reconciliation;
    expect(r.totals.deltas.currency).toBeGreaterThan(0);
    expect(r.issues.filter((i) => i.code === 'currency_mismatch').length).toBeGreaterThan(0);
    expect(stderr).toContain('Expected an amount in USD, got EUR');
  });

  it('reports bad claims, leaves them out of every total and says so; --strict exits 2', async () => {
    const { cwd, args } = await setup([
      'bad1,NOT-IN-CRM,sourced,12.50,USD,,,,,,,',
      'bad2,NOT-IN-CRM,pipeline,100,USD,,,,,,,',
    ]);
    const lenient = await cli(args, cwd);
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toMatch(
      /2 claim\(s\) refused as bad input \(see stderr\): the totals cover the other \d+\./,
    );
    expect(lenient.stderr).toMatch(/claims\.csv: 2 claim\(s\) refused, counted in no total: 2 issues/);
    expect(lenient.stderr).toMatch(/marketingClaims\[\d+\]\.amount: /);
    expect(lenient.stderr).toMatch(/marketingClaims\[\d+\]\.kind: /);
    const json = JSON.parse((await cli([...args, '--json'], cwd)).stdout) as Reconciliation;
    expect(json.refused.map((x) => x.claimId)).toEqual(['bad1', 'bad2']);
    expect(json.claims.some((c) => c.claimId.startsWith('bad'))).toBe(false);
    expect((await cli([...args, '--strict'], cwd)).code).toBe(2);
  });

  it('exits 2 on any issue with --strict, even a well-formed claim on an unknown deal', async () => {
    const { cwd, args } = await setup();
    const strict = await cli([...args, '--rate', 'EUR=1.08', '--strict'], cwd);
    expect(strict.code).toBe(2);
    expect(strict.stdout).toBe('');
    expect(strict.stderr).toContain('"NOT-IN-CRM"');
  });

  it('exits 2 on bad input: an unreadable claims file, bad flags, an empty period', async () => {
    const { cwd, args } = await setup();
    writeFileSync(join(cwd, 'no-currency.csv'), 'id,opportunityId,kind,amount\nc1,O1,sourced,1\n');
    const unreadable = await cli([...args.slice(0, 1), 'no-currency.csv', ...args.slice(2)], cwd);
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toContain('Required column "currency" is missing from the header.');
    expect((await cli(['reconcile', 'claims.csv', '--leads', 'data/leads.csv'], cwd)).code).toBe(2);
    expect((await cli([...args, '--rate', 'EUR'], cwd)).code).toBe(2);
    expect((await cli([...args, '--rate', 'EUR=-1'], cwd)).code).toBe(2);
    expect((await cli([...args, '--from', 'last week'], cwd)).code).toBe(2);
    const empty = await cli([...args, '--from', '2026-05-01T00:00:00Z', '--to', '2026-04-01T00:00:00Z'], cwd);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/✗ options: 1 issue/);
    expect((await cli([...args.slice(0, 1), 'missing.csv', ...args.slice(2)], cwd)).code).toBe(2);
  });

  it('prints a hostile claim id as inert text', async () => {
    const hostile = '\u001b[2J\u001b[31mEVIL\u202e\nnext line <script>';
    const { cwd, args } = await setup([
      `${csvCell(hostile)},${csvCell(`\u001b]0;title\u0007`)},sourced,100,USD,,,,,,,`,
    ]);
    const { code, stdout, stderr } = await cli([...args, '--top', '1000'], cwd);
    expect(code).toBe(0);
    for (const out of [stdout, stderr]) {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: no control character may reach the terminal.
      expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      expect(out.split('\n').some((line) => line.startsWith('next line'))).toBe(false);
    }
    expect(stdout).toContain('\\u001b[2J\\u001b[31mEVIL\\u202e\\u000anext line <script>');
    expect(stdout).toContain('\\u001b]0;title\\u0007');
  });
});
