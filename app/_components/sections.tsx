import { currentConfig } from '@/lib/settings/current';
import { getDatabase } from '@/lib/db/instance';
import { formatAge } from '@/lib/format';
import { IDLE_SERIES } from '@/lib/queries/get-daily-team-costs';
import { getDailyTeamAllocation, UNALLOCATED } from '@/lib/queries/get-daily-team-allocation';
import { SHARED } from '@/lib/cost/allocation-set';
import { allocationDefaults } from '@/lib/allocation/defaults';
import { getFreshness } from '@/lib/queries/get-freshness';
import { getTopWorkloads } from '@/lib/queries/get-top-workloads';
import type { CostFilters } from '@/lib/queries/filters';
import { DailyCostChart } from './charts/daily-cost-chart';
import { deploymentMarkerDays } from './deployment-markers';
import { WorkloadTable } from './workloads';

/** The currency money is shown in (tally.yaml `pricing.currency`, USD by default). */
export const currency = () => currentConfig().pricing.currency;

/** "prod: last collected 40 s ago", with a warning per cluster whose collection is failing. */
export async function Freshness() {
  const clusters = await getFreshness(await getDatabase());
  const now = new Date();
  if (clusters.length === 0) return <p className="muted">Nothing collected yet.</p>;
  return (
    <p className="freshness">
      {clusters.map((c) => (
        <span key={c.cluster} className={c.failing ? 'warning' : 'muted'} role={c.failing ? 'alert' : undefined}>
          {c.cluster}: last collected {c.lastCollectedAt ? formatAge(c.lastCollectedAt, now) : 'never'}
          {c.failing ? ` — collection is failing: ${c.lastError ?? 'unknown error'}` : ''}
        </span>
      ))}
    </p>
  );
}

/**
 * The stacked daily chart from the engine: teams (shared costs spread, as in the team table),
 * then idle; with `team`, that team's series alone (`__unallocated__` for cost without a team),
 * and with `markers` too, a marker on each day the team deployed.
 */
export async function DailyCostSection({ filters, idle, team, markers }: { filters: CostFilters; idle: 'separate' | 'share'; team?: string; markers?: boolean }) {
  const db = await getDatabase();
  const [daily, markerDays] = await Promise.all([
    getDailyTeamAllocation(db, filters, { idle, defaults: allocationDefaults() }),
    markers && team !== undefined ? deploymentMarkerDays(db, filters, team) : Promise.resolve(undefined),
  ]);
  // Named as in the team table: cost without a team is "unallocated".
  const rename = (name: string) => (name === UNALLOCATED ? 'unallocated' : name === SHARED ? 'shared, not spread' : name);
  const series = team === undefined ? daily.series : daily.series.filter((s) => s === team);
  const rows = daily.rows.map((row) => Object.fromEntries(Object.entries(row).filter(([key]) => key === 'day' || series.includes(key)).map(([key, value]) => [rename(key), value])));
  return <DailyCostChart rows={rows} series={series.map(rename)} idleSeries={IDLE_SERIES} currency={currency()} markers={markerDays} />;
}

/** The ten workloads that cost most, with their team, namespace and efficiency, as the team table counts them. */
export async function TopWorkloadsSection({ filters, idle }: { filters: CostFilters; idle: 'separate' | 'share' }) {
  const defaults = allocationDefaults();
  const workloads = await getTopWorkloads(await getDatabase(), filters, { idle, defaults });
  if (workloads.length === 0) return <p className="muted">No workload cost recorded in this window.</p>;
  return (
    <>
      <WorkloadTable workloads={workloads} testId="top-workloads" showCluster={!filters.cluster} showTeam showIdle={idle === 'share'} showEfficiency />
      {defaults.shareNamespaces.length ? (
        <p className="muted">Workloads in the shared namespaces ({defaults.shareNamespaces.join(', ')}) are spread over the teams (their Shared column), not listed.</p>
      ) : null}
    </>
  );
}
