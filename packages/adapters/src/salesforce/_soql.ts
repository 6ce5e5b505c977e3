// SOQL building blocks. Every value that reaches a query goes through one of these: string literals are
// escaped, datetimes are formatted from numbers, and field/object names are checked against a strict pattern.

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;

/** Whether a text is a plain SOQL field or object API name (`Status`, `Accord_Reject_Reason__c`, `ns__Field__c`). */
export function isSoqlIdentifier(name: unknown): name is string {
  return typeof name === 'string' && IDENTIFIER.test(name) && !name.endsWith('_') && !name.includes('___');
}

/**
 * A quoted SOQL string literal. Escapes backslash, both quotes and the control characters SOQL knows
 * (`\n \r \t \b \f`); any other control character is refused (SOQL has no escape for it).
 */
export function soqlString(value: string): string {
  let out = "'";
  for (const ch of value) {
    switch (ch) {
      case '\\':
        out += '\\\\';
        break;
      case "'":
        out += "\\'";
        break;
      case '"':
        out += '\\"';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\t':
        out += '\\t';
        break;
      case '\b':
        out += '\\b';
        break;
      case '\f':
        out += '\\f';
        break;
      default: {
        const code = ch.codePointAt(0) as number;
        if (code < 0x20 || code === 0x7f) throw new RangeError('a SOQL string cannot hold control characters');
        out += ch;
      }
    }
  }
  return `${out}'`;
}

/** A SOQL dateTime literal (unquoted, UTC, milliseconds kept: `2026-03-02T14:30:00.000Z`). */
export function soqlDateTime(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError('not a finite instant');
  return new Date(ms).toISOString();
}

/** `(a, b, c)` for an `IN` list of string values. */
export function soqlStringList(values: readonly string[]): string {
  return `(${values.map(soqlString).join(', ')})`;
}
