import { defaultAgreement, type Reconciliation, reconcile } from '@accord/core';
import { act, renderHook, waitFor } from '@testing-library/react';
import fc from 'fast-check';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import {
  DELTA_CLASSES,
  handReconciliation,
  marketingClaimsFor,
  syntheticReconciliation,
} from '../_stories/reconciliation';
import { sampleAdapter, sampleRecords } from '../_test/chartData';
import { createTestQueryClient, TEST_NOW } from '../_test/renderWithAccord';
import { AccordProvider } from '../provider/AccordProvider';
import type { AccordAdapter } from '../provider/adapter.types';
import { type UseReconciliationOptions, useReconciliation } from './useReconciliation';

function setup(options: UseReconciliationOptions = {}, adapter?: AccordAdapter) {
  const queryClient = createTestQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <AccordProvider
      agreement={defaultAgreement}
      adapter={adapter}
      queryClient={queryClient}
      clock={() => TEST_NOW}
      locale="en-US"
    >
      {children}
    </AccordProvider>
  );
  return renderHook((props: UseReconciliationOptions) => useReconciliation(props), {
    wrapper,
    initialProps: options,
  });
}

const records = sampleRecords(900, 5);
const adapter = sampleAdapter(900, 5);
const claims = marketingClaimsFor(records.opportunities);
const direct = (options: Parameters<typeof reconcile>[2] = {}, list = claims) =>
  reconcile(
    {
      marketingClaims: list,
      opportunities: records.opportunities,
      leads: records.leads,
      touchpoints: records.touchpoints,
    },
    defaultAgreement,
    options,
  );

const given = (options: UseReconciliationOptions = {}) => setup({ data: handReconciliation, ...options });

describe('useReconciliation', () => {
  it("returns reconcile's result over the adapter's records and the host's claims", async () => {
    const { result } = setup({ claims }, adapter);
    expect(result.current.state).toBe('loading');
    await waitFor(() => expect(result.current.state).toBe('data'));
    const expected = direct();
    expect(result.current.data).toEqual(expected);
    expect(result.current.steps[0]?.value).toBe(expected.totals.claimed);
    expect(result.current.steps.at(-1)?.value).toBe(expected.totals.matched);
    expect(result.current.steps.at(-2)?.to).toBe(expected.totals.matched);
  });

  it('passes the window and the exchange rates to reconcile', async () => {
    const from = Date.parse('2026-03-01T00:00:00Z');
    const rates = { EUR: 1.08 };
    const { result } = setup({ claims, from, rates }, adapter);
    await waitFor(() => expect(result.current.state).toBe('data'));
    expect(result.current.data).toEqual(direct({ from, rates }));
    expect(result.current.data).not.toEqual(direct());
  });

  it('reconciles again when the host passes another claims array', async () => {
    const { result, rerender } = setup({ claims }, adapter);
    await waitFor(() => expect(result.current.state).toBe('data'));
    const fewer = claims.slice(0, 3);
    rerender({ claims: fewer });
    await waitFor(() => expect(result.current.data?.totals.claims).toBe(direct({}, fewer).totals.claims));
    expect(result.current.data).toEqual(direct({}, fewer));
  });

  it('bridges claimed to matched through every delta class in check order when given a reconciliation', () => {
    const { result } = given();
    const { steps, state, currency } = result.current;
    expect(state).toBe('data');
    expect(currency).toBe('USD');
    expect(steps.map((s) => s.id)).toEqual(['claimed', ...DELTA_CLASSES, 'matched']);
    expect(steps.map((s) => [s.value, s.from, s.to])).toEqual([
      [203_000_000, 0, 203_000_000],
      [-25_000_000, 203_000_000, 178_000_000],
      [-30_000_000, 178_000_000, 148_000_000],
      [-12_000_000, 148_000_000, 136_000_000],
      [-40_000_000, 136_000_000, 96_000_000],
      [-18_000_000, 96_000_000, 78_000_000],
      [-3_000_000, 78_000_000, 75_000_000],
      [0, 75_000_000, 75_000_000],
      [75_000_000, 0, 75_000_000],
    ]);
    expect(steps.map((s) => s.claims)).toEqual([8, 1, 1, 1, 1, 1, 1, 2, 8]);
    expect(result.current.domain).toEqual({ min: 0, max: 203_000_000 });
  });

  it('totals only the sourced claims when the kind is switched to sourced', () => {
    const { result } = given();
    act(() => result.current.setKind('sourced'));
    expect(result.current.kind).toBe('sourced');
    expect(result.current.totals).toBe(handReconciliation.byKind.sourced);
    const steps = result.current.steps;
    expect(steps[0]?.value).toBe(163_000_000);
    expect(steps.at(-1)?.value).toBe(50_000_000);
    expect(steps.find((s) => s.id === 'currency')).toMatchObject({ value: 0, claims: 0 });
    expect(result.current.claimsIn('duplicate_lead').map((c) => c.claimId)).toEqual(['MC-1003']);
    expect(result.current.claimsIn('different_model')).toEqual([]);
  });

  it('lists the claims of a selected class largest first, and clears the selection on a second toggle', () => {
    const { result } = given();
    expect(result.current.selectedClaims).toEqual([]);
    act(() => result.current.toggleClass('different_model'));
    expect(result.current.selectedClass).toBe('different_model');
    expect(result.current.selectedClaims.map((c) => c.claimId)).toEqual(['MC-1006', 'MC-1007']);
    expect(result.current.selectedClaims.map((c) => result.current.changeOf(c, 'different_model'))).toEqual([
      -2_000_000, 2_000_000,
    ]);
    act(() => result.current.toggleClass('different_model'));
    expect(result.current.selectedClass).toBeNull();
  });

  it('reports class changes without changing the selection when it is controlled', () => {
    const onSelectedClassChange = vi.fn();
    const { result } = given({ selectedClass: 'currency', onSelectedClassChange });
    const props = result.current.getClassButtonProps('stage_drift');
    act(() => props.onClick?.({ defaultPrevented: false } as never));
    expect(onSelectedClassChange).toHaveBeenCalledWith('stage_drift');
    expect(result.current.selectedClass).toBe('currency');
    expect(result.current.getClassButtonProps('currency')).toMatchObject({
      'aria-pressed': true,
      'aria-controls': result.current.drillId,
    });
    expect(result.current.getClassButtonProps('stage_drift')['aria-pressed']).toBe(false);
  });

  it("leaves the selection alone when the host's click handler prevents the default", () => {
    const { result } = given();
    const props = result.current.getClassButtonProps('currency', { onClick: (e) => e.preventDefault() });
    let prevented = false;
    act(() =>
      props.onClick?.({
        get defaultPrevented() {
          return prevented;
        },
        preventDefault: () => {
          prevented = true;
        },
      } as never),
    );
    expect(result.current.selectedClass).toBeNull();
  });

  it('expands and collapses a claim, with ids safe for any claim id', () => {
    const data = syntheticReconciliation(3, { claimIdOf: (i) => `claim "${i}" with spaces` });
    const { result } = setup({ data });
    const id = data.claims[1]?.claimId as string;
    expect(result.current.getExpandButtonProps(id)).toMatchObject({
      'aria-expanded': false,
      'aria-controls': undefined,
    });
    act(() => result.current.toggleExpanded(id));
    expect(result.current.isExpanded(id)).toBe(true);
    const detailId = result.current.detailIdOf(id);
    expect(detailId).not.toMatch(/\s|"/);
    expect(result.current.getExpandButtonProps(id)).toMatchObject({ 'aria-expanded': true, 'aria-controls': detailId });
    act(() => result.current.toggleExpanded(id));
    expect(result.current.isExpanded(id)).toBe(false);
  });

  it('groups the coded issues by code with counts and paths', () => {
    const issue = handReconciliation.issues[0] as Reconciliation['issues'][number];
    const data: Reconciliation = {
      ...handReconciliation,
      issues: [
        ...handReconciliation.issues,
        { ...issue, path: ['marketingClaims', 9, 'currency'] },
        { ...issue, path: ['marketingClaims', 11, 'currency'] },
        { ...issue, path: ['marketingClaims', 12, 'currency'] },
      ],
    };
    const { result } = setup({ data });
    expect(result.current.issueGroups).toEqual([
      {
        code: 'currency_mismatch',
        count: 4,
        message: issue.message,
        paths: ['marketingClaims[3].currency', 'marketingClaims[9].currency', 'marketingClaims[11].currency'],
      },
      {
        code: 'not_integer',
        count: 1,
        message: 'Expected an integer amount in minor units; the claim is counted in no total.',
        paths: ['marketingClaims[8].amount'],
      },
      {
        code: 'unknown_opportunity',
        count: 1,
        message: 'The claim names an opportunity the CRM does not have.',
        paths: ['marketingClaims[1].opportunityId'],
      },
    ]);
  });

  it('sorts the unclaimed deals largest first and totals them', () => {
    const { result } = given();
    expect(result.current.unclaimed.map((u) => u.opportunityId)).toEqual(['O0000008', 'O0000009']);
    expect(result.current.unclaimedTotal).toBe(31_000_000);
  });

  it('is empty when there are no claims', () => {
    const { result } = setup({
      data: { ...syntheticReconciliation(0), unclaimed: [{ opportunityId: 'O1', amount: 100 }] },
    });
    expect(result.current.state).toBe('empty');
    expect(result.current.unclaimedTotal).toBe(100);
  });

  it('throws a wiring error when there is neither an adapter nor a computed reconciliation', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => setup({ claims: [] })).toThrow(/useReconciliation needs an adapter/);
    vi.restoreAllMocks();
  });

  it('chains every step and ends on the matched total, in every kind, for any reconciliation', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 10_000 }), (count, seed) => {
        const data = syntheticReconciliation(count, { seed });
        const { result, unmount } = setup({ data });
        for (const kind of result.current.kinds) {
          act(() => result.current.setKind(kind));
          const { steps, totals, domain } = result.current;
          if (!totals) throw new Error('no totals');
          const deltas = steps.slice(1, -1);
          deltas.forEach((s, i) => {
            expect(s.from).toBe(steps[i]?.to);
            expect(s.to - s.from).toBe(s.value);
          });
          expect(deltas.at(-1)?.to).toBe(totals.matched);
          for (const s of steps) {
            expect(Math.min(s.from, s.to)).toBeGreaterThanOrEqual(domain.min);
            expect(Math.max(s.from, s.to)).toBeLessThanOrEqual(domain.max);
          }
          for (const c of DELTA_CLASSES) {
            const claims = result.current.claimsIn(c);
            expect(claims.reduce((sum, claim) => sum + (claim.deltas[c] ?? 0), 0)).toBe(totals.deltas[c]);
            expect(claims.every((claim) => kind === 'all' || claim.kind === kind)).toBe(true);
          }
        }
        unmount();
      }),
      { numRuns: 25 },
    );
  });
});
