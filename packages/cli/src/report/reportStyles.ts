import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';

/**
 * Reads a stylesheet and inlines its relative `@import "./x.css";` rules (recursively), so the report
 * carries one `<style>` and fetches nothing.
 */
export function inlineCss(file: string, seen: Set<string> = new Set()): string {
  if (seen.has(file)) return '';
  seen.add(file);
  return readFileSync(file, 'utf8').replace(/@import\s+(?:url\()?["']([^"']+)["']\)?\s*;/g, (_, path: string) => {
    if (!path.startsWith('.')) throw new Error(`[accord] report styles: cannot inline @import "${path}"`);
    return inlineCss(resolve(dirname(file), path), seen);
  });
}

/**
 * `@accord/react/styles.css` (the widgets' rules and every `--accord-*` token) as one string.
 * Resolved from this module, as Node resolves the package (its built `dist/styles.css`).
 */
export function widgetCss(): string {
  const here = typeof __filename === 'string' ? __filename : import.meta.url;
  let file: string;
  try {
    file = createRequire(here).resolve('@accord/react/styles.css');
  } catch (cause) {
    throw new Error('[accord] the report needs @accord/react/styles.css: build @accord/react first.', { cause });
  }
  return inlineCss(file);
}

/** The report's own layout: page, sections, tables, trend charts, reject-mix bars. Uses the widgets' tokens. */
export const REPORT_CSS = `
:root { color-scheme: light; }
body { margin: 0; background: var(--accord-color-surface-muted); color: var(--accord-color-text);
  font-family: var(--accord-font-family); font-size: var(--accord-font-size-md); line-height: var(--accord-line-height); }
.accord-Report { max-width: 72rem; margin: 0 auto; padding: 1.5rem 1.5rem 3rem; }
.accord-Report header h1 { margin: 0 0 .25rem; font-size: 1.6rem; }
.accord-Report-muted { color: var(--accord-color-text-muted); }
.accord-Report-kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: .75rem; margin: 1rem 0 0; padding: 0; list-style: none; }
.accord-Report-kpis li { padding: .75rem 1rem; border: 1px solid var(--accord-color-border); border-radius: var(--accord-radius-md); background: var(--accord-color-surface); }
.accord-Report-kpis strong { display: block; font-size: 1.4rem; font-variant-numeric: tabular-nums; }
.accord-Report section { margin-top: 1.5rem; padding: 1rem 1.25rem 1.25rem; border: 1px solid var(--accord-color-border);
  border-radius: var(--accord-radius-md); background: var(--accord-color-surface); }
.accord-Report h2 { margin: 0 0 .25rem; font-size: 1.2rem; }
.accord-Report h3 { margin: 0 0 .5rem; font-size: 1rem; }
.accord-Report section > p { margin: 0 0 .75rem; color: var(--accord-color-text-muted); }
.accord-Report-grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(24rem, 1fr)); gap: 1rem; }
.accord-Report-table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: var(--accord-font-size-sm); }
.accord-Report-table caption { text-align: start; padding: 0 0 .5rem; color: var(--accord-color-text-muted); }
.accord-Report-table th, .accord-Report-table td { padding: .35rem .6rem; border-bottom: 1px solid var(--accord-color-border); text-align: start; vertical-align: top; }
.accord-Report-table thead th { border-bottom-width: 2px; font-weight: var(--accord-font-weight-strong); vertical-align: bottom; }
.accord-Report-table tbody th { font-weight: var(--accord-font-weight-medium); }
.accord-Report-table .num { text-align: end; white-space: nowrap; }
.accord-Report-table tr[data-total] > * { border-top: 2px solid var(--accord-color-border); font-weight: var(--accord-font-weight-strong); }
.accord-Report-table td[data-status="met"] { color: var(--accord-color-ok); background: var(--accord-color-ok-surface); }
.accord-Report-table td[data-status="missed"] { color: var(--accord-color-breached); background: var(--accord-color-breached-surface); }
.accord-Report-table tr[data-state="breached"] td:last-child { color: var(--accord-color-breached); }
.accord-Report-target { display: block; font-weight: normal; color: var(--accord-color-text-muted); }
.accord-Report-scroll { overflow-x: auto; margin-top: .75rem; }
.accord-Report-figure { margin: 0; min-width: 0; }
.accord-Report-chart { display: block; width: 100%; height: auto; }
.accord-Report-grid { stroke: var(--accord-chart-grid); stroke-width: 1; }
.accord-Report-tick { fill: var(--accord-color-text-muted); font-size: 12px; }
.accord-Report-bar[data-series="leads"] { fill: var(--accord-chart-series-1); }
.accord-Report-bar[data-series="mqls"] { fill: var(--accord-chart-series-3); }
.accord-Report-line { fill: none; stroke-width: 2.5; }
[data-series="accepted"] .accord-Report-line { stroke: var(--accord-chart-series-1); }
[data-series="accepted"] .accord-Report-dot { fill: var(--accord-chart-series-1); }
[data-series="qualified"] .accord-Report-line { stroke: var(--accord-chart-series-4); stroke-dasharray: 6 3; }
[data-series="qualified"] .accord-Report-dot { fill: var(--accord-chart-series-4); }
.accord-Report-floor { stroke: var(--accord-color-breached); stroke-width: 1.5; stroke-dasharray: 2 3; }
.accord-Report-legend { display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: 0 0 .5rem; padding: 0; list-style: none; font-size: var(--accord-font-size-sm); }
.accord-Report-legend li { display: inline-flex; align-items: center; gap: .35rem; }
.accord-Report-swatch { width: .8rem; height: .8rem; }
.accord-Report-key { display: inline-block; width: 1.2rem; height: 0; border-top: 3px solid; vertical-align: middle; }
.accord-Report-key[data-series="leads"] { border-color: var(--accord-chart-series-1); border-top-width: .7rem; width: .7rem; }
.accord-Report-key[data-series="mqls"] { border-color: var(--accord-chart-series-3); border-top-width: .7rem; width: .7rem; }
.accord-Report-key[data-series="accepted"] { border-color: var(--accord-chart-series-1); }
.accord-Report-key[data-series="qualified"] { border-color: var(--accord-chart-series-4); border-top-style: dashed; }
.accord-Report-key[data-series="floor"] { border-color: var(--accord-color-breached); border-top-style: dotted; }
.accord-Report-mix { display: block; width: 12rem; height: .9rem; border-radius: 2px; background: var(--accord-color-surface-muted); }
svg [data-series="1"] { fill: var(--accord-chart-series-1); }
svg [data-series="2"] { fill: var(--accord-chart-series-2); }
svg [data-series="3"] { fill: var(--accord-chart-series-3); }
svg [data-series="4"] { fill: var(--accord-chart-series-4); }
svg [data-series="5"] { fill: var(--accord-chart-series-5); }
svg [data-series="6"] { fill: var(--accord-chart-series-6); }
svg [data-series="other"] { fill: var(--accord-chart-series-8); }
/* A static page runs no script: the attribution widget's measure toggle could not switch, so it is hidden. */
.accord-Report .accord-AttributionComparison-toggle { display: none; }
.accord-Report .accord-AttributionComparison-toolbar { justify-content: flex-start; }
.accord-Report footer { margin-top: 1.5rem; color: var(--accord-color-text-muted); font-size: var(--accord-font-size-sm); }
@media print { body { background: none; } .accord-Report section { break-inside: avoid; } }
`;
