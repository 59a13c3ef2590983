import { Suspense } from 'react';
import { allocationDefaults, attributionConfig } from '@/lib/allocation/defaults';
import { UNALLOCATED } from '@/lib/cost/allocation-set';
import { getDatabase } from '@/lib/db/instance';
import type { CostFilters } from '@/lib/queries/filters';
import { getNamespaceLabels } from '@/lib/queries/get-namespace-labels';
import { getTeamAllocation } from '@/lib/queries/get-team-allocation';
import { getTopWorkloads } from '@/lib/queries/get-top-workloads';
import type { IdleMode } from '../_components/idle-toggle';
import { CostPageHead } from '../_components/cost-page-head';
import { DailyCostSection } from '../_components/sections';
import { TableSkeleton } from '../_components/skeletons';
import { TeamFigures } from '../_components/team-figures';
import { WorkloadTable } from '../_components/workloads';
import { parseOverviewParams, periodLabels, queryString } from '../_lib/overview-params';

export const dynamic = 'force-dynamic';

const DAY_MS = 86_400_000;
const day = (d: Date) => d.toISOString().slice(0, 10);

/** Cost that carries no team: the overview's "unallocated" row, and the workloads it is the sum of, with what to label at the source. */
export default async function UnallocatedPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const search = await searchParams;
  const p = parseOverviewParams(search, new Date());
  const filters = { cluster: p.cluster, from: p.from, to: p.to };
  const query = queryString(search, ['cluster', 'from', 'to', 'idle']);
  const { period } = periodLabels(p);
  return (
    <>
      <CostPageHead title="Unallocated cost" params={p} query={query} />
      <Suspense fallback={<TableSkeleton rows={8} />}>
        <UnallocatedBody filters={filters} chartFrom={p.chartFrom} idle={p.idle} period={period} />
      </Suspense>
    </>
  );
}

async function UnallocatedBody({ filters, chartFrom, idle, period }: { filters: CostFilters; chartFrom: Date; idle: IdleMode; period: string }) {
  const db = await getDatabase();
  const defaults = allocationDefaults();
  const options = { idle, defaults };
  const [costs, workloads] = await Promise.all([
    getTeamAllocation(db, filters, options),
    getTopWorkloads(db, filters, { ...options, team: UNALLOCATED, limit: 50 }),
  ]);
  const row = costs.teams.find((t) => t.team === UNALLOCATED);
  const keys = attributionConfig().labelKeys;
  const shared = defaults.shareNamespaces.length
    ? ` Shared namespaces (${defaults.shareNamespaces.join(', ')}) are not unallocated: the configuration spreads them over the teams (their Shared column).`
    : '';
  if (!row) return <p className="muted" data-testid="no-cost">Every cost in this window carries a team.{shared}</p>;
  const labels = await getNamespaceLabels(db, workloads);
  return (
    <>
      <TeamFigures row={row} idle={idle} period={period} />
      <p className="muted">
        Label the pods or their namespace with {keys.map((k) => `"${k}"`).join(' or ')}, or map the namespace in tally.yaml
        (<code>teams.namespaces</code>).{shared}
      </p>
      <h2>Daily cost, {day(chartFrom)} to {day(new Date(filters.to.getTime() - DAY_MS))}</h2>
      <Suspense fallback={<div className="skeleton" style={{ height: 320 }} />}>
        <DailyCostSection filters={{ ...filters, from: chartFrom }} idle={idle} team={UNALLOCATED} />
      </Suspense>
      <h2>Workloads without a team</h2>
      <WorkloadTable workloads={workloads} testId="unallocated" showCluster={!filters.cluster} showIdle={idle === 'share'} namespaceLabels={labels} />
    </>
  );
}
