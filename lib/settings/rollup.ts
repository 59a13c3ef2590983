import type { TallyConfig } from '../config';
import { priceNode } from '../cost/price-book';
import { DEFAULT_RATES, HOURS_PER_MONTH } from '../cost/rates';
import type { RollupOptions } from '../ingest/rollup';
import { currentConfig } from './current';
import { priceBookOf } from './pricing';

/**
 * What the rollup takes from the config in force: team attribution and prices (node prices
 * by the precedence of lib/cost/price-book, split in the rate card's ratio). Storage is
 * USD per GiB-month by class (`pricing.storageClasses`), else the rate card's, else OpenCost's
 * $0.04, ÷ 730 for hourly, less the discount.
 */
export function rollupSettings(config: TallyConfig = currentConfig()): Pick<RollupOptions, 'attribution' | 'storagePrice' | 'priceNode' | 'splitRates'> {
  const { teams, pricing } = config;
  const book = priceBookOf(config);
  const keep = 1 - pricing.discountPercent / 100;
  const fallback = pricing.rates?.storageGiBMonthUsd ?? DEFAULT_RATES.usdPerGiBMonthStorage;
  return {
    attribution: { labelKeys: teams.labelKeys, namespaceTeams: teams.namespaces },
    priceNode: (node, hourStart) => priceNode(book, node, hourStart.getTime()),
    splitRates: book.rateCard ?? DEFAULT_RATES,
    storagePrice: (storageClass) => ((storageClass ? (pricing.storageClasses[storageClass] ?? fallback) : fallback) / HOURS_PER_MONTH) * keep,
  };
}
