import { describe, expect, test } from 'vitest';
import { QuantityError, parseQuantity, toBytes, toCount, toMillicores } from '../../lib/k8s/quantity';

describe('toMillicores (rounded up, as Kubernetes MilliValue)', () => {
  test.each([
    ['100m', 100],
    ['1', 1000],
    ['2', 2000],
    ['1.5', 1500],
    ['.5', 500],
    ['0.25', 250],
    ['3500m', 3500],
    ['1e3', 1_000_000],
    ['1E-3', 1],
    ['1.5e-3', 2],
    ['12345n', 1],
    ['487558164n', 488],
    ['250u', 1],
    ['250000u', 250],
    ['0', 0],
    ['0m', 0],
    ['+2', 2000],
    ['1k', 1_000_000],
    ['2.', 2000],
    ['100000000n', 100],
  ])('%s → %d', (text, millicores) => {
    expect(toMillicores(text)).toBe(millicores);
  });
});

describe('toBytes (rounded up, as Kubernetes Value)', () => {
  test.each([
    ['128Mi', 134_217_728],
    ['1.5Gi', 1_610_612_736],
    ['129M', 129_000_000],
    ['1000000Ki', 1_024_000_000],
    ['500k', 500_000],
    ['732212Ki', 749_785_088],
    ['15387080Ki', 15_756_369_920],
    ['3110Mi', 3_261_071_360],
    ['1e3', 1000],
    ['1.5', 2],
    ['2Ti', 2_199_023_255_552],
    ['1Pi', 1_125_899_906_842_624],
    ['8Gi', 8_589_934_592],
    ['20Gi', 21_474_836_480],
    ['123456789', 123_456_789],
    ['1G', 1_000_000_000],
    ['0.5Ki', 512],
    ['1m', 1],
  ])('%s → %d', (text, bytes) => {
    expect(toBytes(text)).toBe(bytes);
  });
});

describe('toCount', () => {
  test.each([
    ['1', 1],
    ['4', 4],
    ['0', 0],
  ])('%s → %d', (text, count) => expect(toCount(text)).toBe(count));
});

describe('malformed or unusable quantities are errors, never zero', () => {
  test.each(['', ' ', '1 Gi', 'Mi', '1ki', '1Kb', '1.5.5', 'abc', '--1', '1e', '1e+', 'e3', '1Gi ', 'NaN', 'Infinity', '0x10', '1_000', '١'])(
    '%j is rejected by the parser',
    (text) => {
      expect(() => parseQuantity(text)).toThrow(QuantityError);
      expect(() => toMillicores(text)).toThrow(QuantityError);
    },
  );

  test.each(['-1', '-100m', '-1Gi'])('negative %s parses but is no resource amount', (text) => {
    expect(parseQuantity(text).numerator < 0n).toBe(true);
    expect(() => toBytes(text)).toThrow(/cannot be negative/);
  });

  test('beyond exact JS integers is an error', () => {
    expect(() => toBytes('9Ei')).toThrow(/too large/);
  });

  test('the error names the text', () => {
    expect(() => toMillicores('12x')).toThrow('"12x": not a valid quantity');
  });
});
