import type { CalendarDefinition } from '../agreement/agreement.types';
import { calendarClock } from './_calendarTable';
import { type InstantInput, instantArg } from './_instantArg';

/**
 * @name businessMinutesBetween
 * @category Calendars
 * @summary Counts the business minutes between two instants on a business calendar.
 *
 * @description
 * Counts the time whose local wall-clock time (in the calendar's IANA zone) falls inside the
 * calendar's open intervals, outside holidays (partial holidays count their own hours). Exact across
 * DST changes: a skipped hour is never counted, a repeated hour is counted twice if it is open.
 * Fractional minutes are kept. When `end` is before `start`, the result is the negative of the
 * reversed interval. Offsets come from @date-fns/tz; each calendar is compiled once into a table of
 * open intervals, so a call costs a few array reads.
 *
 * @param start - ISO-8601 with offset, epoch ms, or Date.
 * @param end - ISO-8601 with offset, epoch ms, or Date.
 * @param calendar - The business calendar (validated on first use).
 * @returns Business minutes (negative when `end < start`).
 * @throws {AccordError} `invalid_instant` for an unreadable instant; calendar issues for a bad calendar.
 *
 * @example
 * const nyc = { timezone: 'America/New_York', week: { fri: [['09:00', '17:00']], mon: [['09:00', '17:00']] } }
 * businessMinutesBetween('2026-03-06T21:00:00Z', '2026-03-09T14:30:00Z', nyc) //=> 150 (Fri 16:00–17:00 EST, then Mon 09:00–10:30 EDT)
 */
export function businessMinutesBetween(start: InstantInput, end: InstantInput, calendar: CalendarDefinition): number {
  const clock = calendarClock(calendar);
  const s = instantArg(start, 'start');
  const e = instantArg(end, 'end');
  const minutes = clock.between(s, e) / 60_000;
  return minutes === 0 ? 0 : minutes; // never -0
}
