import type { IssueDetail } from '../errors/errors.types';

// The rules of a calendar's hours, shared by the agreement's zod schema and the zod-free calendar
// check (`sla/_validateCalendar.ts`), so the two cannot drift apart.

/** The longest label (stage, calendar, holiday…), in code points. */
export const LABEL_MAX_LENGTH = 200;
/** The most opening intervals one day can have. */
export const MAX_INTERVALS_PER_DAY = 24;
/** The most holidays one calendar can list. */
export const MAX_HOLIDAYS = 2000;

const TIME_OF_DAY = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** True for a time of day written `HH:MM`, from `00:00` to `24:00`. */
export function isTimeOfDay(value: string): boolean {
  return TIME_OF_DAY.test(value);
}

const minutesOf = (t: string): number => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/**
 * The problems of one day's intervals, each with the index of the interval it concerns: an interval
 * that does not end after it starts, or one that starts before the previous one ends (intervals are
 * sorted and disjoint).
 */
export function checkIntervals(
  intervals: readonly (readonly [string, string])[],
): { index: number; detail: IssueDetail }[] {
  const problems: { index: number; detail: IssueDetail }[] = [];
  intervals.forEach(([start, end], index) => {
    if (minutesOf(start) >= minutesOf(end)) problems.push({ index, detail: { code: 'invalid_interval', start, end } });
    const previous = intervals[index - 1];
    if (previous && minutesOf(start) < minutesOf(previous[1]))
      problems.push({ index, detail: { code: 'overlapping_intervals', first: previous, second: [start, end] } });
  });
  return problems;
}
