import { olistFunnel } from '@accord-internal/fixtures';
import { TZDateMini } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import { defaultAgreement } from '../agreement/defaultAgreement';
import type { Lead, StageEvent } from '../records/records.types';
import { deriveLifecycle } from './deriveLifecycle';

const H = 3_600_000;
const t0 = Date.UTC(2026, 2, 2, 14, 0);
const at = (hours: number) => new Date(t0 + hours * H).toISOString();

describe('deriveLifecycle', () => {
  it('orders stage dates and measures the time in each stage', () => {
    const lead: Lead = { id: 'L1', createdAt: at(0), stageDates: { sal: at(30), inquiry: at(0), mql: at(2) } };
    const life = deriveLifecycle(lead, defaultAgreement, { now: at(54) });
    expect(life.history.map((v) => [v.stage, v.durationMs])).toEqual([
      ['inquiry', 2 * H],
      ['mql', 28 * H],
      ['sal', 24 * H],
    ]);
    expect(life.current).toBe('sal');
    expect(life.currentSince).toBe(t0 + 30 * H);
    expect(life.reached).toEqual(['inquiry', 'mql', 'sal']);
    expect(life.furthest).toBe('sal');
    expect(life.skipped).toEqual([]);
    expect(life.timeInStage).toEqual({ inquiry: 2 * H, mql: 28 * H, sal: 24 * H });
    expect(life.issues).toEqual([]);
  });

  it('leaves the current stay open without now, and stops the clock in a terminal stage', () => {
    const open = deriveLifecycle({ id: 'L', createdAt: at(0), stageDates: { inquiry: at(0) } }, defaultAgreement);
    expect(open.history[0]?.durationMs).toBeNull();
    const won = deriveLifecycle(
      { id: 'L', createdAt: at(0), stageDates: { opportunity: at(1), closed_won: at(5) } },
      defaultAgreement,
      { now: at(100) },
    );
    expect(won.history.at(-1)).toMatchObject({ stage: 'closed_won', durationMs: null });
  });

  it('lists the funnel stages a lead skipped', () => {
    const life = deriveLifecycle(
      { id: 'L', createdAt: at(0), stageDates: { mql: at(0), opportunity: at(10) } },
      defaultAgreement,
    );
    expect(life.skipped).toEqual(['inquiry', 'sal', 'sql']);
    expect(life.furthest).toBe('opportunity');
  });

  it('treats a lead without stage data as an inquiry since its creation', () => {
    const life = deriveLifecycle({ id: 'L', createdAt: at(0) }, defaultAgreement, { now: at(3) });
    expect(life.history).toEqual([
      { stage: 'inquiry', enteredAt: t0, exitedAt: null, durationMs: 3 * H, cycle: 1, implicit: true },
    ]);
  });

  it('counts recycles and cycles from stage events', () => {
    const events: StageEvent[] = [
      { leadId: 'L', stage: 'inquiry', at: at(0) },
      { leadId: 'L', stage: 'mql', at: at(1) },
      { leadId: 'L', stage: 'recycled', at: at(5) },
      { leadId: 'L', stage: 'mql', at: at(100) },
      { leadId: 'L', stage: 'mql', at: at(101) },
      { leadId: 'L', stage: 'sal', at: at(110) },
    ];
    const life = deriveLifecycle(events, defaultAgreement, { now: at(120) });
    expect(life.history.map((v) => [v.stage, v.cycle])).toEqual([
      ['inquiry', 1],
      ['mql', 1],
      ['recycled', 1],
      ['mql', 2],
      ['sal', 2],
    ]);
    expect(life.recycleCount).toBe(1);
    expect(life.cycle).toBe(2);
    expect(life.timeInStage.mql).toBe(4 * H + 10 * H);
  });

  it('keeps events at the same instant in their input order', () => {
    const life = deriveLifecycle(
      [
        { leadId: 'L', stage: 'inquiry', at: at(0) },
        { leadId: 'L', stage: 'mql', at: at(0) },
      ],
      defaultAgreement,
    );
    expect(life.current).toBe('mql');
  });

  it('reports unknown stages, unreadable dates and out-of-order stages, and derives the rest', () => {
    const lead: Lead = {
      id: 'L',
      createdAt: at(0),
      stageDates: { inquiry: at(5), mql: at(1), sqll: at(2), sal: '31/02/2026' },
    };
    const life = deriveLifecycle(lead, defaultAgreement);
    expect(life.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['unknown_stage', 'stageDates.sqll'],
      ['invalid_instant', 'stageDates.sal'],
      ['stage_out_of_order', 'stageDates.mql'],
    ]);
    expect(life.issues[2]?.message).toBe('Entered "mql" before "inquiry", which comes earlier in the funnel.');
    expect(life.history.map((v) => v.stage)).toEqual(['mql', 'inquiry']);
  });

  it('reports events of several leads passed together', () => {
    const life = deriveLifecycle(
      [
        { leadId: 'A', stage: 'inquiry', at: at(0) },
        { leadId: 'B', stage: 'mql', at: at(1) },
      ],
      defaultAgreement,
    );
    expect(life.issues[0]?.code).toBe('invalid_argument');
  });

  it('matches an independent count on the real Olist marketing funnel', () => {
    const { mqls, deals } = olistFunnel();
    const local = (text: string) => {
      const [d, time = '00:00:00'] = text.split(' ');
      const [y, m, day] = (d as string).split('-').map(Number) as [number, number, number];
      const [h, mi, s] = time.split(':').map(Number) as [number, number, number];
      return new TZDateMini(y, m - 1, day, h, mi, s, 0, 'America/Sao_Paulo').toISOString();
    };
    const wonBy = new Map(deals.map((d) => [d.mql_id as string, d.won_date as string]));
    const leads: Lead[] = mqls.map((row) => {
      const created = local(row.first_contact_date as string);
      const stageDates: Record<string, string> = { mql: created };
      const won = wonBy.get(row.mql_id as string);
      if (won) stageDates.closed_won = local(won);
      return {
        id: row.mql_id as string,
        createdAt: created,
        ...(row.origin ? { source: row.origin } : {}),
        stageDates,
      };
    });
    // Independent figures, straight from the CSV text.
    const firstContact = new Map(mqls.map((r) => [r.mql_id as string, r.first_contact_date as string]));
    const wonBeforeContact = deals.filter(
      (d) => (d.won_date as string) < (firstContact.get(d.mql_id as string) as string),
    ).length;

    const lives = leads.map((lead) => deriveLifecycle(lead, defaultAgreement));
    expect(lives.filter((l) => l.reached.includes('mql'))).toHaveLength(8000);
    expect(lives.filter((l) => l.reached.includes('closed_won'))).toHaveLength(deals.length);
    const outOfOrder = lives.flatMap((l) => l.issues).filter((i) => i.code === 'stage_out_of_order');
    expect(outOfOrder).toHaveLength(wonBeforeContact);
    expect(wonBeforeContact).toBe(1);
  });
});
