import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GET as alertsRoute, POST as alertsPost } from '../../app/api/v1/alerts/route';
import { alertsJob } from '../../jobs/alerts';
import { allocationDefaults } from '../../lib/allocation/defaults';
import { runBudgetAlerts } from '../../lib/alerts/run';
import { DEFAULT_CONFIG, type TallyConfig } from '../../lib/config';
import { UNALLOCATED } from '../../lib/cost/allocation-set';
import { roundUsd } from '../../lib/cost/rates';
import type { Database } from '../../lib/db/client';
import { setDatabase } from '../../lib/db/instance';
import type { DemoCluster } from '../../lib/demo/server';
import { formatUsd } from '../../lib/format';
import { getMonthlyReport } from '../../lib/queries/get-monthly-report';
import { setConfigSource } from '../../lib/settings/current';
import { setClock } from '../../lib/util/clock';
import { BACKENDS } from '../helpers/backends';
import { replayDemo } from '../helpers/replay';

// Three business hours of November 2026 (the running month). At T1 one hour is in, at T2 three.
const FROM = new Date('2026-11-02T09:00:00.000Z');
const T1 = new Date('2026-11-02T10:00:00.000Z');
const T2 = new Date('2026-11-02T12:00:00.000Z');
const MINUTE = 60_000;

interface Received { path: string; status: number; body: Record<string, unknown>; eventId: string | undefined }

/** A local webhook receiver: /slack/… and /hook answer 200, /flaky fails its first two requests, /down/… always fails (echoing its URL). */
async function startReceiver(): Promise<{ server: Server; base: string; seen: Received[]; of: (prefix: string) => Received[] }> {
  const seen: Received[] = [];
  let flaky = 0;
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      const path = req.url ?? '';
      let status = 200;
      if (path.startsWith('/flaky')) status = ++flaky <= 2 ? 500 : 200;
      if (path.startsWith('/down')) status = 500;
      seen.push({ path, status, body: JSON.parse(text) as Record<string, unknown>, eventId: req.headers['x-tally-event-id'] as string | undefined });
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status === 200 ? 'ok' : `upstream http://${req.headers.host}${path} broke`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, base, seen, of: (prefix) => seen.filter((r) => r.path.startsWith(prefix)) };
}

interface AlertOut {
  id: number; eventId: string; scope: string; name: string; month: string; kind: string; costUsd: number; forecastUsd: number; budgetUsd: number; raisedAt: string;
  deliveries: { webhook: string; status: string; attempts: number; sentAt: string | null; nextAttemptAt: string | null; lastError: string | null }[];
}
async function api(query = ''): Promise<{ status: number; text: string; body: { code?: number; data: AlertOut[]; error?: { code: string; message: string; requestId: string } } }> {
  const response = await alertsRoute(new Request(`http://localhost/api/v1/alerts${query}`));
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) };
}

describe.each(BACKENDS)('budget alerts on $name', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let cluster: DemoCluster;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let config: TallyConfig = DEFAULT_CONFIG;
  const sleeps: number[] = [];
  const logs: string[] = [];
  const run = (at: Date | (() => Date)) =>
    runBudgetAlerts(db, { now: typeof at === 'function' ? at : () => at, sleep: async (ms) => void sleeps.push(ms), log: (l) => logs.push(l) });

  // The team with the largest cost at T1, and figures read from the same report the alerts use.
  let team: string;
  let other: string;
  let budget: number;
  let at1: { costUsd: number; forecastUsd: number };
  let clusterBudget: number;
  let otherBudget: number;
  const webhooks = () => ({
    slack: { name: 'finance-slack', url: `${receiver.base}/slack/T000/B000/SLACKSECRET`, format: 'slack' as const },
    hook: { name: 'ops', url: `${receiver.base}/hook`, format: 'json' as const },
    flaky: { name: 'flaky', url: `${receiver.base}/flaky`, format: 'json' as const },
    down: { name: 'down', url: `${receiver.base}/down/DOWNSECRET?token=abc123`, format: 'slack' as const },
  });
  const configure = (c: Partial<TallyConfig>) => (config = { ...config, ...c });

  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    cluster = await replayDemo(db, FROM, T2);
    receiver = await startReceiver();
    setDatabase(db);
    setClock(() => T2);
    setConfigSource({ current: () => config });
    const report = (at: Date, c?: string) => getMonthlyReport(db, {
      month: '2026-11', cluster: c, nowMs: at.getTime(), idle: 'separate', defaults: allocationDefaults(at), budgets: {}, clusterBudgets: {},
    });
    const [r1, r2, c2] = await Promise.all([report(T1), report(T2), report(T2, 'replay')]);
    const named = r1.teams.filter((t) => t.team !== UNALLOCATED);
    team = named[0]!.team;
    other = named[1]!.team;
    at1 = { costUsd: named[0]!.totalCostUsd, forecastUsd: named[0]!.forecastUsd };
    const costAt2 = r2.teams.find((t) => t.team === team)!.totalCostUsd;
    // Over at T2 but not at T1, and below the forecast at T1: the forecast passes it first, then the cost.
    expect(at1.costUsd).toBeLessThan(costAt2);
    expect(at1.costUsd).toBeLessThan(at1.forecastUsd);
    budget = (at1.costUsd + Math.min(costAt2, at1.forecastUsd)) / 2;
    clusterBudget = (c2.totals.totalCostUsd + c2.totals.forecastUsd) / 2;
    otherBudget = r2.teams.find((t) => t.team === other)!.totalCostUsd / 2;
  }, 240_000);
  afterAll(async () => {
    setClock(null);
    setConfigSource({ current: () => DEFAULT_CONFIG });
    await new Promise((resolve) => receiver?.server.close(resolve));
    await cluster?.close();
    await cleanup?.();
  });

  test('a forecast passing its budget: one alert, one notification per webhook, even from two replicas at once', async () => {
    const { slack, hook } = webhooks();
    configure({ budgets: { [team]: { default: budget } }, alerts: { webhooks: [slack, hook], maxAttempts: 5 } });
    const [a, b] = await Promise.all([run(T1), run(T1)]);
    expect([...a.raised, ...b.raised].map((r) => [r.scope, r.name, r.kind])).toEqual([['team', team, 'forecast-over-budget']]);
    expect([...a.deliveries, ...b.deliveries].map((d) => [d.webhook, d.status, d.attempts]).sort()).toEqual([['finance-slack', 'sent', 1], ['ops', 'sent', 1]]);
    expect(receiver.seen.map((r) => r.path)).toEqual(expect.arrayContaining(['/slack/T000/B000/SLACKSECRET', '/hook']));
    expect(receiver.seen).toHaveLength(2);

    const eventId = `team:${team}:2026-11:forecast-over-budget`;
    const toSlack = receiver.of('/slack')[0]!;
    expect(toSlack.eventId).toBe(eventId);
    const text = toSlack.body.text as string;
    for (const part of [`Team ${team}`, '2026-11', `budget of ${formatUsd(budget)}`, `forecast ${formatUsd(at1.forecastUsd)}`]) expect(text).toContain(part);
    expect(toSlack.body.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: expect.stringContaining(`Team *${team}* is forecast to pass its 2026-11 budget`) } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `Tally · ${eventId}` }] },
    ]);
    expect(receiver.of('/hook')[0]!.body).toEqual({
      id: eventId, type: 'tally.budget-alert', kind: 'forecast-over-budget', scope: 'team', name: team, team, cluster: null, month: '2026-11',
      costUsd: roundUsd(at1.costUsd, 2), forecastUsd: roundUsd(at1.forecastUsd, 2), budgetUsd: roundUsd(budget, 2), currency: 'USD',
      raisedAt: T1.toISOString(), message: expect.stringContaining(`Team ${team} is forecast to pass`),
    });
    expect(sleeps).toEqual([]);
  });

  test('running the job again, later or after a restart, sends nothing new', async () => {
    const job = alertsJob('*/5 * * * *');
    expect(await job.run({ db, now: () => T1 })).toBe(0);
    expect(await job.run({ db, now: () => new Date(T1.getTime() + 5 * MINUTE) })).toBe(0);
    const again = await Promise.all([run(T1), run(T1)]);
    expect(again.flatMap((r) => [...r.raised, ...r.deliveries])).toEqual([]);
    expect(receiver.seen).toHaveLength(2);
  });

  test('when the cost passes the budget too: a second, over-budget notification (the forecast one is not repeated)', async () => {
    const { raised, deliveries } = await run(T2);
    expect(raised.map((r) => [r.name, r.kind])).toEqual([[team, 'over-budget']]);
    expect(deliveries.map((d) => [d.webhook, d.status]).sort()).toEqual([['finance-slack', 'sent'], ['ops', 'sent']]);
    expect(receiver.seen).toHaveLength(4);
    expect(receiver.of('/slack')[1]!.body.text).toContain(`Team ${team} is over its 2026-11 budget: cost so far`);
    expect(receiver.of('/hook')[1]!.body).toMatchObject({ id: `team:${team}:2026-11:over-budget`, kind: 'over-budget', budgetUsd: roundUsd(budget, 2) });
    expect(receiver.of('/hook')[1]!.body.costUsd).toBeGreaterThan(budget);
  });

  test('a receiver failing twice: retried with backoff, sent on the third attempt', async () => {
    // A cluster budget its forecast passes: a new alert, to the flaky webhook only.
    configure({ clusterBudgets: { replay: { default: clusterBudget } }, alerts: { webhooks: [webhooks().flaky], maxAttempts: 5 } });
    const { raised, deliveries } = await run(T2);
    expect(raised.map((r) => [r.scope, r.name, r.kind])).toEqual([['cluster', 'replay', 'forecast-over-budget']]);
    expect(deliveries).toEqual([expect.objectContaining({ webhook: 'flaky', status: 'sent', attempts: 3, eventId: 'cluster:replay:2026-11:forecast-over-budget' })]);
    expect(receiver.of('/flaky').map((r) => r.status)).toEqual([500, 500, 200]);
    expect(receiver.of('/flaky').every((r) => r.body.id === 'cluster:replay:2026-11:forecast-over-budget')).toBe(true);
    expect(sleeps).toEqual([1_000, 2_000]);
    expect(receiver.seen).toHaveLength(7);
  });

  test('a receiver that always fails: retried on later runs after the backoff, failed after maxAttempts, no URL in the error', async () => {
    sleeps.length = 0;
    configure({ budgets: { ...config.budgets, [other]: { default: otherBudget } }, alerts: { webhooks: [webhooks().down], maxAttempts: 4 } });
    const first = await run(T2);
    expect(first.raised.map((r) => [r.name, r.kind])).toEqual([[other, 'forecast-over-budget'], [other, 'over-budget']]);
    expect(first.deliveries.map((d) => [d.status, d.attempts])).toEqual([['pending', 3], ['pending', 3]]);
    expect(receiver.of('/down')).toHaveLength(6);
    expect(sleeps).toEqual([1_000, 2_000, 1_000, 2_000]);
    // Not due again before the backoff (4 min after 3 attempts).
    expect((await run(new Date(T2.getTime() + MINUTE))).deliveries).toEqual([]);
    const pending = (await api(`?team=${other}`)).body.data;
    expect(pending.flatMap((a) => a.deliveries.map((d) => d.nextAttemptAt))).toEqual([new Date(T2.getTime() + 4 * MINUTE).toISOString(), new Date(T2.getTime() + 4 * MINUTE).toISOString()]);
    const last = await run(new Date(T2.getTime() + 5 * MINUTE));
    expect(last.deliveries.map((d) => [d.status, d.attempts])).toEqual([['failed', 4], ['failed', 4]]);
    expect(receiver.of('/down')).toHaveLength(8);
    expect((await run(new Date(T2.getTime() + 60 * MINUTE))).deliveries).toEqual([]);
    expect(logs).toHaveLength(2);
    for (const line of logs) expect(line).toMatch(/^budget alert team:.* to webhook down: failed after 4 attempts: HTTP 500: upstream <url> broke$/);

    const { text, body } = await api(`?team=${other}`);
    for (const a of body.data) expect(a.deliveries).toEqual([{ webhook: 'down', status: 'failed', attempts: 4, sentAt: null, nextAttemptAt: null, lastError: 'HTTP 500: upstream <url> broke' }]);
    for (const secret of ['DOWNSECRET', 'abc123', receiver.base, '127.0.0.1']) expect(text + logs.join('\n')).not.toContain(secret);
  });

  test('GET /api/v1/alerts lists them newest first with their deliveries, money to the cent; bad input is a 400', async () => {
    const { status, text, body } = await api();
    expect(status).toBe(200);
    expect(body.code).toBe(200);
    expect(body.data.map((a) => [a.scope, a.name, a.kind, a.raisedAt])).toEqual([
      ['team', other, 'over-budget', T2.toISOString()],
      ['team', other, 'forecast-over-budget', T2.toISOString()],
      ['cluster', 'replay', 'forecast-over-budget', T2.toISOString()],
      ['team', team, 'over-budget', T2.toISOString()],
      ['team', team, 'forecast-over-budget', T1.toISOString()],
    ]);
    const first = body.data.at(-1)!;
    expect(first).toMatchObject({ eventId: `team:${team}:2026-11:forecast-over-budget`, month: '2026-11', budgetUsd: roundUsd(budget, 2), forecastUsd: roundUsd(at1.forecastUsd, 2) });
    for (const a of body.data) for (const usd of [a.costUsd, a.forecastUsd, a.budgetUsd]) expect(Math.round(usd * 100) / 100).toBe(usd);
    expect(first.deliveries).toEqual([
      { webhook: 'finance-slack', status: 'sent', attempts: 1, sentAt: T1.toISOString(), nextAttemptAt: null, lastError: null },
      { webhook: 'ops', status: 'sent', attempts: 1, sentAt: T1.toISOString(), nextAttemptAt: null, lastError: null },
    ]);
    expect(body.data[2]!.deliveries).toEqual([{ webhook: 'flaky', status: 'sent', attempts: 3, sentAt: T2.toISOString(), nextAttemptAt: null, lastError: null }]);
    for (const secret of ['SLACKSECRET', 'DOWNSECRET', receiver.base]) expect(text).not.toContain(secret);

    expect((await api(`?month=2026-11&team=${team}`)).body.data.map((a) => a.kind)).toEqual(['over-budget', 'forecast-over-budget']);
    expect((await api('?cluster=replay')).body.data.map((a) => a.eventId)).toEqual(['cluster:replay:2026-11:forecast-over-budget']);
    expect((await api('?month=2026-10')).body.data).toEqual([]);

    const bad = await api('?month=2026-13');
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: { code: 'INVALID', message: 'month: must be YYYY-MM (e.g. 2026-11)', requestId: expect.any(String) } });
    expect((await api('?team=a&cluster=b')).status).toBe(400);
    expect((await api('?team=')).body.error?.message).toBe('team: must name a team');
    expect(alertsPost(new Request('http://localhost/api/v1/alerts', { method: 'POST' })).status).toBe(405);
  });
});
