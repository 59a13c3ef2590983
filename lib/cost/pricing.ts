import { lookupListPrice } from './catalog';
import { SPOT_DISCOUNT } from './catalog-data';
import type { NodePriceSource, NodeShape, StoragePriceSource } from './node-price';
import type { PriceSheetEntry } from './price-sheet';
import { DEFAULT_RATES, DEFAULT_SPOT_RATES, HOURS_PER_MONTH, rateCardNodePrice, type RateCard } from './rates';

export type { NodePriceSource, PriceSource, StoragePriceSource } from './node-price';

/** Everything a price can come from, as configured (tally.yaml `pricing`). Build it with buildPriceBook to have it checked. */
export interface PriceBook {
  /** The user's price sheet (parsePriceSheet): USD per node-hour by instance type. */
  sheet: readonly PriceSheetEntry[];
  /** A custom rate card (hourly, see rateCardFromMonthly): prices nodes by their resources, and storage. */
  rateCard: RateCard | null;
  /** Off every price, node and storage, percent (0–100). */
  discountPercent: number;
  /** Spot = on-demand × (1 − discount), a fraction (0.65 = 65 % off) per provider; a provider not listed gets none. */
  spotDiscounts: Readonly<Partial<Record<string, number>>>;
  /** USD per GiB-month by storage class name (exact). */
  storageClassPrices?: Readonly<Partial<Record<string, number>>>;
  /** USD per GiB-month for storage of no priced class and no rate card; OpenCost's $0.04 when left out. */
  defaultStorageGiBMonthUsd?: number;
}

export type PriceBookOptions = Partial<PriceBook>;

export const EMPTY_PRICE_BOOK: PriceBook = { sheet: [], rateCard: null, discountPercent: 0, spotDiscounts: SPOT_DISCOUNT };

export interface PricedNode {
  /** USD per node-hour, discount included. */
  usdPerHour: number;
  source: NodePriceSource;
  /** Set when the price is derived or approximate (spot discount, another region) or discounted. */
  note?: string;
}

export interface PricedStorage {
  /** USD per GiB-hour (monthly ÷ HOURS_PER_MONTH), discount included. */
  usdPerGiBHour: number;
  source: StoragePriceSource;
  note?: string;
}

function toMs(at: Date | number, name: string): number {
  const ms = typeof at === 'number' ? at : at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`${name} must be a valid time, got ${String(at)}`);
  return ms;
}

function checkRange(name: string, value: number | undefined, max: number): void {
  if (value !== undefined && !(Number.isFinite(value) && value >= 0 && value <= max)) {
    throw new RangeError(`price book: ${name} must be a number from 0 to ${max}, got ${value}`);
  }
}

/**
 * A checked PriceBook: `options`, with what they leave out (or undefined) as in EMPTY_PRICE_BOOK
 * and spot discounts merged over the bundled ones (SPOT_DISCOUNT). Throws a RangeError for a discount outside 0–100 %, a spot
 * discount outside 0–1, or a negative or non-finite storage or rate-card price.
 */
export function buildPriceBook(options: PriceBookOptions = {}): PriceBook {
  const book: PriceBook = {
    ...options,
    sheet: options.sheet ?? [],
    rateCard: options.rateCard ?? null,
    discountPercent: options.discountPercent ?? 0,
    spotDiscounts: { ...SPOT_DISCOUNT, ...options.spotDiscounts },
  };
  checkRange('discountPercent', book.discountPercent, 100);
  for (const [provider, d] of Object.entries(book.spotDiscounts)) checkRange(`spotDiscounts.${provider}`, d, 1);
  for (const [name, p] of Object.entries(book.storageClassPrices ?? {})) checkRange(`storageClassPrices.${name}`, p, Infinity);
  checkRange('defaultStorageGiBMonthUsd', book.defaultStorageGiBMonthUsd, Infinity);
  for (const [name, r] of Object.entries(book.rateCard ?? {})) checkRange(`rateCard.${name}`, r, Infinity);
  return book;
}

/**
 * The first hour that is not in a closed month: 00:00 UTC on the 1st of `now`'s UTC month,
 * epoch ms. Every hour before it belongs to a closed month. E.g. 2026-11-20T15:00Z → 2026-11-01T00:00Z.
 */
export function firstOpenHour(now: Date): number {
  toMs(now, 'now');
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
}

/**
 * When a sheet row takes effect, given the present (epoch ms): max(entryFromMs, firstOpenHour(now)).
 * The rule: a price change never rewrites a closed month, so a row dated back into a closed
 * month applies from the first open hour on. An undated row (null: always) stays null — it is
 * no change; date a change to keep it out of closed months.
 */
export function effectivePriceDate(entryFromMs: number | null, now: Date): number | null {
  return entryFromMs === null ? null : Math.max(entryFromMs, firstOpenHour(now));
}

const same = (a: string | null, b: string | null) => (a ?? '').toLowerCase() === (b ?? '').toLowerCase();

/** [specificity, effective from (clamped), effective from (as written)]: compared in that order. */
type Rank = [number, number, number];
const outranks = (a: Rank, b: Rank) => {
  const i = a.findIndex((value, k) => value !== b[k]);
  return i >= 0 && a[i]! > b[i]!;
};

/**
 * The sheet row that prices `node` at `at`, or null. A row matches on provider and instance type
 * (any case), its region (or any), and its capacity type: the node's, any, or on-demand for a
 * spot node (then priced less the spot discount). It applies from its effectiveFrom (clamped by
 * effectivePriceDate when `now` is given) on. Among the rows in effect, the most specific wins:
 * a row for the node's region beats one for any region; then the node's capacity type beats any,
 * which beats on-demand-for-spot. Among equally specific rows, the latest effective date wins.
 */
export function sheetEntryFor(sheet: readonly PriceSheetEntry[], node: NodeShape, at: Date | number, now?: Date): PriceSheetEntry | null {
  const atMs = toMs(at, 'at');
  let best: { entry: PriceSheetEntry; rank: Rank } | null = null;
  for (const entry of sheet) {
    if (!same(entry.provider, node.provider) || !same(entry.instanceType, node.instanceType)) continue;
    if (entry.region !== null && !same(entry.region, node.region)) continue;
    const capacity = entry.capacityType === node.capacityType ? 2 : entry.capacityType === null ? 1 : node.capacityType === 'spot' ? 0 : -1;
    if (capacity < 0) continue;
    const from = now === undefined ? entry.effectiveFromMs : effectivePriceDate(entry.effectiveFromMs, now);
    if (from !== null && from > atMs) continue;
    const rank: Rank = [(entry.region === null ? 0 : 4) + capacity, from ?? -Infinity, entry.effectiveFromMs ?? -Infinity];
    if (!best || outranks(rank, best.rank)) best = { entry, rank };
  }
  return best?.entry ?? null;
}

/** usd × (1 − discountPercent / 100), and the note saying so (joined to an earlier note). */
function discounted(book: PriceBook, usd: number, note: string | undefined): { usd: number; note?: string } {
  checkRange('discountPercent', Number(book.discountPercent), 100);
  if (book.discountPercent === 0) return note ? { usd, note } : { usd };
  return { usd: usd * (1 - book.discountPercent / 100), note: [note, `less the ${book.discountPercent}% discount`].filter(Boolean).join('; ') };
}

/**
 * A node's price at `at`, USD per node-hour, by the precedence of DESIGN.md §2:
 * 1. `price-sheet`: sheetEntryFor's row (`now` given: the closed-month clamp) → its usdPerHour;
 *    `price-sheet-spot-discount`: a spot node on an on-demand row → usdPerHour × (1 − spotDiscounts[provider]);
 * 2. `rate-card`: cpuCores·usdPerCoreHour + memoryGiB·usdPerGiBHour + gpus·usdPerGpuHour on the
 *    custom card (spot nodes too: a card has no spot rates);
 * 3. `catalog` / `catalog-spot-discount`: the bundled list price (lookupListPrice), spot less the discount;
 * 4. `default-rates`: the same sum on OpenCost's rates (spot nodes on its spot rates).
 * Then, whatever the source: × (1 − discountPercent / 100), recorded in `note`. Not rounded.
 */
export function priceNode(book: PriceBook, node: NodeShape, at: Date | number, now?: Date): PricedNode {
  const entry = sheetEntryFor(book.sheet, node, at, now);
  let priced: PricedNode;
  if (entry && node.capacityType === 'spot' && entry.capacityType === 'on-demand') {
    const discount = Object.hasOwn(book.spotDiscounts, entry.provider) ? (book.spotDiscounts[entry.provider] ?? 0) : 0;
    const note = discount > 0 ? `spot: sheet line ${entry.line} × (1 − ${discount})` : `${entry.provider} has no spot discount; priced on-demand`;
    priced = { usdPerHour: entry.usdPerHour * (1 - discount), source: 'price-sheet-spot-discount', note };
  } else if (entry) {
    priced = { usdPerHour: entry.usdPerHour, source: 'price-sheet' };
  } else if (book.rateCard) {
    priced = { usdPerHour: rateCardNodePrice(book.rateCard, node.cpuCores, node.memoryGiB, node.gpus), source: 'rate-card' };
  } else {
    const listed = lookupListPrice(node, book.spotDiscounts);
    if (listed) priced = { usdPerHour: listed.usdPerHour, source: listed.source, ...(listed.note ? { note: listed.note } : {}) };
    else {
      const card = node.capacityType === 'spot' ? DEFAULT_SPOT_RATES : DEFAULT_RATES;
      priced = { usdPerHour: rateCardNodePrice(card, node.cpuCores, node.memoryGiB, node.gpus), source: 'default-rates' };
    }
  }
  const { usd, note } = discounted(book, priced.usdPerHour, priced.note);
  return { usdPerHour: usd, source: priced.source, ...(note ? { note } : {}) };
}

/**
 * The price of storage of `storageClass`, USD per GiB-hour = USD per GiB-month ÷ HOURS_PER_MONTH
 * (730) × (1 − discountPercent / 100), the monthly price from, in order: `storage-class` (the
 * class's price in the book), `rate-card` (the custom card's usdPerGiBMonthStorage),
 * `default-rates` (defaultStorageGiBMonthUsd, else OpenCost's $0.04). Storage prices are not
 * dated: `at` is checked only, for symmetry with priceNode. E.g. $0.1/GiB-month → $0.000137/GiB-h.
 */
export function priceStorage(book: PriceBook, storageClass: string | null, at: Date | number): PricedStorage {
  toMs(at, 'at');
  const classes = book.storageClassPrices ?? {};
  const byClass = storageClass && Object.hasOwn(classes, storageClass) ? classes[storageClass] : undefined;
  const [monthly, source]: [number, StoragePriceSource] =
    byClass !== undefined ? [byClass, 'storage-class']
    : book.rateCard ? [book.rateCard.usdPerGiBMonthStorage, 'rate-card']
    : [book.defaultStorageGiBMonthUsd ?? DEFAULT_RATES.usdPerGiBMonthStorage, 'default-rates'];
  const { usd, note } = discounted(book, monthly / HOURS_PER_MONTH, undefined);
  return { usdPerGiBHour: usd, source, ...(note ? { note } : {}) };
}
