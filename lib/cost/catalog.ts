import { CATALOG, SPOT_DISCOUNT, type CatalogEntry } from './catalog-data';

export type CapacityType = 'on-demand' | 'spot';

export interface ListPriceQuery {
  /** `aws` | `gcp` | `azure` | `digitalocean` (from spec.providerID); null when unknown. */
  provider: string | null;
  instanceType: string | null;
  region: string | null;
  capacityType: CapacityType;
}

export interface ListPrice {
  usdPerHour: number;
  source: 'catalog' | 'catalog-spot-discount';
  /** The region the price was taken in (may differ from the node's: see `note`). */
  region: string;
  /** When the price was taken, `YYYY-MM`. */
  takenOn: string;
  /** Set when the price is an approximation, e.g. taken in another region. */
  note?: string;
}

const key = (provider: string, instanceType: string) => `${provider.toLowerCase()}/${instanceType.toLowerCase()}`;

/** Catalog entries by provider/type (case-insensitive), in catalog order: the first is the fallback. */
const byType = new Map<string, CatalogEntry[]>();
for (const entry of CATALOG) {
  const k = key(entry.provider, entry.instanceType);
  byType.set(k, [...(byType.get(k) ?? []), entry]);
}

/**
 * The bundled list price of an instance type, USD/hour.
 * - On-demand: the catalog price, source `catalog`.
 * - Spot: on-demand × (1 − spotDiscounts[provider]), source `catalog-spot-discount`
 *   (e.g. AWS m5.2xlarge $0.384 × (1 − 0.65) = $0.1344).
 * Matching ignores case. When the type is listed but not in the node's region (or the region is
 * unknown), the first listed region's price is used and `note` says so. `spotDiscounts` are
 * fractions (0.65 = 65 % off) by provider; a provider missing from them gets no discount (noted).
 * Returns null when the provider or instance type is missing or not in the catalog.
 */
export function lookupListPrice(query: ListPriceQuery, spotDiscounts: Readonly<Partial<Record<string, number>>> = SPOT_DISCOUNT): ListPrice | null {
  if (!query.provider || !query.instanceType) return null;
  const entries = byType.get(key(query.provider, query.instanceType));
  const first = entries?.[0];
  if (!entries || !first) return null;
  const inRegion = query.region ? entries.find((e) => e.region.toLowerCase() === query.region!.toLowerCase()) : undefined;
  const entry = inRegion ?? first;
  const notes: string[] = [];
  if (!inRegion) {
    notes.push(`no ${query.region ?? 'unknown'} price for ${entry.instanceType}; using ${entry.region}'s`);
  }
  const spot = query.capacityType === 'spot';
  const discount = spot && Object.hasOwn(spotDiscounts, entry.provider) ? (spotDiscounts[entry.provider] ?? 0) : 0;
  if (spot && discount === 0) notes.push(`${entry.provider} has no spot discount; priced on-demand`);
  const price: ListPrice = {
    usdPerHour: entry.usdPerHour * (1 - discount),
    source: spot ? 'catalog-spot-discount' : 'catalog',
    region: entry.region,
    takenOn: entry.takenOn,
  };
  if (notes.length) price.note = notes.join('; ');
  return price;
}
