import type { ChangeKind, RevisionFacts } from './types';

function sameImages(a: readonly string[] | null, b: readonly string[] | null): boolean {
  return a !== null && b !== null && a.length === b.length && a.every((image, i) => image === b[i]);
}

/**
 * The same pod template: equal pod-template-hash, or equal spec hash, images and restartedAt
 * (restartedAt is part of the template: two restarts of one spec are different templates).
 */
export function sameTemplate(a: RevisionFacts, b: RevisionFacts): boolean {
  if (a.templateHash !== null && a.templateHash === b.templateHash) return true;
  return a.specHash !== null && a.specHash === b.specHash && sameImages(a.images, b.images) && a.restartedAt === b.restartedAt;
}

/**
 * What a revision changed relative to the one before it (issue 9 §2), first match wins:
 * - rollback: its revision-history is non-empty (a reused ReplicaSet: `kubectl rollout undo`, a
 *   revert), or its template equals one of the `earlier` revisions (older than `previous`; see
 *   sameTemplate: a StatefulSet/DaemonSet rollback bumps the old ControllerRevision's number, so
 *   its hash was seen before), or it started before `previous` did (a reused object stored with
 *   its original creation as the start);
 * - deployment: no previous revision (a workload's first rollout), or the containers' images
 *   differ (order matters), or either side's images are unknown;
 * - restart: same images and spec hash, only `kubectl.kubernetes.io/restartedAt` differs;
 * - config: everything else (same images, another spec).
 * `earlier` may include `previous` and `current`; they are ignored there. history_lost rows carry no template and never match.
 */
export function classifyChange(previous: RevisionFacts | null, current: RevisionFacts, earlier: readonly RevisionFacts[]): ChangeKind {
  if (current.revisionHistory.length > 0) return 'rollback';
  const older = earlier.filter((r) => !r.historyLost && r.revision !== current.revision && r.revision !== previous?.revision);
  if (older.some((r) => r.revision < current.revision && sameTemplate(r, current))) return 'rollback';
  const previousStartMs = previous?.startedAtMs ?? null;
  if (previousStartMs !== null && current.startedAtMs !== null && current.startedAtMs < previousStartMs) return 'rollback';
  if (previous === null || previous.images === null || current.images === null) return 'deployment';
  if (!sameImages(previous.images, current.images)) return 'deployment';
  if (previous.specHash !== null && previous.specHash === current.specHash && previous.restartedAt !== current.restartedAt) return 'restart';
  return 'config';
}
