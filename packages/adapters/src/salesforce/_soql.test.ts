import { describe, expect, it } from 'vitest';
import { isSoqlIdentifier, soqlDateTime, soqlString, soqlStringList } from './_soql';

describe('soqlString', () => {
  it('escapes quotes and backslashes when a value holds them', () => {
    expect(soqlString("O'Brien")).toBe("'O\\'Brien'");
    expect(soqlString("x' OR Id != null OR Id = '")).toBe("'x\\' OR Id != null OR Id = \\''");
    expect(soqlString('a\\b"c')).toBe("'a\\\\b\\\"c'");
    expect(soqlString('line\nbreak\ttab')).toBe("'line\\nbreak\\ttab'");
  });

  it('throws when a value holds a control character SOQL cannot escape', () => {
    expect(() => soqlString('a\u0000b')).toThrow(RangeError);
  });
});

describe('soqlStringList', () => {
  it('returns a parenthesised list of escaped literals', () => {
    expect(soqlStringList(['a', "b'"])).toBe("('a', 'b\\'')");
  });
});

describe('soqlDateTime', () => {
  it('returns an unquoted UTC literal when given epoch ms', () => {
    expect(soqlDateTime(Date.parse('2026-05-01T00:00:00-04:00'))).toBe('2026-05-01T04:00:00.000Z');
    expect(() => soqlDateTime(Number.NaN)).toThrow(RangeError);
  });
});

describe('isSoqlIdentifier', () => {
  it('accepts API names and refuses anything that could change a query', () => {
    expect(isSoqlIdentifier('Accord_Reject_Reason__c')).toBe(true);
    expect(isSoqlIdentifier('Status')).toBe(true);
    for (const bad of ['Status, Id', 'x__c FROM User', "a'", '', '1abc', 'a.b'])
      expect(isSoqlIdentifier(bad), bad).toBe(false);
  });
});
