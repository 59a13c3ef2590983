import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Database } from '../../lib/db/client';
import { applyMigrations } from '../../lib/db/migrate';
import { setDatabase } from '../../lib/db/instance';
import { GET as health } from '../../app/api/health/route';
import { GET as prometheus } from '../../app/metrics/route';
import { recordJobRun } from '../../lib/observability/metrics';

describe('GET /api/health and /metrics', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ dataDir: 'memory://' });
    await db.session((s) => applyMigrations(s));
    await db.prisma.cluster.create({ data: { name: 'prod', lastCollectedAt: new Date(Date.now() - 40_000) } });
    setDatabase(db);
  });
  afterAll(async () => db.close().catch(() => {}));

  test('200 with the last successful collection per cluster', async () => {
    const response = await health();
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; clusters: { name: string; lastCollectAgeSeconds: number }[] };
    expect(body.status).toBe('ok');
    expect(body.clusters).toHaveLength(1);
    expect(body.clusters[0]!.name).toBe('prod');
    expect(body.clusters[0]!.lastCollectAgeSeconds).toBeGreaterThanOrEqual(40);
    expect(body.clusters[0]!.lastCollectAgeSeconds).toBeLessThan(60);
  });

  test('Prometheus text with scrape durations, rows written and failures', async () => {
    recordJobRun({ job: 'collect', cluster: 'prod', status: 'succeeded', rows: 120, error: null }, 0.8);
    recordJobRun({ job: 'collect', cluster: 'prod', status: 'failed', rows: 0, error: 'boom' }, 0.1);
    const text = await (await prometheus()).text();
    expect(text).toMatch(/tally_scrape_duration_seconds_count\{cluster="prod"\} 1/);
    expect(text).toMatch(/tally_rows_written_total\{job="collect"\} 120/);
    expect(text).toMatch(/tally_job_failures_total\{job="collect"\} 1/);
  });

  test('503 with the error shape when the database is unreachable', async () => {
    await db.close();
    const response = await health();
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: { code: 'UPSTREAM', message: 'database unreachable' } });
  });
});
