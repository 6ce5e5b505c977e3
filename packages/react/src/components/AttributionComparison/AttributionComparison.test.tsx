import { createMemoryAdapter } from '@accord/adapters';
import { buildJourneys, compareAttribution, defaultAgreement } from '@accord/core';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { describe, expect, it } from 'vitest';
import { createFormatters } from '../../_lib/format';
import { failingAdapter, HOSTILE, sampleAdapter, sampleRecords } from '../../_test/chartData';
import { expectNoAxeViolations } from '../../_test/expectNoAxeViolations';
import { renderWithAccord } from '../../_test/renderWithAccord';
import type { AccordAdapter } from '../../provider/adapter.types';
import { recordsQueryOptions } from '../../queries/recordsQueryOptions';
import { AttributionComparison } from './AttributionComparison';

const adapter = sampleAdapter(900, 5);
const MODELS = ['first_touch', 'last_touch', 'w_shaped', 'markov'] as const;
const LABELS = ['First touch', 'Last touch', 'W-shaped', 'Markov chain'];
const f = createFormatters('en-US', 'USD', defaultAgreement.timezone);

const rootOf = (container: HTMLElement) => container.querySelector('.accord-AttributionComparison') as HTMLElement;

async function renderLoaded(ui = <AttributionComparison models={MODELS} />, source: AccordAdapter = adapter) {
  const view = renderWithAccord(ui, { adapter: source });
  await waitFor(() => expect(rootOf(view.container).dataset['state']).toBe('data'));
  return view;
}

describe('AttributionComparison', () => {
  it("fills the table with compareAttribution's credit shares and revenue per channel and model", async () => {
    const { container, queryClient } = await renderLoaded();
    const records = await queryClient.ensureQueryData(recordsQueryOptions(adapter));
    const expected = compareAttribution(buildJourneys(records, { lookbackDays: 90 }).journeys, {
      models: MODELS,
      halfLifeDays: 7,
    });
    const total = expected.results[0]?.totals.conversions as number;
    const table = screen.getByRole('table', { name: 'Attribution by channel and model' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Channel', ...LABELS]);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(expected.table.map((t) => t.channel));
    rows.forEach((r, i) => {
      const want = expected.table[i];
      if (!want) throw new Error('missing row');
      expect(
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ).toEqual(
        MODELS.map((m) => `${f.percent((want.conversions[m] ?? 0) / total)} of credit, ${f.money(want.value[m] ?? 0)}`),
      );
    });
    await expectNoAxeViolations(container);
  });

  it('draws a bar per channel and model, and a legend naming each model with a patterned swatch', async () => {
    const { container } = await renderLoaded();
    const chart = screen.getByRole('img', { name: /^Attribution: \d+ channels under 4 models, by share of credit$/ });
    const channels = within(screen.getByRole('list', { name: 'Channels' })).getAllByRole('listitem').length;
    expect(chart.querySelectorAll('.accord-AttributionComparison-bar')).toHaveLength(channels * MODELS.length);
    const legend = screen.getByRole('list', { name: 'Models' });
    expect(
      within(legend)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['First touch', 'Last touch', 'W-shaped (agreed)', 'Markov chain']);
    const fills = [...chart.querySelectorAll('.accord-AttributionComparison-bar')]
      .slice(0, 4)
      .map((b) => b.getAttribute('fill'));
    expect(new Set(fills).size).toBe(4);
    for (const fill of fills) expect(container.querySelector(`pattern#${fill?.slice(5, -1)}`)).not.toBeNull();
  });

  it('marks the agreed model in the legend', async () => {
    await renderLoaded(<AttributionComparison models={['w_shaped', 'linear']} />);
    const legend = screen.getByRole('list', { name: 'Models' });
    expect(
      within(legend)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['W-shaped (agreed)', 'Linear']);
  });

  it('switches between share of credit and revenue by keyboard', async () => {
    const user = userEvent.setup();
    const { container } = await renderLoaded();
    const share = screen.getByRole('button', { name: 'Share of credit' });
    const revenue = screen.getByRole('button', { name: 'Revenue' });
    expect(share.getAttribute('aria-pressed')).toBe('true');
    await user.tab();
    await user.tab();
    expect(document.activeElement).toBe(revenue);
    await user.keyboard('{Enter}');
    expect(revenue.getAttribute('aria-pressed')).toBe('true');
    expect(share.getAttribute('aria-pressed')).toBe('false');
    expect(rootOf(container).dataset['measure']).toBe('revenue');
    expect(screen.getByRole('img').getAttribute('aria-label')).toMatch(/by revenue$/);
    const first = within(screen.getByRole('list', { name: 'Channels' })).getAllByRole('listitem')[0];
    expect(first?.getAttribute('aria-label')).toMatch(/First touch \$[\d,]+/);
    await expectNoAxeViolations(container);
  });

  it('reaches every channel by keyboard, each announcing every model', async () => {
    const user = userEvent.setup();
    await renderLoaded();
    await user.tab();
    await user.tab(); // past the measure toggle
    const items = within(screen.getByRole('list', { name: 'Channels' })).getAllByRole('listitem');
    for (const item of items) {
      await user.tab();
      expect(document.activeElement).toBe(item);
      const label = item.getAttribute('aria-label') ?? '';
      for (const name of LABELS) expect(label).toContain(`${name} `);
    }
  });

  it('shows the loading state while the records load', async () => {
    const { container } = renderWithAccord(<AttributionComparison />, { adapter: failingAdapter('pending').adapter });
    expect(rootOf(container).dataset['state']).toBe('loading');
    expect(screen.getByRole('status').textContent).toBe('Loading the attribution…');
    await expectNoAxeViolations(container);
  });

  it('shows the error state with a Retry button', async () => {
    const user = userEvent.setup();
    const failing = failingAdapter('reject');
    const { container } = renderWithAccord(<AttributionComparison />, { adapter: failing.adapter });
    expect((await screen.findByRole('alert')).textContent).toBe('Could not load the attribution. Retry');
    await expectNoAxeViolations(container);
    failing.state.fail = false;
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(rootOf(container).dataset['state']).toBe('empty'));
  });

  it('shows the empty state when nothing converted', async () => {
    const { opportunities: _, ...rest } = sampleRecords(200, 3);
    const noDeals = createMemoryAdapter(rest, { agreement: defaultAgreement, name: 'no-deals' }) as AccordAdapter;
    const { container } = renderWithAccord(<AttributionComparison />, { adapter: noDeals });
    await waitFor(() => expect(rootOf(container).dataset['state']).toBe('empty'));
    expect(screen.getByRole('status').textContent).toBe('No conversions to attribute.');
    await expectNoAxeViolations(container);
  });

  it('renders hostile channel and campaign names as text and creates no elements from them', async () => {
    const records = sampleRecords(900, 5);
    const hostile = createMemoryAdapter(
      {
        ...records,
        touchpoints: records.touchpoints.map((t) =>
          t.channel === 'email' ? { ...t, channel: HOSTILE, campaignId: HOSTILE } : t,
        ),
      },
      { agreement: defaultAgreement, name: 'hostile' },
    ) as AccordAdapter;
    const { container } = await renderLoaded(<AttributionComparison models={MODELS} />, hostile);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelectorAll('[onerror]')).toHaveLength(0);
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
    expect(within(screen.getByRole('table')).getByRole('rowheader', { name: HOSTILE }).textContent).toBe(HOSTILE);
    const channels = within(screen.getByRole('list', { name: 'Channels' })).getAllByRole('listitem');
    expect(channels.some((li) => li.querySelector('bdi')?.textContent === HOSTILE)).toBe(true);
    await expectNoAxeViolations(container);
  });

  it('renders without errors inside a right-to-left wrapper', async () => {
    const { container } = await renderLoaded(
      <div dir="rtl">
        <AttributionComparison models={MODELS} />
      </div>,
    );
    expect(screen.getByRole('img').getAttribute('aria-label')).toMatch(/^Attribution: /);
    await expectNoAxeViolations(container);
  });

  it('forwards the ref and spreads className and DOM props onto the root', async () => {
    const ref = createRef<HTMLDivElement>();
    await renderLoaded(<AttributionComparison ref={ref} models={MODELS} className="host" data-testid="attr" />);
    const root = screen.getByTestId('attr');
    expect(ref.current).toBe(root);
    expect(root.className).toBe('accord-AttributionComparison host');
  });
});
