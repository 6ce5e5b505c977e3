import type { CalendarDefinition } from '../agreement/agreement.types';
import { calendarClock } from './_calendarTable';
import { type InstantInput, instantArg } from './_instantArg';

/**
 * @name isWithinBusinessHours
 * @category Calendars
 * @summary Tells whether the calendar is open at an instant (interval starts inclusive, ends exclusive).
 *
 * @param instant - ISO-8601 with offset, epoch ms, or Date.
 * @param calendar - The business calendar.
 * @returns True when open.
 *
 * @example
 * isWithinBusinessHours('2026-12-25T15:00:00Z', defaultAgreement.calendars.us_business) //=> false (holiday)
 */
export function isWithinBusinessHours(instant: InstantInput, calendar: CalendarDefinition): boolean {
  return calendarClock(calendar).isOpen(instantArg(instant, 'instant'));
}
