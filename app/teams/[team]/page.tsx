import Link from 'next/link';
import { Suspense } from 'react';
import { attributionConfig } from '@/lib/allocation/defaults';
import { getDatabase } from '@/lib/db/instance';
import { formatUsd } from '@/lib/format';
import type { AttributionCount } from '@/lib/queries/get-team-namespaces';
import { getTeamNamespaces } from '@/lib/queries/get-team-namespaces';
import { getTopWorkloads } from '@/lib/queries/get-top-workloads';
import { TableSkeleton } from '../../_components/skeletons';
import { currency } from '../../_components/sections';
import { parseOverviewParams, queryString } from '../../_lib/overview-params';

export const dynamic = 'force-dynamic';

const day = (d: Date) => d.toISOString().slice(0, 10);

/** "namespace label team", "pod label owner on 3 pods", "tally.yaml namespace map". */
function explain(a: AttributionCount): string {
  const pods = `${a.pods} pod${a.pods === 1 ? '' : 's'}`;
  if (a.source === 'pod-label') return `pod label "${a.key}" (${pods})`;
  if (a.source === 'namespace-label') return `namespace label "${a.key}" (${pods})`;
  if (a.source === 'namespace-map') return `tally.yaml namespace map (${pods})`;
  return `no team (${pods})`;
}

export default async function TeamPage({ params, searchParams }: {
  params: Promise<{ team: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { team: rawTeam } = await params;
  const team = decodeURIComponent(rawTeam).slice(0, 253);
  const search = await searchParams;
  const filters = parseOverviewParams(search, new Date());
  const window = { cluster: filters.cluster, from: filters.from, to: filters.to };
  const query = queryString(search, ['cluster', 'from', 'to', 'idle']);
  return (
    <>
      <p><Link href={`/?${query}`}>← Overview</Link></p>
      <h1>Team {team}</h1>
      <p className="muted">
        {day(filters.from)} to {day(new Date(filters.to.getTime() - 86_400_000))} (UTC){filters.cluster ? `, cluster ${filters.cluster}` : ', all clusters'}
      </p>
      <h2>Namespaces and how they were attributed</h2>
      <Suspense fallback={<TableSkeleton rows={4} />}>
        <TeamNamespaces team={team} filters={window} />
      </Suspense>
      <h2>Top workloads</h2>
      <Suspense fallback={<TableSkeleton rows={10} />}>
        <TeamWorkloads team={team} filters={window} />
      </Suspense>
    </>
  );
}

async function TeamNamespaces({ team, filters }: { team: string; filters: { cluster?: string; from: Date; to: Date } }) {
  const namespaces = await getTeamNamespaces(await getDatabase(), team, filters, attributionConfig());
  if (namespaces.length === 0) return <p className="muted">No cost recorded for team {team} in this window.</p>;
  return (
    <table data-testid="team-namespaces">
      <thead>
        <tr>
          <th>Namespace</th>
          <th>Attributed by</th>
          <th className="num">Cost</th>
        </tr>
      </thead>
      <tbody>
        {namespaces.map((n) => (
          <tr key={`${n.cluster}/${n.namespace}`}>
            <td>{n.namespace} <span className="muted">· {n.cluster}</span></td>
            <td>{n.attribution.length ? n.attribution.map(explain).join('; ') : <span className="muted">pods no longer present</span>}</td>
            <td className="num">{formatUsd(n.costUsd, currency())}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

async function TeamWorkloads({ team, filters }: { team: string; filters: { cluster?: string; from: Date; to: Date } }) {
  const workloads = await getTopWorkloads(await getDatabase(), filters, 10, team);
  if (workloads.length === 0) return <p className="muted">No workloads.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>Workload</th>
          <th>Namespace</th>
          <th className="num">Cost</th>
        </tr>
      </thead>
      <tbody>
        {workloads.map((w) => (
          <tr key={`${w.cluster}/${w.namespace}/${w.controllerKind}/${w.controllerName}`}>
            <td>{w.controllerName} <span className="muted">{w.controllerKind}</span></td>
            <td>{w.namespace}</td>
            <td className="num">{formatUsd(w.costUsd, currency())}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
