import { describe, expect, test } from 'vitest';
import {
  budgetAlertEventId, budgetAlertEvents, jsonAlertBody, retryDelayMs, slackAlertBody, type BudgetAlertRow, type RaisedBudgetAlert,
} from '../../lib/cost/budget-alerts';
import { budgetStatus } from '../../lib/cost/budget-status';

const row = (costUsd: number, forecastUsd: number, budgetUsd: number | null, name = 'payments'): BudgetAlertRow => ({ scope: 'team', name, costUsd, forecastUsd, budgetUsd });

describe('budgetAlertEvents: forecast > budget, then cost > budget (strict, unrounded)', () => {
  test.each<[string, BudgetAlertRow, string[]]>([
    ['under: forecast within the budget', row(500, 900, 1000), []],
    ['forecast exactly at the budget', row(500, 1000, 1000), []],
    ['forecast a cent over', row(500, 1000.01, 1000), ['forecast-over-budget']],
    ['cost exactly at the budget', row(1000, 1400, 1000), ['forecast-over-budget']],
    ['cost over: both', row(1000.001, 1400, 1000), ['forecast-over-budget', 'over-budget']],
    ['budget 0, nothing spent', row(0, 0, 0), []],
    ['budget 0, anything spent', row(0.01, 0.01, 0), ['forecast-over-budget', 'over-budget']],
    ['no budget', row(5000, 9000, null), []],
  ])('%s', (_name, input, kinds) => {
    expect(budgetAlertEvents('2026-11', [input]).map((e) => e.kind)).toEqual(kinds);
  });

  test('the kinds match the report status: at-risk raises the forecast alert, over raises both', () => {
    for (const r of [row(500, 900, 1000), row(500, 1200, 1000), row(1200, 1300, 1000), row(1, 2, null)]) {
      const kinds = budgetAlertEvents('2026-11', [r]).map((e) => e.kind);
      const expected = { under: [], 'at-risk': ['forecast-over-budget'], over: ['forecast-over-budget', 'over-budget'], 'no-budget': [] }[budgetStatus(r)];
      expect(kinds).toEqual(expected);
    }
  });

  test('each event carries its row, month and budget; rows keep their order', () => {
    const events = budgetAlertEvents('2026-11', [row(10, 30, 20, 'a'), row(1, 2, 5, 'b'), { scope: 'cluster', name: 'prod', costUsd: 9, forecastUsd: 9, budgetUsd: 8 }]);
    expect(events).toEqual([
      { scope: 'team', name: 'a', month: '2026-11', kind: 'forecast-over-budget', costUsd: 10, forecastUsd: 30, budgetUsd: 20 },
      { scope: 'cluster', name: 'prod', month: '2026-11', kind: 'forecast-over-budget', costUsd: 9, forecastUsd: 9, budgetUsd: 8 },
      { scope: 'cluster', name: 'prod', month: '2026-11', kind: 'over-budget', costUsd: 9, forecastUsd: 9, budgetUsd: 8 },
    ]);
  });
});

describe('budgetAlertEventId: stable, one per scope, name, month and kind', () => {
  test.each([
    [{ scope: 'team', name: 'payments', month: '2026-11', kind: 'over-budget' }, 'team:payments:2026-11:over-budget'],
    [{ scope: 'cluster', name: 'prod:eu/1', month: '2026-01', kind: 'forecast-over-budget' }, 'cluster:prod%3Aeu%2F1:2026-01:forecast-over-budget'],
  ] as const)('%j → %s', (event, id) => expect(budgetAlertEventId(event)).toBe(id));
});

const ALERT: RaisedBudgetAlert = {
  scope: 'team', name: 'payments', month: '2026-11', kind: 'forecast-over-budget', costUsd: 310.204, forecastUsd: 1450.005, budgetUsd: 1200, raisedAtMs: Date.UTC(2026, 10, 2, 10),
};

describe('bodies', () => {
  test('Slack: text names the team, month, forecast and budget (cents, separators); blocks section + context', () => {
    const body = slackAlertBody(ALERT);
    expect(body.text).toBe(':warning: Budget alert: Team payments is forecast to pass its 2026-11 budget: forecast $1,450.01 against a budget of $1,200.00 (cost so far $310.20).');
    expect(body.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: ':warning: *Budget alert*\nTeam *payments* is forecast to pass its 2026-11 budget: forecast $1,450.01 against a budget of $1,200.00 (cost so far $310.20).' } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Tally · team:payments:2026-11:forecast-over-budget' }] },
    ]);
  });

  test('Slack: over budget leads with the cost; names are escaped for mrkdwn', () => {
    const body = slackAlertBody({ ...ALERT, scope: 'cluster', name: 'a<b>&c', kind: 'over-budget', costUsd: 1234567.891 });
    expect(body.text).toBe(':warning: Budget alert: Cluster a&lt;b&gt;&amp;c is over its 2026-11 budget: cost so far $1,234,567.89 against a budget of $1,200.00 (forecast $1,450.01).');
  });

  test('generic JSON: the event id, the fields, money to the cent, raisedAt ISO', () => {
    expect(jsonAlertBody(ALERT)).toEqual({
      id: 'team:payments:2026-11:forecast-over-budget', type: 'tally.budget-alert', kind: 'forecast-over-budget', scope: 'team', name: 'payments',
      team: 'payments', cluster: null, month: '2026-11', costUsd: 310.2, forecastUsd: 1450.01, budgetUsd: 1200, currency: 'USD',
      raisedAt: '2026-11-02T10:00:00.000Z', message: 'Team payments is forecast to pass its 2026-11 budget: forecast $1,450.01 against a budget of $1,200.00 (cost so far $310.20).',
    });
    expect(jsonAlertBody({ ...ALERT, scope: 'cluster', name: 'prod' })).toMatchObject({ team: null, cluster: 'prod' });
  });
});

describe('retryDelayMs = min(cap, base × 2^(attempt − 1))', () => {
  test.each([
    [1, 1_000], [2, 2_000], [3, 4_000], [4, 8_000], [5, 10_000], [12, 10_000], [0, 1_000],
  ])('base 1 s, cap 10 s: after %i failed attempts wait %i ms', (attempt, ms) => expect(retryDelayMs(attempt, { baseMs: 1_000, capMs: 10_000 })).toBe(ms));
  test('base 1 min, cap 1 h', () => {
    expect([3, 4, 6, 7, 50].map((a) => retryDelayMs(a, { baseMs: 60_000, capMs: 3_600_000 }))).toEqual([240_000, 480_000, 1_920_000, 3_600_000, 3_600_000]);
  });
});
