import { currentConfig } from '@/lib/settings/current';
import { getDatabase } from '@/lib/db/instance';
import { formatAge, formatPercent, formatUsd } from '@/lib/format';
import { IDLE_SERIES } from '@/lib/queries/get-daily-team-costs';
import { getDailyTeamAllocation, UNALLOCATED } from '@/lib/queries/get-daily-team-allocation';
import { SHARED } from '@/lib/cost/allocation-set';
import { UNASSIGNED_TEAM } from '@/lib/cost/attribution';
import { allocationDefaults } from '@/lib/allocation/defaults';
import { getFreshness } from '@/lib/queries/get-freshness';
import { getTopWorkloads } from '@/lib/queries/get-top-workloads';
import type { CostFilters } from '@/lib/queries/filters';
import { DailyCostChart } from './charts/daily-cost-chart';

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

/** The stacked daily chart from the engine: teams (shared costs spread, as in the team table), then idle. */
export async function DailyCostSection({ filters, idle }: { filters: CostFilters; idle: 'separate' | 'share' }) {
  const daily = await getDailyTeamAllocation(await getDatabase(), filters, { idle, defaults: allocationDefaults() });
  // Named as in the team table: cost without a team is "unallocated".
  const rename = (name: string) => (name === UNALLOCATED ? 'unallocated' : name === SHARED ? 'shared, not spread' : name);
  const rows = daily.rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [rename(key), value])));
  return <DailyCostChart rows={rows} series={daily.series.map(rename)} idleSeries={IDLE_SERIES} currency={currency()} />;
}

/** The ten workloads that cost most, with their team, namespace and efficiency. */
export async function TopWorkloadsSection({ filters }: { filters: CostFilters }) {
  const workloads = await getTopWorkloads(await getDatabase(), filters);
  const percent = (x: number | null) => (x === null ? '—' : formatPercent(x));
  if (workloads.length === 0) return <p className="muted">No workload cost recorded in this window.</p>;
  return (
    <table data-testid="top-workloads">
      <thead>
        <tr>
          <th>Workload</th>
          <th>Team</th>
          <th>Namespace</th>
          <th className="num">Cost</th>
          <th className="num">CPU eff.</th>
          <th className="num">Memory eff.</th>
          <th className="num">Efficiency</th>
        </tr>
      </thead>
      <tbody>
        {workloads.map((w) => (
          <tr key={`${w.cluster}/${w.namespace}/${w.controllerKind}/${w.controllerName}`}>
            <td>
              {w.controllerName} <span className="muted">{w.controllerKind}{filters.cluster ? '' : ` · ${w.cluster}`}</span>
            </td>
            <td>{w.team === UNASSIGNED_TEAM ? 'unallocated' : w.team}</td>
            <td>{w.namespace}</td>
            <td className="num">{formatUsd(w.costUsd, currency())}</td>
            <td className="num">{percent(w.cpuEfficiency)}</td>
            <td className="num">{percent(w.memoryEfficiency)}</td>
            <td className="num">{percent(w.totalEfficiency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
