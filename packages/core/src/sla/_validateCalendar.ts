import {
  checkIntervals,
  isTimeOfDay,
  LABEL_MAX_LENGTH,
  MAX_HOLIDAYS,
  MAX_INTERVALS_PER_DAY,
} from '../_lib/calendarRules';
import { describeType, isRecord } from '../_lib/describeType';
import { isIsoDate } from '../_lib/instant';
import { isValidTimeZone } from '../_lib/timezone';
import type { CalendarDefinition } from '../agreement/agreement.types';
import type { PathSegment, RawIssue } from '../errors/errors.types';
import { checkCalendar } from './_checkCalendar';

// A zod-free twin of `CalendarSchema` + `fromZodIssues` + `checkCalendar`: the same issues (codes,
// paths, fields, order) for every input, so `businessMinutesBetween` and the other calendar functions
// do not pull zod into a host's bundle. `_validateCalendar.test.ts` compares the two on arbitrary
// input; change both together.

/** Adds the issues of the value at `path` (a zod schema, run for its issues alone). */
type Check = (issues: RawIssue[], path: PathSegment[], value: unknown) => void;

const typeIssue = (issues: RawIssue[], path: PathSegment[], expected: string, value: unknown): void => {
  issues.push({ code: 'invalid_type', path, expected, received: describeType(value) });
};

/** `.optional()`. */
const optional =
  (check: Check): Check =>
  (issues, path, value) => {
    if (value !== undefined) check(issues, path, value);
  };

/** `z.strictObject(shape)`: each key in shape order, then the keys it does not know (`for…in`). */
const strictObject =
  (shape: Record<string, Check>): Check =>
  (issues, path, value) => {
    if (!isRecord(value)) return typeIssue(issues, path, 'object', value);
    for (const key in shape) shape[key]?.(issues, [...path, key], value[key]);
    const keys: string[] = [];
    for (const key in value) if (!Object.hasOwn(shape, key)) keys.push(key);
    if (keys.length > 0) issues.push({ code: 'unrecognized_keys', path, keys });
  };

/** `z.string()` with an Accord refinement. */
const string =
  (refine: (issues: RawIssue[], path: PathSegment[], value: string) => void): Check =>
  (issues, path, value) => {
    if (typeof value === 'string') refine(issues, path, value);
    else typeIssue(issues, path, 'string', value);
  };

/**
 * zod's `.min(min)` / `.max(max)` length checks. They also run after an `invalid_type` when the value
 * has a `length` (a string where an array was expected); strings count code points.
 */
function checkLength(issues: RawIssue[], path: PathSegment[], value: unknown, max: number, min = 0): void {
  const units = value == null ? undefined : (value as { length?: number }).length;
  if (units === undefined) return;
  const text = typeof value === 'string';
  const origin = text ? 'string' : Array.isArray(value) ? 'array' : 'number';
  const length = text ? [...value].length : units;
  if (min > 0 && !(length >= min))
    issues.push(
      text && min === 1
        ? { code: 'invalid_type', path, expected: 'non-empty string', received: 'empty string' }
        : { code: 'too_small', path, minimum: min, inclusive: true, origin },
    );
  if (!(length <= max)) issues.push({ code: 'too_big', path, maximum: max, inclusive: true, origin });
}

const label = optional((issues, path, value) => {
  if (typeof value !== 'string') typeIssue(issues, path, 'string', value);
  checkLength(issues, path, value, LABEL_MAX_LENGTH, 1);
});

const date = string((issues, path, value) => {
  if (!isIsoDate(value)) issues.push({ code: 'invalid_format', path, format: 'date', received: value });
});

const time = string((issues, path, value) => {
  if (!isTimeOfDay(value)) issues.push({ code: 'invalid_format', path, format: 'time_of_day', received: value });
});

/** One day's intervals, `[["09:00", "12:00"], ["13:00", "17:00"]]`. */
const hours = optional((issues, path, value) => {
  const start = issues.length;
  if (!Array.isArray(value)) typeIssue(issues, path, 'array', value);
  else if (value.length <= MAX_INTERVALS_PER_DAY)
    for (let i = 0; i < value.length; i++) {
      const interval: unknown = value[i];
      if (!Array.isArray(interval)) typeIssue(issues, [...path, i], 'tuple', interval);
      else {
        checkLength(issues, [...path, i], interval, 2, 2);
        if (interval.length > 1) for (const j of [0, 1]) time(issues, [...path, i, j], interval[j]);
      }
    }
  checkLength(issues, path, value, MAX_INTERVALS_PER_DAY); // an array over the limit: its items are not read
  // The order rules run after a badly written time, not after a type or arity error (as in zod).
  if (issues.slice(start).every((issue) => issue.code === 'invalid_format'))
    for (const { index, detail } of checkIntervals(value as [string, string][]))
      issues.push({ ...detail, path: [...path, index] });
});

const holidayObject = strictObject({ date, label, hours });

const holidays = optional((issues, path, value) => {
  if (!Array.isArray(value)) typeIssue(issues, path, 'array', value);
  else if (value.length <= MAX_HOLIDAYS)
    for (let i = 0; i < value.length; i++) {
      // A union of a date and an object: the issues of the branch that matches the type.
      const holiday: unknown = value[i];
      if (typeof holiday === 'string') date(issues, [...path, i], holiday);
      else if (isRecord(holiday)) holidayObject(issues, [...path, i], holiday);
      else typeIssue(issues, [...path, i], 'string or object', holiday);
    }
  checkLength(issues, path, value, MAX_HOLIDAYS);
});

const week = optional(
  strictObject({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: hours, sun: hours }),
);

const calendar = strictObject({
  label,
  timezone: string((issues, path, timezone) => {
    if (!isValidTimeZone(timezone)) issues.push({ code: 'invalid_timezone', path, timezone });
  }),
  week,
  holidays,
  alwaysOpen: optional((issues, path, value) => {
    if (typeof value !== 'boolean') typeIssue(issues, path, 'boolean', value);
  }),
});

/**
 * Validates a business calendar without zod: the issues `CalendarSchema` (through `fromZodIssues`)
 * reports, or, when it has none, those of `checkCalendar`. Paths are relative to the calendar.
 */
export function validateCalendar(value: unknown): RawIssue[] {
  const issues: RawIssue[] = [];
  calendar(issues, [], value);
  return issues.length > 0 ? issues : checkCalendar(value as CalendarDefinition, []);
}
