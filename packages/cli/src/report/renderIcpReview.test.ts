import { createHash } from 'node:crypto';
import { type IcpReview, type IcpSlice, wilson } from '@accord/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IcpReviewReport } from './icpReview.types';
import { renderIcpReviewHtml } from './renderIcpReviewHtml';
import { renderIcpReviewMarkdown } from './renderIcpReviewMarkdown';
import { escapeMarkdown } from './staticDocument';

const HOSTILE = '<img src=x onerror=alert(1)>';

/** A slice of `n` leads, `converted` of them converted, `won` of `closed` won, against a baseline. */
function slice(
  key: string,
  label: string,
  n: number,
  converted: number,
  closed: number,
  won: number,
  significant = false,
): IcpSlice {
  const conversion = wilson(converted, n);
  const winRate = wilson(won, closed);
  return {
    key,
    label,
    leads: n,
    conversion: { rate: conversion, lift: conversion.value === null ? null : conversion.value / 0.1, significant },
    winRate: { rate: winRate, lift: winRate.value === null ? null : winRate.value / 0.3, significant: false },
  };
}

/** A hand-written review: a tier above the baseline, one below, one too small, one empty. */
function report(overrides: Partial<IcpReview> = {}): IcpReviewReport {
  const review: IcpReview = {
    quarter: '2026Q3',
    from: '2026-07-01T00:00:00-04:00',
    to: '2026-10-01T00:00:00-04:00',
    conversionStage: 'sql',
    baseline: { leads: 1000, conversion: wilson(100, 1000), winRate: wilson(30, 100) },
    byTier: [
      { tier: 'A', ...slice('A', 'Tier A', 200, 50, 40, 20, true) },
      { tier: 'B', ...slice('B', 'Tier B', 12, 3, 2, 1) },
      { tier: 'C', ...slice('C', 'Tier C', 0, 0, 0, 0) },
      { tier: 'none', ...slice('none', 'No tier', 788, 47, 58, 9, true) },
    ],
    byCriterion: [
      {
        criterionId: 'tech',
        label: `Runs ${HOSTILE}`,
        weight: 25,
        matched: slice('matched', 'Matches', 300, 60, 50, 20, true),
        unmatched: slice('unmatched', 'Does not match', 700, 40, 50, 10, true),
      },
    ],
    rejectReasons: [
      {
        dimension: 'source',
        rows: [{ key: null, total: 4, reasons: [{ id: 'no_fit', label: 'No | fit', count: 4, share: 1 }] }],
      },
      {
        dimension: 'campaignId',
        rows: [{ key: HOSTILE, total: 4, reasons: [{ id: 'no_fit', label: 'No | fit', count: 4, share: 1 }] }],
      },
    ],
    lossReasons: [
      { dimension: 'source', rows: [] },
      { dimension: 'campaignId', rows: [] },
    ],
    topThemes: [{ id: 'pricing', label: 'Pricing *model*', count: 3, share: 0.25 }],
    proposals: [
      {
        kind: 'raise_weight',
        criterionId: 'tech',
        summary: 'Raise the weight of "Runs it" (25 of 100).',
        evidence: 'conversion 20% (n = 300) vs 10% baseline',
        strength: 1.234,
      },
    ],
    issues: [],
    ...overrides,
  };
  return {
    review,
    agreement: { name: `Acme ${HOSTILE}`, version: '3', timezone: 'America/New_York' },
    minGroupSize: 20,
    scoredAt: '2026-10-01T04:00:00.000Z',
    counts: { leads: 1000, opportunities: 100 },
    issues: [
      {
        code: 'unknown_loss_reason',
        path: ['opportunities', 7, 'loss', 'reasonId'],
        reasonId: 'martians',
        known: ['price'],
        message: 'Unknown loss reason "martians"; the agreement\'s loss reasons are "price".',
        recordId: 'O7',
      },
    ],
  };
}

/** Reads escaped Markdown back: a backslash keeps the next character as it is. */
const readBack = (md: string) => md.replace(/\\(.)/gs, '$1');

describe('escapeMarkdown', () => {
  it('reads back as the text, with line breaks as spaces, and leaves no markup character bare', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const escaped = escapeMarkdown(text);
        expect(readBack(escaped)).toBe(text.replace(/\r\n|[\r\n\u2028\u2029]/g, ' '));
        expect(escaped).not.toMatch(/[\r\n\u2028\u2029]/);
        // Every markup character is escaped: drop the escaped pairs, and none is left.
        const bare = escaped.replace(/\\./gs, '');
        expect(bare).not.toMatch(/[\\`*[\]<>|~&]/);
        expect(bare).not.toMatch(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/);
      }),
    );
  });

  it('keeps identifiers and numbers readable', () => {
    expect(escapeMarkdown('paid_search 14.0% (10.9–17.9%)')).toBe('paid_search 14.0% (10.9–17.9%)');
    expect(escapeMarkdown(HOSTILE)).toBe('\\<img src=x onerror=alert(1)\\>');
    expect(escapeMarkdown('_a_ | [x](y) `c` &amp;')).toBe('\\_a\\_ \\| \\[x\\](y) \\`c\\` \\&amp;');
  });
});

describe('renderIcpReviewMarkdown', () => {
  const md = renderIcpReviewMarkdown(report());

  it('reads each rate against the baseline, marking small and empty groups', () => {
    expect(md).toContain(
      '| Tier A | 200 | 25.0% (19.5–31.4%) | 2.50× | ▲ above baseline | 40 | 50.0% (35.2–64.8%) | 1.67× | no clear difference |',
    );
    expect(md).toContain('| Tier B | 12 | 25.0% (8.9–53.2%) | 2.50× | too small to read | 2 |');
    expect(md).toContain('| Tier C | 0 | — | — | no data | 0 | — | — | no data |');
    expect(md).toContain('| No tier | 788 | 6.0% (4.5–7.8%) | 0.60× | ▼ below baseline |');
    expect(md).toContain('| All leads (baseline) | 1,000 | 10.0% (8.3–12.0%) | 1.00× | baseline |');
  });

  it('escapes every value from the data and the agreement', () => {
    expect(md).not.toMatch(/(?<!\\)<img/);
    expect(md).toContain('Agreement: Acme \\<img src=x onerror=alert(1)\\> v3');
    expect(md).toContain('| Runs \\<img src=x onerror=alert(1)\\> | 25 | match | 300 |');
    expect(md).toContain('| (no source) | 4 | No \\| fit 4 (100.0%) |');
    expect(md).toContain('| Pricing \\*model\\* | 3 | 25.0% |');
  });

  it('lists proposals with their evidence and the pilot note, and the issues with the record ids', () => {
    expect(md).toContain('1. **Raise the weight of "Runs it" (25 of 100).**  \n   Evidence: conversion 20% (n = 300)');
    expect(md).toContain('(strength 1.23)');
    expect(md).toContain('pilot each change beside the current ICP');
    expect(md).toContain('1 issue(s): unknown_loss_reason × 1. The records still count as recorded.');
    expect(md).toContain('- opportunities\\[7\\] (O7) loss.reasonId: Unknown loss reason "martians"');
    expect(md).toContain('No deal was closed lost in the quarter.');
  });

  it('says when nothing is proposed', () => {
    expect(renderIcpReviewMarkdown(report({ proposals: [] }))).toContain('No change is proposed:');
  });
});

describe('renderIcpReviewHtml', () => {
  const html = renderIcpReviewHtml(report());

  it('allows only its own stylesheet, by hash, and runs nothing', () => {
    const css = /<style>([\s\S]*)<\/style>/.exec(html)?.[1] as string;
    const hash = createHash('sha256').update(css, 'utf8').digest('base64');
    expect(html).toContain(
      `content="default-src 'none'; style-src 'sha256-${hash}'; img-src 'none'; base-uri 'none'; form-action 'none'"`,
    );
    const rest = html.split('&lt;img src=x onerror=alert(1)&gt;').join('');
    expect(rest.match(/<script|<img|<link|\son[a-z]+=|\sstyle=|url\(/gi)).toBeNull();
    expect(css).toContain('prefers-color-scheme: dark');
  });

  it('escapes the title and every value, and reads the rates in words as well as colour', () => {
    expect(html).toContain('<title>ICP review 2026Q3 — Acme &lt;img src=x onerror=alert(1)&gt;</title>');
    expect(html.split('&lt;img src=x onerror=alert(1)&gt;').length).toBe(5);
    expect(html).toContain('<td data-reading="above">▲ above baseline</td>');
    expect(html).toContain('<td data-reading="small">too small to read</td>');
    expect(html).toContain('<td data-reading="empty">no data</td>');
    expect(html).toContain('<code>opportunities[7] (O7) loss.reasonId</code>');
  });
});
