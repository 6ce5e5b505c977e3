import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { defaultAgreement } from '@accord/core';
import { freePort } from '@accord-internal/postgres';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, inject, it, vi } from 'vitest';
import { AdapterError } from '../contract/AdapterError';
import type { RevenueAdapter } from '../contract/adapter.types';
import { createMemoryAdapter } from '../memory/createMemoryAdapter';
import { describeAdapterConformance } from '../testing';
import { redact, secretsOf } from './_redact';
import { createPostgresAdapter, type PostgresPool, sortKey } from './createPostgresAdapter';
import { postgresMigrationScript, postgresMigrations } from './postgresMigrations';

// From the globalSetup (test/postgresCluster.ts): a throwaway cluster, or DATABASE_URL.
const url = inject('databaseUrl');
const run = randomBytes(3).toString('hex');
const schemas: string[] = [];
/** A schema of its own for each adapter under test; all are dropped after the file. */
const freshSchema = () => {
  const schema = `accord_test_${run}_${schemas.length + 1}`;
  schemas.push(schema);
  return schema;
};

async function sql<R = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as R[];
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  for (const schema of schemas) await sql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
});

describeAdapterConformance({
  name: 'postgres',
  create: (data) => createPostgresAdapter({ connectionString: url, schema: freshSchema(), data }),
  createWithBadConfig: () => createPostgresAdapter({ connectionString: url, schema: 'accord; DROP SCHEMA public' }),
});

async function rejection(promise: Promise<unknown>): Promise<AdapterError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AdapterError);
    return error as AdapterError;
  }
  throw new Error('expected a rejection');
}

async function listAllLeadIds(adapter: RevenueAdapter, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<RevenueAdapter['listLeads']>> = await adapter.listLeads({ limit, cursor });
    ids.push(...page.records.map((l) => l.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

describe('createPostgresAdapter', () => {
  const open: RevenueAdapter[] = [];
  const adapter = async (options: Parameters<typeof createPostgresAdapter>[0]) => {
    const created = await createPostgresAdapter({ connectionString: url, ...options });
    open.push(created);
    return created;
  };
  afterEach(async () => {
    for (const a of open.splice(0)) await a.close?.();
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('migrates once: a second adapter on the same schema changes nothing', async () => {
    const schema = freshSchema();
    await adapter({ schema });
    await adapter({ schema });
    const versions = await sql<{ version: number }>(`SELECT version FROM "${schema}".accord_migrations`);
    expect(versions.map((v) => v.version)).toEqual(postgresMigrations.map((m) => m.version));
    const tables = await sql<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
      [schema],
    );
    expect(tables.map((t) => t.table_name)).toEqual([
      'accord_activities',
      'accord_lead_stages',
      'accord_leads',
      'accord_migrations',
      'accord_opportunities',
      'accord_opportunity_leads',
      'accord_spend',
      'accord_touchpoints',
    ]);
  });

  it('migration 2 fills the typed columns of records stored under version 1', async () => {
    const schema = freshSchema();
    const v1 = postgresMigrations[0];
    await sql(`CREATE SCHEMA "${schema}"`);
    await sql(
      `CREATE TABLE "${schema}".accord_migrations (version INT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`,
    );
    for (const statement of v1?.sql(`"${schema}"`) ?? []) await sql(statement);
    await sql(`INSERT INTO "${schema}".accord_migrations (version) VALUES (1)`);
    const lead = {
      id: 'L1',
      createdAt: '2026-03-02T14:00:00Z',
      source: 'ads',
      stageDates: { mql: '2026-03-03T09:00:00+01:00' },
    };
    await sql(`INSERT INTO "${schema}".accord_leads (key, changed, record) VALUES ('L1', 0, $1::jsonb)`, [
      JSON.stringify(lead),
    ]);
    const a = await adapter({ schema });
    expect(await sql(`SELECT created, source FROM "${schema}".accord_leads`)).toEqual([
      { created: Date.parse('2026-03-02T14:00:00Z'), source: 'ads' },
    ]);
    expect(await sql(`SELECT lead_key, stage, at FROM "${schema}".accord_lead_stages`)).toEqual([
      { lead_key: 'L1', stage: 'mql', at: Date.parse('2026-03-03T08:00:00Z') },
    ]);
    const card = await a.runScorecard?.({
      agreement: defaultAgreement,
      asOf: '2026-04-01T00:00:00Z',
      metrics: ['leads', 'count.mql'],
    });
    expect(card?.totals.metrics['count.mql']?.value).toBe(1);
  });

  it('exports the migrations as an idempotent script that leaves the schema up to date', async () => {
    const schema = freshSchema();
    const script = postgresMigrationScript(schema);
    await sql(script);
    await sql(script);
    const before = await sql<{ applied_at: Date }>(`SELECT applied_at FROM "${schema}".accord_migrations`);
    const a = await adapter({
      schema,
      data: { spend: [{ periodStart: '2026-03-01', periodEnd: '2026-03-31', amount: 5 }] },
    });
    expect((await a.listSpend()).records).toHaveLength(1);
    expect(await sql(`SELECT applied_at FROM "${schema}".accord_migrations`)).toEqual(before);
    expect(() => postgresMigrationScript('x; DROP')).toThrow(TypeError);
  });

  it('does not race: adapters created at once on an empty schema (with and without data) all start', async () => {
    const schema = freshSchema();
    const leads = [{ id: 'L1', createdAt: '2026-03-02T14:00:00Z' }];
    const started = await Promise.all([
      adapter({ schema }),
      adapter({ schema, data: { leads } }),
      adapter({ schema, data: { leads } }),
      adapter({ schema }),
    ]);
    expect(started).toHaveLength(4);
    expect(await sql(`SELECT version FROM "${schema}".accord_migrations`)).toHaveLength(postgresMigrations.length);
    expect((await (started[0] as RevenueAdapter).listLeads()).records).toEqual(leads);
  });

  it('keeps the tables across adapters; data replaces only the kinds it names', async () => {
    const schema = freshSchema();
    const first = await adapter({
      schema,
      data: {
        leads: [{ id: 'L1', createdAt: '2026-03-02T14:00:00Z' }],
        activities: [{ id: 'A1', leadId: 'L1', type: 'call', at: '2026-03-03T09:00:00Z' }],
      },
    });
    await first.assignOwner?.('L1', 'rep_ava');
    await first.close?.();
    const second = await adapter({ schema });
    expect((await second.listLeads()).records).toEqual([
      { id: 'L1', createdAt: '2026-03-02T14:00:00Z', ownerId: 'rep_ava' },
    ]);
    const third = await adapter({ schema, data: { leads: [{ id: 'L2', createdAt: '2026-03-04T14:00:00Z' }] } });
    expect((await third.listLeads()).records.map((l) => l.id)).toEqual(['L2']);
    expect((await third.listActivities()).records.map((a) => a.id)).toEqual(['A1']);
  });

  it('binds every value: hostile ids, owners and sources are data, and the tables survive', async () => {
    const schema = freshSchema();
    const hostile = `'; DROP TABLE accord_leads; --`;
    const leads = [
      { id: hostile, createdAt: '2026-03-02T14:00:00Z', source: `x\\' OR 1=1 --` },
      { id: `L"2\\`, createdAt: '2026-03-02T14:00:00Z', company: `Ünïcödé 😀 $1 $$ \\x00` },
      { id: `$1::text); DELETE FROM accord_leads; --`, createdAt: '2026-03-02T14:00:00Z' },
    ];
    const a = await adapter({
      schema,
      data: {
        leads,
        spend: [
          { channel: `'); DROP TABLE accord_spend; --`, periodStart: '2026-03-01', periodEnd: '2026-03-31', amount: 1 },
        ],
      },
    });
    await a.assignOwner?.(hostile, `"); DELETE FROM accord_leads; --`);
    await a.writeDisposition?.(`L"2\\`, { reasonId: 'no_timing', at: '2026-07-01T12:00:00.000Z', by: `O'Brien` });
    const { records } = await a.listLeads();
    expect(records).toHaveLength(3);
    expect(records.find((l) => l.id === hostile)).toEqual({ ...leads[0], ownerId: `"); DELETE FROM accord_leads; --` });
    expect(records.find((l) => l.id === `L"2\\`)?.company).toBe(`Ünïcödé 😀 $1 $$ \\x00`);
    expect((await a.listSpend()).records[0]?.channel).toBe(`'); DROP TABLE accord_spend; --`);
    const tables = await sql('SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name LIKE $2', [
      schema,
      'accord_%',
    ]);
    expect(tables).toHaveLength(8);
  });

  it('pages in exactly the memory adapter order (UTF-16 order), for odd characters too', async () => {
    const ids = [
      'a',
      'A',
      'a b',
      'a\u0001',
      'a\u0001b',
      'ab',
      'ä',
      '\uff01',
      '😀',
      '\ue000',
      '~',
      'Z',
      '\u00a0',
      'a\u0002',
    ];
    const leads = ids.map((id) => ({ id, createdAt: '2026-03-02T14:00:00Z' }));
    const channels = ['a', 'a\u0001', 'ab', '😀', '\uffee', ''];
    const spend = channels.map((channel, i) => ({
      channel,
      periodStart: '2026-03-01',
      periodEnd: '2026-03-31',
      amount: i,
    }));
    const memory = createMemoryAdapter({ leads, spend });
    const a = await adapter({ schema: freshSchema(), data: { leads, spend } });
    const expected = await listAllLeadIds(memory, 1000);
    expect(await listAllLeadIds(a, 2)).toEqual(expected);
    expect(await listAllLeadIds(a, 1000)).toEqual(expected);
    expect((await a.listSpend({ limit: 1000 })).records).toEqual((await memory.listSpend({ limit: 1000 })).records);
  });

  it('orders keys byte-wise as JavaScript orders the plain keys', () => {
    const keys = [
      '',
      'a',
      'a\u0000',
      'a\u0000b',
      'a\u0001',
      'a\u0002',
      '\ud7ff',
      '\ud83d\ude00',
      '\ue000',
      '\uffff',
      'b',
    ];
    const js = [...keys].sort();
    const bytes = [...keys].sort((x, y) => Buffer.compare(Buffer.from(sortKey(x)), Buffer.from(sortKey(y))));
    expect(bytes).toEqual(js);
    expect(new Set(keys.map(sortKey)).size).toBe(keys.length);
    for (const k of keys) expect(sortKey(k)).not.toContain('\u0000');
  });

  it('loads and pages many records (several insert batches)', async () => {
    const leads = Array.from({ length: 12_345 }, (_, i) => ({
      id: `L${String(i).padStart(6, '0')}`,
      createdAt: 1_770_000_000_000 + i * 60_000,
      attributes: { n: i, flag: i % 2 === 0, note: null },
    }));
    const a = await adapter({ schema: freshSchema(), data: { leads } });
    const ids = await listAllLeadIds(a, 10_000);
    expect(ids).toEqual(leads.map((l) => l.id));
    const page = await a.listLeads({ limit: 1, updatedSince: new Date(1_770_000_000_000 + 12_344 * 60_000) });
    expect(page).toEqual({ records: [leads[12_344]], nextCursor: null });
  });

  it('names every invalid record before loading, and refuses text PostgreSQL cannot store', async () => {
    const schema = freshSchema();
    const bad = await rejection(
      createPostgresAdapter({ connectionString: url, schema, data: { leads: [{ id: 'L1', createdAt: 'yesterday' }] } }),
    );
    expect(bad.code).toBe('invalid_record');
    expect(bad.issues[0]?.path).toEqual(['leads', 0, 'createdAt']);
    const nul = await rejection(
      createPostgresAdapter({
        connectionString: url,
        schema,
        data: {
          leads: [
            { id: 'L1', createdAt: '2026-03-02T14:00:00Z', source: 'a\u0000b' },
            { id: 'L\ud800', createdAt: '2026-03-02T14:00:00Z' },
            { id: 'L3', createdAt: '2026-03-02T14:00:00Z', attributes: { 'k\u0000': 1 } },
          ],
        },
      }),
    );
    expect(nul.code).toBe('invalid_record');
    expect(nul.issues.map((i) => [i.code, i.path])).toEqual([
      ['invalid_argument', ['leads', 0, 'source']],
      ['invalid_argument', ['leads', 1, 'id']],
      ['invalid_argument', ['leads', 2, 'attributes', 'k\u0000']],
    ]);
    // Nothing reached the database: the schema was never created.
    expect(await sql('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).toEqual([]);
    const a = await adapter({ schema, data: { leads: [{ id: 'L1', createdAt: '2026-03-02T14:00:00Z' }] } });
    expect((await rejection(a.assignOwner?.('L1', 'rep\u0000') ?? Promise.resolve())).code).toBe('invalid_option');
    expect((await rejection(a.assignOwner?.('L9', 'rep_ava') ?? Promise.resolve())).code).toBe('not_found');
  });

  it('rejects a bad schema name with invalid_config, before connecting', async () => {
    for (const schema of [
      '',
      'a-b',
      '1abc',
      '"x"',
      'x'.repeat(64),
      'pg_catalog',
      'a b',
      'ä',
      `x"; DROP SCHEMA public; --`,
    ]) {
      const e = await rejection(createPostgresAdapter({ connectionString: 'postgres://u:p@127.0.0.1:1/db', schema }));
      expect(e.code, schema).toBe('invalid_config');
    }
    const ok = await adapter({ schema: `Accord_${run}_X`.slice(0, 63) });
    schemas.push(`Accord_${run}_X`);
    expect((await ok.listLeads()).records).toEqual([]);
  });

  it('uses a host pool and leaves it open on close', async () => {
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    try {
      const hostPool: PostgresPool = pool;
      const a = await createPostgresAdapter({ pool: hostPool, schema: freshSchema() });
      expect((await a.listSpend()).records).toEqual([]);
      await a.close?.();
      expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await pool.end();
    }
  });

  describe('never leaks the password or the connection string', () => {
    const password = 'Zebra-Quokka-7731-secret';
    const expectNoLeak = (error: AdapterError, ...secrets: string[]) => {
      const views = [
        String(error),
        error.message,
        JSON.stringify(error),
        inspect(error, { depth: 10 }),
        inspect(error.cause, { depth: 10 }),
        String((error.cause as Error | undefined)?.stack),
      ];
      for (const view of views)
        for (const secret of [password, encodeURIComponent(password), ...secrets]) expect(view).not.toContain(secret);
    };
    const quietConsole = () =>
      (['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((m) =>
        vi.spyOn(console, m).mockImplementation(() => {}),
      );

    it('a closed port: unavailable', async () => {
      const spies = quietConsole();
      const connectionString = `postgres://accord:${password}@127.0.0.1:${await freePort()}/accord`;
      const e = await rejection(createPostgresAdapter({ connectionString, schema: freshSchema() }));
      expect(e.code).toBe('unavailable');
      expect(e.message).toMatch(/could not be reached/);
      expectNoLeak(e, connectionString);
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    });

    it('a wrong password: invalid_config', async () => {
      const spies = quietConsole();
      const real = new URL(url);
      if (!real.password) return; // a DATABASE_URL without a password: the server cannot refuse one
      real.password = password;
      const connectionString = real.toString();
      const e = await rejection(createPostgresAdapter({ connectionString, schema: freshSchema() }));
      expect(e.code).toBe('invalid_config');
      expect(e.message).toMatch(/refused the credentials \(28P01\)/);
      expectNoLeak(e, connectionString);
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    });

    it('a malformed or missing connection string: invalid_config', async () => {
      const spies = quietConsole();
      for (const connectionString of [
        `postgres://accord:${password}@[::1/accord`,
        `mysql://accord:${password}@127.0.0.1/accord`,
        `host=127.0.0.1 password=${password}`,
      ]) {
        const e = await rejection(createPostgresAdapter({ connectionString }));
        expect(e.code).toBe('invalid_config');
        expectNoLeak(e, connectionString);
      }
      vi.stubEnv('DATABASE_URL', '');
      expect((await rejection(createPostgresAdapter({}))).code).toBe('invalid_config');
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    });

    it('a call after close: unavailable, without the real password either', async () => {
      const real = new URL(url).password;
      const a = await createPostgresAdapter({ connectionString: url, schema: freshSchema() });
      await a.close?.();
      const e = await rejection(a.listLeads());
      expect(e.code).toBe('unavailable');
      expectNoLeak(e, url, ...(real.length >= 3 ? [real] : []));
    });

    it('a driver error that quotes the URL or carries the config: only a redacted copy is the cause', async () => {
      const spies = quietConsole();
      const connectionString = `postgres://accord:${password}@db.internal:5432/accord`;
      const failing = () =>
        Promise.reject(
          Object.assign(new Error(`could not connect to ${connectionString}`), {
            code: 'ECONNRESET',
            config: { connectionString, password },
          }),
        );
      const e = await rejection(
        createPostgresAdapter({
          pool: { query: failing, connect: failing, end: async () => {} },
          schema: freshSchema(),
        }),
      );
      expect(e.code).toBe('unavailable');
      expect(String((e.cause as Error).message)).toBe('could not connect to postgres://***@db.internal:5432/accord');
      expectNoLeak(e, connectionString);
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    });

    it('masks credentials in any text it wraps', () => {
      const connectionString = `postgresql://accord:${encodeURIComponent('p@ss w0rd/%')}@db.example:5432/x?password=${password}`;
      const secrets = secretsOf(connectionString);
      const text = `failed for ${connectionString}; also postgres://other:hunter22@host/db and password=${password} and p@ss w0rd/%`;
      const masked = redact(text, secrets);
      for (const s of [connectionString, password, 'hunter22', 'p@ss w0rd/%', encodeURIComponent('p@ss w0rd/%')])
        expect(masked).not.toContain(s);
      expect(masked).toContain('postgres://***@host/db');
    });
  });
});
