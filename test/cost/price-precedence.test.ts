import { describe, expect, test } from 'vitest';
import { EMPTY_PRICE_BOOK, priceNode, type PriceBook } from '../../lib/cost/pricing';
import { rateCardFromMonthly } from '../../lib/cost/rates';
import { parsePriceSheet, PriceSheetError } from '../../lib/cost/price-sheet';
import { splitNodePrice } from '../../lib/cost/node-price';
import type { NodeShape } from '../../lib/cost/node-price';

const SHEET = parsePriceSheet(
  [
    'provider,region,instanceType,capacityType,usdPerHour,effectiveFrom',
    '# negotiated prices',
    'aws,eu-west-1,m6i.xlarge,on-demand,0.15,',
    'aws,*,m6i.xlarge,on-demand,0.17,',
    'aws,eu-west-1,m6i.xlarge,spot,0.05,',
    'aws,,r6i.2xlarge,,0.40,',
    'aws,,r6i.2xlarge,,0.30,2026-11-15',
    'gcp,us-central1,n2-standard-4,on-demand,0.18,',
  ].join('\r\n'),
  'prices.csv',
);
const book: PriceBook = { ...EMPTY_PRICE_BOOK, sheet: SHEET };
const node = (over: Partial<NodeShape>): NodeShape => ({
  provider: 'aws', instanceType: 'm6i.xlarge', region: 'eu-west-1', capacityType: 'on-demand', cpuCores: 4, memoryGiB: 16, gpus: 0, ...over,
});
const NOV_1 = Date.UTC(2026, 10, 1);
const NOV_20 = Date.UTC(2026, 10, 20);

describe('priceNode: precedence of DESIGN.md §2', () => {
  test.each<[string, PriceBook, Partial<NodeShape>, number, string, number, string]>([
    ['the sheet row for the region', book, {}, NOV_1, 'price-sheet', 0.15, ''],
    ['a wildcard region row elsewhere', book, { region: 'us-east-1' }, NOV_1, 'price-sheet', 0.17, ''],
    ['a spot row for a spot node', book, { capacityType: 'spot' }, NOV_1, 'price-sheet', 0.05, ''],
    ['a spot node with only an on-demand row: less the spot discount', book, { capacityType: 'spot', region: 'us-east-1' }, NOV_1, 'price-sheet-spot-discount', 0.17 * 0.35, ''],
    ['before a price change', book, { instanceType: 'r6i.2xlarge' }, NOV_1, 'price-sheet', 0.4, ''],
    ['from a price change on', book, { instanceType: 'r6i.2xlarge' }, NOV_20, 'price-sheet', 0.3, ''],
    ['not in the sheet: the catalog', book, { instanceType: 'm5.large', region: 'us-east-1' }, NOV_1, 'catalog', 0.096, ''],
    ['not in the sheet, spot: the catalog less the discount', book, { instanceType: 'm5.large', region: 'us-east-1', capacityType: 'spot' }, NOV_1, 'catalog-spot-discount', 0.096 * 0.35, ''],
    ['unknown everywhere: the default rates', book, { provider: null, instanceType: null }, NOV_1, 'default-rates', 4 * 0.031611 + 16 * 0.004237, ''],
    ['a rate card beats the catalog', { ...book, rateCard: rateCardFromMonthly({ cpuCoreMonthUsd: 20, ramGiBMonthUsd: 4 }) }, { provider: 'onprem', instanceType: 'bare-metal' }, NOV_1, 'rate-card', 4 * (20 / 730) + 16 * (4 / 730), ''],
    ['a discount applies to every source', { ...book, discountPercent: 10 }, { instanceType: 'm5.large', region: 'us-east-1' }, NOV_1, 'catalog', 0.096 * 0.9, ''],
  ])('%s', (_name, b, over, at, source, usdPerHour) => {
    const price = priceNode(b, node(over), at);
    expect(price.source).toBe(source);
    expect(price.usdPerHour).toBeCloseTo(usdPerHour, 9);
  });
});

// OpenCost pkg/costmodel/cluster_helpers_test.go: custom monthly prices CPU $20, RAM $4, GPU $500, storage $0.1.
describe('rateCardFromMonthly (OpenCost cluster_helpers_test.go)', () => {
  const card = rateCardFromMonthly({ cpuCoreMonthUsd: 20, ramGiBMonthUsd: 4, gpuMonthUsd: 500, storageGiBMonthUsd: 0.1 });
  test('$0.027397 per vCPU-hour and $0.005479 per GiB-hour', () => {
    expect(card.usdPerCoreHour).toBeCloseTo(0.027397, 6);
    expect(card.usdPerGiBHour).toBeCloseTo(0.005479, 6);
    // OpenCost's test writes 5.1027e-12 per byte-hour: it rounds the hourly rate to six decimals first.
    expect(Math.round(card.usdPerGiBHour * 1e6) / 1e6 / 1024 ** 3).toBeCloseTo(5.1027e-12, 15);
  });
  // As OpenCost computes it: the hourly GPU rate rounded to six decimals, times two GPUs.
  test('$1.369864 per hour for a 2-GPU node', () => expect(2 * (Math.round(card.usdPerGpuHour * 1e6) / 1e6)).toBeCloseTo(1.369864, 9));
  test('$0.000137 for 1 GiB of storage over 1 hour', () => expect(card.usdPerGiBMonthStorage / 730).toBeCloseTo(0.000137, 6));
  test('a node priced by the card splits back into the card’s rates', () => {
    const price = priceNode({ ...EMPTY_PRICE_BOOK, rateCard: card }, node({ provider: null, instanceType: null, gpus: 2 }), NOV_1);
    const split = splitNodePrice(price.usdPerHour, 4, 16, 2, card);
    expect(split.usdPerCoreHour).toBeCloseTo(card.usdPerCoreHour, 12);
    expect(split.usdPerGpuHour).toBeCloseTo(card.usdPerGpuHour, 12);
  });
});

describe('parsePriceSheet', () => {
  test('rows as written: wildcards as null, dates as UTC midnight, header in any order and case', () => {
    const [row] = parsePriceSheet('usdperhour,Provider,Region,InstanceType,CapacityType,EffectiveFrom\n"1.5",AWS,*,"m5.large",*,2026-12-01\n');
    expect(row).toEqual({ provider: 'aws', region: null, instanceType: 'm5.large', capacityType: null, usdPerHour: 1.5, effectiveFromMs: Date.UTC(2026, 11, 1), line: 2 });
  });

  test.each([
    ['provider,region,instanceType,usdPerHour\naws,,m5.large,0.1', /prices\.csv:1: missing column "capacitytype"/],
    ['provider,region,instanceType,capacityType,usdPerHour\naws,,m5.large,on-demand,cheap', /prices\.csv:2: usdPerHour "cheap" is not a price/],
    ['provider,region,instanceType,capacityType,usdPerHour\naws,,m5.large,on-demand,-1', /prices\.csv:2: usdPerHour "-1"/],
    ['provider,region,instanceType,capacityType,usdPerHour\n\naws,,m5.large,reserved,0.1', /prices\.csv:3: capacityType "reserved"/],
    ['provider,region,instanceType,capacityType,usdPerHour,effectiveFrom\naws,,m5.large,,0.1,2026-02-30', /prices\.csv:2: effectiveFrom "2026-02-30" is not a date/],
    ['provider,region,instanceType,capacityType,usdPerHour\naws,,m5.large', /prices\.csv:2: 3 cells, the header has 5/],
    ['provider,region,instanceType,capacityType,usdPerHour\n,,m5.large,,0.1', /prices\.csv:2: provider is empty/],
    ['provider,region,instanceType,capacityType,usdPerHour\naws,,"m5.large,,0.1', /prices\.csv:2: unclosed quote/],
    ['# only a comment\n', /prices\.csv:1: no header row/],
  ])('%j → %s', (text, message) => {
    expect(() => parsePriceSheet(text, 'prices.csv')).toThrow(PriceSheetError);
    expect(() => parsePriceSheet(text, 'prices.csv')).toThrow(message);
  });
});
