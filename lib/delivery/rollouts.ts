import { classifyChange } from './classify';
import { commitOf } from './commit';
import type { ChangeKind, DeliverySettings, FailureReason, RevisionFacts, RevisionPodSignals, Rollout } from './types';

interface Failure { atMs: number; reason: FailureReason }

/** The earliest failure of one revision (issue 9 §2 "Failed"); ties keep the order below. */
function failureOf(r: RevisionFacts, successor: RevisionFacts | undefined, successorKind: ChangeKind | null, pods: readonly RevisionPodSignals[], s: DeliverySettings): Failure | null {
  const found: Failure[] = [];
  if (r.deadlineExceededAtMs !== null) found.push({ atMs: r.deadlineExceededAtMs, reason: 'ProgressDeadlineExceeded' });
  const start = r.startedAtMs;
  if (start !== null && successor !== undefined && successorKind === 'rollback' && successor.startedAtMs !== null) {
    const afterMs = successor.startedAtMs - start;
    if (afterMs >= 0 && afterMs <= s.failureWindowMs) found.push({ atMs: successor.startedAtMs, reason: 'RolledBack' });
  }
  if (start !== null) {
    const inCrashWindow = (at: number | null): at is number => at !== null && at >= start && at - start <= s.crashWindowMs;
    for (const p of pods) {
      if (p.revision !== r.revision) continue;
      if (inCrashWindow(p.crashLoopAtMs)) found.push({ atMs: p.crashLoopAtMs, reason: 'CrashLoopBackOff' });
      if (inCrashWindow(p.restarts3AtMs)) found.push({ atMs: p.restarts3AtMs, reason: 'Restarts' });
    }
  }
  return found.reduce<Failure | null>((best, f) => (best === null || f.atMs < best.atMs ? f : best), null);
}

/**
 * One workload's rollouts from its revisions (any order; one workload uid: a workload deleted and
 * recreated under the same name is another uid and another call), revision ascending.
 * - kind: classifyChange against the nearest earlier revision that is not history_lost
 *   (`historyLost` on the rollout says the revision just before it was lost).
 * - failed (earliest of): deadlineExceededAt; the next revision is a rollback started ≤ failureWindow
 *   after this one's start (failedAt = its start); a pod of this revision in CrashLoopBackOff, or
 *   with ≥ 3 restarts, in [start, start + crashWindow]. A failed rollout never finishes.
 * - succeeded: completedAt known (finishedAt = completedAt).
 * - superseded (overlap): a later revision started before this one completed → status succeeded
 *   (it did not fail: it was overtaken), finishedAt null (it never reached all replicas, so it is
 *   not counted in any window; the revision that did finish is), supersededAt = that later start.
 * - progressing: none of these (the newest revision, still rolling out at `nowMs`).
 * - lead time (s) = finishedAt − commit time, deployments that succeeded and finished only; a
 *   negative value (CI clock ahead of the API server) is clamped to 0: it did ship after the commit.
 * - recovery: for a failed rollout, the finish of the next revision that neither failed nor was
 *   superseded; recoverySeconds = that − failed start (null when not yet recovered or start unknown).
 * - rework: a deployment started in (start, start + failureWindow] of a failed deployment.
 * history_lost rows yield no rollout; a lost successor is not evidence of a rollback.
 */
export function deriveWorkloadRollouts(
  revisions: readonly RevisionFacts[],
  pods: readonly RevisionPodSignals[],
  workloadAnnotations: Record<string, string>,
  settings: DeliverySettings,
  nowMs: number,
): Rollout[] {
  const rows = dedupe(revisions);
  const kinds = new Map<number, ChangeKind>();
  const known: RevisionFacts[] = [];
  for (const r of rows) {
    if (r.historyLost) continue;
    kinds.set(r.revision, classifyChange(known.at(-1) ?? null, r, known));
    known.push(r);
  }
  const rollouts: Rollout[] = [];
  rows.forEach((r, i) => {
    if (r.historyLost) return;
    const successor = rows[i + 1];
    const successorKind = successor === undefined || successor.historyLost ? null : (kinds.get(successor.revision) ?? null);
    const failure = failureOf(r, successor, successorKind, pods, settings);
    const kind = kinds.get(r.revision) ?? 'deployment';
    const later = rows.slice(i + 1).find((n) => !n.historyLost && n.startedAtMs !== null);
    const supersededAtMs = failure === null && r.completedAtMs === null && later !== undefined ? (later.startedAtMs ?? null) : null;
    const finishedAtMs = failure === null ? r.completedAtMs : null;
    const commit = commitOf(r.templateAnnotations, workloadAnnotations, settings.commitTimeKeys);
    const leadTimeSeconds =
      kind === 'deployment' && finishedAtMs !== null && commit.timeMs !== null ? Math.max(0, (finishedAtMs - commit.timeMs) / 1000) : null;
    rollouts.push({
      revision: r.revision,
      kind,
      status: failure !== null ? 'failed' : finishedAtMs !== null || supersededAtMs !== null ? 'succeeded' : 'progressing',
      startedAtMs: r.startedAtMs,
      finishedAtMs,
      failedAtMs: failure?.atMs ?? null,
      failureReason: failure?.reason ?? null,
      commit,
      leadTimeSeconds,
      recoveredAtMs: null,
      recoverySeconds: null,
      rework: false,
      historyLost: i > 0 && rows[i - 1]?.historyLost === true,
      images: r.images ?? [],
      supersededAtMs,
    });
  });
  markRecoveryAndRework(rollouts, settings, nowMs);
  return rollouts;
}

function dedupe(revisions: readonly RevisionFacts[]): RevisionFacts[] {
  const byRevision = new Map<number, RevisionFacts>();
  for (const r of revisions) {
    const seen = byRevision.get(r.revision);
    if (seen === undefined || (seen.historyLost && !r.historyLost)) byRevision.set(r.revision, r);
  }
  return [...byRevision.values()].sort((a, b) => a.revision - b.revision);
}

function markRecoveryAndRework(rollouts: Rollout[], settings: DeliverySettings, nowMs: number): void {
  rollouts.forEach((failed, i) => {
    if (failed.status !== 'failed') return;
    const fix = rollouts.slice(i + 1).find((n) => n.status !== 'failed' && n.supersededAtMs === null);
    if (fix !== undefined && fix.finishedAtMs !== null && fix.finishedAtMs <= nowMs) {
      failed.recoveredAtMs = fix.finishedAtMs;
      failed.recoverySeconds = failed.startedAtMs === null ? null : Math.max(0, (fix.finishedAtMs - failed.startedAtMs) / 1000);
    }
    const start = failed.startedAtMs;
    if (failed.kind !== 'deployment' || start === null) return;
    for (const later of rollouts.slice(i + 1)) {
      if (later.kind !== 'deployment' || later.startedAtMs === null) continue;
      const afterMs = later.startedAtMs - start;
      if (afterMs > 0 && afterMs <= settings.failureWindowMs) later.rework = true;
    }
  });
}
