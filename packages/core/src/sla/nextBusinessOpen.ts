import type { CalendarDefinition } from '../agreement/agreement.types';
import { calendarClock } from './_calendarTable';
import { type InstantInput, instantArg } from './_instantArg';

/**
 * @name nextBusinessOpen
 * @category Calendars
 * @summary The first instant at or after the given one at which the calendar is open.
 *
 * @param instant - ISO-8601 with offset, epoch ms, or Date.
 * @param calendar - The business calendar.
 * @returns Epoch milliseconds: `instant` itself when open, else the next opening.
 * @throws {AccordError} `instant_out_of_range` when the calendar never opens again before 2200.
 *
 * @example
 * // Saturday noon in New York → Monday 09:00 EST.
 * new Date(nextBusinessOpen('2026-01-10T17:00:00Z', nyc)).toISOString() //=> '2026-01-12T14:00:00.000Z'
 */
export function nextBusinessOpen(instant: InstantInput, calendar: CalendarDefinition): number {
  return calendarClock(calendar).nextOpen(instantArg(instant, 'instant'));
}
