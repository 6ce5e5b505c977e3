import type { Agreement } from '@accord/core';
import type { AccordAdapter } from '../provider/adapter.types';

/**
 * Query keys of every Accord query, TanStack-style: `['accord', adapterName, kind, params]`. Invalidate
 * `accordKeys.all(adapter)` to refetch everything one adapter feeds (after an import, say). The
 * agreement appears as `id@version`, so a new version of the agreement is a new key.
 *
 * @example
 * queryClient.invalidateQueries({ queryKey: accordKeys.all(adapter) });
 */
export const accordKeys = {
  /** Every query over one adapter. */
  all: (adapter: Pick<AccordAdapter, 'name'>) => ['accord', adapter.name] as const,
  /** The adapter's records, loaded once and shared by the in-memory computations. */
  records: (adapter: Pick<AccordAdapter, 'name'>) => ['accord', adapter.name, 'records'] as const,
  /** One computed view (`scorecard`, `slaQueue`, `funnel`, `attribution`, …) under one agreement version. */
  view: <P extends object>(adapter: Pick<AccordAdapter, 'name'>, view: string, agreement: Agreement, params: P) =>
    ['accord', adapter.name, view, { agreement: `${agreement.id}@${agreement.version}`, ...params }] as const,
};
