/** tally.yaml `pricing.exchangeRates`: month (`YYYY-MM`) or `default` → units of the configured currency per 1 USD. */
export type ExchangeRates = Readonly<Record<string, number>>;

/** The rate a month's USD amounts are converted at, and where it came from. */
export interface ExchangeRate {
  /** ISO 4217 code amounts are shown in. */
  currency: string;
  /** Units of `currency` per 1 USD (1 for USD). */
  rate: number;
  /** The rates' entry used: the month itself, `default`, or `USD` (no conversion). */
  source: string;
}

/**
 * The rate for `month` (`YYYY-MM`): USD → 1; else the month's own entry, else `default`; null
 * when neither exists (the config schema refuses a currency without rates, so this is a bug).
 * amount in currency = amount USD × rate.
 */
export function exchangeRateFor(currency: string, rates: ExchangeRates, month: string): ExchangeRate | null {
  if (currency === 'USD') return { currency, rate: 1, source: 'USD' };
  const own = rates[month];
  if (own !== undefined) return { currency, rate: own, source: month };
  const fallback = rates.default;
  return fallback === undefined ? null : { currency, rate: fallback, source: 'default' };
}
