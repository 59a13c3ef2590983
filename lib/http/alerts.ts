import { z } from 'zod';
import type { StoredBudgetAlert, StoredDelivery } from '../alerts/store';
import { budgetAlertEventId } from '../cost/budget-alerts';
import { roundUsd } from '../cost/rates';
import { AppError } from '../util/errors';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const AlertParams = z.object({
  month: z.string().regex(MONTH, 'must be YYYY-MM (e.g. 2026-11)').optional(),
  team: z.string().min(1, 'must name a team').optional(),
  cluster: z.string().min(1, 'must name a cluster').optional(),
});

export type AlertParams = z.output<typeof AlertParams>;

/** `GET /api/v1/alerts` query: month (`YYYY-MM`), team or cluster (the alerts of that one only); each optional. */
export function parseAlertParams(search: URLSearchParams): AlertParams {
  const raw = Object.fromEntries(Object.keys(AlertParams.shape).flatMap((k) => (search.has(k) ? [[k, search.get(k)!]] : [])));
  const parsed = AlertParams.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('INVALID', `${String(issue.path[0] ?? 'query')}: ${issue.message}`);
  }
  if (parsed.data.team !== undefined && parsed.data.cluster !== undefined) throw new AppError('INVALID', 'team, cluster: give one of them, not both');
  return parsed.data;
}

/** One alert as the API shows it: money rounded to the cent here, times ISO 8601 UTC, webhooks by name (never their URL). */
export function alertOut(a: StoredBudgetAlert & { deliveries: StoredDelivery[] }) {
  const iso = (d: Date | null) => (d === null ? null : d.toISOString());
  return {
    id: a.id, eventId: budgetAlertEventId(a), scope: a.scope, name: a.name, month: a.month, kind: a.kind,
    costUsd: roundUsd(a.costUsd, 2), forecastUsd: roundUsd(a.forecastUsd, 2), budgetUsd: roundUsd(a.budgetUsd, 2),
    raisedAt: new Date(a.raisedAtMs).toISOString(),
    deliveries: a.deliveries.map((d) => ({
      webhook: d.webhook, status: d.status, attempts: d.attempts, sentAt: iso(d.sentAt), nextAttemptAt: iso(d.nextAttemptAt), lastError: d.lastError,
    })),
  };
}
