// @vitest-environment node
// The Revenue desk end to end: Vite builds the app, a loopback server serves the build under a strict
// Content-Security-Policy, and headless Chromium (Debian's, through playwright-core) loads it, filters
// the SLA queue, opens a lead, rejects it with a reason and its detail, and reads the reject mix and the
// scorecard change. Each step's screenshot is saved in artifacts/ (git-ignored).
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, STRICT_CSP, serveFiles } from '@accord-internal/browser';
import type { Browser, Locator, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('.', import.meta.url));
const artifacts = join(root, 'artifacts');

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/** Builds the app with its own vite.config.ts into a temp dir; returns every file as path → bytes. */
async function buildApp(): Promise<Record<string, Uint8Array>> {
  const outDir = await mkdtemp(join(tmpdir(), 'revenue-desk-'));
  const nodeEnv = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production'; // vitest sets "test"; the page must be React's production build
  try {
    await build({
      root,
      configFile: join(root, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 5000 },
    });
  } finally {
    process.env['NODE_ENV'] = nodeEnv;
  }
  const files: Record<string, Uint8Array> = {};
  for (const entry of await readdir(outDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[`/${relative(outDir, path).split(sep).join('/')}`] = await readFile(path);
  }
  await rm(outDir, { recursive: true, force: true });
  return files;
}

/** The integer `n` in "n of m" (a ratio tile's numerator). */
function numerator(fraction: string): number {
  const match = /^([\d,]+) of ([\d,]+)/.exec(fraction.trim());
  if (!match?.[1]) throw new Error(`[accord] not a fraction: "${fraction}"`);
  return Number(match[1].replaceAll(',', ''));
}

const toInt = (value: string) => Number(value.replace(/[^\d]/g, ''));

/** A locator's text content, trimmed ('' when it has none). */
const text = async (locator: Locator): Promise<string> => ((await locator.textContent()) ?? '').trim();

describe('Revenue desk in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveFiles>>;
  let page: Page;
  let files: Record<string, Uint8Array>;
  const consoleErrors: string[] = [];
  const shots: string[] = [];

  const shot = async (name: string) => {
    // From the top, so the sticky header sits at the top of the full-page image.
    await page.evaluate(() => window.scrollTo(0, 0));
    const path = join(artifacts, `${String(shots.length + 1).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path, fullPage: true, animations: 'disabled' });
    shots.push(path);
  };

  const queue = (): Locator => page.locator('.accord-SlaQueue');
  /** One of the queue's filter controls, by its visible label. */
  const filter = (label: string): Locator =>
    queue()
      .locator('.accord-SlaQueue-filter')
      .filter({ has: page.locator('.accord-SlaQueue-filterLabel', { hasText: new RegExp(`^${label}$`) }) })
      .locator('select, input');
  const picker = (): Locator => page.locator('.desk-lead .accord-RejectPicker');
  const mixCount = (reasonId: string): Locator =>
    page.locator(`.desk-mix-table tr[data-reason="${reasonId}"] [data-col="count"]`);
  const fact = (term: string): Locator =>
    page
      .locator('.desk-fact')
      .filter({ has: page.locator('dt', { hasText: new RegExp(`^${term}$`) }) })
      .locator('dd');
  const rejectFraction = (): Locator => page.locator('[data-metric="reject_rate"] .accord-Scorecard-fraction');

  // What the page showed before the rejection.
  let before: { competitor: number; total: number; rejected: number };
  let opened: { company: string; owner: string; leadId: string };

  beforeAll(async () => {
    await rm(artifacts, { recursive: true, force: true });
    await mkdir(artifacts, { recursive: true });
    [files, browser] = await Promise.all([buildApp(), launchChromium()]);
    server = await serveFiles(files, { csp: STRICT_CSP });
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, colorScheme: 'light' });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    // Injected through the DevTools protocol, so the page's CSP does not apply to this listener.
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        window.__cspViolations?.push(`${event.violatedDirective}: ${event.blockedURI}`);
      });
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('builds to static files that need no inline script', () => {
    const html = new TextDecoder().decode(files['/index.html']);
    expect(html).toMatch(/<script type="module"[^>]* src="\/assets\/[^"]+\.js"><\/script>/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // every <script> has a src
    expect(html).not.toMatch(/\sstyle="/);
  });

  it('loads the scorecard, the SLA queue and the reject mix', async () => {
    await page.goto(server.url);
    await page.locator('.accord-Scorecard[data-state="success"]').waitFor();
    await queue().and(page.locator('[data-state="data"]')).waitFor();
    await mixCount('competitor').waitFor();
    await expect.poll(() => rejectFraction().textContent()).toMatch(/^[\d,]+ of [\d,]+/);
    before = {
      competitor: toInt(await text(mixCount('competitor'))),
      total: toInt(await text(page.getByTestId('reject-total'))),
      rejected: numerator(await text(rejectFraction())),
    };
    expect(before.total).toBeGreaterThan(0);
    expect(await page.locator('.accord-Scorecard-tile').count()).toBe(7);
    // Nothing widens the page past the window (no horizontal scrollbar).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
    expect(await queue().locator('[role="row"][aria-rowindex]').count()).toBeGreaterThan(5);
    await expect.poll(() => page.locator('.desk-panel-empty').isVisible()).toBe(true);
    await shot('loaded');
  });

  it('filters the queue to one owner’s breached clocks', async () => {
    await filter('State').selectOption('breached');
    const owners = await filter('Owner')
      .locator('option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(owners.length).toBeGreaterThan(1);
    await filter('Owner').selectOption(owners[0] as string);
    const rows = queue().locator('tbody [role="row"]');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const seen = await rows.evaluateAll((trs) =>
      trs.map((tr) => ({
        state: tr.getAttribute('data-state'),
        owner: tr.querySelector('.accord-SlaQueue-owner')?.textContent ?? '',
      })),
    );
    for (const row of seen) expect(row).toEqual({ state: 'breached', owner: owners[0] });
    await shot('queue-filtered');
  });

  it('opens the first lead of the filtered queue with Enter', async () => {
    const first = queue().locator('tbody [role="row"]').first();
    opened = {
      company: await text(first.locator('.accord-SlaQueue-company')),
      owner: await text(first.locator('.accord-SlaQueue-owner')),
      leadId: '',
    };
    await queue().getByRole('grid').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.desk-lead-title').textContent()).toBe(opened.company);
    expect(await text(fact('Owner'))).toBe(opened.owner);
    opened.leadId = await text(fact('Lead id'));
    expect(opened.leadId).toMatch(/^L\d+$/);
    expect(await page.getByTestId('lead-disposition').count()).toBe(0);
    await picker()
      .getByRole('radio', { name: /^Competitor/ })
      .waitFor();
    await shot('lead-open');
  });

  it('asks for the competitor’s name before it rejects the lead', async () => {
    await picker()
      .getByRole('radio', { name: /^Competitor/ })
      .check();
    await picker().getByRole('button', { name: 'Reject lead' }).click();
    const detail = picker().getByRole('textbox', { name: /Which competitor\?/ });
    await expect.poll(() => detail.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => picker().getAttribute('data-state')).toBe('invalid');
    expect(toInt(await text(mixCount('competitor')))).toBe(before.competitor);
    await shot('detail-required');
  });

  it('rejects the lead by keyboard once the competitor is named', async () => {
    const detail = picker().getByRole('textbox', { name: /Which competitor\?/ });
    await detail.focus();
    await page.keyboard.type('Globex Revenue Cloud');
    await page.keyboard.press('Enter'); // Enter in the detail field submits
    await expect
      .poll(() => text(page.getByTestId('lead-disposition')))
      .toBe('Rejected: Competitor (Globex Revenue Cloud) by mgr_nadia, Jul 4, 2026, 4:00 AM UTC');
    // Once the adapter recorded it, the disposition line replaces the form.
    await expect.poll(() => picker().count()).toBe(0);
  });

  it('counts the rejection in the reject mix and the scorecard’s reject rate', async () => {
    await expect.poll(async () => toInt(await text(mixCount('competitor')))).toBe(before.competitor + 1);
    expect(toInt(await text(page.getByTestId('reject-total')))).toBe(before.total + 1);
    await expect.poll(async () => numerator(await text(rejectFraction()))).toBe(before.rejected + 1);
    await shot('rejected');
  });

  it('moves the lead to Disqualified and out of the SLA queue once the adapter recorded it', async () => {
    // The write settles, every view refetches from the adapter, and the adapter moved the lead on.
    await expect.poll(() => text(fact('Stage'))).toBe('Disqualified');
    await filter('State').selectOption('');
    await filter('Owner').selectOption('');
    await filter('Search').fill(opened.leadId);
    await queue().and(page.locator('[data-state="filtered-empty"]')).waitFor();
    expect(toInt(await text(mixCount('competitor')))).toBe(before.competitor + 1);
    await shot('after-refetch');
  });

  it('switches to the dark theme', async () => {
    await page.getByTestId('theme-toggle').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset['accordTheme'])).toBe('dark');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(13, 17, 23)');
    await shot('dark');
  });

  it('logs no console error and violates no Content-Security-Policy directive', async () => {
    expect(consoleErrors).toEqual([]);
    expect(await page.evaluate(() => window.__cspViolations ?? [])).toEqual([]);
    expect(
      server.requests.filter((path) => !path.startsWith('/assets/') && path !== '/' && path !== '/favicon.svg'),
    ).toEqual([]);
  });
});
