import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../__tests__/cliHarness';

async function sample() {
  const { cwd } = await cli(['sample', '--leads', '1500', '--seed', '8', '--out', 'data']);
  const asOf = JSON.parse(readFileSync(join(cwd, 'data', 'manifest.json'), 'utf8')).asOf as string;
  const args = ['review', 'data/leads.csv', '--activities', 'data/activities.csv', '--accounts', 'data/accounts.csv'];
  return { cwd, asOf, args };
}

describe('accord review', () => {
  it('prints a stratified sample of the window’s decisions, each with its why, and writes the documents', async () => {
    const { cwd, args } = await sample();
    const { code, stdout, stderr } = await cli(
      [
        ...args,
        '--from',
        '2026-01-01T00:00:00Z',
        '--to',
        '2026-07-01T00:00:00Z',
        '--now',
        '2026-07-01T00:00:00Z',
        '--out',
        'out',
        '--n',
        '12',
      ],
      cwd,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Weekly review: 12 of [\d,]+ decisions, 2026-01-01 – 2026-06-30\n/);
    expect(stdout).toMatch(/ {2}accepted: \d+ of /);
    expect(stdout).toMatch(/disposition: .+ → (nurture|enrich|reroute|suppress|recycle|disqualify)/);
    expect(stdout).toMatch(/routing: rules say /);
    const md = readFileSync(join(cwd, 'out', 'review-2026-06-30.md'), 'utf8');
    expect(md).toContain('| Stratum | Leads | Sampled |');
    const html = readFileSync(join(cwd, 'out', 'review-2026-06-30.html'), 'utf8');
    expect(html).not.toMatch(/<script/i);
  });

  it('draws the same leads for the same seed and JSON that matches the text', async () => {
    const { cwd, args } = await sample();
    const window = ['--from', '2026-01-01T00:00:00Z', '--to', '2026-07-01T00:00:00Z', '--seed', '5', '--json'];
    const a = JSON.parse((await cli([...args, ...window], cwd)).stdout);
    const b = JSON.parse((await cli([...args, ...window], cwd)).stdout);
    expect(a.items.map((i: { leadId: string }) => i.leadId)).toEqual(b.items.map((i: { leadId: string }) => i.leadId));
    expect(a.items).toHaveLength(20);
  });

  it('exits 2 on a bad --n or window', async () => {
    const { cwd, args } = await sample();
    expect((await cli([...args, '--n', '0'], cwd)).code).toBe(2);
    expect((await cli([...args, '--from', '2026-07-01T00:00:00Z', '--to', '2026-01-01T00:00:00Z'], cwd)).code).toBe(2);
  });
});
