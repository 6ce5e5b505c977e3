import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultAgreement, listMetrics } from '@accord/core';
import { describe, expect, it } from 'vitest';
import { cli } from '../__tests__/cliHarness';

const hostile = '<img src=x onerror=alert(1)> | *bold*';

describe('accord glossary', () => {
  it('writes the definitions of the default agreement as Markdown and HTML', async () => {
    const { code, stdout, stderr, cwd } = await cli(['glossary']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('Glossary of Accord default operating agreement v1.0.0: 9 funnel stages, 6 service-level');
    const md = readFileSync(join(cwd, 'accord-glossary/glossary-1.0.0.md'), 'utf8');
    const html = readFileSync(join(cwd, 'accord-glossary/glossary-1.0.0.html'), 'utf8');
    for (const heading of [
      '## Funnel stages',
      '## Service-level agreements',
      '## Reject and recycle reasons',
      '## Metric dictionary',
    ])
      expect(md).toContain(heading);
    expect(md).toContain('### MQL (`mql`)');
    expect(md).toContain('- **Entry criteria:** ');
    // Every metric of the dictionary has a row.
    for (const metric of listMetrics(defaultAgreement)) expect(md).toContain(`| \`${metric.id}\` |`);
    expect(html).toContain('<h2 id="metrics">Metric dictionary</h2>');
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[^']+'/,
    );
    expect(html).not.toMatch(/<script/i);
  });

  it('escapes agreement text in both formats', async () => {
    const { cwd } = await cli(['--help']);
    const agreement = structuredClone(defaultAgreement) as unknown as { stages: { label: string }[] };
    (agreement.stages[1] as { label: string }).label = hostile;
    writeFileSync(join(cwd, 'a.json'), JSON.stringify(agreement));
    const { code } = await cli(['glossary', 'a.json', '--out', 'out'], cwd);
    expect(code).toBe(0);
    const html = readFileSync(join(cwd, 'out/glossary-1.0.0.html'), 'utf8');
    const md = readFileSync(join(cwd, 'out/glossary-1.0.0.md'), 'utf8');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(md).not.toMatch(/(?<!\\)<img/); // only as \<img: a backslash-escaped, literal <
    expect(md).toContain('\\| \\*bold\\*');
  });

  it('prints one JSON document with --json and writes nothing', async () => {
    const { code, stdout } = await cli(['glossary', '--json']);
    expect(code).toBe(0);
    const glossary = JSON.parse(stdout);
    expect(glossary.sections.map((s: { id: string }) => s.id)).toEqual(['stages', 'slas', 'reasons', 'metrics']);
  });

  it('exits 2 with the issues of an invalid agreement', async () => {
    const { cwd } = await cli(['--help']);
    writeFileSync(join(cwd, 'bad.json'), JSON.stringify({ ...defaultAgreement, timezone: 'Mars/Olympus' }));
    const { code, stderr } = await cli(['glossary', '--agreement', 'bad.json'], cwd);
    expect(code).toBe(2);
    expect(stderr).toContain('timezone');
  });
});

describe('accord diff', () => {
  const versions = (cwd: string) => {
    const next = structuredClone(defaultAgreement) as Record<string, any>;
    next.version = '1.1.0';
    next.effectiveFrom = '2026-07-01';
    next.slas[0].target = { minutes: 120, clock: 'business' };
    next.routing.rules = [...next.routing.rules].reverse();
    writeFileSync(join(cwd, 'v1.json'), JSON.stringify(defaultAgreement));
    writeFileSync(join(cwd, 'v2.json'), JSON.stringify(next));
  };

  it('lists the changes in words, one per line', async () => {
    const { cwd } = await cli(['--help']);
    versions(cwd);
    const { code, stdout } = await cli(['diff', 'v1.json', 'v2.json'], cwd);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^accord-default: v1.0.0 (\(from [\d-]+\) )?→ v1.1.0 \(from 2026-07-01\)\n/);
    expect(stdout).toMatch(/~ SLA ".+" \(.+\): target changed from 60 business minutes to 120 business minutes\./);
    expect(stdout).toContain('↕ Routing, rule order changed:');
    expect(stdout).toContain('2 changes.');
  });

  it('prints JSON with --json and says when nothing changed', async () => {
    const { cwd } = await cli(['--help']);
    versions(cwd);
    const json = JSON.parse((await cli(['diff', 'v1.json', 'v2.json', '--json'], cwd)).stdout);
    expect(json.changes.map((c: { kind: string }) => c.kind)).toEqual(['changed', 'reordered']);
    const same = await cli(['diff', 'v1.json', 'v1.json'], cwd);
    expect(same.stdout).toContain('No changes to the definitions.');
  });

  it('exits 2 on a usage error or an invalid version', async () => {
    const { cwd } = await cli(['--help']);
    versions(cwd);
    expect((await cli(['diff', 'v1.json'], cwd)).code).toBe(2);
    writeFileSync(join(cwd, 'bad.json'), '{ "id": ');
    const bad = await cli(['diff', 'v1.json', 'bad.json'], cwd);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad.json');
  });
});
