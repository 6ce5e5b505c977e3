import { createHash } from 'node:crypto';
import { escapeHtml } from './escapeHtml';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Styles shared by the CLI's document reports (glossary, reviews): readable tables, light and dark. */
export const DOCUMENT_CSS = `:root{color-scheme:light dark;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#fff;--head:#f6f8fa}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9da7b3;--line:#3d444d;--bg:#0d1117;--head:#161b22}}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg);margin:0}
main{max-width:72rem;margin:0 auto;padding:2rem 1.5rem}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.25rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
h3{font-size:1rem;margin:1.25rem 0 .25rem}p,dl{margin:.25rem 0 .75rem}.muted{color:var(--muted)}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-variant-numeric:tabular-nums}
th,td{border:1px solid var(--line);padding:.35rem .5rem;text-align:start;vertical-align:top}th{background:var(--head)}
td.num,th.num{text-align:end}code{font:13px ui-monospace,SFMono-Regular,Menlo,monospace;overflow-wrap:anywhere}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem}dt{color:var(--muted)}dd{margin:0}
nav ul{columns:2;padding-inline-start:1.25rem}`;

/**
 * One offline HTML document: the body as given (already escaped by the caller), the styles inlined,
 * and a Content-Security-Policy that lets nothing load or run — only the inline stylesheet, by hash.
 */
export function staticDocument(options: { title: string; body: string; css?: string; lang?: string }): string {
  const css = options.css ?? DOCUMENT_CSS;
  if (/<\/style/i.test(css)) throw new Error('[accord] document styles must not contain "</style"');
  const csp = `default-src 'none'; style-src ${sha256(css)}; img-src 'none'; base-uri 'none'; form-action 'none'`;
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(options.lang ?? 'en')}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(options.title)}</title>`,
    `<style>${css}</style>`,
    '</head>',
    `<body>${options.body}</body>`,
    '</html>',
    '',
  ].join('\n');
}

/**
 * Inline Markdown text that renders as the text itself: every character GitHub Markdown reads as
 * inline markup (emphasis, code, links, HTML tags and entities, strikethrough, table pipes) is
 * backslash-escaped, and line breaks become spaces so a value cannot end a table row or start a
 * block. Parentheses and `!` only act after a `]`, which is escaped, and underscores inside words
 * (`paid_search`) cannot start emphasis: both stay as they are, so the source stays readable. The
 * report never puts a value at the start of a line, where `#` or `1.` would start a block.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n|[\r\n\u2028\u2029]/g, ' ')
    .replace(/[\\`*[\]<>|~&]/g, (c) => `\\${c}`)
    .replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\\_');
}
