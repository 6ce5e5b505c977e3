import { createMemoryAdapter } from '@accord/adapters';
import {
  type Account,
  type Activity,
  defaultAgreement,
  evaluateCommitteeCoverage,
  type Lead,
  parseAgreement,
  sampleAccountPlays,
} from '@accord/core';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { describe, expect, it } from 'vitest';
import { failingAdapter, HOSTILE } from '../../_test/chartData';
import { expectNoAxeViolations } from '../../_test/expectNoAxeViolations';
import { renderWithAccord, TEST_NOW } from '../../_test/renderWithAccord';
import type { AccordAdapter } from '../../provider/adapter.types';
import { CommitteeCoverage } from './CommitteeCoverage';

const agreement = parseAgreement({ ...defaultAgreement, ...sampleAccountPlays });
const DAY = 86_400_000;
const at = (daysAgo: number) => new Date(TEST_NOW - daysAgo * DAY).toISOString();

const account: Account = { id: 'A1', name: 'Northwind Traders', segment: 'enterprise' };
const smb: Account = { id: 'A2', name: 'Corner Shop', segment: 'smb' };
const contact = (id: string, title: string, accountId = 'A1'): Lead => ({
  id,
  createdAt: at(200),
  accountId,
  company: 'Northwind Traders',
  attributes: { title },
});
const leads: Lead[] = [
  contact('L_cfo', 'CFO'),
  contact('L_dir', 'Director of Sales'),
  contact('L_it', 'IT Manager'),
  contact('L_other', 'Founder', 'A9'),
];
const activities: Activity[] = [
  { id: 'a1', leadId: 'L_cfo', type: 'meeting', at: at(3) },
  { id: 'a2', leadId: 'L_dir', type: 'call', at: at(50) },
  { id: 'a3', leadId: 'L_other', type: 'meeting', at: at(1) },
];

/** The memory adapter (real, validating) plus `listAccounts`. */
function withAccounts(base: AccordAdapter, accounts: readonly Account[]): AccordAdapter {
  return {
    ...base,
    listAccounts: async () => ({ records: [...accounts], nextCursor: null }),
  };
}
const memory = createMemoryAdapter({ leads, activities }, { agreement: defaultAgreement }) as AccordAdapter;
const adapter = withAccounts(memory, [account, smb]);

const rootOf = (container: HTMLElement) => container.querySelector('.accord-CommitteeCoverage') as HTMLElement;

async function renderLoaded(ui = <CommitteeCoverage account="A1" />, source: AccordAdapter = adapter) {
  const view = renderWithAccord(ui, { adapter: source, agreement });
  await waitFor(() => expect(rootOf(view.container).dataset['state']).not.toBe('loading'));
  return view;
}

describe('CommitteeCoverage', () => {
  it("shows evaluateCommitteeCoverage's verdict: coverage n of d with a meter, one row per required role", async () => {
    const { container } = await renderLoaded();
    const expected = evaluateCommitteeCoverage(account, leads, activities, agreement, { now: TEST_NOW });
    expect(rootOf(container).dataset['state']).toBe('partial');
    expect(screen.getByRole('group', { name: 'Buying committee' })).toBe(rootOf(container));
    const meter = screen.getByRole('meter', { name: 'Committee coverage' });
    expect(meter.getAttribute('aria-valuenow')).toBe(String(expected.engaged));
    expect(meter.getAttribute('aria-valuemax')).toBe(String(expected.required));
    expect(meter.getAttribute('aria-valuetext')).toBe(
      `${expected.engaged} of ${expected.required} required roles engaged`,
    );
    const roles = within(screen.getByRole('list', { name: 'Required roles' })).getAllByRole('listitem', {
      name: undefined,
    });
    const top = roles.filter((li) => li.classList.contains('accord-CommitteeCoverage-role'));
    expect(top.map((li) => [li.dataset['role'], li.dataset['state']])).toEqual(
      expected.roles.map((r) => [r.roleId, r.state]),
    );
    await expectNoAxeViolations(container);
  });

  it('writes each state out: engaged, stale, not engaged, missing', async () => {
    await renderLoaded();
    const state = (roleId: string) =>
      (document.querySelector(`[data-role="${roleId}"] .accord-CommitteeCoverage-roleState`) as HTMLElement)
        .textContent;
    expect(state('economic_buyer')).toBe('Engaged');
    expect(state('champion')).toBe('Stale');
    expect(state('technical_evaluator')).toBe('Not engaged');
    expect(state('procurement')).toBe('Missing');
    expect(document.querySelector('[data-role="procurement"]')?.textContent).toContain('No contact holds this role.');
    expect(document.querySelector('[data-role="technical_evaluator"]')?.textContent).toContain('Never engaged.');
  });

  it('shows the last engagement as a relative and an absolute date', async () => {
    await renderLoaded();
    const time = document.querySelector('[data-role="economic_buyer"] time') as HTMLTimeElement;
    expect(time.dateTime).toBe(at(3));
    expect(time.textContent).toBe('3 days ago (Mar 7, 2026)');
  });

  it('lists the contacts holding each role by lead id, or through renderContact', async () => {
    await renderLoaded(
      <CommitteeCoverage
        account="A1"
        renderContact={(lead, role) => `${String(lead.attributes?.['title'])} (${role.label})`}
      />,
    );
    const cfo = within(document.querySelector('[data-role="economic_buyer"]') as HTMLElement);
    expect(cfo.getByRole('list', { name: 'Economic buyer' }).textContent).toBe('CFO (Economic buyer)');
  });

  it('defaults to lead ids for contacts', async () => {
    await renderLoaded();
    const champion = within(document.querySelector('[data-role="champion"]') as HTMLElement);
    expect(champion.getByRole('list', { name: 'Champion' }).textContent).toBe('L_dir');
  });

  it('takes the account record from the accounts option when the adapter lists none', async () => {
    const { container } = await renderLoaded(<CommitteeCoverage account="A1" accounts={[account]} />, memory);
    expect(rootOf(container).dataset['state']).toBe('partial');
  });

  it('says when the account is unknown', async () => {
    const { container } = await renderLoaded(<CommitteeCoverage account="A404" />);
    expect(rootOf(container).dataset['state']).toBe('not-found');
    expect(screen.getByRole('status').textContent).toBe('No account with id A404.');
    await expectNoAxeViolations(container);
  });

  it('shows the empty state when no requirement applies', async () => {
    const noCatchAll = parseAgreement({
      ...defaultAgreement,
      ...sampleAccountPlays,
      buyingCommittee: {
        ...sampleAccountPlays.buyingCommittee,
        requirements: sampleAccountPlays.buyingCommittee.requirements.filter((r) => r.appliesTo !== undefined),
      },
    });
    const view = renderWithAccord(<CommitteeCoverage account="A2" />, { adapter, agreement: noCatchAll });
    await waitFor(() => expect(rootOf(view.container).dataset['state']).toBe('empty'));
    expect(screen.getByRole('status').textContent).toBe('No buying-committee requirement applies to this account.');
    await expectNoAxeViolations(view.container);
  });

  it('marks a fully covered committee', async () => {
    const { container } = await renderLoaded(<CommitteeCoverage account={smb} />);
    // SMB needs one champion; A2 has none, so it is partial (0 of 1) — engage one and it is covered.
    expect(rootOf(container).dataset['state']).toBe('partial');
    const engaged = withAccounts(
      createMemoryAdapter(
        {
          leads: [...leads, contact('L_smb', 'Manager, Marketing Ops', 'A2')],
          activities: [...activities, { id: 'a9', leadId: 'L_smb', type: 'email', at: at(2) }],
        },
        { agreement: defaultAgreement, name: 'covered' },
      ) as AccordAdapter,
      [account, smb],
    );
    const view = await renderLoaded(<CommitteeCoverage account="A2" />, engaged);
    expect(rootOf(view.container).dataset['state']).toBe('covered');
    expect(within(view.container).getByRole('meter').getAttribute('aria-valuetext')).toBe(
      '1 of 1 required role engaged',
    );
  });

  it('shows the loading state while the records load', async () => {
    const { container } = renderWithAccord(<CommitteeCoverage account="A1" />, {
      adapter: failingAdapter('pending').adapter,
      agreement,
    });
    expect(rootOf(container).dataset['state']).toBe('loading');
    expect(screen.getByRole('status').textContent).toBe('Loading the buying committee…');
    await expectNoAxeViolations(container);
  });

  it('shows the error state with a Retry button that works by keyboard', async () => {
    const user = userEvent.setup();
    const failing = failingAdapter('reject');
    const { container } = renderWithAccord(<CommitteeCoverage account="A1" />, { adapter: failing.adapter, agreement });
    expect((await screen.findByRole('alert')).textContent).toBe('Could not load the buying committee. Retry');
    await expectNoAxeViolations(container);
    failing.state.fail = false;
    await user.tab();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(rootOf(container).dataset['state']).toBe('not-found'));
  });

  it('renders hostile account, title and contact strings as text and creates no elements from them', async () => {
    const hostileLeads = leads.map((l) => ({ ...l, id: l.id === 'L_cfo' ? HOSTILE : l.id, company: HOSTILE }));
    const hostileActs = activities.map((a) => (a.leadId === 'L_cfo' ? { ...a, leadId: HOSTILE } : a));
    const hostile = withAccounts(
      createMemoryAdapter(
        { leads: hostileLeads, activities: hostileActs },
        { agreement: defaultAgreement, name: 'h' },
      ) as AccordAdapter,
      [{ ...account, name: HOSTILE }],
    );
    const { container } = await renderLoaded(<CommitteeCoverage account="A1" />, hostile);
    expect(container.querySelector('img')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
    expect(container.querySelector('.accord-CommitteeCoverage-accountName')?.textContent).toBe(HOSTILE);
    expect(within(container).getByRole('list', { name: 'Economic buyer' }).textContent).toBe(HOSTILE);
    await expectNoAxeViolations(container);
  });

  it('renders without errors inside a right-to-left wrapper', async () => {
    const { container } = await renderLoaded(
      <div dir="rtl">
        <CommitteeCoverage account="A1" />
      </div>,
    );
    expect(screen.getByRole('meter')).toBeTruthy();
    await expectNoAxeViolations(container);
  });

  it('forwards the ref and spreads className and DOM props onto the root', async () => {
    const ref = createRef<HTMLDivElement>();
    await renderLoaded(<CommitteeCoverage ref={ref} account="A1" className="host" data-testid="cc" />);
    const root = screen.getByTestId('cc');
    expect(ref.current).toBe(root);
    expect(root.className).toBe('accord-CommitteeCoverage host');
  });
});
