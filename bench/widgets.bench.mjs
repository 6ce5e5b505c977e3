// Widget rendering in real headless Chromium (Debian's chromium through playwright-core): Accord's
// SlaQueue (10,000 leads with open SLA clocks) and Scorecard (200 groups) against plain React
// renderings of the same visible output, in the same page. Production React, served on 127.0.0.1
// under a strict Content-Security-Policy. Each scenario runs in a fresh page, BENCH_WIDGETS_RUNS times.
// Prints medians, ratios, the budgets, peak JS heap of the page and peak RSS of this process.
import { fileURLToPath } from 'node:url';
import { bundlePage, launchChromium, pageHtml, serveFiles } from '@accord-internal/browser';
import { machine, ms, peakRssMb, printTable, ratio } from './_lib/measure.mjs';

const RUNS = Number(process.env.BENCH_WIDGETS_RUNS ?? 3);
const LEADS = Number(process.env.BENCH_WIDGETS_LEADS ?? 10_000);
const entry = fileURLToPath(new URL('./widgets/page.tsx', import.meta.url));

console.log(`widgets: Accord vs plain React in headless Chromium — ${machine()}`);
const { js, css } = await bundlePage(entry, { production: true });
const server = await serveFiles({
  '/index.html': pageHtml({ title: 'Accord widget bench' }),
  '/page.js': js,
  '/page.css': css,
});
const browser = await launchChromium();
console.log(`  Chromium ${browser.version()}, page bundle ${(js.length / 1024).toFixed(0)} kB (minified)`);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function scenario(name, params) {
  const results = [];
  let heapPeak = 0;
  for (let i = 0; i < RUNS; i++) {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(server.url);
    await page.waitForFunction(() => typeof window.accordBench?.run === 'function');
    const result = await page.evaluate(([n, p]) => window.accordBench.run(n, p), [name, params]);
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heap = metrics.find((m) => m.name === 'JSHeapTotalSize')?.value ?? 0;
    heapPeak = Math.max(heapPeak, heap);
    if (errors.length > 0) throw new Error(`[bench] ${name}: page errors: ${errors.join('; ')}`);
    results.push(result);
    await page.close();
  }
  return { results, heapMb: Math.round(heapPeak / 2 ** 20) };
}

try {
  const sla = await scenario('slaQueue', { leads: LEADS, renders: 7, ticks: 40 });
  const s0 = sla.results[0];
  console.log(
    `\nSlaQueue: ${s0.leads.toLocaleString('en-US')} leads → ${s0.rows.toLocaleString('en-US')} open clocks; ${s0.domRows} rows in the DOM`,
  );
  console.log(
    `  load + SLA maths for every clock (query, once): median ${ms(median(sla.results.map((r) => r.loadMs)))}`,
  );
  const slaRows = [
    {
      what: 'first render (warm cache)',
      accord: median(sla.results.map((r) => r.firstRender.accord)),
      plain: median(sla.results.map((r) => r.firstRender.plain)),
      budget: 50,
    },
    {
      what: 'one-second tick',
      accord: median(sla.results.map((r) => r.tick.accord)),
      plain: median(sla.results.map((r) => r.tick.plain)),
      budget: 4,
      p95: median(sla.results.map((r) => r.tick.accordP95)),
    },
  ];
  printTable(slaRows, [
    { header: 'measure', value: (r) => r.what },
    { header: 'Accord median', value: (r) => ms(r.accord), right: true },
    { header: 'plain React', value: (r) => ms(r.plain), right: true },
    { header: 'ratio', value: (r) => ratio(r.accord, r.plain), right: true },
    { header: 'budget', value: (r) => `≤ ${r.budget} ms`, right: true },
    { header: 'verdict', value: (r) => (r.accord <= r.budget ? 'within' : 'OVER'), right: true },
  ]);
  console.log(`  tick p95 (Accord): ${ms(slaRows[1].p95)}; page JS heap peak ${sla.heapMb} MB`);

  const sc = await scenario('scorecard', { leads: 6000, groups: 200, renders: 9 });
  const c0 = sc.results[0];
  console.log(
    `\nScorecard: ${c0.leads.toLocaleString('en-US')} leads, ${c0.groupRows} groups × ${c0.metrics} metrics (drill-down by campaign), tiles with sparklines`,
  );
  console.log(
    `  cold (records + computeScorecard + trend, once): median ${ms(median(sc.results.map((r) => r.coldMs)))}`,
  );
  const scRows = [
    {
      what: 'render, 200 groups (warm cache)',
      accord: median(sc.results.map((r) => r.render.accord)),
      plain: median(sc.results.map((r) => r.render.plain)),
      budget: 30,
    },
  ];
  printTable(scRows, [
    { header: 'measure', value: (r) => r.what },
    { header: 'Accord median', value: (r) => ms(r.accord), right: true },
    { header: 'plain <table>', value: (r) => ms(r.plain), right: true },
    { header: 'ratio', value: (r) => ratio(r.accord, r.plain), right: true },
    { header: 'budget', value: (r) => `≤ ${r.budget} ms`, right: true },
    { header: 'verdict', value: (r) => (r.accord <= r.budget ? 'within' : 'OVER'), right: true },
  ]);
  console.log(`  page JS heap peak ${sc.heapMb} MB`);
  console.log(`\npeak RSS of the driver: ${peakRssMb()} MB`);
} finally {
  await browser.close();
  await server.close();
}
