/**
 * What the HTTP layer serves: a source yields, for a resource and a simulated instant, a
 * snapshot of entries sorted by their etcd-style key (`namespace/name`, or `name`).
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue | undefined;
}

export interface ResourceDef {
  /** `''` for the core group. */
  group: string;
  version: string;
  /** Plural, as in the URL. */
  resource: string;
  singular: string;
  kind: string;
  listKind: string;
  namespaced: boolean;
  shortNames: string[];
  /** metrics.k8s.io serves get and list only. */
  watchable: boolean;
}

function def(group: string, version: string, resource: string, kind: string, namespaced: boolean, shortNames: string[] = []): ResourceDef {
  const watchable = group !== 'metrics.k8s.io';
  return { group, version, resource, singular: kind.toLowerCase(), kind, listKind: `${kind}List`, namespaced, shortNames, watchable };
}

export const RESOURCES: readonly ResourceDef[] = [
  def('', 'v1', 'namespaces', 'Namespace', false, ['ns']),
  def('', 'v1', 'nodes', 'Node', false, ['no']),
  def('', 'v1', 'pods', 'Pod', true, ['po']),
  def('', 'v1', 'persistentvolumes', 'PersistentVolume', false, ['pv']),
  def('', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', true, ['pvc']),
  def('apps', 'v1', 'deployments', 'Deployment', true, ['deploy']),
  def('apps', 'v1', 'replicasets', 'ReplicaSet', true, ['rs']),
  def('apps', 'v1', 'statefulsets', 'StatefulSet', true, ['sts']),
  def('apps', 'v1', 'daemonsets', 'DaemonSet', true, ['ds']),
  def('apps', 'v1', 'controllerrevisions', 'ControllerRevision', true),
  def('batch', 'v1', 'jobs', 'Job', true),
  def('batch', 'v1', 'cronjobs', 'CronJob', true, ['cj']),
  def('', 'v1', 'events', 'Event', true, ['ev']),
  def('events.k8s.io', 'v1', 'events', 'Event', true, ['ev']),
  def('autoscaling', 'v2', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', true, ['hpa']),
  def('metrics.k8s.io', 'v1beta1', 'nodes', 'NodeMetrics', false),
  def('metrics.k8s.io', 'v1beta1', 'pods', 'PodMetrics', true),
];

/** `v1`, `apps/v1`, `metrics.k8s.io/v1beta1`. */
export function apiVersionOf(resource: ResourceDef): string {
  return resource.group ? `${resource.group}/${resource.version}` : resource.version;
}

/** The id sources are asked for: `v1/pods`, `apps/v1/deployments`, `metrics.k8s.io/v1beta1/nodes`. */
export function resourceId(resource: ResourceDef): string {
  return `${apiVersionOf(resource)}/${resource.resource}`;
}

/** The served resource at `apiVersion` (`v1`, `apps/v1`, …) with URL plural `plural`. */
export function findResource(apiVersion: string, plural: string): ResourceDef | undefined {
  return RESOURCES.find((r) => apiVersionOf(r) === apiVersion && r.resource === plural);
}

export interface Entry {
  /** `namespace/name` for namespaced objects, `name` otherwise; the sort and continue key. */
  readonly key: string;
  readonly namespace: string | null;
  readonly name: string;
  /** Simulated instant of the object's last change (its resourceVersion). */
  readonly rvMs: number;
  readonly labels: Readonly<Record<string, string>>;
  /** Selectable fields such as `spec.nodeName` and `status.phase`. */
  readonly fields: Readonly<Record<string, string>>;
  /** The object exactly as a list item (no kind/apiVersion unless the source had them). */
  json(): string;
}

export interface Snapshot {
  readonly entries: readonly Entry[];
}

export interface ObjectSource {
  /** The objects of `resourceId` at simulated instant `atMs`, or null when the resource is not served. */
  snapshot(resourceId: string, atMs: number): Snapshot | null;
}

/** The etcd-style key of an object: `namespace/name`, or `name` when cluster-scoped. */
export function entryKey(namespace: string | null, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

/** Compares keys as etcd does (code units of ASCII names sort like bytes). */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** An entry whose JSON is built on first use and then kept. */
export class LazyEntry implements Entry {
  readonly key: string;
  private cached: string | undefined;
  private build: (() => JsonObject) | undefined;

  constructor(
    readonly namespace: string | null,
    readonly name: string,
    readonly rvMs: number,
    private knownLabels: Readonly<Record<string, string>> | null,
    readonly fields: Readonly<Record<string, string>>,
    build: () => JsonObject,
  ) {
    this.key = entryKey(namespace, name);
    this.build = build;
  }

  /** Labels given up front, else read from the object (only label selectors need them). */
  get labels(): Readonly<Record<string, string>> {
    this.knownLabels ??= labelsOf(JSON.parse(this.json()) as JsonObject);
    return this.knownLabels;
  }

  json(): string {
    if (this.cached === undefined) {
      this.cached = JSON.stringify(this.build?.() ?? {});
      this.build = undefined;
    }
    return this.cached;
  }
}

/** `metadata.labels` of an object, as strings. */
export function labelsOf(object: JsonObject): Record<string, string> {
  const metadata = object.metadata;
  const labels = metadata && typeof metadata === 'object' && !Array.isArray(metadata) ? metadata.labels : undefined;
  if (!labels || typeof labels !== 'object' || Array.isArray(labels)) return {};
  return Object.fromEntries(Object.entries(labels).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** Sorts entries by key, in place, and returns them. */
export function sortEntries<T extends Entry>(entries: T[]): T[] {
  return entries.sort((a, b) => compareKeys(a.key, b.key));
}
