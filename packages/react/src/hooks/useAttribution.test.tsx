import { createMemoryAdapter } from '@accord/adapters';
import { buildJourneys, compareAttribution, defaultAgreement } from '@accord/core';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { failingAdapter, sampleAdapter, sampleRecords } from '../_test/chartData';
import { createTestQueryClient, TEST_NOW } from '../_test/renderWithAccord';
import { AccordProvider } from '../provider/AccordProvider';
import type { AccordAdapter } from '../provider/adapter.types';
import { recordsQueryOptions } from '../queries/recordsQueryOptions';
import { type UseAttributionOptions, useAttribution } from './useAttribution';

const adapter = sampleAdapter(900, 5);

function setup(options: UseAttributionOptions = {}, source: AccordAdapter = adapter) {
  const queryClient = createTestQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <AccordProvider
      agreement={defaultAgreement}
      adapter={source}
      queryClient={queryClient}
      clock={() => TEST_NOW}
      locale="en-US"
    >
      {children}
    </AccordProvider>
  );
  return { ...renderHook(() => useAttribution(options), { wrapper }), queryClient };
}

describe('useAttribution', () => {
  it("returns rows equal to compareAttribution's figures over the same records", async () => {
    const { result, queryClient } = setup();
    await waitFor(() => expect(result.current.state).toBe('data'));
    const records = await queryClient.ensureQueryData(recordsQueryOptions(adapter));
    const { journeys } = buildJourneys(records, { lookbackDays: 90 });
    const expected = compareAttribution(journeys, { halfLifeDays: 7 });
    expect(result.current.models).toEqual(expected.results.map((r) => r.model));
    expect(result.current.models).toEqual(
      expect.arrayContaining(['first_touch', 'last_touch', 'linear', 'position_based', 'markov', 'shapley']),
    );
    expect(result.current.rows.map(({ channel, conversions, value }) => ({ channel, conversions, value }))).toEqual(
      expected.table,
    );
  });

  it('gives shares that add up to one for every model', async () => {
    const { result } = setup();
    await waitFor(() => expect(result.current.state).toBe('data'));
    for (const model of result.current.models) {
      const total = result.current.rows.reduce((sum, row) => sum + (row.share[model] ?? 0), 0);
      expect(total, model).toBeCloseTo(1, 9);
    }
  });

  it('compares only the models asked for, in order', async () => {
    const { result } = setup({ models: ['markov', 'first_touch'] });
    await waitFor(() => expect(result.current.state).toBe('data'));
    expect(result.current.models).toEqual(['markov', 'first_touch']);
    expect(result.current.labelOf('markov')).toBe('Markov chain');
  });

  it('reads revenue instead of share after setMeasure("revenue")', async () => {
    const { result } = setup();
    await waitFor(() => expect(result.current.state).toBe('data'));
    const row = result.current.rows[0];
    if (!row) throw new Error('no rows');
    expect(result.current.figureOf(row, 'linear')).toBe(row.share['linear']);
    act(() => result.current.setMeasure('revenue'));
    expect(result.current.measure).toBe('revenue');
    expect(result.current.figureOf(row, 'linear')).toBe(row.value['linear']);
    expect(result.current.max).toBe(Math.max(...result.current.rows.flatMap((r) => Object.values(r.value))));
  });

  it('reports the empty state when nothing converted', async () => {
    const { opportunities: _, ...rest } = sampleRecords(200, 3);
    const noDeals = createMemoryAdapter(rest, { agreement: defaultAgreement, name: 'no-deals' }) as AccordAdapter;
    const { result } = setup({}, noDeals);
    await waitFor(() => expect(result.current.state).toBe('empty'));
  });

  it('reports the error state and recovers on retry when the adapter fails', async () => {
    const failing = failingAdapter('reject');
    const { result } = setup({}, failing.adapter);
    await waitFor(() => expect(result.current.state).toBe('error'));
    failing.state.fail = false;
    await act(async () => result.current.retry());
    await waitFor(() => expect(result.current.state).toBe('empty'));
  });
});
