import { describe, expect, test } from 'vitest';
import { toCsv } from '../../lib/http/delivery-params';
import { FOCUS_COLUMNS, focusRow, type FocusInput } from '../../lib/cost/focus';
import { csvCell } from '../../lib/export/csv';
import { parseCsv } from '../helpers/csv';

// FOCUS 1.2's mandatory columns, their data type and whether they may be null (the specification's column pages).
const MANDATORY: [string, string, boolean][] = [
  ['BilledCost', 'Decimal', false], ['BillingAccountId', 'String', false], ['BillingAccountName', 'String', true],
  ['BillingCurrency', 'String', false], ['BillingPeriodEnd', 'DateTime', false], ['BillingPeriodStart', 'DateTime', false],
  ['ChargeCategory', 'String', false], ['ChargeClass', 'String', true], ['ChargeDescription', 'String', true],
  ['ChargePeriodEnd', 'DateTime', false], ['ChargePeriodStart', 'DateTime', false], ['ContractedCost', 'Decimal', false],
  ['EffectiveCost', 'Decimal', false], ['InvoiceIssuerName', 'String', false], ['ListCost', 'Decimal', false],
  ['PricingQuantity', 'Decimal', true], ['PricingUnit', 'String', true], ['ProviderName', 'String', false],
  ['PublisherName', 'String', false], ['ServiceCategory', 'String', false], ['ServiceName', 'String', false],
];
const FOCUS_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

const INPUT: FocusInput = {
  cluster: 'prod', team: 'payments', namespace: 'payments', controllerKind: 'Deployment', controller: 'api', line: 'workload',
  chargeStartMs: Date.parse('2026-11-03T00:00:00Z'), chargeEndMs: Date.parse('2026-11-04T00:00:00Z'),
  billingStartMs: Date.parse('2026-11-01T00:00:00Z'), billingEndMs: Date.parse('2026-12-01T00:00:00Z'), hours: 24,
  cpuCoreHours: 48, ramByteHours: 24 * 2 ** 31, gpuHours: 0, pvByteHours: 0, cpuCostUsd: 1.5, ramCostUsd: 0.5, gpuCostUsd: 0, pvCostUsd: 0,
  sharedCostUsd: 0.25, idleCostUsd: 0, adjustmentUsd: 0.05, totalCostUsd: 2.3, discountPercent: 8, currency: 'USD', usdExchangeRate: 1, labels: { 'app.kubernetes.io/part-of': 'shop' },
};

describe('FOCUS 1.2 columns', () => {
  test.each(MANDATORY)('%s: present, mandatory, %s, nullable %s', (name, type, nullable) => {
    const column = FOCUS_COLUMNS.find((c) => c.name === name);
    expect(column).toMatchObject({ name, type, nullable, mandatory: true });
  });
  test('21 mandatory columns first, every other one optional; no column twice; custom ones x_-prefixed', () => {
    expect(FOCUS_COLUMNS.filter((c) => c.mandatory).map((c) => c.name)).toEqual(MANDATORY.map(([n]) => n));
    expect(new Set(FOCUS_COLUMNS.map((c) => c.name)).size).toBe(FOCUS_COLUMNS.length);
    const known = new Set(['ChargeFrequency', 'ConsumedQuantity', 'ConsumedUnit', 'ResourceId', 'ResourceName', 'ResourceType', 'ServiceSubcategory', 'SubAccountId', 'SubAccountName', 'Tags', 'AllocatedMethodId', 'AllocatedResourceId', 'AllocatedResourceName', 'AllocatedTags']);
    for (const c of FOCUS_COLUMNS.filter((x) => !x.mandatory)) expect(known.has(c.name) || c.name.startsWith('x_')).toBe(true);
  });

  test('a row: every column, of its type, null only where allowed, values FOCUS allows', () => {
    const row = focusRow(INPUT);
    expect(Object.keys(row)).toEqual(FOCUS_COLUMNS.map((c) => c.name));
    for (const c of FOCUS_COLUMNS) {
      const v = row[c.name];
      if (v === null) {
        expect(c.nullable, c.name).toBe(true);
        continue;
      }
      if (c.type === 'Decimal') expect(typeof v, c.name).toBe('number');
      if (c.type === 'DateTime') expect(v, c.name).toMatch(FOCUS_DATETIME);
      if (c.type === 'JSON') expect(typeof JSON.parse(String(v)), c.name).toBe('object');
      if (c.allowed) expect(c.allowed, c.name).toContain(v);
    }
    expect(row).toMatchObject({
      EffectiveCost: 2.3, BilledCost: 2.3, ContractedCost: 2.3, ChargeCategory: 'Usage', ServiceCategory: 'Compute', ServiceSubcategory: 'Containers',
      ChargePeriodStart: '2026-11-03T00:00:00Z', ChargePeriodEnd: '2026-11-04T00:00:00Z', BillingPeriodStart: '2026-11-01T00:00:00Z',
      BillingPeriodEnd: '2026-12-01T00:00:00Z', PricingQuantity: 24, PricingUnit: 'Hours', BillingCurrency: 'USD',
      AllocatedResourceId: 'prod/payments/deployment/api', x_Team: 'payments', x_Namespace: 'payments', x_CpuCoreHours: 48,
    });
    expect(row.ListCost).toBeCloseTo(2.3 / 0.92, 12); // before the 8% discount
    expect(JSON.parse(String(row.Tags))).toEqual({ team: 'payments', namespace: 'payments', 'app.kubernetes.io/part-of': 'shop' });
  });

  test('another billing currency: the four costs at the month’s rate, in BillingCurrency; the x_ parts stay USD', () => {
    const row = focusRow({ ...INPUT, currency: 'EUR', usdExchangeRate: 0.9 });
    expect(row).toMatchObject({ BillingCurrency: 'EUR', x_UsdExchangeRate: 0.9, x_CpuCostUsd: INPUT.cpuCostUsd, x_AdjustmentUsd: 0.05 });
    for (const name of ['BilledCost', 'EffectiveCost', 'ContractedCost']) expect(row[name], name).toBeCloseTo(2.07, 12);
    expect(row.ListCost).toBeCloseTo(2.07 / 0.92, 12);
  });

  test('the idle line: no namespace or workload, a resource of its own', () => {
    const row = focusRow({ ...INPUT, team: '__idle__', namespace: null, controllerKind: null, controller: null, line: 'idle', discountPercent: 0 });
    expect(row).toMatchObject({ x_Line: 'idle', x_Namespace: null, SubAccountId: null, AllocatedResourceId: 'prod/idle', ResourceType: 'idle', ListCost: 2.3 });
  });
});

describe('CSV cells: RFC 4180 and safe in a spreadsheet', () => {
  test.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['naïve — ok', 'naïve — ok'],
    [-1.5, '-1.5'],
    [0, '0'],
    [Number.NaN, ''],
    [null, ''],
    [undefined, ''],
  ])('%j → %s', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
    if (typeof value === 'string') expect(parseCsv(`${csvCell(value)}\r\n`)[0]![0]).toBe(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
  });

  test('the report’s CSV (and every CSV of the API) writes its cells the same way', () => {
    expect(toCsv(['team', 'costUsd', 'drivers'], [{ team: '=cmd|x', costUsd: -1.5, drivers: 'namespace a +1, b' }])).toBe(`team,costUsd,drivers\r\n'=cmd|x,-1.5,"namespace a +1, b"\r\n`);
  });
});
