import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cli } from '../__tests__/cliHarness';

const bin = resolve(import.meta.dirname, '../../dist/bin.js');

describe('accord demo', () => {
  it('shows the funnel against targets and the lead-standard failures', async () => {
    const { code, stdout } = await cli(['demo', '--leads', '2000']);
    expect(code).toBe(0);
    expect(stdout).toContain('✓ agreement valid: 9 stages, 6 SLAs (4 sales, 2 marketing), 8 reject reasons');
    expect(stdout).toContain('✓ records: all valid');
    expect(stdout).toMatch(/Funnel by stage \(2,000 leads\)\n\s+stage\s+owner\s+reached/);
    expect(stdout).toMatch(/SAL\s+sales\s+[\d,]+\s+[\d.]+%\s+[\d.]+% of mql\s+≥ 60\.0% [✓✗]/);
    expect(stdout).toMatch(/Lead standard at handoff \(MQL\): [\d,]+ of [\d,]+ leads fail/);
    expect(stdout).toMatch(/computed in DuckDB \(accord-demo\/accord\.duckdb\): \d+ SQL statements/);
    expect(stdout).toContain('accord scorecard --engine duckdb --db accord-demo/accord.duckdb');
  });

  it('prints exactly one JSON document with --json, whose numbers add up', async () => {
    const { code, stdout } = await cli(['demo', '--leads', '1500', '--seed', '4', '--json']);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    const inquiry = doc.funnel.rows.find((r: { stage: string }) => r.stage === 'inquiry');
    expect(inquiry.reached).toBe(1500);
    const now = doc.funnel.rows.reduce((n: number, r: { current: number }) => n + r.current, 0);
    expect(now).toBe(1500);
    expect(doc.leadStandard.failing).toBe(
      doc.leadStandard.bySource.reduce((n: number, s: { failing: number }) => n + s.failing, 0),
    );
  });

  it('reports broken rows and leaves them out instead of dropping them silently', async () => {
    const { code, stdout } = await cli(['demo', '--leads', '1000', '--bad-rows', '4']);
    expect(code).toBe(0);
    // Three break the schema (bad date, negative amount, unreadable first touch) and are left out;
    // the fourth names an unknown stage: it still counts, and is reported as a stage-data problem.
    expect(stdout).toMatch(/! records: 3 issue\(s\); 3 record\(s\) left out/);
    expect(stdout).toMatch(/leads\[\d+\]\.createdAt: Expected an ISO-8601 instant/);
    expect(stdout).toContain('(1 lead(s) have stage-data problems; they count for every stage they reached)');
  });

  it('runs as the built `accord` binary', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'accord-bin-'));
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'demo', '--leads', '500', '--json'], { cwd });
    expect(JSON.parse(stdout).sample.counts.leads).toBe(500);
    const failure = await promisify(execFile)(process.execPath, [bin, 'nope'], { cwd }).catch((e) => e);
    expect(failure.code).toBe(2);
    expect(failure.stderr).toMatch(/^accord: Unknown command "nope"/);
  });
});
