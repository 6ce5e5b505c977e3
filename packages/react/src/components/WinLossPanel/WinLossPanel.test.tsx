import { computeWinLoss } from '@accord/core';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { describe, expect, it } from 'vitest';
import { failingAdapter, HOSTILE } from '../../_test/chartData';
import { expectNoAxeViolations } from '../../_test/expectNoAxeViolations';
import { renderWithAccord, TEST_NOW } from '../../_test/renderWithAccord';
import { winLossAdapter, winLossAgreement, winLossLeads, winLossOpportunities } from '../../_test/winLossData';
import type { AccordAdapter } from '../../provider/adapter.types';
import { WinLossPanel } from './WinLossPanel';

const adapter = winLossAdapter();
const rootOf = (container: HTMLElement) => container.querySelector('.accord-WinLossPanel') as HTMLElement;

async function renderLoaded(ui = <WinLossPanel />, source: AccordAdapter = adapter) {
  const view = renderWithAccord(ui, { adapter: source, agreement: winLossAgreement });
  await waitFor(() => expect(rootOf(view.container).dataset['state']).toBe('data'));
  return view;
}

const rowsOf = () => {
  const table = screen.getByRole('table', { name: /^Win\/loss by/ });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((tr) => [
      within(tr).getByRole('rowheader').textContent,
      ...within(tr)
        .getAllByRole('cell')
        .map((td) => td.textContent),
    ]);
};

describe('WinLossPanel', () => {
  it("fills the table with computeWinLoss's rates, intervals and cycles per source, then the totals", async () => {
    const { container } = await renderLoaded();
    const opportunities = winLossOpportunities();
    const expected = computeWinLoss({ opportunities, leads: winLossLeads(opportunities) }, winLossAgreement, {
      groupBy: ['source'],
      now: TEST_NOW,
    });
    const pct = (x: number | null) => `${Math.round((x ?? 0) * 100)}%`;
    const rows = rowsOf();
    expect(rows.map((r) => r[0])).toEqual(['events (too few to read)', 'webinar', 'All deals']);
    const webinar = expected.rows.find((r) => r.group['source'] === 'webinar');
    expect(rows[1]).toEqual([
      'webinar',
      '30 (12, 18)',
      `40% (${pct(webinar?.winRate.low ?? null)}–${pct(webinar?.winRate.high ?? null)})`,
      `20% (${pct(webinar?.noDecisionRate.low ?? null)}–${pct(webinar?.noDecisionRate.high ?? null)})`,
      '30 d',
      '60 d',
      expect.any(String),
    ]);
    expect(rows[2]?.slice(0, 2)).toEqual(['All deals', '35 (14, 21)']);
    expect(rows[2]?.[3]).toMatch(/^26% \(/);
    await expectNoAxeViolations(container);
  });

  it('draws an interval per group and rate, named by a summary', async () => {
    await renderLoaded();
    const chart = screen.getByRole('img', {
      name: /^Win rate and no-decision rate with 95% intervals by source: 2 groups, 35 closed deals/,
    });
    expect(chart.querySelectorAll('.accord-WinLossPanel-interval')).toHaveLength(4);
    expect(chart.querySelectorAll('[data-series="noDecision"] path.accord-WinLossPanel-point')).toHaveLength(2);
  });

  it('marks groups with fewer than 20 closed deals as too few to read', async () => {
    await renderLoaded();
    const groups = within(screen.getByRole('list', { name: 'Groups' })).getAllByRole('listitem');
    const events = groups.find((g) => g.getAttribute('aria-label')?.startsWith('events:')) as HTMLElement;
    const webinar = groups.find((g) => g.getAttribute('aria-label')?.startsWith('webinar:')) as HTMLElement;
    expect(events.hasAttribute('data-small')).toBe(true);
    expect(events.textContent).toContain('too few to read');
    expect(events.getAttribute('aria-label')).toMatch(/too few to read$/);
    expect(webinar.hasAttribute('data-small')).toBe(false);
    expect(webinar.textContent).not.toContain('too few to read');
  });

  it('uses minGroupSize for the too-few mark', async () => {
    await renderLoaded(<WinLossPanel minGroupSize={3} />);
    expect(rowsOf()[0]?.[0]).toBe('events');
  });

  it('switches the grouping by keyboard', async () => {
    const user = userEvent.setup();
    const { container } = await renderLoaded();
    const source = screen.getByRole('radio', { name: 'Source' });
    expect(source).toHaveProperty('checked', true);
    await user.tab();
    expect(document.activeElement).toBe(source);
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(screen.getByRole('radio', { name: 'Segment' })).toHaveProperty('checked', true);
    await waitFor(() =>
      expect(rowsOf().map((r) => r[0])).toEqual(['enterprise (too few to read)', 'mid_market', 'All deals']),
    );
    expect(rootOf(container).dataset['groupBy']).toBe('segment');
    await expectNoAxeViolations(container);
  });

  it('groups by ICP tier when the agreement has an ICP', async () => {
    const user = userEvent.setup();
    await renderLoaded();
    await user.click(screen.getByRole('radio', { name: 'ICP tier' }));
    await waitFor(() => expect(rowsOf()[0]?.[0]).toMatch(/^Tier [ABC]|^No tier/));
  });

  it('calls onGroupByChange and follows a controlled groupBy', async () => {
    const user = userEvent.setup();
    const calls: string[] = [];
    await renderLoaded(<WinLossPanel groupBy="segment" onGroupByChange={(g) => calls.push(g)} />);
    await user.click(screen.getByRole('radio', { name: 'Source' }));
    expect(calls).toEqual(['source']);
    expect(screen.getByRole('radio', { name: 'Segment' })).toHaveProperty('checked', true);
  });

  it('lists the loss reasons, categories and objection themes with counts and shares', async () => {
    await renderLoaded();
    const reasons = within(screen.getByRole('region', { name: 'Loss reasons' })).getAllByRole('listitem');
    expect(reasons.map((li) => li.textContent)).toEqual([
      'No decision9 · 43%',
      'Lost to a competitor6 · 29%',
      'Price6 · 29%',
    ]);
    const categories = within(screen.getByRole('region', { name: 'Loss categories' })).getAllByRole('listitem');
    expect(categories[0]?.textContent).toBe('No decision9 · 43%');
    const themes = within(screen.getByRole('region', { name: 'Top objection themes' })).getAllByRole('listitem');
    expect(themes[0]?.textContent).toMatch(/^Integration effort\d+ · \d+%$/);
  });

  it('counts only deals closed in [from, to)', async () => {
    await renderLoaded(<WinLossPanel from="2026-01-01T00:00:00Z" to="2026-03-01T00:00:00Z" />);
    const total = rowsOf().at(-1);
    // Won webinar deals close 30 days after creation (from Jan 6): the first ones fall before March.
    expect(Number(total?.[1]?.split(' ')[0])).toBeLessThan(35);
  });

  it('shows the empty state when no deal closed', async () => {
    const open = winLossAdapter(winLossOpportunities([]), 'open-only');
    const { container } = renderWithAccord(<WinLossPanel />, { adapter: open, agreement: winLossAgreement });
    await waitFor(() => expect(rootOf(container).dataset['state']).toBe('empty'));
    expect(screen.getByRole('status').textContent).toBe('No closed deals yet.');
    await expectNoAxeViolations(container);
  });

  it('shows the loading state while the records load', async () => {
    const { container } = renderWithAccord(<WinLossPanel />, {
      adapter: failingAdapter('pending').adapter,
      agreement: winLossAgreement,
    });
    expect(rootOf(container).dataset['state']).toBe('loading');
    expect(screen.getByRole('status').textContent).toBe('Loading the win/loss…');
    await expectNoAxeViolations(container);
  });

  it('shows the error state with a Retry button', async () => {
    const user = userEvent.setup();
    const failing = failingAdapter('reject');
    const { container } = renderWithAccord(<WinLossPanel />, { adapter: failing.adapter, agreement: winLossAgreement });
    expect((await screen.findByRole('alert')).textContent).toBe('Could not load the win/loss. Retry');
    await expectNoAxeViolations(container);
    failing.state.fail = false;
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(rootOf(container).dataset['state']).toBe('empty'));
  });

  it('renders hostile sources and loss details as text and creates no elements from them', async () => {
    const opportunities = winLossOpportunities().map((o) => (o.source === 'events' ? { ...o, source: HOSTILE } : o));
    const { container } = await renderLoaded(<WinLossPanel />, winLossAdapter(opportunities, 'hostile'));
    expect(container.querySelector('img')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
    expect(rowsOf().some((r) => r[0]?.startsWith(HOSTILE))).toBe(true);
    await expectNoAxeViolations(container);
  });

  it('renders without errors inside a right-to-left wrapper', async () => {
    const { container } = await renderLoaded(
      <div dir="rtl">
        <WinLossPanel />
      </div>,
    );
    await expectNoAxeViolations(container);
  });

  it('forwards the ref and spreads className and DOM props onto the root', async () => {
    const ref = createRef<HTMLDivElement>();
    await renderLoaded(<WinLossPanel ref={ref} className="host" data-testid="wl" />);
    const root = screen.getByTestId('wl');
    expect(ref.current).toBe(root);
    expect(root.className).toBe('accord-WinLossPanel host');
  });
});
