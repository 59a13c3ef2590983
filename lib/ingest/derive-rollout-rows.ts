/**
 * The rollout rows of one derivation (lib/ingest/derive-rollouts): every revision of each
 * candidate workload is classified again (lib/delivery, in memory), but only rows that can
 * differ from the stored ones are attributed, costed and written: new rows, rows whose derived
 * columns changed, rows of revisions active since `since`, and rows recent enough to be costed.
 */
import { attributeTeam } from '../cost/attribution';
import type { Database } from '../db/client';
import { deriveWorkloadRollouts, type RevisionPodSignals } from '../delivery';
import { addCosts, costed, COST_WINDOW_MS } from './derive-costs';
import { ckey, readCrashSignals, readNamespaceLabels, readRevisionLabels, readWorkloadPodLabels, readWorkloads, type Workload } from './derive-inputs';
import type { DeriveRolloutsOptions } from './derive-options';
import { rkey } from './derive-sql';
import { signature, storedSignatures, writeRollouts, type RolloutRow } from './derive-write';

/** Derives, attributes, costs and upserts; resolves to the rollout rows inserted or changed. */
export async function deriveRolloutRows(db: Database, o: DeriveRolloutsOptions): Promise<number> {
  const since = new Date(o.from.getTime() - o.settings.failureWindowMs);
  const workloads = [...(await db.session((s) => readWorkloads(s, since, o.cluster))).values()];
  if (workloads.length === 0) return 0;
  // Independent reads: on Postgres each takes its own pooled connection.
  const [signals, stored, namespaceLabels] = await Promise.all([
    db.session((s) => readCrashSignals(s, workloads)),
    db.session((s) => storedSignatures(s, workloads)),
    db.session((s) => readNamespaceLabels(s, o.cluster)),
  ]);
  // Costs only for rollouts near the window: older ones keep the costs derived when they were recent.
  const costFromMs = since.getTime() - COST_WINDOW_MS;
  const rows: RolloutRow[] = [];
  for (const w of workloads) {
    const podSignals = w.revisions.flatMap((r): RevisionPodSignals[] => {
      const p = signals.get(rkey(w.clusterId, w.uid, r.revision));
      return p === undefined ? [] : [p];
    });
    for (const rollout of deriveWorkloadRollouts(w.revisions, podSignals, w.annotations, o.settings, o.now.getTime())) {
      const row: RolloutRow = { clusterId: w.clusterId, workload: w, team: '', rollout, costBeforeUsd: null, costAfterUsd: null };
      const key = rkey(w.clusterId, w.uid, rollout.revision);
      if (w.meta.get(rollout.revision)?.recent === true || costed(row, costFromMs) || stored.get(key) !== signature(row)) rows.push(row);
    }
  }
  if (rows.length === 0) return 0;
  await attributeTeams(db, rows, namespaceLabels, o);
  await db.session((s) => addCosts(s, rows, costFromMs));
  return db.session((s) => writeRollouts(s, rows, o.now));
}

/** Team of each row: its revision's oldest pod's labels, else a pod of the workload's, with the namespace's labels. */
async function attributeTeams(db: Database, rows: RolloutRow[], namespaceLabels: Map<string, Record<string, string>>, o: DeriveRolloutsOptions): Promise<void> {
  const refs = rows.map((r) => {
    const meta = r.workload.meta.get(r.rollout.revision);
    return { clusterId: r.clusterId, namespace: meta?.namespace ?? r.workload.namespace, templateHash: meta?.templateHash ?? null };
  });
  const labels = await db.session((s) => readRevisionLabels(s, refs));
  const orphans = new Map<string, Workload>();
  rows.forEach((r, i) => {
    if (labels[i] === undefined) orphans.set(ckey(r.clusterId, r.workload.namespace, r.workload.kind, r.workload.name), r.workload);
  });
  const fallback = await db.session((s) => readWorkloadPodLabels(s, [...orphans.values()]));
  rows.forEach((r, i) => {
    const w = r.workload;
    const podLabels = labels[i] ?? fallback.get(ckey(w.clusterId, w.namespace, w.kind, w.name)) ?? {};
    r.team = attributeTeam(podLabels, w.namespace, namespaceLabels.get(`${w.clusterId}\u0000${w.namespace}`) ?? {}, o.attribution).team;
  });
}
