// The demo's HTML report in real headless Chromium, served on loopback under the report's own strict
// Content-Security-Policy (no script at all; styles only by hash): it must draw its charts and tables,
// violate nothing, request nothing but itself, and show hostile CRM strings as text. A full-page
// screenshot is saved to artifacts/demo-report.png (git-ignored) for people to look at.
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchChromium, serveFiles } from '@accord-internal/browser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../__tests__/cliHarness';
import { HOSTILE, renderSampleReport } from '../__tests__/demoReportFixture';

const artifacts = resolve(import.meta.dirname, '../../artifacts');

const cspOf = (html: string) => html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)?.[1] ?? '';

/** Opens `html` under its own CSP (as a header too) and records violations, console errors and requests. */
async function open(browser: Browser, html: string) {
  const server = await serveFiles({ '/index.html': html }, { csp: cspOf(html) });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  // Runs outside the page's CSP (DevTools protocol): collects every policy violation the page raises.
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await page.goto(server.url, { waitUntil: 'load' });
  const violations = await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
  return { page, server, problems, violations };
}

/** Boxes of the report's charts and counts of its table rows. */
function measure(page: Page) {
  return page.evaluate(() => {
    const box = (selector: string) =>
      [...document.querySelectorAll(selector)].map((el) => {
        const r = el.getBoundingClientRect();
        return { width: Math.round(r.width), height: Math.round(r.height) };
      });
    const rows = (table: string) => document.querySelectorAll(`table[data-table="${table}"] tbody tr`).length;
    const funnel = document.querySelector('.accord-FunnelChart');
    return {
      funnelSvg: box('.accord-FunnelChart svg.accord-Chart-svg'),
      funnelBars: box('.accord-FunnelChart-bar'),
      attributionSvg: box('.accord-AttributionComparison svg.accord-Chart-svg'),
      attributionBars: box('.accord-AttributionComparison-bar').filter((b) => b.width > 0).length,
      trendCharts: box('svg.accord-Report-chart'),
      trendBars: box('.accord-Report-bar').filter((b) => b.height > 0).length,
      mixBars: box('svg.accord-Report-mix'),
      rows: {
        council: rows('council'),
        attribution: rows('attribution'),
        sla: rows('sla'),
        routing: rows('routing'),
        rejectMix: rows('reject-mix'),
      },
      // A style attribute allowed by its hash: blocked, the custom property would be empty.
      funnelRowsVar: funnel ? getComputedStyle(funnel).getPropertyValue('--accord-chart-rows').trim() : null,
      // The <style> allowed by its hash: blocked, sections would have no border.
      sectionBorder: getComputedStyle(document.querySelector('section') as Element).borderTopStyle,
      imgs: document.querySelectorAll('img').length,
      scripts: document.querySelectorAll('script').length,
      pageHeight: document.documentElement.scrollHeight,
    };
  });
}

describe('the demo report in Chromium', () => {
  let browser: Browser;
  let html: string;
  let council: { rows: unknown[] };

  beforeAll(async () => {
    const run = await cli(['demo', '--leads', '3000', '--seed', '2', '--json']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    html = readFileSync(doc.report, 'utf8');
    council = doc.councilScorecard;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('draws the charts and tables under its strict policy, requesting nothing else', async () => {
    const { page, server, problems, violations } = await open(browser, html);
    try {
      mkdirSync(artifacts, { recursive: true });
      await page.screenshot({ path: join(artifacts, 'demo-report.png'), fullPage: true });
      const seen = await measure(page);
      expect(violations).toEqual([]);
      expect(problems).toEqual([]);
      expect(server.requests.filter((path) => path !== '/favicon.ico')).toEqual(['/']);
      expect(seen.funnelRowsVar).toBe('6');
      expect(seen.sectionBorder).toBe('solid');
      for (const svg of [...seen.funnelSvg, ...seen.attributionSvg, ...seen.trendCharts]) {
        expect(svg.width).toBeGreaterThan(200);
        expect(svg.height).toBeGreaterThan(100);
      }
      expect(seen.trendCharts).toHaveLength(2);
      expect(seen.funnelBars).toHaveLength(6);
      expect(seen.funnelBars.every((b) => b.width > 0 && b.height > 0)).toBe(true);
      expect(seen.attributionBars).toBeGreaterThan(30);
      expect(seen.trendBars).toBeGreaterThan(10);
      expect(seen.mixBars.length).toBeGreaterThan(5);
      expect(seen.rows.council).toBe(council.rows.length + 1);
      expect(seen.rows.sla).toBe(10);
      expect(seen.rows.routing).toBe(10);
      expect(seen.rows.attribution).toBeGreaterThan(5);
      expect(seen.rows.rejectMix).toBeGreaterThan(5);
      expect(seen.imgs + seen.scripts).toBe(0);
    } finally {
      await page.close();
      await server.close();
    }
  }, 60_000);

  it('would report a violation if the page needed more than its policy allows', async () => {
    // The detection's control: the same page under a header that allows no style at all.
    const server = await serveFiles({ '/index.html': html }, { csp: "default-src 'none'" });
    const page = await browser.newPage();
    try {
      await page.addInitScript(() => {
        const w = window as unknown as { __violations: string[] };
        w.__violations = [];
        document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(e.violatedDirective));
      });
      await page.goto(server.url, { waitUntil: 'load' });
      const violations = await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
      expect(violations).toContain('style-src-elem');
    } finally {
      await page.close();
      await server.close();
    }
  }, 60_000);

  it('shows hostile CRM strings as text and runs none of them', async () => {
    const hostile = await renderSampleReport({ hostile: true });
    const { page, server, problems, violations } = await open(browser, hostile.html);
    try {
      const seen = await page.evaluate(() => ({
        imgs: document.querySelectorAll('img').length,
        scripts: document.querySelectorAll('script').length,
        title: document.title,
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a user sees.
        text: document.body.innerText,
      }));
      expect(violations).toEqual([]);
      expect(problems).toEqual([]);
      expect(seen.imgs + seen.scripts).toBe(0);
      expect(seen.title).toBe(`Accord demo — ${HOSTILE}</title><script>alert(2)</script>`);
      expect(seen.text.split(HOSTILE).length).toBeGreaterThan(8);
    } finally {
      await page.close();
      await server.close();
    }
  }, 60_000);
});
