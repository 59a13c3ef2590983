import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { loadConfigFile, parseConfig } from '../../lib/config/load';
import { DEFAULT_CONFIG, type TallyConfig } from '../../lib/config/schema';

const EXAMPLE = join(import.meta.dirname, '../../tally.example.yaml');
const text = readFileSync(EXAMPLE, 'utf8');

/** [key path, the "Default: …" of the comment just above that key], parenthesised asides dropped. */
function documentedDefaults(source: string): [string, string][] {
  const found: [string, string][] = [];
  const stack: { indent: number; key: string }[] = [];
  let pending: string | undefined;
  for (const line of source.split('\n')) {
    const comment = /^\s*#.*Default: (.*?)(?: \(.*\))?\.?$/.exec(line);
    if (comment) pending = comment[1];
    const entry = /^( *)([A-Za-z][\w-]*):/.exec(line);
    if (!entry) continue;
    const indent = entry[1]?.length ?? 0;
    while ((stack.at(-1)?.indent ?? -1) >= indent) stack.pop();
    stack.push({ indent, key: entry[2] ?? '' });
    if (pending !== undefined) found.push([stack.map((s) => s.key).join('.'), pending]);
    pending = undefined;
  }
  return found;
}

describe('tally.example.yaml', () => {
  const config = parseConfig(text, 'tally.example.yaml');

  test('parses without errors and sets every item to its documented value', () => {
    const expected: TallyConfig = {
      teams: { labelKeys: ['team', 'owner'], namespaces: { payments: 'payments', checkout: 'storefront', search: 'discovery' } },
      shared: {
        namespaces: ['kube-system', 'monitoring'],
        labels: { 'app.kubernetes.io/part-of': 'platform' },
        overheadUsdPerMonth: 1500,
        split: 'weighted',
      },
      pricing: {
        currency: 'USD',
        discountPercent: 12,
        priceSheet: 'prices/nodes.csv',
        rates: { cpuCoreMonthUsd: 21.9, ramGiBMonthUsd: 2.92, gpuMonthUsd: 693.5, storageGiBMonthUsd: 0.04 },
        storageClasses: { gp3: 0.08, 'premium-rwo': 0.17 },
        spotDiscount: { aws: 0.65, gcp: 0.7 },
        exchangeRates: { default: 1 },
      },
      budgets: { payments: { '2025-01': 12000, '2025-02': 12500, default: 13000 }, storefront: { '2025-01': 8000 }, '*': { default: 2000 } },
      clusterBudgets: { 'prod-eu': { default: 60000 } },
      invoices: [
        { cluster: 'prod-eu', month: '2025-01', totalUsd: 41250.75 },
        { cluster: 'prod-us', month: '2025-01', totalUsd: 38900 },
      ],
      retention: { rawSamplesDays: 8 },
      schedules: { collect: '* * * * *', rollup: '*/5 * * * *', prune: '17 3 * * *' },
      delivery: { failureWindowHours: 24, crashWindowMinutes: 30, commitTimeAnnotations: [], doraYear: 2024 },
      recommendations: { lookbackDays: 14 },
    };
    expect(config).toEqual(expected);
  });

  test('mentions every key of the schema, each with a comment', () => {
    const keys = (value: unknown): string[] =>
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.entries(value).flatMap(([key, child]) => [key, ...keys(child)])
        : [];
    const schemaKeys = [...keys(DEFAULT_CONFIG), 'priceSheet', 'rates', 'spotDiscount', 'cpuCoreMonthUsd', 'ramGiBMonthUsd', 'gpuMonthUsd', 'storageGiBMonthUsd', 'cluster', 'month', 'totalUsd'];
    for (const key of schemaKeys) expect(text).toMatch(new RegExp(`^\\s*(- )?${key}:`, 'm'));
    const commentLines = text.split('\n').filter((line) => line.trim().startsWith('#'));
    expect(commentLines.length).toBeGreaterThan(40);
    expect(documentedDefaults(text)).toHaveLength(text.match(/Default:/g)?.length ?? 0);
  });

  test.each(documentedDefaults(text))('the comment on %s states its real default: %s', (path, documented) => {
    const actual = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], DEFAULT_CONFIG);
    const expected = /^(none|the catalog)/.test(documented) ? undefined : parse(documented);
    expect(actual).toEqual(expected);
  });

  test('loaded as a file, its relative price sheet resolves next to it', () => {
    expect(loadConfigFile(EXAMPLE).pricing.priceSheet).toBe(join(import.meta.dirname, '../../prices/nodes.csv'));
  });
});
