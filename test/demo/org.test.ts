import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { planBurstNodesAt } from '../../lib/demo/burst';
import { type DemoCluster, fixedClock, startDemoCluster } from '../../lib/demo/server';
import { WEDNESDAY_NOON, type ListBody, list } from './helpers';
import { bytes, cpuMillicores } from './quantities';

type Item = ListBody['items'][number];
interface Container {
  name: string;
  resources: { requests?: Record<string, string>; limits?: Record<string, string> };
}
interface PodShape {
  metadata: { name: string; namespace: string; labels: Record<string, string>; ownerReferences: Array<{ kind: string; name: string; uid: string }> };
  spec: { nodeName?: string; containers: Container[]; volumes?: Array<{ persistentVolumeClaim?: { claimName: string } }> };
  status: { phase: string };
}

let cluster: DemoCluster;
const lists: Record<string, ListBody> = {};
const pods = () => lists.pods?.items as unknown as PodShape[];

beforeAll(async () => {
  cluster = await startDemoCluster({ clock: fixedClock(WEDNESDAY_NOON) });
  const paths: Record<string, string> = {
    namespaces: '/api/v1/namespaces',
    nodes: '/api/v1/nodes',
    pods: '/api/v1/pods',
    pvs: '/api/v1/persistentvolumes',
    pvcs: '/api/v1/persistentvolumeclaims',
    deployments: '/apis/apps/v1/deployments',
    replicasets: '/apis/apps/v1/replicasets',
    statefulsets: '/apis/apps/v1/statefulsets',
    daemonsets: '/apis/apps/v1/daemonsets',
    jobs: '/apis/batch/v1/jobs',
    cronjobs: '/apis/batch/v1/cronjobs',
  };
  for (const [name, path] of Object.entries(paths)) lists[name] = await list(cluster, path);
});
afterAll(() => cluster.close());

const items = (name: string): Item[] => lists[name]?.items ?? [];

describe('namespaces and teams', () => {
  test('at least five teams, one unlabelled namespace with workloads, kube-system and monitoring', () => {
    const namespaces = items('namespaces');
    const teams = new Set(namespaces.map((ns) => ns.metadata.labels?.team).filter(Boolean));
    expect(teams.size).toBeGreaterThanOrEqual(5);
    expect([...teams]).toEqual(expect.arrayContaining(['checkout', 'search', 'payments', 'data', 'platform-web']));
    const names = namespaces.map((ns) => ns.metadata.name);
    expect(names).toEqual(expect.arrayContaining(['kube-system', 'monitoring', 'legacy-reports']));
    const legacy = namespaces.find((ns) => ns.metadata.name === 'legacy-reports');
    expect(legacy?.metadata.labels?.team).toBeUndefined();
    expect(pods().some((p) => p.metadata.namespace === 'legacy-reports')).toBe(true);
    const unlabelledWithPods = names.filter((n) => !['kube-system', 'monitoring'].includes(n) && !namespaces.find((ns) => ns.metadata.name === n)?.metadata.labels?.team && pods().some((p) => p.metadata.namespace === n));
    expect(unlabelledWithPods).toEqual(['legacy-reports']);
  });
});

describe('nodes', () => {
  test('at least three EKS node groups, with spot and GPU', () => {
    const nodes = items('nodes') as unknown as Array<{ metadata: { name: string; labels: Record<string, string> }; spec: { providerID: string }; status: { capacity: Record<string, string>; allocatable: Record<string, string> } }>;
    // 18 planned nodes, and at Wednesday noon those the cluster autoscaler added for cart-service.
    const planned = cluster.org!.nodes.length;
    expect(planned).toBeGreaterThanOrEqual(12);
    expect(planned).toBeLessThanOrEqual(20);
    expect(nodes.length).toBe(planned + planBurstNodesAt(cluster.org!, WEDNESDAY_NOON.getTime()).length);
    const pools = new Set(nodes.map((n) => n.metadata.labels['eks.amazonaws.com/nodegroup']));
    expect(pools.size).toBeGreaterThanOrEqual(3);
    expect(new Set(nodes.map((n) => n.metadata.labels['eks.amazonaws.com/capacityType']))).toEqual(new Set(['ON_DEMAND', 'SPOT']));
    const gpu = nodes.filter((n) => n.status.capacity['nvidia.com/gpu'] === '1');
    expect(gpu.length).toBeGreaterThan(0);
    expect(gpu.every((n) => n.metadata.labels['node.kubernetes.io/instance-type'] === 'g4dn.xlarge')).toBe(true);
    const types = new Set(nodes.map((n) => n.metadata.labels['node.kubernetes.io/instance-type']));
    expect(types).toContain('m6i.xlarge');
    expect(nodes.find((n) => n.metadata.labels['eks.amazonaws.com/capacityType'] === 'SPOT')?.metadata.labels['node.kubernetes.io/instance-type']).toBe('m5.2xlarge');
    for (const n of nodes) {
      expect(n.spec.providerID).toMatch(/^aws:\/\/\/us-east-1[abc]\/i-[0-9a-f]{17}$/);
      expect(n.metadata.labels['topology.kubernetes.io/region']).toBe('us-east-1');
      expect(n.metadata.labels['topology.kubernetes.io/zone']).toMatch(/^us-east-1[abc]$/);
      expect(n.status.capacity.memory).toMatch(/^\d+Ki$/);
      expect(n.status.capacity.cpu).toMatch(/^\d+$/);
      expect(cpuMillicores(n.status.allocatable.cpu)).toBeLessThan(cpuMillicores(n.status.capacity.cpu));
      expect(bytes(n.status.allocatable.memory)).toBeLessThan(bytes(n.status.capacity.memory));
    }
  });
});

describe('workloads', () => {
  test('at least 60 workloads of all four kinds', () => {
    const counts = ['deployments', 'statefulsets', 'daemonsets', 'cronjobs'].map((k) => items(k).length);
    for (const c of counts) expect(c).toBeGreaterThan(3);
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(60);
    expect(pods().length).toBeGreaterThanOrEqual(150);
    expect(pods().length).toBeLessThanOrEqual(300);
  });

  test('owner chains: Deployment → ReplicaSet → Pod, CronJob → Job → Pod, StatefulSet and DaemonSet → Pod', () => {
    const byKindName = (list: string) => new Map(items(list).map((o) => [`${o.metadata.namespace}/${o.metadata.name}`, o as unknown as { metadata: { uid: string; ownerReferences?: Array<{ kind: string; name: string }> } }]));
    const rs = byKindName('replicasets');
    const jobs = byKindName('jobs');
    const owners = { ReplicaSet: rs, Job: jobs, StatefulSet: byKindName('statefulsets'), DaemonSet: byKindName('daemonsets') } as const;
    for (const pod of pods()) {
      const [ref] = pod.metadata.ownerReferences;
      expect(ref, pod.metadata.name).toBeDefined();
      const owner = owners[ref?.kind as keyof typeof owners]?.get(`${pod.metadata.namespace}/${ref?.name}`);
      expect(owner?.metadata.uid, `${pod.metadata.name} → ${ref?.kind} ${ref?.name}`).toBe(ref?.uid);
      if (ref?.kind === 'ReplicaSet') {
        expect(ref.name).toBe(`${pod.metadata.labels.app}-${pod.metadata.labels['pod-template-hash']}`);
        expect(owner?.metadata.ownerReferences?.[0]?.kind).toBe('Deployment');
      }
      if (ref?.kind === 'Job') expect(owner?.metadata.ownerReferences?.[0]?.kind).toBe('CronJob');
    }
    expect(pods().some((p) => p.status.phase === 'Succeeded')).toBe(true);
  });

  test('DaemonSets run one pod per eligible node', () => {
    // DaemonSets do not run on the nodes added for cart-service's HPA replicas (a simplification, see lib/demo/README.md).
    const nodeNames = cluster.org!.nodes.map((n) => n.name).sort();
    for (const ds of ['node-exporter', 'fluent-bit', 'kube-proxy']) {
      const on = pods().filter((p) => p.metadata.labels.app === ds).map((p) => p.spec.nodeName).sort();
      expect(on, ds).toEqual(nodeNames);
    }
  });

  test('StatefulSet pods mount PVCs bound to gp3 PVs', () => {
    const pvcs = new Map(items('pvcs').map((c) => [`${c.metadata.namespace}/${c.metadata.name}`, c as unknown as { spec: { volumeName: string; storageClassName: string }; status: { phase: string } }]));
    const pvs = new Map(items('pvs').map((v) => [v.metadata.name, v as unknown as { spec: { storageClassName: string; claimRef: { name: string } }; status: { phase: string } }]));
    const stsPods = pods().filter((p) => p.metadata.ownerReferences[0]?.kind === 'StatefulSet');
    expect(stsPods.length).toBeGreaterThan(10);
    for (const pod of stsPods) {
      const claim = pod.spec.volumes?.find((v) => v.persistentVolumeClaim)?.persistentVolumeClaim?.claimName;
      const pvc = pvcs.get(`${pod.metadata.namespace}/${claim}`);
      expect(pvc?.status.phase, pod.metadata.name).toBe('Bound');
      const pv = pvs.get(pvc?.spec.volumeName ?? '');
      expect(pv?.spec.storageClassName).toBe('gp3');
      expect(pv?.spec.claimRef.name).toBe(claim);
    }
  });

  test('requests and limits in the forms people write; GPU requests land on GPU nodes', () => {
    const nodes = new Map(items('nodes').map((n) => [n.metadata.name, n.metadata.labels ?? {}]));
    let gpuPods = 0;
    for (const pod of pods()) {
      for (const c of pod.spec.containers) {
        for (const r of [c.resources.requests, c.resources.limits]) {
          if (r?.cpu) expect(r.cpu).toMatch(/^(\d+m|\d+)$/);
          if (r?.memory) expect(r.memory).toMatch(/^\d+(Mi|Gi)$/);
        }
        if (c.resources.requests?.['nvidia.com/gpu']) {
          gpuPods += 1;
          expect(nodes.get(pod.spec.nodeName ?? '')?.['eks.amazonaws.com/nodegroup']).toBe('gpu');
        }
      }
    }
    expect(gpuPods).toBeGreaterThan(0);
    const forms = new Set(pods().flatMap((p) => p.spec.containers.flatMap((c) => [c.resources.requests?.cpu, c.resources.requests?.memory])));
    expect([...forms]).toEqual(expect.arrayContaining(['250m', '1', '512Mi', '2Gi']));
  });

  test('every pod is scheduled and no node is over its allocatable', () => {
    const nodes = items('nodes') as unknown as Array<{ metadata: { name: string }; status: { allocatable: Record<string, string> } }>;
    const used = new Map<string, { cpu: number; memory: number; gpu: number; pods: number }>();
    for (const pod of pods()) {
      expect(pod.spec.nodeName, pod.metadata.name).toBeTruthy();
      if (pod.status.phase === 'Succeeded') continue;
      const u = used.get(pod.spec.nodeName ?? '') ?? { cpu: 0, memory: 0, gpu: 0, pods: 0 };
      for (const c of pod.spec.containers) {
        u.cpu += cpuMillicores(c.resources.requests?.cpu ?? c.resources.limits?.cpu);
        u.memory += bytes(c.resources.requests?.memory ?? c.resources.limits?.memory);
        u.gpu += Number(c.resources.requests?.['nvidia.com/gpu'] ?? 0);
      }
      u.pods += 1;
      used.set(pod.spec.nodeName ?? '', u);
    }
    for (const node of nodes) {
      const u = used.get(node.metadata.name);
      if (!u) continue;
      expect(u.cpu, node.metadata.name).toBeLessThanOrEqual(cpuMillicores(node.status.allocatable.cpu));
      expect(u.memory).toBeLessThanOrEqual(bytes(node.status.allocatable.memory));
      expect(u.gpu).toBeLessThanOrEqual(Number(node.status.allocatable['nvidia.com/gpu'] ?? 0));
      expect(u.pods).toBeLessThanOrEqual(Number(node.status.allocatable.pods));
    }
  });
});
