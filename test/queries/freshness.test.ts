import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../lib/db/client';
import { getBackfillProgress } from '../../lib/queries/get-backfill-progress';
import { getClusters } from '../../lib/queries/get-clusters';
import { getFreshness } from '../../lib/queries/get-freshness';
import { BACKENDS } from '../helpers/backends';
import { insertClusters } from './fixtures';

describe.each(BACKENDS)('freshness and clusters on $name', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    await db.session(async (s) => {
      await insertClusters(s, [
        { id: 1, name: 'prod', lastCollectedAt: '2026-11-02T12:01:00Z' },
        { id: 2, name: 'dev', lastCollectedAt: '2026-11-02T11:00:00Z' },
        { id: 3, name: 'staging' },
        { id: 4, name: 'edge', lastCollectedAt: '2026-11-02T12:00:00Z' },
      ]);
      await s.exec(`INSERT INTO job_run (job, cluster_id, started_at, finished_at, status, rows, error) VALUES
        ('collect', 1, '2026-11-02T12:00:00Z', '2026-11-02T12:00:01Z', 'failed', 0, 'timeout'),
        ('collect', 1, '2026-11-02T12:01:00Z', '2026-11-02T12:01:02Z', 'succeeded', 900, NULL),
        ('collect', 1, '2026-11-02T12:02:00Z', NULL, 'running', 0, NULL),
        ('rollup', 1, '2026-11-02T12:03:00Z', '2026-11-02T12:03:01Z', 'failed', 0, 'rollup broke'),
        ('collect', 2, '2026-11-02T11:00:00Z', '2026-11-02T11:00:01Z', 'succeeded', 800, NULL),
        ('collect', 2, '2026-11-02T12:00:00Z', '2026-11-02T12:00:31Z', 'failed', 0, 'listing nodes: HTTP 403'),
        ('collect', 4, '2026-11-02T12:00:00Z', '2026-11-02T12:00:01Z', 'succeeded', 10, NULL)`);
      // A scrape row does not make a collection successful by itself: cluster.last_collected_at does.
      await s.exec(`INSERT INTO scrape (cluster_id, sampled_at, nodes, pods, containers, cpu_request_millicores, memory_request_bytes,
          cpu_usage_millicores, memory_usage_bytes, gpu_requests, persistent_volume_claims, metrics_available, duration_ms)
        VALUES (3, '2026-11-02T12:00:00Z', 1, 1, 1, 0, 0, 0, 0, 0, 0, true, 10)`);
    });
  });
  afterAll(async () => cleanup?.());

  test('clusters by name, for the selector', async () => {
    expect(await getClusters(db)).toEqual(['dev', 'edge', 'prod', 'staging']);
  });

  test('per cluster: last success, and failing when the latest finished collect run failed', async () => {
    expect(await getFreshness(db)).toEqual([
      { cluster: 'dev', lastCollectedAt: '2026-11-02T11:00:00.000Z', lastCollectStatus: 'failed', failing: true, lastError: 'listing nodes: HTTP 403' },
      { cluster: 'edge', lastCollectedAt: '2026-11-02T12:00:00.000Z', lastCollectStatus: 'succeeded', failing: false, lastError: null },
      // An earlier failure, a later success, a run still going and another job's failure: not failing.
      { cluster: 'prod', lastCollectedAt: '2026-11-02T12:01:00.000Z', lastCollectStatus: 'succeeded', failing: false, lastError: null },
      { cluster: 'staging', lastCollectedAt: null, lastCollectStatus: null, failing: false, lastError: null },
    ]);
  });
});

describe('backfill progress, as `tally start` publishes it', () => {
  const holder = globalThis as { __tallyBackfill?: unknown };
  afterEach(() => {
    delete holder.__tallyBackfill;
  });

  test.each([
    [undefined, null],
    [{ percent: 42.4, running: true }, { percent: 42, running: true }],
    [{ percent: 100, running: false }, null],
    [{ percent: 140, running: true }, { percent: 100, running: true }],
    [{ percent: 'half', running: true }, null],
    ['garbage', null],
  ])('%j → %j', (state, expected) => {
    holder.__tallyBackfill = state;
    expect(getBackfillProgress()).toEqual(expected);
  });
});
