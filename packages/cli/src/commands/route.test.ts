import { describe, expect, it } from 'vitest';
import { cli } from '../__tests__/cliHarness';

describe('accord route', () => {
  it('routes every lead, tallies rules and assignees, and explains the first decisions', async () => {
    const { cwd } = await cli(['sample', '--leads', '800', '--seed', '6', '--out', 'data']);
    const { code, stdout, stderr } = await cli(
      ['route', 'data/leads.csv', '--accounts', 'data/accounts.csv', '--limit', '1'],
      cwd,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Routed 800 leads in creation order, each at its creation time, with [\d,]+ accounts/);
    expect(stdout).toMatch(/rule\s+leads\s+share\n\s+territory\s+[\d,]+/);
    expect(stdout).toMatch(/\nL\d{7} → (queue )?\w+\n {4}Rule "account_owner" applies to every lead\./);
    expect(stdout).toContain('Routing configuration:');
  });

  it('prints one JSON document whose tallies add up', async () => {
    const { cwd } = await cli(['sample', '--leads', '500', '--seed', '2', '--out', 'data']);
    const { code, stdout } = await cli(['route', 'data/leads.csv', '--json'], cwd);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
    expect(sum(doc.byRule)).toBe(500);
    expect(sum(doc.byAssignee)).toBe(500);
    expect(doc.decisions).toHaveLength(500);
  });

  it('audits current owners against today’s rules', async () => {
    const { cwd } = await cli(['sample', '--leads', '1500', '--seed', '6', '--out', 'data']);
    const { code, stdout } = await cli(
      [
        'route',
        'data/leads.csv',
        '--accounts',
        'data/accounts.csv',
        '--audit',
        '--now',
        '2026-07-04T04:00:00Z',
        '--json',
      ],
      cwd,
    );
    expect(code).toBe(0);
    const audit = JSON.parse(stdout);
    expect(audit.checked + audit.unassigned + audit.queueRouted).toBe(1500);
    expect(audit.misrouteRate).toBeCloseTo(audit.misroutes.length / audit.checked, 12);
  });

  it('exits 2 on a wrong number of files or an unreadable accounts file', async () => {
    const { cwd } = await cli(['sample', '--leads', '50', '--out', 'data']);
    expect((await cli(['route'], cwd)).code).toBe(2);
    const bad = await cli(['route', 'data/leads.csv', '--accounts', 'data/spend.csv'], cwd);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/✗ data\/spend\.csv: cannot be read/);
  });
});
