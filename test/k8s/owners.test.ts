import { describe, expect, test } from 'vitest';
import { resolveOwner, type OwnerLookups, type PodIdentity } from '../../lib/k8s/owners';

const lookups: OwnerLookups = {
  replicaSetOwners: new Map([['shop/api-5d4f8', { kind: 'Deployment', name: 'api' }]]),
  jobOwners: new Map([['data/nightly-29391840', { kind: 'CronJob', name: 'nightly' }]]),
};

function pod(overrides: Partial<PodIdentity>): PodIdentity {
  return { namespace: 'shop', name: 'p', nodeName: 'node-a', ownerReferences: [], labels: {}, annotations: {}, ...overrides };
}

describe('resolveOwner', () => {
  test.each([
    ['ReplicaSet → Deployment (listed)', pod({ namespace: 'shop', ownerReferences: [{ kind: 'ReplicaSet', name: 'api-5d4f8', controller: true }] }), 'ReplicaSet', 'api-5d4f8', 'Deployment', 'api'],
    ['ReplicaSet not listed → Deployment by pod-template-hash', pod({ labels: { 'pod-template-hash': '7c9d' }, ownerReferences: [{ kind: 'ReplicaSet', name: 'web-7c9d', controller: true }] }), 'ReplicaSet', 'web-7c9d', 'Deployment', 'web'],
    ['bare ReplicaSet (hash does not match) stays', pod({ labels: { 'pod-template-hash': 'zzz' }, ownerReferences: [{ kind: 'ReplicaSet', name: 'legacy-rs', controller: true }] }), 'ReplicaSet', 'legacy-rs', 'ReplicaSet', 'legacy-rs'],
    ['Job → CronJob', pod({ namespace: 'data', ownerReferences: [{ kind: 'Job', name: 'nightly-29391840', controller: true }] }), 'Job', 'nightly-29391840', 'CronJob', 'nightly'],
    ['standalone Job', pod({ ownerReferences: [{ kind: 'Job', name: 'migrate-once', controller: true }] }), 'Job', 'migrate-once', 'Job', 'migrate-once'],
    ['StatefulSet', pod({ ownerReferences: [{ kind: 'StatefulSet', name: 'db', controller: true }] }), 'StatefulSet', 'db', 'StatefulSet', 'db'],
    ['DaemonSet', pod({ ownerReferences: [{ kind: 'DaemonSet', name: 'fluent-bit', controller: true }] }), 'DaemonSet', 'fluent-bit', 'DaemonSet', 'fluent-bit'],
    ['bare pod', pod({ name: 'debug' }), 'Pod', 'debug', 'Pod', 'debug'],
    ['mirror pod owned by its Node', pod({ name: 'etcd-node-a', nodeName: 'node-a', ownerReferences: [{ kind: 'Node', name: 'node-a', controller: true }] }), 'Node', 'node-a', 'StaticPod', 'etcd'],
    ['mirror pod by annotation', pod({ name: 'kube-apiserver-node-a', annotations: { 'kubernetes.io/config.mirror': 'abc' } }), 'Node', 'node-a', 'StaticPod', 'kube-apiserver'],
    ['controller reference preferred over others', pod({ ownerReferences: [{ kind: 'Foo', name: 'x' }, { kind: 'StatefulSet', name: 'db', controller: true }] }), 'StatefulSet', 'db', 'StatefulSet', 'db'],
    ['custom controller kept', pod({ ownerReferences: [{ kind: 'Rollout', name: 'canary', controller: true }] }), 'Rollout', 'canary', 'Rollout', 'canary'],
  ])('%s', (_case, input, ownerKind, ownerName, controllerKind, controllerName) => {
    expect(resolveOwner(input, lookups)).toEqual({ ownerKind, ownerName, controllerKind, controllerName });
  });
});
