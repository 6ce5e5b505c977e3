import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultAgreement } from '@accord/core';
import { olistFunnel } from '@accord-internal/fixtures';
import { startThrowawayPostgres } from '@accord-internal/postgres';
import { describe, expect, it } from 'vitest';
import { cli } from '../__tests__/cliHarness';

const NOW = '2026-07-01T00:00:00Z';

/** Numbers to 9 significant digits, so engines that add in another order compare equal. */
const roundDeep = (value: unknown): unknown =>
  typeof value === 'number'
    ? Number(value.toPrecision(9))
    : Array.isArray(value)
      ? value.map(roundDeep)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundDeep(v)]))
        : value;

describe('accord scorecard', () => {
  it('prints the DESIGN.md JSON document: groups, metrics with numerator and denominator, totals', async () => {
    const { cwd } = await cli(['sample', '--leads', '1500', '--seed', '4', '--out', 'data']);
    const { code, stdout, stderr } = await cli(
      [
        'scorecard',
        'data/leads.csv',
        '--opportunities',
        'data/opportunities.csv',
        '--group-by',
        'source,segment',
        '--now',
        NOW,
        '--json',
      ],
      cwd,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.groupBy).toEqual(['source', 'segment']);
    expect(doc.asOf).toBe('2026-07-01T00:00:00.000Z');
    expect(doc.totals.metrics.leads).toEqual({ value: 1500 });
    const sum = doc.rows.reduce(
      (s: number, r: { metrics: { leads: { value: number } } }) => s + r.metrics.leads.value,
      0,
    );
    expect(sum).toBe(1500);
    const first = doc.rows[0];
    expect(Object.keys(first.group)).toEqual(['source', 'segment']);
    const c = first.metrics['conversion.mql.sal'];
    expect(c.value === null ? c.denominator : c.numerator / c.denominator).toBe(c.value ?? 0);
    expect(doc.metrics.find((m: { id: string }) => m.id === 'conversion.mql.sal')).toMatchObject({
      unit: 'ratio',
      owner: 'shared',
    });
    expect(doc.issues).toEqual([]);
    expect(doc.skipped).toEqual([]);
  });

  it('--engine duckdb prints the same JSON as the in-memory engine, and --explain the SQL it ran', async () => {
    const { cwd } = await cli(['sample', '--leads', '900', '--seed', '6', '--out', 'data']);
    const files = ['--opportunities', 'data/opportunities.csv', '--activities', 'data/activities.csv'];
    const rest = [
      ...files,
      '--spend',
      'data/spend.csv',
      '--group-by',
      'source',
      '--grain',
      'quarter',
      '--now',
      NOW,
      '--json',
    ];
    const memory = await cli(['scorecard', 'data/leads.csv', ...rest], cwd);
    const duckdb = await cli(['scorecard', 'data/leads.csv', ...rest, '--engine', 'duckdb', '--explain'], cwd);
    expect(memory.code).toBe(0);
    expect(duckdb.code).toBe(0);
    expect(JSON.parse(duckdb.stdout)).toEqual(JSON.parse(memory.stdout));
    expect(duckdb.stderr).toMatch(/^-- duckdb: data-quality checks\n-- parameters: \[/);
    expect(duckdb.stderr).toContain('-- duckdb: aggregates');
    expect(duckdb.stderr).toMatch(/GROUP BY GROUPING SETS/);

    // Loaded into a database file once, then read from it without the CSV files.
    const db = join(cwd, 'accord.duckdb');
    const load = await cli(['scorecard', 'data/leads.csv', ...rest, '--engine', 'duckdb', '--db', db], cwd);
    const stored = await cli(
      [
        'scorecard',
        '--engine',
        'duckdb',
        '--db',
        db,
        '--group-by',
        'source',
        '--grain',
        'quarter',
        '--now',
        NOW,
        '--json',
      ],
      cwd,
    );
    expect(stored.code).toBe(0);
    expect(JSON.parse(stored.stdout).rows).toEqual(JSON.parse(load.stdout).rows);
  });

  it('--engine postgres (a throwaway cluster) prints the same JSON; a bad URL is exit 2 without the password', async () => {
    const cluster = await startThrowawayPostgres();
    try {
      const { cwd } = await cli(['sample', '--leads', '600', '--seed', '8', '--out', 'data']);
      const rest = ['--opportunities', 'data/opportunities.csv', '--activities', 'data/activities.csv'];
      const shape = ['--group-by', 'segment', '--grain', 'month', '--now', NOW, '--json'];
      const memory = await cli(['scorecard', 'data/leads.csv', ...rest, ...shape], cwd);
      const pg = await cli(['scorecard', 'data/leads.csv', ...rest, ...shape, '--engine', 'postgres'], cwd, {
        DATABASE_URL: cluster.url,
      });
      expect(pg.stderr).toBe(memory.stderr);
      expect(pg.code).toBe(0);
      // Counts identical; sums, means and percentiles to 1e-9 (the server adds in its own order).
      expect(roundDeep(JSON.parse(pg.stdout))).toEqual(roundDeep(JSON.parse(memory.stdout)));
      // Read back from the database alone.
      const stored = await cli(['scorecard', '--engine', 'postgres', '--db', cluster.url, ...shape], cwd);
      expect(roundDeep(JSON.parse(stored.stdout).totals)).toEqual(roundDeep(JSON.parse(memory.stdout).totals));

      const wrong = cluster.url.replace(`:${cluster.password}@`, ':not-the-password-x9@');
      const refused = await cli(['scorecard', 'data/leads.csv', '--engine', 'postgres', '--db', wrong], cwd);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('refused the credentials');
      expect(refused.stderr).not.toContain('not-the-password-x9');
      expect(refused.stderr).not.toContain(cluster.password);
    } finally {
      await cluster.stop();
    }
  }, 120_000);

  it('rejects an unknown engine, --db without an engine and postgres without a URL (exit 2)', async () => {
    const { cwd } = await cli(['sample', '--leads', '50', '--seed', '6', '--out', 'data']);
    const bad = await cli(['scorecard', 'data/leads.csv', '--engine', 'spark'], cwd);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--engine must be one of memory, duckdb, postgres');
    expect((await cli(['scorecard', 'data/leads.csv', '--db', 'x.duckdb'], cwd)).code).toBe(2);
    const pg = await cli(['scorecard', 'data/leads.csv', '--engine', 'postgres'], cwd, { DATABASE_URL: undefined });
    expect(pg.code).toBe(2);
    expect(pg.stderr).toContain('--engine postgres needs a connection URL');
  });

  it('prints metrics down and groups across when there are few groups, with targets marked', async () => {
    const { cwd } = await cli(['sample', '--leads', '800', '--seed', '5', '--out', 'data']);
    const { code, stdout } = await cli(['scorecard', 'data/leads.csv', '--group-by', 'segment', '--now', NOW], cwd);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Scorecard of 800 leads by segment as of 2026-07-01/);
    expect(stdout).toMatch(/\n {2}metric\s+enterprise\s+mid_market\s+smb\s+total\n/);
    expect(stdout).toMatch(/MQL → SAL\s+[\d.]+ % [✓✗]/);
    expect(stdout).toContain('against the agreement’s target');
  });

  it('per month, in a period, compared with the previous one', async () => {
    const { cwd } = await cli(['sample', '--leads', '1500', '--seed', '4', '--out', 'data']);
    const { code, stdout } = await cli(
      [
        'scorecard',
        'data/leads.csv',
        '--metrics',
        'leads,count.mql',
        '--period',
        '2026-05',
        '--compare',
        '--now',
        NOW,
        '--json',
      ],
      cwd,
    );
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.period.label).toBe('2026-05');
    expect(doc.previousPeriod.label).toBe('2026-04');
    const leads = doc.totals.metrics.leads;
    expect(leads.change).toBe(leads.value - leads.previous);
    const monthly = JSON.parse(
      (
        await cli(
          ['scorecard', 'data/leads.csv', '--metrics', 'leads', '--grain', 'month', '--now', NOW, '--json'],
          cwd,
        )
      ).stdout,
    );
    const may = monthly.rows.find((r: { period: string }) => r.period === '2026-05');
    expect(may.metrics.leads.value).toBe(leads.value);
    expect(may.from).toBe('2026-05-01T04:00:00.000Z');
  });

  it('reports bad and suspect rows by row and field; computes on the rest; --strict exits 2', async () => {
    const { cwd } = await cli(['sample', '--leads', '10', '--seed', '1', '--out', 'data']);
    writeFileSync(
      join(cwd, 'bad.csv'),
      [
        'id,createdAt,source,amount,stage.mql,stage.sal,stage.closed_won',
        'A1,2026-03-02,paid_search,,2026-03-02,2026-03-03,',
        'A2,2026-02-31,paid_search,,,,',
        'A3,2026-03-04,social,-500,,,',
        'A1,2026-03-05,social,,,,',
        'A5,2026-03-06,social,1000,2026-03-08,2026-03-07,2026-03-01',
      ].join('\n'),
    );
    const { code, stdout, stderr } = await cli(
      ['scorecard', 'bad.csv', '--metrics', 'leads,count.sal,conversion.mql.sal', '--now', NOW, '--json'],
      cwd,
    );
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.totals.metrics.leads).toEqual({ value: 2 });
    expect(doc.totals.metrics['count.sal']).toEqual({ value: 2 });
    expect(doc.totals.metrics['conversion.mql.sal']).toMatchObject({ numerator: 1, denominator: 2 });
    expect(doc.issues.map((i: { code: string; path: unknown[] }) => `${i.code} ${i.path.join('.')}`)).toEqual([
      'invalid_instant leads.1.createdAt',
      'too_small leads.2.amount',
      'duplicate_id leads.3.id',
    ]);
    expect(doc.skipped.map((s: { index: number }) => s.index)).toEqual([1, 2, 3]);
    expect(doc.warnings.map((i: { code: string; path: unknown[] }) => `${i.code} ${i.path.join('.')}`)).toEqual([
      'stage_out_of_order leads.4.stageDates.sal',
      'stage_out_of_order leads.4.stageDates.closed_won',
    ]);
    expect(stderr).toContain('3 row(s) skipped');
    expect(stderr).toContain('2 row(s) kept but suspect');
    const strict = await cli(['scorecard', 'bad.csv', '--now', NOW, '--strict'], cwd);
    expect(strict.code).toBe(2);
  });

  it('exits 2 on an unknown metric, dimension, stage column or flag value', async () => {
    const { cwd } = await cli(['sample', '--leads', '50', '--seed', '1', '--out', 'data']);
    const metric = await cli(['scorecard', 'data/leads.csv', '--metrics', 'conversion.mql.nope', '--now', NOW], cwd);
    expect(metric.code).toBe(2);
    expect(metric.stderr).toContain('metrics[0]');
    expect(metric.stderr).toContain('--list-metrics');
    expect((await cli(['scorecard', 'data/leads.csv', '--group-by', 'colour', '--now', NOW], cwd)).code).toBe(2);
    expect((await cli(['scorecard', 'data/leads.csv', '--grain', 'fortnight'], cwd)).code).toBe(2);
    // A stage the agreement lacks: the column is ignored and reported (lenient), or stops the run (strict).
    writeFileSync(join(cwd, 'odd.csv'), 'id,createdAt,stage.demo\nX1,2026-03-02,2026-03-03\n');
    const odd = await cli(['scorecard', 'odd.csv', '--now', NOW, '--json'], cwd);
    expect(odd.code).toBe(0);
    expect(odd.stderr).toContain('Unknown column "stage.demo"');
    expect(JSON.parse(odd.stdout).issues[0]).toMatchObject({
      code: 'unknown_column',
      column: 'stage.demo',
      file: 'odd.csv',
    });
    expect((await cli(['scorecard', 'odd.csv', '--now', NOW, '--strict'], cwd)).code).toBe(2);
  });

  it('lists the metric dictionary', async () => {
    const { code, stdout } = await cli(['scorecard', '--list-metrics', '--json']);
    expect(code).toBe(0);
    const ids = JSON.parse(stdout).metrics.map((m: { id: string }) => m.id);
    expect(ids).toContain('pipeline_velocity');
    expect(ids).toContain('reject_mix.competitor');
  });

  it('runs on the Olist marketing funnel (8,000 MQLs, 842 closed deals), impossible orders included', async () => {
    const { mqls, deals } = olistFunnel();
    const won = new Map(deals.map((d) => [d.mql_id as string, d]));
    const header = 'id,createdAt,source,segment,ownerId,amount,stage.mql,stage.closed_won';
    const lines = mqls.map((m) => {
      const d = won.get(m.mql_id as string);
      const revenue = d ? Math.round(Number(d.declared_monthly_revenue) * 100) : undefined;
      const source = m.origin === '' ? '' : m.origin;
      return [
        m.mql_id,
        m.first_contact_date,
        source,
        d?.business_segment ?? '',
        d?.sr_id ?? '',
        revenue ?? '',
        m.first_contact_date,
        d?.won_date ?? '',
      ].join(',');
    });
    const { cwd } = await cli(['--version']);
    writeFileSync(join(cwd, 'olist.csv'), [header, ...lines].join('\n'));
    writeFileSync(
      join(cwd, 'agreement.json'),
      JSON.stringify({ ...defaultAgreement, timezone: 'America/Sao_Paulo', currency: 'BRL' }),
    );
    const { code, stdout, stderr } = await cli(
      [
        'scorecard',
        'olist.csv',
        '--agreement',
        'agreement.json',
        '--group-by',
        'source',
        '--metrics',
        'leads,count.closed_won,conversion.mql.closed_won,days.mql.closed_won.median,amount.closed_won.sum',
        '--now',
        '2019-01-01T00:00:00Z',
        '--json',
      ],
      cwd,
    );
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    const t = doc.totals.metrics;
    expect(t.leads.value).toBe(8000);
    expect(t['count.closed_won'].value).toBe(842);
    // Deals "won" before the lead's first contact: still counted as won, left out of conversion and duration.
    const impossible = deals.filter((d) => {
      const m = mqls.find((x) => x.mql_id === d.mql_id);
      return m !== undefined && (d.won_date as string).slice(0, 10) < (m.first_contact_date as string);
    }).length;
    expect(doc.warnings).toHaveLength(impossible);
    expect(t['conversion.mql.closed_won']).toMatchObject({ numerator: 842 - impossible, denominator: 8000 });
    expect(doc.excluded['days.mql.closed_won.median']).toBe(impossible);
    expect(impossible).toBeGreaterThan(0);
    expect(stderr).toContain(`${impossible} row(s) kept but suspect`);
    const paid = doc.rows.find((r: { group: { source: string } }) => r.group.source === 'paid_search');
    expect(paid.metrics.leads.value).toBe(mqls.filter((m) => m.origin === 'paid_search').length);

    // The same document, warnings included, when DuckDB runs the aggregates.
    const args = ['scorecard', 'olist.csv', '--agreement', 'agreement.json', '--group-by', 'source'];
    const metrics = [
      '--metrics',
      'leads,count.closed_won,conversion.mql.closed_won,days.mql.closed_won.median,amount.closed_won.sum',
    ];
    const pushed = await cli(
      [...args, ...metrics, '--now', '2019-01-01T00:00:00Z', '--json', '--engine', 'duckdb'],
      cwd,
    );
    expect(pushed.code).toBe(0);
    expect(JSON.parse(pushed.stdout)).toEqual(doc);
  });
});

describe('accord scorecard --versions', () => {
  it('judges each lead by the version in force when it was created, and combines what is additive', async () => {
    const { cwd } = await cli(['sample', '--leads', '1200', '--seed', '4', '--out', 'data']);
    const agreement = JSON.parse(readFileSync(join(cwd, 'data', 'agreement.json'), 'utf8'));
    const v2 = { ...structuredClone(agreement), version: '2026.2', effectiveFrom: '2026-04-01' };
    v2.targets = { ...v2.targets, 'conversion.mql.sal': { min: 0.25 } };
    writeFileSync(
      join(cwd, 'versions.json'),
      JSON.stringify([{ ...agreement, version: '2026.1', effectiveFrom: '2026-01-01' }, v2]),
    );
    const args = ['scorecard', 'data/leads.csv', '--versions', 'versions.json', '--now', '2026-07-04T00:00:00Z'];
    const metrics = ['--metrics', 'leads,conversion.mql.sal,days.mql.sal.median'];
    const text = await cli([...args, ...metrics], cwd);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /^v2026\.1 from 2026-01-01 until 2026-04-01: [\d,]+ leads\nv2026\.2 from 2026-04-01: [\d,]+ leads\n/,
    );
    expect(text.stdout).toContain('Not additive across versions, per version:');
    const json = JSON.parse((await cli([...args, ...metrics, '--json'], cwd)).stdout);
    const [a, b] = json.segments;
    expect(a.leads + b.leads).toBe(1200);
    const conv = json.totals.metrics['conversion.mql.sal'];
    expect(conv.numerator).toBe(
      a.totals.metrics['conversion.mql.sal'].numerator + b.totals.metrics['conversion.mql.sal'].numerator,
    );
    expect(conv.target).toEqual({ min: 0.25 });
    expect(json.totals.metrics['days.mql.sal.median']).toEqual({ value: null, combinedBy: 'segments' });
  });

  it('exits 2 on overlapping versions or a version in the future, naming the version', async () => {
    const { cwd } = await cli(['sample', '--leads', '100', '--seed', '4', '--out', 'data']);
    const agreement = JSON.parse(readFileSync(join(cwd, 'data', 'agreement.json'), 'utf8'));
    const at = (version: string, effectiveFrom: string) => ({ ...agreement, version, effectiveFrom });
    writeFileSync(join(cwd, 'overlap.json'), JSON.stringify([at('a', '2026-01-01'), at('b', '2026-01-01')]));
    const overlap = await cli(
      ['scorecard', 'data/leads.csv', '--versions', 'overlap.json', '--now', '2026-07-04T00:00:00Z'],
      cwd,
    );
    expect(overlap.code).toBe(2);
    expect(overlap.stderr).toContain('both take effect on 2026-01-01');
    writeFileSync(join(cwd, 'future.json'), JSON.stringify([at('a', '2026-01-01'), at('b', '2027-01-01')]));
    const future = await cli(
      ['scorecard', 'data/leads.csv', '--versions', 'future.json', '--now', '2026-07-04T00:00:00Z'],
      cwd,
    );
    expect(future.code).toBe(2);
    expect(future.stderr).toContain('takes effect on 2027-01-01, in the future');
    expect((await cli(['scorecard', 'data/leads.csv', '--version', 'a'], cwd)).code).toBe(2);
  });
});
