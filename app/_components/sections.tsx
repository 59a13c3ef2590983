import { getDatabase } from '@/lib/db/instance';
import { formatAge, formatPercent, formatUsd } from '@/lib/format';
import { getDailyTeamCosts, IDLE_SERIES } from '@/lib/queries/get-daily-team-costs';
import { getFreshness } from '@/lib/queries/get-freshness';
import { getIdleCost } from '@/lib/queries/get-idle-cost';
import { getTeamCosts } from '@/lib/queries/get-team-costs';
import { getTopWorkloads } from '@/lib/queries/get-top-workloads';
import type { CostFilters } from '@/lib/queries/filters';
import { DailyCostChart } from './charts/daily-cost-chart';

const CURRENCY = 'USD';

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

/** KPI cards (total, idle and its share of node cost) and the team table, for one window. */
export async function TeamCostSection({ filters, period }: { filters: CostFilters; period: string }) {
  const db = await getDatabase();
  const [costs, idle] = await Promise.all([getTeamCosts(db, filters), getIdleCost(db, filters)]);
  return (
    <>
      <div className="cards">
        <div className="card">
          <div className="card-label">Total cost, {period}</div>
          <div className="card-value" data-testid="total-cost">{formatUsd(costs.totalUsd, CURRENCY)}</div>
        </div>
        <div className="card">
          <div className="card-label">Idle cost, {period}</div>
          <div className="card-value">{formatUsd(idle.idleUsd, CURRENCY)}</div>
          <div className="muted">{formatPercent(idle.share)} of node cost</div>
        </div>
        <div className="card">
          <div className="card-label">Teams</div>
          <div className="card-value">{costs.teams.length}</div>
        </div>
      </div>
      <h2>Cost per team</h2>
      <table data-testid="team-costs">
        <thead>
          <tr>
            <th>Team</th>
            <th className="num">Cost</th>
            <th className="num">Share</th>
          </tr>
        </thead>
        <tbody>
          {costs.teams.length === 0 ? (
            <tr>
              <td colSpan={3} className="muted">No cost recorded in this window.</td>
            </tr>
          ) : null}
          {costs.teams.map((t) => (
            <tr key={t.team}>
              <td>{t.team}</td>
              <td className="num">{formatUsd(t.costUsd, CURRENCY)}</td>
              <td className="num">{formatPercent(t.share)}</td>
            </tr>
          ))}
          <tr className="muted">
            <td>idle</td>
            <td className="num">{formatUsd(costs.idleUsd, CURRENCY)}</td>
            <td className="num">{formatPercent(costs.totalUsd > 0 ? costs.idleUsd / costs.totalUsd : 0)}</td>
          </tr>
        </tbody>
      </table>
    </>
  );
}

/** The stacked daily chart: teams, then idle. */
export async function DailyCostSection({ filters }: { filters: CostFilters }) {
  const daily = await getDailyTeamCosts(await getDatabase(), filters);
  return <DailyCostChart rows={daily.rows} series={daily.series} idleSeries={IDLE_SERIES} currency={CURRENCY} />;
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
            <td>{w.team}</td>
            <td>{w.namespace}</td>
            <td className="num">{formatUsd(w.costUsd, CURRENCY)}</td>
            <td className="num">{percent(w.cpuEfficiency)}</td>
            <td className="num">{percent(w.memoryEfficiency)}</td>
            <td className="num">{percent(w.totalEfficiency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
