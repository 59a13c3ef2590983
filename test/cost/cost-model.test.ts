import { describe, expect, test } from 'vitest';
import { allocateContainerHour, allocated, lookupListPrice, nodeHourlyPrice, nodeIdle, sampleDurations, splitNodePrice } from '../../lib/cost';

const GIB = 1024 ** 3;

describe('splitNodePrice (OpenCost GetNodeCost)', () => {
  test('DESIGN example: 4 vCPU, 16 GiB, $0.20/h', () => {
    const p = splitNodePrice(0.2, 4, 16, 0);
    expect(p.usdPerCoreHour).toBeCloseTo(0.0325491, 7);
    expect(p.usdPerGiBHour).toBeCloseTo(0.0043627, 7);
    expect(4 * p.usdPerCoreHour + 16 * p.usdPerGiBHour).toBeCloseTo(0.2, 12);
  });
  test.each([
    [1.0, 8, 32, 1],
    [0.526, 4, 16, 1],
    [0.05, 2, 4, 0],
  ])('$%d/h for %d cores, %d GiB, %d GPUs splits back to the whole price', (usd, cores, gib, gpus) => {
    const p = splitNodePrice(usd, cores, gib, gpus);
    expect(cores * p.usdPerCoreHour + gib * p.usdPerGiBHour + gpus * p.usdPerGpuHour).toBeCloseTo(usd, 12);
  });
});

describe('allocated = max(request, usage), OpenCost cases', () => {
  test.each([
    [1000, 10, 1000],
    [1000, 2200, 2200],
    [10_000_000, 75_000_000, 75_000_000],
    [null, 300, 300],
    [500, null, 500],
    [null, null, 0],
  ])('request %s, usage %s → %d', (request, usage, expected) => expect(allocated(request, usage)).toBe(expected));
});

describe('allocateContainerHour', () => {
  test('DESIGN example: 0.5 CPU req / 0.2 used, 2 GiB req / 3 GiB used, 24 h → $0.39059 CPU, $0.31412 RAM', () => {
    const prices = splitNodePrice(0.2, 4, 16, 0);
    const hourly = Array.from({ length: 24 }, () => ({
      durationSeconds: 3600, cpuRequestMillicores: 500, cpuUsageMillicores: 200, memoryRequestBytes: 2 * GIB, memoryUsageBytes: 3 * GIB, gpuRequest: 0,
    }));
    const day = allocateContainerHour(hourly, prices);
    expect(day.cpuCostUsd).toBeCloseTo(0.39059, 5);
    expect(day.ramCostUsd).toBeCloseTo(0.31412, 5);
    expect(day.cpuCoreHours).toBeCloseTo(12, 12);
    expect(day.ramByteHours / GIB).toBeCloseTo(72, 9);
  });

  test('averages are weighted by the time each sample stands for', () => {
    const result = allocateContainerHour(
      [
        { durationSeconds: 2700, cpuRequestMillicores: 100, cpuUsageMillicores: 50, memoryRequestBytes: null, memoryUsageBytes: 100, gpuRequest: 1 },
        { durationSeconds: 900, cpuRequestMillicores: 100, cpuUsageMillicores: 450, memoryRequestBytes: null, memoryUsageBytes: 500, gpuRequest: 1 },
      ],
      { usdPerCoreHour: 1, usdPerGiBHour: 1, usdPerGpuHour: 2 },
    );
    expect(result).toMatchObject({
      runningSeconds: 3600, cpuRequestAvgMillicores: 100, cpuUsageAvgMillicores: 150, cpuUsageMaxMillicores: 450,
      cpuAllocatedAvgMillicores: 187.5, memoryRequestAvgBytes: null, memoryUsageAvgBytes: 200, memoryUsageMaxBytes: 500, gpuHours: 1, gpuCostUsd: 2,
    });
    expect(result.cpuCostUsd).toBeCloseTo(0.1875, 12);
  });
});

describe('sampleDurations', () => {
  const HOUR = Date.UTC(2026, 10, 25, 10);
  const everyMinute = Array.from({ length: 62 }, (_, i) => HOUR - 60_000 + i * 60_000);
  const everyTenMinutes = Array.from({ length: 8 }, (_, i) => HOUR - 600_000 + i * 600_000);

  test.each([
    ['live, every minute', everyMinute, 180_000],
    ['replay, every 10 minutes', everyTenMinutes, 1_800_000],
  ])('%s: the hour is covered exactly once', (_name, times, maxGap) => {
    const seconds = sampleDurations(times, HOUR, HOUR + 3_600_000, maxGap);
    expect(seconds.reduce((a, b) => a + b, 0)).toBe(3600);
    expect(seconds[0]).toBe(0); // the scrape before the hour covers only the minute before it
  });

  test('an outage longer than the cap is a gap, not a smear', () => {
    const seconds = sampleDurations([HOUR, HOUR + 60_000, HOUR + 50 * 60_000], HOUR, HOUR + 3_600_000, 180_000);
    expect(seconds).toEqual([60, 180, 180]); // the last one is capped too
  });

  test('the same constant usage costs the same live and replayed', () => {
    const prices = { usdPerCoreHour: 0.04, usdPerGiBHour: 0.005, usdPerGpuHour: 1 };
    const cost = (times: number[], maxGap: number) => {
      const d = sampleDurations(times, HOUR, HOUR + 3_600_000, maxGap);
      return allocateContainerHour(d.map((durationSeconds) => ({ durationSeconds, cpuRequestMillicores: 250, cpuUsageMillicores: 400, memoryRequestBytes: GIB, memoryUsageBytes: GIB / 2, gpuRequest: 0 })), prices).totalCostUsd;
    };
    expect(cost(everyMinute, 180_000)).toBeCloseTo(cost(everyTenMinutes, 1_800_000), 12);
  });
});

describe('node prices and idle', () => {
  test.each([
    ['catalog on-demand', { provider: 'aws', instanceType: 'm6i.xlarge', capacityType: 'on-demand' as const }, 0.192, 'catalog'],
    ['catalog spot discount', { provider: 'aws', instanceType: 'm5.2xlarge', capacityType: 'spot' as const }, 0.384 * 0.35, 'catalog-spot-discount'],
    ['default rates', { provider: null, instanceType: 'custom', capacityType: 'on-demand' as const }, 4 * 0.031611 + 16 * 0.004237, 'default-rates'],
    ['default spot rates', { provider: 'aws', instanceType: 'x9.huge', capacityType: 'spot' as const }, 4 * 0.006655 + 16 * 0.000892, 'default-rates'],
  ])('%s', (_name, node, usdPerHour, source) => {
    const price = nodeHourlyPrice({ ...node, region: 'us-east-1', cpuCores: 4, memoryGiB: 16, gpus: 0 });
    expect(price.source).toBe(source);
    expect(price.usdPerHour).toBeCloseTo(usdPerHour, 10);
  });

  test('catalog entries carry the date they were taken', () => {
    expect(lookupListPrice({ provider: 'gcp', instanceType: 'n1-standard-4', region: 'us-central1', capacityType: 'on-demand' })).toMatchObject({ region: 'us-central1', takenOn: '2025-01' });
  });

  test('idle = node cost − allocated, per resource; clamped at zero and flagged', () => {
    const prices = splitNodePrice(0.2, 4, 16, 0);
    const node = { ...prices, cpuCores: 4, memoryGiB: 16, gpus: 0, durationSeconds: 3600 };
    const idle = nodeIdle(node, { cpuCostUsd: 0.05, ramCostUsd: 0.5, gpuCostUsd: 0 });
    expect(idle.nodeCostUsd).toBeCloseTo(0.2, 12);
    expect(idle.cpuIdleUsd).toBeCloseTo(4 * prices.usdPerCoreHour - 0.05, 12);
    expect(idle.ramIdleUsd).toBe(0);
    expect(idle.clamped).toEqual({ cpu: false, ram: true, gpu: false });
  });
});

describe('property: containers + idle = node price × hours, for random nodes', () => {
  // mulberry32: a seeded PRNG, so a failure reproduces.
  function rng(seed: number) {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  test.each(Array.from({ length: 25 }, (_, i) => i + 1))('seed %d', (seed) => {
    const random = rng(seed);
    const cores = 2 + Math.floor(random() * 62);
    const gib = 4 + Math.floor(random() * 252);
    const gpus = random() < 0.2 ? 1 + Math.floor(random() * 4) : 0;
    const prices = splitNodePrice(0.05 + random() * 5, cores, gib, gpus);
    let cpuLeft = cores * 1000;
    let ramLeft = gib * GIB;
    const allocatedCost = { cpuCostUsd: 0, ramCostUsd: 0, gpuCostUsd: 0 };
    for (let c = 0; c < 40 && cpuLeft > 10; c++) {
      const cpu = Math.floor(random() * cpuLeft * 0.3);
      const ram = Math.floor(random() * ramLeft * 0.3);
      cpuLeft -= cpu;
      ramLeft -= ram;
      const a = allocateContainerHour([{ durationSeconds: 3600, cpuRequestMillicores: cpu, cpuUsageMillicores: null, memoryRequestBytes: ram, memoryUsageBytes: null, gpuRequest: 0 }], prices);
      allocatedCost.cpuCostUsd += a.cpuCostUsd;
      allocatedCost.ramCostUsd += a.ramCostUsd;
    }
    const idle = nodeIdle({ ...prices, cpuCores: cores, memoryGiB: gib, gpus, durationSeconds: 3600 }, allocatedCost);
    const total = allocatedCost.cpuCostUsd + allocatedCost.ramCostUsd + idle.idleUsd;
    expect(Math.round(total * 100)).toBe(Math.round(idle.nodeCostUsd * 100));
    expect(idle.clamped).toEqual({ cpu: false, ram: false, gpu: false });
  });
});
