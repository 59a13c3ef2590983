/**
 * ControllerRevisions of the generated StatefulSets and DaemonSets: one per revision the
 * controller still keeps (revision history limit 10). The demo's StatefulSets and DaemonSets
 * have one template for their whole life, so that is revision 1, named like the StatefulSet's
 * `currentRevision`, with its hash label and owner reference.
 */
import { resourceVersionAt } from './calendar';
import { k8sTime } from './clock';
import { type WorkloadPlan, workloadLabels } from './model';
import { podTemplate } from './podspec';
import { k8sSuffix, uidFor } from './random';
import type { JsonObject } from './store';

/** Revisions a StatefulSet or DaemonSet keeps (its revisionHistoryLimit). */
export const CONTROLLER_REVISION_HISTORY = 10;

export interface ControllerRevisionState {
  name: string;
  lastChangeMs: number;
  object: () => JsonObject;
}

/** The kept ControllerRevisions of a StatefulSet or DaemonSet, oldest first. */
export function controllerRevisions(seed: number, w: WorkloadPlan): ControllerRevisionState[] {
  const hash = k8sSuffix(10, seed, w.namespace, w.name, 'revision');
  const name = `${w.name}-${hash}`;
  const build = (): JsonObject => ({
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name,
      namespace: w.namespace,
      uid: uidFor(seed, w.namespace, name, 'controllerrevision'),
      resourceVersion: resourceVersionAt(w.createdMs),
      creationTimestamp: k8sTime(w.createdMs),
      labels: { ...workloadLabels(w), 'controller.kubernetes.io/hash': hash },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: w.kind, name: w.name, uid: w.uid, controller: true, blockOwnerDeletion: true }],
    },
    data: { spec: { template: { ...podTemplate(seed, w, null), $patch: 'replace' } } },
    revision: 1,
  });
  return [{ name, lastChangeMs: w.createdMs, object: build }];
}
