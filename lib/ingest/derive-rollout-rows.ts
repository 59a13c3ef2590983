/**
 * The rollout rows of one derivation (lib/ingest/derive-rollouts). Candidates: workloads with a
 * revision started, completed or seen since `since`. A candidate whose inputs changed since its
 * last derivation (derive-state digest) is classified again in full (lib/delivery, in memory),
 * and its rows that can differ from the stored ones are attributed, costed and upserted: new
 * rows, rows whose derived columns changed, rows of revisions active since `since`, rows recent
 * enough to be costed. For an unchanged candidate, only the last two kinds get their team and
 * costs refreshed.
 */
import type { Database } from '../db/client';
import { deriveWorkloadRollouts, type RevisionPodSignals } from '../delivery';
import { addCosts, costed, COST_WINDOW_MS } from './derive-costs';
import { readCrashSignals, readNamespaceLabels, readWorkloads, type CrashSignals, type Workload, type WorkloadRef } from './derive-inputs';
import type { DeriveRolloutsOptions } from './derive-options';
import { rkey, wkey, type Labels } from './derive-sql';
import { inputsDigest, readCandidates, readRefreshTargets, updateTeamsAndCosts, writeInputDigests } from './derive-state';
import { attributeTeams } from './derive-teams';
import { signature, storedSignatures, writeRollouts, type RolloutRow } from './derive-write';

/** Derives, attributes, costs and writes; resolves to the rollout rows inserted or changed. */
export async function deriveRolloutRows(db: Database, o: DeriveRolloutsOptions): Promise<number> {
  const since = new Date(o.from.getTime() - o.settings.failureWindowMs);
  // Independent reads: on Postgres each takes its own pooled connection.
  const [signals, namespaceLabels, candidates] = await Promise.all([
    db.session((s) => readCrashSignals(s, o.cluster)),
    db.session((s) => readNamespaceLabels(s, o.cluster)),
    db.transaction((s) => readCandidates(s, { since, now: o.now, cluster: o.cluster })),
  ]);
  if (candidates.length === 0) return 0;
  const changed: { ref: WorkloadRef; digest: string | null }[] = [];
  const unchanged: WorkloadRef[] = [];
  for (const c of candidates) {
    const ref = { clusterId: c.clusterId, uid: c.uid };
    const digest = inputsDigest(c, signals.byWorkload.get(wkey(c.clusterId, c.uid)) ?? '', o.settings);
    if (digest !== null && digest === c.stored) unchanged.push(ref);
    else changed.push({ ref, digest });
  }
  // Costs only for rollouts near the window: older ones keep the costs derived when they were recent.
  const costFromMs = since.getTime() - COST_WINDOW_MS;
  // Independent: on Postgres each takes its own pooled connections.
  const [derived, refreshed] = await Promise.all([
    deriveChanged(db, o, changed.map((c) => c.ref), since, costFromMs, signals, namespaceLabels),
    refreshUnchanged(db, o, unchanged, since, costFromMs, namespaceLabels),
  ]);
  const digestsNow = changed.flatMap((c) => (c.digest === null ? [] : [{ ref: c.ref, digest: c.digest }]));
  if (digestsNow.length > 0) await db.session((s) => writeInputDigests(s, digestsNow, o.now));
  return derived + refreshed;
}

async function deriveChanged(
  db: Database, o: DeriveRolloutsOptions, refs: WorkloadRef[], since: Date, costFromMs: number, signals: CrashSignals, namespaceLabels: Map<string, Labels>,
): Promise<number> {
  if (refs.length === 0) return 0;
  const [byKey, stored] = await Promise.all([
    db.session((s) => readWorkloads(s, refs, since)),
    db.session((s) => storedSignatures(s, refs)),
  ]);
  const rows: RolloutRow[] = [];
  for (const w of byKey.values()) {
    const podSignals = w.revisions.flatMap((r): RevisionPodSignals[] => {
      const p = signals.byRevision.get(rkey(w.clusterId, w.uid, r.revision));
      return p === undefined ? [] : [p];
    });
    for (const rollout of deriveWorkloadRollouts(w.revisions, podSignals, w.annotations, o.settings, o.now.getTime())) {
      const row = rolloutRow(w, rollout);
      if (w.meta.get(rollout.revision)?.recent === true || costed(row, costFromMs) || stored.get(rkey(w.clusterId, w.uid, rollout.revision)) !== signature(row)) rows.push(row);
    }
  }
  if (rows.length === 0) return 0;
  // Teams and costs set different fields: both at once.
  await Promise.all([attributeTeams(db, rows, namespaceLabels, o.attribution), db.session((s) => addCosts(s, rows, costFromMs))]);
  return db.session((s) => writeRollouts(s, rows, o.now));
}

function rolloutRow(w: Workload, rollout: RolloutRow['rollout']): RolloutRow {
  const meta = w.meta.get(rollout.revision);
  return {
    clusterId: w.clusterId, uid: w.uid, revision: rollout.revision, namespace: w.namespace, kind: w.kind, name: w.name,
    revisionNamespace: meta?.namespace ?? w.namespace, templateHash: meta?.templateHash ?? null,
    startedAtMs: rollout.startedAtMs, finishedAtMs: rollout.finishedAtMs, team: '', costBeforeUsd: null, costAfterUsd: null, rollout,
  };
}

async function refreshUnchanged(
  db: Database, o: DeriveRolloutsOptions, refs: WorkloadRef[], since: Date, costFromMs: number, namespaceLabels: Map<string, Labels>,
): Promise<number> {
  if (refs.length === 0) return 0;
  const targets = await db.session((s) => readRefreshTargets(s, refs, since, costFromMs));
  if (targets.length === 0) return 0;
  await Promise.all([attributeTeams(db, targets, namespaceLabels, o.attribution), db.session((s) => addCosts(s, targets, costFromMs))]);
  return db.session((s) => updateTeamsAndCosts(s, targets, o.now));
}
