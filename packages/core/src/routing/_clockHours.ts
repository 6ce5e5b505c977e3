import { offsetMinutes } from '../_lib/zonedParts';
import { type CalendarClock, MAX_YEAR, MIN_YEAR } from '../sla/_calendarTable';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Instants the calendar clocks answer for (outside, they throw `instant_out_of_range`). */
export const CLOCK_MIN = Date.UTC(MIN_YEAR, 0, 1);
export const CLOCK_MAX = Date.UTC(MAX_YEAR + 1, 0, 1);
/** Hours per lazily filled chunk of the table (2^12: about 170 days, 32 KB). */
const CHUNK_BITS = 12;
const CHUNK = 1 << CHUNK_BITS;
/** At most this many clocks, and this many zones, share a table word (two bits each). */
export const MAX_HOUR_CLOCKS = 15;
export const MAX_HOUR_ZONES = 15;
const NOT_YET = -1;

/**
 * Per UTC hour, what a routing decision needs to know of a few calendar clocks and time zones, so it
 * reads two words instead of asking each clock and each zone:
 *
 * - which clocks are open, or closed, throughout the hour. An hour where a clock opens or closes
 *   (08:30, a half-hour zone, a DST change inside the hour) is marked mixed, and the clock is asked
 *   for the exact instant;
 * - each zone's local day (as days since 1970-01-01, relative to the UTC day), when it is the same
 *   for the whole hour — not in an hour holding an offset change, nor one where local midnight falls
 *   inside (half-hour zones), where the offset is asked for the exact instant.
 *
 * Both come from the existing helpers (the clocks' business time, `offsetMinutes`), asked once per
 * hour and table.
 */
export interface ClockHours {
  readonly clocks: readonly CalendarClock[];
  readonly zones: readonly string[];
  /** Per chunk of hours since {@link CLOCK_MIN}: two words per hour (clocks, zones), `NOT_YET` until asked. */
  readonly chunks: (Int32Array | undefined)[];
  /** The words of the hour last read by {@link readHour}. */
  clockWord: number;
  zoneWord: number;
}

export function clockHours(clocks: readonly CalendarClock[], zones: readonly string[]): ClockHours {
  return {
    clocks: clocks.slice(0, MAX_HOUR_CLOCKS),
    zones: zones.slice(0, MAX_HOUR_ZONES),
    chunks: [],
    clockWord: 0,
    zoneWord: 0,
  };
}

/**
 * Reads the words of the UTC hour of `now` into `table.clockWord` and `table.zoneWord` (both 0,
 * nothing known, outside the clocks' range).
 *
 * - Clock `c`: bit `2c` is set when the clock is open or closed for the whole hour, and bit `2c + 1`
 *   when it is open. The hour is open throughout when `between(hour start, hour end)` is the whole
 *   hour, closed when it is zero.
 * - Zone `z`: bits `2z, 2z + 1` hold 0 (not the same all hour) or 1 + the local day minus the UTC day
 *   (−1, 0 or +1).
 */
export function readHour(table: ClockHours, now: number): void {
  if (!(now >= CLOCK_MIN && now < CLOCK_MAX - HOUR)) {
    table.clockWord = 0;
    table.zoneWord = 0;
    return;
  }
  const hour = Math.floor((now - CLOCK_MIN) / HOUR);
  const c = hour >> CHUNK_BITS;
  let chunk = table.chunks[c];
  if (chunk === undefined) {
    while (table.chunks.length < c) table.chunks.push(undefined);
    chunk = new Int32Array(2 * CHUNK).fill(NOT_YET);
    table.chunks[c] = chunk;
  }
  const k = 2 * (hour & (CHUNK - 1));
  if (chunk[k] === NOT_YET) fill(table, chunk, k, CLOCK_MIN + hour * HOUR);
  table.clockWord = chunk[k] as number;
  table.zoneWord = chunk[k + 1] as number;
}

function fill(table: ClockHours, chunk: Int32Array, k: number, start: number): void {
  let clockWord = 0;
  for (let i = 0; i < table.clocks.length; i++) {
    const open = (table.clocks[i] as CalendarClock).between(start, start + HOUR);
    if (open === HOUR) clockWord |= 3 << (2 * i);
    else if (open === 0) clockWord |= 1 << (2 * i);
  }
  let zoneWord = 0;
  const utcDay = Math.floor(start / DAY);
  const last = start + HOUR - 1;
  for (let z = 0; z < table.zones.length; z++) {
    const zone = table.zones[z] as string;
    const offset = offsetMinutes(zone, start);
    if (offset !== offsetMinutes(zone, last)) continue;
    const day = Math.floor((start + offset * MINUTE) / DAY);
    const delta = day - utcDay;
    if (day === Math.floor((last + offset * MINUTE) / DAY) && delta >= -1 && delta <= 1)
      zoneWord |= (delta + 2) << (2 * z);
  }
  chunk[k] = clockWord;
  chunk[k + 1] = zoneWord;
}
