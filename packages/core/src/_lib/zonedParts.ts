import { tzOffset } from '@date-fns/tz';

const HOUR = 3_600_000;
const caches = new Map<string, Map<number, number>>();

/**
 * The UTC offset (minutes) of a zone at an instant, from @date-fns/tz, memoised per zone and UTC hour.
 * An hour whose start and end offsets differ holds a transition: it is never cached, and the library
 * is asked for the exact instant. So the result always equals `tzOffset(timeZone, new Date(ms))`.
 */
export function offsetMinutes(timeZone: string, ms: number): number {
  let cache = caches.get(timeZone);
  if (cache === undefined) {
    cache = new Map();
    caches.set(timeZone, cache);
  }
  const bucket = Math.floor(ms / HOUR);
  let offset = cache.get(bucket);
  if (offset === undefined) {
    const start = tzOffset(timeZone, new Date(bucket * HOUR));
    const end = tzOffset(timeZone, new Date((bucket + 1) * HOUR - 1));
    offset = start === end ? start : Number.NaN;
    if (cache.size > 200_000) cache.clear();
    cache.set(bucket, offset);
  }
  return Number.isNaN(offset) ? tzOffset(timeZone, new Date(ms)) : offset;
}

/** Wall-clock fields of an instant in a zone. `month` is 0–11, `weekday` 0 (Sunday)–6. */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  weekday: number;
  hour: number;
  minute: number;
}

/** Reads the wall-clock fields of an instant in a zone (the offset comes from the tz library). */
export function zonedParts(timeZone: string, ms: number): ZonedParts {
  const wall = new Date(ms + offsetMinutes(timeZone, ms) * 60_000);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth(),
    day: wall.getUTCDate(),
    weekday: wall.getUTCDay(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
  };
}
