import { UNMOUNTED } from '../cost/allocation-set';
import { allocateClaimHour } from '../cost/pv-share';
import { DEFAULT_RATES, HOURS_PER_MONTH } from '../cost/rates';
import type { ContainerHourRow } from './rollup-columns';
import type { ClaimRow } from './rollup-read';

/** Whose a cost is: the team and whether it is shared, from a pod's namespace and labels. */
export type Attribute = (namespace: string, podLabels: Record<string, string>) => { team: string; shared: boolean | null };

/** USD per GiB-hour of a storage class (null: no class). */
export type StoragePrice = (storageClass: string | null) => number;

/** The default: OpenCost's $0.04 per GiB-month for every class. */
export const DEFAULT_STORAGE_PRICE: StoragePrice = () => DEFAULT_RATES.usdPerGiBMonthStorage / HOURS_PER_MONTH;

/**
 * Adds one hour's volume cost to the container rows: each PVC's cost is split among the pods
 * mounting it over the hour (allocateClaimHour), a pod's share in equal parts over its
 * containers. Time no pod mounted a claim (or mounted by a pod with no container running this
 * hour) goes to one `__unmounted__` row per namespace, attributed like the namespace.
 * Returns those unmounted rows; the container rows are updated in place.
 */
export function addVolumeCosts(
  containers: ContainerHourRow[],
  claims: ClaimRow[],
  seconds: (at: Date) => number,
  attribute: Attribute,
  hourStart: Date,
  storagePrice: StoragePrice,
): ContainerHourRow[] {
  const byPod = new Map<string, ContainerHourRow[]>();
  for (const c of containers) byPod.set(c.podUid, [...(byPod.get(c.podUid) ?? []), c]);
  const byClaim = new Map<string, ClaimRow[]>();
  for (const row of claims) byClaim.set(`${row.namespace}/${row.name}`, [...(byClaim.get(`${row.namespace}/${row.name}`) ?? []), row]);
  const unmounted = new Map<string, ContainerHourRow>();
  for (const rows of byClaim.values()) {
    const first = rows[0]!;
    const samples = rows.map((r) => ({ durationSeconds: seconds(r.sampled_at), bytes: Number(r.bytes), podUids: r.pod_uids ?? [] }));
    for (const [holder, share] of allocateClaimHour(samples, storagePrice(rows.at(-1)!.storage_class))) {
      const targets = holder === UNMOUNTED ? undefined : byPod.get(holder);
      if (!targets) {
        const row = unmounted.get(first.namespace) ?? unmountedRow(first.namespace, hourStart, attribute);
        row.pvByteHours += share.byteHours;
        row.pvCostUsd += share.costUsd;
        row.totalCostUsd += share.costUsd;
        unmounted.set(first.namespace, row);
        continue;
      }
      for (const c of targets) {
        c.pvByteHours += share.byteHours / targets.length;
        c.pvCostUsd += share.costUsd / targets.length;
        c.totalCostUsd += share.costUsd / targets.length;
      }
    }
  }
  return [...unmounted.values()];
}

function unmountedRow(namespace: string, hourStart: Date, attribute: Attribute): ContainerHourRow {
  return {
    hourStart, podUid: `${UNMOUNTED}/${namespace}`, container: UNMOUNTED, namespace, pod: UNMOUNTED, nodeName: '', nodeUid: null, nodeUnsampled: false,
    controllerKind: 'PersistentVolumeClaim', controllerName: UNMOUNTED,
    ...attribute(namespace, {}),
    runningSeconds: 0, cpuRequestAvgMillicores: null, cpuUsageAvgMillicores: null, cpuUsageMaxMillicores: null, cpuAllocatedAvgMillicores: 0,
    memoryRequestAvgBytes: null, memoryUsageAvgBytes: null, memoryUsageMaxBytes: null, memoryAllocatedAvgBytes: 0,
    cpuCoreHours: 0, ramByteHours: 0, gpuHours: 0, cpuCostUsd: 0, ramCostUsd: 0, gpuCostUsd: 0, totalCostUsd: 0,
    pvByteHours: 0, pvCostUsd: 0, idleShare: { cpuCostUsd: 0, ramCostUsd: 0, gpuCostUsd: 0 },
  };
}
