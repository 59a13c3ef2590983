/** EKS managed node groups of the generated cluster and the nodes in them. */
import { HOUR_MS, MINUTE_MS, ORG_CREATED_MS } from './calendar';
import type { PoolName } from './catalog';
import { hash32, hexId, uidFor } from './random';

export interface PoolDef {
  name: PoolName;
  instanceType: string;
  capacityType: 'ON_DEMAND' | 'SPOT';
  /** Share of the nodes when the cluster is scaled. */
  weight: number;
  cpuCapacity: string;
  memoryCapacityKi: number;
  cpuAllocatableMillicores: number;
  /** EKS reserves 11 MiB per max pod + 255 MiB for the kubelet, plus a 100 MiB eviction threshold. */
  memoryAllocatableKi: number;
  maxPods: number;
  gpus: number;
  accelerator?: string;
}

function reservedKi(maxPods: number): number {
  return (11 * maxPods + 255 + 100) * 1024;
}

function pool(name: PoolName, instanceType: string, capacityType: PoolDef['capacityType'], weight: number, cpus: number, memoryCapacityKi: number, maxPods: number, gpus = 0, accelerator?: string): PoolDef {
  const cpuAllocatableMillicores = cpus * 1000 - (cpus <= 4 ? 80 : 90);
  const memoryAllocatableKi = memoryCapacityKi - reservedKi(maxPods);
  return { name, instanceType, capacityType, weight, cpuCapacity: String(cpus), memoryCapacityKi, cpuAllocatableMillicores, memoryAllocatableKi, maxPods, gpus, accelerator };
}

export const POOLS: readonly PoolDef[] = [
  pool('general-purpose', 'm6i.xlarge', 'ON_DEMAND', 0.4, 4, 16071980, 58),
  pool('spot', 'm5.2xlarge', 'SPOT', 0.28, 8, 32386120, 58),
  pool('memory-optimized', 'r6i.2xlarge', 'ON_DEMAND', 0.2, 8, 65021644, 58),
  pool('gpu', 'g4dn.xlarge', 'ON_DEMAND', 0.12, 4, 15896988, 29, 1, 'nvidia-tesla-t4'),
];

export const REGION = 'us-east-1';
export const ZONES = [
  { zone: 'us-east-1a', zoneId: 'use1-az1', subnet: 0 },
  { zone: 'us-east-1b', zoneId: 'use1-az2', subnet: 32 },
  { zone: 'us-east-1c', zoneId: 'use1-az4', subnet: 64 },
] as const;

export interface NodePlan {
  name: string;
  uid: string;
  pool: PoolDef;
  zone: string;
  zoneId: string;
  internalIp: string;
  instanceId: string;
  createdMs: number;
  /** Ready since (default 40 s after creation); a node the autoscaler adds reports NotReady until then. */
  readyMs?: number;
  cpuAllocatableMillicores: number;
  memoryAllocatableBytes: number;
}

/**
 * Node counts per pool for a cluster of `total` nodes: pool weight × total rounded down, at
 * least one node per pool once every pool can have one, the rest by largest remainder.
 */
export function nodesPerPool(total: number): number[] {
  const minimum = total >= POOLS.length ? 1 : 0;
  const exact = POOLS.map((p) => p.weight * total);
  const counts = exact.map((x) => Math.max(minimum, Math.floor(x)));
  const order = exact.map((x, i) => ({ i, frac: x >= minimum ? x - Math.floor(x) : -1 })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  let left = total - counts.reduce((a, b) => a + b, 0);
  for (let k = 0; left > 0; k = (k + 1) % order.length) {
    const i = order[k]?.i ?? 0;
    counts[i] = (counts[i] ?? 0) + 1;
    left -= 1;
  }
  for (let i = 0; left < 0; i = (i + 1) % counts.length) {
    if ((counts[i] ?? 0) > minimum) {
      counts[i] = (counts[i] ?? 0) - 1;
      left += 1;
    }
  }
  return counts;
}

/** The cluster's nodes: pools filled in order, zones round-robin, names from unique VPC IPs (`ip-10-0-…ec2.internal`). */
export function planNodes(seed: number, total: number): NodePlan[] {
  const counts = nodesPerPool(total);
  const usedIps = new Set<string>();
  const nodes: NodePlan[] = [];
  POOLS.forEach((poolDef, poolIndex) => {
    for (let i = 0; i < (counts[poolIndex] ?? 0); i++) {
      const zone = ZONES[i % ZONES.length] ?? ZONES[0];
      let attempt = 0;
      let ip: string;
      do {
        const h = hash32(seed, poolDef.name, i, attempt++);
        ip = `10.0.${zone.subnet + (h % 32)}.${1 + ((h >>> 8) % 254)}`;
      } while (usedIps.has(ip));
      usedIps.add(ip);
      const name = `ip-${ip.replaceAll('.', '-')}.ec2.internal`;
      nodes.push({
        name,
        uid: uidFor(seed, 'node', name),
        pool: poolDef,
        zone: zone.zone,
        zoneId: zone.zoneId,
        internalIp: ip,
        instanceId: `i-0${hexId(16, seed, 'instance', name)}`,
        createdMs: ORG_CREATED_MS - HOUR_MS + (hash32(seed, 'node-created', name) % 50) * MINUTE_MS,
        cpuAllocatableMillicores: poolDef.cpuAllocatableMillicores,
        memoryAllocatableBytes: poolDef.memoryAllocatableKi * 1024,
      });
    }
  });
  return nodes;
}
