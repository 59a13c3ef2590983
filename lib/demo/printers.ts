/**
 * The columns kube-apiserver 1.29 prints for each kind (k8s.io/kubernetes
 * pkg/printers/internalversion/printers.go): column definitions, and the cells of one object.
 * Like the real server it always fills every column; kubectl hides priority-1 ones unless `-o wide`.
 */
import { at, humanDuration, int, list, record, since, text } from './print-values';
import type { JsonObject } from './store';

export interface Column {
  name: string;
  type: 'string' | 'integer' | 'date';
  format?: 'name';
  description: string;
  /** 1: shown by `-o wide` only. */
  priority: 0 | 1;
}

export type Cell = string | number;

export interface Printer {
  columns: Column[];
  cells(object: JsonObject, nowMs: number): Cell[];
}

const NAME: Column = { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.', priority: 0 };
const AGE: Column = { name: 'Age', type: 'string', description: 'CreationTimestamp is a timestamp representing the server time when this object was created.', priority: 0 };

function col(name: string, description: string, priority: 0 | 1 = 0, type: Column['type'] = 'string'): Column {
  return { name, type, description, priority };
}

const age = (o: JsonObject, nowMs: number) => since(o, 'metadata.creationTimestamp', nowMs);
const orNone = (value: string) => (value === '' ? '<none>' : value);

function selector(labels: Record<string, string>): string {
  return orNone(
    Object.keys(labels)
      .sort()
      .map((k) => `${k}=${labels[k]}`)
      .join(','),
  );
}

/** Containers, Images and Selector of a workload's pod template. */
function templateCells(o: JsonObject, templatePath: string, withSelector = true): Cell[] {
  const containers = list(o, `${templatePath}.spec.containers`);
  const cells: Cell[] = [containers.map((c) => text(c, 'name')).join(','), containers.map((c) => text(c, 'image')).join(',')];
  if (withSelector) cells.push(selector(record(o, 'spec.selector.matchLabels')));
  return cells;
}

const TEMPLATE_COLUMNS = [col('Containers', 'Names of each container in the template.', 1), col('Images', 'Images referenced by each container in the template.', 1)];
const SELECTOR = col('Selector', 'Label selector for pods.', 1);

function podStatus(o: JsonObject): string {
  let reason = text(o, 'status.reason') || text(o, 'status.phase');
  for (const c of list(o, 'status.containerStatuses')) {
    const waiting = text(c, 'state.waiting.reason');
    const terminated = text(c, 'state.terminated.reason');
    if (waiting !== '') reason = waiting;
    else if (terminated !== '') reason = terminated;
  }
  return reason;
}

function podRestarts(o: JsonObject, nowMs: number): string {
  let restarts = 0;
  let lastMs = Number.NaN;
  for (const c of list(o, 'status.containerStatuses')) {
    restarts += int(c, 'restartCount');
    const finished = Date.parse(text(c, 'lastState.terminated.finishedAt'));
    if (!Number.isNaN(finished) && !(finished <= lastMs)) lastMs = finished;
  }
  return restarts > 0 && !Number.isNaN(lastMs) ? `${restarts} (${humanDuration(nowMs - lastMs)} ago)` : String(restarts);
}

const ACCESS_MODES: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };
const accessModes = (o: JsonObject) => list(o, 'spec.accessModes').map((m) => ACCESS_MODES[String(m)] ?? String(m)).join(',');

function nodeRoles(o: JsonObject): string {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(record(o, 'metadata.labels'))) {
    if (key.startsWith('node-role.kubernetes.io/') && key.length > 'node-role.kubernetes.io/'.length) roles.add(key.slice('node-role.kubernetes.io/'.length));
    if (key === 'kubernetes.io/role' && value !== '') roles.add(value);
  }
  return orNone([...roles].sort().join(','));
}

function nodeAddress(o: JsonObject, type: string): string {
  const found = list(o, 'status.addresses').find((a) => text(a, 'type') === type);
  return orNone(found ? text(found, 'address') : '');
}

/** Events of both APIs, read as core/v1 (`note` is `message`, `regarding` is `involvedObject`, …). */
function eventView(o: JsonObject): JsonObject {
  if (o.involvedObject !== undefined) return o;
  return { ...o, involvedObject: o.regarding, message: o.note, source: o.deprecatedSource, firstTimestamp: o.deprecatedFirstTimestamp, lastTimestamp: o.deprecatedLastTimestamp, count: o.deprecatedCount, reportingComponent: o.reportingController };
}

function hpaTargets(o: JsonObject): string {
  const targets = list(o, 'spec.metrics').map((m) => {
    const name = text(m, 'resource.name');
    const current = list(o, 'status.currentMetrics').find((c) => text(c, 'resource.name') === name);
    const now = current ? `${int(current, 'resource.current.averageUtilization')}%` : '<unknown>';
    return `${now}/${int(m, 'resource.target.averageUtilization')}%`;
  });
  return targets.length === 0 ? '<none>' : targets.join(', ');
}

const PRINTERS: Record<string, Printer> = {
  Namespace: {
    columns: [NAME, col('Status', 'The status of the namespace'), AGE],
    cells: (o, now) => [text(o, 'metadata.name'), text(o, 'status.phase'), age(o, now)],
  },
  Node: {
    columns: [
      NAME, col('Status', 'The status of the node'), col('Roles', 'The roles of the node'), AGE, col('Version', 'Kubelet Version reported by the node.'),
      col('Internal-IP', 'List of addresses reachable to the node. Queried from cloud provider, if available.', 1),
      col('External-IP', 'List of addresses reachable to the node. Queried from cloud provider, if available.', 1),
      col('OS-Image', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', 1),
      col('Kernel-Version', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1),
      col('Container-Runtime', 'Container runtime version reported by the node through runtime remote API (e.g. containerd://1.4.2).', 1),
    ],
    cells: (o, now) => {
      const ready = list(o, 'status.conditions').find((c) => text(c, 'type') === 'Ready');
      let status = ready ? (text(ready, 'status') === 'True' ? 'Ready' : text(ready, 'status') === 'False' ? 'NotReady' : 'Unknown') : 'Unknown';
      if (at(o, 'spec.unschedulable') === true) status += ',SchedulingDisabled';
      const info = (key: string) => text(o, `status.nodeInfo.${key}`, '<unknown>') || '<unknown>';
      return [text(o, 'metadata.name'), status, nodeRoles(o), age(o, now), info('kubeletVersion'), nodeAddress(o, 'InternalIP'), nodeAddress(o, 'ExternalIP'), info('osImage'), info('kernelVersion'), info('containerRuntimeVersion')];
    },
  },
  Pod: {
    columns: [
      NAME, col('Ready', 'The aggregate readiness state of this pod for accepting traffic.'), col('Status', 'The aggregate status of the containers in this pod.'),
      col('Restarts', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'), AGE,
      col('IP', 'IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.', 1),
      col('Node', 'NodeName is a request to schedule this pod onto a specific node.', 1),
      col('Nominated Node', 'nominatedNodeName is set only when this pod preempts other pods on the node.', 1),
      col('Readiness Gates', 'If specified, all readiness gates will be evaluated for pod readiness.', 1),
    ],
    cells: (o, now) => {
      const statuses = list(o, 'status.containerStatuses');
      const total = list(o, 'spec.containers').length;
      const ready = statuses.filter((c) => at(c, 'ready') === true).length;
      return [text(o, 'metadata.name'), `${ready}/${total}`, podStatus(o), podRestarts(o, now), age(o, now), orNone(text(o, 'status.podIP')), orNone(text(o, 'spec.nodeName')), '<none>', '<none>'];
    },
  },
  PersistentVolume: {
    columns: [
      NAME, col('Capacity', 'capacity is the description of the persistent volume\'s resources and capacity.'), col('Access Modes', 'accessModes contains all ways the volume can be mounted.'),
      col('Reclaim Policy', 'persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim.'), col('Status', 'phase indicates if a volume is available, bound to a claim, or released by a claim.'),
      col('Claim', 'claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim.'), col('StorageClass', 'storageClassName is the name of StorageClass to which this persistent volume belongs.'),
      col('VolumeAttributesClass', 'Name of VolumeAttributesClass to which this persistent volume belongs.'), col('Reason', 'reason is a brief CamelCase string that describes any failure.'), AGE,
      col('VolumeMode', 'volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state.', 1),
    ],
    cells: (o, now) => {
      const claim = text(o, 'spec.claimRef.name');
      return [text(o, 'metadata.name'), text(o, 'spec.capacity.storage'), accessModes(o), text(o, 'spec.persistentVolumeReclaimPolicy'), text(o, 'status.phase'), claim === '' ? '' : `${text(o, 'spec.claimRef.namespace')}/${claim}`, text(o, 'spec.storageClassName'), '<unset>', text(o, 'status.reason'), age(o, now), text(o, 'spec.volumeMode', '<unset>')];
    },
  },
  PersistentVolumeClaim: {
    columns: [
      NAME, col('Status', 'PersistentVolumeClaim phase.'), col('Volume', 'volumeName is the binding reference to the PersistentVolume backing this claim.'),
      col('Capacity', 'capacity represents the actual resources of the underlying volume.'), col('Access Modes', 'accessModes contains the desired access modes the volume should have.'),
      col('StorageClass', 'storageClassName is the name of the StorageClass required by the claim.'), col('VolumeAttributesClass', 'The VolumeAttributesClass used by this PersistentVolumeClaim.'), AGE,
      col('VolumeMode', 'volumeMode defines what type of volume is required by the claim.', 1),
    ],
    cells: (o, now) => {
      const bound = text(o, 'status.phase') === 'Bound';
      return [text(o, 'metadata.name'), text(o, 'status.phase'), text(o, 'spec.volumeName'), bound ? text(o, 'status.capacity.storage') : '', bound ? accessModes(o) : '', text(o, 'spec.storageClassName'), '<unset>', age(o, now), text(o, 'spec.volumeMode', '<unset>')];
    },
  },
  Deployment: {
    columns: [NAME, col('Ready', 'Number of the pod with ready state'), col('Up-to-date', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.', 0, 'integer'), col('Available', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.', 0, 'integer'), AGE, ...TEMPLATE_COLUMNS, SELECTOR],
    cells: (o, now) => [text(o, 'metadata.name'), `${int(o, 'status.readyReplicas')}/${int(o, 'spec.replicas')}`, int(o, 'status.updatedReplicas'), int(o, 'status.availableReplicas'), age(o, now), ...templateCells(o, 'spec.template')],
  },
  ReplicaSet: {
    columns: [NAME, col('Desired', 'Number of desired pods.', 0, 'integer'), col('Current', 'Number of actual running pods.', 0, 'integer'), col('Ready', 'The number of ready pods for this replica set.', 0, 'integer'), AGE, ...TEMPLATE_COLUMNS, SELECTOR],
    cells: (o, now) => [text(o, 'metadata.name'), int(o, 'spec.replicas'), int(o, 'status.replicas'), int(o, 'status.readyReplicas'), age(o, now), ...templateCells(o, 'spec.template')],
  },
  StatefulSet: {
    columns: [NAME, col('Ready', 'Number of the pod with ready state'), AGE, ...TEMPLATE_COLUMNS],
    cells: (o, now) => [text(o, 'metadata.name'), `${int(o, 'status.readyReplicas')}/${int(o, 'spec.replicas')}`, age(o, now), ...templateCells(o, 'spec.template', false)],
  },
  DaemonSet: {
    columns: [
      NAME, col('Desired', 'The total number of nodes that should be running the daemon pod.', 0, 'integer'), col('Current', 'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.', 0, 'integer'),
      col('Ready', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.', 0, 'integer'), col('Up-to-date', 'The total number of nodes that are running updated daemon pod', 0, 'integer'),
      col('Available', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available.', 0, 'integer'), col('Node Selector', 'NodeSelector is a selector which must be true for the pod to fit on a node.'), AGE, ...TEMPLATE_COLUMNS, SELECTOR,
    ],
    cells: (o, now) => [text(o, 'metadata.name'), int(o, 'status.desiredNumberScheduled'), int(o, 'status.currentNumberScheduled'), int(o, 'status.numberReady'), int(o, 'status.updatedNumberScheduled'), int(o, 'status.numberAvailable'), selector(record(o, 'spec.template.spec.nodeSelector')), age(o, now), ...templateCells(o, 'spec.template')],
  },
  Job: {
    columns: [NAME, col('Completions', 'The desired number of successfully finished pods the job should be run with.'), col('Duration', 'Time required to complete the job.'), AGE, ...TEMPLATE_COLUMNS, SELECTOR],
    cells: (o, now) => {
      const start = Date.parse(text(o, 'status.startTime'));
      const end = Date.parse(text(o, 'status.completionTime'));
      const duration = Number.isNaN(start) ? '' : humanDuration((Number.isNaN(end) ? now : end) - start);
      return [text(o, 'metadata.name'), `${int(o, 'status.succeeded')}/${int(o, 'spec.completions')}`, duration, age(o, now), ...templateCells(o, 'spec.template')];
    },
  },
  CronJob: {
    columns: [
      NAME, col('Schedule', 'The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.'), col('Timezone', 'The time zone name for the given schedule.'), col('Suspend', 'This flag tells the controller to suspend subsequent executions.'),
      col('Active', 'A list of pointers to currently running jobs.', 0, 'integer'), col('Last Schedule', 'Information when was the last time the job was successfully scheduled.'), AGE, ...TEMPLATE_COLUMNS, SELECTOR,
    ],
    cells: (o, now) => [text(o, 'metadata.name'), text(o, 'spec.schedule'), text(o, 'spec.timeZone', '<none>'), at(o, 'spec.suspend') === true ? 'True' : 'False', list(o, 'status.active').length, since(o, 'status.lastScheduleTime', now, '<none>'), age(o, now), ...templateCells(o, 'spec.jobTemplate.spec.template', false), selector(record(o, 'spec.jobTemplate.spec.selector.matchLabels'))],
  },
  Event: {
    columns: [
      col('Last Seen', 'Time when this Event was last seen'), col('Type', 'Type of this event (Normal, Warning), new types could be added in the future.'), col('Reason', 'This should be a short, machine understandable string that gives the reason for the transition into the object\'s current status.'),
      col('Object', 'The object that this event is about.'), col('Subobject', 'The subobject that this event is about.', 1), col('Source', 'The component reporting this event.', 1),
      col('Message', 'A human-readable description of the status of this operation.'), col('First Seen', 'The time at which the event was first recorded.', 1), col('Count', 'The number of times this event has occurred.', 1), { ...NAME, priority: 1 },
    ],
    cells: (raw, now) => {
      const o = eventView(raw);
      const kind = text(o, 'involvedObject.kind').toLowerCase();
      const name = text(o, 'involvedObject.name');
      const host = text(o, 'source.host');
      const source = [text(o, 'source.component') || text(o, 'reportingComponent'), host].filter((s) => s !== '').join(', ');
      const first = since(o, 'firstTimestamp', now);
      const last = text(o, 'lastTimestamp') === '' ? first : since(o, 'lastTimestamp', now);
      return [last, text(o, 'type'), text(o, 'reason'), name === '' ? kind : `${kind}/${name}`, text(o, 'involvedObject.fieldPath'), source, text(o, 'message').trim(), first, int(o, 'count'), text(o, 'metadata.name')];
    },
  },
  HorizontalPodAutoscaler: {
    columns: [
      NAME, col('Reference', 'scaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected, as well as to actually change the replica count.'),
      col('Targets', 'metrics contains the specifications for which to use to calculate the desired replica count (the maximum replica count across all metrics will be used).'),
      col('MinPods', 'minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.'), col('MaxPods', 'maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up.', 0, 'integer'),
      col('Replicas', 'currentReplicas is current number of replicas of pods managed by this autoscaler, as last seen by the autoscaler.', 0, 'integer'), AGE,
    ],
    cells: (o, now) => [text(o, 'metadata.name'), `${text(o, 'spec.scaleTargetRef.kind')}/${text(o, 'spec.scaleTargetRef.name')}`, hpaTargets(o), at(o, 'spec.minReplicas') === undefined ? '<unset>' : String(int(o, 'spec.minReplicas')), int(o, 'spec.maxReplicas'), int(o, 'status.currentReplicas'), age(o, now)],
  },
};

/** What the server prints for kinds without their own printer (metrics.k8s.io): name and creation time. */
const DEFAULT_PRINTER: Printer = {
  columns: [NAME, { name: 'Created At', type: 'date', description: 'CreationTimestamp is a timestamp representing the server time when this object was created.', priority: 0 }],
  cells: (o) => [text(o, 'metadata.name'), text(o, 'metadata.creationTimestamp')],
};

/** The printer for `kind` (the default one for kinds kube-apiserver has none for). */
export function printerFor(kind: string, group: string): Printer {
  return group === 'metrics.k8s.io' ? DEFAULT_PRINTER : (PRINTERS[kind] ?? DEFAULT_PRINTER);
}
