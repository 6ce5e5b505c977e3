/** A proportion with its Wilson score interval (95% by default): honest for small and extreme counts. */
export interface Proportion {
  /** `successes / n`, or `null` when `n` is 0. */
  value: number | null;
  numerator: number;
  denominator: number;
  /** The interval's bounds in [0, 1]; `null` when `n` is 0. */
  low: number | null;
  high: number | null;
}

/**
 * The Wilson score interval of `successes` out of `n` (z = 1.96 → 95%). Unlike the normal
 * approximation it never leaves [0, 1] and stays wide for small `n`, so a 2-of-2 group does not
 * read as "100%".
 */
export function wilson(successes: number, n: number, z = 1.959963984540054): Proportion {
  if (!(n > 0)) return { value: null, numerator: successes, denominator: n, low: null, high: null };
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return {
    value: p,
    numerator: successes,
    denominator: n,
    low: Math.max(0, centre - half),
    high: Math.min(1, centre + half),
  };
}
