import { Suspense } from 'react';
import { currentConfig } from '@/lib/settings/current';
import { currentTime } from '@/lib/util/clock';
import { TableSkeleton } from '../_components/skeletons';
import { teamLabel } from '../_lib/team-param';
import { parseRightsizingParams } from './params';
import { RightsizingSections } from './sections';

export const dynamic = 'force-dynamic';

type Search = Record<string, string | string[] | undefined>;

const WINDOWS = ['7d', '14d', '30d', '90d'];

/**
 * Right-sizing (issue 10 §5): what right-sizing every container's requests would save a month,
 * per team and per workload container, from the stored usage rollups of the window in the URL.
 */
export default async function RightsizingPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const { lookbackDays } = currentConfig().recommendations;
  const p = parseRightsizingParams(search, currentTime().getTime(), lookbackDays);
  const windows = WINDOWS.includes(p.window) ? WINDOWS : [p.window, ...WINDOWS];
  return (
    <>
      <div className="page-head">
        <h1>Right-sizing</h1>
        <form className="filters" method="get" action="/rightsizing">
          <label>
            Lookback{' '}
            <select name="window" defaultValue={p.window}>
              {windows.map((w) => <option key={w} value={w}>{w}</option>)}
            </select>
          </label>
          <label>
            Strategy{' '}
            <select name="strategy" defaultValue={p.strategy}>
              <option value="simple">simple (KRR)</option>
              <option value="vpa">vpa</option>
            </select>
          </label>
          <label>
            Team <input name="team" defaultValue={p.team ?? ''} placeholder="all teams" />
          </label>
          <button type="submit">Apply</button>
        </form>
      </div>
      {p.notices.length ? <p className="banner warning">{p.notices.join('; ')}</p> : null}
      <p className="muted">
        Lookback {p.window} ({new Date(p.startMs).toISOString().slice(0, 16)}Z to {new Date(p.endMs).toISOString().slice(0, 16)}Z), strategy {p.strategy},{' '}
        {p.team === undefined ? 'all teams' : `team ${teamLabel(p.team)}`}. A saving is the change in requests × the price of the nodes the pods ran on × 730 h × replicas.
      </p>
      <Suspense fallback={<TableSkeleton rows={8} />}>
        <RightsizingSections startMs={p.startMs} endMs={p.endMs} strategy={p.strategy} team={p.team} />
      </Suspense>
    </>
  );
}
