import { describe, expect, it } from 'vitest';
import { toEpochMs } from '../_lib/instant';
import { defaultAgreement } from '../agreement/defaultAgreement';
import { compileCriteria } from '../criteria/compileCriteria';
import { deriveLifecycle } from '../lifecycle/deriveLifecycle';
import { validateRecords } from '../records/validateRecords';
import { generateSample } from './generateSample';

const sample = generateSample({ leads: 3000, seed: 7 });
const order = new Map(defaultAgreement.stages.map((s, i) => [s.id, i]));

describe('generateSample', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateSample({ leads: 3000, seed: 7 })).toEqual(sample);
    expect(generateSample({ leads: 3000, seed: 8 }).leads).not.toEqual(sample.leads);
  });

  it('produces only schema-valid records when no bad rows are asked for', () => {
    for (const kind of [
      'leads',
      'accounts',
      'stageEvents',
      'activities',
      'touchpoints',
      'opportunities',
      'spend',
    ] as const) {
      const { issues, records } = validateRecords(kind, sample[kind] as unknown[]);
      expect(issues, kind).toEqual([]);
      expect(records.length, kind).toBeGreaterThan(0);
    }
    expect(sample.leads).toHaveLength(3000);
  });

  it('walks the funnel in order and never past the export instant', () => {
    const asOf = toEpochMs(sample.asOf);
    for (const lead of sample.leads) {
      const life = deriveLifecycle(lead, defaultAgreement);
      expect(life.issues).toEqual([]);
      const ranked = life.history.map((v) => order.get(v.stage) as number);
      expect(ranked).toEqual([...ranked].sort((a, b) => a - b));
      for (const v of life.history) expect(v.enteredAt).toBeLessThanOrEqual(asOf);
    }
    for (const a of sample.activities) expect(toEpochMs(a.at)).toBeLessThanOrEqual(asOf);
  });

  it('mostly respects the entry criteria, with the small share of exceptions real CRMs have', () => {
    let checked = 0;
    let broken = 0;
    for (const lead of sample.leads) {
      for (const stage of defaultAgreement.stages) {
        if (!stage.entry || !lead.stageDates?.[stage.id]) continue;
        checked++;
        if (!compileCriteria(stage.entry)(lead, { now: lead.stageDates[stage.id] as string })) broken++;
      }
    }
    expect(checked).toBeGreaterThan(3000);
    expect(broken / checked).toBeLessThan(0.03);
  });

  it('has a realistic funnel: MQL share, acceptance and win rate within plausible bands', () => {
    const reached = (stage: string) => sample.leads.filter((l) => l.stageDates?.[stage] !== undefined).length;
    const mql = reached('mql') / reached('inquiry');
    const accepted = reached('sal') / reached('mql');
    const won = reached('closed_won') / (reached('closed_won') + reached('closed_lost'));
    expect(mql).toBeGreaterThan(0.15);
    expect(mql).toBeLessThan(0.45);
    expect(accepted).toBeGreaterThan(0.4);
    expect(accepted).toBeLessThan(0.85);
    expect(won).toBeGreaterThan(0.15);
    expect(won).toBeLessThan(0.6);
  });

  it('varies lead quality by source', () => {
    const rate = (source: string) => {
      const leads = sample.leads.filter((l) => l.source === source);
      return leads.filter((l) => l.stageDates?.mql).length / leads.length;
    };
    expect(rate('referral')).toBeGreaterThan(rate('social'));
  });

  it('touches a lead only after it became an MQL, by its owner', () => {
    const byId = new Map(sample.leads.map((l) => [l.id, l]));
    for (const a of sample.activities) {
      const lead = byId.get(a.leadId);
      expect(lead?.ownerId).toBeDefined();
      expect(toEpochMs(a.at)).toBeGreaterThanOrEqual(toEpochMs(lead?.stageDates?.mql as string));
    }
    const firstTouch = sample.leads.filter((l) => l.firstTouchAt);
    for (const lead of firstTouch) {
      const first = Math.min(...sample.activities.filter((a) => a.leadId === lead.id).map((a) => toEpochMs(a.at)));
      expect(first).toBe(toEpochMs(lead.firstTouchAt as string));
    }
  });

  it('records disposition reasons from the agreement, with required details', () => {
    const reasons = new Map((defaultAgreement.dispositions ?? []).map((r) => [r.id, r]));
    const disposed = sample.leads.filter((l) => l.disposition);
    expect(disposed.length).toBeGreaterThan(50);
    for (const lead of disposed) {
      const reason = reasons.get(lead.disposition?.reasonId as never);
      expect(reason).toBeDefined();
      if (reason?.detail?.required) expect(lead.disposition?.detail).toBeTruthy();
    }
  });

  it('creates one opportunity per lead that reached the opportunity stage', () => {
    const withOpp = sample.leads.filter((l) => l.stageDates?.opportunity);
    expect(sample.opportunities).toHaveLength(withOpp.length);
    expect(sample.opportunities.every((o) => o.amount > 0 && o.currency === 'USD')).toBe(true);
  });

  it('breaks exactly the rows asked for, and each break is caught where it should be', () => {
    const broken = generateSample({ leads: 500, seed: 3, badRows: 6 });
    expect(broken.badRows).toHaveLength(6);
    const schema = validateRecords('leads', broken.leads);
    const lifecycleIssues = broken.leads.flatMap((l) => deriveLifecycle(l, defaultAgreement).issues);
    expect(schema.issues.map((i) => i.path.slice(2).join('.')).sort()).toEqual([
      'amount',
      'createdAt',
      'firstTouchAt',
      'id',
    ]);
    expect(lifecycleIssues.map((i) => i.code).sort()).toContain('unknown_stage');
    expect(lifecycleIssues.map((i) => i.code)).toContain('stage_out_of_order');
  });

  it('refuses nonsense options with a programmer error', () => {
    expect(() => generateSample({ leads: -1, seed: 1 })).toThrow(/\[accord\]/);
    expect(() => generateSample({ leads: 10, seed: 1.5 })).toThrow(/seed/);
    expect(() => generateSample({ leads: 10, seed: 1, start: '2026-02-30' })).toThrow(/start/);
    expect(() => generateSample({ leads: 10, seed: 1, badRows: 11 })).toThrow(/badRows/);
  });
});
