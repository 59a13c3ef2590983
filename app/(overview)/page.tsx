import { Suspense } from 'react';
import { getDatabase } from '@/lib/db/instance';
import { getBackfillProgress } from '@/lib/queries/get-backfill-progress';
import { getClusters } from '@/lib/queries/get-clusters';
import { DailyCostSection, Freshness, TopWorkloadsSection } from '../_components/sections';
import { BudgetUseSection } from '../_components/budget-use';
import { NodePoolSection } from '../_components/node-pools';
import { TeamCostSection } from '../_components/team-costs';
import { CardsSkeleton, TableSkeleton } from '../_components/skeletons';
import { Filters } from '../_components/filters';
import { parseOverviewParams, periodLabels, queryString } from '../_lib/overview-params';

export const dynamic = 'force-dynamic';

const day = (d: Date) => d.toISOString().slice(0, 10);

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const search = await searchParams;
  const params = parseOverviewParams(search, new Date());
  const query = queryString(search, ['cluster', 'from', 'to', 'idle']);
  const clusters = await getClusters(await getDatabase());
  const notices = params.notice ? [params.notice] : [];
  let cluster = params.cluster;
  if (cluster !== undefined && !clusters.includes(cluster)) {
    notices.push(`no cluster named ${JSON.stringify(cluster.slice(0, 60))}: showing all clusters`);
    cluster = undefined;
  }
  const backfill = getBackfillProgress();
  const filters = { cluster, from: params.from, to: params.to };
  const { lastDay, period } = periodLabels(params);
  return (
    <>
      <div className="page-head">
        <h1>Overview</h1>
        <Filters clusters={clusters} cluster={cluster ?? ''} from={day(params.from)} to={lastDay} />
      </div>
      {backfill ? <p className="banner">backfilling: {backfill.percent}%</p> : null}
      {notices.length ? <p className="banner warning">{notices.join('; ')}</p> : null}
      <Suspense fallback={<p className="skeleton">Checking collection…</p>}>
        <Freshness />
      </Suspense>
      <p className="muted">
        {day(params.from)} to {lastDay} (UTC){cluster ? `, cluster ${cluster}` : ', all clusters'}
      </p>
      <Suspense fallback={<><CardsSkeleton /><TableSkeleton rows={6} /></>}>
        <TeamCostSection filters={filters} period={period} idle={params.idle} query={query} />
      </Suspense>
      <h2>Budgets this month</h2>
      <Suspense fallback={<TableSkeleton rows={3} />}>
        <BudgetUseSection />
      </Suspense>
      <h2>Daily cost, {day(params.chartFrom)} to {lastDay}</h2>
      <Suspense fallback={<div className="skeleton" style={{ height: 320 }} />}>
        <DailyCostSection filters={{ ...filters, from: params.chartFrom }} idle={params.idle} />
      </Suspense>
      <h2>Top 10 workloads</h2>
      <Suspense fallback={<TableSkeleton rows={10} />}>
        <TopWorkloadsSection filters={filters} idle={params.idle} />
      </Suspense>
      <h2>Node pools</h2>
      <Suspense fallback={<TableSkeleton rows={3} />}>
        <NodePoolSection filters={filters} />
      </Suspense>
    </>
  );
}
