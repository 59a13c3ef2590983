import { describe, expect, test } from 'vitest';
import { budgetFor, budgetStatus, budgetUsedRatio } from '../../lib/cost/budget-status';

const BUDGETS = {
  payments: { '2026-11': 12_000, default: 10_000 },
  storefront: { '2026-10': 8_000 },
  '*': { '2026-11': 3_000, default: 2_000 },
};

describe('budgetFor: its own month, its default, then every team’s (*)', () => {
  test.each([
    ['payments', '2026-11', 12_000],
    ['payments', '2026-12', 10_000],
    ['storefront', '2026-10', 8_000],
    ['storefront', '2026-11', 3_000],
    ['search', '2026-11', 3_000],
    ['search', '2027-01', 2_000],
  ])('%s in %s → %d', (team, month, usd) => expect(budgetFor(BUDGETS, team, month)).toBe(usd));
  test('no budgets, or no fallback asked for → null', () => {
    expect(budgetFor({}, 'payments', '2026-11')).toBeNull();
    expect(budgetFor(BUDGETS, 'search', '2026-11', null)).toBeNull();
    expect(budgetFor({ storefront: { '2026-10': 1 } }, 'storefront', '2026-11')).toBeNull();
  });
});

describe('budgetStatus and the share used', () => {
  test.each([
    [{ costUsd: 500, forecastUsd: 900, budgetUsd: 1000 }, 'under'],
    [{ costUsd: 500, forecastUsd: 1000, budgetUsd: 1000 }, 'under'],
    [{ costUsd: 500, forecastUsd: 1000.01, budgetUsd: 1000 }, 'at-risk'],
    [{ costUsd: 1000.01, forecastUsd: 1200, budgetUsd: 1000 }, 'over'],
    [{ costUsd: 0, forecastUsd: 0, budgetUsd: 0 }, 'under'],
    [{ costUsd: 1, forecastUsd: 1, budgetUsd: 0 }, 'over'],
    [{ costUsd: 500, forecastUsd: 900, budgetUsd: null }, 'no-budget'],
  ] as const)('%j → %s', (input, status) => expect(budgetStatus(input)).toBe(status));
  test.each([
    [250, 1000, 0.25],
    [1500, 1000, 1.5],
    [10, 0, null],
    [10, null, null],
  ])('%d of %s → %s', (cost, budget, ratio) => expect(budgetUsedRatio(cost, budget)).toBe(ratio));
});
