import { describe, expect, test } from 'vitest';
import { formatBytes, formatKibibytes, formatMillicores, formatNanocores } from '../../lib/demo/quantity';
import { toBytes, toMillicores } from '../../lib/k8s/quantity';

describe('what the demo writes, lib/k8s/quantity reads back', () => {
  test.each([
    [250, '250m'],
    [2000, '2'],
    [1500, '1500m'],
    [25, '25m'],
  ])('%d millicores → %s', (millicores, text) => {
    expect(formatMillicores(millicores)).toBe(text);
    expect(toMillicores(text)).toBe(millicores);
  });

  test.each([
    [2 * 1024 ** 3, '2Gi'],
    [768 * 1024 ** 2, '768Mi'],
    [16_071_980 * 1024, '16071980Ki'],
    [1000, '1000'],
    [50 * 1024 ** 3, '50Gi'],
  ])('%d bytes → %s', (value, text) => {
    expect(formatBytes(value)).toBe(text);
    expect(toBytes(text)).toBe(value);
  });

  test('metrics-server forms: nanocores and whole KiB', () => {
    expect(formatNanocores(487.558164)).toBe('487558164n');
    expect(toMillicores('487558164n')).toBe(488);
    expect(formatKibibytes(512 * 1024 ** 2 + 700)).toBe('524289Ki');
    expect(toBytes('524289Ki')).toBe(524_289 * 1024);
    expect(formatNanocores(-1)).toBe('0n');
  });
});
