import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../__tests__/cliHarness';

/** A sample, the agreement it follows, and a stricter MQL definition to pilot beside it. */
async function setUp() {
  const { cwd } = await cli(['sample', '--leads', '800', '--seed', '12', '--out', 'data']);
  const baseline = JSON.parse(readFileSync(join(cwd, 'data', 'agreement.json'), 'utf8'));
  const candidate = structuredClone(baseline);
  candidate.version = '1.1.0-pilot';
  const mql = candidate.stages.find((s: { id: string }) => s.id === 'mql');
  mql.entry = {
    any: [
      { field: 'attributes.demoRequested', op: 'eq', value: true },
      { field: 'attributes.employees', op: 'gte', value: 100 },
    ],
  };
  writeFileSync(join(cwd, 'candidate.json'), JSON.stringify(candidate));
  const args = [
    'pilot',
    'data/leads.csv',
    '--baseline',
    'data/agreement.json',
    '--candidate',
    'candidate.json',
    '--opportunities',
    'data/opportunities.csv',
    '--now',
    JSON.parse(readFileSync(join(cwd, 'data', 'manifest.json'), 'utf8')).asOf,
    '--metrics',
    'count.mql,count.sal,conversion.mql.sal,pipeline_created',
  ];
  return { cwd, args };
}

describe('accord pilot', () => {
  it('prints what the candidate changes, the stage split and the metrics side by side', async () => {
    const { cwd, args } = await setUp();
    const { code, stdout, stderr } = await cli(args, cwd);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Pilot: v1\.1\.0-pilot beside v1\.0\.0 on 800 leads/);
    expect(stdout).toContain('• Stage "MQL" (mql): entry criteria changed from');
    expect(stdout).toMatch(/baseline only +\d+ leads · → sal [\d.]+%/);
    expect(stdout).toContain('← the candidate drops these');
    expect(stdout).toMatch(/MQL → SAL.+%.+%.+pt/);
  });

  it('prints the core result as one JSON document, consistent with its split', async () => {
    const { cwd, args } = await setUp();
    const { code, stdout } = await cli([...args, '--json', '--group-by', 'source'], cwd);
    expect(code).toBe(0);
    const pilot = JSON.parse(stdout);
    const [mql] = pilot.stages;
    const count = pilot.totals.metrics['count.mql'];
    expect(mql.both.leads + mql.baselineOnly.leads).toBe(count.baseline.value);
    expect(mql.both.leads + mql.candidateOnly.leads).toBe(count.candidate.value);
    expect(count.delta).toBe(count.candidate.value - count.baseline.value);
    expect(pilot.rows.length).toBeGreaterThan(1);
  });

  it('exits 2 without both agreements, or with an invalid one', async () => {
    const { cwd, args } = await setUp();
    expect((await cli(['pilot', 'data/leads.csv', '--baseline', 'data/agreement.json'], cwd)).code).toBe(2);
    writeFileSync(join(cwd, 'bad.json'), JSON.stringify({ id: 'x' }));
    const bad = await cli(
      args.map((a) => (a === 'candidate.json' ? 'bad.json' : a)),
      cwd,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad.json');
  });
});
