import type { CouncilReport } from '@accord/core';
import { type CouncilCell, type CouncilDocumentOptions, councilDocument } from './councilDocument';
import { escapeHtml } from './escapeHtml';
import { DOCUMENT_CSS, staticDocument } from './staticDocument';

/** The shared document styles, plus the council's: the headline, tones that read in light and dark. */
export const COUNCIL_CSS = `${DOCUMENT_CSS}
:root{--good:#1a7f37;--bad:#cf222e}
@media (prefers-color-scheme:dark){:root{--good:#3fb950;--bad:#ff7b72}}
.headline{font-size:1.15rem;font-weight:600;margin:1rem 0;padding:.75rem 1rem;background:var(--head);border-inline-start:4px solid var(--bad)}
.headline[data-tone=met]{border-inline-start-color:var(--good)}
[data-tone=met],[data-tone=good]{color:var(--good)}td[data-tone=missed],td[data-tone=bad],p[data-tone=missed]:not(.headline){color:var(--bad)}
.scroll{overflow-x:auto}td.num,.nowrap{white-space:nowrap}caption{caption-side:top;text-align:start;color:var(--muted);font-size:.85rem;padding-bottom:.25rem}
@media (forced-colors:active){.headline{border-inline-start-color:CanvasText}}`;

const e = escapeHtml;
const text = (cell: CouncilCell) => (typeof cell === 'string' ? cell : cell.text);
const tone = (cell: CouncilCell) => (typeof cell === 'string' || !cell.tone ? '' : ` data-tone="${cell.tone}"`);

/**
 * @name renderCouncilHtml
 * @category Report
 * @summary The funnel council's report as one offline HTML page: headline first, tables per section.
 *
 * @description
 * No scripts and nothing to load: the page carries its styles inline under a Content-Security-Policy
 * that allows only that stylesheet, by hash (`staticDocument`). Every string from the data or the
 * agreement is escaped with `escapeHtml`, so a decision or a source name always renders as text.
 * Wide tables scroll inside a focusable region; ✓ / ✗ and ▲ / ▼ carry the meaning, colour only
 * repeats it.
 *
 * @param report - From `buildCouncilReport`.
 * @param options - The currency of money values, how many reject groups to list.
 * @returns The HTML document.
 *
 * @example
 * writeFileSync('council-2026-10.html', renderCouncilHtml(report, { currency: 'USD' }))
 */
export function renderCouncilHtml(report: CouncilReport, options: CouncilDocumentOptions = {}): string {
  const doc = councilDocument(report, options);
  const parts = ['<main>', `<h1>${e(doc.title)}</h1>`];
  for (const block of doc.blocks) {
    switch (block.kind) {
      case 'heading': {
        const tag = block.level === 2 ? 'h2' : 'h3';
        parts.push(`<${tag} id="${e(block.id)}">${e(block.text)}</${tag}>`);
        break;
      }
      case 'paragraph': {
        const cls = block.emphasis ? ` class="${block.emphasis}"` : '';
        const t = block.tone ? ` data-tone="${block.tone}"` : '';
        parts.push(`<p${cls}${t}>${e(block.text)}</p>`);
        break;
      }
      case 'table': {
        const num = (i: number) =>
          block.numeric.includes(i) ? ' class="num"' : block.nowrap?.includes(i) ? ' class="nowrap"' : '';
        parts.push(
          `<div class="scroll" role="region" tabindex="0" aria-label="${e(block.caption)}"><table><caption>${e(block.caption)}</caption><thead><tr>`,
          ...block.headers.map((h, i) => `<th scope="col"${num(i)}>${e(h)}</th>`),
          '</tr></thead><tbody>',
          ...block.rows.map(
            (row) =>
              `<tr>${row
                .map((cell, i) =>
                  i === 0
                    ? `<th scope="row"${num(i)}${tone(cell)}>${e(text(cell))}</th>`
                    : `<td${num(i)}${tone(cell)}>${e(text(cell))}</td>`,
                )
                .join('')}</tr>`,
          ),
          '</tbody></table></div>',
        );
        break;
      }
    }
  }
  parts.push('</main>');
  return staticDocument({
    title: `${doc.title} · ${report.agreement.name ?? report.agreement.id}`,
    body: parts.join('\n'),
    css: COUNCIL_CSS,
  });
}
