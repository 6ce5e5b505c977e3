// The ICP review page in real headless Chromium, served on loopback under its own strict
// Content-Security-Policy (no script; the stylesheet only by its hash): it must lay out its tables,
// violate nothing, request nothing but itself, show a hostile campaign id as text, and follow the
// reader's light or dark setting. Screenshots of both go to artifacts/ (git-ignored) for people to look at.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatCanonicalCsv, parseCanonicalCsv } from '@accord/adapters';
import { defaultAgreement, sampleAccountPlays, sampleIcp, sampleWinLoss } from '@accord/core';
import { launchChromium, serveFiles } from '@accord-internal/browser';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../__tests__/cliHarness';

const artifacts = resolve(import.meta.dirname, '../../artifacts');
const HOSTILE = '<img src=x onerror=alert(1)>';
const cspOf = (html: string) => html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)?.[1] ?? '';

describe('the ICP review page in Chromium', () => {
  let browser: Browser;
  let html: string;

  beforeAll(async () => {
    const sample = await cli(['sample', '--leads', '3000', '--seed', '4', '--out', 'data']);
    expect(sample.code).toBe(0);
    const cwd = sample.cwd;
    const agreement = { ...defaultAgreement, ...sampleIcp, ...sampleWinLoss, ...sampleAccountPlays };
    writeFileSync(join(cwd, 'agreement.json'), JSON.stringify(agreement));
    const deals = parseCanonicalCsv('opportunities', readFileSync(join(cwd, 'data', 'opportunities.csv'))).records;
    const hostile = deals.map((o) => (o.campaignId === 'rf_customer' ? { ...o, campaignId: HOSTILE } : o));
    writeFileSync(join(cwd, 'data', 'opportunities.csv'), [...formatCanonicalCsv('opportunities', hostile)].join(''));
    const run = await cli(
      [
        'icp-review',
        'data/leads.csv',
        '--opportunities',
        'data/opportunities.csv',
        '--agreement',
        'agreement.json',
        '--quarter',
        '2026Q2',
        '--out',
        'review',
      ],
      cwd,
    );
    expect(run.code).toBe(0);
    html = readFileSync(join(cwd, 'review', 'icp-review-2026Q2.html'), 'utf8');
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it.each(['light', 'dark'] as const)(
    'lays out its tables in %s mode under its strict policy, requesting nothing else',
    async (colorScheme) => {
      const server = await serveFiles({ '/index.html': html }, { csp: cspOf(html) });
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme });
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      try {
        await page.addInitScript(() => {
          const w = window as unknown as { __violations: string[] };
          w.__violations = [];
          document.addEventListener('securitypolicyviolation', (e) =>
            w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
          );
        });
        await page.goto(server.url, { waitUntil: 'load' });
        mkdirSync(artifacts, { recursive: true });
        await page.screenshot({ path: join(artifacts, `icp-review-${colorScheme}.png`), fullPage: true });
        const seen = await page.evaluate(() => ({
          violations: (window as unknown as { __violations: string[] }).__violations,
          sections: [...document.querySelectorAll('section h2')].map((h) => h.textContent),
          tierRows: document.querySelectorAll('#tiers ~ div table tbody tr').length,
          tables: [...document.querySelectorAll('table')].map((t) => Math.round(t.getBoundingClientRect().width)),
          // The <style> allowed by its hash: blocked, sections would have no border.
          sectionBorder: getComputedStyle(document.querySelector('section') as Element).borderTopStyle,
          background: getComputedStyle(document.body).backgroundColor,
          text: getComputedStyle(document.body).color,
          imgs: document.querySelectorAll('img').length,
          scripts: document.querySelectorAll('script').length,
          hostileText: document.body.textContent?.includes('<img src=x onerror=alert(1)>') ?? false,
        }));
        expect(seen.violations).toEqual([]);
        expect(problems).toEqual([]);
        expect(server.requests.filter((path) => path !== '/favicon.ico')).toEqual(['/']);
        expect(seen.sections).toEqual([
          'Conversion and win rate by ICP tier',
          'Conversion and win rate by ICP criterion',
          'Reject reasons by source and campaign',
          'Loss reasons by source and campaign',
          'Top objection themes',
          'Proposed ICP changes',
          'Data issues',
        ]);
        expect(seen.tierRows).toBe(5);
        expect(seen.tables.every((w) => w > 300)).toBe(true);
        expect(seen.sectionBorder).toBe('solid');
        expect(seen.imgs + seen.scripts).toBe(0);
        expect(seen.hostileText).toBe(true);
        // Light text on a dark page, or dark on light: the page follows the reader's setting.
        const luminance = (rgb: string) => {
          const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number) as [number, number, number];
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        };
        if (colorScheme === 'dark') expect(luminance(seen.background)).toBeLessThan(luminance(seen.text));
        else expect(luminance(seen.background)).toBeGreaterThan(luminance(seen.text));
      } finally {
        await page.close();
        await server.close();
      }
    },
    60_000,
  );
});
