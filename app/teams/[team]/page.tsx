import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { allocationDefaults, attributionConfig } from '@/lib/allocation/defaults';
import { getDatabase } from '@/lib/db/instance';
import { formatUsd } from '@/lib/format';
import type { CostFilters } from '@/lib/queries/filters';
import { getTeamAllocation } from '@/lib/queries/get-team-allocation';
import { getTeamAttribution, type AttributionCount } from '@/lib/queries/get-team-attribution';
import { getTopWorkloads, type WorkloadCost } from '@/lib/queries/get-top-workloads';
import { DataTable } from '../../_components/data-table';
import type { IdleMode } from '../../_components/idle-toggle';
import { CostPageHead } from '../../_components/cost-page-head';
import { DeliveryPanel } from '../../_components/delivery-panel';
import { BudgetUseSection } from '../../_components/budget-use';
import { currency, DailyCostSection } from '../../_components/sections';
import { CardsSkeleton, TableSkeleton } from '../../_components/skeletons';
import { TeamFigures } from '../../_components/team-figures';
import { WorkloadTable } from '../../_components/workloads';
import { parseOverviewParams, periodLabels, queryString } from '../../_lib/overview-params';
import { parseTeamParam } from '../../_lib/team-param';
import { parseRightsizingParams } from '../../rightsizing/params';
import { TeamRightsizingSaving } from '../../rightsizing/sections';
import { currentConfig } from '@/lib/settings/current';
import { currentTime } from '@/lib/util/clock';

export const dynamic = 'force-dynamic';

const DAY_MS = 86_400_000;
const day = (d: Date) => d.toISOString().slice(0, 10);

/** "namespace label team", "pod label owner on 3 pods", "tally.yaml namespace map". */
function explain(a: AttributionCount): string {
  const pods = `${a.pods} pod${a.pods === 1 ? '' : 's'}`;
  if (a.source === 'pod-label') return `pod label "${a.key}" (${pods})`;
  if (a.source === 'namespace-label') return `namespace label "${a.key}" (${pods})`;
  if (a.source === 'namespace-map') return `tally.yaml namespace map (${pods})`;
  return `no team (${pods})`;
}

/** One team: its row of the overview's team table, its daily cost, and the namespaces and workloads it is the sum of. */
export default async function TeamPage({ params, searchParams }: {
  params: Promise<{ team: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const parsed = parseTeamParam((await params).team);
  if (parsed.kind !== 'team') notFound(); // the layout has sent these elsewhere already
  const team = parsed.team;
  const search = await searchParams;
  const p = parseOverviewParams(search, new Date());
  const filters = { cluster: p.cluster, from: p.from, to: p.to };
  const query = queryString(search, ['cluster', 'from', 'to', 'idle']);
  const { period } = periodLabels(p);
  return (
    <>
      <CostPageHead title={<>Team {team}</>} params={p} query={query} />
      <Suspense fallback={<TableSkeleton rows={8} />}>
        <TeamBody team={team} filters={filters} chartFrom={p.chartFrom} idle={p.idle} period={period} query={query} />
      </Suspense>
    </>
  );
}

async function TeamBody({ team, filters, chartFrom, idle, period, query }: {
  team: string; filters: CostFilters; chartFrom: Date; idle: IdleMode; period: string; query: string;
}) {
  const db = await getDatabase();
  const options = { idle, defaults: allocationDefaults() };
  const [costs, workloads] = await Promise.all([
    getTeamAllocation(db, filters, options),
    getTopWorkloads(db, filters, { ...options, team, limit: Number.MAX_SAFE_INTEGER }),
  ]);
  const row = costs.teams.find((t) => t.team === team);
  if (!row) return <p className="muted" data-testid="no-cost">No cost recorded for team {team} in this window.</p>;
  const namespaces = byNamespace(workloads);
  const attribution = await getTeamAttribution(db, team, namespaces, filters, attributionConfig());
  return (
    <>
      <TeamFigures row={row} idle={idle} period={period} />
      <h2>Budget this month</h2>
      <Suspense fallback={<div className="skeleton" style={{ height: 24 }} />}>
        <BudgetUseSection team={team} />
      </Suspense>
      <h2>Right-sizing</h2>
      <Suspense fallback={<div className="skeleton" style={{ height: 24 }} />}>
        <TeamRightsizing team={team} />
      </Suspense>
      <h2>Delivery, {period}</h2>
      <Suspense fallback={<CardsSkeleton />}>
        <DeliveryPanel team={team} filters={filters} query={query} />
      </Suspense>
      <h2>Daily cost, {day(chartFrom)} to {day(new Date(filters.to.getTime() - DAY_MS))}</h2>
      <p className="muted">Markers: days the team deployed (hover for what shipped and its cost impact).</p>
      <Suspense fallback={<div className="skeleton" style={{ height: 320 }} />}>
        <DailyCostSection filters={{ ...filters, from: chartFrom }} idle={idle} team={team} markers />
      </Suspense>
      <h2>Namespaces and how they were attributed</h2>
      <DataTable
        testId="team-namespaces"
        label="namespaces"
        rows={namespaces}
        rowKey={(n) => `${n.cluster}/${n.namespace}`}
        columns={[
          { header: 'Namespace', cell: (n) => <>{n.namespace} <span className="muted">· {n.cluster}</span></> },
          {
            header: 'Attributed by',
            cell: (n) => attribution.get(`${n.cluster}/${n.namespace}`)?.map(explain).join('; ') ?? <span className="muted">pods no longer present</span>,
          },
          { header: 'Cost', numeric: true, cell: (n) => formatUsd(n.costUsd, currency()) },
        ]}
      />
      <h2>Top workloads</h2>
      <WorkloadTable workloads={workloads.slice(0, 10)} testId="team-workloads" showCluster={!filters.cluster} showIdle={idle === 'share'} />
    </>
  );
}

/** The team's namespaces with the sum of their workloads' cost, largest first. */
function byNamespace(workloads: readonly WorkloadCost[]): { cluster: string; namespace: string; costUsd: number }[] {
  const sums = new Map<string, { cluster: string; namespace: string; costUsd: number }>();
  for (const w of workloads) {
    const key = `${w.cluster}/${w.namespace}`;
    const n = sums.get(key) ?? { cluster: w.cluster, namespace: w.namespace, costUsd: 0 };
    n.costUsd += w.costUsd;
    sums.set(key, n);
  }
  return [...sums.values()].sort((a, b) => b.costUsd - a.costUsd || a.cluster.localeCompare(b.cluster) || a.namespace.localeCompare(b.namespace));
}

/** The team's own monthly container saving over the configured lookback (as /rightsizing?team=…). */
async function TeamRightsizing({ team }: { team: string }) {
  const { startMs, endMs } = parseRightsizingParams({}, currentTime().getTime(), currentConfig().recommendations.lookbackDays);
  return <TeamRightsizingSaving team={team} startMs={startMs} endMs={endMs} />;
}
