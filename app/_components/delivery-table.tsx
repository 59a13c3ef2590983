import Link from 'next/link';
import { formatUsd } from '@/lib/format';
import type { DeliveryRow } from '@/lib/queries/get-delivery';
import { formatDuration, formatFrequency, formatRatio } from '../_lib/delivery-format';
import { teamLabel, UNALLOCATED_LABEL } from '../_lib/team-param';
import { DataTable } from './data-table';
import { currency } from './sections';
import { Tier } from './tier';

/** Deployments per day as shown: its natural rate, "0/day" when none. */
export const frequencyText = (r: Pick<DeliveryRow, 'deployments' | 'deploymentsPerDay'>) =>
  r.deployments === 0 ? '0/day' : formatFrequency(r.deploymentsPerDay);

/** "42 min · p90 3.1 h", or "—" without a lead time. */
export const leadTimeText = (r: Pick<DeliveryRow, 'leadTimeSecondsMedian' | 'leadTimeSecondsP90'>) =>
  r.leadTimeSecondsMedian === null ? formatDuration(null) : `${formatDuration(r.leadTimeSecondsMedian)} · p90 ${formatDuration(r.leadTimeSecondsP90)}`;

/**
 * The four keys and rework per team with their DORA tier (getDelivery, aggregate team): a row per
 * team with any rollout, pod or cost in the window. Each team links to its page with the window kept.
 */
export function DeliveryTable({ rows, query }: { rows: readonly DeliveryRow[]; query: string }) {
  const money = (usd: number | null) => (usd === null ? '—' : formatUsd(usd, currency()));
  const teamHref = (name: string) => (teamLabel(name) === UNALLOCATED_LABEL ? `/unallocated?${query}` : `/teams/${encodeURIComponent(name)}?${query}`);
  return (
    <DataTable
      testId="delivery-teams"
      label="delivery per team"
      rows={rows}
      rowKey={(r) => r.name}
      empty="No rollouts recorded in this window."
      columns={[
        { header: 'Team', cell: (r) => <Link href={teamHref(r.name)}>{teamLabel(r.name)}</Link> },
        { header: 'Deployments', numeric: true, cell: (r) => r.deployments },
        { header: 'Frequency', numeric: true, cell: (r) => <>{frequencyText(r)}<Tier tier={r.tiers.deploymentFrequency} /></> },
        { header: 'Lead time (median · p90)', numeric: true, cell: (r) => <>{leadTimeText(r)}<Tier tier={r.tiers.leadTime} /></> },
        { header: 'Change failure rate', numeric: true, cell: (r) => <>{formatRatio(r.changeFailureRate)}<Tier tier={r.tiers.changeFailureRate} /></> },
        { header: 'Recovery (median)', numeric: true, cell: (r) => <>{formatDuration(r.recoverySecondsMedian)}<Tier tier={r.tiers.recoveryTime} /></> },
        { header: 'Rework rate', numeric: true, cell: (r) => formatRatio(r.reworkRate) },
        { header: 'Config changes', numeric: true, cell: (r) => r.configChanges },
        { header: 'Restarts', numeric: true, cell: (r) => r.restarts },
        { header: 'Rollbacks', numeric: true, cell: (r) => r.rollbacks },
        { header: 'Cost per deployment', numeric: true, cell: (r) => money(r.costPerDeploymentUsd) },
      ]}
    />
  );
}
