/**
 * One shared copy of each repeated string of a read. JSON.parse makes a new string for every
 * occurrence, so 30,000 pods held ~700,000 duplicates (kinds, namespaces, images, condition
 * reasons, the metrics timestamp): about a third of the snapshot's heap. Records are interned
 * once made, in place (they are new objects nothing else holds yet); unique values (uids,
 * creation times) are left alone, as they would only grow the table.
 */
import type { ContainerUsageRecord, PodRecord, RevisionRecord, WorkloadRecord } from './types';

export type Intern = <T extends string | null>(value: T) => T;

/** A fresh interning table (one per read, dropped with it). */
export function makeIntern(): Intern {
  const seen = new Map<string, string>();
  return <T extends string | null>(value: T): T => {
    if (value === null) return value;
    const hit = seen.get(value);
    if (hit !== undefined) return hit as T;
    seen.set(value, value);
    return value;
  };
}

function internValues(record: Record<string, string>, intern: Intern): void {
  for (const key of Object.keys(record)) record[key] = intern(record[key]!);
}

export function internPod(pod: PodRecord, intern: Intern): PodRecord {
  pod.namespace = intern(pod.namespace);
  pod.nodeName = intern(pod.nodeName);
  pod.phase = intern(pod.phase);
  pod.ownerKind = intern(pod.ownerKind);
  pod.ownerName = intern(pod.ownerName);
  pod.controllerKind = intern(pod.controllerKind);
  pod.controllerName = intern(pod.controllerName);
  internValues(pod.labels, intern);
  for (const c of pod.containers) {
    c.name = intern(c.name);
    c.image = intern(c.image);
  }
  const l = pod.lifecycle;
  l.revisionHash = intern(l.revisionHash);
  l.waitingReason = intern(l.waitingReason);
  l.lastTerminationReason = intern(l.lastTerminationReason);
  return pod;
}

export function internUsage(usage: ContainerUsageRecord, intern: Intern): ContainerUsageRecord {
  usage.namespace = intern(usage.namespace);
  usage.container = intern(usage.container);
  usage.usageAt = intern(usage.usageAt);
  return usage;
}

export function internWorkload(workload: WorkloadRecord, intern: Intern): WorkloadRecord {
  workload.namespace = intern(workload.namespace);
  workload.kind = intern(workload.kind);
  for (const c of workload.conditions) {
    c.type = intern(c.type);
    c.status = intern(c.status);
    c.reason = intern(c.reason);
  }
  return workload;
}

export function internRevision(revision: RevisionRecord, intern: Intern): RevisionRecord {
  revision.namespace = intern(revision.namespace);
  revision.workloadKind = intern(revision.workloadKind);
  revision.workloadName = intern(revision.workloadName);
  revision.source = intern(revision.source);
  revision.images = revision.images.map(intern);
  internValues(revision.templateAnnotations, intern);
  return revision;
}
