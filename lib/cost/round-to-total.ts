/**
 * Rounds each amount to the cent so the rounded parts add up to the rounded total, USD: every
 * part rounded half away from zero, then the difference (in whole cents) between round(Σ parts)
 * and Σ rounded parts added to the largest part (by absolute value; the first of equals). Parts
 * that add up to `totalUsd` keep Σ = round(totalUsd) exactly, in cents.
 */
export function roundToTotal(partsUsd: readonly number[], totalUsd: number = partsUsd.reduce((s, p) => s + p, 0)): number[] {
  const cents = partsUsd.map(toCents);
  if (cents.length === 0) return [];
  const remainder = toCents(totalUsd) - cents.reduce((s, c) => s + c, 0);
  let largest = 0;
  partsUsd.forEach((p, i) => {
    if (Math.abs(p) > Math.abs(partsUsd[largest]!)) largest = i;
  });
  cents[largest]! += remainder;
  return cents.map((c) => c / 100);
}

/** Whole cents, half away from zero, with a guard for binary fractions just under a half (1.005 → 101). */
function toCents(usd: number): number {
  const scaled = Math.abs(usd) * 100;
  return Math.sign(usd) * Math.round(scaled + 1e-9 * Math.max(1, scaled));
}
