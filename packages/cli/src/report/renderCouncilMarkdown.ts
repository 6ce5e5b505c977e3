import type { CouncilReport } from '@accord/core';
import { type CouncilCell, type CouncilDocumentOptions, councilDocument } from './councilDocument';
import { escapeMarkdown } from './staticDocument';

const cellText = (cell: CouncilCell) => (typeof cell === 'string' ? cell : cell.text);

/**
 * @name renderCouncilMarkdown
 * @category Report
 * @summary The funnel council's report as GitHub Markdown: the headline first, then one section per topic.
 *
 * @description
 * Every string from the data or the agreement (labels, team and source names, decision texts, owners)
 * goes through `escapeMarkdown`: it renders as the text itself — no emphasis, link, HTML or table
 * break can be smuggled in through a CRM field or a decision.
 *
 * @param report - From `buildCouncilReport`.
 * @param options - The currency of money values, how many reject groups to list.
 * @returns The Markdown text, ending with a newline.
 *
 * @example
 * writeFileSync('council-2026-10.md', renderCouncilMarkdown(report, { currency: 'USD' }))
 */
export function renderCouncilMarkdown(report: CouncilReport, options: CouncilDocumentOptions = {}): string {
  const doc = councilDocument(report, options);
  const out = [`# ${escapeMarkdown(doc.title)}`, ''];
  for (const block of doc.blocks) {
    switch (block.kind) {
      case 'heading':
        out.push(`${block.level === 2 ? '##' : '###'} ${escapeMarkdown(block.text)}`, '');
        break;
      case 'paragraph': {
        const text = escapeMarkdown(block.text);
        out.push(block.emphasis === 'headline' ? `**${text}**` : block.emphasis === 'muted' ? `_${text}_` : text, '');
        break;
      }
      case 'table': {
        const line = (cells: readonly CouncilCell[]) =>
          `| ${cells.map((c) => escapeMarkdown(cellText(c))).join(' | ')} |`;
        out.push(
          line(block.headers),
          `|${block.headers.map((_, i) => (block.numeric.includes(i) ? ' ---: ' : ' --- ')).join('|')}|`,
          ...block.rows.map(line),
          '',
        );
        break;
      }
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
