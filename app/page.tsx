import { Suspense } from 'react';
import { getDatabase } from '@/lib/db/instance';
import { getClusters } from '@/lib/queries/get-clusters';
import { getBackfillState } from '@/lib/ingest/backfill-state';
import { DailyCostSection, Freshness, TeamCostSection, TopWorkloadsSection } from './_components/sections';
import { Filters } from './_components/filters';
import { parseOverviewParams } from './_lib/overview-params';

export const dynamic = 'force-dynamic';

const day = (d: Date) => d.toISOString().slice(0, 10);

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = parseOverviewParams(await searchParams, new Date());
  const clusters = await getClusters(await getDatabase());
  const backfill = getBackfillState();
  const filters = { cluster: params.cluster, from: params.from, to: params.to };
  const lastDay = day(new Date(params.to.getTime() - 86_400_000));
  return (
    <>
      <div className="page-head">
        <h1>Overview</h1>
        <Filters clusters={clusters} cluster={params.cluster ?? ''} from={day(params.from)} to={lastDay} />
      </div>
      {backfill?.running ? <p className="banner">backfilling: {backfill.percent}%</p> : null}
      {params.notice ? <p className="banner warning">{params.notice}</p> : null}
      <Suspense fallback={<p className="skeleton">Checking collection…</p>}>
        <Freshness />
      </Suspense>
      <p className="muted">
        {day(params.from)} to {lastDay} (UTC){params.cluster ? `, cluster ${params.cluster}` : ', all clusters'}
      </p>
      <Suspense fallback={<div className="skeleton" style={{ height: 200 }} />}>
        <TeamCostSection filters={filters} />
      </Suspense>
      <h2>Daily cost, last 30 days</h2>
      <Suspense fallback={<div className="skeleton" style={{ height: 320 }} />}>
        <DailyCostSection filters={{ ...filters, from: params.chartFrom }} />
      </Suspense>
      <h2>Top 10 workloads</h2>
      <Suspense fallback={<div className="skeleton" style={{ height: 200 }} />}>
        <TopWorkloadsSection filters={filters} />
      </Suspense>
    </>
  );
}
