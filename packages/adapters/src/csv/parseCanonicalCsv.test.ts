import { readFileSync } from 'node:fs';
import { AccordError, type AccordIssue, generateSample, type RecordKind } from '@accord/core';
import { sharedPath } from '@accord-internal/fixtures';
import { describe, expect, it } from 'vitest';
import { formatCanonicalCsv } from './formatCanonicalCsv';
import { parseCanonicalCsv } from './parseCanonicalCsv';

const lines = (...rows: string[]): string => `${rows.join('\n')}\n`;
const codes = (issues: readonly AccordIssue[]) => issues.map((issue) => issue.code);
const KINDS: RecordKind[] = ['leads', 'accounts', 'stageEvents', 'activities', 'touchpoints', 'opportunities', 'spend'];

describe('parseCanonicalCsv', () => {
  describe('round trip', () => {
    const sample = generateSample({ leads: 2000, seed: 5 });

    it.each(KINDS)('reads back exactly what formatCanonicalCsv wrote for %s', (kind) => {
      const text = [...formatCanonicalCsv(kind, sample[kind])].join('');
      const result = parseCanonicalCsv(kind, text, { mode: 'strict' });
      expect(result.issues).toEqual([]);
      expect(result.skipped).toEqual([]);
      expect(result.records).toHaveLength(sample[kind].length);
      expect(result.records).toStrictEqual(sample[kind]);
    });

    it('restores attribute types and stage dates from UTF-8 bytes', () => {
      const bytes = new TextEncoder().encode([...formatCanonicalCsv('leads', sample.leads)].join(''));
      const { records, columns } = parseCanonicalCsv('leads', bytes);
      expect(records).toStrictEqual(sample.leads);
      expect(columns).toContain('attr.employees');
      expect(columns).toContain('stage.mql');
      expect(typeof records[0]?.attributes?.employees).toBe('number');
      expect(typeof records[0]?.attributes?.demoRequested).toBe('boolean');
    });
  });

  it('refuses the raw Olist MQL file: its header is not canonical', () => {
    const bytes = readFileSync(sharedPath('data/olist-funnel/olist_marketing_qualified_leads_dataset.csv'));
    const { records, issues, columns } = parseCanonicalCsv('leads', bytes);
    expect(records).toEqual([]);
    expect(columns).toEqual([]);
    expect(issues.filter((i) => i.code === 'unknown_column')).toMatchObject([
      { column: 'mql_id', path: ['leads', 'columns', 0] },
      { column: 'first_contact_date', path: ['leads', 'columns', 1] },
      { column: 'landing_page_id', path: ['leads', 'columns', 2] },
      { column: 'origin', path: ['leads', 'columns', 3] },
    ]);
    expect(issues.filter((i) => i.code === 'missing_column')).toMatchObject([
      { column: 'id', path: ['leads', 'columns'] },
      { column: 'createdAt', path: ['leads', 'columns'] },
    ]);
    expect(issues[0]?.message).toMatch(/Unknown column "mql_id": it is ignored/);
  });

  it('strips a UTF-8 byte-order mark from bytes and from text', () => {
    const text = '\uFEFFid,createdAt\nL1,2026-03-02T09:30:00Z\n';
    for (const input of [text, new TextEncoder().encode(text)]) {
      const { records, issues } = parseCanonicalCsv('leads', input);
      expect(issues).toEqual([]);
      expect(records).toEqual([{ id: 'L1', createdAt: '2026-03-02T09:30:00Z' }]);
    }
  });

  it('reads CRLF line endings', () => {
    const { records, issues } = parseCanonicalCsv(
      'leads',
      'id,createdAt,company\r\nL1,2026-03-02T09:30:00Z,Acme\r\nL2,2026-03-03T09:30:00Z,Globex\r\n',
    );
    expect(issues).toEqual([]);
    expect(records.map((r) => r.company)).toEqual(['Acme', 'Globex']);
  });

  it('keeps quoted commas, newlines and doubled quotes', () => {
    const text = lines('id,createdAt,company', 'L1,2026-03-02T09:30:00Z,"Acme, ""Best""\r\nInc"');
    const { records, issues } = parseCanonicalCsv('leads', text);
    expect(issues).toEqual([]);
    expect(records[0]?.company).toBe('Acme, "Best"\r\nInc');
  });

  it('reports and ignores a hostile header name without touching any prototype', () => {
    const formula = "=cmd|' /C calc'!A0";
    const text = lines(`id,createdAt,"${formula}",attr.__proto__,"stage.constructor"`, 'L1,2026-03-02T09:30:00Z,x,1,y');
    const { records, issues, columns } = parseCanonicalCsv('leads', text);
    expect(records).toEqual([{ id: 'L1', createdAt: '2026-03-02T09:30:00Z' }]);
    expect(columns).toEqual(['id', 'createdAt']);
    expect(issues).toMatchObject([
      { code: 'unknown_column', column: formula, path: ['leads', 'columns', 2] },
      { code: 'unsafe_path', segment: '__proto__', path: ['leads', 'columns', 3] },
      { code: 'unsafe_path', segment: 'constructor', path: ['leads', 'columns', 4] },
    ]);
    expect(Object.getPrototypeOf(records[0])).toBe(Object.prototype);
  });

  it('reports an unknown column once, ignores it and reads the rest', () => {
    const text = lines(
      'id,createdAt,colour,amount',
      'L1,2026-03-02T09:30:00Z,red,100',
      'L2,2026-03-02T10:00:00Z,blue,',
    );
    const { records, issues, columns } = parseCanonicalCsv('leads', text);
    expect(records).toEqual([
      { id: 'L1', createdAt: '2026-03-02T09:30:00Z', amount: 100 },
      { id: 'L2', createdAt: '2026-03-02T10:00:00Z' },
    ]);
    expect(columns).toEqual(['id', 'createdAt', 'amount']);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: 'unknown_column',
      column: 'colour',
      path: ['leads', 'columns', 2],
      expected: expect.arrayContaining(['id', 'createdAt', 'disposition.reasonId']),
    });
  });

  it('reports stage columns outside the given stage ids as unknown', () => {
    const text = lines(
      'id,createdAt,stage.mql,stage.sqll',
      'L1,2026-03-02T09:30:00Z,2026-03-03T09:30:00Z,2026-03-04T09:30:00Z',
    );
    const { records, issues } = parseCanonicalCsv('leads', text, { stageIds: ['mql', 'sql'] });
    expect(records[0]?.stageDates).toEqual({ mql: '2026-03-03T09:30:00Z' });
    expect(issues).toMatchObject([{ code: 'unknown_column', column: 'stage.sqll', path: ['leads', 'columns', 3] }]);
  });

  it('returns no records when a required column is missing', () => {
    const { records, issues } = parseCanonicalCsv('activities', lines('id,leadId,at', 'X1,L1,2026-03-02T09:30:00Z'));
    expect(records).toEqual([]);
    expect(issues).toMatchObject([{ code: 'missing_column', column: 'type', path: ['activities', 'columns'] }]);
    expect(issues[0]?.message).toBe('Required column "type" is missing from the header.');
  });

  it('returns no records when a column appears twice', () => {
    const { records, issues } = parseCanonicalCsv('leads', lines('id,createdAt,id', 'L1,2026-03-02T09:30:00Z,L2'));
    expect(records).toEqual([]);
    expect(issues).toMatchObject([{ code: 'invalid_csv', line: 1, column: 3, path: ['leads', 'columns', 2] }]);
  });

  it('reports a row with the wrong number of fields by line, skips it and keeps row numbering', () => {
    const text = lines(
      'id,createdAt,company',
      'L1,2026-03-02T09:30:00Z,Acme',
      'L2,2026-03-02T09:30:00Z,Acme, Inc',
      'L3,not a date,Globex',
    );
    const { records, issues, skipped } = parseCanonicalCsv('leads', text);
    expect(records.map((r) => r.id)).toEqual(['L1']);
    expect(skipped).toEqual([1, 2]);
    expect(issues).toMatchObject([
      { code: 'invalid_csv', line: 3, path: ['leads', 1] },
      { code: 'invalid_instant', received: 'not a date', path: ['leads', 2, 'createdAt'] },
    ]);
    expect(issues[0]?.message).toBe('Malformed CSV at line 3: expected 3 fields (one per header column), found 4.');
  });

  it('locates a duplicate id by data row when an earlier row was malformed', () => {
    const text = lines('id,createdAt', 'L1,2026-03-02T09:30:00Z', 'L2', 'L1,2026-03-03T09:30:00Z');
    const { records, issues, skipped } = parseCanonicalCsv('leads', text);
    expect(records.map((r) => r.id)).toEqual(['L1']);
    expect(skipped).toEqual([1, 2]);
    expect(issues).toMatchObject([
      { code: 'invalid_csv', line: 3, path: ['leads', 1] },
      { code: 'duplicate_id', path: ['leads', 2, 'id'], firstPath: ['leads', 0, 'id'] },
    ]);
  });

  it('counts lines by the file, not the parser, after a quoted CRLF', () => {
    const text = 'id,createdAt,company\r\nL1,2026-03-02T09:30:00Z,"two\r\nlines"\r\n\r\nL2,2026-03-02T09:30:00Z\r\n';
    const { issues } = parseCanonicalCsv('leads', text);
    expect(issues).toMatchObject([{ code: 'invalid_csv', line: 5, path: ['leads', 1] }]);
  });

  it('returns no records for a truncated file (unclosed quote), naming the line where the record starts', () => {
    const text = 'id,createdAt,company\nL1,2026-03-02T09:30:00Z,Acme\nL2,2026-03-02T09:30:00Z,"Glob';
    const { records, issues, skipped } = parseCanonicalCsv('leads', text);
    expect(records).toEqual([]);
    expect(skipped).toEqual([]);
    expect(issues).toMatchObject([{ code: 'invalid_csv', line: 3, column: 3, path: ['leads', 1] }]);
    expect(issues[0]?.message).toMatch(/^Malformed CSV at line 3, column 3: a quoted field is never closed/);
  });

  it('reports a byte that is not UTF-8 with its line and offset, and reads nothing', () => {
    const head = new TextEncoder().encode('id,createdAt,company\nL1,2026-03-02T09:30:00Z,Caf');
    const bytes = new Uint8Array([...head, 0xff, ...new TextEncoder().encode('\n')]);
    const { records, issues } = parseCanonicalCsv('leads', bytes);
    expect(records).toEqual([]);
    expect(issues).toMatchObject([{ code: 'invalid_encoding', line: 2, byteOffset: head.length, path: ['leads'] }]);
    expect(issues[0]?.message).toBe(`Not valid UTF-8 at line 2 (byte ${head.length}): save the file as UTF-8.`);
  });

  it('reads date-only values as local midnight in the time zone, across a DST change', () => {
    const text = lines('id,createdAt,firstTouchAt,stage.mql', 'L1,2026-03-08,2026-03-09,2026-03-09 09:30');
    const { records, issues } = parseCanonicalCsv('leads', text, { timezone: 'America/New_York' });
    expect(issues).toEqual([]);
    expect(records[0]).toEqual({
      id: 'L1',
      createdAt: '2026-03-08T05:00:00.000Z',
      firstTouchAt: '2026-03-09T04:00:00.000Z',
      stageDates: { mql: '2026-03-09T13:30:00.000Z' },
    });
  });

  it('keeps a local time that a DST change skips, and an impossible date, for validation to reject', () => {
    const text = lines('id,createdAt', 'L1,2026-03-08 02:30', 'L2,2026-02-30');
    const { records, issues } = parseCanonicalCsv('leads', text, { timezone: 'America/New_York' });
    expect(records).toEqual([]);
    expect(issues).toMatchObject([
      { code: 'invalid_instant', received: '2026-03-08 02:30', path: ['leads', 0, 'createdAt'] },
      { code: 'invalid_instant', received: '2026-02-30', path: ['leads', 1, 'createdAt'] },
    ]);
  });

  it('keeps a zip code with a leading zero as a string and converts other attributes', () => {
    const text = lines(
      'id,createdAt,attr.zip,attr.employees,attr.ratio,attr.vip,attr.note',
      'L1,2026-03-02T09:30:00Z,02134,120,0.5,true,',
    );
    const { records } = parseCanonicalCsv('leads', text);
    expect(records[0]?.attributes).toStrictEqual({ zip: '02134', employees: 120, ratio: 0.5, vip: true });
  });

  it('builds disposition only from non-empty cells and splits lead ids', () => {
    const leads = parseCanonicalCsv(
      'leads',
      lines(
        'id,createdAt,disposition.reasonId,disposition.at,disposition.by',
        'L1,2026-03-02T09:30:00Z,competitor,2026-03-03,rep_ava',
        'L2,2026-03-02T09:30:00Z,,,',
      ),
    );
    expect(leads.records.map((r) => r.disposition)).toEqual([
      { reasonId: 'competitor', at: '2026-03-03T00:00:00.000Z', by: 'rep_ava' },
      undefined,
    ]);
    const opportunities = parseCanonicalCsv(
      'opportunities',
      lines('id,leadIds,createdAt,stage,amount,currency,won', 'O1, L1 ;;L2 ,2026-03-02T09:30:00Z,won,100,EUR,TRUE'),
    );
    expect(opportunities.records[0]).toMatchObject({ leadIds: ['L1', 'L2'], amount: 100, won: true });
  });

  describe('win/loss and account columns', () => {
    const header =
      'id,createdAt,stage,amount,currency,won,campaignId,segment,loss.reasonId,loss.detail,loss.at,loss.by,themes';

    it('reads loss.* into the loss, themes into a list, and campaign and segment as text', () => {
      const { records, issues } = parseCanonicalCsv(
        'opportunities',
        lines(
          header,
          'O1,2026-03-02T09:30:00Z,closed_lost,100,EUR,false,ev_summit,smb,competitor,"Pipewise, Inc",2026-04-01,rep_ava, integration ;;pricing_model',
          'O2,2026-03-02T09:30:00Z,closed_won,100,EUR,true,,,,,,,security_review',
          'O3,2026-03-02T09:30:00Z,opportunity,100,EUR,,,,,,,,',
        ),
        { timezone: 'Europe/Berlin' },
      );
      expect(issues).toEqual([]);
      expect(records).toStrictEqual([
        {
          id: 'O1',
          createdAt: '2026-03-02T09:30:00Z',
          stage: 'closed_lost',
          amount: 100,
          currency: 'EUR',
          won: false,
          campaignId: 'ev_summit',
          segment: 'smb',
          loss: { reasonId: 'competitor', detail: 'Pipewise, Inc', at: '2026-03-31T22:00:00.000Z', by: 'rep_ava' },
          themes: ['integration', 'pricing_model'],
        },
        {
          id: 'O2',
          createdAt: '2026-03-02T09:30:00Z',
          stage: 'closed_won',
          amount: 100,
          currency: 'EUR',
          won: true,
          themes: ['security_review'],
        },
        { id: 'O3', createdAt: '2026-03-02T09:30:00Z', stage: 'opportunity', amount: 100, currency: 'EUR' },
      ]);
    });

    it('reports a bad loss instant, a detail without a reason and an overlong theme by row and field', () => {
      const theme = 't'.repeat(300);
      const { records, issues, skipped } = parseCanonicalCsv(
        'opportunities',
        lines(
          header,
          'O1,2026-03-02T09:30:00Z,closed_lost,100,EUR,false,,,price,,last week,,',
          'O2,2026-03-02T09:30:00Z,closed_lost,100,EUR,false,,,,Pipewise,,,',
          `O3,2026-03-02T09:30:00Z,closed_lost,100,EUR,false,,,,,,,ok;${theme}`,
          'O4,2026-03-02T09:30:00Z,closed_lost,100,EUR,false,,,no_decision,,,,',
        ),
      );
      expect(records.map((r) => r.id)).toEqual(['O4']);
      expect(skipped).toEqual([0, 1, 2]);
      expect(issues).toMatchObject([
        { code: 'invalid_instant', received: 'last week', path: ['opportunities', 0, 'loss', 'at'] },
        { code: 'invalid_type', path: ['opportunities', 1, 'loss', 'reasonId'] },
        { code: 'too_big', path: ['opportunities', 2, 'themes', 1] },
      ]);
      expect(issues[0]?.message).toMatch(/opportunities|instant/i);
    });

    it('reads account attr.<name> columns with the lead rules, and refuses a prototype name', () => {
      const { records, issues, columns } = parseCanonicalCsv(
        'accounts',
        lines(
          'id,name,segment,attr.industry,attr.employees,attr.tech,attr.zip,attr.__proto__,stage.mql',
          'A1,Acme,smb,software,120,salesforce;slack,02134,x,2026-01-01',
          'A2,Globex,,,,,,,',
        ),
      );
      expect(records).toStrictEqual([
        {
          id: 'A1',
          name: 'Acme',
          segment: 'smb',
          attributes: { industry: 'software', employees: 120, tech: 'salesforce;slack', zip: '02134' },
        },
        { id: 'A2', name: 'Globex' },
      ]);
      expect(columns).toEqual(['id', 'name', 'segment', 'attr.industry', 'attr.employees', 'attr.tech', 'attr.zip']);
      expect(issues).toMatchObject([
        { code: 'unsafe_path', segment: '__proto__', path: ['accounts', 'columns', 7] },
        {
          code: 'unknown_column',
          column: 'stage.mql',
          path: ['accounts', 'columns', 8],
          expected: expect.arrayContaining(['id', 'attr.<name>']),
        },
      ]);
      expect(Object.getPrototypeOf(records[0]?.attributes)).toBe(Object.prototype);
    });

    it('keeps attr.<name> and loss.* columns to the kinds that have them', () => {
      const { issues } = parseCanonicalCsv(
        'activities',
        lines('id,leadId,type,at,attr.x,loss.reasonId', 'X1,L1,call,2026-03-02T09:30:00Z,1,price'),
      );
      expect(issues).toMatchObject([
        { code: 'unknown_column', column: 'attr.x', path: ['activities', 'columns', 4] },
        { code: 'unknown_column', column: 'loss.reasonId', path: ['activities', 'columns', 5] },
      ]);
    });
  });

  it('reports an invalid instant and a negative amount through validation, with row and field', () => {
    const text = lines(
      'id,createdAt,amount',
      'L1,2026-03-02T09:30:00Z,100',
      'L2,31/02/2026,100',
      'L3,2026-03-02T09:30:00Z,-5',
    );
    const { records, issues, skipped } = parseCanonicalCsv('leads', text);
    expect(records.map((r) => r.id)).toEqual(['L1']);
    expect(skipped).toEqual([1, 2]);
    expect(issues).toMatchObject([
      { code: 'invalid_instant', received: '31/02/2026', path: ['leads', 1, 'createdAt'] },
      { code: 'too_small', minimum: 0, path: ['leads', 2, 'amount'] },
    ]);
  });

  it('passes a non-integer amount on for validation to report', () => {
    const { issues } = parseCanonicalCsv('spend', lines('periodStart,periodEnd,amount', '2026-01-01,2026-01-31,12.50'));
    expect(issues).toMatchObject([{ path: ['spend', 0, 'amount'] }]);
  });

  it('throws an AccordError in strict mode when there is any issue, unknown columns included', () => {
    const text = lines('id,createdAt,colour', 'L1,2026-03-02T09:30:00Z,red');
    const thrown = (() => {
      try {
        parseCanonicalCsv('leads', text, { mode: 'strict' });
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(AccordError);
    expect(codes((thrown as AccordError).issues)).toEqual(['unknown_column']);
  });

  it('reports an empty input as a missing header', () => {
    const { records, issues } = parseCanonicalCsv('leads', '');
    expect(records).toEqual([]);
    expect(issues).toMatchObject([{ code: 'invalid_csv', line: 1, path: ['leads', 'columns'] }]);
  });

  it('throws for an unknown time zone or record kind', () => {
    expect(() => parseCanonicalCsv('leads', 'id,createdAt\n', { timezone: 'Mars/Olympus' })).toThrow(AccordError);
    expect(() => parseCanonicalCsv('deals' as RecordKind, 'id\n')).toThrow(AccordError);
  });
});
