import { describe, expect, test } from 'vitest';
import { allocateContainerHour, allocated, BYTES_PER_GIB, splitNodePrice, type ContainerSample } from '../../lib/cost';

const GIB = BYTES_PER_GIB;
const unitPrices = { usdPerCoreHour: 1, usdPerGiBHour: 1, usdPerGpuHour: 2 };
const sample = (over: Partial<ContainerSample>): ContainerSample => ({
  durationSeconds: 3600, cpuRequestMillicores: null, cpuUsageMillicores: null, memoryRequestBytes: null, memoryUsageBytes: null, gpuRequest: 0, ...over,
});

describe('allocated = max(request, usage) (OpenCost cases)', () => {
  test.each([
    ['CPU request 1.0, usage 0.01', 1000, 10, 1000],
    ['CPU request 1.0, usage 2.2', 1000, 2200, 2200],
    ['RAM request 10 MB, usage 75 MB', 10_000_000, 75_000_000, 75_000_000],
    ['no request', null, 300, 300],
    ['no usage', 500, null, 500],
    ['neither', null, null, 0],
    ['request 0, usage 0', 0, 0, 0],
  ])('%s → %d', (_name, request, usage, expected) => expect(allocated(request, usage)).toBe(expected));
});

describe('allocateContainerHour', () => {
  test('DESIGN example: 0.5 CPU req / 0.2 used, 2 GiB req / 3 GiB used, 24 h on 4 vCPU/16 GiB/$0.20 → $0.39059 CPU, $0.31412 RAM', () => {
    const prices = splitNodePrice(0.2, 4, 16, 0);
    const day = allocateContainerHour(
      Array.from({ length: 24 * 60 }, () => sample({ durationSeconds: 60, cpuRequestMillicores: 500, cpuUsageMillicores: 200, memoryRequestBytes: 2 * GIB, memoryUsageBytes: 3 * GIB })),
      prices,
    );
    expect(day.cpuCostUsd).toBeCloseTo(0.39059, 5);
    expect(day.ramCostUsd).toBeCloseTo(0.31412, 5);
    expect(day.cpuCoreHours).toBeCloseTo(12, 9);
    expect(day.ramByteHours / GIB).toBeCloseTo(72, 9);
    expect(day.runningSeconds).toBe(86_400);
    expect(day.totalCostUsd).toBeCloseTo(day.cpuCostUsd + day.ramCostUsd, 15);
  });

  test.each([
    ['OpenCost: CPU request 1.0, usage 0.01 → 1 core', { cpuRequestMillicores: 1000, cpuUsageMillicores: 10 }, { cpuAllocatedAvgMillicores: 1000, cpuCoreHours: 1, cpuCostUsd: 1 }],
    ['OpenCost: CPU request 1.0, usage 2.2 → 2.2 cores', { cpuRequestMillicores: 1000, cpuUsageMillicores: 2200 }, { cpuAllocatedAvgMillicores: 2200, cpuCoreHours: 2.2 }],
    ['OpenCost: RAM 10 MB request, 75 MB usage → 75 MB', { memoryRequestBytes: 10_000_000, memoryUsageBytes: 75_000_000 }, { memoryAllocatedAvgBytes: 75_000_000, ramByteHours: 75_000_000 }],
    ['1 GiB for an hour costs one GiB-hour', { memoryRequestBytes: GIB }, { ramCostUsd: 1, memoryUsageAvgBytes: null, memoryUsageMaxBytes: null }],
    ['GPUs by request', { gpuRequest: 2 }, { gpuHours: 2, gpuCostUsd: 4, totalCostUsd: 4 }],
    ['nothing known → zero', {}, { cpuAllocatedAvgMillicores: 0, cpuRequestAvgMillicores: null, cpuCoreHours: 0, totalCostUsd: 0 }],
  ])('%s', (_name, over, expected) => {
    const result = allocateContainerHour([sample(over)], unitPrices);
    for (const [field, value] of Object.entries(expected)) {
      if (value === null) expect(result[field as keyof typeof result]).toBeNull();
      else expect(result[field as keyof typeof result]).toBeCloseTo(value, 9);
    }
  });

  test('averages are weighted by the time each sample stands for; a missing side averages over the others', () => {
    const result = allocateContainerHour(
      [
        sample({ durationSeconds: 2700, cpuRequestMillicores: 100, cpuUsageMillicores: 50, memoryUsageBytes: 100, gpuRequest: 1 }),
        sample({ durationSeconds: 900, cpuRequestMillicores: null, cpuUsageMillicores: 450, memoryUsageBytes: 500, gpuRequest: 1 }),
      ],
      unitPrices,
    );
    expect(result).toMatchObject({
      runningSeconds: 3600, cpuRequestAvgMillicores: 100, cpuUsageAvgMillicores: 150, cpuUsageMaxMillicores: 450,
      cpuAllocatedAvgMillicores: 187.5, memoryRequestAvgBytes: null, memoryUsageAvgBytes: 200, memoryUsageMaxBytes: 500,
      memoryAllocatedAvgBytes: 200, gpuHours: 1, gpuCostUsd: 2,
    });
    expect(result.cpuCostUsd).toBeCloseTo(0.1875, 12);
  });

  test('a container running part of the hour: core-hours = avg allocated × hours running', () => {
    const result = allocateContainerHour(Array.from({ length: 20 }, () => sample({ durationSeconds: 60, cpuRequestMillicores: 3000 })), unitPrices);
    expect(result.runningSeconds).toBe(1200);
    expect(result.cpuAllocatedAvgMillicores).toBeCloseTo(3000, 9);
    expect(result.cpuCoreHours).toBeCloseTo(1, 12);
  });

  test('zero-duration samples (outside the window) count for nothing, maxima included', () => {
    const result = allocateContainerHour(
      [sample({ durationSeconds: 0, cpuUsageMillicores: 9000, memoryUsageBytes: 9 * GIB }), sample({ durationSeconds: 60, cpuUsageMillicores: 100, memoryUsageBytes: GIB })],
      unitPrices,
    );
    expect(result).toMatchObject({ runningSeconds: 60, cpuUsageMaxMillicores: 100, memoryUsageMaxBytes: GIB, cpuUsageAvgMillicores: 100, cpuAllocatedAvgMillicores: 100 });
  });

  test('no samples: zeros and nulls', () => {
    expect(allocateContainerHour([], unitPrices)).toMatchObject({ runningSeconds: 0, cpuUsageMaxMillicores: null, memoryAllocatedAvgBytes: 0, totalCostUsd: 0 });
  });
});
