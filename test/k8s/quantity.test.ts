import { describe, expect, test } from 'vitest';
import { QuantityError, parseQuantity, toBytes, toCount, toMillicores } from '../../lib/k8s/quantity';

/** numerator/denominator as the parser returns them, compared as exact fractions. */
const ratio = (n: bigint, d: bigint) => ({ n, d });

describe('parseQuantity: exact rational values', () => {
  test.each([
    ['2', ratio(2n, 1n)],
    ['1.5', ratio(3n, 2n)],
    ['.5', ratio(1n, 2n)],
    ['2.', ratio(2n, 1n)],
    ['+1', ratio(1n, 1n)],
    ['-1', ratio(-1n, 1n)],
    ['-.5m', ratio(-1n, 2000n)],
    ['100m', ratio(1n, 10n)],
    ['250u', ratio(1n, 4000n)],
    ['12345n', ratio(12345n, 1_000_000_000n)],
    ['1k', ratio(1000n, 1n)],
    ['3M', ratio(3_000_000n, 1n)],
    ['1G', ratio(10n ** 9n, 1n)],
    ['1T', ratio(10n ** 12n, 1n)],
    ['1P', ratio(10n ** 15n, 1n)],
    ['1E', ratio(10n ** 18n, 1n)],
    ['1Ki', ratio(1024n, 1n)],
    ['1.5Gi', ratio(3n * 2n ** 29n, 1n)],
    ['1Ti', ratio(2n ** 40n, 1n)],
    ['1Ei', ratio(2n ** 60n, 1n)],
    ['1e3', ratio(1000n, 1n)],
    ['1E3', ratio(1000n, 1n)],
    ['1e+3', ratio(1000n, 1n)],
    ['1.5e-3', ratio(3n, 2000n)],
    ['0.000000001', ratio(1n, 10n ** 9n)],
    ['123456789012345678901234567890', ratio(123456789012345678901234567890n, 1n)],
  ])('%s = %o', (text, { n, d }) => {
    const q = parseQuantity(text);
    expect(q.denominator > 0n).toBe(true);
    expect(q.numerator * d).toBe(n * q.denominator);
  });
});

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
    ['1E3', 1_000_000],
    ['+1', 1000],
    ['0.0001', 1],
    ['4', 4000],
    ['3500m', 3500],
    ['9559630n', 10],
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
    ['1.5e-3', 1],
    ['1E3', 1000],
    ['20Gi', 21_474_836_480],
    ['122112633448', 122_112_633_448],
    ['0.1Ki', 103],
    ['1Ti', 1_099_511_627_776],
    ['7Pi', 7_881_299_347_898_368],
  ])('%s → %d', (text, bytes) => {
    expect(toBytes(text)).toBe(bytes);
  });
});

describe('toCount', () => {
  test.each([
    ['1', 1],
    ['4', 4],
    ['0', 0],
    ['500m', 1],
    ['1e1', 10],
  ])('%s → %d', (text, count) => expect(toCount(text)).toBe(count));
});

describe('malformed or unusable quantities are errors, never zero', () => {
  test.each(['', ' ', '1 Gi', 'Mi', '1ki', '1Kb', '1.5.5', 'abc', '--1', '1e', '1e+', 'e3', '1Gi ', 'NaN', 'Infinity', '0x10', '1_000', '١', '1\n', '\t1', '1e3Ki', '1Ki3', '1.5.5Gi', '1KiB', '1Mb', '1mi', '1g', '1K', 'm', '.', '+', '-', '.e3', '1e1000'])(
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
    expect(() => toMillicores('9007199254741')).toThrow(/too large/);
    expect(toMillicores('9007199254740')).toBe(9_007_199_254_740_000);
  });

  test('the error names the text', () => {
    expect(() => toMillicores('12x')).toThrow('"12x": not a valid quantity');
    expect(() => toBytes('1 Gi')).toThrow(new QuantityError('1 Gi'));
    expect(() => toBytes(`${'9'.repeat(100)}x`)).toThrow(`"${'9'.repeat(64)}…": not a valid quantity`);
  });
});
