import { AccordError } from '@accord/core';
import { describe, expect, it } from 'vitest';
import { parseMarketingClaimsCsv } from './parseMarketingClaimsCsv';

const HEADER = 'id,opportunityId,kind,amount,currency,accountId,leadId,model,touchAt,stage,channel,campaignId';

describe('parseMarketingClaimsCsv', () => {
  it('reads every claim field, empty cells as missing, touchAt without an offset in the time zone', () => {
    const csv = `${HEADER}\r\nc1,O1,sourced,120000,USD,A1,L1,,,,,\r\nc2,O1,influenced,5000,EUR,,,linear,2026-03-02 09:30,sql,webinar,W1\r\n`;
    const r = parseMarketingClaimsCsv(csv, { timezone: 'America/New_York' });
    expect(r.issues).toEqual([]);
    expect(r.unreadable).toBe(false);
    expect(r.claims).toEqual([
      {
        id: 'c1',
        opportunityId: 'O1',
        kind: 'sourced',
        amount: 120000,
        currency: 'USD',
        accountId: 'A1',
        leadId: 'L1',
      },
      {
        id: 'c2',
        opportunityId: 'O1',
        kind: 'influenced',
        amount: 5000,
        currency: 'EUR',
        model: 'linear',
        touchAt: '2026-03-02T14:30:00.000Z',
        stage: 'sql',
        channel: 'webinar',
        campaignId: 'W1',
      },
    ]);
    expect(r.positions).toEqual([0, 1]);
  });

  it('refuses bad rows by data row and names the field; a fractional amount is never rounded', () => {
    const csv = [
      'id,opportunityId,kind,amount,currency,note',
      'c1,O1,sourced,12.50,USD,x',
      'c2,O1,sourced,-3,USD,x',
      'c3,O1,sourced',
      'c4,O2,influenced,700,USD,x',
    ].join('\n');
    const r = parseMarketingClaimsCsv(csv);
    expect(r.claims.map((c) => c.id)).toEqual(['c4']);
    expect(r.positions).toEqual([3]);
    expect(r.refused).toEqual([
      { index: 0, claimId: 'c1', opportunityId: 'O1', fields: ['amount'] },
      { index: 1, claimId: 'c2', opportunityId: 'O1', fields: ['amount'] },
      { index: 2, claimId: null, opportunityId: null, fields: [] },
    ]);
    expect(r.issues.map((i) => `${i.code} ${i.path.join('.')}`)).toEqual([
      'unknown_column marketingClaims.columns.5',
      'invalid_csv marketingClaims.2',
      'not_integer marketingClaims.0.amount',
      'too_small marketingClaims.1.amount',
    ]);
  });

  it('cannot read a file without a required column, with a column twice, or not in UTF-8', () => {
    expect(parseMarketingClaimsCsv('id,opportunityId,kind,amount\nc1,O1,sourced,1\n')).toMatchObject({
      unreadable: true,
      claims: [],
      issues: [{ code: 'missing_column', column: 'currency' }],
    });
    expect(parseMarketingClaimsCsv('id,opportunityId,kind,amount,currency,id\n').unreadable).toBe(true);
    expect(parseMarketingClaimsCsv(new Uint8Array([0x69, 0x64, 0xff, 0x0a])).issues[0]?.code).toBe('invalid_encoding');
    expect(parseMarketingClaimsCsv('').issues[0]?.code).toBe('invalid_csv');
  });

  it('throws in strict mode', () => {
    expect(() =>
      parseMarketingClaimsCsv('id,opportunityId,kind,amount,currency\nc1,O1,sourced,-1,USD\n', { mode: 'strict' }),
    ).toThrow(AccordError);
  });
});
