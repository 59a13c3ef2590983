/**
 * Budget alerts in the database (budget_alert, budget_alert_delivery), in plain SQL that runs
 * on Postgres and PGlite alike. Raising is idempotent across replicas and restarts (the unique
 * key and ON CONFLICT DO NOTHING); sending is claimed with a lease (a conditional UPDATE), so
 * one delivery has one sender at a time.
 */
import type { BudgetAlertEvent, BudgetAlertKind, BudgetAlertScope, RaisedBudgetAlert } from '../cost/budget-alerts';
import type { Database } from '../db/client';
import type { SqlSession } from '../db/session';

export type DeliveryStatus = 'pending' | 'sent' | 'failed';

/** A recorded alert with its id. */
export interface StoredBudgetAlert extends RaisedBudgetAlert {
  id: number;
}

export interface StoredDelivery {
  webhook: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  sentAt: Date | null;
  lastError: string | null;
}

interface AlertRow {
  id: number; scope: string; name: string; month: string; kind: string; cost_usd: number; forecast_usd: number; budget_usd: number; raised_at: Date | string;
}

const alertOf = (r: AlertRow): StoredBudgetAlert => ({
  id: Number(r.id), scope: r.scope as BudgetAlertScope, name: r.name, month: r.month, kind: r.kind as BudgetAlertKind,
  costUsd: Number(r.cost_usd), forecastUsd: Number(r.forecast_usd), budgetUsd: Number(r.budget_usd), raisedAtMs: new Date(r.raised_at).getTime(),
});
const dateOrNull = (v: Date | string | null) => (v === null ? null : new Date(v));

/**
 * Records the events not recorded yet, each with one pending delivery per webhook (due now), in
 * one transaction per event: an alert never exists without its deliveries. Returns the alerts
 * this call raised (an event another replica or an earlier run recorded is skipped).
 */
export async function recordBudgetAlerts(db: Database, events: readonly BudgetAlertEvent[], webhooks: readonly string[], now: Date): Promise<StoredBudgetAlert[]> {
  const raised: StoredBudgetAlert[] = [];
  for (const e of events) {
    const row = await db.transaction(async (s) => {
      const [inserted] = await s.query<AlertRow>(
        `INSERT INTO budget_alert (scope, name, month, kind, cost_usd, forecast_usd, budget_usd, raised_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (scope, name, month, kind) DO NOTHING
         RETURNING *`,
        [e.scope, e.name, e.month, e.kind, e.costUsd, e.forecastUsd, e.budgetUsd, now],
      );
      if (!inserted) return null;
      for (const webhook of webhooks) {
        await s.run(
          `INSERT INTO budget_alert_delivery (alert_id, webhook, next_attempt_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
          [inserted.id, webhook, now],
        );
      }
      return inserted;
    });
    if (row) raised.push(alertOf(row));
  }
  return raised;
}

/** A delivery this sender holds: its alert, the attempts made so far, and the lease's owner. */
export interface ClaimedDelivery {
  alert: StoredBudgetAlert;
  webhook: string;
  attempts: number;
  owner: string;
}

/** The pending deliveries to these webhooks that are due at `now` and not held by a live lease, oldest first. */
export async function dueDeliveries(db: Database, webhooks: readonly string[], now: Date): Promise<{ alertId: number; webhook: string }[]> {
  if (webhooks.length === 0) return [];
  const rows = await db.session((s) =>
    s.query<{ alert_id: number; webhook: string }>(
      `SELECT alert_id, webhook FROM budget_alert_delivery
        WHERE status = 'pending' AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until <= $1) AND webhook = ANY($2::text[])
        ORDER BY next_attempt_at, alert_id, webhook`,
      [now, [...webhooks]],
    ),
  );
  return rows.map((r) => ({ alertId: Number(r.alert_id), webhook: r.webhook }));
}

/**
 * Takes the delivery for `owner` until `leaseUntil` if it is still pending, due and free at
 * `now`; null when another sender took it first (or it was sent meanwhile). On Postgres the
 * row lock makes a concurrent claim wait, then re-check the condition and find it held.
 */
export async function claimDelivery(db: Database, d: { alertId: number; webhook: string }, o: { now: Date; leaseUntil: Date; owner: string }): Promise<ClaimedDelivery | null> {
  const [row] = await db.session((s) =>
    s.query<AlertRow & { attempts: number }>(
      `UPDATE budget_alert_delivery d SET lease_until = $3::timestamptz, lease_owner = $4::text
         FROM budget_alert a
        WHERE a.id = d.alert_id AND d.alert_id = $1 AND d.webhook = $2
          AND d.status = 'pending' AND d.next_attempt_at <= $5::timestamptz AND (d.lease_until IS NULL OR d.lease_until <= $5::timestamptz)
       RETURNING a.*, d.attempts`,
      [d.alertId, d.webhook, o.leaseUntil, o.owner, o.now],
    ),
  );
  return row ? { alert: alertOf(row), webhook: d.webhook, attempts: Number(row.attempts), owner: o.owner } : null;
}

/** The outcome of one attempt: sent, failed for good, or to retry (holding the lease, or released until `nextAttemptAt`). */
export type AttemptRecord =
  | { status: 'sent'; at: Date }
  | { status: 'failed'; error: string }
  | { status: 'pending'; error: string; nextAttemptAt: Date; keepLease: boolean };

/**
 * Stores an attempt's outcome (attempts = `attempts`) if `owner` still holds the lease; false
 * when it lost it (expired and claimed by another sender), which then stops here.
 */
export async function recordAttempt(db: Database, c: ClaimedDelivery, attempts: number, r: AttemptRecord): Promise<boolean> {
  const release = r.status !== 'pending' || !r.keepLease;
  const written = await db.session((s: SqlSession) =>
    s.run(
      `UPDATE budget_alert_delivery
          SET attempts = $4::int, status = $5::text, last_error = $6::text, sent_at = $7::timestamptz, next_attempt_at = COALESCE($8::timestamptz, next_attempt_at),
              lease_until = CASE WHEN $9::boolean THEN NULL ELSE lease_until END, lease_owner = CASE WHEN $9::boolean THEN NULL ELSE lease_owner END
        WHERE alert_id = $1 AND webhook = $2 AND lease_owner = $3`,
      [
        c.alert.id, c.webhook, c.owner, attempts, r.status, r.status === 'sent' ? null : r.error, r.status === 'sent' ? r.at : null,
        r.status === 'pending' ? r.nextAttemptAt : null, release,
      ],
    ),
  );
  return written > 0;
}

export interface AlertListQuery {
  month?: string;
  scope?: BudgetAlertScope;
  name?: string;
}

/** The recorded alerts (newest first) with their deliveries (by webhook name). */
export async function listBudgetAlerts(db: Database, q: AlertListQuery = {}): Promise<(StoredBudgetAlert & { deliveries: StoredDelivery[] })[]> {
  return db.session(async (s) => {
    const alerts = await s.query<AlertRow>(
      `SELECT * FROM budget_alert
        WHERE ($1::text IS NULL OR month = $1) AND ($2::text IS NULL OR scope = $2) AND ($3::text IS NULL OR name = $3)
        ORDER BY raised_at DESC, id DESC`,
      [q.month ?? null, q.scope ?? null, q.name ?? null],
    );
    if (alerts.length === 0) return [];
    const deliveries = await s.query<{ alert_id: number; webhook: string; status: string; attempts: number; next_attempt_at: Date | string; sent_at: Date | string | null; last_error: string | null }>(
      `SELECT alert_id, webhook, status, attempts, next_attempt_at, sent_at, last_error FROM budget_alert_delivery
        WHERE alert_id = ANY($1::int[]) ORDER BY alert_id, webhook`,
      [alerts.map((a) => a.id)],
    );
    const byAlert = new Map<number, StoredDelivery[]>();
    for (const d of deliveries) {
      const list = byAlert.get(Number(d.alert_id)) ?? [];
      list.push({
        webhook: d.webhook, status: d.status as DeliveryStatus, attempts: Number(d.attempts),
        nextAttemptAt: d.status === 'pending' ? dateOrNull(d.next_attempt_at) : null, sentAt: dateOrNull(d.sent_at), lastError: d.last_error,
      });
      byAlert.set(Number(d.alert_id), list);
    }
    return alerts.map((a) => ({ ...alertOf(a), deliveries: byAlert.get(Number(a.id)) ?? [] }));
  });
}
