/**
 * Round tick values from 0 up to a "nice" maximum at or above `max` (steps of 1, 2, 2.5 or 5 × 10^k),
 * about `target` intervals. The last tick is the scale's top: a bar's length is `value / top`.
 *
 * @example
 * niceTicks(870) //=> [0, 250, 500, 750, 1000]
 * niceTicks(0.43) //=> [0, 0.2, 0.4, 0.6]
 */
export function niceTicks(max: number, target = 4): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const raw = max / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const count = Math.ceil(max / step - 1e-9);
  // Multiply rather than accumulate, and round away float noise (0.30000000000000004).
  return Array.from({ length: count + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

/** `value` as a percentage of `top` for a bar or a position, clamped to 0–100. */
export function toPercent(value: number, top: number): number {
  if (!(top > 0)) return 0;
  return Math.min(100, Math.max(0, (value / top) * 100));
}
