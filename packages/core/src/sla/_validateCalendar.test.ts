import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromZodIssues } from '../_lib/fromZodIssues';
import { CalendarSchema } from '../agreement/agreement.schemas';
import { defaultAgreement } from '../agreement/defaultAgreement';
import type { RawIssue } from '../errors/errors.types';
import { checkCalendar } from './_checkCalendar';
import { validateCalendar } from './_validateCalendar';

/** The oracle: what the SLA functions did before, through zod. */
function zodIssues(value: unknown): RawIssue[] {
  const parsed = CalendarSchema.safeParse(value, { reportInput: true });
  return parsed.success ? checkCalendar(parsed.data, []) : fromZodIssues(parsed.error.issues);
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Anything odd a JSON file or a careless caller can hold, sparse arrays and boxed values included. */
const junk = fc.anything({
  maxDepth: 2,
  withBoxedValues: true,
  withDate: true,
  withNullPrototype: true,
  withSparseArray: true,
  withTypedArray: true,
  withMap: true,
});

const time = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 24 * 60 }).map(hhmm) },
  fc.constantFrom('24:00', '24:01', '25:00', '9:00', '09:60', 'ab:cd', ' 9:00', '09:00 ', '', '0900', '-1:00'),
  fc.string({ maxLength: 6 }),
  junk,
);

/** Mostly pairs; sometimes the wrong arity or type. */
const interval = fc.oneof({ weight: 8, arbitrary: fc.tuple(time, time) }, fc.array(time, { maxLength: 4 }), junk);

/** Sorted, disjoint intervals on a 15-minute grid: valid days, so the order rules get exercised too. */
const validDay = fc.uniqueArray(fc.integer({ min: 0, max: 96 }), { maxLength: 8 }).map((points) => {
  const sorted = [...points].sort((a, b) => a - b);
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2)
    out.push([hhmm((sorted[i] as number) * 15), hhmm((sorted[i + 1] as number) * 15)]);
  return out;
});

const day = fc.oneof(
  { weight: 4, arbitrary: validDay },
  { weight: 4, arbitrary: fc.array(fc.tuple(time, time), { maxLength: 4 }) }, // inverted, overlapping, unsorted
  { weight: 2, arbitrary: fc.array(interval, { maxLength: 4 }) },
  // more than 24 intervals, valid or not
  fc.array(fc.tuple(time, time), { minLength: 24, maxLength: 27 }),
  fc.constant(Array.from({ length: 25 }, (_, i) => [hhmm(i * 50), hhmm(i * 50 + 10)])),
  fc.string({ minLength: 20, maxLength: 30 }), // a string has a length: zod's max(24) checks it too
  junk,
);

const optionalOf = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });

const unknownKeys = fc.dictionary(
  fc.constantFrom('extra', 'Mon', 'monday', 'timeZone', 'constructor', 'toString', 'hours', 'date', '0', '__proto__'),
  junk,
  { maxKeys: 2 },
);

const week = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record(
      { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day },
      { requiredKeys: [] },
    ),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.record({ mon: day, fri: optionalOf(day) }, { requiredKeys: [] }), unknownKeys)
      .map(([w, extra]) => ({ ...extra, ...w })),
  },
  junk,
);

const date = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('2026-01-01', '2026-12-25', '2026-07-04', '2024-02-29', '1999-12-31') },
  fc.constantFrom('2026-02-29', '2026-13-01', '2026-1-1', '26-01-01', '2026-01-01T00:00:00Z', ''),
  fc.string({ maxLength: 10 }),
  junk,
);

const label = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 20 }) },
  fc.constant(''),
  fc.integer({ min: 195, max: 205 }).map((n) => 'x'.repeat(n)),
  // 200 code points in 400 UTF-16 units: fine for zod, which counts code points
  fc.integer({ min: 195, max: 205 }).map((n) => '😀'.repeat(n)),
  fc.string({ unit: 'binary', minLength: 190, maxLength: 210 }),
  fc.array(fc.integer(), { maxLength: 3 }),
  junk,
);

const holiday = fc.oneof(
  { weight: 4, arbitrary: date },
  {
    weight: 4,
    arbitrary: fc.record({ date, label: optionalOf(label), hours: optionalOf(day) }, { requiredKeys: [] }),
  },
  fc
    .tuple(fc.record({ date, hours: day }, { requiredKeys: ['date'] }), unknownKeys)
    .map(([h, extra]) => ({ ...extra, ...h })),
  junk,
);

const holidays = fc.oneof(
  { weight: 8, arbitrary: fc.array(holiday, { maxLength: 5 }) },
  fc.array(fc.constantFrom('2026-01-01', '2026-12-25', { date: '2026-01-01' }), { maxLength: 4 }), // duplicates
  fc.constant(Array.from({ length: 2001 }, (_, i) => new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10))),
  fc.constant(Array.from({ length: 2000 }, (_, i) => new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10))),
  fc.constant('x'.repeat(2001)),
  junk,
);

const timezone = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('America/New_York', 'Europe/London', 'UTC', 'Asia/Kolkata') },
  fc.constantFrom('Not/AZone', 'America/Gotham', '', 'utc', '+05:30', 'EST'),
  junk,
);

const calendar = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record(
      {
        label: optionalOf(label),
        timezone,
        week,
        holidays,
        alwaysOpen: fc.oneof(fc.boolean(), fc.constant(undefined), junk),
      },
      { requiredKeys: [] },
    ),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.record({ timezone, week, holidays: optionalOf(holidays) }, { requiredKeys: ['timezone'] }), unknownKeys)
      .map(([c, extra]) => ({ ...extra, ...c })),
  },
  junk,
);

/** Structurally valid calendars, so the cross-field rules (24/7 or weekly, one entry per date) get exercised. */
const wellFormed = fc.record(
  {
    label: fc.string({ minLength: 1, maxLength: 10 }),
    timezone: fc.constantFrom('America/New_York', 'UTC'),
    week: fc.record({ mon: validDay, sat: validDay }, { requiredKeys: [] }),
    holidays: fc.array(
      fc.oneof(
        fc.constantFrom('2026-01-01', '2026-12-25'),
        fc.record({ date: fc.constantFrom('2026-01-01', '2026-07-04'), hours: validDay }, { requiredKeys: ['date'] }),
      ),
      { maxLength: 4 },
    ),
    alwaysOpen: fc.boolean(),
  },
  { requiredKeys: ['timezone'] },
);

describe('validateCalendar', () => {
  it('reports exactly what CalendarSchema + fromZodIssues + checkCalendar report, for any input', () => {
    fc.assert(
      fc.property(calendar, (value) => {
        expect(validateCalendar(value)).toStrictEqual(zodIssues(value));
      }),
      { numRuns: 3000 },
    );
  });

  it('reports what checkCalendar reports for well-formed calendars', () => {
    fc.assert(
      fc.property(wellFormed, (value) => {
        expect(validateCalendar(value)).toStrictEqual(zodIssues(value));
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees on hand-picked edge cases', () => {
    const cases: unknown[] = [
      undefined,
      null,
      [],
      'UTC',
      new Date(0),
      {},
      { timezone: 'UTC' },
      { timezone: 'UTC', alwaysOpen: true },
      { timezone: 'UTC', alwaysOpen: true, week: {}, holidays: [] },
      { timezone: 'UTC', alwaysOpen: true, week: undefined },
      { timezone: 'UTC', alwaysOpen: false, holidays: ['2026-01-01'] },
      {
        timezone: 'UTC',
        week: {
          mon: [
            ['09:00', '12:00'],
            ['11:00', '17:00'],
          ],
        },
      },
      { timezone: 'UTC', week: { mon: [['17:00', '09:00']], tue: [['09:00', '09:00']] } },
      { timezone: 'UTC', week: { mon: [['09:00', '12:00', '13:00']] } },
      { timezone: 'UTC', week: { mon: [['09:00']] } },
      {
        timezone: 'UTC',
        week: {
          mon: [
            ['25:00', '09:00'],
            ['08:00', '10:00'],
          ],
        },
      },
      { timezone: 'UTC', week: { mon: [['24:00', '24:00']] } },
      { timezone: 'UTC', week: { mon: '09:00-17:00, 18:00-20:00, 21:00-22:00' } },
      { timezone: 'UTC', week: { mon: { length: 30 } } },
      { timezone: 'UTC', week: { mon: Object.assign([], { 1: ['09:00', '10:00'] }) } }, // a hole at 0
      { timezone: 'UTC', label: '' },
      { timezone: 'UTC', label: [] },
      { timezone: 'UTC', label: 'x'.repeat(201) },
      { timezone: 'UTC', label: '😀'.repeat(200) },
      { timezone: 'UTC', label: '😀'.repeat(201) },
      { timezone: 'UTC', label: { length: 'abc' } },
      { timezone: 'UTC', week: {}, holidays: ['2026-01-01', { date: '2026-01-01', hours: [['09:00', '12:00']] }] },
      { timezone: 'UTC', week: {}, holidays: [{ date: '2026-02-30', label: 5, hours: 'x', extra: 1 }] },
      { timezone: 'UTC', week: {}, holidays: [null, 7, true, [], undefined] },
      { timezone: 'Nowhere/Atlantis', week: {}, frobnicate: true, alwaysOpen: 'yes' },
      JSON.parse('{"__proto__": {"week": {}}, "timezone": "UTC", "week": {}}'),
      Object.assign(Object.create({ week: {} }), { timezone: 'UTC' }),
      Object.assign(Object.create(null), { timezone: 'UTC', week: { mon: [] } }),
      structuredClone(defaultAgreement.calendars?.us_business),
    ];
    for (const value of cases) expect(validateCalendar(value)).toStrictEqual(zodIssues(value));
  });

  it('accepts the default agreement calendars', () => {
    for (const cal of Object.values(defaultAgreement.calendars ?? {})) expect(validateCalendar(cal)).toEqual([]);
  });
});
