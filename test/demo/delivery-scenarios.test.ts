import { describe, expect, test } from 'vitest';
import { generateOrg } from '../../lib/demo/org';
import { type Revision, revisionAt } from '../../lib/demo/timeline';
import { AddedNodesUnit, IDS, WorkloadUnit } from '../../lib/demo/units';
import type { WorkloadPlan } from '../../lib/demo/model';

const plan = generateOrg({ seed: 1 });
const START = Date.parse('2026-11-02T00:00:00Z');
const DAYS30 = 30 * 86_400_000;

type Obj = { metadata: { name: string; annotations?: Record<string, string>; labels?: Record<string, string>; creationTimestamp: string }; spec: Record<string, unknown>; status: Record<string, unknown> };

function workload(namespace: string, name: string): WorkloadPlan {
  const w = plan.workloads.find((x) => x.namespace === namespace && x.name === name);
  if (!w) throw new Error(`${namespace}/${name} missing`);
  return w;
}

function objects(w: WorkloadPlan, id: string, ms: number): Obj[] {
  const unit = new WorkloadUnit(plan.seed, w, plan.nodes.length);
  return (unit.render(ms).get(id) ?? []).map((e) => JSON.parse(e.json()) as Obj);
}

/** Every distinct revision live during the 30 days, sampled every 5 minutes. */
function revisions(w: WorkloadPlan): Revision[] {
  const out = new Map<number, Revision>();
  for (let ms = START; ms < START + DAYS30; ms += 300_000) {
    const r = revisionAt(plan.seed, w, ms);
    out.set(r.number, r);
  }
  return [...out.values()];
}

describe('delivery scenarios of the demo', () => {
  test('checkout deploys several times every business day with lead times under an hour; payments weekly with lead times of days', () => {
    const fast = revisions(workload('checkout', 'checkout-api')).filter((r) => r.kind === 'deploy' && r.startedMs >= START);
    const days = new Set(fast.map((r) => new Date(r.startedMs).toISOString().slice(0, 10)));
    expect(days.size).toBeGreaterThanOrEqual(20);
    expect(fast.length / days.size).toBeGreaterThan(2);
    for (const r of fast) {
      const [pod] = objects(workload('checkout', 'checkout-api'), IDS.deployments, r.startedMs + 60_000);
      const template = pod?.spec.template as { metadata: { annotations: Record<string, string> } };
      const commitMs = Date.parse(template.metadata.annotations['tally.dev/commit-time'] ?? '');
      if (Number.isFinite(r.readyMs)) expect(r.readyMs - commitMs).toBeLessThan(3_600_000);
    }
    const slow = revisions(workload('payments', 'payments-api')).filter((r) => r.startedMs >= START);
    expect(slow.length).toBeGreaterThanOrEqual(3);
    expect(slow.length).toBeLessThanOrEqual(6);
    for (const r of slow) expect(r.startedMs - r.commitMs).toBeGreaterThanOrEqual(86_400_000);
    const oci = objects(workload('payments', 'ledger-writer'), IDS.deployments, START + DAYS30)[0]?.spec.template as { metadata: { annotations: Record<string, string> } };
    expect(Object.keys(oci.metadata.annotations)).toEqual(['org.opencontainers.image.created', 'org.opencontainers.image.revision']);
  });

  test('a crash-looping revision is rolled back by reusing the old ReplicaSet', () => {
    const w = workload('checkout', 'checkout-api');
    const all = revisions(w);
    const crash = all.find((r) => r.failure === 'crash' && r.startedMs >= START);
    expect(crash).toBeDefined();
    if (!crash) return;
    const pods = objects(w, IDS.pods, crash.startedMs + 10 * 60_000);
    for (const pod of pods) {
      const statuses = pod.status.containerStatuses as { state: { waiting?: { reason: string } }; restartCount: number }[];
      expect(statuses[0]?.restartCount).toBeGreaterThanOrEqual(3);
    }
    expect(pods.some((p) => (p.status.containerStatuses as { state: { waiting?: { reason: string } } }[])[0]?.state.waiting?.reason === 'CrashLoopBackOff')).toBe(true);
    const before = all.find((r) => r.number === crash.number - 1);
    const rollback = all.find((r) => r.number === crash.number + 1);
    expect(rollback?.kind).toBe('rollback');
    if (!rollback || !before) return;
    const at = rollback.startedMs + 5 * 60_000;
    const sets = objects(w, IDS.replicasets, at);
    const current = sets.find((s) => s.metadata.annotations?.['deployment.kubernetes.io/revision'] === String(rollback.number));
    expect(current?.metadata.annotations?.['deployment.kubernetes.io/revision-history']).toBe(String(before.number));
    const beforeSets = objects(w, IDS.replicasets, before.startedMs + 60_000);
    const original = beforeSets.find((s) => s.metadata.annotations?.['deployment.kubernetes.io/revision'] === String(before.number));
    expect(current?.metadata.name).toBe(original?.metadata.name);
    expect(current?.metadata.labels?.['pod-template-hash']).toBe(original?.metadata.labels?.['pod-template-hash']);
    expect(current?.metadata.creationTimestamp).toBe(original?.metadata.creationTimestamp);
    expect(new Set(sets.map((s) => s.metadata.name)).size).toBe(sets.length);
  });

  test('a rollout exceeds its progress deadline with pods in ImagePullBackOff, fixed by the next revision', () => {
    const w = workload('search', 'search-api');
    const all = revisions(w);
    const bad = all.find((r) => r.failure === 'deadline' && r.startedMs >= START);
    expect(bad).toBeDefined();
    if (!bad) return;
    const [d] = objects(w, IDS.deployments, bad.startedMs + 3_600_000);
    const progressing = (d?.status.conditions as { type: string; status: string; reason: string; lastTransitionTime: string }[]).find((c) => c.type === 'Progressing');
    expect(progressing).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded' });
    expect(Date.parse(progressing?.lastTransitionTime ?? '')).toBe(Math.floor((bad.startedMs + 600_000) / 1000) * 1000);
    const pods = objects(w, IDS.pods, bad.startedMs + 3_600_000);
    for (const pod of pods) expect((pod.status.containerStatuses as { state: { waiting?: { reason: string } } }[])[0]?.state.waiting?.reason).toBe('ImagePullBackOff');
    const fix = all.find((r) => r.number === bad.number + 1);
    expect(fix?.failure).toBeNull();
    expect(fix?.kind).toBe('deploy');
  });

  test('restarts change only restartedAt; config changes keep the images', () => {
    const w = workload('checkout', 'checkout-web');
    const all = revisions(w).filter((r) => r.startedMs >= START);
    const template = (r: Revision) => objects(w, IDS.deployments, r.startedMs + 60_000)[0]?.spec.template as { metadata: { annotations: Record<string, string> }; spec: unknown };
    const restart = all.find((r) => r.kind === 'restart' && all.some((p) => p.number === r.number - 1));
    const config = all.find((r) => r.kind === 'config' && all.some((p) => p.number === r.number - 1));
    expect(restart && config).toBeTruthy();
    if (!restart || !config) return;
    const prev = all.find((r) => r.number === restart.number - 1) as Revision;
    const a = template(prev);
    const b = template(restart);
    expect(b.spec).toEqual(a.spec);
    const { 'kubectl.kubernetes.io/restartedAt': restartedAt, ...rest } = b.metadata.annotations;
    expect(restartedAt).toBeDefined();
    expect(rest).toEqual(Object.fromEntries(Object.entries(a.metadata.annotations).filter(([k]) => k !== 'kubectl.kubernetes.io/restartedAt')));
    const images = (t: { spec: unknown }) => (t.spec as { containers: { image: string }[] }).containers.map((c) => c.image);
    const cprev = all.find((r) => r.number === config.number - 1) as Revision;
    expect(images(template(config))).toEqual(images(template(cprev)));
    expect(template(config).spec).not.toEqual(template(cprev).spec);
  });

  test('query-suggest raises its requests 30% from one revision on', () => {
    const w = workload('search', 'query-suggest');
    const all = revisions(w);
    const raise = all.find((r) => r.costRaised && all.some((p) => p.number === r.number - 1 && !p.costRaised));
    expect(raise).toBeDefined();
    if (!raise) return;
    const cpu = (ms: number) => ((objects(w, IDS.pods, ms)[0]?.spec.containers as { resources: { requests: { cpu: string } } }[])[0]?.resources.requests.cpu);
    expect(cpu(raise.startedMs - 60_000)).toBe('500m');
    expect(cpu(raise.startedMs + 120_000)).toBe('650m');
  });

  test('StatefulSets roll out through revisions; pod conditions are created → scheduled → ready in seconds', () => {
    const w = workload('checkout', 'cart-redis');
    const r = revisions(w).find((x) => x.number > 1 && x.startedMs >= START);
    expect(r).toBeDefined();
    if (!r) return;
    const mid = objects(w, IDS.statefulsets, r.startedMs + 35_000)[0];
    expect(mid?.status.updateRevision).not.toBe(mid?.status.currentRevision);
    const done = objects(w, IDS.statefulsets, r.startedMs + 10 * 60_000)[0];
    expect(done?.status.updateRevision).toBe(done?.status.currentRevision);
    expect(done?.status.updateRevision).not.toBe(objects(w, IDS.statefulsets, r.startedMs - 1000)[0]?.status.updateRevision);
    for (const pod of objects(w, IDS.pods, r.startedMs + 10 * 60_000)) {
      expect(pod.metadata.labels?.['controller-revision-hash']).toBe(done?.status.updateRevision);
      const t = Object.fromEntries((pod.status.conditions as { type: string; lastTransitionTime: string }[]).map((c) => [c.type, Date.parse(c.lastTransitionTime)]));
      const created = Date.parse(pod.metadata.creationTimestamp);
      expect(t.PodScheduled).toBeGreaterThanOrEqual(created);
      expect(t.Initialized).toBeGreaterThanOrEqual(t.PodScheduled ?? 0);
      expect(t.Ready).toBeGreaterThanOrEqual(t.Initialized ?? 0);
      expect((t.Ready ?? 0) - created).toBeLessThan(60_000);
      expect(t.ContainersReady).toBe(t.Ready);
    }
  });

  test('a StatefulSet keeps a ControllerRevision per recent template, named as its update revision, numbered as the live revision', () => {
    const w = workload('checkout', 'cart-redis');
    const r = revisions(w).filter((x) => x.number > 3 && x.startedMs >= START)[0];
    expect(r).toBeDefined();
    if (!r) return;
    const at = r.startedMs + 10 * 60_000;
    const sts = objects(w, IDS.statefulsets, at)[0];
    const crs = objects(w, IDS.controllerrevisions, at) as unknown as { metadata: { name: string }; revision: number }[];
    expect(crs.length).toBeGreaterThan(1);
    const newest = crs.reduce((a, b) => (b.revision > a.revision ? b : a));
    expect(newest.metadata.name).toBe(sts?.status.updateRevision);
    expect(newest.revision).toBe(r.number);
    expect(new Set(crs.map((c) => c.revision)).size).toBe(crs.length);
  });

  test('web-frontend: pods wait Unschedulable until the node added for them is Ready, then run on it; the node goes 10 min after the follow-up', () => {
    const w = workload('platform-web', 'web-frontend');
    const waits = revisions(w).filter((r) => r.nodeWait !== null && r.startedMs >= START);
    expect(waits.length).toBeGreaterThanOrEqual(4); // every 4th rollout over the 30 days
    const r = waits[0] as Revision;
    const wait = r.nodeWait!;
    const nodes = (ms: number) => (new AddedNodesUnit(plan.seed, w).render(ms).get(IDS.nodes) ?? []).map((e) => JSON.parse(e.json()) as Obj);
    const ready = (n: Obj | undefined) => (n?.status.conditions as { type: string; status: string; lastTransitionTime: string }[]).find((c) => c.type === 'Ready');
    expect(wait.createdMs - r.startedMs).toBeGreaterThanOrEqual(8 * 60_000);
    expect(wait.readyMs - wait.createdMs).toBeGreaterThanOrEqual(40_000);
    expect(nodes(wait.createdMs - 1)).toEqual([]);

    // Waiting: Pending, PodScheduled=False Unschedulable since creation, no node; the new node NotReady.
    const during = (wait.createdMs + wait.readyMs) / 2;
    for (const pod of objects(w, IDS.pods, during)) {
      expect(pod.spec.nodeName).toBeUndefined();
      expect(pod.status.phase).toBe('Pending');
      expect(pod.status.conditions).toEqual([expect.objectContaining({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', lastTransitionTime: pod.metadata.creationTimestamp })]);
    }
    const [node] = nodes(during);
    expect(ready(node)).toMatchObject({ status: 'False', reason: 'KubeletNotReady' });
    expect(Date.parse(node?.metadata.creationTimestamp ?? '')).toBe(Math.floor(wait.createdMs / 1000) * 1000);

    // Ready: the pods are bound to it a second later and become Ready.
    const after = r.readyMs + 1000;
    const [readyNode] = nodes(after);
    expect(ready(readyNode)).toMatchObject({ status: 'True', lastTransitionTime: new Date(Math.floor(wait.readyMs / 1000) * 1000).toISOString().replace('.000Z', 'Z') });
    for (const pod of objects(w, IDS.pods, after)) {
      expect(pod.spec.nodeName).toBe(readyNode?.metadata.name);
      const t = Object.fromEntries((pod.status.conditions as { type: string; lastTransitionTime: string }[]).map((c) => [c.type, Date.parse(c.lastTransitionTime)]));
      expect(t.PodScheduled).toBe(Math.floor(r.podsScheduledMs / 1000) * 1000);
    }

    // The follow-up 40 min later runs on the planned nodes; the added node is removed 10 min after that.
    const next = revisions(w).find((x) => x.number === r.number + 1) as Revision;
    expect(next.startedMs - r.startedMs).toBe(40 * 60_000);
    expect(next.nodeWait).toBeNull();
    expect(objects(w, IDS.pods, next.readyMs + 1000).every((p) => p.spec.nodeName !== readyNode?.metadata.name)).toBe(true);
    expect(nodes(next.startedMs + 10 * 60_000 - 1)).toHaveLength(1);
    expect(nodes(next.startedMs + 10 * 60_000)).toEqual([]);
  });

  test('GitOps: Argo CD tracks platform-web, Flux applies data-pipelines; their commits come from the image (OCI revision and created)', () => {
    const argo = objects(workload('platform-web', 'web-frontend'), IDS.deployments, START + DAYS30)[0];
    expect(argo?.metadata.annotations?.['argocd.argoproj.io/tracking-id']).toBe('platform-web:apps/Deployment:platform-web/web-frontend');
    const flux = objects(workload('data-pipelines', 'kafka-connect'), IDS.deployments, START + DAYS30)[0];
    expect(flux?.metadata.labels).toMatchObject({ 'kustomize.toolkit.fluxcd.io/name': 'data-pipelines', 'kustomize.toolkit.fluxcd.io/namespace': 'flux-system' });
    for (const d of [argo, flux]) {
      const annotations = (d?.spec.template as { metadata: { annotations: Record<string, string> } }).metadata.annotations;
      expect(Object.keys(annotations).sort()).toEqual(['org.opencontainers.image.created', 'org.opencontainers.image.revision']);
      expect(annotations['org.opencontainers.image.revision']).toMatch(/^[0-9a-f]{40}$/);
    }
    const plain = objects(workload('checkout', 'checkout-api'), IDS.deployments, START + DAYS30)[0];
    expect(Object.keys(plain?.metadata.annotations ?? {})).toEqual(['deployment.kubernetes.io/revision']);
  });
});
