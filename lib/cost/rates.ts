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

/** A custom rate card as users write it: USD per month per unit (tally.yaml `pricing.rates`). */
export interface MonthlyRates {
  /** USD per vCPU-month. */
  cpuCoreMonthUsd?: number;
  /** USD per GiB-month of RAM. */
  ramGiBMonthUsd?: number;
  /** USD per GPU-month. */
  gpuMonthUsd?: number;
  /** USD per GiB-month of storage (kept monthly in the card: usdPerGiBMonthStorage). */
  storageGiBMonthUsd?: number;
}

/**
 * A monthly rate card as an hourly RateCard: usdPerXHour = monthly USD ÷ HOURS_PER_MONTH (730);
 * storage stays USD/GiB-month (hourly = ÷ 730 where it is used). A value left out keeps
 * OpenCost's default. Reference (OpenCost cluster_helpers_test.go): CPU $20, RAM $4, GPU $500,
 * storage $0.1 per month → $0.027397/vCPU-h, $0.005479/GiB-h, $0.684932/GPU-h,
 * $0.000137/GiB-h of storage. A negative or non-finite value throws a RangeError.
 */
export function rateCardFromMonthly(monthly: MonthlyRates): RateCard {
  const check = (name: keyof MonthlyRates): number | undefined => {
    const value = monthly[name];
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) throw new RangeError(`rate card: ${name} must be a number ≥ 0, got ${value}`);
    return value;
  };
  const hourly = (name: keyof MonthlyRates, fallback: number) => {
    const value = check(name);
    return value === undefined ? fallback : value / HOURS_PER_MONTH;
  };
  return {
    usdPerCoreHour: hourly('cpuCoreMonthUsd', DEFAULT_RATES.usdPerCoreHour),
    usdPerGiBHour: hourly('ramGiBMonthUsd', DEFAULT_RATES.usdPerGiBHour),
    usdPerGpuHour: hourly('gpuMonthUsd', DEFAULT_RATES.usdPerGpuHour),
    usdPerGiBMonthStorage: check('storageGiBMonthUsd') ?? DEFAULT_RATES.usdPerGiBMonthStorage,
  };
}

/**
 * The hourly price of a node on a rate card, USD/hour:
 * cpuCores·usdPerCoreHour + memoryGiB·usdPerGiBHour + gpus·usdPerGpuHour.
 */
export function rateCardNodePrice(card: RateCard, cpuCores: number, memoryGiB: number, gpus: number): number {
  return cpuCores * card.usdPerCoreHour + memoryGiB * card.usdPerGiBHour + gpus * card.usdPerGpuHour;
}
