import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportion } from './_apportion';

describe('apportion', () => {
  it('gives the units left to the largest remainders, ties to the earlier position', () => {
    expect(apportion(1_000_000, [2 / 3, 1 / 3])).toEqual([666_667, 333_333]);
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(7, [0, 1, 0])).toEqual([0, 7, 0]);
    expect(apportion(0, [0, 0])).toEqual([0, 0]);
  });

  it('splits any whole number into integers that add up to it, each within a unit of its quota', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-9, max: 1, noNaN: true })), {
          minLength: 1,
          maxLength: 12,
        }),
        (total, raw) => {
          const weights = raw.some((w) => w > 0) ? raw : [...raw, 1];
          const sum = weights.reduce((s, w) => s + w, 0);
          const shares = apportion(total, weights);
          expect(shares.reduce((s, x) => s + x, 0)).toBe(total);
          shares.forEach((x, i) => {
            expect(Number.isInteger(x)).toBe(true);
            const quota = (total * (weights[i] as number)) / sum;
            expect(Math.abs(x - quota)).toBeLessThan(1 + 1e-6);
            if (weights[i] === 0) expect(x).toBe(0);
          });
        },
      ),
    );
  });

  it('refuses to split a positive total over no positive weight', () => {
    expect(() => apportion(5, [0, 0])).toThrow(/\[accord\]/);
  });
});
