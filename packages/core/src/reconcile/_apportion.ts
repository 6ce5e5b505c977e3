/**
 * Splits a whole number over weights ≥ 0 by largest remainder (Hamilton's method): each share gets the
 * floor of its quota `total × w / Σw`, and the units left go to the largest fractional parts, ties to
 * the earlier position. The shares are integers that add up to `total` exactly, and a zero weight
 * never gets a unit. Needs a positive weight when `total` is not 0.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + (Math.max(w, 0) || 0), 0);
  if (total === 0) return weights.map(() => 0);
  if (!(sum > 0) || !Number.isFinite(sum))
    throw new Error(`[accord] apportion: cannot split ${total} over weights that are not positive`);
  const floors: number[] = [];
  const order: { i: number; frac: number }[] = [];
  let given = 0;
  weights.forEach((w, i) => {
    const quota = w > 0 ? (total * w) / sum : 0;
    const floor = Math.floor(quota);
    floors.push(floor);
    given += floor;
    if (w > 0) order.push({ i, frac: quota - floor });
  });
  order.sort((a, b) => b.frac - a.frac || a.i - b.i);
  let left = total - given;
  for (let k = 0; left > 0 && order.length > 0; k = (k + 1) % order.length, left--) {
    const at = (order[k] as { i: number }).i;
    floors[at] = (floors[at] as number) + 1;
  }
  // Float rounding can overshoot by a unit: take it back from the smallest fractional parts.
  for (let k = order.length - 1; left < 0 && k >= 0; k--, left++) {
    const at = (order[k] as { i: number }).i;
    if ((floors[at] as number) > 0) floors[at] = (floors[at] as number) - 1;
    else left--;
  }
  return floors;
}
