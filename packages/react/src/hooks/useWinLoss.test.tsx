import { computeWinLoss } from '@accord/core';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { createTestQueryClient, TEST_NOW } from '../_test/renderWithAccord';
import { winLossAdapter, winLossAgreement, winLossLeads, winLossOpportunities } from '../_test/winLossData';
import { AccordProvider } from '../provider/AccordProvider';
import { type UseWinLossOptions, useWinLoss } from './useWinLoss';

const adapter = winLossAdapter();

function setup(options: UseWinLossOptions = {}) {
  const queryClient = createTestQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <AccordProvider
      agreement={winLossAgreement}
      adapter={adapter}
      queryClient={queryClient}
      clock={() => TEST_NOW}
      locale="en-US"
    >
      {children}
    </AccordProvider>
  );
  return renderHook(() => useWinLoss(options), { wrapper });
}

describe('useWinLoss', () => {
  it("returns computeWinLoss's result grouped by source, with formatted rows", async () => {
    const { result } = setup();
    await waitFor(() => expect(result.current.state).toBe('data'));
    const opportunities = winLossOpportunities();
    expect(result.current.result).toEqual(
      computeWinLoss({ opportunities, leads: winLossLeads(opportunities) }, winLossAgreement, {
        groupBy: ['source'],
        now: TEST_NOW,
      }),
    );
    const webinar = result.current.rows.find((r) => r.value === 'webinar');
    expect(webinar?.winRate.value).toBe('40%');
    expect(webinar?.winRate.interval).toMatch(/^\d+%–\d+%$/);
    expect(webinar?.small).toBe(false);
    expect(result.current.rows.find((r) => r.value === 'events')?.small).toBe(true);
    expect(result.current.totals?.label).toBe('All deals');
  });

  it('offers ICP tier only when the agreement has an ICP, and labels tiers', async () => {
    const { result } = setup({ defaultGroupBy: 'tier' });
    expect(result.current.groupings.map((g) => g.id)).toEqual(['source', 'campaignId', 'segment', 'tier']);
    await waitFor(() => expect(result.current.state).toBe('data'));
    for (const row of result.current.rows) expect(row.label).toMatch(/^(Tier [ABC]|No tier|Not set)$/);
  });

  it('switches grouping with setGroupBy and keeps the previous rows while the new ones load', async () => {
    const { result } = setup();
    await waitFor(() => expect(result.current.state).toBe('data'));
    act(() => result.current.setGroupBy('segment'));
    expect(result.current.groupBy).toBe('segment');
    expect(result.current.state).toBe('data');
    await waitFor(() => expect(result.current.rows.map((r) => r.value)).toEqual(['enterprise', 'mid_market']));
    expect(result.current.groupLabel).toBe('Segment');
  });

  it('counts the loss reasons, categories and top themes over all groups', async () => {
    const { result } = setup();
    await waitFor(() => expect(result.current.state).toBe('data'));
    expect(result.current.lossReasons.map((r) => [r.id, r.count])).toEqual([
      ['no_decision', 9],
      ['competitor', 6],
      ['price', 6],
    ]);
    expect(result.current.lossCategories[0]).toMatchObject({ id: 'no_decision', label: 'No decision', count: 9 });
    expect(result.current.themes.length).toBeLessThanOrEqual(5);
  });
});
