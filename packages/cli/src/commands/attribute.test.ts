import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedPath } from '@accord-internal/fixtures';
import { describe, expect, it } from 'vitest';
import { cli } from '../__tests__/cliHarness';

const DATA = sharedPath('data/channelattribution/Data.csv');

describe('accord attribute', () => {
  it('credits ChannelAttribution’s sample paths by Markov removal effect, as JSON per DESIGN.md', async () => {
    const { code, stdout, stderr } = await cli([
      'attribute',
      DATA,
      '--format',
      'paths',
      '--model',
      'markov',
      '--nulls',
      'total_null',
      '--json',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.model).toBe('markov');
    expect(doc.channels).toHaveLength(12);
    expect(Object.keys(doc.channels[0])).toEqual(['channel', 'conversions', 'value']);
    const sum = doc.channels.reduce((s: number, c: { conversions: number }) => s + c.conversions, 0);
    expect(sum).toBeCloseTo(19_785, 6);
    expect(doc.diagnostics.solver).toBe('dense');
  });

  it('compares every model side by side', async () => {
    const { code, stdout } = await cli(['attribute', DATA, '--format', 'paths', '--model', 'all']);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /channel\s+first_touch\s+last_touch\s+linear\s+position_based\s+w_shaped\s+full_path\s+custom\s+markov\s+shapley/,
    );
    expect(stdout).toMatch(/\n {2}alpha\s+6,308\s+8,447/);
  });

  it('joins touchpoints to won deals and credits campaigns', async () => {
    const { cwd } = await cli(['sample', '--leads', '2000', '--seed', '3', '--out', 'data']);
    const { code, stdout } = await cli(
      [
        'attribute',
        'data/touchpoints.csv',
        '--format',
        'touchpoints',
        '--opportunities',
        'data/opportunities.csv',
        '--leads',
        'data/leads.csv',
        '--model',
        'time_decay',
        '--now',
        '2026-07-04T04:00:00Z',
        '--json',
      ],
      cwd,
    );
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    const sum = doc.channels.reduce((s: number, c: { conversions: number }) => s + c.conversions, 0);
    expect(sum).toBeCloseTo(doc.totals.conversions, 9);
    expect(doc.totals.conversions).toBeGreaterThan(0);
    expect(doc.campaigns.length).toBeGreaterThan(0);
  });

  it('exits 2 on a missing column, an unknown model, a half-life ≤ 0; reports bad rows and skips them', async () => {
    const { cwd } = await cli(['--version']);
    writeFileSync(join(cwd, 'p.csv'), 'path;total_conversions\na > b;1\n > ;2\nc;-1\nd;x\n');
    expect((await cli(['attribute', 'p.csv', '--format', 'paths', '--model', 'nope'], cwd)).code).toBe(2);
    expect(
      (await cli(['attribute', 'p.csv', '--format', 'paths', '--half-life', '0', '--model', 'linear'], cwd)).code,
    ).toBe(2);
    const missing = await cli(['attribute', 'p.csv', '--format', 'paths', '--nulls', 'total_null'], cwd);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('total_null');
    const lenient = await cli(['attribute', 'p.csv', '--format', 'paths', '--model', 'linear', '--json'], cwd);
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toContain('paths[3].conversions');
    const doc = JSON.parse(lenient.stdout);
    expect(doc.issues.map((i: { code: string }) => i.code)).toEqual(['empty_path', 'too_small']);
    expect(doc.totals.conversions).toBe(1);
    expect((await cli(['attribute', 'p.csv', '--format', 'paths', '--model', 'linear', '--strict'], cwd)).code).toBe(2);
  });
});
