import { defaultAgreement, defineAgreement, type Lead } from '@accord/core';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../../_test/expectNoAxeViolations';
import { mqlLead, salLead, sqlLead } from '../../_test/leads';
import { renderWithAccord } from '../../_test/renderWithAccord';
import { StageGate } from './StageGate';

const HOSTILE = '<img src=x onerror=alert(1)>';

const status = (group: HTMLElement) => within(group).getByRole('status');

describe('StageGate', () => {
  it('renders an allowed move as a named group with data-state="allowed"', async () => {
    const { container } = renderWithAccord(<StageGate lead={mqlLead} toStage="sal" />);
    const group = screen.getByRole('group', { name: 'Move to SAL' });
    expect(group.dataset['state']).toBe('allowed');
    expect(group.className).toBe('accord-StageGate');
    expect(status(group).dataset['state']).toBe('allowed');
    expect(status(group).textContent).toBe('Allowed 1 check passed');
    expect(within(group).getByText('Currently in MQL')).toBeTruthy();
    expect(within(group).queryByRole('list', { name: 'Failed checks' })).toBeNull();
    expect(container.querySelector('h1, h2, h3, h4, h5, h6')).toBeNull();
    await expectNoAxeViolations(container);
  });

  it('renders a blocked move with the failing checks, and every check only once expanded', async () => {
    const { container } = renderWithAccord(<StageGate lead={salLead} toStage="sql" />);
    const group = screen.getByRole('group', { name: 'Move to SQL' });
    expect(group.dataset['state']).toBe('blocked');
    expect(status(group).textContent).toBe('Blocked 1 of 1 check failed');
    const failing = within(group).getByRole('list', { name: 'Failed checks' });
    expect(within(failing).getByRole('listitem').textContent).toBe('Entry criteria of SQL not met: Budget known.');
    const toggle = within(group).getByRole('button', { name: 'All checks (1)' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    const details = document.getElementById(toggle.getAttribute('aria-controls') ?? '');
    expect(details?.hidden).toBe(true);
    await expectNoAxeViolations(container);
  });

  it('renders the error state for a stage the agreement does not define', async () => {
    const { container } = renderWithAccord(<StageGate lead={salLead} toStage={'qualified' as never} />);
    const group = screen.getByRole('group', { name: 'Move to qualified' });
    expect(group.dataset['state']).toBe('error');
    expect(status(group).textContent).toMatch(/^Cannot check Unknown stage "qualified"; the agreement's stages are/);
    await expectNoAxeViolations(container);
  });

  it('says when a backward move is recorded as a recycle', () => {
    renderWithAccord(<StageGate lead={sqlLead} toStage="mql" />);
    const group = screen.getByRole('group', { name: 'Move to MQL' });
    expect(status(group).textContent).toBe('Allowed 1 check passed; recorded as Recycled');
  });

  it('shows no toggle when no check applies to the move', () => {
    const lead: Lead = {
      ...sqlLead,
      amount: 100,
      stageDates: { ...sqlLead.stageDates, opportunity: '2026-03-09T10:00:00Z' },
    };
    renderWithAccord(<StageGate lead={lead} toStage="closed_lost" />);
    const group = screen.getByRole('group', { name: 'Move to Closed lost' });
    expect(status(group).textContent).toBe('Allowed No checks apply');
    expect(within(group).queryByRole('button')).toBeNull();
  });

  it('expands and collapses every check by keyboard alone', async () => {
    const user = userEvent.setup();
    const { container } = renderWithAccord(<StageGate lead={salLead} toStage="sql" />);
    await user.tab();
    const toggle = screen.getByRole('button', { name: 'All checks (1)' });
    expect(document.activeElement).toBe(toggle);

    await user.keyboard('{Enter}');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const details = document.getElementById(toggle.getAttribute('aria-controls') ?? '');
    expect(details?.hidden).toBe(false);
    const items = within(details as HTMLElement)
      .getAllByRole('listitem')
      .filter((li) => li.classList.contains('accord-CriteriaChecklist-item'));
    expect(items.map((li) => [li.dataset['state'], li.textContent])).toEqual([
      ['met', 'met: Discovery meeting heldattributes.meetingHeld is true, needs = true'],
      ['unmet', 'not met: Budget knownattributes.budgetKnown is missing, needs = true'],
    ]);
    await expectNoAxeViolations(container);

    await user.keyboard(' ');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(details?.hidden).toBe(true);
  });

  it('renders hostile CRM strings as text and creates no elements from them', async () => {
    const agreement = defineAgreement({
      ...defaultAgreement,
      stages: defaultAgreement.stages.map((s) => (s.id === 'sql' ? { ...s, label: HOSTILE } : s)),
    });
    const lead: Lead = {
      ...salLead,
      ownerId: HOSTILE,
      company: HOSTILE,
      attributes: { meetingHeld: HOSTILE, budgetKnown: HOSTILE },
    };
    const { container } = renderWithAccord(
      <>
        <StageGate lead={lead} toStage="sql" defaultExpanded />
        <StageGate lead={lead} toStage={HOSTILE as never} defaultExpanded />
      </>,
      { agreement },
    );
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelectorAll('[onerror]')).toHaveLength(0);
    const [known, unknown] = screen.getAllByRole('group', { name: `Move to ${HOSTILE}` });
    expect(known?.dataset['state']).toBe('blocked');
    expect(known?.textContent).toContain(`attributes.meetingHeld is "${HOSTILE}", needs = true`);
    expect(unknown?.dataset['state']).toBe('error');
    expect(unknown?.textContent).toContain(`Unknown stage "${HOSTILE}"`);
    await expectNoAxeViolations(container);
  });

  it('forwards the ref and spreads className, style and DOM props onto the root', () => {
    const ref = createRef<HTMLDivElement>();
    renderWithAccord(
      <StageGate
        ref={ref}
        lead={mqlLead}
        toStage="sal"
        className="host-gate"
        style={{ maxWidth: 320 }}
        data-testid="gate"
        id="gate-1"
      />,
    );
    const root = screen.getByTestId('gate');
    expect(ref.current).toBe(root);
    expect(root.className).toBe('accord-StageGate host-gate');
    expect(root.style.maxWidth).toBe('320px');
    expect(root.id).toBe('gate-1');
    expect(root.getAttribute('role')).toBe('group');
  });

  it('keeps an accessible name given by the host', () => {
    renderWithAccord(<StageGate lead={mqlLead} toStage="sal" aria-label="Accept Priya" />);
    expect(screen.getByRole('group', { name: 'Accept Priya' })).toBeTruthy();
  });

  it('passes the gate to a render-prop child', () => {
    renderWithAccord(
      <StageGate lead={salLead} toStage="sql">
        {({ result }) => (
          <button type="button" disabled={!result.allowed}>
            Move
          </button>
        )}
      </StageGate>,
    );
    expect((screen.getByRole('button', { name: 'Move' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
