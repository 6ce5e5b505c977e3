import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateRecords } from '@accord/core';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { cli } from '../__tests__/cliHarness';

describe('accord sample', () => {
  it('writes the canonical CSV files, the agreement and a manifest', async () => {
    const { code, stdout, cwd } = await cli(['sample', '--leads', '400', '--seed', '3', '--out', 'data']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Wrote 400 leads, /);
    expect(readdirSync(join(cwd, 'data')).sort()).toEqual([
      'accounts.csv',
      'activities.csv',
      'agreement.json',
      'leads.csv',
      'manifest.json',
      'opportunities.csv',
      'spend.csv',
      'stage-events.csv',
      'touchpoints.csv',
    ]);
    const leads = parse(readFileSync(join(cwd, 'data', 'leads.csv')), { columns: true }) as Record<string, string>[];
    expect(leads).toHaveLength(400);
    expect(Object.keys(leads[0] ?? {})).toContain('stage.mql');
    const activities = parse(readFileSync(join(cwd, 'data', 'activities.csv')), { columns: true });
    expect(validateRecords('activities', activities).issues).toEqual([]);
  });

  it('is byte-for-byte deterministic for a seed', async () => {
    const a = await cli(['sample', '--leads', '300', '--seed', '9', '--out', 'x']);
    const b = await cli(['sample', '--leads', '300', '--seed', '9', '--out', 'x']);
    for (const file of [
      'leads.csv',
      'accounts.csv',
      'activities.csv',
      'touchpoints.csv',
      'opportunities.csv',
      'spend.csv',
    ]) {
      expect(readFileSync(join(a.cwd, 'x', file), 'utf8')).toBe(readFileSync(join(b.cwd, 'x', file), 'utf8'));
    }
  });

  it('reports the rows it broke on request', async () => {
    const { code, stdout } = await cli(['sample', '--leads', '200', '--bad-rows', '3', '--out', 'x', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).badRows).toHaveLength(3);
  });

  it('exits 2 on bad flags', async () => {
    expect((await cli(['sample', '--leads', 'many'])).stderr).toBe(
      'accord: --leads must be a whole number, got "many".\n',
    );
    expect((await cli(['sample', '--bad-rows', '5', '--leads', '2'])).code).toBe(2);
    expect((await cli(['sample', '--start', '2026-02-30'])).stderr).toBe(
      'accord: --start must be YYYY-MM-DD, got 2026-02-30\n',
    );
    expect((await cli(['sample', '--colour'])).code).toBe(2);
  });
});
