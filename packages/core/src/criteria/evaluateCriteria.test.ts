import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AccordError } from '../errors/AccordError';
import { compileCriteria } from './compileCriteria';
import type { FieldRule, Rule } from './criteria.types';
import { evaluateCriteria } from './evaluateCriteria';

const lead = {
  id: 'L1',
  createdAt: '2026-03-01T10:00:00Z',
  country: 'DE',
  email: 'kim@northwind.com',
  company: '',
  attributes: { employees: 120, industry: 'Software', tags: ['webinar', 'pricing'], demoRequested: false, score: null },
  stageDates: { mql: '2026-02-25T09:00:00Z' },
};
const now = '2026-03-02T10:00:00Z';
const check = (rule: FieldRule) => evaluateCriteria(lead, rule, { now }).passed;

describe('evaluateCriteria', () => {
  it.each<[FieldRule, boolean]>([
    [{ field: 'country', op: 'eq', value: 'DE' }, true],
    [{ field: 'country', op: 'eq', value: 'de' }, false],
    [{ field: 'country', op: 'eq', value: 'de', ignoreCase: true }, true],
    [{ field: 'attributes.employees', op: 'eq', value: '120' }, false],
    [{ field: 'country', op: 'ne', value: 'FR' }, true],
    [{ field: 'source', op: 'ne', value: 'partner' }, true],
    [{ field: 'source', op: 'eq', value: null }, true],
    [{ field: 'company', op: 'eq', value: null }, true],
    [{ field: 'attributes.score', op: 'eq', value: null }, true],
    [{ field: 'country', op: 'in', value: ['DE', 'AT', 'CH'] }, true],
    [{ field: 'attributes.industry', op: 'in', value: ['software'], ignoreCase: true }, true],
    [{ field: 'country', op: 'nin', value: ['DE'] }, false],
    [{ field: 'source', op: 'in', value: [null, 'web'] }, true],
    [{ field: 'attributes.employees', op: 'gt', value: 119 }, true],
    [{ field: 'attributes.employees', op: 'gte', value: 120 }, true],
    [{ field: 'attributes.employees', op: 'lt', value: 120 }, false],
    [{ field: 'attributes.employees', op: 'lte', value: 120 }, true],
    [{ field: 'attributes.industry', op: 'gt', value: 1 }, false],
    [{ field: 'email', op: 'exists' }, true],
    [{ field: 'company', op: 'exists' }, false],
    [{ field: 'company', op: 'exists', value: false }, true],
    [{ field: 'attributes.score', op: 'exists' }, false],
    [{ field: 'email', op: 'matches', value: '@northwind\\.com$' }, true],
    [{ field: 'email', op: 'matches', value: '@NORTHWIND', flags: 'i' }, true],
    [{ field: 'attributes.employees', op: 'matches', value: '1' }, false],
    [{ field: 'attributes.tags', op: 'contains', value: 'pricing' }, true],
    [{ field: 'attributes.tags', op: 'contains', value: 'PRICING', ignoreCase: true }, true],
    [{ field: 'email', op: 'contains', value: 'northwind' }, true],
    [{ field: 'stageDates.mql', op: 'within_days', value: 7 }, true],
    [{ field: 'stageDates.mql', op: 'within_days', value: 3 }, false],
    [{ field: 'createdAt', op: 'before', value: '2026-03-01T10:00:01Z' }, true],
    [{ field: 'createdAt', op: 'after', value: '2026-03-01T10:00:00Z' }, false],
    [{ field: 'createdAt', op: 'after', value: Date.UTC(2026, 0, 1) }, true],
  ])('%j → %s', (rule, expected) => {
    expect(check(rule)).toBe(expected);
  });

  it('says what each comparison compared', () => {
    const result = evaluateCriteria(lead, {
      field: 'attributes.employees',
      op: 'gte',
      value: 500,
      label: 'Enterprise size',
    });
    expect(result).toEqual({
      passed: false,
      reasons: [
        {
          at: '',
          label: 'Enterprise size',
          field: 'attributes.employees',
          op: 'gte',
          expected: 500,
          actual: 120,
          passed: false,
          negated: false,
          message: 'attributes.employees is 120, needs ≥ 500',
        },
      ],
    });
  });

  it('explains every comparison of a composite rule, with its place in the rule', () => {
    const rule: Rule = {
      any: [
        { field: 'attributes.demoRequested', op: 'eq', value: true },
        {
          all: [
            { field: 'attributes.employees', op: 'gte', value: 20 },
            { not: { field: 'country', op: 'eq', value: 'DE' } },
          ],
        },
      ],
    };
    const result = evaluateCriteria(lead, rule);
    expect(result.passed).toBe(false);
    expect(result.reasons.map((r) => [r.at, r.passed, r.negated])).toEqual([
      ['any[0]', false, false],
      ['any[1].all[0]', true, false],
      ['any[1].all[1].not', true, true],
    ]);
  });

  it('reports a missing field as missing', () => {
    const [reason] = evaluateCriteria(lead, { field: 'attributes.budget', op: 'gt', value: 0 }).reasons;
    expect(reason?.actual).toBeUndefined();
    expect(reason?.message).toBe('attributes.budget is missing, needs > 0');
  });

  it('says how long ago an instant was for within_days', () => {
    const [reason] = evaluateCriteria(lead, { field: 'stageDates.mql', op: 'within_days', value: 3 }, { now }).reasons;
    expect(reason?.message).toBe(
      'stageDates.mql is "2026-02-25T09:00:00Z" (5.0 days ago), needs to be within the last 3 days',
    );
  });

  it('fails within_days for an instant in the future', () => {
    expect(
      evaluateCriteria(lead, { field: 'createdAt', op: 'within_days', value: 30 }, { now: '2026-02-01T00:00:00Z' })
        .passed,
    ).toBe(false);
  });

  it('throws a programmer error when within_days has no now', () => {
    expect(() => evaluateCriteria(lead, { field: 'stageDates.mql', op: 'within_days', value: 7 })).toThrow(
      /needs options\.now/,
    );
  });

  it('reads only own properties, never the prototype chain', () => {
    const record = Object.create({ inherited: 'yes' }) as object;
    expect(evaluateCriteria(record, { field: 'inherited', op: 'exists' }).passed).toBe(false);
    expect(evaluateCriteria({}, { field: 'toString', op: 'exists' }).passed).toBe(false);
    expect(evaluateCriteria({ a: 'x' }, { field: 'a.length', op: 'eq', value: 1 }).passed).toBe(false);
  });

  it('reads a "__proto__" key from JSON as plain data without touching the prototype', () => {
    const record = JSON.parse('{"__proto__": {"admin": true}}') as object;
    expect(evaluateCriteria(record, { field: 'admin', op: 'eq', value: true }).passed).toBe(false);
  });

  it.each(['__proto__.polluted', 'constructor.prototype.polluted', 'attributes.prototype'])(
    'refuses the unsafe path %s with an AccordError and pollutes nothing',
    (field) => {
      const rule = { field, op: 'eq', value: 'x' } as FieldRule;
      let error: unknown;
      try {
        evaluateCriteria({}, rule);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AccordError);
      expect((error as AccordError).issues[0]).toMatchObject({ code: 'unsafe_path', path: ['field'] });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  it('rejects a malformed rule with located issues', () => {
    const rule = { all: [{ field: 'a', op: 'between', value: 1 }, { any: [] }] } as unknown as Rule;
    expect(() => evaluateCriteria({}, rule)).toThrow(AccordError);
  });
});

describe('compileCriteria', () => {
  it('agrees with evaluateCriteria on random rules and records', () => {
    const scalar = fc.oneof(
      fc.constantFrom('a', 'b', 'A', ''),
      fc.integer({ min: -3, max: 3 }),
      fc.boolean(),
      fc.constant(null),
    );
    const field = fc.constantFrom('x', 'y', 'nested.z', 'list', 'missing', 'at');
    const leaf: fc.Arbitrary<Rule> = fc.oneof(
      fc.record({
        field,
        op: fc.constantFrom('eq', 'ne', 'contains'),
        value: scalar,
        ignoreCase: fc.boolean(),
      }) as fc.Arbitrary<Rule>,
      fc.record({
        field,
        op: fc.constantFrom('in', 'nin'),
        value: fc.array(scalar, { minLength: 1, maxLength: 3 }),
      }) as fc.Arbitrary<Rule>,
      fc.record({
        field,
        op: fc.constantFrom('gt', 'gte', 'lt', 'lte'),
        value: fc.integer({ min: -3, max: 3 }),
      }) as fc.Arbitrary<Rule>,
      fc.record({ field, op: fc.constant('exists'), value: fc.boolean() }) as fc.Arbitrary<Rule>,
      fc.record({
        field,
        op: fc.constant('matches'),
        value: fc.constantFrom('^a', 'b$', '\\d'),
        flags: fc.constantFrom('', 'i'),
      }) as fc.Arbitrary<Rule>,
      fc.record({ field, op: fc.constant('within_days'), value: fc.integer({ min: 1, max: 5 }) }) as fc.Arbitrary<Rule>,
      fc.record({
        field,
        op: fc.constantFrom('before', 'after'),
        value: fc.integer({ min: 0, max: 10 * 86_400_000 }),
      }) as fc.Arbitrary<Rule>,
    );
    const { rule } = fc.letrec<{ rule: Rule }>((tie) => ({
      rule: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.record({ all: fc.array(tie('rule'), { minLength: 1, maxLength: 3 }) }),
        fc.record({ any: fc.array(tie('rule'), { minLength: 1, maxLength: 3 }) }),
        fc.record({ not: tie('rule') }),
      ),
    }));
    const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.integer({ min: 0, max: 10 * 86_400_000 }));
    const record = fc.record({
      x: value,
      y: value,
      nested: fc.record({ z: value }),
      list: fc.array(scalar),
      at: value,
    });
    fc.assert(
      fc.property(rule, record, fc.integer({ min: 0, max: 10 * 86_400_000 }), (r, rec, now) => {
        expect(compileCriteria(r)(rec, { now })).toBe(evaluateCriteria(rec, r, { now }).passed);
      }),
      { numRuns: 500 },
    );
  });
});
