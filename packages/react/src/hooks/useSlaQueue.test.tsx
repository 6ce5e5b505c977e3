import { createMemoryAdapter } from '@accord/adapters';
import {
  type Agreement,
  defaultAgreement,
  evaluateLeadSlas,
  generateSample,
  type Lead,
  rankByNextBreach,
  type SlaDefinition,
} from '@accord/core';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { createTestQueryClient } from '../_test/renderWithAccord';
import { AccordProvider } from '../provider/AccordProvider';
import type { AccordAdapter } from '../provider/adapter.types';
import { createManualClock, type ManualClock } from '../provider/clock';
import { type UseSlaQueueOptions, useSlaQueue } from './useSlaQueue';

const agreement = defaultAgreement as Agreement;
const MIN = 60_000;
// Tuesday 10 March 2026, 11:00 in New York (EDT): inside US business hours.
const NOW = Date.parse('2026-03-10T15:00:00Z');

/** A demo request that entered MQL `minutesAgo` minutes before NOW (first touch due 60 business minutes later). */
function demoLead(id: string, minutesAgo: number, extra: Partial<Lead> = {}): Lead {
  const at = new Date(NOW - minutesAgo * MIN).toISOString();
  return {
    id,
    createdAt: at,
    company: `Company ${id}`,
    email: `${id.toLowerCase()}@example.com`,
    ownerId: 'rep_ava',
    teamId: 'na_sales',
    attributes: { demoRequested: true },
    stageDates: { inquiry: at, mql: at },
    ...extra,
  };
}

function setup(
  leads: readonly Lead[],
  options: UseSlaQueueOptions = {},
  { clock = createManualClock(NOW), useAgreement = agreement }: { clock?: ManualClock; useAgreement?: Agreement } = {},
) {
  const adapter = createMemoryAdapter({ leads }, { agreement: useAgreement }) as AccordAdapter;
  const queryClient = createTestQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <AccordProvider agreement={useAgreement} adapter={adapter} clock={clock} queryClient={queryClient} locale="en-US">
      {children}
    </AccordProvider>
  );
  const hook = renderHook((props: UseSlaQueueOptions) => useSlaQueue(props), { wrapper, initialProps: options });
  return { ...hook, clock, adapter };
}

async function loaded(result: { current: ReturnType<typeof useSlaQueue> }) {
  await waitFor(() => expect(result.current.status).toBe('success'));
  return result.current;
}

const keys = (rows: readonly { key: string }[]) => rows.map((r) => r.key);

describe('useSlaQueue', () => {
  it('orders the rows exactly as rankByNextBreach orders the open clocks when evaluated at the same instant', async () => {
    const sample = generateSample({ leads: 300, seed: 3 });
    const asOf = Date.parse(sample.asOf);
    const adapter = createMemoryAdapter({ leads: sample.leads, activities: sample.activities }, { agreement });
    const { result } = setup([], { adapter: adapter as AccordAdapter }, { clock: createManualClock(asOf) });
    const queue = await loaded(result);
    const statuses = sample.leads.flatMap(
      (lead) =>
        evaluateLeadSlas(
          lead,
          sample.activities.filter((a) => a.leadId === lead.id),
          agreement,
          { now: asOf },
        ).statuses,
    );
    const open = rankByNextBreach(statuses).filter(
      (s) => s.state === 'running' || s.state === 'paused' || (s.state === 'breached' && s.stoppedAt === null),
    );
    expect(queue.rows.length).toBeGreaterThan(10);
    expect(keys(queue.rows)).toEqual(open.map((s) => `${s.leadId}:${s.slaId}`));
  });

  it('moves a clock from ok to warning to breached as a manual clock advances, with the escalation step due', async () => {
    const { result, clock } = setup([demoLead('L1', 10)], { defaultFilters: { slaId: 'demo_request_first_touch' } });
    const queue = await loaded(result);
    const row = queue.rows[0];
    if (!row) throw new Error('expected a row');
    expect(queue.getCountdown(row)).toMatchObject({ state: 'ok', remainingMinutes: 50, escalation: null });
    expect(queue.counts).toMatchObject({ ok: 1, warning: 0, breached: 0, all: 1 });

    act(() => clock.advance(25 * MIN)); // 35 of 60 minutes: past the 50 % warning
    expect(result.current.getCountdown(row)).toMatchObject({ state: 'warning', remainingMinutes: 25 });
    expect(result.current.counts).toMatchObject({ ok: 0, warning: 1, breached: 0 });

    act(() => clock.advance(30 * MIN)); // 65 minutes: 5 overdue
    const breached = result.current.getCountdown(row);
    expect(breached).toMatchObject({ state: 'breached', remainingMinutes: -5, share: 1 });
    expect(breached.escalation).toMatchObject({ step: 1, action: 'notify_owner', to: 'rep_ava' });
    expect(result.current.counts).toMatchObject({ ok: 0, warning: 0, breached: 1 });

    act(() => clock.advance(60 * MIN)); // one business hour after the due time: the manager
    expect(result.current.getCountdown(row).escalation).toMatchObject({ step: 2, action: 'notify_manager' });
  });

  it('keeps a paused clock paused however far the clock moves', async () => {
    const paused: Agreement = {
      ...agreement,
      slas: (agreement.slas ?? []).map(
        (s): SlaDefinition =>
          s.id === 'demo_request_first_touch' && s.kind === 'first_touch'
            ? { ...s, pause: { field: 'attributes.waitingOnProspect', op: 'eq', value: true } }
            : s,
      ),
    };
    const lead = demoLead('L1', 10, { attributes: { demoRequested: true, waitingOnProspect: true } });
    const { result, clock } = setup(
      [lead],
      { defaultFilters: { slaId: 'demo_request_first_touch' } },
      {
        useAgreement: paused,
      },
    );
    const queue = await loaded(result);
    const row = queue.rows[0];
    if (!row) throw new Error('expected a row');
    expect(queue.getCountdown(row)).toMatchObject({ state: 'paused', remainingMinutes: 50 });
    act(() => clock.advance(3 * 24 * 60 * MIN));
    expect(result.current.getCountdown(row)).toMatchObject({ state: 'paused', remainingMinutes: 50 });
    expect(result.current.counts.paused).toBe(1);
  });

  it('counts remaining business minutes, not wall time, across a weekend', async () => {
    // Friday 9 January 2026, 16:30 EST: 30 business minutes pass before closing, 30 remain for Monday.
    const friday = Date.parse('2026-01-09T21:30:00Z');
    const lead: Lead = {
      id: 'L-fri',
      createdAt: '2026-01-09T21:30:00Z',
      company: 'Northwind',
      ownerId: 'rep_ava',
      teamId: 'na_sales',
      attributes: { demoRequested: true },
      stageDates: { inquiry: '2026-01-09T21:30:00Z', mql: '2026-01-09T21:30:00Z' },
    };
    const clock = createManualClock(friday + 10 * MIN);
    const { result } = setup([lead], { defaultFilters: { slaId: 'demo_request_first_touch' } }, { clock });
    const queue = await loaded(result);
    const row = queue.rows[0];
    if (!row) throw new Error('expected a row');
    expect(row.calendarId).toBe('us_business');
    expect(queue.getCountdown(row)).toMatchObject({ state: 'ok', remainingMinutes: 50 });

    act(() => clock.set('2026-01-10T17:00:00Z')); // Saturday noon
    expect(result.current.getCountdown(row)).toMatchObject({ state: 'warning', remainingMinutes: 30 });
    act(() => clock.set('2026-01-11T23:00:00Z')); // Sunday evening
    expect(result.current.getCountdown(row)).toMatchObject({ state: 'warning', remainingMinutes: 30 });
    act(() => clock.set('2026-01-12T14:20:00Z')); // Monday 09:20
    expect(result.current.getCountdown(row)).toMatchObject({ state: 'warning', remainingMinutes: 10 });
    act(() => clock.set('2026-01-12T14:45:00Z')); // Monday 09:45
    expect(result.current.getCountdown(row)).toMatchObject({ state: 'breached', remainingMinutes: -15 });
  });

  it('filters by side, SLA, owner and free text, and counts per state without the state filter', async () => {
    const leads = [
      demoLead('L1', 70, { company: 'Northwind Traders' }),
      demoLead('L2', 40, { ownerId: 'rep_ben', company: 'Contoso' }),
      demoLead('L3', 5, {
        company: 'Fabrikam',
        attributes: { demoRequested: true, firstName: 'Ana', lastName: 'Silva' },
      }),
    ];
    const { result } = setup(leads);
    const queue = await loaded(result);
    expect(queue.choices.owners).toEqual(['rep_ava', 'rep_ben']);
    expect(queue.choices.slas.map((s) => s.id)).toEqual(['demo_request_first_touch', 'mql_disposition', 'mql_touches']);
    expect(queue.rows).toHaveLength(9);

    act(() => result.current.setFilter('slaId', 'demo_request_first_touch'));
    expect(keys(result.current.rows)).toEqual([
      'L1:demo_request_first_touch',
      'L2:demo_request_first_touch',
      'L3:demo_request_first_touch',
    ]);
    expect(result.current.counts).toEqual({ ok: 1, warning: 1, breached: 1, paused: 0, all: 3 });

    act(() => result.current.setFilter('state', 'warning'));
    expect(keys(result.current.rows)).toEqual(['L2:demo_request_first_touch']);
    expect(result.current.counts.all).toBe(3);

    act(() => result.current.setFilters({ ownerId: 'rep_ava', search: '  ana SIL ' }));
    expect(keys(result.current.rows)).toEqual(['L3:demo_request_first_touch', 'L3:mql_disposition', 'L3:mql_touches']);
    act(() => result.current.setFilters({ search: 'northwind', side: 'sales' }));
    expect(result.current.rows.every((r) => r.leadId === 'L1')).toBe(true);
    act(() => result.current.setFilter('side', 'marketing'));
    expect(result.current.rows).toHaveLength(0);
    expect(result.current.isFiltered).toBe(true);

    act(() => result.current.resetFilters());
    expect(result.current.rows).toHaveLength(9);
    expect(result.current.isFiltered).toBe(false);
  });

  it('reports filter changes without applying them when the filters are controlled', async () => {
    const onFiltersChange = vi.fn();
    const { result, rerender } = setup([demoLead('L1', 70), demoLead('L2', 5)], {
      filters: { slaId: 'mql_touches' },
      onFiltersChange,
    });
    await loaded(result);
    expect(result.current.rows).toHaveLength(2);
    act(() => result.current.setFilter('state', 'breached'));
    expect(onFiltersChange).toHaveBeenCalledWith({ slaId: 'mql_touches', state: 'breached' });
    expect(result.current.filters).toEqual({ slaId: 'mql_touches' });
    rerender({ filters: { slaId: 'demo_request_first_touch', state: 'breached' }, onFiltersChange });
    expect(keys(result.current.rows)).toEqual(['L1:demo_request_first_touch']);
  });

  it('re-derives row states on a tick only when the clock crosses a warning or due instant', async () => {
    const { result, clock } = setup([demoLead('L1', 10), demoLead('L2', 20)], {
      defaultFilters: { state: 'ok' },
    });
    await loaded(result);
    const before = result.current.rows;
    act(() => clock.advance(1000));
    expect(result.current.rows).toBe(before); // no state changed: same array
    act(() => clock.advance(10 * MIN)); // L2 passes its 30-minute warning
    expect(result.current.rows).not.toBe(before);
    expect(result.current.rows.some((r) => r.key === 'L2:demo_request_first_touch')).toBe(false);
  });

  it('throws a wiring error without an adapter', () => {
    const wrapper = ({ children }: { children: ReactNode }) => (
      <AccordProvider agreement={agreement}>{children}</AccordProvider>
    );
    expect(() => renderHook(() => useSlaQueue(), { wrapper })).toThrow('[accord] useSlaQueue needs an adapter');
  });
});
