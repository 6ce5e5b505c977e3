import { type Account, defaultAgreement, generateSample, type Lead } from '@accord/core';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { formatCanonicalCsv } from './formatCanonicalCsv';

const csv = (chunks: Iterable<string>) => [...chunks].join('');

describe('formatCanonicalCsv', () => {
  it('writes canonical lead columns and reads back to the same values', () => {
    const { leads } = generateSample({ leads: 300, seed: 2 });
    const stageIds = defaultAgreement.stages.map((s) => s.id);
    const text = csv(
      formatCanonicalCsv('leads', leads, { stageIds, attributeNames: ['employees', 'demoRequested'], chunkSize: 64 }),
    );
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(300);
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'id',
      'createdAt',
      'source',
      'campaignId',
      'segment',
      'region',
      'country',
      'ownerId',
      'teamId',
      'accountId',
      'email',
      'domain',
      'company',
      'firstTouchAt',
      'touches',
      'amount',
      'currency',
      'disposition.reasonId',
      'disposition.at',
      'disposition.by',
      'disposition.detail',
      ...stageIds.map((id) => `stage.${id}`),
      'attr.employees',
      'attr.demoRequested',
    ]);
    leads.forEach((lead, i) => {
      const row = rows[i] as Record<string, string>;
      expect(row.id).toBe(lead.id);
      expect(row['stage.mql']).toBe(lead.stageDates?.mql ?? '');
      expect(row['attr.employees']).toBe(String(lead.attributes?.employees));
      expect(row['disposition.reasonId']).toBe(lead.disposition?.reasonId ?? '');
    });
  });

  it('quotes commas, quotes and newlines so hostile text survives a round trip', () => {
    const lead: Lead = { id: 'L1', createdAt: 0, company: 'Acme, "Best"\nInc', email: "=cmd|' /C calc'!A0" };
    const [row] = parse(csv(formatCanonicalCsv('leads', [lead])), { columns: true }) as Record<string, string>[];
    expect(row?.company).toBe('Acme, "Best"\nInc');
    expect(row?.email).toBe(lead.email);
  });

  it('discovers stage and attribute columns when none are given', () => {
    const header = csv(
      formatCanonicalCsv('leads', [{ id: 'a', createdAt: 0, stageDates: { mql: 1 }, attributes: { tier: 'A' } }]),
    ).split('\n')[0];
    expect(header?.endsWith('stage.mql,attr.tier')).toBe(true);
  });

  it('writes booleans as true and false, never as 1 and an empty cell', () => {
    const text = csv(
      formatCanonicalCsv('opportunities', [
        { id: 'O1', createdAt: 5, stage: 'closed_lost', amount: 0, currency: 'EUR', won: false },
        { id: 'O2', createdAt: 5, stage: 'closed_won', amount: 1, currency: 'EUR', won: true },
      ]),
    );
    expect((parse(text, { columns: true }) as Record<string, string>[]).map((r) => r.won)).toEqual(['false', 'true']);
    const lead: Lead = { id: 'L1', createdAt: 0, attributes: { demoRequested: false } };
    const [row] = parse(csv(formatCanonicalCsv('leads', [lead])), { columns: true }) as Record<string, string>[];
    expect(row?.['attr.demoRequested']).toBe('false');
  });

  it('writes the other record kinds with their fixed columns', () => {
    const text = csv(
      formatCanonicalCsv('opportunities', [
        { id: 'O1', leadIds: ['L1', 'L2'], createdAt: 5, stage: 'opportunity', amount: 100, currency: 'EUR' },
      ]),
    );
    expect(text).toBe(
      'id,accountId,leadIds,createdAt,stage,amount,currency,closedAt,won,source,campaignId,segment,loss.reasonId,loss.detail,loss.at,loss.by,themes\n' +
        'O1,,L1;L2,5,opportunity,100,EUR,,,,,,,,,,\n',
    );
  });

  it("writes a lost deal's loss, its themes, campaign and segment", () => {
    const text = csv(
      formatCanonicalCsv('opportunities', [
        {
          id: 'O1',
          createdAt: 5,
          stage: 'closed_lost',
          amount: 100,
          currency: 'EUR',
          closedAt: 9,
          won: false,
          campaignId: 'ev_summit',
          segment: 'smb',
          loss: { reasonId: 'competitor', detail: 'Pipewise, Inc', at: 9, by: 'rep_ava' },
          themes: ['integration', 'pricing_model'],
        },
      ]),
    );
    const [row] = parse(text, { columns: true }) as Record<string, string>[];
    expect(row).toMatchObject({
      campaignId: 'ev_summit',
      segment: 'smb',
      'loss.reasonId': 'competitor',
      'loss.detail': 'Pipewise, Inc',
      'loss.at': '9',
      'loss.by': 'rep_ava',
      themes: 'integration;pricing_model',
    });
  });

  it('writes account attributes as attr.<name> columns, discovered or given', () => {
    const accounts: Account[] = [
      { id: 'A1', name: 'Acme', attributes: { industry: 'software', employees: 120 } },
      { id: 'A2', attributes: { tech: 'salesforce;slack', industry: 'retail' } },
    ];
    const rows = (text: string) => parse(text, { columns: true }) as Record<string, string>[];
    const discovered = rows(csv(formatCanonicalCsv('accounts', accounts)));
    expect(Object.keys(discovered[0] ?? {})).toEqual([
      'id',
      'name',
      'domain',
      'ownerId',
      'segment',
      'region',
      'attr.industry',
      'attr.employees',
      'attr.tech',
    ]);
    expect(discovered.map((r) => r['attr.tech'])).toEqual(['', 'salesforce;slack']);
    const given = rows(csv(formatCanonicalCsv('accounts', accounts, { attributeNames: ['employees'] })));
    expect(Object.keys(given[0] ?? {}).slice(6)).toEqual(['attr.employees']);
    expect(given.map((r) => r['attr.employees'])).toEqual(['120', '']);
  });
});
