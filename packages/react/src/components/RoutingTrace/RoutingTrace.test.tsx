import {
  type Agreement,
  createAccountDirectory,
  createRoutingState,
  defaultAgreement,
  generateSample,
  type Lead,
  routeLead,
} from '@accord/core';
import { screen, within } from '@testing-library/react';
import { createRef } from 'react';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../../_test/expectNoAxeViolations';
import { renderWithAccord } from '../../_test/renderWithAccord';
import { RoutingTrace } from './RoutingTrace';

const HOSTILE = '<img src=x onerror="window.__pwned=1">';

const naLead: Lead = {
  id: 'L-na',
  createdAt: '2026-03-10T15:00:00Z',
  email: 'sam@harbor-freight-tools.com',
  company: 'Harbor Tools',
  region: 'na',
  attributes: { employees: 40 },
};

const group = () => screen.getByRole('group', { name: 'Why this owner' });
const steps = () => within(screen.getByRole('list', { name: 'Routing steps' })).getAllByRole('listitem');

describe('RoutingTrace', () => {
  it('shows the owner, rule and pool routeLead chose, and every step in order', async () => {
    const ref = createRef<HTMLDivElement>();
    const expected = routeLead(naLead, createRoutingState(), defaultAgreement, { now: naLead.createdAt });
    const { container } = renderWithAccord(<RoutingTrace ref={ref} lead={naLead} className="host" />);
    expect(ref.current).toBe(group());
    expect(group().className).toBe('accord-RoutingTrace host');
    expect(group().dataset['state']).toBe('user');
    expect(container.querySelector('.accord-RoutingTrace-summary')?.textContent).toBe(
      `Assigned to user ${expected.assignee.id} by rule Region territory from pool North America.`,
    );
    const items = steps().filter((li) => li.classList.contains('accord-RoutingTrace-step'));
    expect(items.map((li) => li.querySelector('.accord-RoutingTrace-stepMessage')?.textContent)).toEqual(
      expected.trace.map((t) => t.message),
    );
    expect(items.map((li) => li.dataset['state'])).toEqual([
      'matched',
      'unmatched',
      'unmatched',
      'matched',
      'matched',
      'chosen',
    ]);
    const decisive = items.filter((li) => li.hasAttribute('data-decisive'));
    expect(decisive.map((li) => li.querySelector('.accord-RoutingTrace-stepTitle')?.textContent)).toEqual([
      'Region territory',
    ]);
    await expectNoAxeViolations(container);
  });

  it('shows the account owner a sample lead is routed to, as routeLead does', async () => {
    const sample = generateSample({ leads: 40, seed: 11 });
    const accounts = createAccountDirectory(sample.accounts);
    const lead = sample.leads.find(
      (l) =>
        routeLead(l, createRoutingState(), defaultAgreement, { now: l.createdAt, accounts }).ruleId === 'account_owner',
    ) as Lead;
    const expected = routeLead(lead, createRoutingState(), defaultAgreement, { now: lead.createdAt, accounts });
    const { container } = renderWithAccord(<RoutingTrace lead={lead} accounts={accounts} now={lead.createdAt} />);
    expect(container.querySelector('.accord-RoutingTrace-summary')?.textContent).toBe(
      `Assigned to user ${expected.assignee.id} by rule Known account → account owner.`,
    );
    const assigned = container.querySelector('.accord-RoutingTrace-facts dd');
    expect(assigned?.textContent).toBe(`${expected.assignee.id} (user)`);
    await expectNoAxeViolations(container);
  });

  it('writes out why members were skipped', () => {
    renderWithAccord(<RoutingTrace lead={naLead} outOfOffice={['rep_ava']} />);
    const skipped = steps().filter((li) => li.dataset['state'] === 'skipped');
    expect(skipped.map((li) => li.textContent)).toEqual([
      'Skipped: out of office: rep_ava (North America)rep_ava is out of office.',
    ]);
  });

  it('shows the fallback queue when nobody in the pool can take the lead', async () => {
    const lead: Lead = { ...naLead, attributes: { employees: 5000 } };
    const { container } = renderWithAccord(<RoutingTrace lead={lead} outOfOffice={['ae_grace', 'ae_hiro']} />);
    expect(group().dataset['state']).toBe('fallback');
    expect(steps().at(-1)?.dataset['state']).toBe('fallback');
    expect(container.querySelector('.accord-RoutingTrace-summary')?.textContent).toBe(
      'Assigned to queue sdr_queue by rule Enterprise (1,000+ employees) → enterprise team from pool Enterprise, through the fallback queue.',
    );
    await expectNoAxeViolations(container);
  });

  it('shows the error state when routing cannot run', async () => {
    const { container } = renderWithAccord(<RoutingTrace lead={naLead} now="yesterday" />);
    expect(group().dataset['state']).toBe('error');
    expect(container.querySelector('.accord-RoutingTrace-summary')?.textContent).toMatch(
      /^Routing could not run: now:/,
    );
    expect(screen.queryByRole('list', { name: 'Routing steps' })).toBeNull();
    await expectNoAxeViolations(container);
  });

  it('renders hostile owner, rule and region names as text', async () => {
    const agreement: Agreement = {
      ...defaultAgreement,
      routing: {
        ...(defaultAgreement.routing as NonNullable<Agreement['routing']>),
        rules: [
          { id: 'by_region', label: HOSTILE, assign: { territory: true } },
          { id: 'owner', label: HOSTILE, assign: { user: HOSTILE } },
        ],
      },
    };
    const lead: Lead = { ...naLead, region: HOSTILE, ownerId: HOSTILE, company: HOSTILE };
    const { container } = renderWithAccord(<RoutingTrace lead={lead} />, { agreement });
    expect(container.querySelector('.accord-RoutingTrace-summary')?.textContent).toBe(
      `Assigned to user ${HOSTILE} by rule ${HOSTILE}.`,
    );
    expect(within(group()).getByText(`No territory covers region ${HOSTILE} × segment (none).`)).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
    await expectNoAxeViolations(container);
  });
});
