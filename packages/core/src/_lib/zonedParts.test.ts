import { TZDateMini, tzOffset } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { offsetMinutes, zonedParts } from './zonedParts';

const zones = [
  'America/New_York',
  'Europe/London',
  'Australia/Sydney',
  'Asia/Kolkata',
  'Pacific/Chatham',
  'Australia/Lord_Howe',
  'America/Sao_Paulo',
  'UTC',
];
const instant = fc.integer({ min: Date.UTC(2018, 0, 1), max: Date.UTC(2032, 0, 1) });

describe('zonedParts', () => {
  it('agrees with @date-fns/tz at random instants, DST zones and half-hour offsets included', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), instant, (zone, ms) => {
        expect(offsetMinutes(zone, ms)).toBe(tzOffset(zone, new Date(ms)));
        const d = new TZDateMini(ms, zone);
        expect(zonedParts(zone, ms)).toEqual({
          year: d.getFullYear(),
          month: d.getMonth(),
          day: d.getDate(),
          weekday: d.getDay(),
          hour: d.getHours(),
          minute: d.getMinutes(),
        });
      }),
      { numRuns: 3000 },
    );
  });

  it('is exact on both sides of every transition minute of 2026', () => {
    for (const zone of zones) {
      for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 3_600_000) {
        if (tzOffset(zone, new Date(ms)) === tzOffset(zone, new Date(ms + 3_600_000 - 1))) continue;
        for (let m = ms; m < ms + 3_600_000; m += 60_000)
          expect(offsetMinutes(zone, m)).toBe(tzOffset(zone, new Date(m)));
      }
    }
  });
});
