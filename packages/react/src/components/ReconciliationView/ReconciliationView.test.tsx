import { defaultAgreement, type Reconciliation, reconcile } from '@accord/core';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { describe, expect, it } from 'vitest';
import { createFormatters } from '../../_lib/format';
import { handReconciliation, marketingClaimsFor, syntheticReconciliation } from '../../_stories/reconciliation';
import { failingAdapter, HOSTILE, sampleAdapter, sampleRecords } from '../../_test/chartData';
import { expectNoAxeViolations } from '../../_test/expectNoAxeViolations';
import { renderWithAccord } from '../../_test/renderWithAccord';
import { ReconciliationView } from './ReconciliationView';

const f = createFormatters('en-US', 'USD', defaultAgreement.timezone);
const rootOf = (container: HTMLElement) => container.querySelector('.accord-ReconciliationView') as HTMLElement;
const bridge = () => screen.getByRole('list', { name: 'Bridge from claimed to matched' });
const classButton = (name: RegExp) => within(bridge()).getByRole('button', { name });

/** Tabs until `target` has focus (at most 40 stops), so a test proves it is reachable by keyboard. */
async function tabTo(user: ReturnType<typeof userEvent.setup>, target: HTMLElement) {
  for (let i = 0; i < 40 && document.activeElement !== target; i++) await user.tab();
  expect(document.activeElement).toBe(target);
}

describe('ReconciliationView', () => {
  it("draws reconcile's bridge over the adapter's records and the host's claims", async () => {
    const records = sampleRecords(900, 5);
    const claims = marketingClaimsFor(records.opportunities);
    const { container } = renderWithAccord(<ReconciliationView claims={claims} />, { adapter: sampleAdapter(900, 5) });
    await waitFor(() => expect(rootOf(container).dataset['state']).toBe('data'));
    const expected = reconcile(
      {
        marketingClaims: claims,
        opportunities: records.opportunities,
        leads: records.leads,
        touchpoints: records.touchpoints,
      },
      defaultAgreement,
    );
    const rows = within(screen.getByRole('table', { name: 'Reconciliation bridge' }))
      .getAllByRole('row')
      .slice(1);
    const cells = rows.map((r) => [...r.children].map((c) => c.textContent));
    expect(cells[0]).toEqual([
      'Claimed by Marketing',
      f.money(expected.totals.claimed),
      f.money(expected.totals.claimed),
      String(expected.claims.length),
    ]);
    expect(cells.at(-1)?.slice(0, 3)).toEqual([
      'Matched in the CRM',
      f.money(expected.totals.matched),
      f.money(expected.totals.matched),
    ]);
    const unmatched = expected.claims.filter((c) => (c.deltas.unmatched_opportunity ?? 0) !== 0);
    expect(cells[1]).toEqual([
      'Unmatched opportunity',
      f.money(-expected.totals.deltas.unmatched_opportunity),
      f.money(expected.totals.claimed - expected.totals.deltas.unmatched_opportunity),
      String(unmatched.length),
    ]);
    await expectNoAxeViolations(container);
  });

  it('shows the bridge from claimed to matched, step by step, in the table alternative', async () => {
    const { container } = renderWithAccord(<ReconciliationView data={handReconciliation} />);
    expect(rootOf(container).dataset['state']).toBe('data');
    const table = screen.getByRole('table', { name: 'Reconciliation bridge' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => [...r.children].map((c) => c.textContent));
    expect(rows).toEqual([
      ['Claimed by Marketing', '$2,030,000', '$2,030,000', '8'],
      ['Unmatched opportunity', '−$250,000', '$1,780,000', '1'],
      ['Duplicate lead', '−$300,000', '$1,480,000', '1'],
      ['Currency', '−$120,000', '$1,360,000', '1'],
      ['Different account', '−$400,000', '$960,000', '1'],
      ['Stage drift', '−$180,000', '$780,000', '1'],
      ['Outside window', '−$30,000', '$750,000', '1'],
      ['Different model', '$0', '$750,000', '2'],
      ['Matched in the CRM', '$750,000', '$750,000', '8'],
    ]);
    expect(container.querySelector('.accord-ReconciliationView-figures')?.textContent).toBe(
      'Claimed $2,030,000 · Matched $750,000 · Gap $1,280,000',
    );
    await expectNoAxeViolations(container);
  });

  it('draws a bar per step, each delta class with its own pattern, joined by connectors', () => {
    renderWithAccord(<ReconciliationView data={handReconciliation} />);
    const chart = screen.getByRole('img', {
      name: /^Reconciliation bridge: 8 claims.*Claimed \$2,030,000, matched \$750,000\.$/,
    });
    const bars = [...chart.querySelectorAll('.accord-ReconciliationView-bar')];
    expect(bars).toHaveLength(9);
    const fills = bars.map((b) => b.getAttribute('fill'));
    expect(fills[0]).toBe(fills[8]);
    expect(new Set(fills.slice(1, 8)).size).toBe(7);
    expect(fills.slice(1, 8)).not.toContain(fills[0]);
    for (const fill of new Set(fills)) expect(chart.querySelector(`pattern#${fill?.slice(5, -1)}`)).not.toBeNull();
    expect(chart.querySelectorAll('.accord-ReconciliationView-connector')).toHaveLength(8);
    // A bar spans its step: "Different account" from $1,360,000 down to $960,000 of a $2,500,000 scale.
    const account = bars[4] as SVGRectElement;
    expect(account.getAttribute('x')).toBe('38.4%');
    expect(Number.parseFloat(account.getAttribute('width') ?? '')).toBeCloseTo(16, 6);
  });

  it('lists the claims of a delta class selected by keyboard', async () => {
    const user = userEvent.setup();
    const { container } = renderWithAccord(<ReconciliationView data={handReconciliation} />);
    const model = classButton(/^Different model \$0 2 claims$/);
    await tabTo(user, model);
    await user.keyboard('{Enter}');
    expect(model.getAttribute('aria-pressed')).toBe('true');
    const drill = document.getElementById(model.getAttribute('aria-controls') ?? '') as HTMLElement;
    const table = within(drill).getByRole('table', { name: 'Different model: 2 claims, $0' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Claim', 'Opportunity', 'Kind', 'Claimed', 'Matched', 'Different model', 'Reasons']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => [...r.children].slice(0, 6).map((c) => c.textContent))).toEqual([
      ['MC-1006, all deltas', 'O0000005', 'Influenced', '$200,000', '$150,000', '−$20,000'],
      ['MC-1007, all deltas', 'O0000006', 'Influenced', '$80,000', '$100,000', '+$20,000'],
    ]);
    expect(
      within(rows[0] as HTMLElement)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(handReconciliation.claims[5]?.reasons);
    expect(table.getAttribute('aria-rowcount')).toBe('3');
    await expectNoAxeViolations(container);
  });

  it('closes the drill-down when the selected class is clicked again', async () => {
    const user = userEvent.setup();
    renderWithAccord(<ReconciliationView data={handReconciliation} />);
    await user.click(classButton(/^Currency/));
    expect(screen.getByRole('table', { name: /^Currency: 1 claim, −\$120,000$/ })).toBeTruthy();
    await user.click(classButton(/^Currency/));
    expect(screen.queryByRole('table', { name: /^Currency:/ })).toBeNull();
    expect(screen.getByText('Select a delta class to list its claims.')).toBeTruthy();
  });

  it('shows every delta of a claim when its row is expanded by keyboard', async () => {
    const user = userEvent.setup();
    const { container } = renderWithAccord(
      <ReconciliationView data={handReconciliation} defaultSelectedClass="outside_window" />,
    );
    const expand = screen.getByRole('button', { name: 'MC-1006, all deltas' });
    expect(expand.getAttribute('aria-expanded')).toBe('false');
    await tabTo(user, expand);
    await user.keyboard(' ');
    expect(expand.getAttribute('aria-expanded')).toBe('true');
    const detail = document.getElementById(expand.getAttribute('aria-controls') ?? '') as HTMLElement;
    expect(within(detail).getByText('Every delta of claim', { exact: false }).textContent).toBe(
      'Every delta of claim MC-1006',
    );
    const list = detail.querySelector('dl') as HTMLElement;
    expect([...list.querySelectorAll('div')].map((d) => d.textContent)).toEqual([
      'Claimed$200,000',
      'Outside window−$30,000',
      'Different model−$20,000',
      'Matched$150,000',
    ]);
    const table = screen.getByRole('table', { name: /^Outside window/ });
    expect(table.getAttribute('aria-rowcount')).toBe('3');
    await expectNoAxeViolations(container);
    await user.keyboard('{Enter}');
    expect(expand.getAttribute('aria-expanded')).toBe('false');
    expect(document.getElementById(detail.id)).toBeNull();
  });

  it('switches the totals to the sourced claims', async () => {
    const user = userEvent.setup();
    const { container } = renderWithAccord(<ReconciliationView data={handReconciliation} />);
    const sourced = screen.getByRole('button', { name: 'Sourced' });
    await tabTo(user, sourced);
    await user.keyboard('{Enter}');
    expect(sourced.getAttribute('aria-pressed')).toBe('true');
    expect(rootOf(container).dataset['kind']).toBe('sourced');
    expect(container.querySelector('.accord-ReconciliationView-figures')?.textContent).toBe(
      'Claimed $1,630,000 · Matched $500,000 · Gap $1,130,000',
    );
    expect(screen.getByRole('table', { name: 'Reconciliation bridge, sourced claims' })).toBeTruthy();
    expect(classButton(/^Currency \$0 0 claims$/)).toBeTruthy();
  });

  it('renders only the claims in view when a class holds thousands', async () => {
    const user = userEvent.setup();
    const large = syntheticReconciliation(5_000, { seed: 3 });
    const { container } = renderWithAccord(<ReconciliationView data={large} />);
    const inClass = large.claims.filter((c) => (c.deltas.different_model ?? 0) !== 0).length;
    expect(inClass).toBeGreaterThan(1000);
    await user.click(classButton(/^Different model/));
    const table = screen.getByRole('table', { name: new RegExp(`^Different model: ${f.number(inClass)} claims`) });
    expect(table.getAttribute('aria-rowcount')).toBe(String(inClass + 1));
    const rendered = table.querySelectorAll('tbody.accord-ReconciliationView-claim');
    expect(rendered.length).toBeGreaterThan(5);
    expect(rendered.length).toBeLessThan(40);
    expect(table.querySelectorAll('.accord-ReconciliationView-spacer').length).toBeGreaterThan(0);
    const first = within(table).getAllByRole('row')[1] as HTMLElement;
    expect(first.getAttribute('aria-rowindex')).toBe('2');
    await expectNoAxeViolations(container);
  });

  it('renders opportunity ids through renderOpportunity in the claims and the unclaimed list', async () => {
    const user = userEvent.setup();
    renderWithAccord(
      <ReconciliationView
        data={handReconciliation}
        renderOpportunity={(id) => <a href={`/crm/opportunities/${encodeURIComponent(id)}`}>{id}</a>}
      />,
    );
    await user.click(classButton(/^Stage drift/));
    expect(screen.getByRole('link', { name: 'O0000007' }).getAttribute('href')).toBe('/crm/opportunities/O0000007');
    expect(screen.getByRole('link', { name: 'O0000008' })).toBeTruthy();
  });

  it('lists the unclaimed marketing-sourced deals, the first ten until Show all', async () => {
    const user = userEvent.setup();
    const data = syntheticReconciliation(1_500, { seed: 9 });
    renderWithAccord(<ReconciliationView data={data} />);
    const total = data.unclaimed.reduce((s, u) => s + u.amount, 0);
    const section = screen.getByRole('region', {
      name: `Unclaimed marketing-sourced deals: 15 deals, ${f.money(total)}`,
    });
    expect(within(section).getAllByRole('listitem')).toHaveLength(10);
    await user.click(within(section).getByRole('button', { name: 'Show all 15' }));
    expect(within(section).getAllByRole('listitem')).toHaveLength(15);
  });

  it('summarises the coded issues with counts, and the refused claims', () => {
    renderWithAccord(<ReconciliationView data={handReconciliation} />);
    const section = screen.getByRole('region', { name: 'Data issues: 3 issues' });
    const items = within(section).getAllByRole('listitem');
    expect(items.map((li) => li.dataset['code'])).toEqual(['currency_mismatch', 'not_integer', 'unknown_opportunity']);
    expect(items[0]?.textContent).toContain('× 1');
    expect(items[0]?.textContent).toContain('(at marketingClaims[3].currency)');
    expect(within(section).getByText(/refused/).textContent).toBe(
      '1 claim refused at the boundary and counted in no total: MC-1009 (amount).',
    );
  });

  it('shows the loading state while the records load', async () => {
    const { container } = renderWithAccord(<ReconciliationView claims={[]} />, {
      adapter: failingAdapter('pending').adapter,
    });
    expect(rootOf(container).dataset['state']).toBe('loading');
    expect(screen.getByRole('status').textContent).toBe('Loading the reconciliation…');
    await expectNoAxeViolations(container);
  });

  it('shows the error state with a Retry button', async () => {
    const failing = failingAdapter('reject');
    const { container } = renderWithAccord(<ReconciliationView claims={[]} />, { adapter: failing.adapter });
    expect((await screen.findByRole('alert')).textContent).toBe('Could not load the reconciliation. Retry');
    expect(rootOf(container).dataset['state']).toBe('error');
    await expectNoAxeViolations(container);
    const calls = failing.state.calls;
    await userEvent.setup().click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(failing.state.calls).toBeGreaterThan(calls));
  });

  it('shows the empty state, with the unclaimed deals, when there are no claims', async () => {
    const data: Reconciliation = {
      ...syntheticReconciliation(0),
      unclaimed: [{ opportunityId: 'O42', amount: 500_000 }],
    };
    const { container } = renderWithAccord(<ReconciliationView data={data} />);
    expect(rootOf(container).dataset['state']).toBe('empty');
    expect(screen.getByRole('status').textContent).toBe('No marketing claims to reconcile.');
    expect(screen.getByRole('region', { name: 'Unclaimed marketing-sourced deals: 1 deal, $5,000' })).toBeTruthy();
    await expectNoAxeViolations(container);
  });

  it('renders hostile claim ids, opportunity ids and reasons as text and creates no elements from them', async () => {
    const user = userEvent.setup();
    const data: Reconciliation = {
      ...handReconciliation,
      claims: handReconciliation.claims.map((c) =>
        c.claimId === 'MC-1008' ? { ...c, claimId: HOSTILE, opportunityId: HOSTILE, reasons: [HOSTILE] } : c,
      ),
      unclaimed: [{ opportunityId: HOSTILE, amount: 100 }],
    };
    const { container } = renderWithAccord(<ReconciliationView data={data} label={HOSTILE} />);
    await user.click(classButton(/^Stage drift/));
    await user.click(screen.getByRole('button', { name: `${HOSTILE}, all deltas` }));
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelectorAll('[onerror]')).toHaveLength(0);
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
    const hostileTexts = [...container.querySelectorAll('bdi')].filter((b) => b.textContent === HOSTILE);
    expect(hostileTexts.length).toBeGreaterThanOrEqual(5);
    await expectNoAxeViolations(container);
  });

  it('renders without errors inside a right-to-left wrapper', async () => {
    const { container } = renderWithAccord(
      <div dir="rtl">
        <ReconciliationView data={handReconciliation} defaultSelectedClass="unmatched_opportunity" />
      </div>,
      { locale: 'ar-EG' },
    );
    expect(screen.getByRole('img').getAttribute('aria-label')).toMatch(/^Reconciliation bridge: 8 claims/);
    expect(screen.getByRole('table', { name: /^Unmatched opportunity: ١ claim/ })).toBeTruthy();
    await expectNoAxeViolations(container);
  });

  it('forwards the ref and spreads className and DOM props onto the root', () => {
    const ref = createRef<HTMLDivElement>();
    renderWithAccord(<ReconciliationView ref={ref} data={handReconciliation} className="host" data-testid="recon" />);
    const root = screen.getByTestId('recon');
    expect(ref.current).toBe(root);
    expect(root.className).toBe('accord-ReconciliationView host');
    expect(root.getAttribute('role')).toBe('group');
    expect(screen.getByRole('group', { name: 'Reconciliation' })).toBe(root);
  });
});
