// @vitest-environment node
// Every widget over hostile CRM strings, in real headless Chromium, under a strict CSP: nothing
// executes, nothing becomes markup, and the browser reports no policy violation.
import { fileURLToPath } from 'node:url';
import { bundlePage, launchChromium, pageHtml, serveFiles } from '@accord-internal/browser';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE } from './hostileData';

const entry = fileURLToPath(new URL('./securityPage.tsx', import.meta.url));

describe('widgets in Chromium under a strict Content-Security-Policy', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveFiles>>;

  beforeAll(async () => {
    const { js, css } = await bundlePage(entry, { production: true, conditions: ['@accord/source'] });
    server = await serveFiles({
      '/index.html': pageHtml({ title: 'Accord security page' }),
      '/page.js': js,
      '/page.css': css,
    });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('renders hostile names as text, runs none of them, and violates no policy', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    await page.waitForFunction(() => window.__accordSecurity?.ready === true, undefined, { timeout: 60_000 });
    const seen = await page.evaluate(() => ({
      pwned: window.__pwned ?? null,
      violations: window.__accordSecurity?.violations ?? [],
      imgs: document.querySelectorAll('img').length,
      scripts: document.querySelectorAll('body script').length,
      svgWithOnload: document.querySelectorAll('svg[onload]').length,
      plays: [
        ...document.querySelectorAll<HTMLElement>('.accord-FitBadge, .accord-CommitteeCoverage, .accord-WinLossPanel'),
      ].map((el) => `${el.className}:${el.dataset['state']}`),
      styleElements: [...document.querySelectorAll('style')].map((s) => s.textContent?.slice(0, 80)),
      inlineStyleAttributes: [...document.querySelectorAll('[style]')]
        .map((el) => el.getAttribute('style'))
        .filter((s) => s !== null && !s.startsWith('--accord-') && !/^(?:transform|height|width|top|position)/.test(s)),
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point (what a user sees).
      text: document.body.innerText,
    }));
    expect(errors).toEqual([]);
    expect(seen.pwned).toBeNull();
    expect(seen.violations).toEqual([]);
    expect(seen.imgs).toBe(0);
    expect(seen.scripts).toBe(0);
    expect(seen.svgWithOnload).toBe(0);
    expect(seen.styleElements).toEqual([]);
    expect(seen.plays).toEqual([
      'accord-FitBadge:scored',
      expect.stringMatching(/^accord-CommitteeCoverage:(partial|covered)$/),
      'accord-WinLossPanel:data',
    ]);
    expect(seen.text).toContain(HOSTILE.img);
    await page.close();
  }, 120_000);
});
