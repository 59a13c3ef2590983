import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../lib/db/client';
import { REVISION_HISTORY } from '../../lib/demo/apps-objects';
import { fixedClock, startDemoCluster, type DemoCluster, type SimulatedClock } from '../../lib/demo/server';
import { collectOnce } from '../../lib/ingest/collect-once';
import { loadKubeConfig } from '../../lib/k8s/kubeconfig';
import { BACKENDS } from '../helpers/backends';

const MONDAY = new Date('2026-11-23T09:00:00.000Z');
const LATER = new Date('2026-11-27T17:00:00.000Z'); // a working week of rollouts later
const noSleep = async () => {};

describe.each(BACKENDS)('rollout history from the simulated cluster, into $name', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let cluster: DemoCluster;
  let clock: SimulatedClock;
  const collectAt = async (name: string, at: Date) => {
    clock.set(at);
    return collectOnce(db, loadKubeConfig({ kubeconfig: cluster.kubeconfigPath }), { cluster: name, pageSize: 200, sleep: noSleep });
  };
  const revisionsOf = async (name: string) =>
    (await db.prisma.workloadRevision.findMany({ where: { cluster: { name } }, orderBy: [{ workloadUid: 'asc' }, { revision: 'asc' }] })).map(
      ({ clusterId: _c, firstSeenAt: _f, lastSeenAt: _l, replicas: _r, readyReplicas: _rr, availableReplicas: _a, ...rest }) => rest,
    );

  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    clock = fixedClock(MONDAY);
    cluster = await startDemoCluster({ seed: 7, clock });
  });
  afterAll(async () => {
    await cluster?.close();
    await cleanup?.();
  });

  test('several rollouts between scrapes, old ReplicaSets collected: every revision number is stored', async () => {
    await collectAt('gaps', MONDAY);
    const before = new Map((await db.prisma.workloadRevision.groupBy({ by: ['workloadUid'], where: { cluster: { name: 'gaps' } }, _max: { revision: true } })).map((g) => [g.workloadUid, g._max.revision!]));
    const result = await collectAt('gaps', LATER);
    expect(result.stored).toBe(true);
    const rows = await revisionsOf('gaps');
    const byWorkload = new Map<string, number[]>();
    for (const r of rows) byWorkload.set(r.workloadUid, [...(byWorkload.get(r.workloadUid) ?? []), r.revision]);
    // Some Deployment rolled out more often between the scrapes than its kept ReplicaSets cover.
    const jumped = [...byWorkload].filter(([uid, revs]) => Math.max(...revs) - (before.get(uid) ?? Infinity) > REVISION_HISTORY + 1);
    expect(jumped.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.historyLost)).toBe(true);
    for (const [, revs] of byWorkload) {
      const lo = Math.min(...revs);
      expect(revs).toEqual(Array.from({ length: Math.max(...revs) - lo + 1 }, (_, i) => lo + i));
    }
    for (const r of rows.filter((x) => !x.historyLost)) expect(r.templateHash).not.toBeNull();
  });

  test('idempotent on re-run, and the same rows when the newer scrape is read first', async () => {
    const once = await revisionsOf('gaps');
    await collectAt('gaps', MONDAY);
    await collectAt('gaps', LATER);
    expect(await revisionsOf('gaps')).toEqual(once);
    await collectAt('reversed', LATER);
    await collectAt('reversed', MONDAY);
    expect(await revisionsOf('reversed')).toEqual(once);
  });

  test('workloads and pod lifecycle are stored', async () => {
    expect(await db.prisma.workload.count({ where: { cluster: { name: 'gaps' }, kind: 'Deployment' } })).toBeGreaterThan(0);
    expect(await db.prisma.workload.count({ where: { cluster: { name: 'gaps' }, kind: 'StatefulSet' } })).toBeGreaterThan(0);
    expect(await db.prisma.pod.count({ where: { cluster: { name: 'gaps' }, revisionHash: { not: null } } })).toBeGreaterThan(0);
  });
});
