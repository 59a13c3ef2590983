import { describe, expect, test } from 'vitest';
import { toControllerRevisionRecord, toReplicaSetRevision, toWorkloadRecord, templateSpecHash } from '../../lib/k8s/to-workloads';
import { toNodeRecord, toPodLifecycle, type K8sPod, type K8sWorkload } from '../../lib/k8s/to-snapshot';

const template = (image: string, annotations: Record<string, string> = {}, hash = 'abc123') => ({
  metadata: { labels: { app: 'api', 'pod-template-hash': hash }, annotations },
  spec: { containers: [{ name: 'app', image }, { name: 'sidecar', image: 'envoy:1.30' }] },
});

const deployment: K8sWorkload = {
  metadata: { name: 'api', namespace: 'shop', uid: 'dep-1', generation: 7, creationTimestamp: '2026-11-01T00:00:00Z', annotations: { 'tally.dev/commit-time': '2026-11-30T10:00:00Z' } },
  spec: { replicas: 3, progressDeadlineSeconds: 300, template: template('shop/api:7') },
  status: {
    observedGeneration: 7, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 2,
    conditions: [
      { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', lastUpdateTime: '2026-12-01T10:05:00Z', lastTransitionTime: '2026-11-01T00:01:00Z' },
    ],
  },
};

const replicaSet = (revision: string, extra: Record<string, string> = {}): K8sWorkload => ({
  metadata: {
    name: 'api-abc123', namespace: 'shop', uid: 'rs-1', creationTimestamp: '2026-12-01T10:00:00Z', labels: { app: 'api', 'pod-template-hash': 'abc123' },
    annotations: { 'deployment.kubernetes.io/revision': revision, ...extra },
    ownerReferences: [{ kind: 'Deployment', name: 'api', uid: 'dep-1', controller: true }],
  },
  spec: { replicas: 3, template: template('shop/api:7', { 'kubectl.kubernetes.io/restartedAt': '2026-12-01T09:59:00Z' }) },
  status: { replicas: 3, readyReplicas: 3, availableReplicas: 2 },
});

describe('workloads', () => {
  test('a Deployment: counts, deadline, conditions with both times, its own annotations', () => {
    expect(toWorkloadRecord(deployment, 'Deployment')).toEqual({
      uid: 'dep-1', namespace: 'shop', name: 'api', kind: 'Deployment', createdAt: '2026-11-01T00:00:00.000Z',
      generation: 7, observedGeneration: 7, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 2,
      currentRevision: null, updateRevision: null, progressDeadlineSeconds: 300,
      conditions: [{ type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', lastUpdateTime: '2026-12-01T10:05:00.000Z', lastTransitionTime: '2026-11-01T00:01:00.000Z' }],
      annotations: { 'tally.dev/commit-time': '2026-11-30T10:00:00Z' },
    });
  });

  test.each([
    ['StatefulSet', { replicas: 2, status: { replicas: 2, updatedReplicas: 1, readyReplicas: 2, availableReplicas: 2, currentRevision: 'db-aaa', updateRevision: 'db-bbb' } }, [2, 1, 2, 2, 'db-aaa', 'db-bbb', null]],
    ['DaemonSet', { status: { desiredNumberScheduled: 5, updatedNumberScheduled: 4, numberReady: 3, numberAvailable: 3 } }, [5, 4, 3, 3, null, null, null]],
    ['Rollout', { replicas: 4, status: { updatedReplicas: 4, readyReplicas: 4, availableReplicas: 4, stableRS: '6d5f', currentPodHash: '7c8b' } }, [4, 4, 4, 4, '6d5f', '7c8b', 600]],
  ] as const)('a %s: its counts and revisions', (kind, shape, expected) => {
    const object = { metadata: { name: 'w', uid: 'u', namespace: 'ns' }, spec: 'replicas' in shape ? { replicas: shape.replicas } : {}, status: shape.status } as K8sWorkload;
    const r = toWorkloadRecord(object, kind)!;
    expect([r.replicas, r.updatedReplicas, r.readyReplicas, r.availableReplicas, r.currentRevision, r.updateRevision, r.progressDeadlineSeconds]).toEqual(expected);
  });

  test('no uid or name: skipped', () => {
    expect(toWorkloadRecord({ metadata: { name: 'x' } }, 'Deployment')).toBeNull();
  });
});

describe('revisions', () => {
  test('a ReplicaSet: revision, owner uid, hash, images in order, restartedAt, status counts', () => {
    const r = toReplicaSetRevision(replicaSet('4'))!;
    expect(r).toMatchObject({
      workloadUid: 'dep-1', namespace: 'shop', workloadKind: 'Deployment', workloadName: 'api', source: 'ReplicaSet', revision: 4,
      revisionHistory: [], templateHash: 'abc123', createdAt: '2026-12-01T10:00:00.000Z', images: ['shop/api:7', 'envoy:1.30'],
      restartedAt: '2026-12-01T09:59:00Z', replicas: 3, readyReplicas: 3, availableReplicas: 2,
    });
    expect(r.specHash).toMatch(/^[0-9a-f]{64}$/);
  });

  test('a reused ReplicaSet (rollout undo) lists the revisions it served before', () => {
    expect(toReplicaSetRevision(replicaSet('9', { 'deployment.kubernetes.io/revision-history': '2,5' }))!.revisionHistory).toEqual([2, 5]);
  });

  test.each([
    ['no owner', { ...replicaSet('3'), metadata: { ...replicaSet('3').metadata, ownerReferences: [] } }],
    ['no revision', replicaSet('')],
    ['owned by something else', { ...replicaSet('3'), metadata: { ...replicaSet('3').metadata, ownerReferences: [{ kind: 'Custom', name: 'x', uid: 'c' }] } }],
  ])('a ReplicaSet with %s: skipped', (_name, rs) => {
    expect(toReplicaSetRevision(rs)).toBeNull();
  });

  test('spec hash ignores restartedAt and the hash labels, follows any other change, key order irrelevant', () => {
    const base = templateSpecHash(template('a:1'));
    expect(templateSpecHash(template('a:1', { 'kubectl.kubernetes.io/restartedAt': 'now' }, 'zzz'))).toBe(base);
    expect(templateSpecHash(template('a:2'))).not.toBe(base);
    expect(templateSpecHash(template('a:1', { other: 'x' }))).not.toBe(base);
    const reordered = { spec: { containers: [{ image: 'a:1', name: 'app' }, { image: 'envoy:1.30', name: 'sidecar' }] }, metadata: { annotations: {}, labels: { app: 'api' } } };
    expect(templateSpecHash(reordered)).toBe(base);
  });

  test('a ControllerRevision: .revision, hash label, template from data', () => {
    const r = toControllerRevisionRecord({
      metadata: {
        name: 'db-5f7c', namespace: 'data', creationTimestamp: '2026-12-02T00:00:00Z', labels: { 'controller.kubernetes.io/hash': '5f7c' },
        ownerReferences: [{ kind: 'StatefulSet', name: 'db', uid: 'sts-1', controller: true }],
      },
      revision: 3,
      data: { spec: { template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ image: 'postgres:16' }] } } } },
    })!;
    expect(r).toMatchObject({ workloadUid: 'sts-1', workloadKind: 'StatefulSet', workloadName: 'db', source: 'ControllerRevision', revision: 3, templateHash: '5f7c', images: ['postgres:16'], replicas: null, revisionHistory: [] });
  });
});

describe('pod lifecycle and node readiness', () => {
  const pod: K8sPod = {
    metadata: { name: 'api-abc123-x', namespace: 'shop', labels: { 'pod-template-hash': 'abc123' } },
    status: {
      phase: 'Running',
      conditions: [
        { type: 'PodScheduled', status: 'True', lastTransitionTime: '2026-12-01T10:00:02Z' },
        { type: 'Initialized', status: 'True', lastTransitionTime: '2026-12-01T10:00:05Z' },
        { type: 'ContainersReady', status: 'False', lastTransitionTime: '2026-12-01T10:00:09Z' },
        { type: 'Ready', status: 'False', lastTransitionTime: '2026-12-01T10:00:09Z' },
      ],
      containerStatuses: [
        { restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { reason: 'OOMKilled' } } },
        { restartCount: 1 },
      ],
    },
  };

  test('condition times only while True; restarts summed; waiting and termination reasons; revision hash', () => {
    expect(toPodLifecycle(pod)).toEqual({
      scheduledAt: '2026-12-01T10:00:02.000Z', initializedAt: '2026-12-01T10:00:05.000Z', containersReadyAt: null, readyAt: null,
      unschedulableSince: null, restarts: 5, waitingReason: 'CrashLoopBackOff', lastTerminationReason: 'OOMKilled', revisionHash: 'abc123',
    });
  });

  test('an unschedulable pod: since when; a StatefulSet pod: controller-revision-hash', () => {
    const pending: K8sPod = {
      metadata: { name: 'db-0', labels: { 'controller-revision-hash': 'db-5f7c' } },
      status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', lastTransitionTime: '2026-12-01T11:00:00Z' }] },
    };
    expect(toPodLifecycle(pending)).toMatchObject({ scheduledAt: null, unschedulableSince: '2026-12-01T11:00:00.000Z', restarts: 0, waitingReason: null, revisionHash: 'db-5f7c' });
  });

  test('node readyAt: Ready=True lastTransitionTime, null when not Ready', () => {
    const node = (status: string) => ({
      metadata: { name: 'n1', uid: 'n1' },
      status: { capacity: { cpu: '4', memory: '16Gi' }, conditions: [{ type: 'Ready', status, lastTransitionTime: '2026-12-01T09:00:00Z' }] },
    });
    expect(toNodeRecord(node('True'), () => {})!.readyAt).toBe('2026-12-01T09:00:00.000Z');
    expect(toNodeRecord(node('False'), () => {})!.readyAt).toBeNull();
  });
});
