import { createMemoryAdapter } from '@accord/adapters';
import {
  type Account,
  defaultAgreement,
  evaluateCommitteeCoverage,
  type Lead,
  parseAgreement,
  sampleAccountPlays,
} from '@accord/core';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { createTestQueryClient, TEST_NOW } from '../_test/renderWithAccord';
import { AccordProvider } from '../provider/AccordProvider';
import type { AccordAdapter } from '../provider/adapter.types';
import { type UseCommitteeCoverageOptions, useCommitteeCoverage } from './useCommitteeCoverage';

const agreement = parseAgreement({ ...defaultAgreement, ...sampleAccountPlays });
const DAY = 86_400_000;
const account: Account = { id: 'A1', name: 'Northwind', segment: 'mid_market' };
const leads: Lead[] = [
  { id: 'L1', createdAt: '2025-01-01T00:00:00Z', accountId: 'A1', attributes: { title: 'VP Finance' } },
  { id: 'L2', createdAt: '2025-01-01T00:00:00Z', accountId: 'A1', attributes: { title: 'Solutions Architect' } },
];
const activities = [
  { id: 'a1', leadId: 'L1', type: 'meeting', at: new Date(TEST_NOW - 2 * DAY).toISOString() },
  { id: 'a2', leadId: 'L2', type: 'call', at: new Date(TEST_NOW - 90 * DAY).toISOString() },
];
const memory = createMemoryAdapter({ leads, activities }, { agreement: defaultAgreement }) as AccordAdapter;
const adapter: AccordAdapter = { ...memory, listAccounts: async () => ({ records: [account], nextCursor: null }) };

function setup(accountArg: string | Account, options: UseCommitteeCoverageOptions = {}, source = adapter) {
  const queryClient = createTestQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <AccordProvider
      agreement={agreement}
      adapter={source}
      queryClient={queryClient}
      clock={() => TEST_NOW}
      locale="en-US"
    >
      {children}
    </AccordProvider>
  );
  return renderHook(() => useCommitteeCoverage(accountArg, options), { wrapper });
}

describe('useCommitteeCoverage', () => {
  it("returns evaluateCommitteeCoverage's verdict for the adapter's account, with contacts as leads", async () => {
    const { result } = setup('A1');
    await waitFor(() => expect(result.current.state).toBe('partial'));
    expect(result.current.coverage).toEqual(
      evaluateCommitteeCoverage(account, leads, activities, agreement, { now: TEST_NOW }),
    );
    const eb = result.current.rows.find((r) => r.roleId === 'economic_buyer');
    expect(eb?.stateText).toBe('Engaged');
    expect(eb?.contacts).toEqual([leads[0]]);
    expect(result.current.rows.find((r) => r.roleId === 'technical_evaluator')?.stateText).toBe('Stale');
    expect(result.current.summary).toBe('1 of 3 required roles engaged');
    expect(result.current.getMeterProps()['aria-valuenow']).toBe(1);
  });

  it('evaluates at the given now', async () => {
    const { result } = setup('A1', { now: TEST_NOW + 60 * DAY });
    await waitFor(() => expect(result.current.state).not.toBe('loading'));
    expect(result.current.rows.find((r) => r.roleId === 'economic_buyer')?.state).toBe('stale');
  });

  it('accepts an account record, and looks ids up in options.accounts before the adapter', async () => {
    const { result } = setup({ ...account, segment: 'enterprise' }, {}, memory);
    await waitFor(() => expect(result.current.state).toBe('partial'));
    expect(result.current.coverage?.required).toBe(4);
    const byId = setup('A1', { accounts: [account] }, memory);
    await waitFor(() => expect(byId.result.current.coverage?.required).toBe(3));
  });

  it('reports an unknown account as not-found, never inventing one', async () => {
    const { result } = setup('A1', {}, memory);
    await waitFor(() => expect(result.current.state).toBe('not-found'));
    expect(result.current.coverage).toBeNull();
    expect(result.current.rows).toEqual([]);
  });
});
