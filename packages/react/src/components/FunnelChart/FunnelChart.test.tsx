import { defaultAgreement, defineAgreement, deriveLifecycle } from '@accord/core';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { describe, expect, it } from 'vitest';
import { failingAdapter, HOSTILE, sampleAdapter } from '../../_test/chartData';
import { expectNoAxeViolations } from '../../_test/expectNoAxeViolations';
import { renderWithAccord } from '../../_test/renderWithAccord';
import { recordsQueryOptions } from '../../queries/recordsQueryOptions';
import { FunnelChart } from './FunnelChart';

const adapter = sampleAdapter(800, 21);
const STAGES = ['inquiry', 'mql', 'sal', 'sql', 'opportunity', 'closed_won'] as const;

async function renderLoaded(ui = <FunnelChart />, options: Parameters<typeof renderWithAccord>[1] = {}) {
  const view = renderWithAccord(ui, { adapter, ...options });
  await waitFor(() =>
    expect(view.container.querySelector('.accord-FunnelChart')?.getAttribute('data-state')).toBe('data'),
  );
  return view;
}

describe('FunnelChart', () => {
  it('draws one bar per funnel stage in an svg named by the summary', async () => {
    const { container, queryClient } = await renderLoaded();
    const { leads } = await queryClient.ensureQueryData(recordsQueryOptions(adapter));
    const won = leads.filter((l) => deriveLifecycle(l, defaultAgreement).reached.includes('closed_won')).length;
    const chart = screen.getByRole('img', { name: `Funnel: ${leads.length} Inquiry to ${won} Closed won` });
    expect(chart.tagName.toLowerCase()).toBe('svg');
    expect([...container.querySelectorAll('.accord-FunnelChart-bar')].map((b) => b.getAttribute('data-stage'))).toEqual(
      STAGES,
    );
    expect(container.querySelector('.accord-FunnelChart-bar')?.getAttribute('width')).toMatch(/%$/);
    await expectNoAxeViolations(container);
  });

  it('repeats every figure in a table with a caption and row and column headers', async () => {
    const { queryClient } = await renderLoaded();
    const { leads } = await queryClient.ensureQueryData(recordsQueryOptions(adapter));
    const table = screen.getByRole('table', { name: 'Funnel by stage' });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((th) => th.textContent);
    expect(headers).toEqual(['Stage', 'Leads', 'From previous stage', 'Of top', 'Median time from previous stage']);
    const rows = within(table).getAllByRole('row').slice(1);
    const direct = STAGES.map(
      (s) => leads.filter((l) => deriveLifecycle(l, defaultAgreement).reached.includes(s)).length,
    );
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([
      'Inquiry',
      'MQL',
      'SAL',
      'SQL',
      'Opportunity',
      'Closed won',
    ]);
    expect(rows.map((r) => within(r).getAllByRole('cell')[0]?.textContent)).toEqual(
      direct.map((n) => n.toLocaleString('en-US')),
    );
    expect(within(rows[1] as HTMLElement).getAllByRole('cell')[1]?.textContent).toBe(
      new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(
        (direct[1] as number) / (direct[0] as number),
      ),
    );
  });

  it('reaches every stage by keyboard, each announcing its count and conversion', async () => {
    const user = userEvent.setup();
    await renderLoaded();
    const list = screen.getByRole('list', { name: 'Funnel stages' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(STAGES.length);
    for (const item of items) {
      await user.tab();
      expect(document.activeElement).toBe(item);
    }
    expect(items[0]?.getAttribute('aria-label')).toMatch(/^Inquiry: 800 leads, Top of funnel, 100% of top$/);
    expect(items[1]?.getAttribute('aria-label')).toMatch(/^MQL: [\d,]+ leads, [\d.]+% from previous, [\d.]+% of top/);
  });

  it('shows the loading state while the records load', async () => {
    const { container } = renderWithAccord(<FunnelChart />, { adapter: failingAdapter('pending').adapter });
    const root = container.querySelector('.accord-FunnelChart');
    expect(root?.getAttribute('data-state')).toBe('loading');
    expect(screen.getByRole('status').textContent).toBe('Loading the funnel…');
    await expectNoAxeViolations(container);
  });

  it('shows the error state with a Retry button that reloads by keyboard', async () => {
    const user = userEvent.setup();
    const failing = failingAdapter('reject');
    const { container } = renderWithAccord(<FunnelChart />, { adapter: failing.adapter });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Could not load the funnel. Retry');
    expect(container.querySelector('.accord-FunnelChart')?.getAttribute('data-state')).toBe('error');
    await expectNoAxeViolations(container);
    failing.state.fail = false;
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Retry' }));
    await user.keyboard('{Enter}');
    await waitFor(() =>
      expect(container.querySelector('.accord-FunnelChart')?.getAttribute('data-state')).toBe('empty'),
    );
  });

  it('shows the empty state when no lead falls in the window', async () => {
    const { container } = renderWithAccord(<FunnelChart from="2030-01-01T00:00:00Z" emptyMessage="Nothing yet" />, {
      adapter,
    });
    await waitFor(() =>
      expect(container.querySelector('.accord-FunnelChart')?.getAttribute('data-state')).toBe('empty'),
    );
    expect(screen.getByRole('status').textContent).toBe('Nothing yet');
    await expectNoAxeViolations(container);
  });

  it('renders hostile stage labels as text and creates no elements from them', async () => {
    const agreement = defineAgreement({
      ...defaultAgreement,
      stages: defaultAgreement.stages.map((s) => (s.id === 'mql' ? { ...s, label: HOSTILE } : s)),
    });
    const { container } = await renderLoaded(<FunnelChart />, { agreement });
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelectorAll('[onerror]')).toHaveLength(0);
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
    const table = screen.getByRole('table');
    expect(within(table).getByRole('rowheader', { name: HOSTILE }).textContent).toBe(HOSTILE);
    expect(container.querySelector('.accord-FunnelChart-step[data-stage="mql"] bdi')?.textContent).toBe(HOSTILE);
    await expectNoAxeViolations(container);
  });

  it('renders without errors inside a right-to-left wrapper', async () => {
    const { container } = await renderLoaded(
      <div dir="rtl">
        <FunnelChart />
      </div>,
    );
    expect(screen.getByRole('img').getAttribute('aria-label')).toMatch(/^Funnel: /);
    expect(container.querySelectorAll('.accord-FunnelChart-step')).toHaveLength(STAGES.length);
    await expectNoAxeViolations(container);
  });

  it('forwards the ref and spreads className, style and DOM props onto the root', async () => {
    const ref = createRef<HTMLDivElement>();
    await renderLoaded(<FunnelChart ref={ref} className="host" style={{ maxWidth: 640 }} data-testid="funnel" />);
    const root = screen.getByTestId('funnel');
    expect(ref.current).toBe(root);
    expect(root.className).toBe('accord-FunnelChart host');
    expect(root.style.maxWidth).toBe('640px');
    expect(root.style.getPropertyValue('--accord-chart-rows')).toBe('6');
  });

  it('passes the funnel to a render-prop child', async () => {
    await renderLoaded(<FunnelChart>{({ steps }) => <p>{steps.length} steps</p>}</FunnelChart>);
    expect(screen.getByText('6 steps')).toBeTruthy();
  });
});
