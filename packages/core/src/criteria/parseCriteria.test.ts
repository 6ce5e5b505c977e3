import { describe, expect, it } from 'vitest';
import type { Rule } from './criteria.types';
import { parseCriteria, safeParseCriteria } from './parseCriteria';
import { MAX_RULE_DEPTH } from './validateRule';

const issuesOf = (input: unknown) => {
  const result = safeParseCriteria(input);
  return result.success ? [] : result.error.issues.map((i) => ({ code: i.code, path: i.path.join('.') }));
};

describe('parseCriteria', () => {
  it('returns a valid rule unchanged', () => {
    const rule: Rule = {
      all: [
        { field: 'country', op: 'in', value: ['US', 'CA'] },
        { not: { field: 'email', op: 'matches', value: '@gmail\\.', flags: 'i' } },
      ],
    };
    expect(parseCriteria(JSON.parse(JSON.stringify(rule)))).toEqual(rule);
  });

  it.each([
    ['__proto__.polluted', '__proto__'],
    ['attributes.constructor', 'constructor'],
    ['a.prototype.b', 'prototype'],
  ])('refuses the path %s at parse time', (field, segment) => {
    const result = safeParseCriteria({ all: [{ field, op: 'eq', value: 1 }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ code: 'unsafe_path', path: ['all', 0, 'field'], segment });
  });

  it('locates each problem in a malformed rule', () => {
    expect(
      issuesOf({
        any: [
          { field: 'a', op: 'between', value: 1 },
          { field: 'b', op: 'gt', value: '10' },
          { field: 'c', op: 'matches', value: '(' },
          { field: 'd', op: 'matches', value: 'x', flags: 'g' },
          { field: '', op: 'exists' },
          { field: 'e', op: 'in', value: [] },
          { field: 'f', op: 'before', value: '31/02/2026' },
          { field: 'g', op: 'within_days', value: 0 },
          { field: 'h', op: 'eq', value: 1, flags: 'i' },
          { all: [], any: [] },
          { all: [] },
          'not a rule',
        ],
      }),
    ).toEqual([
      { code: 'invalid_value', path: 'any.0.op' },
      { code: 'invalid_type', path: 'any.1.value' },
      { code: 'invalid_regex', path: 'any.2.value' },
      { code: 'invalid_format', path: 'any.3.flags' },
      { code: 'invalid_format', path: 'any.4.field' },
      { code: 'too_small', path: 'any.5.value' },
      { code: 'invalid_instant', path: 'any.6.value' },
      { code: 'too_small', path: 'any.7.value' },
      { code: 'unrecognized_keys', path: 'any.8' },
      { code: 'invalid_type', path: 'any.9' },
      { code: 'too_small', path: 'any.10.all' },
      { code: 'invalid_type', path: 'any.11' },
    ]);
  });

  it(`refuses rules nested deeper than ${MAX_RULE_DEPTH} levels instead of overflowing the stack`, () => {
    let rule: unknown = { field: 'x', op: 'exists' };
    for (let i = 0; i < 10_000; i++) rule = { not: rule };
    const result = safeParseCriteria(rule);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe('too_deep');
  });

  it('throws an AccordError from the throwing twin', () => {
    expect(() => parseCriteria({ field: 'x' })).toThrow(/Expected one of "eq"/);
  });
});
