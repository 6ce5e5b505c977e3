import type { CalendarDefinition, SlaClock } from '../agreement/agreement.types';
import { addOnClock, calendarClock } from './_calendarTable';

/** Minutes between instants and instants after minutes, on an SLA's clock (business or wall). */
export interface SlaTime {
  between(a: number, b: number): number;
  add(a: number, minutes: number): number;
}

const WALL: SlaTime = {
  between: (a, b) => (b - a) / 60_000,
  add: (a, minutes) => a + minutes * 60_000,
};

/** The clock an SLA counts on. Business clocks need a calendar. */
export function slaTime(clock: SlaClock, calendar: CalendarDefinition | undefined): SlaTime {
  if (clock === 'calendar' || calendar === undefined) return WALL;
  const c = calendarClock(calendar);
  return {
    between: (a, b) => c.between(a, b) / 60_000,
    add: (a, minutes) => addOnClock(c, a, minutes),
  };
}

/** Merges pause periods, clipped to [from, to]. */
export function mergePauses(
  pauses: readonly (readonly [number, number])[],
  from: number,
  to: number,
): [number, number][] {
  const clipped = pauses
    .map(([a, b]): [number, number] => [Math.max(a, from), Math.min(b, to)])
    .filter(([a, b]) => a < b)
    .sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const p of clipped) {
    const last = out[out.length - 1];
    if (last && p[0] <= last[1]) last[1] = Math.max(last[1], p[1]);
    else out.push([p[0], p[1]]);
  }
  return out;
}

/**
 * The instant at which `minutes` of active (unpaused) time have passed since `start`, given merged
 * pauses. Pauses after the last known one are assumed not to happen.
 */
export function activeDeadline(
  time: SlaTime,
  start: number,
  minutes: number,
  pauses: readonly [number, number][],
): number {
  let cursor = start;
  let remaining = minutes;
  for (const [p0, p1] of pauses) {
    if (p1 <= cursor) continue;
    if (p0 > cursor) {
      const available = time.between(cursor, p0);
      if (available >= remaining) return time.add(cursor, remaining);
      remaining -= available;
    }
    cursor = Math.max(cursor, p1);
  }
  return time.add(cursor, remaining);
}

/** Active minutes between two instants: clock minutes minus paused minutes. */
export function activeMinutes(
  time: SlaTime,
  from: number,
  to: number,
  pauses: readonly [number, number][],
): { active: number; paused: number } {
  if (to <= from) return { active: 0, paused: 0 };
  let paused = 0;
  for (const [p0, p1] of pauses) {
    const a = Math.max(p0, from);
    const b = Math.min(p1, to);
    if (a < b) paused += time.between(a, b);
  }
  return { active: time.between(from, to) - paused, paused };
}
