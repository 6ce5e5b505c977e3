import { TZDate, tz } from '@date-fns/tz';
import {
  addDays,
  addMonths,
  addQuarters,
  addWeeks,
  addYears,
  format,
  startOfMonth,
  startOfQuarter,
  startOfWeek,
  startOfYear,
} from 'date-fns';
import { toEpochMs } from '../_lib/instant';

/** A time grain of the scorecard. */
export type Grain = 'week' | 'month' | 'quarter' | 'year';

/** A half-open period `[from, to)` in epoch ms, with its label in the agreement's time zone. */
export interface Period {
  label: string;
  from: number;
  to: number;
}

export type WeekStart = 0 | 1 | 2 | 3 | 4 | 5 | 6;

interface Unit {
  start: (t: number) => Date;
  next: (d: Date, n: number) => Date;
  label: string;
}

function unit(grain: Grain, zone: string, weekStartsOn: WeekStart): Unit {
  const inZone = tz(zone);
  switch (grain) {
    case 'week':
      return {
        start: (t) => startOfWeek(new Date(t), { in: inZone, weekStartsOn }),
        next: addWeeks,
        label: 'yyyy-MM-dd',
      };
    case 'month':
      return { start: (t) => startOfMonth(new Date(t), { in: inZone }), next: addMonths, label: 'yyyy-MM' };
    case 'quarter':
      return { start: (t) => startOfQuarter(new Date(t), { in: inZone }), next: addQuarters, label: "yyyy-'Q'Q" };
    case 'year':
      return { start: (t) => startOfYear(new Date(t), { in: inZone }), next: addYears, label: 'yyyy' };
  }
}

/** The periods of `grain` that cover `[from, to)`; whole periods, or clipped to the range with `clip`. */
export function periodsOf(
  from: number,
  to: number,
  grain: Grain,
  zone: string,
  weekStartsOn: WeekStart,
  clip: boolean,
): Period[] {
  const u = unit(grain, zone, weekStartsOn);
  const out: Period[] = [];
  let start = u.start(from);
  while (start.getTime() < to && out.length < 100_000) {
    const next = u.next(start, 1);
    out.push({
      label: format(start, u.label),
      from: clip ? Math.max(start.getTime(), from) : start.getTime(),
      to: clip ? Math.min(next.getTime(), to) : next.getTime(),
    });
    start = next;
  }
  return out;
}

/** `2026`, `2026-03`, `2026-Q1`, `2026-03-02` (a day), or a range of instants / dates (end exclusive). */
export type PeriodInput = string | { from: string | number; to: string | number };

const LABEL = /^(\d{4})(?:-(?:(0[1-9]|1[0-2])(?:-(\d{2}))?|Q([1-4])))?$/;

/** Resolves a period in the agreement's time zone; undefined when it cannot be read. */
export function resolvePeriod(input: PeriodInput, zone: string): Period | undefined {
  if (typeof input === 'string') {
    const m = LABEL.exec(input);
    if (!m) return undefined;
    const year = Number(m[1]);
    if (m[4] !== undefined) {
      const start = new TZDate(year, (Number(m[4]) - 1) * 3, 1, zone);
      return { label: input, from: start.getTime(), to: addQuarters(start, 1).getTime() };
    }
    if (m[2] === undefined) {
      const start = new TZDate(year, 0, 1, zone);
      return { label: input, from: start.getTime(), to: addYears(start, 1).getTime() };
    }
    const start = new TZDate(year, Number(m[2]) - 1, m[3] === undefined ? 1 : Number(m[3]), zone);
    if (m[3] !== undefined && start.getDate() !== Number(m[3])) return undefined;
    return {
      label: input,
      from: start.getTime(),
      to: (m[3] === undefined ? addMonths(start, 1) : addDays(start, 1)).getTime(),
    };
  }
  const from = boundary(input.from, zone);
  const to = boundary(input.to, zone);
  if (Number.isNaN(from) || Number.isNaN(to) || to <= from) return undefined;
  return { label: `${iso(from, zone)}…${iso(to, zone)}`, from, to };
}

/** The period just before: the previous month for `2026-03`, the same length before for a range. */
export function previousPeriod(input: PeriodInput, period: Period, zone: string): Period {
  if (typeof input === 'string') {
    const m = LABEL.exec(input) as RegExpExecArray;
    const start = new TZDate(period.from, zone);
    const prev =
      m[4] !== undefined
        ? addQuarters(start, -1)
        : m[2] === undefined
          ? addYears(start, -1)
          : m[3] === undefined
            ? addMonths(start, -1)
            : addDays(start, -1);
    const label =
      m[4] !== undefined
        ? format(prev, "yyyy-'Q'Q")
        : m[2] === undefined
          ? format(prev, 'yyyy')
          : format(prev, m[3] === undefined ? 'yyyy-MM' : 'yyyy-MM-dd');
    return { label, from: prev.getTime(), to: period.from };
  }
  const length = period.to - period.from;
  const from = period.from - length;
  return { label: `${iso(from, zone)}…${iso(period.from, zone)}`, from, to: period.from };
}

function boundary(value: string | number, zone: string): number {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, mo, d] = value.split('-').map(Number) as [number, number, number];
    const start = new TZDate(y, mo - 1, d, zone);
    return start.getDate() === d ? start.getTime() : Number.NaN;
  }
  return toEpochMs(value);
}

function iso(t: number, zone: string): string {
  return format(new TZDate(t, zone), "yyyy-MM-dd'T'HH:mm");
}
