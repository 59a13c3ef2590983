import type { Database } from '../db/client';
import { DEFAULT_RATES, firstOpenHour, nodeHourlyPrice } from '../cost';
import type { NodeShape } from '../cost/node-price';
import type { RateCard } from '../cost/rates';
import { attributeTeam, DEFAULT_ATTRIBUTION, isSharedCost, NO_SHARING, type AttributionConfig, type SharingConfig } from '../cost/attribution';
import { DEFAULT_STORAGE_PRICE, type StoragePrice } from './rollup-volumes';
import { rollupHour, type HourSettings } from './rollup-hour';
import { rollupDay } from './rollup-days';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export interface RollupOptions {
  from: Date;
  to: Date;
  /** One cluster by name; all clusters when omitted. */
  cluster?: string;
  attribution?: AttributionConfig;
  /** USD per GiB-hour of each storage class; OpenCost's $0.04/GiB-month by default. */
  storagePrice?: StoragePrice;
  /** The present, for the closed-month rule (default: the clock). */
  now?: Date;
  /** A node's hourly price at an hour (price sheet, rate card, catalog, defaults); the bundled catalog by default. */
  priceNode?: (node: NodeShape, hourStart: Date) => { usdPerHour: number; source: string };
  /** The rates whose ratio splits a node's price into CPU, RAM and GPU prices (OpenCost's defaults). */
  splitRates?: RateCard;
  /** Shared costs (tally.yaml `shared`), flagged on each container-hour; nothing shared by default. */
  sharing?: SharingConfig;
  /** Re-price hours of closed months with today's prices (`tally rollup --reprice`); else they keep theirs. */
  reprice?: boolean;
  /** Re-attribute hours of closed months (teams, sharing) with today's labels and config (`tally rollup --reattribute`). */
  reattribute?: boolean;
}

export interface RollupResult {
  /** Hourly and daily rows written. */
  rows: number;
  /** Hours whose stored rows were kept as they were: their raw samples are gone, in whole or in part. */
  keptHours: number;
  /** Container-hours (of the hours rolled up) whose node had no sample: priced at the default rates, flagged node_unsampled. */
  unsampledNodeContainerHours: number;
}

/** rollupRangeReport's rows written: hourly and daily. */
export async function rollupRange(db: Database, options: RollupOptions): Promise<number> {
  return (await rollupRangeReport(db, options)).rows;
}

/**
 * (Re)computes the hourly rows of every UTC hour overlapping [from, to), then the daily rows
 * of the days they touch: idempotent, each hour and day replaced in one transaction, so
 * re-running a past range gives identical rows. An hour whose raw samples were pruned keeps
 * its rows as they are (so do the days, summed from the hours). Hours of a closed month keep
 * the prices, teams and sharing they were rolled up with unless `reprice` / `reattribute`.
 */
export async function rollupRangeReport(db: Database, options: RollupOptions): Promise<RollupResult> {
  const clusters = await db.prisma.cluster.findMany({ where: options.cluster ? { name: options.cluster } : {}, select: { id: true } });
  const result: RollupResult = { rows: 0, keptHours: 0, unsampledNodeContainerHours: 0 };
  const first = Math.floor(options.from.getTime() / HOUR_MS) * HOUR_MS;
  const now = options.now ?? new Date();
  const openFrom = firstOpenHour(now);
  const attribution = options.attribution ?? DEFAULT_ATTRIBUTION;
  const sharing = options.sharing ?? NO_SHARING;
  const settings: Omit<HourSettings, 'closedMonth'> = {
    priceNode: options.priceNode ?? ((node) => nodeHourlyPrice(node)),
    splitRates: options.splitRates ?? DEFAULT_RATES,
    storagePrice: options.storagePrice ?? DEFAULT_STORAGE_PRICE,
    attribute: (namespaceLabels) => (namespace, podLabels) => ({
      team: attributeTeam(podLabels, namespace, namespaceLabels.get(namespace) ?? {}, attribution).team,
      shared: isSharedCost(namespace, podLabels, sharing),
    }),
    reprice: options.reprice ?? false,
    reattribute: options.reattribute ?? false,
  };
  for (const { id } of clusters) {
    const days = new Set<number>();
    for (let hour = first; hour < options.to.getTime(); hour += HOUR_MS) {
      const done = await db.transaction((s) => rollupHour(s, id, new Date(hour), { ...settings, closedMonth: hour < openFrom }));
      result.rows += done.rows;
      result.keptHours += done.kept ? 1 : 0;
      result.unsampledNodeContainerHours += done.unsampledNode;
      days.add(Math.floor(hour / DAY_MS) * DAY_MS);
    }
    for (const day of days) result.rows += await db.transaction((s) => rollupDay(s, id, new Date(day)));
  }
  return result;
}

