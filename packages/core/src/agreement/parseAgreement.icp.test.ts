import { describe, expect, it } from 'vitest';
import { AccordError } from '../errors/AccordError';
import { sampleIcp } from '../icp/sampleIcp';
import { defaultAgreement } from './defaultAgreement';
import { parseAgreement, safeParseAgreement } from './parseAgreement';

/** A deep copy of the default agreement with the sample ICP, loosened so tests can break it. */
const base = (): Record<string, any> => JSON.parse(JSON.stringify({ ...defaultAgreement, ...sampleIcp }));
const issuesOf = (input: unknown) => {
  const result = safeParseAgreement(input);
  if (result.success) return [];
  return result.error.issues.map(({ path, message, ...rest }) => ({ ...rest, path: path.join('.') }));
};

describe('parseAgreement (icp and intent)', () => {
  it('accepts an agreement with the sample ICP and intent, as an object and as JSON text', () => {
    const agreement = { ...defaultAgreement, ...sampleIcp };
    expect(parseAgreement(agreement)).toEqual(agreement);
    expect(parseAgreement(JSON.stringify(agreement))).toEqual(agreement);
  });

  it('accepts an ICP without a declared total, whatever the weights add up to', () => {
    const a = base();
    delete a.icp.declaredTotal;
    a.icp.criteria[0].weight = 3;
    expect(issuesOf(a)).toEqual([]);
  });

  it('reports weights_mismatch when the weights do not add up to declaredTotal', () => {
    const a = base();
    a.icp.criteria[0].weight = 35;
    expect(issuesOf(a)).toEqual([
      { code: 'weights_mismatch', path: 'icp.declaredTotal', expected: 100, received: 105 },
    ]);
    expect(safeParseAgreement(a).error?.issues[0]?.message).toBe(
      'The weights add up to 105, but "declaredTotal" says 100: rebalance the weights or update "declaredTotal".',
    );
  });

  it('accepts fractional weights that add up to declaredTotal despite floating-point error', () => {
    const a = base();
    a.icp.criteria = a.icp.criteria.slice(0, 2);
    a.icp.criteria[0].weight = 0.1;
    a.icp.criteria[1].weight = 0.2;
    a.icp.declaredTotal = 0.3;
    expect(issuesOf(a)).toEqual([]);
  });

  it('reports duplicate criterion ids with the first occurrence', () => {
    const a = base();
    a.icp.criteria[2].id = 'industry';
    expect(issuesOf(a)).toEqual([
      {
        code: 'duplicate_id',
        path: 'icp.criteria.2.id',
        kind: 'criterion',
        id: 'industry',
        firstPath: ['icp', 'criteria', 0, 'id'],
      },
    ]);
  });

  it('reports duplicate signal ids', () => {
    const a = base();
    a.intent.signals[3].id = 'meeting';
    expect(issuesOf(a)).toEqual([
      {
        code: 'duplicate_id',
        path: 'intent.signals.3.id',
        kind: 'signal',
        id: 'meeting',
        firstPath: ['intent', 'signals', 1, 'id'],
      },
    ]);
  });

  it('reports tiers that are not strictly descending', () => {
    const a = base();
    a.icp.tiers = { A: 80, B: 80, C: 90 };
    expect(issuesOf(a)).toEqual([
      { code: 'not_descending', path: 'icp.tiers.B', previous: 80, value: 80 },
      { code: 'not_descending', path: 'icp.tiers.C', previous: 80, value: 90 },
    ]);
    expect(safeParseAgreement(a).error?.issues[0]?.message).toMatch(/lower than the previous tier's 80, got 80/);
  });

  it('reports tiers outside 0–100', () => {
    const a = base();
    a.icp.tiers = { A: 120, B: 50, C: -5 };
    expect(issuesOf(a)).toMatchObject([
      { code: 'too_big', path: 'icp.tiers.A', maximum: 100 },
      { code: 'too_small', path: 'icp.tiers.C', minimum: 0 },
    ]);
  });

  it('reports negative weights on criteria and signals', () => {
    const a = base();
    a.icp.criteria[1].weight = -25;
    a.intent.signals[0].weight = -1;
    expect(issuesOf(a)).toMatchObject([
      { code: 'too_small', path: 'icp.criteria.1.weight', minimum: 0, inclusive: true },
      { code: 'too_small', path: 'intent.signals.0.weight', minimum: 0, inclusive: true },
    ]);
  });

  it('reports a half-life of zero or less', () => {
    const a = base();
    a.intent.signals[0].halfLifeDays = 0;
    a.intent.signals[1].halfLifeDays = -7;
    expect(issuesOf(a)).toMatchObject([
      { code: 'too_small', path: 'intent.signals.0.halfLifeDays', minimum: 0, inclusive: false },
      { code: 'too_small', path: 'intent.signals.1.halfLifeDays', minimum: 0, inclusive: false },
    ]);
  });

  it('reports an engagement cap outside (0, 100]', () => {
    const a = base();
    a.intent.cap = 150;
    expect(issuesOf(a)).toMatchObject([{ code: 'too_big', path: 'intent.cap', maximum: 100 }]);
    a.intent.cap = 0;
    expect(issuesOf(a)).toMatchObject([{ code: 'too_small', path: 'intent.cap', minimum: 0, inclusive: false }]);
  });

  it('reports a malformed criterion rule at the exact node', () => {
    const a = base();
    a.icp.criteria[1].when.all[0].op = 'between';
    expect(issuesOf(a)[0]).toMatchObject({ path: 'icp.criteria.1.when.all.0.op' });
  });

  it('reports activity fields on a touchpoint signal as unrecognized keys', () => {
    const a = base();
    a.intent.signals[0].types = ['demo'];
    expect(issuesOf(a)).toMatchObject([{ code: 'unrecognized_keys', path: 'intent.signals.0', keys: ['types'] }]);
  });

  it('throws an AccordError holding every issue', () => {
    const a = base();
    a.icp.criteria[2].id = 'industry';
    a.icp.criteria[0].weight = 31;
    expect(() => parseAgreement(a)).toThrow(AccordError);
    expect(safeParseAgreement(a).error?.issues.map((i) => i.code)).toEqual(['duplicate_id', 'weights_mismatch']);
  });
});
