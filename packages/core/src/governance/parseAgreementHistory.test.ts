import { describe, expect, it } from 'vitest';
import type { Agreement } from '../agreement/agreement.types';
import { defaultAgreement } from '../agreement/defaultAgreement';
import { AccordError } from '../errors/AccordError';
import { agreementInForce } from './agreementInForce';
import { parseAgreementHistory, safeParseAgreementHistory } from './parseAgreementHistory';

const v = (version: string, effectiveFrom?: string, extra: Partial<Agreement> = {}): Agreement => ({
  ...defaultAgreement,
  version,
  effectiveFrom,
  timezone: 'America/New_York',
  ...extra,
});
const codes = (input: unknown, options = {}) => {
  const result = safeParseAgreementHistory(input, options);
  return result.success ? [] : result.error.issues.map((i) => [i.code, i.path.join('.')]);
};

describe('parseAgreementHistory', () => {
  it('returns the versions oldest first', () => {
    const history = parseAgreementHistory([v('2026.2', '2026-07-01'), v('2026.1', '2026-01-01')]);
    expect(history.map((a) => a.version)).toEqual(['2026.1', '2026.2']);
  });

  it('accepts JSON text of the array', () => {
    expect(parseAgreementHistory(JSON.stringify([v('2026.1', '2026-01-01')]))).toHaveLength(1);
  });

  it('prefixes a version’s own issues with its index', () => {
    const broken = { ...v('2026.2', '2026-07-01'), timezone: 'Mars/Olympus' };
    expect(codes([v('2026.1', '2026-01-01'), broken])).toContainEqual(['invalid_timezone', '1.timezone']);
  });

  it('refuses versions of another agreement, duplicate versions and a missing effective date', () => {
    expect(codes([v('2026.1', '2026-01-01'), v('2026.2', '2026-03-01', { id: 'other' })])).toEqual([
      ['version_mismatch', '1.id'],
    ]);
    expect(codes([v('2026.1', '2026-01-01'), v('2026.1', '2026-03-01')])).toEqual([['duplicate_id', '1.version']]);
    expect(codes([v('2026.1', '2026-01-01'), v('2026.2')])).toEqual([['invalid_type', '1.effectiveFrom']]);
  });

  it('refuses two versions taking effect on the same day', () => {
    const result = safeParseAgreementHistory([v('2026.1', '2026-03-01'), v('2026.2', '2026-03-01')]);
    expect(result.error?.issues[0]).toMatchObject({
      code: 'overlapping_versions',
      path: [1, 'effectiveFrom'],
      version: '2026.2',
      other: '2026.1',
    });
    expect(result.error?.issues[0]?.message).toContain('both take effect on 2026-03-01');
  });

  it('refuses a version effective in the future, unless it is scheduled on purpose', () => {
    const history = [v('2026.1', '2026-01-01'), v('2027.1', '2027-01-01')];
    expect(codes(history, { now: '2026-11-24T12:00:00Z' })).toEqual([['future_version', '1.effectiveFrom']]);
    expect(codes(history, { now: '2026-11-24T12:00:00Z', allowScheduled: true })).toEqual([]);
    expect(codes(history, { now: '2027-01-01T05:00:00Z' })).toEqual([]);
  });

  it('refuses an empty history and throws AccordError from the throwing twin', () => {
    expect(codes([])).toEqual([['invalid_type', '']]);
    expect(() => parseAgreementHistory({})).toThrow(AccordError);
  });
});

describe('agreementInForce', () => {
  const history = parseAgreementHistory([v('2026.1', '2026-01-01'), v('2026.2', '2026-07-01')]);

  it('switches at midnight of the effective date in the agreement’s time zone', () => {
    expect(agreementInForce(history, '2026-07-01T03:59:59Z')?.version).toBe('2026.1');
    expect(agreementInForce(history, '2026-07-01T04:00:00Z')?.version).toBe('2026.2');
  });

  it('has nothing in force before the first version', () => {
    expect(agreementInForce(history, '2025-12-31T12:00:00Z')).toBeUndefined();
  });

  it('keeps the last version in force afterwards and rejects invalid instants', () => {
    expect(agreementInForce(history, new Date('2030-01-01T00:00:00Z'))?.version).toBe('2026.2');
    expect(() => agreementInForce(history, 'yesterday')).toThrow(/not a valid instant/);
  });
});
