import { describe, expect, test } from 'vitest';
import { resolveOwner, type OwnerLookups, type PodIdentity } from '../../lib/k8s/owners';

const lookups: OwnerLookups = {
  replicaSetOwners: new Map([
    ['shop/api-5d4f8', { kind: 'Deployment', name: 'api' }],
    ['shop/canary-1', { kind: 'Rollout', name: 'canary' }],
  ]),
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
    ['no controller flag → first reference', pod({ ownerReferences: [{ kind: 'StatefulSet', name: 'db' }, { kind: 'DaemonSet', name: 'x' }] }), 'StatefulSet', 'db', 'StatefulSet', 'db'],
    ['ReplicaSet not listed, no pod-template-hash label → ReplicaSet', pod({ ownerReferences: [{ kind: 'ReplicaSet', name: 'web-7c9d', controller: true }] }), 'ReplicaSet', 'web-7c9d', 'ReplicaSet', 'web-7c9d'],
    ['ReplicaSet listed in another namespace only → hash fallback', pod({ namespace: 'other', labels: { 'pod-template-hash': '5d4f8' }, ownerReferences: [{ kind: 'ReplicaSet', name: 'api-5d4f8', controller: true }] }), 'ReplicaSet', 'api-5d4f8', 'Deployment', 'api'],
    ['ReplicaSet owned by something else (Argo Rollout)', pod({ namespace: 'shop', ownerReferences: [{ kind: 'ReplicaSet', name: 'canary-1', controller: true }] }), 'ReplicaSet', 'canary-1', 'Rollout', 'canary'],
    ['Job of a CronJob not listed → Job', pod({ namespace: 'data', ownerReferences: [{ kind: 'Job', name: 'nightly-29391841', controller: true }] }), 'Job', 'nightly-29391841', 'Job', 'nightly-29391841'],
    ['mirror pod whose name lacks the node suffix', pod({ name: 'etcd', nodeName: 'node-a', annotations: { 'kubernetes.io/config.mirror': 'abc' } }), 'Node', 'node-a', 'StaticPod', 'etcd'],
    ['mirror pod annotation wins over a stray owner', pod({ name: 'proxy-node-a', ownerReferences: [{ kind: 'DaemonSet', name: 'proxy' }], annotations: { 'kubernetes.io/config.mirror': 'abc' } }), 'Node', 'node-a', 'StaticPod', 'proxy'],
    ['custom controller kept', pod({ ownerReferences: [{ kind: 'Rollout', name: 'canary', controller: true }] }), 'Rollout', 'canary', 'Rollout', 'canary'],
  ])('%s', (_case, input, ownerKind, ownerName, controllerKind, controllerName) => {
    expect(resolveOwner(input, lookups)).toEqual({ ownerKind, ownerName, controllerKind, controllerName });
  });
});
