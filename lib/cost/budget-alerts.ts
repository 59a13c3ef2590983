/**
 * Budget alerts (issue 11 §2), the pure part: which alerts a month's report rows raise, the
 * bodies sent to webhooks, and the retry backoff. No I/O, no clock: lib/alerts does the rest.
 */
import { roundUsd } from './rates';

/** What an alert is about: a team (tally.yaml `budgets`) or a whole cluster (`clusterBudgets`). */
export type BudgetAlertScope = 'team' | 'cluster';

/** `forecast-over-budget`: the month-end forecast passes the budget; `over-budget`: the cost so far does. */
export type BudgetAlertKind = 'forecast-over-budget' | 'over-budget';

export const BUDGET_ALERT_KINDS: readonly BudgetAlertKind[] = ['forecast-over-budget', 'over-budget'];

/** One budget row of a monthly report: a team's (its cost with its shared share) or a cluster's total. USD, unrounded. */
export interface BudgetAlertRow {
  scope: BudgetAlertScope;
  name: string;
  costUsd: number;
  forecastUsd: number;
  budgetUsd: number | null;
}

/** An alert: raised once per scope, name, month and kind. USD, unrounded. */
export interface BudgetAlertEvent extends BudgetAlertRow {
  /** `YYYY-MM`, UTC. */
  month: string;
  kind: BudgetAlertKind;
  budgetUsd: number;
}

/** A recorded alert, as the webhooks are told about it. */
export interface RaisedBudgetAlert extends BudgetAlertEvent {
  /** When Tally first saw it, epoch ms. */
  raisedAtMs: number;
}

/**
 * The alerts `month`'s rows raise, in row order, forecast before cost: `forecast-over-budget`
 * when forecastUsd > budgetUsd, `over-budget` when costUsd > budgetUsd (the report's `at-risk`
 * and `over`, see budgetStatus; a cost over its budget has its forecast over it too, so it
 * raises both). Rows without a budget raise none. Strict comparisons on unrounded USD.
 */
export function budgetAlertEvents(month: string, rows: readonly BudgetAlertRow[]): BudgetAlertEvent[] {
  return rows.flatMap((row): BudgetAlertEvent[] => {
    const { budgetUsd } = row;
    if (budgetUsd === null) return [];
    const passed: [BudgetAlertKind, boolean][] = [['forecast-over-budget', row.forecastUsd > budgetUsd], ['over-budget', row.costUsd > budgetUsd]];
    return passed.filter(([, yes]) => yes).map(([kind]) => ({ ...row, budgetUsd, month, kind }));
  });
}

/**
 * The event's stable id, `<scope>:<name>:<month>:<kind>` (the name URI-encoded), e.g.
 * `team:payments:2026-11:over-budget`: the same on every attempt and every replica, so a
 * receiver can drop a repeat.
 */
export function budgetAlertEventId(e: Pick<BudgetAlertEvent, 'scope' | 'name' | 'month' | 'kind'>): string {
  return `${e.scope}:${encodeURIComponent(e.name)}:${e.month}:${e.kind}`;
}

const MONEY = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** USD with two decimals and thousands separators: 1234.567 → "$1,234.57". */
const money = (usd: number) => MONEY.format(roundUsd(usd, 2));
/** Slack mrkdwn escapes exactly these three characters. */
const slackEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * One sentence for people, e.g. "Team payments is forecast to pass its 2026-11 budget: forecast
 * $1,450.00 against a budget of $1,200.00 (cost so far $310.20)." Amounts rounded to the cent.
 */
export function budgetAlertSentence(e: BudgetAlertEvent, name: (n: string) => string = (n) => n): string {
  const who = `${e.scope === 'team' ? 'Team' : 'Cluster'} ${name(e.name)}`;
  return e.kind === 'forecast-over-budget'
    ? `${who} is forecast to pass its ${e.month} budget: forecast ${money(e.forecastUsd)} against a budget of ${money(e.budgetUsd)} (cost so far ${money(e.costUsd)}).`
    : `${who} is over its ${e.month} budget: cost so far ${money(e.costUsd)} against a budget of ${money(e.budgetUsd)} (forecast ${money(e.forecastUsd)}).`;
}

/** A Slack incoming-webhook message: `text` (the notification and fallback) and Block Kit `blocks`. */
export interface SlackBody {
  text: string;
  blocks: ({ type: 'section'; text: { type: 'mrkdwn'; text: string } } | { type: 'context'; elements: { type: 'mrkdwn'; text: string }[] })[];
}

/**
 * The Slack-compatible body (Slack, Mattermost, Rocket.Chat incoming webhooks): `text` is
 * ":warning: Budget alert: " + {@link budgetAlertSentence}; one section block with the same
 * sentence, the name in bold, and a context block with the event id.
 */
export function slackAlertBody(alert: RaisedBudgetAlert): SlackBody {
  const sentence = budgetAlertSentence(alert, (n) => `*${slackEscape(n)}*`);
  return {
    text: `:warning: Budget alert: ${budgetAlertSentence(alert, slackEscape)}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `:warning: *Budget alert*\n${sentence}` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `Tally · ${slackEscape(budgetAlertEventId(alert))}` }] },
    ],
  };
}

/** The generic JSON body: the event's fields, money rounded to the cent, and a stable `id` to dedupe on. */
export interface JsonAlertBody {
  id: string;
  type: 'tally.budget-alert';
  kind: BudgetAlertKind;
  scope: BudgetAlertScope;
  name: string;
  /** The team (scope team) or the cluster (scope cluster), else null. */
  team: string | null;
  cluster: string | null;
  month: string;
  costUsd: number;
  forecastUsd: number;
  budgetUsd: number;
  currency: 'USD';
  /** ISO 8601, UTC: when Tally first saw the budget passed. */
  raisedAt: string;
  message: string;
}

/** The generic JSON body of an alert (see {@link JsonAlertBody}); the same on every attempt. */
export function jsonAlertBody(alert: RaisedBudgetAlert): JsonAlertBody {
  return {
    id: budgetAlertEventId(alert), type: 'tally.budget-alert', kind: alert.kind, scope: alert.scope, name: alert.name,
    team: alert.scope === 'team' ? alert.name : null, cluster: alert.scope === 'cluster' ? alert.name : null, month: alert.month,
    costUsd: roundUsd(alert.costUsd, 2), forecastUsd: roundUsd(alert.forecastUsd, 2), budgetUsd: roundUsd(alert.budgetUsd, 2), currency: 'USD',
    raisedAt: new Date(alert.raisedAtMs).toISOString(), message: budgetAlertSentence(alert),
  };
}

/**
 * The wait before the next attempt after `attempt` failed ones (1, 2, …), ms: exponential with a
 * cap, min(capMs, baseMs × 2^(attempt − 1)). E.g. base 1 s, cap 30 s: 1 s, 2 s, 4 s, … 30 s.
 * No jitter: the scheduler runs one replica's job at a time.
 */
export function retryDelayMs(attempt: number, { baseMs, capMs }: { baseMs: number; capMs: number }): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
}
