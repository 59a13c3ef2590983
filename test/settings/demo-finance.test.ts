import { describe, expect, test } from 'vitest';
import { GET as reportRoute } from '../../app/api/v1/reports/monthly/route';
import { budgetStatus } from '../../lib/cost/budget-status';
import { DEMO_CONFIG } from '../../lib/settings/current';
import { demoBudgets, demoFinanceConfig } from '../../lib/settings/demo-finance';
import type { TallyConfig } from '../../lib/config';
import { BACKENDS } from '../helpers/backends';
import { replayedMonths } from '../helpers/replayed-months';

const status = (budgets: ReturnType<typeof demoBudgets>, t: { team: string; totalCostUsd: number; forecastUsd: number }) =>
  budgetStatus({ costUsd: t.totalCostUsd, forecastUsd: t.forecastUsd, budgetUsd: budgets[t.team]?.default ?? budgets['*']?.default ?? null });

describe('demoBudgets: one team over, one at risk, the others under', () => {
  test.each([
    ['a month in full swing', [['payments', 4210, 9800], ['search', 3300, 7100], ['checkout', 800, 2000], ['ml', 120, 300]], { payments: 3700, search: 5200, '*': 2500 }],
    ['amounts that round onto a boundary stay exact', [['a', 10, 10.4], ['b', 9.99, 10.01], ['c', 1, 2]], { a: 9, b: 10, '*': 2.5 }],
    ['a cost and forecast too close for a round budget', [['a', 100, 200], ['b', 50.001, 50.02]], { a: 90, b: 50.01 }],
  ] as [string, [string, number, number][], Record<string, number>][])('%s', (_name, rows, expected) => {
    const teams = rows.map(([team, totalCostUsd, forecastUsd]) => ({ team, totalCostUsd, forecastUsd }));
    const budgets = demoBudgets([...teams, { team: '__unallocated__', totalCostUsd: 99_999, forecastUsd: 99_999 }]);
    expect(Object.fromEntries(Object.entries(budgets).map(([k, v]) => [k, v.default]))).toEqual(expected);
    expect(teams.map((t) => status(budgets, t))).toEqual(['over', 'at-risk', ...teams.slice(2).map(() => 'under')]);
  });

  test('no cost yet: nobody can be over, and no budget is 0', () => {
    expect(demoBudgets([{ team: 'a', totalCostUsd: 0, forecastUsd: 0 }])).toEqual({});
  });
});

const OCTOBER = { from: new Date('2026-10-30T10:00:00.000Z'), to: new Date('2026-10-30T11:00:00.000Z') };
const NOVEMBER = { from: new Date('2026-11-02T10:00:00.000Z'), to: new Date('2026-11-02T12:00:00.000Z') };
const NOW = NOVEMBER.to;

describe.each(BACKENDS)('the demo’s finance settings on $name', (backend) => {
  let config: TallyConfig = DEMO_CONFIG;
  const database = replayedMonths(backend, [OCTOBER, NOVEMBER], { now: NOW, config: () => config, seed: 1, cluster: 'demo' });

  test('the report shows a team over budget, one at risk, and last month reconciled to an invoice 4% above the model', async () => {
    const modelled = (await (await reportRoute(new Request('http://localhost/api/v1/reports/monthly?month=2026-10'))).json()) as { data: { totals: { totalCostUsd: number } } };
    config = await demoFinanceConfig(database(), DEMO_CONFIG, 'demo', NOW);
    expect(config.shared).toEqual(DEMO_CONFIG.shared);
    expect(config.invoices).toMatchObject([{ cluster: 'demo', month: '2026-10' }]);
    // 4% above the model (the report's total is rounded to the cent, the invoice from the unrounded one).
    expect(Math.abs(config.invoices[0]!.totalUsd - modelled.data.totals.totalCostUsd * 1.04)).toBeLessThan(0.011);
    const november = (await (await reportRoute(new Request('http://localhost/api/v1/reports/monthly?month=2026-11'))).json()) as { data: { teams: { team: string; status: string }[] } };
    const statuses = november.data.teams.filter((t) => t.team !== '__unallocated__').map((t) => t.status);
    expect(statuses.filter((s) => s === 'over')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'at-risk')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'under').length).toBeGreaterThanOrEqual(1);
    const october = (await (await reportRoute(new Request('http://localhost/api/v1/reports/monthly?month=2026-10'))).json()) as { data: { totals: { totalCostUsd: number; adjustmentUsd: number } } };
    expect(october.data.totals.totalCostUsd).toBeCloseTo(modelled.data.totals.totalCostUsd * 1.04, 1);
    expect(october.data.totals.adjustmentUsd / (october.data.totals.totalCostUsd - october.data.totals.adjustmentUsd)).toBeCloseTo(0.04, 2); // cents of a few dollars
  });
});
