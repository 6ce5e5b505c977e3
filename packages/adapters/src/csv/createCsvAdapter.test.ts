import { defaultAgreement } from '@accord/core';
import { describe, expect, it } from 'vitest';
import { AdapterError } from '../contract/AdapterError';
import type { ListKind } from '../contract/adapter.types';
import { describeAdapterConformance } from '../testing';
import { createCsvAdapter } from './createCsvAdapter';
import { formatCanonicalCsv } from './formatCanonicalCsv';

const stageIds = defaultAgreement.stages.map((s) => s.id);

describeAdapterConformance({
  name: 'csv',
  create: async (data) => {
    const sources: Partial<Record<ListKind, string>> = {};
    for (const kind of ['leads', 'activities', 'touchpoints', 'opportunities', 'spend'] as const) {
      const attributeNames =
        kind === 'leads' ? [...new Set(data.leads.flatMap((l) => Object.keys(l.attributes ?? {})))] : [];
      sources[kind] = [...formatCanonicalCsv(kind, data[kind] as never[], { stageIds, attributeNames })].join('');
    }
    return createCsvAdapter({ sources, stageIds });
  },
  createWithBadConfig: async () => createCsvAdapter({ sources: { leads: 42 as unknown as string } }),
});

describe('createCsvAdapter', () => {
  it('refuses a file with a bad row, naming the file, the row and the field', () => {
    const e = (() => {
      try {
        createCsvAdapter({
          sources: { leads: 'id,createdAt\nL1,2026-03-02\nL2,31/02/2026\n' },
          fileNames: { leads: 'export.csv' },
        });
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(AdapterError);
    expect((e as AdapterError).code).toBe('invalid_record');
    expect((e as AdapterError).message).toContain('export.csv');
    expect((e as AdapterError).issues[0]).toMatchObject({ code: 'invalid_instant', path: ['leads', 1, 'createdAt'] });
  });

  it('names the line of a truncated file and the byte of a non-UTF-8 one', () => {
    const issue = (source: string | Uint8Array) => {
      try {
        createCsvAdapter({ sources: { leads: source } });
      } catch (x) {
        return (x as AdapterError).issues[0];
      }
    };
    expect(issue('id,createdAt\nL1,"2026-03-02\n')).toMatchObject({ code: 'invalid_csv', line: 2 });
    expect(issue(new Uint8Array([0x69, 0x64, 0x0a, 0xff]))).toMatchObject({ code: 'invalid_encoding', line: 2 });
  });
});
