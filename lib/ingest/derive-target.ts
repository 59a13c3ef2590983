/** One rollout row being (re)attributed to a team and (re)costed by the delivery derivation. */
export interface RowTarget {
  clusterId: number;
  uid: string;
  revision: number;
  /** The workload's namespace, kind (as collected: `Deployment`) and name. */
  namespace: string;
  kind: string;
  name: string;
  /** Where the revision's pods are: its namespace and pod-template-hash. */
  revisionNamespace: string;
  templateHash: string | null;
  startedAtMs: number | null;
  finishedAtMs: number | null;
  team: string;
  costBeforeUsd: number | null;
  costAfterUsd: number | null;
}
