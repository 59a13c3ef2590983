/** Default prices (OpenCost's defaults), USD. Used when neither a price sheet nor the catalog knows a node. */

export interface RateCard {
  usdPerCoreHour: number;
  usdPerGiBHour: number;
  usdPerGpuHour: number;
  usdPerGiBMonthStorage: number;
}

export const HOURS_PER_MONTH = 730;

export const DEFAULT_RATES: RateCard = {
  usdPerCoreHour: 0.031611,
  usdPerGiBHour: 0.004237,
  usdPerGpuHour: 0.95,
  usdPerGiBMonthStorage: 0.04,
};

export const DEFAULT_SPOT_RATES: RateCard = {
  ...DEFAULT_RATES,
  usdPerCoreHour: 0.006655,
  usdPerGiBHour: 0.000892,
};

/** Rounds a USD amount once, at the edge of storage or display: half away from zero. */
export function roundUsd(amount: number, decimals = 6): number {
  const factor = 10 ** decimals;
  return (Math.sign(amount) * Math.round(Math.abs(amount) * factor)) / factor;
}
