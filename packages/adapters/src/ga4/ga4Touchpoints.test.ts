import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attribute, buildJourneys, type Opportunity, type Touchpoint } from '@accord/core';
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdapterError } from '../contract/AdapterError';
import type { Ga4TouchpointsOptions } from './ga4.types';
import { GA4_DEFAULT_CHANNELS } from './ga4ChannelGroup';
import { ga4TouchpointsSql } from './ga4TouchpointsSql';
import { readGa4Touchpoints } from './readGa4Touchpoints';

const FIXTURE = join(import.meta.dirname, '__fixtures__', 'ga4-events.ndjson');
const BASE: Ga4TouchpointsOptions = {
  table: FIXTURE,
  dialect: 'duckdb',
  identity: 'user_pseudo_id',
  leadIdParam: 'lead_id',
  sessionTouch: 'first_event',
};

/** Hand-computed from the fixture: [user_pseudo_id, ga_session_id, channel, campaignId, leadId, at]. */
const EXPECTED: [string, number, string, string | undefined, string | undefined, string][] = [
  ['7007.1730000007', 1762027200, 'Direct', undefined, undefined, '2025-11-01T20:00:00.000Z'], // first session, traffic_source (direct)
  ['1001.1730000001', 1762074000, 'Paid Search', 'brand_q4', 'L-1', '2025-11-02T09:00:00.000Z'], // lead found 1 day later
  ['2002.1730000002', 1762081200, 'Paid Social', 'retarget_nov', '2002', '2025-11-02T11:00:00.000Z'], // int_value lead id
  ['6006.1730000006', 1762095600, 'Organic Social', undefined, 'L-6', '2025-11-02T15:00:00.000Z'],
  ['8008.1730000008', 1762106400, 'Display', 'awareness_q4', undefined, '2025-11-02T18:00:00.000Z'],
  ['3003.1730000003', 1762154100, 'Organic Search', undefined, 'L-3', '2025-11-03T07:15:00.000Z'], // traffic_source bing/organic, "(organic)" dropped
  ['5005.1730000005', 1762171100, 'Direct', undefined, undefined, '2025-11-03T12:00:00.000Z'], // no session_start, 3rd session
  ['1001.1730000001', 1762178400, 'Organic Search', undefined, 'L-1', '2025-11-03T14:00:00.000Z'],
  ['2002.1730000002', 1762245000, 'Email', 'nov_digest', '2002', '2025-11-04T08:30:00.000Z'],
  ['6006.1730000006', 1762250400, 'Paid Social', 'abm_tier1', 'L-6', '2025-11-04T10:00:00.000Z'],
  ['5005.1730000005', 1762257600, 'Paid Search', 'Generic_Search_EN', undefined, '2025-11-04T12:00:00.000Z'], // Bing / CPC
  ['3003.1730000003', 1762272000, 'Paid Search', 'generic_search', 'L-3', '2025-11-04T16:00:00.000Z'], // gclid only
  ['1001.1730000001', 1762336800, 'Direct', undefined, 'L-1', '2025-11-05T10:00:00.000Z'],
  ['8008.1730000008', 1762371000, 'SMS', 'renewal_reminder', undefined, '2025-11-05T19:30:00.000Z'],
  ['4004.1730000004', 1762386600, 'Referral', undefined, undefined, '2025-11-05T23:50:00.000Z'], // crosses midnight
  ['8008.1730000008', 1762415100, 'Direct', undefined, undefined, '2025-11-06T07:45:00.000Z'],
  ['7007.1730000007', 1762419600, 'Organic Video', 'launch_video', undefined, '2025-11-06T09:00:00.000Z'],
];
const expected = (rows = EXPECTED): Touchpoint[] =>
  rows.map(([pid, sid, channel, campaignId, leadId, at]) => ({
    id: `ga4:${pid}:${sid}`,
    ...(leadId === undefined ? {} : { leadId }),
    channel,
    ...(campaignId === undefined ? {} : { campaignId }),
    at,
  }));

let db: DuckDBConnection;
let dir: string;
beforeAll(async () => {
  db = await (await DuckDBInstance.create(':memory:')).connect();
  dir = mkdtempSync(join(tmpdir(), 'accord-ga4-'));
});
afterAll(() => {
  db.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof AdapterError ? `${e.adapter}:${e.code}` : `other:${String(e)}`;
  }
  return 'no error';
};

describe('readGa4Touchpoints on DuckDB over the NDJSON export sample', () => {
  it('yields one touchpoint per session, exactly as computed by hand', async () => {
    expect(await readGa4Touchpoints(db, BASE)).toEqual(expected());
  });

  it('splits sessions by ga_session_id, not by day (a session crossing midnight stays one)', async () => {
    const touches = await readGa4Touchpoints(db, BASE);
    expect(touches.filter((t) => t.id.startsWith('ga4:1001.')).map((t) => t.at)).toEqual([
      '2025-11-02T09:00:00.000Z',
      '2025-11-03T14:00:00.000Z',
      '2025-11-05T10:00:00.000Z',
    ]);
    expect(touches.filter((t) => t.id.startsWith('ga4:4004.'))).toHaveLength(1);
    expect(new Set(touches.map((t) => t.id)).size).toBe(touches.length);
  });

  it("sessionTouch 'session_start' keeps only sessions with a session_start event", async () => {
    const touches = await readGa4Touchpoints(db, { ...BASE, sessionTouch: 'session_start' });
    expect(touches).toEqual(expected(EXPECTED.filter(([, sid]) => sid !== 1762171100)));
  });

  it('filters on the session start: from inclusive, to exclusive, dates as UTC midnight', async () => {
    const days = await readGa4Touchpoints(db, { ...BASE, from: '2025-11-03', to: '2025-11-05' });
    expect(days).toEqual(expected(EXPECTED.filter(([, , , , , at]) => at >= '2025-11-03' && at < '2025-11-05')));
    expect(days).toHaveLength(7);
    const edges = await readGa4Touchpoints(db, {
      ...BASE,
      from: '2025-11-05T23:50:00Z',
      to: '2025-11-06T08:45:00+01:00',
    });
    // The midnight-crossing session starts exactly at `from`; the 07:45Z session starts exactly at `to`.
    expect(edges.map((t) => t.id)).toEqual(['ga4:4004.1730000004:1762386600']);
  });

  it('reads the lead id from the named event parameter, string or int, for every session of the person', async () => {
    const byLead = await readGa4Touchpoints(db, { ...BASE, leadIdParam: 'transaction_id' });
    expect(byLead.filter((t) => t.leadId !== undefined).map((t) => [t.id, t.leadId])).toEqual([
      ['ga4:3003.1730000003:1762154100', 'T-3'],
      ['ga4:3003.1730000003:1762272000', 'T-3'],
    ]);
    const none = await readGa4Touchpoints(db, { ...BASE, leadIdParam: undefined });
    expect(none.every((t) => t.leadId === undefined)).toBe(true);
    expect(none).toHaveLength(17);
  });

  it("identity 'user_id' stitches a device's anonymous sessions to its user id and leaves out the rest", async () => {
    const touches = await readGa4Touchpoints(db, { ...BASE, identity: 'user_id', leadIdParam: undefined });
    expect(touches.map((t) => [t.id.split(':')[1], t.leadId, t.channel])).toEqual([
      ['1001.1730000001', 'crm-001', 'Paid Search'],
      ['6006.1730000006', 'crm-006', 'Organic Social'],
      ['3003.1730000003', 'crm-003', 'Organic Search'],
      ['1001.1730000001', 'crm-001', 'Organic Search'],
      ['6006.1730000006', 'crm-006', 'Paid Social'],
      ['3003.1730000003', 'crm-003', 'Paid Search'],
      ['1001.1730000001', 'crm-001', 'Direct'],
    ]);
  });

  it('reads the same export as Parquet', async () => {
    const parquet = join(dir, 'events.parquet');
    const { sql } = ga4TouchpointsSql(BASE);
    const readJson = /read_json\('[^']+', format = 'newline_delimited', columns = \{[^}]+\}\)/.exec(sql)?.[0];
    expect(readJson).toBeDefined();
    await db.run(`COPY (SELECT * FROM ${readJson}) TO '${parquet}' (FORMAT parquet)`);
    expect(await readGa4Touchpoints(db, { ...BASE, table: parquet })).toEqual(expected());
  });

  it('runs through a (sql, params) runner and validates what it returns', async () => {
    const runner = async (sql: string, params: Record<string, string | number>) =>
      (await db.runAndReadAll(sql, params as Record<string, DuckDBValue>)).getRowObjects() as Record<string, unknown>[];
    expect(await readGa4Touchpoints(runner, BASE)).toEqual(expected());

    const bad = readGa4Touchpoints(async () => [{ id: 'ga4:x:1', channel: '', at: 'yesterday' }], BASE);
    await expect(bad).rejects.toMatchObject({ code: 'invalid_record' });
    const error = (await bad.catch((e: unknown) => e)) as AdapterError;
    expect(error.issues.map((i) => i.path.join('.')).sort()).toEqual(['touchpoints.0.at', 'touchpoints.0.channel']);

    const failing = readGa4Touchpoints(
      async () => {
        throw new Error('boom');
      },
      { ...BASE, leadIdParam: 'secret_param' },
    );
    await expect(failing).rejects.toMatchObject({ code: 'unavailable' });
    expect(String(await failing.catch((e: Error) => e.message))).not.toContain('secret_param');
    await expect(readGa4Touchpoints({} as never, BASE)).rejects.toMatchObject({ code: 'invalid_config' });
  });

  it('feeds @accord/core buildJourneys and attribute', async () => {
    const touchpoints = await readGa4Touchpoints(db, BASE);
    const opportunities: Opportunity[] = [
      {
        id: 'opp-1',
        leadIds: ['L-1'],
        createdAt: '2025-11-06T09:00:00Z',
        closedAt: '2025-11-20T09:00:00Z',
        won: true,
        stage: 'closed_won',
        amount: 900_00,
        currency: 'EUR',
      },
      {
        id: 'opp-6',
        leadIds: ['L-6'],
        createdAt: '2025-11-07T09:00:00Z',
        closedAt: '2025-11-21T09:00:00Z',
        won: true,
        stage: 'closed_won',
        amount: 300_00,
        currency: 'EUR',
      },
    ];
    const { journeys } = buildJourneys({ touchpoints, opportunities }, { nonConverting: false });
    expect(journeys).toHaveLength(2);
    expect(journeys.map((j) => j.touches.map((t) => t.channel))).toEqual([
      ['Paid Search', 'Organic Search', 'Direct'],
      ['Organic Social', 'Paid Social'],
    ]);
    const first = attribute(journeys, { model: 'first_touch' });
    expect(
      first.channels
        .filter((c) => c.conversions > 0)
        .map((c) => [c.channel, c.conversions, c.value])
        .sort(),
    ).toEqual([
      ['Organic Social', 1, 300_00],
      ['Paid Search', 1, 900_00],
    ]);
    const linear = attribute(journeys, { model: 'linear' });
    const credit = Object.fromEntries(linear.channels.map((c) => [c.channel, c.conversions]));
    expect(credit['Paid Search']).toBeCloseTo(1 / 3);
    expect(credit['Organic Search']).toBeCloseTo(1 / 3);
    expect(credit.Direct).toBeCloseTo(1 / 3);
    expect(credit['Organic Social']).toBeCloseTo(1 / 2);
    expect(credit['Paid Social']).toBeCloseTo(1 / 2);
    expect(linear.totals.conversions).toBeCloseTo(2);
  });
});

describe('GA4 default channel grouping (the documented subset)', () => {
  /** [manual_source, manual_medium, manual_campaign_name, expected channel]. */
  const TABLE: [string, string, string | null, string][] = [
    ['(direct)', '(none)', null, 'Direct'],
    ['(direct)', '(not set)', null, 'Direct'],
    ['google', 'cpc', 'Cross-Network_Brand', 'Cross-network'],
    ['amazon', 'cpc', null, 'Paid Shopping'],
    ['partner', 'ppc', 'summer_shopping', 'Paid Shopping'],
    ['google', 'cpc', null, 'Paid Search'],
    ['www.bing.com', 'paid_search', null, 'Paid Search'],
    ['facebook', 'paid', null, 'Paid Social'],
    ['lnkd.in', 'retargeting', null, 'Paid Social'],
    ['youtube.com', 'cpv', null, 'Paid Video'],
    ['dv360', 'display', null, 'Display'],
    ['gdn', 'banner', null, 'Display'],
    ['partner', 'retargeting', null, 'Paid Other'],
    ['etsy.com', 'referral', null, 'Organic Shopping'],
    ['m.facebook.com', 'referral', null, 'Organic Social'],
    ['t.co', 'referral', null, 'Organic Social'],
    ['forum', 'social-network', null, 'Organic Social'],
    ['vimeo', 'referral', null, 'Organic Video'],
    ['partner', 'video_promo', null, 'Organic Video'],
    ['duckduckgo', 'referral', null, 'Organic Search'],
    ['startpage', 'organic', null, 'Organic Search'],
    ['blog.example.com', 'referral', null, 'Referral'],
    ['partner-app', 'app', null, 'Referral'],
    ['newsletter', 'email', null, 'Email'],
    ['E-Mail', 'crm', null, 'Email'],
    ['partner', 'affiliate', null, 'Affiliates'],
    ['podcast', 'audio', null, 'Audio'],
    ['sms', 'text', null, 'SMS'],
    ['app', 'web_push', null, 'Mobile Push Notifications'],
    ['firebase', 'inapp', null, 'Mobile Push Notifications'],
    ['partner', 'print', null, 'Unassigned'],
  ];

  it('assigns each source / medium / campaign its channel, first matching rule wins', async () => {
    const file = join(dir, 'channels.ndjson');
    const start = Date.parse('2025-11-10T00:00:00Z') * 1000;
    const lines = TABLE.map(([manual_source, manual_medium, manual_campaign_name], i) =>
      JSON.stringify({
        event_date: '20251110',
        event_timestamp: String(start + i * 60_000_000),
        event_name: 'session_start',
        event_params: [{ key: 'ga_session_id', value: { string_value: null, int_value: String(1000 + i) } }],
        user_pseudo_id: `u${i}`,
        user_id: null,
        traffic_source: { source: 'google', medium: 'organic', name: '(organic)' },
        collected_traffic_source: { manual_source, manual_medium, manual_campaign_name, gclid: null },
      }),
    );
    writeFileSync(file, `${lines.join('\n')}\n`);
    const touches = await readGa4Touchpoints(db, { ...BASE, table: file });
    expect(touches.map((t) => t.channel)).toEqual(TABLE.map((row) => row[3]));
    expect(new Set(TABLE.map((row) => row[3]))).toEqual(new Set(GA4_DEFAULT_CHANNELS));
  });
});

describe('ga4TouchpointsSql', () => {
  const BQ: Ga4TouchpointsOptions = {
    ...BASE,
    table: 'acme-prod.analytics_123456.events_*',
    dialect: 'bigquery',
    from: '2025-11-01',
    to: '2025-11-08',
  };

  it('writes BigQuery SQL: wildcard table, _TABLE_SUFFIX window, UNNEST, TIMESTAMP_MICROS, @params (not run here)', () => {
    // BigQuery cannot run in this sandbox: these are textual checks of the dialect's constructs.
    const { sql, params } = ga4TouchpointsSql(BQ);
    expect(sql).toContain('FROM `acme-prod.analytics_123456.events_*`');
    expect(sql).toContain('WHERE _TABLE_SUFFIX BETWEEN @from AND @to');
    expect(sql).toContain("(SELECT MAX(value.int_value) FROM UNNEST(event_params) WHERE key = 'ga_session_id')");
    expect(sql).toContain('FROM UNNEST(event_params) WHERE key = @leadIdParam');
    expect(sql).toContain("FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%E3SZ', TIMESTAMP_MICROS(at_ts))");
    expect(sql).toContain('REGEXP_CONTAINS(');
    expect(sql).toContain('CAST(session_id AS STRING)');
    expect(sql).toContain('at_ts >= @fromMicros AND at_ts < @toMicros');
    for (const duck of ['read_json', 'unnest(event_params) AS p', 'make_timestamp', 'regexp_matches', 'VARCHAR'])
      expect(sql).not.toContain(duck);
    expect(sql).not.toMatch(/\$\w/);
    // Daily tables are widened by a day each way; the exact window is on the session start.
    expect(params).toEqual({
      from: '20251031',
      to: '20251109',
      leadIdParam: 'lead_id',
      fromMicros: Date.parse('2025-11-01T00:00:00Z') * 1000,
      toMicros: Date.parse('2025-11-08T00:00:00Z') * 1000,
    });
    expect(new Set(sql.match(/@\w+/g))).toEqual(new Set(Object.keys(params).map((k) => `@${k}`)));
    const code = sql.replace(/'[^']*'/g, "''"); // parentheses balance outside string literals
    expect(code.split('(').length).toBe(code.split(')').length);
  });

  it('uses one-sided suffix bounds, and none for a single daily table', () => {
    expect(ga4TouchpointsSql({ ...BQ, to: undefined }).sql).toContain('WHERE _TABLE_SUFFIX >= @from\n');
    expect(ga4TouchpointsSql({ ...BQ, from: undefined }).sql).toContain('WHERE _TABLE_SUFFIX <= @to\n');
    const daily = ga4TouchpointsSql({ ...BQ, table: 'analytics_123456.events_20251102' });
    expect(daily.sql).not.toContain('_TABLE_SUFFIX');
    expect(Object.keys(daily.params).sort()).toEqual(['fromMicros', 'leadIdParam', 'toMicros']);
  });

  it('binds every user value: DuckDB $params, none inlined', () => {
    const { sql, params } = ga4TouchpointsSql({ ...BASE, leadIdParam: 'crm_lead', from: '2025-11-03T10:00:00Z' });
    expect(sql).not.toContain('crm_lead');
    expect(sql).not.toContain(String(Date.parse('2025-11-03T10:00:00Z') * 1000));
    expect(sql).toContain("read_json('");
    expect(sql).toContain('make_timestamp(at_ts)');
    expect(new Set(sql.match(/\$\w+/g))).toEqual(new Set(Object.keys(params).map((k) => `$${k}`)));
  });

  it('refuses bad options with coded errors', () => {
    const bad: Partial<Ga4TouchpointsOptions>[] = [
      { table: "x.ndjson') UNION SELECT 1 --" },
      { table: 'events with space.ndjson' },
      { table: 'data.csv' },
      { dialect: 'bigquery', table: 'acme.analytics.sessions' },
      { dialect: 'bigquery', table: 'acme.analytics_1.events_*`; DROP' },
      { dialect: 'postgres' as never },
      { identity: 'email' as never },
      { sessionTouch: 'last_event' as never },
      { leadIdParam: "lead_id' OR 1=1" },
      { from: '2025-11-32' },
      { from: '2025-11-03T10:00:00' },
      { from: '2025-11-05', to: '2025-11-05' },
    ];
    for (const patch of bad)
      expect(
        codeOf(() => ga4TouchpointsSql({ ...BASE, ...patch })),
        JSON.stringify(patch),
      ).toBe('ga4:invalid_option');
    expect(codeOf(() => ga4TouchpointsSql({ ...BASE, table: 'ga4_events' }))).toBe('no error');
  });
});
