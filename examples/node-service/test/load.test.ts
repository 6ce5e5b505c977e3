import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultAgreement } from '@accord/core';
import autocannon from 'autocannon';
import { afterAll, describe, expect, it } from 'vitest';
import { openLeadStore } from '../src/leadStore';
import { type ServiceProcess, spawnService, stopService } from './child';
import { webhookLeads } from './leads';

// A bounded load test on 127.0.0.1: a fixed number of requests, 10 connections, each request a distinct
// lead. It prints throughput and latency; it asserts only correctness (a laptop's numbers are not a
// test). The service runs in its own process, as in production, so the client does not share its loop.
const REQUESTS = 2500;
const CONNECTIONS = 10;

const dir = mkdtempSync(join(tmpdir(), 'accord-node-service-load-'));
let service: ServiceProcess | undefined;

afterAll(async () => {
  if (service) await stopService(service);
  rmSync(dir, { recursive: true, force: true });
});

describe('load', () => {
  it('answers every valid lead with 2xx and stores every accepted lead when 10 connections post 2,500 leads', async () => {
    const dbPath = join(dir, 'load.duckdb');
    service = await spawnService(dbPath);
    const leads = webhookLeads(REQUESTS + CONNECTIONS * 2, { now: Date.now(), prefix: 'LOAD' });
    const bodies = leads.map((lead) => JSON.stringify(lead));
    let next = 0;
    const accepted = new Set<string>();
    const result = await autocannon({
      url: service.url,
      connections: CONNECTIONS,
      amount: REQUESTS,
      timeout: 10,
      requests: [
        {
          method: 'POST',
          path: '/webhooks/leads',
          headers: { 'content-type': 'application/json' },
          setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] as string }),
          onResponse: (status, body) => {
            if (status === 202) for (const d of JSON.parse(body).decisions) accepted.add(d.leadId);
          },
        },
      ],
    });
    const figures = {
      requests: result['2xx'] + result.non2xx,
      seconds: result.duration,
      'requests/s (mean)': Math.round(result.requests.average),
      'latency p50 ms': result.latency.p50,
      'latency p99 ms': result.latency.p99,
      'latency max ms': result.latency.max,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
    };
    console.log(`node-service load test (${CONNECTIONS} connections, 127.0.0.1):`);
    console.table(figures);

    expect(result.errors).toBe(0);
    expect(result.non2xx).toBe(0);
    expect(result['2xx']).toBe(REQUESTS);
    expect(accepted.size).toBe(REQUESTS);

    await stopService(service);
    service = undefined;
    const store = await openLeadStore({ path: dbPath, agreement: defaultAgreement });
    try {
      const stored = new Set((await store.decisions()).map((d) => d.leadId));
      expect([...accepted].filter((id) => !stored.has(id))).toEqual([]);
      const audit = await store.audit();
      expect(audit).toMatchObject({ leads: REQUESTS, decisions: REQUESTS, maxSeq: REQUESTS, stateSeq: REQUESTS });
    } finally {
      await store.close();
    }
  }, 90_000);
});
