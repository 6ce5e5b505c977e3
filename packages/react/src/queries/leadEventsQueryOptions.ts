import type { Activity, Touchpoint } from '@accord/core';
import { queryOptions } from '@tanstack/react-query';
import type { AccordAdapter } from '../provider/adapter.types';
import { accordKeys } from './accordKeys';
import { recordsQueryOptions } from './recordsQueryOptions';

/** What {@link leadEventsQueryOptions} resolves to: each lead's activities and touchpoints. */
export interface LeadEvents {
  /** Activities by lead id, in the adapter's order. */
  activities: ReadonlyMap<string, readonly Activity[]>;
  /** Touchpoints by lead id, in the adapter's order. */
  touchpoints: ReadonlyMap<string, readonly Touchpoint[]>;
}

const NONE: readonly never[] = [];

function byLead<T extends { leadId?: string | undefined }>(records: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const record of records) {
    if (record.leadId === undefined) continue;
    const list = out.get(record.leadId);
    if (list) list.push(record);
    else out.set(record.leadId, [record]);
  }
  return out;
}

/** A lead's activities in {@link LeadEvents} (an empty list when it has none). */
export function activitiesOf(events: LeadEvents, leadId: string): readonly Activity[] {
  return events.activities.get(leadId) ?? NONE;
}

/** A lead's touchpoints in {@link LeadEvents} (an empty list when it has none). */
export function touchpointsOf(events: LeadEvents, leadId: string): readonly Touchpoint[] {
  return events.touchpoints.get(leadId) ?? NONE;
}

/**
 * @name leadEventsQueryOptions
 * @category Queries
 * @summary Query options that index the adapter's activities and touchpoints by lead, for per-lead scores.
 *
 * @description
 * Reads the shared records query (`ensureQueryData(recordsQueryOptions(adapter))`) and groups
 * activities and touchpoints by `leadId` once, so a list of a hundred `FitBadge`s scores each lead
 * from its own events instead of scanning every event a hundred times. Events without a `leadId`
 * (account-level touchpoints) are left out. Cached under `['accord', adapter.name, 'leadEvents']`, so
 * invalidating `accordKeys.all(adapter)` refreshes it with the records.
 *
 * @param adapter - Any Accord adapter.
 * @returns Options for `useQuery`, `prefetchQuery`, `ensureQueryData`…
 *
 * @example
 * const events = await queryClient.fetchQuery(leadEventsQueryOptions(adapter));
 * scoreLead(lead, activitiesOf(events, lead.id), agreement, { now, touchpoints: touchpointsOf(events, lead.id) });
 */
export function leadEventsQueryOptions(adapter: AccordAdapter) {
  return queryOptions({
    queryKey: [...accordKeys.all(adapter), 'leadEvents'] as const,
    queryFn: async ({ client, signal }): Promise<LeadEvents> => {
      const records = await client.ensureQueryData(recordsQueryOptions(adapter));
      signal.throwIfAborted();
      return { activities: byLead(records.activities), touchpoints: byLead(records.touchpoints) };
    },
  });
}
