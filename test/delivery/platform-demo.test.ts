import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GET as platformRoute } from '../../app/api/v1/platform/route';
import { DEFAULT_ATTRIBUTION } from '../../lib/cost/attribution';
import type { Database } from '../../lib/db/client';
import { setDatabase } from '../../lib/db/instance';
import { DEFAULT_DELIVERY_SETTINGS } from '../../lib/delivery';
import { onboardingBefore } from '../../lib/demo/onboarding';
import type { DemoCluster, SimulatedClock } from '../../lib/demo/server';
import { backfill } from '../../lib/ingest/backfill';
import { loadKubeConfig } from '../../lib/k8s/kubeconfig';
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
// The onboarding scenario of a cluster started at FROM: checkout-wishlist, created 2026-11-17
// 10:18, its first Deployment (wishlist-api) created and rolled out 15:44 (5 h 26 min later);
// collected around that first rollout.
const ONBOARDING = onboardingBefore(3, FROM.getTime());

type Body = { code: number; data: Array<Record<string, unknown> & { name: string }>; nodePools: Array<Record<string, unknown>> };

describe.each(BACKENDS.filter((b) => b.name === 'PGlite'))('the demo through the collector into /api/v1/platform, on $name', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let cluster: DemoCluster | undefined;
  beforeAll(async () => {
    setClock(() => NOW);
    ({ db, cleanup } = await backend.open());
    cluster = await collectDemo(db, FROM, TO, 3);
    const first = ONBOARDING?.firstDeploymentMs ?? 0;
    await backfill(db, {
      cluster: 'replay', connection: loadKubeConfig({ kubeconfig: cluster.kubeconfigPath }), clock: cluster.clock as SimulatedClock,
      from: new Date(first - 20 * 60_000), to: new Date(first + 30 * 60_000),
    });
    await deriveRollouts(db, { from: new Date(first - 3_600_000), to: new Date(first + 3_600_000), now: NOW, settings: DEFAULT_DELIVERY_SETTINGS, attribution: DEFAULT_ATTRIBUTION });
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

  test('node provisioning: the general-purpose nodes added that day (the pending pods’ node, the autoscaler’s morning nodes), created → Ready', async () => {
    const { nodePools } = await platform(DAY);
    expect(nodePools).toEqual([
      { cluster: 'replay', nodePool: 'general-purpose', nodesCreated: 11, nodesProvisioned: 11, nodeProvisioningSecondsP50: 69, nodeProvisioningSecondsP90: 88 },
    ]);
    const [row] = (await platform(`${DAY}&aggregate=cluster`)).data;
    expect(row).toMatchObject({ name: 'replay', nodesCreated: 11, nodeProvisioningSecondsP50: 69 });
  });

  test('a new namespace: checkout-wishlist, its first deployment 5 h 26 min after its creation', async () => {
    expect(ONBOARDING).toMatchObject({ namespace: 'checkout-wishlist', team: 'checkout' });
    const delaySeconds = ((ONBOARDING?.firstDeploymentMs ?? 0) - (ONBOARDING?.createdMs ?? 0)) / 1000;
    expect(delaySeconds).toBe(5 * 3600 + 26 * 60);
    const week = 'window=2026-11-17T00:00:00Z,2026-11-24T00:00:00Z';
    const checkout = (await platform(week)).data.find((r) => r.name === 'checkout');
    expect(checkout?.newNamespaces as number).toBeGreaterThanOrEqual(1);
    expect(checkout?.namespacesDeployed).toBe(1);
    // Created → its first rollout finished: the delay plus the pods' start (under a minute).
    const median = checkout?.firstDeploymentSecondsMedian as number;
    expect(median).toBeGreaterThanOrEqual(delaySeconds);
    expect(median).toBeLessThan(delaySeconds + 60);
    const ns = (await platform(`${week}&aggregate=namespace`)).data.find((r) => r.name === 'checkout-wishlist');
    expect(ns).toMatchObject({ newNamespaces: 1, namespacesDeployed: 1, firstDeploymentSecondsMedian: median });
    const stored = await db.session((s) => s.query<{ created: Date }>(`SELECT created_at AS created FROM namespace WHERE name = 'checkout-wishlist'`));
    expect(stored.map((r) => new Date(r.created).toISOString())).toEqual(['2026-11-17T10:18:00.000Z']);
  });

  test('commit times from more than one source: tally.dev annotations and the images of GitOps-managed workloads', async () => {
    const sources = await db.session((s) => s.query<{ source: string; n: number }>(`SELECT commit_source AS source, count(*)::int AS n FROM rollout WHERE commit_source IS NOT NULL GROUP BY 1 ORDER BY 1`));
    expect(sources.map((r) => r.source)).toEqual(['org.opencontainers.image.created', 'tally.dev/commit-time']);
    const shas = await db.session((s) => s.query<{ n: number }>(`SELECT count(*)::int AS n FROM rollout WHERE commit_source = 'org.opencontainers.image.created' AND commit_sha ~ '^[0-9a-f]{40}$'`));
    expect(shas[0]?.n).toBe(sources[0]?.n);
  });
});
