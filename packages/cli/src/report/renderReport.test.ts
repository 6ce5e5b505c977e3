import { describe, expect, it } from 'vitest';
import { HOSTILE, renderSampleReport } from '../__tests__/demoReportFixture';
import { escapeHtml } from './escapeHtml';
import { reportCsp } from './renderReport';

describe('renderReport', () => {
  it('renders every section, the widgets and the trend charts as inline SVG', async () => {
    const { html, report } = await renderSampleReport();
    expect(html.startsWith('<!doctype html>')).toBe(true);
    for (const id of ['council', 'funnel', 'trends', 'attribution', 'sla', 'routing', 'rejects'])
      expect(html).toContain(`id="${id}"`);
    expect(html).toContain('class="accord-FunnelChart"');
    expect(html).toContain('class="accord-AttributionComparison"');
    expect(html).toContain('data-chart="leads-per-month"');
    expect(html).toContain('data-chart="conversion-per-month"');
    expect(html.match(/<tr/g)?.length).toBeGreaterThan(report.council.rows.length + 20);
  });

  it('is self-contained when it links, imports and runs nothing', async () => {
    const { html } = await renderSampleReport();
    // Only in-document references (`url(#pattern)`); no element or rule that loads or runs anything.
    expect(html.match(/<script|<link|<img|<iframe|<object|@import|url\((?!#)|https?:\/\/|\son[a-z]+=/gi)).toBeNull();
    expect(html.match(/<style>/g)).toHaveLength(1);
  });

  it('writes CRM and agreement strings as text when they hold markup', async () => {
    const { html } = await renderSampleReport({ hostile: true });
    expect(html.includes(HOSTILE)).toBe(false);
    expect(html.match(/<img|<script/gi)).toBeNull();
    // In the title (escaped by hand) and in the body (escaped by React): source, company, channel, message.
    expect(html).toContain(`<title>Accord demo — ${escapeHtml(HOSTILE)}&lt;/title&gt;&lt;script&gt;`);
    expect(html.split('&lt;img src=x onerror=alert(1)&gt;').length).toBeGreaterThan(8);
  });

  it('allows no script and only its own styles, by hash, in its Content-Security-Policy', async () => {
    const { html } = await renderSampleReport();
    const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)?.[1] ?? '';
    expect(meta).toMatch(/^default-src 'none'; style-src 'sha256-[\w+/=]+' 'unsafe-hashes'( 'sha256-[\w+/=]+')+;/);
    expect(meta).not.toContain('unsafe-inline');
    expect(reportCsp('a{}', '<div style="--x:1"></div><p style="--x:1"></p>').match(/sha256-/g)).toHaveLength(2);
  });
});

describe('escapeHtml', () => {
  it('escapes the five markup characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});
