import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../lib/db/client';
import { writeSnapshot } from '../../lib/ingest/write-snapshot';
import type { RevisionRecord, Snapshot, WorkloadRecord } from '../../lib/k8s/types';
import { BACKENDS } from '../helpers/backends';

const deployment = (progressing: WorkloadRecord['conditions'][number]): WorkloadRecord => ({
  uid: 'dep-1', namespace: 'shop', name: 'api', kind: 'Deployment', createdAt: '2026-11-01T00:00:00.000Z', generation: 9, observedGeneration: 9,
  replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2, currentRevision: null, updateRevision: null,
  progressDeadlineSeconds: 600, conditions: [progressing], annotations: {},
});

const rs = (revision: number, createdAt: string, revisionHistory: number[] = [], image = `shop/api:${revision}`): RevisionRecord => ({
  workloadUid: 'dep-1', namespace: 'shop', workloadKind: 'Deployment', workloadName: 'api', source: 'ReplicaSet', revision, revisionHistory,
  templateHash: `h${image.split(':')[1]}`, createdAt, images: [image], templateAnnotations: {}, specHash: `s${image}`, restartedAt: null,
  replicas: 0, readyReplicas: 0, availableReplicas: 0,
});

function snapshot(cluster: string, sampledAt: string, workloads: WorkloadRecord[], revisions: RevisionRecord[]): Snapshot {
  return {
    cluster, sampledAt, namespaces: [], nodes: [], pods: [], volumes: [], claims: [], containerUsage: [], nodeUsage: [],
    metricsAvailable: false, workloads, revisions, rolloutsServed: false, hpas: [], warnings: [],
  };
}

// Scrape 1 at 10:00 sees revisions 1–3 (3 current, completed 09:40). By 11:00 the Deployment rolled
// out 4, 5 and 6, then `rollout undo` to 4's template (the reused RS is now revision 7, history [4]),
// and the RSs of 1, 2, 3 and 5 were garbage-collected; 6 is kept.
const first = (cluster: string) =>
  snapshot(cluster, '2026-12-01T10:00:00.000Z', [deployment({ type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', lastUpdateTime: '2026-12-01T09:40:00.000Z', lastTransitionTime: null })], [
    rs(1, '2026-11-01T00:00:00.000Z'), rs(2, '2026-11-20T00:00:00.000Z'), rs(3, '2026-12-01T09:30:00.000Z'),
  ]);
const second = (cluster: string) =>
  snapshot(cluster, '2026-12-01T11:00:00.000Z', [deployment({ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', lastUpdateTime: null, lastTransitionTime: '2026-12-01T10:58:00.000Z' })], [
    rs(6, '2026-12-01T10:40:00.000Z'), rs(7, '2026-12-01T10:10:00.000Z', [4], 'shop/api:4'),
  ]);

async function rows(db: Database, cluster: string) {
  const list = await db.prisma.workloadRevision.findMany({ where: { cluster: { name: cluster } }, orderBy: { revision: 'asc' } });
  return list.map((r) => ({
    revision: r.revision, historyLost: r.historyLost, fromHistory: r.fromHistory, images: r.images, revisionHistory: r.revisionHistory,
    startedAt: r.startedAt?.toISOString() ?? null, completedAt: r.completedAt?.toISOString() ?? null, deadlineExceededAt: r.deadlineExceededAt?.toISOString() ?? null,
  }));
}

describe.each(BACKENDS)('rollout history on $name', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
  });
  afterAll(async () => cleanup?.());

  test('every revision number is stored: seen, known from revision-history, or a history_lost gap', async () => {
    await writeSnapshot(db, first('a'), 1);
    await writeSnapshot(db, second('a'), 1);
    expect(await rows(db, 'a')).toEqual([
      { revision: 1, historyLost: false, fromHistory: false, images: ['shop/api:1'], revisionHistory: [], startedAt: '2026-11-01T00:00:00.000Z', completedAt: null, deadlineExceededAt: null },
      { revision: 2, historyLost: false, fromHistory: false, images: ['shop/api:2'], revisionHistory: [], startedAt: '2026-11-20T00:00:00.000Z', completedAt: null, deadlineExceededAt: null },
      { revision: 3, historyLost: false, fromHistory: false, images: ['shop/api:3'], revisionHistory: [], startedAt: '2026-12-01T09:30:00.000Z', completedAt: '2026-12-01T09:40:00.000Z', deadlineExceededAt: null },
      { revision: 4, historyLost: false, fromHistory: true, images: ['shop/api:4'], revisionHistory: [], startedAt: null, completedAt: null, deadlineExceededAt: null },
      { revision: 5, historyLost: true, fromHistory: false, images: null, revisionHistory: [], startedAt: null, completedAt: null, deadlineExceededAt: null },
      { revision: 6, historyLost: false, fromHistory: false, images: ['shop/api:6'], revisionHistory: [], startedAt: '2026-12-01T10:40:00.000Z', completedAt: null, deadlineExceededAt: null },
      // reused: started when first seen under its new number; the deadline applies to the current one
      { revision: 7, historyLost: false, fromHistory: false, images: ['shop/api:4'], revisionHistory: [4], startedAt: '2026-12-01T11:00:00.000Z', completedAt: null, deadlineExceededAt: '2026-12-01T10:58:00.000Z' },
    ]);
  });

  test('idempotent, and the same rows when the newer scrape is written first', async () => {
    await writeSnapshot(db, first('a'), 1);
    await writeSnapshot(db, second('a'), 1);
    await writeSnapshot(db, second('b'), 1);
    await writeSnapshot(db, first('b'), 1);
    expect(await rows(db, 'b')).toEqual(await rows(db, 'a'));
  });

  test('a placeholder is replaced when the revision turns up', async () => {
    await writeSnapshot(db, first('c'), 1);
    await writeSnapshot(db, second('c'), 1);
    await writeSnapshot(db, snapshot('c', '2026-12-01T09:50:00.000Z', [], [rs(5, '2026-12-01T10:20:00.000Z')]), 1);
    expect((await rows(db, 'c')).find((r) => r.revision === 5)).toMatchObject({ historyLost: false, images: ['shop/api:5'], startedAt: '2026-12-01T10:20:00.000Z' });
  });

  test('an older scrape replayed inside the stored range still lowers the revision times (LEAST over all scrapes)', async () => {
    // No NewReplicaSetAvailable time: completion is the first scrape that saw every replica updated and available.
    const rolling = (done: boolean) => ({ ...deployment({ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', lastUpdateTime: null, lastTransitionTime: null }), availableReplicas: done ? 2 : 1 });
    const at = (sampledAt: string, done: boolean) => snapshot('e', sampledAt, [rolling(done)], [rs(3, '2026-12-01T09:30:00.000Z')]);
    await writeSnapshot(db, at('2026-12-01T10:00:00.000Z', false), 1);
    await writeSnapshot(db, at('2026-12-01T10:20:00.000Z', true), 1);
    expect((await rows(db, 'e')).find((r) => r.revision === 3)?.completedAt).toBe('2026-12-01T10:20:00.000Z');
    await writeSnapshot(db, at('2026-12-01T10:10:00.000Z', true), 1);
    expect((await rows(db, 'e')).find((r) => r.revision === 3)?.completedAt).toBe('2026-12-01T10:10:00.000Z');
  });

  test('a StatefulSet rollback (its old ControllerRevision bumped from 1 to 3) starts when first seen as 3, not at its creation', async () => {
    // 10:00 sees web-abc (revision 1, created 11-01) and web-def (revision 2, 09:30); by 11:00
    // `rollout undo` made Kubernetes renumber web-abc to 3: no new object, an old creation time.
    await writeSnapshot(db, snapshot('d', '2026-12-01T10:00:00.000Z', [statefulSet('web-def')], [cr('abc', 1, '2026-11-01T00:00:00.000Z'), cr('def', 2, '2026-12-01T09:30:00.000Z')]), 1);
    await writeSnapshot(db, snapshot('d', '2026-12-01T11:00:00.000Z', [statefulSet('web-abc')], [cr('abc', 3, '2026-11-01T00:00:00.000Z'), cr('def', 2, '2026-12-01T09:30:00.000Z')]), 1);
    await writeSnapshot(db, snapshot('d', '2026-12-01T11:01:00.000Z', [statefulSet('web-abc')], [cr('abc', 3, '2026-11-01T00:00:00.000Z'), cr('def', 2, '2026-12-01T09:30:00.000Z')]), 1);
    expect((await rows(db, 'd')).map((r) => [r.revision, r.images, r.startedAt, r.completedAt])).toEqual([
      [1, ['db:abc'], '2026-11-01T00:00:00.000Z', null],
      [2, ['db:def'], '2026-12-01T09:30:00.000Z', '2026-12-01T10:00:00.000Z'],
      [3, ['db:abc'], '2026-12-01T11:00:00.000Z', '2026-12-01T11:00:00.000Z'],
    ]);
  });
});

const statefulSet = (updateRevision: string): WorkloadRecord => ({
  uid: 'sts-1', namespace: 'shop', name: 'web', kind: 'StatefulSet', createdAt: '2026-11-01T00:00:00.000Z', generation: 3, observedGeneration: 3,
  replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1, currentRevision: updateRevision, updateRevision,
  progressDeadlineSeconds: null, conditions: [], annotations: {},
});

const cr = (hash: string, revision: number, createdAt: string): RevisionRecord => ({
  workloadUid: 'sts-1', namespace: 'shop', workloadKind: 'StatefulSet', workloadName: 'web', source: 'ControllerRevision', revision, revisionHistory: [],
  templateHash: hash, createdAt, images: [`db:${hash}`], templateAnnotations: {}, specHash: `s${hash}`, restartedAt: null,
  replicas: null, readyReplicas: null, availableReplicas: null,
});
