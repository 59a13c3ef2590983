import { lookupListPrice, type CapacityType } from './catalog';
import { SPOT_DISCOUNT, type CatalogProvider } from './catalog-data';
import { nodeHourlyPrice, type NodeShape } from './node-price';
import type { PriceSheetEntry } from './price-sheet-csv';
import { DEFAULT_RATES, HOURS_PER_MONTH, type RateCard } from './rates';

/** Where a node-hour's price came from, in the order of precedence (DESIGN.md §2). */
export type NodePriceSource =
  | 'price-sheet'
  | 'price-sheet-spot-discount'
  | 'rate-card'
  | 'catalog'
  | 'catalog-spot-discount'
  | 'default-rates';

/** Everything a node's price can come from, as configured (tally.yaml `pricing`). */
export interface PriceBook {
  sheet: readonly PriceSheetEntry[];
  /** A custom rate card (hourly, see rateCardFromMonthly): prices nodes by their resources. */
  rateCard: RateCard | null;
  /** Off every price, percent (0–100). */
  discountPercent: number;
  /** Spot = on-demand × (1 − discount) per provider. */
  spotDiscounts: Readonly<Record<CatalogProvider, number>>;
}

export const EMPTY_PRICE_BOOK: PriceBook = { sheet: [], rateCard: null, discountPercent: 0, spotDiscounts: SPOT_DISCOUNT };

export interface MonthlyRates {
  cpuCoreMonthUsd?: number;
  ramGiBMonthUsd?: number;
  gpuMonthUsd?: number;
  storageGiBMonthUsd?: number;
}

/**
 * A monthly rate card as hourly rates: each monthly USD value ÷ HOURS_PER_MONTH (730); a value
 * left out keeps OpenCost's default. CPU $20, RAM $4, GPU $500, storage $0.1 per month →
 * $0.027397/vCPU-h, $0.005479/GiB-h, $0.684932/GPU-h, $0.000137/GiB-h of storage.
 */
export function rateCardFromMonthly(monthly: MonthlyRates): RateCard {
  const hourly = (value: number | undefined, fallback: number) => (value === undefined ? fallback : value / HOURS_PER_MONTH);
  return {
    usdPerCoreHour: hourly(monthly.cpuCoreMonthUsd, DEFAULT_RATES.usdPerCoreHour),
    usdPerGiBHour: hourly(monthly.ramGiBMonthUsd, DEFAULT_RATES.usdPerGiBHour),
    usdPerGpuHour: hourly(monthly.gpuMonthUsd, DEFAULT_RATES.usdPerGpuHour),
    usdPerGiBMonthStorage: monthly.storageGiBMonthUsd ?? DEFAULT_RATES.usdPerGiBMonthStorage,
  };
}

const same = (a: string | null, b: string | null) => (a ?? '').toLowerCase() === (b ?? '').toLowerCase();

/** The sheet row for a node at `atMs`: matching rows in effect, most specific (region, capacity type) first, then the latest. */
function sheetEntry(sheet: readonly PriceSheetEntry[], node: NodeShape, atMs: number): PriceSheetEntry | null {
  let best: PriceSheetEntry | null = null;
  let bestScore = -1;
  for (const e of sheet) {
    if (!same(e.provider, node.provider) || !same(e.instanceType, node.instanceType)) continue;
    if (e.region !== null && !same(e.region, node.region)) continue;
    if (e.effectiveFromMs !== null && e.effectiveFromMs > atMs) continue;
    // A spot node may use an on-demand row (less the spot discount); an on-demand node never uses a spot row.
    if (e.capacityType === 'spot' && node.capacityType !== 'spot') continue;
    const score = (e.region !== null ? 4 : 0) + (e.capacityType === node.capacityType ? 2 : e.capacityType === null ? 1 : 0);
    if (score > bestScore || (score === bestScore && (e.effectiveFromMs ?? -Infinity) > (best!.effectiveFromMs ?? -Infinity))) {
      best = e;
      bestScore = score;
    }
  }
  return best;
}

const spotDiscountOf = (book: PriceBook, provider: string | null) =>
  provider && Object.hasOwn(book.spotDiscounts, provider) ? book.spotDiscounts[provider as CatalogProvider] : 0;

/**
 * A node's hourly price at `atMs`, USD, by precedence:
 * 1. the price sheet: the most specific row in effect (effectiveFrom ≤ at); a spot node priced
 *    from an on-demand row pays × (1 − the provider's spot discount);
 * 2. the custom rate card: vCPUs × core rate + GiB × RAM rate + GPUs × GPU rate;
 * 3. the bundled catalog (spot at the provider's discount);
 * 4. the default rates.
 * Then the discount: usdPerHour × (1 − discountPercent / 100), whatever the source.
 */
export function priceNode(book: PriceBook, node: NodeShape, atMs: number): { usdPerHour: number; source: NodePriceSource; note?: string } {
  const keep = 1 - book.discountPercent / 100;
  const entry = sheetEntry(book.sheet, node, atMs);
  if (entry) {
    const spotFromOnDemand = node.capacityType === 'spot' && entry.capacityType !== 'spot' && entry.capacityType !== null;
    const factor = spotFromOnDemand ? 1 - spotDiscountOf(book, node.provider) : 1;
    return { usdPerHour: entry.usdPerHour * factor * keep, source: spotFromOnDemand ? 'price-sheet-spot-discount' : 'price-sheet' };
  }
  if (book.rateCard) {
    const r = book.rateCard;
    return { usdPerHour: (node.cpuCores * r.usdPerCoreHour + node.memoryGiB * r.usdPerGiBHour + node.gpus * r.usdPerGpuHour) * keep, source: 'rate-card' };
  }
  const listed = lookupListPrice(node, book.spotDiscounts);
  if (listed) return { usdPerHour: listed.usdPerHour * keep, source: listed.source, ...(listed.note ? { note: listed.note } : {}) };
  const fallback = nodeHourlyPrice({ ...node, provider: null, instanceType: null });
  return { usdPerHour: fallback.usdPerHour * keep, source: 'default-rates' };
}

export type { CapacityType };
