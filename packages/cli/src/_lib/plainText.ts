// Control characters (C0 but tab and newline, DEL, C1), bidirectional overrides and isolates, and line
// and paragraph separators: what could rewrite a terminal or reorder what the reader sees.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this escapes.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this escapes.
const UNSAFE_IN_VALUE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const toEscape = (c: string) => `\\u${(c.codePointAt(0) as number).toString(16).padStart(4, '0')}`;

/**
 * A value from the data (an id, a label) as inert terminal text: every control, bidi and separator
 * character — newlines and tabs included — is written as `\uXXXX`, and long values are cut at `max`.
 */
export function plainValue(value: string, max = 60): string {
  const cut = value.length > max ? `${value.slice(0, max)}…` : value;
  return cut.replace(UNSAFE_IN_VALUE, toEscape);
}

/** A block of text for the terminal: line breaks and tabs kept, every other unsafe character escaped. */
export function plainText(text: string): string {
  return text.replace(UNSAFE, toEscape);
}
