import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { makeIntern } from '../../lib/k8s/intern';
import type { OwnerLookups } from '../../lib/k8s/owners';
import { toNodeRecord, toPodRecord, type K8sNode, type K8sPod } from '../../lib/k8s/to-snapshot';
import { toSchedulingConstraints } from '../../lib/k8s/to-scheduling';
import { k8sFixture } from '../helpers/fixtures';

const lookups: OwnerLookups = { replicaSetOwners: new Map(), jobOwners: new Map() };
const load = <T>(name: string): T => JSON.parse(readFileSync(k8sFixture(name), 'utf8')) as T;
const openshift = load<{ items: (K8sNode & K8sPod & { kind: string; metadata: { name: string } })[] }>('openshift-4.4-gcp-ci-cluster-nodes-pods.json');
const aks = load<{ podList: { items: (K8sPod & { metadata: { name: string } })[] } }>('aks-nodes-and-pods.json');
const byName = <T extends { metadata: { name: string } }>(items: T[], name: string) => items.find((i) => i.metadata.name.startsWith(name))!;

describe('scheduling constraints from real clusters', () => {
  test('OpenShift master node: its taint and max pods (allocatable.pods 250)', () => {
    const node = toNodeRecord(byName(openshift.items, 'ci-ln-d53y532-f76d1-2btqq-master-0'), () => {});
    expect(node).toMatchObject({ taints: [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }], maxPods: 250 });
    expect(toNodeRecord(byName(openshift.items, 'ci-ln-d53y532-f76d1-2btqq-worker-b'), () => {})).toMatchObject({ taints: [], maxPods: 250 });
  });

  test('an operator pod: its nodeSelector and master toleration, not the admission defaults', () => {
    const pod = toPodRecord(byName(openshift.items, 'openshift-apiserver-operator'), lookups, () => {});
    expect(pod!.scheduling).toEqual({
      nodeSelector: { 'node-role.kubernetes.io/master': '' },
      tolerations: [{ key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' }],
    });
  });

  test('preferred anti-affinity is not stored; a DaemonSet pod pinned by matchFields keeps only its tolerations', () => {
    const prometheus = toPodRecord(byName(openshift.items, 'prometheus-k8s-0'), lookups, () => {});
    expect(prometheus!.scheduling).toEqual({ nodeSelector: { 'kubernetes.io/os': 'linux' } });
    const masq = toPodRecord(byName(aks.podList.items, 'azure-ip-masq-agent'), lookups, () => {});
    expect(masq!.scheduling).toEqual({ tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }, { operator: 'Exists', effect: 'NoExecute' }, { operator: 'Exists', effect: 'NoSchedule' }] });
  });

  test('AKS coredns: required node affinity as ORed terms of ANDed requirements', () => {
    const pod = toPodRecord(byName(aks.podList.items, 'coredns-'), lookups, () => {});
    expect(pod!.scheduling?.nodeAffinity).toEqual([[
      { key: 'kubernetes.azure.com/cluster', operator: 'Exists' },
      { key: 'type', operator: 'NotIn', values: ['virtual-kubelet'] },
      { key: 'kubernetes.io/os', operator: 'In', values: ['linux'] },
    ]]);
  });
});

describe('hand-made pods', () => {
  test.each([
    ['no spec', undefined, null],
    ['only admission default tolerations', { tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' }] }, null],
    ['empty nodeSelector', { nodeSelector: {} }, null],
    [
      'required anti-affinity on hostname (zone ignored)',
      { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [
        { labelSelector: { matchLabels: { app: 'api' } }, topologyKey: 'kubernetes.io/hostname' },
        { labelSelector: { matchLabels: { app: 'api' } }, topologyKey: 'topology.kubernetes.io/zone' },
        { labelSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['db'] }] }, namespaceSelector: {}, topologyKey: 'kubernetes.io/hostname' },
      ] } } },
      { hostAntiAffinity: [{ matchLabels: { app: 'api' } }, { matchExpressions: [{ key: 'tier', operator: 'In', values: ['db'] }], namespaces: ['*'] }] },
    ],
  ])('%s', (_name, spec, expected) => expect(toSchedulingConstraints(spec as never)).toEqual(expected));

  test('interned: equal strings of two pods are one copy', () => {
    const intern = makeIntern();
    const spec = () => JSON.parse('{"nodeSelector":{"pool":"gpu"}}') as { nodeSelector: Record<string, string> };
    const a = toSchedulingConstraints(spec(), intern)!, b = toSchedulingConstraints(spec(), intern)!;
    expect(Object.keys(a.nodeSelector!)[0]).toBe(Object.keys(b.nodeSelector!)[0]);
  });
});
