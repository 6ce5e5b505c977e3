import { createMemoryAdapter } from '@accord/adapters';
import {
  type ComputeScorecardOptions,
  computeScorecard,
  defaultAgreement,
  generateSample,
  type Lead,
  type ScorecardData,
  type ScorecardResult,
} from '@accord/core';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { describe, expect, it } from 'vitest';
import { createFormatters } from '../../_lib/format';
import { expectNoAxeViolations } from '../../_test/expectNoAxeViolations';
import { renderWithAccord } from '../../_test/renderWithAccord';
import type { AccordAdapter } from '../../provider/adapter.types';
import { Scorecard } from './Scorecard';

const HOSTILE = '<img src=x onerror="window.__pwned=1">';

const sample = generateSample({ leads: 500, seed: 23 });
const data: ScorecardData = {
  leads: sample.leads,
  activities: sample.activities,
  touchpoints: sample.touchpoints,
  opportunities: sample.opportunities,
  spend: sample.spend,
};
const asOf = sample.asOf;
const clock = () => Date.parse(asOf);
const METRICS = ['leads', 'conversion.mql.sal', 'conversion.sal.sql', 'sla.mql_first_touch.breach_rate', 'revenue_won'];
const f = createFormatters('en-US', defaultAgreement.currency ?? 'USD', defaultAgreement.timezone);

function memoryAdapter(records: ScorecardData = data): AccordAdapter {
  return createMemoryAdapter(records, { agreement: defaultAgreement });
}

function expected(options: Omit<ComputeScorecardOptions, 'agreement' | 'asOf'>, records = data): ScorecardResult {
  return computeScorecard(records, { agreement: defaultAgreement, asOf, ...options });
}

function renderScorecard(ui = <Scorecard metrics={METRICS} period="2026-05" />, adapter = memoryAdapter()) {
  return renderWithAccord(ui, { adapter, clock });
}

const tile = (id: string) => document.querySelector<HTMLElement>(`[data-metric="${id}"]`) as HTMLElement;

async function loaded() {
  await screen.findByRole('list', { name: 'Metrics' });
  // The sparklines arrive with the second (trend) query.
  await waitFor(() => expect(screen.getAllByRole('img').length).toBeGreaterThan(0));
}

/** A promise the test settles, for an adapter that answers only when told. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** 1,000 leads spread over 200 owners: a drill-down of 200 groups. */
const many = (() => {
  const big = generateSample({ leads: 1000, seed: 3 });
  const leads = big.leads.map((l, i) => ({ ...l, ownerId: `rep_${String(i % 200).padStart(3, '0')}` }));
  return { asOf: big.asOf, records: { leads, activities: big.activities, opportunities: big.opportunities } };
})();

async function renderManyGroups() {
  const { container } = renderWithAccord(<Scorecard metrics={METRICS} groupBy="owner" trend={false} />, {
    adapter: memoryAdapter(many.records),
    clock: () => Date.parse(many.asOf),
  });
  const table = await screen.findByRole('table', { name: 'Metrics by Owner' });
  await waitFor(() => expect(bodyRows(table).length).toBeGreaterThan(0));
  const card = computeScorecard(many.records, {
    agreement: defaultAgreement,
    asOf: many.asOf,
    metrics: METRICS,
    groupBy: ['owner'],
  });
  return { container, table, card };
}

/** The group rows in the DOM (spacer rows are hidden, so they are not rows to assistive technology). */
const bodyRows = (table: HTMLElement) => within(table).getAllByRole('row').slice(1, -1);
const cellText = (td: Element) => td.firstChild?.textContent ?? '';

/** Scrolls like a user would: jsdom has no layout, so set the offset and fire the event. */
async function scrollTo(scroller: HTMLElement, top: number) {
  await act(async () => {
    scroller.scrollTop = top;
    fireEvent.scroll(scroller);
  });
}

describe('Scorecard', () => {
  it('renders tile values equal to computeScorecard’s for the same options', async () => {
    const { container } = renderScorecard();
    await loaded();
    const card = expected({ metrics: METRICS, period: '2026-05', compareTo: 'previous' });
    for (const info of card.metrics) {
      const value = tile(info.id).querySelector('.accord-Scorecard-value');
      expect(value?.textContent).toBe(f.metric(card.totals.metrics[info.id]?.value, info.unit));
      expect(within(tile(info.id)).getByRole('button', { name: info.label })).toBeTruthy();
    }
    expect(screen.getByRole('group', { name: 'Scorecard' }).dataset['state']).toBe('success');
    await expectNoAxeViolations(container);
  });

  it('shows the target status as text and data-state when a metric has a target', async () => {
    renderScorecard();
    await loaded();
    const card = expected({ metrics: METRICS, period: '2026-05', compareTo: 'previous' });
    const words = { met: 'Met target', missed: 'Below target' } as const;
    const withTarget = card.metrics.filter((m) => card.totals.metrics[m.id]?.status);
    expect(withTarget.length).toBeGreaterThan(0);
    for (const info of card.metrics) {
      const status = card.totals.metrics[info.id]?.status;
      const badge = tile(info.id).querySelector('.accord-Scorecard-badge') as HTMLElement;
      expect(badge.dataset['state']).toBe(status ?? 'none');
      expect(badge.textContent).toBe(status ? words[status] : 'No target');
      expect(tile(info.id).dataset['state']).toBe(status ?? 'none');
    }
  });

  it('shows the change against the previous period with its sign and tone', async () => {
    renderScorecard();
    await loaded();
    const card = expected({ metrics: METRICS, period: '2026-05', compareTo: 'previous' });
    for (const info of card.metrics) {
      const change = card.totals.metrics[info.id]?.change;
      const delta = tile(info.id).querySelector<HTMLElement>('.accord-Scorecard-delta');
      if (change === null || change === undefined) {
        expect(delta).toBeNull();
        continue;
      }
      const sign = change > 0 ? '+' : change < 0 ? '\u2212' : '±';
      const tone = change === 0 ? 'neutral' : change > 0 === (info.direction === 'higher') ? 'good' : 'bad';
      const words = { good: 'improved', bad: 'worsened', neutral: 'unchanged' }[tone];
      expect(delta?.dataset['state']).toBe(tone);
      const text = delta?.querySelector('.accord-Scorecard-deltaText')?.textContent ?? '';
      expect(text).toBe(f.change(change, info.unit));
      expect(text.startsWith(sign)).toBe(true);
      expect(delta?.textContent).toContain(`${text} vs 2026-04, ${words}`);
    }
  });

  it('shows the numerator and denominator of a ratio as "n of d"', async () => {
    renderScorecard();
    await loaded();
    const v = expected({ metrics: METRICS, period: '2026-05', compareTo: 'previous' }).totals.metrics[
      'conversion.mql.sal'
    ];
    const fraction = tile('conversion.mql.sal').querySelector('.accord-Scorecard-fraction');
    expect(fraction?.textContent).toBe(`${f.number(v?.numerator ?? -1)} of ${f.number(v?.denominator ?? -1)}`);
    expect(tile('leads').querySelector('.accord-Scorecard-fraction')).toBeNull();
  });

  it('formats thousands in "n of d" when a ratio counts over a thousand leads', async () => {
    const big = generateSample({ leads: 1000, seed: 5 });
    const records = { leads: big.leads };
    renderWithAccord(<Scorecard metrics={['conversion.inquiry.mql']} trend={false} />, {
      adapter: memoryAdapter(records),
      clock: () => Date.parse(big.asOf),
    });
    await screen.findByRole('list', { name: 'Metrics' });
    const v = computeScorecard(records, {
      agreement: defaultAgreement,
      asOf: big.asOf,
      metrics: ['conversion.inquiry.mql'],
    }).totals.metrics['conversion.inquiry.mql'];
    expect(v?.denominator).toBeGreaterThanOrEqual(1000);
    expect(tile('conversion.inquiry.mql').querySelector('.accord-Scorecard-fraction')?.textContent).toBe(
      `${f.number(v?.numerator ?? -1)} of ${new Intl.NumberFormat('en-US').format(v?.denominator ?? -1)}`,
    );
  });

  it('shows the definition when the metric’s label gets keyboard focus and hides it on Escape', async () => {
    const user = userEvent.setup();
    const { container } = renderScorecard();
    await loaded();
    const info = expected({ metrics: ['conversion.mql.sal'] }).metrics[0];
    const trigger = within(tile('conversion.mql.sal')).getByRole('button', { name: info?.label });
    const popover = document.getElementById(trigger.getAttribute('aria-describedby') ?? '') as HTMLElement;
    expect(popover.getAttribute('role')).toBe('tooltip');
    expect(popover.hidden).toBe(true);

    while (document.activeElement !== trigger) await user.tab();
    expect(popover.hidden).toBe(false);
    expect(popover.textContent).toContain(info?.description);
    expect(popover.textContent).toContain(`Formula: ${info?.formula}`);
    expect(popover.textContent).toContain('Owner: Shared');
    await expectNoAxeViolations(container);

    await user.keyboard('{Escape}');
    expect(popover.hidden).toBe(true);
    // No focus trap: focus stays where it was, and Tab moves on.
    expect(document.activeElement).toBe(trigger);
    await user.tab();
    expect(document.activeElement).not.toBe(trigger);
  });

  it('shows the definition on hover and hides it on Escape', async () => {
    const user = userEvent.setup();
    renderScorecard();
    await loaded();
    const trigger = within(tile('leads')).getByRole('button', { name: 'Leads' });
    const popover = document.getElementById(trigger.getAttribute('aria-describedby') ?? '') as HTMLElement;
    await user.hover(tile('leads'));
    expect(popover.hidden).toBe(false);
    await user.keyboard('{Escape}');
    expect(popover.hidden).toBe(true);
    await user.unhover(tile('leads'));
    await user.hover(tile('leads'));
    expect(popover.hidden).toBe(false);
    await user.unhover(tile('leads'));
    expect(popover.hidden).toBe(true);
  });

  it('renders each sparkline as a labelled image with a table of the series', async () => {
    renderScorecard();
    await loaded();
    const trend = expected({ metrics: METRICS, grain: 'month' }).rows.filter((r) => (r.period ?? '') <= '2026-05');
    const img = within(tile('leads')).getByRole('img');
    expect(img.tagName.toLowerCase()).toBe('svg');
    const first = trend[0];
    const last = trend[trend.length - 1];
    expect(img.getAttribute('aria-label')).toMatch(
      new RegExp(
        `^Monthly trend of Leads: ${f.number(first?.metrics['leads']?.value ?? -1)} in ${first?.period} to ${f.number(last?.metrics['leads']?.value ?? -1)} in ${last?.period}; low .+, high .+\\.$`,
      ),
    );
    const table = within(tile('leads')).getByRole('table', { name: 'Leads by month' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual(
      trend.map((r) => `${r.period}${f.number(r.metrics['leads']?.value ?? -1)}`),
    );
  });

  it('drills down by a dimension and focuses the tiles on a group by keyboard alone', async () => {
    const user = userEvent.setup();
    const { container } = renderScorecard();
    await loaded();
    const drill = screen.getByRole('group', { name: 'Break down by' });
    const none = within(drill).getByRole('radio', { name: 'None' });
    expect((none as HTMLInputElement).checked).toBe(true);
    while (document.activeElement !== none) await user.tab();
    await user.keyboard('{ArrowRight}');
    expect((within(drill).getByRole('radio', { name: 'Source' }) as HTMLInputElement).checked).toBe(true);

    const table = await screen.findByRole('table', { name: 'Metrics by Source, 2026-05' });
    const card = expected({ metrics: METRICS, period: '2026-05', compareTo: 'previous', groupBy: ['source'] });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(card.rows.length + 2));
    const headers = within(table).getAllByRole('columnheader');
    expect(headers.map((h) => h.textContent)).toEqual(['Source', ...card.metrics.map((m) => m.label)]);
    const rowHeaders = within(table).getAllByRole('rowheader');
    expect(rowHeaders.map((h) => h.textContent)).toEqual([...card.rows.map((r) => r.group['source']), 'All leads']);
    await expectNoAxeViolations(container);

    // Pick the second group by keyboard: its values fill the tiles.
    const row = card.rows[1];
    const name = row?.group['source'] as string;
    const button = within(table).getByRole('button', { name });
    while (document.activeElement !== button) await user.tab();
    await user.keyboard('{Enter}');
    expect(button.getAttribute('aria-pressed')).toBe('true');
    const rates = expected({ metrics: ['conversion.mql.sal'] }).metrics[0];
    expect(rates?.unit).toBe('ratio');
    expect(tile('conversion.mql.sal').querySelector('.accord-Scorecard-value')?.textContent).toBe(
      f.metric(row?.metrics['conversion.mql.sal']?.value, 'ratio'),
    );
    expect(screen.getByText('Show all leads')).toBeTruthy();
    await user.keyboard('{Enter}');
    expect(button.getAttribute('aria-pressed')).toBe('false');
  });

  it('renders cell values equal to computeScorecard’s in the drill-down table', async () => {
    renderScorecard(<Scorecard metrics={METRICS} groupBy="region" />);
    const table = await screen.findByRole('table', { name: 'Metrics by Region' });
    const card = expected({ metrics: METRICS, groupBy: ['region'] });
    const bodyRows = within(table).getAllByRole('row').slice(1, -1);
    expect(bodyRows.map((r) => Array.from(r.querySelectorAll('td'), (td) => td.firstChild?.textContent))).toEqual(
      card.rows.map((r) => card.metrics.map((m) => f.metric(r.metrics[m.id]?.value, m.unit))),
    );
  });

  it('shows a busy skeleton while loading', async () => {
    const inner = memoryAdapter();
    const gate = deferred<void>();
    const adapter: AccordAdapter = {
      ...inner,
      runScorecard: async (o) => {
        await gate.promise;
        return (inner.runScorecard as NonNullable<AccordAdapter['runScorecard']>)(o);
      },
    };
    const { container } = renderScorecard(undefined, adapter);
    const root = screen.getByRole('group', { name: 'Scorecard' });
    expect(root.getAttribute('aria-busy')).toBe('true');
    expect(root.dataset['state']).toBe('pending');
    expect(screen.getByRole('status').textContent).toBe('Loading the scorecard…');
    expect(container.querySelectorAll('.accord-Scorecard-skeleton').length).toBeGreaterThan(0);
    await expectNoAxeViolations(container);
    await act(async () => gate.resolve());
    await screen.findByRole('list', { name: 'Metrics' });
    expect(root.hasAttribute('aria-busy')).toBe(false);
  });

  it('shows an alert with the message and a working Retry when the adapter fails', async () => {
    const user = userEvent.setup();
    const inner = memoryAdapter();
    let fail = true;
    const adapter: AccordAdapter = {
      ...inner,
      runScorecard: (o) =>
        fail
          ? Promise.reject(new Error('[accord] [warehouse] connection refused'))
          : (inner.runScorecard as NonNullable<AccordAdapter['runScorecard']>)(o),
    };
    const { container } = renderScorecard(undefined, adapter);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The scorecard could not be loaded.');
    expect(alert.textContent).toContain('[accord] [warehouse] connection refused');
    await expectNoAxeViolations(container);

    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    await loaded();
    expect(screen.queryByRole('alert')).toBeNull();
    const card = expected({ metrics: METRICS, period: '2026-05', compareTo: 'previous' });
    expect(tile('leads').querySelector('.accord-Scorecard-value')?.textContent).toBe(
      f.number(card.totals.metrics['leads']?.value ?? -1),
    );
  });

  it('shows an alert when an adapter without push-down fails to list leads', async () => {
    const inner = memoryAdapter();
    const adapter: AccordAdapter = {
      ...inner,
      capabilities: { ...inner.capabilities, runScorecard: false },
      runScorecard: undefined,
      listLeads: () => Promise.reject(new Error('[accord] [crm] token expired')),
    };
    renderScorecard(undefined, adapter);
    expect((await screen.findByRole('alert')).textContent).toContain('[accord] [crm] token expired');
  });

  it('shows a clear message when there are no leads', async () => {
    const { container } = renderScorecard(<Scorecard metrics={METRICS} />, memoryAdapter({ leads: [] }));
    expect(await screen.findByText('No leads yet. The scorecard fills in as leads arrive.')).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Scorecard' }).dataset['state']).toBe('empty');
    expect(screen.queryByRole('list', { name: 'Metrics' })).toBeNull();
    await expectNoAxeViolations(container);
  });

  it('names the period when no lead falls in it', async () => {
    renderScorecard(<Scorecard metrics={METRICS} period="2027-05" />);
    expect(await screen.findByText('No leads in 2027-05. The scorecard fills in as leads arrive.')).toBeTruthy();
  });

  it('renders hostile owner and company names as text when drilling down', async () => {
    const leads: Lead[] = sample.leads.map((l, i) => (i % 7 === 0 ? { ...l, ownerId: HOSTILE, company: HOSTILE } : l));
    const records = { ...data, leads };
    const { container } = renderScorecard(
      <Scorecard metrics={METRICS} groupBy="owner" drillDimensions={['owner', 'company']} />,
      memoryAdapter(records),
    );
    const table = await screen.findByRole('table', { name: 'Metrics by Owner' });
    const button = await within(table).findByRole('button', { name: HOSTILE });
    expect(button.textContent).toBe(HOSTILE);
    await userEvent.setup().click(button);
    expect(screen.getByText(HOSTILE, { selector: '.accord-Scorecard-scope bdi' })).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
    await expectNoAxeViolations(container);
  });

  it('renders only a window of the 200 groups while aria-rowcount gives the full size', async () => {
    const { container, table, card } = await renderManyGroups();
    expect(card.rows).toHaveLength(200);
    expect(table.getAttribute('aria-rowcount')).toBe('202'); // the header, 200 groups and the totals
    const rows = bodyRows(table);
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(40);
    // The window starts at the first group, in order, each row numbered after the header row.
    expect(rows.map((r) => r.querySelector('th')?.textContent)).toEqual(
      card.rows.slice(0, rows.length).map((r) => r.group['owner']),
    );
    expect(rows.map((r) => r.getAttribute('aria-rowindex'))).toEqual(rows.map((_, i) => String(i + 2)));
    // Structure screen readers rely on: caption, column headers, a row header per group, the totals.
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Owner', ...card.metrics.map((m) => m.label)]);
    const totals = within(table).getAllByRole('row').at(-1) as HTMLElement;
    expect(totals.getAttribute('aria-rowindex')).toBe('202');
    expect(within(totals).getByRole('rowheader').textContent).toBe('All leads');
    // The rows not rendered are stood in for by hidden spacer rows, so the scroller keeps its height.
    expect(table.querySelectorAll('tbody tr[aria-hidden="true"]').length).toBeGreaterThan(0);
    await expectNoAxeViolations(container);
  });

  it('brings later groups into the DOM when the scroller scrolls', async () => {
    const { table, card } = await renderManyGroups();
    const scroller = screen.getByRole('region', { name: 'Metrics by Owner' });
    expect(scroller.tabIndex).toBe(0);
    const name = (i: number) => card.rows[i]?.group['owner'] as string;
    expect(within(table).queryByRole('button', { name: name(120) })).toBeNull();

    await scrollTo(scroller, 120 * 31);
    const row = within(table)
      .getByRole('button', { name: name(120) })
      .closest('tr') as HTMLElement;
    expect(row.getAttribute('aria-rowindex')).toBe('122');
    expect(within(table).queryByRole('button', { name: name(0) })).toBeNull();
    expect(Array.from(row.querySelectorAll('td'), (td) => td.firstChild?.textContent)).toEqual(
      card.metrics.map((m) => f.metric(card.rows[120]?.metrics[m.id]?.value, m.unit)),
    );
  });

  it('reaches every group with its values by scrolling when the dimension has 200 values', async () => {
    const { table, card } = await renderManyGroups();
    const scroller = screen.getByRole('region', { name: 'Metrics by Owner' });
    const seen = new Map<number, string[]>();
    for (let top = 0; top <= 200 * 31; top += 240) {
      await scrollTo(scroller, top);
      for (const r of bodyRows(table)) {
        const cells = [r.querySelector('th')?.textContent ?? '', ...Array.from(r.querySelectorAll('td'), cellText)];
        seen.set(Number(r.getAttribute('aria-rowindex')) - 2, cells);
      }
    }
    expect([...seen.keys()].sort((a, b) => a - b)).toEqual(card.rows.map((_, i) => i));
    expect(card.rows.map((_, i) => seen.get(i))).toEqual(
      card.rows.map((r) => [r.group['owner'], ...card.metrics.map((m) => f.metric(r.metrics[m.id]?.value, m.unit))]),
    );
  });

  it('keeps the selected group’s row rendered when it is scrolled out of view', async () => {
    const user = userEvent.setup();
    const { container, table, card } = await renderManyGroups();
    const scroller = screen.getByRole('region', { name: 'Metrics by Owner' });
    const name = card.rows[4]?.group['owner'] as string;
    await user.click(within(table).getByRole('button', { name }));
    scroller.focus(); // focus leaves the row: only the selection keeps it
    await scrollTo(scroller, 150 * 31);
    const rows = bodyRows(table);
    expect(rows.map((r) => r.getAttribute('aria-rowindex'))).toContain('6');
    expect(rows.map((r) => r.getAttribute('aria-rowindex'))).toContain('152');
    const button = within(table).getByRole('button', { name });
    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByText(name, { selector: '.accord-Scorecard-scope bdi' })).toBeTruthy();
    await expectNoAxeViolations(container);
  });

  it('keeps the focused group’s row rendered and focused when it is scrolled out of view', async () => {
    const user = userEvent.setup();
    const { table, card } = await renderManyGroups();
    const scroller = screen.getByRole('region', { name: 'Metrics by Owner' });
    const name = card.rows[2]?.group['owner'] as string;
    const button = within(table).getByRole('button', { name });
    while (document.activeElement !== button) await user.tab();
    await user.keyboard('{Enter}');
    expect(button.getAttribute('aria-pressed')).toBe('true');

    await scrollTo(scroller, 150 * 31);
    expect(within(table).getByRole('button', { name: card.rows[150]?.group['owner'] as string })).toBeTruthy();
    expect(button.isConnected).toBe(true);
    expect(document.activeElement).toBe(button);
    await user.keyboard('{Enter}');
    expect(button.getAttribute('aria-pressed')).toBe('false');
    expect(document.activeElement).toBe(button);
    // Tab moves on to the next group in the DOM: the first of the rows in view.
    await user.tab();
    const next = document.activeElement as HTMLElement;
    expect(next.className).toBe('accord-Scorecard-group');
    expect(Number(next.closest('tr')?.getAttribute('aria-rowindex'))).toBeGreaterThan(100);
  });

  it('forwards its ref, class name and DOM props to the root', async () => {
    const ref = createRef<HTMLDivElement>();
    renderScorecard(<Scorecard ref={ref} metrics={METRICS} className="host" data-testid="card" label="Council" />);
    const root = screen.getByRole('group', { name: 'Council' });
    expect(ref.current).toBe(root);
    expect(root.className).toBe('accord-Scorecard host');
    expect(root.dataset['testid']).toBe('card');
  });
});
