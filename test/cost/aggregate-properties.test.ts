import { describe, expect, test } from 'vitest';
import { aggregate, type AggregateOptions, type IdleCost } from '../../lib/cost/aggregate';
import { UNMOUNTED, emptyAllocation, totalCost, type Allocation } from '../../lib/cost/allocation-set';
import { nodeIdle } from '../../lib/cost/idle';
import { splitNodePrice } from '../../lib/cost/node-price';
import { pvcShareCoefficients } from '../../lib/cost/pv-share';
import { intBetween, mulberry32 } from './prng';

const HOUR_MS = 3_600_000;
const TEAMS = ['payments', 'search', 'platform', undefined];
const NAMESPACES = ['shop', 'search', 'kube-system', 'monitoring', 'batch'];

interface RandomCluster {
  allocations: Allocation[];
  idle: IdleCost[];
  /** Σ node price × hours + Σ PVC cost: what the cluster cost in the window. */
  modelledUsd: number;
}

/** A random cluster over a random window: nodes, containers within capacity, PVCs with mounts. */
function randomCluster(random: () => number): RandomCluster {
  const startMs = Date.UTC(2026, 10, 1) + intBetween(random, 0, 500) * HOUR_MS;
  const hours = intBetween(random, 1, 72);
  const endMs = startMs + hours * HOUR_MS;
  const allocations: Allocation[] = [];
  const idle: IdleCost[] = [];
  let modelledUsd = 0;
  for (let n = 0; n < intBetween(random, 1, 6); n++) {
    const node = `node-${n}`;
    const cpuCores = intBetween(random, 2, 32);
    const memoryGiB = intBetween(random, 4, 128);
    const usdPerHour = 0.05 + random() * 2;
    const prices = splitNodePrice(usdPerHour, cpuCores, memoryGiB, 0);
    modelledUsd += usdPerHour * hours;
    let cpuLeft = cpuCores;
    let ramLeft = memoryGiB;
    const onNode: Allocation[] = [];
    for (let i = 0; i < intBetween(random, 0, 8); i++) {
      const cores = cpuLeft * random() * 0.5;
      const gib = ramLeft * random() * 0.5;
      cpuLeft -= cores;
      ramLeft -= gib;
      const namespace = NAMESPACES[intBetween(random, 0, NAMESPACES.length - 1)]!;
      onNode.push({
        ...emptyAllocation(`${node}/${i}`, { cluster: 'c', node, namespace, pod: `p-${n}-${i}`, container: 'app', team: TEAMS[intBetween(random, 0, TEAMS.length - 1)] }, startMs, endMs),
        cpuCoreHours: cores * hours, cpuCoreRequestAverage: cores, cpuCost: cores * hours * prices.usdPerCoreHour,
        ramByteHours: gib * 2 ** 30 * hours, ramByteRequestAverage: gib * 2 ** 30, ramCost: gib * hours * prices.usdPerGiBHour,
      });
    }
    const sum = (key: 'cpuCost' | 'ramCost') => onNode.reduce((s, a) => s + a[key], 0);
    const nodeIdleCost = nodeIdle({ ...prices, cpuCores, memoryGiB, gpus: 0, durationSeconds: hours * 3600 }, { cpuCostUsd: sum('cpuCost'), ramCostUsd: sum('ramCost'), gpuCostUsd: 0 });
    idle.push({ cluster: 'c', node, startMs, endMs, cpuCost: nodeIdleCost.cpuIdleUsd, ramCost: nodeIdleCost.ramIdleUsd, gpuCost: nodeIdleCost.gpuIdleUsd });
    allocations.push(...onNode);
  }
  // PVCs: the cost splits among the pods mounting them, the rest is the namespace's __unmounted__.
  for (let v = 0; v < intBetween(random, 0, 4); v++) {
    const pvcCost = random() * 5;
    modelledUsd += pvcCost;
    const mounting = allocations.filter(() => random() < 0.3);
    const mounts = mounting.map((a) => ({ name: a.name, startMs: startMs + intBetween(random, 0, hours) * HOUR_MS, endMs }));
    for (const [name, coefficient] of pvcShareCoefficients(startMs, endMs, mounts)) {
      const holder = allocations.find((a) => a.name === name);
      if (holder) holder.pvCost += pvcCost * coefficient;
      else allocations.push({ ...emptyAllocation(UNMOUNTED, { cluster: 'c', namespace: 'batch', pod: UNMOUNTED }, startMs, endMs), pvCost: pvcCost * coefficient });
    }
  }
  return { allocations, idle, modelledUsd };
}

describe('teams + idle + shared + unmounted = the cluster’s modelled cost', () => {
  test.each(Array.from({ length: 200 }, (_, i) => i + 1))('random cluster and window, seed %d', (seed) => {
    const random = mulberry32(seed);
    const cluster = randomCluster(random);
    const sharedNamespaces = NAMESPACES.filter(() => random() < 0.3);
    const overheadUsd = random() < 0.5 ? random() * 20 : 0;
    const options: AggregateOptions = {
      by: ['team'],
      idle: random() < 0.5 ? 'share' : 'separate',
      shared: (a) => sharedNamespaces.includes(a.properties.namespace ?? ''),
      shareSplit: random() < 0.5 ? 'even' : 'weighted',
      sharedOverheadUsd: overheadUsd,
    };
    const result = aggregate(cluster.allocations, cluster.idle, options);
    const reported = result.reduce((sum, a) => sum + totalCost(a), 0);
    expect(reported).toBeCloseTo(cluster.modelledUsd + overheadUsd, 6);
    expect(new Set(result.map((a) => a.name)).size).toBe(result.length); // every cost on exactly one line
  });
});
