import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_ATTRIBUTION } from '../../lib/cost/attribution';
import type { Database } from '../../lib/db/client';
import { DEFAULT_DELIVERY_SETTINGS } from '../../lib/delivery';
import { deriveRollouts } from '../../lib/ingest/derive-rollouts';
import { writeSnapshot } from '../../lib/ingest/write-snapshot';
import type { RevisionRecord, Snapshot, WorkloadKind, WorkloadRecord } from '../../lib/k8s/types';
import { BACKENDS } from '../helpers/backends';

// Histories written through the collector's storage (writeSnapshot) and derived: what the
// pure model's table tests say must survive the trip through workload_revision.
const NOW = new Date('2026-12-02T12:00:00.000Z');

function workload(uid: string, kind: WorkloadKind, name: string, over: Partial<WorkloadRecord> = {}): WorkloadRecord {
  return {
    uid, namespace: 'shop', name, kind, createdAt: '2026-11-01T00:00:00.000Z', generation: 1, observedGeneration: 1, replicas: 1, updatedReplicas: 1,
    readyReplicas: 1, availableReplicas: 1, currentRevision: null, updateRevision: null, progressDeadlineSeconds: kind === 'Deployment' ? 600 : null,
    conditions: [], annotations: {}, ...over,
  };
}

function revision(uid: string, kind: WorkloadKind, name: string, n: number, hash: string, createdAt: string, image: string): RevisionRecord {
  return {
    workloadUid: uid, namespace: 'shop', workloadKind: kind, workloadName: name, source: kind === 'Deployment' ? 'ReplicaSet' : 'ControllerRevision',
    revision: n, revisionHistory: [], templateHash: hash, createdAt, images: [image], templateAnnotations: {}, specHash: `spec-${image}`, restartedAt: null,
    replicas: null, readyReplicas: null, availableReplicas: null,
  };
}

function snapshot(cluster: string, sampledAt: string, workloads: WorkloadRecord[], revisions: RevisionRecord[]): Snapshot {
  return {
    cluster, sampledAt, namespaces: [{ name: 'shop', labels: { team: 'shop-team' }, createdAt: null }], nodes: [], pods: [], volumes: [], claims: [],
    containerUsage: [], nodeUsage: [], metricsAvailable: false, workloads, revisions, rolloutsServed: false, hpas: [], warnings: [],
  };
}

const done = (at: string) => ({ conditions: [{ type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', lastUpdateTime: at, lastTransitionTime: at }] });

async function derived(db: Database, cluster: string) {
  const [{ id }] = (await db.session((s) => s.query<{ id: number }>(`SELECT id FROM cluster WHERE name = $1`, [cluster]))) as [{ id: number }];
  await deriveRollouts(db, { from: new Date('2026-11-01T00:00:00Z'), to: NOW, now: NOW, cluster: id, settings: DEFAULT_DELIVERY_SETTINGS, attribution: DEFAULT_ATTRIBUTION });
  return db.session((s) =>
    s.query<{ uid: string; revision: number; kind: string; status: string; failure: string | null; started: Date | null }>(
      `SELECT workload_uid AS uid, revision, kind, status, failure_reason AS failure, started_at AS started FROM rollout WHERE cluster_id = $1 ORDER BY workload_uid, revision`,
      [id],
    ),
  );
}

describe.each(BACKENDS)('derived histories on $name', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
  });
  afterAll(async () => cleanup?.());

  test('a Deployment deleted and recreated under the same name: a new uid, its own revision 1, no bogus rollback', async () => {
    // api (uid old) shipped api:1 then api:2, was deleted; recreated (uid new) with api:1 again, then api:3.
    const old = 'dep-old';
    const fresh = 'dep-new';
    await writeSnapshot(db, snapshot('recreated', '2026-12-01T09:00:00.000Z', [workload(old, 'Deployment', 'api', done('2026-12-01T08:05:00.000Z'))], [
      revision(old, 'Deployment', 'api', 1, 'h1', '2026-12-01T07:00:00.000Z', 'api:1'),
      revision(old, 'Deployment', 'api', 2, 'h2', '2026-12-01T08:00:00.000Z', 'api:2'),
    ]), 1);
    await writeSnapshot(db, snapshot('recreated', '2026-12-01T11:00:00.000Z', [workload(fresh, 'Deployment', 'api', done('2026-12-01T10:40:00.000Z'))], [
      revision(fresh, 'Deployment', 'api', 1, 'h1', '2026-12-01T10:00:00.000Z', 'api:1'),
      revision(fresh, 'Deployment', 'api', 2, 'h3', '2026-12-01T10:30:00.000Z', 'api:3'),
    ]), 1);
    const rows = await derived(db, 'recreated');
    expect(rows.map((r) => [r.uid, r.revision, r.kind, r.status === 'failed' ? r.failure : r.status])).toEqual([
      [fresh, 1, 'deployment', 'succeeded'],
      [fresh, 2, 'deployment', 'succeeded'],
      [old, 1, 'deployment', 'succeeded'],
      [old, 2, 'deployment', 'succeeded'], // the recreated api:1 is not a rollback of it
    ]);
  });

  test('a StatefulSet rollback that renumbered its old ControllerRevision: a rollback, started when seen, failing the revision it undid', async () => {
    const sts = 'sts-1';
    const crs = (current: number) => [
      revision(sts, 'StatefulSet', 'db', current, 'db-abc', '2026-11-01T00:00:00.000Z', 'db:1'),
      revision(sts, 'StatefulSet', 'db', 2, 'db-def', '2026-12-01T10:00:00.000Z', 'db:2'),
    ];
    const rolling = (update: string) => workload(sts, 'StatefulSet', 'db', { currentRevision: update, updateRevision: update, generation: 2, observedGeneration: 2 });
    await writeSnapshot(db, snapshot('sts', '2026-12-01T10:30:00.000Z', [rolling('db-def')], crs(1)), 1);
    await writeSnapshot(db, snapshot('sts', '2026-12-01T11:00:00.000Z', [rolling('db-abc')], crs(3)), 1);
    const rows = await derived(db, 'sts');
    expect(rows.map((r) => [r.revision, r.kind, r.status, r.failure, r.started?.toISOString() ?? null])).toEqual([
      [1, 'deployment', 'succeeded', null, '2026-11-01T00:00:00.000Z'],
      [2, 'deployment', 'failed', 'RolledBack', '2026-12-01T10:00:00.000Z'],
      [3, 'rollback', 'succeeded', null, '2026-12-01T11:00:00.000Z'],
    ]);
  });
});
