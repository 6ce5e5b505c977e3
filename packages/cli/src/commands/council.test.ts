import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../__tests__/cliHarness';

const hostile = '<img src=x onerror=alert(1)> | *bold* [link](javascript:alert(1))';

/** `accord sample` data covering October 2026 (in New York), and an agreement with a decision log. */
async function setup() {
  const { cwd, code } = await cli([
    'sample',
    '--leads',
    '1500',
    '--seed',
    '8',
    '--start',
    '2026-05-04',
    '--days',
    '181',
    '--out',
    'data',
  ]);
  expect(code).toBe(0);
  const manifest = JSON.parse(readFileSync(join(cwd, 'data', 'manifest.json'), 'utf8'));
  const agreement = JSON.parse(readFileSync(join(cwd, 'data', 'agreement.json'), 'utf8'));
  agreement.decisions = [
    {
      id: 'D-7',
      date: '2026-08-05',
      decision: `Demo requests go to the rep on shift first ${hostile}`,
      owner: '<script>alert(1)</script> RevOps',
      metric: 'sla.demo_request_first_touch.breach_rate',
      reviewOn: '2026-10-15',
    },
    {
      id: 'D-3',
      date: '2026-07-02',
      decision: 'Raise the MQL bar to 50 employees',
      owner: 'Marketing ops',
      metric: 'conversion.mql.sal',
      reviewOn: '2026-09-20',
    },
    { id: 'D-9', date: '2026-10-07', decision: 'Add a webinar track for fintech', owner: 'Field marketing' },
    {
      id: 'D-1',
      date: '2026-06-01',
      decision: 'Closed already',
      owner: 'RevOps',
      reviewOn: '2026-10-01',
      status: 'done',
    },
  ];
  writeFileSync(join(cwd, 'agreement.json'), JSON.stringify(agreement));
  const args = [
    'council',
    'data/leads.csv',
    '--month',
    '2026-10',
    '--opportunities',
    'data/opportunities.csv',
    '--activities',
    'data/activities.csv',
    '--touchpoints',
    'data/touchpoints.csv',
    '--spend',
    'data/spend.csv',
    '--accounts',
    'data/accounts.csv',
    '--agreement',
    'agreement.json',
    '--now',
    manifest.asOf as string,
  ];
  return { cwd, args, asOf: manifest.asOf as string };
}

describe('accord council', () => {
  it('writes the Markdown and HTML reports, headline first, and prints a summary with the paths', async () => {
    const { cwd, args } = await setup();
    const { code, stdout, stderr } = await cli(args, cwd);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^Funnel council, October 2026 \(vs September 2026\), data as of 2026-11-01T04:00:00.000Z\n/,
    );
    expect(stdout).toMatch(/\n {2}The metric furthest off target: .+ — [\d.]+% against a target of [≤≥] [\d.]+%/);
    expect(stdout).toMatch(/\n {2}SLA breaches: sales [\d,]+ of [\d,]+ \([\d.]+%\), marketing /);
    expect(stdout).toContain('  Decisions due for review: 2 (1 overdue); 1 open without a review date.');
    expect(stdout).toContain('Wrote:\n  accord-council/council-2026-10.md\n  accord-council/council-2026-10.html\n');

    const md = readFileSync(join(cwd, 'accord-council/council-2026-10.md'), 'utf8');
    expect(md.startsWith('# Funnel council — October 2026\n\n**The metric furthest off target: ')).toBe(true);
    const order = [
      '## Scorecard vs targets',
      '## Biggest movers',
      '## SLA breaches',
      '### By side',
      '### By team',
      '## Reject reasons by source',
      '## Misroutes',
      '## Decisions due for review',
    ].map((h) => md.indexOf(`\n${h}\n`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(md).toMatch(/\| MQL → SAL \| [\d.]+% \| ≥ 60\.0% \| [✓✗] (met|missed) \| [\d.]+% \| [+−±][\d.]+ pt \|/);
    expect(md).toContain('| Sales |');
    expect(md).toMatch(/\| na_sales \| \d+ of \d+ \|/);
    expect(md).toMatch(/\| All \| \d+ \| /);
    expect(md).toContain('| Marketing ops | 2026-07-02 | 2026-09-20 (overdue) | MQL → SAL |');
    expect(md).toContain('Open decisions without a review date (set one): D-9.');
    expect(md).not.toContain('Closed already');

    const html = readFileSync(join(cwd, 'accord-council/council-2026-10.html'), 'utf8');
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[^']+'/,
    );
    expect(html).not.toMatch(/<script/i);
    expect(html.indexOf('<p class="headline"')).toBeLessThan(html.indexOf('<h2 id="scorecard">'));
    expect(html).toContain('<h2 id="decisions">Decisions due for review</h2>');
    expect(html).toMatch(/<td class="num" data-tone="(met|missed)">[\d.]+% [✓✗]<\/td>/);
  });

  it('renders a hostile decision and owner as text in both formats', async () => {
    const { cwd, args } = await setup();
    expect((await cli([...args, '--out', 'out'], cwd)).code).toBe(0);
    const html = readFileSync(join(cwd, 'out/council-2026-10.html'), 'utf8');
    const md = readFileSync(join(cwd, 'out/council-2026-10.md'), 'utf8');
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain(
      'Demo requests go to the rep on shift first &lt;img src=x onerror=alert(1)&gt; | *bold* [link](javascript:alert(1))',
    );
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; RevOps');
    expect(md).not.toMatch(/(?<!\\)<img/); // only as \<img: a backslash-escaped, literal <
    expect(md).not.toMatch(/(?<!\\)<script/);
    expect(md).toContain('\\<img src=x onerror=alert(1)\\> \\| \\*bold\\* \\[link\\](javascript:alert(1))');
    expect(md).toContain('| \\<script\\>alert(1)\\</script\\> RevOps |');
    // The pipe inside the decision did not split the table row.
    const row = md.split('\n').find((l) => l.startsWith('| D-7: '));
    expect(row?.split(/(?<!\\)\|/).length).toBe(11);
  });

  it('prints the CouncilReport with --json and writes files only with --out', async () => {
    const { cwd, args } = await setup();
    const { code, stdout } = await cli([...args, '--json'], cwd);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.month).toMatchObject({ label: '2026-10', complete: true });
    expect(report.previousMonth.label).toBe('2026-09');
    expect(report.headline.id).toBe(report.offTarget[0].id);
    expect(report.movers).toHaveLength(5);
    expect(report.decisions.due.map((d: { decision: { id: string } }) => d.decision.id)).toEqual(['D-3', 'D-7']);
    expect(report.decisions.unscheduled).toEqual(['D-9']);
    expect(report.routing.misroutes.length).toBeLessThanOrEqual(10);
    expect(existsSync(join(cwd, 'accord-council'))).toBe(false);

    // The documents show the JSON's numbers.
    await cli([...args, '--json', '--out', 'both'], cwd);
    const md = readFileSync(join(cwd, 'both/council-2026-10.md'), 'utf8');
    const rate = `${(report.slas.bySide.sales.breachRate * 100).toFixed(1)}%`;
    expect(md).toMatch(
      new RegExp(
        `\\| Sales \\| ${report.slas.bySide.sales.started} \\| ${report.slas.bySide.sales.met} \\| ${report.slas.bySide.sales.breached} \\| ${report.slas.bySide.sales.open} \\| ${rate.replace('.', '\\.')} \\|`,
      ),
    );
    expect(md).toContain(`**The metric furthest off target: ${report.headline.label.replace(/_/g, '\\_')} — `);
  });

  it('breaks reject reasons down by another dimension with --group-by', async () => {
    const { cwd, args } = await setup();
    const { code, stdout } = await cli([...args, '--group-by', 'segment', '--json'], cwd);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).rejects.by).toBe('segment');
  });

  it('exits 2 on a bad month, a month after --now, a bad file or an invalid agreement', async () => {
    const { cwd, args } = await setup();
    const at = (flag: string) => args.indexOf(flag) + 1;
    const withMonth = (month: string) => args.map((a, i) => (i === at('--month') ? month : a));
    const bad = await cli(withMonth('2026-13'), cwd);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--month must be a month written YYYY-MM');
    expect(
      (
        await cli(
          args.filter((_, i) => i !== at('--month') && i !== at('--month') - 1),
          cwd,
        )
      ).code,
    ).toBe(2);
    const future = await cli(withMonth('2026-12'), cwd);
    expect(future.code).toBe(2);
    expect(future.stderr).toContain('month');

    const missing = await cli(
      args.map((a) => (a === 'data/accounts.csv' ? 'data/nope.csv' : a)),
      cwd,
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Cannot read data/nope.csv');
    writeFileSync(join(cwd, 'broken.csv'), 'not,a,leads,file\n1,2,3,4\n');
    expect(
      (
        await cli(
          args.map((a) => (a === 'data/leads.csv' ? 'broken.csv' : a)),
          cwd,
        )
      ).code,
    ).toBe(2);

    const agreement = JSON.parse(readFileSync(join(cwd, 'agreement.json'), 'utf8'));
    agreement.decisions.push({ id: 'D-8', date: '2026-10-01', decision: 'x', owner: 'y', metric: 'no.such.metric' });
    writeFileSync(join(cwd, 'bad-agreement.json'), JSON.stringify(agreement));
    const invalid = await cli(
      args.map((a) => (a === 'agreement.json' ? 'bad-agreement.json' : a)),
      cwd,
    );
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('decisions');
    expect(existsSync(join(cwd, 'accord-council'))).toBe(false);
  });

  it('is listed in the help', async () => {
    expect((await cli(['--help'])).stdout).toContain('council <leads>');
    expect((await cli(['help', 'council'])).stdout).toContain('Usage: accord council <leads.csv> --month 2026-10');
  });
});
