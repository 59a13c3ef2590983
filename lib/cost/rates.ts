/** Default prices (OpenCost's defaults), USD. Used when neither a price sheet nor the catalog knows a node. */

/** A price per unit of each resource, USD. Storage is per GiB-month (÷ HOURS_PER_MONTH for hourly). */
export interface RateCard {
  usdPerCoreHour: number;
  usdPerGiBHour: number;
  usdPerGpuHour: number;
  usdPerGiBMonthStorage: number;
}

/** Hours in a billing month, as the clouds and OpenCost count them (365 × 24 ÷ 12). */
export const HOURS_PER_MONTH = 730;

/** On-demand: $0.031611/vCPU-h, $0.004237/GiB-h, $0.95/GPU-h, storage $0.04/GiB-month. */
export const DEFAULT_RATES: Readonly<RateCard> = {
  usdPerCoreHour: 0.031611,
  usdPerGiBHour: 0.004237,
  usdPerGpuHour: 0.95,
  usdPerGiBMonthStorage: 0.04,
};

/** Spot: $0.006655/vCPU-h, $0.000892/GiB-h; GPU and storage as on-demand. */
export const DEFAULT_SPOT_RATES: Readonly<RateCard> = {
  ...DEFAULT_RATES,
  usdPerCoreHour: 0.006655,
  usdPerGiBHour: 0.000892,
};

/**
 * Rounds a USD amount once, at the edge of storage or display: half away from zero, to
 * `decimals` places (default 6, i.e. micro-dollars). Never round intermediate values.
 * A relative nudge of one ulp-ish (Number.EPSILON) makes binary near-halves round as written:
 * roundUsd(1.005, 2) = 1.01, roundUsd(-0.0000005) = -0.000001. Never returns -0; non-finite
 * values are returned unchanged.
 */
export function roundUsd(amount: number, decimals = 6): number {
  if (!Number.isFinite(amount)) return amount;
  const factor = 10 ** decimals;
  const rounded = Math.round(Math.abs(amount) * factor * (1 + Number.EPSILON)) / factor;
  return amount < 0 && rounded !== 0 ? -rounded : rounded;
}
