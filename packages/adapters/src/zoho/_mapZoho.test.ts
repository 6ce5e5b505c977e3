import { validateRecords } from '@accord/core';
import { describe, expect, it } from 'vitest';
import {
  decimalToMinor,
  formatZohoDateTime,
  mapZohoDeal,
  mapZohoLead,
  parseZohoDateTime,
  type ZohoMapContext,
  zohoDateStart,
} from './_mapZoho';
import { DEFAULT_ZOHO_DISPOSITION_FIELDS } from './createZohoAdapter';
import { defaultZohoMapping } from './defaultZohoMapping';

const ctx: ZohoMapContext = {
  mapping: defaultZohoMapping,
  timezone: 'America/New_York',
  currency: 'USD',
  currencyDigits: 2,
  dispositionFields: DEFAULT_ZOHO_DISPOSITION_FIELDS,
  dealLeadField: 'Accord_Lead',
};

describe('Zoho values', () => {
  it('reads date-times with their offsets, to the instant', () => {
    expect(new Date(parseZohoDateTime('2026-03-02T09:30:00+05:30')).toISOString()).toBe('2026-03-02T04:00:00.000Z');
    expect(new Date(parseZohoDateTime('2026-03-01T22:15:07-08:00')).toISOString()).toBe('2026-03-02T06:15:07.000Z');
    expect(new Date(parseZohoDateTime('2026-03-02T04:00:00Z')).toISOString()).toBe('2026-03-02T04:00:00.000Z');
    for (const bad of ['2026-02-30T09:30:00+05:30', '2026-03-02 09:30:00', '2026-03-02T09:30:00', 1_700_000_000, null])
      expect(parseZohoDateTime(bad), String(bad)).toBeNaN();
    expect(formatZohoDateTime(Date.parse('2026-07-01T12:00:00.999Z'))).toBe('2026-07-01T12:00:00+00:00');
  });

  it('reads a Zoho date as midnight in the agreement zone', () => {
    expect(new Date(zohoDateStart('2026-03-31', 'America/New_York')).toISOString()).toBe('2026-03-31T04:00:00.000Z');
    expect(new Date(zohoDateStart('2026-01-15', 'America/New_York')).toISOString()).toBe('2026-01-15T05:00:00.000Z');
    expect(new Date(zohoDateStart('2026-03-31', 'Asia/Kolkata')).toISOString()).toBe('2026-03-30T18:30:00.000Z');
    expect(zohoDateStart('2026-02-29', 'UTC')).toBeNaN();
  });

  it('turns decimal amounts into minor units without float error', () => {
    expect(decimalToMinor(0.29, 2)).toBe(29); // 0.29 * 100 = 28.999999999999996
    expect(decimalToMinor(1234.56, 2)).toBe(123456);
    expect(decimalToMinor(4.35, 2)).toBe(435); // 4.35 * 100 = 434.99999999999994
    expect(decimalToMinor('19.90', 2)).toBe(1990);
    expect(decimalToMinor(15339, 2)).toBe(1533900);
    expect(decimalToMinor(1500, 0)).toBe(1500);
    expect(decimalToMinor(1.005, 2)).toBeNull();
    expect(decimalToMinor(-5, 2)).toBeNull();
    expect(decimalToMinor('1e3', 2)).toBeNull();
    expect(decimalToMinor(Number.NaN, 2)).toBeNull();
    expect(decimalToMinor(null, 2)).toBeNull();
  });
});

describe('mapZohoLead', () => {
  const row = {
    id: '4150868000000224005',
    Lead_Status: 'Contacted',
    Lead_Source: 'webinar',
    Owner: { name: 'Ava Rep', id: '4150868000000190001', email: 'ava@example.com' },
    Company: 'Quietmark',
    Email: 'd@quietmark.io',
    Country: 'GB',
    Industry: 'media',
    No_of_Employees: 311,
    Created_Time: '2026-03-02T09:30:00+05:30',
    Modified_Time: '2026-03-05T10:00:00+00:00',
    Accord_MQL_Date: '2026-03-03T08:00:00-05:00',
    Accord_Inquiry_Date: null,
    Accord_Reject_Reason: null,
  };

  it('maps fields, offsets and stage dates exactly', () => {
    const { record, issues } = mapZohoLead(row, ctx);
    expect(issues).toBeUndefined();
    expect(record).toEqual({
      id: '4150868000000224005',
      createdAt: '2026-03-02T04:00:00.000Z',
      source: 'webinar',
      ownerId: '4150868000000190001',
      email: 'd@quietmark.io',
      company: 'Quietmark',
      country: 'GB',
      attributes: { industry: 'media', employees: 311 },
      // mql from its field; sal (the current Lead_Status, undated) at Modified_Time.
      stageDates: { mql: '2026-03-03T13:00:00.000Z', sal: '2026-03-05T10:00:00.000Z' },
    });
    expect(validateRecords('leads', [record]).issues).toEqual([]);
  });

  it('reads a disposition from its custom fields', () => {
    const { record } = mapZohoLead(
      {
        ...row,
        Lead_Status: 'Not Qualified',
        Accord_Reject_Reason: 'no_budget',
        Accord_Disposition_At: '2026-03-06T17:30:00+05:30',
        Accord_Disposition_By: 'rep_ava',
      },
      ctx,
    );
    expect(record?.disposition).toEqual({ reasonId: 'no_budget', at: '2026-03-06T12:00:00.000Z', by: 'rep_ava' });
    expect(record?.stageDates?.disqualified).toBe('2026-03-05T10:00:00.000Z');
  });

  it('names the record and field of every problem', () => {
    const { issues } = mapZohoLead(
      { ...row, Lead_Status: 'Bogus', Created_Time: '2026-02-30T09:30:00+05:30', No_of_Employees: '311' },
      ctx,
    );
    expect(issues?.map((i) => i.path)).toEqual([
      ['Leads', '4150868000000224005', 'Created_Time'],
      ['Leads', '4150868000000224005', 'Lead_Status'],
      ['Leads', '4150868000000224005', 'No_of_Employees'],
    ]);
  });
});

describe('mapZohoDeal', () => {
  const row = {
    id: '4150868000000300001',
    Stage: 'Closed Won',
    Amount: 1234.56,
    Closing_Date: '2026-03-31',
    Account_Name: { name: 'Quietmark', id: '4150868000000100001' },
    Contact_Name: { name: 'David', id: '4150868000000110001' },
    Lead_Source: 'events',
    Created_Time: '2026-02-01T09:30:00+05:30',
    Modified_Time: '2026-04-01T00:00:00+00:00',
    Accord_Lead: { name: 'L', id: '4150868000000224005' },
  };

  it('maps a won deal: exact amount, Closing_Date at midnight in the zone, links', () => {
    const { record, issues } = mapZohoDeal(row, ctx);
    expect(issues).toBeUndefined();
    expect(record).toEqual({
      id: '4150868000000300001',
      accountId: '4150868000000100001',
      leadIds: ['4150868000000224005'],
      createdAt: '2026-02-01T04:00:00.000Z',
      stage: 'closed_won',
      amount: 123456,
      currency: 'USD',
      closedAt: '2026-03-31T04:00:00.000Z',
      won: true,
      source: 'events',
    });
    expect(validateRecords('opportunities', [record]).issues).toEqual([]);
  });

  it('leaves an open deal without closedAt, and a lost one not won', () => {
    expect(mapZohoDeal({ ...row, Stage: 'Negotiation/Review' }, ctx).record).not.toHaveProperty('closedAt');
    expect(mapZohoDeal({ ...row, Stage: 'Closed-Lost to Competition' }, ctx).record).toMatchObject({
      stage: 'closed_lost',
      won: false,
    });
    expect(mapZohoDeal({ ...row, Accord_Lead: null }, { ...ctx, dealLeadField: null }).record).not.toHaveProperty(
      'leadIds',
    );
  });

  it('refuses an unmapped stage, an amount with too many decimals and a bad closing date', () => {
    const { issues } = mapZohoDeal({ ...row, Stage: 'Mystery', Amount: 10.005 }, ctx);
    expect(issues?.map((i) => i.path?.[2])).toEqual(['Amount', 'Stage']);
    const bad = mapZohoDeal({ ...row, Closing_Date: '31/03/2026', Amount: null }, ctx);
    expect(bad.issues?.map((i) => i.path?.[2])).toEqual(['Amount', 'Closing_Date']);
  });
});
