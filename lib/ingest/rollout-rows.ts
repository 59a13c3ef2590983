/**
 * Pure: one scrape's workloads and revisions → workload_revision rows. started_at is the
 * object's creation for a new ReplicaSet/ControllerRevision and the scrape time for a reused one
 * (a ReplicaSet with revision-history; a ControllerRevision created before a lower-numbered one of
 * its workload: a rollback makes Kubernetes bump the old object's `.revision`); completed_at / deadline_exceeded_at only for the workload's
 * current revision; a reused ReplicaSet's earlier numbers become from_history rows.
 */
import type { RevisionRecord, Snapshot, WorkloadRecord } from '../k8s/types';

export interface RevisionRow {
  workloadUid: string;
  revision: number;
  namespace: string;
  workloadKind: string;
  workloadName: string;
  source: string;
  templateHash: string;
  specHash: string;
  images: string[];
  templateAnnotations: Record<string, string>;
  restartedAt: string | null;
  revisionHistory: number[];
  createdAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  deadlineExceededAt: string | null;
  replicas: number | null;
  readyReplicas: number | null;
  availableReplicas: number | null;
  fromHistory: boolean;
}

const condition = (w: WorkloadRecord, type: string) => w.conditions.find((c) => c.type === type);

/** The revision number the workload is rolling out to (its newest, or the CR named by updateRevision). */
function currentRevision(w: WorkloadRecord, revisions: RevisionRecord[]): number | null {
  if (revisions.length === 0) return null;
  if (w.kind === 'StatefulSet' || w.kind === 'DaemonSet') {
    const named = revisions.find((r) => w.updateRevision !== null && (w.updateRevision === `${w.name}-${r.templateHash}` || w.updateRevision === r.templateHash));
    if (named) return named.revision;
  }
  return Math.max(...revisions.map((r) => r.revision));
}

/** When the current revision completed, as far as this scrape tells (ISO), else null. */
function completedAt(w: WorkloadRecord, startedAt: string | null, sampledAt: string): string | null {
  const generationSeen = w.observedGeneration !== null && w.observedGeneration >= w.generation;
  if (w.kind === 'StatefulSet' || w.kind === 'DaemonSet') {
    const done = generationSeen && w.updatedReplicas === w.replicas && w.readyReplicas === w.replicas && (w.kind === 'DaemonSet' || w.currentRevision === w.updateRevision);
    return done ? sampledAt : null;
  }
  const progressing = condition(w, 'Progressing');
  const reported = progressing?.status === 'True' && progressing.reason === 'NewReplicaSetAvailable' ? progressing.lastUpdateTime : null;
  if (reported && (startedAt === null || Date.parse(reported) >= Date.parse(startedAt))) return reported;
  // A rollout past its deadline has not completed, whatever the counts say at this instant.
  const done = generationSeen && w.updatedReplicas === w.replicas && w.availableReplicas === w.replicas && deadlineExceededAt(w) === null;
  return done ? sampledAt : null;
}

function deadlineExceededAt(w: WorkloadRecord): string | null {
  const progressing = condition(w, 'Progressing');
  return progressing?.status === 'False' && progressing.reason === 'ProgressDeadlineExceeded' ? progressing.lastTransitionTime : null;
}

/**
 * A ControllerRevision reused by a rollback: StatefulSet and DaemonSet controllers bump an
 * existing ControllerRevision's `.revision` instead of making a new one, so its creation is older
 * than that of a lower-numbered revision of the same workload.
 */
export function reusedControllerRevision(r: RevisionRecord, siblings: readonly RevisionRecord[]): boolean {
  if (r.source !== 'ControllerRevision' || r.createdAt === null) return false;
  const createdMs = Date.parse(r.createdAt);
  return siblings.some((o) => o.revision < r.revision && o.createdAt !== null && Date.parse(o.createdAt) > createdMs);
}

/** The rows one snapshot gives (revisions of workloads not in the snapshot are kept too, without completion). */
export function revisionRows(snapshot: Pick<Snapshot, 'workloads' | 'revisions' | 'sampledAt'>): RevisionRow[] {
  const byWorkload = new Map<string, RevisionRecord[]>();
  for (const r of snapshot.revisions) {
    const list = byWorkload.get(r.workloadUid);
    if (list) list.push(r);
    else byWorkload.set(r.workloadUid, [r]);
  }
  const workloads = new Map(snapshot.workloads.map((w) => [w.uid, w]));
  const rows = new Map<string, RevisionRow>();
  for (const [uid, revisions] of byWorkload) {
    const w = workloads.get(uid);
    const current = w ? currentRevision(w, revisions) : null;
    for (const r of revisions) {
      const reused = r.revisionHistory.length > 0 || reusedControllerRevision(r, revisions);
      const startedAt = reused ? snapshot.sampledAt : r.createdAt;
      const isCurrent = w !== undefined && r.revision === current;
      const base = {
        workloadUid: uid, namespace: r.namespace, workloadKind: r.workloadKind, workloadName: r.workloadName, source: r.source,
        templateHash: r.templateHash, specHash: r.specHash, images: r.images, templateAnnotations: r.templateAnnotations, restartedAt: r.restartedAt,
        createdAt: r.createdAt,
      };
      rows.set(`${uid}/${r.revision}`, {
        ...base, revision: r.revision, revisionHistory: r.revisionHistory, startedAt,
        completedAt: isCurrent ? completedAt(w, startedAt, snapshot.sampledAt) : null,
        deadlineExceededAt: isCurrent ? deadlineExceededAt(w) : null,
        replicas: r.replicas, readyReplicas: r.readyReplicas, availableReplicas: r.availableReplicas, fromHistory: false,
      });
      for (const earlier of r.revisionHistory) {
        const key = `${uid}/${earlier}`;
        if (rows.has(key) && !rows.get(key)!.fromHistory) continue;
        rows.set(key, {
          ...base, revision: earlier, revisionHistory: [], startedAt: null, completedAt: null, deadlineExceededAt: null,
          replicas: null, readyReplicas: null, availableReplicas: null, fromHistory: true,
        });
      }
    }
  }
  return [...rows.values()];
}
