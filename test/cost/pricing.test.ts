import { describe, expect, test } from 'vitest';
import type { NodeShape } from '../../lib/cost/node-price';
import { parsePriceSheet } from '../../lib/cost/price-sheet';
import { buildPriceBook, effectivePriceDate, EMPTY_PRICE_BOOK, firstOpenHour, priceNode, priceStorage, type PriceBook, type PriceBookOptions, type PriceSource } from '../../lib/cost/pricing';
import { rateCardFromMonthly } from '../../lib/cost/rates';

const sheet = (...rows: string[]) => parsePriceSheet(['provider,region,instanceType,capacityType,usdPerHour,effectiveFrom', ...rows].join('\n'), 'test.csv');
const node = (over: Partial<NodeShape> = {}): NodeShape => ({
  provider: 'aws', instanceType: 'm6i.xlarge', region: 'eu-west-1', capacityType: 'on-demand', cpuCores: 4, memoryGiB: 16, gpus: 0, ...over,
});
const AT = Date.UTC(2026, 10, 20, 15);
const CARD = rateCardFromMonthly({ cpuCoreMonthUsd: 20, ramGiBMonthUsd: 4, gpuMonthUsd: 500, storageGiBMonthUsd: 0.1 });
const ON_CARD = 4 * (20 / 730) + 16 * (4 / 730);
const DEFAULTS = 4 * 0.031611 + 16 * 0.004237;
const SPOT_DEFAULTS = 4 * 0.006655 + 16 * 0.000892;

const SHEET = sheet(
  'aws,eu-west-1,m6i.xlarge,on-demand,0.15,',
  'aws,*,m6i.xlarge,on-demand,0.17,',
  'aws,eu-west-1,m6i.xlarge,spot,0.05,',
  'aws,us-west-2,m6i.xlarge,*,0.16,',
  'gcp,,n2-standard-4,,0.18,',
  'digitalocean,,s-4vcpu-8gb,on-demand,0.07,',
  'aws,*,x9.spotonly,spot,0.01,',
);
const BOOK = buildPriceBook({ sheet: SHEET });

type Case = [name: string, options: PriceBookOptions, node: Partial<NodeShape>, source: PriceSource, usdPerHour: number];
const check = (options: PriceBookOptions, over: Partial<NodeShape>, source: PriceSource, usdPerHour: number, at: Date | number = AT) => {
  const price = priceNode(buildPriceBook(options), node(over), at);
  expect(price.source).toBe(source);
  expect(price.usdPerHour).toBeCloseTo(usdPerHour, 12);
  return price;
};

describe('priceNode: each level of DESIGN.md §2', () => {
  test.each<Case>([
    ['price-sheet: the sheet row', { sheet: SHEET }, {}, 'price-sheet', 0.15],
    ['price-sheet beats the rate card', { sheet: SHEET, rateCard: CARD }, {}, 'price-sheet', 0.15],
    ['price-sheet-spot-discount: on-demand row, spot node, AWS 65 % off', { sheet: SHEET }, { region: 'us-east-1', capacityType: 'spot' }, 'price-sheet-spot-discount', 0.17 * 0.35],
    ['price-sheet-spot-discount at a configured discount', { sheet: SHEET, spotDiscounts: { aws: 0.5 } }, { region: 'us-east-1', capacityType: 'spot' }, 'price-sheet-spot-discount', 0.085],
    ['price-sheet-spot-discount, provider without spot discount: on-demand', { sheet: SHEET }, { provider: 'digitalocean', instanceType: 's-4vcpu-8gb', capacityType: 'spot' }, 'price-sheet-spot-discount', 0.07],
    ['rate-card: not in the sheet, though in the catalog', { sheet: SHEET, rateCard: CARD }, { instanceType: 'm5.large', region: 'us-east-1' }, 'rate-card', ON_CARD],
    ['rate-card: spot nodes pay the card (it has no spot rates)', { rateCard: CARD }, { capacityType: 'spot' }, 'rate-card', ON_CARD],
    ['rate-card: GPUs', { rateCard: CARD }, { gpus: 2 }, 'rate-card', ON_CARD + 2 * (500 / 730)],
    ['catalog: not in the sheet, no card', { sheet: SHEET }, { instanceType: 'm5.large', region: 'us-east-1' }, 'catalog', 0.096],
    ['catalog-spot-discount', { sheet: SHEET }, { instanceType: 'm5.large', region: 'us-east-1', capacityType: 'spot' }, 'catalog-spot-discount', 0.096 * 0.35],
    ['catalog-spot-discount at a configured discount', { spotDiscounts: { aws: 0.5 } }, { instanceType: 'm5.large', region: 'us-east-1', capacityType: 'spot' }, 'catalog-spot-discount', 0.048],
    ['default-rates: unknown everywhere', { sheet: SHEET }, { provider: null, instanceType: null }, 'default-rates', DEFAULTS],
    ['default-rates: unknown type of a known provider', {}, { instanceType: 'x9.unknown' }, 'default-rates', DEFAULTS],
    ['default-rates: spot at OpenCost spot rates', {}, { instanceType: 'x9.unknown', capacityType: 'spot' }, 'default-rates', SPOT_DEFAULTS],
    ['default-rates: GPUs at $0.95', {}, { instanceType: 'x9.unknown', gpus: 1 }, 'default-rates', DEFAULTS + 0.95],
    ['an on-demand node never takes a spot row', { sheet: SHEET }, { instanceType: 'x9.spotonly' }, 'default-rates', DEFAULTS],
  ])('%s', (_name, options, over, source, usdPerHour) => {
    expect(check(options, over, source, usdPerHour).note ?? '').not.toMatch(/less the/);
  });

  test('the empty book is catalog then defaults', () => {
    expect(priceNode(EMPTY_PRICE_BOOK, node({ region: 'us-east-1' }), AT)).toEqual({ usdPerHour: 0.192, source: 'catalog' });
  });
});

describe('priceNode: the most specific sheet row wins (region, then capacity type)', () => {
  test.each<[string, Partial<NodeShape>, PriceSource, number]>([
    ['region and capacity type match', {}, 'price-sheet', 0.15],
    ['any-region row elsewhere', { region: 'us-east-1' }, 'price-sheet', 0.17],
    ['unknown region: the any-region row', { region: null }, 'price-sheet', 0.17],
    ['a region row of any capacity beats an any-region row of the capacity', { region: 'us-west-2' }, 'price-sheet', 0.16],
    ['spot row for a spot node', { capacityType: 'spot' }, 'price-sheet', 0.05],
    ['any-capacity row prices spot as written', { region: 'us-west-2', capacityType: 'spot' }, 'price-sheet', 0.16],
    ['any-region any-capacity row', { provider: 'gcp', instanceType: 'n2-standard-4', region: 'europe-west4', capacityType: 'spot' }, 'price-sheet', 0.18],
    ['matching ignores case', { provider: 'AWS', instanceType: 'M6I.XLARGE', region: 'EU-WEST-1' }, 'price-sheet', 0.15],
    ['another provider with the same type name does not match', { provider: 'azure' }, 'default-rates', DEFAULTS],
  ])('%s', (_name, over, source, usdPerHour) => {
    check({ sheet: SHEET }, over, source, usdPerHour);
  });
});

describe('priceNode: the discount applies to every source and is recorded', () => {
  test.each<Case>([
    ['price-sheet', { sheet: SHEET }, {}, 'price-sheet', 0.15],
    ['price-sheet-spot-discount', { sheet: SHEET }, { region: 'us-east-1', capacityType: 'spot' }, 'price-sheet-spot-discount', 0.17 * 0.35],
    ['rate-card', { rateCard: CARD }, {}, 'rate-card', ON_CARD],
    ['catalog', {}, { instanceType: 'm5.large', region: 'us-east-1' }, 'catalog', 0.096],
    ['catalog-spot-discount', {}, { instanceType: 'm5.large', region: 'us-east-1', capacityType: 'spot' }, 'catalog-spot-discount', 0.096 * 0.35],
    ['default-rates', {}, { provider: null }, 'default-rates', DEFAULTS],
  ])('%s: × (1 − 12.5 %)', (_name, options, over, source, usdPerHour) => {
    const price = check({ ...options, discountPercent: 12.5 }, over, source, usdPerHour * 0.875);
    expect(price.note).toMatch(/less the 12\.5% discount$/);
  });

  test('notes add up: catalog from another region, then the discount', () => {
    expect(check({ discountPercent: 10 }, { region: 'sa-east-1' }, 'catalog', 0.192 * 0.9).note).toBe("no sa-east-1 price for m6i.xlarge; using us-east-1's; less the 10% discount");
  });
  test('100 % off is free; 0 % adds no note', () => {
    expect(check({ discountPercent: 100 }, {}, 'catalog', 0).note).toMatch(/100%/);
    expect(priceNode(buildPriceBook({ sheet: SHEET }), node(), AT)).toEqual({ usdPerHour: 0.15, source: 'price-sheet' });
  });
});

describe('buildPriceBook and bad input', () => {
  test('spot discounts merge over the bundled ones', () => {
    expect(buildPriceBook({ spotDiscounts: { aws: 0.5, oci: 0.5 } }).spotDiscounts).toEqual({ aws: 0.5, gcp: 0.7, azure: 0.7, digitalocean: 0, oci: 0.5 });
  });
  test('options left undefined are the empty book', () => {
    const book = buildPriceBook({ sheet: undefined, rateCard: undefined, discountPercent: undefined, spotDiscounts: undefined });
    expect(book).toEqual({ ...EMPTY_PRICE_BOOK });
    expect(priceNode(book, node({ region: 'us-east-1' }), AT)).toEqual({ usdPerHour: 0.192, source: 'catalog' });
  });
  test.each<[string, PriceBookOptions, RegExp]>([
    ['discount below 0', { discountPercent: -1 }, /discountPercent/],
    ['discount above 100', { discountPercent: 101 }, /discountPercent/],
    ['discount NaN', { discountPercent: Number.NaN }, /discountPercent/],
    ['spot discount above 1 (a percent by mistake)', { spotDiscounts: { aws: 65 } }, /spotDiscounts\.aws/],
    ['negative storage class price', { storageClassPrices: { gp3: -0.08 } }, /storageClassPrices\.gp3/],
    ['infinite default storage price', { defaultStorageGiBMonthUsd: Number.POSITIVE_INFINITY }, /defaultStorageGiBMonthUsd/],
    ['negative rate card', { rateCard: { ...CARD, usdPerGpuHour: -1 } }, /rateCard\.usdPerGpuHour/],
  ])('%s throws a RangeError', (_name, options, message) => expect(() => buildPriceBook(options)).toThrow(message));

  test('a hand-built book with a bad discount, or an invalid time, throws', () => {
    const bad: PriceBook = { ...EMPTY_PRICE_BOOK, discountPercent: 150 };
    expect(() => priceNode(bad, node(), AT)).toThrow(RangeError);
    expect(() => priceNode(BOOK, node(), new Date(Number.NaN))).toThrow(/at must be a valid time/);
    expect(() => priceStorage(BOOK, null, Number.NaN)).toThrow(RangeError);
  });
});

describe('priceStorage: USD per GiB-hour = GiB-month ÷ 730', () => {
  const classes = { gp3: 0.08, 'premium-rwo': 0.17 };
  test.each<[string, PriceBookOptions, string | null, 'storage-class' | 'rate-card' | 'default-rates', number]>([
    ['the class price', { storageClassPrices: classes, rateCard: CARD }, 'gp3', 'storage-class', 0.08],
    ['another class', { storageClassPrices: classes }, 'premium-rwo', 'storage-class', 0.17],
    ['class not priced: the rate card', { storageClassPrices: classes, rateCard: CARD, defaultStorageGiBMonthUsd: 0.05 }, 'standard', 'rate-card', 0.1],
    ['no class: the rate card', { rateCard: CARD }, null, 'rate-card', 0.1],
    ['no card: the default storage price', { storageClassPrices: classes, defaultStorageGiBMonthUsd: 0.05 }, 'standard', 'default-rates', 0.05],
    ['nothing configured: OpenCost $0.04', {}, null, 'default-rates', 0.04],
    ['an empty class name is no class', { storageClassPrices: { '': 1 } }, '', 'default-rates', 0.04],
    ['class names are exact', { storageClassPrices: classes }, 'GP3', 'default-rates', 0.04],
    ['inherited object keys are not classes', { storageClassPrices: classes }, 'constructor', 'default-rates', 0.04],
    ['a free class', { storageClassPrices: { local: 0 } }, 'local', 'storage-class', 0],
  ])('%s', (_name, options, storageClass, source, monthly) => {
    const price = priceStorage(buildPriceBook(options), storageClass, AT);
    expect(price).toEqual({ usdPerGiBHour: monthly / 730, source });
  });

  test('the discount applies to storage too, noted', () => {
    const price = priceStorage(buildPriceBook({ storageClassPrices: { gp3: 0.08 }, discountPercent: 25 }), 'gp3', new Date(AT));
    expect(price.usdPerGiBHour).toBeCloseTo((0.08 / 730) * 0.75, 15);
    expect(price).toMatchObject({ source: 'storage-class', note: 'less the 25% discount' });
  });
});

const utc = (iso: string) => Date.parse(iso);

describe('effective dates: the latest row with effectiveFrom ≤ at applies', () => {
  const dated = buildPriceBook({
    sheet: sheet(
      'aws,*,r6i.2xlarge,on-demand,0.40,',
      'aws,*,r6i.2xlarge,on-demand,0.30,2026-11-15',
      'aws,*,r6i.2xlarge,on-demand,0.25,2027-01-01',
      'aws,eu-west-1,r6i.2xlarge,on-demand,0.45,',
      'aws,*,m7i.xlarge,on-demand,0.22,2026-12-01',
    ),
  });
  test.each<[string, Partial<NodeShape>, string, PriceSource, number]>([
    ['long before any change: the undated row', {}, '2025-01-01T00:00:00Z', 'price-sheet', 0.4],
    ['the last millisecond before a change', {}, '2026-11-14T23:59:59.999Z', 'price-sheet', 0.4],
    ['at the change (UTC midnight)', {}, '2026-11-15T00:00:00Z', 'price-sheet', 0.3],
    ['after the change', {}, '2026-12-31T23:00:00Z', 'price-sheet', 0.3],
    ['at the next change', {}, '2027-01-01T00:00:00Z', 'price-sheet', 0.25],
    ['a more specific undated row keeps beating later any-region changes', { region: 'eu-west-1' }, '2027-02-01T00:00:00Z', 'price-sheet', 0.45],
    ['only a future row: not yet, the catalog', { instanceType: 'm7i.xlarge', region: 'us-east-1' }, '2026-11-30T23:00:00Z', 'catalog', 0.2016],
    ['only a future row: from its date on', { instanceType: 'm7i.xlarge', region: 'us-east-1' }, '2026-12-01T00:00:00Z', 'price-sheet', 0.22],
  ])('%s', (_name, over, at, source, usdPerHour) => {
    const price = priceNode(dated, node({ instanceType: 'r6i.2xlarge', region: 'us-east-1', ...over }), new Date(at));
    expect([price.source, price.usdPerHour]).toEqual([source, usdPerHour]);
    expect(priceNode(dated, node({ instanceType: 'r6i.2xlarge', region: 'us-east-1', ...over }), utc(at)).usdPerHour).toBe(usdPerHour);
  });
});

describe('a price change never rewrites a closed month', () => {
  test.each<[string, string]>([
    ['2026-11-20T15:00:00Z', '2026-11-01T00:00:00.000Z'],
    ['2026-11-01T00:00:00Z', '2026-11-01T00:00:00.000Z'],
    ['2026-10-31T23:59:59.999Z', '2026-10-01T00:00:00.000Z'],
    ['2026-12-31T23:59:59.999Z', '2026-12-01T00:00:00.000Z'],
    ['2027-01-01T00:00:00Z', '2027-01-01T00:00:00.000Z'],
    ['2028-02-29T12:00:00+14:00', '2028-02-01T00:00:00.000Z'],
  ])('firstOpenHour(%s) = %s', (now, expected) => expect(firstOpenHour(new Date(now))).toBe(utc(expected)));

  const NOW = new Date('2026-11-20T15:00:00Z');
  test.each<[string, string | null, string | null]>([
    ['undated rows stay undated (always)', null, null],
    ['a row dated into a closed month applies from the first open hour', '2026-09-01', '2026-11-01'],
    ['… also from the last day of the previous month', '2026-10-31', '2026-11-01'],
    ['a row dated on the first open hour keeps its date', '2026-11-01', '2026-11-01'],
    ['a row dated in the open month keeps its date', '2026-11-15', '2026-11-15'],
    ['a future row keeps its date', '2027-01-01', '2027-01-01'],
  ])('effectivePriceDate: %s', (_name, from, expected) => {
    expect(effectivePriceDate(from === null ? null : utc(from), NOW)).toBe(expected === null ? null : utc(expected));
  });

  const retro = buildPriceBook({
    sheet: sheet('aws,*,r6i.2xlarge,on-demand,0.40,', 'aws,*,r6i.2xlarge,on-demand,0.35,2026-09-01', 'aws,*,r6i.2xlarge,on-demand,0.33,2026-10-15'),
  });
  test.each<[string, string, string | null, number]>([
    ['no now: rows apply from their dates, closed months included', '2026-09-05T00:00:00Z', null, 0.35],
    ['no now: October after the 15th', '2026-10-20T00:00:00Z', null, 0.33],
    ['now in November: September keeps the old price', '2026-09-05T00:00:00Z', '2026-11-20T15:00:00Z', 0.4],
    ['now in November: October keeps the old price', '2026-10-20T00:00:00Z', '2026-11-20T15:00:00Z', 0.4],
    ['now in November: both rows start Nov 1; the later-dated one wins', '2026-11-01T00:00:00Z', '2026-11-20T15:00:00Z', 0.33],
    ['now in November: later in November', '2026-11-25T00:00:00Z', '2026-11-20T15:00:00Z', 0.33],
    ['now in October: the September row from Oct 1', '2026-10-10T00:00:00Z', '2026-10-20T00:00:00Z', 0.35],
    ['now in October: the October row from its own date', '2026-10-16T00:00:00Z', '2026-10-20T00:00:00Z', 0.33],
    ['now in October: September is closed', '2026-09-30T23:00:00Z', '2026-10-20T00:00:00Z', 0.4],
  ])('%s', (_name, at, now, usdPerHour) => {
    const price = priceNode(retro, node({ instanceType: 'r6i.2xlarge' }), utc(at), now === null ? undefined : new Date(now));
    expect([price.source, price.usdPerHour]).toEqual(['price-sheet', usdPerHour]);
  });
});
