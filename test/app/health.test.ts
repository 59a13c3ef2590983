import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { openDatabase, type Database } from '../../lib/db/client';
import { applyMigrations } from '../../lib/db/migrate';
import { setDatabase } from '../../lib/db/instance';
import { GET as health } from '../../app/api/health/route';
import { GET as prometheus } from '../../app/metrics/route';
import { metricsRegistry, recordJobRun, recordScrape } from '../../lib/observability/metrics';
import { setClock } from '../../lib/util/clock';

const NOW = new Date('2026-11-25T12:00:00.000Z');

describe('GET /api/health and /metrics', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ dataDir: 'memory://' });
    await db.session((s) => applyMigrations(s));
    setClock(() => NOW);
    await db.prisma.cluster.create({ data: { name: 'prod', lastCollectedAt: new Date(NOW.getTime() - 40_000) } });
    await db.prisma.cluster.create({ data: { name: 'new' } });
    setDatabase(db);
  });
  afterAll(async () => {
    setClock(null);
    await db.close().catch(() => {});
  });

  test('200 with the last successful collection per cluster', async () => {
    const response = await health(new Request('http://127.0.0.1/api/health'));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; database: string; clusters: { name: string; lastCollectedAt: string | null; lastCollectAgeSeconds: number | null }[] };
    expect(body).toMatchObject({ status: 'ok', database: 'reachable' });
    expect(body.clusters.map((c) => c.name)).toEqual(['new', 'prod']);
    expect(body.clusters[0]).toMatchObject({ lastCollectedAt: null, lastCollectAgeSeconds: null });
    expect(body.clusters[1]).toMatchObject({ lastCollectedAt: '2026-11-25T11:59:20.000Z', lastCollectAgeSeconds: 40 });
  });

  test('Prometheus text with scrape durations, rows written, runs and failures', async () => {
    recordJobRun({ job: 'collect', cluster: 'prod', status: 'succeeded', rows: 120, error: null }, 0.8);
    recordJobRun({ job: 'collect', cluster: 'prod', status: 'failed', rows: 0, error: 'boom' }, 0.1);
    recordJobRun('rollup', 'succeeded', 30);
    recordJobRun('rollup', 'failed', 0);
    recordScrape('dev', 2);
    const response = await prometheus(new Request('http://127.0.0.1/metrics'));
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/tally_scrape_duration_seconds_count\{cluster="prod"\} 1\n/);
    expect(text).toMatch(/tally_scrape_duration_seconds_sum\{cluster="dev"\} 2\n/);
    expect(text).toMatch(/tally_rows_written_total\{job="collect"\} 120\n/);
    expect(text).toMatch(/tally_rows_written_total\{job="rollup"\} 30\n/);
    expect(text).toMatch(/tally_job_failures_total\{job="collect"\} 1\n/);
    expect(text).toMatch(/tally_job_failures_total\{job="rollup"\} 1\n/);
    expect(text).toMatch(/tally_job_runs_total\{job="rollup",status="succeeded"\} 1\n/);
    expect(text).toMatch(/tally_process_cpu_seconds_total/);
  });

  test('one registry per process, kept on globalThis', () => {
    expect(metricsRegistry()).toBe(metricsRegistry());
    expect((globalThis as { __tallyMetrics?: { registry: unknown } }).__tallyMetrics?.registry).toBe(metricsRegistry());
  });

  test('503 when the database does not answer in time', async () => {
    vi.useFakeTimers();
    try {
      const hung = { prisma: { $queryRaw: () => new Promise(() => {}) } } as unknown as Database;
      setDatabase(hung);
      const pending = health(new Request('http://127.0.0.1/api/health'));
      await vi.advanceTimersByTimeAsync(5_000);
      const response = await pending;
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ error: { code: 'UPSTREAM', message: 'database unreachable', requestId: expect.any(String) } });
    } finally {
      vi.useRealTimers();
      setDatabase(db);
    }
  });

  test('503 with the error shape, and nothing of the cause, when the database is closed', async () => {
    await db.close();
    const logged: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((line: unknown) => void logged.push(String(line)));
    const response = await health(new Request('http://127.0.0.1/api/health')).finally(() => spy.mockRestore());
    expect(response.status).toBe(503);
    const text = await response.text();
    const body = JSON.parse(text) as { error: { requestId: string } };
    expect(body).toEqual({ error: { code: 'UPSTREAM', message: 'database unreachable', requestId: expect.any(String) } });
    expect(text).not.toMatch(/memory:|postgres|closed/i);
    // The cause stays in the server's log, once, under the same request id.
    expect(logged).toEqual([`[${body.error.requestId}] 503 UPSTREAM GET /api/health: database unreachable: PGlite is closed`]);
  });
});
