import { createMemoryAdapter } from '@accord/adapters';
import { type ApplyDispositionResult, computeRejectMix, defaultAgreement, type Lead } from '@accord/core';
import type { QueryClient } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { createControlledAdapter, createReadOnlyAdapter } from '../_test/controlledAdapter';
import { mqlLead, salLead, sqlLead } from '../_test/leads';
import { createTestQueryClient, TEST_NOW } from '../_test/renderWithAccord';
import { AccordProvider } from '../provider/AccordProvider';
import type { AccordAdapter } from '../provider/adapter.types';
import { accordKeys } from '../queries/accordKeys';
import { type AccordRecords, recordsQueryOptions } from '../queries/recordsQueryOptions';
import { type UseDispositionPickerOptions, useDispositionPicker } from './useDispositionPicker';
import { useScorecard } from './useScorecard';

function memoryAdapter(): AccordAdapter {
  return createMemoryAdapter({ leads: [mqlLead, salLead, sqlLead] }, { agreement: defaultAgreement });
}

function setup(
  lead: Lead,
  options: UseDispositionPickerOptions = {},
  {
    adapter = memoryAdapter(),
    queryClient = createTestQueryClient(),
  }: { adapter?: AccordAdapter; queryClient?: QueryClient } = {},
) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <AccordProvider agreement={defaultAgreement} clock={() => TEST_NOW} adapter={adapter} queryClient={queryClient}>
      {children}
    </AccordProvider>
  );
  const hook = renderHook(() => useDispositionPicker(lead, options), { wrapper });
  return { ...hook, queryClient, adapter };
}

const cachedLead = (queryClient: QueryClient, adapter: AccordAdapter, id: string) =>
  queryClient.getQueryData<AccordRecords>(accordKeys.records(adapter))?.leads.find((l) => l.id === id);

describe('useDispositionPicker', () => {
  it('returns the reasons that apply in the lead stage, in the agreement order, when no filter is given', () => {
    const { result } = setup(sqlLead);
    expect(result.current.reasons.map((r) => r.id)).toEqual(['no_timing', 'no_budget', 'competitor']);
    expect(result.current.status).toBe('idle');
  });

  it('returns only the listed reasons when the reasons option is an id list', () => {
    const { result } = setup(mqlLead, { reasons: ['competitor', 'duplicate'] });
    expect(result.current.reasons.map((r) => r.id)).toEqual(['competitor', 'duplicate']);
  });

  it('returns reasons that do not apply, flagged, when includeInapplicable is set', () => {
    const { result } = setup(sqlLead, { includeInapplicable: true });
    expect(result.current.reasons.find((r) => r.id === 'no_icp_fit')?.applicable).toBe(false);
    expect(result.current.reasons.find((r) => r.id === 'competitor')?.applicable).toBe(true);
  });

  it('returns the required detail field of the picked reason', () => {
    const { result } = setup(mqlLead);
    act(() => result.current.setReasonId('competitor'));
    expect(result.current.status).toBe('editing');
    expect(result.current.detail).toMatchObject({
      name: 'detail',
      kind: 'text',
      label: 'Which competitor?',
      required: true,
    });
    expect(result.current.getDetailProps()).toMatchObject({ type: 'text', required: true, 'aria-invalid': false });
  });

  it('returns status "invalid" with an error naming the field when "competitor" is submitted without a detail', () => {
    const { result, adapter } = setup(mqlLead);
    const write = vi.spyOn(adapter, 'writeDisposition');
    act(() => result.current.setReasonId('competitor'));
    let sent = true;
    act(() => {
      sent = result.current.submit();
    });
    expect(sent).toBe(false);
    expect(result.current.status).toBe('invalid');
    expect(result.current.errors.detail).toBe('Reason "competitor" needs a detail: Which competitor?');
    const props = result.current.getDetailProps();
    expect(props['aria-invalid']).toBe(true);
    expect(props['aria-describedby']).toBe(result.current.getErrorProps('detail').id);
    expect(write).not.toHaveBeenCalled();
  });

  it('returns an error on the reason when submitted with no reason picked', () => {
    const { result } = setup(mqlLead);
    act(() => {
      result.current.submit();
    });
    expect(result.current.status).toBe('invalid');
    expect(result.current.errors.reasonId).toBe('Choose a reason.');
    expect(result.current.getRadioGroupProps()['aria-invalid']).toBe(true);
  });

  it('returns the core message when a recycle date is not after the disposition', () => {
    const { result } = setup(mqlLead);
    act(() => result.current.setReasonId('no_timing'));
    act(() => result.current.setDetail('2026-03-01'));
    act(() => {
      result.current.submit();
    });
    expect(result.current.detail?.kind).toBe('date');
    expect(result.current.errors.detail).toBe(
      'The detail of reason "no_timing" must be a date after the disposition (2026-03-10).',
    );
  });

  it('sets the disposition in the records cache before the write resolves', async () => {
    const controlled = createControlledAdapter(memoryAdapter());
    const { result, queryClient } = setup(mqlLead, {}, { adapter: controlled.adapter });
    await queryClient.fetchQuery(recordsQueryOptions(controlled.adapter));
    const gate = controlled.hold();
    act(() => result.current.setReasonId('competitor'));
    act(() => result.current.setDetail('Acme'));
    act(() => {
      result.current.submit();
    });
    await waitFor(() => expect(result.current.status).toBe('submitting'));
    await waitFor(() =>
      expect(cachedLead(queryClient, controlled.adapter, 'L-mql')?.disposition?.reasonId).toBe('competitor'),
    );
    const records = queryClient.getQueryData<AccordRecords>(accordKeys.records(controlled.adapter));
    expect(computeRejectMix(records?.leads ?? [])[0]).toMatchObject({
      group: '(all)',
      rejected: 1,
      counts: { competitor: 1 },
    });
    expect(controlled.calls).toHaveLength(1);
    expect(controlled.calls[0]?.disposition).toEqual({
      reasonId: 'competitor',
      detail: 'Acme',
      at: '2026-03-10T15:00:00.000Z',
    });

    await act(async () => gate.resolve());
    await waitFor(() => expect(result.current.status).toBe('success'));
    const stored = await controlled.adapter.listLeads();
    expect(stored.records.find((l) => l.id === 'L-mql')?.disposition?.detail).toBe('Acme');
  });

  it('recomputes a mounted in-memory scorecard from the optimistic records before the write resolves', async () => {
    const memory = memoryAdapter();
    // No push-down: the scorecard is computed from the records cache, as for any adapter without SQL.
    const controlled = createControlledAdapter({
      ...memory,
      capabilities: { ...memory.capabilities, runScorecard: false },
      runScorecard: undefined,
    });
    const queryClient = createTestQueryClient();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <AccordProvider
        agreement={defaultAgreement}
        clock={() => TEST_NOW}
        adapter={controlled.adapter}
        queryClient={queryClient}
      >
        {children}
      </AccordProvider>
    );
    const { result } = renderHook(
      () => ({
        picker: useDispositionPicker(mqlLead),
        scorecard: useScorecard({ metrics: ['reject_mix.competitor'], trend: false }),
      }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.scorecard.status).toBe('success'));
    const before = result.current.scorecard.tiles[0]?.numerator ?? 0;
    const gate = controlled.hold();
    act(() => result.current.picker.setReasonId('competitor'));
    act(() => result.current.picker.setDetail('Acme'));
    act(() => {
      result.current.picker.submit();
    });
    await waitFor(() => expect(result.current.scorecard.tiles[0]?.numerator).toBe(before + 1));
    expect(result.current.picker.status).toBe('submitting');
    await act(async () => gate.resolve());
    await waitFor(() => expect(result.current.picker.status).toBe('success'));
    await waitFor(() => expect(result.current.scorecard.isFetching).toBe(false));
    expect(result.current.scorecard.tiles[0]?.numerator).toBe(before + 1);
  });

  it('reloads the records from the adapter when the write settles, so changes beyond the disposition show', async () => {
    // An adapter that, like a CRM, also moves the lead to the reason's stage when it records the rejection.
    let leads: Lead[] = [mqlLead, salLead, sqlLead];
    const memory = memoryAdapter();
    const adapter: AccordAdapter = {
      ...memory,
      listLeads: async () => ({ records: leads, nextCursor: null }),
      async writeDisposition(leadId, disposition) {
        leads = leads.map((lead) =>
          lead.id === leadId
            ? { ...lead, disposition, stageDates: { ...lead.stageDates, disqualified: disposition.at } }
            : lead,
        );
      },
    };
    const { result, queryClient } = setup(mqlLead, {}, { adapter });
    await queryClient.fetchQuery(recordsQueryOptions(adapter));
    act(() => result.current.setReasonId('competitor'));
    act(() => result.current.setDetail('Acme'));
    act(() => {
      result.current.submit();
    });
    await waitFor(() => expect(result.current.status).toBe('success'));
    await waitFor(() => expect(cachedLead(queryClient, adapter, 'L-mql')?.stageDates?.['disqualified']).toBeDefined());
  });

  it('restores the records cache when the write rejects, then retry writes exactly once more', async () => {
    const controlled = createControlledAdapter(memoryAdapter());
    const onError = vi.fn();
    const onSubmitted = vi.fn<(result: ApplyDispositionResult) => void>();
    const { result, queryClient } = setup(mqlLead, { onError, onSubmitted }, { adapter: controlled.adapter });
    await queryClient.fetchQuery(recordsQueryOptions(controlled.adapter));
    controlled.failNext(1, 'Network error');
    act(() => result.current.setReasonId('no_icp_fit'));
    act(() => {
      result.current.submit();
    });
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current.error?.message).toBe('Network error');
    expect(onError).toHaveBeenCalledTimes(1);
    expect(cachedLead(queryClient, controlled.adapter, 'L-mql')?.disposition).toBeUndefined();
    expect(controlled.calls).toHaveLength(1);

    act(() => result.current.retry());
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(controlled.calls).toHaveLength(2);
    expect(controlled.calls[1]).toEqual(controlled.calls[0]);
    expect(cachedLead(queryClient, controlled.adapter, 'L-mql')?.disposition?.reasonId).toBe('no_icp_fit');
    expect(onSubmitted).toHaveBeenCalledTimes(1);
    expect(onSubmitted.mock.calls[0]?.[0].actions[0]).toMatchObject({ type: 'disqualify', leadId: 'L-mql' });
  });

  it('sends one write when submit is called twice while the first is pending', async () => {
    const controlled = createControlledAdapter(memoryAdapter());
    const { result } = setup(mqlLead, { defaultReasonId: 'no_budget' }, { adapter: controlled.adapter });
    const gate = controlled.hold();
    const sent: boolean[] = [];
    act(() => {
      sent.push(result.current.submit());
      sent.push(result.current.submit());
    });
    await waitFor(() => expect(result.current.status).toBe('submitting'));
    act(() => {
      sent.push(result.current.submit());
    });
    expect(sent).toEqual([true, false, false]);
    expect(result.current.getSubmitProps()['aria-disabled']).toBe(true);
    await act(async () => gate.resolve());
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(controlled.calls).toHaveLength(1);
  });

  it('returns status "error" at once, and sends nothing, when the adapter cannot write dispositions', () => {
    const { result } = setup(
      mqlLead,
      { defaultReasonId: 'no_budget' },
      { adapter: createReadOnlyAdapter(memoryAdapter()) },
    );
    expect(result.current.status).toBe('error');
    expect(result.current.canWrite).toBe(false);
    expect(result.current.error?.message).toMatch(/^\[accord\] Adapter "memory" cannot record dispositions/);
    let sent = true;
    act(() => {
      sent = result.current.submit();
    });
    expect(sent).toBe(false);
    expect(result.current.getSubmitProps()['aria-disabled']).toBe(true);
  });

  it('returns to "editing" when the detail changes after a failed write', async () => {
    const controlled = createControlledAdapter(memoryAdapter());
    const { result } = setup(mqlLead, { defaultReasonId: 'duplicate' }, { adapter: controlled.adapter });
    controlled.failNext(1);
    act(() => {
      result.current.submit();
    });
    await waitFor(() => expect(result.current.status).toBe('error'));
    act(() => result.current.setDetail('L-42'));
    expect(result.current.status).toBe('editing');
    expect(result.current.error).toBeNull();
  });
});
