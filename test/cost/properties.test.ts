import { describe, expect, test } from 'vitest';
import {
  allocateContainerHour, BYTES_PER_GIB, CATALOG, nodeHourlyPrice, nodeIdle, sampleDurations, splitNodePrice,
  type ContainerSample, type NodeShape,
} from '../../lib/cost';
import { intBetween, mulberry32 } from './prng';

const HOUR = Date.UTC(2026, 10, 25, 10);
const HOUR_MS = 3_600_000;
const cents = (usd: number) => Math.round(usd * 100);

/** A random node: a catalog type half of the time, else priced from the default rates. */
function randomNode(random: () => number): NodeShape {
  const listed = random() < 0.5 ? CATALOG[intBetween(random, 0, CATALOG.length - 1)] : undefined;
  return {
    provider: listed?.provider ?? null,
    instanceType: listed?.instanceType ?? null,
    region: listed?.region ?? null,
    capacityType: random() < 0.3 ? 'spot' : 'on-demand',
    cpuCores: intBetween(random, 2, 64),
    memoryGiB: intBetween(random, 4, 256),
    gpus: random() < 0.25 ? intBetween(random, 1, 8) : 0,
  };
}

/** The hour's scrape durations: live (60 s) or replayed (10 min), with the next scrape after the hour. */
function hourDurations(random: () => number): number[] {
  const stepMs = random() < 0.5 ? 60_000 : 600_000;
  const offsetMs = intBetween(random, 0, stepMs - 1);
  const times = Array.from({ length: HOUR_MS / stepMs + 4 }, (_, i) => HOUR - 3 * stepMs + offsetMs + i * stepMs);
  return sampleDurations(times, HOUR, HOUR + HOUR_MS, 3 * stepMs);
}

/**
 * Containers that together never hold more than the node at any sample: each gets a budget
 * from what is left and keeps request and usage within it (either may be missing).
 */
function randomContainers(random: () => number, node: NodeShape, durations: number[]): ContainerSample[][] {
  let cpuLeft = node.cpuCores * 1000;
  let ramLeft = node.memoryGiB * BYTES_PER_GIB;
  let gpusLeft = node.gpus;
  const containers: ContainerSample[][] = [];
  for (let c = intBetween(random, 1, 40); c > 0; c--) {
    const cpuBudget = Math.floor(cpuLeft * random() * 0.3);
    const ramBudget = Math.floor(ramLeft * random() * 0.3);
    const gpus = gpusLeft > 0 && random() < 0.3 ? intBetween(random, 1, gpusLeft) : 0;
    cpuLeft -= cpuBudget;
    ramLeft -= ramBudget;
    gpusLeft -= gpus;
    const first = intBetween(random, 0, durations.length - 1);
    const last = intBetween(random, first, durations.length - 1);
    const maybe = (budget: number) => (random() < 0.15 ? null : Math.floor(budget * random()));
    containers.push(
      durations.slice(first, last + 1).map((durationSeconds) => ({
        durationSeconds,
        cpuRequestMillicores: maybe(cpuBudget),
        cpuUsageMillicores: maybe(cpuBudget),
        memoryRequestBytes: maybe(ramBudget),
        memoryUsageBytes: maybe(ramBudget),
        gpuRequest: gpus,
      })),
    );
  }
  return containers;
}

/** A container using more than the whole node (1–2×) of each resource it picks, all hour. */
function hog(random: () => number, node: NodeShape, durations: number[]): { samples: ContainerSample[]; picks: { cpu: boolean; ram: boolean; gpu: boolean } } {
  const picks = { cpu: random() < 0.6, ram: random() < 0.6, gpu: random() < 0.6 };
  const factor = 1.01 + random();
  const samples = durations.map((durationSeconds) => ({
    durationSeconds,
    cpuRequestMillicores: 0,
    cpuUsageMillicores: picks.cpu ? Math.ceil(node.cpuCores * 1000 * factor) : 0,
    memoryRequestBytes: 0,
    memoryUsageBytes: picks.ram ? Math.ceil(node.memoryGiB * BYTES_PER_GIB * factor) : 0,
    gpuRequest: picks.gpu ? node.gpus + 1 : 0,
  }));
  return { samples, picks };
}

function runNodeHour(seed: number, overAllocate: boolean) {
  const random = mulberry32(seed);
  const node = randomNode(random);
  const price = nodeHourlyPrice(node);
  const prices = splitNodePrice(price.usdPerHour, node.cpuCores, node.memoryGiB, node.gpus);
  const durations = hourDurations(random);
  const containers = randomContainers(random, node, durations);
  const over = overAllocate ? hog(random, node, durations) : undefined;
  if (over) containers.push(over.samples);
  const allocations = containers.map((samples) => allocateContainerHour(samples, prices));
  const allocatedCost = {
    cpuCostUsd: allocations.reduce((s, a) => s + a.cpuCostUsd, 0),
    ramCostUsd: allocations.reduce((s, a) => s + a.ramCostUsd, 0),
    gpuCostUsd: allocations.reduce((s, a) => s + a.gpuCostUsd, 0),
  };
  const idle = nodeIdle({ ...prices, cpuCores: node.cpuCores, memoryGiB: node.memoryGiB, gpus: node.gpus, durationSeconds: 3600 }, allocatedCost);
  const nodeUsd = { cpu: prices.usdPerCoreHour * node.cpuCores, ram: prices.usdPerGiBHour * node.memoryGiB, gpu: prices.usdPerGpuHour * node.gpus };
  return { node, price, allocatedCost, idle, nodeUsd, allocations, picks: over?.picks };
}

const seeds = Array.from({ length: 200 }, (_, i) => i + 1);

describe('property: within capacity, Σ container costs + idle = node price × hours, per resource', () => {
  test.each(seeds)('seed %d', (seed) => {
    const { price, allocatedCost, idle, nodeUsd, allocations } = runNodeHour(seed, false);
    expect(cents(idle.nodeCostUsd)).toBe(cents(price.usdPerHour));
    expect(cents(allocatedCost.cpuCostUsd + idle.cpuIdleUsd)).toBe(cents(nodeUsd.cpu));
    expect(cents(allocatedCost.ramCostUsd + idle.ramIdleUsd)).toBe(cents(nodeUsd.ram));
    expect(cents(allocatedCost.gpuCostUsd + idle.gpuIdleUsd)).toBe(cents(nodeUsd.gpu));
    const containersUsd = allocations.reduce((s, a) => s + a.totalCostUsd, 0);
    expect(cents(containersUsd + idle.idleUsd)).toBe(cents(price.usdPerHour));
    expect(Math.abs(containersUsd + idle.idleUsd - price.usdPerHour)).toBeLessThan(1e-9);
    expect(idle.clamped).toEqual({ cpu: false, ram: false, gpu: false });
  });
});

describe('property: over-allocated, idle clamps at 0 and says so', () => {
  test.each(seeds.slice(0, 100))('seed %d', (seed) => {
    const { allocatedCost, idle, nodeUsd, picks } = runNodeHour(seed, true);
    for (const [resource, allocatedUsd, idleUsd] of [
      ['cpu', allocatedCost.cpuCostUsd, idle.cpuIdleUsd],
      ['ram', allocatedCost.ramCostUsd, idle.ramIdleUsd],
      ['gpu', allocatedCost.gpuCostUsd, idle.gpuIdleUsd],
    ] as const) {
      // A GPU request on a node without GPUs is over-allocation too: splitNodePrice still prices GPUs.
      const over = picks![resource];
      expect(idle.clamped[resource]).toBe(over);
      if (over) {
        expect(idleUsd).toBe(0);
        expect(allocatedUsd).toBeGreaterThan(nodeUsd[resource]);
      } else {
        expect(allocatedUsd + idleUsd).toBeCloseTo(nodeUsd[resource], 9);
      }
    }
  });

  test('each resource is clamped in some of these runs (the property is not vacuous)', () => {
    const runs = seeds.slice(0, 100).map((seed) => runNodeHour(seed, true).idle.clamped);
    for (const resource of ['cpu', 'ram', 'gpu'] as const) expect(runs.filter((c) => c[resource]).length).toBeGreaterThan(5);
  });
});
