import { defaultAgreement, deriveLifecycle, type Lead } from '@accord/core';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { failingAdapter, sampleAdapter } from '../_test/chartData';
import { createTestQueryClient, TEST_NOW } from '../_test/renderWithAccord';
import { AccordProvider } from '../provider/AccordProvider';
import type { AccordAdapter } from '../provider/adapter.types';
import { recordsQueryOptions } from '../queries/recordsQueryOptions';
import { type UseFunnelOptions, useFunnel } from './useFunnel';

const adapter = sampleAdapter(700, 9);

function setup(options: UseFunnelOptions = {}, source: AccordAdapter = adapter) {
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
  return { ...renderHook(() => useFunnel(options), { wrapper }), queryClient };
}

/** The differential: stage counts straight from deriveLifecycle over the same records. */
function directCounts(leads: readonly Lead[], stages: readonly string[]): number[] {
  const reached = leads.map((l) => new Set<string>(deriveLifecycle(l, defaultAgreement).reached));
  return stages.map((s) => reached.filter((r) => r.has(s)).length);
}

describe('useFunnel', () => {
  it('returns stage counts equal to a direct deriveLifecycle count when the records load', async () => {
    const { result, queryClient } = setup();
    await waitFor(() => expect(result.current.state).toBe('data'));
    const { leads } = await queryClient.ensureQueryData(recordsQueryOptions(adapter));
    const steps = result.current.steps;
    expect(steps.map((s) => s.stage)).toEqual(['inquiry', 'mql', 'sal', 'sql', 'opportunity', 'closed_won']);
    expect(steps.map((s) => s.count)).toEqual(
      directCounts(
        leads,
        steps.map((s) => s.stage),
      ),
    );
    expect(result.current.max).toBe(leads.length);
    for (let i = 1; i < steps.length - 1; i++) {
      const prev = steps[i - 1]?.count as number;
      expect(steps[i]?.fromPrevious).toBeCloseTo((steps[i]?.count as number) / prev, 12);
    }
  });

  it('counts only the leads created in the window when from and to are given', async () => {
    const from = '2026-02-01T00:00:00Z';
    const to = '2026-04-01T00:00:00Z';
    const { result, queryClient } = setup({ from, to });
    await waitFor(() => expect(result.current.state).toBe('data'));
    const { leads } = await queryClient.ensureQueryData(recordsQueryOptions(adapter));
    const inWindow = leads.filter((l) => {
      const t = Date.parse(String(l.createdAt));
      return t >= Date.parse(from) && t < Date.parse(to);
    });
    expect(result.current.data?.leads).toBe(inWindow.length);
    expect(result.current.steps.map((s) => s.count)).toEqual(
      directCounts(
        inWindow,
        result.current.steps.map((s) => s.stage),
      ),
    );
  });

  it("returns one group's steps when groupBy and group are given", async () => {
    const { result, queryClient } = setup({ groupBy: 'segment', group: 'enterprise' });
    await waitFor(() => expect(result.current.state).toBe('data'));
    const { leads } = await queryClient.ensureQueryData(recordsQueryOptions(adapter));
    const enterprise = leads.filter((l) => l.segment === 'enterprise');
    expect(result.current.steps.map((s) => s.count)).toEqual(
      directCounts(
        enterprise,
        result.current.steps.map((s) => s.stage),
      ),
    );
    expect(result.current.data?.groups.map((g) => g.key).sort()).toEqual(['enterprise', 'mid_market', 'smb']);
  });

  it('summarises the funnel from the top stage to the won stage', async () => {
    const { result } = setup();
    await waitFor(() => expect(result.current.state).toBe('data'));
    const steps = result.current.steps;
    expect(result.current.summary).toBe(
      `Funnel: ${steps[0]?.count} Inquiry to ${steps.at(-1)?.count.toLocaleString('en-US')} Closed won`,
    );
  });

  it('reports the error state and recovers on retry when the adapter fails', async () => {
    const failing = failingAdapter('reject');
    const { result } = setup({}, failing.adapter);
    await waitFor(() => expect(result.current.state).toBe('error'));
    expect(result.current.error?.message).toContain('unreachable');
    failing.state.fail = false;
    await act(async () => result.current.retry());
    await waitFor(() => expect(result.current.state).toBe('empty'));
  });

  it('stays in the loading state while the records load', () => {
    const { result } = setup({}, failingAdapter('pending').adapter);
    expect(result.current.state).toBe('loading');
    expect(result.current.steps).toEqual([]);
    expect(result.current.summary).toBeNull();
  });
});
