import { describe, expect, it } from 'vitest';
import { AccordError } from '../errors/AccordError';
import { parseMarketingClaims } from './parseMarketingClaims';

const good = {
  id: 'c1',
  opportunityId: 'O1',
  kind: 'influenced',
  amount: 120_000,
  currency: 'USD',
  channel: 'webinar',
};

describe('parseMarketingClaims', () => {
  it('keeps valid claims with their input positions', () => {
    const r = parseMarketingClaims([good, { ...good, id: 'c2', touchAt: '2026-03-01T10:00:00Z', model: 'linear' }]);
    expect(r.claims.map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(r.positions).toEqual([0, 1]);
    expect(r.refused).toEqual([]);
    expect(r.issues).toEqual([]);
  });

  it('refuses a row that is not a claim, naming the row and each field', () => {
    const r = parseMarketingClaims([
      'c0,O1,sourced',
      { ...good, amount: '120000' },
      { ...good, id: '', touchAt: '31/02/2026', model: 'last_click' },
      { ...good, note: 'typo column' },
      good,
    ]);
    expect(r.positions).toEqual([4]);
    expect(r.refused).toEqual([
      { index: 0, claimId: null, opportunityId: null, fields: [] },
      { index: 1, claimId: 'c1', opportunityId: 'O1', fields: ['amount'] },
      { index: 2, claimId: null, opportunityId: 'O1', fields: ['id', 'model', 'touchAt'] },
      { index: 3, claimId: 'c1', opportunityId: 'O1', fields: [] },
    ]);
    expect(r.issues.map((i) => `${i.code} ${i.path.join('.')}`)).toEqual([
      'invalid_type marketingClaims.0',
      'invalid_type marketingClaims.1.amount',
      'invalid_type marketingClaims.2.id',
      'invalid_value marketingClaims.2.model',
      'invalid_instant marketingClaims.2.touchAt',
      'unrecognized_keys marketingClaims.3',
    ]);
    expect(r.issues.every((i) => i.message.length > 0 && !i.message.includes('typo column'))).toBe(true);
  });

  it('throws every issue at once in strict mode', () => {
    expect(() =>
      parseMarketingClaims(
        [
          { ...good, amount: -1 },
          { ...good, amount: 0.5 },
        ],
        { mode: 'strict' },
      ),
    ).toThrow(AccordError);
    expect(parseMarketingClaims([good], { mode: 'strict' }).claims).toHaveLength(1);
  });
});
