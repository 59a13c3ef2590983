import { describe, expect, test } from 'vitest';
import { DEFAULT_RATES, nodeHourlyPrice, splitNodePrice, type NodeShape } from '../../lib/cost';
import type { NodePriceSource, PriceSource, StoragePriceSource } from '../../lib/cost/node-price';

const node = (over: Partial<NodeShape>): NodeShape => ({
  provider: 'aws', instanceType: 'm6i.xlarge', region: 'us-east-1', capacityType: 'on-demand', cpuCores: 4, memoryGiB: 16, gpus: 0, ...over,
});
const custom = { usdPerCoreHour: 0.05, usdPerGiBHour: 0.01, usdPerGpuHour: 2, usdPerGiBMonthStorage: 0.1 };

describe('nodeHourlyPrice: catalog first, else rates × resources', () => {
  test.each([
    ['catalog on-demand', node({}), undefined, 0.192, 'catalog'],
    ['catalog spot discount', node({ instanceType: 'm5.2xlarge', capacityType: 'spot', cpuCores: 8, memoryGiB: 32 }), undefined, 0.384 * 0.35, 'catalog-spot-discount'],
    ['catalog wins over a custom card', node({}), custom, 0.192, 'catalog'],
    ['default rates, unknown provider', node({ provider: null, instanceType: 'custom' }), undefined, 4 * 0.031611 + 16 * 0.004237, 'default-rates'],
    ['default rates with GPUs', node({ instanceType: 'x9.gpu', gpus: 2 }), undefined, 4 * 0.031611 + 16 * 0.004237 + 2 * 0.95, 'default-rates'],
    ['default spot rates', node({ instanceType: 'x9.huge', capacityType: 'spot' }), undefined, 4 * 0.006655 + 16 * 0.000892, 'default-rates'],
    ['a copy of the defaults is the defaults (spot rates apply)', node({ instanceType: 'x9.huge', capacityType: 'spot' }), { ...DEFAULT_RATES }, 4 * 0.006655 + 16 * 0.000892, 'default-rates'],
    ['custom card on-demand', node({ instanceType: 'x9.huge' }), custom, 4 * 0.05 + 16 * 0.01, 'default-rates'],
    ['custom card applies to spot without a spot card', node({ instanceType: 'x9.huge', capacityType: 'spot' }), custom, 4 * 0.05 + 16 * 0.01, 'default-rates'],
    ['no resources, no catalog', node({ instanceType: null, cpuCores: 0, memoryGiB: 0 }), undefined, 0, 'default-rates'],
  ])('%s', (_name, shape, rates, usdPerHour, source) => {
    const price = nodeHourlyPrice(shape, rates);
    expect(price.source).toBe(source);
    expect(price.usdPerHour).toBeCloseTo(usdPerHour, 12);
  });

  test('an explicit spot card is used for spot nodes; a region fallback note comes through', () => {
    const spotCard = { ...custom, usdPerCoreHour: 0.01, usdPerGiBHour: 0.002 };
    expect(nodeHourlyPrice(node({ instanceType: 'x9.huge', capacityType: 'spot' }), custom, spotCard).usdPerHour).toBeCloseTo(4 * 0.01 + 16 * 0.002, 12);
    expect(nodeHourlyPrice(node({ region: 'sa-east-1' })).note).toMatch(/sa-east-1/);
    expect(nodeHourlyPrice(node({})).note).toBeUndefined();
  });
});

describe('splitNodePrice (OpenCost GetNodeCost)', () => {
  test('DESIGN example: 4 vCPU, 16 GiB, $0.20/h → $0.0325491/vCPU-h, $0.0043627/GiB-h', () => {
    const p = splitNodePrice(0.2, 4, 16, 0);
    expect(p.usdPerCoreHour).toBeCloseTo(0.0325491, 7);
    expect(p.usdPerGiBHour).toBeCloseTo(0.0043627, 7);
    expect(p.usdPerCoreHour / p.usdPerGiBHour).toBeCloseTo(0.031611 / 0.004237, 12);
  });

  test.each([
    [1.0, 8, 32, 1],
    [0.526, 4, 16, 1],
    [3.673385, 12, 85, 1],
    [0.05, 2, 4, 0],
    [0.0416, 2, 4, 0],
    [12, 96, 768, 8],
  ])('$%d/h for %d cores, %d GiB, %d GPUs splits back to the whole price', (usd, cores, gib, gpus) => {
    const p = splitNodePrice(usd, cores, gib, gpus);
    expect(cores * p.usdPerCoreHour + gib * p.usdPerGiBHour + gpus * p.usdPerGpuHour).toBeCloseTo(usd, 12);
    expect(p.usdPerGpuHour / p.usdPerGiBHour).toBeCloseTo(0.95 / 0.004237, 9);
  });

  test('a custom card sets the ratio', () => {
    const p = splitNodePrice(1, 10, 50, 0, custom); // r = 5: 1 / (10·5 + 50) = 0.01 per GiB-h
    expect(p.usdPerGiBHour).toBeCloseTo(0.01, 15);
    expect(p.usdPerCoreHour).toBeCloseTo(0.05, 15);
  });

  test('edges: no resources → zero prices; a zero RAM rate throws', () => {
    expect(splitNodePrice(0.2, 0, 0, 0)).toEqual({ usdPerCoreHour: 0, usdPerGiBHour: 0, usdPerGpuHour: 0 });
    expect(() => splitNodePrice(0.2, 4, 16, 0, { ...custom, usdPerGiBHour: 0 })).toThrow(RangeError);
  });
});

describe('price sources', () => {
  test('PriceSource covers every node and storage source; nodeHourlyPrice gives the three of its own', () => {
    const nodeSources: NodePriceSource[] = ['price-sheet', 'price-sheet-spot-discount', 'rate-card', 'catalog', 'catalog-spot-discount', 'default-rates'];
    const storage: StoragePriceSource[] = ['storage-class', 'rate-card', 'default-rates'];
    const all: PriceSource[] = [...nodeSources, ...storage];
    expect(new Set(all).size).toBe(7);
    const own = new Set([nodeHourlyPrice(node({})).source, nodeHourlyPrice(node({ capacityType: 'spot' })).source, nodeHourlyPrice(node({ provider: null })).source]);
    expect([...own].sort()).toEqual(['catalog', 'catalog-spot-discount', 'default-rates']);
  });
});
