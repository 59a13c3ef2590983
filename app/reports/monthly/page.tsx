import { Suspense } from 'react';
import { getDatabase } from '@/lib/db/instance';
import { getClusters } from '@/lib/queries/get-clusters';
import { currentTime } from '@/lib/util/clock';
import { TableSkeleton } from '../../_components/skeletons';
import { parseMonthlyPageParams, recentMonths } from './params';
import { MonthlyReportSections } from './sections';

export const dynamic = 'force-dynamic';

type Search = Record<string, string | string[] | undefined>;

/**
 * The monthly report (issue 11 §1): what each team cost in the month of the URL, against last
 * month and its budget, where the month will land, and what moved it; the same figures as
 * `GET /api/v1/reports/monthly`.
 */
export default async function MonthlyReportPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const nowMs = currentTime().getTime();
  const p = parseMonthlyPageParams(search, nowMs);
  const clusters = await getClusters(await getDatabase());
  const notices = [...p.notices];
  let cluster = p.cluster;
  if (cluster !== undefined && !clusters.includes(cluster)) {
    notices.push(`no cluster named ${JSON.stringify(cluster.slice(0, 60))}: showing all clusters`);
    cluster = undefined;
  }
  const months = recentMonths(nowMs);
  const query = new URLSearchParams({ month: p.month, ...(cluster ? { cluster } : {}), ...(p.idle === 'share' ? { idle: 'shared' } : {}) });
  return (
    <>
      <div className="page-head">
        <h1>Monthly report</h1>
        <form className="filters" method="get" action="/reports/monthly">
          <label>
            Month{' '}
            <select name="month" defaultValue={p.month}>
              {(months.includes(p.month) ? months : [p.month, ...months]).map((m) => <option key={m} value={m}>{m}</option>)}
            </select>
          </label>
          <label>
            Cluster{' '}
            <select name="cluster" defaultValue={cluster ?? ''}>
              <option value="">all clusters</option>
              {clusters.map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
          </label>
          <label>
            Idle{' '}
            <select name="idle" defaultValue={p.idle === 'share' ? 'shared' : 'separate'}>
              <option value="separate">its own line</option>
              <option value="shared">shared over the teams</option>
            </select>
          </label>
          <button type="submit">Apply</button>
        </form>
      </div>
      {notices.length ? <p className="banner warning">{notices.join('; ')}</p> : null}
      <p className="muted no-print">
        Download: <a href={`/api/v1/reports/monthly?${query}&format=csv`} data-testid="report-csv">report (CSV)</a> ·{' '}
        <a href={`/api/v1/export?${query}&format=focus`} data-testid="report-focus" download>FOCUS (per workload and day)</a> ·{' '}
        <a href={`/api/v1/export?${query}&format=csv`} data-testid="report-allocations-csv" download>allocations (CSV)</a> ·{' '}
        <a href={`/api/v1/reports/monthly?${query}`}>JSON</a> · print this page for one statement per team
      </p>
      <Suspense fallback={<TableSkeleton rows={8} />}>
        <MonthlyReportSections month={p.month} cluster={cluster} idle={p.idle} nowMs={nowMs} />
      </Suspense>
    </>
  );
}
