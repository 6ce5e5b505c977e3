import { createMemoryAdapter } from '@accord/adapters';
import { type Agreement, defaultAgreement, type Lead } from '@accord/core';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { createControlledAdapter, createReadOnlyAdapter } from '../../_test/controlledAdapter';
import { expectNoAxeViolations } from '../../_test/expectNoAxeViolations';
import { mqlLead, salLead, sqlLead } from '../../_test/leads';
import { renderWithAccord } from '../../_test/renderWithAccord';
import type { AccordAdapter } from '../../provider/adapter.types';
import { accordKeys } from '../../queries/accordKeys';
import { type AccordRecords, recordsQueryOptions } from '../../queries/recordsQueryOptions';
import { RejectPicker } from './RejectPicker';

const HOSTILE = '<img src=x onerror="window.__pwned=1">';

function memoryAdapter(leads: Lead[] = [mqlLead, salLead, sqlLead], agreement: Agreement = defaultAgreement) {
  return createMemoryAdapter({ leads }, { agreement }) as AccordAdapter;
}

const form = () => screen.getByRole('form', { name: /^Reject / });
const status = () => within(form()).getByRole('status');
const submitButton = () => screen.getByRole('button', { name: 'Reject lead' });

describe('RejectPicker', () => {
  it('renders the reasons as a named radio group with descriptions when idle', async () => {
    const ref = createRef<HTMLFormElement>();
    const { container } = renderWithAccord(<RejectPicker ref={ref} lead={mqlLead} className="host" />, {
      adapter: memoryAdapter(),
    });
    expect(ref.current).toBe(form());
    expect(form().className).toBe('accord-RejectPicker host');
    expect(form().dataset['state']).toBe('idle');
    expect(screen.getByRole('form', { name: 'Reject Silverhill Care' })).toBeTruthy();
    const group = screen.getByRole('radiogroup', { name: 'Reason (required)' });
    const radios = within(group).getAllByRole('radio');
    expect(radios).toHaveLength(8);
    const competitor = within(group).getByRole('radio', { name: 'Competitor' });
    expect(competitor.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(competitor.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Works for a competitor, or is locked in with one.',
    );
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(submitButton().getAttribute('aria-disabled')).toBeNull();
    await expectNoAxeViolations(container);
  });

  it('demands the competitor name when "Competitor" is submitted without it', async () => {
    const user = userEvent.setup();
    const controlled = createControlledAdapter(memoryAdapter());
    const { container } = renderWithAccord(<RejectPicker lead={mqlLead} />, { adapter: controlled.adapter });
    await user.click(screen.getByRole('radio', { name: 'Competitor' }));
    const input = screen.getByRole('textbox', { name: 'Which competitor? (required)' });
    expect(input.getAttribute('aria-invalid')).toBe('false');
    await user.click(submitButton());

    expect(form().dataset['state']).toBe('invalid');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const error = document.getElementById(input.getAttribute('aria-describedby') ?? '');
    expect(error?.textContent).toBe('Reason "competitor" needs a detail: Which competitor?');
    expect(document.activeElement).toBe(input);
    expect(status().textContent).toBe('The lead was not rejected: fix the marked fields.');
    expect(controlled.calls).toHaveLength(0);
    await expectNoAxeViolations(container);
  });

  it('rejects a lead by keyboard alone: arrows pick the reason, Tab reaches the detail, Enter submits', async () => {
    const user = userEvent.setup();
    const controlled = createControlledAdapter(memoryAdapter());
    const onSubmitted = vi.fn();
    const { container } = renderWithAccord(<RejectPicker lead={mqlLead} onSubmitted={onSubmitted} />, {
      adapter: controlled.adapter,
    });
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: 'No ICP fit' }));
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{ArrowDown}');
    const competitor = screen.getByRole('radio', { name: 'Competitor' }) as HTMLInputElement;
    expect(document.activeElement).toBe(competitor);
    expect(competitor.checked).toBe(true);

    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Which competitor? (required)' }));
    await user.keyboard('Acme Analytics{Enter}');

    await waitFor(() => expect(form().dataset['state']).toBe('success'));
    expect(status().textContent).toBe('Lead rejected: Competitor.');
    expect(controlled.calls).toEqual([
      {
        leadId: 'L-mql',
        disposition: { reasonId: 'competitor', detail: 'Acme Analytics', at: '2026-03-10T15:00:00.000Z' },
      },
    ]);
    expect(onSubmitted).toHaveBeenCalledTimes(1);
    expect(submitButton().getAttribute('aria-disabled')).toBe('true');
    await expectNoAxeViolations(container);
  });

  it('shows the lead rejected in the records cache while the write is in flight', async () => {
    const user = userEvent.setup();
    const controlled = createControlledAdapter(memoryAdapter());
    const { container, queryClient } = renderWithAccord(<RejectPicker lead={mqlLead} />, {
      adapter: controlled.adapter,
    });
    await queryClient.fetchQuery(recordsQueryOptions(controlled.adapter));
    const gate = controlled.hold();
    await user.click(screen.getByRole('radio', { name: 'No budget' }));
    await user.click(submitButton());

    await waitFor(() => expect(form().dataset['state']).toBe('submitting'));
    const cached = queryClient.getQueryData<AccordRecords>(accordKeys.records(controlled.adapter));
    expect(cached?.leads.find((l) => l.id === 'L-mql')?.disposition?.reasonId).toBe('no_budget');
    expect(status().textContent).toBe('Rejecting the lead…');
    expect(submitButton().getAttribute('aria-disabled')).toBe('true');
    expect(form().getAttribute('aria-busy')).toBe('true');
    await expectNoAxeViolations(container);

    await act(async () => gate.resolve());
    await waitFor(() => expect(form().dataset['state']).toBe('success'));
  });

  it('sends one write when the button is pressed twice', async () => {
    const user = userEvent.setup();
    const controlled = createControlledAdapter(memoryAdapter());
    renderWithAccord(<RejectPicker lead={mqlLead} defaultReasonId="no_budget" />, { adapter: controlled.adapter });
    const gate = controlled.hold();
    await user.click(submitButton());
    await user.click(submitButton());
    await user.keyboard('{Enter}');
    await act(async () => gate.resolve());
    await waitFor(() => expect(form().dataset['state']).toBe('success'));
    expect(controlled.calls).toHaveLength(1);
  });

  it('rolls back and offers Retry when the write fails, and Retry writes exactly once more', async () => {
    const user = userEvent.setup();
    const controlled = createControlledAdapter(memoryAdapter());
    const { container, queryClient } = renderWithAccord(<RejectPicker lead={mqlLead} />, {
      adapter: controlled.adapter,
    });
    await queryClient.fetchQuery(recordsQueryOptions(controlled.adapter));
    controlled.failNext(1, 'Network error');
    await user.click(screen.getByRole('radio', { name: 'Student or job seeker' }));
    await user.click(submitButton());

    await waitFor(() => expect(form().dataset['state']).toBe('error'));
    expect(status().textContent).toBe('The rejection was not saved: Network error Use Retry to send it again.');
    const cached = () => queryClient.getQueryData<AccordRecords>(accordKeys.records(controlled.adapter));
    expect(cached()?.leads.find((l) => l.id === 'L-mql')?.disposition).toBeUndefined();
    await expectNoAxeViolations(container);

    await user.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(form().dataset['state']).toBe('success'));
    expect(controlled.calls).toHaveLength(2);
    expect(cached()?.leads.find((l) => l.id === 'L-mql')?.disposition?.reasonId).toBe('student_job_seeker');
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(document.activeElement).toBe(submitButton());
  });

  it('shows an error, not a silent no-op, when the adapter cannot write dispositions', async () => {
    const user = userEvent.setup();
    const { container } = renderWithAccord(<RejectPicker lead={mqlLead} />, {
      adapter: createReadOnlyAdapter(memoryAdapter()),
    });
    expect(form().dataset['state']).toBe('error');
    expect(status().textContent).toMatch(/^This data source cannot record rejections: \[accord\] Adapter "memory"/);
    expect(submitButton().getAttribute('aria-disabled')).toBe('true');
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    await user.click(screen.getByRole('radio', { name: 'No budget' }));
    await user.click(submitButton());
    expect(form().dataset['state']).toBe('error');
    await expectNoAxeViolations(container);
  });

  it('renders a select for a choice detail and a date input for a date detail', async () => {
    const user = userEvent.setup();
    const agreement: Agreement = {
      ...defaultAgreement,
      dispositions: [
        ...(defaultAgreement.dispositions ?? []),
        {
          id: 'wrong_product',
          label: 'Wrong product',
          action: 'disqualify',
          detail: { kind: 'choice', label: 'Which product?', required: true, options: ['Core', 'Cloud'] },
        },
      ],
    };
    const { container } = renderWithAccord(<RejectPicker lead={mqlLead} />, {
      adapter: memoryAdapter(undefined, agreement),
      agreement,
    });
    await user.click(screen.getByRole('radio', { name: 'Wrong product' }));
    const select = screen.getByRole('combobox', { name: 'Which product? (required)' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Choose…', 'Core', 'Cloud']);
    await expectNoAxeViolations(container);
    await user.click(screen.getByRole('radio', { name: 'No timing' }));
    expect(screen.getByLabelText('Recycle when? (required)').getAttribute('type')).toBe('date');
  });

  it('says so when no reason applies in the lead stage', async () => {
    const won: Lead = {
      ...sqlLead,
      id: 'L-won',
      stageDates: { ...sqlLead.stageDates, closed_won: '2026-03-09T10:00:00Z' },
    };
    const { container } = renderWithAccord(<RejectPicker lead={won} />, { adapter: memoryAdapter() });
    expect(screen.getByText('No reject reason applies to this lead in its current stage.')).toBeTruthy();
    expect(screen.queryByRole('radiogroup')).toBeNull();
    expect(submitButton().getAttribute('aria-disabled')).toBe('true');
    await expectNoAxeViolations(container);
  });

  it('renders hostile lead and reason names as text', async () => {
    const user = userEvent.setup();
    const agreement: Agreement = {
      ...defaultAgreement,
      dispositions: [
        {
          id: 'hostile',
          label: HOSTILE,
          description: HOSTILE,
          action: 'disqualify',
          detail: { kind: 'text', label: HOSTILE, required: true },
        },
      ],
    };
    const lead: Lead = { ...mqlLead, company: HOSTILE };
    const { container } = renderWithAccord(<RejectPicker lead={lead} />, {
      adapter: memoryAdapter([lead], agreement),
      agreement,
    });
    expect(screen.getByRole('form', { name: `Reject ${HOSTILE}` })).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: HOSTILE }));
    await user.click(submitButton());
    expect(screen.getByText(`Reason "hostile" needs a detail: ${HOSTILE}`)).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
    await expectNoAxeViolations(container);
  });
});
