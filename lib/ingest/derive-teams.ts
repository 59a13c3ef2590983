/** A rollout's team (issue 9: delivery per team): its revision's pods' labels and its namespace's, as cost attribution does. */
import { attributeTeam, type AttributionConfig } from '../cost/attribution';
import type { Database } from '../db/client';
import { ckey, readRevisionLabels, readWorkloadPodLabels, type WorkloadName } from './derive-inputs';
import type { Labels } from './derive-sql';
import type { RowTarget } from './derive-target';

/** Sets each target's team: its revision's oldest pod's labels, else a pod of the workload's, with the namespace's labels. */
export async function attributeTeams(db: Database, targets: RowTarget[], namespaceLabels: Map<string, Labels>, attribution: AttributionConfig): Promise<void> {
  const labels = await db.session((s) => readRevisionLabels(s, targets.map((t) => ({ clusterId: t.clusterId, namespace: t.revisionNamespace, templateHash: t.templateHash }))));
  const orphans = new Map<string, WorkloadName>();
  targets.forEach((t, i) => {
    if (labels[i] === undefined) orphans.set(ckey(t.clusterId, t.namespace, t.kind, t.name), t);
  });
  const fallback = await db.session((s) => readWorkloadPodLabels(s, [...orphans.values()]));
  targets.forEach((t, i) => {
    const podLabels = labels[i] ?? fallback.get(ckey(t.clusterId, t.namespace, t.kind, t.name)) ?? {};
    t.team = attributeTeam(podLabels, t.namespace, namespaceLabels.get(`${t.clusterId}\u0000${t.namespace}`) ?? {}, attribution).team;
  });
}
