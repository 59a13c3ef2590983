/** Events of the generated organisation as core/v1 and events.k8s.io/v1 serve them. */
import { resourceVersionAt } from './calendar';
import { k8sTime } from './clock';
import { type SimEvent, workloadEventsAt } from './event-timeline';
import type { OrgPlan } from './model';
import { hash32, uidFor } from './random';
import { type Entry, type JsonObject, LazyEntry, sortEntries } from './store';

/** `<object>.<hex unix nanos>`, as client-go's event recorder names events. */
function eventName(e: SimEvent): string {
  const nanos = BigInt(e.firstMs) * 1_000_000n + BigInt(hash32(e.reason, e.regarding.uid, e.regarding.fieldPath ?? '', e.message) % 1_000_000);
  return `${e.regarding.name}.${nanos.toString(16)}`;
}

function regarding(e: SimEvent): JsonObject {
  const r = e.regarding;
  const out: JsonObject = { kind: r.kind };
  if (r.namespace !== null) out.namespace = r.namespace;
  out.name = r.name;
  out.uid = r.uid;
  out.apiVersion = r.apiVersion;
  if (r.fieldPath !== undefined) out.fieldPath = r.fieldPath;
  return out;
}

function metadata(e: SimEvent, name: string): JsonObject {
  return { name, namespace: e.namespace, uid: uidFor('Event', e.namespace, name), resourceVersion: resourceVersionAt(e.lastMs), creationTimestamp: k8sTime(e.firstMs) };
}

/** A core/v1 Event (what `kubectl get events` and `kubectl describe` read). */
export function buildCoreEvent(e: SimEvent, name: string): JsonObject {
  const source: JsonObject = { component: e.component };
  if (e.host !== null) source.host = e.host;
  return {
    metadata: metadata(e, name),
    involvedObject: regarding(e),
    reason: e.reason,
    message: e.message,
    source,
    firstTimestamp: k8sTime(e.firstMs),
    lastTimestamp: k8sTime(e.lastMs),
    count: e.count,
    type: e.type,
    eventTime: null,
    reportingComponent: e.component,
    reportingInstance: e.host ?? '',
  };
}

/** The same event as events.k8s.io/v1 shows it (legacy fields under `deprecated*`). */
export function buildEventV1(e: SimEvent, name: string): JsonObject {
  const source: JsonObject = { component: e.component };
  if (e.host !== null) source.host = e.host;
  return {
    metadata: metadata(e, name),
    eventTime: null,
    reportingController: e.component,
    reportingInstance: e.host ?? '',
    reason: e.reason,
    regarding: regarding(e),
    note: e.message,
    type: e.type,
    deprecatedSource: source,
    deprecatedFirstTimestamp: k8sTime(e.firstMs),
    deprecatedLastTimestamp: k8sTime(e.lastMs),
    deprecatedCount: e.count,
  };
}

/** Field selectors kube-apiserver supports on events, under both APIs' names. */
function eventFields(e: SimEvent): Record<string, string> {
  const r = e.regarding;
  const fields: Record<string, string> = {
    reason: e.reason,
    type: e.type,
    source: e.component,
    reportingComponent: e.component,
    reportingController: e.component,
    deprecatedSource: e.component,
  };
  const values: Record<string, string> = { kind: r.kind, namespace: r.namespace ?? '', name: r.name, uid: r.uid, apiVersion: r.apiVersion, fieldPath: r.fieldPath ?? '' };
  for (const [k, v] of Object.entries(values)) {
    fields[`involvedObject.${k}`] = v;
    fields[`regarding.${k}`] = v;
  }
  return fields;
}

/** Every event alive at `ms` (see workloadEventsAt), as entries of both APIs, sorted by key. */
export function eventEntriesAt(plan: OrgPlan, ms: number): { core: Entry[]; v1: Entry[] } {
  const core: Entry[] = [];
  const v1: Entry[] = [];
  for (const w of plan.workloads) {
    for (const e of workloadEventsAt(plan.seed, w, ms, plan.nodes.length)) {
      const name = eventName(e);
      const fields = eventFields(e);
      core.push(new LazyEntry(e.namespace, name, e.lastMs, {}, fields, () => buildCoreEvent(e, name)));
      v1.push(new LazyEntry(e.namespace, name, e.lastMs, {}, fields, () => buildEventV1(e, name)));
    }
  }
  return { core: sortEntries(core), v1: sortEntries(v1) };
}
