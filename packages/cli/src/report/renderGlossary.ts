import type { Glossary } from '@accord/core';
import { escapeHtml } from './escapeHtml';
import { escapeMarkdown, staticDocument } from './staticDocument';

const title = (g: Glossary) =>
  `${g.name ?? g.agreementId} — definitions, version ${g.version}${g.effectiveFrom ? `, in force from ${g.effectiveFrom}` : ''}`;

const anchor = (section: string, id: string) => `${section}-${id.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/**
 * @name renderGlossaryMarkdown
 * @category Report
 * @summary The glossary as GitHub Markdown: one heading per section, one entry per term.
 *
 * @param glossary - From `buildGlossary`.
 * @returns The Markdown text; every value from the agreement is escaped.
 *
 * @example
 * writeFileSync('glossary.md', renderGlossaryMarkdown(buildGlossary(agreement)))
 */
export function renderGlossaryMarkdown(glossary: Glossary): string {
  const lines = [
    `# ${escapeMarkdown(title(glossary))}`,
    '',
    `Agreement \`${glossary.agreementId}\`, time zone ${escapeMarkdown(glossary.timezone)}. These are the frozen definitions both teams point at; change them through a new agreement version.`,
    '',
  ];
  for (const section of glossary.sections) {
    lines.push(`## ${escapeMarkdown(section.title)}`, '');
    if (section.terms.length === 0) lines.push('_None defined._', '');
    if (section.id === 'metrics') {
      lines.push(
        '| Metric | Id | Owner | Definition | Unit | Better | Target |',
        '| --- | --- | --- | --- | --- | --- | --- |',
      );
      for (const t of section.terms) {
        const fact = (label: string) => escapeMarkdown(t.facts.find(([l]) => l === label)?.[1] ?? '');
        lines.push(
          `| ${escapeMarkdown(t.label)} | \`${t.id}\` | ${escapeMarkdown(t.owner)} | ${escapeMarkdown(t.definition)} | ${fact('Unit')} | ${fact('Better when')} | ${fact('Target')} |`,
        );
      }
      lines.push('');
      continue;
    }
    for (const t of section.terms) {
      lines.push(`### ${escapeMarkdown(t.label)} (\`${t.id}\`)`, '', `${escapeMarkdown(t.definition)}`, '');
      lines.push(`- **Owner:** ${escapeMarkdown(t.owner)}`);
      for (const [label, text] of t.facts) lines.push(`- **${escapeMarkdown(label)}:** ${escapeMarkdown(text)}`);
      lines.push('');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/**
 * @name renderGlossaryHtml
 * @category Report
 * @summary The glossary as one offline HTML page: a contents list, definitions and the metric table.
 *
 * @param glossary - From `buildGlossary`.
 * @returns The HTML document (no scripts; a CSP that lets nothing load); every value escaped.
 *
 * @example
 * writeFileSync('glossary.html', renderGlossaryHtml(buildGlossary(agreement)))
 */
export function renderGlossaryHtml(glossary: Glossary): string {
  const e = escapeHtml;
  const parts = [
    '<main>',
    `<h1>${e(title(glossary))}</h1>`,
    `<p class="muted">Agreement <code>${e(glossary.agreementId)}</code>, time zone ${e(glossary.timezone)}. The frozen definitions both teams point at; change them through a new agreement version.</p>`,
    '<nav aria-label="Sections"><ul>',
    ...glossary.sections.map((s) => `<li><a href="#${s.id}">${e(s.title)}</a> (${s.terms.length})</li>`),
    '</ul></nav>',
  ];
  for (const section of glossary.sections) {
    parts.push(`<section aria-labelledby="${section.id}"><h2 id="${section.id}">${e(section.title)}</h2>`);
    if (section.terms.length === 0) parts.push('<p class="muted">None defined.</p>');
    if (section.id === 'metrics' && section.terms.length > 0) {
      parts.push(
        '<table><thead><tr><th scope="col">Metric</th><th scope="col">Owner</th><th scope="col">Definition</th><th scope="col">Unit</th><th scope="col">Better</th><th scope="col">View</th><th scope="col">Target</th></tr></thead><tbody>',
      );
      for (const t of section.terms) {
        const fact = (label: string) => e(t.facts.find(([l]) => l === label)?.[1] ?? '');
        parts.push(
          `<tr id="${e(anchor('metric', t.id))}"><th scope="row">${e(t.label)}<br><code>${e(t.id)}</code></th><td>${e(t.owner)}</td><td>${e(t.definition)}</td><td>${fact('Unit')}</td><td>${fact('Better when')}</td><td>${fact('View')}</td><td>${fact('Target')}</td></tr>`,
        );
      }
      parts.push('</tbody></table>');
    } else {
      for (const t of section.terms) {
        parts.push(
          `<article id="${e(anchor(section.id, t.id))}"><h3>${e(t.label)} <code>${e(t.id)}</code></h3><p>${e(t.definition)}</p><dl><dt>Owner</dt><dd>${e(t.owner)}</dd>`,
          ...t.facts.map(([label, text]) => `<dt>${e(label)}</dt><dd>${e(text)}</dd>`),
          '</dl></article>',
        );
      }
    }
    parts.push('</section>');
  }
  parts.push('</main>');
  return staticDocument({ title: title(glossary), body: parts.join('\n') });
}
