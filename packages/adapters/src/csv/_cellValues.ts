import { TZDate } from '@date-fns/tz';

// Readers for non-empty CSV cells. A cell that does not have the expected form is returned as it is,
// so that record validation reports it with its value: nothing is dropped or changed silently.

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;
const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/**
 * An instant cell. With an offset it is kept as written. A date `YYYY-MM-DD` is the start of that
 * day in `timezone` (local midnight, or the first instant after a DST gap at midnight); a local
 * `YYYY-MM-DD HH:MM[:SS[.fff]]` (space or `T`) is that wall-clock time there, the earlier one when
 * a DST fall-back repeats it. Both become ISO strings in UTC (`…Z`). Impossible dates and local
 * times skipped by a DST change are returned unchanged, for validation to reject.
 */
export function instantCell(cell: string, timezone: string): string {
  const m = LOCAL_DATE_TIME.exec(cell);
  if (m === null) return cell;
  const part = (i: number): number => Number(m[i] ?? '0');
  const [year, month, day, hour, minute, second] = [part(1), part(2) - 1, part(3), part(4), part(5), part(6)];
  const ms = Number((m[7] ?? '').slice(0, 3).padEnd(3, '0'));
  const local = new TZDate(year, month, day, hour, minute, second, ms, timezone);
  const sameDay = local.getFullYear() === year && local.getMonth() === month && local.getDate() === day;
  const sameTime = local.getHours() === hour && local.getMinutes() === minute && local.getSeconds() === second;
  const dateOnly = m[4] === undefined;
  if (!sameDay || (!dateOnly && !sameTime)) return cell;
  return new Date(local.getTime()).toISOString();
}

/** A whole-number cell (money in minor units, counts): a safe integer, else the cell. */
export function integerCell(cell: string): number | string {
  if (!INTEGER.test(cell)) return cell;
  const value = Number(cell);
  return Number.isSafeInteger(value) ? value : cell;
}

/** A boolean cell: `true`/`false` in any case, else the cell. */
export function booleanCell(cell: string): boolean | string {
  const lower = cell.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : cell;
}

/** A `;`-separated list cell: parts trimmed, empty parts removed. */
export function listCell(cell: string): string[] {
  return cell
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/**
 * A custom attribute cell: `true`/`false` are booleans; a plain decimal without leading zeros is a
 * number when the number reads back the same (so `"02134"` and 20-digit ids stay strings); anything
 * else is a string.
 */
export function attributeCell(cell: string): string | number | boolean {
  if (cell === 'true') return true;
  if (cell === 'false') return false;
  if (!DECIMAL.test(cell)) return cell;
  const value = Number(cell);
  const canonical = cell.includes('.') ? cell.replace(/\.?0+$/, '') : cell;
  return String(value) === canonical ? value : cell;
}
