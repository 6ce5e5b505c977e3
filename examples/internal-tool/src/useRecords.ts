import { type AccordRecords, recordsQueryOptions } from '@accord/react';
import { useQuery } from '@tanstack/react-query';
import { adapter } from './sample';

/**
 * The adapter's records from the cache every Accord view shares (`recordsQueryOptions`): a rejection
 * updates it at once (optimistically), so what is read here always matches the widgets.
 */
export function useRecords(): AccordRecords | undefined {
  return useQuery(recordsQueryOptions(adapter)).data;
}
