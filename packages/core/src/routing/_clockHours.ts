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
  /**
   * Per chunk of hours since {@link CLOCK_MIN}: two words per hour, `NOT_YET` until asked — the
   * hour's state (the index of its clock word in `states`) and its zone word.
   */
  readonly chunks: (Int32Array | undefined)[];
  /** The distinct clock words met so far (state 0: nothing known), and the state of each. */
  readonly states: number[];
  readonly stateOf: Map<number, number>;
  /** The chunk of the hour last found by {@link hourAt}. */
  chunk: Int32Array;
  /** The state and words of the hour last read by {@link readHour}. */
  state: number;
  clockWord: number;
  zoneWord: number;
}

export function clockHours(clocks: readonly CalendarClock[], zones: readonly string[]): ClockHours {
  return {
    clocks: clocks.slice(0, MAX_HOUR_CLOCKS),
    zones: zones.slice(0, MAX_HOUR_ZONES),
    chunks: [],
    states: [0],
    stateOf: new Map([[0, 0]]),
    chunk: new Int32Array(0),
    state: 0,
    clockWord: 0,
    zoneWord: 0,
  };
}

/**
 * Reads the words of the UTC hour of `now` into `table.clockWord` and `table.zoneWord` (both 0,
 * nothing known, outside the clocks' range), and the clock word's state into `table.state` (hours
 * with the same clock word share a state, so a pool can remember which of its members are off shift
 * in each).
 *
 * - Clock `c`: bit `2c` is set when the clock is open or closed for the whole hour, and bit `2c + 1`
 *   when it is open. The hour is open throughout when `between(hour start, hour end)` is the whole
 *   hour, closed when it is zero.
 * - Zone `z`: bits `2z, 2z + 1` hold 0 (not the same all hour) or 1 + the local day minus the UTC day
 *   (−1, 0 or +1).
 */
export function readHour(table: ClockHours, now: number): void {
  const k = hourAt(table, now);
  const state = k < 0 ? 0 : (table.chunk[k] as number);
  table.state = state;
  table.clockWord = table.states[state] as number;
  table.zoneWord = k < 0 ? 0 : (table.chunk[k + 1] as number);
}

/**
 * Where the words of the UTC hour of `now` are: their offset in `table.chunk` (the state, then the
 * zone word), the hour's chunk made and the hour filled first if new; -1 outside the clocks' range.
 */
export function hourAt(table: ClockHours, now: number): number {
  if (!(now >= CLOCK_MIN && now < CLOCK_MAX - HOUR)) return -1;
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
  table.chunk = chunk;
  return k;
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
  let state = table.stateOf.get(clockWord);
  if (state === undefined) {
    state = table.states.length;
    table.states.push(clockWord);
    table.stateOf.set(clockWord, state);
  }
  chunk[k] = state;
  chunk[k + 1] = zoneWord;
}
