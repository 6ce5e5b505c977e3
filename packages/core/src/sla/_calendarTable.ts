import { tzOffset } from '@date-fns/tz/tzOffset';
import type { CalendarDefinition, Weekday } from '../agreement/agreement.types';
import { AccordError } from '../errors/AccordError';
import { validateCalendar } from './_validateCalendar';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const BUCKET = HOUR;
/** The years a calendar can answer for; instants outside are refused with `instant_out_of_range`. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;
const MIN_MS = Date.UTC(MIN_YEAR, 0, 1);
const MAX_MS = Date.UTC(MAX_YEAR + 1, 0, 1);

const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const wallMs = (hhmm: string): number => Number(hhmm.slice(0, 2)) * HOUR + Number(hhmm.slice(3, 5)) * MINUTE;
const toPairs = (intervals: readonly (readonly [string, string])[] | undefined): number[] =>
  (intervals ?? []).flatMap(([a, b]) => [wallMs(a), wallMs(b)]);

/** The cumulative business time of a calendar, as a function of the instant, and its inverse. */
export interface CalendarClock {
  /** Business milliseconds from a fixed origin to `t` (monotone, flat while closed). */
  cum(t: number): number;
  /** `cum(e) - cum(s)`, the hot path of `businessMinutesBetween`. */
  between(s: number, e: number): number;
  /** True when `t` lies in an open interval (start inclusive, end exclusive). */
  isOpen(t: number): boolean;
  /** The first instant ≥ `t` at which the calendar is open. */
  nextOpen(t: number): number;
  /** The earliest instant whose `cum` equals `c` (for adding), or the latest (for subtracting). */
  instantAt(c: number, latest: boolean): number;
}

interface Transition {
  at: number;
  offset: number;
}

/**
 * Offsets of a zone from @date-fns/tz over [from, to]: the offset at `from` and each change after it,
 * located to the millisecond by bisection. Sampled every 6 hours, so two changes closer than that
 * would merge — no zone has such changes after 1900.
 */
function zoneOffsets(timeZone: string, from: number, to: number): { initial: number; transitions: Transition[] } {
  const offset = (ms: number) => tzOffset(timeZone, new Date(ms));
  const initial = offset(from);
  const transitions: Transition[] = [];
  let previousAt = from;
  let previous = initial;
  for (let t = from + 6 * HOUR; previousAt < to; t += 6 * HOUR) {
    const at = Math.min(t, to);
    const current = offset(at);
    if (current !== previous) {
      let lo = previousAt;
      let hi = at;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offset(mid) === previous) lo = mid;
        else hi = mid;
      }
      transitions.push({ at: hi, offset: current });
      previous = current;
    }
    previousAt = at;
  }
  return { initial, transitions };
}

/** The calendar's open intervals in UTC for one local year, in time order. */
function yearIntervals(
  timeZone: string,
  weekly: readonly number[][],
  holidays: ReadonlyMap<string, number[]>,
  year: number,
): number[] {
  const yearStart = Date.UTC(year, 0, 1);
  const yearEnd = Date.UTC(year + 1, 0, 1);
  const { initial, transitions } = zoneOffsets(timeZone, yearStart - 2 * DAY, yearEnd + 2 * DAY);
  const offsetAt = (u: number): number => {
    let o = initial;
    for (const tr of transitions) {
      if (tr.at > u) break;
      o = tr.offset;
    }
    return o * MINUTE;
  };
  const out: number[] = [];
  for (let w0 = yearStart; w0 < yearEnd; w0 += DAY) {
    const key = new Date(w0).toISOString().slice(0, 10);
    const wall = holidays.get(key) ?? (weekly[new Date(w0).getUTCDay()] as number[]);
    if (wall.length === 0) continue;
    // UTC instants whose wall time can fall on this local date (offsets stay within ±15 h).
    const u0 = w0 - 15 * HOUR;
    const u1 = w0 + 39 * HOUR;
    const cuts = transitions.filter((tr) => tr.at > u0 && tr.at < u1).map((tr) => tr.at);
    const points = [u0, ...cuts, u1];
    for (let s = 0; s < points.length - 1; s++) {
      const p0 = points[s] as number;
      const p1 = points[s + 1] as number;
      const o = offsetAt(p0);
      // In a segment of constant offset, wall = utc + o: intersect the wall intervals, map back.
      for (let i = 0; i < wall.length; i += 2) {
        const lo = Math.max(w0 + (wall[i] as number), p0 + o);
        const hi = Math.min(w0 + (wall[i + 1] as number), p1 + o);
        if (lo < hi) out.push(lo - o, hi - o);
      }
    }
  }
  return out;
}

class WeeklyClock implements CalendarClock {
  private readonly years = new Map<number, number[]>();
  private firstYear = 0;
  private lastYear = -1;
  private lo = Number.POSITIVE_INFINITY;
  private hi = Number.NEGATIVE_INFINITY;
  private base = 0;
  private n = 0;
  private starts = new Float64Array(0);
  private ends = new Float64Array(0);
  private cumBefore = new Float64Array(1);
  private dayIndex = new Int32Array(0);
  /** `cum` is 0 at this instant whatever the table covers, so values stay comparable across rebuilds. */
  private anchor = Number.NaN;

  constructor(
    private readonly timeZone: string,
    private readonly weekly: readonly number[][],
    private readonly holidays: ReadonlyMap<string, number[]>,
  ) {}

  /** Makes the table cover `t` (whole local years, one year of margin each side). */
  private ensure(t: number): void {
    if (!(t >= MIN_MS && t < MAX_MS)) throw outOfRange(t);
    const year = new Date(t).getUTCFullYear();
    const first = Math.max(MIN_YEAR, this.lastYear < this.firstYear ? year - 1 : Math.min(this.firstYear, year - 1));
    const last = Math.min(MAX_YEAR, this.lastYear < this.firstYear ? year + 1 : Math.max(this.lastYear, year + 1));
    const flat: number[] = [];
    for (let y = first; y <= last; y++) {
      let intervals = this.years.get(y);
      if (!intervals) {
        intervals = yearIntervals(this.timeZone, this.weekly, this.holidays, y);
        this.years.set(y, intervals);
      }
      for (const v of intervals) flat.push(v);
    }
    // Sort by start and merge touching intervals (midnight to midnight, day after day).
    const order = Array.from({ length: flat.length / 2 }, (_, i) => i).sort(
      (a, b) => (flat[2 * a] as number) - (flat[2 * b] as number),
    );
    const starts: number[] = [];
    const ends: number[] = [];
    for (const i of order) {
      const s = flat[2 * i] as number;
      const e = flat[2 * i + 1] as number;
      const last = ends.length - 1;
      if (last >= 0 && s <= (ends[last] as number)) ends[last] = Math.max(ends[last] as number, e);
      else {
        starts.push(s);
        ends.push(e);
      }
    }
    this.n = starts.length;
    this.starts = Float64Array.from(starts);
    this.ends = Float64Array.from(ends);
    this.cumBefore = new Float64Array(this.n + 1);
    for (let k = 0; k < this.n; k++)
      this.cumBefore[k + 1] = (this.cumBefore[k] as number) + (ends[k] as number) - (starts[k] as number);
    this.firstYear = first;
    this.lastYear = last;
    // Complete for instants whose local date lies in the covered years (offsets are within ±15 h).
    this.lo = first === MIN_YEAR ? MIN_MS : Date.UTC(first, 0, 1) + 15 * HOUR;
    this.hi = last === MAX_YEAR ? MAX_MS : Date.UTC(last + 1, 0, 1) - 15 * HOUR;
    // An index by UTC hour: the first interval that ends after the hour starts. With hour buckets the
    // lookup rarely has to step over an interval, so the hot path has almost no unpredictable branches.
    this.base = Date.UTC(first, 0, 1) - DAY;
    const buckets = Math.ceil((Date.UTC(last + 1, 0, 1) + DAY - this.base) / BUCKET) + 1;
    this.dayIndex = new Int32Array(buckets);
    let k = 0;
    for (let j = 0; j < buckets; j++) {
      const bucketStart = this.base + j * BUCKET;
      while (k < this.n && (this.ends[k] as number) <= bucketStart) k++;
      this.dayIndex[j] = k;
    }
    if (Number.isNaN(this.anchor)) this.anchor = this.lo;
    const shift = this.cum(this.anchor);
    for (let i = 0; i <= this.n; i++) this.cumBefore[i] = (this.cumBefore[i] as number) - shift;
  }

  /** Index of the first interval that ends after `t`. */
  private locate(t: number): number {
    if (!(t >= this.lo && t < this.hi)) this.ensure(t);
    let k = this.dayIndex[Math.floor((t - this.base) / BUCKET)] as number;
    const ends = this.ends;
    const n = this.n;
    while (k < n && (ends[k] as number) <= t) k++;
    return k;
  }

  cum(t: number): number {
    if (!(t >= this.lo && t < this.hi)) this.ensure(t);
    return this.cumAt(t);
  }

  between(s: number, e: number): number {
    if (!(s >= this.lo && s < this.hi)) this.ensure(s);
    if (!(e >= this.lo && e < this.hi)) this.ensure(e);
    return this.cumAt(e) - this.cumAt(s);
  }

  /** `cum` for an instant known to be inside the table: int32 day index, no out-of-bounds reads. */
  private cumAt(t: number): number {
    const ends = this.ends;
    const n = this.n;
    let k = this.dayIndex[((t - this.base) / BUCKET) | 0] as number;
    while (k < n && (ends[k] as number) <= t) k++;
    const before = this.cumBefore[k] as number;
    // t < ends[k]: inside the interval (t - start > 0) or in the gap before it (clamped to 0).
    return k === n ? before : before + Math.max(0, t - (this.starts[k] as number));
  }

  isOpen(t: number): boolean {
    const k = this.locate(t);
    return k < this.n && (this.starts[k] as number) <= t;
  }

  nextOpen(t: number): number {
    let probe = t;
    for (;;) {
      const k = this.locate(probe);
      if (k < this.n) return Math.max(t, this.starts[k] as number);
      if (this.lastYear >= MAX_YEAR) throw outOfRange(probe);
      probe = Math.max(probe, this.hi); // nothing open in the table: extend it forward
    }
  }

  instantAt(c: number, latest: boolean): number {
    for (;;) {
      const cum = this.cumBefore;
      const n = this.n;
      if (c >= (cum[0] as number) && (c < (cum[n] as number) || (!latest && c === cum[n] && n > 0))) {
        // earliest: smallest k with cum[k+1] >= c; latest: largest k with cum[k] <= c.
        let lo = 0;
        let hi = n - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (latest ? (cum[mid + 1] as number) <= c : (cum[mid + 1] as number) < c) lo = mid + 1;
          else hi = mid;
        }
        return (this.starts[lo] as number) + (c - (cum[lo] as number));
      }
      // Outside the table: extend it in the needed direction and try again.
      if (c < (cum[0] as number)) {
        if (this.firstYear <= MIN_YEAR) throw outOfRange(MIN_MS - 1);
        this.ensure(Date.UTC(this.firstYear - 1, 6, 1));
      } else {
        if (this.lastYear >= MAX_YEAR) throw outOfRange(MAX_MS);
        this.ensure(Date.UTC(this.lastYear + 1, 6, 1));
      }
      if (this.n === 0 && this.firstYear <= MIN_YEAR && this.lastYear >= MAX_YEAR) throw outOfRange(MAX_MS);
    }
  }
}

/** A 24/7 calendar: business time is wall-clock time. */
const ALWAYS_OPEN: CalendarClock = {
  cum: (t) => t,
  between: (s, e) => e - s,
  isOpen: () => true,
  nextOpen: (t) => t,
  instantAt: (c) => c,
};

/** A calendar with no open hours at all: no business time ever passes. */
const NEVER_OPEN: CalendarClock = {
  cum: () => 0,
  between: () => 0,
  isOpen: () => false,
  nextOpen: () => {
    throw outOfRange(MAX_MS);
  },
  instantAt: (c) => {
    if (c === 0) return MIN_MS;
    throw outOfRange(MAX_MS);
  },
};

function outOfRange(t: number): AccordError {
  return AccordError.from([
    {
      code: 'instant_out_of_range',
      path: [],
      received: Number.isFinite(t) && Math.abs(t) <= 8.64e15 ? new Date(t).toISOString() : String(t),
      min: `${MIN_YEAR}-01-01`,
      max: `${MAX_YEAR}-12-31`,
    },
  ]);
}

/**
 * The instant `minutes` business minutes after `t` on a clock: the earliest such instant going
 * forward (a deadline on a closing time stays there), the latest going back; `t` itself for zero.
 */
export function addOnClock(clock: CalendarClock, t: number, minutes: number): number {
  return minutes === 0 ? t : clock.instantAt(clock.cum(t) + minutes * MINUTE, minutes < 0);
}

const clocks = new WeakMap<object, CalendarClock>();
let lastCalendar: object | undefined;
let lastClock: CalendarClock | undefined;

/**
 * Validates a calendar (once per object) and returns its clock. An invalid calendar — unknown time
 * zone, inverted or overlapping intervals, a holiday that is not a date — throws {@link AccordError}
 * with paths relative to the calendar.
 */
export function calendarClock(calendar: CalendarDefinition): CalendarClock {
  return calendar === lastCalendar ? (lastClock as CalendarClock) : compileCalendar(calendar);
}

function compileCalendar(calendar: CalendarDefinition): CalendarClock {
  let clock = clocks.get(calendar);
  if (clock === undefined) {
    const issues = validateCalendar(calendar);
    if (issues.length > 0) throw AccordError.from(issues);
    if (calendar.alwaysOpen) clock = ALWAYS_OPEN;
    else {
      const weekly = WEEKDAYS.map((d) => toPairs(calendar.week?.[d]));
      const holidays = new Map<string, number[]>();
      for (const h of calendar.holidays ?? []) {
        if (typeof h === 'string') holidays.set(h, []);
        else holidays.set(h.date, toPairs(h.hours));
      }
      const neverOpen = weekly.every((w) => w.length === 0) && [...holidays.values()].every((h) => h.length === 0);
      clock = neverOpen ? NEVER_OPEN : new WeeklyClock(calendar.timezone, weekly, holidays);
    }
    clocks.set(calendar, clock);
  }
  lastCalendar = calendar;
  lastClock = clock;
  return clock;
}
