import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { AdapterError } from '../contract/AdapterError';
import { describeAdapterConformance } from '../testing';
import { createDuckDbAdapter } from './createDuckDbAdapter';

describeAdapterConformance({
  name: 'duckdb',
  create: (data) => createDuckDbAdapter({ data }),
  createWithBadConfig: () => createDuckDbAdapter({ path: join(tmpdir(), 'no-such-dir', 'x', 'accord.duckdb') }),
});

describe('createDuckDbAdapter', () => {
  it('keeps the tables in a file across connections', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'accord-duckdb-')), 'accord.duckdb');
    const first = await createDuckDbAdapter({
      path,
      data: { leads: [{ id: 'L1', createdAt: '2026-03-02T14:00:00Z' }] },
    });
    await first.close?.();
    const second = await createDuckDbAdapter({ path });
    expect((await second.listLeads()).records).toEqual([{ id: 'L1', createdAt: '2026-03-02T14:00:00Z' }]);
    await second.close?.();
  });

  it('binds every value: hostile ids and owners are data, and the tables survive', async () => {
    const hostile = `'; DROP TABLE accord_leads; --`;
    const adapter = await createDuckDbAdapter({
      data: { leads: [{ id: hostile, createdAt: '2026-03-02T14:00:00Z', source: `x\\' OR 1=1 --` }] },
    });
    await adapter.assignOwner?.(hostile, `"); DELETE FROM accord_leads; --`);
    const { records } = await adapter.listLeads();
    expect(records).toEqual([
      {
        id: hostile,
        createdAt: '2026-03-02T14:00:00Z',
        source: `x\\' OR 1=1 --`,
        ownerId: `"); DELETE FROM accord_leads; --`,
      },
    ]);
    await adapter.close?.();
  });

  it('names every invalid record before loading', async () => {
    const e = await createDuckDbAdapter({ data: { leads: [{ id: 'L1', createdAt: 'yesterday' }] } }).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(AdapterError);
    expect((e as AdapterError).code).toBe('invalid_record');
    expect((e as AdapterError).issues[0]?.path).toEqual(['leads', 0, 'createdAt']);
  });

  it('imports canonical Parquet and CSV files: zoned instants kept, local times read in the zone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'accord-import-'));
    const parquet = join(dir, 'leads.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const db = await instance.connect();
    await db.run(
      `COPY (SELECT * FROM (VALUES
         ('L1', TIMESTAMPTZ '2026-03-02 14:00:00+00', 'ads', TIMESTAMP '2026-03-08 03:30:00', 125000.0, 'A'),
         ('L2', TIMESTAMPTZ '2026-03-03 09:15:30.250+00', NULL, NULL, NULL, NULL)
       ) AS t(id, createdAt, source, "stage.mql", amount, "attr.tier")) TO '${parquet}' (FORMAT parquet)`,
    );
    db.closeSync();
    instance.closeSync();
    const csv = join(dir, 'activities.csv');
    writeFileSync(csv, '\ufeffid,leadId,type,at\r\nA1,L1,call,2026-03-09 10:00\r\n');
    const adapter = await createDuckDbAdapter({
      files: { leads: parquet, activities: csv },
      timezone: 'America/New_York',
      stageIds: ['mql'],
    });
    expect((await adapter.listLeads()).records).toEqual([
      {
        id: 'L1',
        createdAt: '2026-03-02T14:00:00.000Z',
        source: 'ads',
        amount: 125000,
        attributes: { tier: 'A' },
        // 03:30 local on the day New York springs forward is 07:30 UTC (EDT).
        stageDates: { mql: '2026-03-08T07:30:00.000Z' },
      },
      { id: 'L2', createdAt: '2026-03-03T09:15:30.250Z' },
    ]);
    expect((await adapter.listActivities()).records).toEqual([
      { id: 'A1', leadId: 'L1', type: 'call', at: '2026-03-09T14:00:00.000Z' },
    ]);
    await adapter.close?.();

    // A local time the DST change skips is not moved silently: the file is refused, naming the cell.
    const gap = join(dir, 'gap.parquet');
    const again = await DuckDBInstance.create(':memory:');
    const c = await again.connect();
    await c.run(`COPY (SELECT 'L9' AS id, TIMESTAMP '2026-03-08 02:30:00' AS createdAt) TO '${gap}' (FORMAT parquet)`);
    c.closeSync();
    again.closeSync();
    const refused = (await createDuckDbAdapter({ files: { leads: gap }, timezone: 'America/New_York' }).catch(
      (e: unknown) => e,
    )) as AdapterError;
    expect(refused.code).toBe('invalid_record');
    expect(refused.issues[0]).toMatchObject({ path: ['leads', 0, 'createdAt'] });
  });

  it('names the file, line and column of a bad CSV, and refuses a Parquet file without the required columns', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'accord-import-'));
    const csv = join(dir, 'leads.csv');
    writeFileSync(csv, 'id,createdAt\nL1,2026-03-02T14:00:00Z\nL2,"2026-03-0');
    const truncated = await createDuckDbAdapter({ files: { leads: csv } }).catch((e: unknown) => e);
    expect(truncated).toBeInstanceOf(AdapterError);
    expect((truncated as AdapterError).message).toContain('leads.csv');
    expect((truncated as AdapterError).issues[0]).toMatchObject({ code: 'invalid_csv', line: 3 });
    writeFileSync(
      csv,
      Buffer.from([0x69, 0x64, 0x2c, 0x63, 0x72, 0x65, 0x61, 0x74, 0x65, 0x64, 0x41, 0x74, 0x0a, 0xff]),
    );
    const encoding = (await createDuckDbAdapter({ files: { leads: csv } }).catch((e: unknown) => e)) as AdapterError;
    expect(encoding.issues[0]).toMatchObject({ code: 'invalid_encoding', line: 2 });

    const parquet = join(dir, 'opportunities.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const db = await instance.connect();
    await db.run(`COPY (SELECT 'O1' AS id, 5 AS amount) TO '${parquet}' (FORMAT parquet)`);
    db.closeSync();
    instance.closeSync();
    const missing = (await createDuckDbAdapter({ files: { opportunities: parquet } }).catch(
      (e: unknown) => e,
    )) as AdapterError;
    expect(missing.code).toBe('invalid_record');
    expect(missing.message).toContain('opportunities.parquet');
    expect(missing.issues.map((i) => i.code)).toContain('missing_column');
  });
});
