import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  contactToLead,
  dealStageStates,
  dealToOpportunity,
  parseHubSpotAmount,
  parseHubSpotInstant,
  resolveMapping,
} from './_hubspotRecords';
import type { HubSpotObject, HubSpotPipeline } from './hubspot.types';
import { defaultDealPipeline } from './testing/createFakeHubSpotServer';

const fixture = <T>(name: string): T =>
  JSON.parse(
    readFileSync(fileURLToPath(new URL(`../../../../../shared/fixtures/crm/hubspot/${name}`, import.meta.url)), 'utf8'),
  ) as T;
const mapping = resolveMapping();

describe('contactToLead', () => {
  it('reads the official contact example as a lead when it carries only standard fields', () => {
    const contact = fixture<HubSpotObject>('contact.simple-public-object.example.json');
    expect(contactToLead(contact, mapping)).toEqual({
      lead: { id: '512', createdAt: '2019-10-30T03:30:17.883Z', email: 'bcooper@biglytics.net', company: 'Biglytics' },
      issues: [],
    });
  });

  it('maps lifecycle dates, lead-status dates, owner, source and typed attributes when they are set', () => {
    const contact: HubSpotObject = {
      id: '601',
      properties: {
        createdate: '2026-03-01T09:00:00Z',
        lifecyclestage: 'salesqualifiedlead',
        hs_lead_status: 'OPEN',
        hs_lifecyclestage_subscriber_date: '2026-03-01T09:00:00Z',
        hs_lifecyclestage_lead_date: '2026-03-02T09:00:00Z',
        hs_lifecyclestage_marketingqualifiedlead_date: '1772614800000',
        accord_sal_date: '2026-03-05T10:00:00.000Z',
        hubspot_owner_id: '910901',
        hs_analytics_source: 'ORGANIC_SEARCH',
        numberofemployees: '250',
        accord_demo_requested: 'true',
        num_contacted_notes: '3',
      },
    };
    expect(contactToLead(contact, mapping).lead).toEqual({
      id: '601',
      createdAt: '2026-03-01T09:00:00.000Z',
      ownerId: '910901',
      source: 'ORGANIC_SEARCH',
      touches: 3,
      attributes: { employees: 250, demoRequested: true },
      stageDates: {
        inquiry: '2026-03-01T09:00:00.000Z',
        mql: '2026-03-04T09:00:00.000Z',
        sal: '2026-03-05T10:00:00.000Z',
      },
    });
  });

  it('returns issues naming the contact and property when values are malformed', () => {
    const { lead, issues } = contactToLead(
      { id: '7', properties: { createdate: 'yesterday', numberofemployees: 'many', accord_demo_requested: 'yes' } },
      mapping,
    );
    expect(lead).toBeUndefined();
    expect(issues.map((i) => i.path)).toEqual([
      ['contacts', '7', 'properties', 'createdate'],
      ['contacts', '7', 'properties', 'numberofemployees'],
      ['contacts', '7', 'properties', 'accord_demo_requested'],
    ]);
  });
});

describe('parseHubSpotAmount', () => {
  it('moves digits without float rounding when the decimal fits the currency', () => {
    expect(
      parseHubSpotAmount(
        fixture<{ properties: { amount: string } }>('deal.create-request.docs.json').properties.amount,
        2,
      ),
    ).toBe(150000);
    expect(parseHubSpotAmount('0.29', 2)).toBe(29);
    expect(parseHubSpotAmount('1.005', 3)).toBe(1005);
    expect(parseHubSpotAmount('19.90', 0)).toBeUndefined();
    expect(parseHubSpotAmount('1500', 0)).toBe(1500);
    expect(parseHubSpotAmount('-12.5', 2)).toBe(-1250);
    expect(parseHubSpotAmount('90071992547409.93', 2)).toBeUndefined();
    expect(parseHubSpotAmount('1e3', 2)).toBeUndefined();
    expect(parseHubSpotAmount('12.345', 2)).toBeUndefined();
    expect(parseHubSpotAmount('12.3400', 2)).toBe(1234);
  });
});

describe('parseHubSpotInstant', () => {
  it('reads ISO instants and epoch-millisecond text (the generic object example) when given either', () => {
    const generic = fixture<HubSpotObject>('object.simple-public-object.generic.example.json');
    expect(parseHubSpotInstant(generic.properties.property_date as string)).toBe('2019-10-31T00:00:00.000Z');
    expect(parseHubSpotInstant('2019-12-07T16:50:06.678Z')).toBe('2019-12-07T16:50:06.678Z');
    expect(parseHubSpotInstant('2019-12-07')).toBeUndefined();
  });
});

describe('dealToOpportunity', () => {
  const states = dealStageStates([defaultDealPipeline]);
  const base = { mapping, states, contactIds: ['512'], companyIds: ['77', '78'], missingAmount: 'error' as const };

  it('reads the documented create request as an open opportunity when its stage is open', () => {
    const request = fixture<{ properties: Record<string, string> }>('deal.create-request.docs.json');
    const deal: HubSpotObject = {
      id: '9001',
      createdAt: '2019-10-30T03:30:17.883Z',
      properties: { ...request.properties, deal_currency_code: 'USD' },
    };
    expect(dealToOpportunity(deal, base).opportunity).toEqual({
      id: '9001',
      createdAt: '2019-10-30T03:30:17.883Z',
      stage: 'opportunity',
      amount: 150000,
      currency: 'USD',
      leadIds: ['512'],
      accountId: '77',
    });
  });

  it('sets won, closedAt and the won stage when the pipeline marks the stage closed with probability 1', () => {
    const pipelines: HubSpotPipeline[] = [
      { id: 'p', stages: [{ id: '1234', metadata: { isClosed: 'true', probability: '1.0' } }] },
    ];
    const deal: HubSpotObject = {
      id: '9002',
      properties: {
        createdate: '2026-01-01T00:00:00Z',
        dealstage: '1234',
        amount: '99',
        deal_currency_code: 'JPY',
        closedate: '2026-02-01T00:00:00Z',
      },
    };
    expect(
      dealToOpportunity(deal, { ...base, states: dealStageStates(pipelines), contactIds: [], companyIds: [] })
        .opportunity,
    ).toEqual({
      id: '9002',
      createdAt: '2026-01-01T00:00:00.000Z',
      stage: 'closed_won',
      amount: 99,
      currency: 'JPY',
      closedAt: '2026-02-01T00:00:00.000Z',
      won: true,
    });
  });

  it('reports a missing amount and an unknown stage when the deal lacks them', () => {
    const { issues } = dealToOpportunity(
      { id: '5', properties: { createdate: '2026-01-01T00:00:00Z', dealstage: 'nope' } },
      { ...base, defaultCurrency: 'EUR' },
    );
    expect(issues.map((i) => i.path.at(-1))).toEqual(['dealstage', 'amount']);
  });
});

describe('dealStageStates', () => {
  it('treats the official ticket pipeline example as open stages when it has no deal metadata', () => {
    const pipeline = fixture<HubSpotPipeline>('pipeline.example.json');
    expect([...dealStageStates([pipeline]).values()]).toEqual(['open', 'open']);
  });
});
