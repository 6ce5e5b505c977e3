import { createMemoryAdapter } from '@accord/adapters';
import { type Agreement, defaultAgreement, type Lead } from '@accord/core';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { expectNoAxeViolations } from '../../_test/expectNoAxeViolations';
import { renderWithAccord } from '../../_test/renderWithAccord';
import type { AccordAdapter } from '../../provider/adapter.types';
import { createManualClock } from '../../provider/clock';
import { SlaQueue } from './SlaQueue';

const agreement = defaultAgreement as Agreement;
const MIN = 60_000;
// Tuesday 10 March 2026, 11:00 in New York (EDT): inside US business hours.
const NOW = Date.parse('2026-03-10T15:00:00Z');
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

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

const memory = (leads: readonly Lead[]) => createMemoryAdapter({ leads }, { agreement }) as AccordAdapter;

/** An adapter whose lead list never settles (loading) or rejects (error). */
function stubAdapter(listLeads: () => Promise<never>): AccordAdapter {
  const none = async () => ({ records: [], nextCursor: null });
  return {
    name: 'stub',
    capabilities: {
      lists: { leads: true, activities: false, touchpoints: false, opportunities: false, spend: false },
      writeDisposition: false,
      runScorecard: false,
    },
    listLeads,
    listActivities: none,
    listTouchpoints: none,
    listOpportunities: none,
    listSpend: none,
  };
}

const grid = () => screen.getByRole('grid', { name: 'SLA queue' });
const dataRows = () => within(grid()).getAllByRole('row').slice(1);
const rowByCompany = (company: string) => {
  const row = dataRows().find((r) => r.textContent?.includes(company));
  if (!row) throw new Error(`no row for ${company}`);
  return row;
};

describe('SlaQueue', () => {
  it('renders a busy skeleton with a status message while loading', async () => {
    const { container } = renderWithAccord(<SlaQueue />, { adapter: stubAdapter(() => new Promise(() => {})) });
    const root = container.firstElementChild as HTMLElement;
    expect(root.getAttribute('aria-busy')).toBe('true');
    expect(root.dataset['state']).toBe('loading');
    expect(screen.getByRole('status').textContent).toBe('Loading the SLA queue…');
    expect(screen.queryByRole('grid')).toBeNull();
    await expectNoAxeViolations(container);
  });

  it('renders an alert with a Retry button when the adapter fails, and retries on click', async () => {
    const listLeads = vi.fn(() => Promise.reject(new Error('boom')));
    const user = userEvent.setup();
    const { container } = renderWithAccord(<SlaQueue />, { adapter: stubAdapter(listLeads) });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('The SLA queue could not be loaded. Retry');
    await expectNoAxeViolations(container);
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(listLeads).toHaveBeenCalledTimes(2));
  });

  it('says there are no open clocks when no lead has one', async () => {
    const { container } = renderWithAccord(<SlaQueue />, { adapter: memory([]) });
    expect(await screen.findByText('No open SLA clocks')).toBeTruthy();
    expect(screen.queryByRole('grid')).toBeNull();
    await expectNoAxeViolations(container);
  });

  it('renders each open clock with its lead, owner, SLA, state, countdown and bar', async () => {
    const { container } = renderWithAccord(<SlaQueue defaultFilters={{ slaId: 'demo_request_first_touch' }} />, {
      adapter: memory([demoLead('L1', 10), demoLead('L2', 40), demoLead('L3', 75)]),
    });
    await screen.findByRole('grid');
    expect(grid().getAttribute('aria-rowcount')).toBe('4');
    expect(dataRows().map((r) => [r.getAttribute('aria-rowindex'), r.dataset['state']])).toEqual([
      ['2', 'breached'],
      ['3', 'warning'],
      ['4', 'ok'],
    ]);
    const ok = rowByCompany('Company L1');
    const cells = within(ok)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells).toEqual([
      'Company L1l1@example.com',
      'rep_ava',
      'Demo requests: first touch within 1 business hour',
      'On time',
      '50 min left',
      '',
    ]);
    const bar = ok.querySelector('.accord-SlaQueue-bar') as HTMLElement;
    expect(bar.dataset['state']).toBe('ok');
    expect(bar.style.getPropertyValue('--accord-sla-share')).toBe(String(Math.round((10 / 60) * 1000) / 1000));
    expect(within(rowByCompany('Company L3')).getByText('Overdue by 15 min')).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Open clocks by state' }).textContent).toBe(
      '1 Breached1 Warning1 On time0 Paused',
    );
    await expectNoAxeViolations(container);
  });

  it('moves a row from ok to warning to breached, with an escalation badge, as a manual clock advances', async () => {
    const clock = createManualClock(NOW);
    renderWithAccord(<SlaQueue defaultFilters={{ slaId: 'demo_request_first_touch' }} />, {
      adapter: memory([demoLead('L1', 10)]),
      clock,
    });
    await screen.findByRole('grid');
    expect(rowByCompany('Company L1').dataset['state']).toBe('ok');
    expect(within(rowByCompany('Company L1')).getByText('50 min left')).toBeTruthy();

    act(() => clock.advance(25 * MIN));
    expect(rowByCompany('Company L1').dataset['state']).toBe('warning');
    expect(within(rowByCompany('Company L1')).getByText('25 min left')).toBeTruthy();

    act(() => clock.advance(35 * MIN + 30_000));
    const row = rowByCompany('Company L1');
    expect(row.dataset['state']).toBe('breached');
    expect(within(row).getByText('Overdue by 10 min')).toBeTruthy();
    expect(row.querySelector('.accord-SlaQueue-escalation')?.textContent).toBe('Step 1: Notify owner → rep_ava');
  });

  it('shows the remaining business time of a business-hours clock across a weekend', async () => {
    // Friday 9 January 2026, 16:30 EST: 30 business minutes pass before closing, 30 remain for Monday.
    const lead: Lead = {
      ...demoLead('L-fri', 0, { company: 'Northwind' }),
      createdAt: '2026-01-09T21:30:00Z',
      stageDates: { inquiry: '2026-01-09T21:30:00Z', mql: '2026-01-09T21:30:00Z' },
    };
    const clock = createManualClock('2026-01-10T17:00:00Z'); // Saturday noon
    renderWithAccord(<SlaQueue defaultFilters={{ slaId: 'demo_request_first_touch' }} />, {
      adapter: memory([lead]),
      clock,
    });
    await screen.findByRole('grid');
    expect(within(rowByCompany('Northwind')).getByText('30 min left')).toBeTruthy();
    act(() => clock.set('2026-01-12T14:00:00Z')); // Monday 09:00: nothing counted over the weekend
    expect(within(rowByCompany('Northwind')).getByText('30 min left')).toBeTruthy();
    act(() => clock.set('2026-01-12T14:35:00Z'));
    expect(within(rowByCompany('Northwind')).getByText('Overdue by 5 min')).toBeTruthy();
  });

  it('renders only a window of rows for 10,000 leads while aria-rowcount gives the full size', async () => {
    const leads = Array.from({ length: 10_000 }, (_, i) => demoLead(`L${String(i).padStart(5, '0')}`, i % 120));
    renderWithAccord(<SlaQueue defaultFilters={{ slaId: 'demo_request_first_touch' }} />, { adapter: memory(leads) });
    await screen.findByRole('grid', undefined, { timeout: 20_000 });
    expect(grid().getAttribute('aria-rowcount')).toBe('10001'); // 10,000 rows + the header row
    const rendered = dataRows();
    expect(rendered.length).toBeGreaterThan(5);
    expect(rendered.length).toBeLessThan(40);
    expect(rendered[0]?.getAttribute('aria-rowindex')).toBe('2');
    expect(screen.getByRole('list', { name: 'Open clocks by state' }).textContent).toBe(
      '4,980 Breached2,500 Warning2,520 On time0 Paused',
    );
  }, 60_000);

  it('moves the active row with the keyboard and opens the lead on Enter', async () => {
    const onOpenLead = vi.fn();
    const user = userEvent.setup();
    const leads = Array.from({ length: 30 }, (_, i) => demoLead(`L${String(i).padStart(2, '0')}`, i));
    const { container } = renderWithAccord(
      <SlaQueue defaultFilters={{ slaId: 'demo_request_first_touch' }} onOpenLead={onOpenLead} />,
      { adapter: memory(leads) },
    );
    await screen.findByRole('grid');
    const activeRow = () => document.getElementById(grid().getAttribute('aria-activedescendant') ?? '');
    // Tab through the five filter controls to the grid.
    for (let i = 0; i < 6; i++) await user.tab();
    expect(document.activeElement).toBe(grid());
    expect(activeRow()?.getAttribute('aria-rowindex')).toBe('2');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(activeRow()?.getAttribute('aria-rowindex')).toBe('4');
    expect(activeRow()?.hasAttribute('data-active')).toBe(true);
    await user.keyboard('{ArrowUp}');
    expect(activeRow()?.getAttribute('aria-rowindex')).toBe('3');
    await user.keyboard('{End}');
    expect(activeRow()?.getAttribute('aria-rowindex')).toBe('31');
    await user.keyboard('{PageUp}');
    expect(Number(activeRow()?.getAttribute('aria-rowindex'))).toBeLessThan(31);
    await user.keyboard('{Home}');
    expect(activeRow()?.getAttribute('aria-rowindex')).toBe('2');
    await user.keyboard('{PageDown}');
    expect(Number(activeRow()?.getAttribute('aria-rowindex'))).toBeGreaterThan(2);
    await user.keyboard('{Home}{ArrowDown}{Enter}');
    expect(onOpenLead).toHaveBeenCalledTimes(1);
    // Most recent MQLs are due last: the second row is the second-oldest lead.
    expect(onOpenLead.mock.calls[0]?.[0]).toMatchObject({ leadId: 'L28', slaId: 'demo_request_first_touch' });
    await expectNoAxeViolations(container);
  });

  it('filters with labelled native controls and shows the filtered-empty state', async () => {
    const user = userEvent.setup();
    const { container } = renderWithAccord(<SlaQueue />, {
      adapter: memory([demoLead('L1', 10, { company: 'Northwind' }), demoLead('L2', 70, { ownerId: 'rep_ben' })]),
    });
    await screen.findByRole('grid');
    expect(dataRows()).toHaveLength(6);
    await user.selectOptions(screen.getByLabelText('SLA'), 'demo_request_first_touch');
    expect(dataRows()).toHaveLength(2);
    await user.selectOptions(screen.getByLabelText('State'), 'breached');
    expect(dataRows().map((r) => r.textContent?.includes('Company L2'))).toEqual([true]);
    await user.selectOptions(screen.getByLabelText('Owner'), 'rep_ava');
    expect(screen.queryByRole('grid')).toBeNull();
    expect(screen.getByText(/No clocks match these filters/)).toBeTruthy();
    await expectNoAxeViolations(container);
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(dataRows()).toHaveLength(6);
    await user.type(screen.getByLabelText('Search'), 'northw');
    expect(dataRows().every((r) => r.textContent?.includes('Northwind'))).toBe(true);
    await user.selectOptions(screen.getByLabelText('Side'), 'marketing');
    expect(screen.getByText(/No clocks match these filters/)).toBeTruthy();
  });

  it('renders hostile lead, company and owner names as text and creates no elements from them', async () => {
    const lead = demoLead('L1', 10, {
      company: HOSTILE,
      ownerId: HOSTILE,
      attributes: { demoRequested: true, name: HOSTILE },
    });
    const { container } = renderWithAccord(<SlaQueue />, { adapter: memory([lead]) });
    await screen.findByRole('grid');
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelectorAll('[onerror]')).toHaveLength(0);
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
    const row = dataRows()[0] as HTMLElement;
    expect(row.querySelector('.accord-SlaQueue-company')?.textContent).toBe(HOSTILE);
    expect(row.querySelector('.accord-SlaQueue-name')?.textContent).toBe(HOSTILE);
    expect(row.querySelector('.accord-SlaQueue-owner')?.textContent).toBe(HOSTILE);
    expect(within(screen.getByLabelText('Owner')).getByRole('option', { name: HOSTILE })).toBeTruthy();
    await expectNoAxeViolations(container);
  });

  it('forwards the ref and spreads className, style and DOM props onto the root', async () => {
    const ref = createRef<HTMLDivElement>();
    renderWithAccord(
      <SlaQueue ref={ref} className="host-queue" style={{ maxWidth: 900 }} data-testid="queue" id="q1" />,
      { adapter: memory([demoLead('L1', 10)]) },
    );
    const root = screen.getByTestId('queue');
    expect(ref.current).toBe(root);
    expect(root.className).toBe('accord-SlaQueue host-queue');
    expect(root.style.maxWidth).toBe('900px');
    expect(root.style.getPropertyValue('--accord-sla-row-size')).toBe('56px');
    expect(root.id).toBe('q1');
    await screen.findByRole('grid');
    expect(root.dataset['state']).toBe('data');
  });
});
