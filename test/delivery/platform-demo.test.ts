import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GET as platformRoute } from '../../app/api/v1/platform/route';
import { DEFAULT_ATTRIBUTION } from '../../lib/cost/attribution';
import type { Database } from '../../lib/db/client';
import { setDatabase } from '../../lib/db/instance';
import { DEFAULT_DELIVERY_SETTINGS } from '../../lib/delivery';
import type { DemoCluster } from '../../lib/demo/server';
import { deriveRollouts } from '../../lib/ingest/derive-rollouts';
import { setClock } from '../../lib/util/clock';
import { BACKENDS } from '../helpers/backends';
import { collectDemo } from '../helpers/collect-demo';

// The demo (seed 3) at 10-minute scrapes around platform-web/web-frontend's rollout of
// 2026-11-24 11:37:43: its 4 pods wait Unschedulable until the node added for them (created
// 11:49:15, Ready 11:50:24) takes them; the follow-up at 12:17:43 moves them back.
const FROM = new Date('2026-11-24T11:30:00.000Z');
const TO = new Date('2026-11-24T12:40:00.000Z');
const NOW = new Date('2026-11-24T13:00:00.000Z');
const DAY = 'window=2026-11-24T00:00:00Z,2026-11-25T00:00:00Z';

type Body = { code: number; data: Array<Record<string, unknown> & { name: string }>; nodePools: Array<Record<string, unknown>> };

describe.each(BACKENDS.filter((b) => b.name === 'PGlite'))('the demo through the collector into /api/v1/platform, on $name', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let cluster: DemoCluster | undefined;
  beforeAll(async () => {
    setClock(() => NOW);
    ({ db, cleanup } = await backend.open());
    cluster = await collectDemo(db, FROM, TO, 3);
    await deriveRollouts(db, { from: new Date('2026-11-24T00:00:00Z'), to: NOW, now: NOW, settings: DEFAULT_DELIVERY_SETTINGS, attribution: DEFAULT_ATTRIBUTION });
    setDatabase(db);
  }, 180_000);
  afterAll(async () => {
    setClock(null);
    await cluster?.close();
    await cleanup?.();
  });

  const platform = async (query: string) => (await (await platformRoute(new Request(`http://localhost/api/v1/platform?${query}`))).json()) as Body;

  test('platform-web: pods that waited Unschedulable, and a scheduling wait of minutes', async () => {
    const web = (await platform(DAY)).data.find((r) => r.name === 'platform-web');
    expect(web).toBeDefined();
    expect(web?.unschedulablePods).toBe(4);
    // Unschedulable since 11:37:43 until PodScheduled at 11:50:25: 762 s each. (The backfill replays
    // the 12:00 chunk first, so no scrape closes the wait: the derive takes PodScheduled.)
    expect(web?.unschedulableSeconds).toBeCloseTo(4 * 762, 3);
    expect(web?.schedulingWaitSecondsP90 as number).toBeGreaterThan(700);
    const checkout = (await platform(DAY)).data.find((r) => r.name === 'checkout');
    expect(checkout?.unschedulablePods).toBe(0);
  });

  test('node provisioning: the added general-purpose node, created → Ready in 69 s', async () => {
    const { nodePools } = await platform(DAY);
    expect(nodePools).toEqual([
      { cluster: 'replay', nodePool: 'general-purpose', nodesCreated: 1, nodesProvisioned: 1, nodeProvisioningSecondsP50: 69, nodeProvisioningSecondsP90: 69 },
    ]);
    const [row] = (await platform(`${DAY}&aggregate=cluster`)).data;
    expect(row).toMatchObject({ name: 'replay', nodesCreated: 1, nodeProvisioningSecondsP50: 69 });
  });

  test('commit times from more than one source: tally.dev annotations and the images of GitOps-managed workloads', async () => {
    const sources = await db.session((s) => s.query<{ source: string; n: number }>(`SELECT commit_source AS source, count(*)::int AS n FROM rollout WHERE commit_source IS NOT NULL GROUP BY 1 ORDER BY 1`));
    expect(sources.map((r) => r.source)).toEqual(['org.opencontainers.image.created', 'tally.dev/commit-time']);
    const shas = await db.session((s) => s.query<{ n: number }>(`SELECT count(*)::int AS n FROM rollout WHERE commit_source = 'org.opencontainers.image.created' AND commit_sha ~ '^[0-9a-f]{40}$'`));
    expect(shas[0]?.n).toBe(sources[0]?.n);
  });
});
