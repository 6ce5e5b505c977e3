import { TZDateMini } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CalendarDefinition, Weekday } from '../agreement/agreement.types';
import { defaultAgreement } from '../agreement/defaultAgreement';
import { AccordError } from '../errors/AccordError';
import { addBusinessMinutes } from './addBusinessMinutes';
import { businessMinutesBetween } from './businessMinutesBetween';
import { isWithinBusinessHours } from './isWithinBusinessHours';
import { nextBusinessOpen } from './nextBusinessOpen';

const MIN = 60_000;
const DAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const weekdays = (hours: [string, string][]) => ({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours });
const nyc: CalendarDefinition = { timezone: 'America/New_York', week: weekdays([['09:00', '17:00']]) };
const us = defaultAgreement.calendars?.us_business as CalendarDefinition;

/**
 * The oracle: steps minute by minute and asks @date-fns/tz for the local wall-clock time of each
 * minute, then checks the calendar's rules literally. Slow and obviously right.
 */
function oracleMinutes(start: number, end: number, cal: CalendarDefinition): number {
  if (end < start) return 0 - oracleMinutes(end, start, cal);
  const toMin = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  let open = 0;
  for (let m = start; m < end; m += MIN) {
    const d = new TZDateMini(m, cal.timezone);
    const date = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const holiday = cal.holidays?.find((h) => (typeof h === 'string' ? h : h.date) === date);
    const hours =
      holiday === undefined
        ? (cal.week?.[DAYS[d.getDay()] as Weekday] ?? [])
        : typeof holiday === 'string'
          ? []
          : (holiday.hours ?? []);
    const minute = d.getHours() * 60 + d.getMinutes();
    if (hours.some(([a, b]) => minute >= toMin(a) && minute < toMin(b))) open++;
  }
  return open;
}

const hhmm = (q: number) => `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`;
/** 0–3 sorted, disjoint intervals on a 15-minute grid (lunch breaks, split shifts, 00:00–24:00). */
const dayHours = fc.uniqueArray(fc.integer({ min: 0, max: 96 }), { maxLength: 6 }).map((points) => {
  const sorted = [...points].sort((a, b) => a - b);
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) out.push([hhmm(sorted[i] as number), hhmm(sorted[i + 1] as number)]);
  return out;
});

interface Zone {
  tz: string;
  /** DST changes in 2026 (none for Kolkata). */
  changes: number[];
}
const ZONES: Zone[] = [
  { tz: 'America/New_York', changes: [Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 10, 1, 6)] },
  { tz: 'Europe/London', changes: [Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1)] },
  { tz: 'Australia/Sydney', changes: [Date.UTC(2026, 3, 4, 16), Date.UTC(2026, 9, 3, 16)] },
  { tz: 'Asia/Kolkata', changes: [Date.UTC(2026, 5, 1)] },
  { tz: 'Pacific/Chatham', changes: [Date.UTC(2026, 3, 4, 14), Date.UTC(2026, 8, 26, 14)] },
];

const calendarIn = (zone: Zone) =>
  fc
    .record({
      week: fc.record(Object.fromEntries(DAYS.map((d) => [d, dayHours])) as Record<Weekday, typeof dayHours>),
      holidays: fc.array(
        fc.record({ offset: fc.integer({ min: -4, max: 4 }), hours: fc.option(dayHours, { nil: undefined }) }),
        { maxLength: 3 },
      ),
    })
    .map(({ week, holidays }): CalendarDefinition => {
      const dates = new Map<string, { date: string; hours?: [string, string][] } | string>();
      for (const h of holidays) {
        const date = new Date((zone.changes[0] as number) + h.offset * 86_400_000).toISOString().slice(0, 10);
        dates.set(date, h.hours ? { date, hours: h.hours } : date);
      }
      return { timezone: zone.tz, week, holidays: [...dates.values()] };
    });

/** A minute-aligned instant within 4 days of a DST change. */
const nearChange = (zone: Zone) =>
  fc
    .tuple(fc.constantFrom(...zone.changes), fc.integer({ min: -4 * 1440, max: 4 * 1440 }))
    .map(([change, minutes]) => change + minutes * MIN);

describe('businessMinutesBetween', () => {
  for (const zone of ZONES) {
    it(`matches the minute-stepping oracle in ${zone.tz}, across DST, with breaks and holidays`, () => {
      fc.assert(
        fc.property(
          calendarIn(zone),
          nearChange(zone),
          fc.integer({ min: -3 * 1440, max: 3 * 1440 }),
          (cal, start, span) => {
            const end = start + span * MIN;
            expect(businessMinutesBetween(start, end, cal)).toBe(oracleMinutes(start, end, cal));
          },
        ),
        { numRuns: 40 },
      );
    }, 60_000);
  }

  it('counts a plain business week and a long weekend', () => {
    expect(businessMinutesBetween('2026-01-05T14:00:00Z', '2026-01-10T00:00:00Z', nyc)).toBe(5 * 8 * 60);
    // Friday 16:00 EST → Monday 10:30 EDT, across the spring-forward weekend.
    expect(businessMinutesBetween('2026-03-06T21:00:00Z', '2026-03-09T14:30:00Z', nyc)).toBe(150);
  });

  it('skips holidays and counts partial ones by their own hours', () => {
    // Thanksgiving 2026 (Thursday) is closed in the default US calendar.
    expect(businessMinutesBetween('2026-11-26T00:00:00-05:00', '2026-11-27T00:00:00-05:00', us)).toBe(0);
    // Christmas Eve 2027 is open 09:00–13:00.
    expect(businessMinutesBetween('2027-12-24T00:00:00-05:00', '2027-12-25T00:00:00-05:00', us)).toBe(240);
  });

  it('returns the negative of the reversed interval', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) }),
        fc.integer({ min: 0, max: 20 * 86_400_000 }),
        (s, d) => {
          expect(businessMinutesBetween(s + d, s, us)).toBe(0 - businessMinutesBetween(s, s + d, us));
        },
      ),
    );
  });

  it('is monotone in the end', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }),
        fc.array(fc.integer({ min: 0, max: 30 * 86_400_000 }), { minLength: 2, maxLength: 8 }),
        (s, deltas) => {
          const ends = [...deltas].sort((a, b) => a - b).map((d) => s + d);
          const minutes = ends.map((e) => businessMinutesBetween(s, e, us));
          expect(minutes).toEqual([...minutes].sort((a, b) => a - b));
        },
      ),
    );
  });

  it('accepts ISO strings, epoch ms and Dates alike, and keeps fractions of a minute', () => {
    const a = businessMinutesBetween('2026-01-05T14:00:00Z', '2026-01-05T14:00:30Z', nyc);
    const b = businessMinutesBetween(Date.UTC(2026, 0, 5, 14), new Date(Date.UTC(2026, 0, 5, 14, 0, 30)), nyc);
    expect(a).toBe(0.5);
    expect(b).toBe(0.5);
  });

  it('treats a 24/7 calendar as wall-clock time', () => {
    expect(
      businessMinutesBetween('2026-03-08T00:00:00-05:00', '2026-03-09T00:00:00-04:00', {
        timezone: 'America/New_York',
        alwaysOpen: true,
      }),
    ).toBe(23 * 60);
  });
});

describe('addBusinessMinutes', () => {
  const anyInstant = fc.integer({ min: Date.UTC(2025, 6, 1), max: Date.UTC(2027, 6, 1) });

  it('round-trips with businessMinutesBetween, forward and back, in every zone', () => {
    for (const zone of ZONES) {
      fc.assert(
        fc.property(
          calendarIn(zone),
          nearChange(zone),
          fc.integer({ min: -5000, max: 5000 }),
          (cal, start, minutes) => {
            fc.pre(Object.values(cal.week ?? {}).some((h) => (h?.length ?? 0) > 0));
            const due = addBusinessMinutes(start, minutes, cal);
            expect(businessMinutesBetween(start, due, cal)).toBe(minutes);
          },
        ),
        { numRuns: 60 },
      );
    }
  }, 60_000);

  it('never puts a due time inside closed hours', () => {
    fc.assert(
      fc.property(anyInstant, fc.integer({ min: 1, max: 20_000 }), (start, minutes) => {
        const due = addBusinessMinutes(start, minutes, us);
        expect(isWithinBusinessHours(due, us) || isWithinBusinessHours(due - 1, us)).toBe(true);
      }),
    );
  });

  it('keeps a deadline that lands on closing time at closing time', () => {
    // 1 business hour from 16:00 EST Monday is 17:00 Monday, not 09:00 Tuesday.
    expect(new Date(addBusinessMinutes('2026-01-05T21:00:00Z', 60, nyc)).toISOString()).toBe(
      '2026-01-05T22:00:00.000Z',
    );
    expect(new Date(addBusinessMinutes('2026-03-06T21:30:00Z', 60, nyc)).toISOString()).toBe(
      '2026-03-09T13:30:00.000Z',
    );
    expect(new Date(addBusinessMinutes('2026-03-09T14:00:00Z', -61, nyc)).toISOString()).toBe(
      '2026-03-06T21:59:00.000Z',
    );
    expect(addBusinessMinutes(123, 0, nyc)).toBe(123);
  });
});

describe('isWithinBusinessHours / nextBusinessOpen', () => {
  it('opens at the start of an interval and closes at its end', () => {
    expect(isWithinBusinessHours('2026-01-05T14:00:00Z', nyc)).toBe(true);
    expect(isWithinBusinessHours('2026-01-05T13:59:59.999Z', nyc)).toBe(false);
    expect(isWithinBusinessHours('2026-01-05T22:00:00Z', nyc)).toBe(false);
    expect(isWithinBusinessHours('2026-12-25T15:00:00Z', us)).toBe(false);
  });

  it('finds the next opening across weekends, holidays and DST', () => {
    expect(new Date(nextBusinessOpen('2026-01-10T17:00:00Z', nyc)).toISOString()).toBe('2026-01-12T14:00:00.000Z');
    expect(new Date(nextBusinessOpen('2026-03-07T12:00:00Z', nyc)).toISOString()).toBe('2026-03-09T13:00:00.000Z');
    expect(new Date(nextBusinessOpen('2026-12-24T23:00:00Z', us)).toISOString()).toBe('2026-12-28T14:00:00.000Z');
    expect(nextBusinessOpen('2026-01-05T15:00:00Z', nyc)).toBe(Date.UTC(2026, 0, 5, 15));
  });
});

describe('bad input', () => {
  const issue = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(AccordError);
      const [first] = (error as AccordError).issues;
      return { code: first?.code, path: first?.path.join('.') };
    }
    throw new Error('expected an AccordError');
  };

  it('names the problem of a bad calendar', () => {
    expect(issue(() => businessMinutesBetween(0, 1, { timezone: 'Mars/Olympus', week: {} }))).toEqual({
      code: 'invalid_timezone',
      path: 'timezone',
    });
    expect(
      issue(() =>
        businessMinutesBetween(0, 1, {
          timezone: 'UTC',
          week: {
            mon: [
              ['09:00', '12:00'],
              ['11:00', '13:00'],
            ],
          },
        }),
      ),
    ).toEqual({ code: 'overlapping_intervals', path: 'week.mon.1' });
    expect(issue(() => businessMinutesBetween(0, 1, { timezone: 'UTC', week: { mon: [['17:00', '09:00']] } }))).toEqual(
      { code: 'invalid_interval', path: 'week.mon.0' },
    );
    expect(issue(() => businessMinutesBetween(0, 1, { timezone: 'UTC', week: {}, holidays: ['25/12/2026'] }))).toEqual({
      code: 'invalid_format',
      path: 'holidays.0',
    });
    expect(issue(() => businessMinutesBetween(0, 1, { timezone: 'UTC', alwaysOpen: true, week: {} }))).toEqual({
      code: 'unrecognized_keys',
      path: '',
    });
  });

  it('names an unreadable instant instead of returning NaN or 0', () => {
    expect(issue(() => businessMinutesBetween('yesterday', '2026-01-01T00:00:00Z', nyc))).toEqual({
      code: 'invalid_instant',
      path: 'start',
    });
    expect(issue(() => businessMinutesBetween(0, Number.NaN, nyc))).toEqual({ code: 'invalid_instant', path: 'end' });
    expect(issue(() => addBusinessMinutes(0, Number.POSITIVE_INFINITY, nyc))).toEqual({
      code: 'invalid_type',
      path: 'minutes',
    });
    expect(issue(() => isWithinBusinessHours(new Date('nope'), nyc))).toEqual({
      code: 'invalid_instant',
      path: 'instant',
    });
  });

  it('refuses instants outside 1900–2200 and calendars that never open', () => {
    expect(issue(() => businessMinutesBetween('1850-01-01T00:00:00Z', '2026-01-01T00:00:00Z', nyc)).code).toBe(
      'instant_out_of_range',
    );
    const closed: CalendarDefinition = { timezone: 'UTC', week: {} };
    expect(businessMinutesBetween(0, 86_400_000, closed)).toBe(0);
    expect(issue(() => addBusinessMinutes(0, 60, closed)).code).toBe('instant_out_of_range');
    expect(issue(() => nextBusinessOpen(0, closed)).code).toBe('instant_out_of_range');
  });
});
