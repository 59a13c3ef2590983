import { describe, expect, test } from 'vitest';
import { buildPriceBook, priceNode, priceStorage } from '../../lib/cost/pricing';
import { DEFAULT_RATES, HOURS_PER_MONTH, rateCardFromMonthly, rateCardNodePrice, roundUsd, type MonthlyRates } from '../../lib/cost/rates';

const GIB = 1024 ** 3;
const AT = Date.UTC(2026, 10, 20);

// Reference case: OpenCost pkg/costmodel/cluster_helpers_test.go, TestAssetCustompricing
// (custom prices CPU "20.0", RAM "4.0", GPU "500.0", Storage "0.1" per month; a node with 2 GPUs,
// a 1 GiB volume for 1 hour). OpenCost rounds each hourly rate to six decimals before using it;
// Tally keeps full precision and rounds once, at the edge (roundUsd).
describe('rateCardFromMonthly: OpenCost cluster_helpers_test.go TestAssetCustompricing', () => {
  const card = rateCardFromMonthly({ cpuCoreMonthUsd: 20, ramGiBMonthUsd: 4, gpuMonthUsd: 500, storageGiBMonthUsd: 0.1 });
  const book = buildPriceBook({ rateCard: card });
  const bare = { provider: null, instanceType: null, region: null, capacityType: 'on-demand' as const, cpuCores: 0, memoryGiB: 0, gpus: 0 };

  test.each<[string, number, number]>([
    ['CPU: 20 / 730 = $0.027397 per vCPU-hour', roundUsd(card.usdPerCoreHour), 0.027397],
    ['RAM: 4 / 730 = $0.005479 per GiB-hour', roundUsd(card.usdPerGiBHour), 0.005479],
    ['GPU: 500 / 730 = $0.684932 per GPU-hour', roundUsd(card.usdPerGpuHour), 0.684932],
    ['storage stays monthly in the card', card.usdPerGiBMonthStorage, 0.1],
    ['a 1-vCPU node on the card, 1 h', roundUsd(priceNode(book, { ...bare, cpuCores: 1 }, AT).usdPerHour), 0.027397],
    ['1 GiB of storage over 1 h: 0.1 / 730', roundUsd(priceStorage(book, null, AT).usdPerGiBHour * 1 * 1), 0.000137],
  ])('%s', (_name, actual, expected) => expect(actual).toBe(expected));

  test('RAM per byte-hour: OpenCost writes 5.102716386318207e-12 because it rounds the hourly rate to six decimals first', () => {
    expect(roundUsd(card.usdPerGiBHour) / GIB).toBeCloseTo(5.102716386318207e-12, 20);
    // Unrounded, 4 / 730 / 1024³ is a little more; the difference is below a micro-dollar per GiB-hour.
    expect(card.usdPerGiBHour / GIB).toBeCloseTo(5.103137e-12, 18);
  });

  test('a 2-GPU node: OpenCost $1.369864 (2 × the rounded 0.684932); Tally 2 × 500 / 730, rounded once = $1.369863', () => {
    const node = priceNode(book, { ...bare, gpus: 2 }, AT);
    expect(node.source).toBe('rate-card');
    expect(2 * roundUsd(card.usdPerGpuHour)).toBeCloseTo(1.369864, 12);
    expect(roundUsd(node.usdPerHour)).toBe(1.369863);
    expect(Math.abs(node.usdPerHour - 1.369864)).toBeLessThan(1e-6);
  });
});

describe('rateCardFromMonthly: monthly ÷ 730, defaults for what is left out', () => {
  test.each<[string, MonthlyRates, number, number, number, number]>([
    ['nothing given: OpenCost defaults', {}, DEFAULT_RATES.usdPerCoreHour, DEFAULT_RATES.usdPerGiBHour, DEFAULT_RATES.usdPerGpuHour, 0.04],
    ['CPU only', { cpuCoreMonthUsd: 73 }, 0.1, DEFAULT_RATES.usdPerGiBHour, DEFAULT_RATES.usdPerGpuHour, 0.04],
    ['zero is a price, not "missing"', { ramGiBMonthUsd: 0, storageGiBMonthUsd: 0 }, DEFAULT_RATES.usdPerCoreHour, 0, DEFAULT_RATES.usdPerGpuHour, 0],
    ['730 a month is 1 an hour', { cpuCoreMonthUsd: HOURS_PER_MONTH, ramGiBMonthUsd: HOURS_PER_MONTH, gpuMonthUsd: HOURS_PER_MONTH }, 1, 1, 1, 0.04],
  ])('%s', (_name, monthly, cpu, ram, gpu, storage) => {
    const card = rateCardFromMonthly(monthly);
    expect(card.usdPerCoreHour).toBeCloseTo(cpu, 15);
    expect(card.usdPerGiBHour).toBeCloseTo(ram, 15);
    expect(card.usdPerGpuHour).toBeCloseTo(gpu, 15);
    expect(card.usdPerGiBMonthStorage).toBe(storage);
  });

  test.each<[string, MonthlyRates]>([
    ['a negative CPU price', { cpuCoreMonthUsd: -1 }],
    ['NaN for RAM', { ramGiBMonthUsd: Number.NaN }],
    ['an infinite GPU price', { gpuMonthUsd: Number.POSITIVE_INFINITY }],
    ['a negative storage price', { storageGiBMonthUsd: -0.1 }],
  ])('%s throws a RangeError naming the field', (_name, monthly) => {
    expect(() => rateCardFromMonthly(monthly)).toThrow(RangeError);
    expect(() => rateCardFromMonthly(monthly)).toThrow(new RegExp(Object.keys(monthly)[0]!));
  });

  test('rateCardNodePrice: vCPUs × core rate + GiB × RAM rate + GPUs × GPU rate', () => {
    expect(rateCardNodePrice(DEFAULT_RATES, 4, 16, 1)).toBeCloseTo(4 * 0.031611 + 16 * 0.004237 + 0.95, 15);
  });
});
