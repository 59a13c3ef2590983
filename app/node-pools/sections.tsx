import Link from 'next/link';
import type { ProfileName } from '@/lib/capacity/pool-plan';
import { getDatabase } from '@/lib/db/instance';
import { formatUsd } from '@/lib/format';
import { nodePoolsOut, type NodePoolsOut } from '@/lib/http/node-pools';
import { getNodePoolPlan } from '@/lib/queries/get-node-pool-plan';
import { getPoolUtilizationDaily } from '@/lib/queries/get-pool-utilization-daily';
import { currentConfig } from '@/lib/settings/current';
import { PoolUtilizationChart, type PoolDayPoint } from '../_components/charts/pool-utilization-chart';
import { DataTable } from '../_components/data-table';
import { teamLabel } from '../_lib/team-param';

type Pool = NodePoolsOut['data'][number];

const DAY_MS = 86_400_000;
const CHART_DAYS = 14;
const percent = (ratio: number) => `${(ratio * 100).toFixed(0)}%`;
const lines = (nodes: readonly { instanceType: string; count: number }[]) => nodes.map((l) => `${l.instanceType} × ${l.count}`).join(', ') || '—';

/** The cluster's headline (today, plan, saving once, per team), each pool today vs its plan, and each pool's utilisation per day. */
export async function NodePoolSections({ cluster, profile, requests, nowMs }: { cluster: string | undefined; profile: ProfileName; requests: 'current' | 'recommended'; nowMs: number }) {
  const db = await getDatabase();
  const now = new Date(nowMs);
  const todayMs = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const [plan, days] = await Promise.all([
    getNodePoolPlan(db, { cluster, profile, requests, windowDays: 7, now, config: currentConfig() }),
    getPoolUtilizationDaily(db, { cluster, from: new Date(todayMs - (CHART_DAYS - 1) * DAY_MS), to: new Date(todayMs + DAY_MS) }),
  ]);
  const { data: pools, cluster: total } = nodePoolsOut(plan.pools, plan.cluster, { profile, requests });
  if (pools.length === 0) return <p className="muted" data-testid="no-node-pools">No nodes in the latest scrape.</p>;
  const delta = total.monthlyCostUsd - total.todayMonthlyCostUsd;
  return (
    <>
      <p data-testid="node-pools-headline">
        Nodes today: <strong data-testid="node-pools-today">{formatUsd(total.todayMonthlyCostUsd)}</strong> a month; the {profile} plan
        {requests === 'recommended' ? ' with right-sized requests' : ' with today’s requests'}: <strong data-testid="node-pools-plan">{formatUsd(total.monthlyCostUsd)}</strong>.{' '}
        {total.monthlySavingUsd > 0
          ? <>Saving <strong data-testid="node-pools-saving">{formatUsd(total.monthlySavingUsd)}</strong> a month.</>
          : <span data-testid="node-pools-no-saving">No saving: the plan costs {formatUsd(Math.max(0, delta))} more than today.</span>}
      </p>
      {total.teams.length > 0 && total.monthlySavingUsd > 0 ? (
        <>
          <h2>The saving per team</h2>
          <p className="muted">Split by each team&apos;s share of the {total.splitBasis === 'freed-requests' ? 'requests right-sizing frees' : 'requests packed'}.</p>
          <DataTable
            testId="node-pools-teams"
            label="saving per team"
            rows={total.teams}
            rowKey={(t) => t.team}
            columns={[
              { header: 'Team', cell: (t) => <Link href={`/teams/${encodeURIComponent(t.team)}`}>{teamLabel(t.team)}</Link> },
              { header: 'Share', cell: (t) => percent(t.share), numeric: true },
              { header: 'Saving / month', cell: (t) => formatUsd(t.monthlySavingUsd), numeric: true },
            ]}
          />
        </>
      ) : null}
      <h2>Per pool: today and the plan</h2>
      <DataTable
        testId="node-pools-plan-table"
        label="node pools and their plans"
        rows={pools}
        rowKey={(p: Pool) => `${p.cluster}/${p.pool}`}
        columns={[
          { header: 'Pool', cell: (p) => <>{p.pool}<br /><span className="muted">{p.cluster} · {p.capacityType}</span></> },
          { header: 'Today', cell: (p) => <>{p.nodes} × {p.instanceTypes.join(', ')}</> },
          { header: 'Requested (CPU / mem)', cell: (p) => `${percent(p.cpuRequestUtilization)} / ${percent(p.memoryRequestUtilization)}`, numeric: true },
          { header: 'Used (CPU / mem)', cell: (p) => `${percent(p.cpuUsageUtilization)} / ${percent(p.memoryUsageUtilization)}`, numeric: true },
          { header: 'Cost / month', cell: (p) => formatUsd(p.monthlyCostUsd), numeric: true },
          { header: 'Plan', cell: (p) => lines(p.plan.nodes) },
          { header: 'Plan / month', cell: (p) => formatUsd(p.plan.monthlyCostUsd), numeric: true },
          {
            header: 'Delta / month',
            numeric: true,
            cell: (p) => {
              const d = p.plan.monthlyCostUsd - p.monthlyCostUsd;
              return <span data-delta={d < 0 ? 'saving' : 'cost'}>{d > 0 ? '+' : ''}{formatUsd(d)}</span>;
            },
          },
          { header: 'What blocks a smaller plan', className: 'muted', cell: (p) => (p.plan.blockers.length ? p.plan.blockers.map((b) => <div key={b.message}>{b.message}</div>) : '—') },
        ]}
      />
      <h2>Utilisation over the last {CHART_DAYS} days</h2>
      <div className="chart-grid">
        {pools.map((p) => (
          <PoolUtilizationChart key={`${p.cluster}/${p.pool}`} pool={cluster ? p.pool : `${p.cluster}/${p.pool}`} days={chartDays(days, p)} />
        ))}
      </div>
    </>
  );
}

function chartDays(days: Awaited<ReturnType<typeof getPoolUtilizationDaily>>, pool: Pool): PoolDayPoint[] {
  return days.filter((d) => d.cluster === pool.cluster && d.pool === pool.pool).map((d) => ({
    day: new Date(d.dayStartMs).toISOString().slice(0, 10), nodes: d.nodes,
    cpuRequest: d.cpuRequestUtilization, memoryRequest: d.memoryRequestUtilization, cpuUsage: d.cpuUsageUtilization, memoryUsage: d.memoryUsageUtilization,
  }));
}
