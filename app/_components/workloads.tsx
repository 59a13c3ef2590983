import { formatPercent, formatUsd } from '@/lib/format';
import type { WorkloadCost } from '@/lib/queries/get-top-workloads';
import { teamLabel } from '../_lib/team-param';
import { DataTable } from './data-table';
import { currency } from './sections';

const percent = (x: number | null) => (x === null ? '—' : formatPercent(x));

/**
 * Workloads with the team table's figures (cost, idle share when shared, shared part, total),
 * so a team's row is the sum of its workloads; optional columns for team, namespace labels
 * and efficiency.
 */
export function WorkloadTable({ workloads, testId, showCluster, showTeam = false, showIdle, showEfficiency = false, namespaceLabels }: {
  workloads: readonly WorkloadCost[];
  testId: string;
  showCluster: boolean;
  showTeam?: boolean;
  showIdle: boolean;
  showEfficiency?: boolean;
  /** When given, a column with each namespace's labels (keyed `cluster/namespace`): what to label at the source. */
  namespaceLabels?: Map<string, Record<string, string>>;
}) {
  const money = (usd: number) => formatUsd(usd, currency());
  const hasShared = workloads.some((w) => w.sharedUsd !== 0);
  return (
    <DataTable
      testId={testId}
      label="workloads"
      rows={workloads}
      rowKey={(w) => `${w.cluster}/${w.namespace}/${w.controllerKind}/${w.controllerName}/${w.team}`}
      columns={[
        {
          header: 'Workload',
          cell: (w) => <>{w.controllerName} <span className="muted">{w.controllerKind}{showCluster ? ` · ${w.cluster}` : ''}</span></>,
        },
        showTeam && { header: 'Team', cell: (w) => teamLabel(w.team) },
        { header: 'Namespace', cell: (w) => w.namespace },
        namespaceLabels !== undefined && {
          header: 'Namespace labels',
          className: 'muted',
          cell: (w) => Object.entries(namespaceLabels.get(`${w.cluster}/${w.namespace}`) ?? {}).map(([k, v]) => `${k}=${v}`).join(', ') || 'none',
        },
        { header: 'Cost', numeric: true, cell: (w) => money(w.costUsd) },
        showIdle && { header: 'of which idle', numeric: true, className: 'muted', cell: (w) => money(w.idleShareUsd) },
        hasShared && { header: 'Shared', numeric: true, cell: (w) => money(w.sharedUsd) },
        hasShared && { header: 'Total', numeric: true, cell: (w) => money(w.totalUsd) },
        showEfficiency && { header: 'CPU eff.', numeric: true, cell: (w) => percent(w.cpuEfficiency) },
        showEfficiency && { header: 'Memory eff.', numeric: true, cell: (w) => percent(w.memoryEfficiency) },
        showEfficiency && { header: 'Efficiency', numeric: true, cell: (w) => percent(w.totalEfficiency) },
      ]}
    />
  );
}
