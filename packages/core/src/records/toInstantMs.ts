import { toEpochMs } from '../_lib/instant';

/**
 * @name toInstantMs
 * @category Records
 * @summary Reads an instant (ISO-8601 with offset, epoch ms, or a Date) as epoch milliseconds.
 *
 * @description
 * Strict and engine-independent: impossible dates (`2026-02-31T00:00:00Z`), strings without an
 * offset and junk give `NaN` — check with `Number.isNaN`. Fractions below a millisecond are cut.
 *
 * @param value - The instant.
 * @returns Epoch milliseconds, or `NaN`.
 *
 * @example
 * toInstantMs('2026-03-02T09:30:00-05:00') //=> 1772461800000
 * toInstantMs('31/02/2026') //=> NaN
 */
export function toInstantMs(value: string | number | Date): number {
  return toEpochMs(value);
}
