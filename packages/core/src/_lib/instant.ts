import type { Instant } from '../records/records.types';

// RFC 3339 / ISO 8601 instants with an explicit offset; "T" or a space between date and time.
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?)$/i;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The largest magnitude ECMAScript dates allow (±100,000,000 days from the epoch). */
const MAX_EPOCH_MS = 8.64e15;

/** `Date.UTC` without its quirk of mapping years 0–99 to 1900–1999. */
function utc(year: number, month0: number, day: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month0, day);
  date.setUTCHours(h, mi, s, ms);
  return date.getTime();
}

const daysInMonth = (year: number, month: number): number => new Date(utc(year, month, 0)).getUTCDate();

/**
 * Converts an instant (ISO-8601 string with an offset, or epoch milliseconds) to epoch ms.
 * Returns `NaN` for anything else — impossible dates (`2026-02-31`), missing offsets, junk.
 * Parsing is done here rather than by `Date.parse`, whose leniency differs between engines.
 */
export function toEpochMs(value: unknown): number {
  if (typeof value === 'number') {
    return Number.isFinite(value) && Math.abs(value) <= MAX_EPOCH_MS ? value : Number.NaN;
  }
  if (value instanceof Date) return value.getTime();
  if (typeof value !== 'string' || value.length > 40) return Number.NaN;
  const m = ISO_INSTANT.exec(value);
  if (m === null) return Number.NaN;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  let offsetMinutes = 0;
  if (m[8] === undefined) {
    const offH = Number(m[10]);
    const offM = m[11] === undefined ? 0 : Number(m[11]);
    if (offH > 23 || offM > 59) return Number.NaN;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (offH * 60 + offM);
  }
  const ms1970 = utc(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
  return Math.abs(ms1970) <= MAX_EPOCH_MS ? ms1970 : Number.NaN;
}

/** True when the value is an instant {@link toEpochMs} accepts. */
export function isInstant(value: unknown): value is Instant {
  return (typeof value === 'string' || typeof value === 'number') && !Number.isNaN(toEpochMs(value));
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (m === null) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(m[1]), month);
}
