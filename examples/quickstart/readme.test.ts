import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { defaultAgreement, generateSample } from '@accord/core';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';

const root = join(import.meta.dirname, '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const files = readdirSync(join(import.meta.dirname, 'src')).sort();
const blocks = [...readme.matchAll(/```(ts|tsx)\n([\s\S]*?)```/g)].map((m) => m[2] as string);

/** The expected output of the n-th `console.log(` in a file: its trailing comment and continuation lines. */
function expectations(source: string): (string | undefined)[] {
  const lines = source.split('\n');
  const out: (string | undefined)[] = [];
  lines.forEach((line, i) => {
    if (!line.includes('console.log(')) return;
    const parts: string[] = [];
    const same = /\);\s*\/\/ (.*)$/.exec(line);
    if (same) parts.push(same[1] as string);
    for (let j = i + 1; j < lines.length && /^\s*\/\/ /.test(lines[j] as string); j++)
      parts.push((lines[j] as string).replace(/^\s*\/\/ /, ''));
    out.push(parts.length ? parts.join(' ') : undefined);
  });
  return out;
}

/** How console.log would print, with strings quoted unless a single string is printed on its own. */
const printed = (args: unknown[]) =>
  args.length === 1 && typeof args[0] === 'string'
    ? args[0]
    : args.map((a) => inspect(a, { depth: 6, breakLength: Number.POSITIVE_INFINITY })).join(' ');

/** Whitespace-insensitive comparison where "…" in the expectation stands for anything. */
function matches(actual: string, expected: string): boolean {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
  const pattern = norm(expected)
    .split('…')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s\\S]*');
  return new RegExp(`^${pattern}$`).test(norm(actual));
}

describe('README', () => {
  afterEach(() => vi.restoreAllMocks());

  it('quotes every example file verbatim, in order', () => {
    expect(blocks).toHaveLength(files.length);
    files.forEach((file, i) => {
      expect(blocks[i], file).toBe(readFileSync(join(import.meta.dirname, 'src', file), 'utf8'));
    });
  });

  it('has a Quick start of exactly the two commands', () => {
    const quick = readme.split('## Quick start')[1]?.split('\n## ')[0] ?? '';
    const commands = [...quick.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => (m[1] as string).trim());
    expect(commands).toEqual(['npm install && npm run demo', 'npm test']);
  });

  for (const file of files.filter((f) => f.endsWith('.ts'))) {
    it(`runs ${file} and prints what its comments say`, async () => {
      const logs: string[] = [];
      vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
        logs.push(printed(args));
      });
      await import(`./src/${file}`);
      const expected = expectations(readFileSync(join(import.meta.dirname, 'src', file), 'utf8'));
      expect(logs).toHaveLength(expected.length);
      expected.forEach((want, i) => {
        if (want !== undefined)
          expect(
            matches(logs[i] as string, want),
            `${file}, console.log #${i + 1}:\n  printed:  ${logs[i]}\n  expected: ${want}`,
          ).toBe(true);
      });
    });
  }

  it('renders the React example', async () => {
    const { LeadPanel } = await import('./src/12-react');
    const lead = generateSample({ leads: 50, seed: 1 }).leads.find((l) => l.stageDates?.mql && !l.stageDates.sal);
    expect(lead).toBeDefined();
    const html = renderToStaticMarkup(createElement(LeadPanel, { lead: lead as never }));
    expect(html).toContain('accord-StageGate');
    expect(defaultAgreement.stages.some((s) => s.id === 'sal')).toBe(true);
  });

  it('renders the prefetched SLA queue on the server with its leads, not a loading state', async () => {
    const { RepDesk } = await import('./src/13-react-data');
    const html = renderToStaticMarkup(createElement(RepDesk));
    expect(html).toContain('class="accord-SlaQueue"');
    expect(html).toContain('data-state="data"');
    expect(html).not.toContain('aria-busy="true"');
    expect((html.match(/role="row"/g) ?? []).length).toBeGreaterThan(5);
  });
});
