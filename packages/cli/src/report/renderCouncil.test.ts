import { type Agreement, buildCouncilReport, defaultAgreement, type Lead } from '@accord/core';
import { describe, expect, it } from 'vitest';
import { councilDocument } from './councilDocument';
import { renderCouncilHtml } from './renderCouncilHtml';
import { renderCouncilMarkdown } from './renderCouncilMarkdown';

const asOf = '2026-11-01T04:00:00Z';
const lead = (id: string, stages: Record<string, string>, extra: Partial<Lead> = {}): Lead => {
  const first = Object.values(stages)[0] as string;
  return { id, createdAt: first, stageDates: { inquiry: first, ...stages }, ...extra };
};
// October: 4 MQLs, 1 accepted; September: 2 MQLs, both accepted.
const leads = [
  lead('O1', { mql: '2026-10-05T14:00:00Z', sal: '2026-10-06T14:00:00Z' }, { amount: 1_250_000 }),
  lead('O2', { mql: '2026-10-06T14:00:00Z' }),
  lead('O3', { mql: '2026-10-07T14:00:00Z' }, { disposition: { reasonId: 'no_budget', at: '2026-10-08T14:00:00Z' } }),
  lead('O4', { mql: '2026-10-08T14:00:00Z' }, { source: 'social' }),
  lead('S1', { mql: '2026-09-05T14:00:00Z', sal: '2026-09-06T14:00:00Z' }),
  lead('S2', { mql: '2026-09-06T14:00:00Z', sal: '2026-09-07T14:00:00Z' }),
];
const agreement: Agreement = {
  ...(defaultAgreement as Agreement),
  targets: { 'conversion.mql.sal': { min: 0.6 }, leads: { min: 10 } },
  decisions: [
    {
      id: 'D-1',
      date: '2026-09-03',
      decision: 'Call every MQL within the hour',
      owner: 'Sales ops',
      metric: 'conversion.mql.sal',
      reviewOn: '2026-10-20',
    },
  ],
};
const metrics = ['leads', 'conversion.mql.sal'];
const report = buildCouncilReport({ leads }, agreement, { month: '2026-10', asOf, metrics });

describe('renderCouncilMarkdown', () => {
  const md = renderCouncilMarkdown(report, { currency: 'USD' });

  it('opens with the title and the headline, in words and exact figures', () => {
    expect(md.split('\n').slice(0, 3)).toEqual([
      '# Funnel council — October 2026',
      '',
      '**The metric furthest off target: MQL → SAL — 25.0% against a target of ≥ 60.0%, 35.0 pt below it (a relative miss of 58.3%).**',
    ]);
  });

  it('shows each metric with its target, ✓ / ✗, the previous month and the change', () => {
    expect(md).toContain('| Metric | Value | Target | Status | September 2026 | Change |');
    expect(md).toContain('| Leads | 4 | ≥ 10 | ✗ missed | 2 | +2 |');
    expect(md).toContain('| MQL → SAL | 25.0% | ≥ 60.0% | ✗ missed | 100.0% | −75.0 pt |');
    expect(md).toContain('| MQL → SAL | 100.0% | 25.0% | −75.0 pt | −75.0% | 4 this month | ▼ worse |');
  });

  it('lists the decision with its owner, review date and metric against its baseline', () => {
    expect(md).toContain(
      '| D-1: Call every MQL within the hour | Sales ops | 2026-09-03 | 2026-10-20 | MQL → SAL | 25.0% ✗ | ≥ 60.0% | — (2026-08) | — |',
    );
  });

  it('says what each empty section means', () => {
    expect(md).toContain('_Team: ');
    expect(md).toContain('1 disposition recorded in October 2026.');
    expect(md).toContain('| (none) | 1 | 1 (100.0%) |');
    expect(md).toContain('0 of 0 audited leads created in October 2026');
  });
});

describe('councilDocument', () => {
  it('says when every metric meets its target, and when the month is still running', () => {
    const running = buildCouncilReport(
      { leads },
      { ...agreement, targets: { leads: { min: 1 } } },
      {
        month: '2026-10',
        asOf: '2026-10-20T00:00:00Z',
        metrics,
      },
    );
    const doc = councilDocument(running);
    expect(doc.blocks[0]).toEqual({
      kind: 'paragraph',
      text: 'The metric furthest off target: none — the one metric with a target and a value meets it.',
      emphasis: 'headline',
      tone: 'met',
    });
    expect(doc.blocks[1]).toMatchObject({ kind: 'paragraph', emphasis: 'muted' });
    expect((doc.blocks[1] as { text: string }).text).toContain(
      'The month is still running: the figures stop at 2026-10-19 20:00.',
    );
  });
});

describe('renderCouncilHtml', () => {
  const html = renderCouncilHtml(report, { currency: 'USD' });

  it('is one offline page: no script, a hash-only CSP, every table captioned and labelled', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(/content="default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src 'none'/);
    expect(html).toContain('<title>Funnel council — October 2026 · Accord default operating agreement</title>');
    const tables = html.match(/<table>/g)?.length ?? 0;
    expect(
      html.match(/<div class="scroll" role="region" tabindex="0" aria-label="[^"]+"><table><caption>/g),
    ).toHaveLength(tables);
  });

  it('marks the headline and the misses, with the same figures as the Markdown', () => {
    expect(html).toContain(
      '<p class="headline" data-tone="missed">The metric furthest off target: MQL → SAL — 25.0% against a target of ≥ 60.0%, 35.0 pt below it (a relative miss of 58.3%).</p>',
    );
    expect(html).toContain(
      '<tr><th scope="row">MQL → SAL</th><td class="num">25.0%</td><td>≥ 60.0%</td><td data-tone="missed">✗ missed</td><td class="num">100.0%</td><td class="num" data-tone="bad">−75.0 pt</td></tr>',
    );
  });
});
