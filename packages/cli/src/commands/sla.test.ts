import { appendFileSync, copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedPath } from '@accord-internal/fixtures';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../__tests__/cliHarness';

let dir: string;
let asOf: string;

beforeAll(async () => {
  const sample = await cli(['sample', '--leads', '1500', '--seed', '4', '--out', 'data']);
  dir = sample.cwd;
  asOf = JSON.parse(readFileSync(join(dir, 'data', 'manifest.json'), 'utf8')).asOf;
});

const files = ['data/leads.csv', 'data/activities.csv'];

describe('accord sla', () => {
  it('prints the open clocks next breach first, breach rates by side and the acceptance floor', async () => {
    const { code, stdout, stderr } = await cli(
      ['sla', ...files, '--events', 'data/stage-events.csv', '--now', asOf, '--limit', '5'],
      dir,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^SLA clocks as of Sat 04 Jul 00:00 \(America\/New_York\) — 1,500 leads, [\d,]+ open clocks/,
    );
    expect(stdout).toMatch(/lead\s+SLA\s+owner\s+state\s+due \(America\/New_York\)\s+remaining\s+escalation due/);
    expect(stdout).toMatch(/sales \(all\)\s+[\d,]+\s+[\d,]+\s+[\d,]+\s+[\d,]+\s+[\d.]+%/);
    expect(stdout).toMatch(/marketing \(all\)/);
    expect(stdout).toContain('At least 60 % of MQLs are accepted by sales each month (floor 60.0%)');
  });

  it('prints one JSON document whose open clocks are ranked by due time', async () => {
    const { code, stdout } = await cli(['sla', ...files, '--now', asOf, '--json'], dir);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    const due = doc.open.map((s: { dueAt: number }) => s.dueAt);
    expect(due).toEqual([...due].sort((a: number, b: number) => a - b));
    expect(doc.open.every((s: { state: string }) => ['running', 'paused', 'breached'].includes(s.state))).toBe(true);
    const sales = doc.summary.bySide.sales;
    expect(sales.met + sales.breached + sales.open).toBe(sales.started);
    expect(doc.now).toBe(asOf);
  });

  it('skips bad rows, says which and why, and still reports', async () => {
    const { cwd } = await cli(['--help']);
    copyFileSync(join(dir, 'data', 'leads.csv'), join(cwd, 'leads.csv'));
    copyFileSync(join(dir, 'data', 'activities.csv'), join(cwd, 'activities.csv'));
    const header = readFileSync(join(cwd, 'leads.csv'), 'utf8').split('\n')[0]?.split(',') ?? [];
    appendFileSync(
      join(cwd, 'leads.csv'),
      `${header.map((h) => (h === 'id' ? 'BAD-1' : h === 'createdAt' ? '31/02/2026' : '')).join(',')}\n`,
    );
    const lenient = await cli(['sla', 'leads.csv', 'activities.csv', '--now', asOf], cwd);
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toMatch(
      /^! leads\.csv: 1 row\(s\) skipped; 1 issue\(s\)\n {2}leads\[1500\]\.createdAt: Expected an ISO-8601 instant/,
    );
    const strict = await cli(['sla', 'leads.csv', 'activities.csv', '--now', asOf, '--strict'], cwd);
    expect(strict.code).toBe(2);
  });

  it('exits 2 on a file that is not canonical, a missing file or a bad --now', async () => {
    const { cwd } = await cli(['--help']);
    copyFileSync(sharedPath('data/olist-funnel/olist_marketing_qualified_leads_dataset.csv'), join(cwd, 'olist.csv'));
    copyFileSync(join(dir, 'data', 'activities.csv'), join(cwd, 'activities.csv'));
    const olist = await cli(['sla', 'olist.csv', 'activities.csv', '--now', asOf], cwd);
    expect(olist.code).toBe(2);
    expect(olist.stderr).toMatch(/✗ olist\.csv: cannot be read/);
    expect(olist.stderr).toMatch(/Required column "id" is missing from the header/);
    expect((await cli(['sla', 'nope.csv', 'activities.csv'], cwd)).stderr).toBe(
      'accord: Cannot read nope.csv: no such file.\n',
    );
    expect((await cli(['sla', ...files, '--now', 'tomorrow'], dir)).code).toBe(2);
    expect((await cli(['sla', 'data/leads.csv'], dir)).code).toBe(2);
  });
});
