import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRouter, defaultAgreement, type Lead } from '@accord/core';
import { afterAll, describe, expect, it } from 'vitest';
import { type LeadDecision, openLeadStore } from '../src/leadStore';
import { type ServiceProcess, spawnService, stopService } from './child';
import { webhookLeads } from './leads';

// SIGKILL in the middle of a burst: no clean shutdown, no flush. Every lead the service answered 2xx
// for must be there after a restart on the same file; a lead that got no answer may be there or not,
// but never half-written (a lead without its decision or clocks, a routing state that disagrees).
const WORKERS = 8;
const KILL_AFTER_ACKS = 200;

const dir = mkdtempSync(join(tmpdir(), 'accord-node-service-crash-'));
const running: ServiceProcess[] = [];

afterAll(async () => {
  for (const service of running) await stopService(service);
  rmSync(dir, { recursive: true, force: true });
});

const post = (url: string, body: unknown) =>
  fetch(`${url}/webhooks/leads`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('crash', () => {
  it('keeps every acknowledged lead and a consistent routing state when the process is killed mid-burst', async () => {
    const dbPath = join(dir, 'crash.duckdb');
    const first = await spawnService(dbPath);
    running.push(first);
    // Singles and batches of three, so a batch cut by the kill is stored whole or not at all.
    const leads = webhookLeads(4000, { now: Date.now(), prefix: 'CRASH' });
    const acked = new Map<string, LeadDecision>();
    const unanswered = new Set<string>();
    const sent: string[][] = [];
    let next = 0;
    let killed = false;
    const worker = async (w: number) => {
      while (!killed && next < leads.length) {
        const size = w % 2 === 0 ? 1 : 3;
        const batch = leads.slice(next, next + size);
        next += size;
        sent.push(batch.map((l) => l.id));
        try {
          const response = await post(first.url, batch);
          const body = (await response.json()) as { decisions: LeadDecision[] };
          expect(response.status).toBe(202);
          for (const d of body.decisions) acked.set(d.leadId, d);
          if (acked.size >= KILL_AFTER_ACKS && !killed) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        } catch (error) {
          if (!killed) throw error;
          for (const lead of batch) unanswered.add(lead.id);
        }
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
    expect(await first.exited).toBe('SIGKILL');
    running.pop();
    console.log(
      `crash test: ${acked.size} leads acknowledged before SIGKILL, ${unanswered.size} in flight without an answer`,
    );

    // Restart on the same file: every acknowledged lead is there, with the decision it was answered with.
    const second = await spawnService(dbPath);
    running.push(second);
    const ackedLeads = leads.filter((l) => acked.has(l.id));
    for (let i = 0; i < ackedLeads.length; i += 100) {
      const response = await post(second.url, ackedLeads.slice(i, i + 100));
      expect(response.status).toBe(200);
      for (const d of ((await response.json()) as { decisions: LeadDecision[] }).decisions)
        expect(d).toEqual({ ...acked.get(d.leadId), status: 'duplicate' });
    }
    // New leads after the restart continue the routing order.
    const health = (await (await fetch(`${second.url}/healthz`)).json()) as { leads: number; routingSeq: number };
    expect(health.routingSeq).toBe(health.leads);
    const after = await post(second.url, webhookLeads(10, { now: Date.now(), prefix: 'AFTER' }));
    expect(after.status).toBe(202);
    const afterSeqs = ((await after.json()) as { decisions: LeadDecision[] }).decisions.map((d) => d.seq);
    expect(afterSeqs).toEqual(Array.from({ length: 10 }, (_, i) => health.routingSeq + i + 1));
    await stopService(second);
    running.pop();

    const store = await openLeadStore({ path: dbPath, agreement: defaultAgreement });
    try {
      const audit = await store.audit();
      console.log('crash test: store after restart', audit);
      // Nothing half-written: every lead row has its decision and clocks, and the state includes exactly them.
      expect(audit.leadsWithoutDecision).toBe(0);
      expect(audit.decisionsWithoutLead).toBe(0);
      expect(audit.clocks).toBe(audit.clocksInDecisions);
      expect(audit.maxSeq).toBe(audit.decisions);
      expect(audit.stateSeq).toBe(audit.decisions);
      const decisions = await store.decisions();
      expect(decisions.map((d) => d.seq)).toEqual(decisions.map((_, i) => i + 1));
      const stored = new Set(decisions.map((d) => d.leadId));
      const landed = [...unanswered].filter((id) => stored.has(id)).length;
      console.log(`crash test: of the ${unanswered.size} unanswered leads, ${landed} were committed before the kill`);
      expect([...acked.keys()].filter((id) => !stored.has(id))).toEqual([]);
      // Batches are atomic: of each batch of three, all or none.
      for (const batch of sent) expect([0, batch.length]).toContain(batch.filter((id) => stored.has(id)).length);
      // The routing state is the one replaying the stored decisions gives.
      const byId = new Map((await store.leads()).map((l) => [l.id, l]));
      const replay = createRouter(defaultAgreement);
      for (const d of decisions) {
        const { ownerId, ...input } = byId.get(d.leadId) as Lead;
        expect(replay.route(input, { now: Date.parse(d.receivedAt) }).assignee).toEqual(d.owner);
      }
      expect((await store.routingState()).state).toEqual(replay.state());
    } finally {
      await store.close();
    }
  }, 120_000);
});
