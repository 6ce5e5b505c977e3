import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toInstantMs } from './toInstantMs';

describe('toInstantMs', () => {
  it.each([
    ['2026-03-02T09:30:00Z', Date.UTC(2026, 2, 2, 9, 30)],
    ['2026-03-02T04:30:00-05:00', Date.UTC(2026, 2, 2, 9, 30)],
    ['2026-03-02T15:00:00+0530', Date.UTC(2026, 2, 2, 9, 30)],
    ['2026-03-02 09:30:00+00', Date.UTC(2026, 2, 2, 9, 30)],
    ['2026-03-02T09:30Z', Date.UTC(2026, 2, 2, 9, 30)],
    ['2026-03-02T09:30:00.123456789Z', Date.UTC(2026, 2, 2, 9, 30, 0, 123)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
  ])('reads %s', (input, expected) => {
    expect(toInstantMs(input)).toBe(expected);
  });

  it.each([
    '31/02/2026',
    '2026-02-31T00:00:00Z',
    '2025-02-29T00:00:00Z',
    '2026-03-02T09:30:00',
    '2026-03-02',
    '2026-13-01T00:00:00Z',
    '2026-03-02T24:00:00Z',
    '2026-03-02T09:60:00Z',
    'yesterday',
    '',
  ])('refuses %j', (input) => {
    expect(Number.isNaN(toInstantMs(input))).toBe(true);
  });

  it('accepts epoch milliseconds and Dates, refuses non-finite numbers', () => {
    expect(toInstantMs(1_772_443_800_000)).toBe(1_772_443_800_000);
    expect(toInstantMs(new Date(5))).toBe(5);
    expect(Number.isNaN(toInstantMs(Number.POSITIVE_INFINITY))).toBe(true);
  });

  it('round-trips every ISO string Date#toISOString writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_000_000_000_000, max: 250_000_000_000_000 }), (ms) => {
        expect(toInstantMs(new Date(ms).toISOString())).toBe(ms);
      }),
    );
  });
});
