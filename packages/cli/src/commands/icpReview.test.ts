import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatCanonicalCsv, parseCanonicalCsv } from '@accord/adapters';
import {
  defaultAgreement,
  type IcpReview,
  type Lead,
  type Opportunity,
  sampleAccountPlays,
  sampleIcp,
  sampleWinLoss,
} from '@accord/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../__tests__/cliHarness';

const HOSTILE = '<img src=x onerror=alert(1)>';
const SECTIONS = [
  '## Conversion and win rate by ICP tier',
  '## Conversion and win rate by ICP criterion',
  '## Reject reasons by source and campaign',
  '## Loss reasons by source and campaign',
  '## Top objection themes',
  '## Proposed ICP changes',
  '## Data issues',
];
const AGREEMENT = { ...defaultAgreement, ...sampleIcp, ...sampleWinLoss, ...sampleAccountPlays };
const ARGS = ['data/leads.csv', '--opportunities', 'data/opportunities.csv', '--agreement', 'agreement.json'];

/** `14.0%`, written independently of the report's formatter. */
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
/** The Markdown's text with its backslash escapes removed. */
const plain = (md: string) => md.replace(/\\(.)/g, '$1');
const csv = (chunks: Iterable<string>) => [...chunks].join('');

let dir: string;

/** A fresh folder holding the shared sample (copied by path) and the given agreement. */
function folder(agreement: unknown = AGREEMENT): string {
  const cwd = mkdtempSync(join(tmpdir(), 'accord-icp-'));
  writeFileSync(join(cwd, 'agreement.json'), JSON.stringify(agreement));
  return cwd;
}

beforeAll(async () => {
  const sample = await cli(['sample', '--leads', '4000', '--seed', '1', '--out', 'data']);
  expect(sample.code).toBe(0);
  dir = sample.cwd;
  writeFileSync(join(dir, 'agreement.json'), JSON.stringify(AGREEMENT));
});

describe('accord icp-review', () => {
  it('writes the Markdown and HTML review with every section and prints the tier table', async () => {
    const { code, stdout, stderr } = await cli(['icp-review', ...ARGS, '--quarter', '2026Q2', '--out', 'out-a'], dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const md = readFileSync(join(dir, 'out-a', 'icp-review-2026Q2.md'), 'utf8');
    expect(existsSync(join(dir, 'out-a', 'icp-review-2026Q2.html'))).toBe(true);
    for (const section of SECTIONS) expect(md).toContain(`\n${section}\n`);
    expect(md).toMatch(/^# ICP review 2026Q2\n/);
    expect(md).toContain('pilot each change');
    expect(stdout).toMatch(/^ICP review 2026Q2 — [\d,]+ leads created 2026-04-01T00:00:00-04:00 to 2026-07-01/);
    expect(stdout).toMatch(/Tier A .*\n.*Tier B .*\n.*Tier C .*\n.*No tier /);
    expect(stdout).toContain('Wrote out-a/icp-review-2026Q2.md and out-a/icp-review-2026Q2.html');
  });

  it('prints one JSON document whose figures are the ones in the Markdown', async () => {
    const json = await cli(['icp-review', ...ARGS, '--quarter', '2026Q2', '--json', '--out', 'out-b'], dir);
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout) as IcpReview & { files: string[]; minGroupSize: number };
    expect(doc.files.map((f) => f.slice(dir.length))).toEqual([
      '/out-b/icp-review-2026Q2.md',
      '/out-b/icp-review-2026Q2.html',
    ]);
    const md = plain(readFileSync(join(dir, 'out-b', 'icp-review-2026Q2.md'), 'utf8'));
    expect(doc.baseline.leads).toBeGreaterThan(1000);
    expect(doc.minGroupSize).toBe(20);
    expect(md).toContain(`**${doc.baseline.leads.toLocaleString('en-US')}** leads in the cohort`);
    expect(md).toContain(`**${pct(doc.baseline.conversion.value)}** reached the stage "sql"`);
    for (const tier of doc.byTier) {
      const c = tier.conversion.rate;
      const cells =
        c.value === null
          ? `| ${tier.label} | 0 | — |`
          : `| ${tier.label} | ${tier.leads.toLocaleString('en-US')} | ${pct(c.value)} (${pct(c.low).slice(0, -1)}–${pct(c.high)}) |`;
      expect(md, tier.label).toContain(cells);
    }
    for (const criterion of doc.byCriterion)
      expect(md).toContain(
        `| ${criterion.label} | ${criterion.weight} | match | ${criterion.matched.leads.toLocaleString('en-US')} |`,
      );
    expect(doc.proposals.length).toBeGreaterThan(0);
    for (const [i, p] of doc.proposals.entries()) expect(md).toContain(`${i + 1}. **${p.summary}**`);
    for (const t of doc.topThemes) expect(md).toContain(`| ${t.label} | ${t.count} | ${pct(t.share)} |`);
    const lost = doc.lossReasons.find((r) => r.dimension === 'source')?.rows ?? [];
    expect(lost.length).toBeGreaterThan(0);
    for (const row of lost) expect(md).toContain(`| ${row.key ?? '(no source)'} | ${row.total} | `);
  });

  it('writes no file with --json unless --out asks, so stdout is the document alone', async () => {
    const { code, stdout } = await cli(['icp-review', ...ARGS, '--quarter', '2026Q2', '--json'], dir);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).files).toEqual([]);
    expect(existsSync(join(dir, 'accord-icp-review'))).toBe(false);
  });

  it('writes into ./accord-icp-review by default', async () => {
    const cwd = folder();
    const { code } = await cli(
      [
        'icp-review',
        join(dir, 'data/leads.csv'),
        '--agreement',
        'agreement.json',
        '--quarter',
        '2026Q1',
        '--min-group',
        '50',
      ],
      cwd,
    );
    expect(code).toBe(0);
    const md = readFileSync(join(cwd, 'accord-icp-review', 'icp-review-2026Q1.md'), 'utf8');
    expect(md).toContain('Groups under 50 are shown');
    expect(md).toContain('No deals were given (--opportunities): nothing to show.');
  });

  it('renders a hostile campaign id as text in the HTML and the Markdown, and runs nothing', async () => {
    const cwd = folder();
    const read = <K extends 'leads' | 'opportunities'>(kind: K) =>
      parseCanonicalCsv(kind, readFileSync(join(dir, 'data', `${kind}.csv`)), { timezone: AGREEMENT.timezone }).records;
    const leads = read('leads').map((l: Lead) => (l.campaignId === 'ev_summit' ? { ...l, campaignId: HOSTILE } : l));
    const deals = read('opportunities').map((o: Opportunity) =>
      o.campaignId === 'ev_summit' ? { ...o, campaignId: HOSTILE } : o,
    );
    writeFileSync(join(cwd, 'leads.csv'), csv(formatCanonicalCsv('leads', leads)));
    writeFileSync(join(cwd, 'opportunities.csv'), csv(formatCanonicalCsv('opportunities', deals)));
    const { code } = await cli(
      [
        'icp-review',
        'leads.csv',
        '--opportunities',
        'opportunities.csv',
        '--agreement',
        'agreement.json',
        '--quarter',
        '2026Q2',
        '--out',
        'r',
      ],
      cwd,
    );
    expect(code).toBe(0);
    const html = readFileSync(join(cwd, 'r', 'icp-review-2026Q2.html'), 'utf8');
    const escaped = '&lt;img src=x onerror=alert(1)&gt;';
    expect(html.split(escaped).length).toBeGreaterThan(2);
    const rest = html.split(escaped).join('');
    expect(
      rest.match(/<script|<link|<img|<iframe|<object|@import|url\(|https?:\/\/|\son[a-z]+=|\sstyle=/gi),
    ).toBeNull();
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[\w+/=]+'; img-src 'none'; base-uri 'none'; form-action 'none'">/,
    );
    for (const id of ['tiers', 'criteria', 'rejects', 'losses', 'themes', 'proposals', 'issues'])
      expect(html).toContain(`<h2 id="${id}">`);
    const md = readFileSync(join(cwd, 'r', 'icp-review-2026Q2.md'), 'utf8');
    expect(md).not.toMatch(/(?<!\\)<img/);
    expect(md).toContain('| \\<img src=x onerror=alert(1)\\> |');
  });

  it('exits 2 on a quarter not written like 2026Q3', async () => {
    const { code, stdout, stderr } = await cli(['icp-review', ...ARGS, '--quarter', '2026-Q5'], dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'accord: --quarter must be a calendar quarter written like 2026Q3 (Q1 to Q4); got "2026-Q5".\n',
    );
    expect((await cli(['icp-review', ...ARGS], dir)).stderr).toMatch(/--quarter is required/);
  });

  it('exits 2 when the agreement has no icp section, the default one included', async () => {
    const { icp: _icp, intent: _intent, ...withoutIcp } = AGREEMENT;
    const cwd = folder(withoutIcp);
    const leads = join(dir, 'data/leads.csv');
    const bare = await cli(['icp-review', leads, '--agreement', 'agreement.json', '--quarter', '2026Q2'], cwd);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/^✗ agreement\.json: the agreement has no "icp" section/);
    expect(existsSync(join(cwd, 'accord-icp-review'))).toBe(false);
    const byDefault = await cli(['icp-review', leads, '--quarter', '2026Q2'], cwd);
    expect(byDefault.code).toBe(2);
    expect(byDefault.stderr).toMatch(/^✗ \(default agreement\): the agreement has no "icp" section/);
  });

  it('reports an unknown loss reason by file row and deal id; --strict exits 2 on it', async () => {
    const cwd = folder();
    const deals = parseCanonicalCsv('opportunities', readFileSync(join(dir, 'data', 'opportunities.csv'))).records;
    const target = deals.findIndex((o, i) => i > 3 && o.loss !== undefined && o.closedAt !== undefined);
    const changed = deals.map((o, i) =>
      i === target ? { ...o, loss: { ...(o.loss as { reasonId: string }), reasonId: 'lost_to_martians' } } : o,
    );
    // A broken row before it is skipped by the reader: the issue must still name the file's row.
    const broken = csv(formatCanonicalCsv('opportunities', changed)).replace(/\nO0000002,/, '\nO0000002,,,,,');
    writeFileSync(join(cwd, 'opportunities.csv'), broken);
    const args = [
      'icp-review',
      join(dir, 'data/leads.csv'),
      '--opportunities',
      'opportunities.csv',
      '--agreement',
      'agreement.json',
      '--quarter',
      '2026Q2',
    ];
    const id = (changed[target] as Opportunity).id;
    const where = `opportunities[${target}] (${id}) loss.reasonId: Unknown loss reason "lost_to_martians"`;

    const lenient = await cli([...args, '--json'], cwd);
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toContain('! opportunities.csv: 1 row(s) skipped');
    expect(lenient.stderr).toContain(`! opportunities.csv: 1 win/loss issue(s) (unknown_loss_reason × 1)`);
    expect(lenient.stderr).toContain(where);
    const doc = JSON.parse(lenient.stdout);
    expect(doc.issues).toMatchObject([
      { code: 'unknown_loss_reason', path: ['opportunities', target, 'loss', 'reasonId'], recordId: id },
    ]);

    const strict = await cli([...args, '--strict'], cwd);
    expect(strict.code).toBe(2);
    expect(strict.stdout).toBe('');
    expect(strict.stderr).toContain('opportunities.csv: 1 row(s) skipped');
    expect(existsSync(join(cwd, 'accord-icp-review'))).toBe(false);

    // Without the broken row, --strict stops on the unknown reason itself and names the deal.
    writeFileSync(join(cwd, 'opportunities.csv'), csv(formatCanonicalCsv('opportunities', changed)));
    const onReason = await cli([...args, '--strict'], cwd);
    expect(onReason.code).toBe(2);
    expect(onReason.stdout).toBe('');
    expect(onReason.stderr).toContain('✗ opportunities.csv: 1 win/loss issue(s) (unknown_loss_reason × 1)');
    expect(onReason.stderr).toContain(where);
    expect(existsSync(join(cwd, 'accord-icp-review'))).toBe(false);
  });

  it('finds no win/loss issue in the generated sample', async () => {
    const { code, stdout } = await cli(['icp-review', ...ARGS, '--quarter', '2026Q2', '--json', '--strict'], dir);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).issues).toEqual([]);
  });

  it('shows its usage with --help and through help', async () => {
    const viaFlag = await cli(['icp-review', '--help']);
    expect(viaFlag.code).toBe(0);
    expect(viaFlag.stdout).toMatch(/^Usage: accord icp-review <leads\.csv> --quarter 2026Q3/);
    expect((await cli(['help', 'icp-review'])).stdout).toBe(viaFlag.stdout);
    expect((await cli(['--help'])).stdout).toContain('icp-review <leads>');
  });
});
