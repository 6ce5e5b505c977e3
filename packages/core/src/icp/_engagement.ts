import { toEpochMs } from '../_lib/instant';
import type { IntentSignal } from '../agreement/agreement.types';
import { compileCriteria } from '../criteria/compileCriteria';
import type { Activity, Instant, Touchpoint } from '../records/records.types';

/** One day in milliseconds. */
export const DAY_MS = 86_400_000;

/** One decimal: enough to tell leads apart, few enough to read. */
export const round1 = (x: number): number => Math.round(x * 10) / 10;

/** `options.now` as epoch ms; throws the house `[accord]` error when it is not an instant. */
export function nowMs(now: Instant | Date): number {
  const ms = now instanceof Date ? now.getTime() : toEpochMs(now);
  if (Number.isNaN(ms)) throw new Error(`[accord] options.now is not a valid instant: ${String(now)}`);
  return ms;
}

/** An event's instant as epoch ms; an unparseable one is a broken invariant (records are parsed at the boundary). */
export function eventMs(event: Activity | Touchpoint): number {
  const at = toEpochMs(event.at);
  if (Number.isNaN(at)) throw new Error(`[accord] event ${JSON.stringify(event.id)} has an invalid "at" instant.`);
  return at;
}

const includes = (list: readonly string[] | undefined, value: string | undefined): boolean =>
  list === undefined || (value !== undefined && list.includes(value));

/**
 * The ages in days (newest first) of the events that match the signal. `activities` and
 * `touchpoints` must already be the events of one owner (a lead, or an account's own touchpoints);
 * the signal's `source` picks the list, then its `types` / `channels` / `campaignIds` and `when`
 * rule filter it. Events after `now` are left out.
 */
export function matchingAges(
  signal: IntentSignal,
  activities: readonly Activity[],
  touchpoints: readonly Touchpoint[],
  now: number,
): number[] {
  const when = signal.when ? compileCriteria(signal.when) : undefined;
  const events: readonly (Activity | Touchpoint)[] =
    signal.source === 'activity'
      ? activities.filter((a) => includes(signal.types, a.type))
      : touchpoints.filter((t) => includes(signal.channels, t.channel) && includes(signal.campaignIds, t.campaignId));
  const ages: number[] = [];
  for (const event of events) {
    if (when && !when(event, { now })) continue;
    const at = eventMs(event);
    if (at <= now) ages.push((now - at) / DAY_MS);
  }
  // Summing in a fixed order makes the result independent of the order the events came in.
  return ages.sort((x, y) => x - y);
}

/** Σ weight × 0.5^(age / half-life) over the ages, summed in the order given (sort them first). */
export function decayedPoints(signal: IntentSignal, ages: readonly number[]): number {
  return ages.reduce((sum, age) => sum + signal.weight * 0.5 ** (age / signal.halfLifeDays), 0);
}

/** `2 events, newest 3.0 days ago; weight 20, half-life 14 days`, or `no events; …`; `from` names where they came from. */
export function signalDetail(signal: IntentSignal, ages: readonly number[], from = ''): string {
  const newest = ages[0];
  const tail = `weight ${signal.weight}, half-life ${signal.halfLifeDays} days`;
  if (newest === undefined) return `no events; ${tail}`;
  return `${ages.length} event${ages.length === 1 ? '' : 's'}${from}, newest ${newest.toFixed(1)} days ago; ${tail}`;
}
