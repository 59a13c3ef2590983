import { lookupListPrice, type CapacityType } from './catalog';
import { DEFAULT_RATES, DEFAULT_SPOT_RATES, rateCardNodePrice, type RateCard } from './rates';

/**
 * Where a node-hour's price came from, in the order of precedence (DESIGN.md §2): a price-sheet
 * row; an on-demand sheet row less the provider's spot discount; the custom rate card × the
 * node's resources; the bundled catalog (spot: less the discount); the default rates.
 */
export type NodePriceSource =
  | 'price-sheet'
  | 'price-sheet-spot-discount'
  | 'rate-card'
  | 'catalog'
  | 'catalog-spot-discount'
  | 'default-rates';

/** Where a storage GiB-hour's price came from: the class's price, the custom rate card, the default. */
export type StoragePriceSource = 'storage-class' | 'rate-card' | 'default-rates';

/** Every recorded price source, node or storage. */
export type PriceSource = NodePriceSource | StoragePriceSource;

export interface NodeShape {
  provider: string | null;
  instanceType: string | null;
  region: string | null;
  capacityType: CapacityType;
  cpuCores: number;
  memoryGiB: number;
  gpus: number;
}

export interface NodePrice {
  usdPerHour: number;
  source: NodePriceSource;
  /** Set when the catalog price is an approximation (another region, no spot discount). */
  note?: string;
}

export interface ResourcePrices {
  usdPerCoreHour: number;
  usdPerGiBHour: number;
  usdPerGpuHour: number;
}

function sameRates(a: RateCard, b: RateCard): boolean {
  return a.usdPerCoreHour === b.usdPerCoreHour && a.usdPerGiBHour === b.usdPerGiBHour && a.usdPerGpuHour === b.usdPerGpuHour;
}

/**
 * A node's hourly price, USD/hour.
 * 1. The bundled catalog (lookupListPrice): on-demand list price, spot = list × (1 − discount).
 * 2. Else the rate card × the node's resources:
 *    usdPerHour = cpuCores·usdPerCoreHour + memoryGiB·usdPerGiBHour + gpus·usdPerGpuHour.
 *    Spot nodes use `spotRates`, which default to OpenCost's spot rates when `rates` are the
 *    defaults (CPU $0.006655, RAM $0.000892, GPU unchanged) and to `rates` themselves otherwise
 *    (a custom card without a spot card applies to spot nodes too).
 * A node with no resources and no catalog entry costs 0.
 */
export function nodeHourlyPrice(node: NodeShape, rates: RateCard = DEFAULT_RATES, spotRates?: RateCard): NodePrice {
  const listed = lookupListPrice(node);
  if (listed) {
    const price: NodePrice = { usdPerHour: listed.usdPerHour, source: listed.source };
    if (listed.note) price.note = listed.note;
    return price;
  }
  const spotCard = spotRates ?? (sameRates(rates, DEFAULT_RATES) ? DEFAULT_SPOT_RATES : rates);
  const card = node.capacityType === 'spot' ? spotCard : rates;
  return { usdPerHour: rateCardNodePrice(card, node.cpuCores, node.memoryGiB, node.gpus), source: 'default-rates' };
}

/**
 * Splits a node's hourly price into per-resource prices in the ratio of the rate card
 * (OpenCost's GetNodeCost): r = cpuRate / ramRate (≈7.4607 by default), g = gpuRate / ramRate,
 *   usdPerGiBHour  = usdPerHour / (cpuCores·r + memoryGiB + gpus·g)
 *   usdPerCoreHour = usdPerGiBHour · r
 *   usdPerGpuHour  = usdPerGiBHour · g
 * so cpuCores·usdPerCoreHour + memoryGiB·usdPerGiBHour + gpus·usdPerGpuHour = usdPerHour.
 * Example: 4 vCPU, 16 GiB, $0.20/h → $0.0325491/vCPU-h and $0.0043627/GiB-h.
 * Edge cases: a node with no CPU, RAM or GPU (divisor 0) gets zero prices (its price is lost:
 * nothing could be allocated on it anyway); a zero RAM rate in the card throws a RangeError.
 */
export function splitNodePrice(usdPerHour: number, cpuCores: number, memoryGiB: number, gpus: number, rates: RateCard = DEFAULT_RATES): ResourcePrices {
  if (!(rates.usdPerGiBHour > 0)) throw new RangeError(`splitNodePrice: the RAM rate must be > 0, got ${rates.usdPerGiBHour}`);
  const r = rates.usdPerCoreHour / rates.usdPerGiBHour;
  const g = rates.usdPerGpuHour / rates.usdPerGiBHour;
  const divisor = cpuCores * r + memoryGiB + gpus * g;
  const usdPerGiBHour = divisor > 0 ? usdPerHour / divisor : 0;
  return { usdPerCoreHour: usdPerGiBHour * r, usdPerGiBHour, usdPerGpuHour: usdPerGiBHour * g };
}
