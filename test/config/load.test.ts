import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ConfigError, configPathFromEnv, formatPath, loadConfigFile, parseConfig } from '../../lib/config/load';
import { DEFAULT_CONFIG } from '../../lib/config/schema';

/** Six valid lines first (the body starts on line 7), so every line number below is well inside a multi-line document. */
const PREFIX = ['# Tally config', 'teams:', '  labelKeys: [team, owner]', '  namespaces:', '    pay: payments', '    web: storefront', ''].join('\n');

function errorOf(text: string, fileName = 'tally.yaml'): ConfigError {
  try {
    parseConfig(text, fileName);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('invalid values: the error names the line, column and key path', () => {
  // [what, YAML after PREFIX (its first line is line 7), line, column, path, reason]
  test.each<[string, string, number, number, string, string]>([
    ['discount over 100', 'pricing:\n  currency: USD\n  discountPercent: 120\n', 9, 20, 'pricing.discountPercent', 'must be at most 100'],
    ['discount below 0', 'pricing:\n  discountPercent: -1\n', 8, 20, 'pricing.discountPercent', 'must be at least 0'],
    ['discount as a string', 'pricing:\n  discountPercent: "12%"\n', 8, 20, 'pricing.discountPercent', 'expected a number, got string "12%"'],
    ['discount left empty', 'pricing:\n  discountPercent:\n', 8, 3, 'pricing.discountPercent', 'expected a number, got an empty value'],
    ['currency not ISO', 'pricing:\n  currency: usd\n', 8, 13, 'pricing.currency', '3-letter ISO 4217 code'],
    ['currency too long', 'pricing:\n  currency: EURO\n', 8, 13, 'pricing.currency', '3-letter ISO 4217 code'],
    ['a currency without exchange rates', 'pricing:\n  currency: EUR\n', 8, 3, 'pricing.exchangeRates', 'needed when currency is EUR: units of EUR per 1 USD'],
    ['an exchange rate of 0', 'pricing:\n  currency: EUR\n  exchangeRates:\n    default: 0\n', 10, 14, 'pricing.exchangeRates.default', 'greater than 0'],
    ['an exchange rate for a day', 'pricing:\n  currency: EUR\n  exchangeRates:\n    2026-11-01: 0.9\n', 10, 5, 'pricing.exchangeRates["2026-11-01"]', 'must be a month as YYYY-MM'],
    ['empty price sheet path', 'pricing:\n  priceSheet: ""\n', 8, 15, 'pricing.priceSheet', 'must not be empty'],
    ['negative rate', 'pricing:\n  rates:\n    gpuMonthUsd: -5\n', 9, 18, 'pricing.rates.gpuMonthUsd', 'must be at least 0'],
    ['unknown rate', 'pricing:\n  rates:\n    cpuCoreHourUsd: 1\n', 9, 5, 'pricing.rates.cpuCoreHourUsd', 'unknown key'],
    ['storage class price as text', 'pricing:\n  storageClasses:\n    gp3: cheap\n', 9, 10, 'pricing.storageClasses.gp3', 'expected a number'],
    ['spot discount over 1', 'pricing:\n  spotDiscount:\n    aws: 65\n', 9, 10, 'pricing.spotDiscount.aws', 'must be at most 1'],
    ['spot discount, unknown provider', 'pricing:\n  spotDiscount:\n    ibm: 0.5\n', 9, 5, 'pricing.spotDiscount.ibm', 'unknown key'],
    ['shared namespaces not a list', 'shared:\n  namespaces: kube-system\n', 8, 15, 'shared.namespaces', 'expected a list, got string "kube-system"'],
    ['labels as a list', 'shared:\n  labels: ["tier=infra"]\n', 8, 11, 'shared.labels', 'expected a mapping, got a list'],
    ['negative overhead', 'shared:\n  overheadUsdPerMonth: -100\n', 8, 24, 'shared.overheadUsdPerMonth', 'must be at least 0'],
    ['unknown split', 'shared:\n  split: random\n', 8, 10, 'shared.split', 'must be one of "weighted", "even"'],
    ['budget month not YYYY-MM', 'budgets:\n  payments:\n    2025-01: 10\n    2025-13: 10\n', 10, 5, 'budgets.payments["2025-13"]', 'invalid key: must be a month as YYYY-MM'],
    ['budget negative', 'budgets:\n  payments:\n    2025-01: -10\n', 9, 14, 'budgets.payments["2025-01"]', 'must be at least 0'],
    ['budget not a mapping', 'budgets:\n  payments: 1000\n', 8, 13, 'budgets.payments', 'expected a mapping, got number 1000'],
    ['invoice total zero', 'invoices:\n  - cluster: prod\n    month: 2025-01\n    totalUsd: 0\n', 10, 15, 'invoices[0].totalUsd', 'must be greater than 0'],
    ['invoice month format', 'invoices:\n  - cluster: a\n    month: 2025-01\n    totalUsd: 1\n  - cluster: b\n    month: 2025-1\n    totalUsd: 1\n', 12, 12, 'invoices[1].month', 'must be a month as YYYY-MM'],
    ['invoice missing total', 'invoices:\n  - cluster: a\n    month: 2025-01\n', 8, 5, 'invoices[0].totalUsd', 'is required'],
    ['invoice duplicated', 'invoices:\n  - {cluster: a, month: 2025-01, totalUsd: 1}\n  - {cluster: a, month: 2025-01, totalUsd: 2}\n', 9, 5, 'invoices[1]', 'duplicate invoice for a in 2025-01'],
    ['retention not whole days', 'retention:\n  rawSamplesDays: 1.5\n', 8, 19, 'retention.rawSamplesDays', 'expected an integer'],
    ['retention zero', 'retention:\n  rawSamplesDays: 0\n', 8, 19, 'retention.rawSamplesDays', 'must be at least 1'],
    ['lookback over 90 days', 'recommendations:\n  lookbackDays: 120\n', 8, 17, 'recommendations.lookbackDays', 'must be at most 90'],
    ['lookback zero', 'recommendations:\n  lookbackDays: 0\n', 8, 17, 'recommendations.lookbackDays', 'must be at least 1'],
    ['lookback not whole days', 'recommendations:\n  lookbackDays: 7.5\n', 8, 17, 'recommendations.lookbackDays', 'expected an integer'],
    ['cron with 3 fields', 'schedules:\n  collect: "* * *"\n', 8, 12, 'schedules.collect', 'must have 5 or 6 fields, found 3'],
    ['cron out of range', 'schedules:\n  rollup: "5 * * * *"\n  prune: "17 27 * * *"\n', 9, 10, 'schedules.prune', 'hour 27 is out of range 0-23'],
    ['unknown top-level key', 'shared:\n  split: even\nteams2:\n  x: 1\n', 9, 1, 'teams2', 'unknown key'],
    ['shared namespace not a string', 'shared:\n  namespaces: [kube-system, 42]\n', 8, 29, 'shared.namespaces[1]', 'expected a string, got number 42'],
    ['empty label key', 'shared:\n  labels:\n    "": platform\n', 9, 5, 'shared.labels[""]', 'invalid key: must not be empty'],
  ])('%s', (_what, body, line, column, path, reason) => {
    const error = errorOf(PREFIX + body);
    expect({ line: error.line, column: error.column, path: error.path }).toEqual({ line, column, path });
    expect(error.reason).toContain(reason);
    expect(error.message).toContain(`tally.yaml:${line}:${column}: ${path}: `);
  });

  test('the message has the documented shape', () => {
    expect(errorOf('pricing:\n  currency: USD\n  discountPercent: 120\n').message).toBe(
      'tally.yaml:3:20: pricing.discountPercent: must be at most 100',
    );
  });

  test('unknown keys are refused, each at its own line', () => {
    const error = errorOf(PREFIX + 'pricing:\n  currency: USD\n  discount: 5\nretention:\n  rawSampleDays: 3\n');
    expect(error.issues.map((i) => [i.line, i.column, i.path, i.reason])).toEqual([
      [9, 3, 'pricing.discount', 'unknown key'],
      [11, 3, 'retention.rawSampleDays', 'unknown key'],
    ]);
    expect(error.message.split('\n')).toEqual([
      'tally.yaml:9:3: pricing.discount: unknown key',
      'tally.yaml:11:3: retention.rawSampleDays: unknown key',
    ]);
  });

  test('several problems come sorted by line; the first one sets line and reason', () => {
    const error = errorOf('retention:\n  rawSamplesDays: 0\nshared:\n  split: x\npricing:\n  discountPercent: 101\n');
    expect(error.issues.map((i) => i.line)).toEqual([2, 4, 6]);
    expect([error.line, error.path]).toEqual([2, 'retention.rawSamplesDays']);
  });

  test('a top-level list is not a config', () => {
    const error = errorOf('# a list\n- teams\n');
    expect([error.line, error.column, error.path, error.reason]).toEqual([2, 1, '', 'expected a mapping, got a list']);
    expect(error.message).toBe('tally.yaml:2:1: expected a mapping, got a list');
  });
});

describe('YAML syntax errors carry their line', () => {
  test.each<[string, string, number, string]>([
    ['unclosed flow sequence', 'teams:\n  labelKeys: [team\npricing:\n  currency: USD\n', 3, 'YAML syntax'],
    ['duplicate key', 'pricing:\n  currency: USD\nshared:\n  split: even\npricing:\n  currency: EUR\n', 5, 'Map keys must be unique'],
    ['bad indentation', 'teams:\n  labelKeys: [team]\n namespaces: {}\n', 3, 'YAML syntax'],
    ['tab indentation', 'teams:\n\tlabelKeys: [team]\n', 2, 'YAML syntax'],
    ['two documents', 'teams: {}\n---\nshared: {}\n', 2, 'multiple documents'],
    ['unterminated string (found at the end)', 'pricing:\n  currency: "USD\n', 3, 'YAML syntax'],
  ])('%s', (_what, text, line, reason) => {
    const error = errorOf(text, 'conf/tally.yaml');
    expect(error.line).toBe(line);
    expect(error.reason).toContain(reason);
    expect(error.message).toMatch(new RegExp(`^conf/tally\\.yaml:${line}:\\d+: YAML syntax: `));
  });
});

test('an alias bomb is refused, not expanded', () => {
  const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 8; i++) levels.push(`l${i}: &l${i} [${Array(10).fill(i === 1 ? '*a' : `*l${i - 1}`).join(', ')}]`);
  const error = errorOf(levels.join('\n') + '\n');
  expect([error.line, error.reason]).toEqual([1, expect.stringContaining('alias')]);
});

describe('formatPath', () => {
  test.each<[PropertyKey[], string]>([
    [['pricing', 'discountPercent'], 'pricing.discountPercent'],
    [['invoices', 2, 'month'], 'invoices[2].month'],
    [['shared', 'labels', 'app.kubernetes.io/part-of'], 'shared.labels["app.kubernetes.io/part-of"]'],
    [[], ''],
  ])('%j → %s', (path, expected) => expect(formatPath(path)).toBe(expected));
});

describe('loadConfigFile and TALLY_CONFIG', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tally-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('no TALLY_CONFIG: the defaults', () => {
    expect(configPathFromEnv({})).toBeUndefined();
    expect(configPathFromEnv({ TALLY_CONFIG: '  ' })).toBeUndefined();
    expect(loadConfigFile(undefined)).toEqual(DEFAULT_CONFIG);
  });

  test('TALLY_CONFIG names the file', () => {
    expect(configPathFromEnv({ TALLY_CONFIG: '/etc/tally/tally.yaml' })).toBe('/etc/tally/tally.yaml');
  });

  test('a missing file is an error saying so', () => {
    const path = join(dir, 'nope.yaml');
    expect(() => loadConfigFile(path)).toThrow(`config file ${path} (TALLY_CONFIG) does not exist`);
  });

  test('an invalid file is a ConfigError naming the path', () => {
    const path = join(dir, 'bad.yaml');
    writeFileSync(path, 'retention:\n  rawSamplesDays: -1\n');
    expect(() => loadConfigFile(path)).toThrow(ConfigError);
    expect(() => loadConfigFile(path)).toThrow(`${path}:2:19: retention.rawSamplesDays: must be at least 1`);
  });

  test('a relative price sheet is resolved against the config file; an absolute one is kept', () => {
    const path = join(dir, 'sheet.yaml');
    writeFileSync(path, 'pricing:\n  priceSheet: prices/nodes.csv\n');
    expect(loadConfigFile(path).pricing.priceSheet).toBe(join(dir, 'prices/nodes.csv'));
    writeFileSync(path, 'pricing:\n  priceSheet: /srv/nodes.csv\n');
    expect(loadConfigFile(path).pricing.priceSheet).toBe('/srv/nodes.csv');
  });

  test('an empty file gives the defaults', () => {
    const path = join(dir, 'empty.yaml');
    writeFileSync(path, '');
    expect(loadConfigFile(path)).toEqual(DEFAULT_CONFIG);
  });
});
