import { type CriterionReason, evaluateCriteria } from '@accord/core';
import { render, screen, within } from '@testing-library/react';
import { createRef } from 'react';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../../_test/expectNoAxeViolations';
import { CriteriaChecklist } from './CriteriaChecklist';

const lead = { attributes: { employees: 12, engagementScore: 55 }, email: 'a@b.example' };
const { reasons } = evaluateCriteria(lead, {
  all: [
    { field: 'attributes.employees', op: 'gte', value: 20, label: 'ICP: 20 or more employees' },
    { field: 'attributes.engagementScore', op: 'gte', value: 40 },
    { not: { field: 'email', op: 'matches', value: '@gmail\\.com$' } },
  ],
});

describe('CriteriaChecklist', () => {
  it('lists every criterion with met / not met text, its label or message, and the value found', async () => {
    const { container } = render(<CriteriaChecklist reasons={reasons} />);
    const items = screen.getAllByRole('listitem');
    expect(items.map((li) => li.dataset['state'])).toEqual(['unmet', 'met', 'met']);
    expect(items.map((li) => li.textContent)).toEqual([
      'not met: ICP: 20 or more employeesattributes.employees is 12, needs ≥ 20',
      'met: attributes.engagementScore is 55, needs ≥ 40',
      'met: email is "a@b.example", needs to match /@gmail\\.com$/',
    ]);
    expect(within(items[0] as HTMLElement).getByText('attributes.employees').tagName).toBe('CODE');
    expect(screen.getByRole('list').dataset['state']).toBe('unmet');
    await expectNoAxeViolations(container);
  });

  it('marks the list as met when every criterion is met', () => {
    render(<CriteriaChecklist reasons={reasons.slice(1)} />);
    expect(screen.getByRole('list').dataset['state']).toBe('met');
  });

  it('shows the empty message when there is nothing to check', async () => {
    const { container } = render(<CriteriaChecklist reasons={[]} emptyMessage="No entry criteria." />);
    expect(screen.getByRole('list').dataset['state']).toBe('empty');
    expect(screen.getByRole('listitem').textContent).toBe('No entry criteria.');
    await expectNoAxeViolations(container);
  });

  it('renders hostile values as text', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const reason: CriterionReason = {
      at: '',
      field: 'company',
      op: 'eq',
      expected: hostile,
      actual: hostile,
      passed: false,
      negated: false,
      label: hostile,
      message: `company is "${hostile}", needs = "${hostile}"`,
    };
    const { container } = render(<CriteriaChecklist reasons={[reason]} />);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByRole('listitem').textContent).toContain(hostile);
  });

  it('forwards the ref, className and DOM props, and lets the host render the text', () => {
    const ref = createRef<HTMLUListElement>();
    render(
      <CriteriaChecklist
        ref={ref}
        reasons={reasons}
        className="mine"
        aria-label="MQL criteria"
        renderReason={(r, met) => `${r.field}: ${met ? 'yes' : 'no'}`}
      />,
    );
    const list = screen.getByRole('list', { name: 'MQL criteria' });
    expect(ref.current).toBe(list);
    expect(list.className).toBe('accord-CriteriaChecklist mine');
    expect(screen.getAllByRole('listitem')[0]?.textContent).toBe('not met: attributes.employees: no');
  });
});
