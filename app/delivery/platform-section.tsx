import { DataTable } from '@/app/_components/data-table';
import { getDatabase } from '@/lib/db/instance';
import { getPlatformTimes, type NodePoolRow, type PlatformRow } from '@/lib/queries/get-platform-times';
import { currentConfig } from '@/lib/settings/current';

/** A duration for a table cell: 0.4 s, 42 s, 3.5 min, 2.1 h, 3.2 d; null → an em dash. */
function seconds(value: number | null): string {
  if (value === null) return '—';
  if (value < 10) return `${value.toFixed(1)} s`;
  if (value < 60) return `${Math.round(value)} s`;
  if (value < 3600) return `${(value / 60).toFixed(1)} min`;
  if (value < 86_400) return `${(value / 3600).toFixed(1)} h`;
  return `${(value / 86_400).toFixed(1)} d`;
}
const count = (value: number | null) => (value === null ? '—' : String(value));

/**
 * Platform time to market per team over [from, to): how long pods wait to start and to be
 * scheduled, time spent Unschedulable, new namespaces' time to their first deployment, and
 * below it new nodes' provisioning per cluster and node pool (GET /api/v1/platform); one cluster's when given.
 */
export async function PlatformSection({ from, to, cluster }: { from: Date; to: Date; cluster?: string }) {
  const { teams } = currentConfig();
  const { groups, nodePools } = await getPlatformTimes(await getDatabase(), {
    from, to, aggregate: 'team', filter: cluster === undefined ? [] : [{ field: 'cluster', negated: false, values: [cluster] }],
    attribution: { labelKeys: teams.labelKeys, namespaceTeams: teams.namespaces },
  });
  return (
    <>
      <DataTable<PlatformRow>
        testId="platform-table"
        label="platform time to market per team"
        rows={groups}
        rowKey={(r) => r.name}
        empty="No pods or new namespaces recorded in this window."
        columns={[
          { header: 'Team', cell: (r) => r.name },
          { header: 'Pods started', numeric: true, cell: (r) => count(r.podsStarted) },
          { header: 'Startup p50', numeric: true, cell: (r) => seconds(r.podStartupSecondsP50) },
          { header: 'Startup p90', numeric: true, cell: (r) => seconds(r.podStartupSecondsP90) },
          { header: 'Startup p99', numeric: true, cell: (r) => seconds(r.podStartupSecondsP99) },
          { header: 'Scheduling p50', numeric: true, cell: (r) => seconds(r.schedulingWaitSecondsP50) },
          { header: 'Scheduling p90', numeric: true, cell: (r) => seconds(r.schedulingWaitSecondsP90) },
          { header: 'Scheduling p99', numeric: true, cell: (r) => seconds(r.schedulingWaitSecondsP99) },
          { header: 'Unschedulable pods', numeric: true, cell: (r) => count(r.unschedulablePods) },
          { header: 'Unschedulable time', numeric: true, cell: (r) => seconds(r.unschedulableSeconds) },
          { header: 'New namespaces', numeric: true, cell: (r) => (r.newNamespaces === null ? '—' : `${r.namespacesDeployed ?? 0} of ${r.newNamespaces} deployed`) },
          { header: 'To first deployment (median)', numeric: true, cell: (r) => seconds(r.firstDeploymentSecondsMedian) },
        ]}
      />
      <DataTable<NodePoolRow>
        testId="platform-node-pools"
        label="new node provisioning per node pool"
        rows={nodePools}
        rowKey={(r) => `${r.cluster}/${r.nodePool ?? ''}`}
        empty="No nodes created in this window."
        columns={[
          { header: 'Node pool', cell: (r) => <>{r.nodePool ?? <span className="muted">(no pool label)</span>} <span className="muted">· {r.cluster}</span></> },
          { header: 'New nodes', numeric: true, cell: (r) => count(r.nodesCreated) },
          { header: 'Ready', numeric: true, cell: (r) => count(r.nodesProvisioned) },
          { header: 'Created → Ready p50', numeric: true, cell: (r) => seconds(r.nodeProvisioningSecondsP50) },
          { header: 'Created → Ready p90', numeric: true, cell: (r) => seconds(r.nodeProvisioningSecondsP90) },
        ]}
      />
    </>
  );
}
