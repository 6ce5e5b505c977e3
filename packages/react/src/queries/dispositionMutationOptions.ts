import type { LeadDisposition } from '@accord/core';
import type { QueryClient, UseMutationOptions } from '@tanstack/react-query';
import { canWriteDisposition, unsupportedDispositionError } from '../_lib/dispositionSupport';
import type { AccordAdapter } from '../provider/adapter.types';
import { accordKeys } from './accordKeys';
import type { AccordRecords } from './recordsQueryOptions';

/** What the disposition mutation writes: one lead's disposition. */
export interface DispositionMutationVariables {
  leadId: string;
  disposition: LeadDisposition;
}

/** What the disposition mutation's `onMutate` keeps for a rollback. */
export interface DispositionMutationSnapshot {
  /** The records cache before the optimistic update (`undefined` when it was not loaded). */
  previous: AccordRecords | undefined;
}

/** Every Accord query over the adapter except the records themselves. */
const isDerivedView = (query: { queryKey: readonly unknown[] }) => query.queryKey[2] !== 'records';

/**
 * @name dispositionMutationOptions
 * @category Queries
 * @summary Mutation options that write a lead's disposition, with an optimistic update of the records cache.
 *
 * @description
 * `mutationFn` calls `adapter.writeDisposition(leadId, disposition)`; an adapter whose
 * `capabilities.writeDisposition` is false (or that lacks the method) rejects with a clear error
 * instead of doing nothing. `onMutate` cancels the in-flight records load, snapshots
 * `accordKeys.records(adapter)` and sets the lead's disposition in it, so every in-memory view (reject
 * mix, scorecard, SLA queue) changes at once; `onError` restores the snapshot; `onSettled` reloads the records
 * from the adapter, then invalidates every view of `accordKeys.all(adapter)`, so each shows what the
 * adapter now holds. The QueryClient is
 * passed in (rather than read from the mutation context) so the options work with every
 * `@tanstack/react-query` 5 release the package supports. `useDispositionPicker` uses these options;
 * hosts can pass them to their own `useMutation`.
 *
 * @param adapter - Any Accord adapter.
 * @param queryClient - The QueryClient whose records cache is updated.
 * @returns Options for `useMutation`.
 *
 * @example
 * const queryClient = useQueryClient();
 * const write = useMutation(dispositionMutationOptions(adapter, queryClient));
 * write.mutate({ leadId: 'L-1', disposition: { reasonId: 'competitor', detail: 'Acme', at: now } });
 */
export function dispositionMutationOptions(
  adapter: AccordAdapter,
  queryClient: QueryClient,
): UseMutationOptions<void, Error, DispositionMutationVariables, DispositionMutationSnapshot> & {
  mutationKey: readonly unknown[];
} {
  const recordsKey = accordKeys.records(adapter);
  return {
    mutationKey: [...accordKeys.all(adapter), 'writeDisposition'],
    mutationFn: async ({ leadId, disposition }) => {
      if (!canWriteDisposition(adapter)) throw unsupportedDispositionError(adapter);
      await (adapter.writeDisposition as NonNullable<AccordAdapter['writeDisposition']>)(leadId, disposition);
    },
    onMutate: async ({ leadId, disposition }) => {
      await queryClient.cancelQueries({ queryKey: recordsKey });
      const previous = queryClient.getQueryData<AccordRecords>(recordsKey);
      if (previous !== undefined) {
        queryClient.setQueryData<AccordRecords>(recordsKey, {
          ...previous,
          leads: previous.leads.map((lead) => (lead.id === leadId ? { ...lead, disposition } : lead)),
        });
        // Views computed in memory (reject mix, scorecard, queue) recompute from the optimistic records
        // at once; their query functions read the records cache, so this costs no adapter call.
        void queryClient.invalidateQueries({ queryKey: accordKeys.all(adapter), predicate: isDerivedView });
      }
      return { previous };
    },
    onError: (_error, _variables, snapshot) => {
      if (snapshot?.previous !== undefined) {
        queryClient.setQueryData(recordsKey, snapshot.previous);
        void queryClient.invalidateQueries({ queryKey: accordKeys.all(adapter), predicate: isDerivedView });
      }
    },
    onSettled: async () => {
      // Reload what the adapter now holds (it may have changed more than the disposition, e.g. the
      // lead's stage), then recompute the views from it — in that order, so no view is computed from
      // the optimistic records after the write settled.
      if (queryClient.getQueryData(recordsKey) !== undefined)
        await queryClient.refetchQueries({ queryKey: recordsKey, exact: true, type: 'all' });
      await queryClient.invalidateQueries({ queryKey: accordKeys.all(adapter), predicate: isDerivedView });
    },
  };
}
