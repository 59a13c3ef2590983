import { readFileSync, statSync } from 'node:fs';
import type { TallyConfig } from '../config';
import { SPOT_DISCOUNT } from '../cost/catalog-data';
import { EMPTY_PRICE_BOOK, type PriceBook } from '../cost/pricing';
import { rateCardFromMonthly } from '../cost/rates';
import { parsePriceSheet, type PriceSheetEntry } from '../cost/price-sheet';

interface CachedSheet {
  path: string;
  stamp: string;
  entries: PriceSheetEntry[];
}

let lastGood: CachedSheet | undefined;
let lastReported = '';

/**
 * The price sheet at `path`, parsed once per change of the file. A broken file throws
 * (PriceSheetError: file:line: problem) unless an earlier version of it parsed: then that
 * version stays in force and `onError` hears about the broken one, once per change.
 */
function readSheet(path: string, onError: (error: Error) => void): PriceSheetEntry[] {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) throw new Error(`price sheet ${path} (pricing.priceSheet) does not exist`);
  const stamp = `${info.mtimeMs}/${info.size}`;
  if (lastGood?.path === path && lastGood.stamp === stamp) return lastGood.entries;
  try {
    const entries = parsePriceSheet(readFileSync(path, 'utf8'), path);
    lastGood = { path, stamp, entries };
    return entries;
  } catch (error) {
    if (lastGood?.path !== path) throw error;
    if (lastReported !== stamp) onError(error instanceof Error ? error : new Error(String(error)));
    lastReported = stamp;
    return lastGood.entries;
  }
}

/** The price book of a config: its price sheet, rate card (monthly ÷ 730), storage prices, discount and spot discounts. */
export function priceBookOf(config: TallyConfig, onError: (error: Error) => void = (e) => console.error(e.message)): PriceBook {
  const { pricing } = config;
  const rates = pricing.rates;
  const hasNodeRates = rates !== undefined && [rates.cpuCoreMonthUsd, rates.ramGiBMonthUsd, rates.gpuMonthUsd].some((v) => v !== undefined);
  return {
    ...EMPTY_PRICE_BOOK,
    sheet: pricing.priceSheet ? readSheet(pricing.priceSheet, onError) : [],
    rateCard: hasNodeRates ? rateCardFromMonthly(rates) : null,
    discountPercent: pricing.discountPercent,
    spotDiscounts: { ...SPOT_DISCOUNT, ...pricing.spotDiscount },
    storageClassPrices: pricing.storageClasses,
    ...(rates?.storageGiBMonthUsd !== undefined ? { defaultStorageGiBMonthUsd: rates.storageGiBMonthUsd } : {}),
  };
}
