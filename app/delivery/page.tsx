import { Suspense } from 'react';
import { UNASSIGNED_TEAM } from '@/lib/cost/attribution';
import { getDatabase } from '@/lib/db/instance';
import { getClusters } from '@/lib/queries/get-clusters';
import { DeliveryTeamsSection, DeliveryTrendSection, DoraCaution, LeadTimeSection } from '../_components/delivery-sections';
import { Filters } from '../_components/filters';
import { TableSkeleton } from '../_components/skeletons';
import { parseOverviewParams, periodLabels, queryString } from '../_lib/overview-params';
import { parseTeamParam, teamLabel } from '../_lib/team-param';
import { PlatformSection } from './platform-section';

export const dynamic = 'force-dynamic';

type Search = Record<string, string | string[] | undefined>;

/** The `team` the charts are filtered on: a stored team name, `unassigned` for rollouts without one; a bad value is ignored with a notice. */
function parseTeamFilter(search: Search): { team: string | undefined; notice: string | null } {
  const raw = Array.isArray(search.team) ? search.team[0] : search.team;
  if (raw === undefined || raw === '') return { team: undefined, notice: null };
  const parsed = parseTeamParam(raw);
  if (parsed.kind === 'invalid') return { team: undefined, notice: 'ignored the team (not a team name): charting all teams' };
  return { team: parsed.kind === 'unallocated' ? UNASSIGNED_TEAM : parsed.team, notice: null };
}

/**
 * Delivery (issue 9 §4): the four keys and rework per team with their DORA tiers, weekly trends
 * and the lead-time distribution (of all teams or the `team` in the URL), over the window of the URL.
 */
export default async function DeliveryPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const params = parseOverviewParams(search, new Date());
  const { team, notice: teamNotice } = parseTeamFilter(search);
  const clusters = await getClusters(await getDatabase());
  const notices = [params.notice, teamNotice].filter((n): n is string => n !== null);
  let cluster = params.cluster;
  if (cluster !== undefined && !clusters.includes(cluster)) {
    notices.push(`no cluster named ${JSON.stringify(cluster.slice(0, 60))}: showing all clusters`);
    cluster = undefined;
  }
  const filters = { cluster, from: params.from, to: params.to };
  const query = queryString(search, ['cluster', 'from', 'to', 'team']);
  const { firstDay, lastDay } = periodLabels(params);
  const whose = team === undefined ? 'all teams' : `team ${teamLabel(team)}`;
  return (
    <>
      <div className="page-head">
        <h1>Delivery</h1>
        <Filters clusters={clusters} cluster={cluster ?? ''} from={firstDay} to={lastDay} />
      </div>
      {notices.length ? <p className="banner warning">{notices.join('; ')}</p> : null}
      <p className="muted">
        {firstDay} to {lastDay} (UTC){cluster ? `, cluster ${cluster}` : ', all clusters'}: deployments count on the day they finished, or failed.
      </p>
      <DoraCaution />
      <h2>The four keys and rework, per team</h2>
      <Suspense fallback={<TableSkeleton rows={6} />}>
        <DeliveryTeamsSection filters={filters} query={query} team={team} />
      </Suspense>
      <h2 id="trends">Weekly trends, {whose}</h2>
      <p className="muted">UTC weeks from Monday; the first and last week count only their days inside the window.</p>
      <Suspense fallback={<div className="skeleton" style={{ height: 240 }} />}>
        <DeliveryTrendSection filters={filters} team={team} />
      </Suspense>
      <h2>Lead time for changes, {whose}</h2>
      <Suspense fallback={<div className="skeleton" style={{ height: 260 }} />}>
        <LeadTimeSection filters={filters} team={team} />
      </Suspense>
      <h2 id="platform">Platform time to market, per team</h2>
      <p className="muted">
        How long the platform makes each team wait: pod startup (created → Ready) and scheduling (created → scheduled),
        time pods spent Unschedulable, a new namespace&apos;s time to its first deployment, and new nodes&apos; time to Ready.
      </p>
      <Suspense fallback={<TableSkeleton rows={6} />}>
        <PlatformSection from={filters.from} to={filters.to} cluster={cluster} />
      </Suspense>
    </>
  );
}
