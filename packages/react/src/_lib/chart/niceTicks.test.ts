import { describe, expect, it } from 'vitest';
import { niceTicks, toPercent } from './niceTicks';

describe('niceTicks', () => {
  it('returns round steps up to a nice top when max is a count', () => {
    expect(niceTicks(870)).toEqual([0, 250, 500, 750, 1000]);
    expect(niceTicks(4)).toEqual([0, 1, 2, 3, 4]);
  });

  it('returns clean decimals when max is a share', () => {
    expect(niceTicks(0.43)).toEqual([0, 0.2, 0.4, 0.6]);
  });

  it('returns [0, 1] when max is zero or not finite', () => {
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(Number.NaN)).toEqual([0, 1]);
  });
});

describe('toPercent', () => {
  it('clamps to 0–100 and gives 0 when top is zero', () => {
    expect(toPercent(50, 200)).toBe(25);
    expect(toPercent(300, 200)).toBe(100);
    expect(toPercent(5, 0)).toBe(0);
  });
});
