import type { RawIssue } from '../errors/errors.types';

/** The outcome of {@link parseJsonText}. */
export type ParseJsonTextResult = { ok: true; value: unknown } | { ok: false; issue: RawIssue };

/** Converts a character offset into a 1-based line and column. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Parses JSON text with a size limit, reporting malformed input as an `invalid_json` issue with the
 * line and column (V8 reports a character position; it is converted here). `JSON.parse` never
 * assigns through `__proto__`, so a hostile key becomes a plain own property that schemas reject.
 */
export function parseJsonText(text: string, maxBytes: number): ParseJsonTextResult {
  const bytes = byteLength(text);
  if (bytes > maxBytes) return { ok: false, issue: { code: 'too_large', path: [], bytes, maxBytes } };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(raw);
    const lineCol = /line (\d+) column (\d+)/.exec(raw);
    let where = { line: 1, column: 1 };
    if (lineCol) where = { line: Number(lineCol[1]), column: Number(lineCol[2]) };
    else if (position) where = lineAndColumn(body, Number(position[1]));
    else if (/end of JSON input/i.test(raw)) where = lineAndColumn(body, body.length);
    const detail = raw.replace(/ in JSON at position \d+.*$/s, '').replace(/\s*\(line \d+ column \d+\)/, '');
    return { ok: false, issue: { code: 'invalid_json', path: [], ...where, detail } };
  }
}

/** UTF-8 byte length without allocating a buffer. */
export function byteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
