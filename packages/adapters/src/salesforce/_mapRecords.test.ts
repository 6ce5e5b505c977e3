import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateRecords } from '@accord/core';
import { describe, expect, it } from 'vitest';
import { type MapContext, mapLead, mapOpportunity, mapTouchpoint, parseSfDateTime, toMinorUnits } from './_mapRecords';
import { defaultSalesforceMapping } from './defaultSalesforceMapping';

const FIXTURES = join(__dirname, '../../../../../shared/fixtures/crm/salesforce');
const fixture = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));

const ctx: MapContext = {
  mapping: defaultSalesforceMapping,
  timezone: 'America/New_York',
  currency: 'USD',
  currencyDigits: 2,
  dispositionFields: {
    reason: 'Accord_Reject_Reason__c',
    at: 'Accord_Disposition_At__c',
    by: 'Accord_Disposition_By__c',
  },
  touchpointTime: 'created',
};

describe('mapOpportunity', () => {
  // The official sObject Tree example: StageName "Qualification", CloseDate "2024-02-29" (a leap day).
  const official = fixture('opportunity.sobject-tree.json').records[0];
  const row = {
    ...official,
    Id: '006000000000001AAA',
    Amount: 1234.56,
    CreatedDate: '2024-01-10T15:04:05.000+0000',
    IsWon: false,
    IsClosed: false,
  };

  it('maps the official example to an open opportunity when IsClosed is false', () => {
    const { record } = mapOpportunity(row, ['00Q1'], ctx);
    expect(record).toEqual({
      id: '006000000000001AAA',
      accountId: '@AccountRef1',
      leadIds: ['00Q1'],
      createdAt: '2024-01-10T15:04:05.000Z',
      stage: 'opportunity',
      amount: 123456,
      currency: 'USD',
    });
    expect(validateRecords('opportunities', [record]).issues).toEqual([]);
  });

  it('reads CloseDate as midnight in the agreement time zone when the opportunity is closed', () => {
    const { record } = mapOpportunity({ ...row, StageName: 'Closed Won', IsClosed: true, IsWon: true }, [], ctx);
    expect(record).toMatchObject({ stage: 'closed_won', won: true, closedAt: '2024-02-29T05:00:00.000Z' });
  });

  it('falls back on IsWon/IsClosed when the StageName is not mapped', () => {
    expect(mapOpportunity({ ...row, StageName: 'Custom Lost', IsClosed: true }, [], ctx).record?.stage).toBe(
      'closed_lost',
    );
  });

  it('returns an issue naming the record and field when Amount has more decimals than the currency', () => {
    const { issues } = mapOpportunity({ ...row, Amount: 10.005 }, [], ctx);
    expect(issues?.[0]?.path).toEqual(['Opportunity', '006000000000001AAA', 'Amount']);
  });
});

describe('toMinorUnits', () => {
  it('returns exact minor units when binary floating point would not', () => {
    expect(toMinorUnits(0.29, 2)).toBe(29);
    expect(toMinorUnits(1234.56, 2)).toBe(123456);
    expect(toMinorUnits(15000, 2)).toBe(1500000);
    expect(toMinorUnits(5, 0)).toBe(5);
    expect(toMinorUnits(1.5, 0)).toBeNull();
    expect(toMinorUnits(-1, 2)).toBeNull();
  });
});

describe('mapLead', () => {
  const lead = {
    Id: '00Q5e000001AbCdEAF',
    Status: 'Closed - Not Converted',
    LeadSource: 'Web',
    OwnerId: '0055e000000XyZ1AAK',
    IsConverted: false,
    ConvertedDate: null,
    ConvertedOpportunityId: null,
    CreatedDate: '2026-03-02T14:00:00.000+0000',
    Email: 'ana@example.com',
    Company: 'Example Ltd',
    Country: 'US',
    LastModifiedDate: '2026-03-05T10:00:00.000+0000',
    Accord_Reject_Reason__c: 'no_icp_fit',
    Accord_Disposition_At__c: '2026-03-05T10:00:00.000+0000',
    Accord_Disposition_By__c: 'rep_ava',
    ConvertedOpportunity: null,
  };
  const history = [
    { OldValue: 'Open - Not Contacted', NewValue: 'Working - Contacted', CreatedDate: '2026-03-03T09:00:00.000+0000' },
    {
      OldValue: 'Working - Contacted',
      NewValue: 'Closed - Not Converted',
      CreatedDate: '2026-03-05T10:00:00.000+0000',
    },
  ];

  it('builds stage dates from the initial status and each Status change', () => {
    const { record } = mapLead(lead, history, ctx);
    expect(record).toEqual({
      id: '00Q5e000001AbCdEAF',
      createdAt: '2026-03-02T14:00:00.000Z',
      source: 'Web',
      ownerId: '0055e000000XyZ1AAK',
      email: 'ana@example.com',
      company: 'Example Ltd',
      country: 'US',
      stageDates: {
        mql: '2026-03-02T14:00:00.000Z',
        sal: '2026-03-03T09:00:00.000Z',
        disqualified: '2026-03-05T10:00:00.000Z',
      },
      disposition: { reasonId: 'no_icp_fit', at: '2026-03-05T10:00:00.000Z', by: 'rep_ava' },
    });
    expect(validateRecords('leads', [record]).issues).toEqual([]);
  });

  it('adds the converted opportunity stages', () => {
    const converted = {
      ...lead,
      Status: 'Closed - Converted',
      IsConverted: true,
      ConvertedDate: '2026-03-04',
      Accord_Reject_Reason__c: null,
      ConvertedOpportunity: {
        CreatedDate: '2026-03-04T16:00:00.000+0000',
        IsClosed: true,
        IsWon: true,
        CloseDate: '2026-04-01',
      },
    };
    const { record } = mapLead(converted, [], ctx);
    expect(record?.stageDates).toEqual({
      sql: '2026-03-02T14:00:00.000Z',
      opportunity: '2026-03-04T16:00:00.000Z',
      closed_won: '2026-04-01T04:00:00.000Z',
    });
  });

  it('returns an issue naming the record and field for an unmapped Status', () => {
    const { issues } = mapLead({ ...lead, Status: 'Marketing Qualified' }, [], ctx);
    expect(issues?.[0]).toMatchObject({ code: 'invalid_value', path: ['Lead', '00Q5e000001AbCdEAF', 'Status'] });
  });
});

describe('mapTouchpoint', () => {
  it('maps a CampaignMember with its Campaign Type to a channel', () => {
    const { record } = mapTouchpoint(
      {
        Id: '00v5e00000A1b2CAAR',
        CampaignId: '7015e000000AbCdAAK',
        LeadId: '00Q5e000001AbCdEAF',
        CreatedDate: '2026-02-20T18:30:00.000+0000',
        FirstRespondedDate: '2026-02-21',
        Campaign: { attributes: { type: 'Campaign' }, Type: 'Webinar', Name: 'Q1 webinar' },
      },
      ctx,
    );
    expect(record).toEqual({
      id: '00v5e00000A1b2CAAR',
      leadId: '00Q5e000001AbCdEAF',
      channel: 'webinar',
      campaignId: '7015e000000AbCdAAK',
      at: '2026-02-20T18:30:00.000Z',
    });
  });
});

describe('parseSfDateTime', () => {
  it('reads Salesforce datetimes with +0000 offsets and refuses junk', () => {
    expect(parseSfDateTime('2026-06-19T06:38:10.000+0000')).toBe(Date.parse('2026-06-19T06:38:10.000Z'));
    expect(parseSfDateTime('2026-06-19T06:38:10.000-0500')).toBe(Date.parse('2026-06-19T11:38:10.000Z'));
    expect(Number.isNaN(parseSfDateTime('2026-06-19'))).toBe(true);
  });
});

describe('the official SOQL query response', () => {
  it('has the envelope the adapter pages on: done, totalSize, records with attributes', () => {
    const body = fixture('soql-query-response.docs.json');
    expect(body.done).toBe(true);
    expect(body.nextRecordsUrl).toBeUndefined();
    expect(body.records[0].attributes.url).toMatch(/^\/services\/data\/v\d+\.0\/sobjects\/Account\//);
  });

  it('gives issues, not a silent record, when its rows are mapped as leads (they lack the Lead fields)', () => {
    const body = fixture('soql-query-response.docs.json');
    const { issues } = mapLead({ Id: '001D000000IRFmaIAH', ...body.records[0] }, [], ctx);
    expect(issues?.map((i) => i.path.at(-1))).toEqual(expect.arrayContaining(['CreatedDate', 'Status']));
  });
});
