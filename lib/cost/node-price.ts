import { CATALOG, CATALOG_TAKEN_ON, SPOT_DISCOUNT, type CatalogEntry } from './catalog-data';
import { DEFAULT_RATES, DEFAULT_SPOT_RATES, type RateCard } from './rates';

export type PriceSource = 'catalog' | 'catalog-spot-discount' | 'default-rates';

export interface NodeShape {
  provider: string | null;
  instanceType: string | null;
  region: string | null;
  capacityType: 'on-demand' | 'spot';
  cpuCores: number;
  memoryGiB: number;
  gpus: number;
}

const byType = new Map<string, CatalogEntry>(CATALOG.map((e) => [`${e.provider}/${e.instanceType}`, e]));

/**
 * The catalog's list price for a node: on-demand as listed; spot = on-demand × (1 − the
 * provider's spot discount). Null when the provider or type is not in the catalog.
 */
export function lookupListPrice(node: Pick<NodeShape, 'provider' | 'instanceType' | 'capacityType'>) {
  const entry = node.provider && node.instanceType ? byType.get(`${node.provider}/${node.instanceType}`) : undefined;
  if (!entry) return null;
  const spot = node.capacityType === 'spot';
  return {
    usdPerHour: spot ? entry.usdPerHour * (1 - SPOT_DISCOUNT[entry.provider]) : entry.usdPerHour,
    source: (spot ? 'catalog-spot-discount' : 'catalog') as PriceSource,
    region: entry.region,
    takenOn: CATALOG_TAKEN_ON,
  };
}

/**
 * A node's hourly price: the bundled catalog first; else the default rates times its
 * resources (cores × cpu rate + GiB × ram rate + GPUs × gpu rate, spot rates for spot nodes).
 */
export function nodeHourlyPrice(node: NodeShape, rates: RateCard = DEFAULT_RATES): { usdPerHour: number; source: PriceSource } {
  const listed = lookupListPrice(node);
  if (listed) return { usdPerHour: listed.usdPerHour, source: listed.source };
  const card = node.capacityType === 'spot' && rates === DEFAULT_RATES ? DEFAULT_SPOT_RATES : rates;
  return {
    usdPerHour: node.cpuCores * card.usdPerCoreHour + node.memoryGiB * card.usdPerGiBHour + node.gpus * card.usdPerGpuHour,
    source: 'default-rates',
  };
}

export interface ResourcePrices {
  usdPerCoreHour: number;
  usdPerGiBHour: number;
  usdPerGpuHour: number;
}

/**
 * Splits a node's hourly price into per-resource prices in the ratio of the default rates
 * (OpenCost's GetNodeCost): r = cpuRate / ramRate, g = gpuRate / ramRate,
 * usdPerGiBHour = usdPerHour / (cores·r + GiB + gpus·g), usdPerCoreHour = usdPerGiBHour·r,
 * usdPerGpuHour = usdPerGiBHour·g. Example: 4 cores, 16 GiB, $0.20/h → $0.0325491/core-h,
 * $0.0043627/GiB-h. A node with no resources gets zero prices.
 */
export function splitNodePrice(usdPerHour: number, cpuCores: number, memoryGiB: number, gpus: number, rates: RateCard = DEFAULT_RATES): ResourcePrices {
  const r = rates.usdPerCoreHour / rates.usdPerGiBHour;
  const g = rates.usdPerGpuHour / rates.usdPerGiBHour;
  const divisor = cpuCores * r + memoryGiB + gpus * g;
  const usdPerGiBHour = divisor > 0 ? usdPerHour / divisor : 0;
  return { usdPerCoreHour: usdPerGiBHour * r, usdPerGiBHour, usdPerGpuHour: usdPerGiBHour * g };
}
