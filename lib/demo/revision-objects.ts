/**
 * ControllerRevisions of the generated StatefulSets and DaemonSets: one per revision the
 * controller still keeps (revision history limit 10), with the hash label and owner reference.
 */
import { resourceVersionAt } from './calendar';
import { k8sTime } from './clock';
import { type WorkloadPlan, workloadLabels } from './model';
import { podTemplate } from './podspec';
import { controllerRevisionName } from './instances';
import { uidFor } from './random';
import { previousRevision, type Revision } from './timeline';
import type { JsonObject } from './store';

/** Revisions a StatefulSet or DaemonSet keeps (its revisionHistoryLimit). */
export const CONTROLLER_REVISION_HISTORY = 10;

export interface ControllerRevisionState {
  name: string;
  lastChangeMs: number;
  object: () => JsonObject;
}

/**
 * The kept ControllerRevisions of a StatefulSet or DaemonSet at its live revision, oldest first:
 * one per template of the last CONTROLLER_REVISION_HISTORY revisions, named as the pods'
 * `controller-revision-hash`. A rollback reuses its template's ControllerRevision and moves its
 * `.revision` to the new number, as the StatefulSet controller does.
 */
export function controllerRevisions(seed: number, w: WorkloadPlan, live: Revision | null): ControllerRevisionState[] {
  const kept = new Map<string, ControllerRevisionState>();
  for (let back = 0; back < CONTROLLER_REVISION_HISTORY; back += 1) {
    const rev = live === null ? null : back === 0 ? live : previousRevision(seed, w, live, back);
    if (back > 0 && rev === null) break;
    const name = controllerRevisionName(seed, w, rev);
    if (!kept.has(name)) kept.set(name, revisionState(seed, w, rev, name));
    if (rev === null || rev.number === 1) break;
  }
  return [...kept.values()].reverse();
}

function revisionState(seed: number, w: WorkloadPlan, rev: Revision | null, name: string): ControllerRevisionState {
  const hash = name.slice(w.name.length + 1);
  const createdMs = rev === null || rev.number === 1 ? w.createdMs : rev.templateStartedMs;
  const changedMs = rev === null || rev.number === 1 ? w.createdMs : rev.startedMs;
  const build = (): JsonObject => ({
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name,
      namespace: w.namespace,
      uid: uidFor(seed, w.namespace, name, 'controllerrevision'),
      resourceVersion: resourceVersionAt(changedMs),
      creationTimestamp: k8sTime(createdMs),
      labels: { ...workloadLabels(w), 'controller.kubernetes.io/hash': hash },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: w.kind, name: w.name, uid: w.uid, controller: true, blockOwnerDeletion: true }],
    },
    data: { spec: { template: { ...podTemplate(seed, w, rev), $patch: 'replace' } } },
    revision: rev?.number ?? 1,
  });
  return { name, lastChangeMs: changedMs, object: build };
}
