/**
 * Fixture mode: serve objects captured from real clusters, unchanged. Files wrap them in many
 * ways (a `List`, a typed list, `{nodeList, podList}`, bare arrays, single objects); items
 * without `kind` are classified by their shape.
 */
import { readFileSync } from 'node:fs';
import { AppError } from '../util/errors';
import { type Entry, type JsonObject, type JsonValue, LazyEntry, type ObjectSource, RESOURCES, type Snapshot, labelsOf, resourceId, sortEntries } from './store';

export interface FixtureObject {
  resourceId: string;
  object: JsonObject;
}

export interface FixtureLoad {
  objects: FixtureObject[];
  /** Objects that looked like Kubernetes objects but matched no served resource. */
  unclassified: number;
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field(object: JsonValue | undefined, ...path: string[]): JsonValue | undefined {
  let current = object;
  for (const key of path) current = isObject(current) ? current[key] : undefined;
  return current;
}

const BY_KIND = new Map(RESOURCES.map((r) => [r.kind, resourceId(r)]));

/** The kind of an object from its shape, for list items that omit `kind`. */
export function kindFromShape(o: JsonObject): string | null {
  const namespaced = typeof field(o, 'metadata', 'namespace') === 'string';
  const spec = field(o, 'spec');
  if (typeof o.window === 'string') return Array.isArray(o.containers) ? 'PodMetrics' : isObject(o.usage) ? 'NodeMetrics' : null;
  if (Array.isArray(field(spec, 'containers'))) return 'Pod';
  if (isObject(field(spec, 'jobTemplate'))) return 'CronJob';
  if (isObject(field(spec, 'template'))) {
    if (field(spec, 'volumeClaimTemplates') !== undefined || field(spec, 'serviceName') !== undefined) return 'StatefulSet';
    if (field(o, 'status', 'desiredNumberScheduled') !== undefined) return 'DaemonSet';
    if (field(spec, 'completions') !== undefined || field(spec, 'backoffLimit') !== undefined) return 'Job';
    if (field(spec, 'strategy') !== undefined) return 'Deployment';
    const owners = field(o, 'metadata', 'ownerReferences');
    if (Array.isArray(owners) && owners.some((ref) => field(ref, 'kind') === 'Deployment')) return 'ReplicaSet';
    return field(spec, 'updateStrategy') !== undefined ? 'DaemonSet' : 'ReplicaSet';
  }
  if (!namespaced && (field(spec, 'capacity', 'storage') !== undefined || field(spec, 'persistentVolumeReclaimPolicy') !== undefined)) return 'PersistentVolume';
  if (namespaced && field(spec, 'resources', 'requests', 'storage') !== undefined) return 'PersistentVolumeClaim';
  if (!namespaced && (isObject(field(o, 'status', 'capacity')) || isObject(field(o, 'status', 'nodeInfo')) || field(spec, 'providerID') !== undefined)) return 'Node';
  if (!namespaced && Array.isArray(field(spec, 'finalizers')) && field(o, 'status', 'phase') !== undefined) return 'Namespace';
  return null;
}

function looksLikeObject(o: JsonObject): boolean {
  return isObject(o.metadata) && typeof field(o, 'metadata', 'name') === 'string';
}

/** Every Kubernetes object in a parsed fixture file, with the resource it belongs to. */
export function extractObjects(root: JsonValue): FixtureLoad {
  const objects: FixtureObject[] = [];
  let unclassified = 0;
  const visit = (value: JsonValue | undefined, listKind: string | null): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, listKind);
      return;
    }
    if (!isObject(value)) return;
    if (Array.isArray(value.items)) {
      const kind = typeof value.kind === 'string' && value.kind.endsWith('List') && value.kind !== 'List' ? value.kind.slice(0, -4) : null;
      visit(value.items, kind);
      return;
    }
    if (looksLikeObject(value)) {
      const kind = typeof value.kind === 'string' && value.kind !== '' ? value.kind : (listKind ?? kindFromShape(value));
      const id = kind ? BY_KIND.get(kind) : undefined;
      if (id) objects.push({ resourceId: id, object: value });
      else unclassified += 1;
      return;
    }
    for (const child of Object.values(value)) visit(child, null);
  };
  visit(root, null);
  return { objects, unclassified };
}

/** Reads and classifies the objects of every file; throws AppError INVALID naming an unreadable file. */
export function loadFixtureFiles(paths: readonly string[]): FixtureLoad {
  const load: FixtureLoad = { objects: [], unclassified: 0 };
  for (const path of paths) {
    let parsed: JsonValue;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8')) as JsonValue;
    } catch (error) {
      throw new AppError('INVALID', `cannot read fixture ${path}`, { cause: error });
    }
    const part = extractObjects(parsed);
    load.objects.push(...part.objects);
    load.unclassified += part.unclassified;
  }
  return load;
}

/** Serves fixture objects exactly as they were captured; the first object wins on a duplicate name. */
export class FixtureSource implements ObjectSource {
  private readonly snapshots = new Map<string, Snapshot>();

  constructor(objects: readonly FixtureObject[]) {
    const byResource = new Map<string, Entry[]>(RESOURCES.map((r) => [resourceId(r), []]));
    const seen = new Set<string>();
    for (const { resourceId: id, object } of objects) {
      const namespaceValue = field(object, 'metadata', 'namespace');
      const namespace = typeof namespaceValue === 'string' && namespaceValue !== '' ? namespaceValue : null;
      const name = String(field(object, 'metadata', 'name'));
      const entry = new LazyEntry(namespace, name, 0, labelsOf(object), fieldsOf(object), () => object);
      if (seen.has(`${id} ${entry.key}`)) continue;
      seen.add(`${id} ${entry.key}`);
      byResource.get(id)?.push(entry);
    }
    for (const [id, entries] of byResource) this.snapshots.set(id, { entries: sortEntries(entries) });
  }

  snapshot(id: string): Snapshot | null {
    return this.snapshots.get(id) ?? null;
  }
}

function fieldsOf(object: JsonObject): Record<string, string> {
  const fields: Record<string, string> = {};
  const nodeName = field(object, 'spec', 'nodeName');
  const phase = field(object, 'status', 'phase');
  if (typeof nodeName === 'string') fields['spec.nodeName'] = nodeName;
  if (typeof phase === 'string') fields['status.phase'] = phase;
  return fields;
}
