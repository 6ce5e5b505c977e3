import { tzOffset } from '@date-fns/tz/tzOffset';

const HOUR = 3_600_000;
/** Hours from 2000 to 2060 are indexed directly (the common case); other instants use a Map. */
const DENSE_FROM = Date.UTC(2000, 0, 1) / HOUR;
const DENSE_HOURS = (Date.UTC(2060, 0, 1) - Date.UTC(2000, 0, 1)) / HOUR;
const UNKNOWN = -32768;
const TRANSITION = -32767;

interface ZoneCache {
  dense: Int16Array | undefined;
  sparse: Map<number, number>;
}
const caches = new Map<string, ZoneCache>();
let lastZone: string | undefined;
let lastCache: ZoneCache | undefined;

/** The offset for a whole UTC hour, or TRANSITION when the hour holds a change. */
function hourOffset(timeZone: string, bucket: number): number {
  const start = tzOffset(timeZone, new Date(bucket * HOUR));
  const end = tzOffset(timeZone, new Date((bucket + 1) * HOUR - 1));
  return start === end ? start : TRANSITION;
}

/**
 * The UTC offset (minutes) of a zone at an instant, from @date-fns/tz, memoised per zone and UTC hour
 * (a typed array for 2000–2060). An hour whose start and end offsets differ holds a transition: it is
 * never cached, and the library is asked for the exact instant. So the result always equals
 * `tzOffset(timeZone, new Date(ms))`.
 */
export function offsetMinutes(timeZone: string, ms: number): number {
  let cache: ZoneCache | undefined;
  if (timeZone === lastZone) cache = lastCache;
  else {
    cache = caches.get(timeZone);
    if (cache === undefined) {
      cache = { dense: undefined, sparse: new Map() };
      caches.set(timeZone, cache);
    }
    lastZone = timeZone;
    lastCache = cache;
  }
  const c = cache as ZoneCache;
  const bucket = Math.floor(ms / HOUR);
  const i = bucket - DENSE_FROM;
  let offset: number;
  if (i >= 0 && i < DENSE_HOURS) {
    c.dense ??= new Int16Array(DENSE_HOURS).fill(UNKNOWN);
    offset = c.dense[i] as number;
    if (offset === UNKNOWN) {
      offset = hourOffset(timeZone, bucket);
      c.dense[i] = offset;
    }
  } else {
    const known = c.sparse.get(bucket);
    if (known === undefined) {
      offset = hourOffset(timeZone, bucket);
      if (c.sparse.size > 200_000) c.sparse.clear();
      c.sparse.set(bucket, offset);
    } else offset = known;
  }
  return offset === TRANSITION ? tzOffset(timeZone, new Date(ms)) : offset;
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
