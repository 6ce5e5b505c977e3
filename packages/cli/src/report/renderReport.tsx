import { createHash } from 'node:crypto';
import { AccordProvider, AttributionComparison, type AttributionView, FunnelChart } from '@accord/react';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { formatCount, formatRate } from '../_lib/table';
import { escapeHtml } from './escapeHtml';
import { AttributionTable, CouncilTable, RejectMixTable, RoutingTable, SlaTable } from './ReportTables';
import type { DemoReport } from './report.types';
import type { ReportQueries } from './reportQueries';
import { REPORT_CSS, widgetCss } from './reportStyles';
import { ConversionTrendChart, LeadsPerMonthChart } from './TrendCharts';

/** Options for {@link renderReport}. */
export interface RenderReportOptions {
  /** The prefilled query client the widgets read (funnel and attribution must be fetched already). */
  queries: ReportQueries;
  /** The resolved attribution view (also printed by the demo). */
  attribution: AttributionView;
  /** The stylesheet; default `@accord/react/styles.css` and the report's own rules. */
  css?: string;
}

function ReportBody({
  report,
  queries,
  attribution,
}: {
  report: DemoReport;
  queries: ReportQueries;
  attribution: AttributionView;
}): ReactElement {
  const totals = report.council.totals;
  const acceptance = report.council.columns.findIndex((c) => c.from === 'mql' && c.to === 'sal');
  const cells = [...report.council.rows, totals].flatMap((r) => r.cells);
  const met = cells.filter((c) => c.status === 'met').length;
  const missed = cells.filter((c) => c.status === 'missed').length;
  return (
    <AccordProvider
      agreement={queries.agreement}
      adapter={queries.adapter}
      queryClient={queries.queryClient}
      clock={() => Date.parse(report.asOf)}
      locale="en-US"
    >
      <main className="accord-Report">
        <header>
          <h1>{report.title}</h1>
          <p className="accord-Report-muted">
            <bdi>{report.agreement.name}</bdi> v{report.agreement.version} · data as of {report.asOf} (
            {report.agreement.timezone}) · seed {report.seed} · {formatCount(report.counts.leads)} leads,{' '}
            {formatCount(report.counts.activities)} activities, {formatCount(report.counts.touchpoints)} touchpoints,{' '}
            {formatCount(report.counts.opportunities)} opportunities
          </p>
          <ul className="accord-Report-kpis" aria-label="Headline figures">
            <li>
              <strong>{formatCount(report.counts.leads)}</strong> leads
            </li>
            <li>
              <strong>{acceptance >= 0 ? formatRate(totals.cells[acceptance]?.value ?? null) : '—'}</strong> of MQLs
              accepted by sales
            </li>
            <li>
              <strong>
                {met} ✓ / {missed} ✗
              </strong>{' '}
              conversion targets met / missed
            </li>
            <li>
              <strong>{formatCount(report.sla.overdue)}</strong> of {formatCount(report.sla.open)} open SLA clocks
              overdue
            </li>
            <li>
              <strong>{formatRate(report.routing.misrouteRate)}</strong> of owned leads misrouted
            </li>
          </ul>
        </header>

        <section aria-labelledby="council">
          <h2 id="council">Council scorecard</h2>
          <p>Each stage's conversion from the previous one, by lead source, for leads created in the data's window.</p>
          <div className="accord-Report-scroll">
            <CouncilTable council={report.council} />
          </div>
        </section>

        <section aria-labelledby="funnel">
          <h2 id="funnel">Funnel</h2>
          <p>Leads that reached each stage, and the conversion from the stage before.</p>
          <FunnelChart caption="Funnel by stage" />
        </section>

        <section aria-labelledby="trends">
          <h2 id="trends">Trends</h2>
          <p>By month of the data. * The month the data ends in: still in progress, so its conversions are left out.</p>
          <div className="accord-Report-grid2">
            <figure className="accord-Report-figure">
              <h3>Leads and MQLs per month</h3>
              <ul className="accord-Report-legend">
                <li>
                  <span className="accord-Report-key" data-series="leads" /> Leads created
                </li>
                <li>
                  <span className="accord-Report-key" data-series="mqls" /> Became MQL
                </li>
              </ul>
              <LeadsPerMonthChart points={report.trends} />
            </figure>
            <figure className="accord-Report-figure">
              <h3>Conversion per month</h3>
              <ul className="accord-Report-legend">
                <li>
                  <span className="accord-Report-key" data-series="accepted" /> MQL → SAL (accepted)
                </li>
                <li>
                  <span className="accord-Report-key" data-series="qualified" /> MQL → SQL
                </li>
                {report.acceptanceFloor === null ? null : (
                  <li>
                    <span className="accord-Report-key" data-series="floor" /> Acceptance floor{' '}
                    {formatRate(report.acceptanceFloor)}
                  </li>
                )}
              </ul>
              <ConversionTrendChart points={report.trends} floor={report.acceptanceFloor} />
            </figure>
          </div>
        </section>

        <section aria-labelledby="attribution">
          <h2 id="attribution">Attribution by model</h2>
          <p>
            Who gets credit for {formatCount(Math.round(attribution.totals.conversions))} won deals under each model
            (share of credit; lookback {attribution.lookbackDays} days).
          </p>
          <AttributionComparison models={report.attributionModels} defaultMeasure="share" />
          <div className="accord-Report-scroll">
            <AttributionTable view={attribution} />
          </div>
        </section>

        <section aria-labelledby="sla">
          <h2 id="sla">SLA clocks nearest to breach</h2>
          <p>
            {formatCount(report.sla.open)} open clocks, {formatCount(report.sla.overdue)} already overdue.
          </p>
          <div className="accord-Report-scroll">
            <SlaTable report={report} />
          </div>
        </section>

        <section aria-labelledby="routing">
          <h2 id="routing">Routing audit</h2>
          <p>
            {formatCount(report.routing.misroutes.length)} of {formatCount(report.routing.checked)} owned leads (
            {formatRate(report.routing.misrouteRate)}) have an owner today's rules would not pick;{' '}
            {formatCount(report.routing.unassigned)} unassigned, {formatCount(report.routing.queueRouted)} routed to a
            queue.
          </p>
          <div className="accord-Report-scroll">
            <RoutingTable report={report} />
          </div>
        </section>

        <section aria-labelledby="rejects">
          <h2 id="rejects">Reject reasons by source</h2>
          <p>What sales says about each channel.</p>
          <div className="accord-Report-scroll">
            <RejectMixTable report={report} />
          </div>
        </section>

        <footer>
          Written by <code>accord demo</code>. A static page: no scripts, no requests; every figure comes from the
          sample in this folder.
        </footer>
      </main>
    </AccordProvider>
  );
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Undoes the entities React writes in attribute values (`&amp;` last). */
const unescapeAttribute = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/**
 * The report's Content-Security-Policy: nothing may load or run; only the report's own `<style>` and
 * the widgets' `style` attributes (each by its hash) apply.
 */
export function reportCsp(css: string, body: string): string {
  const attributes = new Set<string>();
  for (const match of body.matchAll(/ style="([^"]*)"/g)) attributes.add(unescapeAttribute(match[1] as string));
  const hashes = [sha256(css), ...(attributes.size > 0 ? ["'unsafe-hashes'", ...[...attributes].map(sha256)] : [])];
  return `default-src 'none'; style-src ${hashes.join(' ')}; img-src 'none'; base-uri 'none'; form-action 'none'`;
}

/**
 * @name renderReport
 * @category Report
 * @summary The demo's self-contained HTML report: tables, @accord/react's charts and SVG trends, one file.
 *
 * @description
 * Renders the council scorecard, the funnel (`FunnelChart`), monthly trends, the attribution comparison
 * (`AttributionComparison`), the SLA clocks nearest to breach, the routing audit and the reject-reason mix
 * with `react-dom/server` — React escapes every string from the data, so CRM names render as text. The
 * stylesheet is inlined, and a `Content-Security-Policy` meta tag forbids every script and request: the
 * page works from disk, offline, with nothing to run.
 *
 * @param report - The figures.
 * @param options - The prefilled queries, the attribution view, and optionally the CSS.
 * @returns The HTML document.
 *
 * @example
 * writeFileSync('report.html', renderReport(report, { queries, attribution }))
 */
export function renderReport(report: DemoReport, options: RenderReportOptions): string {
  const css = options.css ?? `${widgetCss()}\n${REPORT_CSS}`;
  if (/<\/style/i.test(css)) throw new Error('[accord] report styles must not contain "</style"');
  const body = renderToStaticMarkup(
    <ReportBody report={report} queries={options.queries} attribution={options.attribution} />,
  );
  const csp = reportCsp(css, body);
  // Hashes and keywords only: nothing in it needs escaping inside a double-quoted attribute.
  if (!/^[\w\s'+/=;:-]*$/.test(csp)) throw new Error('[accord] unexpected character in the report CSP');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(report.title)}</title>`,
    `<style>${css}</style>`,
    '</head>',
    `<body>${body}</body>`,
    '</html>',
    '',
  ].join('\n');
}
