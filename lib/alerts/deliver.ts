/**
 * Sends the pending budget alert deliveries to their webhooks: a timeout per request, a few
 * quick retries within a run (backoff 1 s, 2 s, …), then again on later runs (next_attempt_at,
 * backoff from 1 min, capped at 1 h), `failed` after `maxAttempts`. A webhook's URL is a
 * secret: it is never logged nor stored, and errors have every URL masked.
 */
import { randomUUID } from 'node:crypto';
import { budgetAlertEventId, jsonAlertBody, retryDelayMs, slackAlertBody } from '../cost/budget-alerts';
import type { Database } from '../db/client';
import { redactSecrets } from '../http/redact';
import { describeError } from '../util/errors';
import { claimDelivery, dueDeliveries, recordAttempt, type AttemptRecord, type ClaimedDelivery, type DeliveryStatus } from './store';

/** tally.yaml `alerts.webhooks[]`. */
export interface Webhook {
  name: string;
  url: string;
  format: 'slack' | 'json';
}

export interface DeliverOptions {
  webhooks: readonly Webhook[];
  /** Attempts per delivery before it is `failed` (tally.yaml `alerts.maxAttempts`). */
  maxAttempts: number;
  now?: () => Date;
  /** Waits between the quick retries of one run (tests pass one that does not wait). */
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof globalThis.fetch;
  /** Per request, headers and body included. Default 10 s. */
  timeoutMs?: number;
  /** Attempts per delivery within one run. Default 3. */
  attemptsPerRun?: number;
  /** Where a delivery that failed for good is reported (one line, no URL). Default console.warn. */
  log?: (line: string) => void;
}

export interface DeliveryOutcome {
  alertId: number;
  eventId: string;
  webhook: string;
  status: DeliveryStatus;
  attempts: number;
}

/** Backoff between the attempts of one run, and between runs. */
export const QUICK_BACKOFF = { baseMs: 1_000, capMs: 10_000 };
export const LATER_BACKOFF = { baseMs: 60_000, capMs: 3_600_000 };
const MAX_ERROR_CHARS = 300;

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Delivers every pending delivery to a configured webhook that is due and not held by another
 * sender. One webhook's deliveries go one after the other, the webhooks side by side (a slow
 * receiver delays only its own). Deliveries to a webhook no longer configured stay pending.
 * Returns what became of each delivery this call claimed.
 */
export async function deliverBudgetAlerts(db: Database, o: DeliverOptions): Promise<DeliveryOutcome[]> {
  const now = o.now ?? (() => new Date());
  const byName = new Map(o.webhooks.map((w) => [w.name, w]));
  const due = await dueDeliveries(db, [...byName.keys()], now());
  const owner = randomUUID();
  const perWebhook = new Map<string, typeof due>();
  for (const d of due) perWebhook.set(d.webhook, [...(perWebhook.get(d.webhook) ?? []), d]);
  const results = await Promise.all(
    [...perWebhook].map(async ([name, list]) => {
      const out: DeliveryOutcome[] = [];
      for (const d of list) {
        const outcome = await deliverOne(db, d, byName.get(name)!, owner, { ...o, now });
        if (outcome) out.push(outcome);
      }
      return out;
    }),
  );
  return results.flat();
}

async function deliverOne(db: Database, d: { alertId: number; webhook: string }, webhook: Webhook, owner: string, o: DeliverOptions & { now: () => Date }): Promise<DeliveryOutcome | null> {
  const timeoutMs = o.timeoutMs ?? 10_000;
  const perRun = Math.max(1, o.attemptsPerRun ?? 3);
  const sleep = o.sleep ?? wait;
  // Long enough for this run's attempts and waits: a crashed sender's lease expires and another retries.
  const leaseMs = perRun * (timeoutMs + QUICK_BACKOFF.capMs) + 60_000;
  const claimedAt = o.now();
  const claimed = await claimDelivery(db, d, { now: claimedAt, leaseUntil: new Date(claimedAt.getTime() + leaseMs), owner });
  if (!claimed) return null;
  const eventId = budgetAlertEventId(claimed.alert);
  const body = JSON.stringify(webhook.format === 'slack' ? slackAlertBody(claimed.alert) : jsonAlertBody(claimed.alert));
  let attempts = claimed.attempts;
  for (let i = 1; ; i++) {
    const error = await post(webhook, eventId, body, o.fetch ?? globalThis.fetch, timeoutMs);
    attempts++;
    const record = nextRecord(error, attempts, i < perRun, o.maxAttempts, o.now());
    // A lost lease (it expired and another sender took the delivery): that sender carries on.
    if (!(await recordAttempt(db, claimed, attempts, record))) return null;
    if (record.status === 'failed') (o.log ?? console.warn)(`budget alert ${eventId} to webhook ${webhook.name}: failed after ${attempts} attempts: ${error}`);
    if (record.status !== 'pending' || !record.keepLease) return outcome(claimed, record.status, attempts);
    await sleep(retryDelayMs(i, QUICK_BACKOFF));
  }
}

/** Sent; failed at maxAttempts; else retried in this run (again now) or in a later one (after the backoff). */
function nextRecord(error: string | null, attempts: number, againNow: boolean, maxAttempts: number, at: Date): AttemptRecord {
  if (error === null) return { status: 'sent', at };
  if (attempts >= maxAttempts) return { status: 'failed', error };
  if (againNow) return { status: 'pending', error, nextAttemptAt: at, keepLease: true };
  return { status: 'pending', error, nextAttemptAt: new Date(at.getTime() + retryDelayMs(attempts, LATER_BACKOFF)), keepLease: false };
}

const outcome = (c: ClaimedDelivery, status: DeliveryStatus, attempts: number): DeliveryOutcome => ({
  alertId: c.alert.id, eventId: budgetAlertEventId(c.alert), webhook: c.webhook, status, attempts,
});

/** One POST; null when the receiver answered 2xx, else why not (URLs masked). */
async function post(webhook: Webhook, eventId: string, body: string, fetchImpl: typeof globalThis.fetch, timeoutMs: number): Promise<string | null> {
  try {
    const response = await fetchImpl(webhook.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'tally-budget-alerts', 'x-tally-event-id': eventId },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text().catch(() => '');
    if (response.ok) return null;
    const answer = text.replace(/\s+/g, ' ').trim();
    return maskUrl(`HTTP ${response.status}${answer ? `: ${answer}` : ''}`, webhook.url);
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return maskUrl(timedOut ? `no answer within ${timeoutMs / 1000} s` : describeError(error), webhook.url);
  }
}

/** The text with the webhook's URL (and its path, which carries Slack's token), any URL at all and other secrets masked, cut short. */
export function maskUrl(text: string, url: string): string {
  let out = text.split(url).join('<url>');
  try {
    const { pathname, search } = new URL(url);
    for (const part of [pathname + search, pathname]) if (part.length > 1) out = out.split(part).join('<url>');
  } catch {
    // not a URL: the schema refuses those
  }
  out = redactSecrets(out.replace(/\bhttps?:\/\/[^\s"'<>]+/gi, '<url>'));
  return out.length > MAX_ERROR_CHARS ? `${out.slice(0, MAX_ERROR_CHARS - 1)}…` : out;
}
