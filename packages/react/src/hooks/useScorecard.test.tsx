import { createMemoryAdapter } from '@accord/adapters';
import {
  type ComputeScorecardOptions,
  computeScorecard,
  defaultAgreement,
  generateSample,
  type ScorecardData,
  type ScorecardResult,
} from '@accord/core';
import { hashKey, type QueryClient } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { createTestQueryClient } from '../_test/renderWithAccord';
import { AccordProvider } from '../provider/AccordProvider';
import type { AccordAdapter } from '../provider/adapter.types';
import { accordKeys } from '../queries/accordKeys';
import { scorecardQueryOptions } from '../queries/scorecardQueryOptions';
import { type UseScorecardOptions, useScorecard } from './useScorecard';

const sample = generateSample({ leads: 400, seed: 11 });
const data: ScorecardData = {
  leads: sample.leads,
  activities: sample.activities,
  touchpoints: sample.touchpoints,
  opportunities: sample.opportunities,
  spend: sample.spend,
};
const asOf = sample.asOf;
const METRICS = [
  'leads',
  'conversion.mql.sal',
  'conversion.sal.sql',
  'reject_rate',
  'time_to_first_touch.median',
  'sla.mql_first_touch.breach_rate',
  'revenue_won',
];

function memoryAdapter(): AccordAdapter {
  return createMemoryAdapter(data, { agreement: defaultAgreement });
}

/** The memory adapter behind a wrapper that counts calls (no mock: every call reaches the real adapter). */
function counting(inner: AccordAdapter, { pushDown = true } = {}) {
  const calls = { runScorecard: 0, listLeads: 0 };
  const adapter: AccordAdapter = {
    ...inner,
    capabilities: { ...inner.capabilities, runScorecard: pushDown },
    listLeads: (o) => {
      calls.listLeads++;
      return inner.listLeads(o);
    },
    ...(pushDown
      ? {
          runScorecard: (o: Parameters<NonNullable<AccordAdapter['runScorecard']>>[0]) => {
            calls.runScorecard++;
            return (inner.runScorecard as NonNullable<AccordAdapter['runScorecard']>)(o);
          },
        }
      : { runScorecard: undefined }),
  };
  return { adapter, calls };
}

function expected(options: Omit<ComputeScorecardOptions, 'agreement' | 'asOf'>): ScorecardResult {
  return computeScorecard(data, { agreement: defaultAgreement, asOf, ...options });
}

function setup(
  options: UseScorecardOptions,
  {
    adapter = memoryAdapter(),
    queryClient = createTestQueryClient(),
  }: { adapter?: AccordAdapter; queryClient?: QueryClient } = {},
) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <AccordProvider
      agreement={defaultAgreement}
      adapter={adapter}
      clock={() => Date.parse(asOf)}
      queryClient={queryClient}
      locale="en-US"
    >
      {children}
    </AccordProvider>
  );
  const hook = renderHook((props: UseScorecardOptions) => useScorecard(props), { wrapper, initialProps: options });
  return { ...hook, queryClient };
}

async function settled(result: { current: ReturnType<typeof useScorecard> }) {
  await waitFor(() => expect(result.current.status).toBe('success'));
  await waitFor(() => expect(result.current.trendStatus).toBe('success'));
}

describe('useScorecard', () => {
  it('returns tiles whose values equal computeScorecard for the same options', async () => {
    const { result } = setup({ metrics: METRICS, period: '2026-05', asOf });
    await settled(result);
    const card = expected({ metrics: METRICS, period: '2026-05', compareTo: 'previous' });
    expect(result.current.tiles.map((t) => t.id)).toEqual(METRICS);
    for (const tile of result.current.tiles) {
      const want = card.totals.metrics[tile.id];
      expect(tile.value).toBe(want?.value ?? null);
      expect(tile.numerator).toBe(want?.numerator);
      expect(tile.denominator).toBe(want?.denominator);
      expect(tile.delta?.change ?? null).toBe(want?.change ?? null);
      expect(tile.status).toBe(want?.status ?? 'none');
    }
    expect(result.current.period?.label).toBe('2026-05');
    expect(result.current.previousPeriod?.label).toBe('2026-04');
  });

  it('uses the adapter’s runScorecard when the adapter can push down', async () => {
    const { adapter, calls } = counting(memoryAdapter());
    const { result } = setup({ metrics: METRICS, period: '2026-05', asOf }, { adapter });
    await settled(result);
    // One call for the tiles, one for the trend; the records are never listed.
    expect(calls.runScorecard).toBe(2);
    expect(calls.listLeads).toBe(0);
  });

  it('computes from the adapter’s records when the adapter cannot push down', async () => {
    const { adapter, calls } = counting(memoryAdapter(), { pushDown: false });
    const { result } = setup({ metrics: METRICS, period: '2026-05', asOf }, { adapter });
    await settled(result);
    // Tiles and trend share one load of the records.
    expect(calls.listLeads).toBe(1);
    expect(calls.runScorecard).toBe(0);
    const card = expected({ metrics: METRICS, period: '2026-05', compareTo: 'previous' });
    expect(result.current.tiles.map((t) => t.value)).toEqual(METRICS.map((id) => card.totals.metrics[id]?.value));
  });

  it('caches under accordKeys.view so a prefetch with scorecardQueryOptions is reused', async () => {
    const { adapter, calls } = counting(memoryAdapter());
    const queryClient = createTestQueryClient();
    const options = scorecardQueryOptions(adapter, {
      agreement: defaultAgreement,
      asOf,
      metrics: METRICS,
      groupBy: [],
      period: '2026-05',
      compareTo: 'previous',
    });
    expect(options.queryKey.slice(0, 3)).toEqual(
      accordKeys.view(adapter, 'scorecard', defaultAgreement, {}).slice(0, 3),
    );
    await queryClient.prefetchQuery(options);
    expect(calls.runScorecard).toBe(1);
    const { result } = setup({ metrics: METRICS, period: '2026-05', asOf, trend: false }, { adapter, queryClient });
    expect(result.current.status).toBe('success');
    expect(result.current.result).toBe(queryClient.getQueryData(options.queryKey));
    // The hook read the prefetched entry: no second scorecard query under another key.
    const fetched = queryClient
      .getQueryCache()
      .findAll({ queryKey: ['accord', adapter.name, 'scorecard'] })
      .filter((q) => q.state.dataUpdateCount > 0);
    expect(fetched.map((q) => q.queryHash)).toEqual([hashKey(options.queryKey)]);
  });

  it('marks a change good or bad by the metric’s direction', async () => {
    const { result } = setup({ metrics: METRICS, period: '2026-05', asOf });
    await settled(result);
    const withChange = result.current.tiles.filter((t) => t.delta && t.delta.change !== 0);
    expect(withChange.length).toBeGreaterThan(0);
    for (const t of withChange) {
      const better = t.info.direction === 'higher' ? (t.delta?.change ?? 0) > 0 : (t.delta?.change ?? 0) < 0;
      expect(t.delta?.tone).toBe(better ? 'good' : 'bad');
      expect(t.delta?.text.startsWith((t.delta?.change ?? 0) > 0 ? '+' : '\u2212')).toBe(true);
      expect(t.delta?.comparedWith).toBe('vs 2026-04');
    }
  });

  it('returns no delta when there is no period to compare with', async () => {
    const { result } = setup({ metrics: METRICS, asOf });
    await settled(result);
    expect(result.current.period).toBeNull();
    expect(result.current.tiles.every((t) => t.delta === null)).toBe(true);
  });

  it('returns the dictionary definition with each tile', async () => {
    const { result } = setup({ metrics: METRICS, asOf });
    await settled(result);
    const card = expected({ metrics: METRICS });
    for (const [i, tile] of result.current.tiles.entries()) {
      const info = card.metrics[i];
      expect(tile.label).toBe(info?.label);
      expect(tile.definition.description).toBe(info?.description);
      expect(tile.definition.formula).toBe(info?.formula);
      expect(tile.definition.owner.toLowerCase()).toBe(info?.owner);
    }
  });

  it('returns drill rows equal to computeScorecard grouped by the dimension when drillBy is set', async () => {
    const { result } = setup({ metrics: METRICS, period: '2026-05', asOf, defaultDrillBy: 'source' });
    await settled(result);
    const card = expected({ metrics: METRICS, period: '2026-05', compareTo: 'previous', groupBy: ['source'] });
    expect(result.current.drillRows.map((r) => r.key)).toEqual(card.rows.map((r) => r.group['source']));
    for (const [i, row] of result.current.drillRows.entries()) {
      expect(row.cells.map((c) => c.value)).toEqual(METRICS.map((id) => card.rows[i]?.metrics[id]?.value ?? null));
    }
    expect(result.current.drillLabel).toBe('Source');
  });

  it('returns the selected group’s values in the tiles when a group is selected', async () => {
    const { result } = setup({ metrics: METRICS, period: '2026-05', asOf, defaultDrillBy: 'segment' });
    await settled(result);
    const card = expected({ metrics: METRICS, period: '2026-05', compareTo: 'previous', groupBy: ['segment'] });
    const row = card.rows[1];
    const key = row?.group['segment'] as string;
    act(() => result.current.setSelectedGroup(key));
    expect(result.current.selectedGroup).toBe(key);
    expect(result.current.tiles.map((t) => t.value)).toEqual(METRICS.map((id) => row?.metrics[id]?.value ?? null));
    expect(result.current.tiles.map((t) => t.delta?.change ?? null)).toEqual(
      METRICS.map((id) => row?.metrics[id]?.change ?? null),
    );
  });

  it('clears the selected group when the dimension changes', async () => {
    const { result } = setup({ metrics: METRICS, asOf, defaultDrillBy: 'segment' });
    await settled(result);
    act(() => result.current.toggleGroup(result.current.drillRows[0]?.key ?? ''));
    expect(result.current.selectedGroup).not.toBeNull();
    act(() => result.current.setDrillBy('region'));
    expect(result.current.selectedGroup).toBeNull();
    expect(result.current.drillBy).toBe('region');
    await waitFor(() => expect(result.current.drillPending).toBe(false));
    const card = expected({ metrics: METRICS, groupBy: ['region'] });
    expect(result.current.drillRows.map((r) => r.key)).toEqual(card.rows.map((r) => r.group['region']));
  });

  it('returns a monthly trend ending with the selected period', async () => {
    const { result } = setup({ metrics: METRICS, period: '2026-05', asOf });
    await settled(result);
    const card = expected({ metrics: METRICS, grain: 'month' });
    const rows = card.rows.filter((r) => (r.period ?? '') <= '2026-05');
    const trend = result.current.trends['conversion.mql.sal'];
    expect(trend?.points.map((p) => p.label)).toEqual(rows.map((r) => r.period));
    expect(trend?.points.map((p) => p.value)).toEqual(rows.map((r) => r.metrics['conversion.mql.sal']?.value ?? null));
    expect(trend?.summary).toMatch(/^Monthly trend of MQL → SAL: .+ in 2026-01 to .+ in 2026-05; low .+, high .+\.$/);
  });

  it('returns a weekly trend of the selected group when grain is week', async () => {
    const { result } = setup({ metrics: METRICS, asOf, grain: 'week', trendPoints: 8, defaultDrillBy: 'segment' });
    await settled(result);
    const key = result.current.drillRows[0]?.key as string;
    act(() => result.current.setSelectedGroup(key));
    await waitFor(() => expect(result.current.trends['leads']?.points.length).toBe(8));
    const card = expected({ metrics: METRICS, grain: 'week', groupBy: ['segment'] });
    const rows = card.rows.filter((r) => r.group['segment'] === key).slice(-8);
    expect(result.current.trends['leads']?.points.map((p) => [p.label, p.value])).toEqual(
      rows.map((r) => [r.period, r.metrics['leads']?.value]),
    );
    expect(result.current.trends['leads']?.summary).toMatch(/^Weekly trend of /);
  });

  it('reports an error and recovers on refetch', async () => {
    const inner = memoryAdapter();
    let fail = true;
    const adapter: AccordAdapter = {
      ...inner,
      runScorecard: (o) =>
        fail ? Promise.reject(new Error('[accord] [memory] warehouse offline')) : (inner.runScorecard?.(o) as never),
    };
    const { result } = setup({ metrics: METRICS, asOf }, { adapter });
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current.error?.message).toBe('[accord] [memory] warehouse offline');
    fail = false;
    await act(() => result.current.refetch());
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(result.current.tiles).toHaveLength(METRICS.length);
  });

  it('reports an empty scorecard when the adapter has no leads', async () => {
    const { result } = setup(
      { metrics: METRICS, asOf },
      { adapter: createMemoryAdapter({}, { agreement: defaultAgreement }) },
    );
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(result.current.isEmpty).toBe(true);
  });

  it('uses the adapter from its options over the provider’s', async () => {
    const provider = counting(memoryAdapter());
    const own = counting(memoryAdapter(), { pushDown: true });
    const wrapperAdapter = { ...own.adapter, name: 'own' };
    const { result } = setup(
      { metrics: METRICS, asOf, adapter: wrapperAdapter, trend: false },
      { adapter: provider.adapter },
    );
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(own.calls.runScorecard).toBe(1);
    expect(provider.calls.runScorecard).toBe(0);
  });

  it('uses the queryClient from its options over the provider’s', async () => {
    const own = createTestQueryClient();
    const { result, queryClient } = setup({ metrics: METRICS, asOf, queryClient: own, trend: false });
    await waitFor(() => expect(result.current.status).toBe('success'));
    const key = ['accord', 'memory', 'scorecard'];
    expect(
      own
        .getQueryCache()
        .findAll({ queryKey: key })
        .some((q) => q.state.data === result.current.result),
    ).toBe(true);
    expect(queryClient.getQueryCache().findAll({ queryKey: key })).toHaveLength(0);
  });

  it('wires the definition trigger to the popover and closes it on Escape', async () => {
    const { result } = setup({ metrics: METRICS, asOf, trend: false });
    await waitFor(() => expect(result.current.status).toBe('success'));
    const trigger = result.current.getDefinitionTriggerProps('leads');
    const popover = result.current.getDefinitionProps('leads');
    expect(trigger['aria-describedby']).toBe(popover.id);
    expect(result.current.getTileProps('leads')['aria-labelledby']).toBe(trigger.id);
    expect(popover.hidden).toBe(true);
    act(() => result.current.setOpenDefinition('leads'));
    expect(result.current.getDefinitionProps('leads').hidden).toBe(false);
    act(() => {
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    });
    expect(result.current.openDefinition).toBeNull();
  });
});
