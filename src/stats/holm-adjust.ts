/**
 * Holm's (1979) step-down adjusted p-values, returned in the input order. With the m p-values sorted
 * ascending, p_(1) <= … <= p_(m), the adjusted p_(i) = max_{j <= i} min(1, (m − j + 1) p_(j)): monotone
 * in the sorted order, capped at 1, and rejecting where adjusted p <= α controls the family-wise error
 * rate at α under any dependence. Ties get equal adjusted values. Throws a RangeError on a value
 * outside [0, 1] (NaN included). An empty list gives an empty list.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  for (let i = 0; i < m; i++) {
    const p = pValues[i] as number;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`pValues[${i}] = ${p} is not in [0, 1]`);
  }
  const order = pValues.map((_, i) => i).sort((x, y) => (pValues[x] as number) - (pValues[y] as number));
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach((index, j) => {
    running = Math.max(running, Math.min(1, (m - j) * (pValues[index] as number)));
    adjusted[index] = running;
  });
  return adjusted;
}
