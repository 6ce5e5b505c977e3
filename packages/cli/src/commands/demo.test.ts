import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cli } from '../__tests__/cliHarness';

const bin = resolve(import.meta.dirname, '../../dist/bin.js');

describe('accord demo', () => {
  it('prints the council scorecard, SLA queue, attribution, routing audit and reject mix, in that order', async () => {
    const { code, stdout } = await cli(['demo', '--leads', '2000']);
    expect(code).toBe(0);
    expect(stdout).toContain('✓ agreement valid: 9 stages, 6 SLAs (4 sales, 2 marketing), 8 reject reasons');
    expect(stdout).toContain('✓ records: all valid');
    const order = [
      'Council scorecard: stage conversions by source against targets (2,000 leads)',
      'The ten nearest to breach:',
      'Attribution by model: share of',
      'Routing audit:',
      'Reject reasons by source',
      'Lead standard at handoff (MQL)',
      'Scorecard of 2,000 leads by source',
      'Report: ',
    ].map((heading) => stdout.indexOf(heading));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(stdout).toMatch(/^\s+source\s+leads\s+→MQL\s+→SAL\s+→SQL\s+→Opportunity\s+→Closed won$/m);
    expect(stdout).toMatch(/^\s+total\s+2,000\s+[\d.]+%\s+[\d.]+% [✓✗]/m);
    expect(stdout).toMatch(/lead\s+company \/ e-mail\s+owner\s+SLA\s+due \(America\/New_York\)\s+due in \/ overdue by/);
    expect(stdout).toMatch(/channel\s+First touch\s+Last touch\s+Linear\s+W-shaped\*\s+Markov\s+Shapley/);
    expect(stdout).toMatch(/Routing audit: [\d,]+ of [\d,]+ owned leads \([\d.]+%\)/);
    expect(stdout).toMatch(/computed in DuckDB \(accord-demo\/accord\.duckdb\): \d+ SQL statements/);
    expect(stdout).toContain('accord scorecard --engine duckdb --db accord-demo/accord.duckdb');
  });

  it('writes the HTML report beside the sample and prints its path', async () => {
    const { code, stdout, cwd } = await cli(['demo', '--leads', '500', '--out', 'out']);
    expect(code).toBe(0);
    const path = join(cwd, 'out', 'report.html');
    expect(stdout).toContain(`Report: ${path}\n`);
    const html = readFileSync(path, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<title>Accord demo — Accord default operating agreement</title>');
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
    const council = doc.councilScorecard;
    expect(council.totals.leads).toBe(1500);
    expect(council.rows.reduce((n: number, r: { leads: number }) => n + r.leads, 0)).toBe(1500);
    expect(doc.sla.nearestToBreach).toHaveLength(10);
    expect(doc.attribution.models).toEqual(['first_touch', 'last_touch', 'linear', 'w_shaped', 'markov', 'shapley']);
    expect(doc.routing.misroutes.length).toBeLessThanOrEqual(doc.routing.checked);
    expect(doc.rejectMix[0].group).toBe('(all)');
    expect(doc.report).toMatch(/accord-demo\/report\.html$/);
  });

  it('prints nothing on stderr with --json', async () => {
    const { stderr } = await cli(['demo', '--leads', '300', '--json']);
    expect(stderr).toBe('');
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
