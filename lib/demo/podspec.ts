/** Pod templates of the generated workloads, shared by controllers and their pods. */
import { k8sTime } from './clock';
import { type ContainerPlan, type WorkloadPlan, workloadLabels } from './model';
import { formatBytes, formatMillicores } from './quantity';
import { hexId } from './random';
import type { JsonObject } from './store';
import type { Revision } from './timeline';

const PRIORITIES: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };

/** The image a container runs at `revision`: rollouts tag the organisation's own images with their commit. */
export function imageOf(seed: number, w: WorkloadPlan, c: ContainerPlan, revision: Revision | null): string {
  if (!c.versioned) return c.image;
  const sha = revision ? revision.commitSha : hexId(40, seed, w.namespace, w.name, 'commit', 'static');
  return `${c.image}:${sha.slice(0, 7)}`;
}

/** Factor on requests and limits of a revision that raised them (cost-raise scenario). */
export const COST_RAISE_FACTOR = 1.3;

/** CPU in millicores, memory in bytes, scaled by `factor` (whole millicores, whole MiB). */
function scaled(value: number, factor: number, unit: number): number {
  return factor === 1 ? value : Math.round((value * factor) / unit) * unit;
}

function resources(c: ContainerPlan, factor: number): JsonObject {
  const requests: JsonObject = {};
  const limits: JsonObject = {};
  const MIB = 1024 ** 2;
  if (c.cpuRequestMillicores !== null) requests.cpu = formatMillicores(scaled(c.cpuRequestMillicores, factor, 1));
  if (c.memoryRequestBytes !== null) requests.memory = formatBytes(scaled(c.memoryRequestBytes, factor, MIB));
  if (c.cpuLimitMillicores !== null) limits.cpu = formatMillicores(scaled(c.cpuLimitMillicores, factor, 1));
  if (c.memoryLimitBytes !== null) limits.memory = formatBytes(scaled(c.memoryLimitBytes, factor, MIB));
  if (c.gpus > 0) {
    requests['nvidia.com/gpu'] = String(c.gpus);
    limits['nvidia.com/gpu'] = String(c.gpus);
  }
  const out: JsonObject = {};
  if (Object.keys(limits).length > 0) out.limits = limits;
  if (Object.keys(requests).length > 0) out.requests = requests;
  return out;
}

/** The claim of StatefulSet pod `ordinal`: `data-<name>-<ordinal>`. */
export function claimName(w: WorkloadPlan, ordinal: number): string {
  return `data-${w.name}-${ordinal}`;
}

function containerSpec(seed: number, w: WorkloadPlan, c: ContainerPlan, index: number, revision: Revision | null): JsonObject {
  const spec: JsonObject = { name: c.name, image: imageOf(seed, w, c, revision) };
  if (index === 0 && w.deployEveryBusinessMs !== null && revision) spec.env = [{ name: 'CONFIG_REVISION', value: String(revision.configNumber) }];
  if (index === 0 && w.kind !== 'CronJob') spec.ports = [{ name: 'http', containerPort: 8080, protocol: 'TCP' }];
  spec.resources = resources(c, revision?.costRaised ? COST_RAISE_FACTOR : 1);
  if (index === 0 && w.storageBytes !== null) spec.volumeMounts = [{ name: 'data', mountPath: '/data' }];
  spec.terminationMessagePath = '/dev/termination-log';
  spec.terminationMessagePolicy = 'File';
  spec.imagePullPolicy = 'IfNotPresent';
  return spec;
}

/** DaemonSets tolerate every taint; GPU workloads tolerate the GPU pool's taint. */
export function tolerationsOf(w: WorkloadPlan): JsonObject[] {
  if (w.kind === 'DaemonSet') return [{ operator: 'Exists' }];
  if (w.pool === 'gpu') return [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }];
  return [];
}

/** `spec` of the pod template (without the per-pod fields the scheduler and admission add). */
export function podSpec(seed: number, w: WorkloadPlan, revision: Revision | null): JsonObject {
  const spec: JsonObject = { containers: w.containers.map((c, i) => containerSpec(seed, w, c, i, revision)) };
  spec.restartPolicy = w.kind === 'CronJob' ? 'OnFailure' : 'Always';
  spec.terminationGracePeriodSeconds = 30;
  spec.dnsPolicy = w.hostNetwork ? 'ClusterFirstWithHostNet' : 'ClusterFirst';
  if (w.pool) spec.nodeSelector = { 'eks.amazonaws.com/nodegroup': w.pool };
  if (w.antiAffinity) {
    spec.affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: w.name } }, topologyKey: 'kubernetes.io/hostname' }] } };
  }
  spec.serviceAccountName = w.namespace === 'kube-system' || w.namespace === 'monitoring' ? w.name : 'default';
  if (w.hostNetwork) spec.hostNetwork = true;
  spec.securityContext = {};
  spec.schedulerName = 'default-scheduler';
  const tolerations = tolerationsOf(w);
  if (tolerations.length > 0) spec.tolerations = tolerations;
  if (w.priorityClassName) spec.priorityClassName = w.priorityClassName;
  return spec;
}

/** Labels and annotations of the pod template at `revision`. */
export function templateMeta(w: WorkloadPlan, revision: Revision | null): { labels: Record<string, string>; annotations: Record<string, string> } {
  const labels = { ...workloadLabels(w), ...w.podLabels };
  const annotations: Record<string, string> = {};
  if (revision && w.deployEveryBusinessMs !== null) {
    if (w.commitAnnotation === 'oci') {
      // Built five minutes after the commit; the image's own labels copied onto the template.
      annotations['org.opencontainers.image.created'] = k8sTime(revision.commitMs + 5 * 60_000);
      annotations['org.opencontainers.image.revision'] = revision.commitSha;
    } else {
      annotations['tally.dev/commit-sha'] = revision.commitSha;
      annotations['tally.dev/commit-time'] = k8sTime(revision.commitMs);
    }
    if (revision.restartedAtMs !== null) annotations['kubectl.kubernetes.io/restartedAt'] = k8sTime(revision.restartedAtMs);
  }
  return { labels, annotations };
}

/** `spec.template` of a controller at `revision`. */
export function podTemplate(seed: number, w: WorkloadPlan, revision: Revision | null, extraLabels: Record<string, string> = {}): JsonObject {
  const meta = templateMeta(w, revision);
  const metadata: JsonObject = { creationTimestamp: null, labels: { ...meta.labels, ...extraLabels } };
  if (Object.keys(meta.annotations).length > 0) metadata.annotations = meta.annotations;
  return { metadata, spec: podSpec(seed, w, revision) };
}

/** The priority admission resolves from the priority class (0 without one). */
export function priorityOf(w: WorkloadPlan): number {
  return w.priorityClassName ? (PRIORITIES[w.priorityClassName] ?? 0) : 0;
}

/** Guaranteed (requests = limits for CPU and memory in every container), BestEffort (none), else Burstable. */
export function qosClass(w: WorkloadPlan): string {
  const cs = w.containers;
  if (cs.every((c) => c.cpuRequestMillicores === null && c.memoryRequestBytes === null && c.cpuLimitMillicores === null && c.memoryLimitBytes === null)) return 'BestEffort';
  const guaranteed = cs.every(
    (c) => c.cpuLimitMillicores !== null && c.memoryLimitBytes !== null && (c.cpuRequestMillicores ?? c.cpuLimitMillicores) === c.cpuLimitMillicores && (c.memoryRequestBytes ?? c.memoryLimitBytes) === c.memoryLimitBytes,
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
