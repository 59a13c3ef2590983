import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { allocationDefaults, attributionConfig } from '../../lib/allocation/defaults';
import { fileURLToPath } from 'node:url';
import { loadConfigFile, parseConfig } from '../../lib/config';
import { setConfigSource } from '../../lib/settings/current';
import { priceBookOf } from '../../lib/settings/pricing';
import { rollupSettings } from '../../lib/settings/rollup';

const config = (yaml: string) => parseConfig(yaml, 'tally.yaml');

describe('what the running config feeds', () => {
  test.each([
    // storage class, yaml, USD per GiB-hour
    ['gp3', '', 0.04 / 730],
    ['gp3', 'pricing:\n  storageClasses:\n    gp3: 0.08\n', 0.08 / 730],
    ['io2', 'pricing:\n  storageClasses:\n    gp3: 0.08\n  rates:\n    storageGiBMonthUsd: 0.1\n', 0.1 / 730],
    [null, 'pricing:\n  discountPercent: 25\n', (0.04 / 730) * 0.75],
  ])('storage price of %s with %j → %f per GiB-hour', (storageClass, yaml, expected) => {
    expect(rollupSettings(config(yaml)).storagePrice!(storageClass)).toBeCloseTo(expected, 12);
  });

  test('team label keys and the namespace map reach the rollup and the team pages', () => {
    const c = config('teams:\n  labelKeys: [cost-center]\n  namespaces:\n    legacy-reports: data\n');
    expect(rollupSettings(c).attribution).toEqual({ labelKeys: ['cost-center'], namespaceTeams: { 'legacy-reports': 'data' } });
    setConfigSource({ current: () => c });
    expect(attributionConfig()).toEqual({ labelKeys: ['cost-center'], namespaceTeams: { 'legacy-reports': 'data' } });
  });

  test('shared namespaces, labels, overhead and invoices become the allocation API defaults', () => {
    setConfigSource({
      current: () =>
        config(
          'shared:\n  namespaces: [kube-system]\n  labels:\n    tier: shared\n  overheadUsdPerMonth: 730\n  split: even\n' +
            'invoices:\n  - cluster: prod\n    month: 2026-11\n    totalUsd: 1200\n',
        ),
    });
    expect(allocationDefaults(new Date('2026-12-02T10:00:00Z'))).toEqual({
      shareNamespaces: ['kube-system'], shareLabels: [{ key: 'tier', value: 'shared' }], shareSplit: 'even', overheadUsdPerMonth: 730,
      invoices: [{ cluster: 'prod', month: '2026-11', totalUsd: 1200 }],
      // November is closed: its hours are shared as they were rolled up.
      storedSharingBeforeMs: Date.parse('2026-12-01T00:00:00Z'),
    });
    // The rollup stores the same sharing with each hour it rolls up.
    expect(rollupSettings().sharing).toEqual({ namespaces: ['kube-system'], labels: [{ key: 'tier', value: 'shared' }] });
  });

  test('tally start refuses an invalid tally.yaml, naming the file, the line and the reason', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tally-config-'));
    const file = path.join(dir, 'tally.yaml');
    writeFileSync(file, 'teams:\n  labelKeys: [team]\npricing:\n  discountPercent: 140\n');
    const result = spawnSync(process.execPath, ['lib/cli/bin.cjs', 'start', '--demo', '--port', '0'], {
      encoding: 'utf8',
      env: { ...process.env, TALLY_CONFIG: file, TALLY_DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '' },
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/tally\.yaml:4/);
    expect(result.stderr).toMatch(/discountPercent/);
  });
});

describe('the price sheet named by tally.yaml', () => {
  const node = { provider: 'aws', instanceType: 'm6i.xlarge', region: 'eu-west-1', capacityType: 'on-demand' as const, cpuCores: 4, memoryGiB: 16, gpus: 0 };
  test('prices nodes from its rows; a broken edit is refused and the last good sheet stays', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tally-sheet-'));
    const sheet = path.join(dir, 'prices.csv');
    writeFileSync(sheet, 'provider,region,instanceType,capacityType,usdPerHour\naws,*,m6i.xlarge,on-demand,0.5\n');
    const c = config(`pricing:\n  priceSheet: ${sheet}\n`);
    const at = new Date('2026-11-01T00:00:00Z');
    expect(rollupSettings(c).priceNode!(node, at)).toEqual({ usdPerHour: 0.5, source: 'price-sheet' });
    writeFileSync(sheet, 'provider,region,instanceType,capacityType,usdPerHour\naws,*,m6i.xlarge,on-demand,oops\n');
    const errors: string[] = [];
    expect(priceBookOf(c, (e) => errors.push(e.message)).sheet[0]!.usdPerHour).toBe(0.5);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`${sheet}:2: usdPerHour "oops" is not a price`);
  });

  test('a broken sheet at start refuses to start, naming the file and line', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tally-sheet-'));
    writeFileSync(path.join(dir, 'prices.csv'), 'provider,region,instanceType,capacityType,usdPerHour\naws,*,m6i.xlarge,ondemand,0.5\n');
    writeFileSync(path.join(dir, 'tally.yaml'), 'pricing:\n  priceSheet: prices.csv\n');
    const result = spawnSync(process.execPath, ['lib/cli/bin.cjs', 'start', '--demo', '--port', '0'], {
      encoding: 'utf8',
      env: { ...process.env, TALLY_CONFIG: path.join(dir, 'tally.yaml'), TALLY_DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '' },
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('prices.csv:2: capacityType "ondemand" is not on-demand, spot or *');
  });
});

describe('the shipped example', () => {
  test('tally.example.yaml and its price sheet load: the example is runnable as TALLY_CONFIG', () => {
    const example = loadConfigFile(fileURLToPath(new URL('../../tally.example.yaml', import.meta.url)));
    const book = priceBookOf(example);
    expect(book.sheet.length).toBeGreaterThan(0);
    expect(book.discountPercent).toBe(example.pricing.discountPercent);
  });
});
