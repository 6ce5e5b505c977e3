import type { CalendarDefinition } from '../agreement/agreement.types';
import { AccordError } from '../errors/AccordError';
import { addOnClock, calendarClock } from './_calendarTable';
import { type InstantInput, instantArg } from './_instantArg';

/**
 * @name addBusinessMinutes
 * @category Calendars
 * @summary Moves an instant forward (or back) by a number of business minutes.
 *
 * @description
 * Returns the instant at which `minutes` business minutes have passed since `start` — the earliest
 * such instant, so a deadline that falls on a closing time stays at the closing time rather than the
 * next opening. Negative minutes go back (to the latest such instant). Zero returns `start`.
 * Always `businessMinutesBetween(start, addBusinessMinutes(start, m, c), c) === m`.
 *
 * @param start - ISO-8601 with offset, epoch ms, or Date.
 * @param minutes - Business minutes (fractions allowed).
 * @param calendar - The business calendar.
 * @returns The resulting instant, in epoch milliseconds.
 * @throws {AccordError} For an unreadable instant, non-finite minutes or a bad calendar.
 *
 * @example
 * // 1 business hour from Friday 16:30 New York time lands Monday 09:30.
 * new Date(addBusinessMinutes('2026-03-06T21:30:00Z', 60, nyc)).toISOString() //=> '2026-03-09T13:30:00.000Z'
 */
export function addBusinessMinutes(start: InstantInput, minutes: number, calendar: CalendarDefinition): number {
  const clock = calendarClock(calendar);
  const s = instantArg(start, 'start');
  if (typeof minutes !== 'number' || !Number.isFinite(minutes))
    throw AccordError.from([
      { code: 'invalid_type', path: ['minutes'], expected: 'finite number', received: String(minutes) },
    ]);
  return addOnClock(clock, s, minutes);
}
