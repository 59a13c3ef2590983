import { describe, expect, test } from 'vitest';
import { CATALOG, lookupListPrice, SPOT_DISCOUNT } from '../../lib/cost';

const onDemand = (provider: string, instanceType: string, region: string) => lookupListPrice({ provider, instanceType, region, capacityType: 'on-demand' });

describe('bundled list prices (USD/h, on-demand, taken 2025-01)', () => {
  test.each([
    ['aws', 'us-east-1', 'm6i.xlarge', 0.192],
    ['aws', 'us-east-1', 'm5.2xlarge', 0.384],
    ['aws', 'us-east-1', 'r6i.2xlarge', 0.504],
    ['aws', 'us-east-1', 'g4dn.xlarge', 0.526],
    ['aws', 'us-east-1', 'm5.large', 0.096],
    ['aws', 'us-east-1', 'm5.xlarge', 0.192],
    ['aws', 'us-east-1', 'm6i.large', 0.096],
    ['aws', 'us-east-1', 'm6i.2xlarge', 0.384],
    ['aws', 'us-east-1', 'c5.xlarge', 0.17],
    ['aws', 'us-east-1', 'c6i.xlarge', 0.17],
    ['aws', 'us-east-1', 'r5.xlarge', 0.252],
    ['aws', 'us-east-1', 't3.medium', 0.0416],
    ['aws', 'us-east-1', 't3.large', 0.0832],
    ['aws', 'us-east-1', 'g5.xlarge', 1.006],
    ['aws', 'us-east-1', 'p3.2xlarge', 3.06],
    ['gcp', 'us-central1', 'e2-standard-4', 0.134012],
    ['gcp', 'us-central1', 'n1-standard-4', 0.19],
    ['gcp', 'us-central1', 'n2-standard-4', 0.194236],
    ['gcp', 'us-central1', 'n2d-standard-4', 0.168984],
    ['gcp', 'us-central1', 'c2-standard-4', 0.2088],
    ['gcp', 'us-central1', 'a2-highgpu-1g', 3.673385],
    ['gcp', 'us-central1', 'g2-standard-4', 0.70683],
    ['azure', 'eastus', 'Standard_D4s_v3', 0.192],
    ['azure', 'eastus', 'Standard_D4s_v5', 0.192],
    ['azure', 'eastus', 'Standard_E4s_v5', 0.252],
    ['azure', 'eastus', 'Standard_F4s_v2', 0.169],
    ['azure', 'eastus', 'Standard_DS2_v2', 0.146],
    ['azure', 'eastus', 'Standard_NC6s_v3', 3.06],
    ['digitalocean', 'nyc1', 's-2vcpu-4gb', 0.03571],
  ])('%s %s %s → $%d/h', (provider, region, instanceType, usdPerHour) => {
    expect(onDemand(provider, instanceType, region)).toEqual({ usdPerHour, source: 'catalog', region, takenOn: '2025-01' });
  });

  test('every entry: positive price, a YYYY-MM date, one row per provider/type/region', () => {
    const keys = CATALOG.map((e) => `${e.provider}/${e.instanceType}/${e.region}`.toLowerCase());
    expect(new Set(keys).size).toBe(keys.length);
    for (const e of CATALOG) {
      expect(e.usdPerHour).toBeGreaterThan(0);
      expect(e.takenOn).toMatch(/^\d{4}-\d{2}$/);
    }
  });
});

describe('lookupListPrice', () => {
  test.each([
    ['aws', 'm5.2xlarge', 0.384 * (1 - 0.65)],
    ['gcp', 'n2-standard-4', 0.194236 * (1 - 0.7)],
    ['azure', 'Standard_D4s_v5', 0.192 * (1 - 0.7)],
  ])('spot %s %s = on-demand × (1 − discount)', (provider, instanceType, usdPerHour) => {
    const price = lookupListPrice({ provider, instanceType, region: null, capacityType: 'spot' });
    expect(price?.source).toBe('catalog-spot-discount');
    expect(price?.usdPerHour).toBeCloseTo(usdPerHour, 12);
  });

  test.each([
    ['the node region is listed', 'eu-west-1', { usdPerHour: 0.214, region: 'eu-west-1' }, undefined],
    ['another region falls back to the first listed', 'ap-south-1', { usdPerHour: 0.192, region: 'us-east-1' }, /no ap-south-1 price.*us-east-1/],
    ['an unknown region falls back too', null, { usdPerHour: 0.192, region: 'us-east-1' }, /no unknown price/],
  ])('region: %s', (_name, region, expected, note) => {
    const price = lookupListPrice({ provider: 'aws', instanceType: 'm6i.xlarge', region, capacityType: 'on-demand' });
    expect(price).toMatchObject(expected);
    if (note) expect(price?.note).toMatch(note);
    else expect(price).not.toHaveProperty('note');
  });

  test.each([
    ['no provider', null, 'm5.large'],
    ['no instance type', 'aws', null],
    ['unknown type', 'aws', 'x9.huge'],
    ['unknown provider', 'hetzner', 'cx21'],
    ['type of another provider', 'gcp', 'm5.large'],
  ])('%s → null', (_name, provider, instanceType) => {
    expect(lookupListPrice({ provider, instanceType, region: 'us-east-1', capacityType: 'on-demand' })).toBeNull();
  });

  test('matching ignores case (AKS and hand-written sheets differ)', () => {
    expect(lookupListPrice({ provider: 'Azure', instanceType: 'standard_d4s_v3', region: 'EastUS', capacityType: 'on-demand' })).toMatchObject({ usdPerHour: 0.192, region: 'eastus' });
  });

  test('a provider without spot prices on-demand and says so; discounts can be overridden', () => {
    const doSpot = lookupListPrice({ provider: 'digitalocean', instanceType: 's-2vcpu-4gb', region: 'nyc1', capacityType: 'spot' });
    expect(doSpot).toMatchObject({ usdPerHour: 0.03571, note: expect.stringMatching(/no spot discount/) });
    const custom = lookupListPrice({ provider: 'aws', instanceType: 'm5.large', region: 'us-east-1', capacityType: 'spot' }, { ...SPOT_DISCOUNT, aws: 0.5 });
    expect(custom?.usdPerHour).toBeCloseTo(0.048, 12);
  });
});

describe('lookupListPrice: configured spot discounts', () => {
  const spot = (provider: string, instanceType: string, region: string, discounts: Readonly<Record<string, number>>) =>
    lookupListPrice({ provider, instanceType, region, capacityType: 'spot' }, discounts);
  test.each<[string, Readonly<Record<string, number>>, number, RegExp | undefined]>([
    ['the bundled discounts', SPOT_DISCOUNT, 0.096 * 0.35, undefined],
    ['a map that leaves AWS out: priced on-demand, noted', { gcp: 0.7 }, 0.096, /aws has no spot discount; priced on-demand/],
    ['a zero discount: on-demand, noted', { aws: 0 }, 0.096, /aws has no spot discount/],
    ['a full discount', { aws: 1 }, 0, undefined],
  ])('%s', (_name, discounts, usdPerHour, note) => {
    const price = spot('aws', 'm5.large', 'us-east-1', discounts);
    expect(price?.source).toBe('catalog-spot-discount');
    expect(price?.usdPerHour).toBeCloseTo(usdPerHour, 12);
    if (note) expect(price?.note).toMatch(note);
    else expect(price?.note).toBeUndefined();
  });
});
