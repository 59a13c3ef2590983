import { describe, expect, test } from 'vitest';
import { cronProblem } from '../../lib/config/cron';
import { parseConfig } from '../../lib/config/load';
import { DEFAULT_CONFIG, type TallyConfig } from '../../lib/config/schema';

describe('defaults', () => {
  const expected: TallyConfig = {
    teams: { labelKeys: ['team', 'owner'], namespaces: {} },
    shared: { namespaces: [], labels: {}, overheadUsdPerMonth: 0, split: 'weighted' },
    pricing: { currency: 'USD', discountPercent: 0, storageClasses: {}, exchangeRates: {} },
    budgets: {},
    clusterBudgets: {},
    invoices: [],
    retention: { rawSamplesDays: 8 },
    schedules: { collect: '* * * * *', rollup: '*/5 * * * *', prune: '17 3 * * *' },
    delivery: { failureWindowHours: 24, crashWindowMinutes: 30, commitTimeAnnotations: [], doraYear: 2024 },
    recommendations: { lookbackDays: 14 },
  };

  test.each([
    ['an empty file', ''],
    ['comments only', '# nothing here\n\n'],
    ['an empty mapping', '{}'],
    ['empty sections', 'teams:\nshared:\npricing:\nbudgets:\ninvoices:\nretention:\nschedules:\ndelivery:\n'],
    ['empty sub-maps', 'teams:\n  namespaces:\nshared:\n  labels:\npricing:\n  storageClasses:\n'],
  ])('%s gives the defaults', (_name, text) => {
    expect(parseConfig(text, 'tally.yaml')).toEqual(expected);
  });

  test('DEFAULT_CONFIG is the defaults, frozen', () => {
    expect(DEFAULT_CONFIG).toEqual(expected);
    expect(Object.isFrozen(DEFAULT_CONFIG.teams.labelKeys)).toBe(true);
  });

  test('a partial section keeps the defaults of the keys it leaves out', () => {
    const config = parseConfig('pricing:\n  discountPercent: 5\nschedules:\n  collect: "*/2 * * * *"\n', 't.yaml');
    expect(config.pricing).toEqual({ currency: 'USD', discountPercent: 5, storageClasses: {}, exchangeRates: {} });
    expect(config.schedules).toEqual({ collect: '*/2 * * * *', rollup: '*/5 * * * *', prune: '17 3 * * *' });
  });
});

describe('each item, valid', () => {
  test.each<[string, string, (c: TallyConfig) => unknown, unknown]>([
    ['teams.labelKeys', 'teams:\n  labelKeys: [squad]\n', (c) => c.teams.labelKeys, ['squad']],
    ['teams.namespaces', 'teams:\n  namespaces:\n    pay: payments\n', (c) => c.teams.namespaces, { pay: 'payments' }],
    ['shared.namespaces', 'shared:\n  namespaces: [kube-system]\n', (c) => c.shared.namespaces, ['kube-system']],
    ['shared.labels', 'shared:\n  labels:\n    app.kubernetes.io/part-of: platform\n', (c) => c.shared.labels, { 'app.kubernetes.io/part-of': 'platform' }],
    ['shared.overheadUsdPerMonth', 'shared:\n  overheadUsdPerMonth: 99.5\n', (c) => c.shared.overheadUsdPerMonth, 99.5],
    ['shared.split', 'shared:\n  split: even\n', (c) => c.shared.split, 'even'],
    ['pricing.currency with its rates', 'pricing:\n  currency: EUR\n  exchangeRates:\n    default: 0.92\n    2026-11: 0.95\n', (c) => [c.pricing.currency, c.pricing.exchangeRates], ['EUR', { default: 0.92, '2026-11': 0.95 }]],
    ['pricing.discountPercent 100', 'pricing:\n  discountPercent: 100\n', (c) => c.pricing.discountPercent, 100],
    ['pricing.priceSheet', 'pricing:\n  priceSheet: /etc/tally/prices.csv\n', (c) => c.pricing.priceSheet, '/etc/tally/prices.csv'],
    ['pricing.rates (partial)', 'pricing:\n  rates:\n    cpuCoreMonthUsd: 20\n', (c) => c.pricing.rates, { cpuCoreMonthUsd: 20 }],
    ['pricing.rates (all)', 'pricing:\n  rates: {cpuCoreMonthUsd: 1, ramGiBMonthUsd: 2, gpuMonthUsd: 3, storageGiBMonthUsd: 4}\n', (c) => c.pricing.rates, { cpuCoreMonthUsd: 1, ramGiBMonthUsd: 2, gpuMonthUsd: 3, storageGiBMonthUsd: 4 }],
    ['pricing.storageClasses', 'pricing:\n  storageClasses:\n    gp3: 0.08\n', (c) => c.pricing.storageClasses, { gp3: 0.08 }],
    ['pricing.spotDiscount', 'pricing:\n  spotDiscount:\n    aws: 0.6\n    digitalocean: 0\n', (c) => c.pricing.spotDiscount, { aws: 0.6, digitalocean: 0 }],
    ['budgets', 'budgets:\n  payments:\n    2025-01: 100\n    2025-12: 0\n', (c) => c.budgets, { payments: { '2025-01': 100, '2025-12': 0 } }],
    ['invoices', 'invoices:\n  - cluster: prod\n    month: 2025-01\n    totalUsd: 10.5\n', (c) => c.invoices, [{ cluster: 'prod', month: '2025-01', totalUsd: 10.5 }]],
    ['invoices, same month on two clusters', 'invoices:\n  - {cluster: a, month: 2025-01, totalUsd: 1}\n  - {cluster: b, month: 2025-01, totalUsd: 2}\n', (c) => c.invoices.length, 2],
    ['retention.rawSamplesDays', 'retention:\n  rawSamplesDays: 1\n', (c) => c.retention.rawSamplesDays, 1],
    ['recommendations.lookbackDays', 'recommendations:\n  lookbackDays: 90\n', (c) => c.recommendations.lookbackDays, 90],
    ['delivery.commitTimeAnnotations', 'delivery:\n  commitTimeAnnotations: [ci/committed-at]\n  doraYear: 2023\n', (c) => [c.delivery.commitTimeAnnotations, c.delivery.doraYear], [['ci/committed-at'], 2023]],
    ['schedules, 6 fields', 'schedules:\n  collect: "*/30 * * * * *"\n', (c) => c.schedules.collect, '*/30 * * * * *'],
    ['schedules, names and lists', 'schedules:\n  prune: "0 3 1-7 jan,jul mon-fri"\n', (c) => c.schedules.prune, '0 3 1-7 jan,jul mon-fri'],
  ])('%s', (_name, text, pick, expected) => {
    expect(pick(parseConfig(text, 'tally.yaml'))).toEqual(expected);
  });
});

describe('cronProblem', () => {
  test.each(['* * * * *', '5 * * * *', '17 3 * * *', '0 0 * * 7', '0,30 8-18/2 * * 1-5', '59 59 23 31 12 sun', '0 0 1 feb *'])(
    'accepts %s',
    (expression) => expect(cronProblem(expression)).toBeUndefined(),
  );

  test.each([
    ['* * * *', 'must have 5 or 6 fields, found 4'],
    ['* * * * * * *', 'must have 5 or 6 fields, found 7'],
    ['', 'must have 5 or 6 fields, found 0'],
    ['@hourly', 'must have 5 or 6 fields, found 1'],
    ['60 * * * *', 'minute 60 is out of range 0-59'],
    ['0 24 * * *', 'hour 24 is out of range 0-23'],
    ['0 0 0 * *', 'day of month 0 is out of range 1-31'],
    ['0 0 * 13 *', 'month 13 is out of range 1-12'],
    ['0 0 * * 8', 'day of week 8 is out of range 0-7'],
    ['0 0 * * mon-funday', '"funday" is not a day of week'],
    ['*/0 * * * *', 'has a step below 1'],
    ['0 0 ? * *', 'is not valid cron syntax'],
    ['0 0 L * *', '"l" is not a day of month'],
  ])('refuses %j: %s', (expression, problem) => {
    expect(cronProblem(expression)).toContain(problem);
  });
});
